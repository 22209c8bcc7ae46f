//! `claimtrail log`: record a claim, its speaker and its relay chain.

use chrono::{DateTime, Utc};
use claimtrail_core::web_address::{outlet_domain, parse_http};
use claimtrail_core::{
    ActorKind, ActorSpec, AppearanceKind, DocumentSpec, LogRequest, Relation, RelayStep, Stance, Store,
};

use claimtrail_core::identity::Resolution;
use claimtrail_core::key::match_key;

use super::UsageError;
use crate::output;

#[derive(clap::Args)]
pub struct Args {
    /// The claim, in your words.
    #[arg(long, required_unless_present = "to")]
    claim: Option<String>,
    /// Attach this appearance to an existing claim (id or unique id prefix)
    /// instead of the claim --claim names: one of the similar claims listed.
    /// --claim is then optional, and only used to list similar claims.
    #[arg(long, value_name = "CLAIM")]
    to: Option<String>,
    /// Who made it (name or alias of a known actor, or a new one).
    #[arg(long = "by", value_name = "NAME", required_unless_present = "by_id", conflicts_with = "by_id")]
    by: Option<String>,
    /// Who made it, as the id of a known actor (one of the candidates a
    /// refusal named).
    #[arg(long = "by-id", value_name = "ACTOR")]
    by_id: Option<String>,
    /// Every name of this command that is not a known name or alias is a
    /// new actor, even when it looks like a known one.
    #[arg(long = "new-actor")]
    new_actor: bool,
    /// What the article calls the speaker ("Kremlin aide"): kept with this
    /// appearance (and as the speaker's usual role when the speaker is new).
    #[arg(long)]
    role: Option<String>,
    /// Also make --role the speaker's usual role, shown wherever an
    /// appearance has none of its own.
    #[arg(long, requires = "role")]
    update_role: bool,
    /// What kind of party the speaker is, when new.
    #[arg(long = "by-kind", value_name = "KIND", value_parser = parse::<ActorKind>, default_value = "person")]
    by_kind: ActorKind,
    /// The exact words, or the paraphrase.
    #[arg(long)]
    quote: Option<String>,
    #[arg(long, value_parser = parse::<AppearanceKind>, default_value = "direct")]
    kind: AppearanceKind,
    /// How the speaker was attributed ("told reporters").
    #[arg(long)]
    cue: Option<String>,
    /// When it was said (YYYY-MM-DD or RFC 3339).
    #[arg(long = "said-at", value_name = "DATE")]
    said_at: Option<String>,
    /// Where it was said.
    #[arg(long = "said-where", value_name = "PLACE")]
    said_where: Option<String>,
    #[arg(long, value_parser = parse::<Stance>, default_value = "asserts")]
    stance: Stance,
    /// A relay, in order from the speaker outward; repeat for each.
    #[arg(long = "via", value_name = "NAME")]
    via: Vec<String>,
    /// The page where you read it.
    #[arg(long)]
    url: Option<String>,
    /// The outlet that published that page (default: the outlet owning its domain).
    #[arg(long)]
    outlet: Option<String>,
    /// The page republishes the last relay as a whole (wire copy).
    #[arg(long)]
    republished: bool,
    /// When the page was published.
    #[arg(long, value_name = "DATE")]
    published: Option<String>,
    /// The page's title.
    #[arg(long)]
    title: Option<String>,
    /// A document already in the library (`claimtrail documents`), by handle:
    /// its address, title, date and outlet, as if typed.
    #[arg(long, value_name = "HANDLE", conflicts_with_all = ["url", "title", "published"])]
    document: Option<String>,
    /// File the claim in a case (repeatable).
    #[arg(long = "case", value_name = "NAME")]
    case: Vec<String>,
    /// Tag the claim (repeatable).
    #[arg(long = "tag")]
    tag: Vec<String>,
    #[arg(long)]
    json: bool,
    /// Who logs it, named in the history (default: $USER).
    #[arg(long)]
    author: Option<String>,
}

fn parse<T: std::str::FromStr<Err = claimtrail_core::Error>>(s: &str) -> Result<T, String> {
    s.parse().map_err(|e: claimtrail_core::Error| e.to_string())
}

pub fn run(store: &mut Store, args: Args, now: DateTime<Utc>) -> anyhow::Result<()> {
    let by = match (&args.by_id, &args.by) {
        (Some(id), _) => store.resolve_actor(id)?.name,
        (None, Some(name)) => name.clone(),
        (None, None) => unreachable!("clap requires --by or --by-id"),
    };
    let mut relays: Vec<RelayStep> = Vec::new();
    for (i, name) in args.via.iter().enumerate() {
        relays.push(RelayStep {
            actor: ActorSpec { name: name.clone(), kind: Some(ActorKind::Outlet), ..ActorSpec::default() },
            relation: first_hop_relation(i, args.kind),
            cue: None,
            quote: None,
            document: None,
        });
    }
    let (mut url, mut title, mut published, mut outlet_named) =
        (args.url.clone(), args.title.clone(), args.published.clone(), args.outlet.clone());
    let mut located = url.is_some();
    if let Some(handle) = &args.document {
        let d = store.document(handle)?.summary;
        if d.url.is_none() && d.outlet.is_none() && outlet_named.is_none() {
            anyhow::bail!(
                "document {} has neither an address nor an outlet to find it by: give --outlet NAME too",
                d.handle
            );
        }
        (url, title, published, located) = (d.url, d.title, d.published_at, d.located);
        outlet_named = outlet_named.or(d.outlet);
    }
    let outlet = match (&outlet_named, &url) {
        (Some(name), _) => Some(name.clone()),
        (None, Some(url)) => {
            let url = parse_http(url)?;
            let domain = outlet_domain(&url).unwrap_or_default();
            Some(store.outlet_for_domain(&domain)?.map(|a| a.name).unwrap_or(domain))
        }
        (None, None) => None,
    };
    if let Some(name) = outlet {
        let document = DocumentSpec { url, title, published_at: published, located };
        match relays.last_mut() {
            // The page of the last relay is where that relay appeared, not a
            // second hop "RT → RT".
            Some(last) if last.document.is_none() && same_actor(store, &last.actor.name, &name) => {
                last.document = Some(document);
            }
            _ => {
                let relation = if args.republished && !relays.is_empty() {
                    Relation::Republishes
                } else {
                    first_hop_relation(relays.len(), args.kind)
                };
                relays.push(RelayStep {
                    actor: ActorSpec { name, kind: Some(ActorKind::Outlet), ..ActorSpec::default() },
                    relation,
                    cue: None,
                    quote: None,
                    document: Some(document),
                });
            }
        }
    }
    let req = LogRequest {
        quote: args.quote,
        kind: args.kind,
        cue: args.cue,
        stance: args.stance,
        said_at: args.said_at,
        said_where: args.said_where,
        relays,
        cases: args.case,
        tags: args.tag,
        author: Some(super::author(args.author)),
        ..LogRequest::new(
            args.claim.as_deref().unwrap_or_default(),
            ActorSpec {
                name: by,
                kind: Some(args.by_kind),
                role: args.role,
                update_role: args.update_role.then_some(true),
                ..ActorSpec::default()
            },
        )
    };
    let (resolutions, offered) = resolve_names(store, &req, args.by_id.is_some(), args.new_actor)?;
    let logged = match &args.to {
        Some(claim) => store.log_to(claim, &req, now)?,
        None => store.log(&req, now)?,
    };
    // The claims most like the one logged: the checker may attach to one (--to) instead.
    let similar = store.similar_claims(&req.claim, 5, Some(&logged.claim_id))?;
    // `--new-actor` said each name is not the actors it was offered: recorded,
    // so `actors --duplicates` does not list those pairs.
    for (name, ids) in &offered {
        store.mark_distinct_from(name, ids, now)?;
    }
    let actors: Vec<serde_json::Value> = resolutions
        .iter()
        .map(|(name, resolution)| {
            let id = store.resolve_actor(name).map(|a| a.id).ok();
            serde_json::json!({"name": name, "id": id, "resolution": resolution})
        })
        .collect();
    if args.json {
        output::json(&serde_json::json!({
            "claim_id": logged.claim_id,
            "new_claim": logged.new_claim,
            "appearance_ids": logged.appearance_ids,
            "actors": actors,
            "similar_claims": similar,
        }))
    } else {
        // The id alone on stdout, for scripts; what happened on stderr.
        println!("{}", logged.claim_id);
        let said: Vec<String> =
            resolutions.iter().map(|(name, resolution)| format!("{} ({resolution})", output::visible(name))).collect();
        eprintln!("{} claim; actors: {}", if logged.new_claim { "new" } else { "existing" }, said.join(", "));
        if let Some(most) = similar.first().filter(|_| logged.new_claim) {
            eprintln!(
                "most similar existing claim: {}; log --to {} to attach to it instead",
                super::claims::describe(store, most),
                most.id
            );
        }
        Ok(())
    }
}

/// A name with how it resolved.
type Resolved = (String, &'static str);
/// A name logged as a new actor despite candidates, with their ids.
type Offered = (String, Vec<String>);

/// Resolves every name of the command before anything is written, as
/// [`Store::resolve_requests`] does for every way in (the names of this
/// command that are known, and the actors of the claim if it is logged
/// already, rank the candidates): a known name or alias is used; a name that
/// only looks like known actors is refused, naming them, unless `new_actor`
/// says it is someone else. Returns each distinct name with how it resolved
/// (`exact`, `alias`, `new` or `chosen` for a speaker given by id), and each
/// name logged as new despite candidates with the ids of the actors it was
/// offered.
fn resolve_names(
    store: &Store,
    req: &LogRequest,
    speaker_by_id: bool,
    new_actor: bool,
) -> anyhow::Result<(Vec<Resolved>, Vec<Offered>)> {
    let story = store.story_context(&[req])?;
    let mut names = store.resolve_requests(&[req], &story)?;
    for n in &mut names {
        if speaker_by_id && n.name == req.speaker.name {
            n.resolution = "chosen";
            n.candidates.clear();
        } else if n.resolution == "story" {
            // Outside an article a description is the checker's choice too.
            if let Resolution::Candidates(found) = store.resolve_name(&n.name, None, &story)? {
                (n.resolution, n.id, n.actor, n.candidates) = ("candidates", None, None, found);
            }
        }
    }
    if !new_actor {
        let how = if speaker_by_id { "" } else { "--by-id ACTOR for the speaker, " };
        let how = format!("give the known name (or {how}its id) to use one, or --new-actor if this is someone else");
        if let Some(line) = super::extract::refusal(store, &names.iter().collect::<Vec<_>>(), &how) {
            return Err(UsageError(line).into());
        }
    }
    let mut resolved = Vec::new();
    let mut offered = Vec::new();
    for n in names {
        if n.candidates.is_empty() {
            resolved.push((n.name, n.resolution));
        } else {
            offered.push((n.name.clone(), n.candidates.into_iter().map(|c| c.id).collect()));
            resolved.push((n.name, "new"));
        }
    }
    Ok((resolved, offered))
}

/// "NAME" may be "A" (reason; id …) or "B" (…): a name refused for its candidates.
pub fn may_be(name: &str, found: &[claimtrail_core::identity::Candidate]) -> String {
    let listed: Vec<String> = found
        .iter()
        .map(|c| format!("\"{}\" ({}; id {})", output::visible(&c.name), c.reason.describe(), c.id))
        .collect();
    format!("\"{}\" may be {}", output::visible(name), listed.join(" or "))
}

/// Two names of this command name the same actor: written alike (case,
/// spacing, accents aside) or a name and an alias of one known actor.
fn same_actor(store: &Store, a: &str, b: &str) -> bool {
    if match_key(a) == match_key(b) {
        return true;
    }
    match (store.resolve_actor(a), store.resolve_actor(b)) {
        (Ok(x), Ok(y)) => x.id == y.id,
        _ => false,
    }
}

/// The first relay takes the speaker's words as quoted or paraphrased; later
/// relays cite the one before.
fn first_hop_relation(position: usize, kind: AppearanceKind) -> Relation {
    match (position, kind) {
        (0, AppearanceKind::Indirect) => Relation::Paraphrases,
        (0, _) => Relation::Quotes,
        _ => Relation::Cites,
    }
}
