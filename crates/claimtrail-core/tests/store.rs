//! The store on a real SQLite file: transactions, the graph kept in step,
//! the append-only history, and a second process writing beside us.

use chrono::{TimeZone, Utc};
use claimtrail_core::{
    ActorKind, ActorSpec, DocumentSpec, ErrorKind, ListFilter, LogRequest, Relation, RelayStep, Status, StatusRequest,
    Store,
};

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 7, 4, 9, 0, 0).unwrap()
}

fn chain(claim: &str, speaker: &str, relays: &[&str]) -> LogRequest {
    let mut req = LogRequest::new(claim, ActorSpec::named(speaker, ActorKind::Person));
    req.quote = Some(claim.to_string());
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

fn temp_store() -> (tempfile::TempDir, std::path::PathBuf, Store) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("claims.sqlite3");
    let store = Store::open(&path).unwrap();
    (dir, path, store)
}

#[test]
fn the_graph_kept_in_step_equals_one_rebuilt_from_the_file() {
    let (_dir, path, mut store) = temp_store();
    // Built now, so each log below is added to the graph in place.
    assert_eq!(store.graph_size().unwrap(), (0, 0));
    let a = store.log(&chain("One", "Speaker A", &["Wire", "Paper 1"]), now()).unwrap();
    store.log(&chain("One", "Speaker A", &["Wire", "Paper 2"]), now()).unwrap();
    store.log(&chain("Two", "Speaker B", &["Paper 1"]), now()).unwrap();
    let t = store.trace(&a.claim_id).unwrap();
    assert_eq!(t.independent_origins, 1, "the shared prefix of the chain is reused");
    assert_eq!(t.choke_points, vec!["Wire".to_string()]);
    let live = store.graph_size().unwrap();
    drop(store);
    let reopened = Store::open(&path).unwrap();
    assert_eq!(reopened.graph_size().unwrap(), live);
    assert_eq!(live, (6, 4));
    let t2 = reopened.trace(&a.claim_id).unwrap();
    assert_eq!(t2.paths, t.paths);
}

/// A command that needs no whole graph (logging, listing actors, a verdict,
/// a note, the history, tracing a claim, which reads its own part) never
/// builds it; tracing an appearance, which looks downstream too, does, once.
#[test]
fn the_graph_is_built_only_when_a_command_needs_it() {
    let (_dir, path, mut store) = temp_store();
    let logged = store.log(&chain("One", "Speaker A", &["Wire"]), now()).unwrap();
    drop(store);
    let mut store = Store::open(&path).unwrap();
    store.log(&chain("Two", "Speaker B", &["Wire"]), now()).unwrap();
    store.actors().unwrap();
    let req =
        StatusRequest { status: Status::False, reason: "Debunked".into(), evidence: vec![], author: "ana".into() };
    store.set_status(&logged.claim_id, &req, now()).unwrap();
    store.add_note(&logged.claim_id, "Called the ministry", "ana", now()).unwrap();
    store.claim_history(&logged.claim_id).unwrap();
    assert!(store.verify_history().unwrap().first_broken.is_none());
    assert_eq!(store.trace(&logged.claim_id).unwrap().independent_origins, 1);
    assert!(!store.graph_built(), "no command above needs the whole graph");
    store.trace_appearance(&logged.appearance_ids[0]).unwrap();
    assert!(store.graph_built());
    assert_eq!(store.graph_size().unwrap(), (4, 2));
}

/// Without the whole graph, `trace` and `list` read only the traced or listed
/// claims and what is upstream of them; every answer equals the one read from
/// the whole graph — across a loop, a dispute, a deleted appearance in the
/// middle of a chain, a chain reused by a second claim, and an appearance
/// moved to another claim whose relay edges now cross between claims.
#[test]
fn traces_and_lists_read_from_a_claims_part_of_the_graph_equal_the_whole_graph() {
    let (_dir, path, mut store) = temp_store();
    let at = now();
    let a =
        store.log(&chain("The dam holds", "River Board", &["Valley Radio", "City Paper", "Town Blog"]), at).unwrap();
    store.log(&chain("The dam holds", "Engineer", &["Valley Radio"]), at).unwrap();
    let b = store.log(&chain("The dam cracked", "Farmer", &["Valley Radio", "Wire"]), at).unwrap();
    let mut disputed = chain("The dam cracked", "River Board", &[]);
    disputed.stance = claimtrail_core::Stance::Disputes;
    store.log(&disputed, at).unwrap();
    let [radio, paper, blog] = [1, 2, 3].map(|i| a.appearance_ids[i].clone());
    // A loop: the radio also cites the blog that cites it.
    store.add_relay(&radio, &blog, Relation::Cites, None, "desk", at).unwrap();
    // The paper deleted from the middle of the chain.
    store.delete(&paper, "desk", at).unwrap();
    // The farmer's appearance moved to the first claim: its wire edge now crosses claims.
    let moved = claimtrail_core::Edit { claim: Some(a.claim_id.clone()), ..Default::default() };
    store.edit(&b.appearance_ids[0], &moved, "desk", at).unwrap();
    drop(store);

    let whole = Store::open(&path).unwrap();
    whole.graph_size().unwrap();
    let part = Store::open(&path).unwrap();
    for claim in [&a.claim_id, &b.claim_id] {
        assert_eq!(json(&part.trace(claim).unwrap()), json(&whole.trace(claim).unwrap()), "trace of {claim}");
        let (p, w) = (part.resolve_claim(claim).unwrap(), whole.resolve_claim(claim).unwrap());
        assert_eq!(part.origin_count(&p).unwrap(), whole.origin_count(&w).unwrap());
    }
    assert_eq!(json(&part.list(&ListFilter::default()).unwrap()), json(&whole.list(&ListFilter::default()).unwrap()));
    assert!(!part.graph_built(), "trace and list read only the claims' part");
}

/// An answer as JSON, to compare two answers whole.
fn json<T: serde::Serialize>(answer: &T) -> serde_json::Value {
    serde_json::to_value(answer).unwrap()
}

#[test]
fn writes_by_another_process_are_seen_after_refresh() {
    let (_dir, path, mut window) = temp_store();
    let mut cli = Store::open(&path).unwrap();
    let logged = cli.log(&chain("From the terminal", "Speaker", &["A", "B", "C"]), now()).unwrap();
    window.refresh().unwrap();
    assert_eq!(window.trace(&logged.claim_id).unwrap().independent_origins, 1);
    assert_eq!(window.graph_size().unwrap(), (4, 3));
}

#[test]
fn verdict_history_refuses_update_and_delete() {
    let (_dir, path, mut store) = temp_store();
    let id = store.log(&chain("Claim", "S", &[]), now()).unwrap().claim_id;
    let req =
        StatusRequest { status: Status::False, reason: "Debunked".into(), evidence: vec![], author: "ana".into() };
    store.set_status(&id, &req, now()).unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    let err = conn.execute("UPDATE verdict SET status = 'verified'", []).unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
    let err = conn.execute("DELETE FROM verdict", []).unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
    assert_eq!(store.show(&id).unwrap().status, Status::False);
}

#[test]
fn a_failed_log_leaves_nothing_behind() {
    let (_dir, _path, mut store) = temp_store();
    let mut req = chain("Half a chain", "S", &["A"]);
    req.relays.push(RelayStep {
        actor: ActorSpec::named("B", ActorKind::Outlet),
        relation: Relation::Cites,
        cue: None,
        quote: None,
        document: Some(DocumentSpec { url: Some("ftp://b.example/x".into()), ..DocumentSpec::default() }),
    });
    let err = store.log(&req, now()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(store.list(&ListFilter::default()).unwrap().is_empty());
    assert!(store.actors().unwrap().is_empty());
    assert_eq!(store.graph_size().unwrap(), (0, 0));
}

#[test]
fn text_is_stored_byte_exact_including_nul_and_bidi_controls() {
    let (_dir, _path, mut store) = temp_store();
    let quote = "a\u{0000}b \u{202e}evil\u{202c} <script>x</script> e\u{0301}";
    let mut req = chain("Byte exact", "Name\u{00a0}With\u{200b}Odd Spaces", &[]);
    req.quote = Some(quote.into());
    let id = store.log(&req, now()).unwrap().claim_id;
    let shown = store.show(&id).unwrap();
    assert_eq!(shown.appearances[0].quote.as_deref(), Some(quote));
    assert_eq!(shown.appearances[0].actor, "Name\u{00a0}With\u{200b}Odd Spaces");
}

#[test]
fn documents_are_one_per_canonical_url() {
    let (_dir, _path, mut store) = temp_store();
    let doc = |url: &str| DocumentSpec { url: Some(url.into()), ..DocumentSpec::default() };
    let mut first = chain("Claim one", "S", &["Paper"]);
    first.relays[0].document = Some(doc("https://Paper.example/story?utm_source=tw#top"));
    let mut second = chain("Claim two", "S", &["Paper"]);
    second.relays[0].document = Some(doc("https://paper.example:443/story"));
    let a = store.log(&first, now()).unwrap();
    let b = store.log(&second, now()).unwrap();
    let da = store.show(&a.claim_id).unwrap().appearances[1].document_id.clone();
    let db = store.show(&b.claim_id).unwrap().appearances[1].document_id.clone();
    assert!(da.is_some());
    assert_eq!(da, db);
    let outlet = store.outlet_for_domain("www.paper.example").unwrap().unwrap();
    assert_eq!(outlet.name, "Paper");
}

#[test]
fn keyset_paging_walks_every_claim_once() {
    let (_dir, _path, mut store) = temp_store();
    for i in 0..25 {
        store.log(&chain(&format!("Claim number {i}"), "S", &[]), now()).unwrap();
    }
    let mut seen = Vec::new();
    let mut before = None;
    loop {
        let page = store.list(&ListFilter { before, limit: Some(10), ..ListFilter::default() }).unwrap();
        if page.is_empty() {
            break;
        }
        before = page.last().map(|c| c.cursor);
        seen.extend(page.into_iter().map(|c| c.text));
    }
    assert_eq!(seen.len(), 25);
    assert_eq!(seen[0], "Claim number 24", "newest first");
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 25);
}

#[test]
fn an_ambiguous_alias_is_an_error_not_a_guess() {
    let (_dir, _path, mut store) = temp_store();
    let mut a = ActorSpec::named("Dmitry Peskov", ActorKind::Person);
    a.aliases = vec!["The spokesman".into()];
    store.log(&LogRequest::new("First", a), now()).unwrap();
    store.log(&LogRequest::new("Second", ActorSpec::named("Maria Zakharova", ActorKind::Person)), now()).unwrap();
    let err = store.add_actor_alias("Maria Zakharova", "the SPOKESMAN").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(err.to_string().contains("already names another actor"));
}

#[test]
fn search_ranks_by_relevance_and_falls_back_to_recency_for_common_words() {
    use claimtrail_core::{Bulk, BulkActor, BulkAppearance};
    let (_dir, _path, mut store) = temp_store();
    let mut bulk = Bulk::default();
    bulk.actors.push(BulkActor { name: "Wire".into(), kind: ActorKind::Agency, role: None, state_affiliated: false });
    for i in 0..2_100 {
        bulk.claims.push(format!("The war report number {i}"));
        bulk.appearances.push(BulkAppearance {
            claim: i,
            actor: 0,
            quote: Some(if i == 7 { "territory 100 per cent liberated".into() } else { format!("quote {i}") }),
            kind: claimtrail_core::AppearanceKind::Direct,
            stance: claimtrail_core::Stance::Asserts,
            cue: None,
        });
    }
    store.import_bulk(&bulk, now()).unwrap();

    let rare = store.search("liberated", 20).unwrap();
    assert_eq!(rare.len(), 1);
    assert_eq!(rare[0].text, "The war report number 7");
    assert_eq!(rare[0].matched_in, "quote");
    assert!(rare[0].rank.is_some());

    let common = store.search("war", 20).unwrap();
    assert_eq!(common.len(), 20);
    assert_eq!(common[0].text, "The war report number 2099", "too many matches to rank: newest first");
    assert!(common[0].rank.is_none());

    let phrase = store.search("\"report number 42\"", 5).unwrap();
    assert_eq!(phrase[0].text, "The war report number 42");
    assert!(store.search("\"\"", 5).unwrap().is_empty());
}

#[test]
fn two_processes_writing_at_once_both_succeed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.sqlite3");
    Store::open(&path).unwrap();
    let writers: Vec<_> = ["window", "terminal"]
        .into_iter()
        .map(|who| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut store = Store::open(&path).unwrap();
                for i in 0..60 {
                    let id = store
                        .log(&chain(&format!("{who} claim {i}"), "Shared Speaker", &["Shared Wire"]), now())
                        .unwrap()
                        .claim_id;
                    let req = StatusRequest {
                        status: Status::Contested,
                        reason: who.into(),
                        evidence: vec![],
                        author: who.into(),
                    };
                    store.set_status(&id, &req, now()).unwrap();
                }
            })
        })
        .collect();
    for w in writers {
        w.join().expect("a writer failed instead of waiting for the lock");
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.list(&ListFilter { limit: Some(1000), ..ListFilter::default() }).unwrap().len(), 120);
    assert_eq!(store.actors().unwrap().len(), 2, "both writers found the same actors, no duplicates");
    assert_eq!(store.verify_history().unwrap().first_broken, None);
}
