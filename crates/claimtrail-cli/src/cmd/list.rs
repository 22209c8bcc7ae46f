//! `claimtrail list`: claims, newest first, with filters.

use claimtrail_core::{ListFilter, ListSort, Status, Store};

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
    /// Claims filed under this case.
    #[arg(long = "case", value_name = "NAME")]
    case: Option<String>,
    /// Claims with this tag.
    #[arg(long)]
    tag: Option<String>,
    /// Claims logged on or after this date (YYYY-MM-DD or RFC 3339).
    #[arg(long)]
    since: Option<String>,
    /// Claims logged before this date.
    #[arg(long)]
    until: Option<String>,
    /// Claims with a verdict recorded by this author.
    #[arg(long)]
    author: Option<String>,
    /// Claims assigned to this person.
    #[arg(long)]
    assignee: Option<String>,
    /// Claims due before this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    due_before: Option<String>,
    /// newest (default) or due: soonest due first, claims without a due date last.
    #[arg(long, value_enum, default_value = "newest")]
    sort: SortArg,
    /// Only disputed claims.
    #[arg(long)]
    disputed: bool,
    /// At most this many claims.
    #[arg(long, default_value_t = 200)]
    limit: u32,
    #[arg(long)]
    json: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum SortArg {
    Newest,
    Due,
}

pub fn run(store: &Store, args: Args) -> anyhow::Result<()> {
    let filter = ListFilter {
        status: args.status.as_deref().map(str::parse::<Status>).transpose()?,
        search: args.search,
        actor: args.actor,
        case: args.case,
        tag: args.tag,
        since: args.since,
        until: args.until,
        author: args.author,
        assignee: args.assignee,
        due_before: args.due_before,
        sort: match args.sort {
            SortArg::Newest => None,
            SortArg::Due => Some(ListSort::Due),
        },
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
            "{}  {:<10} {:<9} {} outlet{} / {} independent  {}{}",
            c.handle,
            c.status.as_str(),
            if c.disputed { "disputed" } else { "" },
            c.outlets,
            if c.outlets == 1 { "" } else { "s" },
            c.independent_origins,
            clip(&c.text, 70),
            c.due.as_deref().map(|d| format!("  [due {d}]")).unwrap_or_default()
        );
    }
    if claims.is_empty() {
        // An empty database is a newcomer's first sight: say what to do next.
        let unfiltered = filter.status.is_none()
            && filter.search.is_none()
            && filter.actor.is_none()
            && filter.case.is_none()
            && filter.tag.is_none()
            && filter.since.is_none()
            && filter.until.is_none()
            && filter.author.is_none()
            && filter.assignee.is_none()
            && filter.due_before.is_none()
            && filter.disputed.is_none();
        if unfiltered {
            eprintln!("no claims yet: `claimtrail log --claim TEXT --by NAME` logs one, `claimtrail demo` loads the demo case");
        } else {
            eprintln!("no claims match");
        }
    }
    Ok(())
}
