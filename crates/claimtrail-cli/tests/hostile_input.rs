//! Hostile input at the command line: look-alike and hidden-character names
//! shown visibly, oversized pastes and claims refused with their limits.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn claimtrail(db: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimtrail"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("CLAIMTRAIL_DB")
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(bytes) = stdin {
        // The command may stop reading once it knows the input is too long.
        let _ = child.stdin.take().unwrap().write_all(bytes);
    }
    child.wait_with_output().unwrap()
}

fn refused(out: &Output) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(2), "stderr: {stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    stderr
}

#[test]
fn look_alike_and_hidden_character_names_are_shown_visibly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("case.sqlite3");
    let cyrillic = "\u{0420}\u{0435}trov";
    for (claim, by) in
        [("The bridge closed", "Petrov"), ("The bridge never closed", cyrillic), ("Quiet", "Ana\u{202E}ztiuR")]
    {
        assert!(claimtrail(&db, &["log", "--claim", claim, "--by", by], None).status.success());
    }
    let out = claimtrail(&db, &["actors"], None);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains('\u{202E}'), "{text}");
    assert!(text.contains("Ana⟨U+202E⟩ztiuR"), "{text}");
    let line = |name: &str| text.lines().find(|l| l.contains(&format!(" {name} "))).unwrap_or_else(|| panic!("{text}"));
    assert!(line("Petrov").contains(&format!("[look-alike of \"{cyrillic}\"")), "{text}");
    assert!(
        line(cyrillic).contains("[look-alike of \"Petrov\"") && line(cyrillic).contains("[mixed scripts]"),
        "{text}"
    );
    assert!(!line("Petrov").contains("[mixed scripts]"));

    let show = String::from_utf8(claimtrail(&db, &["actor", "show", cyrillic], None).stdout).unwrap();
    assert!(show.starts_with(&format!("{cyrillic} (person)  [look-alike of \"Petrov\"")), "{show}");
}

/// Whether text holds a character that acts without showing itself.
fn has_hidden(text: &str) -> bool {
    text.chars().any(|c| matches!(c, '\u{00AD}' | '\u{200B}' | '\u{202E}' | '\u{2067}'))
}

#[test]
fn trace_list_and_notes_show_hidden_characters_as_whole_badges() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("case.sqlite3");
    let ok = |args: &[&str]| {
        let out = claimtrail(&db, args, None);
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    // The claim's text puts a bidi override right where `list` cuts it (70 shown characters).
    let claim = format!("{}\u{202E}{}\u{200B} end", "x".repeat(66), "closed");
    let logged = ok(&[
        "log",
        "--claim",
        &claim,
        "--by",
        "Jon \u{202E}Smith",
        "--quote",
        "it is \u{2067}closed",
        "--via",
        "Daily\u{200B}Wire",
        "--json",
    ]);
    let logged: serde_json::Value = serde_json::from_str(&logged).unwrap();
    let id = logged["claim_id"].as_str().unwrap();

    let trace = ok(&["trace", id]);
    assert!(!has_hidden(&trace), "trace printed a hidden character raw: {trace}");
    assert!(trace.contains("Jon ⟨U+202E⟩Smith [origin]"), "{trace}");
    assert!(trace.contains("\"it is ⟨U+2067⟩closed\""), "{trace}");
    assert!(trace.contains("outlet: Daily⟨U+200B⟩Wire"), "{trace}");
    assert!(trace.lines().next().unwrap().contains("⟨U+202E⟩closed⟨U+200B⟩ end"), "{trace}");

    let list = ok(&["list"]);
    assert!(!has_hidden(&list), "{list}");
    // 66 letters, then the 8-character badge does not fit before the ellipsis: it is left out whole.
    assert!(list.contains(&format!("{}…", "x".repeat(66))), "{list}");
    assert!(!list.contains("⟨U+20") && !list.contains("⟨…"), "a badge was cut: {list}");

    ok(&["note", id, "co\u{00AD}operate with the ministry", "--author", "desk"]);
    let show = ok(&["show", id]);
    assert!(!has_hidden(&show), "{show}");
    assert!(show.contains("co⟨U+00AD⟩operate with the ministry"), "{show}");
}

#[test]
fn a_fifty_megabyte_paste_is_refused_with_the_limit_from_a_file_and_from_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("case.sqlite3");
    let paste = "He said it was fine. ".repeat(50 * 1024 * 1024 / 21 + 1).into_bytes();
    let file = dir.path().join("paste.txt");
    std::fs::write(&file, &paste).unwrap();
    let err = refused(&claimtrail(&db, &["extract", file.to_str().unwrap()], None));
    assert!(err.contains("the pasted text is 50.0 MiB; the limit is 10 MiB"), "{err}");
    let err = refused(&claimtrail(&db, &["extract", "-"], Some(&paste)));
    assert!(err.contains("standard input holds more than 10 MiB of text; the limit is 10 MiB"), "{err}");
}

#[test]
fn a_claim_over_the_limit_is_refused_and_one_at_it_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("case.sqlite3");
    let at_limit = "a".repeat(100_000);
    let out = claimtrail(&db, &["log", "--claim", &at_limit, "--by", "Someone", "--json"], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let err = refused(&claimtrail(&db, &["log", "--claim", &format!("{at_limit}b"), "--by", "Someone"], None));
    assert!(err.contains("the claim text is 100001 characters long; the limit is 100000"), "{err}");
}
