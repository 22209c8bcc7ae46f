//! `claimtrail actors` and `claimtrail actor …`: the people and outlets.

use chrono::{DateTime, Utc};
use claimtrail_core::{ActorSummary, Store};

use crate::output;

#[derive(clap::Args)]
pub struct ListArgs {
    #[arg(long)]
    json: bool,
    /// List pairs of actors that may be one person or outlet, best first,
    /// with the reason and how many claims each touches.
    #[arg(long)]
    duplicates: bool,
    /// List at most N actors, by name.
    #[arg(long, value_name = "N", default_value_t = 200, conflicts_with = "all",
          value_parser = clap::value_parser!(u32).range(1..))]
    limit: u32,
    /// List every actor.
    #[arg(long)]
    all: bool,
}

#[derive(clap::Args)]
pub struct ActorArgs {
    #[command(subcommand)]
    command: ActorCommand,
}

#[derive(clap::Subcommand)]
enum ActorCommand {
    /// What an actor originated, relayed and disputed.
    Show {
        /// Name, alias or id.
        actor: String,
        #[arg(long)]
        json: bool,
    },
    /// Add another name the actor is known by.
    Alias { actor: String, alias: String },
    /// Merge DROP into KEEP: everything is re-pointed and the merge is audited.
    Merge { keep: String, drop: String },
    /// Record that A and B are different people or outlets: the pair is not
    /// listed by `actors --duplicates` again. Audited.
    Distinct { a: String, b: String },
}

/// The warning after a name that looks like another actor's or mixes scripts in a word.
fn look_alike_note(store: &Store, a: &ActorSummary) -> String {
    let mut note = String::new();
    if !a.look_alikes.is_empty() {
        let names: Vec<String> = a
            .look_alikes
            .iter()
            .map(|l| format!("\"{}\" {}", output::visible(&l.name), output::handle(store, &l.id)))
            .collect();
        note.push_str(&format!("  [look-alike of {}; not merged]", names.join(", ")));
    }
    if a.mixed_script {
        note.push_str("  [mixed scripts]");
    }
    note
}

pub fn list(store: &Store, args: ListArgs) -> anyhow::Result<()> {
    if args.duplicates {
        return duplicates(store, args.json);
    }
    let limit = args.limit as usize;
    let actors = store.actors_first((!args.all).then_some(limit))?;
    let total = if args.all || actors.len() < limit { actors.len() } else { store.actor_count()? };
    if total > actors.len() {
        eprintln!("the first {} of {total} actors by name: --limit N for more, --all for every one", actors.len());
    }
    if args.json {
        return output::json(&actors);
    }
    for a in &actors {
        let role = a.role.as_deref().map(|r| format!(", {}", output::visible(r))).unwrap_or_default();
        let aliases = if a.aliases.is_empty() {
            String::new()
        } else {
            format!("  aka {}", output::visible(&a.aliases.join(", ")))
        };
        let state = if a.state_affiliated { " [state-affiliated]" } else { "" };
        println!(
            "{}  {:<12} {}{role}{state}{aliases}  ({} appearance{}){}",
            a.handle,
            a.kind.as_str(),
            output::visible(&a.name),
            a.appearances,
            if a.appearances == 1 { "" } else { "s" },
            look_alike_note(store, a)
        );
    }
    Ok(())
}

/// One pair a line: both actors with their claims, then the reason; how to
/// settle a pair on stderr.
fn duplicates(store: &Store, json: bool) -> anyhow::Result<()> {
    let pairs = store.duplicate_actors()?;
    if json {
        return output::json(&pairs);
    }
    let side = |a: &claimtrail_core::ActorName, claims: i64| {
        let s = if claims == 1 { "" } else { "s" };
        format!("\"{}\" {} ({claims} claim{s})", output::visible(&a.name), output::handle(store, &a.id))
    };
    for p in &pairs {
        println!("{}  ~  {}: {} ({:.2})", side(&p.a, p.claims.a), side(&p.b, p.claims.b), p.reason.describe(), p.score);
    }
    if pairs.is_empty() {
        eprintln!("no possible duplicates");
    } else {
        eprintln!(
            "{} possible duplicate{}: `claimtrail actor merge KEEP DROP` if one, `claimtrail actor distinct A B` if not",
            pairs.len(),
            if pairs.len() == 1 { "" } else { "s" }
        );
    }
    Ok(())
}

pub fn run(store: &mut Store, args: ActorArgs, now: DateTime<Utc>) -> anyhow::Result<()> {
    match args.command {
        ActorCommand::Show { actor, json } => {
            let p = store.actor_profile(&actor)?;
            if json {
                return output::json(&p);
            }
            println!("{} ({}){}", output::visible(&p.actor.name), p.actor.kind, look_alike_note(store, &p.actor));
            for (label, claims) in [("originated", &p.originated), ("relayed", &p.relayed), ("disputed", &p.disputed)] {
                println!("{label}: {}", claims.len());
                for c in claims {
                    println!("  {}  {}", output::handle(store, &c.id), output::clip(&c.text, 70));
                }
            }
            println!(
                "of the claims it relayed: {} now false, {} contested, {} misleading",
                p.relayed_now_false, p.relayed_now_contested, p.relayed_now_misleading
            );
            Ok(())
        }
        ActorCommand::Alias { actor, alias } => {
            let a = store.add_actor_alias(&actor, &alias)?;
            println!("{} is also known as {}", output::visible(&a.name), output::visible(&a.aliases.join(", ")));
            Ok(())
        }
        ActorCommand::Merge { keep, drop } => {
            let report = store.merge_actors(&keep, &drop, now)?;
            println!(
                "merged {} into {}: {} and {} re-pointed",
                output::visible(&report.dropped_name),
                output::visible(&report.kept.name),
                output::count(report.appearances_moved, "appearance"),
                output::count(report.documents_moved, "document")
            );
            Ok(())
        }
        ActorCommand::Distinct { a, b } => {
            let d = store.mark_distinct(&a, &b, now)?;
            println!(
                "recorded: {} and {} are different; the pair is no longer listed as possible duplicates",
                output::visible(&d.a.name),
                output::visible(&d.b.name)
            );
            Ok(())
        }
    }
}
