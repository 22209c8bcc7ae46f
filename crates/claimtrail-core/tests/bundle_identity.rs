//! The checker's identity decisions travel in bundles: a merge of two actors
//! the receiver has is made there too (audited, chained), a "not the same"
//! decision is recorded there, importing twice changes nothing, and a bundle
//! written before decisions travelled still imports.

use chrono::Utc;
use claimtrail_core::interop::{export, import_bytes, ExportFormat};
use claimtrail_core::{ActorKind, ActorSpec, ImportNoteKind, LogRequest, Scope, Store};

fn log(store: &mut Store, claim: &str, by: &str) -> String {
    store.log(&LogRequest::new(claim, ActorSpec::named(by, ActorKind::Person)), Utc::now()).unwrap().claim_id
}

fn bundle(store: &Store) -> Vec<u8> {
    export(store, ExportFormat::Bundle, &Scope::All, Utc::now()).unwrap().bytes
}

fn audits(store: &Store, action: &str) -> Vec<serde_json::Value> {
    let mut stmt = store.connection().prepare("SELECT detail FROM audit_event WHERE action = ?1 ORDER BY seq").unwrap();
    let rows = stmt.query_map([action], |r| r.get::<_, String>(0)).unwrap();
    rows.map(|d| serde_json::from_str(&d.unwrap()).unwrap()).collect()
}

fn origins(store: &Store, claim: &str) -> usize {
    store.trace(claim).unwrap().independent_origins
}

#[test]
fn merges_and_distinct_decisions_travel_in_bundles() {
    let mut sender = Store::open_in_memory().unwrap();
    let claim = &log(&mut sender, "Luhansk is fully under Russian control", "Leonid Pasechnik");
    log(&mut sender, "Luhansk is fully under Russian control", "Leonid Pasechnick");
    log(&mut sender, "The bridge at Kherson was closed", "Sergei Petrov");
    log(&mut sender, "The bridge at Kherson reopened", "Sergey Petrov");
    let mut receiver = Store::open_in_memory().unwrap();
    import_bytes(&mut receiver, &bundle(&sender), Utc::now()).unwrap();
    assert_eq!(receiver.duplicate_actors().unwrap().len(), 2);
    assert_eq!(origins(&receiver, claim), 2);

    // The sender decides; the next bundle carries the decisions.
    sender.merge_actors("Leonid Pasechnik", "Leonid Pasechnick", Utc::now()).unwrap();
    sender.mark_distinct("Sergei Petrov", "Sergey Petrov", Utc::now()).unwrap();
    let decided = bundle(&sender);
    let json: serde_json::Value = serde_json::from_slice(&decided).unwrap();
    assert_eq!(json["version"], serde_json::json!(2));
    assert_eq!(json["identity"]["merges"][0]["dropped_name"], serde_json::json!("Leonid Pasechnick"));
    assert_eq!(json["identity"]["distinct"].as_array().map(Vec::len), Some(1));

    let report = import_bytes(&mut receiver, &decided, Utc::now()).unwrap();
    let said: Vec<&str> =
        report.notes.iter().filter(|n| n.kind == ImportNoteKind::Identity).map(|n| n.message.as_str()).collect();
    assert_eq!(
        said,
        [
            "merged \"Leonid Pasechnick\" into \"Leonid Pasechnik\", as the sender did",
            "recorded 1 decision that two actors are different, as the sender did"
        ]
    );
    assert_eq!(origins(&receiver, claim), 1);
    assert_eq!(receiver.duplicate_actors().unwrap(), vec![]);
    let kept = receiver.resolve_actor("Leonid Pasechnick").unwrap();
    assert_eq!(kept.name, "Leonid Pasechnik");
    let merges = audits(&receiver, "actor_merge");
    assert_eq!(merges.len(), 1);
    assert_eq!(merges[0]["by"], serde_json::json!("bundle import"));
    assert_eq!(merges[0]["appearance_ids"].as_array().map(Vec::len), Some(1));
    assert_eq!(audits(&receiver, "actor_distinct")[0]["by"], serde_json::json!("bundle import"));
    let history = receiver.verify_history().unwrap();
    assert_eq!(history.first_broken, None);

    // Twice changes nothing.
    let again = import_bytes(&mut receiver, &decided, Utc::now()).unwrap();
    assert!(again.notes.iter().all(|n| n.kind != ImportNoteKind::Identity), "{:?}", again.notes);
    assert_eq!(audits(&receiver, "actor_merge").len(), 1);
    assert_eq!(audits(&receiver, "actor_distinct").len(), 1);
}

#[test]
fn a_bundle_without_identity_decisions_still_imports() {
    let mut sender = Store::open_in_memory().unwrap();
    log(&mut sender, "One", "Leonid Pasechnik");
    log(&mut sender, "Two", "Leonid Pasechnick");
    sender.merge_actors("Leonid Pasechnik", "Leonid Pasechnick", Utc::now()).unwrap();
    let mut json: serde_json::Value = serde_json::from_slice(&bundle(&sender)).unwrap();
    assert!(json["identity"].is_object());
    json.as_object_mut().unwrap().remove("identity");
    let mut receiver = Store::open_in_memory().unwrap();
    let report = import_bytes(&mut receiver, &serde_json::to_vec(&json).unwrap(), Utc::now()).unwrap();
    assert_eq!(report.added.claims, 2);
    assert!(report.notes.iter().all(|n| n.kind != ImportNoteKind::Identity));
    // A database without any decision writes bundles without the field.
    let plain = Store::open_in_memory().unwrap();
    let empty: serde_json::Value = serde_json::from_slice(&bundle(&plain)).unwrap();
    assert!(empty.get("identity").is_none());
}
