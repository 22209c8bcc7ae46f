//! The desk's daily work on claims: `case`, `tag`, `untag`, `note`,
//! `review-url` and `assign`. Each change is audited in the history chain,
//! under the name given with `--author` (default: $USER).

use chrono::{DateTime, Utc};
use claimtrail_core::{DeskFields, ListFilter, Store};
use serde::Serialize;

use crate::output::{self, clip};

#[derive(clap::Args)]
pub struct CaseArgs {
    #[command(subcommand)]
    command: CaseCommand,
}

#[derive(clap::Subcommand)]
enum CaseCommand {
    /// The cases, by name, with how many claims each holds.
    List {
        #[arg(long)]
        json: bool,
    },
    /// The claims filed under a case, newest first.
    Show {
        case: String,
        #[arg(long)]
        json: bool,
    },
    /// Rename a case (refused when another case has the new name).
    Rename {
        case: String,
        new_name: String,
        #[command(flatten)]
        by: By,
    },
    /// File claims under a case, creating the case if no case has that name.
    Add {
        case: String,
        /// Claim handles, ids or unique id prefixes.
        #[arg(required = true)]
        claims: Vec<String>,
        #[command(flatten)]
        by: By,
    },
    /// Take claims out of a case.
    Remove {
        case: String,
        #[arg(required = true)]
        claims: Vec<String>,
        #[command(flatten)]
        by: By,
    },
}

/// Who makes a change, and whether to print JSON.
#[derive(clap::Args)]
struct By {
    /// Who makes the change (default: $USER).
    #[arg(long)]
    author: Option<String>,
    #[arg(long)]
    json: bool,
}

impl By {
    fn author(&self) -> String {
        super::author(self.author.clone())
    }
}

impl CaseArgs {
    /// Whether the command changes the database.
    pub fn writes(&self) -> bool {
        !matches!(self.command, CaseCommand::List { .. } | CaseCommand::Show { .. })
    }
}

#[derive(clap::Args)]
pub struct TagArgs {
    /// The claim's handle, id or unique id prefix.
    claim: String,
    #[arg(required = true)]
    tags: Vec<String>,
    #[command(flatten)]
    by: By,
}

#[derive(clap::Args)]
pub struct NoteArgs {
    /// The claim's handle, id or unique id prefix.
    claim: String,
    /// The note, kept exactly as written.
    text: String,
    #[command(flatten)]
    by: By,
}

#[derive(clap::Args)]
pub struct ReviewUrlArgs {
    /// The claim's handle, id or unique id prefix.
    claim: String,
    /// Where the published fact-check lives (http or https).
    url: String,
    #[command(flatten)]
    by: By,
}

#[derive(clap::Args)]
pub struct AssignArgs {
    /// The claim's handle, id or unique id prefix.
    claim: String,
    /// Who works on it.
    name: String,
    /// By when (YYYY-MM-DD).
    #[arg(long)]
    due: Option<String>,
    #[command(flatten)]
    by: By,
}

#[derive(Serialize)]
struct CaseView {
    name: String,
    claims: Vec<claimtrail_core::ClaimSummary>,
}

pub fn case(store: &mut Store, args: CaseArgs, now: DateTime<Utc>) -> anyhow::Result<()> {
    match args.command {
        CaseCommand::List { json } => {
            let cases = store.cases()?;
            if json {
                return output::json(&cases);
            }
            if cases.is_empty() {
                eprintln!("no cases yet: `claimtrail case add NAME CLAIM...` files claims under one");
            }
            for c in &cases {
                println!("{}  ({} claim{})", output::visible(&c.name), c.claims, if c.claims == 1 { "" } else { "s" });
            }
            Ok(())
        }
        CaseCommand::Show { case, json } => {
            let claims =
                store.list(&ListFilter { case: Some(case.clone()), limit: Some(1000), ..Default::default() })?;
            let name = store
                .cases()?
                .into_iter()
                .map(|c| c.name)
                .find(|n| claimtrail_core::key::match_key(n) == claimtrail_core::key::match_key(case.trim()));
            let view = CaseView { name: name.unwrap_or(case), claims };
            if json {
                return output::json(&view);
            }
            println!("{}  ({} claims)", output::visible(&view.name), view.claims.len());
            for c in &view.claims {
                println!("  {}  {:<10} {}", c.handle, c.status.as_str(), clip(&c.text, 70));
            }
            Ok(())
        }
        CaseCommand::Rename { case, new_name, by } => {
            let name = store.case_rename(&case, &new_name, &by.author(), now)?;
            if by.json {
                return output::json(&serde_json::json!({ "name": name }));
            }
            println!("case renamed to {}", output::visible(&name));
            Ok(())
        }
        CaseCommand::Add { case, claims, by } => {
            let change = store.case_add(&case, &claims, &by.author(), now)?;
            if by.json {
                return output::json(&change);
            }
            let new = if change.created { " (new case)" } else { "" };
            println!("case {}{new}: added {}", output::visible(&change.case), listed(&change.changed));
            if !change.unchanged.is_empty() {
                println!("already in it: {}", change.unchanged.join(" "));
            }
            Ok(())
        }
        CaseCommand::Remove { case, claims, by } => {
            let change = store.case_remove(&case, &claims, &by.author(), now)?;
            if by.json {
                return output::json(&change);
            }
            println!("case {}: removed {}", output::visible(&change.case), listed(&change.changed));
            if !change.unchanged.is_empty() {
                println!("not in it: {}", change.unchanged.join(" "));
            }
            Ok(())
        }
    }
}

fn listed(handles: &[String]) -> String {
    if handles.is_empty() {
        "nothing".to_string()
    } else {
        handles.join(" ")
    }
}

fn print_fields(fields: &DeskFields, json: bool) -> anyhow::Result<()> {
    if json {
        return output::json(fields);
    }
    let tags: Vec<String> = fields.tags.iter().map(|t| output::visible(t)).collect();
    println!("claim {}", fields.handle);
    println!("  tags: {}", if tags.is_empty() { "none".to_string() } else { tags.join(", ") });
    if let Some(a) = &fields.assignee {
        let due = fields.due.as_deref().map(|d| format!(", due {d}")).unwrap_or_default();
        println!("  assigned to {}{due}", output::visible(a));
    }
    if let Some(url) = &fields.review_url {
        println!("  published check: {url}");
    }
    Ok(())
}

pub fn tag(store: &mut Store, args: TagArgs, now: DateTime<Utc>) -> anyhow::Result<()> {
    let fields = store.tag_claim(&args.claim, &args.tags, &args.by.author(), now)?;
    print_fields(&fields, args.by.json)
}

pub fn untag(store: &mut Store, args: TagArgs, now: DateTime<Utc>) -> anyhow::Result<()> {
    let fields = store.untag_claim(&args.claim, &args.tags, &args.by.author(), now)?;
    print_fields(&fields, args.by.json)
}

pub fn note(store: &mut Store, args: NoteArgs, now: DateTime<Utc>) -> anyhow::Result<()> {
    let note = store.add_note(&args.claim, &args.text, &args.by.author(), now)?;
    if args.by.json {
        return output::json(&note);
    }
    println!("note by {} at {}", output::visible(&note.author), note.at);
    Ok(())
}

pub fn review_url(store: &mut Store, args: ReviewUrlArgs, now: DateTime<Utc>) -> anyhow::Result<()> {
    let fields = store.set_review_url(&args.claim, &args.url, &args.by.author(), now)?;
    print_fields(&fields, args.by.json)
}

pub fn assign(store: &mut Store, args: AssignArgs, now: DateTime<Utc>) -> anyhow::Result<()> {
    let fields = store.assign_claim(&args.claim, &args.name, args.due.as_deref(), &args.by.author(), now)?;
    print_fields(&fields, args.by.json)
}
