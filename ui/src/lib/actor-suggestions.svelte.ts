// Actor names for an input's autocomplete, asked of the database as the user
// types (a page of matches, never the whole actor table), and the actors seen
// so far by name, so a form can say "known: … (outlet)" for a typed name.
import type { ActorSummary } from './ipc/bindings';

type Suggest = (typed: string, limit: number) => Promise<ActorSummary[]>;

/** How a typed name is compared with names and aliases: NFC, lower case, single spaces. */
export const nameKey = (name: string) => name.normalize('NFC').toLowerCase().trim().split(/\s+/u).join(' ');

const PAUSE_MS = 120;
const LIMIT = 20;

export class ActorSuggestions {
  /** Names and aliases of the latest answer, for a <datalist>. */
  names = $state<string[]>([]);
  #byName = $state(new Map<string, ActorSummary>());
  #asked = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #suggest: Suggest;

  constructor(suggest: Suggest) {
    this.#suggest = suggest;
  }

  /** Asks for the actors matching `typed`, once the typing pauses. */
  lookUp(typed: string) {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.now(typed), PAUSE_MS);
  }

  /** Asks at once; an answer that arrives after a later question's is dropped. */
  async now(typed: string) {
    const asked = ++this.#asked;
    let found: ActorSummary[];
    try {
      found = await this.#suggest(typed, LIMIT);
    } catch {
      return; // Suggestions are a convenience: a failed lookup leaves the last ones.
    }
    this.#learn(found);
    if (asked === this.#asked) this.names = [...new Set(found.flatMap((a) => [a.name, ...a.aliases]))];
  }

  /**
   * Makes `known(name)` answer for a name filled in without typing (a restored
   * draft, a captured page): asks for the one best match, leaving `names` alone.
   */
  async remember(name: string) {
    if (!name.trim() || this.known(name)) return;
    try {
      this.#learn(await this.#suggest(name, 1));
    } catch {
      // As in now(): nothing is known, nothing is lost.
    }
  }

  #learn(found: ActorSummary[]) {
    if (found.length === 0) return;
    const byName = new Map(this.#byName);
    for (const a of found) for (const n of [a.name, ...a.aliases]) byName.set(nameKey(n), a);
    this.#byName = byName;
  }

  /** The actor a typed name or alias names, if it has been seen in an answer. */
  known(name: string): ActorSummary | undefined {
    return this.#byName.get(nameKey(name));
  }

  dispose() {
    clearTimeout(this.#timer);
  }
}
