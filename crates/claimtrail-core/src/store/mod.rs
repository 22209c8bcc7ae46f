//! The SQLite store: the source of truth.
//!
//! [`Store`] owns one connection and the derived [`ProvenanceGraph`]. Every
//! user action is one transaction; the graph is updated only after the
//! transaction commits, so it never holds a row the database does not. The
//! whole graph is built from the database only when something needs it (a
//! trace of one appearance, which looks downstream too); a trace of a claim
//! and the claims list read only their claims' upstream part
//! ([`Store::with_graph_of`]), and a command that needs no graph, such as
//! `actors`, `status` or `note`, reads none.

mod actors;
mod backup;
mod bulk;
mod carried_chain;
mod case_map;
mod claim_history;
mod claim_merge;
mod claims;
mod corrections;
mod desk;
mod duplicates;
mod export_rows;
pub(crate) mod faults;
mod handles;
mod history;
mod identity;
mod identity_decisions;
mod import_rows;
mod log;
mod migration_hooks;
mod open;
mod proposals;
mod reversible;
mod rows;
mod similar;
mod snapshots;
mod sources;
mod trace;
mod undo;
mod verdicts;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::graph::ProvenanceGraph;

pub use actors::{ActorProfile, ActorSummary, LookAlike, MergeReport};
pub use backup::{backup_folder, refuse_database_files, BackupReport, RestoreReport, KEEP_AUTOMATIC};
pub use bulk::{Bulk, BulkActor, BulkAppearance, BulkRelay, BulkReport};
pub use carried_chain::{ChainSegment, ImportedVerdict, SegmentEntry};
pub use case_map::{CaseClaim, CaseMap, CaseSummary, CASE_MAP_MAX_CLAIMS};
pub use claim_history::HistoryEvent;
pub use claim_merge::{ClaimMerge, Disagreement};
pub use claims::{AppearanceView, ClaimDetail, ClaimRef, ClaimSummary, ListFilter, ListSort, OriginCount};
pub use corrections::{Corrected, Edit, RelayEdit, Speaker};
pub use desk::{CaseChange, DeskFields, Note, MAX_LABEL_CHARS, MAX_NOTE_CHARS};
pub use duplicates::{ActorName, DistinctDecision, DuplicatePair, PairClaims, PossibleDuplicate};
pub use export_rows::{
    ActorRecord, AppearanceRecord, ClaimRecord, DocumentRecord, Records, RelayRecord, Scope, SnapshotRecord,
};
pub use handles::{RecordKind, RecordRef};
pub use history::{head_file, Anchor, AuditContent, BrokenEntry, Head, HistoryCheck};
pub use identity::{name_story_actors, NameResolution};
pub use identity_decisions::{DistinctRecord, IdentityRecords, MergeRecord};
pub(crate) use import_rows::canonical_id;
pub use import_rows::{ImportNote, ImportReport, RecordCounts};
pub use log::{ActorSpec, DocumentSpec, LogRequest, Logged, RelayStep};
pub use open::{APPLICATION_ID, SCHEMA_VERSION};
pub use proposals::UNNAMED_DISSENT;
pub use rows::MAX_NAME_CHARS;
pub use similar::{PriorCheck, SimilarClaim, MIN_SIMILARITY};
pub use snapshots::{
    CaptureOptions, Captured, ClaimedName, DocumentRef, OutletSuggestion, Recaptured, SnapshotCheck, SnapshotMismatch,
    SnapshotSummary, WordChange, MAX_WORD_CHANGES,
};
pub use sources::{DocumentCapture, DocumentCitation, DocumentDetail, DocumentFilter, DocumentSummary};
pub use trace::{
    DeadEnd, DeadEndReason, DisputeRef, Drift, EdgeView, Hop, HopRole, OriginRef, Trace, Warning, WarningKind,
    FALSE_CORROBORATION_OUTLETS,
};
pub use undo::{UndoneLog, UndoneStep};
pub use verdicts::{StatusRequest, VerdictConflict, VerdictEvent};

/// Longest claim text accepted, in characters.
pub const MAX_CLAIM_CHARS: usize = 100_000;

/// An open Claimtrail database and the provenance graph derived from it.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// Built on first use ([`Store::graph`]); empty until then, and emptied
    /// again when it must be read anew.
    graph: std::cell::OnceCell<ProvenanceGraph>,
    /// `PRAGMA data_version` when the graph was last in step: another process
    /// (the CLI beside the window) changes it, and the graph is then let go,
    /// to be built anew on its next use.
    data_version: i64,
    /// Why the database is open read-only; `None` when it can be written.
    read_only: Option<String>,
    /// How many claims hold each common word, as similar claims counted it:
    /// counting a word half the claims hold takes milliseconds, and its
    /// count only steers which words are searched. Rare words are counted
    /// anew each time, so a word a new claim brings is never missed.
    common_words: std::cell::RefCell<std::collections::HashMap<String, i64>>,
}

impl Store {
    /// The file this store was opened from (`None` in memory).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Opens a writing transaction that takes the write lock at once.
    ///
    /// A deferred transaction that reads first and writes later cannot wait
    /// for another writer (SQLite returns BUSY at once to avoid a deadlock),
    /// so every user action starts IMMEDIATE and the busy timeout applies.
    ///
    /// A read-only store refuses here, before anything is attempted, with the
    /// reason it is read-only.
    pub(crate) fn write_transaction(&mut self) -> crate::Result<rusqlite::Transaction<'_>> {
        if let Some(reason) = &self.read_only {
            return Err(crate::Error::ReadOnly {
                path: self.path.clone(),
                reason: format!("{reason}; nothing was changed (reading, tracing and exporting still work)"),
            });
        }
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // Actors written since the last write get their blocking keys first.
        identity::refresh_block_keys(&tx)?;
        Ok(tx)
    }

    /// Appearances and relay edges in the in-memory graph (built now if it
    /// was not yet).
    pub fn graph_size(&self) -> crate::Result<(usize, usize)> {
        let graph = self.graph()?;
        Ok((graph.node_count(), graph.edge_count()))
    }

    /// Whether the graph has been built since the store opened (or since it
    /// was last let go): a command that needs none leaves it unbuilt.
    #[doc(hidden)]
    pub fn graph_built(&self) -> bool {
        self.graph.get().is_some()
    }

    /// The provenance graph, built from the database on first use.
    pub(crate) fn graph(&self) -> crate::Result<&ProvenanceGraph> {
        if let Some(graph) = self.graph.get() {
            return Ok(graph);
        }
        let built = ProvenanceGraph::load(&self.conn)?;
        Ok(self.graph.get_or_init(|| built))
    }

    /// Runs `read` over a graph that holds what the traces of `claims`
    /// need: the whole graph when it is built, else only those claims and
    /// what is upstream of them, read now — listing or tracing a few claims
    /// then reads a few hundred rows, not a million. Many claims at once
    /// build the whole graph instead.
    pub(crate) fn with_graph_of<T>(
        &self,
        claims: &[i64],
        read: impl FnOnce(&ProvenanceGraph) -> T,
    ) -> crate::Result<T> {
        const PART_LIMIT: usize = 2_000;
        if self.graph.get().is_some() || claims.len() > PART_LIMIT {
            return Ok(read(self.graph()?));
        }
        Ok(read(&ProvenanceGraph::load_upstream(&self.conn, claims)?))
    }

    /// The graph to keep in step with a change just committed, if it is built;
    /// an unbuilt graph will read the change from the database when built.
    pub(crate) fn built_graph(&mut self) -> Option<&mut ProvenanceGraph> {
        self.graph.get_mut()
    }

    /// Lets the graph go after changes too broad to apply in place: the next
    /// use builds it from the database.
    pub(crate) fn rebuild_graph(&mut self) {
        self.graph = std::cell::OnceCell::new();
    }

    /// Direct access to the connection for benchmarks and tests that need to
    /// compare against plain SQL.
    #[doc(hidden)]
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

/// A fresh UUID v7 as text: ids sort by creation time.
/// The first column of `sql`'s rows, as text (ids, names, aliases): what an
/// audited action names in its detail so that it can be taken back.
pub(crate) fn column_texts(conn: &Connection, sql: &str, args: impl rusqlite::Params) -> crate::Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(args, |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub(crate) fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// Trims text typed by a user, returning `None` when nothing is left.
pub(crate) fn non_blank(s: Option<&str>) -> Option<String> {
    s.map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

/// The environment variable that overrides the default database path.
pub const DATABASE_ENV: &str = "CLAIMTRAIL_DB";

/// The database the CLI and the desktop app open when none is named:
/// `$CLAIMTRAIL_DB` if set, else `claimtrail.sqlite3` in the per-user data
/// folder (`$XDG_DATA_HOME/claimtrail` on Linux).
pub fn default_database_path() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(DATABASE_ENV).filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    directories::ProjectDirs::from("", "", "claimtrail").map(|d| d.data_dir().join("claimtrail.sqlite3"))
}
