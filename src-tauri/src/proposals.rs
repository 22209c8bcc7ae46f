//! Claims proposed from pasted article text by the core's attribution
//! extraction, in the shape the capture form needs: the span to highlight and
//! the log request that accepting it would record. Nothing is stored here.

use chrono::NaiveDate;
use claimtrail_core::extract::{extract, ExtractContext};
use claimtrail_core::LogRequest;
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
    pub request: Option<LogRequest>,
}

/// Proposes the attributed claims of `text` read at `url` on `outlet`.
pub fn propose(text: &str, url: Option<String>, outlet: Option<String>, published: Option<String>) -> Vec<Proposal> {
    #[allow(clippy::needless_update)]
    let ctx = ExtractContext {
        url: url.filter(|u| !u.trim().is_empty()),
        outlet: outlet.filter(|o| !o.trim().is_empty()),
        published: published.and_then(|d| NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok()),
        // Whatever else extraction learns to take keeps its default here.
        ..ExtractContext::default()
    };
    let extraction = extract(text, &ctx);
    extraction
        .claims
        .iter()
        .map(|c| Proposal {
            text: c.text.clone(),
            start: c.start,
            end: c.end,
            claimant: c.claimant.clone(),
            cue: c.cue.clone(),
            disputed: c.disputed,
            dispute_text: c.dispute_text.clone(),
            request: c.to_log_request(&extraction, &ctx),
        })
        .collect()
}
