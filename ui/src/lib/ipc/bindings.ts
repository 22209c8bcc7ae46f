// Generated from the Rust types by `cargo test -p claimtrail-desktop --test bindings`
// (UPDATE_BINDINGS=1 to rewrite). Do not edit: the test fails when this file is stale.

export type ErrorKind = "invalid_input" | "not_found" | "ambiguous" | "not_a_database" | "schema_too_new" | "busy" | "storage" | "network" | "refused" | "read_only" | "disk_full" | "damaged";

export type IpcError = { kind: ErrorKind, message: string, };

export type ActorKind = "person" | "outlet" | "agency" | "organisation" | "government" | "unidentified";

export type AppearanceKind = "direct" | "indirect" | "mixed";

export type Stance = "asserts" | "disputes";

export type Relation = "quotes" | "paraphrases" | "cites" | "republishes";

export type Status = "unverified" | "contested" | "verified" | "false" | "misleading";

export type ListFilter = { status: Status | null, disputed: boolean | null, 
/**
 * Full-text search over claim text, quotes and actor names.
 */
search: string | null, 
/**
 * An actor name or alias: claims it made or carried.
 */
actor: string | null, case: string | null, 
/**
 * Only claims with this tag.
 */
tag?: string, 
/**
 * Only claims with a verdict recorded by this author.
 */
author?: string, 
/**
 * Only claims assigned to this person (letter case ignored).
 */
assignee?: string, 
/**
 * Only claims due before this day (`YYYY-MM-DD`).
 */
due_before?: string, 
/**
 * `due`: soonest due first, claims without a due date last (no paging
 * by `before`); otherwise newest first.
 */
sort?: ListSort, 
/**
 * Only claims created on or after this date (YYYY-MM-DD or RFC 3339).
 */
since: string | null, 
/**
 * Only claims created before this date.
 */
until: string | null, 
/**
 * Keyset paging: only claims older than this cursor.
 */
before: number | null, 
/**
 * At most this many rows (default 200, at most 1000).
 */
limit: number | null, };

export type ClaimSummary = { id: string, 
/**
 * The short name to type back ([`Store::resolve_record`]).
 */
handle: string, text: string, status: Status, disputed: boolean, 
/**
 * How many appearances the claim has.
 */
appearances: number, 
/**
 * How many distinct outlets and agencies carry it.
 */
outlets: number, independent_origins: number, created_at: string, 
/**
 * Who works on the claim, and by when.
 */
assignee: string | null, due: string | null, 
/**
 * Pass as `before` to fetch the next page.
 */
cursor: number, };

export type ClaimRef = { id: string, text: string, };

export type ClaimDetail = { id: string, 
/**
 * The short name to type back ([`Store::resolve_record`]).
 */
handle: string, text: string, status: Status, disputed: boolean, cases: Array<string>, tags: Array<string>, 
/**
 * The desk's note thread, oldest first.
 */
notes: Array<Note>, 
/**
 * Who works on the claim.
 */
assignee: string | null, 
/**
 * By when (`YYYY-MM-DD`).
 */
due: string | null, 
/**
 * Where the published fact-check lives; the `url` of its ClaimReview.
 */
review_url: string | null, created_at: string, history: Array<VerdictEvent>, 
/**
 * The events of `history` that reached this database by import, and
 * whether each arrived covered by its sender's chain: an unverified one
 * is never to be shown as its author's own.
 */
imported: Array<ImportedVerdict>, 
/**
 * Verdicts from elsewhere that disagree with this database's and that
 * no status set here has decided yet.
 */
conflicts: Array<VerdictConflict>, appearances: Array<AppearanceView>, };

export type ImportedVerdict = { verdict_id: string, 
/**
 * True when it arrived covered by the sender's chain and re-hashed to it;
 * false for an unverified import, never to be shown as its author's own.
 */
checked: boolean, 
/**
 * Why it is unverified.
 */
why: string | null, 
/**
 * The sender's head its chain checked out to.
 */
source_head: Head | null, 
/**
 * When it was imported here.
 */
imported_at: string, };

export type VerdictConflict = { 
/**
 * The claim's id and handle.
 */
claim: string, handle: string, text: string, 
/**
 * The verdict this database held.
 */
ours: VerdictEvent, 
/**
 * The one that arrived.
 */
theirs: VerdictEvent, 
/**
 * When the import that brought it ran.
 */
found_at: string, };

export type DocumentSummary = { id: string, 
/**
 * The short name to type back (`document show`, `log --document`).
 */
handle: string, title: string | null, url: string | null, outlet: string | null, byline: string | null, published_at: string | null, 
/**
 * False for a document referenced but never found.
 */
located: boolean, 
/**
 * The DOI, for a reference imported from a citation manager.
 */
doi: string | null, 
/**
 * Live appearances in it, and the distinct claims they are of.
 */
appearances: number, claims: number, 
/**
 * Captures of it kept here.
 */
snapshots: number, };

export type DocumentDetail = { retrieved_at: string | null, 
/**
 * Authors as the reference names them (given and family name joined).
 */
authors: Array<string>, 
/**
 * The appearances in this document, oldest first.
 */
cited_by: Array<DocumentCitation>, captures: Array<DocumentCapture>, id: string, 
/**
 * The short name to type back (`document show`, `log --document`).
 */
handle: string, title: string | null, url: string | null, outlet: string | null, byline: string | null, published_at: string | null, 
/**
 * False for a document referenced but never found.
 */
located: boolean, 
/**
 * The DOI, for a reference imported from a citation manager.
 */
doi: string | null, 
/**
 * Live appearances in it, and the distinct claims they are of.
 */
appearances: number, claims: number, 
/**
 * Captures of it kept here.
 */
snapshots: number, };

export type DocumentCitation = { claim: string, claim_handle: string, claim_text: string, appearance_handle: string, actor: string, quote: string | null, };

export type DocumentCapture = { id: string, retrieved_at: string, http_status: number | null, 
/**
 * SHA-256 of the bytes as served.
 */
sha256: string | null, };

export type Head = { entries: number, sha256: string, };

export type AppearanceView = { id: string, 
/**
 * The short name to type back ([`Store::resolve_record`]).
 */
handle: string, actor: string, actor_id: string, actor_kind: ActorKind, actor_role: string | null, kind: AppearanceKind, stance: Stance, quote: string | null, prefix: string | null, suffix: string | null, cue: string | null, said_at: string | null, said_at_text: string | null, said_where: string | null, document_id: string | null, url: string | null, title: string | null, outlet: string | null, published_at: string | null, 
/**
 * False when the document is referenced but nobody has found it, or there is none.
 */
located: boolean, 
/**
 * When a recapture found the document's page gone (its latest snapshot
 * answered 404, 410 or 451); `None` while it is there or never fetched.
 */
taken_down_at: string | null, 
/**
 * The appearances this one took the claim from.
 */
upstream: Array<string>, };

export type VerdictEvent = { id: string, status: Status, reason: string, evidence: Array<string>, author: string, at: string, };

export type StatusRequest = { status: Status, 
/**
 * Why: required, because a verdict nobody can explain is worthless.
 */
reason: string, evidence: Array<string>, author: string, };

export type ActorSpec = { name: string, 
/**
 * Used when the actor is created; an existing actor keeps its kind.
 */
kind: ActorKind | null, 
/**
 * What the actor is called where the claim appeared: kept with that
 * appearance, and as the actor's usual role when the actor is new.
 */
role: string | null, 
/**
 * Also make `role` the actor's usual role (shown wherever an
 * appearance has none of its own).
 */
update_role?: boolean, 
/**
 * Aliases to add ("Ushakov" for "Yuri Ushakov").
 */
aliases: Array<string>, 
/**
 * Marks an outlet as state-affiliated when created.
 */
state_affiliated: boolean, };

export type DocumentSpec = { url: string | null, title: string | null, published_at: string | null, located: boolean, };

export type RelayStep = { actor: ActorSpec, relation: Relation, 
/**
 * How this relay attributed the claim ("Al Jazeera reported").
 */
cue: string | null, 
/**
 * The relay's own wording, when it differs from the speaker's.
 */
quote: string | null, document: DocumentSpec | null, };

export type LogRequest = { 
/**
 * The proposition, in the checker's words.
 */
claim: string, speaker: ActorSpec, quote: string | null, 
/**
 * TextQuoteSelector context around `quote`.
 */
prefix: string | null, suffix: string | null, kind: AppearanceKind, cue: string | null, stance: Stance, 
/**
 * When it was said, as YYYY-MM-DD or RFC 3339.
 */
said_at: string | null, 
/**
 * The date as the source wrote it ("on Friday").
 */
said_at_text: string | null, said_where: string | null, relays: Array<RelayStep>, cases: Array<string>, tags: Array<string>, 
/**
 * Who logs it, named in the log's audit event; absent is recorded as unknown, blank is refused.
 */
author?: string, };

export type Logged = { claim_id: string, 
/**
 * True when the claim text was new.
 */
new_claim: boolean, 
/**
 * The appearances of the chain, speaker first; reused ones included.
 */
appearance_ids: Array<string>, 
/**
 * The appearances this action added (the chain minus reused steps): what
 * an undo takes back.
 */
created_appearance_ids: Array<string>, };

export type Trace = { claim_id: string, 
/**
 * The claim's short name to type back.
 */
claim_handle: string, claim_text: string, origins: Array<OriginRef>, independent_origins: number, 
/**
 * Outlets and agencies carrying the claim, first appearance first.
 */
outlets: Array<string>, 
/**
 * Actor names along each path, origin first.
 */
paths: Array<Array<string>>, 
/**
 * The same paths with every hop's details.
 */
path_hops: Array<Array<Hop>>, paths_truncated: boolean, dead_ends: Array<DeadEnd>, 
/**
 * Actor names around each loop, in citing order.
 */
cycles: Array<Array<string>>, choke_points: Array<string>, drift: Array<Drift>, disputes: Array<DisputeRef>, warnings: Array<Warning>, 
/**
 * Every appearance of the graph, for drawing it.
 */
nodes: Array<Hop>, edges: Array<EdgeView>, };

export type Hop = { appearance_id: string, 
/**
 * The appearance's short name to type back.
 */
handle: string, actor: string, actor_kind: ActorKind, stance: Stance, 
/**
 * How this hop took the claim from the previous one (`None` on the first step).
 */
relation: Relation | null, cue: string | null, quote: string | null, document_id: string | null, title: string | null, url: string | null, located: boolean, 
/**
 * The publication date of the document, else when it was said.
 */
date: string | null, role: HopRole, };

export type HopRole = "origin" | "dead_end" | "cycle" | "dispute" | "relay";

export type OriginRef = { appearance_id: string, actor: string, actor_kind: ActorKind, quote: string | null, said_at: string | null, };

export type DeadEnd = { appearance_id: string, actor: string, reason: DeadEndReason, 
/**
 * Who carried it onward, nearest first.
 */
carried_by: Array<string>, };

export type DeadEndReason = "unidentified_source" | "unlocated_document";

export type Drift = { from_appearance: string, to_appearance: string, from_actor: string, to_actor: string, from_quote: string, to_quote: string, similarity: number, changes: Array<Change>, };

export type Change = { op: DriftOp, text: string, };

export type DriftOp = "equal" | "removed" | "added";

export type Warning = { kind: WarningKind, message: string, };

export type WarningKind = "false_corroboration" | "circular_reporting" | "unlocated_source";

export type EdgeView = { 
/**
 * The upstream appearance.
 */
from: string, 
/**
 * The appearance that took the claim from it.
 */
to: string, relation: Relation, cue: string | null, };

export type CaseSummary = { name: string, claims: number, };

export type CaseClaim = { claim_id: string, text: string, independent_origins: number, 
/**
 * The claim's appearances, as ids into the map's nodes.
 */
appearance_ids: Array<string>, };

export type CaseMap = { case: string, claims: Array<CaseClaim>, nodes: Array<Hop>, edges: Array<EdgeView>, 
/**
 * True when the case holds more than [`CASE_MAP_MAX_CLAIMS`] claims and only the newest are drawn.
 */
truncated: boolean, };

export type DisputeRef = { appearance_id: string, actor: string, quote: string | null, cue: string | null, 
/**
 * Who carried the dispute onward, nearest first.
 */
carried_by: Array<string>, };

export type ActorSummary = { id: string, 
/**
 * The short name to type back ([`Store::resolve_record`]).
 */
handle: string, name: string, kind: ActorKind, role: string | null, aliases: Array<string>, domains: Array<string>, state_affiliated: boolean, 
/**
 * How many appearances this actor made or carried.
 */
appearances: number, 
/**
 * Other live actors whose names look the same (the same confusable
 * skeleton) but are different names, such as Latin "Petrov" and "Реtrov"
 * with Cyrillic letters. They are shown with a warning and never merged
 * automatically: only `merge_actors` merges.
 */
look_alikes: Array<LookAlike>, 
/**
 * A word of the name mixes scripts (Latin and Cyrillic letters, say).
 */
mixed_script: boolean, };

export type MatchReason = "spelling" | "surname" | "full_name" | "typo" | "transliteration" | "role" | "domain" | "acronym";

export type Candidate = { id: string, name: string, reason: MatchReason, 
/**
 * From 0 to 1; higher is likelier. Ranks candidates, decides nothing.
 */
score: number, };

export type Resolution = { "resolution": "exact", "detail": { id: string, } } | { "resolution": "alias", "detail": { id: string, } } | { "resolution": "candidates", "detail": Array<Candidate> } | { "resolution": "new" };

export type LookAlike = { id: string, name: string, };

export type ActorProfile = { actor: ActorSummary, 
/**
 * Claims this actor is an origin of (its appearance has no upstream).
 */
originated: Array<ClaimRef>, 
/**
 * Claims this actor carried from someone else.
 */
relayed: Array<ClaimRef>, 
/**
 * Claims this actor disputed.
 */
disputed: Array<ClaimRef>, 
/**
 * Of the relayed claims, how many are now false, contested or misleading.
 */
relayed_now_false: number, relayed_now_contested: number, relayed_now_misleading: number, };

export type MergeReport = { kept: ActorSummary, dropped_id: string, dropped_name: string, appearances_moved: number, documents_moved: number, };

export type ActorName = { id: string, name: string, };

export type PairClaims = { a: number, b: number, };

export type DuplicatePair = { 
/**
 * The actor in more claims (the one to keep in a merge, most often).
 */
a: ActorName, b: ActorName, reason: MatchReason, 
/**
 * From 0 to 1; ranks the pairs, decides nothing.
 */
score: number, claims: PairClaims, };

export type DistinctDecision = { a: ActorName, b: ActorName, };

export type DatabaseInfo = { path: string, 
/**
 * True when no claim is logged yet: the window then offers the demo case.
 */
empty: boolean, 
/**
 * Why the database is open read-only ("the volume holding … is
 * read-only"); `None` when changes can be saved. The window shows it in a
 * banner that stays while the database is open.
 */
read_only: string | null, 
/**
 * The first broken entry of the history, in one line, when `claimtrail
 * verify` would fail (the quick check: the newest entries and the head
 * file); `None` when the history checks out. The window shows it in a
 * banner, so nobody writes on top of a broken chain without knowing.
 */
history_broken: string | null, };

export type CaptureOptions = { 
/**
 * Create an outlet for a domain no outlet owns yet, named after the
 * page's site name — or after the domain when that name is already an
 * actor's: a page's name for itself never gives a domain to an actor
 * already here (see [`ClaimedName`]).
 */
create_outlet: boolean, };

export type Captured = { document_id: string, 
/**
 * True when this capture created the document.
 */
new_document: boolean, 
/**
 * The address as given.
 */
url: string, canonical_url: string, 
/**
 * Where the redirects ended.
 */
final_url: string, title: string | null, byline: string | null, 
/**
 * YYYY-MM-DD or RFC 3339, when the page states a date that reads as one.
 */
published_at: string | null, 
/**
 * The outlet that owns the page's domain.
 */
outlet: string | null, outlet_id: string | null, 
/**
 * True when this capture created the outlet (or gave it the domain).
 */
outlet_created: boolean, 
/**
 * Set when no outlet owns the domain and none was created.
 */
unknown_outlet: OutletSuggestion | null, 
/**
 * Set when no outlet owns the domain and the page names itself after an
 * actor already here: the domain was not given to that actor.
 */
claimed_name: ClaimedName | null, snapshot_id: string, 
/**
 * SHA-256 of the raw body (`null` for pasted text).
 */
sha256: string | null, text_sha256: string, http_status: number | null, content_type: string | null, retrieved_at: string, claim_reviews: Array<EmbeddedClaimReview>, text: string, };

export type SnapshotOrigin = "fetch" | "paste";

export type ImportNoteKind = "skipped" | "conflict" | "matched" | "unverified" | "chain" | "identity";

export type ExportFormat = "claimreview" | "prov-ttl" | "prov-json" | "graphml" | "gexf" | "dot" | "csl-json" | "annotations" | "csv" | "bundle";

export type OutletSuggestion = { domain: string, 
/**
 * The page's own site name, else the domain (also when the site name is
 * already an actor's: see [`Captured::claimed_name`]).
 */
name: string, };

export type ClaimedName = { 
/**
 * The page's own site name.
 */
name: string, 
/**
 * The actor known by that name, an alias of it, or a look-alike of it.
 */
actor_id: string, actor: string, actor_kind: ActorKind, 
/**
 * The domains that actor owns (none when it was logged without one).
 */
domains: Array<string>, };

export type EmbeddedClaimReview = { claim_reviewed: string | null, 
/**
 * `reviewRating.alternateName` ("False", "Misleading").
 */
rating: string | null, author: string | null, url: string | null, date_published: string | null, raw: unknown, };

export type CaptureLink = { 
/**
 * An http(s) address; anything else in the link is dropped.
 */
url: string | null, text: string | null, };

export type ShortcutInfo = { 
/**
 * The keys, as the help shows them.
 */
keys: string, registered: boolean, 
/**
 * Why it is off, in one sentence (`None` when registered).
 */
why_not: string | null, };

export type NameResolution = { name: string, 
/**
 * `exact` or `alias` (the actor `id`), `story` (a description of the
 * actor `id` the same article names), `candidates` (the checker picks
 * one or says it is someone else) or `new`.
 */
resolution: 'exact' | 'alias' | 'story' | 'candidates' | 'new', id: string | null, 
/**
 * The name of the actor a `story` description is, to log it under.
 */
actor: string | null, candidates: Array<Candidate>, };

export type Proposal = { 
/**
 * The proposed span, exactly as in the text.
 */
text: string, 
/**
 * Offsets of the span in the text, in Unicode scalar values (not UTF-16 units).
 */
start: number, end: number, claimant: string | null, cue: string | null, 
/**
 * The text around it says the claim is contested ("not everyone agreed").
 */
disputed: boolean, dispute_text: string | null, 
/**
 * What accepting it as proposed would log; `None` when no claimant is named.
 * A description of someone the article names ("the governor") is already
 * that actor's name here.
 */
request: LogRequest | null, 
/**
 * How each name of `request` resolves, speaker first: a name with
 * `candidates` is the checker's choice before the proposal is logged.
 */
names: Array<NameResolution>, 
/**
 * The disputes the proposal shows, each a disputing appearance of the
 * same claim that accepting logs with it ("although not everyone
 * agreed"): accepting without them would log the claim as undisputed.
 */
disputes: Array<LogRequest>, };

export type ListSort = "newest" | "due";

export type Note = { id: string, author: string, 
/**
 * As written, byte for byte.
 */
text: string, at: string, };

export type DeskFields = { claim_id: string, handle: string, tags: Array<string>, assignee: string | null, due: string | null, review_url: string | null, };

export type CaseChange = { case: string, 
/**
 * The case did not exist before this change.
 */
created: boolean, 
/**
 * Handles of the claims added or removed.
 */
changed: Array<string>, 
/**
 * Handles of the claims that were already in (add) or not in (remove) the case.
 */
unchanged: Array<string>, };

export type Edit = { text: string | null, by: Speaker | null, role: string | null, quote: string | null, kind: string | null, cue: string | null, stance: string | null, said_at: string | null, document: string | null, claim: string | null, name: string | null, actor_kind: string | null, domains: Array<string> | null, state_affiliated: boolean | null, url: string | null, outlet: string | null, title: string | null, published: string | null, };

export type Speaker = { "type": "id", "value": string } | { "type": "new", "value": string };

export type Corrected = { kind: string, id: string, 
/**
 * The audited action (`correct_appearance`, `delete_claim`, ...).
 */
action: string, 
/**
 * The record as it now is (`null` for a relay edge or a deleted record).
 */
record: unknown, };

export type UndoneStep = { 
/**
 * The action taken back or made again (`log`, `status`, `correct_appearance`, ...).
 */
action: string, 
/**
 * The claims it touched.
 */
claims: Array<string>, };

export type HistoryEvent = { at: string, 
/**
 * `log`, `verdict`, or the audited action (`correct_appearance`,
 * `delete_relay`, `undo`, `claim_merge`, ...).
 */
action: string, 
/**
 * Who did it, when it is recorded.
 */
author: string | null, 
/**
 * What it did, in one line.
 */
summary: string, 
/**
 * The changes with their values before and after (corrections,
 * tombstones, undo and redo), or the verdict's status before and after.
 */
detail: unknown, };

export type Command = "list_claims" | "show_claim" | "log_claim" | "set_status" | "trace_claim" | "list_cases" | "list_documents" | "show_document" | "case_map" | "list_actors" | "suggest_actors" | "resolve_name" | "actor_profile" | "add_actor_alias" | "merge_actors" | "duplicate_actors" | "mark_distinct" | "mark_distinct_from" | "load_demo" | "database_info" | "open_link" | "capture_page" | "take_capture_link" | "read_clipboard" | "take_clipboard_capture" | "capture_shortcut" | "save_export" | "export_data" | "propose_claims" | "tag_claim" | "untag_claim" | "add_note" | "set_review_url" | "assign_claim" | "add_to_case" | "edit_record" | "delete_record" | "undelete_record" | "delete_relay" | "undelete_relay" | "undo" | "redo" | "claim_history" | "rename_case";

/** Each command's arguments, under the names `invoke` takes (camelCase), read from its Rust signature. */
export type CommandArgs = {
  actor_profile: { actor: string };
  add_actor_alias: { actor: string; alias: string };
  add_note: { claim: string; text: string; author: string };
  add_to_case: { case: string; claims: Array<string>; author: string };
  assign_claim: { claim: string; assignee: string; due?: string | null; author: string };
  capture_page: { url: string; options: CaptureOptions };
  capture_shortcut: Record<string, never>;
  case_map: { case: string };
  claim_history: { claim: string };
  database_info: Record<string, never>;
  delete_record: { record: string; author: string };
  delete_relay: { from: string; to: string; author: string };
  duplicate_actors: Record<string, never>;
  edit_record: { record: string; edit: Edit; author: string };
  export_data: { format: string; claim?: string | null; case?: string | null };
  list_actors: Record<string, never>;
  list_cases: Record<string, never>;
  list_claims: { filter: ListFilter };
  list_documents: { search?: string | null; limit?: number | null };
  load_demo: Record<string, never>;
  log_claim: { request: LogRequest };
  mark_distinct: { a: string; b: string };
  mark_distinct_from: { actor: string; offered: Array<string> };
  merge_actors: { keep: string; drop: string };
  open_link: { url: string };
  propose_claims: { text: string; url?: string | null; outlet?: string | null; published?: string | null };
  read_clipboard: Record<string, never>;
  redo: { steps: number; author: string };
  rename_case: { case: string; newName: string; author: string };
  resolve_name: { name: string; kind?: ActorKind | null; context: Array<string> };
  save_export: { fileName: string; bytes: Array<number> };
  set_review_url: { claim: string; url: string; author: string };
  set_status: { claim: string; request: StatusRequest };
  show_claim: { claim: string };
  show_document: { document: string };
  suggest_actors: { typed: string; limit: number };
  tag_claim: { claim: string; tags: Array<string>; author: string };
  take_capture_link: Record<string, never>;
  take_clipboard_capture: Record<string, never>;
  trace_claim: { claim: string };
  undelete_record: { record: string; author: string };
  undelete_relay: { from: string; to: string; author: string };
  undo: { steps: number; author: string };
  untag_claim: { claim: string; tags: Array<string>; author: string };
};

/** What each command answers. */
export type CommandResult = {
  actor_profile: ActorProfile;
  add_actor_alias: ActorSummary;
  add_note: Note;
  add_to_case: CaseChange;
  assign_claim: DeskFields;
  capture_page: Captured;
  capture_shortcut: ShortcutInfo;
  case_map: CaseMap;
  claim_history: Array<HistoryEvent>;
  database_info: DatabaseInfo;
  delete_record: Corrected;
  delete_relay: Corrected;
  duplicate_actors: Array<DuplicatePair>;
  edit_record: Corrected;
  export_data: string;
  list_actors: Array<ActorSummary>;
  list_cases: Array<CaseSummary>;
  list_claims: Array<ClaimSummary>;
  list_documents: Array<DocumentSummary>;
  load_demo: Array<string>;
  log_claim: Logged;
  mark_distinct: DistinctDecision;
  mark_distinct_from: number;
  merge_actors: MergeReport;
  open_link: null;
  propose_claims: Array<Proposal>;
  read_clipboard: string | null;
  redo: Array<UndoneStep>;
  rename_case: string;
  resolve_name: Resolution;
  save_export: string;
  set_review_url: DeskFields;
  set_status: VerdictEvent;
  show_claim: ClaimDetail;
  show_document: DocumentDetail;
  suggest_actors: Array<ActorSummary>;
  tag_claim: DeskFields;
  take_capture_link: CaptureLink | null;
  take_clipboard_capture: string | null;
  trace_claim: Trace;
  undelete_record: Corrected;
  undelete_relay: Corrected;
  undo: Array<UndoneStep>;
  untag_claim: DeskFields;
};
