//! A spelling-insensitive key for one word of a name, so that the ways
//! newsrooms write a foreign name meet: "Zelensky", "Zelenskyy", "Selenskyj"
//! and "Zelenski"; "Khodorkovsky" and "Chodorkowski"; "Gaddafi", "Qaddafi"
//! and "Kadhafi"; "Volodymyr" and "Vladimir".
//!
//! Letters of any script are first romanised (`deunicode`), then the
//! letter groups that transliteration systems write differently are folded
//! into one (German "sch"/"w"/"z", French "ou"/"tch", English "kh"/"y"), and
//! what is left is the word's consonant skeleton with doubled letters
//! collapsed. The key is deliberately coarse: it only ever proposes a
//! candidate for the checker, it never resolves a name on its own.

/// Letter groups folded before vowels are dropped, longest first so "tsch"
/// is read before "sch" and "ch".
const FOLDS: &[(&str, &str)] = &[
    ("tsch", "ch"),
    ("sch", "sh"),
    ("tch", "ch"),
    ("kh", "h"),
    ("ch", "h"),
    ("gh", "g"),
    ("ph", "f"),
    ("th", "t"),
    ("dh", "d"),
    ("ck", "k"),
    ("ks", "x"),
    ("cz", "ch"),
];

/// The sound key of one word: romanised, folded, vowels dropped, doubled
/// letters collapsed.
///
/// ```
/// use claimtrail_core::identity::sound_key;
/// assert_eq!(sound_key("Zelenskyy"), sound_key("Selenskyj"));
/// assert_eq!(sound_key("Khodorkovsky"), sound_key("Chodorkowski"));
/// assert_eq!(sound_key("Qaddafi"), sound_key("Gadhafi"));
/// assert_ne!(sound_key("Johnson"), sound_key("Jackson"));
/// ```
pub fn sound_key(word: &str) -> String {
    let roman = deunicode::deunicode(word).to_ascii_lowercase();
    skeleton(roman.chars().filter(char::is_ascii_lowercase).collect())
}

/// The key of `word` read the French way, where "ch" is English "sh" and
/// "tch" English "ch" ("Ouchakov" for "Ushakov", "Khrouchtchev"), when the
/// word has a "ch" to read so.
///
/// ```
/// use claimtrail_core::identity::{french_sound_key, sound_key};
/// assert_eq!(french_sound_key("Ouchakov").as_deref(), Some(sound_key("Ushakov").as_str()));
/// assert_eq!(french_sound_key("Khrouchtchev").as_deref(), Some(sound_key("Khrushchev").as_str()));
/// assert_eq!(french_sound_key("Putin"), None);
/// ```
pub fn french_sound_key(word: &str) -> Option<String> {
    let roman = deunicode::deunicode(word).to_ascii_lowercase();
    let letters: String = roman.chars().filter(char::is_ascii_lowercase).collect();
    if !letters.contains("ch") {
        return None;
    }
    // "tch" is held aside as an upper-case mark while "ch" becomes "sh".
    let read = letters.replace("tch", "C").replace("ch", "sh").replace('C', "ch");
    Some(skeleton(read))
}

fn skeleton(mut letters: String) -> String {
    for (from, to) in FOLDS {
        if letters.contains(from) {
            letters = letters.replace(from, to);
        }
    }
    let mut key = String::with_capacity(letters.len());
    for c in letters.chars() {
        let c = match c {
            'w' => 'v',
            'z' => 's',
            'q' | 'c' | 'g' => 'k',
            'x' => 's',
            'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'j' => continue,
            other => other,
        };
        if !key.ends_with(c) {
            key.push(c);
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::sound_key;

    #[test]
    fn transliterations_of_one_name_meet() {
        for group in [
            &["Zelensky", "Zelenskyy", "Zelenskiy", "Zelenskii", "Selenskyj", "Zelenski", "Зеленський", "Зеленский"][..],
            &["Peskov", "Peskow", "Песков"],
            &["Khrushchev", "Chruschtschow"],
            &["Mohammed", "Muhammad", "Mohamed"],
            &["Volodymyr", "Vladimir", "Wolodymyr"],
            &["Yanukovych", "Janukowytsch", "Ianoukovitch"],
            &["Shoigu", "Schoigu", "Шойгу"],
        ] {
            let first = sound_key(group[0]);
            for other in &group[1..] {
                assert_eq!(sound_key(other), first, "{other} against {}", group[0]);
            }
        }
    }

    #[test]
    fn different_names_stay_apart() {
        for (a, b) in [("Johnson", "Jackson"), ("Peskov", "Pushkov"), ("Lavrov", "Lebedev"), ("Biden", "Bidden Corp")] {
            assert_ne!(sound_key(a), sound_key(b), "{a} and {b}");
        }
    }

    #[test]
    fn nothing_but_punctuation_has_an_empty_key() {
        assert_eq!(sound_key("—"), "");
    }
}
