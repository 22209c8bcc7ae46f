//! The graph after corrections, deletions, undos and redos is the graph a
//! fresh open builds from the same rows.

use chrono::Utc;
use claimtrail_core::{ActorKind, ActorSpec, Edit, LogRequest, RelayStep, Store};

fn counts(store: &Store) -> (Vec<(String, usize, i64)>, (usize, usize)) {
    let list = store.list(&Default::default()).unwrap();
    (list.into_iter().map(|c| (c.id, c.independent_origins, c.outlets)).collect(), store.graph_size())
}

#[test]
fn the_graph_kept_in_step_equals_the_graph_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    let now = Utc::now();
    let mut store = Store::open(&path).unwrap();
    let mut req = LogRequest::new("A claim", ActorSpec::named("Speaker", ActorKind::Person));
    req.relays.push(RelayStep::cites(ActorSpec::named("Wire", ActorKind::Agency)));
    req.relays.push(RelayStep::cites(ActorSpec::named("Paper", ActorKind::Outlet)));
    let a = store.log(&req, now).unwrap();
    let b = store.log(&LogRequest::new("Another claim", ActorSpec::named("Other", ActorKind::Person)), now).unwrap();
    let [speaker, wire, paper] = [0, 1, 2].map(|i| a.appearance_ids[i].clone());
    store.add_relay(&speaker, &paper, claimtrail_core::Relation::Cites, None, now).unwrap();
    store.delete_relay(&wire, &speaker, "desk", now).unwrap();
    let moved = Edit { claim: Some(b.claim_id.clone()), ..Edit::default() };
    store.edit(&wire, &moved, "desk", now).unwrap();
    let stance = Edit { stance: Some("disputes".into()), ..Edit::default() };
    store.edit(&paper, &stance, "desk", now).unwrap();
    store.delete(&b.appearance_ids[0], "desk", now).unwrap();
    let outlet = store.resolve_actor("Paper").unwrap().id;
    store.edit(&outlet, &Edit { actor_kind: Some("agency".into()), ..Edit::default() }, "desk", now).unwrap();
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
    assert_eq!(
        counts(&store).0,
        states[2].0,
        "redoing four of eight steps comes back to the state before the last four"
    );
    assert!(store.verify_history().unwrap().first_broken.is_none());
}
