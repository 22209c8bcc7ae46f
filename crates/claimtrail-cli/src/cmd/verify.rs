//! `claimtrail verify`: re-check the tamper-evident history, its head against
//! the head file beside the database, and every archived page against the
//! hashes recorded when it was captured.

use claimtrail_core::{Anchor, HistoryCheck, Store};

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
            "head": history.head,
            "anchor": history.anchor,
            "snapshots_checked": snapshots.checked,
            "first_snapshot_mismatch": snapshots.first_mismatch,
        }))?;
    } else {
        match &history.first_broken {
            None => println!("history verified: {} entries, chain intact", history.entries),
            Some(b) => {
                // Entries cut from the end lie past the chain's length.
                let of = if b.position <= history.entries { format!(" of {}", history.entries) } else { String::new() };
                println!("history BROKEN at entry {}{of} ({}): {}", b.position, b.subject, b.reason)
            }
        }
        if let Some(head) = &history.head {
            println!("head: entry {} sha256 {} (note it to check this database later)", head.entries, head.sha256);
        }
        if let Some(line) = history.anchor.as_ref().and_then(anchor_line) {
            println!("{line}");
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

/// What the head file says, when there is something to say.
fn anchor_line(anchor: &Anchor) -> Option<String> {
    let file = &anchor.path;
    match (anchor.state.as_str(), &anchor.recorded) {
        ("matches", _) => Some(format!("head anchored in {file}")),
        ("behind", Some(r)) => Some(format!(
            "head file {file} records entry {} of this chain; it is brought up to date on the next change",
            r.entries
        )),
        ("missing", _) => Some(format!(
            "warning: head not anchored: there is no {file} (a database from before head files, or the file was \
             removed); it is written on the next change"
        )),
        _ => None,
    }
}

/// Warns on stderr, in one line naming the first broken entry, when the
/// history would not verify: run before every writing command, so nobody
/// writes on top of a broken chain without knowing. Uses the quick check
/// (newest entries and the head file), whose cost does not grow with the database.
pub fn warn_if_broken(store: &Store) {
    match store.chain_status() {
        Ok(HistoryCheck { first_broken: Some(b), .. }) => eprintln!(
            "claimtrail: warning: the history is broken at entry {} ({}): {}; run `claimtrail verify`",
            b.position, b.subject, b.reason
        ),
        Ok(_) => {}
        Err(e) => eprintln!("claimtrail: warning: the history could not be checked: {e}"),
    }
}
