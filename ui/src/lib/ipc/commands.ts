// The only module that talks to the Rust side. Every command of the shell has
// one typed function here; the types come from the generated bindings, so a
// renamed field fails `npm run build` instead of reaching the screen as
// `undefined`.
import { invoke } from '@tauri-apps/api/core';
import type {
  ActorKind,
  CaptureOptions,
  Command,
  CommandArgs,
  CommandResult,
  Edit,
  ErrorKind,
  ListFilter,
  LogRequest,
  StatusRequest,
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

/** A command's arguments: none for a command that takes none. */
export type ArgsOf<C extends Command> = CommandArgs[C] extends Record<string, never> ? [] : [CommandArgs[C]];

async function call<C extends Command>(command: C, ...args: ArgsOf<C>): Promise<CommandResult[C]> {
  try {
    return await invoke<CommandResult[C]>(command, args[0] ?? {});
  } catch (raw) {
    throw CommandFailure.from(raw);
  }
}

export const listClaims = (filter: ListFilter) => call('list_claims', { filter });
export const showClaim = (claim: string) => call('show_claim', { claim });
export const logClaim = (request: LogRequest) => call('log_claim', { request });
export const setStatus = (claim: string, request: StatusRequest) =>
  call('set_status', { claim, request });
/** Corrects a claim, an appearance, an actor or a document (by id or handle); one step of the undo stack. */
export const editRecord = (record: string, edit: Partial<Edit>, author: string) =>
  call('edit_record', { record, edit: { ...NO_EDIT, ...edit }, author });
/** Deletes an appearance or a claim: it leaves every count and list; its history stays. */
export const deleteRecord = (record: string, author: string) => call('delete_record', { record, author });
export const undeleteRecord = (record: string, author: string) =>
  call('undelete_record', { record, author });
/** Deletes the relay edge by which appearance `from` took the claim from appearance `to`. */
export const deleteRelay = (from: string, to: string, author: string) =>
  call('delete_relay', { from, to, author });
export const undeleteRelay = (from: string, to: string, author: string) =>
  call('undelete_relay', { from, to, author });
/** Takes back the last `steps` actions, newest first; each step as it was undone. */
export const undoSteps = (steps: number, author: string) => call('undo', { steps, author });
/** Makes again the last `steps` actions taken back. */
export const redoSteps = (steps: number, author: string) => call('redo', { steps, author });
/** Every event on the claim, oldest first. */
export const claimHistory = (claim: string) => call('claim_history', { claim });
/** Renames a case; resolves to its name now. */
export const renameCase = (kase: string, newName: string, author: string) =>
  call('rename_case', { case: kase, newName, author });
/** Adds tags to a claim; its desk fields after. Each change is audited under `author`. */
export const tagClaim = (claim: string, tags: string[], author: string) =>
  call('tag_claim', { claim, tags, author });
export const untagClaim = (claim: string, tags: string[], author: string) =>
  call('untag_claim', { claim, tags, author });
/** Appends a note to the claim's thread, kept exactly as written. */
export const addNote = (claim: string, text: string, author: string) =>
  call('add_note', { claim, text, author });
/** Where the published fact-check lives; the claim's ClaimReview export uses it. */
export const setReviewUrl = (claim: string, url: string, author: string) =>
  call('set_review_url', { claim, url, author });
/** Gives the claim to a person; `due` (YYYY-MM-DD) when given. */
export const assignClaim = (claim: string, assignee: string, due: string | null, author: string) =>
  call('assign_claim', { claim, assignee, due, author });
/** Files claims under a case, creating it when new. */
export const addToCase = (kase: string, claims: string[], author: string) =>
  call('add_to_case', { case: kase, claims, author });
export const traceClaim = (claim: string) => call('trace_claim', { claim });
/** The cases, by name, with how many claims each holds. */
export const listCases = () => call('list_cases');
/** The sources library, newest first; `search` narrows it to documents holding every word. */
export const listDocuments = (search: string | null, limit: number | null) =>
  call('list_documents', { search: search ?? undefined, limit: limit ?? undefined });
/** One document with the claims that cite it and its captures. */
export const showDocument = (document: string) => call('show_document', { document });
/** Every chain of every claim filed under a case. */
export const caseMap = (kase: string) => call('case_map', { case: kase });
export const listActors = () => call('list_actors');
/** At most `limit` actors matching what was typed (word prefixes of names and aliases), an exact match first. */
export const suggestActors = (typed: string, limit = 20) =>
  call('suggest_actors', { typed, limit });
/**
 * What a typed name is among the known actors: an exact name or alias, the
 * actors it may be (each with why), or someone new. `context`: ids of the
 * actors the form already names, ranked first.
 */
export const resolveName = (name: string, kind: ActorKind | null, context: string[]) =>
  call('resolve_name', { name, kind, context });
export const actorProfile = (actor: string) => call('actor_profile', { actor });
export const addActorAlias = (actor: string, alias: string) =>
  call('add_actor_alias', { actor, alias });
export const mergeActors = (keep: string, drop: string) => call('merge_actors', { keep, drop });
/** Pairs of actors that may be one person or outlet, best first, with why and how many claims each touches. */
export const duplicateActors = () => call('duplicate_actors');
/** Records that two actors are different: the pair is never offered again. */
export const markDistinct = (a: string, b: string) => call('mark_distinct', { a, b });
/** Records that the actor just logged under `actor` is none of the `offered` candidates: they are not offered again. */
export const markDistinctFrom = (actor: string, offered: string[]) =>
  call('mark_distinct_from', { actor, offered });
export const loadDemo = () => call('load_demo');
export const databaseInfo = () => call('database_info');
export const openLink = (url: string) => call('open_link', { url });
/** Fetches the page, keeps a snapshot of what it said, and returns what was read. */
export const capturePage = (url: string, options: CaptureOptions) =>
  call('capture_page', { url, options });
/** The page the browser sent through a claimtrail:// link, once; null when none waits. */
export const takeCaptureLink = () => call('take_capture_link');
/** The clipboard's text now; null when it holds none. */
export const readClipboard = () => call('read_clipboard');
/** The clipboard's text at the last press of the system-wide capture shortcut, once; null when none waits. */
export const takeClipboardCapture = () => call('take_clipboard_capture');
/** Whether the system-wide capture shortcut is on here, and why not. */
export const captureShortcut = () => call('capture_shortcut');

export type { ErrorKind };
/** Saves an exported file in the user's export folder; resolves to where it went. */
export const saveExport = (fileName: string, bytes: Uint8Array) =>
  call('save_export', { fileName, bytes: Array.from(bytes) });
/** Claims the core's attribution extraction proposes from pasted text; stores nothing. */
export const proposeClaims = (text: string, url: string | null, outlet: string | null, published: string | null) =>
  call('propose_claims', { text, url, outlet, published });
/**
 * Exports one claim, one case or (both null) everything in `format`
 * (claimreview, prov-ttl, graphml, …) into the user's export folder; resolves
 * to where it went. The shell names the file.
 */
export const exportData = (format: string, claim: string | null, kase: string | null) =>
  call('export_data', { format, claim, case: kase });
