// The only module that talks to the Rust side. Every command of the shell has
// one typed function here; the types come from the generated bindings, so a
// renamed field fails `npm run build` instead of reaching the screen as
// `undefined`.
import { invoke } from '@tauri-apps/api/core';
import type {
  ActorKind,
  ActorProfile,
  ActorSummary,
  CaptureLink,
  CaptureOptions,
  Captured,
  CaseChange,
  CaseMap,
  CaseSummary,
  ClaimDetail,
  ClaimSummary,
  Corrected,
  Command,
  DatabaseInfo,
  DeskFields,
  DistinctDecision,
  DuplicatePair,
  Edit,
  ErrorKind,
  HistoryEvent,
  ListFilter,
  Resolution,
  LogRequest,
  Logged,
  MergeReport,
  Note,
  Proposal,
  ShortcutInfo,
  StatusRequest,
  Trace,
  UndoneStep,
  VerdictEvent,
} from './bindings';
import { CommandFailure } from './failure';

/** An edit that changes nothing: the fields left out of a partial edit. */
const NO_EDIT: Edit = {
  text: null,
  by: null,
  role: null,
  quote: null,
  kind: null,
  cue: null,
  stance: null,
  said_at: null,
  document: null,
  claim: null,
  name: null,
  actor_kind: null,
  domains: null,
  state_affiliated: null,
  url: null,
  outlet: null,
  title: null,
  published: null,
};

async function call<T>(command: Command, args: Record<string, unknown> = {}): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    throw CommandFailure.from(raw);
  }
}

export const listClaims = (filter: ListFilter) => call<ClaimSummary[]>('list_claims', { filter });
export const showClaim = (claim: string) => call<ClaimDetail>('show_claim', { claim });
export const logClaim = (request: LogRequest) => call<Logged>('log_claim', { request });
export const setStatus = (claim: string, request: StatusRequest) =>
  call<VerdictEvent>('set_status', { claim, request });
/** Corrects a claim, an appearance, an actor or a document (by id or handle); one step of the undo stack. */
export const editRecord = (record: string, edit: Partial<Edit>, author: string) =>
  call<Corrected>('edit_record', { record, edit: { ...NO_EDIT, ...edit }, author });
/** Deletes an appearance or a claim: it leaves every count and list; its history stays. */
export const deleteRecord = (record: string, author: string) => call<Corrected>('delete_record', { record, author });
export const undeleteRecord = (record: string, author: string) =>
  call<Corrected>('undelete_record', { record, author });
/** Deletes the relay edge by which appearance `from` took the claim from appearance `to`. */
export const deleteRelay = (from: string, to: string, author: string) =>
  call<Corrected>('delete_relay', { from, to, author });
export const undeleteRelay = (from: string, to: string, author: string) =>
  call<Corrected>('undelete_relay', { from, to, author });
/** Takes back the last `steps` actions, newest first; each step as it was undone. */
export const undoSteps = (steps: number, author: string) => call<UndoneStep[]>('undo', { steps, author });
/** Makes again the last `steps` actions taken back. */
export const redoSteps = (steps: number, author: string) => call<UndoneStep[]>('redo', { steps, author });
/** Every event on the claim, oldest first. */
export const claimHistory = (claim: string) => call<HistoryEvent[]>('claim_history', { claim });
/** Renames a case; resolves to its name now. */
export const renameCase = (kase: string, newName: string, author: string) =>
  call<string>('rename_case', { case: kase, newName, author });
/** Adds tags to a claim; its desk fields after. Each change is audited under `author`. */
export const tagClaim = (claim: string, tags: string[], author: string) =>
  call<DeskFields>('tag_claim', { claim, tags, author });
export const untagClaim = (claim: string, tags: string[], author: string) =>
  call<DeskFields>('untag_claim', { claim, tags, author });
/** Appends a note to the claim's thread, kept exactly as written. */
export const addNote = (claim: string, text: string, author: string) =>
  call<Note>('add_note', { claim, text, author });
/** Where the published fact-check lives; the claim's ClaimReview export uses it. */
export const setReviewUrl = (claim: string, url: string, author: string) =>
  call<DeskFields>('set_review_url', { claim, url, author });
/** Gives the claim to a person; `due` (YYYY-MM-DD) when given. */
export const assignClaim = (claim: string, assignee: string, due: string | null, author: string) =>
  call<DeskFields>('assign_claim', { claim, assignee, due, author });
/** Files claims under a case, creating it when new. */
export const addToCase = (kase: string, claims: string[], author: string) =>
  call<CaseChange>('add_to_case', { case: kase, claims, author });
export const traceClaim = (claim: string) => call<Trace>('trace_claim', { claim });
/** The cases, by name, with how many claims each holds. */
export const listCases = () => call<CaseSummary[]>('list_cases');
/** Every chain of every claim filed under a case. */
export const caseMap = (kase: string) => call<CaseMap>('case_map', { case: kase });
export const listActors = () => call<ActorSummary[]>('list_actors');
/** At most `limit` actors matching what was typed (word prefixes of names and aliases), an exact match first. */
export const suggestActors = (typed: string, limit = 20) =>
  call<ActorSummary[]>('suggest_actors', { typed, limit });
/**
 * What a typed name is among the known actors: an exact name or alias, the
 * actors it may be (each with why), or someone new. `context`: ids of the
 * actors the form already names, ranked first.
 */
export const resolveName = (name: string, kind: ActorKind | null, context: string[]) =>
  call<Resolution>('resolve_name', { name, kind, context });
export const actorProfile = (actor: string) => call<ActorProfile>('actor_profile', { actor });
export const addActorAlias = (actor: string, alias: string) =>
  call<ActorSummary>('add_actor_alias', { actor, alias });
export const mergeActors = (keep: string, drop: string) => call<MergeReport>('merge_actors', { keep, drop });
/** Pairs of actors that may be one person or outlet, best first, with why and how many claims each touches. */
export const duplicateActors = () => call<DuplicatePair[]>('duplicate_actors');
/** Records that two actors are different: the pair is never offered again. */
export const markDistinct = (a: string, b: string) => call<DistinctDecision>('mark_distinct', { a, b });
export const loadDemo = () => call<string[]>('load_demo');
export const databaseInfo = () => call<DatabaseInfo>('database_info');
export const openLink = (url: string) => call<null>('open_link', { url });
/** Fetches the page, keeps a snapshot of what it said, and returns what was read. */
export const capturePage = (url: string, options: CaptureOptions) =>
  call<Captured>('capture_page', { url, options });
/** The page the browser sent through a claimtrail:// link, once; null when none waits. */
export const takeCaptureLink = () => call<CaptureLink | null>('take_capture_link');
/** The clipboard's text now; null when it holds none. */
export const readClipboard = () => call<string | null>('read_clipboard');
/** The clipboard's text at the last press of the system-wide capture shortcut, once; null when none waits. */
export const takeClipboardCapture = () => call<string | null>('take_clipboard_capture');
/** Whether the system-wide capture shortcut is on here, and why not. */
export const captureShortcut = () => call<ShortcutInfo>('capture_shortcut');

export type { ErrorKind };
/** Saves an exported file in the user's export folder; resolves to where it went. */
export const saveExport = (fileName: string, bytes: Uint8Array) =>
  call<string>('save_export', { fileName, bytes: Array.from(bytes) });
/** Claims the core's attribution extraction proposes from pasted text; stores nothing. */
export const proposeClaims = (text: string, url: string | null, outlet: string | null, published: string | null) =>
  call<Proposal[]>('propose_claims', { text, url, outlet, published });
/**
 * Exports one claim, one case or (both null) everything in `format`
 * (claimreview, prov-ttl, graphml, …) into the user's export folder; resolves
 * to where it went. The shell names the file.
 */
export const exportData = (format: string, claim: string | null, kase: string | null) =>
  call<string>('export_data', { format, claim, case: kase });
