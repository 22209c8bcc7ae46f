//! Everything a checker does can be undone and redone: desk actions, actor
//! and claim merges, "not the same" decisions and corrections, mixed in one
//! sequence. Undoing all of it gives back the database row for row (less the
//! history, which only grows), and `verify` passes after every walk.

#[path = "support/dump.rs"]
mod dump;

use chrono::{DateTime, TimeZone, Utc};
use claimtrail_core::{ActorKind, ActorSpec, DocumentSpec, Edit, LogRequest, RelayStep, Store};

fn at(minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 7, 4, 9, minute, 0).unwrap()
}

/// The user-visible state: every row but the history (audit events and the
/// claims they name, the chain, the undo stack), with cases named instead of
/// numbered, since a case
/// an undo removed comes back under a new number when redone.
fn state(store: &Store) -> Vec<String> {
    let skipped = ["audit_event:", "audit_subject:", "history_entry:", "undo_step:", "case_file:", "claim_case:"];
    let mut rows: Vec<String> =
        dump::dump(store.connection()).into_iter().filter(|row| !skipped.iter().any(|s| row.starts_with(s))).collect();
    let mut stmt = store
        .connection()
        .prepare("SELECT f.name, c.id FROM case_file f LEFT JOIN claim_case m ON m.case_seq = f.seq LEFT JOIN claim c ON c.seq = m.claim_seq")
        .unwrap();
    let cases =
        stmt.query_map([], |r| Ok(format!("case: {}|{:?}", r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?)));
    rows.extend(cases.unwrap().map(Result::unwrap));
    rows.sort();
    rows
}

fn verified(store: &Store) {
    let check = store.verify_history().unwrap();
    assert!(check.first_broken.is_none(), "{:?}", check.first_broken);
}

fn log(store: &mut Store, claim: &str, by: &str, via: &str, url: &str, minute: u32) -> claimtrail_core::Logged {
    let mut req = LogRequest::new(claim, ActorSpec::named(by, ActorKind::Person));
    req.cases = vec!["Old case".into()];
    req.tags = vec!["first".into()];
    req.relays.push(RelayStep {
        document: Some(DocumentSpec { url: Some(url.into()), ..DocumentSpec::default() }),
        ..RelayStep::cites(ActorSpec::named(via, ActorKind::Outlet))
    });
    store.log(&req, at(minute)).unwrap()
}

fn claim_of(store: &Store, id: &str) -> claimtrail_core::ClaimDetail {
    store.show(id).unwrap()
}

#[test]
fn a_mixed_sequence_undone_whole_gives_back_every_row_and_redone_gives_it_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("db.sqlite3")).unwrap();
    let one = log(&mut store, "The dam burst at noon", "Olga Ferreira", "Daily Wire", "https://wire.example/a", 0);
    let two = log(&mut store, "The dam burst at midday", "Kenji Watanabe", "Evening Post", "https://post.example/b", 1);
    let three = log(&mut store, "Rivers rose overnight", "Amara Okafor", "Harbour Radio", "https://radio.example/c", 2);
    // The dropped actor has a domain and a "not the same" decision of its own.
    let domains = Edit { domains: Some(vec!["post.example".into(), "eveningpost.example".into()]), ..Edit::default() };
    let post = store.resolve_actor("Evening Post").unwrap().id;
    store.edit(&post, &domains, "desk", at(3)).unwrap();
    store.mark_distinct("Evening Post", "Harbour Radio", at(4)).unwrap();
    let before = state(&store);

    let (c1, c2, c3) = (&one.claim_id, &two.claim_id, &three.claim_id);
    let mut steps = 0;
    let mut step = |r: bool| {
        assert!(r);
        steps += 1;
    };
    step(store.tag_claim(c1, &["urgent".into(), "water".into()], "ana", at(10)).is_ok());
    step(store.untag_claim(c3, &["first".into()], "ana", at(11)).is_ok());
    step(store.case_add("Floods 2025", &[c1.clone(), c3.clone()], "ana", at(12)).is_ok());
    step(store.case_remove("Old case", std::slice::from_ref(c3), "ana", at(13)).is_ok());
    step(store.case_rename("Floods 2025", "Floods, July 2025", "ana", at(14)).is_ok());
    step(store.set_review_url(c1, "https://checks.example/dam", "ana", at(15)).is_ok());
    step(store.assign_claim(c2, "Ben", Some("2025-08-01"), "ana", at(16)).is_ok());
    step(store.tag_claim(c2, &["midday".into()], "ana", at(17)).is_ok());
    step(store.mark_distinct("Olga Ferreira", "Kenji Watanabe", at(18)).is_ok());
    step(store.merge_actors("Daily Wire", "Evening Post", at(19)).is_ok());
    step(store.merge_claims(c1, c2, at(20)).is_ok());
    let rename = Edit { text: Some("Rivers rose in the night".into()), ..Edit::default() };
    step(store.edit(c3, &rename, "ana", at(21)).is_ok());
    // A note is not an undo step: undo passes over it to the action before.
    store.add_note(c1, "Called the dam operator.", "ana", at(22)).unwrap();
    verified(&store);

    let merged = claim_of(&store, c1);
    assert_eq!(merged.appearances.len(), 4);
    assert_eq!(merged.tags, vec!["first", "midday", "urgent", "water"]);
    let after = state(&store);

    let undone = store.undo(steps, "ana", at(30)).unwrap();
    assert_eq!(undone.len(), steps);
    assert_eq!(undone.first().unwrap().action, "correct_claim");
    assert_eq!(undone.last().unwrap().action, "tag");
    verified(&store);
    let mut expected = before.clone();
    // The note stays: it was never undone.
    expected.extend(state(&store).into_iter().filter(|r| r.starts_with("claim_note:")));
    expected.sort();
    assert_eq!(state(&store), expected, "undoing everything gives back every row as it was");
    let dropped = store.resolve_actor("Evening Post").unwrap();
    assert_eq!(dropped.appearances, 1, "the dropped actor is back with its appearance");
    assert_eq!(dropped.domains, vec!["eveningpost.example", "post.example"]);
    assert_eq!(claim_of(&store, c2).appearances.len(), 2, "the dropped claim has its appearances back");

    let redone = store.redo(steps, "ana", at(31)).unwrap();
    assert_eq!(redone.len(), steps);
    verified(&store);
    assert_eq!(state(&store), after, "redoing everything gives the same rows again");

    // Walks in pieces end in the same places.
    store.undo(3, "ana", at(32)).unwrap();
    store.redo(2, "ana", at(33)).unwrap();
    store.undo(steps - 1, "ana", at(34)).unwrap();
    assert_eq!(state(&store), expected);
    verified(&store);
    let undos: i64 = store
        .connection()
        .query_row("SELECT count(*) FROM audit_event WHERE action IN ('undo', 'redo')", [], |r| r.get(0))
        .unwrap();
    assert_eq!(undos as usize, steps + steps + 3 + 2 + (steps - 1), "every step walked is an audit event");
}

#[test]
fn undoing_an_actor_merge_takes_back_the_aliases_and_decisions_it_added_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("db.sqlite3")).unwrap();
    log(&mut store, "Claim one", "Leonid Pasechnik", "Wire One", "https://one.example/a", 0);
    log(&mut store, "Claim two", "Leonid Pasechnick", "Wire Two", "https://two.example/b", 1);
    store.add_actor_alias("Leonid Pasechnick", "L. Pasechnick").unwrap();
    store.mark_distinct("Leonid Pasechnick", "Wire One", at(2)).unwrap();
    let before = state(&store);
    store.merge_actors("Leonid Pasechnik", "Leonid Pasechnick", at(3)).unwrap();
    let kept = store.resolve_actor("Leonid Pasechnik").unwrap();
    assert_eq!(kept.appearances, 2);
    assert!(kept.aliases.contains(&"L. Pasechnick".to_string()));
    // The kept actor inherited "not the same as Wire One".
    assert!(store.mark_distinct("Leonid Pasechnik", "Wire One", at(4)).is_err());

    store.undo(1, "desk", at(5)).unwrap();
    assert_eq!(state(&store), before);
    let kept = store.resolve_actor("Leonid Pasechnik").unwrap();
    assert!(kept.aliases.is_empty(), "{:?}", kept.aliases);
    assert_eq!(kept.appearances, 1);
    let back = store.resolve_actor("Leonid Pasechnick").unwrap();
    assert_eq!(back.aliases, vec!["L. Pasechnick"]);
    verified(&store);
}

#[test]
fn undoing_a_case_add_that_made_the_case_removes_the_case() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("db.sqlite3")).unwrap();
    let one = log(&mut store, "Claim one", "Speaker One", "Wire One", "https://one.example/a", 0);
    store.case_add("Brand new", std::slice::from_ref(&one.claim_id), "desk", at(1)).unwrap();
    assert!(store.cases().unwrap().iter().any(|c| c.name == "Brand new"));
    store.undo(1, "desk", at(2)).unwrap();
    assert!(!store.cases().unwrap().iter().any(|c| c.name == "Brand new"));
    store.redo(1, "desk", at(3)).unwrap();
    assert_eq!(claim_of(&store, &one.claim_id).cases, vec!["Brand new", "Old case"]);
}
