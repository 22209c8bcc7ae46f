//! Wording drift: how a quote changes from one hop of a chain to the next.

use serde::Serialize;
use similar::{ChangeTag, TextDiff};

crate::model::vocabulary!(
    /// What a run of a word-level diff is.
    DriftOp, "drift change" {
        Equal = "equal",
        /// In the upstream wording only.
        Removed = "removed",
        /// In the relay's wording only.
        Added = "added",
    }
);

/// One run of a word-level diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Change {
    pub op: DriftOp,
    pub text: String,
}

/// How the wording changed between two quoted hops.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WordingChange {
    /// 1.0 for identical wording, 0.0 for nothing in common (word-level).
    pub similarity: f32,
    pub changes: Vec<Change>,
}

/// Compares two wordings word by word, ignoring case and surrounding
/// punctuation differences only in the score, never in the shown text.
///
/// ```
/// use claimtrail_core::graph::drift::{compare, DriftOp};
/// let d = compare("has been 100 per cent liberated", "had been entirely conquered");
/// assert!(d.similarity < 0.5);
/// assert!(d.changes.iter().any(|c| c.op == DriftOp::Added && c.text.contains("conquered")));
/// ```
pub fn compare(upstream: &str, downstream: &str) -> WordingChange {
    let diff = TextDiff::from_words(upstream, downstream);
    let mut changes: Vec<Change> = Vec::new();
    for change in diff.iter_all_changes() {
        let op = match change.tag() {
            ChangeTag::Equal => DriftOp::Equal,
            ChangeTag::Delete => DriftOp::Removed,
            ChangeTag::Insert => DriftOp::Added,
        };
        match changes.last_mut() {
            Some(last) if last.op == op => last.text.push_str(change.value()),
            _ => changes.push(Change { op, text: change.value().to_string() }),
        }
    }
    WordingChange { similarity: word_similarity(upstream, downstream), changes }
}

/// Dice coefficient over the multisets of case-folded words.
fn word_similarity(a: &str, b: &str) -> f32 {
    let words = |s: &str| -> Vec<String> {
        let mut w: Vec<String> =
            s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(crate::key::match_key).collect();
        w.sort();
        w
    };
    let (wa, wb) = (words(a), words(b));
    if wa.is_empty() && wb.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < wa.len() && j < wb.len() {
        match wa[i].cmp(&wb[j]) {
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    (2 * common) as f32 / (wa.len() + wb.len()) as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_wording_scores_one_with_a_single_equal_run() {
        let d = compare("Russia will not back down", "Russia will not back down");
        assert_eq!(d.similarity, 1.0);
        assert_eq!(d.changes.len(), 1);
        assert_eq!(d.changes[0].op, DriftOp::Equal);
    }

    #[test]
    fn case_and_punctuation_do_not_lower_the_score() {
        assert_eq!(compare("'Russia will not back down,'", "russia will not back down").similarity, 1.0);
    }

    #[test]
    fn diff_runs_rebuild_both_texts() {
        let (a, b) = ("the territory has been 100 per cent liberated", "the region had been entirely conquered");
        let d = compare(a, b);
        let old: String = d.changes.iter().filter(|c| c.op != DriftOp::Added).map(|c| c.text.as_str()).collect();
        let new: String = d.changes.iter().filter(|c| c.op != DriftOp::Removed).map(|c| c.text.as_str()).collect();
        assert_eq!(old, a);
        assert_eq!(new, b);
    }
}
