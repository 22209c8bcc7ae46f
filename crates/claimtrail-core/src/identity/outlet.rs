//! How outlets and organisations are written: by name ("The Associated
//! Press"), by acronym ("AP", "AFP" for "Agence France-Presse"), by web
//! domain ("kenyastar.com", "www.reuters.com"), with or without "The".

/// Lower-case words of an organisation's name that its acronym skips.
const SKIPPED: &[&str] = &["of", "the", "and", "for", "de", "la", "le", "du", "des", "der", "die", "und", "&"];

/// The name with a leading "The" dropped and only letters and digits kept,
/// lower-cased: "The Kenya Star" and "Kenya-Star" both give "kenyastar".
pub(crate) fn squashed(name: &str) -> String {
    let trimmed = name.trim();
    let rest = trimmed
        .strip_prefix("The ")
        .or_else(|| trimmed.strip_prefix("the "))
        .or_else(|| trimmed.strip_prefix("THE "))
        .unwrap_or(trimmed);
    deunicode::deunicode(rest).chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

/// Whether `acronym` (lower-case letters) abbreviates `name` word by word:
/// the initials ("afp" for "Agence France-Presse") or the first letters of
/// each word ("suna" for "Sudan News Agency"), skipping small words.
pub(crate) fn abbreviates(acronym: &str, name: &str) -> bool {
    let words = acronym_words(name);
    if words.len() < 2 {
        return false;
    }
    // Each word gives a non-empty prefix, in order, and together they spell
    // the acronym: at most a few letters, so a plain search is enough.
    fn spell(acronym: &[u8], words: &[String]) -> bool {
        match (acronym.is_empty(), words.split_first()) {
            (true, None) => true,
            (_, None) | (true, Some(_)) => false,
            (false, Some((word, rest))) => (1..=acronym.len().min(word.len()))
                .take_while(|&n| word.as_bytes()[n - 1] == acronym[n - 1])
                .any(|n| spell(&acronym[n..], rest)),
        }
    }
    spell(acronym.as_bytes(), &words)
}

/// Whether two organisation names are one typing slip apart in one long
/// word ("Izvestiya", "Izvestia"). A slip in a short word is most often
/// another name: "RT" and "RIA", "Channel 4" and "Channel 5", "Outlet A"
/// and "Outlet B".
pub(crate) fn one_slip_apart(a: &str, b: &str) -> bool {
    // Domains are compared as domains ("rt.com" and "ft.com" are two sites).
    if as_domain(a).is_some() || as_domain(b).is_some() {
        return false;
    }
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| c.is_whitespace() || c == '-')
            .map(squashed)
            .filter(|w| !w.is_empty() && w != "the")
            .collect()
    };
    let (a, b) = (words(a), words(b));
    if a.len() != b.len() {
        return false;
    }
    let mut differing = a.iter().zip(&b).filter(|(x, y)| x != y);
    match (differing.next(), differing.next()) {
        (Some((x, y)), None) => x.chars().count().min(y.chars().count()) >= 5 && strsim::osa_distance(x, y) <= 1,
        _ => false,
    }
}

/// The words of an organisation's name an acronym is made of: romanised,
/// lower-case letters and digits, small words skipped.
pub(crate) fn acronym_words(name: &str) -> Vec<String> {
    name.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty() && !SKIPPED.contains(&w.to_lowercase().as_str()))
        .map(|w| {
            deunicode::deunicode(w)
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_lowercase())
                .collect()
        })
        .filter(|w: &String| !w.is_empty())
        .collect()
}

/// Words that outlets add to their names or drop from them.
const GENERIC_WORDS: &[&str] = &["agency", "news", "tv", "radio", "newspaper", "media", "online"];

/// The squashed name without one trailing generic word ("Anadolu Agency"
/// gives "anadolu", "NBC News" "nbc"); the whole squashed name when there is none.
pub(crate) fn without_generic_word(name: &str) -> String {
    let trimmed = name.trim();
    match trimmed.rsplit_once(char::is_whitespace) {
        Some((rest, last)) if GENERIC_WORDS.contains(&last.to_lowercase().as_str()) && !rest.trim().is_empty() => {
            squashed(rest)
        }
        _ => squashed(trimmed),
    }
}

/// Whether `name` is written as an acronym: one word of 2–6 capital letters
/// ("AP", "AFP", "SUNA"), dots allowed ("A.P.").
pub(crate) fn is_acronym(name: &str) -> bool {
    let letters: Vec<char> = name.trim().chars().filter(|c| *c != '.').collect();
    (2..=6).contains(&letters.len()) && letters.iter().all(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// The host when `name` is written as a web domain ("www.kenyastar.com"),
/// lower-cased, without "www.".
pub(crate) fn as_domain(name: &str) -> Option<String> {
    let text = name.trim().trim_end_matches('/');
    let text = text.strip_prefix("https://").or_else(|| text.strip_prefix("http://")).unwrap_or(text);
    if text.contains(char::is_whitespace) || !text.contains('.') {
        return None;
    }
    let host = text.split('/').next()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_owned();
    // Its last label must be a known public suffix, so "Gen." or "U.S." is no domain.
    let suffix = psl::suffix(host.as_bytes())?;
    (suffix.is_known() && host.len() > suffix.as_bytes().len() + 1).then_some(host)
}

/// The label of a domain that names its owner: "kenyastar" for
/// "news.kenyastar.co.ke", "bbc" for "bbc.co.uk".
pub(crate) fn domain_label(domain: &str) -> Option<String> {
    let registrable = psl::domain_str(domain)?;
    registrable.split('.').next().map(str::to_owned)
}

/// Whether `domain` is `owned` or a subdomain of it.
pub(crate) fn within(domain: &str, owned: &str) -> bool {
    let owned = owned.trim_start_matches("www.");
    domain == owned || domain.strip_suffix(owned).is_some_and(|rest| rest.ends_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms_may_take_more_than_one_letter_of_a_word() {
        assert!(abbreviates("suna", "Sudan News Agency"));
        assert!(abbreviates("afp", "Agence France-Presse"));
        assert!(abbreviates("nato", "North Atlantic Treaty Organization"));
        assert!(!abbreviates("ap", "Agence France-Presse"));
        assert!(!abbreviates("sn", "Sudan News Agency"));
        assert_eq!(without_generic_word("Anadolu Agency"), "anadolu");
        assert_eq!(without_generic_word("News"), "news");
    }

    #[test]
    fn a_slip_counts_only_in_a_long_word() {
        assert!(one_slip_apart("Izvestiya", "Izvestia"));
        assert!(one_slip_apart("The Kyiv Independant", "Kyiv Independent"));
        assert!(!one_slip_apart("Outlet A", "Outlet B"));
        assert!(!one_slip_apart("Channel 4", "Channel 5"));
        assert!(!one_slip_apart("RT", "RIA"));
        assert!(!one_slip_apart("rt.com", "ft.com"));
    }

    #[test]
    fn domains_are_recognised_by_their_public_suffix() {
        assert_eq!(as_domain("www.KenyaStar.com").as_deref(), Some("kenyastar.com"));
        assert_eq!(as_domain("https://www.bbc.co.uk/news").as_deref(), Some("bbc.co.uk"));
        assert_eq!(as_domain("Gen. Smith"), None);
        assert_eq!(as_domain("U.S."), None);
        assert_eq!(domain_label("news.kenyastar.co.ke").as_deref(), Some("kenyastar"));
        assert!(within("news.bbc.co.uk", "bbc.co.uk"));
        assert!(!within("notbbc.co.uk", "bbc.co.uk"));
    }

    #[test]
    fn acronyms_are_short_and_in_capitals() {
        assert!(is_acronym("AP"));
        assert!(is_acronym("A.F.P."));
        assert!(!is_acronym("Reuters"));
        assert!(!is_acronym("A"));
    }
}
