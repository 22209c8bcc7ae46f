//! Turning what a user types into a safe SQLite FTS5 query.
//!
//! FTS5 has its own syntax (`AND`, `NEAR`, `col:`, `*`, quotes) and raises an
//! error on malformed input, so typed text is never passed through as is:
//! every word becomes a quoted term, text in double quotes stays a phrase, and
//! the last word matches as a prefix so results follow the typing.

/// Builds an FTS5 query in which every term must match, or `None` when the
/// input has no searchable word.
///
/// ```
/// use claimtrail_core::search::fts_query;
/// assert_eq!(fts_query("luhansk liber").as_deref(), Some("\"luhansk\" \"liber\"*"));
/// assert_eq!(fts_query("\"100 per cent\" NEAR").as_deref(), Some("\"100 per cent\" \"NEAR\"*"));
/// assert_eq!(fts_query("  \" ** "), None);
/// ```
pub fn fts_query(input: &str) -> Option<String> {
    let mut terms: Vec<(String, bool)> = Vec::new();
    for (i, part) in input.split('"').enumerate() {
        let inside_quotes = i % 2 == 1;
        if inside_quotes {
            let phrase = words(part).join(" ");
            if !phrase.is_empty() {
                terms.push((phrase, true));
            }
        } else {
            terms.extend(words(part).into_iter().map(|w| (w, false)));
        }
    }
    let last = terms.len().checked_sub(1)?;
    let ends_in_word = !input.trim_end().ends_with('"');
    Some(
        terms
            .iter()
            .enumerate()
            .map(
                |(i, (t, phrase))| {
                    if i == last && !phrase && ends_in_word {
                        format!("\"{t}\"*")
                    } else {
                        format!("\"{t}\"")
                    }
                },
            )
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// Splits on anything that is not a letter or digit, as the unicode61 tokenizer does.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::fts_query;

    #[test]
    fn fts_operators_typed_by_users_are_plain_words() {
        assert_eq!(fts_query("peskov OR -missiles").as_deref(), Some("\"peskov\" \"OR\" \"missiles\"*"));
        assert_eq!(fts_query("claim:ushakov").as_deref(), Some("\"claim\" \"ushakov\"*"));
    }

    #[test]
    fn a_closed_phrase_is_not_a_prefix() {
        assert_eq!(fts_query("\"not back down\"").as_deref(), Some("\"not back down\""));
    }
}

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use crate::error::Result;

/// Above this many matches in one index, relevance ranking costs more than it
/// is worth to a reader typing a common word: the newest matches come first.
pub const RANKED_MATCH_CAP: usize = 300;

/// A claim found by full-text search.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SearchHit {
    pub claim_id: String,
    pub text: String,
    /// `claim` when the claim text matched, `quote` when a quote did.
    pub matched_in: &'static str,
    /// BM25 rank (lower is better); `None` when ranked by recency instead.
    pub rank: Option<f64>,
}

/// Top claims for a query over claim texts and quotes, best first.
pub(crate) fn top_claims(conn: &Connection, input: &str, limit: usize) -> Result<Vec<SearchHit>> {
    let Some(query) = fts_query(input) else { return Ok(Vec::new()) };
    // (claim_seq, rank, source); rank None = recency order.
    let mut found: Vec<(i64, Option<f64>, &'static str)> = Vec::new();
    for (table, to_claim, source) in [
        ("claim_fts", "SELECT coalesce(merged_into, seq) FROM claim WHERE seq = ?1 AND deleted_at IS NULL", "claim"),
        ("quote_fts", "SELECT claim_seq FROM live_appearance WHERE seq = ?1", "quote"),
    ] {
        let matches: i64 = conn
            .prepare_cached(&format!(
                "SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {table} MATCH ?1 LIMIT {})",
                RANKED_MATCH_CAP + 1
            ))?
            .query_row([&query], |r| r.get(0))?;
        let sql = if matches as usize > RANKED_MATCH_CAP {
            format!("SELECT rowid, NULL FROM {table} WHERE {table} MATCH ?1 ORDER BY rowid DESC LIMIT ?2")
        } else {
            format!("SELECT rowid, rank FROM {table} WHERE {table} MATCH ?1 ORDER BY rank LIMIT ?2")
        };
        let mut stmt = conn.prepare_cached(&sql)?;
        let mut claim_of = conn.prepare_cached(to_claim)?;
        let rows = stmt
            .query_map(rusqlite::params![query, (limit * 2) as i64], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, Option<f64>>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for (rowid, rank) in rows {
            // A deleted claim or appearance stays indexed until it is gone for good.
            if let Some(claim_seq) = claim_of.query_row([rowid], |r| r.get::<_, i64>(0)).optional()? {
                found.push((claim_seq, rank, source));
            }
        }
    }
    // Ranked hits first by rank, then recency-ordered ones; each claim once.
    found.sort_by(|a, b| match (a.1, b.1) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => b.0.cmp(&a.0),
    });
    let mut seen = std::collections::HashSet::new();
    let mut text_of = conn.prepare_cached("SELECT id, text FROM claim WHERE seq = ?1")?;
    let mut hits = Vec::new();
    for (claim_seq, rank, matched_in) in found {
        if hits.len() == limit {
            break;
        }
        if seen.insert(claim_seq) {
            let (claim_id, text) = text_of.query_row([claim_seq], |r| Ok((r.get(0)?, r.get(1)?)))?;
            hits.push(SearchHit { claim_id, text, matched_in, rank });
        }
    }
    Ok(hits)
}
