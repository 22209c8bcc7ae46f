//! The desk's daily work through the real binary on a real SQLite file:
//! handles typed back, cases and tags, notes, the published check's address,
//! assignments; every change audited and `verify` passing; bad input refused
//! with one line, exit 2 and the database unchanged.

#[path = "support/cli.rs"]
mod cli;
#[path = "../../claimtrail-core/tests/support/dump.rs"]
mod dump;

use std::path::PathBuf;

use serde_json::Value;

struct Db {
    dir: tempfile::TempDir,
}

impl Db {
    fn new() -> Db {
        Db { dir: tempfile::tempdir().unwrap() }
    }

    fn path(&self) -> PathBuf {
        self.dir.path().join("desk.sqlite3")
    }

    fn ok(&self, args: &[&str]) -> String {
        cli::stdout(cli::run(self.path(), args), args)
    }

    fn json(&self, args: &[&str]) -> Value {
        cli::json(cli::run(self.path(), args), args)
    }

    fn refused(&self, args: &[&str]) -> String {
        let out = cli::run(self.path(), args);
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?} should exit 2; stderr: {stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{args:?} should print one line: {stderr}");
        assert!(out.stdout.is_empty(), "{args:?} printed to stdout on failure");
        stderr
    }

    fn audits(&self, action: &str) -> i64 {
        let conn = rusqlite::Connection::open(self.path()).unwrap();
        conn.query_row("SELECT count(*) FROM audit_event WHERE action = ?1", [action], |r| r.get(0)).unwrap()
    }

    /// Five claims, each said by a person and carried by two outlets; their ids.
    fn five_claims(&self) -> Vec<String> {
        (1..=5)
            .map(|i| {
                let claim = format!("Grain exports fell by {i}0 percent in July");
                let by = format!("Minister {i}");
                self.ok(&["log", "--claim", &claim, "--by", &by, "--via", "Wire Agency", "--via", "Daily Paper"])
                    .trim()
                    .to_string()
            })
            .collect()
    }
}

const CASE: &str = "Ukraine July 2025";

#[test]
fn a_checker_files_five_claims_in_a_case_finds_them_by_case_and_tag_notes_and_publishes_the_check() {
    let db = Db::new();
    let ids = db.five_claims();
    let list = db.json(&["list", "--json"]);
    let handles: Vec<String> = ids
        .iter()
        .map(|id| {
            let row = list.as_array().unwrap().iter().find(|c| c["id"] == id.as_str()).unwrap();
            row["handle"].as_str().unwrap().to_string()
        })
        .collect();

    // Into a case by handle (and one by full id), then tags on three.
    let mut add = vec!["case", "add", CASE];
    add.extend(handles[..4].iter().map(String::as_str));
    add.push(&ids[4]);
    let out = db.ok(&add);
    assert!(out.contains("(new case)"), "{out}");
    assert_eq!(db.json(&["case", "list", "--json"]), serde_json::json!([{"name": CASE, "claims": 5}]));
    for h in &handles[..3] {
        db.ok(&["tag", h, "energy", "exports"]);
    }
    db.ok(&["untag", &handles[2], "exports"]);
    let in_case = db.json(&["list", "--case", CASE, "--json"]);
    assert_eq!(in_case.as_array().unwrap().len(), 5);
    let tagged = db.json(&["list", "--case", "ukraine july 2025", "--tag", "energy", "--json"]);
    assert_eq!(tagged.as_array().unwrap().len(), 3);
    assert_eq!(db.json(&["list", "--tag", "exports", "--json"]).as_array().unwrap().len(), 2);
    let shown = db.json(&["case", "show", CASE, "--json"]);
    assert_eq!(shown["claims"].as_array().unwrap().len(), 5);

    // Rename, take one out; the case keeps the others.
    db.ok(&["case", "rename", CASE, "Ukraine grain, July 2025"]);
    db.ok(&["case", "remove", "Ukraine grain, July 2025", &handles[4]]);
    assert_eq!(db.json(&["list", "--case", "Ukraine grain, July 2025", "--json"]).as_array().unwrap().len(), 4);

    // A note with hostile text is kept byte for byte and shown inert.
    let hostile = "Call the ministry\u{202E}gpj.exe\n\u{1b}[2J second line";
    let note = db.json(&["note", &handles[0], hostile, "--author", "Ana", "--json"]);
    assert_eq!(note["text"], hostile);
    // The published check, its verdict, an assignment.
    db.ok(&["status", &handles[0], "--set", "false", "--reason", "Customs data say otherwise", "--author", "Ana"]);
    db.ok(&["review-url", &handles[0], "https://checks.example/grain-exports"]);
    db.ok(&["assign", &handles[0], "Ana", "--due", "2025-07-20"]);
    db.ok(&["assign", &handles[1], "Bo", "--due", "2025-07-10"]);
    db.ok(&["assign", &handles[2], "ana"]);

    let claim = db.json(&["show", &handles[0], "--json"]);
    assert_eq!(claim["handle"], handles[0].as_str());
    assert_eq!(claim["tags"], serde_json::json!(["energy", "exports"]));
    assert_eq!(claim["cases"], serde_json::json!(["Ukraine grain, July 2025"]));
    assert_eq!(claim["notes"][0]["text"], hostile);
    assert_eq!(claim["notes"][0]["author"], "Ana");
    assert_eq!(claim["assignee"], "Ana");
    assert_eq!(claim["due"], "2025-07-20");
    assert_eq!(claim["review_url"], "https://checks.example/grain-exports");
    assert!(claim["appearances"]
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["handle"].as_str().is_some_and(|h| h.len() >= 5)));
    let text = db.ok(&["show", &handles[0]]);
    assert!(text.contains("⟨U+202E⟩") && text.contains("⟨U+001B⟩"), "{text}");
    assert!(!text.contains('\u{202E}') && !text.contains('\u{1b}'), "hostile text printed raw");

    // Assignments filter and sort the list.
    let ana = db.json(&["list", "--assignee", "ANA", "--json"]);
    assert_eq!(ana.as_array().unwrap().len(), 2, "letter case ignored");
    let due = db.json(&["list", "--due-before", "2025-07-15", "--json"]);
    assert_eq!(
        due.as_array().unwrap().iter().map(|c| c["handle"].clone()).collect::<Vec<_>>(),
        vec![Value::from(handles[1].as_str())]
    );
    let sorted = db.json(&["list", "--sort", "due", "--json"]);
    let order: Vec<&str> = sorted.as_array().unwrap().iter().map(|c| c["handle"].as_str().unwrap()).collect();
    assert_eq!(&order[..2], &[handles[1].as_str(), handles[0].as_str()]);
    assert_eq!(
        db.json(&["list", "--author", "ana", "--status", "false", "--case", "Ukraine grain, July 2025", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // The ClaimReview export carries the recorded address; a pattern overrides it.
    let out = db.dir.path().join("review.jsonld");
    db.ok(&["export", "--format", "claimreview", "--claim", &handles[0], "-o", out.to_str().unwrap()]);
    let review: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(review["@graph"][0]["url"], "https://checks.example/grain-exports");
    db.ok(&[
        "export",
        "--format",
        "claimreview",
        "--claim",
        &ids[0],
        "--review-url",
        "https://desk.example/{claim}",
        "-o",
        out.to_str().unwrap(),
    ]);
    let review: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(review["@graph"][0]["url"], format!("https://desk.example/{}", ids[0]));

    // Every change is an audited event in the chain, and the chain holds.
    for (action, n) in [
        ("case_add", 1),
        ("tag", 3),
        ("untag", 1),
        ("case_rename", 1),
        ("case_remove", 1),
        ("note", 1),
        ("review_url", 1),
        ("assign", 3),
    ] {
        assert_eq!(db.audits(action), n, "{action}");
    }
    let conn = rusqlite::Connection::open(db.path()).unwrap();
    let detail: String = conn
        .query_row("SELECT detail FROM audit_event WHERE action = 'assign' ORDER BY seq LIMIT 1", [], |r| r.get(0))
        .unwrap();
    let detail: Value = serde_json::from_str(&detail).unwrap();
    assert_eq!(detail["claim"]["id"], ids[0].as_str());
    assert_eq!(detail["after"], serde_json::json!({"assignee": "Ana", "due": "2025-07-20"}));
    assert_eq!(detail["before"], serde_json::json!({"assignee": null, "due": null}));
    db.ok(&["verify"]);
}

/// The handles `show` prints, claim first, then one per appearance.
fn printed_handles(show: &str) -> Vec<String> {
    let mut lines = show.lines();
    let claim = lines.nth(1).unwrap().split_whitespace().next().unwrap().to_string();
    let mut out = vec![claim];
    let appearances = show.split("\nappearances:\n").nth(1).unwrap();
    out.extend(appearances.lines().map(|l| l.split_whitespace().next().unwrap().to_string()));
    out
}

#[test]
fn every_handle_show_prints_can_be_typed_back() {
    let db = Db::new();
    let ids = db.five_claims();
    let show = db.ok(&["show", &ids[0]]);
    let handles = printed_handles(&show);
    assert_eq!(handles.len(), 4, "{show}");
    let unique: std::collections::HashSet<&String> = handles.iter().collect();
    assert_eq!(unique.len(), 4, "four different handles: {show}");
    assert!(handles.iter().all(|h| h.len() < 13));
    // The claim's handle names the claim; each appearance's, its appearance.
    assert_eq!(db.json(&["show", &handles[0], "--json"])["id"], ids[0].as_str());
    for h in &handles[1..] {
        let trace = db.json(&["trace", "--appearance", h, "--json"]);
        assert_eq!(trace["claim_id"], ids[0].as_str());
        assert!(trace["nodes"].as_array().unwrap().iter().any(|n| n["handle"] == h.as_str()));
    }
    // Relay takes handles: the paper's copy cites the minister's appearance directly.
    let other = printed_handles(&db.ok(&["show", &ids[1]]));
    db.ok(&["relay", &other[3], &other[1], "--relation", "quotes"]);
    let trace = db.json(&["trace", &other[0], "--json"]);
    assert!(trace["edges"].as_array().unwrap().len() >= 3);
    // `list` and `trace` print the same handles.
    let list = db.ok(&["list"]);
    assert!(list.lines().any(|l| l.starts_with(&handles[0])), "{list}");
    let trace = db.ok(&["trace", &handles[0]]);
    assert!(trace.contains(&handles[0]), "{trace}");
    // Each step of the tree ends with its appearance's handle.
    for h in &handles[1..] {
        assert!(trace.lines().any(|l| l.ends_with(&format!("· {h}"))), "{h} in {trace}");
    }
    // Actors list by handle, which `actor show` takes.
    let actors = db.ok(&["actors"]);
    let first = actors.lines().next().unwrap().split_whitespace().next().unwrap();
    db.ok(&["actor", "show", first]);
    db.ok(&["verify"]);
}

#[test]
fn bad_desk_input_is_refused_with_one_line_and_the_database_unchanged() {
    let db = Db::new();
    let ids = db.five_claims();
    db.ok(&["case", "add", CASE, &ids[0], &ids[1]]);
    db.ok(&["case", "add", "Kherson water", &ids[2]]);
    db.ok(&["tag", &ids[0], "energy"]);
    let appearance = db.json(&["show", &ids[0], "--json"])["appearances"][0]["handle"].as_str().unwrap().to_string();
    let before = dump::dump_file(&db.path());
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["tag", "ffffffffff", "x"], "no claim matches `ffffffffff`"),
        (vec!["note", "nothing-here", "text"], "no claim matches"),
        (vec!["tag", "0", "x"], "ambiguous"),
        (vec!["tag", &appearance, "x"], "is the handle of an appearance, not of a claim"),
        (vec!["tag", &ids[0], ""], "the tag is empty"),
        (vec!["tag", &ids[0], "ok", "   "], "the tag is empty"),
        (vec!["untag", &ids[0], "never-tagged"], "never-tagged"),
        (vec!["case", "show", "Ukraine"], "did you mean `Ukraine July 2025`"),
        (vec!["list", "--case", "Ukrain July 2025"], "did you mean `Ukraine July 2025`"),
        (vec!["case", "remove", "Kherson", &ids[2]], "did you mean `Kherson water`"),
        (vec!["case", "rename", "Nowhere", "Else"], "no case matches `Nowhere`"),
        (vec!["case", "rename", CASE, "kherson WATER"], "exists already"),
        (vec!["case", "add", "  ", &ids[0]], "case name is empty"),
        (vec!["case", "add", CASE, &ids[0], "ffffffffff"], "no claim matches"),
        (vec!["review-url", &ids[0], "not a url"], "is not a valid URL"),
        (vec!["review-url", &ids[0], "javascript:alert(1)"], "not an http(s) URL"),
        (vec!["assign", &ids[0], "Ana", "--due", "2025-13-45"], "cannot read `2025-13-45` as a due date"),
        (vec!["assign", &ids[0], "  "], "assignee is empty"),
        (vec!["list", "--due-before", "soon"], "as a due date"),
        (vec!["note", &ids[0], "  \n "], "the note is empty"),
        (vec!["note", &ids[0], "text", "--author", " "], "the author is empty"),
    ];
    for (args, expected) in cases {
        let err = db.refused(&args);
        assert!(err.contains(expected), "{args:?}: expected `{expected}` in: {err}");
    }
    assert_eq!(dump::dump_file(&db.path()), before, "a refused command must not change the database");
}
