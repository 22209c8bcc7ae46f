//! `claimtrail verify`: re-check the tamper-evident history and every
//! archived page against the hashes recorded when it was captured.

use claimtrail_core::Store;

use crate::output;

#[derive(clap::Args)]
pub struct Args {
    #[arg(long)]
    json: bool,
}

/// Exit code when something does not verify: distinct from user errors (2).
pub const BROKEN: u8 = 3;

pub fn run(store: &Store, args: Args) -> anyhow::Result<u8> {
    let history = store.verify_history()?;
    let snapshots = store.verify_snapshots()?;
    let intact = history.first_broken.is_none() && snapshots.first_mismatch.is_none();
    if args.json {
        output::json(&serde_json::json!({
            "intact": intact,
            "entries": history.entries,
            "first_broken": history.first_broken,
            "snapshots_checked": snapshots.checked,
            "first_snapshot_mismatch": snapshots.first_mismatch,
        }))?;
    } else {
        match &history.first_broken {
            None => println!("history verified: {} entries, chain intact", history.entries),
            Some(b) => {
                println!("history BROKEN at entry {} of {} ({}): {}", b.position, history.entries, b.subject, b.reason)
            }
        }
        match &snapshots.first_mismatch {
            None => println!("snapshots verified: {} pages match their recorded SHA-256", snapshots.checked),
            Some(m) => println!(
                "snapshot BROKEN: {} of document {} ({}) no longer matches its recorded hash",
                m.snapshot_id, m.document_id, m.part
            ),
        }
    }
    Ok(if intact { 0 } else { BROKEN })
}
