//! `claimtrail show`: a claim with its verdict history and appearances.

use claimtrail_core::{Stance, Store};

use crate::output::{self, clip};

#[derive(clap::Args)]
pub struct Args {
    /// The claim id or a unique prefix of it.
    claim: String,
    /// Every event on the claim in order (logs, corrections, deletions, verdicts, undos, merges).
    #[arg(long)]
    history: bool,
    #[arg(long)]
    json: bool,
}

pub fn run(store: &Store, args: Args) -> anyhow::Result<()> {
    if args.history {
        let events = store.claim_history(&args.claim)?;
        if args.json {
            return output::json(&events);
        }
        for e in &events {
            let who = e.author.as_deref().map(|a| format!(" by {}", output::visible(a))).unwrap_or_default();
            println!("{}  {}{who}: {}", e.at, e.action, output::visible(&e.summary));
        }
        return Ok(());
    }
    let claim = store.show(&args.claim)?;
    if args.json {
        return output::json(&claim);
    }
    println!("{}", output::visible(&claim.text));
    println!(
        "{}  id {}  status {}{}",
        claim.handle,
        claim.id,
        claim.status,
        if claim.disputed { "  DISPUTED" } else { "" }
    );
    if !claim.cases.is_empty() {
        let cases: Vec<String> = claim.cases.iter().map(|c| output::visible(c)).collect();
        println!("cases: {}", cases.join(", "));
    }
    if !claim.tags.is_empty() {
        let tags: Vec<String> = claim.tags.iter().map(|t| output::visible(t)).collect();
        println!("tags: {}", tags.join(", "));
    }
    if let Some(a) = &claim.assignee {
        let due = claim.due.as_deref().map(|d| format!(", due {d}")).unwrap_or_default();
        println!("assigned to {}{due}", output::visible(a));
    }
    if let Some(url) = &claim.review_url {
        println!("published check: {url}");
    }
    if !claim.notes.is_empty() {
        println!("\nnotes:");
        for n in &claim.notes {
            println!("  {}  {}:", n.at, output::visible(&n.author));
            for line in n.text.lines() {
                println!("    {}", output::visible(line));
            }
        }
    }
    if !claim.history.is_empty() {
        println!("\nhistory:");
        for v in &claim.history {
            // An imported verdict is labelled as such; an unverified one never reads as its author's own.
            let author = output::visible(&v.author);
            let by = match claim.imported.iter().find(|i| i.verdict_id == v.id) {
                Some(i) if i.checked => format!("{author} (imported, chain checked)"),
                Some(_) => format!("imported, unverified (names {author})"),
                None => author,
            };
            println!("  {}  {:<11} {by}: {}", v.at, v.status.as_str(), clip(&v.reason, 80));
            for e in &v.evidence {
                println!("      evidence {e}");
            }
        }
    }
    for c in &claim.conflicts {
        println!("\nCONFLICT: a verdict from elsewhere disagrees with this database's (found {}):", c.found_at);
        output::conflict_sides(c, "  ");
        println!("  decide with: claimtrail status {} --set STATUS --reason \"...\"", claim.handle);
    }
    println!("\nappearances:");
    for a in &claim.appearances {
        let stance = if a.stance == Stance::Disputes { " [disputes]" } else { "" };
        let quote = a.quote.as_deref().map(|q| format!(" \"{}\"", clip(q, 70))).unwrap_or_default();
        let cue = a.cue.as_deref().map(|c| format!(" ({})", output::visible(c))).unwrap_or_default();
        let place = a.url.as_deref().or(a.title.as_deref()).map(|u| format!(" in {}", clip(u, 60))).unwrap_or_default();
        println!("  {}  {}{stance}{cue}{quote}{place}", a.handle, output::visible(&a.actor));
    }
    Ok(())
}
