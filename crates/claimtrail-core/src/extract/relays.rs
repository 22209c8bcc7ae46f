//! Relays: the outlets and people that carried a claim between its speaker and
//! the article, listed claimant outward.
//!
//! Whether "X reported" or "according to X" names a relay or the speaker
//! depends on what X is: an outlet relays ("according to RT"), a person or body
//! speaks ("according to the ministry"). Outlets are recognised by a list of
//! well-known names and by the words outlets carry in their names ("TV",
//! "Times", "News"); unnamed media ("the British outlet", "local media") are
//! relays that nobody has located yet, which the provenance graph shows as dead
//! ends.

use serde::Serialize;

use crate::model::ActorKind;

use super::lines::credits::WIRES;

/// One intermediary in a claim's chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RelayProposal {
    pub name: String,
    pub kind: ActorKind,
    /// How the text attributes the claim to this relay ("reported", "according to", "told").
    pub cue: Option<String>,
}

/// Outlets known by name (wire agencies are in [`WIRES`]).
const OUTLETS: &[&str] = &[
    "Al Jazeera",
    "BBC",
    "CNN",
    "RT",
    "Russia Today",
    "Fox News",
    "Sky News",
    "NBC",
    "CBS",
    "ABC",
    "NPR",
    "Politico",
    "Axios",
    "The Guardian",
    "Guardian",
    "The New York Times",
    "New York Times",
    "The Washington Post",
    "Washington Post",
    "The Wall Street Journal",
    "Wall Street Journal",
    "Financial Times",
    "The Times",
    "The Economist",
    "Le Monde",
    "Der Spiegel",
    "Spiegel",
    "Izvestia",
    "Kommersant",
    "Vedomosti",
    "NHK",
    "Haaretz",
    "Belarus TV",
    "Channel One",
    "Rossiya 1",
    "Kyiv Independent",
    "Meduza",
    "France 24",
    "DW",
    "Deutsche Welle",
    "Euronews",
    "CNBC",
    "Bild",
    "El País",
    "Corriere della Sera",
    "The Hindu",
    "Times of India",
    "Hindustan Times",
    "Dawn",
    "Kenya Star",
    "The Star",
    "Daily Nation",
    "Xinhua",
    "Global Times",
    "CGTN",
    "Yonhap",
    "Al Arabiya",
    "Newsweek",
    "Time",
    "The Telegraph",
    "Daily Mail",
    "The Independent",
    "The Sun",
    "Mirror",
    "Izvestiya",
    "Sputnik",
    "TASS",
];

/// Words that mark a name as an outlet's.
const OUTLET_MARKERS: &[&str] = &[
    "tv",
    "television",
    "news",
    "times",
    "post",
    "radio",
    "press",
    "journal",
    "herald",
    "gazette",
    "tribune",
    "telegraph",
    "daily",
    "broadcasting",
    "broadcaster",
    "media",
    "channel",
    "magazine",
    "newspaper",
    "chronicle",
    "observer",
    "star",
    "mail",
    "agency",
    "wire",
    "bulletin",
    "courier",
    "examiner",
    "dispatch",
    "fm",
];

/// Heads of unnamed media ("the British outlet", "local media", "reports").
const UNNAMED_MEDIA: &[&str] = &[
    "outlet",
    "outlets",
    "newspaper",
    "newspapers",
    "media",
    "broadcaster",
    "reports",
    "report",
    "paper",
    "tabloid",
    "channel",
    "agency",
    "website",
    "daily",
];

/// The kind of a media name: an agency, an outlet, an unnamed medium, or `None` for anything else.
pub(super) fn media_kind(name: &str) -> Option<ActorKind> {
    let trimmed = name.trim();
    if let Some(rest) = trimmed.strip_prefix("the ").filter(|r| r.starts_with(char::is_uppercase)) {
        // "the BBC", "the Daily Nation".
        if let Some(kind) = media_kind(rest) {
            return Some(kind);
        }
    }
    if WIRES.iter().any(|w| w.eq_ignore_ascii_case(trimmed)) {
        return Some(ActorKind::Agency);
    }
    if OUTLETS.iter().any(|o| o.eq_ignore_ascii_case(trimmed)) {
        return Some(ActorKind::Outlet);
    }
    let words: Vec<String> = trimmed.split_whitespace().map(|w| w.to_lowercase()).collect();
    let first_capitalised = trimmed.chars().next().is_some_and(char::is_uppercase);
    let starts_lower_article =
        words.first().is_some_and(|w| ["the", "a", "an", "local", "state", "russian", "western"].contains(&w.as_str()));
    if !first_capitalised || starts_lower_article && !trimmed.starts_with("The ") {
        // "the British outlet", "local media", "reports": a medium nobody has located.
        let head = words.last().map(String::as_str).unwrap_or("");
        return UNNAMED_MEDIA.contains(&head).then_some(ActorKind::Unidentified);
    }
    words.iter().skip(1).any(|w| OUTLET_MARKERS.contains(&w.as_str())).then_some(ActorKind::Outlet).or_else(|| {
        // "TV Rain", "News Corp" start with the marker.
        words.first().filter(|w| ["tv", "radio"].contains(&w.as_str())).map(|_| ActorKind::Outlet)
    })
}

/// A document or record rather than a party ("its own records", "a survey
/// carried out in January"): a record noun led by a determiner.
pub(super) fn is_document(name: &str) -> bool {
    const RECORDS: &[&str] = &[
        "records",
        "record",
        "data",
        "figures",
        "statement",
        "survey",
        "study",
        "documents",
        "document",
        "statistics",
        "website",
        "filing",
        "estimates",
        "analysis",
        "poll",
        "census",
        "tally",
        "count",
        "report",
        "letter",
        "notice",
    ];
    let words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
    let first = words.first().map(String::as_str).unwrap_or("");
    ["its", "his", "her", "their", "a", "an", "our"].contains(&first)
        && words.iter().skip(1).take(3).any(|w| RECORDS.contains(&w.as_str()))
}

/// "the newspaper", "the outlet": a reference back to the outlet last named.
pub(super) fn is_back_reference(name: &str) -> bool {
    const BARE: &[&str] =
        &["newspaper", "paper", "outlet", "broadcaster", "agency", "channel", "website", "daily", "network"];
    let lower = name.trim().to_lowercase();
    lower.strip_prefix("the ").is_some_and(|rest| BARE.contains(&rest))
}

/// True when a relay names the same party as `name` (the claimant or a later relay).
pub(crate) fn same_party(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        // What `match_key` does to ASCII (NFC leaves it alone, folding is lower-casing), without allocating.
        let (mut x, mut y) = (a.split_whitespace(), b.split_whitespace());
        return loop {
            match (x.next(), y.next()) {
                (None, None) => break true,
                (Some(p), Some(q)) if p.eq_ignore_ascii_case(q) => continue,
                _ => break false,
            }
        };
    }
    crate::key::match_key(a) == crate::key::match_key(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlets_are_told_from_speakers() {
        assert_eq!(media_kind("Al Jazeera"), Some(ActorKind::Outlet));
        assert_eq!(media_kind("Reuters"), Some(ActorKind::Agency));
        assert_eq!(media_kind("Belarus TV"), Some(ActorKind::Outlet));
        assert_eq!(media_kind("The Valley Post"), Some(ActorKind::Outlet));
        assert_eq!(media_kind("the British outlet"), Some(ActorKind::Unidentified));
        assert_eq!(media_kind("reports"), Some(ActorKind::Unidentified));
        assert_eq!(media_kind("Yuri Ushakov"), None);
        assert_eq!(media_kind("the ministry"), None);
    }

    #[test]
    fn same_party_ignores_case_and_spacing_in_any_script() {
        assert!(same_party("Al  Jazeera", "al jazeera "));
        assert!(!same_party("Al Jazeera", "Al Jazeera English"));
        assert!(!same_party("RIA", "TASS"));
        assert!(same_party("ПЕСКОВ", "Песков"));
        assert!(same_party("Élysée", "E\u{301}lyse\u{301}e"));
        assert!(!same_party("Elysee", "Élysée"));
    }
}
