//! Oversized input gets a clear refusal naming the limit, never a panic, and
//! leaves the database as it was; input at the limit is taken whole.

use chrono::{TimeZone, Utc};
use claimtrail_core::extract::{check_paste, MAX_PASTE_BYTES};
use claimtrail_core::{ActorKind, ActorSpec, ErrorKind, ListFilter, LogRequest, Store, MAX_CLAIM_CHARS};

fn said(claim: &str) -> LogRequest {
    LogRequest::new(claim, ActorSpec::named("A speaker", ActorKind::Person))
}

#[test]
fn a_claim_of_exactly_the_limit_is_kept_whole_and_one_past_it_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("claims.sqlite3")).unwrap();
    let now = Utc.with_ymd_and_hms(2025, 7, 4, 9, 0, 0).unwrap();
    // Multi-byte characters: the limit counts characters, not bytes.
    let longest: String = "ж".repeat(MAX_CLAIM_CHARS);
    let logged = store.log(&said(&longest), now).unwrap();
    assert_eq!(store.show(&logged.claim_id).unwrap().text, longest);

    let err = store.log(&said(&format!("{longest}ж")), now).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert_eq!(err.to_string(), "the claim text is 100001 characters long; the limit is 100000");
    assert_eq!(store.list(&ListFilter::default()).unwrap().len(), 1);
}

#[test]
fn a_fifty_megabyte_claim_and_paste_are_refused_by_their_limits() {
    let fifty = "x".repeat(50 * 1024 * 1024);
    let mut store = Store::open_in_memory().unwrap();
    let now = Utc.with_ymd_and_hms(2025, 7, 4, 9, 0, 0).unwrap();
    let err = store.log(&said(&fifty), now).unwrap_err();
    assert_eq!(err.to_string(), "the claim text is 52428800 characters long; the limit is 100000");
    assert!(store.list(&ListFilter::default()).unwrap().is_empty());

    let err = check_paste(fifty.len()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert_eq!(err.to_string(), "the pasted text is 50.0 MiB; the limit is 10 MiB");
    assert!(check_paste(MAX_PASTE_BYTES).is_ok());
    assert!(check_paste(MAX_PASTE_BYTES + 1).is_err());
}
