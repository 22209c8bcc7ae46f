//! Opening a database: refusing what is not ours or is too new, applying the
//! pragmas and the migrations, and building the graph.

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};
use rusqlite_migration::{Migrations, M};

use super::Store;
use crate::error::{Error, Result};
use crate::graph::ProvenanceGraph;

/// The schema version this build writes. Each file in `migrations/` is one step.
pub const SCHEMA_VERSION: i64 = MIGRATION_FILES.len() as i64;

/// The migrations, in order, by file name. A released file is never edited:
/// changes are new files.
const MIGRATION_FILES: &[(&str, &str)] = &[
    ("0001_initial", include_str!("../../../../migrations/0001_initial.sql")),
    ("0002_snapshots", include_str!("../../../../migrations/0002_snapshots.sql")),
    ("0003_history_chain", include_str!("../../../../migrations/0003_history_chain.sql")),
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

const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema
    /// up to date. A file that is not a Claimtrail database, or one written by
    /// a newer build, is refused without being modified.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| Error::NotADatabase {
                path: path.to_path_buf(),
                reason: format!("cannot create its folder: {e}"),
            })?;
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| not_a_database(path, e))?;
        Store::from_connection(conn, Some(path))
    }

    /// A private in-memory database with the real migrations, for tests.
    pub fn open_in_memory() -> Result<Store> {
        Store::from_connection(Connection::open_in_memory()?, None)
    }

    fn from_connection(mut conn: Connection, path: Option<&Path>) -> Result<Store> {
        let shown = path.map(Path::to_path_buf).unwrap_or_else(|| ":memory:".into());
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Reading the header first: a file that is not SQLite fails here, before
        // any pragma could write to it.
        let found: i64 =
            conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(|e| not_a_database(&shown, e))?;
        if found > SCHEMA_VERSION {
            return Err(Error::SchemaTooNew { path: shown, found, known: SCHEMA_VERSION });
        }
        if found == 0 {
            let tables: i64 = conn
                .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
                .map_err(|e| not_a_database(&shown, e))?;
            if tables > 0 {
                return Err(Error::NotADatabase {
                    path: shown,
                    reason: "it is an SQLite database of another application".into(),
                });
            }
        }
        if path.is_some() {
            conn.pragma_update(None, "journal_mode", "WAL")?;
        }
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // Statement journals (every insert that fires the full-text triggers
        // inside a transaction writes one) stay in memory instead of a temp file.
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        if let (Some(db), true) = (path, found > 0 && found < SCHEMA_VERSION) {
            // Named by versions, not time: a retried upgrade of the same file
            // replaces the copy of the same unchanged data.
            let dest = super::backup::backup_folder(db)
                .join(format!("before-migration-v{found}-to-v{SCHEMA_VERSION}.sqlite3"));
            super::backup::copy_database(&conn, &dest)?;
        }
        migrations().to_latest(&mut conn).map_err(|e| Error::Migration(e.to_string()))?;

        let graph = ProvenanceGraph::load(&conn)?;
        let data_version = data_version(&conn)?;
        Ok(Store { conn, path: path.map(Path::to_path_buf), graph, data_version })
    }

    /// Reloads the graph if another connection changed the database since it
    /// was last in step.
    pub fn refresh(&mut self) -> Result<()> {
        let now = data_version(&self.conn)?;
        if now != self.data_version {
            self.graph = ProvenanceGraph::load(&self.conn)?;
            self.data_version = now;
        }
        Ok(())
    }
}

pub(super) fn data_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "data_version", |r| r.get(0))?)
}

fn not_a_database(path: &Path, e: rusqlite::Error) -> Error {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => {
            Error::NotADatabase { path: path.to_path_buf(), reason: "the file is not an SQLite database".into() }
        }
        Some(ErrorCode::CannotOpen) => {
            Error::NotADatabase { path: path.to_path_buf(), reason: format!("it cannot be opened: {e}") }
        }
        _ => Error::from(e),
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
