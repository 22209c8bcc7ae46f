//! What the file system says about a database before SQLite opens it: whether
//! it can be written (and why not), whether it was truncated, and whether its
//! `-wal` file holds changes.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The first 16 bytes of every SQLite database file.
const MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Why the database at `path` cannot be written, if it cannot: the file
/// itself, or the folder SQLite must create its `-wal` and `-shm` files in.
pub(super) fn not_writable(path: &Path) -> Option<String> {
    refusal(path, &path.display().to_string()).or_else(|| folder_not_writable(path))
}

/// Why no file can be created beside `path`, if none can.
pub(super) fn folder_not_writable(path: &Path) -> Option<String> {
    let folder = folder(path);
    refusal(&folder, &format!("its folder {}", folder.display()))
}

fn folder(path: &Path) -> PathBuf {
    match path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(parent) => parent.to_path_buf(),
        None => PathBuf::from("."),
    }
}

/// Asks the kernel whether this process may write `path` (root included: a
/// read-only volume or an immutable file refuses root too).
#[cfg(unix)]
fn refusal(path: &Path, what: &str) -> Option<String> {
    use rustix::io::Errno;
    match rustix::fs::access(path, rustix::fs::Access::WRITE_OK) {
        Ok(()) => None,
        Err(Errno::ROFS) => Some(format!("the volume holding {what} is read-only")),
        Err(Errno::ACCESS) => Some(format!("{what} is not writable (permission denied)")),
        Err(Errno::PERM) => Some(format!("{what} cannot be modified (it is immutable or locked)")),
        // A missing file is created by SQLite; anything else SQLite reports itself.
        Err(_) => None,
    }
}

#[cfg(not(unix))]
fn refusal(path: &Path, what: &str) -> Option<String> {
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() && m.permissions().readonly() => Some(format!("{what} is read-only")),
        _ => None,
    }
}

/// Whether the volume holding `path` has (next to) no space left: SQLite
/// reports a failed `-shm` allocation as an I/O error, not as a full disk.
#[cfg(unix)]
pub(crate) fn volume_full(path: &Path) -> bool {
    rustix::fs::statvfs(folder(path)).is_ok_and(|v| v.f_bavail.saturating_mul(v.f_frsize) < 64 * 1024)
}

#[cfg(not(unix))]
pub(crate) fn volume_full(_path: &Path) -> bool {
    false
}

/// `<db>-wal`, `<db>-shm`.
pub(super) fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// Whether a `-wal` file with frames lies beside the database: then the WAL,
/// not the main file, knows the database's current size and content.
pub(super) fn wal_holds_changes(path: &Path) -> bool {
    std::fs::metadata(sidecar(path, "-wal")).is_ok_and(|m| m.len() > 0)
}

/// The URI that opens `path` as immutable: no locks, no `-shm`, the file
/// assumed unchanging. Only for a database this process cannot write and
/// whose `-wal` holds no changes, so the main file is the whole database. A
/// writer with rights this process lacks (another account) is not seen until
/// the database is opened again.
pub(super) fn immutable_uri(path: &Path) -> Option<String> {
    let absolute = path.canonicalize().ok()?;
    let url = url::Url::from_file_path(absolute).ok()?;
    Some(format!("{url}?immutable=1"))
}

pub(super) fn has_sqlite_magic(path: &Path) -> bool {
    let mut head = [0u8; 16];
    std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut head)).is_ok() && &head == MAGIC
}

/// Refuses a Claimtrail database whose file is shorter than SQLite wrote it:
/// cut inside a page, shorter than its header records, shorter than a header,
/// or emptied while backups of it exist. Read from the header alone, so it
/// costs nothing on a large file; corruption inside pages is found by SQLite
/// when it reads them ([`Error::Damaged`] either way).
pub(super) fn check_length(path: &Path) -> Result<()> {
    let damaged =
        |detail: String| Error::Damaged { path: Some(path.to_path_buf()), detail, backups: existing_backups(path) };
    let Ok(len) = std::fs::metadata(path).map(|m| m.len()) else { return Ok(()) };
    if len == 0 {
        if has_backups(path) {
            return Err(damaged("the file is empty although backups of it exist: it was probably truncated".into()));
        }
        return Ok(());
    }
    let mut head = Vec::with_capacity(100);
    if std::fs::File::open(path).and_then(|f| f.take(100).read_to_end(&mut head)).is_err() {
        return Ok(());
    }
    if head.len() < MAGIC.len() || !head.starts_with(MAGIC) {
        // Not SQLite (or cut inside the magic): SQLite names it when opening.
        return Ok(());
    }
    if head.len() < 100 {
        return Err(damaged(format!("the file is only {len} bytes, shorter than an SQLite header: it was truncated")));
    }
    if wal_holds_changes(path) {
        return Ok(());
    }
    let page_size = match u16::from_be_bytes([head[16], head[17]]) {
        1 => 65_536,
        n => u64::from(n),
    };
    if page_size < 512 || !page_size.is_power_of_two() {
        return Ok(());
    }
    let word = |at: usize| u32::from_be_bytes([head[at], head[at + 1], head[at + 2], head[at + 3]]);
    let (pages, change_counter, valid_for) = (u64::from(word(28)), word(24), word(92));
    if len % page_size != 0 {
        return Err(damaged(format!(
            "the file is {len} bytes and ends inside a {page_size}-byte page: it was truncated"
        )));
    }
    // The page count in the header is trusted only when written by the same
    // change as the counter (SQLite's own rule).
    if pages > 0 && change_counter == valid_for && len < pages * page_size {
        return Err(damaged(format!(
            "the file is {len} bytes but its header records {pages} pages of {page_size} bytes: it was truncated"
        )));
    }
    Ok(())
}

fn has_backups(path: &Path) -> bool {
    std::fs::read_dir(super::backup::backup_folder(path))
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok())
        .any(|e| e.file_name().to_string_lossy().ends_with(".sqlite3"))
}

/// The backups folder of the database at `path`, when it exists.
pub(crate) fn existing_backups(path: &Path) -> Option<PathBuf> {
    Some(super::backup::backup_folder(path)).filter(|folder| folder.is_dir())
}

impl Error {
    /// Names the database file in an error that concerns it (read-only, disk
    /// full, damaged) when the place that raised it did not know the file.
    pub fn in_file(mut self, file: &Path) -> Error {
        self.name_file(file);
        self
    }

    /// [`Error::in_file`] in place, for an error held inside another (anyhow).
    /// An I/O error while the file's volume has no space left is a full disk,
    /// and a damaged file's error learns where its backups are: the file
    /// system is asked here, never when the error is shown.
    pub fn name_file(&mut self, file: &Path) {
        if let Error::Sqlite(e) = self {
            if e.sqlite_error_code() == Some(rusqlite::ErrorCode::SystemIoFailure) && volume_full(file) {
                *self = Error::DiskFull { path: None };
            }
        }
        if let Error::Damaged { path: None, backups, .. } = self {
            *backups = existing_backups(file);
        }
        if let Error::ReadOnly { path, .. } | Error::DiskFull { path } | Error::Damaged { path, .. } = self {
            path.get_or_insert_with(|| file.to_path_buf());
        }
    }
}
