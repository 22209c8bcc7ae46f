//! `claimtrail demo`: load the demo case.

use chrono::{DateTime, Utc};
use claimtrail_core::{demo, Store};

#[derive(clap::Args)]
pub struct Args {
    #[arg(long)]
    json: bool,
}

pub fn run(store: &mut Store, args: Args, now: DateTime<Utc>) -> anyhow::Result<()> {
    let ids = demo::load_demo(store, now)?;
    if args.json {
        return crate::output::json(&serde_json::json!({ "case": demo::DEMO_CASE, "claim_ids": ids }));
    }
    println!("demo case \"{}\": {} claims", demo::DEMO_CASE, ids.len());
    Ok(())
}
