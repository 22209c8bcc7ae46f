//! `claimtrail extract`: propose the claims, claimants and relay chains of an
//! article, and with `--log` accept the chosen proposals into the database.
//!
//! ```text
//! claimtrail extract article.txt --outlet "Kenya Star" --published 2025-07-04 --json
//! claimtrail extract - --log --claims 1,6 < article.txt
//! ```

use std::io::Read;
use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};
use claimtrail_core::extract::{check_paste, extract, ExtractContext, Extraction, ProposedClaim, MAX_PASTE_BYTES};
use claimtrail_core::{LogRequest, NameResolution, Store};
use serde::Serialize;

use super::UsageError;
use crate::output;

#[derive(clap::Args)]
pub struct Args {
    /// The article text: a file, or `-` for standard input.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Where the article was read; names the publisher when --outlet is not given.
    #[arg(long)]
    url: Option<String>,
    /// The article's date (YYYY-MM-DD or RFC 3339), to resolve "on Thursday".
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    published: Option<NaiveDate>,
    /// The publisher's name.
    #[arg(long, value_name = "NAME")]
    outlet: Option<String>,
    /// Accept proposals: log them with their chains (all of them unless --claims picks some).
    #[arg(long)]
    log: bool,
    /// The proposals to log, by their numbers in the listing (`0,2`).
    #[arg(long, value_name = "N,N...", value_delimiter = ',', requires = "log")]
    claims: Vec<usize>,
    /// Every proposed name that is not a known name or alias is a new actor,
    /// even when it looks like a known one.
    #[arg(long = "new-actor", requires = "log")]
    new_actor: bool,
    #[arg(long)]
    json: bool,
}

impl Args {
    /// Proposing reads no database; only `--log` writes one.
    pub fn needs_store(&self) -> bool {
        self.log
    }
}

/// A calendar date, or the local date of an RFC 3339 time (the dateline's day).
fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| DateTime::parse_from_rfc3339(s).map(|t| t.date_naive()))
        .map_err(|_| format!("cannot read `{s}` as a date: use YYYY-MM-DD or RFC 3339"))
}

fn read_input(file: &PathBuf) -> anyhow::Result<String> {
    let mut bytes = Vec::new();
    // One byte past the limit is enough to know the text is too long; the rest is never read.
    let cap = MAX_PASTE_BYTES as u64 + 1;
    if file.as_os_str() == "-" {
        std::io::stdin().take(cap).read_to_end(&mut bytes)?;
        if bytes.len() as u64 == cap {
            return Err(UsageError(format!(
                "standard input holds more than {} MiB of text; the limit is {} MiB",
                MAX_PASTE_BYTES >> 20,
                MAX_PASTE_BYTES >> 20
            ))
            .into());
        }
    } else {
        let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
        check_paste(usize::try_from(size).unwrap_or(usize::MAX))?;
        std::fs::File::open(file)
            .and_then(|f| f.take(cap).read_to_end(&mut bytes))
            .map_err(|e| UsageError(format!("cannot read {}: {e}", file.display())))?;
    }
    check_paste(bytes.len())?;
    // Offsets are into the text as given, so it is refused rather than repaired.
    String::from_utf8(bytes).map_err(|_| UsageError(format!("{} is not UTF-8 text", file.display())).into())
}

fn context(args: &Args) -> ExtractContext {
    ExtractContext { url: args.url.clone(), published: args.published, outlet: args.outlet.clone() }
}

/// Prints the proposals, each name with how it resolves in `store` when
/// there is a database to resolve against.
pub fn show(args: &Args, store: Option<&Store>) -> anyhow::Result<()> {
    let text = read_input(&args.file)?;
    let ctx = context(args);
    let found = extract(&text, &ctx);
    let names = match store {
        Some(store) => proposal_names(store, &found, &ctx)?,
        None => Vec::new(),
    };
    if args.json {
        return output::json(&with_names(&found, &names)?);
    }
    print_listing(&found, &names);
    Ok(())
}

/// The requests that accepting proposal `claim` would log: the claim, then
/// the disputes it showed. Empty without a claimant.
fn requests_of(claim: &ProposedClaim, found: &Extraction, ctx: &ExtractContext) -> Vec<LogRequest> {
    let Some(req) = claim.to_log_request(found, ctx) else { return Vec::new() };
    std::iter::once(req).chain(claim.dispute_log_requests(found, ctx)).collect()
}

/// How the names of each proposal resolve, with the article's known names
/// as the context that ranks a surname or a description.
pub fn proposal_names(
    store: &Store,
    found: &Extraction,
    ctx: &ExtractContext,
) -> anyhow::Result<Vec<Vec<NameResolution>>> {
    let requests: Vec<Vec<LogRequest>> = found.claims.iter().map(|c| requests_of(c, found, ctx)).collect();
    let context = store.story_context(&requests.iter().flatten().collect::<Vec<_>>())?;
    let mut names = Vec::new();
    for reqs in &requests {
        names.push(store.resolve_requests(&reqs.iter().collect::<Vec<_>>(), &context)?);
    }
    Ok(names)
}

/// The proposals as JSON, each claim with its `names` when resolved.
pub fn with_names(found: &Extraction, names: &[Vec<NameResolution>]) -> anyhow::Result<serde_json::Value> {
    let mut value = serde_json::to_value(found)?;
    if let Some(claims) = value["claims"].as_array_mut() {
        for (claim, names) in claims.iter_mut().zip(names) {
            claim["names"] = serde_json::to_value(names)?;
        }
    }
    Ok(value)
}

/// The names among `names` that look like known actors, as one refusal
/// line naming each candidate, or `None` when every name is settled.
pub fn refusal(store: &Store, names: &[&NameResolution], how: &str) -> Option<String> {
    let mut said: Vec<&str> = Vec::new();
    let mut parts = Vec::new();
    for n in names.iter().filter(|n| !n.candidates.is_empty()) {
        if said.contains(&n.name.as_str()) {
            continue;
        }
        said.push(&n.name);
        let listed: Vec<String> = n
            .candidates
            .iter()
            .map(|c| {
                format!(
                    "\"{}\" ({}; id {})",
                    output::visible(&c.name),
                    c.reason.describe(),
                    output::handle(store, &c.id)
                )
            })
            .collect();
        parts.push(format!("\"{}\" may be {}", output::visible(&n.name), listed.join(" or ")));
    }
    (!parts.is_empty()).then(|| format!("{}; nothing was logged: {how}", parts.join("; ")))
}

#[derive(Serialize)]
struct LoggedProposal {
    index: usize,
    claim_id: String,
    new_claim: bool,
    appearance_ids: Vec<String>,
    /// The appearances of the disputes the proposal showed, logged with it.
    dispute_appearance_ids: Vec<String>,
    /// How each of its names resolved before it was logged.
    names: Vec<NameResolution>,
}

#[derive(Serialize)]
struct LogReport {
    logged: Vec<LoggedProposal>,
    /// Proposals left out because they name no claimant.
    skipped: Vec<usize>,
}

/// Logs the chosen proposals, each with its chain.
pub fn run(store: &mut Store, args: Args, now: DateTime<Utc>) -> anyhow::Result<()> {
    if !args.log {
        return show(&args, Some(store));
    }
    let text = read_input(&args.file)?;
    let ctx = context(&args);
    let found = extract(&text, &ctx);
    let picked: Vec<usize> =
        if args.claims.is_empty() { (0..found.claims.len()).collect() } else { args.claims.clone() };
    // Check every number and build every request before writing anything.
    let mut requests = Vec::new();
    let mut skipped = Vec::new();
    for &i in &picked {
        let claim = found.claims.get(i).ok_or_else(|| {
            UsageError(format!("there is no proposal {i}; the article has {} (numbered from 0)", found.claims.len()))
        })?;
        match claim.to_log_request(&found, &ctx) {
            Some(req) => requests.push((i, req, claim.dispute_log_requests(&found, &ctx))),
            None => skipped.push(i),
        }
    }
    // A name that only looks like a known actor is the checker's decision,
    // as in `log`: nothing is logged until she makes it.
    let names = proposal_names(store, &found, &ctx)?;
    if !args.new_actor {
        let picked_names: Vec<&NameResolution> = requests.iter().flat_map(|(i, _, _)| &names[*i]).collect();
        let how = "log the known name by hand with `claimtrail log` (or add the name as an alias with `claimtrail actor`), or pass --new-actor if these are others";
        if let Some(line) = refusal(store, &picked_names, how) {
            return Err(UsageError(line).into());
        }
    }
    // A description of someone the article names is logged as that actor.
    for (i, req, disputes) in &mut requests {
        for req in std::iter::once(req).chain(disputes.iter_mut()) {
            claimtrail_core::name_story_actors(req, &names[*i]);
        }
    }
    let mut logged = Vec::new();
    for (index, req, disputes) in requests {
        let done = store.log(&req, now)?;
        let mut dispute_appearance_ids = Vec::new();
        for dispute in &disputes {
            dispute_appearance_ids.extend(store.log(dispute, now)?.appearance_ids);
        }
        logged.push(LoggedProposal {
            index,
            claim_id: done.claim_id,
            new_claim: done.new_claim,
            appearance_ids: done.appearance_ids,
            dispute_appearance_ids,
            names: names[index].clone(),
        });
    }
    let report = LogReport { logged, skipped };
    if args.json {
        return output::json(&report);
    }
    for l in &report.logged {
        let claim = &found.claims[l.index];
        let disputed = if claim.disputes.is_empty() || l.dispute_appearance_ids.is_empty() {
            String::new()
        } else {
            format!("  (disputed: {})", output::clip(&claim.disputes[0].text, 40))
        };
        println!(
            "[{}] {} {}  {}{disputed}",
            l.index,
            if l.new_claim { "logged" } else { "added to" },
            output::handle(store, &l.claim_id),
            output::clip(&claim.text, 60)
        );
    }
    for i in &report.skipped {
        println!("[{i}] skipped: no claimant; log it by hand with `claimtrail log`");
    }
    Ok(())
}

/// The proposals, each with how its names resolve when `names` says.
pub fn print_listing(found: &Extraction, names: &[Vec<NameResolution>]) {
    let or_dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    println!(
        "publisher: {} · wire: {} · published: {}",
        or_dash(&found.publisher),
        or_dash(&found.original_outlet),
        found.published.map_or("-".into(), |d| d.to_string())
    );
    if found.claims.is_empty() {
        println!("no attributed claims found");
    }
    for (i, c) in found.claims.iter().enumerate() {
        println!("[{i}] {:<8} “{}”", c.kind.as_str(), output::clip(&c.text, 100));
        println!("     {}", describe(c));
        if let Some(names) = names.get(i).filter(|n| !n.is_empty()) {
            println!("     names: {}", names.iter().map(describe_name).collect::<Vec<_>>().join(", "));
        }
    }
}

fn describe_name(n: &NameResolution) -> String {
    let name = output::visible(&n.name);
    match (n.candidates.first(), &n.actor) {
        (Some(c), _) => format!("{name} (may be “{}”: {})", output::visible(&c.name), c.reason.describe()),
        (None, Some(actor)) => format!("{name} (is {}, named in this article)", output::visible(actor)),
        (None, None) => format!("{name} ({})", n.resolution),
    }
}

fn describe(c: &ProposedClaim) -> String {
    let mut parts = Vec::new();
    let who = match (&c.claimant, &c.claimant_role) {
        (Some(name), Some(role)) => format!("by {name} ({role})"),
        (Some(name), None) => format!("by {name}"),
        (None, _) => "by ?".to_string(),
    };
    parts.push(if c.anonymous { format!("{who} [anonymous]") } else { who });
    if let Some(cue) = &c.cue {
        parts.push(cue.clone());
    }
    if !c.relays.is_empty() {
        parts.push(format!("via {}", c.relays.join(" → ")));
    }
    match (&c.said_at, &c.said_at_text) {
        (Some(day), Some(written)) => parts.push(format!("said {day} ({written})")),
        (None, Some(written)) => parts.push(format!("said {written}")),
        _ => {}
    }
    if c.stance == claimtrail_core::extract::ProposedStance::Denies {
        parts.push("denies".into());
    }
    if let Some(d) = &c.dispute_text {
        parts.push(format!("disputed: {d}"));
    } else if c.disputed {
        parts.push("disputed".into());
    }
    if c.continuation {
        parts.push("continues the quote before".into());
    }
    parts.join(" · ")
}
