//! The tamper-evident history and schema upgrades, tried the way someone
//! would try to break them: editing the file behind the app's back.

use chrono::{TimeZone, Utc};
use claimtrail_core::{ActorKind, ActorSpec, LogRequest, Status, StatusRequest, Store, SCHEMA_VERSION};

const FROZEN_V1: &str = include_str!("fixtures/schema-v1.sql");

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 7, 6, 9, 0, 0).unwrap()
}

/// A store with two logs, one claim's two verdicts and one actor merge:
/// chain positions 1 and 2 are the logs, 3 and 4 the verdicts, 5 the merge.
fn with_history() -> (tempfile::TempDir, std::path::PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let id = store
        .log(&LogRequest::new("Luhansk fully captured", ActorSpec::named("Leonid Pasechnik", ActorKind::Person)), now())
        .unwrap()
        .claim_id;
    store.log(&LogRequest::new("Other", ActorSpec::named("Pasechnik", ActorKind::Person)), now()).unwrap();
    for (status, reason) in [(Status::Contested, "Map analysis disagrees"), (Status::False, "Front line moved")] {
        let req = StatusRequest {
            status,
            reason: reason.into(),
            evidence: vec!["https://maps.example/a".into()],
            author: "ana".into(),
        };
        store.set_status(&id, &req, now()).unwrap();
    }
    store.merge_actors("Leonid Pasechnik", "Pasechnik", now()).unwrap();
    let check = store.verify_history().unwrap();
    assert_eq!(check.entries, 5);
    assert_eq!(check.first_broken, None);
    (dir, path, id)
}

/// Edits the file directly, as someone with the sqlite3 shell would.
fn tamper(path: &std::path::Path, sql: &str) {
    rusqlite::Connection::open(path).unwrap().execute_batch(sql).unwrap();
}

fn broken(path: &std::path::Path) -> claimtrail_core::BrokenEntry {
    Store::open(path).unwrap().verify_history().unwrap().first_broken.expect("verify must catch the edit")
}

#[test]
fn the_triggers_refuse_edits_made_the_ordinary_way() {
    let (_dir, path, _) = with_history();
    let conn = rusqlite::Connection::open(&path).unwrap();
    for sql in [
        "UPDATE verdict SET rationale = 'x'",
        "DELETE FROM verdict_evidence",
        "UPDATE history_entry SET prev_sha256 = ''",
        "DELETE FROM audit_event",
    ] {
        let err = conn.execute(sql, []).unwrap_err().to_string();
        assert!(err.contains("append-only"), "{sql}: {err}");
    }
}

#[test]
fn an_edited_past_verdict_is_caught_and_named() {
    let (_dir, path, _) = with_history();
    tamper(
        &path,
        "DROP TRIGGER verdict_no_update; UPDATE verdict SET rationale = 'Confirmed by the ministry' WHERE seq = 1;",
    );
    let b = broken(&path);
    assert_eq!(b.position, 3);
    assert_eq!(b.kind, "verdict");
    assert!(b.subject.starts_with("verdict "), "{b:?}");
    assert!(b.reason.contains("changed"), "{b:?}");
}

#[test]
fn edited_evidence_is_caught() {
    let (_dir, path, _) = with_history();
    tamper(&path, "DROP TRIGGER verdict_evidence_no_update; UPDATE verdict_evidence SET url = 'https://other.example/' WHERE verdict_seq = 2;");
    assert_eq!(broken(&path).position, 4);
}

#[test]
fn a_deleted_verdict_is_caught() {
    let (_dir, path, _) = with_history();
    tamper(
        &path,
        "PRAGMA foreign_keys = OFF; DROP TRIGGER verdict_no_delete; DROP TRIGGER verdict_evidence_no_delete;
         DELETE FROM verdict_evidence WHERE verdict_seq = 2; DELETE FROM verdict WHERE seq = 2;",
    );
    let b = broken(&path);
    assert_eq!(b.position, 4);
    assert!(b.reason.contains("deleted"), "{b:?}");
}

#[test]
fn a_verdict_slipped_in_without_the_chain_is_caught() {
    let (_dir, path, _) = with_history();
    tamper(&path, "INSERT INTO verdict (id, claim_seq, status, rationale, author, at) VALUES ('forged', 1, 'verified', 'x', 'mallory', '2025-07-01T00:00:00Z');");
    let b = broken(&path);
    assert_eq!(b.position, 6);
    assert!(b.reason.contains("without going through"), "{b:?}");
}

#[test]
fn a_rewritten_chain_entry_is_caught() {
    let (_dir, path, _) = with_history();
    tamper(
        &path,
        "DROP TRIGGER history_entry_no_update; UPDATE history_entry SET content_sha256 = 'ab' WHERE seq = 3;",
    );
    assert_eq!(broken(&path).position, 3);
    let (_dir2, path2, _) = with_history();
    tamper(&path2, "DROP TRIGGER history_entry_no_delete; DELETE FROM history_entry WHERE seq = 2;");
    let b = broken(&path2);
    assert!(b.reason.contains("does not follow"), "{b:?}");
}

fn frozen_v1(dir: &tempfile::TempDir) -> std::path::PathBuf {
    let path = dir.path().join("v1.sqlite3");
    rusqlite::Connection::open(&path).unwrap().execute_batch(FROZEN_V1).unwrap();
    path
}

#[test]
fn a_frozen_version_1_database_is_upgraded_and_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = frozen_v1(&dir);
    let store = Store::open(&path).unwrap();
    let v: i64 = store.connection().pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(v, SCHEMA_VERSION);
    let claim = store.show("01980000-0000-7000-8000-000000000010").unwrap();
    assert_eq!(claim.status, Status::Verified);
    assert_eq!(claim.history.len(), 2);
    assert_eq!(claim.history[1].evidence, vec!["https://kremlin.example/transcript".to_string()]);
    assert_eq!(claim.appearances[1].upstream, vec!["01980000-0000-7000-8000-000000000020".to_string()]);
    let trace = store.trace(&claim.id).unwrap();
    assert_eq!(trace.origins[0].actor, "Yuri Ushakov");
    assert_eq!(store.search("back down", 5).unwrap().len(), 1, "the full-text index survives the upgrade");
    let actors = store.actors().unwrap();
    assert_eq!(actors.len(), 2, "the merged actor stays merged");
    // The history recorded before the chain existed is chained by the upgrade.
    let check = store.verify_history().unwrap();
    assert_eq!(check.entries, 3);
    assert_eq!(check.first_broken, None);
}

#[test]
fn a_failing_migration_leaves_the_database_at_its_previous_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = frozen_v1(&dir);
    // Something in the way of the next migration: its CREATE TABLE will fail.
    tamper(&path, "CREATE TABLE history_entry (x);");
    let err = Store::open(&path).err().expect("the upgrade must fail");
    assert!(err.to_string().contains("migration"), "{err}");
    let conn = rusqlite::Connection::open(&path).unwrap();
    let v: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(v, 1);
    let verdicts: i64 = conn.query_row("SELECT count(*) FROM verdict", [], |r| r.get(0)).unwrap();
    assert_eq!(verdicts, 2);
}
