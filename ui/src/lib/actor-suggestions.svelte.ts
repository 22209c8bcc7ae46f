// Actors asked of the database as the user types (a page of matches, never
// the whole actor table): the latest page, its names for an input's
// autocomplete, and the actors seen so far by name, so a form can say
// "known: … (outlet)" for a typed name.
import type { ActorSummary } from './ipc/bindings';
import { CommandFailure } from './ipc/failure';
import { Latest } from './latest';

type Suggest = (typed: string, limit: number) => Promise<ActorSummary[]>;

/** How a typed name is compared with names and aliases: NFC, lower case, single spaces. */
export const nameKey = (name: string) => name.normalize('NFC').toLowerCase().trim().split(/\s+/u).join(' ');

const PAUSE_MS = 120;

export class ActorSuggestions {
  /** The latest answer, in the database's order (an exact name first, then by name). */
  found = $state<ActorSummary[]>([]);
  /** Names and aliases of the latest answer, for a <datalist>. */
  names = $derived([...new Set(this.found.flatMap((a) => [a.name, ...a.aliases]))]);
  /** Why the latest question failed; the answer before it is kept. */
  failure = $state<string | null>(null);
  /** A question is on its way (or none has been answered yet). */
  loading = $state(true);
  #byName = $state(new Map<string, ActorSummary>());
  #latest = new Latest();
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** The last text given to lookUp(): its answer will teach known() that name. */
  #typed = '';
  #suggest: Suggest;
  #limit: number;

  /** `limit`: how many actors one answer holds at most. */
  constructor(suggest: Suggest, limit = 20) {
    this.#suggest = suggest;
    this.#limit = limit;
  }

  /** Asks for the actors matching `typed`, once the typing pauses. */
  lookUp(typed: string) {
    this.#typed = nameKey(typed);
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.now(typed), PAUSE_MS);
  }

  /** Asks at once; an answer that arrives after a later question's is dropped. */
  async now(typed: string) {
    const isLatest = this.#latest.ask();
    this.loading = true;
    let found: ActorSummary[];
    try {
      found = await this.#suggest(typed, this.#limit);
    } catch (e) {
      // A failed lookup leaves the last answer in place, and says why.
      if (isLatest()) [this.failure, this.loading] = [CommandFailure.from(e).message, false];
      return;
    }
    this.#learn(found);
    if (isLatest()) [this.found, this.failure, this.loading] = [found, null, false];
  }

  /**
   * Makes `known(name)` answer for a name filled in without typing (a restored
   * draft, a captured page): asks for the one best match, leaving `names` alone.
   */
  async remember(name: string) {
    // A name being typed is asked by lookUp() once the typing pauses: not twice.
    if (!name.trim() || this.known(name) || nameKey(name) === this.#typed) return;
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
