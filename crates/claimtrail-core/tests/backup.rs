//! Backups and restores on real files, including a backup taken while another
//! writer is busy.

use chrono::{Duration, TimeZone, Utc};
use claimtrail_core::{
    backup_folder, ActorKind, ActorSpec, ErrorKind, LogRequest, RelayStep, Status, StatusRequest, Store,
};

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 7, 6, 9, 0, 0).unwrap()
}

fn chain(text: &str) -> LogRequest {
    let mut req = LogRequest::new(text, ActorSpec::named("Speaker", ActorKind::Person));
    for outlet in ["Wire", "Paper", "Site"] {
        req.relays.push(RelayStep::cites(ActorSpec::named(outlet, ActorKind::Outlet)));
    }
    req
}

#[test]
fn a_backup_taken_while_writes_run_is_consistent() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live.sqlite3");
    let mut store = Store::open(&path).unwrap();
    store.log(&chain("Before the writer"), now()).unwrap();
    let writer_path = path.clone();
    let writer = std::thread::spawn(move || {
        let mut w = Store::open(&writer_path).unwrap();
        for i in 0..150 {
            let id = w.log(&chain(&format!("Written during the backup {i}")), now()).unwrap().claim_id;
            let req = StatusRequest {
                status: Status::Contested,
                reason: format!("r{i}"),
                evidence: vec![],
                author: "w".into(),
            };
            w.set_status(&id, &req, now()).unwrap();
        }
    });
    let mut copies = Vec::new();
    for i in 0..5 {
        let dest = dir.path().join(format!("copy-{i}.sqlite3"));
        store.backup_to(&dest).unwrap();
        copies.push(dest);
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    writer.join().unwrap();
    for copy in copies {
        let conn = rusqlite::Connection::open(&copy).unwrap();
        let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(ok, "ok");
        // Every claim in the copy has its whole chain: no half-applied log.
        let partial: i64 = conn
            .query_row(
                "SELECT count(*) FROM claim c WHERE (SELECT count(*) FROM appearance a WHERE a.claim_seq = c.seq) <> 4",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(partial, 0);
        drop(conn);
        let restored = Store::open(&copy).unwrap();
        assert_eq!(restored.verify_history().unwrap().first_broken, None);
    }
}

#[test]
fn restore_refuses_to_drop_newer_data_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    let backup = dir.path().join("saved.sqlite3");
    let mut store = Store::open(&path).unwrap();
    store.log(&chain("Kept in the backup"), now()).unwrap();
    store.backup_to(&backup).unwrap();
    store.log(&chain("Only in the live database"), now() + Duration::hours(1)).unwrap();

    let err = store.restore_from(&backup, false, now() + Duration::hours(2)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(err.to_string().contains("newer than the backup"), "{err}");
    assert_eq!(store.list(&Default::default()).unwrap().len(), 2, "nothing changed");

    let report = store.restore_from(&backup, true, now() + Duration::hours(2)).unwrap();
    let texts: Vec<String> = store.list(&Default::default()).unwrap().into_iter().map(|c| c.text).collect();
    assert_eq!(texts, vec!["Kept in the backup".to_string()]);
    assert_eq!(store.graph_size(), (4, 3), "the graph follows the restored data");
    // The database as it was before the restore is kept.
    let previous = Store::open(&report.previous).unwrap();
    assert_eq!(previous.list(&Default::default()).unwrap().len(), 2);
}

#[test]
fn restore_refuses_files_that_are_not_backups() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    let mut store = Store::open(&path).unwrap();
    store.log(&chain("Precious"), now()).unwrap();
    let junk = dir.path().join("junk.sqlite3");
    std::fs::write(&junk, b"not a database at all, just text".repeat(100)).unwrap();
    let future = dir.path().join("future.sqlite3");
    rusqlite::Connection::open(&future)
        .unwrap()
        .execute_batch("CREATE TABLE claim (x); PRAGMA user_version = 99;")
        .unwrap();
    for (file, kind) in [
        (junk, ErrorKind::NotADatabase),
        (future, ErrorKind::SchemaTooNew),
        (dir.path().join("missing.sqlite3"), ErrorKind::NotADatabase),
        (path.clone(), ErrorKind::InvalidInput),
    ] {
        let err = store.restore_from(&file, true, now()).unwrap_err();
        assert_eq!(err.kind(), kind, "{}: {err}", file.display());
    }
    assert_eq!(store.list(&Default::default()).unwrap().len(), 1);
}

#[test]
fn scheduled_backups_are_taken_when_due_and_rotated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    let mut store = Store::open(&path).unwrap();
    store.log(&chain("Something"), now()).unwrap();
    assert!(store.backup_if_due(Duration::hours(1), now()).unwrap().is_some());
    assert!(store.backup_if_due(Duration::hours(1), now() + Duration::minutes(30)).unwrap().is_none(), "not due yet");
    for i in 0..8 {
        assert!(store.backup_if_due(Duration::zero(), now() + Duration::minutes(31 + i)).unwrap().is_some());
    }
    let kept = std::fs::read_dir(backup_folder(&path)).unwrap().count();
    assert_eq!(kept, claimtrail_core::KEEP_AUTOMATIC);
}

#[test]
fn an_upgrade_is_preceded_by_a_backup_of_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.sqlite3");
    rusqlite::Connection::open(&path).unwrap().execute_batch(include_str!("fixtures/schema-v1.sql")).unwrap();
    Store::open(&path).unwrap();
    let copies: Vec<_> = std::fs::read_dir(backup_folder(&path)).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(copies.len(), 1);
    let name = copies[0].file_name().unwrap().to_str().unwrap().to_string();
    assert!(name.starts_with("before-migration-v1-to-v"), "{name}");
    let conn = rusqlite::Connection::open(&copies[0]).unwrap();
    let v: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(v, 1, "the copy is the database as it was");
}
