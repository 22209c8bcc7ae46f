// How the window words the model: status names, counts, dates.
import type { ActorKind, MatchReason, Relation, Stance, Status } from './ipc/bindings';

export const STATUSES: readonly Status[] = ['unverified', 'contested', 'verified', 'false', 'misleading'];
export const ACTOR_KINDS: readonly ActorKind[] = ['person', 'outlet', 'agency', 'organisation', 'government', 'unidentified'];
export const RELATIONS: readonly Relation[] = ['quotes', 'paraphrases', 'cites', 'republishes'];
export const STANCES: readonly Stance[] = ['asserts', 'disputes'];

const STATUS_LABELS: Record<Status, string> = {
  unverified: 'Unverified',
  contested: 'Contested',
  verified: 'Verified',
  false: 'False',
  misleading: 'Misleading',
};

export function statusLabel(s: Status): string {
  return STATUS_LABELS[s];
}

// Why a known actor is offered for a typed name, in the words of the core's
// `MatchReason::describe` (the CLI's refusal line); a desktop test compares them.
const MATCH_REASONS: Record<MatchReason, string> = {
  spelling: 'same name, written differently',
  surname: 'surname of this person',
  full_name: 'known by this surname',
  typo: 'one letter apart',
  transliteration: 'another spelling of the same name',
  role: "matches this actor's role",
  domain: "this outlet's web domain",
  acronym: 'acronym of this name',
};

export function matchReason(r: MatchReason): string {
  return MATCH_REASONS[r];
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The row summary every list shows: relays are counted apart from independent sources. */
export function reach(outlets: number, origins: number): string {
  return `${plural(outlets, 'outlet')} / ${plural(origins, 'independent origin')}`;
}

/** A stored RFC 3339 stamp as a short local date and time; anything else is shown as stored. */
export function when(stamp: string | null | undefined): string {
  if (!stamp) return '';
  const d = new Date(stamp);
  if (Number.isNaN(d.getTime())) return stamp;
  if (/^\d{4}-\d{2}-\d{2}$/.test(stamp)) return stamp;
  return d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
