//! `import`: reads a file, recognises its format, and merges it in one
//! transaction — or, on any error, changes nothing.
//!
//! Recognised by content, not by name: a Claimtrail bundle (`"format":
//! "claimtrail-bundle"`), schema.org ClaimReview JSON-LD, CSL-JSON (a list of
//! citation items, as Zotero exports), or the CSV export's own columns. A
//! file larger than [`MAX_IMPORT_BYTES`] is refused from its size alone,
//! before a byte is read.
//!
//! ```
//! use claimtrail_core::interop::{detect, ImportFormat};
//!
//! assert_eq!(detect(br#"{"format": "claimtrail-bundle", "version": 1}"#).unwrap(), ImportFormat::Bundle);
//! assert_eq!(detect(b"appearance_id,claim,actor,stance\n").unwrap(), ImportFormat::Csv);
//! assert!(detect(b"<html>").is_err());
//! ```

use std::io::Read;
use std::path::Path;

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::{bundle, claimreview, csl, csv};
use crate::error::{Error, Result};
use crate::store::{ImportNote, ImportReport, Records, Store};

/// The largest file `import` reads: far above any real case, low enough that
/// a wrong file (a video, a database dump) is refused at once.
pub const MAX_IMPORT_BYTES: u64 = 100 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportFormat {
    Bundle,
    ClaimReview,
    CslJson,
    Csv,
}

impl ImportFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            ImportFormat::Bundle => "bundle",
            ImportFormat::ClaimReview => "claimreview",
            ImportFormat::CslJson => "csl-json",
            ImportFormat::Csv => "csv",
        }
    }
}

/// Reads a file whole, refusing one over [`MAX_IMPORT_BYTES`] by its size
/// before reading it (and stopping there should it grow meanwhile).
pub fn read_capped(path: &Path) -> Result<Vec<u8>> {
    let shown = path.display();
    let cannot = |e: std::io::Error| Error::invalid(format!("cannot read {shown}: {e}"));
    let file = std::fs::File::open(path).map_err(cannot)?;
    let size = file.metadata().map_err(cannot)?.len();
    let refuse = |size: u64| {
        Error::invalid(format!("{shown} is {} MiB; the import limit is {} MiB", size >> 20, MAX_IMPORT_BYTES >> 20))
    };
    if size > MAX_IMPORT_BYTES {
        return Err(refuse(size));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(MAX_IMPORT_BYTES + 1).read_to_end(&mut bytes).map_err(cannot)?;
    if bytes.len() as u64 > MAX_IMPORT_BYTES {
        return Err(refuse(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Recognises the format of a file's content.
pub fn detect(bytes: &[u8]) -> Result<ImportFormat> {
    let body = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    match body.iter().find(|b| !b.is_ascii_whitespace()) {
        None => Err(Error::invalid("the file is empty")),
        Some(b'{' | b'[') => {
            let value = parse_json(body)?;
            json_format(&value)
        }
        Some(_) if csv::looks_like(body) => Ok(ImportFormat::Csv),
        Some(_) => Err(Error::invalid(
            "the file is not a format claimtrail imports (a case bundle, ClaimReview JSON-LD, CSL-JSON, or the CSV export)",
        )),
    }
}

fn parse_json(body: &[u8]) -> Result<Value> {
    serde_json::from_slice(body).map_err(|e| {
        let hint = if e.is_eof() { " (the file ends early: truncated?)" } else { "" };
        Error::invalid(format!("the file is not valid JSON{hint}: {e}"))
    })
}

fn json_format(value: &Value) -> Result<ImportFormat> {
    if bundle::looks_like(value) {
        Ok(ImportFormat::Bundle)
    } else if claimreview::looks_like(value) {
        Ok(ImportFormat::ClaimReview)
    } else if csl::looks_like(value) {
        Ok(ImportFormat::CslJson)
    } else {
        Err(Error::invalid(
            "the JSON is neither a Claimtrail bundle, nor ClaimReview JSON-LD, nor a CSL-JSON list of items",
        ))
    }
}

/// Turns a file's content into records, with notes on what was left out.
pub fn read_records(bytes: &[u8]) -> Result<(ImportFormat, Records, Vec<ImportNote>)> {
    let format = detect(bytes)?;
    let body = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let mut notes = Vec::new();
    let records = match format {
        ImportFormat::Csv => csv::read(body, &mut notes)?,
        ImportFormat::Bundle => bundle::read(parse_json(body)?)?,
        ImportFormat::ClaimReview => claimreview::read(&parse_json(body)?, &mut notes)?,
        ImportFormat::CslJson => csl::read(&parse_json(body)?, &mut notes)?,
    };
    Ok((format, records, notes))
}

/// Imports a file's content in one transaction.
pub fn import_bytes(store: &mut Store, bytes: &[u8], now: DateTime<Utc>) -> Result<ImportReport> {
    let (format, records, notes) = read_records(bytes)?;
    let mut report = store.merge_records(&records, now)?;
    report.format = format.as_str().to_string();
    report.notes.splice(0..0, notes);
    Ok(report)
}

/// Imports a file in one transaction (see [`read_capped`] for the size limit).
pub fn import_file(store: &mut Store, path: &Path, now: DateTime<Utc>) -> Result<ImportReport> {
    import_bytes(store, &read_capped(path)?, now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interop::{export, ExportFormat};
    use crate::store::Scope;

    fn demo() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        crate::demo::load_demo(&mut store, Utc::now()).unwrap();
        store
    }

    #[test]
    fn a_file_over_the_limit_is_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("huge.json");
        // Sparse: 200 MB on paper, nothing on disk.
        std::fs::File::create(&path).unwrap().set_len(200 * 1024 * 1024).unwrap();
        let err = read_capped(&path).unwrap_err().to_string();
        assert!(err.contains("is 200 MiB; the import limit is 100 MiB"), "{err}");
    }

    #[test]
    fn a_truncated_bundle_says_so_and_changes_nothing() {
        let store = demo();
        let bytes = export(&store, ExportFormat::Bundle, &Scope::All, Utc::now()).unwrap().bytes;
        let mut empty = Store::open_in_memory().unwrap();
        let err = import_bytes(&mut empty, &bytes[..bytes.len() / 2], Utc::now()).unwrap_err().to_string();
        assert!(err.contains("truncated"), "{err}");
        assert!(empty.list(&Default::default()).unwrap().is_empty());
    }

    #[test]
    fn a_newer_bundle_is_refused() {
        let bytes = br#"{"format": "claimtrail-bundle", "version": 3, "claims": []}"#;
        let err = import_bytes(&mut Store::open_in_memory().unwrap(), bytes, Utc::now()).unwrap_err().to_string();
        assert!(err.contains("newer than this build"), "{err}");
    }

    #[test]
    fn every_importable_export_round_trips_into_an_empty_database() {
        let store = demo();
        for format in [ExportFormat::Bundle, ExportFormat::Csv] {
            let first = export(&store, format, &Scope::All, Utc::now()).unwrap().bytes;
            let mut copy = Store::open_in_memory().unwrap();
            import_bytes(&mut copy, &first, Utc::now()).unwrap();
            let second = export(&copy, format, &Scope::All, Utc::now()).unwrap().bytes;
            if format == ExportFormat::Bundle {
                // Only the export time differs, and the head of each
                // database's own history (the demo's logs, the copy's import);
                // the demo has no verdict, so no chain entry is carried.
                let strip = |b: &[u8]| {
                    let mut v: Value = serde_json::from_slice(b).unwrap();
                    v.as_object_mut().unwrap().remove("exported_at");
                    assert_eq!(v["chain"]["entries"], serde_json::json!([]));
                    v.as_object_mut().unwrap().remove("chain");
                    v
                };
                assert_eq!(strip(&first), strip(&second));
            } else {
                assert_eq!(String::from_utf8(first).unwrap(), String::from_utf8(second).unwrap(), "{format}");
            }
        }
    }

    #[test]
    fn wrong_formats_are_named() {
        assert!(detect(b"").unwrap_err().to_string().contains("empty"));
        assert!(detect(br#"{"hello": 1}"#).unwrap_err().to_string().contains("neither"));
        assert!(detect(b"name,age\nx,1\n").unwrap_err().to_string().contains("not a format"));
    }
}
