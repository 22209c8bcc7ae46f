//! Matching keys for names and claim texts.
//!
//! Users type "Al Jazeera", "AL JAZEERA" and "Al Jazeera " and mean one outlet;
//! composed and decomposed accents are one letter. Look-ups compare a key made
//! by NFC normalisation, Unicode case folding and white-space collapsing, while
//! the text itself is stored exactly as typed.

use unicode_normalization::UnicodeNormalization;

/// The look-up key of a name or claim text: NFC, case-folded, white space
/// collapsed to single spaces and trimmed.
///
/// ```
/// use claimtrail_core::key::match_key;
/// assert_eq!(match_key("  Al   JAZEERA "), match_key("al jazeera"));
/// assert_eq!(match_key("Pe\u{0301}rez"), match_key("P\u{00e9}rez"));
/// ```
pub fn match_key(text: &str) -> String {
    let folded = caseless::default_case_fold_str(&text.nfc().collect::<String>());
    // Case folding can denormalise (e.g. some Greek letters); normalise again.
    let normal: String = folded.nfc().collect();
    normal.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::match_key;

    #[test]
    fn folds_case_including_non_ascii() {
        assert_eq!(match_key("STRASSE"), match_key("straße"));
        assert_eq!(match_key("ПЕСКОВ"), match_key("Песков"));
    }

    #[test]
    fn composed_and_decomposed_forms_match() {
        assert_eq!(match_key("Zelenskyy\u{0301}"), match_key("Zelenskyý"));
    }

    #[test]
    fn white_space_is_collapsed() {
        assert_eq!(match_key("\tYuri\n Ushakov  "), "yuri ushakov");
    }
}
