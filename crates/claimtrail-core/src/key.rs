//! Matching keys for names and claim texts.
//!
//! Users type "Al Jazeera", "AL JAZEERA" and "Al Jazeera " and mean one outlet;
//! composed and decomposed accents are one letter. Look-ups compare a key made
//! by NFC normalisation, Unicode case folding and white-space collapsing, while
//! the text itself is stored exactly as typed.

use unicode_normalization::UnicodeNormalization;
use unicode_security::{skeleton, MixedScript};

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

/// The look-alike key of a name: the Unicode confusable skeleton (UTS #39) of
/// its matching key. Latin "Petrov" and "Реtrov" written with Cyrillic Р and е
/// have different matching keys (they are different names and stay different
/// actors) but the same look-alike key, so they can be flagged side by side.
///
/// ```
/// use claimtrail_core::key::{look_alike_key, match_key};
/// assert_ne!(match_key("Petrov"), match_key("\u{0420}\u{0435}trov"));
/// assert_eq!(look_alike_key("Petrov"), look_alike_key("\u{0420}\u{0435}trov"));
/// ```
pub fn look_alike_key(text: &str) -> String {
    skeleton(&match_key(text)).collect()
}

/// Whether a word of `text` mixes scripts, as "Реtrov" (Cyrillic and Latin)
/// does. Names written in two scripts word by word ("BBC Русская служба") are
/// not flagged; digits and punctuation belong to every script.
pub fn mixes_scripts(text: &str) -> bool {
    text.split_whitespace().any(|word| !word.is_single_script())
}

#[cfg(test)]
mod tests {
    use super::{look_alike_key, match_key, mixes_scripts};

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

    #[test]
    fn latin_and_cyrillic_look_alikes_share_a_skeleton_but_not_a_key() {
        let cyrillic = "\u{0420}\u{0435}trov"; // Р and е are Cyrillic
        assert_ne!(match_key("Petrov"), match_key(cyrillic));
        assert_eq!(look_alike_key("Petrov"), look_alike_key(cyrillic));
        assert_ne!(look_alike_key("Petrov"), look_alike_key("Petrova"));
        // Zero-width characters do not make a different-looking name either.
        assert_eq!(look_alike_key("Pet\u{200B}rov"), look_alike_key("Petrov"));
    }

    #[test]
    fn mixed_scripts_are_found_word_by_word() {
        assert!(mixes_scripts("\u{0420}\u{0435}trov"));
        assert!(mixes_scripts("Yuri Ush\u{0430}kov"));
        assert!(!mixes_scripts("Petrov"));
        assert!(!mixes_scripts("Петров"));
        assert!(!mixes_scripts("BBC Русская служба"));
        assert!(!mixes_scripts("Channel 4"));
    }
}
