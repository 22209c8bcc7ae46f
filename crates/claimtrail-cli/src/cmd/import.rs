//! `claimtrail import`: merge a file into the database in one transaction —
//! a case bundle, a ClaimReview, a Zotero CSL-JSON export or the CSV export,
//! recognised by content. On any error nothing changes. An import cannot
//! ask which actor a name means, so it lists the actors it created that may
//! be ones already here, and how to decide.
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
    print_report(store, &args.file.display().to_string(), &report);
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

pub fn print_report(store: &Store, file: &str, report: &ImportReport) {
    println!("imported {file} as {}", report.format);
    println!("  added: {}", counts(&report.added));
    println!("  already here: {}", counts(&report.existing));
    for note in &report.notes {
        println!("  {}: {}", note.kind.as_str().replace('_', "-"), note.message);
    }
    print_possible_duplicates(store, report);
}

/// The actors the import created that may be ones already here: an import
/// cannot ask, so it says which and how to decide.
fn print_possible_duplicates(store: &Store, report: &ImportReport) {
    let n = report.possible_duplicates.len();
    if n == 0 {
        return;
    }
    let said = if n == 1 { "new actor may be an actor" } else { "new actors may be actors" };
    println!("  {n} {said} you already have:");
    let named = |a: &str, id: &str| format!("\"{}\" {}", output::visible(a), output::handle(store, id));
    for d in &report.possible_duplicates {
        let offered: Vec<String> =
            d.candidates.iter().map(|c| format!("{} ({})", named(&c.name, &c.id), c.reason.describe())).collect();
        println!("    {}  ~  {}", named(&d.new.name, &d.new.id), offered.join(", "));
    }
    println!(
        "  see `claimtrail actors --duplicates`; `claimtrail actor merge KEEP DROP` if one, \
         `claimtrail actor distinct A B` if not"
    );
}
