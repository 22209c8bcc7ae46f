//! What a bundle must prove before its history is believed: snapshots that
//! match their hashes, and verdicts that arrive with the chain that covers them.

mod support;

use std::io::Write;
use std::time::Duration;

use claimtrail_core::capture::{FetchPolicy, HttpFetcher};
use claimtrail_core::interop::{export, import_bytes, ExportFormat};
use claimtrail_core::{ActorKind, ActorSpec, DocumentSpec, ImportNoteKind, LogRequest, RelayStep, Scope, Store};
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

/// Their database: the demo case, and a verdict of their own on one claim.
fn theirs_with_a_verdict() -> (Store, String) {
    let mut theirs = Store::open_in_memory().unwrap();
    claimtrail_core::demo::load_demo(&mut theirs, now()).unwrap();
    let claim = theirs.list(&Default::default()).unwrap()[0].id.clone();
    let req = claimtrail_core::StatusRequest {
        status: claimtrail_core::Status::Contested,
        reason: "Maps disagree".into(),
        evidence: vec![],
        author: "ana".into(),
    };
    theirs.set_status(&claim, &req, now()).unwrap();
    (theirs, claim)
}

fn bundle_of(store: &Store) -> Value {
    serde_json::from_slice(&export(store, ExportFormat::Bundle, &Scope::All, now()).unwrap().bytes).unwrap()
}

fn import(store: &mut Store, bundle: &Value) -> claimtrail_core::ImportReport {
    import_bytes(store, &serde_json::to_vec(bundle).unwrap(), now()).unwrap()
}

/// The claim's verdicts as (id, checked) for those that were imported.
fn imported(store: &Store, claim: &str) -> Vec<(String, bool)> {
    store.show(claim).unwrap().imported.into_iter().map(|i| (i.verdict_id, i.checked)).collect()
}

fn claim_in<'a>(bundle: &'a mut Value, claim: &str) -> &'a mut Value {
    bundle["claims"].as_array_mut().unwrap().iter_mut().find(|c| c["id"] == claim).unwrap()
}

#[test]
fn a_bundle_carries_the_chain_up_to_the_senders_head_and_its_verdicts_arrive_checked() {
    let (theirs, claim) = theirs_with_a_verdict();
    let bundle = bundle_of(&theirs);
    assert_eq!(bundle["version"], 2);
    let head = theirs.verify_history().unwrap().head.unwrap();
    assert_eq!(bundle["chain"]["head"]["sha256"], head.sha256.as_str());
    let mut mine = Store::open_in_memory().unwrap();
    let report = import(&mut mine, &bundle);
    assert!(
        report.notes.iter().any(|n| n.kind == ImportNoteKind::Chain && n.message.contains(&head.sha256)),
        "{:?}",
        report.notes
    );
    assert!(!report.notes.iter().any(|n| n.kind == ImportNoteKind::Unverified), "{:?}", report.notes);
    let verdict = theirs.show(&claim).unwrap().history.last().unwrap().id.clone();
    assert_eq!(imported(&mine, &claim), [(verdict, true)]);
    assert_eq!(mine.verify_history().unwrap().first_broken, None);
}

#[test]
fn a_forged_back_dated_verdict_typed_into_a_bundle_is_imported_as_unverified() {
    let (theirs, claim) = theirs_with_a_verdict();
    let mut bundle = bundle_of(&theirs);
    let genuine = theirs.show(&claim).unwrap().history.last().unwrap().id.clone();
    let forged = "01900000-0000-7000-8000-00000000f0f0";
    claim_in(&mut bundle, &claim)["verdicts"].as_array_mut().unwrap().push(serde_json::json!({
        "id": forged, "status": "verified", "reason": "Confirmed by our desk", "evidence": [],
        "author": "Chief Editor", "at": "2020-01-01",
    }));
    let mut mine = Store::open_in_memory().unwrap();
    let report = import(&mut mine, &bundle);
    assert!(
        report.notes.iter().any(|n| n.kind == ImportNoteKind::Unverified && n.message.contains("1 of 2")),
        "{:?}",
        report.notes
    );
    assert_eq!(imported(&mine, &claim), [(genuine, true), (forged.to_string(), false)]);
    let shown = mine.show(&claim).unwrap();
    let why = shown.imported[1].why.as_deref().unwrap();
    assert!(why.contains("does not cover it"), "{why}");
}

#[test]
fn a_verdict_edited_in_the_senders_database_arrives_unverified_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("theirs.sqlite3");
    let (theirs, claim) = theirs_with_a_verdict();
    theirs.backup_to(&path).unwrap();
    drop(theirs);
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch(
            "DROP TRIGGER verdict_no_update;
             UPDATE verdict SET status = 'verified', author = 'Chief Editor' WHERE seq = (SELECT max(seq) FROM verdict);",
        )
        .unwrap();
    let theirs = Store::open(&path).unwrap();
    assert!(theirs.verify_history().unwrap().first_broken.is_some());
    let mut mine = Store::open_in_memory().unwrap();
    import(&mut mine, &bundle_of(&theirs));
    let shown = mine.show(&claim).unwrap();
    assert_eq!(shown.history.last().unwrap().author, "Chief Editor");
    let last = shown.imported.last().unwrap();
    assert!(!last.checked);
    assert!(last.why.as_deref().unwrap().contains("differs from what the sender's history recorded"), "{last:?}");
    // Mine is intact (it recorded what arrived, and that it arrived unverified).
    assert_eq!(mine.verify_history().unwrap().first_broken, None);
}

#[test]
fn a_bundle_whose_chain_was_edited_brings_every_verdict_in_unverified() {
    let (theirs, claim) = theirs_with_a_verdict();
    let mut bundle = bundle_of(&theirs);
    let entries = bundle["chain"]["entries"].as_array_mut().unwrap();
    let last = entries.len() - 1;
    entries[last]["content_sha256"] = "0".repeat(64).into();
    let mut mine = Store::open_in_memory().unwrap();
    let report = import(&mut mine, &bundle);
    let note = report.notes.iter().find(|n| n.kind == ImportNoteKind::Unverified).expect("a note");
    assert!(note.message.contains("does not end at the head"), "{}", note.message);
    assert!(imported(&mine, &claim).iter().all(|(_, checked)| !checked));
}

#[test]
fn a_version_1_bundle_without_a_chain_still_imports_with_its_verdicts_unverified() {
    let (theirs, claim) = theirs_with_a_verdict();
    let mut bundle = bundle_of(&theirs);
    bundle["version"] = 1.into();
    bundle.as_object_mut().unwrap().remove("chain");
    let mut mine = Store::open_in_memory().unwrap();
    let report = import(&mut mine, &bundle);
    assert!(report.added.verdicts > 0);
    let note = report.notes.iter().find(|n| n.kind == ImportNoteKind::Unverified).expect("a note");
    assert!(note.message.contains("without a history chain"), "{}", note.message);
    assert!(imported(&mine, &claim).iter().all(|(_, checked)| !checked));
}

#[test]
fn an_unverified_import_stays_unverified_when_passed_on() {
    let (theirs, claim) = theirs_with_a_verdict();
    let mut bundle = bundle_of(&theirs);
    let forged = "01900000-0000-7000-8000-00000000f0f0";
    claim_in(&mut bundle, &claim)["verdicts"].as_array_mut().unwrap().push(serde_json::json!({
        "id": forged, "status": "verified", "reason": "Confirmed", "evidence": [],
        "author": "Chief Editor", "at": "2020-01-01",
    }));
    let mut mine = Store::open_in_memory().unwrap();
    import(&mut mine, &bundle);
    // Mine's own chain covers the forged verdict now; the import's audit event says how it came.
    let mut third = Store::open_in_memory().unwrap();
    import(&mut third, &bundle_of(&mine));
    let got = third.show(&claim).unwrap().imported;
    let passed_on = got.iter().find(|i| i.verdict_id == forged).unwrap();
    assert!(!passed_on.checked);
    assert!(passed_on.why.as_deref().unwrap().contains("imported it unverified"), "{passed_on:?}");
    assert!(got.iter().any(|i| i.verdict_id != forged && i.checked), "{got:?}");
}
