//! `claimtrail import`: merge a file into the database in one transaction —
//! a case bundle, a ClaimReview, a Zotero CSL-JSON export or the CSV export,
//! recognised by content. On any error nothing changes.
//!
//! ```text
//! claimtrail import colleague-case.json
//! claimtrail import zotero.json --json
//! ```

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use claimtrail_core::interop;
use claimtrail_core::{ImportReport, RecordCounts, Store};

use crate::output;

#[derive(clap::Args)]
pub struct Args {
    /// The file to import.
    file: PathBuf,
    #[arg(long)]
    json: bool,
}

pub fn run(store: &mut Store, args: Args, now: DateTime<Utc>) -> anyhow::Result<()> {
    let report = interop::import_file(store, &args.file, now)?;
    if args.json {
        return output::json(&report);
    }
    print_report(&args.file.display().to_string(), &report);
    Ok(())
}

fn counts(c: &RecordCounts) -> String {
    let parts = [
        (c.claims, "claim"),
        (c.actors, "actor"),
        (c.documents, "document"),
        (c.snapshots, "snapshot"),
        (c.appearances, "appearance"),
        (c.relays, "relay"),
        (c.verdicts, "verdict event"),
    ];
    let shown: Vec<String> = parts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}{}", if *n == 1 { "" } else { "s" }))
        .collect();
    if shown.is_empty() {
        "nothing".into()
    } else {
        shown.join(", ")
    }
}

pub fn print_report(file: &str, report: &ImportReport) {
    println!("imported {file} as {}", report.format);
    println!("  added: {}", counts(&report.added));
    println!("  already here: {}", counts(&report.existing));
    for note in &report.notes {
        println!("  {}: {}", note.kind.replace('_', "-"), note.message);
    }
}
