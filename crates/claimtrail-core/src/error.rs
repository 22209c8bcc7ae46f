//! The core's typed errors.
//!
//! Every error has a [`ErrorKind`] from a closed set so that front ends can
//! branch on it (the CLI maps all user errors to exit code 2, the desktop shell
//! sends `{kind, message}` over IPC) without parsing messages.

use std::path::{Path, PathBuf};

/// What went wrong, in a closed set front ends can match on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The caller gave a value the model does not accept.
    InvalidInput,
    /// Nothing matches the given id, prefix or name.
    NotFound,
    /// An id prefix or a name matches more than one thing.
    Ambiguous,
    /// The file is not a Claimtrail database.
    NotADatabase,
    /// The database was written by a newer Claimtrail.
    SchemaTooNew,
    /// Another process holds the database lock for longer than the busy timeout.
    Busy,
    /// The database could not be written (read-only, disk full, I/O error).
    Storage,
    /// A page could not be fetched: offline, unreachable, timed out, or an error status.
    Network,
    /// A page or address that capture refuses: a private host, too large, not HTML or text.
    Refused,
    /// The database is open read-only (the file, its folder or its volume is not
    /// writable): reading works, changes are refused.
    ReadOnly,
    /// The disk holding the database is full: nothing of the refused change was saved.
    DiskFull,
    /// The database file is damaged (truncated, overwritten pages): restore a backup.
    Damaged,
}

/// Errors of the Claimtrail core.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Invalid(String),
    #[error("no {what} matches `{key}`")]
    NotFound { what: &'static str, key: String },
    /// Nothing has that name; the closest names there are, for a suggestion.
    #[error("no {what} matches `{key}`{}", did_you_mean(.near))]
    NotFoundNear { what: &'static str, key: String, near: Vec<String> },
    #[error("`{key}` is ambiguous: it matches {count} {what}s; give more of the id")]
    Ambiguous { what: &'static str, key: String, count: usize },
    #[error("{path} is not a Claimtrail database ({reason})")]
    NotADatabase { path: PathBuf, reason: String },
    #[error("{path} has schema version {found}, newer than this build knows ({known}); refusing to open it")]
    SchemaTooNew { path: PathBuf, found: i64, known: i64 },
    #[error("the database is busy (another Claimtrail process is writing); try again")]
    Busy,
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
    #[error("schema migration failed: {0}")]
    Migration(String),
    /// The message is one line meant for the checker ("cannot reach example.org: ...").
    #[error("{0}")]
    Network(String),
    #[error("{0}")]
    Refused(String),
    #[error("{}read-only: {reason}", in_file(.path))]
    ReadOnly { path: Option<PathBuf>, reason: String },
    #[error("{}the disk is full: nothing was saved; free space and retry", in_file(.path))]
    DiskFull { path: Option<PathBuf> },
    /// `backups` is the database's backups folder when it exists, looked up
    /// when the file is named, so showing the error asks nothing of the disk.
    #[error("{} is damaged ({detail}); {}", shown(.path), restore_hint(.backups.as_deref()))]
    Damaged { path: Option<PathBuf>, detail: String, backups: Option<PathBuf> },
}

/// `"cannot write <file>: "`, or nothing when the file is not known yet.
fn in_file(path: &Option<PathBuf>) -> String {
    path.as_ref().map(|p| format!("cannot write {}: ", p.display())).unwrap_or_default()
}

/// `"; did you mean `a` or `b`?"`, or nothing without names to offer.
fn did_you_mean(near: &[String]) -> String {
    if near.is_empty() {
        return String::new();
    }
    let names: Vec<String> = near.iter().map(|n| format!("`{n}`")).collect();
    format!("; did you mean {}?", names.join(" or "))
}

fn shown(path: &Option<PathBuf>) -> String {
    path.as_ref().map(|p| p.display().to_string()).unwrap_or_else(|| "the database file".into())
}

/// How to get a damaged database back, naming where its automatic backups
/// are when there is such a folder.
pub(crate) fn restore_hint(backups: Option<&Path>) -> String {
    match backups {
        Some(folder) => {
            format!("restore a backup with `claimtrail restore FILE` (automatic backups are in {})", folder.display())
        }
        None => "restore a backup with `claimtrail restore FILE`".into(),
    }
}

impl Error {
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Invalid(_) => ErrorKind::InvalidInput,
            Error::NotFound { .. } | Error::NotFoundNear { .. } => ErrorKind::NotFound,
            Error::Ambiguous { .. } => ErrorKind::Ambiguous,
            Error::NotADatabase { .. } => ErrorKind::NotADatabase,
            Error::SchemaTooNew { .. } => ErrorKind::SchemaTooNew,
            Error::Busy => ErrorKind::Busy,
            Error::Sqlite(_) | Error::Migration(_) => ErrorKind::Storage,
            Error::Network(_) => ErrorKind::Network,
            Error::Refused(_) => ErrorKind::Refused,
            Error::ReadOnly { .. } => ErrorKind::ReadOnly,
            Error::DiskFull { .. } => ErrorKind::DiskFull,
            Error::Damaged { .. } => ErrorKind::Damaged,
        }
    }

    pub(crate) fn invalid(message: impl Into<String>) -> Error {
        Error::Invalid(message.into())
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy) | Some(rusqlite::ErrorCode::DatabaseLocked) => Error::Busy,
            Some(rusqlite::ErrorCode::DiskFull) => Error::DiskFull { path: None },
            Some(rusqlite::ErrorCode::ReadOnly) => {
                Error::ReadOnly { path: None, reason: "the database file or its folder cannot be written".into() }
            }
            Some(rusqlite::ErrorCode::DatabaseCorrupt) | Some(rusqlite::ErrorCode::NotADatabase) => {
                Error::Damaged { path: None, detail: e.to_string(), backups: None }
            }
            _ => Error::Sqlite(e),
        }
    }
}

impl From<rusqlite::types::FromSqlError> for Error {
    fn from(e: rusqlite::types::FromSqlError) -> Self {
        Error::Sqlite(rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
