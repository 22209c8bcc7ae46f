//! `claimtrail list`: claims, newest first, with filters.

use claimtrail_core::{ListFilter, Status, Store};

use crate::output::{self, clip};

#[derive(clap::Args)]
pub struct Args {
    #[arg(long)]
    status: Option<String>,
    /// Full-text search over claims, quotes and actor names.
    #[arg(long)]
    search: Option<String>,
    /// Claims made or carried by this actor (name or alias).
    #[arg(long)]
    actor: Option<String>,
    #[arg(long = "case", value_name = "NAME")]
    case: Option<String>,
    /// Only disputed claims.
    #[arg(long)]
    disputed: bool,
    /// At most this many claims.
    #[arg(long, default_value_t = 200)]
    limit: u32,
    #[arg(long)]
    json: bool,
}

pub fn run(store: &Store, args: Args) -> anyhow::Result<()> {
    let filter = ListFilter {
        status: args.status.as_deref().map(str::parse::<Status>).transpose()?,
        search: args.search,
        actor: args.actor,
        case: args.case,
        disputed: args.disputed.then_some(true),
        limit: Some(args.limit),
        ..ListFilter::default()
    };
    let claims = store.list(&filter)?;
    if args.json {
        return output::json(&claims);
    }
    for c in &claims {
        println!(
            "{}  {:<10} {:<9} {} outlets / {} independent  {}",
            c.handle,
            c.status.as_str(),
            if c.disputed { "disputed" } else { "" },
            c.outlets,
            c.independent_origins,
            clip(&c.text, 70)
        );
    }
    if claims.is_empty() {
        // An empty database is a newcomer's first sight: say what to do next.
        let unfiltered = filter.status.is_none()
            && filter.search.is_none()
            && filter.actor.is_none()
            && filter.case.is_none()
            && filter.disputed.is_none();
        if unfiltered {
            eprintln!("no claims yet: `claimtrail log --claim TEXT --by NAME` logs one, `claimtrail demo` loads the demo case");
        } else {
            eprintln!("no claims match");
        }
    }
    Ok(())
}
