//! Backups: online copies with SQLite's backup API, taken on demand, on a
//! schedule and before every migration, rotated; and restoring one.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, OpenFlags, OptionalExtension, MAIN_DB};
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

/// Records of the live database that the backup (main) does not hold.
const LIVE_ONLY: &str = "SELECT
    (SELECT count(*) FROM live.claim WHERE id NOT IN (SELECT id FROM main.claim))
  + (SELECT count(*) FROM live.actor WHERE id NOT IN (SELECT id FROM main.actor))
  + (SELECT count(*) FROM live.appearance WHERE id NOT IN (SELECT id FROM main.appearance))
  + (SELECT count(*) FROM live.verdict WHERE id NOT IN (SELECT id FROM main.verdict))
  + (SELECT count(*) FROM live.audit_event l WHERE NOT EXISTS
        (SELECT 1 FROM main.audit_event m WHERE m.at = l.at AND m.action = l.action AND m.detail = l.detail))
  + (SELECT count(*) FROM live.relay r
        JOIN live.appearance a ON a.seq = r.appearance_seq JOIN live.appearance u ON u.seq = r.upstream_seq
        WHERE NOT EXISTS (SELECT 1 FROM main.relay mr
            JOIN main.appearance ma ON ma.seq = mr.appearance_seq JOIN main.appearance mu ON mu.seq = mr.upstream_seq
            WHERE ma.id = a.id AND mu.id = u.id))";

/// Copies `conn`'s main database to `dest` through a temporary file renamed
/// into place, so `dest` is either the old file or a complete copy.
pub(super) fn copy_database(conn: &Connection, dest: &Path) -> Result<i64> {
    if let Some(parent) = dest.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|e| Error::invalid(format!("cannot create {}: {e}", parent.display())))?;
    }
    let partial = dest.with_extension("partial");
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
    /// Copies the database to `dest` while it stays in use: the copy is a
    /// consistent snapshot even with writers running.
    pub fn backup_to(&self, dest: &Path) -> Result<BackupReport> {
        if self.path.as_deref().is_some_and(|p| same_file(p, dest)) {
            return Err(Error::invalid("the backup file is the database itself"));
        }
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
        if !force && missing > 0 {
            return Err(Error::invalid(format!(
                "the database has {missing} records newer than the backup (they would be lost); use --force to restore anyway"
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
            Err(Error::Damaged { .. } | Error::NotADatabase { .. }) if db.is_file() => replace_damaged(db, src, now),
            Err(e) => Err(e),
        }
    }
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
    let version: i64 =
        conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(|e| not_ours(e.to_string()))?;
    if version > super::SCHEMA_VERSION {
        return Err(Error::SchemaTooNew { path: src.to_path_buf(), found: version, known: super::SCHEMA_VERSION });
    }
    let has_claims: Option<String> = conn
        .query_row("SELECT name FROM sqlite_schema WHERE type = 'table' AND name = 'claim'", [], |r| r.get(0))
        .optional()
        .map_err(|e| not_ours(e.to_string()))?;
    if version == 0 || has_claims.is_none() {
        return Err(not_ours("it is not a Claimtrail database".into()));
    }
    let ok: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0)).map_err(|e| not_ours(e.to_string()))?;
    if ok != "ok" {
        return Err(not_ours(format!("it is damaged ({ok})")));
    }
    Ok(conn)
}

/// Checks that `src` is a Claimtrail database this build can read, without
/// modifying it, and counts the records of the live database at `live` that
/// the backup lacks: what a restore would lose.
fn inspect_backup(src: &Path, live: &Path) -> Result<i64> {
    let conn = open_backup(src)?;
    conn.execute("ATTACH DATABASE ?1 AS live", [live.to_string_lossy()])?;
    Ok(conn.query_row(LIVE_ONLY, [], |r| r.get(0))?)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}
