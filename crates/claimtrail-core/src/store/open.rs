//! Opening a database: refusing what is not ours or is too new, applying the
//! pragmas and the migrations, and building the graph.

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};
use rusqlite_migration::{Migrations, M};

use super::{faults, Store};
use crate::error::{Error, Result};

/// The schema version this build writes. Each file in `migrations/` is one step.
pub const SCHEMA_VERSION: i64 = MIGRATION_FILES.len() as i64;

/// The migrations, in order, by file name. A released file is never edited:
/// changes are new files.
const MIGRATION_FILES: &[(&str, &str)] = &[
    ("0001_initial", include_str!("../../../../migrations/0001_initial.sql")),
    ("0002_snapshots", include_str!("../../../../migrations/0002_snapshots.sql")),
    ("0003_history_chain", include_str!("../../../../migrations/0003_history_chain.sql")),
    ("0004_actor_look_key", include_str!("../../../../migrations/0004_actor_look_key.sql")),
    ("0005_claim_key", include_str!("../../../../migrations/0005_claim_key.sql")),
    ("0006_actor_distinct", include_str!("../../../../migrations/0006_actor_distinct.sql")),
    ("0007_tombstones", include_str!("../../../../migrations/0007_tombstones.sql")),
    ("0008_desk", include_str!("../../../../migrations/0008_desk.sql")),
    ("0009_actor_block_keys", include_str!("../../../../migrations/0009_actor_block_keys.sql")),
    ("0010_audit_subject", include_str!("../../../../migrations/0010_audit_subject.sql")),
    ("0011_live_counts", include_str!("../../../../migrations/0011_live_counts.sql")),
    ("0012_verdict_conflict", include_str!("../../../../migrations/0012_verdict_conflict.sql")),
    ("0013_document_reference", include_str!("../../../../migrations/0013_document_reference.sql")),
    ("0014_appearance_role", include_str!("../../../../migrations/0014_appearance_role.sql")),
];

fn migrations() -> Migrations<'static> {
    Migrations::new(
        MIGRATION_FILES
            .iter()
            .map(|&(name, sql)| match super::migration_hooks::hook(name) {
                Some(hook) => M::up_with_hook(sql, hook),
                None => M::up(sql),
            })
            .collect(),
    )
}

/// `PRAGMA application_id` of every Claimtrail database ("CLTR" in ASCII),
/// so a file is known as ours by its header, not by its name or version.
pub const APPLICATION_ID: i32 = 0x434C_5452;

/// What a file holds, as read before anything is written to it.
pub(super) enum Identity {
    /// No tables and no version: a file to create a database in.
    New,
    /// A Claimtrail database of schema `version`; `marked` when it carries
    /// [`APPLICATION_ID`] (files made before the mark are recognised by their tables).
    Ours { version: i64, marked: bool },
}

/// Recognises a Claimtrail database by its application id, or, in a file made
/// before the id was set, by having the tables and columns of its schema
/// version. Anything else (another program's SQLite file, whatever its
/// `user_version`) is refused. Only reads.
pub(super) fn identify(conn: &Connection, shown: &Path) -> Result<Identity> {
    let read = |pragma: &str| -> Result<i64> {
        conn.pragma_query_value(None, pragma, |r| r.get(0)).map_err(|e| open_error(shown, e))
    };
    // user_version first: a file that is not SQLite fails on this read.
    let version = read("user_version")?;
    let application_id = read("application_id")?;
    let not_ours = |reason: String| Error::NotADatabase { path: shown.to_path_buf(), reason };
    // Every object (a file holding only a view or a trigger is not empty).
    let objects: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(|e| open_error(shown, e))?;
    if application_id != 0 && application_id != i64::from(APPLICATION_ID) {
        return Err(not_ours(format!("it belongs to another application (application_id {application_id:#x})")));
    }
    let marked = application_id != 0;
    if version > SCHEMA_VERSION && (marked || objects.iter().any(|t| t == "claim")) {
        return Err(Error::SchemaTooNew { path: shown.to_path_buf(), found: version, known: SCHEMA_VERSION });
    }
    if version == 0 && objects.is_empty() {
        return Ok(Identity::New);
    }
    if version == 0 || version > SCHEMA_VERSION {
        return Err(not_ours("it is an SQLite database of another application".into()));
    }
    if !marked && !has_schema_of(conn, version).map_err(|e| open_error(shown, e))? {
        return Err(not_ours(format!(
            "it is an SQLite database of another application: its user_version is {version}, but it lacks the tables of that Claimtrail schema"
        )));
    }
    Ok(Identity::Ours { version, marked })
}

/// Whether `conn` has every table of schema `version`, each with its columns
/// in order: built by running the migrations up to `version` in memory.
fn has_schema_of(conn: &Connection, version: i64) -> rusqlite::Result<bool> {
    let mut reference = Connection::open_in_memory()?;
    let steps = usize::try_from(version).unwrap_or(0);
    if migrations().to_version(&mut reference, steps).is_err() {
        return Ok(false);
    }
    let tables = |c: &Connection| -> rusqlite::Result<Vec<(String, Vec<String>)>> {
        let names: Vec<String> = c
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        names
            .into_iter()
            .map(|name| {
                let columns = c
                    .prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?
                    .query_map([&name], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                Ok((name, columns))
            })
            .collect()
    };
    let found = tables(conn)?;
    Ok(tables(&reference)?.iter().all(|table| found.contains(table)))
}

const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema
    /// up to date. A file that is not a Claimtrail database, or one written by
    /// a newer build, is refused without being modified.
    ///
    /// When the file, its folder or its volume cannot be written, the database
    /// is opened read-only instead ([`Store::read_only`] says why): reading,
    /// tracing and exporting work, and every change is refused with
    /// [`ErrorKind::ReadOnly`](crate::ErrorKind::ReadOnly). A damaged or
    /// truncated file is refused with [`ErrorKind::Damaged`](crate::ErrorKind::Damaged).
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_file(path).map_err(|e| e.in_file(path))
    }

    /// Opens the database at `path` like [`Store::open`], but only if the file
    /// exists: for reading, where creating an empty database at a mistyped
    /// path would hide the mistake behind an empty list.
    pub fn open_existing(path: &Path) -> Result<Store> {
        if !path.exists() {
            return Err(Error::invalid(format!(
                "{} does not exist; nothing was created (check the path)",
                path.display()
            )));
        }
        Store::open(path)
    }

    fn open_file(path: &Path) -> Result<Store> {
        if !path.exists() {
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent).map_err(|e| Error::NotADatabase {
                    path: path.to_path_buf(),
                    reason: format!("cannot create its folder: {e}"),
                })?;
            }
            if let Some(reason) = faults::folder_not_writable(path) {
                return Err(Error::ReadOnly {
                    path: Some(path.to_path_buf()),
                    reason: format!("{reason}, so a new database cannot be created there"),
                });
            }
        } else {
            faults::check_length(path)?;
            if let Some(reason) = faults::not_writable(path) {
                let can_create = faults::folder_not_writable(path).is_none();
                return Store::open_read_only(path, reason, can_create);
            }
        }
        let existed = path.exists();
        let opened = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| open_error(path, e))
        .and_then(|conn| {
            // SQLite falls back to reading when the file refuses writing in a
            // way the access check above did not foresee.
            let read_only = match conn.is_readonly(rusqlite::MAIN_DB) {
                Ok(true) => Some("SQLite could open it for reading only".to_string()),
                _ => None,
            };
            Store::from_connection(conn, Some(path), read_only)
        })
        .map_err(|e| e.in_file(path));
        match opened {
            // A full disk refuses even the `-shm` file a reader needs: what is
            // saved can still be read, as immutable when no `-wal` holds changes.
            Err(Error::DiskFull { .. }) if existed => Store::open_read_only(
                path,
                "the disk holding it is full; free space, then reopen it to make changes".into(),
                false,
            ),
            other => other,
        }
    }

    /// Opens a database that cannot be written, without writing anything
    /// beside it.
    ///
    /// When no `-wal` file holds changes, the main file is the whole database
    /// and it is opened as immutable: no `-wal` or `-shm` is created (a
    /// read-only connection would leave them with the database's read-only
    /// mode, and the next reader would find a `-shm` it cannot use). When a
    /// `-wal` holds changes, SQLite reads them through the `-shm` file, which
    /// must exist or be creatable (`can_create`); otherwise opening is refused
    /// rather than showing the database without those changes.
    fn open_read_only(path: &Path, reason: String, can_create: bool) -> Result<Store> {
        let read_only = |why: String| Error::ReadOnly { path: Some(path.to_path_buf()), reason: why };
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = if !faults::wal_holds_changes(path) {
            let uri = faults::immutable_uri(path).ok_or_else(|| read_only(reason.clone()))?;
            Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI)
        } else if can_create || faults::sidecar(path, "-shm").exists() {
            Connection::open_with_flags(path, flags)
        } else {
            return Err(read_only(format!(
                "{reason}, and the changes in {} cannot be read there without its -shm file; \
                 copy the database with its -wal file to a writable folder",
                faults::sidecar(path, "-wal").display()
            )));
        }
        .map_err(|e| match e.sqlite_error_code() {
            Some(ErrorCode::CannotOpen) => read_only(format!("{reason}, and SQLite cannot read it there ({e})")),
            _ => open_error(path, e),
        })?;
        Store::from_connection(conn, Some(path), Some(reason))
    }

    /// A private in-memory database with the real migrations, for tests.
    pub fn open_in_memory() -> Result<Store> {
        Store::from_connection(Connection::open_in_memory()?, None, None)
    }

    fn from_connection(mut conn: Connection, path: Option<&Path>, read_only: Option<String>) -> Result<Store> {
        let shown = path.map(Path::to_path_buf).unwrap_or_else(|| ":memory:".into());
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Recognised before any pragma could write to it: another program's
        // file is refused byte for byte as it was, without a -wal or a backup.
        let (found, marked) = match identify(&conn, &shown)? {
            Identity::New => (0, false),
            Identity::Ours { version, marked } => (version, marked),
        };
        if let Some(reason) = &read_only {
            // Nothing may be written: no journal mode change, no backup beside
            // it, no migration. A file that needs one is refused, not half-read.
            if found < SCHEMA_VERSION {
                let need = if found == 0 {
                    "it is empty, and a new database cannot be written into it".to_string()
                } else {
                    format!("it has schema version {found} and needs an upgrade to {SCHEMA_VERSION}, which cannot be written; open it once where it is writable")
                };
                return Err(Error::ReadOnly { path: Some(shown), reason: format!("{reason}, and {need}") });
            }
        } else if path.is_some() {
            conn.pragma_update(None, "journal_mode", "WAL")?;
        }
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // Statement journals (every insert that fires the full-text triggers
        // inside a transaction writes one) stay in memory instead of a temp file.
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        if read_only.is_none() {
            if let (Some(db), true) = (path, found > 0 && found < SCHEMA_VERSION) {
                // Named by versions, not time: a retried upgrade of the same file
                // replaces the copy of the same unchanged data.
                let dest = super::backup::backup_folder(db)
                    .join(format!("before-migration-v{found}-to-v{SCHEMA_VERSION}.sqlite3"));
                super::backup::copy_database(&conn, &dest)?;
            }
            migrations().to_latest(&mut conn).map_err(migration_error)?;
            if !marked {
                // Marks a new file, and one made before the mark existed once
                // its tables were recognised, so the next open needs no guessing.
                conn.pragma_update(None, "application_id", APPLICATION_ID)?;
            }
        }

        let data_version = data_version(&conn)?;
        Ok(Store {
            conn,
            path: path.map(Path::to_path_buf),
            graph: Default::default(),
            data_version,
            read_only,
            common_words: Default::default(),
        })
    }

    /// Why this database is open read-only (`None` when it can be written):
    /// "the volume holding … is read-only", "… is not writable (permission denied)".
    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// Lets the graph go, to be built anew on its next use, if another
    /// connection changed the database since it was last in step.
    pub fn refresh(&mut self) -> Result<()> {
        let now = data_version(&self.conn)?;
        if now != self.data_version {
            self.rebuild_graph();
            self.data_version = now;
        }
        Ok(())
    }
}

pub(super) fn data_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "data_version", |r| r.get(0))?)
}

/// A failure while opening, in the user's terms: a file that is not SQLite
/// at all, a damaged one (with where its backups are), one that cannot be
/// opened, or a full disk.
fn open_error(path: &Path, e: rusqlite::Error) -> Error {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) if faults::has_sqlite_magic(path) => Error::Damaged {
            path: Some(path.to_path_buf()),
            detail: "its SQLite header is not valid".into(),
            backups: faults::existing_backups(path),
        },
        Some(ErrorCode::NotADatabase) => Error::NotADatabase {
            path: path.to_path_buf(),
            reason: format!(
                "the file is not an SQLite database; if it held Claimtrail data, it is damaged: {}",
                crate::error::restore_hint(faults::existing_backups(path).as_deref())
            ),
        },
        Some(ErrorCode::CannotOpen) => {
            Error::NotADatabase { path: path.to_path_buf(), reason: format!("it cannot be opened: {e}") }
        }
        _ => Error::from(e).in_file(path),
    }
}

/// A migration that failed because the disk is full, the file became
/// read-only or a page is damaged says so; anything else is a migration failure.
fn migration_error(e: rusqlite_migration::Error) -> Error {
    match e {
        rusqlite_migration::Error::RusqliteError { err, .. }
            if matches!(
                err.sqlite_error_code(),
                Some(ErrorCode::DiskFull | ErrorCode::ReadOnly | ErrorCode::DatabaseCorrupt)
            ) =>
        {
            Error::from(err)
        }
        e => Error::Migration(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        migrations().validate().unwrap();
    }

    #[test]
    fn in_memory_store_has_the_current_schema() {
        let store = Store::open_in_memory().unwrap();
        let v: i64 = store.conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(v, SCHEMA_VERSION);
    }
}
