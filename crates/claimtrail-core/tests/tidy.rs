//! The house's rules that ARCHITECTURE.md states, checked on the source tree.
//!
//! Each rule is a function over one file's path (relative to the workspace,
//! with `/`) and text that returns what it finds wrong; `tree_keeps_the_rules`
//! runs every rule over the real tree, and the tests below it show each rule
//! catching a deliberate violation written inline. A rule with a named
//! exception names it here, with the reason.

use std::fs;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// Only the graph module and the export writer that uses petgraph's DOT
/// writer on a throwaway graph may use petgraph; the benchmark measures it
/// as a baseline.
const PETGRAPH_ALLOWED: &[&str] = &[
    "crates/claimtrail-core/src/graph/",
    "crates/claimtrail-core/src/interop/graph_formats.rs",
    "crates/claimtrail-bench/src/",
];

/// The core's only network access.
const REQWEST_ALLOWED: &[&str] = &["crates/claimtrail-core/src/capture/fetch.rs"];

/// Core modules a front end may call to read the clock for it. None today:
/// every writing function takes `now`, and front ends read the clock themselves.
const CLOCK_ALLOWED: &[&str] = &[];

/// Files that must stay below the store: they may name only these of the
/// core's modules and root items (the model's vocabulary and the error type).
const LEAF_FILES: &[&str] = &["crates/claimtrail-core/src/error.rs", "crates/claimtrail-core/src/extract/"];
const LEAF_MAY_USE: &[&str] = &[
    "model",
    "key",
    "when",
    "web_address",
    "identity",
    "error",
    "extract",
    "Error",
    "ErrorKind",
    "Result",
    "ActorKind",
    "AppearanceKind",
    "Relation",
    "Stance",
    "Status",
];

/// The only store module that reads extraction's types: it turns accepted
/// proposals into log requests. The store never calls into extraction.
const STORE_READS_EXTRACTION: &[&str] = &["crates/claimtrail-core/src/store/proposals.rs"];

/// Files the `//!` rule skips: `command_names.rs` is also `include!`d by the
/// shell's build script, where an inner doc comment does not compile.
const OVERVIEW_EXEMPT: &[&str] = &["src-tauri/src/command_names.rs"];

/// The test that names the forbidden HTML sinks to look for them.
const HTML_SINK_EXEMPT: &[&str] = &["ui/src/architecture.test.ts"];

/// This file, which names every pattern it forbids.
const CHECKER: &str = "crates/claimtrail-core/tests/tidy.rs";

fn under(path: &str, prefixes: &[&str]) -> bool {
    prefixes.iter().any(|p| path.starts_with(p))
}

fn is_workspace_rust(path: &str) -> bool {
    path.ends_with(".rs") && (path.starts_with("crates/") || path.starts_with("src-tauri/"))
}

fn is_core_source(path: &str) -> bool {
    path.starts_with("crates/claimtrail-core/src/") && path.ends_with(".rs")
}

/// The code of a Rust file without its comment lines.
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().map(|(i, l)| (i + 1, l)).filter(|(_, l)| !l.trim_start().starts_with("//"))
}

/// The code of a Rust file up to its unit tests (`#[cfg(test)]`, at the end
/// of a file by the house's layout); a file that is itself tests is empty.
fn non_test_code(path: &str, text: &str) -> Vec<(usize, String)> {
    if path.ends_with("/tests.rs") || path.contains("/tests/") {
        return Vec::new();
    }
    code_lines(text).take_while(|(_, l)| l.trim() != "#[cfg(test)]").map(|(n, l)| (n, l.to_string())).collect()
}

fn found(path: &str, line: usize, what: &str) -> String {
    format!("{path}:{line}: {what}")
}

/// Lines of workspace Rust code outside `allowed` that name `word`.
fn named_outside(path: &str, text: &str, word: &str, allowed: &[&str], what: &str) -> Vec<String> {
    if !is_workspace_rust(path) || under(path, allowed) {
        return Vec::new();
    }
    code_lines(text).filter(|(_, l)| l.contains(word)).map(|(n, _)| found(path, n, what)).collect()
}

fn petgraph_outside_graph(path: &str, text: &str) -> Vec<String> {
    named_outside(path, text, "petgraph", PETGRAPH_ALLOWED, "petgraph outside graph/ (its indices never leave it)")
}

fn reqwest_outside_fetch(path: &str, text: &str) -> Vec<String> {
    let what = "reqwest outside capture/fetch.rs (the core's only network access)";
    named_outside(path, text, "reqwest", REQWEST_ALLOWED, what)
}

fn clock_in_core(path: &str, text: &str) -> Vec<String> {
    if !is_core_source(path) || under(path, CLOCK_ALLOWED) {
        return Vec::new();
    }
    non_test_code(path, text)
        .into_iter()
        .filter(|(_, l)| ["Utc::now", "Local::now", "SystemTime"].iter().any(|c| l.contains(c)))
        .map(|(n, _)| found(path, n, "the core reads the clock (take `now` from the caller)"))
        .collect()
}

/// The first segments of every `crate::` path on a line, braces expanded one
/// level: `use crate::{model::X, Store}` names `model` and `Store`.
fn crate_items(line: &str) -> Vec<String> {
    let mut items = Vec::new();
    for (at, _) in line.match_indices("crate::") {
        let rest = &line[at + "crate::".len()..];
        if let Some(inner) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut start = 0;
            for (i, c) in inner.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        items.push(first_segment(&inner[start..i]));
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        items.push(first_segment(&inner[start..i]));
                        start = i + 1;
                    }
                    _ => {}
                }
            }
        } else {
            items.push(first_segment(rest));
        }
    }
    items.retain(|i| !i.is_empty());
    items
}

fn first_segment(path: &str) -> String {
    path.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect()
}

fn leaf_reaches_up(path: &str, text: &str) -> Vec<String> {
    if !is_core_source(path) || !under(path, LEAF_FILES) {
        return Vec::new();
    }
    code_lines(text)
        .flat_map(|(n, l)| crate_items(l).into_iter().map(move |item| (n, item)))
        .filter(|(_, item)| !LEAF_MAY_USE.contains(&item.as_str()))
        .map(|(n, item)| {
            found(path, n, &format!("`crate::{item}` from below the store (errors and extraction are leaves)"))
        })
        .collect()
}

fn store_calls_extraction(path: &str, text: &str) -> Vec<String> {
    if !path.starts_with("crates/claimtrail-core/src/store/") || under(path, STORE_READS_EXTRACTION) {
        return Vec::new();
    }
    code_lines(text)
        .filter(|(_, l)| l.contains("crate::extract") || l.contains("ExtractContext"))
        .map(|(n, _)| found(path, n, "the store reaches into extraction (only store/proposals.rs reads proposals)"))
        .collect()
}

fn html_sink_in_ui(path: &str, text: &str) -> Vec<String> {
    let ui_code = path.starts_with("ui/src/") && [".svelte", ".ts", ".js"].iter().any(|e| path.ends_with(e));
    if !ui_code || HTML_SINK_EXEMPT.contains(&path) {
        return Vec::new();
    }
    let sinks = ["{@html", "innerHTML", "outerHTML", "insertAdjacentHTML"];
    text.lines()
        .enumerate()
        .filter(|(_, l)| sinks.iter().any(|s| l.contains(s)))
        .map(|(i, _)| found(path, i + 1, "text parsed as HTML in the window"))
        .collect()
}

fn missing_overview(path: &str, text: &str) -> Vec<String> {
    if !is_workspace_rust(path) || OVERVIEW_EXEMPT.contains(&path) {
        return Vec::new();
    }
    match text.lines().find(|l| !l.trim().is_empty()) {
        Some(first) if first.starts_with("//!") => Vec::new(),
        _ => vec![found(path, 1, "module without its `//!` overview")],
    }
}

/// A released migration whose bytes changed, or a migration not listed in
/// `migrations/SHA256SUMS` (a new one is listed with its checksum).
fn migration_changes(sums: &str, migrations: &[(String, Vec<u8>)]) -> Vec<String> {
    let listed: Vec<(&str, &str)> = sums.lines().filter_map(|l| l.split_once("  ")).collect();
    let mut wrong = Vec::new();
    for (name, bytes) in migrations {
        let actual = format!("{:x}", Sha256::digest(bytes));
        match listed.iter().find(|(_, file)| file == name) {
            None => {
                wrong.push(format!("migrations/{name}: not in migrations/SHA256SUMS (a new migration adds its line)"))
            }
            Some((sum, _)) if *sum != actual => {
                wrong.push(format!("migrations/{name}: a released migration was edited (write a new one instead)"))
            }
            Some(_) => {}
        }
    }
    for (_, file) in &listed {
        if !migrations.iter().any(|(name, _)| name == file) {
            wrong.push(format!("migrations/{file}: listed in SHA256SUMS but gone (a released migration stays)"));
        }
    }
    wrong
}

type Rule = fn(&str, &str) -> Vec<String>;

const RULES: &[Rule] = &[
    petgraph_outside_graph,
    reqwest_outside_fetch,
    clock_in_core,
    leaf_reaches_up,
    store_calls_extraction,
    html_sink_in_ui,
    missing_overview,
];

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

fn files(root: &Path, dir: &str, out: &mut Vec<String>) {
    let Ok(entries) = fs::read_dir(root.join(dir)) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let rel = format!("{dir}/{name}");
        if matches!(name.as_str(), "target" | "node_modules" | "dist" | "fixtures" | "devset") || name.starts_with('.')
        {
            continue;
        }
        if entry.file_type().unwrap().is_dir() {
            files(root, &rel, out);
        } else {
            out.push(rel);
        }
    }
}

#[test]
fn tree_keeps_the_rules() {
    let root = workspace();
    let mut paths = Vec::new();
    for dir in ["crates", "src-tauri/src", "src-tauri/tests", "ui/src"] {
        files(&root, dir, &mut paths);
    }
    paths.sort();
    assert!(paths.iter().any(|p| p == "crates/claimtrail-core/src/graph/mod.rs"), "walked the wrong tree: {root:?}");
    let mut wrong = Vec::new();
    for path in &paths {
        // This file names every forbidden pattern to test the rules on them.
        if path == CHECKER {
            continue;
        }
        let Ok(text) = fs::read_to_string(root.join(path)) else { continue };
        for rule in RULES {
            wrong.extend(rule(path, &text));
        }
    }
    let sums = fs::read_to_string(root.join("migrations/SHA256SUMS")).unwrap();
    let mut migrations = Vec::new();
    for entry in fs::read_dir(root.join("migrations")).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".sql") {
            migrations.push((name, fs::read(entry.path()).unwrap()));
        }
    }
    assert!(migrations.len() >= 6);
    wrong.extend(migration_changes(&sums, &migrations));
    assert!(wrong.is_empty(), "the tree breaks the house's rules (ARCHITECTURE.md):\n{}", wrong.join("\n"));
}

#[test]
fn petgraph_is_caught_outside_graph_and_allowed_inside() {
    let text = "//! Paths.\nuse petgraph::graph::NodeIndex;\n";
    assert_eq!(petgraph_outside_graph("crates/claimtrail-core/src/store/trace.rs", text).len(), 1);
    assert_eq!(petgraph_outside_graph("src-tauri/src/commands.rs", text).len(), 1);
    assert!(petgraph_outside_graph("crates/claimtrail-core/src/graph/analysis.rs", text).is_empty());
    assert!(petgraph_outside_graph("crates/claimtrail-core/src/interop/graph_formats.rs", text).is_empty());
    // A comment naming it is not a use.
    assert!(petgraph_outside_graph("crates/claimtrail-core/src/store/trace.rs", "// built with petgraph\n").is_empty());
}

#[test]
fn reqwest_is_caught_outside_fetch() {
    let text = "fn get() { reqwest::blocking::get(\"http://example.org\").unwrap(); }\n";
    assert_eq!(reqwest_outside_fetch("crates/claimtrail-core/src/capture/page.rs", text).len(), 1);
    assert_eq!(reqwest_outside_fetch("crates/claimtrail-cli/src/cmd/capture.rs", text).len(), 1);
    assert!(reqwest_outside_fetch("crates/claimtrail-core/src/capture/fetch.rs", text).is_empty());
}

#[test]
fn the_clock_is_caught_in_core_code_but_not_in_its_tests_or_docs() {
    let path = "crates/claimtrail-core/src/store/verdicts.rs";
    let reads = "//! let now = chrono::Utc::now();\nfn stamp() -> String { chrono::Utc::now().to_rfc3339() }\n";
    assert_eq!(
        clock_in_core(path, reads),
        vec![format!("{path}:2: the core reads the clock (take `now` from the caller)")]
    );
    assert_eq!(clock_in_core(path, "fn t() { std::time::SystemTime::now(); }\n").len(), 1);
    let in_tests = "fn f() {}\n#[cfg(test)]\nmod tests {\n    fn t() { chrono::Utc::now(); }\n}\n";
    assert!(clock_in_core(path, in_tests).is_empty());
    assert!(clock_in_core("crates/claimtrail-core/src/extract/tests.rs", reads).is_empty());
    assert!(clock_in_core("crates/claimtrail-cli/src/main.rs", reads).is_empty());
}

#[test]
fn errors_and_extraction_cannot_reach_the_store() {
    let error = "crates/claimtrail-core/src/error.rs";
    assert_eq!(leaf_reaches_up(error, "    crate::store::backup_folder(p).is_dir()\n").len(), 1);
    let accept = "crates/claimtrail-core/src/extract/accept.rs";
    assert_eq!(leaf_reaches_up(accept, "use crate::store::{ActorSpec, LogRequest};\n").len(), 1);
    // Through the root's re-exports, too, alone or in braces.
    assert_eq!(leaf_reaches_up(accept, "use crate::LogRequest;\n").len(), 1);
    assert_eq!(leaf_reaches_up(accept, "use crate::{model::ActorKind, Store};\n").len(), 1);
    assert!(
        leaf_reaches_up(accept, "use crate::model::{ActorKind, Stance};\nuse crate::{Relation, Status};\n").is_empty()
    );
    assert!(leaf_reaches_up("crates/claimtrail-core/src/store/log.rs", "use crate::store::LogRequest;\n").is_empty());
    assert_eq!(crate_items("use crate::{model::{A, B}, when::parse, Store};"), ["model", "when", "Store"]);
}

#[test]
fn the_store_cannot_call_into_extraction() {
    let snapshots = "crates/claimtrail-core/src/store/snapshots.rs";
    let calls = "use crate::extract::ExtractContext;\n";
    assert_eq!(store_calls_extraction(snapshots, calls).len(), 1);
    assert!(store_calls_extraction("crates/claimtrail-core/src/store/proposals.rs", calls).is_empty());
    assert!(store_calls_extraction("crates/claimtrail-cli/src/cmd/capture.rs", calls).is_empty());
}

#[test]
fn html_sinks_are_caught_in_the_ui() {
    assert_eq!(html_sink_in_ui("ui/src/features/claim/ClaimPage.svelte", "<p>{@html claim.text}</p>\n").len(), 1);
    assert_eq!(html_sink_in_ui("ui/src/lib/visible-text.ts", "el.innerHTML = text;\n").len(), 1);
    assert!(html_sink_in_ui("ui/src/lib/visible-text.ts", "el.textContent = text;\n").is_empty());
    assert!(html_sink_in_ui("ui/src/architecture.test.ts", "/\\{@html|\\.innerHTML/\n").is_empty());
}

#[test]
fn a_module_without_overview_is_caught() {
    let path = "crates/claimtrail-core/src/store/new_thing.rs";
    assert_eq!(missing_overview(path, "use std::fs;\n").len(), 1);
    assert_eq!(missing_overview(path, "/// An item's doc is not the module's.\nfn f() {}\n").len(), 1);
    assert_eq!(missing_overview(path, "").len(), 1);
    assert!(missing_overview(path, "\n//! What this module is for.\nuse std::fs;\n").is_empty());
    assert!(missing_overview("ui/src/lib/words.ts", "export {};\n").is_empty());
}

#[test]
fn an_edited_or_unlisted_migration_is_caught() {
    let first = b"CREATE TABLE claim (seq INTEGER PRIMARY KEY);\n".to_vec();
    let sums = format!("{:x}  0001_initial.sql\n", Sha256::digest(&first));
    let released = vec![("0001_initial.sql".to_string(), first.clone())];
    assert!(migration_changes(&sums, &released).is_empty());

    let mut edited = first.clone();
    edited.extend_from_slice(b"-- a harmless-looking comment\n");
    let wrong = migration_changes(&sums, &[("0001_initial.sql".to_string(), edited)]);
    assert_eq!(wrong, ["migrations/0001_initial.sql: a released migration was edited (write a new one instead)"]);

    let new = ("0002_more.sql".to_string(), b"ALTER TABLE claim ADD note TEXT;\n".to_vec());
    let unlisted = migration_changes(&sums, &[released[0].clone(), new.clone()]);
    assert_eq!(unlisted, ["migrations/0002_more.sql: not in migrations/SHA256SUMS (a new migration adds its line)"]);
    let listed = format!("{sums}{:x}  0002_more.sql\n", Sha256::digest(&new.1));
    assert!(migration_changes(&listed, &[released[0].clone(), new]).is_empty());

    assert_eq!(migration_changes(&sums, &[]).len(), 1, "a released migration removed");
}
