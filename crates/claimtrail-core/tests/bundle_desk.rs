//! Bundles carry the desk's fields: the review address, assignee and due
//! date, tags, notes and cases. A field the receiver already has differently
//! keeps the receiver's value and is reported; older bundles import as before.

use chrono::{TimeZone, Utc};
use claimtrail_core::interop::{export, import_bytes, ExportFormat};
use claimtrail_core::{ActorKind, ActorSpec, ImportNoteKind, LogRequest, Scope, Store};
use serde_json::Value;

fn at(minute: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 7, 4, 9, minute, 0).unwrap()
}

fn bundle(store: &Store) -> Vec<u8> {
    export(store, ExportFormat::Bundle, &Scope::All, at(30)).unwrap().bytes
}

/// A sender with one claim and every desk field set.
fn sender() -> (Store, String) {
    let mut store = Store::open_in_memory().unwrap();
    let claim = store
        .log(&LogRequest::new("The mill burned down", ActorSpec::named("Ines Roth", ActorKind::Person)), at(0))
        .unwrap()
        .claim_id;
    store.case_add("Fires", std::slice::from_ref(&claim), "ana", at(1)).unwrap();
    store.tag_claim(&claim, &["fire".into()], "ana", at(2)).unwrap();
    store.set_review_url(&claim, "https://checks.example/mill", "ana", at(3)).unwrap();
    store.assign_claim(&claim, "Ben", Some("2025-08-01"), "ana", at(4)).unwrap();
    store.add_note(&claim, "Called the fire brigade <b>twice</b>.", "ana", at(5)).unwrap();
    store.add_note(&claim, "They confirm.", "ben", at(6)).unwrap();
    (store, claim)
}

#[test]
fn desk_fields_travel_in_a_bundle_and_come_back_the_same() {
    let (store, claim) = sender();
    let mut receiver = Store::open_in_memory().unwrap();
    let report = import_bytes(&mut receiver, &bundle(&store), at(31)).unwrap();
    assert!(report.notes.iter().all(|n| n.kind != ImportNoteKind::Conflict), "{:?}", report.notes);
    let (mine, theirs) = (receiver.show(&claim).unwrap(), store.show(&claim).unwrap());
    assert_eq!(mine.review_url.as_deref(), Some("https://checks.example/mill"));
    assert_eq!((mine.assignee.as_deref(), mine.due.as_deref()), (Some("Ben"), Some("2025-08-01")));
    assert_eq!(mine.tags, theirs.tags);
    assert_eq!(mine.cases, theirs.cases);
    assert_eq!(mine.notes, theirs.notes, "notes keep their ids, authors, times and bytes");
    // Importing again adds no note twice.
    import_bytes(&mut receiver, &bundle(&store), at(32)).unwrap();
    assert_eq!(receiver.show(&claim).unwrap().notes.len(), 2);
    assert_eq!(receiver.verify_history().unwrap().first_broken, None);
}

#[test]
fn a_review_url_or_assignee_the_receiver_has_differently_stays_and_is_reported() {
    let (store, claim) = sender();
    let mut receiver = Store::open_in_memory().unwrap();
    // The receiver has the claim already, with its own review address and assignee.
    let mut stripped: Value = serde_json::from_slice(&bundle(&store)).unwrap();
    for field in ["review_url", "assignee", "due", "notes"] {
        stripped["claims"][0].as_object_mut().unwrap().remove(field);
    }
    import_bytes(&mut receiver, &serde_json::to_vec(&stripped).unwrap(), at(31)).unwrap();
    receiver.set_review_url(&claim, "https://local.example/mill", "cy", at(32)).unwrap();
    receiver.assign_claim(&claim, "Cy", None, "cy", at(33)).unwrap();

    let report = import_bytes(&mut receiver, &bundle(&store), at(34)).unwrap();
    let conflicts: Vec<&str> =
        report.notes.iter().filter(|n| n.kind == ImportNoteKind::Conflict).map(|n| n.message.as_str()).collect();
    assert_eq!(conflicts.len(), 2, "{conflicts:?}");
    assert!(conflicts[0].contains("review URL here (https://local.example/mill) is kept"), "{}", conflicts[0]);
    assert!(conflicts[1].contains("assignee here (Cy) is kept; the file has Ben"), "{}", conflicts[1]);
    let shown = receiver.show(&claim).unwrap();
    assert_eq!(shown.review_url.as_deref(), Some("https://local.example/mill"));
    assert_eq!(shown.assignee.as_deref(), Some("Cy"));
    assert_eq!(shown.due.as_deref(), Some("2025-08-01"), "a field empty here takes the file's value");
    assert_eq!(shown.notes.len(), 2);
}

#[test]
fn a_bundle_without_desk_fields_imports_as_before_and_a_bad_field_changes_nothing() {
    let (store, claim) = sender();
    let mut json: Value = serde_json::from_slice(&bundle(&store)).unwrap();
    for field in ["review_url", "assignee", "due", "notes"] {
        json["claims"][0].as_object_mut().unwrap().remove(field);
    }
    let mut receiver = Store::open_in_memory().unwrap();
    import_bytes(&mut receiver, &serde_json::to_vec(&json).unwrap(), at(31)).unwrap();
    let shown = receiver.show(&claim).unwrap();
    assert!(shown.review_url.is_none() && shown.assignee.is_none() && shown.notes.is_empty());

    let mut empty = Store::open_in_memory().unwrap();
    for (field, value) in [
        ("review_url", Value::from("javascript:alert(1)")),
        ("due", Value::from("1 August")),
        ("assignee", Value::from("")),
        ("notes", serde_json::json!([{"id": "not-a-uuid", "author": "x", "text": "y", "at": "2025-07-04T09:00:00Z"}])),
    ] {
        let mut bad = json.clone();
        bad["claims"][0][field] = value;
        let err = import_bytes(&mut empty, &serde_json::to_vec(&bad).unwrap(), at(32)).unwrap_err();
        assert_eq!(err.kind(), claimtrail_core::ErrorKind::InvalidInput, "{field}: {err}");
        assert!(empty.list(&Default::default()).unwrap().is_empty(), "{field}: nothing was imported");
    }
}
