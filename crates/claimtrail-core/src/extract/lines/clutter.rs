//! Page clutter: the lines a copied web page brings along that are not the
//! story (tickers, "Most read", newsletter boxes, teaser links cut off with
//! "..."), recognised line by line so that they never produce claims.
//!
//! The rules look at the shape of a line, not at a site's markup: pasted text
//! has no markup left. A line that a rule wrongly calls clutter loses its
//! claims, so each rule is narrow; story text that slips through as body is
//! harmless unless it also carries a cue.

/// Phrases that open a page-furniture line.
const OPENERS: &[&str] = &[
    "most read",
    "most popular",
    "read more",
    "read also",
    "related",
    "trending",
    "advertisement",
    "share this",
    "share on",
    "more information",
    "you may also like",
    "recommended",
    "listen to this article",
    "sign up",
    "subscribe",
    "follow us",
    "click here",
    "photo:",
    "image:",
    "watch:",
];

/// Phrases that mark a line as furniture wherever they occur.
const ANYWHERE: &[&str] = &[
    "newsletter",
    "daily email",
    "daily dose of",
    "news release to",
    "all rights reserved",
    "©",
    "sign up for",
    "subscribe to our",
    "cookie",
    "min read",
];

/// True when a line is page furniture rather than story text.
pub(super) fn is_clutter(line: &str) -> bool {
    let lower = line.to_lowercase();
    let trimmed = lower.trim();
    if OPENERS.iter().any(|p| trimmed.starts_with(p)) || ANYWHERE.iter().any(|p| trimmed.contains(p)) {
        return true;
    }
    // A teaser link: the outlet cut the first sentence of another story.
    if trimmed.ends_with("...") || trimmed.ends_with('…') {
        return true;
    }
    // Navigation bars: "World | Business | Sport".
    if trimmed.matches(" | ").count() >= 2 {
        return true;
    }
    let words: Vec<&str> = trimmed.split_whitespace().collect();
    if is_ticker(&words) {
        return true;
    }
    // Headers, bylines, timestamps and section names: short, with neither a
    // sentence end nor a quotation mark.
    let ends_sentence = trimmed.ends_with(['.', '!', '?', '"', '”', '\'', '’', '»', ':']);
    let has_quote = trimmed.contains(['"', '“', '”', '«', '»', '„', '‘']);
    words.len() <= 8 && !ends_sentence && !has_quote
}

/// Market and score tickers: mostly numbers, signs and arrows.
fn is_ticker(words: &[&str]) -> bool {
    if words.len() < 3 {
        return false;
    }
    let numeric = words.iter().filter(|w| w.chars().any(|c| c.is_ascii_digit() || "%▲▼△▽↑↓+±".contains(c))).count();
    numeric * 2 >= words.len()
}

#[cfg(test)]
mod tests {
    use super::is_clutter;

    #[test]
    fn furniture_lines_are_clutter() {
        for line in [
            "Most read",
            "MOST READ TODAY",
            "Get our free newsletter in your inbox every morning.",
            "The council voted on Monday to close the old bridge while engineers...",
            "Home | World | Business | Sport",
            "FTSE 8,120.4 ▲0.3% DAX 18,002 ▼0.1% GOLD 2,311 +0.2%",
            "ANI",
            "04 Jul 2025, 01:27 GMT+10",
        ] {
            assert!(is_clutter(line), "{line}");
        }
    }

    #[test]
    fn story_lines_are_not_clutter() {
        for line in [
            "'We will rebuild,' the mayor said.",
            "The mayor said more information would follow next week.",
            "He denied it.",
            "Share prices rose 3% on Tuesday after the company said profits doubled to $4 billion.",
        ] {
            assert!(!is_clutter(line), "{line}");
        }
    }
}
