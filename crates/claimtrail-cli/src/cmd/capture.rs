//! `claimtrail capture` and `claimtrail recapture`: fetch a page, keep a
//! snapshot of what it said, propose its claims; fetch it again later and see
//! whether it was silently edited.
//!
//! ```text
//! claimtrail capture https://news.example/story --json
//! claimtrail capture https://news.example/story --create-outlet
//! claimtrail capture https://news.example/story --text selection.txt   # pasted text, no fetch
//! claimtrail recapture 0199a3 --json
//! ```
//!
//! Pages on this machine are refused unless `CLAIMTRAIL_ALLOW_LOOPBACK=1`;
//! `CLAIMTRAIL_FETCH_TIMEOUT_MS` changes the time limit.

use std::io::Read;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use claimtrail_core::capture::{FetchPolicy, HttpFetcher};
use claimtrail_core::extract::{extract, ExtractContext};
use claimtrail_core::{web_address, CaptureOptions, Captured, Recaptured, Store};
use serde::Serialize;

use super::UsageError;
use crate::output;

#[derive(clap::Args)]
pub struct Args {
    /// The page's address (http or https).
    url: String,
    /// Keep this text (a file, or `-` for standard input) as what the page said, without fetching it.
    #[arg(long, value_name = "FILE")]
    text: Option<PathBuf>,
    /// When no outlet owns the page's domain, create one named after the page's site name (after the
    /// domain when another actor already has that name: a page's name for itself is not proof).
    #[arg(long)]
    create_outlet: bool,
    /// With --create-outlet: create it even when its name looks like a known actor's (this is another outlet).
    #[arg(long = "new-actor", requires = "create_outlet")]
    new_actor: bool,
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
pub struct RecaptureArgs {
    /// The document: its id, a unique prefix of it, or its address.
    document: String,
    #[arg(long)]
    json: bool,
}

/// A capture with the claims extraction proposes from its text.
#[derive(Serialize)]
struct CaptureReport<'a> {
    #[serde(flatten)]
    captured: &'a Captured,
    /// The proposals, each claim with how its names resolve here.
    proposals: serde_json::Value,
}

pub fn run(store: &mut Store, args: Args, now: DateTime<Utc>) -> anyhow::Result<()> {
    let options = CaptureOptions { create_outlet: args.create_outlet, new_outlet: args.new_actor };
    let captured = match &args.text {
        Some(file) => store.capture_pasted(&args.url, &read_text(file)?, &options, now)?,
        None => store.capture(&args.url, &HttpFetcher::new(FetchPolicy::from_env())?, &options, now)?,
    };
    let ctx =
        ExtractContext::for_page(&captured.final_url, captured.published_at.as_deref(), captured.outlet.as_deref());
    let proposals = extract(&captured.text, &ctx);
    let names = super::extract::proposal_names(store, &proposals, &ctx)?;
    if args.json {
        let proposals = super::extract::with_names(&proposals, &names)?;
        return output::json(&CaptureReport { captured: &captured, proposals });
    }
    print_capture(store, &captured);
    println!();
    super::extract::print_listing(&proposals, &names);
    if let Some(offer) = &captured.unknown_outlet {
        println!();
        if captured.outlet_candidates.is_empty() {
            println!(
                "hint: no outlet owns {}; capture again with --create-outlet to create “{}”",
                offer.domain, offer.name
            );
        } else {
            let listed: Vec<String> = captured
                .outlet_candidates
                .iter()
                .map(|c| {
                    format!(
                        "“{}” ({}; id {})",
                        output::visible(&c.name),
                        c.reason.describe(),
                        output::handle(store, &c.id)
                    )
                })
                .collect();
            println!(
                "no outlet owns {}, and “{}” may be {}: nothing was created; if it is, run `claimtrail actor alias ACTOR {}` \
                 and capture again with --create-outlet (the domain goes to that actor), or add --new-actor to create “{}”",
                offer.domain,
                output::visible(&offer.name),
                listed.join(" or "),
                offer.domain,
                output::visible(&offer.name)
            );
        }
    }
    Ok(())
}

/// The warning for a page that names itself after an actor already here.
fn claimed_name_warning(c: &Captured) -> Option<String> {
    let claim = c.claimed_name.as_ref()?;
    let domain = web_address::parse_http(&c.final_url).ok().and_then(|u| web_address::outlet_domain(&u))?;
    let owns = if claim.domains.is_empty() { "no domain".to_string() } else { claim.domains.join(", ") };
    Some(format!(
        "warning: the page names itself “{}”, the name of the existing {} {} ({owns}); {domain} was NOT given to it \
         (merge with `claimtrail actor merge` if you know they are one)",
        output::visible(&claim.name),
        claim.actor_kind.as_str(),
        output::visible(&claim.actor),
    ))
}

pub fn recapture(store: &mut Store, args: RecaptureArgs, now: DateTime<Utc>) -> anyhow::Result<()> {
    let found = store.recapture(&args.document, &HttpFetcher::new(FetchPolicy::from_env())?, now)?;
    if args.json {
        return output::json(&found);
    }
    print_recapture(&found);
    Ok(())
}

fn read_text(file: &PathBuf) -> anyhow::Result<String> {
    let mut bytes = Vec::new();
    if file.as_os_str() == "-" {
        std::io::stdin().read_to_end(&mut bytes)?;
    } else {
        bytes = std::fs::read(file).map_err(|e| UsageError(format!("cannot read {}: {e}", file.display())))?;
    }
    String::from_utf8(bytes).map_err(|_| UsageError(format!("{} is not UTF-8 text", file.display())).into())
}

fn print_capture(store: &Store, c: &Captured) {
    println!(
        "{} document {}  {}",
        if c.new_document { "captured new" } else { "captured again:" },
        output::handle(store, &c.document_id),
        c.canonical_url
    );
    if let Some(title) = &c.title {
        println!("title:    {}", output::clip(title, 100));
    }
    if let Some(byline) = &c.byline {
        println!("byline:   {byline}");
    }
    if let Some(published) = &c.published_at {
        println!("published {published}");
    }
    match (&c.outlet, c.outlet_created) {
        (Some(name), true) => println!("outlet:   {name} (created for this domain)"),
        (Some(name), false) => println!("outlet:   {name}"),
        (None, _) => println!("outlet:   unknown"),
    }
    if let Some(warning) = claimed_name_warning(c) {
        println!("{warning}");
    }
    match (&c.sha256, c.http_status) {
        (Some(sha), Some(status)) => println!(
            "snapshot {}  HTTP {status} {}  sha256 {sha}",
            c.snapshot_id,
            c.content_type.as_deref().unwrap_or("-")
        ),
        _ => println!("snapshot {}  pasted text, not fetched", c.snapshot_id),
    }
    for review in &c.claim_reviews {
        println!(
            "the page carries a ClaimReview: “{}” rated {} by {}",
            review.claim_reviewed.as_deref().unwrap_or("?"),
            review.rating.as_deref().unwrap_or("?"),
            review.author.as_deref().unwrap_or("?")
        );
    }
}

fn print_recapture(r: &Recaptured) {
    let since = r.previous_retrieved_at.as_deref().unwrap_or("the first capture");
    if r.taken_down {
        let status = r.http_status.map(claimtrail_core::capture::fetch::status_line).unwrap_or_default();
        let when = r.retrieved_at.get(..10).unwrap_or(&r.retrieved_at);
        let was = if r.changed { format!("it was there on {since}") } else { format!("already gone on {since}") };
        println!("TAKEN DOWN on {when}: the server answers {status}; {was} (snapshot {} kept)", r.snapshot_id);
    } else if r.changed {
        println!("CHANGED since {since}: the text differs (snapshot {} kept)", r.snapshot_id);
        for w in &r.word_changes {
            println!("  “{}” → “{}”", w.removed, w.added);
        }
        println!();
        print!("{}", r.diff);
    } else {
        println!("unchanged since {since} (snapshot {} kept)", r.snapshot_id);
    }
}
