//! The existing claims most like a text: full-text candidates (BM25) re-ranked
//! by how many words the two texts share.
//!
//! A checker logging "Luhansk is now fully under Russian control" should see
//! "Luhansk is fully under Russian control" before she creates a second claim.
//! FTS5 finds claims sharing any word, best first; the share of distinct words
//! both texts hold (Sørensen–Dice over their word sets) then orders them, so a
//! long claim that repeats one rare word does not beat a near copy.

use std::collections::HashSet;

use rusqlite::OptionalExtension;
use serde::Serialize;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use super::claims::CURRENT_STATUS;
use super::Store;
use crate::error::Result;
use crate::key::claim_key;
use crate::model::Status;

/// Full-text candidates re-ranked per look-up.
const CANDIDATES: usize = 50;

/// About how many rows BM25 may rank per look-up: the rarest words of the
/// text are searched until their claims would exceed this, and when even the
/// rarest is in more claims, only pairs of the rarest words are. Ranking
/// every claim holding "the" or "is" costs a tenth of a second on 180k
/// claims, and a claim worded like this one shares its rare words anyway.
const RANKED_ROWS: i64 = 2_000;

/// How many of the rarest words are also searched two at a time.
const PAIRED_WORDS: usize = 5;

/// How many common words' counts a store keeps before it starts afresh.
const COMMON_WORDS_KEPT: usize = 10_000;

/// Below this share of words two claims are not called similar.
pub const MIN_SIMILARITY: f64 = 0.3;

/// An existing claim like the text looked up.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SimilarClaim {
    pub id: String,
    pub text: String,
    /// Share of words the two texts have in common, 0 to 1 (1: the same words).
    pub score: f64,
    pub status: Status,
    /// The verdict of a claim imported from a ClaimReview: someone already checked it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checked: Option<PriorCheck>,
}

/// A published fact check of a claim, as a ClaimReview import recorded it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct PriorCheck {
    pub author: String,
    /// YYYY-MM-DD.
    pub date: String,
    pub status: Status,
}

/// Every way to take `size` of `n` things, as sorted index lists.
fn combinations(n: usize, size: usize) -> Vec<Vec<usize>> {
    fn pick(n: usize, size: usize, from: usize, taken: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
        if taken.len() == size {
            out.push(taken.clone());
            return;
        }
        for i in from..n {
            taken.push(i);
            pick(n, size, i + 1, taken, out);
            taken.pop();
        }
    }
    let mut out = Vec::new();
    pick(n, size, 0, &mut Vec::new(), &mut out);
    out
}

/// The distinct words of a text's matching key.
fn words(text: &str) -> HashSet<String> {
    claim_key(text).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect()
}

/// Sørensen–Dice coefficient of two word sets.
fn similarity(a: &HashSet<String>, b: &HashSet<String>) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    2.0 * a.intersection(b).count() as f64 / (a.len() + b.len()) as f64
}

impl Store {
    /// The live claims most like `text`, best first, at most `limit`, leaving
    /// out `exclude` (a claim id: the one just logged to).
    pub fn similar_claims(&self, text: &str, limit: usize, exclude: Option<&str>) -> Result<Vec<SimilarClaim>> {
        let wanted = words(text);
        if wanted.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        // Every word is quoted, so typed text is never FTS5 syntax.
        let mut candidates = match self.candidate_query(&wanted)? {
            Some(query) => self
                .conn
                .prepare_cached(
                    "SELECT c.seq, c.id, c.text FROM claim_fts JOIN live_claim c ON c.seq = claim_fts.rowid
                     WHERE claim_fts MATCH ?1 AND c.merged_into IS NULL ORDER BY claim_fts.rank LIMIT ?2",
                )?
                .query_map(rusqlite::params![query, CANDIDATES as i64], |r| {
                    Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?,
            None => Vec::new(),
        };
        // The claim with the same key, should BM25 rank it out of the candidates.
        if let Some((seq, id)) = super::claims::claim_by_key(&self.conn, &claim_key(text))? {
            if !candidates.iter().any(|c| c.0 == seq) {
                let text = self.conn.query_row("SELECT text FROM claim WHERE seq = ?1", [seq], |r| r.get(0))?;
                candidates.push((seq, id, text));
            }
        }
        let mut scored: Vec<(f64, usize, i64, String, String)> = candidates
            .into_iter()
            .enumerate()
            .filter(|(_, (_, id, _))| exclude != Some(id.as_str()))
            .map(|(rank, (seq, id, text))| (similarity(&wanted, &words(&text)), rank, seq, id, text))
            .filter(|c| c.0 >= MIN_SIMILARITY)
            .collect();
        // Best share of words first; BM25 order breaks ties.
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.truncate(limit);
        scored
            .into_iter()
            .map(|(score, _, seq, id, text)| {
                Ok(SimilarClaim {
                    status: self
                        .conn
                        .query_row(&format!("SELECT {CURRENT_STATUS} FROM claim c WHERE c.seq = ?1"), [seq], |r| {
                            r.get::<_, String>(0)
                        })?
                        .parse()?,
                    checked: self.prior_check(seq)?,
                    id,
                    text,
                    score: (score * 1000.0).round() / 1000.0,
                })
            })
            .collect()
    }

    /// The FTS5 query for the candidates of `words`, built so that its
    /// matches are about [`RANKED_ROWS`] at most and BM25 never ranks half
    /// the database.
    ///
    /// The rarest words (by how many claims hold each, from the index's
    /// vocabulary) are searched each alone while their claims stay within the
    /// bound. The next of the [`PAIRED_WORDS`] rarest are searched two at a
    /// time, or three or more when a pair is expected to match too many claims
    /// (as if words fell independently): a near copy holds all but perhaps one
    /// of them. A word more than half the claims hold (when that is more than
    /// the bound) tells nothing and joins no search unless nothing else is
    /// left. Words no claim holds are left out; `None` when no claim holds any.
    fn candidate_query(&self, words: &HashSet<String>) -> Result<Option<String>> {
        // A temporary table, made once per look-up rather than per word: it
        // writes nothing to the database, so a read-only store can look up too.
        self.conn.execute_batch(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.claim_vocab USING fts5vocab(main, claim_fts, row)",
        )?;
        let mut counted = Vec::with_capacity(words.len());
        for word in words {
            let n = self.claims_holding(word)?;
            if n > 0 {
                counted.push((n, format!("\"{word}\"")));
            }
        }
        if counted.is_empty() {
            return Ok(None);
        }
        counted.sort();
        // Claims in all (deleted ones too: this only scales estimates).
        let all: f64 =
            self.conn.query_row("SELECT coalesce(max(seq), 1) FROM claim", [], |r| r.get::<_, i64>(0))? as f64;
        // A word in more than half the claims (and too many to rank) tells
        // nothing; counts are sorted, so the telling words come first.
        let telling = counted.iter().filter(|(n, _)| *n <= RANKED_ROWS || (*n as f64) <= all / 2.0).count().max(1);
        let counted = &counted[..telling];
        let mut terms = Vec::new();
        let mut rows = 0.0;
        let mut singles = 0;
        for (n, word) in counted {
            if rows + *n as f64 > RANKED_ROWS as f64 {
                break;
            }
            rows += *n as f64;
            singles += 1;
            terms.push(word.clone());
        }
        // The next rare words together, in groups of the fewest that keep
        // their expected matches within what is left of the bound.
        let rest = &counted[singles..counted.len().min(PAIRED_WORDS.max(singles))];
        let share = |group: &[usize]| group.iter().map(|&i| rest[i].0 as f64 / all).product::<f64>() * all;
        for size in 2..=rest.len() {
            let groups = combinations(rest.len(), size);
            let expected: f64 = groups.iter().map(|g| share(g)).sum();
            // All of them together is searched even when too common only
            // if nothing else is.
            if rows + expected <= RANKED_ROWS as f64 || (size == rest.len() && terms.is_empty()) {
                terms.extend(
                    groups.iter().map(|g| {
                        format!("({})", g.iter().map(|&i| rest[i].1.as_str()).collect::<Vec<_>>().join(" AND "))
                    }),
                );
                break;
            }
        }
        if terms.is_empty() {
            // One word, in more claims than the bound: it is all there is.
            terms.push(counted[0].1.clone());
        }
        Ok(Some(terms.join(" OR ")))
    }

    /// How many live or deleted claims the index says hold `word`
    /// (`temp.claim_vocab` made by the caller).
    fn claims_holding(&self, word: &str) -> Result<i64> {
        if let Some(&n) = self.common_words.borrow().get(word) {
            return Ok(n);
        }
        // The index holds words without their accents (remove_diacritics).
        let indexed: String = word.nfd().filter(|c| !is_combining_mark(*c)).collect();
        let n = self
            .conn
            .prepare_cached("SELECT doc FROM temp.claim_vocab WHERE term = ?1")?
            .query_row([&indexed], |r| r.get::<_, i64>(0))
            .optional()?
            .unwrap_or(0);
        if n > RANKED_ROWS {
            let mut common = self.common_words.borrow_mut();
            if common.len() >= COMMON_WORDS_KEPT {
                common.clear();
            }
            common.insert(word.to_string(), n);
        }
        Ok(n)
    }

    /// The latest verdict of a claim imported from a ClaimReview (tagged
    /// `claimreview` by the import), with who gave it and when.
    fn prior_check(&self, seq: i64) -> Result<Option<PriorCheck>> {
        let found: Option<(String, String, String)> = self
            .conn
            .query_row(
                "SELECT v.author, v.at, v.status FROM verdict v
                 WHERE EXISTS (SELECT 1 FROM claim_tag t WHERE t.claim_seq = ?1 AND t.tag = 'claimreview')
                   AND (v.claim_seq = ?1 OR v.claim_seq IN (SELECT m.seq FROM claim m WHERE m.merged_into = ?1))
                 ORDER BY v.seq DESC LIMIT 1",
                [seq],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        found
            .map(|(author, at, status)| {
                Ok(PriorCheck { author, date: at.chars().take(10).collect(), status: status.parse()? })
            })
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::{similarity, words};

    #[test]
    fn the_share_of_words_ignores_case_punctuation_and_order() {
        let a = words("Luhansk is fully under Russian control.");
        assert_eq!(similarity(&a, &words("\u{201C}Russian control: Luhansk is fully under\u{201D}")), 1.0);
        let b = words("Luhansk is now fully under Russian control");
        assert!(similarity(&a, &b) > 0.9);
        assert!(similarity(&a, &words("Kherson has water again")) < super::MIN_SIMILARITY);
    }
}
