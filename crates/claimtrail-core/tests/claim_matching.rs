//! Claim matching (issue 13, item 4): a claim's text is matched on a key that
//! ignores case, quotation marks, punctuation and a trailing full stop; the
//! claims like a text are listed; two claims are merged by the checker,
//! audited and chained, with disagreeing verdicts kept.

use chrono::{DateTime, Utc};
use claimtrail_core::{ActorKind, ActorSpec, ListFilter, LogRequest, Status, StatusRequest, Store, SCHEMA_VERSION};
use rusqlite::Connection;

fn now() -> DateTime<Utc> {
    "2026-03-02T10:00:00Z".parse().unwrap()
}

fn log(store: &mut Store, claim: &str, by: &str) -> claimtrail_core::Logged {
    store.log(&LogRequest::new(claim, ActorSpec::named(by, ActorKind::Person)), now()).unwrap()
}

fn listed(store: &Store) -> Vec<String> {
    let mut texts: Vec<String> = store.list(&ListFilter::default()).unwrap().into_iter().map(|c| c.text).collect();
    texts.sort();
    texts
}

fn status(store: &mut Store, claim: &str, status: Status, author: &str) {
    let req = StatusRequest { status, reason: format!("{author} says so"), evidence: vec![], author: author.into() };
    store.set_status(claim, &req, now()).unwrap();
}

#[test]
fn a_claim_written_with_other_case_quotes_or_a_full_stop_is_the_same_claim() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("desk.sqlite3")).unwrap();
    let first = log(&mut store, "Luhansk is fully under Russian control", "Leonid Pasechnik");
    for variant in [
        "luhansk is fully under Russian control.",
        "\u{201C}Luhansk is fully under Russian control\u{201D}",
        "  LUHANSK is fully   under Russian control!",
    ] {
        let again = log(&mut store, variant, "Leonid Pasechnik");
        assert_eq!(again.claim_id, first.claim_id, "{variant}");
        assert!(!again.new_claim);
    }
    // The text stays as first typed, byte for byte.
    assert_eq!(listed(&store), ["Luhansk is fully under Russian control"]);
    // Another number is another claim.
    let other = log(&mut store, "Luhansk is 3.5 per cent under Russian control", "Leonid Pasechnik");
    assert!(other.new_claim);
    assert!(log(&mut store, "Luhansk is 35 per cent under Russian control", "Leonid Pasechnik").new_claim);
}

#[test]
fn similar_claims_are_ranked_by_shared_words_and_name_a_claimreview_check() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("desk.sqlite3")).unwrap();
    let luhansk = log(&mut store, "Luhansk is fully under Russian control", "Leonid Pasechnik");
    log(&mut store, "Russian control of the grain corridor is complete", "Someone");
    log(&mut store, "Kherson has water again", "Someone");
    let review = serde_json::json!({
        "@context": "https://schema.org", "@type": "ClaimReview",
        "claimReviewed": "Luhansk region is fully under Russian control",
        "datePublished": "2024-03-02",
        "author": {"@type": "Organization", "name": "Full Fact"},
        "reviewRating": {"@type": "Rating", "alternateName": "False"}
    });
    claimtrail_core::interop::import_bytes(&mut store, review.to_string().as_bytes(), now()).unwrap();

    let found = store.similar_claims("Luhansk is now fully under Russian control.", 5, None).unwrap();
    let texts: Vec<&str> = found.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        texts[..2],
        ["Luhansk is fully under Russian control", "Luhansk region is fully under Russian control"],
        "{found:?}"
    );
    assert!(found[0].score > found[1].score);
    assert!(!texts.contains(&"Kherson has water again"), "no shared word, not similar");
    let checked = found[1].checked.as_ref().expect("the ClaimReview's verdict is named");
    assert_eq!(
        (checked.author.as_str(), checked.date.as_str(), checked.status),
        ("Full Fact", "2024-03-02", Status::False)
    );
    assert_eq!(found[1].status, Status::False);
    assert!(found[0].checked.is_none(), "a claim nobody published a check of has none");

    // The claim logged to is left out, and FTS5 syntax typed by a user is plain words.
    let others = store.similar_claims("Luhansk is fully under Russian control", 5, Some(&luhansk.claim_id)).unwrap();
    assert!(others.iter().all(|c| c.id != luhansk.claim_id));
    assert!(store.similar_claims("NEAR(\"luhansk\" OR -control*", 5, None).unwrap().len() >= 2);
    assert!(store.similar_claims(" .. \" ", 5, None).unwrap().is_empty());
}

#[test]
fn log_to_attaches_a_differently_worded_appearance_to_the_chosen_claim() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("desk.sqlite3")).unwrap();
    let first = log(&mut store, "Luhansk is fully under Russian control", "Leonid Pasechnik");
    let req = LogRequest::new("All of Luhansk is now ours", ActorSpec::named("Denis Pushilin", ActorKind::Person));
    let logged = store.log_to(&first.claim_id[..13], &req, now()).unwrap();
    assert_eq!(logged.claim_id, first.claim_id);
    assert!(!logged.new_claim);
    assert_eq!(listed(&store), ["Luhansk is fully under Russian control"]);
    assert_eq!(store.show(&first.claim_id).unwrap().appearances.len(), 2);
    let missing = store.log_to("ffffffff", &req, now()).unwrap_err();
    assert_eq!(missing.kind(), claimtrail_core::ErrorKind::NotFound);
}

#[test]
fn merging_claims_moves_appearances_keeps_disagreeing_verdicts_and_is_chained() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("desk.sqlite3")).unwrap();
    let keep = log(&mut store, "Luhansk is fully under Russian control", "Leonid Pasechnik");
    let drop = store
        .log(
            &LogRequest {
                cases: vec!["Donbas".into()],
                tags: vec!["war".into()],
                ..LogRequest::new(
                    "Russia controls all of Luhansk",
                    ActorSpec::named("Denis Pushilin", ActorKind::Person),
                )
            },
            now(),
        )
        .unwrap();
    status(&mut store, &keep.claim_id, Status::False, "Desk");
    status(&mut store, &drop.claim_id, Status::Verified, "Night desk");
    let before = store.show(&keep.claim_id).unwrap();

    let merged = store.merge_claims(&keep.claim_id, &drop.claim_id[..13], now()).unwrap();
    assert_eq!(merged.appearances_moved, 1);
    assert_eq!((merged.cases_moved, merged.tags_moved, merged.verdicts_carried), (1, 1, 1));
    let d = merged.disagreement.as_ref().expect("the verdicts disagree");
    assert_eq!((d.kept.status, d.dropped.status), (Status::False, Status::Verified));

    let after = store.show(&keep.claim_id).unwrap();
    assert_eq!(after.appearances.len(), 2);
    let statuses: Vec<Status> = after.history.iter().map(|v| v.status).collect();
    assert_eq!(statuses, [Status::False, Status::Verified], "no verdict is dropped");
    assert_eq!(after.status, merged.status);
    assert_eq!(after.cases, ["Donbas"]);
    assert_eq!(after.tags, ["war"]);
    assert_eq!(before.history.len() + 1, after.history.len());
    // The dropped claim is no longer listed, but its id and text lead to the kept one.
    assert_eq!(listed(&store), ["Luhansk is fully under Russian control"]);
    assert_eq!(store.show(&drop.claim_id).unwrap().id, keep.claim_id);
    assert_eq!(log(&mut store, "Russia controls all of Luhansk.", "Someone else").claim_id, keep.claim_id);
    let origins = store.origin_count(&store.resolve_claim(&keep.claim_id).unwrap()).unwrap();
    assert_eq!(origins.independent, 3);
    // Audited and covered by the chain.
    let check = store.verify_history().unwrap();
    assert!(check.first_broken.is_none(), "{check:?}");
    assert_eq!(check.anchor.unwrap().state, "matches");
    let audits: i64 = store
        .connection()
        .query_row("SELECT count(*) FROM audit_event WHERE action = 'claim_merge'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(audits, 1);
    // The detail names what moved, so the merge can be taken back.
    let detail: String = store
        .connection()
        .query_row("SELECT detail FROM audit_event WHERE action = 'claim_merge'", [], |r| r.get(0))
        .unwrap();
    let detail: serde_json::Value = serde_json::from_str(&detail).unwrap();
    assert_eq!(detail["appearance_ids"], serde_json::json!(drop.appearance_ids));
    assert_eq!(detail["verdict_ids"].as_array().map(Vec::len), Some(1));
    assert_eq!(detail["cases_added"], serde_json::json!(["Donbas"]));
    assert_eq!(detail["tags_of_dropped"], serde_json::json!(["war"]));
    // Twice, or a claim into itself, is refused.
    let again = store.merge_claims(&keep.claim_id, &drop.claim_id, now()).unwrap_err();
    assert_eq!(again.kind(), claimtrail_core::ErrorKind::InvalidInput);
}

/// A version-4 database (before claim keys ignored punctuation) holding claims
/// that collide under the new key: the upgrade keeps them all, apart, and
/// logging finds the oldest of each.
#[test]
fn upgrading_rekeys_claims_and_keeps_colliding_ones_apart_for_a_merge() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v4.sqlite3");
    let texts = [
        "Luhansk is fully under Russian control",
        "luhansk is fully under Russian control.",
        // Its new key is the next one's old key: rekeying must not trip on that.
        "Peace talks.",
        "peace talks",
        "\u{201C}Kherson has water\u{201D}",
    ];
    {
        let conn = Connection::open(&path).unwrap();
        // Released migrations are never edited: this is exactly version 4.
        for sql in [
            include_str!("../../../migrations/0001_initial.sql"),
            include_str!("../../../migrations/0002_snapshots.sql"),
            include_str!("../../../migrations/0003_history_chain.sql"),
            include_str!("../../../migrations/0004_actor_look_key.sql"),
        ] {
            conn.execute_batch(sql).unwrap();
        }
        conn.execute(
            "INSERT INTO actor (id, name, name_key, kind, created_at, look_key)
             VALUES ('0190a000-0000-7000-8000-0000000000a1', 'Leonid Pasechnik', 'leonid pasechnik', 'person', '2025-07-01T00:00:00Z', 'leonid pasechnik')",
            [],
        )
        .unwrap();
        for (i, text) in texts.iter().enumerate() {
            // The version-4 key: NFC, case folded, white space collapsed.
            let old_key = claimtrail_core::key::match_key(text);
            conn.execute(
                "INSERT INTO claim (id, text, text_key, created_at) VALUES (?1, ?2, ?3, '2025-07-01T00:00:00Z')",
                rusqlite::params![format!("0190a000-0000-7000-8000-00000000000{i}"), text, old_key],
            )
            .unwrap();
            conn.execute(
                "INSERT INTO appearance (id, claim_seq, actor_seq, kind, stance, created_at)
                 VALUES (?1, ?2, 1, 'direct', 'asserts', '2025-07-01T00:00:00Z')",
                rusqlite::params![format!("0190a000-0000-7000-8000-0000000001{i}0"), i as i64 + 1],
            )
            .unwrap();
        }
        conn.execute_batch("PRAGMA user_version = 4;").unwrap();
    }

    let mut store = Store::open(&path).unwrap();
    let version: i64 = store.connection().pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    // Nothing merged, nothing lost, every text byte-exact.
    let mut expected: Vec<String> = texts.iter().map(|t| t.to_string()).collect();
    expected.sort();
    assert_eq!(listed(&store), expected);
    // Logging finds the oldest claim of each colliding pair.
    let id = |i: usize| format!("0190a000-0000-7000-8000-00000000000{i}");
    assert_eq!(log(&mut store, "LUHANSK is fully under Russian control!", "Leonid Pasechnik").claim_id, id(0));
    assert_eq!(log(&mut store, "Peace talks", "Leonid Pasechnik").claim_id, id(2));
    assert_eq!(log(&mut store, "Kherson has water.", "Leonid Pasechnik").claim_id, id(4));
    // The later one of a pair shows as the other's most similar claim: a candidate for a merge.
    let similar = store.similar_claims(texts[1], 5, Some(&id(1))).unwrap();
    assert_eq!((similar[0].id.as_str(), similar[0].score), (id(0).as_str(), 1.0));
    store.merge_claims(&id(0), &id(1), now()).unwrap();
    assert_eq!(listed(&store).len(), texts.len() - 1);
    // Its own appearance (logged again, reused) and the merged one.
    assert_eq!(store.show(&id(0)).unwrap().appearances.len(), 2);
    assert!(store.verify_history().unwrap().first_broken.is_none());
    drop(store);

    // Reopened, the keys stay.
    let mut store = Store::open(&path).unwrap();
    assert_eq!(log(&mut store, "luhansk is fully under russian control", "Leonid Pasechnik").claim_id, id(0));
}

/// Undoing the log that created a claim another was merged into keeps the
/// claim when the merged one has no appearance left (its own log undone, its
/// verdict kept): the kept claim still holds that verdict.
#[test]
fn undoing_the_log_of_a_claim_that_holds_a_merged_claim_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("desk.sqlite3")).unwrap();
    let judged = log(&mut store, "Luhansk region is fully under Russian control", "Leonid Pasechnik");
    status(&mut store, &judged.claim_id, Status::False, "Desk");
    store.undo_log(&judged.claim_id, &judged.created_appearance_ids, now()).unwrap();
    let logged = log(&mut store, "Luhansk is fully under Russian control", "Leonid Pasechnik");
    store.merge_claims(&logged.claim_id, &judged.claim_id, now()).unwrap();

    store.undo_log(&logged.claim_id, &logged.created_appearance_ids, now()).unwrap();
    let kept = store.show(&logged.claim_id).unwrap();
    assert_eq!(kept.status, Status::False, "the merged claim's verdict is still read");
    assert!(kept.appearances.is_empty());
    assert_eq!(store.show(&judged.claim_id).unwrap().id, logged.claim_id);
    assert!(store.verify_history().unwrap().first_broken.is_none());
}

/// Only the rarest words are searched alone (ranking every claim holding a
/// common word is slow on a big database); any two of the rarest are searched
/// together, so a near copy made of common words is still found first.
#[test]
fn a_near_copy_made_of_common_words_is_found_among_thousands_sharing_them() {
    let mut store = Store::open_in_memory().unwrap();
    let words = ["luhansk", "fully", "under", "russian", "control", "region", "army", "said"];
    let claims: Vec<String> = (0..6_000)
        .map(|n: usize| {
            let picked: Vec<&str> = (0..4).map(|i| words[(n / 8usize.pow(i)) % words.len()]).collect();
            format!("{} report {n}", picked.join(" "))
        })
        .chain(["Luhansk is fully under Russian control".to_string()])
        .collect();
    let bulk = claimtrail_core::Bulk { claims, ..Default::default() };
    store.import_bulk(&bulk, now()).unwrap();
    let found = store.similar_claims("luhansk: now fully under russian control", 3, None).unwrap();
    assert_eq!(found[0].text, "Luhansk is fully under Russian control", "{found:?}");
}

/// A store open for a whole session (the window) remembers how many claims
/// hold its common words; a word it looked up before any claim held it is
/// still searched once a claim does.
#[test]
fn a_word_first_looked_up_before_any_claim_held_it_is_searched_once_one_does() {
    let mut store = Store::open_in_memory().unwrap();
    log(&mut store, "Kyiv says the grain corridor is open", "Ministry");
    assert!(store.similar_claims("Kherson dam destroyed", 3, None).unwrap().is_empty());
    log(&mut store, "Kherson dam destroyed by shelling", "Governor");
    let found = store.similar_claims("Kherson dam destroyed", 3, None).unwrap();
    assert_eq!(found.first().map(|c| c.text.as_str()), Some("Kherson dam destroyed by shelling"), "{found:?}");
}
