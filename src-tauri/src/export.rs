//! Saving an exported view (the chain as SVG or PNG) to the user's files.
//!
//! The web view cannot write files and gets no file-system plugin; it hands
//! the finished bytes to this command, which picks the folder itself and
//! accepts only a plain file name with an image extension, so a page can
//! never choose where on disk something is written.

use std::path::PathBuf;

use crate::IpcError;

/// Overrides the folder exports are written to (the tests use it).
pub const EXPORT_DIR_ENV: &str = "CLAIMTRAIL_EXPORT_DIR";

const EXTENSIONS: &[&str] = &[".svg", ".png"];

/// The folder exports go to: `$CLAIMTRAIL_EXPORT_DIR`, else Downloads, else the home folder.
fn export_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(EXPORT_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    let user = directories::UserDirs::new()?;
    Some(user.download_dir().map(PathBuf::from).unwrap_or_else(|| user.home_dir().to_path_buf()))
}

/// Writes `bytes` as `file_name` in the export folder and returns where it went.
pub fn save(file_name: &str, bytes: &[u8]) -> Result<String, IpcError> {
    let name = file_name.trim();
    let plain = !name.is_empty()
        && name.len() <= 120
        && !name.starts_with('.')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if !plain || !EXTENSIONS.iter().any(|ext| name.ends_with(ext)) {
        return Err(IpcError::invalid(format!(
            "`{name}` is not a plain file name ending in .svg or .png"
        )));
    }
    let dir = export_dir().ok_or_else(|| IpcError::invalid("no folder to export to is known here"))?;
    std::fs::create_dir_all(&dir).map_err(|e| IpcError::storage(format!("cannot create {}: {e}", dir.display())))?;
    let path = dir.join(name);
    std::fs::write(&path, bytes).map_err(|e| IpcError::storage(format!("cannot write {}: {e}", path.display())))?;
    Ok(path.display().to_string())
}
