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

/// `db.sqlite3` in `dir` with one claim logged.
fn one_claim(dir: &std::path::Path) -> (std::path::PathBuf, Store) {
    let path = dir.join("db.sqlite3");
    let mut store = Store::open(&path).unwrap();
    store.log(&chain("Precious"), now()).unwrap();
    (path, store)
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
    assert_eq!(store.graph_size().unwrap(), (4, 3), "the graph follows the restored data");
    // The database as it was before the restore is kept.
    let previous = Store::open(&report.previous).unwrap();
    assert_eq!(previous.list(&Default::default()).unwrap().len(), 2);
}

#[test]
fn restore_refuses_files_that_are_not_backups() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut store) = one_claim(dir.path());
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
    // Each backup has its head file beside it (the log is history).
    let files: Vec<String> = std::fs::read_dir(backup_folder(&path))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let kept = files.iter().filter(|f| !f.ends_with(".head")).count();
    assert_eq!(kept, claimtrail_core::KEEP_AUTOMATIC);
    assert_eq!(files.len(), 2 * kept, "{files:?}");
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

/// Issue 12, item 2: the guard counted only claims, actors, appearances,
/// verdicts, audit events and relays, so a restore without `--force` dropped
/// a newer capture, alias, case or tag without a word.
#[test]
fn restore_without_force_refuses_to_drop_newer_captures_aliases_cases_tags_relays_and_conflicts() {
    type Change = fn(&mut Store, &std::path::Path);
    let changes: [(&str, Change); 8] = [
        ("capture", |store, _| {
            store
                .capture_pasted("https://paper.example/story", "What the page said.", &Default::default(), now())
                .unwrap();
        }),
        ("alias", |store, _| {
            store.add_actor_alias("Speaker", "The Speaker").unwrap();
        }),
        ("tag", |_, db| {
            // As a bundle import adds a tag to a claim both copies hold.
            rusqlite::Connection::open(db)
                .unwrap()
                .execute("INSERT INTO claim_tag (claim_seq, tag) VALUES (1, 'election')", [])
                .unwrap();
        }),
        ("case", |_, db| {
            rusqlite::Connection::open(db)
                .unwrap()
                .execute_batch(
                    "INSERT INTO case_file (name, name_key) VALUES ('Floods', 'floods');
                     INSERT INTO claim_case (claim_seq, case_seq) VALUES (1, last_insert_rowid());",
                )
                .unwrap();
        }),
        ("outlet domain", |_, db| {
            rusqlite::Connection::open(db)
                .unwrap()
                .execute("INSERT INTO actor_domain (domain, actor_seq) VALUES ('wire.example', 2)", [])
                .unwrap();
        }),
        ("relay", |_, db| {
            // An edge between two appearances both copies hold, the other way round.
            rusqlite::Connection::open(db)
                .unwrap()
                .execute(
                    "INSERT INTO relay (appearance_seq, upstream_seq, relation, created_at)
                     VALUES (1, 2, 'cites', '2025-07-06T10:00:00Z')",
                    [],
                )
                .unwrap();
        }),
        ("verdict conflict", |_, db| {
            // Two verdicts both copies hold, recorded as a conflict in the live one only.
            rusqlite::Connection::open(db)
                .unwrap()
                .execute(
                    "INSERT INTO verdict_conflict (claim_seq, ours_seq, theirs_seq, found_at)
                     VALUES (1, 1, 2, '2025-07-06T10:00:00Z')",
                    [],
                )
                .unwrap();
        }),
        ("distinct decision", |_, db| {
            // The row alone, without the audit event `mark_distinct` adds, so
            // only the actor_distinct count can refuse the restore.
            rusqlite::Connection::open(db)
                .unwrap()
                .execute(
                    "INSERT INTO actor_distinct (a_seq, b_seq, decided_at) VALUES (1, 2, '2025-07-06T10:00:00Z')",
                    [],
                )
                .unwrap();
        }),
    ];
    for (what, change) in changes {
        let dir = tempfile::tempdir().unwrap();
        let (path, mut store) = one_claim(dir.path());
        let claim = store.list(&Default::default()).unwrap()[0].id.clone();
        for status in [Status::Verified, Status::False] {
            let req = StatusRequest { status, reason: "checked".into(), evidence: vec![], author: "Desk".into() };
            store.set_status(&claim, &req, now()).unwrap();
        }
        let backup = dir.path().join("saved.sqlite3");
        store.backup_to(&backup).unwrap();
        change(&mut store, &path);
        store.refresh().unwrap();

        let err = store.restore_from(&backup, false, now() + Duration::hours(2)).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{what}: {err}");
        assert!(err.to_string().contains("newer than the backup"), "{what}: {err}");
        assert!(!backup_folder(&path).exists(), "{what}: a refused restore takes no backup");
        store.restore_from(&backup, true, now() + Duration::hours(3)).unwrap();
    }
}

/// A backup from before the snapshot and history tables existed is compared
/// table by table: every snapshot the live database holds would be lost.
#[test]
fn restoring_a_backup_older_than_the_snapshot_table_counts_every_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("v1.sqlite3");
    rusqlite::Connection::open(&old).unwrap().execute_batch(include_str!("fixtures/schema-v1.sql")).unwrap();
    let path = dir.path().join("db.sqlite3");
    std::fs::copy(&old, &path).unwrap();
    let mut store = Store::open(&path).unwrap();
    assert!(store.restore_from(&old, false, now()).is_ok(), "nothing newer yet");
    store.capture_pasted("https://paper.example/story", "What the page said.", &Default::default(), now()).unwrap();
    let err = store.restore_from(&old, false, now() + Duration::hours(1)).unwrap_err();
    assert!(err.to_string().contains("snapshot: 1"), "{err}");
}

/// Issue 12, item 16: a file with a `claim` table and user_version 4 passed
/// the backup check and failed inside the restore ("no such table: main.actor").
#[test]
fn restore_refuses_a_file_that_only_looks_like_a_claimtrail_backup() {
    let dir = tempfile::tempdir().unwrap();
    let (_path, mut store) = one_claim(dir.path());
    let lookalike = dir.path().join("lookalike.sqlite3");
    rusqlite::Connection::open(&lookalike)
        .unwrap()
        .execute_batch("CREATE TABLE claim (id TEXT, text TEXT); PRAGMA user_version = 4;")
        .unwrap();
    let err = store.restore_from(&lookalike, true, now()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotADatabase, "{err}");
    assert!(err.to_string().contains("another application"), "{err}");
    assert_eq!(store.list(&Default::default()).unwrap().len(), 1);
}

/// Issue 12, item 1: every file a writer may be pointed at is checked against
/// the database, its -wal/-shm/-journal, its history head and its backups
/// folder, however the path is spelled.
#[cfg(unix)]
#[test]
fn outputs_that_would_replace_the_database_or_its_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("data");
    let path = folder.join("case.sqlite3");
    let mut store = Store::open(&path).unwrap();
    store.log(&chain("Precious"), now()).unwrap();
    store.backup_if_due(Duration::zero(), now()).unwrap();
    let link = dir.path().join("link.sqlite3");
    std::os::unix::fs::symlink(&path, &link).unwrap();
    let folder_link = dir.path().join("elsewhere");
    std::os::unix::fs::symlink(&folder, &folder_link).unwrap();
    let hard = dir.path().join("hard.sqlite3");
    std::fs::hard_link(&path, &hard).unwrap();
    let existing_backup = std::fs::read_dir(backup_folder(&path)).unwrap().next().unwrap().unwrap().path();
    let before = std::fs::read(&path).unwrap();
    // The log is history, so the head file is there; nothing refused may touch it.
    let head_before = std::fs::read(folder.join("case.sqlite3.head")).unwrap();

    let refused = [
        path.clone(),
        folder.join("..").join("data").join(".").join("case.sqlite3"),
        link.clone(),
        folder_link.join("case.sqlite3"),
        hard,
        folder.join("case.sqlite3-wal"),
        folder.join("case.sqlite3-shm"),
        folder.join("case.sqlite3-journal"),
        folder_link.join("case.sqlite3-wal"),
        folder.join("case.sqlite3.head"),
        backup_folder(&path),
        existing_backup,
        backup_folder(&path).join("mine.json"),
        folder_link.join("case.sqlite3.backups").join("new").join("deeper.csv"),
    ];
    for out in &refused {
        let err = store.check_output(out).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{}: {err}", out.display());
        assert!(err.to_string().starts_with("refusing to write"), "{err}");
        let err = store.backup_to(out).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{}: {err}", out.display());
    }
    // Through the link the database was opened by, the same files are refused.
    let via_link = Store::open(&link).unwrap();
    for out in [path.clone(), folder.join("case.sqlite3-wal"), backup_folder(&path).join("x")] {
        assert!(via_link.check_output(&out).is_err(), "{}", out.display());
    }
    drop(via_link);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(std::fs::read(folder.join("case.sqlite3.head")).unwrap(), head_before);

    for fine in [folder.join("case.csv"), folder.join("case.sqlite3.bak"), dir.path().join("case.sqlite3")] {
        store.check_output(&fine).unwrap();
    }
}

/// A backup is written to `<dest>.partial` first, after removing any file
/// there: for a database named `case.partial`, `backup case.sqlite3` deleted it.
#[test]
fn a_backup_whose_partial_file_would_be_the_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("case.partial");
    let mut store = Store::open(&path).unwrap();
    store.log(&chain("Precious"), now()).unwrap();
    let err = store.backup_to(&dir.path().join("case.sqlite3")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput, "{err}");
    assert!(err.to_string().contains("case.partial"), "{err}");
    assert_eq!(store.list(&Default::default()).unwrap().len(), 1);
    assert!(!dir.path().join("case.sqlite3").exists());
    drop(store);
    assert_eq!(Store::open(&path).unwrap().list(&Default::default()).unwrap().len(), 1);
}
