//! Upgrading a version-1 database (before snapshots existed): its documents
//! stay, and capture attaches snapshots to them through the real functions.

use claimtrail_core::capture::{Fetched, Fetcher};
use claimtrail_core::{CaptureOptions, Store, SCHEMA_VERSION};
use rusqlite::Connection;

/// Serves one canned page, offline.
struct Canned(&'static str);

impl Fetcher for Canned {
    fn fetch(&self, url: &url::Url) -> claimtrail_core::Result<Fetched> {
        Ok(Fetched {
            final_url: url.clone(),
            redirects: Vec::new(),
            status: 200,
            content_type: Some("text/html; charset=utf-8".into()),
            body: self.0.as_bytes().to_vec(),
        })
    }
}

const PAGE: &str = "<html><head><title>Governor's claim</title></head><body><article>\
    <p>The governor said the region was 100 per cent liberated, the Kenya Star reported.</p></article></body></html>";

#[test]
fn capture_upgrades_a_version_1_database_and_attaches_snapshots_to_its_documents() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.sqlite3");
    {
        let conn = Connection::open(&path).unwrap();
        // Version 1 is exactly the released first migration, which is never edited.
        conn.execute_batch(include_str!("../../../migrations/0001_initial.sql")).unwrap();
        conn.execute_batch(
            "INSERT INTO actor (id, name, name_key, kind, created_at)
                 VALUES ('0190a000-0000-7000-8000-000000000001', 'Kenya Star', 'kenya star', 'outlet', '2025-07-01T00:00:00Z');
             INSERT INTO actor_domain (domain, actor_seq) VALUES ('kenyastar.example', 1);
             INSERT INTO document (id, url, canonical_url, outlet_seq, title, located, created_at)
                 VALUES ('0190a000-0000-7000-8000-0000000000d1', 'https://www.kenyastar.example/luhansk?utm_source=x',
                         'https://www.kenyastar.example/luhansk', 1, 'Typed title', 1, '2025-07-01T00:00:00Z');
             PRAGMA user_version = 1;",
        )
        .unwrap();
    }

    let mut store = Store::open(&path).unwrap();
    let version: i64 = store.connection().pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(version, SCHEMA_VERSION);

    let now = "2025-07-04T10:00:00Z".parse().unwrap();
    let got =
        store.capture("https://www.kenyastar.example/luhansk", &Canned(PAGE), &CaptureOptions::default(), now).unwrap();
    assert_eq!(got.document_id, "0190a000-0000-7000-8000-0000000000d1", "the version-1 document is reused");
    assert!(!got.new_document);
    assert_eq!(got.title.as_deref(), Some("Typed title"), "what the checker typed is not overwritten");
    assert_eq!(got.outlet.as_deref(), Some("Kenya Star"), "recognised by its domain from version 1");
    drop(store);

    // Read back after reopening, through the real query functions.
    let store = Store::open(&path).unwrap();
    let history = store.snapshots("0190a000-0000-7000-8000-0000000000d1").unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].id, got.snapshot_id);
    assert_eq!(history[0].retrieved_at, "2025-07-04T10:00:00Z");
    assert_eq!(history[0].http_status, Some(200));
    assert!(store.snapshot_text(&got.snapshot_id).unwrap().contains("100 per cent liberated"));
    assert_eq!(store.snapshot_raw(&got.snapshot_id).unwrap().unwrap(), PAGE.as_bytes());
    let check = store.verify_snapshots().unwrap();
    assert_eq!((check.checked, check.first_mismatch), (1, None));
}
