//! The real `claimtrail` binary run on a database file, shared by the CLI's
//! test files (each keeps its own small fixture around these).
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

/// Runs `claimtrail --db DB ARGS…`, ignoring any `CLAIMTRAIL_DB` of the caller.
pub fn run(db: impl AsRef<Path>, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimtrail"))
        .arg("--db")
        .arg(db.as_ref())
        .args(args)
        .env_remove("CLAIMTRAIL_DB")
        .output()
        .unwrap()
}

/// The stdout of a command that must have succeeded.
pub fn stdout(out: Output, args: &[&str]) -> String {
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// The JSON a command that must have succeeded printed.
pub fn json(out: Output, args: &[&str]) -> Value {
    let text = stdout(out, args);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{args:?} printed invalid JSON ({e}): {text}"))
}
