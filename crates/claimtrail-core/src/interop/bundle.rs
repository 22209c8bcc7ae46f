//! The case bundle: one self-describing, versioned JSON file with a case's
//! claims, actors (with aliases and domains), documents with their snapshots,
//! appearances, relays and verdict history, all with their ids — to hand a case to a colleague
//! or keep it in an archive.
//!
//! Since version 2 a bundle also carries `chain`: the sender's history chain
//! from the oldest exported verdict to the sender's head, which the reader
//! checks so that a verdict typed into the file, or edited in the sender's
//! database, arrives as an unverified import (see `store/carried_chain.rs`).
//!
//! Importing merges by id (see [`Store::merge_records`](crate::Store::merge_records)),
//! so importing the same bundle twice adds nothing. A bundle written by a
//! newer Claimtrail (a higher [`BUNDLE_VERSION`]) is refused rather than half
//! understood.
//!
//! ```
//! use claimtrail_core::interop::{bundle, export, import_bytes, ExportFormat};
//! use claimtrail_core::{demo, Scope, Store};
//!
//! let now = chrono::Utc::now();
//! let mut theirs = Store::open_in_memory().unwrap();
//! demo::load_demo(&mut theirs, now).unwrap();
//! let file = export(&theirs, ExportFormat::Bundle, &Scope::Case(demo::DEMO_CASE.into()), now).unwrap().bytes;
//!
//! let mut mine = Store::open_in_memory().unwrap();
//! let report = import_bytes(&mut mine, &file, now).unwrap();
//! assert_eq!((report.format.as_str(), report.added.claims), ("bundle", 8));
//! assert_eq!(import_bytes(&mut mine, &file, now).unwrap().added.total(), 0);
//! ```

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::pretty_json;
use crate::error::{Error, Result};
use crate::store::{Records, Scope};
use crate::when::stamp;

/// The `format` field every bundle carries.
pub const BUNDLE_FORMAT: &str = "claimtrail-bundle";
/// The bundle layout this build writes and the newest it reads. Version 2
/// added `chain`, the sender's history covering the verdicts; version 1
/// bundles still import, their verdicts as unverified imports.
pub const BUNDLE_VERSION: u32 = 2;

/// A case bundle as stored in the file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Bundle {
    pub format: String,
    pub version: u32,
    pub exported_at: String,
    /// The case it was exported as, if one was named.
    pub case: Option<String>,
    #[serde(flatten)]
    pub records: Records,
}

pub(crate) fn write(records: &Records, scope: &Scope, now: DateTime<Utc>) -> Result<Vec<u8>> {
    let case = match scope {
        Scope::Case(name) => Some(name.trim().to_string()),
        _ => None,
    };
    pretty_json(&Bundle {
        format: BUNDLE_FORMAT.into(),
        version: BUNDLE_VERSION,
        exported_at: stamp(now),
        case,
        records: records.clone(),
    })
}

/// True when the JSON says it is a Claimtrail bundle (of any version).
pub(crate) fn looks_like(value: &Value) -> bool {
    value.get("format").and_then(Value::as_str) == Some(BUNDLE_FORMAT)
}

/// Reads a bundle, refusing one from a newer version before looking further.
pub(crate) fn read(value: Value) -> Result<Records> {
    let version =
        value.get("version").and_then(Value::as_u64).ok_or_else(|| Error::invalid("the bundle has no version"))?;
    if version > BUNDLE_VERSION as u64 {
        return Err(Error::invalid(format!(
            "the bundle has version {version}, newer than this build reads ({BUNDLE_VERSION}); update Claimtrail to import it"
        )));
    }
    let bundle: Bundle =
        serde_json::from_value(value).map_err(|e| Error::invalid(format!("the bundle is malformed: {e}")))?;
    Ok(bundle.records)
}
