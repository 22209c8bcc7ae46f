//! Sizes past anything a checker logs by hand: long chains and large loops
//! must be analysed without recursion blow-ups or endless walks.

use chrono::Utc;
use claimtrail_core::{
    ActorKind, AppearanceKind, Bulk, BulkActor, BulkAppearance, BulkRelay, Relation, Stance, Store, WarningKind,
};

/// One claim carried along `hops` outlets, optionally closing the chain into a loop.
fn chain(hops: usize, close_loop: bool) -> Bulk {
    let mut bulk = Bulk::default();
    bulk.claims.push("A claim passed along a very long chain".into());
    bulk.actors.push(BulkActor { name: "Source".into(), kind: ActorKind::Person, role: None, state_affiliated: false });
    for i in 0..hops {
        bulk.actors.push(BulkActor {
            name: format!("Outlet {i}"),
            kind: ActorKind::Outlet,
            role: None,
            state_affiliated: false,
        });
    }
    for actor in 0..=hops {
        bulk.appearances.push(BulkAppearance {
            claim: 0,
            actor,
            quote: Some(format!("wording {actor}")),
            kind: AppearanceKind::Direct,
            stance: Stance::Asserts,
            cue: None,
        });
        if actor > 0 {
            bulk.relays.push(BulkRelay { from: actor, upstream: actor - 1, relation: Relation::Cites });
        }
    }
    if close_loop {
        // The source itself now cites the last outlet: everything is one loop.
        bulk.relays.push(BulkRelay { from: 0, upstream: hops, relation: Relation::Cites });
    }
    bulk
}

#[test]
fn a_ten_thousand_hop_chain_traces_to_its_single_origin() {
    let mut store = Store::open_in_memory().unwrap();
    store.import_bulk(&chain(10_000, false), Utc::now()).unwrap();
    let claim = store.list(&Default::default()).unwrap().remove(0);
    let trace = store.trace(&claim.id).unwrap();
    assert_eq!(trace.independent_origins, 1);
    assert_eq!(trace.paths.len(), 1);
    assert_eq!(trace.paths[0].len(), 10_001);
    assert_eq!(trace.choke_points.len(), 9_999, "every relay between the source and the reader");
    assert_eq!(trace.drift.len(), 10_000);
}

#[test]
fn a_thousand_member_loop_is_named_once_and_never_walked_forever() {
    let mut store = Store::open_in_memory().unwrap();
    store.import_bulk(&chain(999, true), Utc::now()).unwrap();
    let claim = store.list(&Default::default()).unwrap().remove(0);
    assert_eq!(claim.independent_origins, 0);
    let trace = store.trace(&claim.id).unwrap();
    assert_eq!(trace.cycles.len(), 1);
    assert_eq!(trace.cycles[0].len(), 1_000);
    assert_eq!(trace.cycles[0][0], "Source", "the loop is read from its earliest member");
    assert!(trace.warnings.iter().any(|w| w.kind == WarningKind::CircularReporting));
}
