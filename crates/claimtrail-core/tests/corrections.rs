//! The graph after corrections, deletions, undos and redos is the graph a
//! fresh open builds from the same rows.

use chrono::Utc;
use claimtrail_core::{ActorKind, ActorSpec, Edit, LogRequest, RelayStep, Store};

/// Each listed claim with its independent origins and outlets, and the graph's size.
type Counts = (Vec<(String, usize, i64)>, (usize, usize));

fn counts(store: &Store) -> Counts {
    let list = store.list(&Default::default()).unwrap();
    (list.into_iter().map(|c| (c.id, c.independent_origins, c.outlets)).collect(), store.graph_size().unwrap())
}

#[test]
fn the_graph_kept_in_step_equals_the_graph_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    let now = Utc::now();
    let mut store = Store::open(&path).unwrap();
    // Built now, so every step below is applied to the graph in place.
    store.graph_size().unwrap();
    let mut req = LogRequest::new("A claim", ActorSpec::named("Speaker", ActorKind::Person));
    req.relays.push(RelayStep::cites(ActorSpec::named("Wire", ActorKind::Agency)));
    req.relays.push(RelayStep::cites(ActorSpec::named("Paper", ActorKind::Outlet)));
    let a = store.log(&req, now).unwrap();
    let b = store.log(&LogRequest::new("Another claim", ActorSpec::named("Other", ActorKind::Person)), now).unwrap();
    let [speaker, wire, paper] = [0, 1, 2].map(|i| a.appearance_ids[i].clone());
    store.add_relay(&speaker, &paper, claimtrail_core::Relation::Cites, None, "desk", now).unwrap();
    store.delete_relay(&wire, &speaker, "desk", now).unwrap();
    let moved = Edit { claim: Some(b.claim_id.clone()), ..Edit::default() };
    store.edit(&wire, &moved, "desk", now).unwrap();
    let stance = Edit { stance: Some("disputes".into()), ..Edit::default() };
    store.edit(&paper, &stance, "desk", now).unwrap();
    store.delete(&b.appearance_ids[0], "desk", now).unwrap();
    let outlet = store.resolve_actor("Paper").unwrap().id;
    store.edit(&outlet, &Edit { actor_kind: Some("agency".into()), ..Edit::default() }, "desk", now).unwrap();
    store.delete(&b.claim_id, "desk", now).unwrap();
    let mut states = Vec::new();
    for step in 0..4 {
        let kept = counts(&store);
        let rebuilt = counts(&Store::open(&path).unwrap());
        assert_eq!(kept, rebuilt, "after step {step}");
        states.push(kept);
        store.undo(2, "desk", now).unwrap();
    }
    store.redo(4, "desk", now).unwrap();
    assert_eq!(counts(&store), counts(&Store::open(&path).unwrap()));
    assert_eq!(counts(&store).0, states[2].0, "nine steps, eight undone, four redone: the state of five steps");
    assert!(store.verify_history().unwrap().first_broken.is_none());
}

fn said(text: &str, by: &str) -> LogRequest {
    LogRequest::new(text, ActorSpec::named(by, ActorKind::Person))
}

fn status(store: &Store, claim: &str) -> claimtrail_core::Status {
    store.show(claim).unwrap().status
}

#[test]
fn undo_takes_back_a_status_change_and_a_log_and_redo_brings_both_back() {
    let mut store = Store::open_in_memory().unwrap();
    let now = Utc::now();
    let logged = store.log(&said("The river froze", "A Witness"), now).unwrap();
    let req = claimtrail_core::StatusRequest {
        status: claimtrail_core::Status::False,
        reason: "Satellite images".into(),
        evidence: Vec::new(),
        author: "desk".into(),
    };
    store.set_status(&logged.claim_id, &req, now).unwrap();
    let undone = store.undo(1, "desk", now).unwrap();
    assert_eq!(undone[0].action, "status");
    assert_eq!(status(&store, &logged.claim_id), claimtrail_core::Status::Unverified);
    assert_eq!(store.undo(1, "desk", now).unwrap()[0].action, "log");
    assert!(store.list(&Default::default()).unwrap().is_empty(), "the logged claim is deleted");
    assert_eq!(store.graph_size().unwrap(), (0, 0));
    store.redo(2, "desk", now).unwrap();
    assert_eq!(store.list(&Default::default()).unwrap().len(), 1);
    assert_eq!(status(&store, &logged.claim_id), claimtrail_core::Status::False);
    // Three verdicts now: the first, the undo's, the redo's; none was erased.
    assert_eq!(store.show(&logged.claim_id).unwrap().history.len(), 3);
    let history = store.claim_history(&logged.claim_id).unwrap();
    let actions: Vec<&str> = history.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["log", "verdict", "verdict", "undo", "undo", "redo", "verdict", "redo"]);
    assert!(store.verify_history().unwrap().first_broken.is_none());
}

#[test]
fn a_new_action_after_undo_drops_the_redo_and_the_windows_undo_drops_its_step() {
    let mut store = Store::open_in_memory().unwrap();
    let now = Utc::now();
    let first = store.log(&said("First claim", "One"), now).unwrap();
    store.undo(1, "desk", now).unwrap();
    store.log(&said("Second claim", "Two"), now).unwrap();
    let refused = store.redo(1, "desk", now).unwrap_err();
    assert!(refused.to_string().contains("nothing to redo"), "{refused}");

    // The window takes back its last log itself; the stack then skips it.
    let third = store.log(&said("Third claim", "Three"), now).unwrap();
    store.undo_log(&third.claim_id, &third.created_appearance_ids, now).unwrap();
    let undone = store.undo(1, "desk", now).unwrap();
    assert_eq!(undone[0].claims.len(), 1);
    assert_ne!(undone[0].claims[0], third.claim_id);
    assert_ne!(undone[0].claims[0], first.claim_id, "the first log was already undone");
    assert!(
        store.undo(1, "desk", now).is_err(),
        "the undone first log went with the redo steps the second log dropped"
    );
}

#[test]
fn one_resolver_names_every_kind_and_refuses_ambiguity() {
    let mut store = Store::open_in_memory().unwrap();
    let now = Utc::now();
    let logged = store.log(&said("A claim to find", "Finder"), now).unwrap();
    let claim = store.resolve_record(&logged.claim_id).unwrap();
    assert_eq!(claim.kind, claimtrail_core::RecordKind::Claim);
    let appearance = store.resolve_record(&logged.appearance_ids[0].to_uppercase()).unwrap();
    assert_eq!(appearance.kind, claimtrail_core::RecordKind::Appearance);
    // Ids made the same millisecond share their first characters.
    let shared = &logged.claim_id[..8];
    assert_eq!(store.resolve_record(shared).unwrap_err().kind(), claimtrail_core::ErrorKind::Ambiguous);
    assert_eq!(store.resolve_claim(shared).unwrap().id, logged.claim_id, "a claim prefix is unique among claims");
    assert_eq!(store.resolve_record("ffffffff").unwrap_err().kind(), claimtrail_core::ErrorKind::NotFound);
    assert_eq!(store.resolve_record("not an id").unwrap_err().kind(), claimtrail_core::ErrorKind::NotFound);
}

#[test]
fn a_renamed_actor_is_resolved_by_its_new_name_even_through_the_index() {
    use claimtrail_core::identity::Resolution;
    let mut store = Store::open_in_memory().unwrap();
    let now = Utc::now();
    let logged = store.log(&said("Rates will fall", "Jonathan Smithers"), now).unwrap();
    let actor = store.show(&logged.claim_id).unwrap().appearances[0].actor_id.clone();
    // Enough resolutions for the store to build its in-memory index.
    for _ in 0..10 {
        let found = store.resolve_name("Jonathon Smithers", Some(ActorKind::Person), &[]).unwrap();
        assert!(matches!(found, Resolution::Candidates(ref c) if c[0].id == actor));
    }
    let rename = Edit { name: Some("Margaret Harris".into()), ..Edit::default() };
    store.edit(&actor, &rename, "desk", now).unwrap();
    for _ in 0..10 {
        let found = store.resolve_name("Margarett Harris", Some(ActorKind::Person), &[]).unwrap();
        assert!(matches!(found, Resolution::Candidates(ref c) if c[0].id == actor), "{found:?}");
        let old = store.resolve_name("Jonathon Smithers", Some(ActorKind::Person), &[]).unwrap();
        assert!(matches!(old, Resolution::New), "{old:?}");
    }
    assert!(matches!(store.resolve_name("margaret harris", None, &[]).unwrap(), Resolution::Exact { .. }));
}
