//! `claimtrail relay`: link an appearance to the upstream it took the claim
//! from; `relay delete`, `relay undelete` and `relay edit` correct an edge.

use chrono::{DateTime, Utc};
use claimtrail_core::{Relation, RelayEdit, Store};

#[derive(clap::Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct Args {
    #[command(subcommand)]
    action: Option<Action>,
    /// The appearance that carries the claim.
    #[arg(required = true)]
    from: Option<String>,
    /// The upstream appearance it took the claim from.
    #[arg(required = true)]
    to: Option<String>,
    /// quotes, paraphrases, cites or republishes.
    #[arg(long, default_value = "cites")]
    relation: String,
    /// The attribution in the text ("according to").
    #[arg(long)]
    cue: Option<String>,
    /// Who does it (default: $USER).
    #[arg(long)]
    author: Option<String>,
}

#[derive(clap::Subcommand)]
enum Action {
    /// Delete the relay edge FROM → TO (a tombstone: `relay undelete` or `undo` restores it).
    Delete(Edge),
    /// Restore a deleted relay edge.
    Undelete(Edge),
    /// Correct an edge's relation or ends.
    Edit(EditEdge),
}

#[derive(clap::Args)]
struct Edge {
    from: String,
    to: String,
    /// Who does it (default: $USER).
    #[arg(long)]
    author: Option<String>,
}

#[derive(clap::Args)]
struct EditEdge {
    from: String,
    to: String,
    /// The corrected relation.
    #[arg(long)]
    relation: Option<String>,
    /// The appearance that really carries the claim.
    #[arg(long = "new-from", value_name = "APPEARANCE")]
    new_from: Option<String>,
    /// The appearance it really took the claim from.
    #[arg(long = "new-to", value_name = "APPEARANCE")]
    new_to: Option<String>,
    /// Who does it (default: $USER).
    #[arg(long)]
    author: Option<String>,
}

pub fn run(store: &mut Store, args: Args, now: DateTime<Utc>) -> anyhow::Result<()> {
    let done = match args.action {
        Some(Action::Delete(e)) => store.delete_relay(&e.from, &e.to, &super::author(e.author), now)?,
        Some(Action::Undelete(e)) => store.undelete_relay(&e.from, &e.to, &super::author(e.author), now)?,
        Some(Action::Edit(e)) => {
            let edit = RelayEdit {
                relation: e.relation.as_deref().map(str::parse::<Relation>).transpose()?,
                from: e.new_from,
                to: e.new_to,
            };
            store.edit_relay(&e.from, &e.to, &edit, &super::author(e.author), now)?
        }
        None => {
            let (from, to) = (args.from.unwrap_or_default(), args.to.unwrap_or_default());
            let relation: Relation = args.relation.parse()?;
            store.add_relay(&from, &to, relation, args.cue.as_deref(), &super::author(args.author), now)?;
            println!("{from} {relation} {to}");
            return Ok(());
        }
    };
    super::edit::print(store, &done, false)
}
