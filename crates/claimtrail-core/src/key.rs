//! Matching keys for names and claim texts.
//!
//! Users type "Al Jazeera", "AL JAZEERA" and "Al Jazeera " and mean one outlet;
//! composed and decomposed accents are one letter. Look-ups compare a key made
//! by NFC normalisation, Unicode case folding and white-space collapsing, while
//! the text itself is stored exactly as typed.

use unicode_normalization::UnicodeNormalization;
use unicode_properties::{GeneralCategory, GeneralCategoryGroup, UnicodeGeneralCategory};
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

/// The matching key of a claim text: its [`match_key`] with quotation marks
/// of every kind removed ("don't" and "don’t" are one word), other
/// punctuation read as a word break unless it sits between two digits
/// ("3.5" and "1,000" keep theirs, since "35" is another number), invisible
/// control and format characters removed, and white space collapsed. So
/// "luhansk is fully under Russian control." and "Luhansk is fully under
/// Russian control" are one claim. Text that is nothing but punctuation
/// keeps its plain matching key. The key never holds a control character.
///
/// ```
/// use claimtrail_core::key::claim_key;
/// assert_eq!(claim_key("luhansk is fully under Russian control."), claim_key("Luhansk is fully under Russian control"));
/// assert_eq!(claim_key("“We won’t back down”"), claim_key("\"We won't back down\""));
/// assert_ne!(claim_key("3.5 million"), claim_key("35 million"));
/// ```
pub fn claim_key(text: &str) -> String {
    let folded: Vec<char> = match_key(text).chars().collect();
    let digit_at = |i: Option<usize>| i.and_then(|i| folded.get(i)).is_some_and(|c| c.is_numeric());
    let mut key = String::with_capacity(folded.len());
    for (i, &c) in folded.iter().enumerate() {
        if is_quotation_mark(c) || c.is_control() || c.general_category() == GeneralCategory::Format {
            continue;
        }
        if c.general_category_group() == GeneralCategoryGroup::Punctuation
            && !(digit_at(i.checked_sub(1)) && digit_at(Some(i + 1)))
        {
            key.push(' ');
        } else {
            key.push(c);
        }
    }
    let key = key.split_whitespace().collect::<Vec<_>>().join(" ");
    if key.is_empty() {
        match_key(text)
    } else {
        key
    }
}

/// Quotation marks: the initial and final quote categories (“ ” ‘ ’ « » ‹ ›)
/// and the ones Unicode files as other punctuation or brackets.
fn is_quotation_mark(c: char) -> bool {
    matches!(c.general_category(), GeneralCategory::InitialPunctuation | GeneralCategory::FinalPunctuation)
        || matches!(
            c,
            '\'' | '"'
                | '`'
                | '\u{00B4}'
                | '\u{02BC}'
                | '\u{201A}'
                | '\u{201B}'
                | '\u{201E}'
                | '\u{201F}'
                | '\u{300C}'
                | '\u{300D}'
                | '\u{300E}'
                | '\u{300F}'
                | '\u{301D}'
                | '\u{301E}'
                | '\u{301F}'
                | '\u{FE41}'
                | '\u{FE42}'
                | '\u{FE43}'
                | '\u{FE44}'
                | '\u{FF02}'
                | '\u{FF07}'
        )
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
    use super::{claim_key, look_alike_key, match_key, mixes_scripts};

    #[test]
    fn claim_keys_ignore_case_quotes_punctuation_and_a_trailing_full_stop() {
        let key = claim_key("Luhansk is fully under Russian control");
        assert_eq!(key, "luhansk is fully under russian control");
        for variant in [
            "luhansk is fully under Russian control.",
            "  LUHANSK is fully under Russian control ! ",
            "\u{201C}Luhansk is fully under Russian control\u{201D}",
            "\u{00AB}Luhansk is fully under Russian control\u{00BB}.",
            "\u{201E}Luhansk is fully under Russian control\u{201C}",
            "\u{300C}Luhansk is fully under Russian control\u{300D}",
            "Luhansk is fully under Russian control\u{200B}.",
            "Luhansk, is fully under Russian control...",
        ] {
            assert_eq!(claim_key(variant), key, "{variant}");
        }
        assert_eq!(claim_key("We won\u{2019}t back down"), claim_key("We won't back down"));
        assert_eq!(claim_key("Stra\u{00DF}e closed"), claim_key("STRASSE CLOSED"));
    }

    #[test]
    fn claim_keys_keep_numbers_and_words_apart() {
        assert_ne!(claim_key("Prices rose 3.5%"), claim_key("Prices rose 35%"));
        assert_eq!(claim_key("1,000 troops."), "1,000 troops");
        assert_ne!(claim_key("Luhansk is under control"), claim_key("Luhansk is not under control"));
        assert_eq!(claim_key("..."), match_key("..."), "nothing but punctuation keeps its plain key");
        assert!(!claim_key("a\u{1F}b").contains('\u{1F}'));
    }

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
