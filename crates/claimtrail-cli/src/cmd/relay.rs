//! `claimtrail relay`: link an appearance to the upstream it took the claim from.

use chrono::{DateTime, Utc};
use claimtrail_core::{Relation, Store};

#[derive(clap::Args)]
pub struct Args {
    /// The appearance that carries the claim.
    from: String,
    /// The upstream appearance it took the claim from.
    to: String,
    /// quotes, paraphrases, cites or republishes.
    #[arg(long, default_value = "cites")]
    relation: String,
    /// The attribution in the text ("according to").
    #[arg(long)]
    cue: Option<String>,
}

pub fn run(store: &mut Store, args: Args, now: DateTime<Utc>) -> anyhow::Result<()> {
    let relation: Relation = args.relation.parse()?;
    store.add_relay(&args.from, &args.to, relation, args.cue.as_deref(), now)?;
    println!("{} {} {}", args.from, relation, args.to);
    Ok(())
}
