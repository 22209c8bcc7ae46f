//! A name that only looks like a known actor is the checker's decision:
//! `log` refuses it naming the candidates, changing nothing, until she picks
//! one (`--by-id`, or the known name) or says it is someone else
//! (`--new-actor`). Driven through the real binary on a real SQLite file.

#[path = "support/cli.rs"]
mod cli;

#[path = "../../claimtrail-core/tests/support/dump.rs"]
mod dump;

use std::process::Output;

use serde_json::Value;

const CLAIM: &str = "Luhansk is fully under Russian control";

struct Db {
    dir: tempfile::TempDir,
}

impl Db {
    fn run(&self, args: &[&str]) -> Output {
        cli::run(self.dir.path().join("desk.sqlite3"), args)
    }

    fn json(&self, args: &[&str]) -> Value {
        cli::json(self.run(args), args)
    }

    /// Exit 2, one line on stderr, nothing on stdout and no table changed.
    fn refused(&self, args: &[&str]) -> String {
        let before = dump::dump_file(&self.dir.path().join("desk.sqlite3"));
        let out = self.run(args);
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
        assert!(out.stdout.is_empty());
        assert_eq!(dump::dump_file(&self.dir.path().join("desk.sqlite3")), before, "a refusal changed the database");
        stderr
    }
}

fn actor_field(db: &Db, name: &str, field: &str) -> String {
    let actors = db.json(&["actors", "--json"]);
    actors.as_array().unwrap().iter().find(|a| a["name"] == name).unwrap()[field].as_str().unwrap().to_owned()
}

fn actor_id(db: &Db, name: &str) -> String {
    actor_field(db, name, "id")
}

#[test]
fn variants_of_a_known_name_are_refused_with_the_candidate_until_the_checker_picks_it() {
    let db = Db { dir: tempfile::tempdir().unwrap() };
    let first = db.json(&["log", "--claim", CLAIM, "--by", "Leonid Pasechnik", "--via", "Al Jazeera", "--json"]);
    assert_eq!(first["actors"][0]["resolution"], "new");
    let pasechnik = actor_id(&db, "Leonid Pasechnik");
    let pasechnik_handle = actor_field(&db, "Leonid Pasechnik", "handle");

    for variant in ["Leonid Pasechnick", "Pasechnik"] {
        let line = db.refused(&["log", "--claim", CLAIM, "--by", variant, "--via", "RIA"]);
        assert!(line.contains("\"Leonid Pasechnik\""), "{line}");
        assert!(line.contains(&pasechnik_handle), "the refusal gives the handle to pick: {line}");
        assert!(line.contains("--new-actor"), "{line}");
    }
    // A spelling variant of a known outlet is refused the same way.
    let line = db.refused(&["log", "--claim", CLAIM, "--by", "Leonid Pasechnik", "--via", "Al-Jazeera"]);
    assert!(line.contains("\"Al Jazeera\""), "{line}");

    // The checker picks the candidate each time, by the handle shown or the
    // full id: one speaker, one origin.
    for (via, outlet, pick) in [("RIA", "Izvestia", &pasechnik_handle), ("TASS", "Kenya Star", &pasechnik)] {
        let logged = db.json(&["log", "--claim", CLAIM, "--by-id", pick, "--via", via, "--outlet", outlet, "--json"]);
        assert_eq!(logged["new_claim"], false);
        assert_eq!(
            logged["actors"][0],
            serde_json::json!({"name": "Leonid Pasechnik", "id": pasechnik, "resolution": "chosen"})
        );
    }
    let trace = db.json(&["trace", first["claim_id"].as_str().unwrap(), "--json"]);
    assert_eq!(trace["independent_origins"], 1, "{trace}");
}

#[test]
fn new_actor_records_a_different_person_who_is_then_known_by_that_name() {
    let db = Db { dir: tempfile::tempdir().unwrap() };
    db.json(&["log", "--claim", CLAIM, "--by", "Boris Johnson", "--json"]);
    // Another person of the same surname is no candidate at all.
    let other = db.json(&["log", "--claim", CLAIM, "--by", "Lyndon Johnson", "--json"]);
    assert_eq!(other["actors"][0]["resolution"], "new");
    // "Johnson" alone may be him: refused.
    let line = db.refused(&["log", "--claim", CLAIM, "--by", "Johnson"]);
    assert!(line.contains("\"Boris Johnson\" (surname of this person"), "{line}");
    assert!(line.contains("\"Lyndon Johnson\" (surname of this person"), "{line}");
    // The checker knows this is someone else.
    let logged = db.json(&["log", "--claim", CLAIM, "--by", "Johnson", "--new-actor", "--json"]);
    assert_eq!(logged["actors"][0]["resolution"], "new");
    // Now "Johnson" is a known name and resolves without asking.
    let again = db.json(&["log", "--claim", CLAIM, "--by", "Johnson", "--via", "BBC", "--json"]);
    assert_eq!(again["actors"][0]["resolution"], "exact");
}
