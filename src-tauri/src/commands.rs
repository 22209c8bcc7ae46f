//! The IPC commands: each takes the open store, calls one core function and
//! converts the result. Nothing here decides anything about claims.
//!
//! Commands are `async` so that Tauri runs them off the main thread: a slow
//! query must not freeze the window.

use chrono::Utc;
use claimtrail_core::capture::{self, FetchPolicy, HttpFetcher};
use claimtrail_core::identity::Resolution;
use claimtrail_core::{
    ActorKind, ActorProfile, ActorSummary, CaptureOptions, Captured, CaseChange, CaseMap, CaseSummary, ClaimDetail,
    ClaimSummary, Corrected, DeskFields, DistinctDecision, DocumentDetail, DocumentFilter, DocumentSummary,
    DuplicatePair, Edit, ErrorKind, HistoryEvent, ListFilter, LogRequest, Logged, MergeReport, Note, Scope,
    StatusRequest, Store, Trace, UndoneStep, VerdictEvent,
};
use serde::Serialize;
use tauri::State;

use crate::capture_link::{CaptureLink, PendingLink};
use crate::clipboard_capture::{PendingClipboard, ShortcutInfo, ShortcutStatus};

use crate::{IpcError, OpenStore};

type Reply<T> = Result<T, IpcError>;

impl OpenStore {
    /// Runs a read against a graph brought up to date with what other
    /// processes (the CLI) wrote since the last command.
    fn read<T>(&self, f: impl FnOnce(&Store) -> claimtrail_core::Result<T>) -> Reply<T> {
        let mut store = self.lock()?;
        store.refresh().map_err(|e| self.failure(e))?;
        f(&store).map_err(|e| self.failure(e))
    }

    fn write<T>(&self, f: impl FnOnce(&mut Store) -> claimtrail_core::Result<T>) -> Reply<T> {
        let mut store = self.lock()?;
        store.refresh().map_err(|e| self.failure(e))?;
        f(&mut store).map_err(|e| self.failure(e))
    }

    /// A core error with the database file named (a full disk, a read-only
    /// or damaged file).
    fn failure(&self, e: claimtrail_core::Error) -> IpcError {
        e.in_file(&self.path).into()
    }
}

/// What the window shows about the open database.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct DatabaseInfo {
    pub path: String,
    /// True when no claim is logged yet: the window then offers the demo case.
    pub empty: bool,
    /// Why the database is open read-only ("the volume holding … is
    /// read-only"); `None` when changes can be saved. The window shows it in a
    /// banner that stays while the database is open.
    pub read_only: Option<String>,
    /// The first broken entry of the history, in one line, when `claimtrail
    /// verify` would fail (the quick check: the newest entries and the head
    /// file); `None` when the history checks out. The window shows it in a
    /// banner, so nobody writes on top of a broken chain without knowing.
    pub history_broken: Option<String>,
}

#[tauri::command]
pub async fn list_claims(db: State<'_, OpenStore>, filter: ListFilter) -> Reply<Vec<ClaimSummary>> {
    db.read(|s| s.list(&filter))
}

#[tauri::command]
pub async fn show_claim(db: State<'_, OpenStore>, claim: String) -> Reply<ClaimDetail> {
    db.read(|s| s.show(&claim))
}

#[tauri::command]
pub async fn log_claim(db: State<'_, OpenStore>, request: LogRequest) -> Reply<Logged> {
    db.write(|s| s.log(&request, Utc::now()))
}

#[tauri::command]
pub async fn set_status(db: State<'_, OpenStore>, claim: String, request: StatusRequest) -> Reply<VerdictEvent> {
    db.write(|s| s.set_status(&claim, &request, Utc::now()))
}

/// Corrects the record `record` names (a claim, an appearance, an actor or a
/// document, by id or handle); audited, and one step of the undo stack.
#[tauri::command]
pub async fn edit_record(db: State<'_, OpenStore>, record: String, edit: Edit, author: String) -> Reply<Corrected> {
    db.write(|s| s.edit(&record, &edit, &author, Utc::now()))
}

/// Deletes an appearance or a claim (a tombstone: its history stays).
#[tauri::command]
pub async fn delete_record(db: State<'_, OpenStore>, record: String, author: String) -> Reply<Corrected> {
    db.write(|s| s.delete(&record, &author, Utc::now()))
}

/// Restores a deleted appearance or claim.
#[tauri::command]
pub async fn undelete_record(db: State<'_, OpenStore>, record: String, author: String) -> Reply<Corrected> {
    db.write(|s| s.undelete(&record, &author, Utc::now()))
}

/// Deletes the relay edge by which appearance `from` took the claim from `to`.
#[tauri::command]
pub async fn delete_relay(db: State<'_, OpenStore>, from: String, to: String, author: String) -> Reply<Corrected> {
    db.write(|s| s.delete_relay(&from, &to, &author, Utc::now()))
}

/// Restores a deleted relay edge.
#[tauri::command]
pub async fn undelete_relay(db: State<'_, OpenStore>, from: String, to: String, author: String) -> Reply<Corrected> {
    db.write(|s| s.undelete_relay(&from, &to, &author, Utc::now()))
}

/// Takes back the last `steps` actions, newest first; what each step was.
#[tauri::command]
pub async fn undo(db: State<'_, OpenStore>, steps: u32, author: String) -> Reply<Vec<UndoneStep>> {
    db.write(|s| s.undo(steps as usize, &author, Utc::now()))
}

/// Makes again the last `steps` actions taken back by `undo`.
#[tauri::command]
pub async fn redo(db: State<'_, OpenStore>, steps: u32, author: String) -> Reply<Vec<UndoneStep>> {
    db.write(|s| s.redo(steps as usize, &author, Utc::now()))
}

/// Every event on the claim, oldest first: logs, verdicts, corrections,
/// deletions, undos and redos, desk changes.
#[tauri::command]
pub async fn claim_history(db: State<'_, OpenStore>, claim: String) -> Reply<Vec<HistoryEvent>> {
    db.read(|s| s.claim_history(&claim))
}

#[tauri::command]
pub async fn trace_claim(db: State<'_, OpenStore>, claim: String) -> Reply<Trace> {
    db.read(|s| s.trace(&claim))
}

/// Adds tags to a claim (audited); the claim's desk fields after.
#[tauri::command]
pub async fn tag_claim(
    db: State<'_, OpenStore>,
    claim: String,
    tags: Vec<String>,
    author: String,
) -> Reply<DeskFields> {
    db.write(|s| s.tag_claim(&claim, &tags, &author, Utc::now()))
}

/// Removes tags from a claim (audited).
#[tauri::command]
pub async fn untag_claim(
    db: State<'_, OpenStore>,
    claim: String,
    tags: Vec<String>,
    author: String,
) -> Reply<DeskFields> {
    db.write(|s| s.untag_claim(&claim, &tags, &author, Utc::now()))
}

/// Appends a note to the claim's thread (audited).
#[tauri::command]
pub async fn add_note(db: State<'_, OpenStore>, claim: String, text: String, author: String) -> Reply<Note> {
    db.write(|s| s.add_note(&claim, &text, &author, Utc::now()))
}

/// Records where the claim's published fact-check lives (audited).
#[tauri::command]
pub async fn set_review_url(db: State<'_, OpenStore>, claim: String, url: String, author: String) -> Reply<DeskFields> {
    db.write(|s| s.set_review_url(&claim, &url, &author, Utc::now()))
}

/// Gives the claim to a person, with a due date when given (audited).
#[tauri::command]
pub async fn assign_claim(
    db: State<'_, OpenStore>,
    claim: String,
    assignee: String,
    due: Option<String>,
    author: String,
) -> Reply<DeskFields> {
    db.write(|s| s.assign_claim(&claim, &assignee, due.as_deref(), &author, Utc::now()))
}

/// Files claims under a case, creating it when new (audited).
#[tauri::command]
pub async fn add_to_case(
    db: State<'_, OpenStore>,
    case: String,
    claims: Vec<String>,
    author: String,
) -> Reply<CaseChange> {
    db.write(|s| s.case_add(&case, &claims, &author, Utc::now()))
}

/// The sources library, newest first: documents whose title, address,
/// byline, outlet or reference holds every word of `search` (all when empty),
/// at most `limit`.
#[tauri::command]
pub async fn list_documents(
    db: State<'_, OpenStore>,
    search: Option<String>,
    limit: Option<u32>,
) -> Reply<Vec<DocumentSummary>> {
    let filter = DocumentFilter { search, limit: limit.map(|l| l as usize), ..DocumentFilter::default() };
    db.read(|s| s.documents(&filter))
}

/// One document with the claims that cite it and its captures.
#[tauri::command]
pub async fn show_document(db: State<'_, OpenStore>, document: String) -> Reply<DocumentDetail> {
    db.read(|s| s.document(&document))
}

/// The cases, by name, with how many claims each holds.
#[tauri::command]
pub async fn list_cases(db: State<'_, OpenStore>) -> Reply<Vec<CaseSummary>> {
    db.read(|s| s.cases())
}

/// Renames a case (audited); the name it has now.
#[tauri::command]
pub async fn rename_case(db: State<'_, OpenStore>, case: String, new_name: String, author: String) -> Reply<String> {
    db.write(|s| s.case_rename(&case, &new_name, &author, Utc::now()))
}

/// Every chain of every claim filed under `case`.
#[tauri::command]
pub async fn case_map(db: State<'_, OpenStore>, case: String) -> Reply<CaseMap> {
    db.read(|s| s.case_map(&case))
}

#[tauri::command]
pub async fn list_actors(db: State<'_, OpenStore>) -> Reply<Vec<ActorSummary>> {
    db.read(|s| s.actors())
}

/// At most `limit` live actors matching what was typed, an exact name or alias first.
#[tauri::command]
pub async fn suggest_actors(db: State<'_, OpenStore>, typed: String, limit: u32) -> Reply<Vec<ActorSummary>> {
    db.read(|s| s.suggest_actors(&typed, limit as usize))
}

/// What a typed name is among the live actors: an exact name or alias, the
/// actors it may be (each with why), or someone new. `context`: ids of the
/// actors already named in the form, which rank first.
#[tauri::command]
pub async fn resolve_name(
    db: State<'_, OpenStore>,
    name: String,
    kind: Option<ActorKind>,
    context: Vec<String>,
) -> Reply<Resolution> {
    db.read(|s| s.resolve_name(&name, kind, &context))
}

#[tauri::command]
pub async fn actor_profile(db: State<'_, OpenStore>, actor: String) -> Reply<ActorProfile> {
    db.read(|s| s.actor_profile(&actor))
}

#[tauri::command]
pub async fn add_actor_alias(db: State<'_, OpenStore>, actor: String, alias: String) -> Reply<ActorSummary> {
    db.write(|s| s.add_actor_alias(&actor, &alias))
}

#[tauri::command]
pub async fn merge_actors(db: State<'_, OpenStore>, keep: String, drop: String) -> Reply<MergeReport> {
    db.write(|s| s.merge_actors(&keep, &drop, Utc::now()))
}

/// The pairs of live actors that may be one person or outlet, best first,
/// with the reason and how many claims each touches; pairs decided
/// different are left out.
#[tauri::command]
pub async fn duplicate_actors(db: State<'_, OpenStore>) -> Reply<Vec<DuplicatePair>> {
    db.read(|s| s.duplicate_actors())
}

/// Records (audited) that actors `a` and `b` are different: the pair is never
/// offered again.
#[tauri::command]
pub async fn mark_distinct(db: State<'_, OpenStore>, a: String, b: String) -> Reply<DistinctDecision> {
    db.write(|s| s.mark_distinct(&a, &b, Utc::now()))
}

/// Records that `actor` (by name or id; just logged after the checker said
/// "This is someone else") is different from each actor of `offered` it was
/// offered as a candidate, as `log --new-actor` does: those pairs are never
/// offered again. Answers how many decisions were new.
#[tauri::command]
pub async fn mark_distinct_from(db: State<'_, OpenStore>, actor: String, offered: Vec<String>) -> Reply<usize> {
    db.write(|s| s.mark_distinct_from(&actor, &offered, Utc::now()))
}

#[tauri::command]
pub async fn load_demo(db: State<'_, OpenStore>) -> Reply<Vec<String>> {
    db.write(|s| claimtrail_core::demo::load_demo(s, Utc::now()))
}

#[tauri::command]
pub async fn database_info(db: State<'_, OpenStore>) -> Reply<DatabaseInfo> {
    let (empty, read_only, history_broken) = db.read(|s| {
        Ok((
            s.list(&ListFilter { limit: Some(1), ..ListFilter::default() })?.is_empty(),
            s.read_only().map(String::from),
            s.chain_status()?.first_broken.map(|b| format!("entry {} ({}): {}", b.position, b.subject, b.reason)),
        ))
    })?;
    Ok(DatabaseInfo { path: db.path.display().to_string(), empty, read_only, history_broken })
}

#[tauri::command]
pub async fn open_link(url: String) -> Reply<()> {
    crate::link::open_in_browser(&url)
}

/// Fetches a page and keeps its snapshot. The fetch may take seconds, so it
/// runs on a blocking thread and before the store is locked: the window stays
/// usable meanwhile, and the write is the usual one transaction.
#[tauri::command]
pub async fn capture_page(db: State<'_, OpenStore>, url: String, options: CaptureOptions) -> Reply<Captured> {
    let asked = url.clone();
    let fetch = move || capture::take(&url, &HttpFetcher::new(FetchPolicy::from_env())?);
    let taken = tauri::async_runtime::spawn_blocking(fetch)
        .await
        .map_err(|e| IpcError { kind: ErrorKind::Network, message: format!("the capture stopped: {e}") })??;
    db.write(|s| s.keep_capture(&asked, &taken, &options, Utc::now()))
}

/// The capture link the browser sent, once (`null` when none is waiting).
#[tauri::command]
pub async fn take_capture_link(links: State<'_, PendingLink>) -> Reply<Option<CaptureLink>> {
    Ok(links.take())
}

/// The clipboard's text now (`null` when it holds none): the window's own
/// "capture from the clipboard" shortcut.
#[tauri::command]
pub async fn read_clipboard<R: tauri::Runtime>(app: tauri::AppHandle<R>) -> Reply<Option<String>> {
    crate::clipboard_capture::read(&app).map_err(|message| IpcError { kind: ErrorKind::InvalidInput, message })
}

/// The clipboard's text at the last press of the system-wide shortcut, once.
#[tauri::command]
pub async fn take_clipboard_capture(pending: State<'_, PendingClipboard>) -> Reply<Option<String>> {
    Ok(pending.take())
}

/// Whether the system-wide capture shortcut is on, and why not.
#[tauri::command]
pub async fn capture_shortcut(status: State<'_, ShortcutStatus>) -> Reply<ShortcutInfo> {
    Ok(status.get())
}

#[tauri::command]
pub async fn save_export(db: State<'_, OpenStore>, file_name: String, bytes: Vec<u8>) -> Reply<String> {
    crate::export::save(db.path(), &file_name, &bytes)
}

/// Exports one claim (`claim`), one case (`case`) or everything in `format`
/// and saves it in the export folder under a name the shell picks; returns the path.
#[tauri::command]
pub async fn export_data(
    db: State<'_, OpenStore>,
    format: String,
    claim: Option<String>,
    case: Option<String>,
) -> Reply<String> {
    let scope = match (claim, case) {
        (Some(id), _) => Scope::Claim(id),
        (None, Some(name)) => Scope::Case(name),
        (None, None) => Scope::All,
    };
    let mut store = db.lock()?;
    store.refresh()?;
    crate::export::save_data(&store, db.path(), &format, &scope)
}

#[tauri::command]
pub async fn propose_claims(
    db: State<'_, OpenStore>,
    text: String,
    url: Option<String>,
    outlet: Option<String>,
    published: Option<String>,
) -> Reply<Vec<crate::proposals::Proposal>> {
    claimtrail_core::extract::check_paste(text.len())?;
    db.read(|s| crate::proposals::propose(s, &text, url, outlet, published))
}
