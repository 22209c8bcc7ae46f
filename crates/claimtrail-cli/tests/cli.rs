//! The CLI contract, driven through the real binary on a real SQLite file.

#[path = "../../claimtrail-core/tests/support/dump.rs"]
mod dump;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

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

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_claimtrail"))
            .arg("--db")
            .arg(&self.path)
            .args(args)
            .env_remove("CLAIMTRAIL_DB")
            .output()
            .unwrap()
    }

    /// Runs a command that must succeed and returns its stdout.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(out.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        let text = self.ok(args);
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{args:?} printed invalid JSON ({e}): {text}"))
    }

    /// Runs a command that must fail as a user error: exit 2, one line on stderr.
    fn refused(&self, args: &[&str]) -> String {
        let out = self.run(args);
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?} should exit 2; stderr: {stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{args:?} should print one line: {stderr}");
        assert!(out.stdout.is_empty(), "{args:?} printed to stdout on failure");
        stderr
    }

    /// A logical dump of every table, to prove a refused command changed nothing.
    fn snapshot(&self) -> Vec<String> {
        dump::dump_file(&self.path)
    }
}

fn find<'a>(list: &'a Value, text: &str) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|c| c["text"].as_str().unwrap().contains(text))
        .unwrap_or_else(|| panic!("no claim with {text}"))
}

#[test]
fn log_show_and_list_follow_the_contract() {
    let db = Db::new();
    let logged = db.json(&[
        "log",
        "--claim",
        "Luhansk is entirely under Russian control",
        "--by",
        "Leonid Pasechnik",
        "--role",
        "governor",
        "--quote",
        "100 per cent liberated",
        "--cue",
        "said",
        "--said-at",
        "2025-07-03",
        "--via",
        "Al Jazeera",
        "--via",
        "ANI",
        "--url",
        "https://www.kenyastar.example/news/1?utm_source=x",
        "--outlet",
        "Kenya Star",
        "--published",
        "2025-07-04",
        "--case",
        "Ukraine, July 2025",
        "--json",
    ]);
    let claim_id = logged["claim_id"].as_str().unwrap();
    let appearances = logged["appearance_ids"].as_array().unwrap();
    assert_eq!(appearances.len(), 4, "speaker, two relays and the page");

    let shown = db.json(&["show", &claim_id[..8], "--json"]);
    assert_eq!(shown["id"], claim_id);
    assert_eq!(shown["status"], "unverified");
    assert_eq!(shown["disputed"], false);
    let apps = shown["appearances"].as_array().unwrap();
    let actors: Vec<&str> = apps.iter().map(|a| a["actor"].as_str().unwrap()).collect();
    assert_eq!(actors, ["Leonid Pasechnik", "Al Jazeera", "ANI", "Kenya Star"]);
    assert_eq!(apps[0]["quote"], "100 per cent liberated");
    assert_eq!(apps[0]["cue"], "said");
    assert_eq!(apps[0]["kind"], "direct");
    assert_eq!(apps[0]["stance"], "asserts");
    assert!(apps[0]["upstream"].as_array().unwrap().is_empty());
    for i in 1..4 {
        assert_eq!(apps[i]["upstream"], serde_json::json!([apps[i - 1]["id"]]), "each relay relays the one before");
    }
    assert_eq!(apps[3]["url"], "https://www.kenyastar.example/news/1?utm_source=x", "the original URL is kept");
    assert_eq!(apps[3]["outlet"], "Kenya Star");

    // The same claim, typed differently, attaches to the existing one.
    let again = db.json(&[
        "log",
        "--claim",
        "  LUHANSK is entirely under Russian   control ",
        "--by",
        "leonid pasechnik",
        "--json",
    ]);
    assert_eq!(again["claim_id"], claim_id);
    let listed = db.json(&["list", "--json"]);
    assert_eq!(listed.as_array().unwrap().len(), 1);
    let item = &listed[0];
    for key in ["id", "text", "status", "disputed", "appearances", "independent_origins"] {
        assert!(item.get(key).is_some(), "list item lacks {key}: {item}");
    }
    assert_eq!(item["independent_origins"], 1);

    let actors = db.json(&["actors", "--json"]);
    let pasechnik = actors.as_array().unwrap().iter().find(|a| a["name"] == "Leonid Pasechnik").unwrap();
    assert_eq!(pasechnik["role"], "governor");
}

#[test]
fn status_history_is_appended_and_shown() {
    let db = Db::new();
    let id = db
        .ok(&["log", "--claim", "Fewer missiles would end the war sooner", "--by", "Dmitry Peskov"])
        .trim()
        .to_string();
    db.ok(&[
        "status",
        &id,
        "--set",
        "contested",
        "--reason",
        "Map analysis shows fighting continues",
        "--evidence",
        "https://maps.example/analysis",
        "--evidence",
        "https://gov.example/denial",
        "--author",
        "ana",
    ]);
    db.ok(&["status", &id, "--set", "false", "--reason", "Front line moved west", "--author", "ben"]);
    let shown = db.json(&["show", &id, "--json"]);
    assert_eq!(shown["status"], "false");
    let history = shown["history"].as_array().unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0]["status"], "contested");
    assert_eq!(history[0]["reason"], "Map analysis shows fighting continues");
    assert_eq!(
        history[0]["evidence"],
        serde_json::json!(["https://maps.example/analysis", "https://gov.example/denial"])
    );
    assert_eq!(history[0]["author"], "ana");
    assert!(history[0]["at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(db.json(&["list", "--status", "false", "--json"]).as_array().unwrap().len(), 1);
    assert_eq!(db.json(&["list", "--status", "contested", "--json"]).as_array().unwrap().len(), 0);
}

#[test]
fn list_filters_by_search_actor_case_and_disputed() {
    let db = Db::new();
    db.ok(&["demo"]);
    let all = db.json(&["list", "--json"]);
    assert_eq!(all.as_array().unwrap().len(), 8);
    let found = db.json(&["list", "--search", "luhansk", "--json"]);
    assert_eq!(found.as_array().unwrap().len(), 1);
    assert_eq!(found[0]["disputed"], true);
    // Quotes and actor names are searched too.
    let by_quote = db.json(&["list", "--search", "\"100 per cent\"", "--json"]);
    assert_eq!(by_quote.as_array().unwrap().len(), 1);
    let by_actor_name = db.json(&["list", "--search", "ushakov", "--json"]);
    assert_eq!(by_actor_name.as_array().unwrap().len(), 2);
    // Search syntax typed by users is never an error.
    db.json(&["list", "--search", "NEAR( \"* OR", "--json"]);
    let by_alias = db.json(&["list", "--actor", "putin", "--json"]);
    assert_eq!(by_alias.as_array().unwrap().len(), 2);
    let in_case = db.json(&["list", "--case", "ukraine, july 2025", "--json"]);
    assert_eq!(in_case.as_array().unwrap().len(), 8);
    let disputed = db.json(&["list", "--disputed", "--json"]);
    assert_eq!(disputed.as_array().unwrap().len(), 1);
}

#[test]
fn demo_is_idempotent_and_traces_as_the_story_says() {
    let db = Db::new();
    db.ok(&["demo"]);
    let first = db.snapshot();
    db.ok(&["demo"]);
    assert_eq!(db.snapshot(), first, "loading the demo twice adds nothing");

    let list = db.json(&["list", "--json"]);
    let ushakov = find(&list, "will not back down");
    let trace = db.json(&["trace", ushakov["id"].as_str().unwrap(), "--json"]);
    assert_eq!(trace["independent_origins"], 1);
    assert_eq!(trace["origins"][0]["actor"], "Yuri Ushakov");
    assert_eq!(trace["outlets"], serde_json::json!(["Al Jazeera", "ANI", "Kenya Star"]));
    assert_eq!(trace["paths"], serde_json::json!([["Yuri Ushakov", "Al Jazeera", "ANI", "Kenya Star"]]));
    let kinds: Vec<&str> = trace["warnings"].as_array().unwrap().iter().map(|w| w["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["false_corroboration"]);
    assert_eq!(trace["choke_points"], serde_json::json!(["Al Jazeera", "ANI"]));

    let luhansk = find(&list, "Luhansk");
    let trace = db.json(&["trace", luhansk["id"].as_str().unwrap(), "--json"]);
    assert_eq!(trace["disputes"][0]["actor"], "unnamed doubters");
    assert_eq!(trace["independent_origins"], 1, "a dispute is not a source of the claim");
    let drift = trace["drift"].as_array().unwrap();
    let conquered = drift.iter().find(|d| d["to_quote"].as_str().unwrap().contains("entirely conquered")).unwrap();
    assert!(conquered["from_quote"].as_str().unwrap().contains("100 per cent liberated"));
    assert!(conquered["similarity"].as_f64().unwrap() < 0.5);

    let british = find(&list, "winding down");
    let trace = db.json(&["trace", british["id"].as_str().unwrap(), "--json"]);
    assert_eq!(trace["independent_origins"], 0);
    assert_eq!(trace["dead_ends"][0]["actor"], "the British outlet");
    assert!(trace["warnings"].as_array().unwrap().iter().any(|w| w["kind"] == "unlocated_source"));

    // Both dates the text gives for the forum remarks are kept.
    let forum = find(&list, "unconditional surrender");
    let shown = db.json(&["show", forum["id"].as_str().unwrap(), "--json"]);
    assert_eq!(shown["appearances"][0]["said_at"], "2025-06-21");
    assert!(shown["appearances"][0]["said_at_text"].as_str().unwrap().contains("on Friday"));

    let readable = db.ok(&["trace", ushakov["id"].as_str().unwrap()]);
    assert!(readable.contains("Yuri Ushakov [origin]"), "{readable}");
}

#[test]
fn relay_builds_a_three_outlet_loop_that_trace_names() {
    let db = Db::new();
    let ids: Vec<String> = ["Outlet A", "Outlet B", "Outlet C"]
        .iter()
        .map(|o| {
            let v = db.json(&[
                "log",
                "--claim",
                "A celebrity endorsed the cure",
                "--by",
                o,
                "--by-kind",
                "outlet",
                "--json",
            ]);
            v["appearance_ids"][0].as_str().unwrap().to_string()
        })
        .collect();
    db.ok(&["relay", &ids[0], &ids[1], "--relation", "cites", "--cue", "according to B"]);
    db.ok(&["relay", &ids[1], &ids[2], "--relation", "cites"]);
    db.ok(&["relay", &ids[2], &ids[0], "--relation", "cites"]);
    let claim = db.json(&["list", "--json"])[0]["id"].as_str().unwrap().to_string();
    let trace = db.json(&["trace", &claim, "--json"]);
    assert_eq!(trace["independent_origins"], 0, "a loop is never an independent origin");
    let cycle: Vec<&str> = trace["cycles"][0].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    let mut sorted = cycle.clone();
    sorted.sort();
    assert_eq!(sorted, ["Outlet A", "Outlet B", "Outlet C"]);
    assert!(trace["warnings"].as_array().unwrap().iter().any(|w| w["kind"] == "circular_reporting"));
    assert!(db.ok(&["trace", &claim]).contains("circular"));

    let before = db.snapshot();
    let err = db.refused(&["relay", &ids[0], "0000-not-there"]);
    assert!(err.contains("no appearance matches"), "{err}");
    db.refused(&["relay", &ids[0], &ids[0]]);
    db.refused(&["relay", &ids[0], &ids[1], "--relation", "gossips"]);
    assert_eq!(db.snapshot(), before);
}

#[test]
fn actor_merge_repoints_everything_and_is_audited() {
    let db = Db::new();
    db.ok(&["log", "--claim", "Talks will continue", "--by", "Ushakov"]);
    // "Yuri Ushakov" may be the known "Ushakov": logged apart only when the checker says so.
    db.refused(&["log", "--claim", "No deal yet", "--by", "Yuri Ushakov", "--role", "Kremlin aide"]);
    db.ok(&["log", "--claim", "No deal yet", "--by", "Yuri Ushakov", "--role", "Kremlin aide", "--new-actor"]);
    assert_eq!(
        db.json(&["actors", "--json"]).as_array().unwrap().len(),
        2,
        "look-alike names are never merged silently"
    );
    db.ok(&["actor", "merge", "Yuri Ushakov", "Ushakov"]);
    let actors = db.json(&["actors", "--json"]);
    assert_eq!(actors.as_array().unwrap().len(), 1);
    assert_eq!(actors[0]["aliases"], serde_json::json!(["Ushakov"]));
    assert_eq!(actors[0]["appearances"], 2);
    assert_eq!(db.json(&["list", "--actor", "ushakov", "--json"]).as_array().unwrap().len(), 2);
    // The merge, and the `--new-actor` decision it overrides.
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    let audit = |action: &str| {
        conn.query_row("SELECT count(*) FROM audit_event WHERE action = ?1", [action], |r| r.get::<_, i64>(0)).unwrap()
    };
    assert_eq!((audit("actor_merge"), audit("actor_distinct")), (1, 1));
    let profile = db.json(&["actor", "show", "Ushakov", "--json"]);
    assert_eq!(profile["originated"].as_array().unwrap().len(), 2);
}

#[test]
fn bad_input_is_refused_with_one_line_and_the_database_unchanged() {
    let db = Db::new();
    let id = db.ok(&["log", "--claim", "Russia will not back down", "--by", "Yuri Ushakov"]).trim().to_string();
    db.ok(&["log", "--claim", "Another claim", "--by", "Yuri Ushakov"]);
    let before = db.snapshot();
    let long = "x".repeat(100_001);
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["log", "--claim", "", "--by", "X"], "empty"),
        (vec!["log", "--claim", "   \n\t ", "--by", "X"], "empty"),
        (vec!["log", "--claim", &long, "--by", "X"], "limit is 100000"),
        (
            vec!["log", "--claim", "ok", "--by", "X", "--said-at", "last Thursday"],
            "cannot read `last Thursday` as a date",
        ),
        (
            vec!["log", "--claim", "ok", "--by", "X", "--published", "2025-13-01", "--url", "https://a.example/"],
            "as a date",
        ),
        (vec!["log", "--claim", "ok", "--by", "X", "--url", "javascript:alert(1)"], "not an http(s) URL"),
        (
            vec!["log", "--claim", "ok", "--by", "X", "--url", "file:///etc/passwd", "--outlet", "Y"],
            "not an http(s) URL",
        ),
        (vec!["log", "--claim", "ok", "--by", "   "], "actor name is empty"),
        (vec!["status", "ffffffff", "--set", "false", "--reason", "r"], "no claim matches `ffffffff`"),
        (vec!["status", "not-an-id", "--set", "false", "--reason", "r"], "no claim matches"),
        (vec!["status", "0", "--set", "false", "--reason", "r"], "ambiguous"),
        (vec!["status", &id, "--set", "perhaps", "--reason", "r"], "unknown status `perhaps`"),
        (vec!["status", &id, "--set", "false", "--reason", "  "], "reason is required"),
        (
            vec!["status", &id, "--set", "false", "--reason", "r", "--evidence", "data:text/html,x"],
            "not an http(s) URL",
        ),
        (vec!["show", "", "--json"], "claim id is empty"),
        (vec!["list", "--status", "weird"], "unknown status"),
        (vec!["list", "--actor", "Nobody Known"], "no actor matches"),
        (vec!["actor", "merge", "Yuri Ushakov", "Yuri Ushakov"], "same actor"),
    ];
    for (args, expected) in cases {
        let err = db.refused(&args);
        assert!(err.contains(expected), "{args:?}: expected `{expected}` in: {err}");
    }
    assert_eq!(db.snapshot(), before, "a refused command must not change the database");
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.sqlite3");
    let content = b"These are my notes, not a database. ".repeat(200);
    std::fs::write(&path, &content).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_claimtrail"))
        .arg("--db")
        .arg(&path)
        .args(["list", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("is not a Claimtrail database"), "{stderr}");
    assert_eq!(std::fs::read(&path).unwrap(), content);
    assert!(!dir.path().join("notes.sqlite3-wal").exists());
}

#[test]
fn a_database_from_a_newer_build_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.sqlite3");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE claim (x); PRAGMA user_version = 999;").unwrap();
    }
    let content = std::fs::read(&path).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_claimtrail")).arg("--db").arg(&path).args(["demo"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("schema version 999, newer than this build knows"), "{stderr}");
    assert_eq!(std::fs::read(&path).unwrap(), content);
}

#[test]
fn the_database_path_comes_from_the_flag_then_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let from_env = dir.path().join("env.sqlite3");
    let from_flag = dir.path().join("flag.sqlite3");
    let run = |args: &[&str], db_flag: Option<&Path>| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_claimtrail"));
        if let Some(p) = db_flag {
            cmd.arg("--db").arg(p);
        }
        let out = cmd.args(args).env("CLAIMTRAIL_DB", &from_env).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    run(&["log", "--claim", "In the env database", "--by", "A"], None);
    run(&["log", "--claim", "In the flag database", "--by", "B"], Some(&from_flag));
    assert!(run(&["list"], None).contains("In the env database"));
    assert!(!run(&["list"], None).contains("flag database"));
    assert!(run(&["list"], Some(&from_flag)).contains("In the flag database"));
}

#[test]
fn hostile_text_is_stored_byte_exact() {
    let db = Db::new();
    let hostile = "<img src=x onerror=alert(1)> \u{202e}Ω\u{0301} 'quoted' \"double\" end";
    let id = db
        .ok(&["log", "--claim", "Claim <script>alert(1)</script>", "--by", hostile, "--quote", hostile])
        .trim()
        .to_string();
    let shown = db.json(&["show", &id, "--json"]);
    assert_eq!(shown["text"], "Claim <script>alert(1)</script>");
    assert_eq!(shown["appearances"][0]["quote"], hostile);
}

#[test]
fn verify_catches_a_past_verdict_edited_with_the_sqlite_shell() {
    let db = Db::new();
    db.ok(&["demo"]);
    let id = db.json(&["list", "--search", "luhansk", "--json"])[0]["id"].as_str().unwrap().to_string();
    db.ok(&["status", &id, "--set", "contested", "--reason", "Map analysis disagrees", "--author", "ana"]);
    db.ok(&["status", &id, "--set", "false", "--reason", "Front line moved", "--author", "ana"]);
    assert!(db.ok(&["verify"]).contains("chain intact"));
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    conn.execute_batch("DROP TRIGGER verdict_no_update; UPDATE verdict SET status = 'verified' WHERE seq = 1;")
        .unwrap();
    drop(conn);
    let out = db.run(&["verify", "--json"]);
    assert_eq!(out.status.code(), Some(3));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    // The first verdict's place in the chain, after the demo's logs.
    let position: i64 = rusqlite::Connection::open(&db.path)
        .unwrap()
        .query_row("SELECT seq FROM history_entry WHERE kind = 'verdict' AND subject_seq = 1", [], |r| r.get(0))
        .unwrap();
    assert!(position > 1);
    assert_eq!(report["first_broken"]["position"], position);
    assert!(report["first_broken"]["reason"].as_str().unwrap().contains("changed"));
}

#[test]
fn backup_and_restore_from_the_command_line() {
    let db = Db::new();
    db.ok(&["demo"]);
    let copy = db.path.with_file_name("copy.sqlite3");
    db.ok(&["backup", copy.to_str().unwrap()]);
    db.ok(&["log", "--claim", "Logged after the backup", "--by", "Someone"]);
    let before = db.snapshot();
    let err = db.refused(&["restore", copy.to_str().unwrap()]);
    assert!(err.contains("--force"), "{err}");
    assert_eq!(db.snapshot(), before);
    db.ok(&["restore", copy.to_str().unwrap(), "--force"]);
    assert_eq!(db.json(&["list", "--json"]).as_array().unwrap().len(), 8);
}

#[test]
fn an_empty_database_tells_a_newcomer_what_to_do() {
    // A newcomer names no database: the per-user one is created on first use
    // (a `--db` path that does not exist is refused by reading commands).
    let home = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_claimtrail"))
            .args(args)
            .env_remove("CLAIMTRAIL_DB")
            .env("XDG_DATA_HOME", home.path())
            .env("HOME", home.path())
            .output()
            .unwrap()
    };
    let out = run(&["list"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("claimtrail demo"), "{stderr}");
    assert!(run(&["demo"]).status.success());
    let out = run(&["list", "--search", "nothing-like-this"]);
    assert_eq!(String::from_utf8(out.stderr).unwrap().trim(), "no claims match");
    assert!(home.path().join("claimtrail").join("claimtrail.sqlite3").exists());
}

#[test]
fn actors_count_their_appearances_in_words() {
    let db = Db::new();
    db.ok(&["demo"]);
    let listed = db.ok(&["actors"]);
    let line = |name: &str| listed.lines().find(|l| l.contains(name)).unwrap_or_else(|| panic!("{name}: {listed}"));
    assert!(line("Dmitry Peskov").ends_with("(1 appearance)"), "{}", line("Dmitry Peskov"));
    assert!(line("Kenya Star").ends_with("(9 appearances)"), "{}", line("Kenya Star"));
}

/// Issue 12, item 1: `export -o DB` and `bundle export -o DB` replaced the
/// open database with the export and exited 0. Every writer of a file now
/// refuses the database, its -wal/-shm, its history head and its backups
/// folder, however the path is spelled, and leaves them as they were.
#[test]
fn export_bundle_and_backup_refuse_to_write_over_the_database_or_its_files() {
    let db = Db::new();
    db.ok(&["demo"]);
    let folder = db.path.parent().unwrap().to_path_buf();
    // An automatic backup, as a migration or a restore leaves it.
    std::fs::create_dir(folder.join("case.sqlite3.backups")).unwrap();
    std::fs::copy(&db.path, folder.join("case.sqlite3.backups").join("before-restore.sqlite3")).unwrap();
    let link = folder.join("link.sqlite3");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&db.path, &link).unwrap();
    let hard = folder.join("hard.sqlite3");
    std::fs::hard_link(&db.path, &hard).unwrap();
    let before = db.snapshot();
    let files_before = std::fs::read_dir(&folder).unwrap().count();
    // The demo's logs are history, so the head file is there; nothing refused touches it.
    let head_before = std::fs::read(folder.join("case.sqlite3.head")).unwrap();

    let targets = [
        db.path.to_str().unwrap().to_string(),
        "case.sqlite3".to_string(),
        "./sub/../case.sqlite3".to_string(),
        link.to_str().unwrap().to_string(),
        hard.to_str().unwrap().to_string(),
        "case.sqlite3-wal".to_string(),
        "case.sqlite3-shm".to_string(),
        "case.sqlite3.head".to_string(),
        "case.sqlite3.backups".to_string(),
        "case.sqlite3.backups/before-restore.sqlite3".to_string(),
        "case.sqlite3.backups/export.csv".to_string(),
    ];
    for target in &targets {
        for args in [
            vec!["export", "--format", "csv", "-o", target],
            vec!["bundle", "export", "-o", target],
            vec!["backup", target],
        ] {
            // Relative paths are read from the database's folder, as a user in it types them.
            let out = Command::new(env!("CARGO_BIN_EXE_claimtrail"))
                .current_dir(&folder)
                .arg("--db")
                .arg("case.sqlite3")
                .args(&args)
                .env_remove("CLAIMTRAIL_DB")
                .output()
                .unwrap();
            let stderr = String::from_utf8(out.stderr).unwrap();
            assert_eq!(out.status.code(), Some(2), "{args:?} should exit 2; stderr: {stderr}");
            assert_eq!(stderr.trim_end().lines().count(), 1, "{args:?}: {stderr}");
            assert!(stderr.contains("refusing to write"), "{args:?}: {stderr}");
        }
    }
    assert_eq!(db.snapshot(), before, "the database is as it was");
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), files_before, "no file was added or removed");
    assert_eq!(std::fs::read(folder.join("case.sqlite3.head")).unwrap(), head_before);
    assert_eq!(std::fs::read_dir(folder.join("case.sqlite3.backups")).unwrap().count(), 1);
    // Beside the database, under another name, exporting still works.
    db.ok(&["export", "--format", "csv", "-o", folder.join("case.csv").to_str().unwrap()]);
}

/// Issue 12, item 3: a mistyped `--db` for a command that only reads created
/// an empty database there and answered from it ("no claims yet").
#[test]
fn a_mistyped_db_path_for_a_read_command_says_the_file_does_not_exist() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("typo").join("case.sqlite3");
    let copy = dir.path().join("copy.sqlite3");
    let copy = copy.to_str().unwrap();
    let reads: [&[&str]; 12] = [
        &["list"],
        &["show", "0198"],
        &["trace", "0198"],
        &["actors"],
        &["actor", "show", "Someone"],
        &["status", "0198", "--set", "false", "--reason", "r"],
        &["verify"],
        &["export", "--format", "csv"],
        &["bundle", "export"],
        &["backup", copy],
        &["relay", "0198", "0199"],
        &["recapture", "0198"],
    ];
    for args in reads {
        let out = Command::new(env!("CARGO_BIN_EXE_claimtrail"))
            .arg("--db")
            .arg(&missing)
            .args(args)
            .env_remove("CLAIMTRAIL_DB")
            .output()
            .unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        if out.status.code() == Some(2) && stderr.contains("unexpected argument") {
            panic!("{args:?}: the test calls the command wrongly: {stderr}");
        }
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.contains("does not exist"), "{args:?}: {stderr}");
        assert!(!missing.parent().unwrap().exists(), "{args:?} created the folder");
    }
    // A command that adds data creates the database, as before.
    let out = Command::new(env!("CARGO_BIN_EXE_claimtrail"))
        .arg("--db")
        .arg(&missing)
        .args(["log", "--claim", "First claim", "--by", "Someone"])
        .env_remove("CLAIMTRAIL_DB")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(missing.exists());
}

/// Issue 12, item 15: `claimtrail list | head -1` panicked ("failed printing
/// to stdout: Broken pipe", exit 101). The output is made larger than a pipe
/// holds, so the write after the reader closes always fails.
#[test]
fn output_into_a_pipe_closed_early_ends_quietly() {
    use std::io::{BufRead, BufReader};
    let db = Db::new();
    let mut csv = String::from("appearance_id,claim,actor,stance\n");
    for i in 0..1500 {
        csv.push_str(&format!(
            "01980000-0000-7000-8000-{i:012x},Claim number {i} about the bridge that was or was not closed,Speaker {i},asserts\n"
        ));
    }
    let file = db.path.with_file_name("many.csv");
    std::fs::write(&file, csv).unwrap();
    db.ok(&["import", file.to_str().unwrap()]);
    for args in [&["list", "--limit", "2000"][..], &["list", "--limit", "2000", "--json"], &["actors", "--all"]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_claimtrail"))
            .arg("--db")
            .arg(&db.path)
            .args(args)
            .env_remove("CLAIMTRAIL_DB")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
        assert!(!first.is_empty(), "{args:?} printed nothing");
        // The reader is dropped here: the pipe is closed with most of the output unread.
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_ne!(out.status.code(), Some(101), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?} should end quietly: {stderr}");
    }
}

/// Issue 12, item 16: clap's own refusals (an argument that is not UTF-8, an
/// unknown argument or value) printed several lines of usage text.
#[cfg(unix)]
#[test]
fn argument_mistakes_clap_finds_are_one_line_and_help_is_unchanged() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let db = Db::new();
    db.ok(&["demo"]);
    let not_utf8 = OsStr::from_bytes(b"Caf\xe9");
    let cases: Vec<(Vec<&OsStr>, &str)> = vec![
        (vec!["log".as_ref(), "--claim".as_ref(), not_utf8, "--by".as_ref(), "X".as_ref()], "UTF-8"),
        (vec!["list".as_ref(), "--limit".as_ref(), "many".as_ref()], "many"),
        (
            vec![
                "log".as_ref(),
                "--claim".as_ref(),
                "c".as_ref(),
                "--by".as_ref(),
                "X".as_ref(),
                "--by-kind".as_ref(),
                "robot".as_ref(),
            ],
            "robot",
        ),
        (vec!["list".as_ref(), "--frobnicate".as_ref()], "--frobnicate"),
        (vec!["no-such-command".as_ref()], "no-such-command"),
    ];
    let before = db.snapshot();
    for (args, expected) in cases {
        let out = Command::new(env!("CARGO_BIN_EXE_claimtrail"))
            .arg("--db")
            .arg(&db.path)
            .args(&args)
            .env_remove("CLAIMTRAIL_DB")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.starts_with("claimtrail: "), "{args:?}: {stderr}");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
        assert!(!stderr.contains("Usage:"), "{args:?}: {stderr}");
    }
    assert_eq!(db.snapshot(), before);
    let help = db.run(&["list", "--help"]);
    assert_eq!(help.status.code(), Some(0));
    let text = String::from_utf8(help.stdout).unwrap();
    assert!(text.contains("Usage:") && text.lines().count() > 5, "{text}");
}

/// Issue 12, item 16: restoring a file with a `claim` table and user_version
/// 4 that is not a Claimtrail database failed inside the restore
/// ("no such table: main.actor", exit 1).
#[test]
fn restoring_a_file_that_only_looks_like_a_backup_is_one_clear_line() {
    let db = Db::new();
    db.ok(&["demo"]);
    let lookalike = db.path.with_file_name("lookalike.sqlite3");
    rusqlite::Connection::open(&lookalike)
        .unwrap()
        .execute_batch("CREATE TABLE claim (id TEXT, text TEXT); PRAGMA user_version = 4;")
        .unwrap();
    let before = db.snapshot();
    let err = db.refused(&["restore", lookalike.to_str().unwrap(), "--force"]);
    assert!(err.contains("is not a Claimtrail database"), "{err}");
    assert_eq!(db.snapshot(), before);
}

// The chain's head and the warning every writing command gives on a broken chain.

fn head_file(db: &Db) -> PathBuf {
    db.path.with_file_name("case.sqlite3.head")
}

/// A claim with two verdicts.
fn with_verdicts(db: &Db) -> String {
    let id = db.json(&["log", "--claim", "Luhansk fully captured", "--by", "Leonid Pasechnik", "--json"])["claim_id"]
        .as_str()
        .unwrap()
        .to_string();
    db.ok(&["status", &id, "--set", "contested", "--reason", "Map analysis disagrees", "--author", "ana"]);
    db.ok(&["status", &id, "--set", "false", "--reason", "Front line moved", "--author", "ana"]);
    id
}

/// Deletes the newest verdict and its history entry behind the triggers' back.
fn delete_newest_verdict(db: &Db) {
    rusqlite::Connection::open(&db.path)
        .unwrap()
        .execute_batch(
            "PRAGMA foreign_keys = OFF;
             DROP TRIGGER verdict_no_delete; DROP TRIGGER verdict_evidence_no_delete;
             DROP TRIGGER history_entry_no_delete;
             DELETE FROM verdict WHERE seq = (SELECT max(seq) FROM verdict);
             DELETE FROM history_entry WHERE seq = (SELECT max(seq) FROM history_entry);",
        )
        .unwrap();
}

/// Runs a command that must succeed and returns its stderr.
fn warnings(db: &Db, args: &[&str]) -> String {
    let out = db.run(args);
    assert!(out.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn verify_shows_the_head_a_user_can_note() {
    let db = Db::new();
    with_verdicts(&db);
    let report = db.json(&["verify", "--json"]);
    assert_eq!(report["intact"], true);
    // The log and the two verdicts.
    assert_eq!(report["head"]["entries"], 3);
    let sha = report["head"]["sha256"].as_str().unwrap().to_string();
    assert_eq!(sha.len(), 64);
    assert_eq!(report["anchor"]["state"], "matches");
    assert!(std::fs::read_to_string(head_file(&db)).unwrap().contains(&sha));
    let text = db.ok(&["verify"]);
    assert!(text.contains(&format!("head: entry 3 sha256 {sha}")), "{text}");
    assert!(text.contains("head anchored in"), "{text}");
}

#[test]
fn verify_fails_when_the_newest_verdict_and_its_entry_are_deleted() {
    let db = Db::new();
    with_verdicts(&db);
    delete_newest_verdict(&db);
    let out = db.run(&["verify"]);
    assert_eq!(out.status.code(), Some(3));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("history BROKEN at entry 3 (entry 3)"), "{text}");
    assert!(text.contains("the newest history was deleted"), "{text}");
    let out = db.run(&["verify", "--json"]);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (report["intact"].clone(), report["anchor"]["state"].clone()),
        (Value::from(false), "contradicted".into())
    );
}

#[test]
fn verify_warns_when_the_head_is_not_anchored_but_does_not_fail() {
    let db = Db::new();
    with_verdicts(&db);
    std::fs::remove_file(head_file(&db)).unwrap();
    let text = db.ok(&["verify"]);
    assert!(text.contains("warning: head not anchored"), "{text}");
    assert!(!head_file(&db).exists());
    db.ok(&["log", "--claim", "Another", "--by", "Someone"]);
    assert!(head_file(&db).exists(), "anchored on the next write");
}

#[test]
fn every_write_on_a_broken_chain_warns_naming_the_first_broken_entry() {
    let db = Db::new();
    let id = with_verdicts(&db);
    let quiet = warnings(&db, &["status", &id, "--set", "verified", "--reason", "Settled", "--author", "ana"]);
    assert!(quiet.is_empty(), "{quiet}");
    delete_newest_verdict(&db);
    for args in [
        vec!["log", "--claim", "Written on top", "--by", "Someone"],
        vec!["status", &id, "--set", "misleading", "--reason", "Again", "--author", "ana"],
    ] {
        let stderr = warnings(&db, &args);
        // `log` also says on stderr what it logged; the warning is one line of its own.
        let stderr: String =
            stderr.lines().filter(|l| l.starts_with("claimtrail:")).map(|l| format!("{l}\n")).collect();
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.starts_with("claimtrail: warning: the history is broken at entry 4 (entry 4)"), "{stderr}");
    }
    // Reading commands say nothing; verify is where the detail is.
    assert!(warnings(&db, &["list"]).is_empty());
}

#[test]
fn actors_lists_a_first_page_by_name_and_says_how_many_more_there_are() {
    let db = Db::new();
    db.ok(&[
        "log",
        "--claim",
        "The port is closed",
        "--by",
        "Harbour Office",
        "--via",
        "Coast News",
        "--via",
        "Bay Herald",
    ]);
    let page = db.run(&["actors", "--limit", "2"]);
    assert!(page.status.success());
    let shown = String::from_utf8(page.stdout).unwrap();
    let names: Vec<&str> = shown.lines().collect();
    assert_eq!(names.len(), 2, "{shown}");
    assert!(names[0].contains("Bay Herald") && names[1].contains("Coast News"), "{shown}");
    let told = String::from_utf8(page.stderr).unwrap();
    assert!(told.contains("the first 2 of 3 actors by name"), "{told}");
    let every = db.run(&["actors", "--all"]);
    assert_eq!(String::from_utf8(every.stdout).unwrap().lines().count(), 3);
    assert!(every.stderr.is_empty(), "nothing left out, nothing said");
    assert_eq!(db.json(&["actors", "--json", "--limit", "1"]).as_array().unwrap().len(), 1);
    db.refused(&["actors", "--limit", "2", "--all"]);
    db.refused(&["actors", "--limit", "0"]);
}
