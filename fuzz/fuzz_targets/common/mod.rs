//! The import harness every importer target shares: hostile bytes go where a
//! file's bytes go (`import_bytes`), into a fresh in-memory database.

use chrono::{TimeZone, Utc};
use claimtrail_core::interop::import::{detect, import_bytes, read_records, ImportFormat};
use claimtrail_core::Store;

/// Imports `data` when it reads as `only` (any format when `None`) and checks
/// the import's promises: no panic; an error changes nothing; a success
/// reports the detected format, leaves a history chain that verifies, and a
/// second import of the same bytes adds nothing.
pub fn check_import(data: &[u8], only: Option<ImportFormat>) {
    let detected = detect(data);
    if let Some(want) = only {
        if detected.as_ref().ok() != Some(&want) {
            return;
        }
    }
    // The parsing layer alone first: most inputs stop here, and then
    // `import_bytes` (which starts with the same call) would too.
    let format = match read_records(data) {
        Ok((format, _, _)) => format,
        Err(e) => {
            assert!(!e.to_string().is_empty());
            return;
        }
    };
    assert_eq!(Some(format), detected.ok(), "read_records and detect disagree on the format");

    let now = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap();
    let mut store = Store::open_in_memory().expect("an in-memory database opens");
    match import_bytes(&mut store, data, now) {
        Err(e) => {
            assert!(!e.to_string().is_empty());
            let claims = store.list(&Default::default()).expect("list after a failed import");
            assert!(claims.is_empty(), "a failed import left {} claim(s) behind: {e}", claims.len());
        }
        Ok(report) => {
            assert_eq!(report.format, format.as_str());
            let history = store.verify_history().expect("the history chain reads");
            assert!(history.first_broken.is_none(), "the import broke the history chain: {:?}", history.first_broken);
            let again = import_bytes(&mut store, data, now).expect("the same file imports a second time");
            assert_eq!(again.added.total(), 0, "a second import added rows: {:?}", again.added);
        }
    }
}
