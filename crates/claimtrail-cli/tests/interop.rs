//! Exports, imports and case bundles through the real binary on real files:
//! the demo case in every format, round trips into an empty database, and
//! bad files refused with the database unchanged.

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

const FORMATS: &[&str] =
    &["claimreview", "prov-ttl", "prov-json", "graphml", "gexf", "dot", "csl-json", "annotations", "csv", "bundle"];

/// A temporary folder with one database in it.
struct Desk {
    dir: tempfile::TempDir,
}

impl Desk {
    fn new() -> Desk {
        Desk { dir: tempfile::tempdir().unwrap() }
    }

    fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn claimtrail(&self, args: &[&str]) -> Output {
        std::process::Command::new(env!("CARGO_BIN_EXE_claimtrail"))
            .arg("--db")
            .arg(self.file("case.sqlite3"))
            .args(args)
            .env_remove("CLAIMTRAIL_DB")
            .output()
            .unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.claimtrail(args);
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }

    /// Must fail as a user error (exit 2, one line) without touching the database.
    fn refused(&self, args: &[&str]) -> String {
        let before = rows(&self.file("case.sqlite3"));
        let out = self.claimtrail(args);
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
        assert_eq!(rows(&self.file("case.sqlite3")), before, "{args:?} changed the database");
        stderr
    }
}

/// Every row of every table except the full-text indexes, sorted.
fn rows(db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut tables = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%'")
        .unwrap();
    let names: Vec<String> = tables.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    let mut out: Vec<String> = Vec::new();
    for t in names {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let width = stmt.column_count();
        let mut cursor = stmt.query([]).unwrap();
        while let Some(r) = cursor.next().unwrap() {
            out.push(format!(
                "{t} {:?}",
                (0..width).map(|i| format!("{:?}", r.get_ref(i).unwrap())).collect::<Vec<_>>()
            ));
        }
    }
    out.sort();
    out
}

#[test]
fn the_demo_case_exports_in_every_format() {
    let desk = Desk::new();
    desk.ok(&["demo"]);
    let claim = desk.ok(&["list", "--json"]);
    let claim: Value = serde_json::from_str(&claim).unwrap();
    let id = claim[0]["id"].as_str().unwrap().to_string();
    desk.ok(&["status", &id, "--set", "false", "--reason", "The map shows otherwise", "--author", "Desk"]);
    for format in FORMATS {
        let path = desk.file(&format!("demo.{format}"));
        desk.ok(&["export", "--format", format, "--case", "Ukraine, July 2025", "-o", path.to_str().unwrap()]);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(!text.trim().is_empty(), "{format} is empty");
        if format.ends_with("json") || ["claimreview", "annotations", "bundle"].contains(format) {
            serde_json::from_str::<Value>(&text).unwrap_or_else(|e| panic!("{format}: {e}"));
        }
    }
    let review =
        desk.ok(&["export", "--format", "claimreview", "--claim", &id, "--review-url", "https://desk.example/{claim}"]);
    let review: Value = serde_json::from_str(&review).unwrap();
    assert_eq!(review["@graph"][0]["url"], format!("https://desk.example/{id}"));
    assert_eq!(review["@graph"][0]["reviewRating"]["alternateName"], "False");
    assert_eq!(review["@graph"][0]["reviewRating"]["ratingValue"], 1);
}

#[test]
fn unverified_claims_are_left_out_of_claimreview_with_a_note() {
    let desk = Desk::new();
    desk.ok(&["demo"]);
    let out = desk.claimtrail(&["export", "--format", "claimreview"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("8 unverified claim(s) left out"));
}

#[test]
fn a_bundle_imported_twice_yields_everything_once() {
    let theirs = Desk::new();
    theirs.ok(&["demo"]);
    let list: Value = serde_json::from_str(&theirs.ok(&["list", "--json"])).unwrap();
    let id = list[0]["id"].as_str().unwrap().to_string();
    theirs.ok(&["status", &id, "--set", "contested", "--reason", "Maps disagree", "--author", "A"]);
    let bundle = theirs.file("case.json");
    theirs.ok(&["bundle", "export", "--case", "Ukraine, July 2025", "-o", bundle.to_str().unwrap()]);

    let mine = Desk::new();
    let first = mine.ok(&["import", bundle.to_str().unwrap()]);
    assert!(first.contains("as bundle") && first.contains("added: 8 claims"), "{first}");
    let after_first = rows(&mine.file("case.sqlite3"));
    let second: Value = serde_json::from_str(&mine.ok(&["import", bundle.to_str().unwrap(), "--json"])).unwrap();
    assert_eq!(second["added"]["verdicts"], 0);
    assert_eq!(second["added"]["appearances"], 0);
    assert_eq!(rows(&mine.file("case.sqlite3")), after_first);
    let trace_theirs: Value = serde_json::from_str(&theirs.ok(&["trace", &id, "--json"])).unwrap();
    let trace_mine: Value = serde_json::from_str(&mine.ok(&["trace", &id, "--json"])).unwrap();
    assert_eq!(trace_mine["paths"], trace_theirs["paths"]);
    let shown: Value = serde_json::from_str(&mine.ok(&["show", &id, "--json"])).unwrap();
    assert_eq!(shown["history"].as_array().unwrap().len(), 1);
    assert_eq!(shown["status"], "contested");
    // Imported verdicts join this database's tamper-evident history.
    mine.ok(&["verify"]);
}

#[test]
fn export_import_export_round_trips_in_an_empty_database() {
    let theirs = Desk::new();
    theirs.ok(&["demo"]);
    for format in ["bundle", "csv"] {
        let first = theirs.ok(&["export", "--format", format]);
        let file = theirs.file(&format!("first.{format}"));
        std::fs::write(&file, &first).unwrap();
        let mine = Desk::new();
        mine.ok(&["import", file.to_str().unwrap()]);
        let second = mine.ok(&["export", "--format", format]);
        let strip = |s: &str| s.lines().filter(|l| !l.contains("\"exported_at\"")).collect::<Vec<_>>().join("\n");
        assert_eq!(strip(&first), strip(&second), "{format}");
    }
}

#[test]
fn bad_files_are_refused_and_change_nothing() {
    let desk = Desk::new();
    desk.ok(&["demo"]);
    let bundle = desk.ok(&["export", "--format", "bundle"]);
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("truncated.json", bundle.as_bytes()[..bundle.len() / 3].to_vec(), "truncated"),
        ("page.html", b"<html><body>hello</body></html>".to_vec(), "not a format claimtrail imports"),
        ("newer.json", br#"{"format": "claimtrail-bundle", "version": 99}"#.to_vec(), "newer than this build"),
        ("other.json", br#"{"name": "not ours"}"#.to_vec(), "neither"),
    ];
    for (name, bytes, message) in cases {
        let path = desk.file(name);
        std::fs::write(&path, bytes).unwrap();
        let err = desk.refused(&["import", path.to_str().unwrap()]);
        assert!(err.contains(message), "{name}: {err}");
    }
    // The same actor id twice with different content.
    let mut value: Value = serde_json::from_str(&bundle).unwrap();
    let mut twin = value["actors"][0].clone();
    twin["kind"] = "government".into();
    value["actors"].as_array_mut().unwrap().push(twin);
    let path = desk.file("twin.json");
    std::fs::write(&path, value.to_string()).unwrap();
    assert!(desk.refused(&["import", path.to_str().unwrap()]).contains("used twice with different content"));

    let huge = desk.file("huge.csv");
    std::fs::File::create(&huge).unwrap().set_len(200 * 1024 * 1024).unwrap();
    assert!(desk.refused(&["import", huge.to_str().unwrap()]).contains("import limit is 100 MiB"));
    assert!(desk.refused(&["export", "--format", "pdf"]).contains("unknown export format"));
    assert!(desk.refused(&["export", "--format", "csv", "--case", "No such case"]).contains("no case matches"));
}

#[test]
fn csv_cells_cannot_run_as_formulas() {
    let desk = Desk::new();
    desk.ok(&[
        "log",
        "--claim",
        "=HYPERLINK(\"http://evil.example\",\"click\")",
        "--by",
        "@attacker",
        "--quote",
        "+1 tab\there",
    ]);
    let csv = desk.ok(&["export", "--format", "csv"]);
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
    assert!(csv.contains("'@attacker"), "{csv}");
    assert!(csv.contains("'+1 tab"), "{csv}");
}

#[test]
fn output_files_are_replaced_whole() {
    let desk = Desk::new();
    desk.ok(&["demo"]);
    let path = desk.file("out.dot");
    std::fs::write(&path, "old").unwrap();
    desk.ok(&["export", "--format", "dot", "-o", path.to_str().unwrap()]);
    assert!(std::fs::read_to_string(&path).unwrap().starts_with("digraph"));
    let leftovers: Vec<_> = std::fs::read_dir(desk.dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn a_bundle_snapshot_in_an_unknown_encoding_is_one_line_and_exit_2() {
    let theirs = Desk::new();
    let text = theirs.file("page.txt");
    std::fs::write(&text, "Officials said the bridge will reopen by May.").unwrap();
    let url = "https://news.example/bridge";
    theirs.ok(&["capture", url, "--text", text.to_str().unwrap()]);
    theirs.ok(&["log", "--claim", "The bridge will reopen by May", "--by", "Officials", "--url", url]);
    let bundle = theirs.file("case.claimtrail.json");
    theirs.ok(&["bundle", "export", "-o", bundle.to_str().unwrap()]);
    let mut value: Value = serde_json::from_slice(&std::fs::read(&bundle).unwrap()).unwrap();
    value["snapshots"][0]["raw_encoding"] = "zstd".into();
    std::fs::write(&bundle, serde_json::to_vec(&value).unwrap()).unwrap();

    let mine = Desk::new();
    mine.ok(&["demo"]);
    let line = mine.refused(&["bundle", "import", bundle.to_str().unwrap()]);
    assert!(line.contains("raw_encoding `zstd`") && line.contains("nothing was imported"), "{line}");
}

#[test]
fn show_says_imported_unverified_for_a_verdict_typed_into_a_bundle() {
    let theirs = Desk::new();
    theirs.ok(&["demo"]);
    let list: Value = serde_json::from_str(&theirs.ok(&["list", "--json"])).unwrap();
    let claim = list[0]["id"].as_str().unwrap().to_string();
    theirs.ok(&["status", &claim, "--set", "contested", "--reason", "Maps disagree", "--author", "ana"]);
    let bundle = theirs.file("case.claimtrail.json");
    theirs.ok(&["bundle", "export", "-o", bundle.to_str().unwrap()]);
    let mut value: Value = serde_json::from_slice(&std::fs::read(&bundle).unwrap()).unwrap();
    let entry = value["claims"].as_array_mut().unwrap().iter_mut().find(|c| c["id"] == claim.as_str()).unwrap();
    entry["verdicts"].as_array_mut().unwrap().push(serde_json::json!({
        "id": "01900000-0000-7000-8000-00000000f0f0", "status": "verified", "reason": "Confirmed by our desk",
        "evidence": [], "author": "Chief Editor", "at": "2020-01-01",
    }));
    std::fs::write(&bundle, serde_json::to_vec(&value).unwrap()).unwrap();

    let mine = Desk::new();
    let report = mine.ok(&["bundle", "import", bundle.to_str().unwrap()]);
    assert!(report.contains("unverified: 1 of 2 verdict event(s)"), "{report}");
    let shown = mine.ok(&["show", &claim]);
    assert!(shown.contains("verified    imported, unverified (names Chief Editor): Confirmed by our desk"), "{shown}");
    assert!(shown.contains("ana (imported, chain checked): Maps disagree"), "{shown}");
    assert!(!shown.contains("verified    Chief Editor"), "{shown}");
    mine.ok(&["verify"]);
}
