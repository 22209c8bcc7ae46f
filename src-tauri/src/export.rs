//! Saving exports to the user's files: the chain as SVG or PNG (bytes the
//! page drew) and the claims in an interchange format (bytes the core wrote).
//!
//! The web view cannot write files and gets no file-system plugin; it hands
//! the finished bytes to this command, which picks the folder itself and
//! accepts only a plain file name with a known export extension, so a page
//! can never choose where on disk something is written. Data exports are
//! named here from the format and scope, never by the page.

use std::path::{Path, PathBuf};

use chrono::Utc;
use claimtrail_core::interop::{self, ExportFormat};
use claimtrail_core::{Scope, Store};

use crate::IpcError;

/// Overrides the folder exports are written to (the tests use it).
pub const EXPORT_DIR_ENV: &str = "CLAIMTRAIL_EXPORT_DIR";

const EXTENSIONS: &[&str] = &[".svg", ".png", ".jsonld", ".ttl", ".json", ".graphml", ".gexf", ".dot", ".csv"];

/// The folder exports go to: `$CLAIMTRAIL_EXPORT_DIR`, else Downloads, else the home folder.
fn export_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(EXPORT_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    let user = directories::UserDirs::new()?;
    Some(user.download_dir().map(PathBuf::from).unwrap_or_else(|| user.home_dir().to_path_buf()))
}

/// Writes `bytes` as `file_name` in the export folder and returns where it
/// went, never over the database at `db` or its files (its `-wal`, its head,
/// its backups), whatever the export folder is.
pub fn save(db: &Path, file_name: &str, bytes: &[u8]) -> Result<String, IpcError> {
    let name = file_name.trim();
    let plain = !name.is_empty()
        && name.len() <= 120
        && !name.starts_with('.')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if !plain || !EXTENSIONS.iter().any(|ext| name.ends_with(ext)) {
        return Err(IpcError::invalid(format!(
            "`{name}` is not a plain file name ending in one of {}",
            EXTENSIONS.join(" ")
        )));
    }
    let dir = export_dir().ok_or_else(|| IpcError::invalid("no folder to export to is known here"))?;
    std::fs::create_dir_all(&dir).map_err(|e| IpcError::storage(format!("cannot create {}: {e}", dir.display())))?;
    let path = dir.join(name);
    claimtrail_core::refuse_database_files(db, &path)?;
    std::fs::write(&path, bytes).map_err(|e| IpcError::storage(format!("cannot write {}: {e}", path.display())))?;
    Ok(path.display().to_string())
}

/// The file name of a data export: `claimtrail-<scope>-<format>.<ext>`, with
/// the claim id or case name reduced to letters, digits and dashes.
pub fn data_file_name(format: ExportFormat, scope: &Scope) -> String {
    let scope = match scope {
        Scope::Claim(id) => format!("claim-{}", slug(id)),
        Scope::Case(name) => format!("case-{}", slug(name)),
        Scope::All => "all".to_string(),
    };
    format!("claimtrail-{scope}-{}.{}", format.as_str(), format.extension())
}

fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 48 {
            break;
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "unnamed".to_string()
    } else {
        out.to_string()
    }
}

/// Exports the claims in `scope` and saves the file in the export folder.
pub fn save_data(store: &Store, db: &Path, format: &str, scope: &Scope) -> Result<String, IpcError> {
    let format: ExportFormat = format.parse()?;
    let export = interop::export(store, format, scope, Utc::now())?;
    save(db, &data_file_name(format, scope), &export.bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_file_names_are_plain_and_carry_the_format() {
        let name = data_file_name(ExportFormat::ClaimReview, &Scope::Case("Ukraine, July 2025".into()));
        assert_eq!(name, "claimtrail-case-ukraine-july-2025-claimreview.jsonld");
        assert_eq!(data_file_name(ExportFormat::Csv, &Scope::All), "claimtrail-all-csv.csv");
        let odd = data_file_name(ExportFormat::Dot, &Scope::Claim("../../etc/passwd".into()));
        assert_eq!(odd, "claimtrail-claim-etc-passwd-dot.dot");
        for f in ExportFormat::ALL {
            let name = data_file_name(*f, &Scope::Claim("x".repeat(500)));
            assert!(name.len() <= 120 && EXTENSIONS.iter().any(|e| name.ends_with(e)), "{name}");
        }
    }
}
