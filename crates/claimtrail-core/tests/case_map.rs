//! The case map: every chain of a case's claims in one graph.

use chrono::{TimeZone, Utc};
use claimtrail_core::{ActorKind, ActorSpec, ErrorKind, HopRole, LogRequest, RelayStep, Store};

fn log(store: &mut Store, claim: &str, case: &str, speaker: &str, relays: &[&str]) {
    let mut req = LogRequest::new(claim, ActorSpec::named(speaker, ActorKind::Person));
    req.cases = vec![case.to_string()];
    for r in relays {
        req.relays.push(RelayStep::cites(ActorSpec::named(r, ActorKind::Outlet)));
    }
    store.log(&req, Utc.with_ymd_and_hms(2025, 6, 21, 12, 0, 0).unwrap()).unwrap();
}

#[test]
fn a_case_map_holds_every_chain_of_the_case_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("c.sqlite3")).unwrap();
    log(&mut store, "Region fully taken", "Luhansk", "Governor", &["Agency", "Paper A"]);
    log(&mut store, "Region fully taken", "Luhansk", "Governor", &["Agency", "Paper B"]);
    log(&mut store, "Bridge destroyed", "luhansk", "Army", &["Channel"]);
    log(&mut store, "Unrelated", "Elsewhere", "Mayor", &["Radio"]);

    let cases = store.cases().unwrap();
    assert_eq!(
        cases.iter().map(|c| (c.name.as_str(), c.claims)).collect::<Vec<_>>(),
        [("Elsewhere", 1), ("Luhansk", 2)]
    );

    let map = store.case_map("LUHANSK").unwrap();
    assert_eq!(map.case, "Luhansk");
    assert!(!map.truncated);
    assert_eq!(map.claims.len(), 2);
    assert_eq!(map.claims[0].text, "Bridge destroyed", "newest claim first");
    assert_eq!(map.nodes.len(), 6, "governor, agency, two papers, army, channel");
    assert_eq!(map.edges.len(), 4);
    let ids: std::collections::HashSet<_> = map.nodes.iter().map(|n| n.appearance_id.as_str()).collect();
    assert!(map.edges.iter().all(|e| ids.contains(e.from.as_str()) && ids.contains(e.to.as_str())));
    assert!(map.nodes.iter().all(|n| n.actor != "Mayor" && n.actor != "Radio"));
    let claimed: usize = map.claims.iter().map(|c| c.appearance_ids.len()).sum();
    assert_eq!(claimed, map.nodes.len(), "each node belongs to exactly one claim");

    assert_eq!(store.case_map("Nowhere").unwrap_err().kind(), ErrorKind::NotFound);
}

#[test]
fn the_case_map_draws_each_claim_as_its_trace_does() {
    let mut store = Store::open_in_memory().unwrap();
    claimtrail_core::demo::load_demo(&mut store, Utc.with_ymd_and_hms(2025, 6, 21, 12, 0, 0).unwrap()).unwrap();
    let case = store.cases().unwrap().into_iter().max_by_key(|c| c.claims).unwrap();
    let map = store.case_map(&case.name).unwrap();
    assert_eq!(map.claims.len(), case.claims);
    for claim in &map.claims {
        let trace = store.trace(&claim.claim_id).unwrap();
        assert_eq!(claim.independent_origins, trace.independent_origins, "{}", claim.text);
        let traced: Vec<&str> = trace.nodes.iter().map(|n| n.appearance_id.as_str()).collect();
        assert_eq!(claim.appearance_ids, traced, "{}", claim.text);
        for node in &trace.nodes {
            let drawn = map.nodes.iter().find(|n| n.appearance_id == node.appearance_id).unwrap();
            assert_eq!(json(drawn), json(node), "role, cue and document of every node");
        }
        for edge in &trace.edges {
            assert!(map.edges.iter().any(|e| json(e) == json(edge)), "edge {} -> {}", edge.from, edge.to);
        }
    }
    assert!(map.nodes.iter().any(|n| n.role == HopRole::Origin) && map.nodes.iter().any(|n| n.role == HopRole::Relay));
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap()
}
