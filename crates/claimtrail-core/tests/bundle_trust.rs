//! What a bundle must prove before its history is believed: snapshots that
//! match their hashes, and verdicts that arrive with the chain that covers them.

mod support;

use std::io::Write;
use std::time::Duration;

use claimtrail_core::capture::{FetchPolicy, HttpFetcher};
use claimtrail_core::interop::{export, import_bytes, ExportFormat};
use claimtrail_core::{ActorKind, ActorSpec, DocumentSpec, LogRequest, RelayStep, Scope, Store};
use serde_json::Value;
use support::site::Site;

fn now() -> chrono::DateTime<chrono::Utc> {
    "2025-07-04T10:00:00Z".parse().unwrap()
}

/// A bundle holding one captured page (fetched from a local site) and the
/// claim that cites it.
fn bundle_with_a_capture() -> Value {
    let site = Site::start();
    let fetcher = HttpFetcher::new(FetchPolicy {
        allow_loopback: true,
        timeout: Duration::from_secs(10),
        ..FetchPolicy::default()
    })
    .unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let url = site.url("/article");
    store.capture(&url, &fetcher, &Default::default(), now()).unwrap();
    let mut req = LogRequest::new("The bridge will reopen by May", ActorSpec::named("Officials", ActorKind::Person));
    let mut step = RelayStep::cites(ActorSpec::named("Local News", ActorKind::Outlet));
    step.document = Some(DocumentSpec { url: Some(url), ..Default::default() });
    req.relays.push(step);
    store.log(&req, now()).unwrap();
    let bytes = export(&store, ExportFormat::Bundle, &Scope::All, now()).unwrap().bytes;
    let bundle: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(bundle["snapshots"].as_array().unwrap().len(), 1);
    bundle
}

fn gzip_hex(bytes: &[u8]) -> String {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap().iter().map(|b| format!("{b:02x}")).collect()
}

/// Imports `bundle` into a fresh database that must refuse it and stay empty;
/// returns the error.
fn refused(bundle: &Value) -> claimtrail_core::Error {
    let mut mine = Store::open_in_memory().unwrap();
    let err = import_bytes(&mut mine, &serde_json::to_vec(bundle).unwrap(), now()).unwrap_err();
    assert!(mine.list(&Default::default()).unwrap().is_empty(), "a refused bundle wrote claims");
    assert_eq!(mine.verify_snapshots().unwrap().checked, 0, "a refused bundle wrote snapshots");
    err
}

#[test]
fn a_bundle_whose_snapshot_bytes_do_not_match_their_hash_is_refused_naming_the_snapshot() {
    let mut bundle = bundle_with_a_capture();
    let snapshot = bundle["snapshots"][0]["id"].as_str().unwrap().to_string();
    let original = bundle["snapshots"][0]["raw_size"].as_i64().unwrap() as usize;
    // Other bytes of the same length, well compressed: only the hash can tell.
    bundle["snapshots"][0]["raw_hex"] = gzip_hex(&vec![b'x'; original]).into();
    let err = refused(&bundle);
    assert_eq!(err.kind(), claimtrail_core::ErrorKind::InvalidInput);
    let message = err.to_string();
    assert!(message.contains(&format!("snapshot {snapshot}")), "{message}");
    assert!(message.contains("does not match its recorded SHA-256 (raw body)"), "{message}");

    let mut bundle = bundle_with_a_capture();
    bundle["snapshots"][0]["text"] = "The bridge will never reopen.".into();
    let message = refused(&bundle).to_string();
    assert!(message.contains("(text)"), "{message}");
}

#[test]
fn a_bundle_snapshot_in_an_encoding_claimtrail_does_not_store_is_refused_before_the_transaction() {
    let mut bundle = bundle_with_a_capture();
    bundle["snapshots"][0]["raw_encoding"] = "zstd".into();
    let err = refused(&bundle);
    assert_eq!(err.kind(), claimtrail_core::ErrorKind::InvalidInput);
    let message = err.to_string();
    assert!(message.contains("raw_encoding `zstd`"), "{message}");
    assert!(!message.contains("CHECK"), "{message}");
}

#[test]
fn a_bundle_with_its_snapshots_intact_still_imports_and_verifies() {
    let bundle = bundle_with_a_capture();
    let mut mine = Store::open_in_memory().unwrap();
    let report = import_bytes(&mut mine, &serde_json::to_vec(&bundle).unwrap(), now()).unwrap();
    assert_eq!(report.added.snapshots, 1);
    assert_eq!(mine.verify_snapshots().unwrap().first_mismatch, None);
}
