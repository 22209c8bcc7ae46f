//! `claimtrail status`: append a verdict to a claim's history.

use chrono::{DateTime, Utc};
use claimtrail_core::{Status, StatusRequest, Store};

use crate::output;

#[derive(clap::Args)]
pub struct Args {
    /// The claim id or a unique prefix of it.
    claim: String,
    /// unverified, contested, verified, false or misleading.
    #[arg(long = "set", value_name = "STATUS")]
    set: String,
    /// Why (required).
    #[arg(long)]
    reason: String,
    /// A link to the evidence (repeatable).
    #[arg(long = "evidence", value_name = "URL")]
    evidence: Vec<String>,
    /// Who decides (default: $USER).
    #[arg(long)]
    author: Option<String>,
    #[arg(long)]
    json: bool,
}

pub fn run(store: &mut Store, args: Args, now: DateTime<Utc>) -> anyhow::Result<()> {
    let status: Status = args.set.parse()?;
    let author = super::author(args.author);
    let req = StatusRequest { status, reason: args.reason, evidence: args.evidence, author };
    let open = store.conflicts_of(&args.claim)?.len();
    let event = store.set_status(&args.claim, &req, now)?;
    if args.json {
        output::json(&event)
    } else {
        println!("{} by {} at {}", event.status, output::visible(&event.author), event.at);
        if open > 0 {
            println!("decides {open} verdict conflict{}", if open == 1 { "" } else { "s" });
        }
        Ok(())
    }
}

#[derive(clap::Args)]
pub struct ConflictsArgs {
    #[arg(long)]
    json: bool,
}

/// `claimtrail conflicts`: verdicts from elsewhere that disagree with ours,
/// each with both sides and how to decide it.
pub fn conflicts(store: &Store, args: ConflictsArgs) -> anyhow::Result<()> {
    let conflicts = store.verdict_conflicts()?;
    if args.json {
        return output::json(&conflicts);
    }
    if conflicts.is_empty() {
        println!("No verdict conflicts.");
        return Ok(());
    }
    for c in &conflicts {
        println!("{}  \"{}\"", c.handle, output::clip(&c.text, 80));
        output::conflict_sides(c, "    ");
        println!("    decide: claimtrail status {} --set STATUS --reason \"...\"", c.handle);
    }
    Ok(())
}
