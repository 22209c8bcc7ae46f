//! `claimtrail claim …`: finding claims like a text, and merging two claims.

use chrono::{DateTime, Utc};
use claimtrail_core::{SimilarClaim, Store};

use crate::output;

#[derive(clap::Args)]
pub struct ClaimArgs {
    #[command(subcommand)]
    command: ClaimCommand,
}

#[derive(clap::Subcommand)]
enum ClaimCommand {
    /// List the existing claims most like TEXT, best first.
    Similar {
        text: String,
        /// At most this many.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// Merge claim DROP into KEEP: its appearances, cases and tags move, its
    /// verdicts join KEEP's history, and the merge is audited.
    Merge {
        keep: String,
        drop: String,
        #[arg(long)]
        json: bool,
    },
}

impl ClaimArgs {
    /// Whether the command changes the database.
    pub fn writes(&self) -> bool {
        matches!(self.command, ClaimCommand::Merge { .. })
    }
}

/// A similar claim on one line: its text, id, score and status, and who
/// already checked it when it came from a ClaimReview.
pub fn describe(store: &Store, c: &SimilarClaim) -> String {
    let checked = match &c.checked {
        Some(p) => format!("; already checked by {} on {}: {}", output::visible(&p.author), p.date, p.status.as_str()),
        None => String::new(),
    };
    format!(
        "\"{}\" ({}, score {:.2}, {}{checked})",
        output::clip(&c.text, 120),
        output::handle(store, &c.id),
        c.score,
        c.status.as_str()
    )
}

pub fn run(store: &mut Store, args: ClaimArgs, now: DateTime<Utc>) -> anyhow::Result<()> {
    match args.command {
        ClaimCommand::Similar { text, limit, json } => {
            let found = store.similar_claims(&text, limit, None)?;
            if json {
                return output::json(&found);
            }
            if found.is_empty() {
                eprintln!("no existing claim is like it");
            }
            for c in &found {
                println!("{}  {}", output::handle(store, &c.id), describe(store, c));
            }
            Ok(())
        }
        ClaimCommand::Merge { keep, drop, json } => {
            let merged = store.merge_claims(&keep, &drop, now)?;
            if json {
                return output::json(&merged);
            }
            println!(
                "merged \"{}\" ({}) into \"{}\" ({}): {} appearances moved, {} verdicts joined its history; status {}",
                output::clip(&merged.dropped.text, 80),
                output::handle(store, &merged.dropped.id),
                output::clip(&merged.kept.text, 80),
                output::handle(store, &merged.kept.id),
                merged.appearances_moved,
                merged.verdicts_carried,
                merged.status.as_str()
            );
            if let Some(d) = &merged.disagreement {
                let side = |v: &claimtrail_core::VerdictEvent| {
                    format!(
                        "{} ({}, {})",
                        v.status.as_str(),
                        output::visible(&v.author),
                        v.at.chars().take(10).collect::<String>()
                    )
                };
                println!(
                    "verdicts disagree: KEEP {}, DROP {}; both stay in the kept claim's history",
                    side(&d.kept),
                    side(&d.dropped)
                );
            }
            Ok(())
        }
    }
}
