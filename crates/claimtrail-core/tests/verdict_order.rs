//! Verdicts from elsewhere never flip or vanish silently: the current status
//! is the latest verdict by time whatever order the sources were imported in,
//! a date alone and a time with a zone compare by when they denote, and a
//! verdict that disagrees with ours is kept as a conflict with both reasons.

use chrono::{DateTime, Utc};
use claimtrail_core::interop::{export, import_bytes, ExportFormat};
use claimtrail_core::{ActorKind, ActorSpec, LogRequest, Scope, Status, StatusRequest, Store};

const CLAIM: &str = "Luhansk is fully under Russian control";

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// A colleague's bundle: the claim logged and judged once, at `when`.
fn colleague(status: Status, reason: &str, author: &str, when: &str) -> Vec<u8> {
    let mut store = Store::open_in_memory().unwrap();
    let req = LogRequest::new(CLAIM, ActorSpec::named("Leonid Pasechnik", ActorKind::Person));
    let logged = store.log(&req, at("2025-07-04T08:00:00Z")).unwrap();
    let judged = StatusRequest { status, reason: reason.into(), evidence: vec![], author: author.into() };
    store.set_status(&logged.claim_id, &judged, at(when)).unwrap();
    export(&store, ExportFormat::Bundle, &Scope::All, at("2025-07-06T00:00:00Z")).unwrap().bytes
}

/// A published review, dated to the day only, with a time zone nowhere.
fn review() -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": CLAIM,
        "datePublished": "2025-07-05",
        "url": "https://factdesk.example/luhansk",
        "author": {"@type": "Organization", "name": "Fact Desk"},
        "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "Leonid Pasechnik"}},
        "reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5, "worstRating": 1, "alternateName": "False"}
    }))
    .unwrap()
}

fn permutations(n: usize) -> Vec<Vec<usize>> {
    if n == 0 {
        return vec![vec![]];
    }
    let mut out = Vec::new();
    for rest in permutations(n - 1) {
        for i in 0..=rest.len() {
            let mut p = rest.clone();
            p.insert(i, n - 1);
            out.push(p);
        }
    }
    out
}

#[test]
fn three_sources_give_the_same_status_and_history_in_every_order() {
    let sources = [
        // The day before the review, with a time: the oldest.
        colleague(Status::Contested, "maps disagree", "Ana", "2025-07-04T12:00:00+02:00"),
        // The review's day, dated to the day: after the 4th, before any time on the 5th.
        review(),
        // The review's day at 09:00 UTC (11:00 in Kyiv): the latest.
        colleague(Status::Verified, "the ministry confirmed", "Bo", "2025-07-05T11:00:00+02:00"),
    ];
    let mut outcomes = Vec::new();
    for order in permutations(sources.len()) {
        let mut store = Store::open_in_memory().unwrap();
        for &i in &order {
            import_bytes(&mut store, &sources[i], at("2025-07-06T12:00:00Z")).unwrap();
        }
        let claims = store.list(&Default::default()).unwrap();
        assert_eq!(claims.len(), 1, "one claim in order {order:?}");
        let shown = store.show(&claims[0].id).unwrap();
        let history: Vec<(Status, String)> = shown.history.iter().map(|v| (v.status, v.at.clone())).collect();
        outcomes.push((order, shown.status, history));
    }
    assert_eq!(outcomes.len(), 6);
    let (_, status, history) = &outcomes[0];
    assert_eq!(*status, Status::Verified, "the latest verdict by time");
    assert_eq!(
        history,
        &vec![
            (Status::Contested, "2025-07-04T10:00:00Z".to_string()),
            (Status::False, "2025-07-05".to_string()),
            (Status::Verified, "2025-07-05T09:00:00Z".to_string()),
        ],
        "every verdict kept, oldest first"
    );
    for (order, s, h) in &outcomes {
        assert_eq!((s, h), (status, history), "order {order:?}");
    }
}

#[test]
fn a_review_imported_after_our_older_verdict_becomes_current_and_is_a_conflict_with_both_reasons() {
    let mut store = Store::open_in_memory().unwrap();
    let req = LogRequest::new(CLAIM, ActorSpec::named("Leonid Pasechnik", ActorKind::Person));
    let logged = store.log(&req, at("2025-07-04T08:00:00Z")).unwrap();
    let ours =
        StatusRequest { status: Status::Verified, reason: "two maps".into(), evidence: vec![], author: "Desk".into() };
    store.set_status(&logged.claim_id, &ours, at("2025-07-04T09:00:00Z")).unwrap();

    let report = import_bytes(&mut store, &review(), at("2025-07-06T12:00:00Z")).unwrap();
    assert!(report.notes.iter().any(|n| n.message.contains("both verdicts are kept")), "{:?}", report.notes);
    let shown = store.show(&logged.claim_id).unwrap();
    assert_eq!(shown.status, Status::False, "the review is the later verdict");
    let conflict = &shown.conflicts[0];
    assert_eq!((conflict.ours.status, conflict.ours.reason.as_str()), (Status::Verified, "two maps"));
    assert_eq!((conflict.theirs.status, conflict.theirs.author.as_str()), (Status::False, "Fact Desk"));
    assert_eq!(store.verdict_conflicts().unwrap().len(), 1);
}

#[test]
fn a_verdict_dated_after_the_import_is_refused_and_nothing_is_written() {
    let future = colleague(Status::False, "from tomorrow's paper", "Cy", "2031-01-01T00:00:00Z");
    let mut store = Store::open_in_memory().unwrap();
    let err = import_bytes(&mut store, &future, at("2030-12-30T12:00:00Z")).unwrap_err().to_string();
    assert!(err.contains("2031-01-01T00:00:00Z") && err.contains("nothing was imported"), "{err}");
    assert!(store.list(&Default::default()).unwrap().is_empty());
    // Within a day of the import (a colleague's clock or zone) it is taken.
    import_bytes(&mut store, &future, at("2030-12-31T12:00:00Z")).unwrap();
    assert_eq!(store.list(&Default::default()).unwrap().len(), 1);
}
