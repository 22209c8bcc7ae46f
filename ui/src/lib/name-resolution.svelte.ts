// Which known actor each actor name of a form may be, asked of the database as
// the names are typed (`resolve_name`): a name that only looks like a known
// one ("Leonid Pasechnick") comes back with its candidates and why, for the
// checker to pick one or to say it is someone else. Saving asks once more for
// every name, so nothing is logged with a name she has not decided about.
import type { ActorKind, Candidate, Resolution } from './ipc/bindings';
import { CommandFailure } from './ipc/failure';
import { nameKey } from './actor-suggestions.svelte';
import { Latest } from './latest';

type Resolve = (name: string, kind: ActorKind | null, context: string[]) => Promise<Resolution>;

/** One actor field of a form: `field` names it (stable while the form is open). */
export interface NameField {
  field: string;
  name: string;
  kind: ActorKind | null;
}

/** A field whose name may be someone already known, and is not decided yet. */
export interface OpenName extends NameField {
  candidates: Candidate[];
}

interface Answer {
  /** The matching key of the name the answer is for. */
  key: string;
  resolution: Resolution;
}

const PAUSE_MS = 150;

/** The id a name resolved to on its own (its exact name or an alias). */
function resolvedId(r: Resolution): string | null {
  return r.resolution === 'exact' || r.resolution === 'alias' ? r.detail.id : null;
}

const questionOf = (f: NameField) => `${f.kind ?? ''}\u0000${nameKey(f.name)}`;

export class NameResolutions {
  /** The latest answer of each field; only ever shown for the name it is for. */
  #answers = $state<Record<string, Answer>>({});
  /** Names (by matching key) the checker said are someone new, not any of their candidates. */
  #someoneElse = $state<string[]>([]);
  /** The ids of the actors each of those names was offered as (by matching key). */
  #offered: Record<string, string[]> = {};
  /** Why the latest question failed. */
  failure = $state<string | null>(null);
  /** The questions of each field. */
  #latest: Record<string, Latest> = {};
  /** What each field was last asked about (key and kind), so an unchanged name is not asked again. */
  #question: Record<string, string> = {};
  #timers: Record<string, ReturnType<typeof setTimeout>> = {};
  #resolve: Resolve;

  constructor(resolve: Resolve) {
    this.#resolve = resolve;
  }

  /** Asks about a field's name once the typing pauses, unless it was asked about already. */
  check(f: NameField) {
    clearTimeout(this.#timers[f.field]);
    if (this.#question[f.field] === questionOf(f)) return;
    // A failure is kept in `failure`; the answer before it stays.
    this.#timers[f.field] = setTimeout(() => this.now(f).catch(() => {}), PAUSE_MS);
  }

  /**
   * Asks at once. An answer that arrives after a later question about the
   * same field is dropped, so a slow answer never shows for newer text.
   */
  async now(f: NameField): Promise<Resolution | null> {
    const key = nameKey(f.name);
    const isLatest = (this.#latest[f.field] ??= new Latest()).ask();
    if (!key) {
      delete this.#question[f.field];
      this.#forget(f.field);
      return null;
    }
    let resolution: Resolution;
    this.#question[f.field] = questionOf(f);
    try {
      resolution = await this.#resolve(f.name.trim(), f.kind, this.#context(f.field));
    } catch (e) {
      if (isLatest()) {
        this.failure = CommandFailure.from(e).message;
        delete this.#question[f.field];
      }
      throw e;
    }
    if (isLatest()) {
      this.#answers = { ...this.#answers, [f.field]: { key, resolution } };
      this.failure = null;
    }
    return resolution;
  }

  /** The candidates still to decide about for what `field` holds now: none once answered otherwise or decided. */
  candidates(field: string, name: string): Candidate[] {
    const key = nameKey(name);
    const a = this.#answers[field];
    if (!a || a.key !== key || a.resolution.resolution !== 'candidates' || this.isSomeoneElse(name)) return [];
    return a.resolution.detail;
  }

  /**
   * The checker says `name` is nobody the candidates name: it is logged as a
   * new actor, and not asked about again here. `offered`: the ids of the
   * actors it was offered as, recorded as different once it is logged.
   */
  someoneElse(name: string, offered: string[] = []) {
    const key = nameKey(name);
    if (!key) return;
    if (!this.#someoneElse.includes(key)) this.#someoneElse = [...this.#someoneElse, key];
    this.#offered[key] = [...new Set([...(this.#offered[key] ?? []), ...offered])];
  }

  /** The actors `name` was offered as and said to be none of (`markDistinctFrom` once logged). */
  offeredFor(name: string): string[] {
    return this.isSomeoneElse(name) ? (this.#offered[nameKey(name)] ?? []) : [];
  }

  isSomeoneElse(name: string): boolean {
    return this.#someoneElse.includes(nameKey(name));
  }

  /**
   * Asks about every field now (not trusting answers to earlier text) and
   * returns those whose name may be someone known and is not decided: the
   * form must not log until there are none. Rejects when a question fails.
   */
  async open(fields: NameField[]): Promise<OpenName[]> {
    for (const f of fields) clearTimeout(this.#timers[f.field]);
    const named = fields.filter((f) => nameKey(f.name));
    const answers = await Promise.all(named.map((f) => this.now(f)));
    return named.flatMap((f, i) => {
      const r = answers[i];
      if (r?.resolution !== 'candidates' || this.isSomeoneElse(f.name)) return [];
      return [{ ...f, candidates: r.detail }];
    });
  }

  /** Ids of the actors the other fields name exactly: a name that may be one of them ranks it first. */
  #context(except: string): string[] {
    const ids = Object.entries(this.#answers)
      .filter(([field]) => field !== except)
      .map(([, a]) => resolvedId(a.resolution))
      .filter((id): id is string => id !== null);
    return [...new Set(ids)];
  }

  #forget(field: string) {
    if (!(field in this.#answers)) return;
    const { [field]: _, ...rest } = this.#answers;
    this.#answers = rest;
  }

  dispose() {
    for (const t of Object.values(this.#timers)) clearTimeout(t);
  }
}
