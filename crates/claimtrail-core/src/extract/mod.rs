//! Attribution extraction: from pasted article text to proposed claims, each
//! with its claimant, cue, relay chain, dispute and date, for the checker to
//! accept, edit or reject. Nothing here touches the store: the store turns an
//! accepted proposal into its log request ([`ProposedClaim::to_log_request`],
//! in `store/proposals.rs`) and `Store::log` records it.
//!
//! The work is hand-written rules over the text, offline and deterministic:
//! page clutter is set aside ([`lines::clutter`]), the article's publisher and wire
//! read from datelines and credits ([`lines::credits`]), quotation marks paired across
//! paragraphs ([`quotes`]), the text cut into sentences ([`sentences`]), and
//! each sentence read for a speaker frame ([`attribution`], using [`cues`],
//! [`claimants`], [`relays`], [`disputes`] and [`dates`]). Offsets are counted
//! in characters (Unicode scalar values) so that a front end can highlight the
//! span without knowing about UTF-8.
//!
//! ```
//! use claimtrail_core::extract::{extract, ExtractContext};
//!
//! let text = "'The bridge will reopen by May,' city engineer Ana Ruiz told reporters on Monday, \
//!             the Valley Post reported.";
//! let ctx = ExtractContext {
//!     published: chrono::NaiveDate::from_ymd_opt(2025, 3, 5),
//!     ..ExtractContext::default()
//! };
//! let found = extract(text, &ctx);
//! let claim = &found.claims[0];
//! assert_eq!(claim.text, "The bridge will reopen by May");
//! assert_eq!(claim.claimant.as_deref(), Some("Ana Ruiz"));
//! assert_eq!(claim.claimant_role.as_deref(), Some("city engineer"));
//! assert_eq!(claim.cue.as_deref(), Some("told reporters"));
//! assert_eq!(claim.relays, ["Valley Post"]);
//! assert_eq!(claim.said_at.as_deref(), Some("2025-03-03"));
//! let chars: Vec<char> = text.chars().collect();
//! assert_eq!(chars[claim.start..claim.end].iter().collect::<String>(), claim.text);
//! ```

mod attribution;
mod claimants;
mod cues;
mod dates;
mod disputes;
mod lines;
mod quotes;
mod relays;
mod sentences;
#[cfg(test)]
mod tests;

use std::ops::Range;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::{ActorKind, AppearanceKind};

pub(crate) use relays::same_party;
pub use relays::RelayProposal;

/// What is known about the article besides its text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtractContext {
    /// Where the text was read; names the publisher when `outlet` is not given.
    pub url: Option<String>,
    /// The article's date, to resolve "on Thursday". Read from a header line
    /// ("04 Jul 2025, 01:27 GMT+10") when not given.
    pub published: Option<NaiveDate>,
    /// The publisher's name as the checker knows it.
    pub outlet: Option<String>,
}

impl ExtractContext {
    /// The context of a page read at `url`: its date is the first ten
    /// characters of `published` (YYYY-MM-DD or RFC 3339) when they read as
    /// one, and `outlet` is the publisher the checker knows it by.
    pub fn for_page(url: &str, published: Option<&str>, outlet: Option<&str>) -> ExtractContext {
        ExtractContext {
            url: Some(url.to_string()),
            published: published.and_then(|d| d.get(..10)?.parse().ok()),
            outlet: outlet.map(str::to_string),
        }
    }
}

/// Whether a claimant asserts the statement or denies it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProposedStance {
    Asserts,
    /// Logged as [`crate::Stance::Disputes`]: a denial is a dispute by the party accused.
    Denies,
}

/// A passage that disputes a claim ("although not everyone agreed").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DisputeMark {
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// Who disputes it, when the text says ("Kyiv denied the claim").
    pub by: Option<String>,
}

/// One proposed claim. `start..end` are character offsets into the input and
/// `text` is exactly that slice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProposedClaim {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub kind: AppearanceKind,
    pub claimant: Option<String>,
    pub claimant_role: Option<String>,
    pub claimant_kind: Option<ActorKind>,
    /// The description the text gave the claimant ("the Russian-installed
    /// governor of …") when it names the same person in the next statement:
    /// the claimant is then that person and the description his role.
    pub claimant_written: Option<String>,
    /// An unnamed source ("officials", "a source familiar with the talks").
    pub anonymous: bool,
    pub cue: Option<String>,
    /// Relay names, claimant outward.
    pub relays: Vec<String>,
    /// The same relays with their kinds and cues.
    pub relay_steps: Vec<RelayProposal>,
    pub disputed: bool,
    pub stance: ProposedStance,
    /// The first dispute passage, for display.
    pub dispute_text: Option<String>,
    pub disputes: Vec<DisputeMark>,
    /// The day the statement was made, as YYYY-MM-DD, when the text and the article date tell.
    pub said_at: Option<String>,
    /// The date as written ("on Thursday").
    pub said_at_text: Option<String>,
    /// Up to 32 characters before and after the span, for a W3C TextQuoteSelector.
    pub prefix: String,
    pub suffix: String,
    /// A quote paragraph with no cue of its own, attributed to the speaker before it.
    pub continuation: bool,
}

/// Everything proposed for one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Extraction {
    /// The outlet whose page this is (given, from the URL, or from the page furniture).
    pub publisher: Option<String>,
    /// The wire the article republishes ("ANI" from "(ANI)" or a dateline).
    pub original_outlet: Option<String>,
    /// The article date used to resolve relative dates.
    pub published: Option<NaiveDate>,
    pub claims: Vec<ProposedClaim>,
}

const SELECTOR_CONTEXT: usize = 32;

/// The most text a paste or capture hands to [`extract`]: 10 MiB, as much as
/// the capture fetcher accepts for a whole page and far more than any article.
/// Front ends refuse more with [`check_paste`] before reading it further.
pub const MAX_PASTE_BYTES: usize = 10 * 1024 * 1024;

/// Refuses pasted text over [`MAX_PASTE_BYTES`] with a message naming the limit.
///
/// ```
/// use claimtrail_core::extract::{check_paste, MAX_PASTE_BYTES};
/// assert!(check_paste(MAX_PASTE_BYTES).is_ok());
/// let err = check_paste(50 * 1024 * 1024).unwrap_err();
/// assert_eq!(err.to_string(), "the pasted text is 50.0 MiB; the limit is 10 MiB");
/// ```
pub fn check_paste(bytes: usize) -> crate::Result<()> {
    if bytes > MAX_PASTE_BYTES {
        return Err(crate::Error::invalid(format!(
            "the pasted text is {:.1} MiB; the limit is {} MiB",
            bytes as f64 / (1024.0 * 1024.0),
            MAX_PASTE_BYTES >> 20
        )));
    }
    Ok(())
}

/// Proposes the attributed claims of an article. Pure: the same text and
/// context always give the same proposals.
pub fn extract(text: &str, ctx: &ExtractContext) -> Extraction {
    let paragraphs = lines::paragraphs(text);
    let first_body = paragraphs.iter().position(|p| !p.clutter).unwrap_or(paragraphs.len());
    let published = ctx
        .published
        .or_else(|| paragraphs[..first_body].iter().find_map(|p| dates::full_date(&text[p.range.clone()])));
    let credits = lines::credits::read(text, &paragraphs, ctx.outlet.as_deref(), ctx.url.as_deref());

    // Story paragraphs without their datelines and end credits.
    let body: Vec<Range<usize>> = paragraphs
        .iter()
        .filter(|p| !p.clutter)
        .filter_map(|p| {
            let mut r = p.range.clone();
            for c in &credits.credit_ranges {
                if c.start <= r.start && c.end > r.start {
                    r.start = c.end.min(r.end);
                } else if c.start > r.start && c.start < r.end && c.end >= r.end {
                    r.end = c.start;
                }
            }
            let s = &text[r.clone()];
            let start = r.start + (s.len() - s.trim_start().len());
            let end = r.start + s.trim_end().len();
            (start < end).then_some(start..end)
        })
        .collect();

    let mut reader = attribution::Reader::new(text, published).with_wire(credits.original_outlet.clone());
    for block in quotes::blocks(text, &body) {
        for sentence in sentences::split(text, block.range.clone(), &block.quotes) {
            // A sentence belongs to the paragraph it ends in (a quote may open paragraphs earlier).
            let paragraph =
                block.first_paragraph + body[block.first_paragraph..].partition_point(|p| p.end < sentence.end);
            let lo = block.quotes.partition_point(|q| q.outer.start < sentence.start);
            let hi = block.quotes.partition_point(|q| q.outer.end <= sentence.end);
            let inside = if lo < hi { &block.quotes[lo..hi] } else { &[][..] };
            reader.sentence(sentence, inside, paragraph);
        }
    }

    let mut drafts = reader.drafts;
    // "citing its own records", "according to a statement on its website": a
    // document, not an intermediary.
    for d in &mut drafts {
        d.relays.retain(|r| !relays::is_document(&r.name));
    }
    drafts.sort_by_key(|d| (d.range.start, d.range.end));
    drafts.dedup_by(|a, b| a.range == b.range);
    let written = claimants::name_descriptions(&mut drafts);
    let mut offsets = CharOffsets::new(text);
    let claims = drafts
        .into_iter()
        .zip(written)
        .map(|(d, written)| ProposedClaim { claimant_written: written, ..proposal(text, d, &mut offsets) })
        .collect();
    Extraction { publisher: credits.publisher, original_outlet: credits.original_outlet, published, claims }
}

fn proposal(text: &str, d: attribution::Draft, offsets: &mut CharOffsets) -> ProposedClaim {
    let start = offsets.at(d.range.start);
    let end = offsets.at(d.range.end);
    let prefix_from = text[..d.range.start].char_indices().rev().nth(SELECTOR_CONTEXT - 1).map_or(0, |(i, _)| i);
    let suffix_to =
        text[d.range.end..].char_indices().nth(SELECTOR_CONTEXT).map_or(text.len(), |(i, _)| d.range.end + i);
    let disputes: Vec<DisputeMark> = d
        .disputes
        .iter()
        .map(|(r, by)| DisputeMark {
            text: text[r.clone()].to_string(),
            start: offsets.at(r.start),
            end: offsets.at(r.end),
            by: by.clone(),
        })
        .collect();
    let denies = d.stance == ProposedStance::Denies;
    ProposedClaim {
        text: text[d.range.clone()].to_string(),
        start,
        end,
        kind: d.kind,
        claimant: d.claimant.as_ref().map(|p| p.name.clone()),
        // An unnamed "spokesperson" is kept as its own role for matching; shown once.
        claimant_role: d.claimant.as_ref().and_then(|p| p.role.clone().filter(|r| *r != p.name)),
        claimant_kind: d.claimant.as_ref().map(|p| p.kind),
        claimant_written: None,
        anonymous: d.anonymous,
        cue: d.cue,
        relays: d.relays.iter().map(|r| r.name.clone()).collect(),
        relay_steps: d.relays,
        disputed: denies || !disputes.is_empty(),
        stance: d.stance,
        dispute_text: disputes.first().map(|m| m.text.clone()),
        disputes,
        said_at: d.date.as_ref().and_then(|m| m.date).map(|day| day.format("%Y-%m-%d").to_string()),
        said_at_text: d.date.as_ref().map(|m| text[m.range.clone()].to_string()),
        prefix: text[prefix_from..d.range.start].to_string(),
        suffix: text[d.range.end..suffix_to].to_string(),
        continuation: d.continuation,
    }
}

/// Byte offset → character offset, walking from the last answer so that
/// converting the offsets of a text in (nearly) sorted order is linear.
struct CharOffsets<'t> {
    text: &'t str,
    byte: usize,
    chars: usize,
}

impl<'t> CharOffsets<'t> {
    fn new(text: &'t str) -> Self {
        CharOffsets { text, byte: 0, chars: 0 }
    }

    fn at(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            self.chars -= self.text[byte..self.byte].chars().count();
        } else {
            self.chars += self.text[self.byte..byte].chars().count();
        }
        self.byte = byte;
        self.chars
    }
}
