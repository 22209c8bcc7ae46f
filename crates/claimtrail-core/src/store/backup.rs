//! Backups: online copies with SQLite's backup API, taken on demand, on a
//! schedule and before every migration, rotated; and restoring one.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, OpenFlags, MAIN_DB};
use serde::Serialize;

use super::Store;
use crate::error::{Error, Result};

/// The time in automatic backup names: sorts as it reads.
const STAMP_FORMAT: &str = "%Y%m%dT%H%M%S%.3fZ";

/// How many automatic backups of each kind are kept.
pub const KEEP_AUTOMATIC: usize = 5;

#[derive(Debug, Clone, Serialize)]
pub struct BackupReport {
    pub path: PathBuf,
    pub pages: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct RestoreReport {
    /// A backup of the database as it was just before the restore.
    pub previous: PathBuf,
}

/// Every table that holds user data, with how its rows are matched between
/// the live database and the backup (`main`) to count what a restore would
/// lose: by what names them in every copy (ids, keys, the ids of the rows
/// they belong to), never by `seq`, which differs between copies. A table the
/// backup does not have yet (an older schema) loses all its rows.
/// `every_table_is_counted_or_derived` fails when a table is added to the
/// schema without being listed here or in [`DERIVED_TABLES`].
const COUNTED_TABLES: &[(&str, Match)] = &[
    ("claim", Match::Id),
    ("actor", Match::Id),
    ("actor_alias", Match::InParent { parent: "actor", by: "actor_seq", key: "alias_key" }),
    ("actor_domain", Match::InParent { parent: "actor", by: "actor_seq", key: "domain" }),
    ("document", Match::Id),
    ("case_file", Match::Key("name_key")),
    (
        "claim_case",
        Match::Query(
            "SELECT count(*) FROM live.claim_case l JOIN live.claim c ON c.seq = l.claim_seq
               JOIN live.case_file f ON f.seq = l.case_seq
             WHERE NOT EXISTS (SELECT 1 FROM main.claim_case m JOIN main.claim mc ON mc.seq = m.claim_seq
                               JOIN main.case_file mf ON mf.seq = m.case_seq
                               WHERE mc.id = c.id AND mf.name_key = f.name_key)",
        ),
    ),
    ("claim_tag", Match::InParent { parent: "claim", by: "claim_seq", key: "tag" }),
    ("appearance", Match::Id),
    ("relay", Match::Pair { parent: "appearance", a: "appearance_seq", b: "upstream_seq", either_order: false }),
    ("verdict", Match::Id),
    ("verdict_evidence", Match::InParent { parent: "verdict", by: "verdict_seq", key: "position" }),
    (
        "audit_event",
        Match::Query(
            "SELECT count(*) FROM live.audit_event l WHERE NOT EXISTS
               (SELECT 1 FROM main.audit_event m WHERE m.at = l.at AND m.action = l.action AND m.detail = l.detail)",
        ),
    ),
    ("snapshot", Match::Id),
    ("claim_note", Match::Id),
    // A decision "these two are different" holds whichever way round it was recorded.
    ("actor_distinct", Match::Pair { parent: "actor", a: "a_seq", b: "b_seq", either_order: true }),
    ("verdict_conflict", Match::Pair { parent: "verdict", a: "ours_seq", b: "theirs_seq", either_order: false }),
];

/// How a row of the live database is found in the backup.
enum Match {
    /// By its `id` column.
    Id,
    /// By a unique key column.
    Key(&'static str),
    /// By the `id` of the `parent` row it belongs to (through column `by`) and its own `key`.
    InParent { parent: &'static str, by: &'static str, key: &'static str },
    /// By the ids of the two `parent` rows it links (through columns `a` and
    /// `b`), in that order or, with `either_order`, in either.
    Pair { parent: &'static str, a: &'static str, b: &'static str, either_order: bool },
    /// By the query given, which counts the live rows the backup lacks.
    Query(&'static str),
}

impl Match {
    /// The query counting the rows of `table` in `live` that `main` lacks.
    fn query(&self, table: &str) -> String {
        match self {
            Match::Id => format!("SELECT count(*) FROM live.{table} WHERE id NOT IN (SELECT id FROM main.{table})"),
            Match::Key(key) => {
                format!("SELECT count(*) FROM live.{table} WHERE {key} NOT IN (SELECT {key} FROM main.{table})")
            }
            Match::InParent { parent, by, key } => format!(
                "SELECT count(*) FROM live.{table} l JOIN live.{parent} p ON p.seq = l.{by}
                 WHERE NOT EXISTS (SELECT 1 FROM main.{table} m JOIN main.{parent} mp ON mp.seq = m.{by}
                                   WHERE mp.id = p.id AND m.{key} = l.{key})"
            ),
            Match::Pair { parent, a, b, either_order } => {
                let swapped = if *either_order { " OR (ma.id = lb.id AND mb.id = la.id)" } else { "" };
                format!(
                    "SELECT count(*) FROM live.{table} l
                       JOIN live.{parent} la ON la.seq = l.{a} JOIN live.{parent} lb ON lb.seq = l.{b}
                     WHERE NOT EXISTS (SELECT 1 FROM main.{table} m
                       JOIN main.{parent} ma ON ma.seq = m.{a} JOIN main.{parent} mb ON mb.seq = m.{b}
                       WHERE (ma.id = la.id AND mb.id = lb.id){swapped})"
                )
            }
            Match::Query(sql) => sql.to_string(),
        }
    }
}

/// Tables whose rows are computed from the counted ones, so a restore loses
/// nothing in them that it does not lose in a counted table.
#[cfg_attr(not(test), allow(dead_code))]
const DERIVED_TABLES: &[&str] = &[
    // The undo and redo stack: one step per logged, corrected, deleted or
    // judged change, each of which is a counted row (an appearance, an audit
    // event, a verdict); it says only which of them comes back next.
    "undo_step",
    // The actors' blocking keys for resolution, and the actors whose keys
    // are to be recomputed: computed from actor, actor_alias and
    // actor_domain (migration 0009).
    "actor_block_key",
    "actor_block_stale",
    // Which claims each audit event names: computed from audit_event's
    // detail and claim (migration 0010).
    "audit_subject",
    // The hash chain over verdicts and audit events: one entry per counted
    // row of those tables, and rebuilt by migration 0003 for a backup made
    // before the chain (counting it would refuse such a backup for nothing).
    "history_entry",
    // Full-text indexes of claim texts, quotes and actor names, kept by
    // triggers, with the shadow tables FTS5 stores them in.
    "claim_fts",
    "claim_fts_data",
    "claim_fts_idx",
    "claim_fts_docsize",
    "claim_fts_config",
    "quote_fts",
    "quote_fts_data",
    "quote_fts_idx",
    "quote_fts_docsize",
    "quote_fts_config",
    "actor_fts",
    "actor_fts_data",
    "actor_fts_idx",
    "actor_fts_content",
    "actor_fts_docsize",
    "actor_fts_config",
    // Handles, given by triggers from each row's id (migration 0008).
    "record_handle",
];

/// Copies `conn`'s main database to `dest` through a temporary file renamed
/// into place, so `dest` is either the old file or a complete copy.
pub(super) fn copy_database(conn: &Connection, dest: &Path) -> Result<i64> {
    if let Some(parent) = dest.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|e| Error::invalid(format!("cannot create {}: {e}", parent.display())))?;
    }
    let partial = partial_of(dest);
    let _ = std::fs::remove_file(&partial);
    // Read before copying: the chain only grows, so the copy holds at least
    // this head. A file the chain's migration has not reached yet (a copy taken
    // before migrating) has no head to keep, whatever tables are in its way.
    let head = super::history::newest(conn).ok().flatten();
    conn.backup(MAIN_DB, &partial, None)?;
    // Counted on the source: opening the copy would leave -wal and -shm files
    // beside it (it inherits WAL mode from the pages it copied).
    let pages: i64 = conn.pragma_query_value(None, "page_count", |r| r.get(0))?;
    std::fs::rename(&partial, dest).map_err(|e| Error::invalid(format!("cannot write {}: {e}", dest.display())))?;
    // The copy's head beside it, so a backup cut short afterwards is caught too.
    if let Some(head) = head {
        super::history::write_head(&super::history::head_file(dest), &head)?;
    }
    Ok(pages)
}

/// The file a copy to `dest` is written to before it is renamed into place.
fn partial_of(dest: &Path) -> PathBuf {
    dest.with_extension("partial")
}

/// The folder automatic backups of `db` go to: `<db>.backups/` beside it.
pub fn backup_folder(db: &Path) -> PathBuf {
    let mut name = db.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".backups");
    db.with_file_name(name)
}

/// Takes an automatic backup named `<prefix>-<time>.sqlite3` and keeps the
/// newest [`KEEP_AUTOMATIC`] with that prefix.
pub(super) fn automatic_backup(conn: &Connection, db: &Path, prefix: &str, now: DateTime<Utc>) -> Result<PathBuf> {
    let folder = backup_folder(db);
    let dest = folder.join(format!("{prefix}-{}.sqlite3", now.format(STAMP_FORMAT)));
    copy_database(conn, &dest)?;
    let mut ours: Vec<PathBuf> = std::fs::read_dir(&folder)
        .map_err(|e| Error::invalid(format!("cannot list {}: {e}", folder.display())))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&format!("{prefix}-")) && n.ends_with(".sqlite3"))
        })
        .collect();
    ours.sort();
    let excess = ours.len().saturating_sub(KEEP_AUTOMATIC);
    for old in &ours[..excess] {
        let _ = std::fs::remove_file(old);
        let _ = std::fs::remove_file(super::history::head_file(old));
    }
    Ok(dest)
}

impl Store {
    /// Refuses `out` as a file to write (an export, a bundle, a backup) when
    /// writing it would replace this database or a file it needs: see
    /// [`refuse_database_files`]. A store in memory has no such files.
    pub fn check_output(&self, out: &Path) -> Result<()> {
        match &self.path {
            Some(db) => refuse_database_files(db, out),
            None => Ok(()),
        }
    }

    /// Copies the database to `dest` while it stays in use: the copy is a
    /// consistent snapshot even with writers running.
    pub fn backup_to(&self, dest: &Path) -> Result<BackupReport> {
        self.check_output(dest)?;
        // The copy is first written beside `dest` (the old file there removed):
        // `backup db.sqlite3` of a database named `db.partial` would delete it.
        self.check_output(&partial_of(dest))?;
        let pages = copy_database(&self.conn, dest)?;
        Ok(BackupReport { path: dest.to_path_buf(), pages })
    }

    /// Takes a scheduled backup if the newest one is older than `every`;
    /// returns the new file, if any.
    pub fn backup_if_due(&self, every: Duration, now: DateTime<Utc>) -> Result<Option<PathBuf>> {
        let Some(db) = self.path.clone() else { return Ok(None) };
        if self.read_only.is_some() {
            // A database nothing can change needs no new copy (and its folder may refuse one).
            return Ok(None);
        }
        let folder = backup_folder(&db);
        // The time is read from the names, which carry the `now` they were taken at.
        let newest = std::fs::read_dir(&folder)
            .ok()
            .into_iter()
            .flatten()
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter_map(|n| {
                let stamp = n.strip_prefix("scheduled-")?.strip_suffix(".sqlite3")?.to_string();
                chrono::NaiveDateTime::parse_from_str(&stamp, STAMP_FORMAT).ok().map(|t| t.and_utc())
            })
            .max();
        let due = match newest {
            None => true,
            Some(t) => t + every <= now,
        };
        if !due {
            return Ok(None);
        }
        automatic_backup(&self.conn, &db, "scheduled", now).map(Some)
    }

    /// Replaces the database with the backup at `src`. The backup must be a
    /// Claimtrail database this build can read; if the current database holds
    /// changes newer than anything in the backup, the restore is refused unless
    /// `force`. The current database is backed up first either way.
    pub fn restore_from(&mut self, src: &Path, force: bool, now: DateTime<Utc>) -> Result<RestoreReport> {
        let db = self.path.clone().ok_or_else(|| Error::invalid("an in-memory database cannot be restored into"))?;
        if let Some(reason) = &self.read_only {
            return Err(Error::ReadOnly { path: Some(db), reason: reason.clone() });
        }
        if same_file(&db, src) {
            return Err(Error::invalid("the backup file is the database itself"));
        }
        let missing = inspect_backup(src, &db)?;
        let total: i64 = missing.iter().map(|(_, n)| n).sum();
        if !force && total > 0 {
            let which: Vec<String> = missing.iter().map(|(table, n)| format!("{table}: {n}")).collect();
            return Err(Error::invalid(format!(
                "the database has {total} records newer than the backup ({}); they would be lost; use --force to restore anyway",
                which.join(", ")
            )));
        }
        let previous = automatic_backup(&self.conn, &db, "before-restore", now)?;
        self.conn.restore(MAIN_DB, src, None::<fn(rusqlite::backup::Progress)>)?;
        drop(std::mem::replace(&mut self.conn, Connection::open_in_memory()?));
        // Reopen through the normal path: pragmas, and migrations if the backup is older.
        let reopened = Store::open(&db)?;
        *self = reopened;
        // The chain was rewound on purpose: the head follows it.
        self.reset_head()?;
        Ok(RestoreReport { previous })
    }
}

impl Store {
    /// Restores the backup at `src` into the database at `db`, which may be
    /// too damaged to open. A sound database (SQLite's `quick_check`) is
    /// restored as [`Store::restore_from`] does. One that is damaged or not a
    /// database (truncated, overwritten pages or header) cannot be compared
    /// with the backup: it
    /// is moved, with its `-wal` and `-shm` files, into its backups folder as
    /// `damaged-<time>.sqlite3` (never deleted), and the backup is copied in.
    pub fn restore_file(db: &Path, src: &Path, force: bool, now: DateTime<Utc>) -> Result<(Store, RestoreReport)> {
        match Store::open(db) {
            Ok(mut store) if sound(&store.conn) => {
                let report = store.restore_from(src, force, now)?;
                Ok((store, report))
            }
            // Opens, but pages are damaged: it cannot be compared with the backup either.
            Ok(store) if store.read_only.is_none() => {
                drop(store);
                replace_damaged(db, src, now)
            }
            Ok(store) => {
                Err(Error::ReadOnly { path: Some(db.to_path_buf()), reason: store.read_only.unwrap_or_default() })
            }
            Err(Error::NotADatabase { path, reason }) if other_application(db) => Err(Error::NotADatabase {
                path,
                reason: format!("{reason}; a restore does not replace another program's file"),
            }),
            Err(Error::Damaged { .. } | Error::NotADatabase { .. }) if db.is_file() => replace_damaged(db, src, now),
            Err(e) => Err(e),
        }
    }
}

/// Whether `db` is a sound SQLite database that is not ours: a damaged
/// Claimtrail file is moved aside by a restore, another program's file is not
/// touched. Read as immutable, so nothing is written beside it.
fn other_application(db: &Path) -> bool {
    let Some(uri) = super::faults::immutable_uri(db) else { return false };
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI;
    Connection::open_with_flags(uri, flags)
        .is_ok_and(|conn| matches!(super::open::identify(&conn, db), Err(Error::NotADatabase { .. })) && sound(&conn))
}

/// Whether SQLite finds every page of the database well formed.
fn sound(conn: &Connection) -> bool {
    conn.query_row("PRAGMA quick_check", [], |r| r.get::<_, String>(0)).is_ok_and(|ok| ok == "ok")
}

/// Moves the damaged database at `db` (with its `-wal` and `-shm`) into its
/// backups folder and copies the backup at `src` in its place.
fn replace_damaged(db: &Path, src: &Path, now: DateTime<Utc>) -> Result<(Store, RestoreReport)> {
    if same_file(db, src) {
        return Err(Error::invalid("the backup file is the database itself"));
    }
    drop(open_backup(src)?);
    let kept = backup_folder(db).join(format!("damaged-{}.sqlite3", now.format(STAMP_FORMAT)));
    std::fs::create_dir_all(backup_folder(db))
        .and_then(|()| std::fs::rename(db, &kept))
        .map_err(|e| Error::invalid(format!("cannot move the damaged {} aside: {e}", db.display())))?;
    for suffix in ["-wal", "-shm"] {
        let (from, to) = (super::faults::sidecar(db, suffix), super::faults::sidecar(&kept, suffix));
        if from.exists() {
            std::fs::rename(&from, &to)
                .map_err(|e| Error::invalid(format!("cannot move {} aside: {e}", from.display())))?;
        }
    }
    Connection::open(db)?.restore(MAIN_DB, src, None::<fn(rusqlite::backup::Progress)>)?;
    let store = Store::open(db)?;
    store.reset_head()?;
    Ok((store, RestoreReport { previous: kept }))
}

/// Opens `src` read-only after checking that it is a sound Claimtrail
/// database this build can read.
fn open_backup(src: &Path) -> Result<Connection> {
    let not_ours = |reason: String| Error::NotADatabase { path: src.to_path_buf(), reason };
    if !src.is_file() {
        return Err(not_ours("the file does not exist".into()));
    }
    let conn =
        Connection::open_with_flags(src, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(|e| not_ours(e.to_string()))?;
    // A file that is not SQLite at all fails this first read.
    conn.pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0)).map_err(|e| not_ours(e.to_string()))?;
    // Recognised by its application id or its tables, as the database is
    // when opened: a file with a `claim` table and a version is not enough.
    if let super::open::Identity::New = super::open::identify(&conn, src)? {
        return Err(not_ours("it is an empty SQLite file, not a backup".into()));
    }
    let ok: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0)).map_err(|e| not_ours(e.to_string()))?;
    if ok != "ok" {
        return Err(not_ours(format!("it is damaged ({ok})")));
    }
    Ok(conn)
}

/// Checks that `src` is a Claimtrail database this build can read, without
/// modifying it, and counts the records of the live database at `live` that
/// the backup lacks, by table (only tables with some): what a restore would lose.
fn inspect_backup(src: &Path, live: &Path) -> Result<Vec<(&'static str, i64)>> {
    let conn = open_backup(src)?;
    conn.execute("ATTACH DATABASE ?1 AS live", [live.to_string_lossy()])?;
    let mut missing = Vec::new();
    for (table, matched) in COUNTED_TABLES {
        let in_backup: bool = conn.query_row(
            "SELECT count(*) > 0 FROM main.sqlite_schema WHERE type = 'table' AND name = ?1",
            [table],
            |r| r.get(0),
        )?;
        let n: i64 = if in_backup {
            conn.query_row(&matched.query(table), [], |r| r.get(0))?
        } else {
            conn.query_row(&format!("SELECT count(*) FROM live.{table}"), [], |r| r.get(0))?
        };
        if n > 0 {
            missing.push((*table, n));
        }
    }
    Ok(missing)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// Refuses to write `out` when it is the database at `db`, its `-wal`,
/// `-shm` or `-journal` file, its history head (`<db>.head`), its backups
/// folder or anything in that folder: an export or a copy written there would
/// replace the data, or the copies that bring it back, without a trace.
///
/// Both paths are compared as the file system resolves them (relative paths,
/// `..`, symbolic links, and, for a file not yet written, the folder it would
/// be written in), and an existing `out` that is a hard link to one of those
/// files is refused too.
pub fn refuse_database_files(db: &Path, out: &Path) -> Result<()> {
    let refuse = |what: String| Err(Error::invalid(format!("refusing to write {}: it is {what}", out.display())));
    let target = resolved(out);
    let linked = std::fs::metadata(out).ok();
    // The database as named, and as the file system resolves it: SQLite puts
    // `-wal` and `-shm` beside the name it was given, or beside the link's target.
    let mut names = vec![absolute(db), resolved(db)];
    names.dedup();
    for name in &names {
        let folder = backup_folder(name);
        if target.starts_with(&folder) || target.starts_with(resolved(&folder)) {
            return refuse(format!("the database's backups folder {}, or inside it", folder.display()));
        }
        for (suffix, what) in [
            ("", "the database itself"),
            ("-wal", "the database's -wal file"),
            ("-shm", "the database's -shm file"),
            ("-journal", "the database's -journal file"),
            (".head", "the database's history head"),
        ] {
            let file = super::faults::sidecar(name, suffix);
            let same_inode = linked.as_ref().is_some_and(|o| std::fs::metadata(&file).is_ok_and(|f| same_inode(o, &f)));
            if target == file || target == resolved(&file) || same_inode {
                return refuse(format!("{what} ({})", db.display()));
            }
        }
    }
    Ok(())
}

/// `path` made absolute against the current folder, `.` and `..` folded.
fn absolute(path: &Path) -> PathBuf {
    let joined = std::env::current_dir().map(|cwd| cwd.join(path)).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for part in joined.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// `path` as the file system resolves it: the longest part that exists is
/// canonicalised (symbolic links followed) and the rest, not yet written, appended.
fn resolved(path: &Path) -> PathBuf {
    let full = absolute(path);
    let mut existing = full.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            return rest.iter().rev().fold(real, |p, part| p.join(part));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return full,
        }
    }
}

#[cfg(unix)]
fn same_inode(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_inode(_a: &std::fs::Metadata, _b: &std::fs::Metadata) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::{COUNTED_TABLES, DERIVED_TABLES};
    use crate::Store;

    #[test]
    fn every_table_is_counted_or_derived() {
        let store = Store::open_in_memory().unwrap();
        let tables: Vec<String> = store
            .conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        for table in &tables {
            let counted = COUNTED_TABLES.iter().any(|(t, _)| t == table);
            let derived = DERIVED_TABLES.contains(&table.as_str());
            assert!(
                counted != derived,
                "table {table} must be either counted by the restore guard (COUNTED_TABLES, user data) \
                 or listed as derived (DERIVED_TABLES), not {}",
                if counted { "both" } else { "neither" }
            );
        }
        for listed in COUNTED_TABLES.iter().map(|(t, _)| *t).chain(DERIVED_TABLES.iter().copied()) {
            assert!(tables.iter().any(|t| t == listed), "{listed} is listed but not in the schema");
        }
    }
}
