//! `claimtrail capture` and `recapture` through the real binary, against the
//! core's local test site on 127.0.0.1.

#[path = "../../claimtrail-core/tests/support/site.rs"]
mod site;

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;
use site::{serve_bytes, serve_trickle, Site, ARTICLE_QUOTE};

struct Db {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

impl Db {
    fn new() -> Db {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("case.sqlite3");
        Db { _dir: dir, path }
    }

    /// Runs the binary; `env` adds variables (loopback is not allowed unless given).
    fn run(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_claimtrail"));
        cmd.arg("--db").arg(&self.path).args(args);
        for var in ["CLAIMTRAIL_DB", "CLAIMTRAIL_ALLOW_LOOPBACK", "CLAIMTRAIL_FETCH_TIMEOUT_MS"] {
            cmd.env_remove(var);
        }
        cmd.envs(env.iter().copied()).output().unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        let out = self.run(args, &[("CLAIMTRAIL_ALLOW_LOOPBACK", "1")]);
        assert!(out.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    }

    /// A user error: exit 2, one line on stderr, nothing on stdout.
    fn refused(&self, args: &[&str], env: &[(&str, &str)]) -> String {
        let out = self.run(args, env);
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?} should exit 2; stderr: {stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
        assert!(out.stdout.is_empty());
        stderr
    }

    fn count(&self, table: &str) -> i64 {
        if !self.path.exists() {
            return 0;
        }
        let conn = rusqlite::Connection::open(&self.path).unwrap();
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
    }
}

#[test]
fn capture_json_has_the_contract_fields_and_proposals() {
    let site = Site::start();
    let db = Db::new();
    let got = db.json(&["capture", &site.url("/article?utm_source=feed"), "--json"]);
    for field in ["document_id", "url", "canonical_url", "title", "outlet", "sha256", "snapshot_id", "text"] {
        assert!(got.get(field).is_some(), "missing {field}: {got}");
    }
    assert_eq!(got["canonical_url"], site.url("/article"));
    assert_eq!(got["outlet"], Value::Null);
    assert_eq!(got["unknown_outlet"]["name"], "Valley Post");
    assert_eq!(got["sha256"].as_str().unwrap().len(), 64);
    assert!(got["text"].as_str().unwrap().contains(ARTICLE_QUOTE));
    let proposals = got["proposals"]["claims"].as_array().unwrap();
    assert!(proposals.iter().any(|c| c["text"] == ARTICLE_QUOTE && c["claimant"] == "Ana Ruiz"), "{proposals:?}");

    // Same canonical address again, creating the outlet this time: one document, two snapshots.
    let again = db.json(&["capture", &site.url("/article"), "--create-outlet", "--json"]);
    assert_eq!(again["document_id"], got["document_id"]);
    assert_eq!(again["outlet"], "Valley Post");
    assert_eq!((db.count("document"), db.count("snapshot")), (1, 2));
}

#[test]
fn capture_without_json_prints_the_page_the_proposals_and_an_outlet_hint() {
    let site = Site::start();
    let db = Db::new();
    let out = db.run(&["capture", &site.url("/article")], &[("CLAIMTRAIL_ALLOW_LOOPBACK", "1")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("captured new document"), "{text}");
    assert!(text.contains(ARTICLE_QUOTE) && text.contains("by Ana Ruiz"), "{text}");
    assert!(text.contains("--create-outlet to create “Valley Post”"), "{text}");
}

#[test]
fn recapture_reports_whether_the_page_changed() {
    let site = Site::start();
    let db = Db::new();
    let first = db.json(&["capture", &site.url("/changing"), "--json"]);
    let doc = first["document_id"].as_str().unwrap();

    let same = db.json(&["recapture", doc, "--json"]);
    assert_eq!(same["changed"], false);

    site.edit();
    let edited = db.json(&["recapture", &doc[..13], "--json"]);
    assert_eq!(edited["changed"], true);
    let diff = edited["diff"].as_str().unwrap();
    assert!(diff.contains("-The governor said the region was 100 per cent liberated."), "{diff}");
    assert!(diff.contains("+The governor said the region was entirely conquered."), "{diff}");
    assert_eq!(db.count("snapshot"), 3);

    let out = db.run(&["recapture", &site.url("/changing")], &[("CLAIMTRAIL_ALLOW_LOOPBACK", "1")]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("unchanged since"), "found by address, unchanged since the edit: {text}");
}

#[test]
fn recapture_of_a_removed_page_records_when_it_was_taken_down() {
    let site = Site::start();
    let db = Db::new();
    let first = db.json(&["capture", &site.url("/removed"), "--json"]);
    let doc = first["document_id"].as_str().unwrap();
    let logged =
        db.json(&["log", "--claim", ARTICLE_QUOTE, "--by", "Ana Ruiz", "--url", &site.url("/removed"), "--json"]);
    let claim = logged["claim_id"].as_str().unwrap();
    let on_page = |show: &Value| -> Value {
        let appearances = show["appearances"].as_array().unwrap();
        let on_doc = appearances.iter().find(|a| a["document_id"] == doc).expect("an appearance on the captured page");
        on_doc["taken_down_at"].clone()
    };
    assert_eq!(on_page(&db.json(&["show", claim, "--json"])), Value::Null);

    site.edit();
    let gone = db.json(&["recapture", doc, "--json"]);
    // The claim page shows when the page went.
    assert_eq!(on_page(&db.json(&["show", claim, "--json"])), gone["retrieved_at"]);
    assert_eq!((gone["http_status"].clone(), gone["taken_down"].clone()), (Value::from(410), Value::Bool(true)));
    assert_eq!(gone["changed"], true, "the page no longer says what it said");
    assert_eq!(gone["diff"], "", "a removal is reported as such, not as every line deleted");
    assert_eq!(gone["document_id"], first["document_id"]);
    assert_eq!((db.count("document"), db.count("snapshot")), (1, 2));
    // The removal is kept: the status, the server's own notice, no text; and verify re-checks it.
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    let (status, text, raw_size): (i64, String, i64) = conn
        .query_row("SELECT http_status, text, raw_size FROM snapshot ORDER BY seq DESC LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!((status, text.as_str()), (410, ""));
    assert!(raw_size > 0);
    assert_eq!(db.json(&["verify", "--json"])["intact"], true);

    let out = db.run(&["recapture", doc], &[("CLAIMTRAIL_ALLOW_LOOPBACK", "1")]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("TAKEN DOWN on ") && text.contains("410 Gone"), "{text}");
    assert!(text.contains("already gone on"), "the second look finds it gone already: {text}");
    let again = db.json(&["recapture", doc, "--json"]);
    assert_eq!((again["taken_down"].clone(), again["changed"].clone()), (Value::Bool(true), Value::Bool(false)));
}

#[test]
fn a_missing_or_failing_page_is_not_captured_and_says_so_in_one_line() {
    let site = Site::start();
    let db = Db::new();
    let allow = [("CLAIMTRAIL_ALLOW_LOOPBACK", "1")];
    let err = db.refused(&["capture", &site.url("/no-such-story")], &allow);
    assert!(err.contains("answered 404 Not Found") && err.contains("nothing was kept"), "{err}");
    assert_eq!((db.count("document"), db.count("snapshot")), (0, 0));

    // A server error is not a removal: recapture keeps nothing and says why.
    let doc = db.json(&["capture", &site.url("/failing"), "--json"])["document_id"].as_str().unwrap().to_string();
    site.edit();
    let err = db.refused(&["recapture", &doc], &allow);
    assert!(err.contains("answered 503 Service Unavailable"), "{err}");
    assert_eq!((db.count("document"), db.count("snapshot")), (1, 1));
}

#[test]
fn capture_of_loopback_is_refused_without_the_environment_variable() {
    let site = Site::start();
    let db = Db::new();
    let err = db.refused(&["capture", &site.url("/article")], &[]);
    assert!(err.contains("CLAIMTRAIL_ALLOW_LOOPBACK=1"), "{err}");
    assert_eq!(db.count("document"), 0);
}

#[test]
fn capture_offline_or_slow_says_so_in_one_line_and_keeps_nothing() {
    let db = Db::new();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let allow = [("CLAIMTRAIL_ALLOW_LOOPBACK", "1"), ("CLAIMTRAIL_FETCH_TIMEOUT_MS", "300")];
    let err = db.refused(&["capture", &format!("http://127.0.0.1:{port}/story")], &allow);
    assert!(err.contains("cannot reach 127.0.0.1"), "{err}");

    let site = Site::start();
    let err = db.refused(&["capture", &site.url("/slow")], &allow);
    assert!(err.contains("did not answer within 0.3 s"), "{err}");
    assert!(db.refused(&["capture", &site.url("/pdf")], &allow).contains("application/pdf"));
    assert!(db.refused(&["capture", "file:///etc/passwd"], &allow).contains("not an http(s) URL"));
    assert_eq!((db.count("document"), db.count("snapshot")), (0, 0));
}

#[test]
fn capture_of_pasted_text_needs_no_network() {
    let db = Db::new();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("selection.txt");
    std::fs::write(&file, "'The port will reopen on Friday,' port chief Musa Bello told reporters.").unwrap();
    let got = db.json(&["capture", "https://harbour.example/port", "--text", file.to_str().unwrap(), "--json"]);
    assert_eq!(got["sha256"], Value::Null);
    assert_eq!(got["proposals"]["claims"][0]["claimant"], "Musa Bello");
    assert_eq!(db.count("snapshot"), 1);
}

#[test]
fn capture_snapshots_are_rechecked_by_verify_and_a_tampered_one_is_named() {
    let site = Site::start();
    let db = Db::new();
    let got = db.json(&["capture", &site.url("/article"), "--json"]);
    let check = db.json(&["verify", "--json"]);
    assert_eq!((check["intact"].clone(), check["snapshots_checked"].clone()), (Value::Bool(true), Value::from(1)));

    // Edited behind the app's back, with the trigger dropped first.
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    conn.execute_batch("DROP TRIGGER snapshot_no_update; UPDATE snapshot SET text = 'edited'").unwrap();
    drop(conn);
    let out = db.run(&["verify", "--json"], &[]);
    assert_eq!(out.status.code(), Some(3));
    let check: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(check["first_snapshot_mismatch"]["snapshot_id"], got["snapshot_id"]);
    assert_eq!(check["first_snapshot_mismatch"]["part"], "text");
}

/// Issue 12, item 8: `--create-outlet` gave a page's unknown domain to the
/// known outlet whose name the page used.
#[test]
fn capture_never_gives_a_domain_to_the_outlet_a_page_names_itself_after() {
    let site = Site::start();
    let db = Db::new();
    db.json(&[
        "log",
        "--claim",
        "The bridge reopens in May",
        "--by",
        "Ana Ruiz",
        "--url",
        "https://valleypost.example/bridge",
        "--outlet",
        "Valley Post",
        "--json",
    ]);
    let out = db.run(&["capture", &site.url("/article")], &[("CLAIMTRAIL_ALLOW_LOOPBACK", "1")]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("the page names itself “Valley Post”, the name of the existing outlet Valley Post (valleypost.example); 127.0.0.1 was NOT given to it"),
        "{text}"
    );
    assert!(text.contains("--create-outlet to create “127.0.0.1”"), "{text}");

    let got = db.json(&["capture", &site.url("/article"), "--create-outlet", "--json"]);
    assert_eq!(got["outlet"], "127.0.0.1");
    assert_eq!(got["claimed_name"]["name"], "Valley Post");
    assert_eq!(got["claimed_name"]["domains"], serde_json::json!(["valleypost.example"]));
    let actors = db.json(&["actors", "--json"]);
    let actor = |name: &str| actors.as_array().unwrap().iter().find(|a| a["name"] == name).unwrap().clone();
    assert_eq!(actor("Valley Post")["domains"], serde_json::json!(["valleypost.example"]));
    assert_eq!(actor("127.0.0.1")["domains"], serde_json::json!(["127.0.0.1"]));
    assert!(actor("127.0.0.1")["role"].as_str().unwrap().contains("names itself “Valley Post”"));
}

#[test]
fn capture_fetch_timeout_covers_a_body_sent_one_byte_at_a_time() {
    let db = Db::new();
    let url = serve_trickle(std::time::Duration::from_millis(200));
    let allow = [("CLAIMTRAIL_ALLOW_LOOPBACK", "1"), ("CLAIMTRAIL_FETCH_TIMEOUT_MS", "1000")];
    let err = db.refused(&["capture", &url], &allow);
    assert!(err.contains("did not answer within 1.0 s"), "{err}");
    assert_eq!((db.count("document"), db.count("snapshot")), (0, 0));
}

#[test]
fn capture_reads_a_latin1_page_by_its_meta_charset() {
    let db = Db::new();
    // "Café crème" and its sentence in ISO-8859-1 bytes, served without a charset in the header.
    let page = b"<!doctype html><html><head><meta charset=\"iso-8859-1\"><title>Caf\xe9 cr\xe8me</title></head>\
        <body><p>Le caf\xe9 cr\xe8me co\xfbte deux euros au march\xe9 du samedi.</p></body></html>";
    let url = serve_bytes(&[("Content-Type", "text/html")], page.to_vec());
    let got = db.json(&["capture", &url, "--json"]);
    assert_eq!(got["title"], "Café crème");
    assert!(got["text"].as_str().unwrap().contains("Le café crème coûte deux euros au marché du samedi."), "{got}");
    assert_eq!(db.json(&["verify", "--json"])["intact"], Value::Bool(true));
}
