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
        if format == "bundle" {
            // Only the export time differs, and the head of each database's
            // own history (the demo's logs, the copy's import): with no
            // verdict, no chain entry is carried.
            let strip = |s: &str| {
                let mut v: Value = serde_json::from_str(s).unwrap();
                assert_eq!(v["chain"]["entries"], serde_json::json!([]));
                v.as_object_mut().unwrap().remove("chain");
                v.as_object_mut().unwrap().remove("exported_at");
                v
            };
            assert_eq!(strip(&first), strip(&second));
        } else {
            assert_eq!(first, second, "{format}");
        }
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

/// Issue 12, item 17: reading undid the formula guard on every cell that
/// began with an apostrophe, so `'Tis` lost its own.
#[test]
fn csv_keeps_an_apostrophe_that_is_not_a_formula_guard() {
    let theirs = Desk::new();
    theirs.ok(&["log", "--claim", "'Tis but a scratch", "--by", "'Ndrangheta", "--quote", "'=SUM(A1)"]);
    let csv = theirs.ok(&["export", "--format", "csv"]);
    assert!(csv.contains(",'Tis but a scratch,") && !csv.contains("''Tis"), "{csv}");
    assert!(csv.contains(",''=SUM(A1),"), "a text that starts with '= is guarded once more: {csv}");
    let file = theirs.file("apostrophes.csv");
    std::fs::write(&file, &csv).unwrap();

    let mine = Desk::new();
    mine.ok(&["import", file.to_str().unwrap()]);
    let list: Value = serde_json::from_str(&mine.ok(&["list", "--json"])).unwrap();
    assert_eq!(list[0]["text"], "'Tis but a scratch");
    let actors: Value = serde_json::from_str(&mine.ok(&["actors", "--json"])).unwrap();
    assert_eq!(actors[0]["name"], "'Ndrangheta");
    assert_eq!(mine.ok(&["export", "--format", "csv"]), csv, "byte-exact round trip");

    // Written by hand or by a spreadsheet: the apostrophe is the text's own,
    // except before a formula character, where it is a guard.
    let typed = mine.file("typed.csv");
    std::fs::write(
        &typed,
        "appearance_id,claim,actor,stance\n\
         0198a000-0000-7000-8000-000000000001,'Twas brillig,'=SUM(A1),asserts\n",
    )
    .unwrap();
    let other = Desk::new();
    other.ok(&["import", typed.to_str().unwrap()]);
    let list: Value = serde_json::from_str(&other.ok(&["list", "--json"])).unwrap();
    assert_eq!(list[0]["text"], "'Twas brillig");
    let actors: Value = serde_json::from_str(&other.ok(&["actors", "--json"])).unwrap();
    assert_eq!(actors[0]["name"], "=SUM(A1)");
}

/// Every string of the JSON that is a hyphenated UUID.
fn uuids_in(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => {
            let hyphens = [8, 13, 18, 23];
            let is_uuid = s.len() == 36
                && s.char_indices().all(|(i, c)| if hyphens.contains(&i) { c == '-' } else { c.is_ascii_hexdigit() });
            if is_uuid {
                out.push(s.clone());
            }
        }
        Value::Array(items) => items.iter().for_each(|v| uuids_in(v, out)),
        Value::Object(fields) => fields.values().for_each(|v| uuids_in(v, out)),
        _ => {}
    }
}

/// The text with every one of `ids` in upper case: what a hand-edited file
/// or another tool may write.
fn upper_case_ids(text: &str, ids: &[String]) -> String {
    ids.iter().fold(text.to_string(), |t, id| t.replace(id.as_str(), &id.to_ascii_uppercase()))
}

/// Issue 12, item 14: ids were stored as the file wrote them, and the
/// commands, which look ids up in lower-case hex, could never find them.
#[test]
fn imported_ids_in_upper_case_are_stored_so_they_can_be_typed_back() {
    let theirs = Desk::new();
    theirs.ok(&["demo"]);
    let list: Value = serde_json::from_str(&theirs.ok(&["list", "--json"])).unwrap();
    let id = list[0]["id"].as_str().unwrap().to_string();
    theirs.ok(&["status", &id, "--set", "contested", "--reason", "Maps disagree", "--author", "A"]);
    let bundle = theirs.ok(&["export", "--format", "bundle"]);
    let mut ids = Vec::new();
    uuids_in(&serde_json::from_str(&bundle).unwrap(), &mut ids);
    let upper = upper_case_ids(&bundle, &ids);
    assert!(upper.contains(&id.to_ascii_uppercase()) && !upper.contains(&id));
    let file = theirs.file("upper.json");
    std::fs::write(&file, upper).unwrap();

    let mine = Desk::new();
    mine.ok(&["import", file.to_str().unwrap()]);
    let shown: Value = serde_json::from_str(&mine.ok(&["show", &id, "--json"])).unwrap();
    assert_eq!(shown["status"], "contested");
    mine.ok(&["show", &id[..30]]);
    mine.ok(&["trace", &id]);
    mine.ok(&["status", &id, "--set", "false", "--reason", "Checked again", "--author", "B"]);
    let review: Value = serde_json::from_str(&mine.ok(&["export", "--format", "claimreview", "--claim", &id])).unwrap();
    assert_eq!(review["@graph"][0]["identifier"], id.as_str());
    // Every id in the database is in the one form.
    let conn = rusqlite::Connection::open(mine.file("case.sqlite3")).unwrap();
    for table in ["claim", "actor", "document", "appearance", "verdict"] {
        let upper: i64 =
            conn.query_row(&format!("SELECT count(*) FROM {table} WHERE id <> lower(id)"), [], |r| r.get(0)).unwrap();
        assert_eq!(upper, 0, "{table}");
    }

    // The same file in CSV, ids in upper case too.
    let csv = theirs.ok(&["export", "--format", "csv"]);
    let csv_file = theirs.file("upper.csv");
    std::fs::write(&csv_file, upper_case_ids(&csv, &ids)).unwrap();
    let other = Desk::new();
    other.ok(&["import", csv_file.to_str().unwrap()]);
    other.ok(&["trace", &id]);
}

/// Issue 12, item 14: an id that is not a UUID is refused, naming the record
/// and the id, before anything is written.
#[test]
fn imported_ids_that_are_not_uuids_are_refused_naming_the_record() {
    let theirs = Desk::new();
    theirs.ok(&["demo"]);
    let list: Value = serde_json::from_str(&theirs.ok(&["list", "--json"])).unwrap();
    let id = list[0]["id"].as_str().unwrap().to_string();
    let text: String = list[0]["text"].as_str().unwrap().chars().take(20).collect();
    let bundle = theirs.ok(&["export", "--format", "bundle"]).replace(&id, "nul-claim-1");
    let file = theirs.file("bad-id.json");
    std::fs::write(&file, &bundle).unwrap();

    let mine = Desk::new();
    mine.ok(&["log", "--claim", "Already here", "--by", "Someone"]);
    let err = mine.refused(&["import", file.to_str().unwrap()]);
    assert!(err.contains("\"nul-claim-1\" is not a UUID") && err.contains(&text), "{err}");

    let csv = theirs.ok(&["export", "--format", "csv"]).replace(&id, "nul-claim-1");
    let csv_file = theirs.file("bad-id.csv");
    std::fs::write(&csv_file, &csv).unwrap();
    let err = mine.refused(&["import", csv_file.to_str().unwrap()]);
    assert!(err.contains("CSV line") && err.contains("claim_id `nul-claim-1` is not a UUID"), "{err}");
}

/// Issue 12, item 13: ratings were read as if every scale were 1–5 with 5
/// best, so 4 of 10 became verified and an inverted scale reversed verdicts.
#[test]
fn claimreview_ratings_are_imported_by_their_stated_scale() {
    let review = |claim: &str, rating: Value| {
        serde_json::json!({
            "@type": "ClaimReview",
            "claimReviewed": claim,
            "datePublished": "2025-07-05",
            "author": {"@type": "Organization", "name": "Fact Desk"},
            "reviewBody": "Checked against the records.",
            "reviewRating": rating,
        })
    };
    let file = serde_json::json!({"@context": "https://schema.org", "@graph": [
        review("Four of ten", serde_json::json!({"ratingValue": 4, "worstRating": 1, "bestRating": 10})),
        review("Best is one", serde_json::json!({"ratingValue": 1, "worstRating": 5, "bestRating": 1})),
        review("Worst is five", serde_json::json!({"ratingValue": 5, "worstRating": 5, "bestRating": 1})),
        review("Named only", serde_json::json!({"alternateName": "Mostly false"})),
        review("Pinocchios", serde_json::json!({"ratingValue": 7, "worstRating": 1, "bestRating": 10,
                                                "alternateName": "Four Pinocchios"})),
    ]});
    let desk = Desk::new();
    let path = desk.file("reviews.json");
    std::fs::write(&path, file.to_string()).unwrap();
    let out = desk.ok(&["import", path.to_str().unwrap()]);
    assert!(out.contains("as claimreview") && out.contains("Four Pinocchios"), "{out}");

    let list: Value = serde_json::from_str(&desk.ok(&["list", "--json"])).unwrap();
    let status = |text: &str| {
        let claim = list.as_array().unwrap().iter().find(|c| c["text"] == text).unwrap_or_else(|| panic!("{text}"));
        (claim["status"].as_str().unwrap().to_string(), claim["id"].as_str().unwrap().to_string())
    };
    assert_eq!(status("Four of ten").0, "misleading");
    assert_eq!(status("Best is one").0, "verified");
    assert_eq!(status("Worst is five").0, "false");
    assert_eq!(status("Named only").0, "misleading");
    let (unread, id) = status("Pinocchios");
    assert_eq!(unread, "unverified");
    let shown: Value = serde_json::from_str(&desk.ok(&["show", &id, "--json"])).unwrap();
    let reason = shown["history"][0]["reason"].as_str().unwrap();
    assert!(reason.contains("\"Four Pinocchios\", 7 on a scale from 1 (worst) to 10 (best)"), "{reason}");
    desk.ok(&["verify"]);
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

#[test]
fn a_bundle_carries_the_desk_fields_and_a_local_review_url_wins_with_a_conflict_note() {
    let theirs = Desk::new();
    let logged: Value =
        serde_json::from_str(&theirs.ok(&["log", "--claim", "The pier collapsed", "--by", "Eva Holm", "--json"]))
            .unwrap();
    let claim = logged["claim_id"].as_str().unwrap().to_string();
    theirs.ok(&["review-url", &claim, "https://checks.example/pier"]);
    theirs.ok(&["assign", &claim, "Ben", "--due", "2025-08-01"]);
    theirs.ok(&["note", &claim, "Harbour master confirms."]);
    theirs.ok(&["tag", &claim, "ports"]);
    let file = theirs.file("pier.json");
    theirs.ok(&["bundle", "export", "-o", file.to_str().unwrap()]);

    let mine = Desk::new();
    mine.ok(&["import", file.to_str().unwrap()]);
    let shown: Value = serde_json::from_str(&mine.ok(&["show", &claim, "--json"])).unwrap();
    assert_eq!(shown["review_url"], "https://checks.example/pier");
    assert_eq!((shown["assignee"].clone(), shown["due"].clone()), ("Ben".into(), "2025-08-01".into()));
    assert_eq!(shown["notes"][0]["text"], "Harbour master confirms.");
    assert_eq!(shown["tags"], serde_json::json!(["ports"]));

    mine.ok(&["review-url", &claim, "https://local.example/pier"]);
    let report: Value = serde_json::from_str(&mine.ok(&["import", file.to_str().unwrap(), "--json"])).unwrap();
    let conflicts: Vec<&Value> =
        report["notes"].as_array().unwrap().iter().filter(|n| n["kind"] == "conflict").collect();
    assert_eq!(conflicts.len(), 1, "{report}");
    assert!(conflicts[0]["message"].as_str().unwrap().contains("https://local.example/pier"));
    let shown: Value = serde_json::from_str(&mine.ok(&["show", &claim, "--json"])).unwrap();
    assert_eq!(shown["review_url"], "https://local.example/pier");
    assert_eq!(shown["notes"].as_array().unwrap().len(), 1, "the note is not added twice");
    assert!(mine.ok(&["verify"]).contains("chain intact"));
}

/// A published review that disagrees with the desk's verdict is kept beside
/// it: `import` says so, `conflicts` and `show` name both sides with their
/// reasons, and a status set here decides it.
#[test]
fn a_disagreeing_review_is_a_conflict_listed_until_a_status_decides_it() {
    let desk = Desk::new();
    desk.ok(&["log", "--claim", "The dam was hit twice", "--by", "Regional governor"]);
    let claim = desk.ok(&["list", "--json"]);
    let claim: Value = serde_json::from_str(&claim).unwrap();
    let handle = claim[0]["handle"].as_str().unwrap().to_string();
    desk.ok(&["status", &handle, "--set", "verified", "--reason", "two satellite images", "--author", "Desk"]);
    let review = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": "The dam was hit twice",
        "datePublished": "2099-01-01",
        "author": {"@type": "Organization", "name": "Fact Desk"},
        "reviewBody": "Only one strike is on record",
        "reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5, "worstRating": 1}
    });
    let file = desk.file("review.json");
    std::fs::write(&file, serde_json::to_vec(&review).unwrap()).unwrap();
    // Dated after today: refused, nothing written.
    let refused = desk.refused(&["import", file.to_str().unwrap()]);
    assert!(refused.contains("2099-01-01"), "{refused}");

    let review = review.to_string().replace("2099-01-01", "2025-07-05");
    std::fs::write(&file, review).unwrap();
    let out = desk.claimtrail(&["import", file.to_str().unwrap()]);
    assert!(out.status.success());
    let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(said.contains("both verdicts are kept"), "{said}");

    let listed = desk.ok(&["conflicts"]);
    assert!(listed.contains("two satellite images") && listed.contains("Only one strike is on record"), "{listed}");
    assert!(listed.contains(&format!("claimtrail status {handle}")), "{listed}");
    let shown = desk.ok(&["show", &handle]);
    assert!(shown.contains("CONFLICT") && shown.contains("Fact Desk"), "{shown}");
    let json: Value = serde_json::from_str(&desk.ok(&["conflicts", "--json"])).unwrap();
    assert_eq!(json[0]["theirs"]["status"], "false");

    let decided = desk.ok(&["status", &handle, "--set", "false", "--reason", "the review holds", "--author", "Desk"]);
    assert!(decided.contains("decides 1 verdict conflict"), "{decided}");
    assert_eq!(desk.ok(&["conflicts"]).trim(), "No verdict conflicts.");
    assert!(!desk.ok(&["show", &handle]).contains("CONFLICT"));
}

/// The sources library from the command line: a reference list imported,
/// listed and searched, a claim logged on one of its documents by handle,
/// and the document shown with that claim.
#[test]
fn documents_lists_the_library_and_log_document_cites_one_by_handle() {
    let desk = Desk::new();
    let items = serde_json::json!([
        {"id": "http://zotero.org/users/local/Qm3bX1/items/AB12CD34", "type": "report",
         "title": "Field report on river crossings", "container-title": "Kyiv Independent",
         "issued": {"date-parts": [["2025", "6"]]}, "author": [{"family": "Shevchenko", "given": "Olena"}]},
        {"id": "http://zotero.org/users/local/Qm3bX1/items/9XW1B2CV", "type": "article-journal",
         "title": "Measuring the spread of wire copy", "DOI": "10.1080/1461670X.2024.2311234",
         "URL": "https://doi.org/10.1080/1461670X.2024.2311234", "issued": {"date-parts": [["2024"]]}}
    ]);
    let file = desk.file("library.json");
    std::fs::write(&file, items.to_string()).unwrap();
    desk.ok(&["import", file.to_str().unwrap()]);

    let listed = desk.ok(&["documents"]);
    assert_eq!(listed.lines().count(), 2, "{listed}");
    assert!(listed.contains("cited by no claim"), "{listed}");
    let found: Value = serde_json::from_str(&desk.ok(&["documents", "--search", "river", "--json"])).unwrap();
    assert_eq!(found.as_array().unwrap().len(), 1, "{found}");
    let handle = found[0]["handle"].as_str().unwrap().to_string();

    desk.ok(&[
        "log",
        "--claim",
        "The ferry at Kherson runs again",
        "--by",
        "Oleksandr Prokudin",
        "--document",
        &handle,
        "--case",
        "Kherson",
    ]);
    let shown = desk.ok(&["document", "show", &handle]);
    assert!(shown.contains("The ferry at Kherson runs again"), "{shown}");
    assert!(shown.contains("authors: Olena Shevchenko"), "{shown}");
    let in_case: Value = serde_json::from_str(&desk.ok(&["documents", "--case", "Kherson", "--json"])).unwrap();
    assert_eq!(in_case.as_array().unwrap().len(), 1, "the same document, not a copy: {in_case}");
    assert_eq!(in_case[0]["claims"], 1);
    assert_eq!(desk.ok(&["documents", "--json"]).matches("\"handle\"").count(), 2);

    let journal = desk.ok(&["document", "show", "--json", found[0]["id"].as_str().unwrap()]);
    assert!(journal.contains("Field report"), "{journal}");
    let unknown = desk.refused(&["document", "show", "ffffffff"]);
    assert!(unknown.contains("ffffffff"), "{unknown}");
    let no_case = desk.refused(&["documents", "--case", "Nowhere"]);
    assert!(no_case.contains("Nowhere"), "{no_case}");
}

/// `log --role` is what that article called the speaker; `--update-role`
/// also makes it his usual role, which the actors list shows.
#[test]
fn log_role_stays_with_its_appearance_unless_update_role_is_given() {
    let desk = Desk::new();
    let usual = |desk: &Desk| -> Value {
        let actors: Value = serde_json::from_str(&desk.ok(&["actors", "--json"])).unwrap();
        actors.as_array().unwrap().iter().find(|a| a["name"] == "Leonid Pasechnik").unwrap()["role"].clone()
    };
    let log = |claim: &str, role: &str, more: &[&str]| -> String {
        let mut args = vec!["log", "--claim", claim, "--by", "Leonid Pasechnik", "--role", role, "--json"];
        args.extend_from_slice(more);
        let logged: Value = serde_json::from_str(&desk.ok(&args)).unwrap();
        logged["claim_id"].as_str().unwrap().to_string()
    };
    let first = log("Luhansk is fully under Russian control", "Russian-installed governor", &[]);
    log("The water supply is restored", "head of the occupation authority", &[]);
    assert_eq!(usual(&desk), "Russian-installed governor");
    log("Schools reopen on Monday", "self-styled governor", &["--update-role"]);
    assert_eq!(usual(&desk), "self-styled governor");
    let shown: Value = serde_json::from_str(&desk.ok(&["show", &first, "--json"])).unwrap();
    assert_eq!(shown["appearances"][0]["actor_role"], "Russian-installed governor");
    // --update-role without --role is refused by the parser.
    let out = desk.claimtrail(&["log", "--claim", "x", "--by", "Leonid Pasechnik", "--update-role"]);
    assert_eq!(out.status.code(), Some(2));
}
