//! Source capture against a local site on 127.0.0.1 started by the tests:
//! articles, redirects, loops, oversized and non-HTML bodies, embedded
//! ClaimReview, edited pages, slow servers, pages in other charsets and
//! compressed bodies, and loopback refused by default.

mod support;

use std::io::Write;
use std::time::{Duration, Instant};

use claimtrail_core::capture::{take, FetchPolicy, Fetcher, HttpFetcher};
use claimtrail_core::extract::{extract, ExtractContext};
use claimtrail_core::{CaptureOptions, ErrorKind, Store};
use support::site::{serve_bytes, serve_slow_redirects, serve_trickle, Site, ARTICLE_QUOTE};

fn local() -> HttpFetcher {
    HttpFetcher::new(FetchPolicy { allow_loopback: true, timeout: Duration::from_secs(10), ..FetchPolicy::default() })
        .unwrap()
}

fn now() -> chrono::DateTime<chrono::Utc> {
    "2025-07-04T10:00:00Z".parse().unwrap()
}

fn documents(store: &Store) -> i64 {
    store.connection().query_row("SELECT count(*) FROM document", [], |r| r.get(0)).unwrap()
}

fn snapshot_rows(store: &Store) -> i64 {
    store.connection().query_row("SELECT count(*) FROM snapshot", [], |r| r.get(0)).unwrap()
}

#[test]
fn capture_of_an_article_keeps_text_metadata_and_hash_and_feeds_extraction() {
    let site = Site::start();
    let mut store = Store::open_in_memory().unwrap();
    let url = site.url("/article?utm_source=feed");
    let got = store.capture(&url, &local(), &CaptureOptions::default(), now()).unwrap();

    assert!(got.new_document);
    assert_eq!(got.url, url);
    assert_eq!(got.canonical_url, site.url("/article"), "tracking parameter dropped, page's canonical link agrees");
    assert_eq!(got.http_status, Some(200));
    assert!(got.title.as_deref().unwrap().contains("Bridge to reopen by May"), "{:?}", got.title);
    assert_eq!(got.byline.as_deref(), Some("Jo Reporter"));
    assert_eq!(got.published_at.as_deref(), Some("2025-03-05T09:00:00Z"));
    assert!(got.text.contains(ARTICLE_QUOTE), "{}", got.text);
    assert!(!got.text.contains("<p>"), "text, not markup");
    assert_eq!(got.retrieved_at, "2025-07-04T10:00:00Z");
    // Nobody owns the domain yet: the page's site name is offered.
    assert_eq!(got.outlet, None);
    let offer = got.unknown_outlet.clone().unwrap();
    assert_eq!((offer.domain.as_str(), offer.name.as_str()), ("127.0.0.1", "Valley Post"));

    // The stored raw bytes are the body as served, and hash to the reported sha256.
    let raw = store.snapshot_raw(&got.snapshot_id).unwrap().unwrap();
    assert!(String::from_utf8(raw.clone()).unwrap().contains("<article>"));
    assert_eq!(claimtrail_core::capture::sha256_hex(&raw), got.sha256.clone().unwrap());
    assert_eq!(store.snapshot_text(&got.snapshot_id).unwrap(), got.text);
    assert_eq!(store.verify_snapshots().unwrap().first_mismatch, None);

    // The captured text goes straight into extraction.
    let ctx = ExtractContext::for_page(&got.final_url, got.published_at.as_deref(), got.outlet.as_deref());
    let found = extract(&got.text, &ctx);
    let claim = found.claims.iter().find(|c| c.text == ARTICLE_QUOTE).expect("the quote is proposed");
    assert_eq!(claim.claimant.as_deref(), Some("Ana Ruiz"));
    assert_eq!(found.published, chrono::NaiveDate::from_ymd_opt(2025, 3, 5));
}

#[test]
fn capture_twice_of_one_canonical_address_is_one_document_with_two_snapshots() {
    let site = Site::start();
    let mut store = Store::open_in_memory().unwrap();
    let first =
        store.capture(&site.url("/article?utm_source=feed"), &local(), &CaptureOptions::default(), now()).unwrap();
    let create = CaptureOptions { create_outlet: true, ..CaptureOptions::default() };
    let second = store.capture(&site.url("/article#comments"), &local(), &create, now()).unwrap();
    assert_eq!(first.document_id, second.document_id);
    assert!(!second.new_document);
    assert_ne!(first.snapshot_id, second.snapshot_id);
    assert_eq!(store.snapshots(&first.document_id).unwrap().len(), 2);
    assert_eq!(documents(&store), 1);
    // The second capture created the outlet and gave it the domain …
    assert!(second.outlet_created);
    assert_eq!(second.outlet.as_deref(), Some("Valley Post"));
    assert_eq!(store.outlet_for_domain("127.0.0.1").unwrap().unwrap().name, "Valley Post");
    // … so the next one recognises it without being asked.
    let third = store.capture(&site.url("/article"), &local(), &CaptureOptions::default(), now()).unwrap();
    assert_eq!(third.outlet.as_deref(), Some("Valley Post"));
    assert!(!third.outlet_created && third.unknown_outlet.is_none());
    // Found by address too.
    assert_eq!(store.resolve_document(&site.url("/article?fbclid=x")).unwrap().id, first.document_id);
}

#[test]
fn capture_joins_a_page_to_its_declared_canonical_only_on_the_same_site() {
    let site = Site::start();
    let mut store = Store::open_in_memory().unwrap();
    let article = store.capture(&site.url("/article"), &local(), &CaptureOptions::default(), now()).unwrap();
    let amp = store.capture(&site.url("/amp"), &local(), &CaptureOptions::default(), now()).unwrap();
    assert_eq!(amp.document_id, article.document_id);
    let hijack = store.capture(&site.url("/hijack"), &local(), &CaptureOptions::default(), now()).unwrap();
    assert_ne!(hijack.document_id, article.document_id);
    assert_eq!(hijack.canonical_url, site.url("/hijack"), "another site's address is not taken on its word");
    // Either address finds its document.
    assert_eq!(store.resolve_document(&site.url("/amp")).unwrap().id, article.document_id);
    assert_eq!(store.resolve_document(&site.url("/hijack")).unwrap().id, hijack.document_id);
}

#[test]
fn capture_follows_three_redirects_to_the_article() {
    let site = Site::start();
    let fetched = local().fetch(&url::Url::parse(&site.url("/r1")).unwrap()).unwrap();
    assert_eq!(fetched.final_url.as_str(), site.url("/article"));
    assert_eq!(fetched.redirects.len(), 3);

    let mut store = Store::open_in_memory().unwrap();
    let got = store.capture(&site.url("/r1"), &local(), &CaptureOptions::default(), now()).unwrap();
    assert_eq!(got.final_url, site.url("/article"));
    assert_eq!(got.canonical_url, site.url("/article"));
    assert_eq!(got.url, site.url("/r1"), "the address as given is kept");
}

#[test]
fn capture_refuses_a_redirect_loop_and_keeps_nothing() {
    let site = Site::start();
    let mut store = Store::open_in_memory().unwrap();
    let err = store.capture(&site.url("/loop-a"), &local(), &CaptureOptions::default(), now()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Refused);
    assert!(err.to_string().contains("loop"), "{err}");
    assert_eq!((documents(&store), snapshot_rows(&store)), (0, 0));
}

#[test]
fn capture_refuses_more_than_five_redirects() {
    let site = Site::start();
    let err = local().fetch(&url::Url::parse(&site.url("/many")).unwrap()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Refused);
    assert!(err.to_string().contains("more than 5"), "{err}");
}

#[test]
fn capture_refuses_a_50_mb_body_without_reading_it_all() {
    let site = Site::start();
    let mut store = Store::open_in_memory().unwrap();
    let started = Instant::now();
    let err = store.capture(&site.url("/huge"), &local(), &CaptureOptions::default(), now()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Refused);
    assert!(err.to_string().contains("larger than 10 MB"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(8), "stopped at the cap: {:?}", started.elapsed());
    assert_eq!((documents(&store), snapshot_rows(&store)), (0, 0));
}

#[test]
fn capture_refuses_a_body_that_is_not_a_page() {
    let site = Site::start();
    let mut store = Store::open_in_memory().unwrap();
    let err = store.capture(&site.url("/pdf"), &local(), &CaptureOptions::default(), now()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Refused);
    assert!(err.to_string().contains("application/pdf"), "{err}");
    assert_eq!(documents(&store), 0);
}

#[test]
fn capture_reads_plain_text_and_untyped_html() {
    let site = Site::start();
    let plain = take(&site.url("/plain"), &local()).unwrap();
    assert_eq!(plain.page.text, "Plain statement.\n\nOfficials said the road is closed.");
    let untyped = take(&site.url("/untyped"), &local()).unwrap();
    assert!(untyped.page.text.contains("No type given."));
}

#[test]
fn capture_reports_an_error_status_and_keeps_nothing() {
    let site = Site::start();
    let mut store = Store::open_in_memory().unwrap();
    let err = store.capture(&site.url("/no-such-page"), &local(), &CaptureOptions::default(), now()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Network);
    assert!(err.to_string().contains("404"), "{err}");
    assert_eq!(documents(&store), 0);
}

#[test]
fn capture_finds_an_embedded_claim_review() {
    let site = Site::start();
    let mut store = Store::open_in_memory().unwrap();
    let got = store.capture(&site.url("/claimreview"), &local(), &CaptureOptions::default(), now()).unwrap();
    assert_eq!(got.claim_reviews.len(), 1);
    let review = &got.claim_reviews[0];
    assert_eq!(review.claim_reviewed.as_deref(), Some("The Luhansk region is 100 per cent liberated"));
    assert_eq!(review.rating.as_deref(), Some("Misleading"));
    assert_eq!(review.author.as_deref(), Some("Check Desk"));
    assert_eq!(review.raw["reviewRating"]["ratingValue"], 2);
    // Kept in the snapshot's metadata too.
    let metadata: String = store
        .connection()
        .query_row("SELECT metadata FROM snapshot WHERE id = ?1", [&got.snapshot_id], |r| r.get(0))
        .unwrap();
    assert!(metadata.contains("Check Desk"));
}

#[test]
fn recapture_reports_a_silent_edit_with_its_diff() {
    let site = Site::start();
    let mut store = Store::open_in_memory().unwrap();
    let first = store.capture(&site.url("/changing"), &local(), &CaptureOptions::default(), now()).unwrap();
    assert!(first.text.contains("100 per cent liberated"));

    let same = store.recapture(&first.document_id[..13], &local(), now()).unwrap();
    assert!(!same.changed);
    assert!(same.diff.is_empty() && same.word_changes.is_empty());
    assert_eq!(same.previous_snapshot_id.as_deref(), Some(first.snapshot_id.as_str()));

    site.edit();
    let edited = store.recapture(&first.document_id, &local(), now()).unwrap();
    assert!(edited.changed && edited.raw_changed);
    assert!(edited.diff.contains("-The governor said the region was 100 per cent liberated."), "{}", edited.diff);
    assert!(edited.diff.contains("+The governor said the region was entirely conquered."), "{}", edited.diff);
    assert_eq!(edited.word_changes.len(), 1);
    assert_eq!(edited.word_changes[0].removed, "100 per cent liberated.");
    assert_eq!(edited.word_changes[0].added, "entirely conquered.");
    assert_eq!(edited.previous_snapshot_id.as_deref(), Some(same.snapshot_id.as_str()));
    // Every retrieval is kept, the old wording included.
    let history = store.snapshots(&first.document_id).unwrap();
    assert_eq!(history.len(), 3);
    assert!(store.snapshot_text(&history[0].id).unwrap().contains("100 per cent liberated"));
}

#[test]
fn capture_times_out_on_a_slow_server() {
    let site = Site::start();
    let quick = HttpFetcher::new(FetchPolicy {
        allow_loopback: true,
        timeout: Duration::from_millis(300),
        ..FetchPolicy::default()
    })
    .unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let started = Instant::now();
    let err = store.capture(&site.url("/slow"), &quick, &CaptureOptions::default(), now()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Network);
    assert!(err.to_string().contains("did not answer within 0.3 s"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());
    assert_eq!(documents(&store), 0);
}

#[test]
fn capture_refuses_loopback_unless_allowed() {
    let site = Site::start();
    let default = HttpFetcher::new(FetchPolicy::default()).unwrap();
    let mut store = Store::open_in_memory().unwrap();
    // A literal address, and a name that resolves to it.
    for url in [site.url("/article"), site.localhost_url("/article")] {
        let err = store.capture(&url, &default, &CaptureOptions::default(), now()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Refused, "{url}: {err}");
        assert!(err.to_string().contains("CLAIMTRAIL_ALLOW_LOOPBACK"), "{err}");
    }
    assert_eq!(documents(&store), 0);
    // Allowed, the name works as well as the address.
    assert!(store.capture(&site.localhost_url("/article"), &local(), &CaptureOptions::default(), now()).is_ok());
}

#[test]
fn capture_of_an_unreachable_host_says_so_in_one_line() {
    // A port that was just free: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut store = Store::open_in_memory().unwrap();
    let err = store
        .capture(&format!("http://127.0.0.1:{port}/story"), &local(), &CaptureOptions::default(), now())
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Network);
    let message = err.to_string();
    assert!(message.starts_with("cannot reach 127.0.0.1") && !message.contains('\n'), "{message}");
    assert_eq!(documents(&store), 0);
}

#[test]
fn capture_of_pasted_text_fetches_nothing_and_joins_the_document() {
    let site = Site::start();
    let mut store = Store::open_in_memory().unwrap();
    let fetched = store.capture(&site.url("/article"), &local(), &CaptureOptions::default(), now()).unwrap();
    let pasted = store
        .capture_pasted(
            &site.url("/article?utm_medium=social"),
            "A paragraph she selected.",
            &CaptureOptions::default(),
            now(),
        )
        .unwrap();
    assert_eq!(pasted.document_id, fetched.document_id);
    assert_eq!((pasted.sha256.as_deref(), pasted.http_status), (None, None));
    let history = store.snapshots(&fetched.document_id).unwrap();
    assert_eq!(history.iter().map(|s| s.origin.as_str()).collect::<Vec<_>>(), ["fetch", "paste"]);
    assert_eq!(store.snapshot_raw(&pasted.snapshot_id).unwrap(), None);
}

#[test]
fn capture_snapshots_are_append_only_and_verify_names_a_tampered_one() {
    let site = Site::start();
    let mut store = Store::open_in_memory().unwrap();
    let a = store.capture(&site.url("/article"), &local(), &CaptureOptions::default(), now()).unwrap();
    let b = store.capture(&site.url("/claimreview"), &local(), &CaptureOptions::default(), now()).unwrap();
    let conn = store.connection();
    for sql in ["UPDATE snapshot SET text = 'edited'", "DELETE FROM snapshot"] {
        let err = conn.execute(sql, []).unwrap_err().to_string();
        assert!(err.contains("append-only"), "{sql}: {err}");
    }
    assert_eq!(store.verify_snapshots().unwrap().checked, 2);

    // Someone with the file and a SQLite shell drops the trigger and edits.
    conn.execute_batch("DROP TRIGGER snapshot_no_update").unwrap();
    conn.execute("UPDATE snapshot SET text = text || ' (edited)' WHERE id = ?1", [&b.snapshot_id]).unwrap();
    let check = store.verify_snapshots().unwrap();
    let bad = check.first_mismatch.expect("tampering found");
    assert_eq!((bad.snapshot_id.as_str(), bad.part.as_str()), (b.snapshot_id.as_str(), "text"));
    assert_eq!(bad.expected, b.text_sha256);
    assert_ne!(bad.snapshot_id, a.snapshot_id);
}

/// Logs a claim relayed by `outlet`, on `url` when given, which gives the
/// outlet the page's domain as logging does.
fn log_outlet(store: &mut Store, outlet: &str, url: Option<&str>) {
    use claimtrail_core::{ActorKind, ActorSpec, DocumentSpec, LogRequest, Relation, RelayStep};
    let mut req = LogRequest::new("The bridge reopens in May", ActorSpec::named("Ana Ruiz", ActorKind::Person));
    req.relays.push(RelayStep {
        actor: ActorSpec::named(outlet, ActorKind::Outlet),
        relation: Relation::Quotes,
        cue: None,
        quote: None,
        document: url.map(|u| DocumentSpec { url: Some(u.into()), ..Default::default() }),
    });
    store.log(&req, now()).unwrap();
}

/// Issue 12, item 8: a page's `og:site_name` naming a known outlet gave that
/// outlet the page's unknown domain.
#[test]
fn a_page_naming_itself_after_a_known_outlet_never_gets_its_domain() {
    let site = Site::start();
    let mut store = Store::open_in_memory().unwrap();
    log_outlet(&mut store, "Valley Post", Some("https://valleypost.example/bridge"));
    let known = store.outlet_for_domain("valleypost.example").unwrap().unwrap();

    // Offered under the domain's name, with the claim spelled out.
    let offered = store.capture(&site.url("/article"), &local(), &CaptureOptions::default(), now()).unwrap();
    let claim = offered.claimed_name.clone().expect("the page names itself after a known outlet");
    assert_eq!((claim.name.as_str(), claim.actor_id.as_str()), ("Valley Post", known.id.as_str()));
    assert_eq!(claim.domains, vec!["valleypost.example".to_string()]);
    assert_eq!(offered.unknown_outlet.unwrap().name, "127.0.0.1");
    assert_eq!(offered.outlet, None);

    // Created: a new outlet named after the domain, whose role says whose name it uses.
    let create = CaptureOptions { create_outlet: true, ..CaptureOptions::default() };
    let created = store.capture(&site.url("/article"), &local(), &create, now()).unwrap();
    assert!(created.outlet_created && created.claimed_name.is_some());
    assert_eq!(created.outlet.as_deref(), Some("127.0.0.1"));
    let owner = store.outlet_for_domain("127.0.0.1").unwrap().unwrap();
    assert_ne!(owner.id, known.id);
    let role = owner.role.unwrap();
    assert!(role.contains("names itself “Valley Post”") && role.contains("valleypost.example"), "{role}");
    assert_eq!(store.resolve_actor(&known.id).unwrap().domains, vec!["valleypost.example".to_string()]);
}

/// Issue 12, item 8: the same for a name the known outlet has as an alias,
/// a look-alike spelling of it, and an outlet logged without any domain.
#[test]
fn a_page_naming_itself_by_an_alias_or_a_look_alike_gets_no_domain_either() {
    let site = Site::start();
    let create = CaptureOptions { create_outlet: true, ..CaptureOptions::default() };
    for known in ["Valley Post Daily", "V\u{0430}lley P\u{043e}st", "Valley Post"] {
        let mut store = Store::open_in_memory().unwrap();
        // The exact name is logged without a page, so it owns no domain.
        let page = Some("https://valleypost.example/bridge").filter(|_| known != "Valley Post");
        log_outlet(&mut store, known, page);
        if known == "Valley Post Daily" {
            store.add_actor_alias(known, "Valley Post").unwrap();
        }
        let before = store.resolve_actor(known).unwrap();
        let got = store.capture(&site.url("/article"), &local(), &create, now()).unwrap();
        assert_eq!(got.claimed_name.as_ref().map(|c| c.actor_id.as_str()), Some(before.id.as_str()), "{known}");
        assert_eq!(got.outlet.as_deref(), Some("127.0.0.1"), "{known}");
        assert_eq!(store.resolve_actor(&before.id).unwrap().domains, before.domains, "{known}");
    }
}

fn quick(timeout: Duration) -> HttpFetcher {
    HttpFetcher::new(FetchPolicy { allow_loopback: true, timeout, ..FetchPolicy::default() }).unwrap()
}

#[test]
fn capture_time_limit_covers_a_body_trickled_one_byte_at_a_time() {
    // Never silent for long enough for a read to time out, never done in time.
    let url = serve_trickle(Duration::from_millis(200));
    let mut store = Store::open_in_memory().unwrap();
    let err = store.capture(&url, &quick(Duration::from_secs(1)), &CaptureOptions::default(), now()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Network, "{err}");
    assert!(err.to_string().contains("did not answer within 1.0 s"), "{err}");
    assert_eq!((documents(&store), snapshot_rows(&store)), (0, 0));
}

#[test]
fn capture_time_limit_covers_every_redirect_hop_together() {
    // Three hops and a page, each answered in 0.4 s: each alone is in time, all of them are not.
    let url = serve_slow_redirects(3, Duration::from_millis(400));
    let err = take(&url, &quick(Duration::from_secs(1))).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Network, "{err}");
    assert!(err.to_string().contains("did not answer within 1.0 s"), "{err}");
}

/// A page with `title` and one paragraph, in markup that is all ASCII but
/// for those two and `head_extra` (a `<meta charset>`, say).
fn page_with(head_extra: &str, title: &str, paragraph: &str) -> String {
    format!(
        "<!doctype html><html><head>{head_extra}<title>{title}</title></head>\
         <body><article><h1>{title}</h1><p>{paragraph}</p></article></body></html>"
    )
}

/// Serves a page with `title` and `paragraph` in the bytes `encode` makes of
/// it (with `meta` in its head and `content_type` as its header), captures
/// it, and checks that both read back whole and that the raw bytes kept,
/// hashed and verified are the bytes served.
fn assert_reads_back(encode: impl Fn(&str) -> Vec<u8>, content_type: &str, meta: &str, title: &str, paragraph: &str) {
    let body = encode(&page_with(meta, title, paragraph));
    let url = serve_bytes(&[("Content-Type", content_type)], body.clone());
    let mut store = Store::open_in_memory().unwrap();
    let got = store.capture(&url, &local(), &CaptureOptions::default(), now()).unwrap();
    assert_eq!(got.title.as_deref(), Some(title), "{got:?}");
    assert!(got.text.contains(paragraph), "{}", got.text);
    assert!(!got.text.contains('\u{fffd}'), "{}", got.text);
    assert_eq!(store.snapshot_raw(&got.snapshot_id).unwrap().unwrap(), body, "raw bytes kept as served");
    assert_eq!(got.sha256.as_deref(), Some(claimtrail_core::capture::sha256_hex(&body).as_str()));
    assert_eq!(store.verify_snapshots().unwrap().first_mismatch, None);
}

/// Text in `encoding`, which must be able to write all of it.
fn in_encoding(encoding: &'static encoding_rs::Encoding) -> impl Fn(&str) -> Vec<u8> {
    move |text| {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(!unmappable, "{} can write {text}", encoding.name());
        bytes.into_owned()
    }
}

#[test]
fn capture_reads_a_windows_1251_page_by_its_http_charset() {
    assert_reads_back(
        in_encoding(encoding_rs::WINDOWS_1251),
        "text/html; charset=windows-1251",
        "",
        "Паром снова ходит",
        "Паром через озеро снова ходит каждый час, сообщил капитан.",
    );
}

#[test]
fn capture_reads_an_unlabelled_windows_1251_page_by_its_letters() {
    // No BOM, no charset, no meta: not UTF-8, so the detector browsers use decides.
    assert_reads_back(
        in_encoding(encoding_rs::WINDOWS_1251),
        "text/html",
        "",
        "Паром снова ходит",
        "Паром через озеро снова ходит каждый час, сообщил капитан. Билеты продают на причале.",
    );
}

#[test]
fn capture_reads_a_windows_1256_arabic_page_by_its_meta_charset() {
    assert_reads_back(
        in_encoding(encoding_rs::WINDOWS_1256),
        "text/html",
        r#"<meta charset="windows-1256">"#,
        "عادت العبّارة",
        "قال القبطان إن العبّارة تعبر البحيرة كل ساعة من جديد.",
    );
}

#[test]
fn capture_reads_a_gb18030_page_by_its_meta_http_equiv() {
    assert_reads_back(
        in_encoding(encoding_rs::GB18030),
        "text/html",
        r#"<meta http-equiv="Content-Type" content="text/html; charset=GB18030">"#,
        "渡船恢复航行",
        "船长说，渡船每小时横渡湖面一次。",
    );
}

#[test]
fn capture_reads_a_latin1_page_by_its_meta_charset() {
    // iso-8859-1 is read as windows-1252, its superset, as the Encoding Standard says.
    assert_reads_back(
        in_encoding(encoding_rs::WINDOWS_1252),
        "text/html",
        "<meta charset=iso-8859-1>",
        "Café crème",
        "Le café crème coûte deux euros au marché du samedi.",
    );
}

#[test]
fn capture_reads_a_utf16le_page_by_its_byte_order_mark() {
    // encoding_rs decodes UTF-16 but, as the Encoding Standard says, never writes it.
    let utf16le = |html: &str| [0xff, 0xfe].into_iter().chain(html.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    // The byte order mark wins over a header that says otherwise, as in a browser.
    assert_reads_back(
        utf16le,
        "text/html; charset=utf-8",
        "",
        "Fähre fährt wieder",
        "Die Fähre über den See fährt wieder jede Stunde, sagte die Kapitänin.",
    );
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

#[test]
fn capture_decodes_a_gzip_body_sent_unasked_and_keeps_the_page_not_the_gzip() {
    let page = page_with("", "Ferry runs again", "The ferry crosses the lake every hour again, the captain said.");
    let url = serve_bytes(
        &[("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip")],
        gzip(page.as_bytes()),
    );
    let mut store = Store::open_in_memory().unwrap();
    let got = store.capture(&url, &local(), &CaptureOptions::default(), now()).unwrap();
    assert_eq!(got.title.as_deref(), Some("Ferry runs again"));
    assert!(got.text.contains("every hour again"), "{}", got.text);
    // The raw bytes archived (and hashed, and verified) are the page as a browser reads it.
    assert_eq!(store.snapshot_raw(&got.snapshot_id).unwrap().unwrap(), page.as_bytes());
    assert_eq!(got.sha256.as_deref(), Some(claimtrail_core::capture::sha256_hex(page.as_bytes()).as_str()));
    assert_eq!(store.verify_snapshots().unwrap().first_mismatch, None);
}

#[test]
fn capture_decodes_deflate_and_brotli_and_stacked_codings() {
    let page = page_with("", "Ferry runs again", "The ferry crosses the lake every hour again, the captain said.");
    let zlib = {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(page.as_bytes()).unwrap();
        e.finish().unwrap()
    };
    let bare = {
        let mut e = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(page.as_bytes()).unwrap();
        e.finish().unwrap()
    };
    let br = |bytes: &[u8]| {
        let mut out = Vec::new();
        brotli::BrotliCompress(&mut &bytes[..], &mut out, &Default::default()).unwrap();
        out
    };
    for (coding, body) in [
        ("deflate", zlib),
        ("deflate", bare),
        ("br", br(page.as_bytes())),
        ("gzip, br", br(&gzip(page.as_bytes()))),
        ("identity", page.as_bytes().to_vec()),
    ] {
        let url = serve_bytes(&[("Content-Type", "text/html"), ("Content-Encoding", coding)], body);
        let got = take(&url, &local()).unwrap_or_else(|e| panic!("{coding}: {e}"));
        assert_eq!(got.fetched.body, page.as_bytes(), "{coding}");
        assert_eq!(got.page.title.as_deref(), Some("Ferry runs again"), "{coding}");
    }
}

#[test]
fn capture_refuses_a_gzip_bomb_at_the_cap_on_the_decoded_size() {
    // 10 GiB of spaces: gzip members of 1 MiB each, gzipped again, some tens of kilobytes sent.
    // Inflated whole it would not fit in memory; read to the cap, it is refused.
    let member = gzip(&vec![b' '; 1 << 20]);
    let inner = member.repeat(10 * 1024);
    let bomb = gzip(&inner);
    assert!(bomb.len() < 1024 * 1024, "{}", bomb.len());
    let url = serve_bytes(&[("Content-Type", "text/html"), ("Content-Encoding", "gzip, gzip")], bomb);
    let mut store = Store::open_in_memory().unwrap();
    let err = store.capture(&url, &local(), &CaptureOptions::default(), now()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Refused, "{err}");
    assert!(err.to_string().contains("larger than 10 MB"), "{err}");
    assert_eq!((documents(&store), snapshot_rows(&store)), (0, 0));
}

#[test]
fn capture_refuses_a_content_coding_it_cannot_read() {
    let url = serve_bytes(&[("Content-Type", "text/html"), ("Content-Encoding", "zstd")], b"(\xb5/\xfd".to_vec());
    let err = take(&url, &local()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Refused, "{err}");
    assert!(err.to_string().contains("`zstd`"), "{err}");
}

#[test]
fn capture_of_a_body_that_does_not_decode_as_its_coding_says_so_in_one_line() {
    let page = page_with("", "Ferry runs again", "The ferry crosses the lake every hour again.");
    for coding in ["gzip", "br"] {
        let url =
            serve_bytes(&[("Content-Type", "text/html"), ("Content-Encoding", coding)], page.clone().into_bytes());
        let err = take(&url, &local()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Network, "{coding}: {err}");
        let message = err.to_string();
        assert!(message.contains(&format!("compressed ({coding}) but it does not decode")), "{message}");
        assert!(!message.contains('\n'), "{message}");
    }
}
