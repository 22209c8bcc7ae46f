//! The chain's head, anchored outside the tables an attacker edits: the head
//! file beside the database, in every backup, and what `verify` makes of it.

use chrono::{TimeZone, Utc};
use claimtrail_core::{head_file, ActorKind, ActorSpec, LogRequest, Status, StatusRequest, Store};

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 7, 6, 9, 0, 0).unwrap()
}

fn verdict(status: Status, reason: &str) -> StatusRequest {
    StatusRequest {
        status,
        reason: reason.into(),
        evidence: vec!["https://maps.example/a".into()],
        author: "ana".into(),
    }
}

/// A database with one claim logged and three verdicts: a chain of four entries.
fn three_verdicts() -> (tempfile::TempDir, std::path::PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("claimtrail.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let id = store
        .log(&LogRequest::new("Luhansk fully captured", ActorSpec::named("Leonid Pasechnik", ActorKind::Person)), now())
        .unwrap()
        .claim_id;
    for (status, reason) in
        [(Status::Contested, "Maps disagree"), (Status::False, "Front line moved"), (Status::Verified, "Confirmed")]
    {
        store.set_status(&id, &verdict(status, reason), now()).unwrap();
    }
    (dir, path, id)
}

/// Deletes the newest verdict and its history entry, as someone with the
/// sqlite3 shell and the triggers dropped would.
fn delete_newest_verdict(path: &std::path::Path) {
    rusqlite::Connection::open(path)
        .unwrap()
        .execute_batch(
            "PRAGMA foreign_keys = OFF;
             DROP TRIGGER verdict_no_delete; DROP TRIGGER verdict_evidence_no_delete; DROP TRIGGER history_entry_no_delete;
             DELETE FROM verdict_evidence WHERE verdict_seq = (SELECT max(seq) FROM verdict);
             DELETE FROM verdict WHERE seq = (SELECT max(seq) FROM verdict);
             DELETE FROM history_entry WHERE seq = (SELECT max(seq) FROM history_entry);",
        )
        .unwrap();
}

#[test]
fn every_write_that_extends_the_chain_writes_the_head_beside_the_database() {
    let (_dir, path, _) = three_verdicts();
    let store = Store::open(&path).unwrap();
    let check = store.verify_history().unwrap();
    let head = check.head.clone().unwrap();
    assert_eq!(head.entries, 4);
    let anchor = check.anchor.unwrap();
    assert_eq!(anchor.state, "matches");
    assert_eq!(anchor.recorded, Some(head.clone()));
    assert_eq!(head_file(&path), path.with_file_name("claimtrail.sqlite3.head"));
    let text = std::fs::read_to_string(head_file(&path)).unwrap();
    assert!(text.contains(&head.sha256), "{text}");
    let leftovers: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn deleting_the_newest_verdict_with_its_history_entry_is_caught_by_the_head() {
    let (_dir, path, _) = three_verdicts();
    delete_newest_verdict(&path);
    let store = Store::open(&path).unwrap();
    let check = store.verify_history().unwrap();
    assert_eq!(check.entries, 3);
    let b = check.first_broken.expect("the cut chain must not verify");
    assert_eq!(b.position, 4);
    assert_eq!(b.kind, "head");
    assert_eq!(b.subject, "entry 4");
    assert!(b.reason.contains("records 4 entries but the chain has 3"), "{b:?}");
    assert!(b.reason.contains("claimtrail.sqlite3.head"), "{b:?}");
    assert_eq!(check.anchor.unwrap().state, "contradicted");
    // The quick check run before every write sees it too.
    assert_eq!(store.chain_status().unwrap().first_broken.map(|b| b.position), Some(4));
}

#[test]
fn a_write_on_top_of_a_cut_chain_leaves_the_head_file_as_evidence() {
    let (_dir, path, id) = three_verdicts();
    let before = std::fs::read(head_file(&path)).unwrap();
    delete_newest_verdict(&path);
    let mut store = Store::open(&path).unwrap();
    store.set_status(&id, &verdict(Status::Misleading, "Rewritten after the cut"), now()).unwrap();
    assert_eq!(std::fs::read(head_file(&path)).unwrap(), before, "the head file must not follow a cut chain");
    let b = store.verify_history().unwrap().first_broken.expect("still broken");
    assert_eq!(b.position, 4);
    assert!(b.reason.contains("rewritten"), "{b:?}");
}

#[test]
fn a_database_without_a_head_file_is_warned_about_not_failed_and_anchored_on_the_next_write() {
    let (_dir, path, id) = three_verdicts();
    std::fs::remove_file(head_file(&path)).unwrap();
    let mut store = Store::open(&path).unwrap();
    let check = store.verify_history().unwrap();
    assert_eq!(check.first_broken, None);
    assert_eq!(check.anchor.unwrap().state, "missing");
    assert!(!head_file(&path).exists(), "opening or verifying writes no head");
    store.log(&LogRequest::new("Another claim", ActorSpec::named("Someone", ActorKind::Person)), now()).unwrap();
    assert_eq!(store.verify_history().unwrap().anchor.unwrap().state, "matches");
    store.set_status(&id, &verdict(Status::False, "Again"), now()).unwrap();
    let check = store.verify_history().unwrap();
    assert_eq!((check.entries, check.anchor.unwrap().state.as_str()), (6, "matches"));
}

#[test]
fn a_head_file_left_behind_is_not_broken_and_catches_up() {
    let (_dir, path, id) = three_verdicts();
    let old = std::fs::read(head_file(&path)).unwrap();
    let mut store = Store::open(&path).unwrap();
    store.set_status(&id, &verdict(Status::False, "Later"), now()).unwrap();
    // As if the process had stopped between its commit and the head's rename.
    std::fs::write(head_file(&path), &old).unwrap();
    let check = store.verify_history().unwrap();
    assert_eq!((check.first_broken, check.anchor.unwrap().state.as_str()), (None, "behind"));
    store.set_status(&id, &verdict(Status::Verified, "Later still"), now()).unwrap();
    assert_eq!(store.verify_history().unwrap().anchor.unwrap().state, "matches");
}

#[test]
fn a_damaged_or_replaced_head_file_is_broken() {
    let (_dir, path, _) = three_verdicts();
    std::fs::write(head_file(&path), "not a head").unwrap();
    let b = Store::open(&path).unwrap().verify_history().unwrap().first_broken.expect("broken");
    assert_eq!(b.kind, "head");
    assert!(b.reason.contains("cannot be read"), "{b:?}");
}

#[test]
fn a_chain_rewritten_below_the_head_is_caught_even_when_it_links_up() {
    let (_dir, path, _) = three_verdicts();
    // Replace the newest entry by a freshly chained one for a different verdict text.
    let store = Store::open(&path).unwrap();
    let head = store.verify_history().unwrap().head.unwrap();
    drop(store);
    delete_newest_verdict(&path);
    let mut store = Store::open(&path).unwrap();
    let claim = store.list(&Default::default()).unwrap()[0].id.clone();
    // Written through the app, but the head file still holds the old third entry.
    std::fs::remove_file(head_file(&path)).unwrap();
    store.set_status(&claim, &verdict(Status::Verified, "Something else"), now()).unwrap();
    drop(store);
    let new_head = Store::open(&path).unwrap().verify_history().unwrap().head.unwrap();
    assert_ne!(new_head, head);
    // A colleague's note of the old head is what catches this: put it back.
    std::fs::write(
        head_file(&path),
        format!("{{\"format\": \"claimtrail-head\", \"entries\": 4, \"sha256\": \"{}\"}}", head.sha256),
    )
    .unwrap();
    let b = Store::open(&path).unwrap().verify_history().unwrap().first_broken.expect("broken");
    assert_eq!((b.position, b.kind.as_str()), (4, "head"));
}

#[test]
fn a_backup_carries_its_head_and_a_restore_rewinds_the_head_with_the_chain() {
    let (dir, path, id) = three_verdicts();
    let backup = dir.path().join("copy.sqlite3");
    let mut store = Store::open(&path).unwrap();
    store.backup_to(&backup).unwrap();
    let head = store.verify_history().unwrap().head.unwrap();
    let copy = Store::open(&backup).unwrap();
    let check = copy.verify_history().unwrap();
    assert_eq!((check.head, check.anchor.unwrap().state.as_str()), (Some(head), "matches"));
    drop(copy);
    store.set_status(&id, &verdict(Status::False, "Newer than the backup"), now()).unwrap();
    store.restore_from(&backup, true, now()).unwrap();
    let check = store.verify_history().unwrap();
    assert_eq!(check.first_broken, None, "a restore is not a cut");
    assert_eq!((check.entries, check.anchor.unwrap().state.as_str()), (4, "matches"));
}

#[test]
fn the_quick_check_before_writes_sees_recent_edits_and_leaves_deep_ones_to_verify() {
    let (_dir, path, id) = three_verdicts();
    let mut store = Store::open(&path).unwrap();
    for i in 0..40 {
        store.set_status(&id, &verdict(Status::Contested, &format!("Round {i}")), now()).unwrap();
    }
    drop(store);
    let tamper = |sql: &str| rusqlite::Connection::open(&path).unwrap().execute_batch(sql).unwrap();
    // The newest verdict edited behind the triggers' back.
    tamper("DROP TRIGGER verdict_no_update; UPDATE verdict SET author = 'Chief Editor' WHERE seq = 43;");
    let quick = Store::open(&path).unwrap().chain_status().unwrap().first_broken.expect("a recent edit");
    assert_eq!((quick.position, quick.reason.contains("changed")), (44, true), "{quick:?}");
    tamper("UPDATE verdict SET author = 'ana' WHERE seq = 43;");
    assert_eq!(Store::open(&path).unwrap().chain_status().unwrap().first_broken, None);
    // A verdict slipped in without an entry.
    tamper(
        "INSERT INTO verdict (id, claim_seq, status, rationale, author, at)
         VALUES ('forged', 1, 'verified', 'x', 'mallory', '2020-01-01');",
    );
    let quick = Store::open(&path).unwrap().chain_status().unwrap().first_broken.expect("a slipped-in verdict");
    assert!(quick.reason.contains("without going through"), "{quick:?}");
    tamper("DROP TRIGGER verdict_no_delete; DELETE FROM verdict WHERE id = 'forged';");
    // An edit 40 entries deep: not the quick check's job, but verify's.
    tamper("UPDATE verdict SET rationale = 'Rewritten' WHERE seq = 1;");
    let store = Store::open(&path).unwrap();
    assert_eq!(store.chain_status().unwrap().first_broken, None);
    assert_eq!(store.verify_history().unwrap().first_broken.map(|b| b.position), Some(2));
}
