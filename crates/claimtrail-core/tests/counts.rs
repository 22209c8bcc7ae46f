//! The numbers a checker reads ("4 outlets / 1 independent", the false
//! corroboration warning) on a real SQLite file: the claims list and `trace`
//! agree, and the warning says only what is true.

use chrono::{TimeZone, Utc};
use claimtrail_core::{ActorKind, ActorSpec, ListFilter, LogRequest, Relation, RelayStep, Stance, Store, WarningKind};

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 7, 4, 9, 0, 0).unwrap()
}

fn chain(claim: &str, speaker: ActorSpec, relays: &[&str]) -> LogRequest {
    let mut req = LogRequest::new(claim, speaker);
    for (i, r) in relays.iter().enumerate() {
        req.relays.push(RelayStep {
            actor: ActorSpec::named(r, ActorKind::Outlet),
            relation: if i == 0 { Relation::Quotes } else { Relation::Cites },
            cue: None,
            quote: None,
            document: None,
        });
    }
    req
}

fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("claims.sqlite3")).unwrap();
    (dir, store)
}

#[test]
fn false_corroboration_does_not_fold_an_unlocated_branch_into_the_origin() {
    let (_dir, mut store) = temp_store();
    let claim = "Luhansk is fully under Russian control";
    let id = store
        .log(
            &chain(claim, ActorSpec::named("Leonid Pasechnik", ActorKind::Person), &["TASS", "RIA", "Izvestia"]),
            now(),
        )
        .unwrap()
        .claim_id;
    store.log(&chain(claim, ActorSpec::named("the British outlet", ActorKind::Unidentified), &["RT"]), now()).unwrap();
    let trace = store.trace(&id).unwrap();
    let warning =
        trace.warnings.iter().find(|w| w.kind == WarningKind::FalseCorroboration).expect("4 outlets, 1 origin");
    assert!(!warning.message.contains("all trace back"), "RT does not trace back to Pasechnik: {}", warning.message);
    assert!(
        warning.message.contains("TASS, RIA, Izvestia trace back to one independent origin (Leonid Pasechnik)"),
        "{}",
        warning.message
    );
    assert!(warning.message.contains("RT to no source anyone has located"), "{}", warning.message);
}

#[test]
fn false_corroboration_still_says_all_when_every_outlet_traces_to_the_origin() {
    let (_dir, mut store) = temp_store();
    let id = store
        .log(&chain("Bridge closed", ActorSpec::named("Mayor", ActorKind::Person), &["TASS", "RIA", "Izvestia"]), now())
        .unwrap()
        .claim_id;
    let trace = store.trace(&id).unwrap();
    let warning = trace.warnings.iter().find(|w| w.kind == WarningKind::FalseCorroboration).unwrap();
    assert!(warning.message.contains("they all trace back to one independent origin (Mayor)"), "{}", warning.message);
}

#[test]
fn list_and_trace_count_the_same_outlets_when_an_outlet_only_disputes() {
    let (_dir, mut store) = temp_store();
    let mut req = chain("Bridge fell", ActorSpec::named("BBC", ActorKind::Outlet), &[]);
    req.stance = Stance::Disputes;
    let id = store.log(&req, now()).unwrap().claim_id;
    let trace = store.trace(&id).unwrap();
    let row = store.list(&ListFilter::default()).unwrap().into_iter().find(|r| r.id == id).unwrap();
    assert_eq!(row.outlets as usize, trace.outlets.len(), "list says {}, trace {:?}", row.outlets, trace.outlets);
    assert_eq!(row.independent_origins, trace.independent_origins);
    let counted = store.origin_count(&store.resolve_claim(&id).unwrap()).unwrap();
    assert_eq!(counted.outlets, trace.outlets.len());
}

#[test]
fn list_and_trace_agree_on_a_claim_with_relays_dead_ends_and_a_dispute() {
    let (_dir, mut store) = temp_store();
    let claim = "Dam burst";
    let id = store
        .log(&chain(claim, ActorSpec::named("Official", ActorKind::Person), &["Wire", "Paper"]), now())
        .unwrap()
        .claim_id;
    store.log(&chain(claim, ActorSpec::named("sources", ActorKind::Unidentified), &["Paper", "Other"]), now()).unwrap();
    let mut dispute = chain(claim, ActorSpec::named("Ministry", ActorKind::Government), &["Third"]);
    dispute.stance = Stance::Disputes;
    store.log(&dispute, now()).unwrap();
    let trace = store.trace(&id).unwrap();
    let row = store.list(&ListFilter::default()).unwrap().into_iter().find(|r| r.id == id).unwrap();
    assert_eq!(trace.outlets, vec!["Wire", "Paper", "Other"]);
    assert_eq!(row.outlets, 3);
    assert_eq!(row.independent_origins, trace.independent_origins);
}
