//! Disputes signalled in the text: "although not everyone agreed", "could not
//! be independently verified", "without providing evidence".
//!
//! Only fixed phrases count. A bare "denied" inside a statement ("the council
//! has never denied residents a vote …") is part of what was said, not a dispute of
//! it; denials are read as cues instead (see [`super::cues::CueClass::Deny`]),
//! where the grammar shows who denies what.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        (?:(?:al)?though\s+|but\s+)?not\s+everyone\s+agree[sd]?
        | (?:others|critics|experts|opponents)\s+(?:have\s+)?(?:disagreed|disputed|contested|questioned)(?-u:\b)
        | (?:could|can)\s*not\s+(?:be\s+)?independently\s+(?:be\s+)?(?:verif(?:y|ied)|confirm(?:ed)?)(?:\s+\w+)?
        | (?:could|can)\s*not\s+immediately\s+(?:independently\s+)?(?:verify|confirm)(?:\s+\w+)?
        | (?:has|have|had)\s+not\s+been\s+independently\s+(?:verified|confirmed)
        | (?:was|were)\s+(?:not\s+able|unable)\s+to\s+(?:independently\s+)?(?:verify|confirm)(?:\s+\w+)?
        | without\s+(?:providing|offering|giving|citing|presenting|showing)\s+(?:any\s+)?(?:evidence|proof)
        | (?:provided|offered|gave|presented)\s+no\s+(?:evidence|proof)
        | (?:a\s+)?claims?\s+(?:that\s+)?(?-i:\p{Lu})\w*\s+(?:\w+\s+)?(?:has\s+|have\s+)?(?:denied|rejected|disputed)
        | (?:unverified|unsubstantiated|disputed)\s+claims?
        | (?:questioned|challenged|contested)\s+(?:the|that|this|these|those|such)\s+(?:\w+\s+)?(?:claims?|account|accounts|figures?|reports?|assertions?|findings?|version)(?-u:\b)
        ",
    )
    .expect("dispute pattern")
});

/// A statement that calls the claim before it untrue ("the reports were
/// \"complete nonsense\"", "that claim was simply untrue").
static REBUTTAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?ix)
        ^(?:(?:the|that|this|these|those|such)\s+)?(?:\w+\s+)?(?:claims?|reports?|allegations?|accounts?|figures?|accusations?|story|stories)
        \s+(?:was|were|is|are)\s+["“‘']?(?:\w+\s+)?
        (?:untrue|false|nonsense|baseless|wrong|inaccurate|misleading|fabricated|lies|fake|groundless|unfounded|rubbish)"#,
    )
    .expect("rebuttal pattern")
});

pub(super) fn is_rebuttal(statement: &str) -> bool {
    REBUTTAL.is_match(statement.trim_start_matches(['"', '“', '\'', '‘']))
}

/// The dispute markers in `text[range]`, by absolute byte ranges.
pub(super) fn find(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    MARKER.find_iter(&text[range.clone()]).map(|m| range.start + m.start()..range.start + m.end()).collect()
}

#[cfg(test)]
mod tests {
    use super::find;

    fn found(s: &str) -> Vec<&str> {
        find(s, 0..s.len()).into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn dispute_phrases_are_found() {
        assert_eq!(found("he said, although not everyone agreed."), ["although not everyone agreed"]);
        assert_eq!(found("The figure could not be independently verified."), ["could not be independently verified"]);
        assert_eq!(found("she said without providing evidence"), ["without providing evidence"]);
        assert_eq!(found("a claim Kyiv has denied"), ["a claim Kyiv has denied"]);
    }

    #[test]
    fn a_denial_inside_a_statement_is_not_a_marker() {
        assert!(found("The council has never denied the villages their right to a vote").is_empty());
    }
}
