// How the window words the model: status names, counts, dates.
import type {
  ActorKind,
  DeadEndReason,
  ExportFormat,
  Hop,
  HopRole,
  MatchReason,
  Relation,
  Stance,
  Status,
  WarningKind,
} from './ipc/bindings';

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

// Each closed set the core sends has its words here, one Record per set: the
// type checker fails when the core adds a value and a label is missing.

// A hop's place in its chain, as the node says it; a plain relay says nothing.
const HOP_ROLES: Record<HopRole, string> = {
  origin: 'origin',
  dead_end: 'dead end',
  cycle: 'in a loop',
  dispute: '',
  relay: '',
};

export function hopRole(r: HopRole): string {
  return HOP_ROLES[r];
}

/** "Reuters, agency, origin": a node's actor, kind and role, for its label and the detail panel. */
export function describeHop(h: Pick<Hop, 'actor' | 'actor_kind' | 'role'>): string {
  const role = hopRole(h.role);
  return `${h.actor}, ${h.actor_kind}${role ? `, ${role}` : ''}`;
}

const DEAD_END_REASONS: Record<DeadEndReason, string> = {
  unidentified_source: 'the source is not named',
  unlocated_document: 'the document is not located',
};

export function deadEndReason(r: DeadEndReason): string {
  return DEAD_END_REASONS[r];
}

const WARNINGS: Record<WarningKind, string> = {
  false_corroboration: 'False corroboration',
  circular_reporting: 'Circular reporting',
  unlocated_source: 'Unlocated source',
};

export function warningTitle(k: WarningKind): string {
  return WARNINGS[k];
}

// The export formats, in the order the export menu offers them.
const EXPORT_FORMAT_LABELS: Record<ExportFormat, string> = {
  claimreview: 'ClaimReview',
  'prov-ttl': 'PROV Turtle',
  'prov-json': 'PROV-JSON',
  graphml: 'GraphML',
  gexf: 'GEXF',
  dot: 'DOT',
  'csl-json': 'CSL-JSON',
  annotations: 'Web Annotations',
  csv: 'CSV',
  bundle: 'Bundle',
};

export const EXPORT_FORMATS = Object.entries(EXPORT_FORMAT_LABELS) as [ExportFormat, string][];

/** `s` cut to `n` characters with an ellipsis, for a node's label; none for nothing. */
export function short(s: string | null, n: number): string {
  return s && s.length > n ? `${s.slice(0, n - 1)}…` : (s ?? '');
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
