//! A log is history: one audited, chained event naming who logged what, shown
//! by the claim's history; a bulk import is one event, not one per row.

use chrono::{TimeZone, Utc};
use claimtrail_core::{
    ActorKind, ActorSpec, AppearanceKind, Bulk, BulkActor, BulkAppearance, DocumentSpec, LogRequest, RelayStep, Stance,
    Store,
};
use serde_json::Value;

fn at(minute: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 7, 4, 9, minute, 0).unwrap()
}

fn audit(store: &Store, action: &str) -> Vec<Value> {
    let mut stmt = store.connection().prepare("SELECT detail FROM audit_event WHERE action = ?1 ORDER BY seq").unwrap();
    let rows = stmt.query_map([action], |r| r.get::<_, String>(0)).unwrap();
    rows.map(|d| serde_json::from_str(&d.unwrap()).unwrap()).collect()
}

#[test]
fn a_log_names_its_author_and_everything_it_created_and_the_history_shows_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("db.sqlite3")).unwrap();
    let mut req = LogRequest::new("The reservoir is empty", ActorSpec::named("Rosa Lind", ActorKind::Person));
    req.author = Some("ana".into());
    req.relays.push(RelayStep {
        document: Some(DocumentSpec { url: Some("https://paper.example/r".into()), ..DocumentSpec::default() }),
        ..RelayStep::cites(ActorSpec::named("Valley Paper", ActorKind::Outlet))
    });
    let first = store.log(&req, at(0)).unwrap();
    // The same speaker again through another outlet: only the new rows are named.
    let mut again = LogRequest::new("The reservoir is empty", ActorSpec::named("Rosa Lind", ActorKind::Person));
    again.author = Some("ben".into());
    again.relays.push(RelayStep::cites(ActorSpec::named("Hill Radio", ActorKind::Outlet)));
    let second = store.log(&again, at(1)).unwrap();

    let logs = audit(&store, "log");
    assert_eq!(logs.len(), 2);
    assert_eq!(logs[0]["author"], "ana");
    assert_eq!(logs[0]["claim"]["id"], first.claim_id.as_str());
    assert_eq!(logs[0]["claim"]["new"], true);
    assert_eq!(logs[0]["appearances"], serde_json::json!(first.created_appearance_ids));
    let names: Vec<&str> =
        logs[0]["actors_created"].as_array().unwrap().iter().map(|a| a["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Rosa Lind", "Valley Paper"]);
    assert_eq!(logs[0]["documents_created"][0]["url"], "https://paper.example/r");
    assert_eq!(logs[1]["author"], "ben");
    assert_eq!(logs[1]["claim"]["new"], false);
    assert_eq!(logs[1]["appearances"], serde_json::json!(second.created_appearance_ids));
    assert_eq!(logs[1]["actors_created"][0]["name"], "Hill Radio");
    assert_eq!(logs[1]["actors_created"].as_array().unwrap().len(), 1);

    let history = store.claim_history(&first.claim_id).unwrap();
    let shown: Vec<(&str, Option<&str>)> = history.iter().map(|e| (e.action.as_str(), e.author.as_deref())).collect();
    assert_eq!(shown, [("log", Some("ana")), ("log", Some("ben"))], "each log once, with its author");
    assert!(history[0].summary.contains("new actors: Rosa Lind, Valley Paper"), "{}", history[0].summary);
    let check = store.verify_history().unwrap();
    assert_eq!((check.entries, check.first_broken), (2, None));

    // A log that adds nothing is no event.
    store.log(&again, at(2)).unwrap();
    assert_eq!(audit(&store, "log").len(), 2);
}

#[test]
fn a_bulk_import_is_one_audited_event_whatever_its_size() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("db.sqlite3")).unwrap();
    let n = 200;
    let bulk = Bulk {
        actors: (0..n)
            .map(|i| BulkActor {
                name: format!("Speaker {i}"),
                kind: ActorKind::Person,
                role: None,
                state_affiliated: false,
            })
            .collect(),
        claims: (0..n).map(|i| format!("Claim number {i}")).collect(),
        appearances: (0..n)
            .map(|i| BulkAppearance {
                claim: i,
                actor: i,
                quote: None,
                kind: AppearanceKind::Direct,
                stance: Stance::Asserts,
                cue: None,
            })
            .collect(),
        relays: Vec::new(),
    };
    store.import_bulk(&bulk, at(0)).unwrap();
    let events = audit(&store, "import_bulk");
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["appearances"], n);
    let total: i64 = store.connection().query_row("SELECT count(*) FROM audit_event", [], |r| r.get(0)).unwrap();
    assert_eq!(total, 1);
    assert_eq!(store.verify_history().unwrap().first_broken, None);
}

#[test]
fn events_recorded_before_the_subject_index_are_filed_by_its_migration() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    let claim = {
        let mut store = Store::open(&path).unwrap();
        let mut req = LogRequest::new("The bridge was closed", ActorSpec::named("Ola Berg", ActorKind::Person));
        req.author = Some("ana".into());
        let claim = store.log(&req, at(0)).unwrap().claim_id;
        store.tag_claim(&claim, &["bridges".into()], "ana", at(1)).unwrap();
        store.set_review_url(&claim, "https://checks.example/bridge", "ben", at(2)).unwrap();
        store.log(&LogRequest::new("Unrelated", ActorSpec::named("Kai Lund", ActorKind::Person)), at(3)).unwrap();
        claim
    };
    let actions =
        |store: &Store| -> Vec<String> { store.claim_history(&claim).unwrap().into_iter().map(|e| e.action).collect() };
    let expected = ["log", "tag", "review_url"];
    assert_eq!(actions(&Store::open(&path).unwrap()), expected);
    // The database as the build before migration 0010 left it (0011–0014 undone too).
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch(
            "ALTER TABLE appearance DROP COLUMN role; ALTER TABLE document DROP COLUMN csl; DROP TABLE verdict_conflict; DROP INDEX verdict_claim_at;
             DROP INDEX appearance_actor_live;
             DROP INDEX claim_deleted; DROP TABLE audit_subject; PRAGMA user_version = 9;",
        )
        .unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(actions(&store), expected, "the upgrade files the older events");
    let filed: i64 = store.connection().query_row("SELECT count(*) FROM audit_subject", [], |r| r.get(0)).unwrap();
    assert_eq!(filed, 4, "each event under the one claim it names");
    assert_eq!(store.verify_history().unwrap().first_broken, None);
}
