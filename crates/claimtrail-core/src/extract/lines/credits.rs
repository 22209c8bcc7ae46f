//! Who published the article and which wire story it republishes: datelines
//! ("Washington DC [US], July 4 (ANI):", "LONDON (Reuters) -"), end credits
//! ("(ANI)", "— Reuters", a bare "IANS" line) and the publisher named by the
//! caller, the URL or the page's own furniture ("news release to Kenya Star").

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// News agencies whose name alone, as a credit, marks wire copy.
pub(in crate::extract) const WIRES: &[&str] = &[
    "ANI",
    "IANS",
    "PTI",
    "UNI",
    "Reuters",
    "AP",
    "AFP",
    "TASS",
    "Xinhua",
    "WAM",
    "Anadolu",
    "dpa",
    "EFE",
    "Kyodo",
    "Yonhap",
    "Bernama",
    "Interfax",
    "ANSA",
    "Bloomberg",
    "Associated Press",
    "Agence France-Presse",
    "Press Association",
    "PA",
    "RIA",
    "Sputnik",
    "Ukrinform",
    "NAN",
    "KUNA",
    "SPA",
    "APA",
    "Antara",
    "PNA",
];

/// "Washington DC [US], July 4 (ANI):" or "LONDON, June 3 (Reuters) -": a place,
/// an optional date, and the agency in brackets before a colon or dash.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\p{Lu}[\p{L} .'’-]*(?:\s*[\[(][\p{L} .,'’-]+[\])])?(?:,\s*\p{L}+\.? [0-9]{1,2}|,\s*[0-9]{1,2} \p{L}+)?(?:,? [0-9]{4})?\s*\((?P<wire>\p{L}[\p{L} .-]*)\)\s*[:\-–—]\s*",
    )
    .expect("dateline pattern")
});

/// Longer than this, a match is a sentence with brackets, not a dateline.
const MAX_DATELINE: usize = 120;
/// Longer than this, a bracketed name is not an agency's.
const MAX_WIRE_NAME: usize = 32;

/// "… country. (ANI)", "… — Reuters", "… - IANS" at the end of the story.
static END_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\((?P<paren>\p{L}[\p{L} .-]*)\)|\s[—–-]\s*(?P<dash>\p{L}[\p{L} .-]*))\s*$").expect("credit pattern")
});

/// Page furniture that names the site: "news release to Kenya Star.",
/// "a daily dose of Kenya Star news", "© 2025 The Valley Post".
static SITE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:(?:news release to|daily dose of)\s+|©\s*(?:[0-9]{4}\s+)?|[Cc]opyright\s+(?:©\s*)?(?:[0-9]{4}\s+)?)(?P<name>\p{Lu}[\p{L}&'’]*(?:\s+\p{Lu}[\p{L}&'’]*)*)",
    )
    .expect("site pattern")
});

fn is_wire(name: &str) -> bool {
    WIRES.iter().any(|w| w.eq_ignore_ascii_case(name.trim()))
}

/// The wire named at the end of a story line, with the byte offset where the credit starts.
pub(in crate::extract) fn ends_with_credit(line: &str) -> Option<(usize, &str)> {
    let m = END_CREDIT.captures(line)?;
    let name = m.name("paren").or_else(|| m.name("dash"))?;
    (name.as_str().len() <= MAX_WIRE_NAME && is_wire(name.as_str()))
        .then(|| (m.get(0).map_or(0, |g| g.start()), name.as_str()))
}

/// The dateline at the start of a story line: its byte length and the wire.
pub(in crate::extract) fn dateline(line: &str) -> Option<(usize, &str)> {
    let m = DATELINE.captures(line)?;
    let wire = m.name("wire")?.as_str();
    let end = m.get(0)?.end();
    (end <= MAX_DATELINE && wire.len() <= MAX_WIRE_NAME).then_some((end, wire))
}

/// What the credits say about the article as a whole.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(in crate::extract) struct Credits {
    pub publisher: Option<String>,
    pub original_outlet: Option<String>,
    /// Byte ranges of datelines and end credits, which are not story text.
    pub credit_ranges: Vec<Range<usize>>,
}

/// Reads the credits of the article. `paragraphs` are (range, clutter) in text order.
pub(in crate::extract) fn read(
    text: &str,
    paragraphs: &[super::Paragraph],
    outlet: Option<&str>,
    url: Option<&str>,
) -> Credits {
    let mut credits = Credits::default();
    let first_body = paragraphs.iter().position(|p| !p.clutter);
    for (i, p) in paragraphs.iter().enumerate() {
        let line = &text[p.range.clone()];
        let before_story = first_body.map_or(true, |f| i < f);
        if !p.clutter {
            if let Some((len, wire)) = dateline(line) {
                credits.original_outlet.get_or_insert_with(|| wire.trim().to_string());
                credits.credit_ranges.push(p.range.start..p.range.start + len);
            }
            if let Some((at, wire)) = ends_with_credit(line) {
                credits.original_outlet.get_or_insert_with(|| wire.trim().to_string());
                credits.credit_ranges.push(p.range.start + at..p.range.end);
            }
        } else if before_story && is_wire(line) {
            // A header line holding only the agency's name, as syndication feeds print it.
            credits.original_outlet.get_or_insert_with(|| line.trim().to_string());
        }
        if p.clutter && credits.publisher.is_none() {
            if let Some(m) = SITE_NAME.captures(line).and_then(|c| c.name("name")) {
                let name = m.as_str().trim_end_matches([' ', '.']).trim_end_matches(" news");
                credits.publisher = Some(name.to_string());
            }
        }
    }
    let named = outlet.map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    let from_url = url.and_then(outlet_from_url);
    credits.publisher = named.or(from_url).or(credits.publisher);
    credits
}

/// The outlet a URL belongs to: a known name for well-known domains, otherwise
/// the host without "www." (an honest label the checker can rename).
fn outlet_from_url(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url.trim()).ok()?;
    let host = parsed.host_str()?.trim_start_matches("www.").to_ascii_lowercase();
    const KNOWN: &[(&str, &str)] = &[
        ("aljazeera.com", "Al Jazeera"),
        ("reuters.com", "Reuters"),
        ("apnews.com", "AP"),
        ("bbc.co.uk", "BBC"),
        ("bbc.com", "BBC"),
        ("rt.com", "RT"),
        ("aninews.in", "ANI"),
        ("theguardian.com", "The Guardian"),
        ("nytimes.com", "The New York Times"),
        ("washingtonpost.com", "The Washington Post"),
        ("cnn.com", "CNN"),
        ("tass.com", "TASS"),
        ("france24.com", "France 24"),
        ("dw.com", "DW"),
    ];
    let known = KNOWN.iter().find(|(d, _)| host == *d || host.ends_with(&format!(".{d}")));
    Some(known.map_or(host.clone(), |(_, name)| name.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines_name_the_wire() {
        let (len, wire) = dateline("Lagos [Nigeria], March 2 (ANI): The port reopened.").unwrap();
        assert_eq!(wire, "ANI");
        assert_eq!(len, "Lagos [Nigeria], March 2 (ANI): ".len());
        assert_eq!(dateline("OSLO (Reuters) - Ferries resumed.").unwrap().1, "Reuters");
        assert_eq!(dateline("Oslo, 2 March (AFP) — Ferries resumed.").unwrap().1, "AFP");
        assert!(dateline("The minister (left) said: fine").is_none());
    }

    #[test]
    fn end_credits_name_the_wire() {
        assert_eq!(ends_with_credit("the port will reopen. (ANI)").unwrap().1, "ANI");
        assert_eq!(ends_with_credit("the port will reopen. — Reuters").unwrap().1, "Reuters");
        assert!(ends_with_credit("the port (east) will reopen (soon)").is_none());
    }

    #[test]
    fn the_url_names_the_publisher_when_no_outlet_is_given() {
        assert_eq!(outlet_from_url("https://www.aljazeera.com/news/x").as_deref(), Some("Al Jazeera"));
        assert_eq!(outlet_from_url("https://valleypost.example/a").as_deref(), Some("valleypost.example"));
    }
}
