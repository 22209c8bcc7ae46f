//! Duplicates already in the database (`actors --duplicates`), the
//! checker's "not the same" (`actor distinct`, and `log --new-actor`), and a
//! merge correcting the origin count. Driven through the real binary on a
//! real SQLite file.

#[path = "support/cli.rs"]
mod cli;

#[path = "../../claimtrail-core/tests/support/dump.rs"]
mod dump;

use std::path::PathBuf;
use std::process::Output;

use serde_json::Value;

const CLAIM_ID: &str = "01a24e7f-0000-7000-8000-0000000000c1";

/// Two spellings of one man as separate actors, both origins of one claim:
/// what the database held before names were resolved. An import resolves
/// exact names only, so it brings them in apart.
const OLD_ROWS: &str = "\
appearance_id,claim_id,claim,status,actor_id,actor,actor_kind,actor_role,stance,kind,quote,prefix,suffix,cue,said_at,said_at_text,said_where,document_id,url,title,outlet_id,outlet,published_at,located,upstream,created_at
01a24e7f-0000-7000-8000-000000000001,01a24e7f-0000-7000-8000-0000000000c1,Luhansk is fully under Russian control,unverified,01a24e7f-0000-7000-8000-0000000000a1,Leonid Pasechnik,person,,asserts,direct,,,,,,,,,,,,,,,,2025-03-01T10:00:00Z
01a24e7f-0000-7000-8000-000000000002,01a24e7f-0000-7000-8000-0000000000c1,Luhansk is fully under Russian control,unverified,01a24e7f-0000-7000-8000-0000000000a2,Leonid Pasechnick,person,,asserts,direct,,,,,,,,,,,,,,,,2025-03-01T10:05:00Z
01a24e7f-0000-7000-8000-000000000003,01a24e7f-0000-7000-8000-0000000000c2,Kyiv will fall in three days,unverified,01a24e7f-0000-7000-8000-0000000000a1,Leonid Pasechnik,person,,asserts,direct,,,,,,,,,,,,,,,,2025-03-01T10:10:00Z
";

struct Desk {
    dir: tempfile::TempDir,
}

impl Desk {
    fn new() -> Desk {
        Desk { dir: tempfile::tempdir().unwrap() }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("desk.sqlite3")
    }

    /// A desk whose database holds [`OLD_ROWS`].
    fn with_old_rows() -> Desk {
        let desk = Desk::new();
        let csv = desk.dir.path().join("old.csv");
        std::fs::write(&csv, OLD_ROWS).unwrap();
        desk.ok(&["import", csv.to_str().unwrap()]);
        desk
    }

    fn run(&self, args: &[&str]) -> Output {
        cli::run(self.db(), args)
    }

    fn ok(&self, args: &[&str]) -> String {
        cli::stdout(self.run(args), args)
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }

    /// Exit 2, one line on stderr, nothing on stdout and no row changed.
    fn refused(&self, args: &[&str]) -> String {
        let before = dump::dump_file(&self.db());
        let out = self.run(args);
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
        assert!(out.stdout.is_empty());
        assert_eq!(dump::dump_file(&self.db()), before, "a refusal changed the database");
        stderr
    }

    fn audit_actions(&self, action: &str) -> usize {
        let conn = rusqlite::Connection::open(self.db()).unwrap();
        conn.query_row("SELECT count(*) FROM audit_event WHERE action = ?1", [action], |r| r.get::<_, i64>(0)).unwrap()
            as usize
    }
}

#[test]
fn duplicates_are_listed_with_reason_and_claims_and_a_distinct_pair_never_again() {
    let desk = Desk::with_old_rows();
    let pairs = desk.json(&["actors", "--duplicates", "--json"]);
    assert_eq!(
        pairs,
        serde_json::json!([{
            "a": {"id": "01a24e7f-0000-7000-8000-0000000000a1", "name": "Leonid Pasechnik"},
            "b": {"id": "01a24e7f-0000-7000-8000-0000000000a2", "name": "Leonid Pasechnick"},
            "reason": "transliteration",
            "score": 0.9,
            "claims": {"a": 2, "b": 1},
        }])
    );
    let text = desk.ok(&["actors", "--duplicates"]);
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.contains("\"Leonid Pasechnik\"") && text.contains("(2 claims)"), "{text}");
    assert!(text.contains("another spelling of the same name"), "{text}");

    desk.ok(&["actor", "distinct", "Leonid Pasechnick", "01a24e7f-0000-7000-8000-0000000000a1"]);
    assert_eq!(desk.json(&["actors", "--duplicates", "--json"]), serde_json::json!([]));
    assert_eq!(desk.ok(&["actors", "--duplicates"]), "");
    assert_eq!(desk.audit_actions("actor_distinct"), 1);
    desk.ok(&["verify"]);
    // Still not listed once another actor is added beside them.
    desk.ok(&["log", "--claim", "Nothing to report", "--by", "Ekaterina Mizulina"]);
    assert_eq!(desk.json(&["actors", "--duplicates", "--json"]), serde_json::json!([]));
}

#[test]
fn refused_distinct_decisions_change_nothing() {
    let desk = Desk::with_old_rows();
    desk.ok(&["actor", "distinct", "Leonid Pasechnik", "Leonid Pasechnick"]);
    let again = desk.refused(&["actor", "distinct", "Leonid Pasechnick", "Leonid Pasechnik"]);
    assert!(again.contains("already recorded as different"), "{again}");
    let same = desk.refused(&["actor", "distinct", "Leonid Pasechnik", "01a24e7f-0000-7000-8000-0000000000a1"]);
    assert!(same.contains("the same actor"), "{same}");
    let unknown = desk.refused(&["actor", "distinct", "Leonid Pasechnik", "Somebody Else"]);
    assert!(unknown.contains("no actor matches `Somebody Else`"), "{unknown}");
}

#[test]
fn a_new_actor_logged_despite_candidates_is_not_listed_as_their_duplicate() {
    let desk = Desk::new();
    desk.ok(&["log", "--claim", "Talks will continue", "--by", "Leonid Pasechnik"]);
    desk.refused(&["log", "--claim", "Talks are over", "--by", "Leonid Pasechnick"]);
    desk.ok(&["log", "--claim", "Talks are over", "--by", "Leonid Pasechnick", "--new-actor"]);
    assert_eq!(desk.json(&["actors", "--json"]).as_array().unwrap().len(), 2);
    assert_eq!(desk.json(&["actors", "--duplicates", "--json"]), serde_json::json!([]));
    assert_eq!(desk.audit_actions("actor_distinct"), 1);
    // The decision is the checker's to take back: the pair can still be merged.
    desk.ok(&["actor", "merge", "Leonid Pasechnik", "Leonid Pasechnick"]);
    assert_eq!(desk.json(&["actors", "--json"]).as_array().unwrap().len(), 1);
    desk.ok(&["verify"]);
}

#[test]
fn merging_a_listed_pair_corrects_the_origin_count_of_the_claims_it_touches() {
    let desk = Desk::with_old_rows();
    let trace = desk.json(&["trace", CLAIM_ID, "--json"]);
    assert_eq!(trace["independent_origins"], 2);
    let pair = &desk.json(&["actors", "--duplicates", "--json"])[0];
    let (keep, drop) = (pair["a"]["id"].as_str().unwrap(), pair["b"]["id"].as_str().unwrap());
    desk.ok(&["actor", "merge", keep, drop]);
    let trace = desk.json(&["trace", CLAIM_ID, "--json"]);
    assert_eq!(trace["independent_origins"], 1, "{trace}");
    assert_eq!(trace["origins"].as_array().unwrap().len(), 1, "{trace}");
    assert_eq!(desk.json(&["actors", "--duplicates", "--json"]), serde_json::json!([]));
    assert_eq!(desk.audit_actions("actor_merge"), 1);
    // The merge is in the history of the claim it touched, naming both actors.
    let history = desk.ok(&["show", CLAIM_ID, "--history"]);
    let merged =
        format!("actor merge: {} into {}", pair["b"]["name"].as_str().unwrap(), pair["a"]["name"].as_str().unwrap());
    assert!(history.contains(&merged), "{history}");
}

/// Issue 13, item 2: an import cannot ask, so it creates the new spelling
/// and says it may be an actor already here, how to decide, and nothing
/// about the exact name it resolved.
#[test]
fn an_import_names_the_new_actors_that_may_be_actors_you_already_have() {
    let rows = "\
appearance_id,claim,actor,actor_kind,stance
01a24e7f-0000-7000-8000-0000000000f1,Severodonetsk has fallen,Leonid Pasechnick,person,asserts
01a24e7f-0000-7000-8000-0000000000f2,Lysychansk has fallen,leonid pasechnik,person,asserts
01a24e7f-0000-7000-8000-0000000000f3,Nothing to report,Ekaterina Mizulina,person,asserts
";
    let desk = |name: &str| {
        let desk = Desk::new();
        desk.ok(&["log", "--claim", "Luhansk is fully under Russian control", "--by", "Leonid Pasechnik"]);
        let csv = desk.dir.path().join(name);
        std::fs::write(&csv, rows).unwrap();
        (desk, csv.to_str().unwrap().to_string())
    };

    let (text_desk, csv) = desk("rows.csv");
    let text = text_desk.ok(&["import", &csv]);
    assert!(text.contains("added: 3 claims, 2 actors, 3 appearances"), "{text}");
    assert!(text.contains("1 new actor may be an actor you already have:"), "{text}");
    let pair = text.lines().find(|l| l.contains("~")).unwrap();
    assert!(
        pair.trim_start().starts_with("\"Leonid Pasechnick\"")
            && pair.contains("\"Leonid Pasechnik\"")
            && pair.contains("another spelling of the same name"),
        "{text}"
    );
    assert!(!text.contains("Mizulina"), "{text}");
    assert!(text.contains("`claimtrail actors --duplicates`") && text.contains("`claimtrail actor merge"), "{text}");
    assert!(text.contains("`claimtrail actor distinct"), "{text}");

    let (json_desk, csv) = desk("rows.csv");
    let report = json_desk.json(&["import", &csv, "--json"]);
    let pasechnik = json_desk.json(&["actor", "show", "Leonid Pasechnik", "--json"])["actor"]["id"].clone();
    let pasechnick = json_desk.json(&["actor", "show", "Leonid Pasechnick", "--json"])["actor"]["id"].clone();
    assert_eq!(
        report["possible_duplicates"],
        serde_json::json!([{
            "new": {"id": pasechnick, "name": "Leonid Pasechnick"},
            "candidates": [{"id": pasechnik, "name": "Leonid Pasechnik", "reason": "transliteration", "score": 0.9}],
        }])
    );
    // The same pair is what `actors --duplicates` lists, until decided.
    assert_eq!(json_desk.json(&["actors", "--duplicates", "--json"]).as_array().unwrap().len(), 1);
}
