//! Handles: short names from the random end of each id, unique in the
//! database, given once; one resolver takes a handle, an id or a unique prefix.

use chrono::{TimeZone, Utc};
use claimtrail_core::{ActorKind, ActorSpec, ErrorKind, LogRequest, RecordKind, Relation, RelayStep, Store};

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 7, 4, 9, 0, 0).unwrap()
}

fn chain(claim: &str, speaker: &str, relays: &[&str]) -> LogRequest {
    let mut req = LogRequest::new(claim, ActorSpec::named(speaker, ActorKind::Person));
    for r in relays {
        req.relays.push(RelayStep {
            actor: ActorSpec::named(r, ActorKind::Outlet),
            relation: Relation::Cites,
            cue: None,
            quote: None,
            document: None,
        });
    }
    req
}

fn temp_store() -> (tempfile::TempDir, std::path::PathBuf, Store) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("claims.sqlite3");
    let store = Store::open(&path).unwrap();
    (dir, path, store)
}

#[test]
fn every_record_shown_has_a_short_handle_from_the_random_end_of_its_id_that_resolves_back() {
    let (_dir, _path, mut store) = temp_store();
    let logged = store.log(&chain("The dam was opened", "Ivan Petrov", &["Wire", "Paper"]), now()).unwrap();
    store.log(&chain("The dam was closed", "Ivan Petrov", &["Wire"]), now()).unwrap();
    let claim = store.show(&logged.claim_id).unwrap();
    // Two claims logged the same second share the time prefix, not the handle.
    let other = store.list(&Default::default()).unwrap();
    assert_eq!(other.len(), 2);
    assert_ne!(other[0].handle, other[1].handle);
    let mut seen = std::collections::HashSet::new();
    let mut check = |kind: RecordKind, id: &str, handle: &str| {
        assert!(handle.len() >= 5 && handle.len() < 13, "{handle}");
        assert!(id.rsplit('-').next().unwrap().starts_with(handle), "{handle} comes from the end of {id}");
        assert!(seen.insert(handle.to_string()), "{handle} is unique");
        for typed in [handle.to_string(), handle.to_uppercase(), id.to_string(), format!(" {handle} ")] {
            let found = store.resolve_record(&typed).unwrap();
            assert_eq!((found.kind, found.id.as_str(), found.handle.as_str()), (kind, id, handle), "{typed}");
        }
        assert_eq!(store.handle_for_id(id).unwrap(), handle);
    };
    check(RecordKind::Claim, &claim.id, &claim.handle);
    for a in &claim.appearances {
        check(RecordKind::Appearance, &a.id, &a.handle);
    }
    for a in store.actors().unwrap() {
        check(RecordKind::Actor, &a.id, &a.handle);
    }
    // Each kind-specific lookup takes the handle too.
    assert_eq!(store.resolve_claim(&claim.handle).unwrap().id, claim.id);
    let first = &claim.appearances[0];
    let trace = store.trace_appearance(&first.handle).unwrap();
    assert_eq!(trace.claim_id, claim.id);
    assert_eq!(trace.claim_handle, claim.handle);
    assert!(trace.nodes.iter().any(|n| n.handle == first.handle));
    let petrov = store.actors().unwrap().into_iter().find(|a| a.name == "Ivan Petrov").unwrap();
    assert_eq!(store.resolve_actor(&petrov.handle).unwrap().id, petrov.id);
}

#[test]
fn unknown_ambiguous_and_wrong_kind_input_is_refused_with_what_it_is() {
    let (_dir, _path, mut store) = temp_store();
    let logged = store.log(&chain("The dam was opened", "Ivan Petrov", &["Wire"]), now()).unwrap();
    store.log(&chain("The dam was closed", "Ivan Petrov", &[]), now()).unwrap();
    let claim = store.show(&logged.claim_id).unwrap();
    let appearance = &claim.appearances[0].handle;

    let err = store.resolve_record("ffffffffff").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert_eq!(store.resolve_record("no such thing").unwrap_err().kind(), ErrorKind::NotFound);
    assert_eq!(store.resolve_record("  ").unwrap_err().kind(), ErrorKind::InvalidInput);
    // Every id starts with the same time prefix: a short prefix is ambiguous.
    let err = store.resolve_record("0").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Ambiguous);
    assert!(err.to_string().contains("ambiguous"), "{err}");
    // An appearance's handle given where a claim is wanted says what it names.
    let err = store.resolve_claim(appearance).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(err.to_string().contains("is the handle of an appearance, not of a claim"), "{err}");
    // A unique prefix of the full id still works.
    let prefix = &claim.id[..claim.id.len() - 2];
    assert_eq!(store.resolve_record(prefix).unwrap().id, claim.id);
}

#[test]
fn a_taken_handle_makes_the_next_one_longer_and_handles_never_change() {
    let (_dir, path, store) = temp_store();
    let conn = store.connection();
    for (i, id) in [
        "0190a000-0000-7000-8000-abcde1111111",
        "0190a000-0000-7000-8000-abcde2222222",
        "0190a000-0000-7000-8000-abcde2233333",
    ]
    .iter()
    .enumerate()
    {
        conn.execute(
            "INSERT INTO actor (id, name, name_key, kind, created_at, look_key) VALUES (?1, ?2, ?2, 'person', '2025-07-01T00:00:00Z', ?2)",
            rusqlite::params![id, format!("person {i}")],
        )
        .unwrap();
    }
    let handles = |s: &Store| -> Vec<String> {
        let mut v: Vec<(String, String)> = s.actors().unwrap().into_iter().map(|a| (a.id, a.handle)).collect();
        v.sort();
        v.into_iter().map(|(_, h)| h).collect()
    };
    assert_eq!(handles(&store), ["abcde", "abcde2", "abcde22"]);
    drop(store);
    let reopened = Store::open(&path).unwrap();
    assert_eq!(handles(&reopened), ["abcde", "abcde2", "abcde22"], "a handle once given stays");
    assert_eq!(reopened.resolve_record("abcde2").unwrap().id, "0190a000-0000-7000-8000-abcde2222222");
    // Looked up through its index, never by reading the table.
    let plan: String = reopened
        .connection()
        .query_row("EXPLAIN QUERY PLAN SELECT kind, seq FROM record_handle WHERE handle = 'abcde'", [], |r| r.get(3))
        .unwrap();
    assert!(plan.starts_with("SEARCH"), "{plan}");
}

#[test]
fn records_logged_before_handles_existed_get_them_when_the_database_is_upgraded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v6.sqlite3");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        // Released migrations are never edited: this is exactly version 6.
        for sql in [
            include_str!("../../../migrations/0001_initial.sql"),
            include_str!("../../../migrations/0002_snapshots.sql"),
            include_str!("../../../migrations/0003_history_chain.sql"),
            include_str!("../../../migrations/0004_actor_look_key.sql"),
            include_str!("../../../migrations/0005_claim_key.sql"),
            include_str!("../../../migrations/0006_actor_distinct.sql"),
        ] {
            conn.execute_batch(sql).unwrap();
        }
        conn.execute_batch(
            "INSERT INTO actor (id, name, name_key, kind, created_at, look_key)
                 VALUES ('0190a000-0000-7000-8000-5eed00000001', 'Ivan Petrov', 'ivan petrov', 'person', '2025-07-01T00:00:00Z', 'ivan petrov');
             INSERT INTO claim (id, text, text_key, created_at)
                 VALUES ('0190a000-0000-7000-8000-5eed00000002', 'Old claim', 'old claim', '2025-07-01T00:00:00Z');
             INSERT INTO appearance (id, claim_seq, actor_seq, kind, stance, created_at)
                 VALUES ('0190a000-0000-7000-8000-c0ffee000003', 1, 1, 'direct', 'asserts', '2025-07-01T00:00:00Z');
             PRAGMA user_version = 6;",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let claim = store.show("0190a000-0000-7000-8000-5eed00000002").unwrap();
    // The oldest row of the oldest kind first: the claim has the short one.
    assert_eq!(claim.handle, "5eed0");
    assert_eq!(claim.appearances[0].handle, "c0ffe");
    assert_eq!(store.actors().unwrap()[0].handle, "5eed00");
    assert_eq!(store.resolve_record("c0ffe").unwrap().kind, RecordKind::Appearance);
}
