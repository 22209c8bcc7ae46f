//! `claimtrail documents` and `claimtrail document show`: the sources library.

use claimtrail_core::{DocumentFilter, DocumentSummary, Store};

use crate::output::{self, clip};

#[derive(clap::Args)]
pub struct ListArgs {
    /// Words in the title, address, byline, outlet or reference.
    #[arg(long, value_name = "WORDS")]
    search: Option<String>,
    /// Only this outlet's documents (name or alias).
    #[arg(long, value_name = "NAME")]
    outlet: Option<String>,
    /// Only documents cited by the claims of this case.
    #[arg(long, value_name = "NAME")]
    case: Option<String>,
    /// List at most N documents.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    limit: Option<u32>,
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
pub struct DocumentArgs {
    #[command(subcommand)]
    command: DocumentCommand,
}

#[derive(clap::Subcommand)]
enum DocumentCommand {
    /// A document with the claims that cite it and its archived captures.
    Show {
        /// The document's handle or id.
        document: String,
        #[arg(long)]
        json: bool,
    },
}

/// What a document is called on one line: its title, else its address.
fn name(d: &DocumentSummary) -> String {
    d.title.as_deref().or(d.url.as_deref()).map(|t| clip(t, 70)).unwrap_or_else(|| "(untitled)".into())
}

pub fn list(store: &Store, args: ListArgs) -> anyhow::Result<()> {
    let filter = DocumentFilter {
        search: args.search,
        outlet: args.outlet,
        case: args.case,
        limit: args.limit.map(|l| l as usize),
    };
    let documents = store.documents(&filter)?;
    if args.json {
        return output::json(&documents);
    }
    if documents.is_empty() {
        println!("No documents.");
        return Ok(());
    }
    for d in &documents {
        let outlet = d.outlet.as_deref().map(|o| format!("  {}", output::visible(o))).unwrap_or_default();
        let date = d.published_at.as_deref().map(|p| format!("  {}", &p[..p.len().min(10)])).unwrap_or_default();
        let cited = match d.claims {
            0 => "cited by no claim".to_string(),
            1 => "1 claim".to_string(),
            n => format!("{n} claims"),
        };
        let archived = if d.snapshots > 0 { ", archived" } else { "" };
        let unlocated = if d.located { "" } else { ", not located" };
        println!("{}  {}{outlet}{date}  ({cited}{archived}{unlocated})", d.handle, name(d));
    }
    Ok(())
}

pub fn run(store: &Store, args: DocumentArgs) -> anyhow::Result<()> {
    match args.command {
        DocumentCommand::Show { document, json } => {
            let d = store.document(&document)?;
            if json {
                return output::json(&d);
            }
            let s = &d.summary;
            println!("{}", output::visible(&name(s)));
            println!("{}  id {}{}", s.handle, s.id, if s.located { "" } else { "  NOT LOCATED" });
            for (label, value) in [
                ("address", s.url.as_deref()),
                ("outlet", s.outlet.as_deref()),
                ("byline", s.byline.as_deref()),
                ("published", s.published_at.as_deref()),
                ("retrieved", d.retrieved_at.as_deref()),
                ("DOI", s.doi.as_deref()),
            ] {
                if let Some(value) = value {
                    println!("{label}: {}", output::visible(value));
                }
            }
            if !d.authors.is_empty() {
                let authors: Vec<String> = d.authors.iter().map(|a| output::visible(a)).collect();
                println!("authors: {}", authors.join("; "));
            }
            println!("\ncited by:");
            if d.cited_by.is_empty() {
                println!("  no claim yet (`claimtrail log ... --document {}` cites it)", s.handle);
            }
            for c in &d.cited_by {
                let quote = c.quote.as_deref().map(|q| format!(" \"{}\"", clip(q, 60))).unwrap_or_default();
                println!(
                    "  {}  \"{}\"  {} {}{quote}",
                    c.claim_handle,
                    clip(&c.claim_text, 60),
                    c.appearance_handle,
                    output::visible(&c.actor)
                );
            }
            if !d.captures.is_empty() {
                println!("\ncaptures:");
                for c in &d.captures {
                    let status = c.http_status.map(|h| format!("  HTTP {h}")).unwrap_or_default();
                    let hash = c.sha256.as_deref().map(|h| format!("  sha256 {h}")).unwrap_or_default();
                    println!("  {}{status}{hash}", c.retrieved_at);
                }
            }
            Ok(())
        }
    }
}
