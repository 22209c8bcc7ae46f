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
        | (?:could|can)\s*not\s+(?:immediately\s+)?be\s+(?:verified|confirmed)
        | (?:has|have|had)\s+not\s+been\s+(?:independently\s+)?(?:verified|confirmed)
        | (?:was|were|is|are)\s+(?:not\s+able|unable)\s+to\s+(?:immediately\s+)?(?:independently\s+)?(?:verify|confirm)(?:\s+\w+)?
        | not\s+(?:immediately\s+)?possible\s+to\s+(?:independently\s+)?(?:verify|confirm)(?:\s+\w+)?
        | without\s+(?:providing|offering|giving|citing|presenting|showing|producing)\s+(?:any\s+)?(?:evidence|proof)
        | (?:provided|offered|gave|presented|produced|cited)\s+no\s+(?:evidence|proof)
        | (?:did|does|has|have|had)\s*n[o']t\s+(?:provide|offer|give|present|produce|cite|show)n?\s+(?:any\s+)?(?:evidence|proof)
        | no\s+(?:evidence|proof)\s+(?:was|has\s+been|had\s+been|were)\s+(?:provided|offered|given|presented|produced)
        | (?:a\s+)?claims?\s+(?:that\s+)?(?-i:\p{Lu})\w*\s+(?:\w+\s+)?(?:has\s+|have\s+)?(?:denied|rejected|disputed)
        | (?:unverified|unsubstantiated|disputed|unfounded|baseless|groundless)\s+(?:claims?|allegations?|accusations?)
        | (?:questioned|challenged|contested)\s+(?:the|that|this|these|those|such)\s+(?:\w+\s+)?(?:claims?|account|accounts|figures?|reports?|assertions?|findings?|version)(?-u:\b)
        | (?:called|described|branded|labell?ed|dismissed|denounced|rejected|condemned)\s+
          (?:(?:the|that|this|these|those|such|his|her|their|its)\s+)?(?:[\w'’-]+\s+){0,3}?
          (?:claims?|reports?|allegations?|accusations?|accounts?|figures?|remarks|comments|statements?|assertions?|criticism|version)\s+as\s
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
        (?:untrue|false|nonsense|baseless|wrong|inaccurate|misleading|fabricated|lies|fake|groundless|unfounded|rubbish)
        | ^there\s+(?:was|is|had\s+been|has\s+been|were)\s+no\s+(?:evidence|proof|basis)\s+(?:for|of|to\s+support|to\s+back|behind)\s+
          (?:that|this|it|the|those|these|such|any|his|her|their)(?-u:\b)
        | ^(?:that|this|it|the\s+(?:claim|report|figure|account))\s+(?:was|is)\s+(?:simply\s+)?not\s+(?:true|correct|accurate|the\s+case)
        | ^(?:its|their|our)\s+own\s+(?:figures|data|records|numbers|count|tally|analysis|research|tests?|survey)\s+(?:had\s+)?
          (?:showed|show|shows|shown|suggested|suggest|put|found|indicated|gave)(?-u:\b)"#,
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
    use super::{find, is_rebuttal};

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
    fn evidence_and_verification_phrases_are_found() {
        assert_eq!(found("He did not provide evidence for that."), ["did not provide evidence"]);
        assert_eq!(found("She gave no evidence for the assertion."), ["gave no evidence"]);
        assert_eq!(found("The posts could not be verified."), ["could not be verified"]);
        assert_eq!(
            found("AFP was unable to independently confirm the account."),
            ["was unable to independently confirm the"]
        );
        assert_eq!(found("It was not possible to verify the figure."), ["not possible to verify the"]);
        assert_eq!(found("The figure has not been verified."), ["has not been verified"]);
    }

    #[test]
    fn another_party_calling_the_claim_names_disputes_it() {
        assert_eq!(
            found("The ministry described the ambassador's remarks as \"cynical\"."),
            ["described the ambassador's remarks as "]
        );
        assert_eq!(found("Kyiv dismissed the reports as propaganda."), ["dismissed the reports as "]);
        assert!(found("She described the plan as ambitious.").is_empty());
    }

    #[test]
    fn rebuttals_are_recognised() {
        assert!(is_rebuttal("there was no evidence to support that"));
        assert!(is_rebuttal("that claim was simply untrue"));
        assert!(is_rebuttal("its own figures showed a fall of 12 per cent"));
        assert!(is_rebuttal("this is not true"));
        assert!(!is_rebuttal("there was no evidence of a leak at the plant yet, but tests continue"));
        assert!(!is_rebuttal("the figures showed a rise"));
    }

    #[test]
    fn a_denial_inside_a_statement_is_not_a_marker() {
        assert!(found("The council has never denied the villages their right to a vote").is_empty());
    }
}
