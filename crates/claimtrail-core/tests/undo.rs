//! Undo of the last action on a real SQLite file: a log is taken back row for
//! row, a status change is answered by a verdict restoring the one before, and
//! both leave an entry in the history chain.

#[path = "support/dump.rs"]
mod dump;

use chrono::{TimeZone, Utc};
use claimtrail_core::{
    ActorKind, ActorSpec, DocumentSpec, ErrorKind, LogRequest, Relation, RelayStep, Status, StatusRequest, Store,
};

fn at(minute: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 7, 4, 9, minute, 0).unwrap()
}

fn chain(claim: &str, speaker: &str, relays: &[(&str, Option<&str>)]) -> LogRequest {
    let mut req = LogRequest::new(claim, ActorSpec::named(speaker, ActorKind::Person));
    req.quote = Some(claim.to_string());
    req.cases = vec!["Undo case".into()];
    req.tags = vec!["tag".into()];
    for (name, url) in relays {
        req.relays.push(RelayStep {
            actor: ActorSpec::named(name, ActorKind::Outlet),
            relation: Relation::Quotes,
            cue: Some("reported".into()),
            quote: None,
            document: url.map(|u| DocumentSpec { url: Some(u.to_string()), ..DocumentSpec::default() }),
        });
    }
    req
}

/// Every row a log can touch, in a stable order: the logical state undo must restore.
fn dump(store: &Store) -> Vec<String> {
    let tables = [
        ("actor", "seq"),
        ("actor_alias", "actor_seq, alias_key"),
        ("actor_domain", "domain"),
        ("document", "seq"),
        ("claim", "seq"),
        ("claim_tag", "claim_seq, tag"),
        ("appearance", "seq"),
        ("relay", "appearance_seq, upstream_seq"),
        ("actor_fts", "rowid"),
    ];
    let mut out = Vec::new();
    for (table, order) in tables {
        let mut stmt = store.connection().prepare(&format!("SELECT * FROM {table} ORDER BY {order}")).unwrap();
        let columns = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                let cells: Vec<String> = (0..columns).map(|i| format!("{:?}", r.get_ref(i).unwrap())).collect();
                Ok(format!("{table}: {}", cells.join(" | ")))
            })
            .unwrap();
        out.extend(rows.map(Result::unwrap));
    }
    out
}

fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("claims.sqlite3")).unwrap();
    (dir, store)
}

#[test]
fn undoing_a_new_claim_restores_the_database_row_for_row() {
    let (_dir, mut store) = temp_store();
    store.log(&chain("Kept claim", "Kept Speaker", &[("Kept Wire", None)]), at(0)).unwrap();
    let before = dump(&store);
    let graph_before = store.graph_size().unwrap();

    let logged = store
        .log(
            &chain(
                "The bridge was closed",
                "New Speaker",
                &[("New Wire", None), ("New Paper", Some("https://paper.example/a"))],
            ),
            at(1),
        )
        .unwrap();
    assert!(logged.new_claim);
    assert_eq!(logged.created_appearance_ids.len(), 3);
    assert_ne!(dump(&store), before);

    let undone = store.undo_log(&logged.claim_id, &logged.created_appearance_ids, at(2)).unwrap();
    assert_eq!(undone.appearances_removed, 3);
    assert!(undone.claim_removed);
    assert_eq!(undone.documents_removed, 1);
    let mut removed = undone.actors_removed.clone();
    removed.sort();
    assert_eq!(removed, vec!["New Paper", "New Speaker", "New Wire"]);

    assert_eq!(dump(&store), before, "every row the log added is gone, and nothing else");
    assert_eq!(store.graph_size().unwrap(), graph_before);
    assert_eq!(store.search("bridge", 10).unwrap().len(), 0, "the claim left the full-text index");
    assert_eq!(store.resolve_claim(&logged.claim_id).unwrap_err().kind(), ErrorKind::NotFound);

    let check = store.verify_history().unwrap();
    assert!(check.first_broken.is_none());
    assert_eq!(check.entries, 3, "the two logs, and the undo is itself recorded in the history chain");
    let (action, detail): (String, String) = store
        .connection()
        .query_row("SELECT action, detail FROM audit_event ORDER BY seq DESC LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(action, "undo_log");
    assert!(detail.contains("The bridge was closed"));
}

#[test]
fn undoing_a_second_appearance_keeps_the_claim_and_the_reused_steps() {
    let (_dir, mut store) = temp_store();
    let first = store.log(&chain("Prices rose", "Minister", &[("Agency", None)]), at(0)).unwrap();
    let before = dump(&store);
    let second = store.log(&chain("Prices rose", "Minister", &[("Agency", None), ("Daily", None)]), at(1)).unwrap();
    assert!(!second.new_claim);
    assert_eq!(second.appearance_ids.len(), 3);
    assert_eq!(second.created_appearance_ids.len(), 1, "speaker and agency steps were reused");

    let undone = store.undo_log(&second.claim_id, &second.created_appearance_ids, at(2)).unwrap();
    assert!(!undone.claim_removed);
    assert_eq!(undone.actors_removed, vec!["Daily"]);
    assert_eq!(dump(&store), before);
    assert_eq!(store.trace(&first.claim_id).unwrap().nodes.len(), 2);
}

#[test]
fn an_action_that_later_logs_build_on_is_not_undone() {
    let (_dir, mut store) = temp_store();
    let first = store.log(&chain("Crowd of 10,000", "Organiser", &[("Radio", None)]), at(0)).unwrap();
    store.log(&chain("Crowd of 10,000", "Organiser", &[("Radio", None), ("Paper", None)]), at(1)).unwrap();
    let before = dump(&store);
    let err = store.undo_log(&first.claim_id, &first.created_appearance_ids, at(2)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(err.to_string().contains("logged since relay"), "{err}");
    assert_eq!(dump(&store), before);
    assert_eq!(store.verify_history().unwrap().entries, 2, "a refused undo records nothing: the two logs");

    let gone = vec!["0190f000-0000-7000-8000-000000000000".to_string()];
    assert_eq!(store.undo_log(&first.claim_id, &gone, at(3)).unwrap_err().kind(), ErrorKind::NotFound);
    assert_eq!(dump(&store), before);
}

#[test]
fn undoing_a_status_change_appends_a_verdict_restoring_the_previous_status() {
    let (_dir, mut store) = temp_store();
    let logged = store.log(&chain("Turnout was 90%", "Official", &[]), at(0)).unwrap();
    let set = |store: &mut Store, status, minute| {
        let req = StatusRequest {
            status,
            reason: "checked the count".into(),
            evidence: vec!["https://count.example/".into()],
            author: "desk".into(),
        };
        store.set_status(&logged.claim_id, &req, at(minute)).unwrap()
    };
    let contested = set(&mut store, Status::Contested, 1);
    let falsed = set(&mut store, Status::False, 2);

    let refused = store.undo_status(&logged.claim_id, &contested.id, "desk", at(3)).unwrap_err();
    assert!(refused.to_string().contains("only the latest change"), "{refused}");

    let undo = store.undo_status(&logged.claim_id, &falsed.id, "desk", at(4)).unwrap();
    assert_eq!(undo.status, Status::Contested);
    assert!(undo.reason.starts_with("Undo:") && undo.reason.contains(&falsed.id));
    let detail = store.show(&logged.claim_id).unwrap();
    assert_eq!(detail.status, Status::Contested);
    assert_eq!(detail.history.len(), 3, "nothing is erased: the false verdict stays in the history");
    assert!(store.verify_history().unwrap().first_broken.is_none());

    let back = store.undo_status(&logged.claim_id, &undo.id, "desk", at(5)).unwrap();
    assert_eq!(back.status, Status::False, "undoing the undo redoes");

    let fresh = store.log(&chain("Another", "Official", &[]), at(6)).unwrap();
    let only = set_on(&mut store, &fresh.claim_id, Status::Verified);
    let first_undo = store.undo_status(&fresh.claim_id, &only.id, "desk", at(8)).unwrap();
    assert_eq!(first_undo.status, Status::Unverified, "before any verdict a claim is unverified");
}

fn set_on(store: &mut Store, claim: &str, status: Status) -> claimtrail_core::VerdictEvent {
    let req = StatusRequest { status, reason: "why".into(), evidence: vec![], author: "desk".into() };
    store.set_status(claim, &req, at(7)).unwrap()
}

/// Every row but the history (audit events, their index, the chain, the stack).
fn user_rows(store: &Store) -> Vec<String> {
    let history = ["audit_event:", "audit_subject:", "history_entry:", "undo_step:"];
    dump::dump(store.connection()).into_iter().filter(|r| !history.iter().any(|h| r.starts_with(h))).collect()
}

#[test]
fn taking_back_a_log_whose_claim_has_a_note_keeps_the_claim_and_its_note() {
    let (_dir, mut store) = temp_store();
    let logged = store.log(&chain("Noted claim", "Noted Speaker", &[("Noted Wire", None)]), at(0)).unwrap();
    let note = store.add_note(&logged.claim_id, "Asked the wire for its source.", "ana", at(1)).unwrap();
    let undone = store.undo_log(&logged.claim_id, &logged.created_appearance_ids, at(2)).unwrap();
    assert!(!undone.claim_removed, "a claim with a note is not removed");
    assert_eq!(undone.appearances_removed, 2);
    let shown = store.show(&logged.claim_id).unwrap();
    assert_eq!(shown.notes, vec![note]);
    assert!(shown.appearances.is_empty());
    assert_eq!(store.verify_history().unwrap().first_broken, None);
    let orphans: i64 = store
        .connection()
        .query_row(
            "SELECT (SELECT count(*) FROM record_handle h WHERE h.kind = 'appearance'
                       AND NOT EXISTS (SELECT 1 FROM appearance a WHERE a.seq = h.seq))
                  + (SELECT count(*) FROM claim_tag t WHERE NOT EXISTS (SELECT 1 FROM claim c WHERE c.seq = t.claim_seq))",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(orphans, 0, "no handle or tag is left pointing at a removed row");
    let broken: i64 =
        store.connection().query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
    assert_eq!(broken, 0);
}

#[test]
fn a_log_a_later_action_changed_or_undo_took_back_is_not_removed_alone() {
    let (_dir, mut store) = temp_store();
    let logged = store.log(&chain("Edited claim", "Edited Speaker", &[("Edited Wire", None)]), at(0)).unwrap();
    store.tag_claim(&logged.claim_id, &["later".into()], "ana", at(1)).unwrap();
    let before = user_rows(&store);
    let err = store.undo_log(&logged.claim_id, &logged.created_appearance_ids, at(2)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(err.to_string().contains("a later action (tag)"), "{err}");
    assert_eq!(user_rows(&store), before, "nothing changed");
    // Taken back in order instead: the tag, then the log (tombstones).
    store.undo(2, "ana", at(3)).unwrap();
    let err = store.undo_log(&logged.claim_id, &logged.created_appearance_ids, at(4)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(err.to_string().contains("deleted"), "{err}");
    store.redo(2, "ana", at(5)).unwrap();
    assert_eq!(user_rows(&store).len(), before.len());
    // A second log of the live claim, taken back by `undo`: its tombstones stay.
    let again = store.log(&chain("Edited claim", "Edited Speaker", &[("Second Wire", None)]), at(6)).unwrap();
    store.undo(1, "ana", at(7)).unwrap();
    let err = store.undo_log(&again.claim_id, &again.created_appearance_ids, at(8)).unwrap_err();
    assert!(err.to_string().contains("already deleted or taken back"), "{err}");
    assert_eq!(store.verify_history().unwrap().first_broken, None);
}
