//! `claimtrail extract`: proposals as JSON and as a listing, and `--log`
//! accepting chosen proposals into a real database file.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const STORY: &str = "Harbour Times\n\
Lagos [Nigeria], March 4 (ANI): 'The port will reopen on Friday,' port authority chief Musa Bello told reporters on Monday, Reuters reported.\n\
He added that no ships had been damaged, although not everyone agreed.\n\
Most read\n\
Floods hit the northern states as rivers rise...\n";

struct Db {
    _dir: tempfile::TempDir,
    path: PathBuf,
    article: PathBuf,
}

impl Db {
    fn new() -> Db {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("case.sqlite3");
        let article = dir.path().join("article.txt");
        std::fs::write(&article, STORY).unwrap();
        Db { _dir: dir, path, article }
    }

    fn run(&self, args: &[&str], stdin: Option<&str>) -> Output {
        let mut child = Command::new(env!("CARGO_BIN_EXE_claimtrail"))
            .arg("--db")
            .arg(&self.path)
            .args(args)
            .env_remove("CLAIMTRAIL_DB")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut input = child.stdin.take().unwrap();
        input.write_all(stdin.unwrap_or("").as_bytes()).unwrap();
        drop(input);
        child.wait_with_output().unwrap()
    }

    fn json(&self, args: &[&str], stdin: Option<&str>) -> Value {
        let out = self.run(args, stdin);
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    }

    fn article(&self) -> &str {
        self.article.to_str().unwrap()
    }
}

#[test]
fn extract_json_follows_the_contract() {
    let db = Db::new();
    let found =
        db.json(&["extract", db.article(), "--published", "2025-03-04", "--outlet", "Harbour Times", "--json"], None);
    assert_eq!(found["publisher"], "Harbour Times");
    assert_eq!(found["original_outlet"], "ANI");
    let claims = found["claims"].as_array().unwrap();
    assert_eq!(claims.len(), 2, "{claims:#?}");

    let quote = &claims[0];
    assert_eq!(quote["text"], "The port will reopen on Friday");
    assert_eq!(quote["kind"], "direct");
    assert_eq!(quote["claimant"], "Musa Bello");
    assert_eq!(quote["claimant_role"], "port authority chief");
    assert_eq!(quote["cue"], "told reporters");
    assert_eq!(quote["relays"], serde_json::json!(["Reuters"]));
    assert_eq!(quote["said_at"], "2025-03-03");
    assert_eq!(quote["stance"], "asserts");

    let added = &claims[1];
    assert_eq!(added["claimant"], "Musa Bello");
    assert_eq!(added["disputed"], true);

    // start/end are character offsets and text is exactly that slice.
    let chars: Vec<char> = STORY.chars().collect();
    for c in claims {
        let (start, end) = (c["start"].as_u64().unwrap() as usize, c["end"].as_u64().unwrap() as usize);
        assert_eq!(chars[start..end].iter().collect::<String>(), c["text"].as_str().unwrap());
    }
    // Proposing writes no database.
    assert!(!db.path.exists());
}

#[test]
fn extract_reads_standard_input_and_prints_a_listing() {
    let db = Db::new();
    let out = db.run(&["extract", "-"], Some(STORY));
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("wire: ANI"), "{text}");
    assert!(text.contains("by Musa Bello (port authority chief) · told reporters · via Reuters"), "{text}");
    assert!(text.contains("disputed: although not everyone agreed"), "{text}");
}

#[test]
fn extract_log_accepts_the_chosen_proposals_with_their_chains() {
    let db = Db::new();
    let accept_first = || {
        let url = "https://harbourtimes.example/port";
        let args =
            ["extract", db.article(), "--outlet", "Harbour Times", "--url", url, "--log", "--claims", "0", "--json"];
        db.json(&args, None)
    };
    let report = accept_first();
    let logged = report["logged"].as_array().unwrap();
    assert_eq!(logged.len(), 1);
    // Musa Bello → Reuters → ANI → Harbour Times.
    assert_eq!(logged[0]["appearance_ids"].as_array().unwrap().len(), 4);
    let claim_id = logged[0]["claim_id"].as_str().unwrap().to_string();

    let trace = db.json(&["trace", &claim_id, "--json"], None);
    let rendered = trace.to_string();
    for name in ["Musa Bello", "Reuters", "ANI", "Harbour Times"] {
        assert!(rendered.contains(name), "{name} missing from the trace: {rendered}");
    }

    // Accepting the same proposal again adds nothing new.
    let again = accept_first();
    assert_eq!(again["logged"][0]["new_claim"], false);
    assert_eq!(again["logged"][0]["claim_id"], claim_id.as_str());
}

#[test]
fn extract_log_refuses_a_missing_proposal_and_writes_nothing() {
    let db = Db::new();
    db.json(&["extract", db.article(), "--log", "--claims", "1", "--json"], None);
    let before = std::fs::read(&db.path).unwrap();
    let out = db.run(&["extract", db.article(), "--log", "--claims", "0,7"], None);
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no proposal 7"));
    assert_eq!(std::fs::read(&db.path).unwrap(), before, "nothing is logged when one number is wrong");
}

#[test]
fn extract_refuses_text_that_is_not_utf8() {
    let db = Db::new();
    std::fs::write(&db.article, [0xff, 0xfe, b'a']).unwrap();
    let out = db.run(&["extract", db.article()], None);
    assert_eq!(out.status.code(), Some(2));
}
