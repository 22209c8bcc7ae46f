//! `claimtrail edit`, `delete`, `undelete`, `undo`, `redo`: correcting what
//! was logged. Each is one audited event in the history chain.

use chrono::{DateTime, Utc};
use claimtrail_core::identity::Resolution;
use claimtrail_core::{ActorKind, Corrected, Edit, Speaker, Store};

use super::UsageError;
use crate::output;

#[derive(clap::Args)]
pub struct Args {
    /// The id (or a unique prefix) of the claim, appearance, actor or document to correct.
    id: String,
    /// Claim: the corrected text.
    #[arg(long)]
    text: Option<String>,
    /// Appearance: who made it (name or alias of a known actor, or a new one with --new-actor).
    #[arg(long, value_name = "NAME", conflicts_with = "by_id")]
    by: Option<String>,
    /// Appearance: who made it, as the id of a known actor.
    #[arg(long = "by-id", value_name = "ACTOR")]
    by_id: Option<String>,
    /// With --by: the name is a new actor, even when it looks like a known one.
    #[arg(long = "new-actor")]
    new_actor: bool,
    /// Appearance: what it called its speaker; actor: its usual role. Empty clears it.
    #[arg(long)]
    role: Option<String>,
    /// Appearance: the words as said. Empty clears them.
    #[arg(long)]
    quote: Option<String>,
    /// Appearance: direct, indirect or mixed; actor: person, outlet, agency, organisation, government or unidentified.
    #[arg(long)]
    kind: Option<String>,
    /// Appearance: how it was attributed ("said"). Empty clears it.
    #[arg(long)]
    cue: Option<String>,
    /// Appearance: asserts or disputes.
    #[arg(long)]
    stance: Option<String>,
    /// Appearance: when it was said (YYYY-MM-DD or RFC 3339). Empty clears it.
    #[arg(long = "said-at", value_name = "DATE")]
    said_at: Option<String>,
    /// Appearance: the document it was published in (id, prefix or address). Empty clears it.
    #[arg(long, value_name = "DOCUMENT")]
    document: Option<String>,
    /// Appearance: move it to this claim (id or unique prefix).
    #[arg(long, value_name = "CLAIM")]
    claim: Option<String>,
    /// Actor: the corrected name.
    #[arg(long)]
    name: Option<String>,
    /// Actor: its web domains (repeatable; replaces the list; "" clears it).
    #[arg(long = "domain", value_name = "DOMAIN")]
    domain: Vec<String>,
    /// Actor: whether it is state-affiliated (true or false).
    #[arg(long = "state-affiliated", value_name = "BOOL")]
    state_affiliated: Option<bool>,
    /// Document: its address.
    #[arg(long)]
    url: Option<String>,
    /// Document: the outlet that published it (actor id, name or alias). Empty clears it.
    #[arg(long)]
    outlet: Option<String>,
    /// Document: its title. Empty clears it.
    #[arg(long)]
    title: Option<String>,
    /// Document: when it was published. Empty clears it.
    #[arg(long, value_name = "DATE")]
    published: Option<String>,
    /// Who corrects (default: $USER).
    #[arg(long)]
    author: Option<String>,
    /// Print the record after the edit as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
pub struct DeleteArgs {
    /// The id (or a unique prefix) of the appearance or claim.
    id: String,
    /// Who deletes (default: $USER).
    #[arg(long)]
    author: Option<String>,
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
pub struct StepsArgs {
    /// How many actions to take back or make again.
    #[arg(long, default_value_t = 1)]
    steps: usize,
    /// Who does it (default: $USER).
    #[arg(long)]
    author: Option<String>,
    #[arg(long)]
    json: bool,
}

pub fn run(store: &mut Store, args: Args, now: DateTime<Utc>) -> anyhow::Result<()> {
    let by = match (&args.by_id, &args.by) {
        (Some(id), _) => Some(Speaker::Id(store.resolve_actor(id)?.id)),
        (None, Some(name)) => Some(speaker(store, name, args.new_actor)?),
        (None, None) => None,
    };
    let edit = Edit {
        text: args.text,
        by,
        role: args.role,
        quote: args.quote,
        kind: args.kind,
        cue: args.cue,
        stance: args.stance,
        said_at: args.said_at,
        document: args.document,
        claim: args.claim,
        name: args.name,
        actor_kind: None,
        domains: (!args.domain.is_empty()).then_some(args.domain),
        state_affiliated: args.state_affiliated,
        url: args.url,
        outlet: args.outlet,
        title: args.title,
        published: args.published,
    };
    let done = store.edit(&args.id, &edit, &super::author(args.author), now)?;
    print(store, &done, args.json)
}

/// The speaker typed by name, resolved as `log` resolves it: a known name or
/// alias, or a new actor; a name that only looks like known actors is
/// refused unless the checker says it is someone new.
fn speaker(store: &Store, name: &str, new_actor: bool) -> anyhow::Result<Speaker> {
    Ok(match store.resolve_name(name, Some(ActorKind::Person), &[])? {
        Resolution::Exact { id } | Resolution::Alias { id } => Speaker::Id(id),
        Resolution::New => Speaker::New(name.to_string()),
        Resolution::Candidates(_) if new_actor => Speaker::New(name.to_string()),
        Resolution::Candidates(found) => {
            return Err(UsageError(format!(
                "{}; nothing was changed: give the known name or --by-id ACTOR to use one, or --new-actor if this is someone else",
                super::log::may_be(name, &found)
            ))
            .into());
        }
    })
}

pub fn delete(store: &mut Store, args: DeleteArgs, now: DateTime<Utc>) -> anyhow::Result<()> {
    let done = store.delete(&args.id, &super::author(args.author), now)?;
    print(store, &done, args.json)
}

pub fn undelete(store: &mut Store, args: DeleteArgs, now: DateTime<Utc>) -> anyhow::Result<()> {
    let done = store.undelete(&args.id, &super::author(args.author), now)?;
    print(store, &done, args.json)
}

pub fn undo(store: &mut Store, args: StepsArgs, redo: bool, now: DateTime<Utc>) -> anyhow::Result<()> {
    let author = super::author(args.author);
    let done = if redo { store.redo(args.steps, &author, now)? } else { store.undo(args.steps, &author, now)? };
    if args.json {
        return output::json(&done);
    }
    for step in &done {
        let handles: Vec<String> = step.claims.iter().map(|c| output::handle(store, c)).collect();
        let claims = if handles.is_empty() { String::new() } else { format!(" (claim {})", handles.join(", ")) };
        println!("{} {}{claims}", if redo { "redid" } else { "undid" }, step.action.replace('_', " "));
    }
    Ok(())
}

/// One line per correction, naming the record by the handle a person can type back.
pub fn print(store: &Store, done: &Corrected, json: bool) -> anyhow::Result<()> {
    if json {
        return output::json(&done.record);
    }
    // A relay edge is named by its two ends, "from>to".
    let shown: Vec<String> = done.id.split('>').map(|id| output::handle(store, id)).collect();
    println!("{} {} {}", done.action.replace('_', " "), done.kind, shown.join(" > "));
    Ok(())
}
