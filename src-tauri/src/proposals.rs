//! Claims proposed from pasted article text by the core's attribution
//! extraction, in the shape the capture form needs: the span to highlight,
//! the log request that accepting it would record, and how each of its names
//! stands among the known actors, so that accepting a proposal whose name
//! only looks like a known actor asks first. Nothing is stored here.

use chrono::NaiveDate;
use claimtrail_core::extract::{extract, ExtractContext};
use claimtrail_core::{LogRequest, NameResolution, Store};
use serde::Serialize;

/// One proposed claim.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Proposal {
    /// The proposed span, exactly as in the text.
    pub text: String,
    /// Offsets of the span in the text, in Unicode scalar values (not UTF-16 units).
    pub start: usize,
    pub end: usize,
    pub claimant: Option<String>,
    pub cue: Option<String>,
    /// The text around it says the claim is contested ("not everyone agreed").
    pub disputed: bool,
    pub dispute_text: Option<String>,
    /// What accepting it as proposed would log; `None` when no claimant is named.
    /// A description of someone the article names ("the governor") is already
    /// that actor's name here.
    pub request: Option<LogRequest>,
    /// How each name of `request` resolves, speaker first: a name with
    /// `candidates` is the checker's choice before the proposal is logged.
    pub names: Vec<NameResolution>,
    /// The disputes the proposal shows, each a disputing appearance of the
    /// same claim that accepting logs with it ("although not everyone
    /// agreed"): accepting without them would log the claim as undisputed.
    pub disputes: Vec<LogRequest>,
}

/// Proposes the attributed claims of `text` read at `url` on `outlet`, each
/// name resolved against the actors of `store`, with the article's known
/// names as the context that ranks a surname or a description.
pub fn propose(
    store: &Store,
    text: &str,
    url: Option<String>,
    outlet: Option<String>,
    published: Option<String>,
) -> claimtrail_core::Result<Vec<Proposal>> {
    #[allow(clippy::needless_update)]
    let ctx = ExtractContext {
        url: url.filter(|u| !u.trim().is_empty()),
        outlet: outlet.filter(|o| !o.trim().is_empty()),
        published: published.and_then(|d| NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok()),
        // Whatever else extraction learns to take keeps its default here.
        ..ExtractContext::default()
    };
    let extraction = extract(text, &ctx);
    let requests: Vec<Option<LogRequest>> =
        extraction.claims.iter().map(|c| c.to_log_request(&extraction, &ctx)).collect();
    let story = store.story_context(&requests.iter().flatten().collect::<Vec<_>>())?;
    extraction
        .claims
        .iter()
        .zip(requests)
        .map(|(c, mut request)| {
            let mut disputes = Vec::new();
            let names = match &mut request {
                Some(req) => {
                    let names = store.resolve_requests(&[&*req], &story)?;
                    claimtrail_core::name_story_actors(req, &names);
                    disputes = c.dispute_log_requests(&extraction, &ctx);
                    for dispute in &mut disputes {
                        claimtrail_core::name_story_actors(dispute, &names);
                    }
                    names
                }
                None => Vec::new(),
            };
            Ok(Proposal {
                text: c.text.clone(),
                start: c.start,
                end: c.end,
                claimant: c.claimant.clone(),
                cue: c.cue.clone(),
                disputed: c.disputed,
                dispute_text: c.dispute_text.clone(),
                request,
                names,
                disputes,
            })
        })
        .collect()
}
