//! Correcting what was logged: `edit`, `delete`, `undelete`, `relay delete`,
//! `undo`, `redo` and `show --history`, through the real binary on a real
//! SQLite file.

#[path = "support/cli.rs"]
mod cli;

#[path = "../../claimtrail-core/tests/support/dump.rs"]
mod dump;

use std::path::PathBuf;

use serde_json::Value;

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

    fn ok(&self, args: &[&str]) -> String {
        cli::stdout(cli::run(&self.path, args), args)
    }

    fn json(&self, args: &[&str]) -> Value {
        cli::json(cli::run(&self.path, args), args)
    }

    /// A user error: exit 2, one line, nothing printed, the database unchanged.
    fn refused(&self, args: &[&str]) -> String {
        let before = dump::dump_file(&self.path);
        let out = cli::run(&self.path, args);
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?} should exit 2; stderr: {stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{args:?} should print one line: {stderr}");
        assert!(out.stdout.is_empty(), "{args:?} printed to stdout on failure");
        assert_eq!(dump::dump_file(&self.path), before, "{args:?} changed the database");
        stderr
    }

    fn log(&self, args: &[&str]) -> Value {
        let mut all = vec!["log"];
        all.extend_from_slice(args);
        all.push("--json");
        self.json(&all)
    }

    fn appearances(&self, claim: &str) -> Vec<Value> {
        self.json(&["show", claim, "--json"])["appearances"].as_array().unwrap().clone()
    }

    fn origins(&self, claim: &str) -> i64 {
        self.json(&["trace", claim, "--json"])["independent_origins"].as_i64().unwrap()
    }

    fn verified(&self) {
        assert!(self.ok(&["verify"]).contains("chain intact"));
    }
}

fn id(v: &Value) -> String {
    v.as_str().unwrap().to_string()
}

#[test]
fn a_checker_fixes_a_speaker_moves_an_appearance_deletes_a_relay_and_undoes_and_redoes() {
    let db = Db::new();
    let logged = db.log(&["--claim", "The bridge was closed on Monday", "--by", "Jon Smith", "--via", "Daily Wire"]);
    let claim = id(&logged["claim_id"]);
    let speaker = id(&logged["appearance_ids"][0]);
    let wire = id(&logged["appearance_ids"][1]);
    let other = db.log(&["--claim", "The bridge will reopen in May", "--by", "Ann Lee"]);
    let other_claim = id(&other["claim_id"]);
    let ann = id(&other["appearance_ids"][0]);

    // A wrong speaker and role, fixed; the record comes back as JSON.
    let fixed = db.json(&["edit", &speaker, "--by", "Jane Doe", "--new-actor", "--author", "desk", "--json"]);
    assert_eq!(fixed["actor"], "Jane Doe");
    let fixed = db.json(&["edit", &speaker, "--role", "city engineer", "--author", "desk", "--json"]);
    assert_eq!(fixed["actor_role"], "city engineer");

    // A mistaken relay: Ann Lee's appearance relaying the wire makes a loop.
    db.ok(&["log", "--to", &claim, "--by", "Bob Stone"]);
    assert_eq!(db.origins(&claim), 2);
    db.ok(&["relay", &speaker, &wire]);
    assert_eq!(db.origins(&claim), 1, "the loop leaves Bob Stone the only origin");
    db.ok(&["relay", "delete", &speaker, &wire, "--author", "desk"]);
    assert_eq!(db.origins(&claim), 2, "deleting the mistaken relay brings the origin back");

    // Move Ann Lee's appearance to the first claim, then undo three steps and redo one.
    db.ok(&["edit", &ann, "--claim", &claim, "--author", "desk"]);
    assert!(db.appearances(&claim).iter().any(|a| a["id"] == ann.as_str()));
    assert!(db.appearances(&other_claim).is_empty());
    let undone = db.json(&["undo", "--steps", "3", "--author", "desk", "--json"]);
    let actions: Vec<&str> = undone.as_array().unwrap().iter().map(|s| s["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["correct_appearance", "delete_relay", "relay"]);
    assert!(db.appearances(&other_claim).iter().any(|a| a["id"] == ann.as_str()), "the move is undone");
    assert_eq!(db.origins(&claim), 2, "the relay itself is taken back too");
    db.ok(&["redo", "--author", "desk"]);
    assert_eq!(db.origins(&claim), 1, "redo puts the relay back");
    let shown = db.appearances(&claim);
    let first = shown.iter().find(|a| a["id"] == speaker.as_str()).unwrap();
    assert_eq!(first["actor"], "Jane Doe");
    assert_eq!(first["actor_role"], "city engineer");
    db.verified();

    // Every step is in the claim's history, in order, with who, before and after.
    let history = db.json(&["show", &claim, "--history", "--json"]);
    let actions: Vec<&str> = history.as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions.first(), Some(&"log"));
    assert_eq!(actions.iter().filter(|a| **a == "correct_appearance").count(), 3, "speaker, role, move: {actions:?}");
    for wanted in ["correct_appearance", "delete_relay", "undo", "redo"] {
        assert!(actions.contains(&wanted), "{wanted} missing from {actions:?}");
    }
    let correction = history.as_array().unwrap().iter().find(|e| e["action"] == "correct_appearance").unwrap();
    assert_eq!(correction["author"], "desk");
    let change = &correction["detail"]["changes"][0];
    assert!(change["before"]["actor"].is_string() && change["after"]["actor"].is_string());
    assert_ne!(change["before"]["actor"], change["after"]["actor"]);
    let text = db.ok(&["show", &claim, "--history"]);
    assert!(text.contains("delete_relay by desk"), "{text}");
    assert!(text.contains("actor: Jon Smith → Jane Doe"), "{text}");
}

#[test]
fn every_record_kind_takes_its_corrections_and_verify_passes() {
    let db = Db::new();
    let logged = db.log(&[
        "--claim",
        "Prices rose by 5%",
        "--by",
        "Statistics Office",
        "--by-kind",
        "government",
        "--via",
        "Morning Post",
        "--url",
        "https://post.example/prices",
    ]);
    let claim = id(&logged["claim_id"]);
    let relay_app = id(&logged["appearance_ids"][1]);
    let shown = db.json(&["show", &claim, "--json"]);
    let with_document = shown["appearances"].as_array().unwrap().iter().find(|a| a["document_id"].is_string());
    let document = id(&with_document.unwrap()["document_id"]);
    let actor = id(&shown["appearances"][1]["actor_id"]);

    let c = db.json(&["edit", &claim, "--text", "Prices rose by 6%", "--json"]);
    assert_eq!(c["text"], "Prices rose by 6%");
    assert_eq!(db.json(&["list", "--search", "6%", "--json"]).as_array().unwrap().len(), 1);
    let a = db.json(&[
        "edit",
        &relay_app,
        "--quote",
        "up six percent",
        "--kind",
        "indirect",
        "--cue",
        "reported",
        "--stance",
        "disputes",
        "--said-at",
        "2025-07-01",
        "--json",
    ]);
    assert_eq!(
        (a["quote"].as_str(), a["kind"].as_str(), a["stance"].as_str()),
        (Some("up six percent"), Some("indirect"), Some("disputes"))
    );
    assert_eq!(a["said_at"], "2025-07-01");
    let who = db.json(&[
        "edit",
        &actor,
        "--name",
        "The Morning Post",
        "--kind",
        "outlet",
        "--domain",
        "morningpost.example",
        "--state-affiliated",
        "true",
        "--role",
        "daily",
        "--json",
    ]);
    assert_eq!(who["name"], "The Morning Post");
    assert_eq!(who["domains"][0], "morningpost.example");
    assert_eq!(who["state_affiliated"], true);
    // The renamed actor is found by its new name (the identity index follows).
    let again = db.log(&["--claim", "Another figure", "--by", "The Morning Post"]);
    assert_eq!(db.json(&["show", &id(&again["claim_id"]), "--json"])["appearances"][0]["actor_id"], actor.as_str());
    let doc = db.json(&[
        "edit",
        &document,
        "--url",
        "https://post.example/prices-2",
        "--title",
        "Prices",
        "--published",
        "2025-07-02",
        "--json",
    ]);
    assert_eq!(doc["url"], "https://post.example/prices-2");
    assert_eq!(doc["title"], "Prices");
    db.verified();
    db.ok(&["undo", "--steps", "5"]);
    assert_eq!(db.json(&["show", &claim, "--json"])["text"], "Prices rose by 5%");
    db.verified();
}

#[test]
fn a_deleted_claim_or_appearance_leaves_every_list_and_comes_back() {
    let db = Db::new();
    let logged = db.log(&["--claim", "The dam will burst", "--by", "Rumour Mill", "--via", "Daily Wire"]);
    let claim = id(&logged["claim_id"]);
    let wire = id(&logged["appearance_ids"][1]);
    db.ok(&["delete", &wire]);
    assert_eq!(db.appearances(&claim).len(), 1);
    assert_eq!(db.json(&["list", "--json"])[0]["appearances"], 1);
    assert!(db.json(&["trace", &claim, "--json"])["outlets"].as_array().unwrap().is_empty());
    let csv = db.ok(&["export", "--format", "csv", "--claim", &claim]);
    assert!(csv.contains("Rumour Mill") && !csv.contains("Daily Wire"), "{csv}");
    db.ok(&["undelete", &wire]);
    assert_eq!(db.appearances(&claim).len(), 2);

    db.ok(&["delete", &claim]);
    assert!(db.json(&["list", "--json"]).as_array().unwrap().is_empty());
    assert!(db.json(&["list", "--search", "dam", "--json"]).as_array().unwrap().is_empty());
    db.refused(&["show", &claim]);
    assert!(db.ok(&["show", &claim, "--history"]).contains("delete_claim"));
    db.ok(&["undelete", &claim]);
    assert_eq!(db.json(&["list", "--json"]).as_array().unwrap().len(), 1);
    db.verified();
}

#[test]
fn bad_corrections_are_refused_with_one_line_and_change_nothing() {
    let db = Db::new();
    let logged = db.log(&["--claim", "The port is closed", "--by", "Harbour Office", "--via", "Coast News"]);
    let claim = id(&logged["claim_id"]);
    let speaker = id(&logged["appearance_ids"][0]);
    let wire = id(&logged["appearance_ids"][1]);
    db.log(&["--claim", "The port is open", "--by", "Harbour Office"]);
    db.log(&["--claim", "Ships wait", "--by", "Yuri Ushakov"]);

    assert!(db.refused(&["edit", "0000dead", "--text", "x"]).contains("no record"));
    db.refused(&["edit", "not-an-id", "--text", "x"]);
    assert!(db.refused(&["edit", &claim, "--text", "  "]).contains("empty"));
    db.refused(&["edit", &claim, "--text", "The port is open"]);
    db.refused(&["edit", &claim, "--quote", "words"]);
    db.refused(&["edit", &speaker, "--stance", "maybe"]);
    db.refused(&["edit", &speaker, "--said-at", "last Thursday"]);
    db.refused(&["edit", &speaker, "--kind", "shouted"]);
    db.refused(&["edit", &speaker]);
    db.refused(&["edit", &speaker, "--claim", "ffffffff"]);
    db.refused(&["edit", &speaker, "--by", "Yuri Ushakow"]);
    db.refused(&["edit", &speaker, "--by", "Harbour Office"]);
    db.refused(&["relay", &speaker, &speaker]);
    db.refused(&["relay", "delete", &speaker, &speaker]);
    db.refused(&["relay", "delete", &speaker, &wire]);
    db.refused(&["undelete", &wire]);
    assert!(db.refused(&["undelete", &claim]).contains("not deleted"));
    let harbour = id(&db.json(&["show", &claim, "--json"])["appearances"][0]["actor_id"]);
    assert!(db.refused(&["delete", &harbour]).contains("only appearances, relay edges and claims"));
    assert!(db.refused(&["edit", &harbour, "--name", "Coast News"]).contains("already names"));
    db.refused(&["edit", &harbour, "--domain", "not a domain"]);
    db.refused(&["edit", &harbour, "--text", "words"]);
    db.ok(&["delete", &wire]);
    assert!(db.refused(&["delete", &wire]).contains("already deleted"));
    assert!(db.refused(&["edit", &wire, "--quote", "words"]).contains("is deleted"));
    db.refused(&["relay", &wire, &speaker, "--relation", "quotes"]);
    // A quote longer than a claim may be is refused with the limit, logged or corrected.
    let long = "q".repeat(100_001);
    assert!(db.refused(&["edit", &speaker, "--quote", &long]).contains("the limit is 100000"));
    let err = db.refused(&["log", "--claim", "The port is shut", "--by", "Harbour Office", "--quote", &long]);
    assert!(err.contains("quote is 100001 characters long"), "{err}");
}

#[test]
fn undo_with_nothing_to_undo_and_redo_with_nothing_to_redo_are_refused() {
    let fresh = Db::new();
    fresh.log(&["--claim", "Only one", "--by", "A Person"]);
    fresh.ok(&["undo"]);
    assert!(fresh.refused(&["undo"]).contains("nothing to undo"));
    fresh.ok(&["redo"]);
    assert!(fresh.refused(&["redo"]).contains("nothing to redo"));
    fresh.refused(&["undo", "--steps", "5"]);
    fresh.refused(&["undo", "--steps", "0"]);
    fresh.verified();
}

#[test]
fn a_relay_edge_is_corrected_in_its_relation_and_ends_and_the_correction_undone() {
    let db = Db::new();
    let logged =
        db.log(&["--claim", "Fuel runs out", "--by", "Port Authority", "--via", "Wire One", "--via", "Paper Two"]);
    let claim = id(&logged["claim_id"]);
    let [speaker, wire, paper] = [0, 1, 2].map(|i| id(&logged["appearance_ids"][i]));
    let upstream = |app: &str| -> Vec<Value> {
        db.appearances(&claim).into_iter().find(|a| a["id"] == app).unwrap()["upstream"].as_array().unwrap().clone()
    };
    db.ok(&["relay", "edit", &paper, &wire, "--relation", "republishes", "--new-to", &speaker]);
    assert_eq!(upstream(&paper), [Value::String(speaker.clone())]);
    let trace = db.json(&["trace", &claim, "--json"]);
    assert!(trace["edges"].as_array().unwrap().iter().any(|e| e["relation"] == "republishes"), "{}", trace["edges"]);
    assert!(db.refused(&["relay", "edit", &paper, &speaker, "--new-to", &paper]).contains("cannot relay itself"));
    assert!(db.refused(&["relay", "edit", &paper, &speaker]).contains("nothing to change"));
    db.refused(&["relay", "edit", &paper, &wire, "--relation", "quotes"]);
    db.ok(&["undo"]);
    assert_eq!(upstream(&paper), [Value::String(wire.clone())]);
    db.verified();
}

#[test]
fn desk_actions_merges_and_decisions_are_undone_and_redone_by_the_same_commands() {
    let db = Db::new();
    let one = db.log(&["--claim", "The port closed on Monday", "--by", "Ines Moreau", "--via", "Coast Wire"]);
    let two = db.log(&["--claim", "The harbour shut on Monday", "--by", "Tomasz Kowalczyk", "--via", "Bay Herald"]);
    let (c1, c2) = (id(&one["claim_id"]), id(&two["claim_id"]));
    let before = dump::dump_file(&db.path);
    let actions: &[&[&str]] = &[
        &["tag", &c1, "ports"],
        &["case", "add", "Harbours", &c1, &c2],
        &["review-url", &c1, "https://checks.example/port"],
        &["assign", &c2, "Maya", "--due", "2025-09-01"],
        &["actor", "distinct", "Ines Moreau", "Tomasz Kowalczyk"],
        &["actor", "merge", "Coast Wire", "Bay Herald"],
        &["claim", "merge", &c1, &c2],
    ];
    for a in actions {
        db.ok(a);
    }
    let merged = db.json(&["show", &c1, "--json"]);
    assert_eq!(merged["appearances"].as_array().unwrap().len(), 4);
    let after = db.json(&["show", &c1, "--json"]);

    // More steps than were taken: refused, nothing changed.
    db.refused(&["undo", "--steps", "50"]);
    let undone = db.json(&["undo", "--steps", "7", "--json"]);
    let actions_undone: Vec<&str> = undone.as_array().unwrap().iter().map(|s| s["action"].as_str().unwrap()).collect();
    assert_eq!(
        actions_undone,
        ["claim_merge", "actor_merge", "actor_distinct", "assign", "review_url", "case_add", "tag"]
    );
    let shown = db.json(&["show", &c1, "--json"]);
    assert_eq!(shown["appearances"].as_array().unwrap().len(), 2);
    assert_eq!(shown["tags"], serde_json::json!([]));
    assert!(shown["review_url"].is_null());
    let two_again = db.json(&["show", &c2, "--json"]);
    assert!(two_again["assignee"].is_null());
    assert!(db.ok(&["actor", "show", "Bay Herald"]).contains("Bay Herald"));
    db.verified();
    // Only the history grew: audit events, the chain and the undo stack.
    let grown = ["audit_event:", "audit_subject:", "history_entry:", "undo_step:"];
    let user_rows = |rows: Vec<String>| -> Vec<String> {
        rows.into_iter().filter(|r| !grown.iter().any(|g| r.starts_with(g))).collect()
    };
    assert_eq!(user_rows(dump::dump_file(&db.path)), user_rows(before));

    db.ok(&["redo", "--steps", "7"]);
    let redone = db.json(&["show", &c1, "--json"]);
    for field in ["tags", "cases", "review_url", "appearances"] {
        assert_eq!(redone[field], after[field], "{field} after redo");
    }
    db.verified();
}

#[test]
fn a_log_is_in_the_history_with_its_author_and_verify_covers_it() {
    let db = Db::new();
    let logged = db.log(&["--claim", "The ferry sank", "--by", "Lena Park", "--via", "Sea News", "--author", "ana"]);
    let claim = id(&logged["claim_id"]);
    let history = db.json(&["show", &claim, "--history", "--json"]);
    let events = history.as_array().unwrap();
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0]["action"], "log");
    assert_eq!(events[0]["author"], "ana");
    let created: Vec<&str> =
        events[0]["detail"]["actors_created"].as_array().unwrap().iter().map(|a| a["name"].as_str().unwrap()).collect();
    assert_eq!(created, ["Lena Park", "Sea News"]);
    assert!(db.ok(&["show", &claim, "--history"]).contains("ana"));
    db.verified();
    // Without --author the log is the user's ($USER).
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_claimtrail"))
        .arg("--db")
        .arg(&db.path)
        .args(["log", "--claim", "The ferry sank", "--by", "Lena Park", "--via", "Port Radio"])
        .env_remove("CLAIMTRAIL_DB")
        .env("USER", "ben")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let history = db.json(&["show", &claim, "--history", "--json"]);
    assert_eq!(history.as_array().unwrap().last().unwrap()["author"], "ben");
    // A blank author is refused like any other: one line, nothing written.
    db.refused(&["log", "--claim", "Another", "--by", "Lena Park", "--author", " "]);
}

#[test]
fn a_relay_is_in_the_history_with_its_author_and_a_relay_across_two_claims_is_refused() {
    let db = Db::new();
    let logged = db.log(&["--claim", "The dam holds", "--by", "River Board", "--via", "Valley Radio"]);
    let claim = id(&logged["claim_id"]);
    let [board, radio] = [0, 1].map(|i| id(&logged["appearance_ids"][i]));
    let later = db.log(&["--claim", "The dam holds", "--by", "Town Paper", "--to", &claim]);
    let paper = id(&later["appearance_ids"][0]);
    let other = db.log(&["--claim", "The bridge is shut", "--by", "Road Office"]);
    let road = id(&other["appearance_ids"][0]);

    let err = db.refused(&["relay", &paper, &road]);
    assert!(err.contains("one claim"), "{err}");
    let handle = |claim: &str| db.json(&["show", claim, "--json"])["handle"].as_str().unwrap().to_string();
    assert!(err.contains(&handle(&claim)) && err.contains(&handle(&id(&other["claim_id"]))), "{err}");

    // Moving an edge's end onto another claim's appearance is refused the same way.
    let moved = db.refused(&["relay", "edit", &radio, &board, "--new-to", &road]);
    assert!(moved.contains("one claim"), "{moved}");
    db.ok(&["relay", &paper, &radio, "--author", "mira"]);
    let deleted = db.ok(&["relay", "delete", &paper, &radio]);
    assert!(!deleted.contains(&paper) && !deleted.contains(&radio) && deleted.contains(" > "), "{deleted}");
    db.ok(&["undo"]);
    let history = db.json(&["show", &claim, "--history", "--json"]);
    let relay =
        history.as_array().unwrap().iter().find(|e| e["action"] == "relay").expect("the relay is in the history");
    assert_eq!(relay["author"], "mira", "{relay}");
    let shown = db.ok(&["show", &claim, "--history"]);
    assert!(shown.contains("added relay"), "{shown}");

    // Every line of the corrections names records by handles a person can type back, never a full id.
    let undone = db.ok(&["undo"]);
    assert!(undone.starts_with("undid relay") && !undone.contains(&claim), "{undone}");
    assert!(undone.contains(&handle(&claim)), "{undone}");
    let deleted = db.ok(&["delete", &board]);
    assert!(!deleted.contains(&board), "{deleted}");
    let board_handle = deleted.split_whitespace().last().unwrap();
    assert!(board_handle.len() < 12, "{deleted}");
    db.ok(&["undelete", board_handle]);
    db.verified();
}
