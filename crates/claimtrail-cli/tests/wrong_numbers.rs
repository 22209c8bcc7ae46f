//! The numbers a checker reads, through the real binary on a real SQLite
//! file: `list` and `trace` count the same outlets, the false-corroboration
//! warning names only what traces back to the origin, and a page's outlet
//! that is the last relay is that relay's appearance, not a second hop.

#[path = "support/cli.rs"]
mod cli;

use std::process::Output;

use serde_json::Value;

struct Db {
    dir: tempfile::TempDir,
}

impl Db {
    fn new() -> Db {
        Db { dir: tempfile::tempdir().unwrap() }
    }

    fn run(&self, args: &[&str]) -> Output {
        cli::run(self.dir.path().join("desk.sqlite3"), args)
    }

    fn json(&self, args: &[&str]) -> Value {
        cli::json(self.run(args), args)
    }

    /// Logs "The dam burst" said by "Official" with `chain` (relays, page,
    /// outlet) and returns the claim id.
    fn log_dam(&self, chain: &[&str]) -> String {
        let mut args = vec!["log", "--claim", "The dam burst", "--by", "Official"];
        args.extend_from_slice(chain);
        args.push("--json");
        self.json(&args)["claim_id"].as_str().unwrap().to_owned()
    }

    /// Actor names along each path of the claim's trace.
    fn paths(&self, id: &str) -> Vec<Vec<String>> {
        serde_json::from_value(self.json(&["trace", id, "--json"])["paths"].clone()).unwrap()
    }
}

#[test]
fn trace_warning_names_only_the_outlets_that_trace_back_to_the_origin() {
    let db = Db::new();
    let claim = "Luhansk is fully under Russian control";
    let logged = db.json(&[
        "log",
        "--claim",
        claim,
        "--by",
        "Leonid Pasechnik",
        "--via",
        "TASS",
        "--via",
        "RIA",
        "--via",
        "Izvestia",
        "--json",
    ]);
    db.json(&[
        "log",
        "--claim",
        claim,
        "--by",
        "the British outlet",
        "--by-kind",
        "unidentified",
        "--via",
        "RT",
        "--json",
    ]);
    let id = logged["claim_id"].as_str().unwrap();
    let out = db.run(&["trace", id]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains("all trace back"), "{text}");
    assert!(text.contains("TASS, RIA, Izvestia trace back to one independent origin (Leonid Pasechnik)"), "{text}");
}

#[test]
fn list_and_trace_count_the_same_outlets_for_a_disputing_outlet() {
    let db = Db::new();
    let logged = db.json(&[
        "log",
        "--claim",
        "Bridge fell",
        "--by",
        "BBC",
        "--by-kind",
        "outlet",
        "--stance",
        "disputes",
        "--json",
    ]);
    let id = logged["claim_id"].as_str().unwrap();
    let trace = db.json(&["trace", id, "--json"]);
    let list = db.json(&["list", "--json"]);
    let row = list.as_array().unwrap().iter().find(|r| r["id"] == id).unwrap();
    assert_eq!(row["outlets"].as_u64().unwrap() as usize, trace["outlets"].as_array().unwrap().len(), "{row}");
    assert_eq!(row["independent_origins"], trace["independent_origins"]);
    let shown = String::from_utf8(db.run(&["list"]).stdout).unwrap();
    assert!(shown.contains("0 outlets / 0 independent"), "{shown}");
}

#[test]
fn an_outlet_that_is_the_last_relay_is_that_relays_page_not_a_second_hop() {
    let db = Db::new();
    let id = db.log_dam(&["--via", "RT", "--url", "https://www.rt.com/news/1", "--outlet", "RT"]);
    assert_eq!(db.paths(&id), vec![vec!["Official".to_string(), "RT".to_string()]]);
    let shown = db.json(&["show", &id, "--json"]);
    let rt: Vec<&Value> = shown["appearances"].as_array().unwrap().iter().filter(|a| a["actor"] == "RT").collect();
    assert_eq!(rt.len(), 1, "{shown}");
    assert_eq!(rt[0]["url"], "https://www.rt.com/news/1");
    assert_eq!(rt[0]["located"], true);
}

#[test]
fn an_outlet_written_differently_from_the_last_relay_is_still_its_page() {
    let db = Db::new();
    let id = db.log_dam(&["--via", "Al Jazeera", "--url", "https://aljazeera.com/1", "--outlet", "al  jazeera"]);
    assert_eq!(db.paths(&id), vec![vec!["Official".to_string(), "Al Jazeera".to_string()]]);
}

#[test]
fn a_different_outlet_after_the_relays_is_still_a_hop() {
    let db = Db::new();
    let id = db.log_dam(&["--via", "ANI", "--url", "https://aljazeera.com/1", "--outlet", "Al Jazeera"]);
    assert_eq!(db.paths(&id), vec![vec!["Official".to_string(), "ANI".to_string(), "Al Jazeera".to_string()]]);
}
