//! Reading a fetched page: its readable text (a port of Mozilla's Readability,
//! `dom_smoothie`) and what it says about itself — title, byline, publication
//! date, site name, canonical link, and any ClaimReview already embedded as
//! JSON-LD (another fact-checker's verdict on the claim is worth seeing).
//!
//! ```
//! use claimtrail_core::capture::page::read_html;
//! let url = url::Url::parse("https://news.example/a").unwrap();
//! let html = r#"<html><head><title>Bridge to reopen</title>
//!   <meta property="og:site_name" content="Valley Post">
//!   <link rel="canonical" href="/bridge"></head>
//!   <body><article><p>The bridge will reopen by May, the city engineer said on Monday.</p></article></body></html>"#;
//! let page = read_html(html, &url);
//! assert_eq!(page.title.as_deref(), Some("Bridge to reopen"));
//! assert_eq!(page.site_name.as_deref(), Some("Valley Post"));
//! assert_eq!(page.canonical_link.as_deref(), Some("https://news.example/bridge"));
//! assert!(page.text.contains("The bridge will reopen by May"));
//! ```

use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use url::Url;

/// What was read from one page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Page {
    pub title: Option<String>,
    pub byline: Option<String>,
    /// The publication time as the page states it (JSON-LD or `article:published_time`).
    pub published: Option<String>,
    /// The outlet's own name for itself (`og:site_name`, JSON-LD publisher).
    pub site_name: Option<String>,
    /// `<link rel="canonical">` made absolute, when it is an http(s) address.
    pub canonical_link: Option<String>,
    pub lang: Option<String>,
    /// ClaimReview objects embedded in the page's JSON-LD.
    pub claim_reviews: Vec<EmbeddedClaimReview>,
    /// The readable text: paragraphs separated by blank lines.
    pub text: String,
}

/// The parts of a schema.org ClaimReview a checker reads first. The whole
/// object is kept too, byte for byte as parsed, in `raw`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EmbeddedClaimReview {
    pub claim_reviewed: Option<String>,
    /// `reviewRating.alternateName` ("False", "Misleading").
    pub rating: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    pub date_published: Option<String>,
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub raw: Value,
}

/// Reads an HTML page fetched from `url`.
pub fn read_html(html: &str, url: &Url) -> Page {
    let doc = Document::from(html);
    let meta = |selector: &str| -> Option<String> {
        doc.select(selector)
            .iter()
            .find_map(|n| n.attr("content"))
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let canonical_link = doc
        .select(r#"link[rel="canonical"]"#)
        .iter()
        .find_map(|n| n.attr("href"))
        .and_then(|href| url.join(href.trim()).ok())
        .filter(|u| matches!(u.scheme(), "http" | "https"))
        .map(|u| u.to_string());
    let site_name = meta(r#"meta[property="og:site_name"]"#);
    let published = meta(r#"meta[property="article:published_time"]"#);
    let head_title = doc.select("head title").text().trim().to_string();
    let claim_reviews = doc
        .select(r#"script[type="application/ld+json"]"#)
        .iter()
        .filter_map(|n| serde_json::from_str::<Value>(n.text().trim()).ok())
        .flat_map(|v| claim_reviews_in(&v))
        .collect();

    // Formatted text keeps paragraphs apart, which extraction reads by.
    let cfg = Config { text_mode: TextMode::Formatted, ..Config::default() };
    let article = Readability::with_document(doc, Some(url.as_str()), Some(cfg)).and_then(|mut r| r.parse()).ok();
    let (text, title, byline, lang, art_site, art_published) = match article {
        Some(a) => (a.text_content.to_string(), Some(a.title), a.byline, a.lang, a.site_name, a.published_time),
        // Readability gives up on pages with too little prose; the page's
        // visible text is still the record of what it said.
        None => (Document::from(html).select("body").formatted_text().to_string(), None, None, None, None, None),
    };
    let non_empty = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    Page {
        title: non_empty(title).or_else(|| non_empty(Some(head_title))),
        byline: non_empty(byline),
        published: non_empty(art_published).or(published),
        site_name: site_name.or_else(|| non_empty(art_site)),
        canonical_link,
        lang: non_empty(lang),
        claim_reviews,
        text: tidy(&text),
    }
}

/// Reads a plain-text page: the body is the text.
pub fn read_plain(text: &str) -> Page {
    let title = text.lines().map(str::trim).find(|l| !l.is_empty()).map(str::to_string);
    Page { title, text: tidy(text), ..Page::default() }
}

/// Line ends made `\n`, trailing blanks dropped and runs of blank lines made
/// one, so that a diff between two captures shows edits, not re-rendering.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.replace("\r\n", "\n").replace('\r', "\n").lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line.trim_start());
    }
    out
}

/// Every ClaimReview in a JSON-LD value: top level, in an array, or in `@graph`.
fn claim_reviews_in(value: &Value) -> Vec<EmbeddedClaimReview> {
    let mut found = Vec::new();
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        match v {
            Value::Array(items) => stack.extend(items.iter().rev()),
            Value::Object(map) => {
                if has_type(v, "ClaimReview") {
                    found.push(EmbeddedClaimReview {
                        claim_reviewed: string_at(v, &["claimReviewed"]),
                        rating: string_at(v, &["reviewRating", "alternateName"])
                            .or_else(|| string_at(v, &["reviewRating", "name"])),
                        author: string_at(v, &["author", "name"]).or_else(|| string_at(v, &["author"])),
                        url: string_at(v, &["url"]),
                        date_published: string_at(v, &["datePublished"]),
                        raw: v.clone(),
                    });
                } else if let Some(graph) = map.get("@graph") {
                    stack.push(graph);
                }
            }
            _ => {}
        }
    }
    found
}

fn has_type(v: &Value, wanted: &str) -> bool {
    let is = |t: &Value| t.as_str().is_some_and(|s| s == wanted || s.ends_with(&format!("/{wanted}")));
    match v.get("@type") {
        Some(Value::Array(types)) => types.iter().any(is),
        Some(t) => is(t),
        None => false,
    }
}

/// A string at a path; an array along the way is read at its first item.
fn string_at(v: &Value, path: &[&str]) -> Option<String> {
    let mut cur = v;
    for key in path {
        if let Value::Array(items) = cur {
            cur = items.first()?;
        }
        cur = cur.get(key)?;
    }
    if let Value::Array(items) = cur {
        cur = items.first()?;
    }
    cur.as_str().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claim_reviews_are_found_in_graphs_and_arrays() {
        let ld: Value = serde_json::from_str(
            r#"{"@context":"https://schema.org","@graph":[
                {"@type":"NewsArticle","headline":"x"},
                {"@type":["ClaimReview"],"claimReviewed":"Luhansk is fully liberated",
                 "reviewRating":{"@type":"Rating","alternateName":"Misleading"},
                 "author":{"@type":"Organization","name":"Check Desk"},"datePublished":"2025-07-05"}]}"#,
        )
        .unwrap();
        let found = claim_reviews_in(&ld);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].claim_reviewed.as_deref(), Some("Luhansk is fully liberated"));
        assert_eq!(found[0].rating.as_deref(), Some("Misleading"));
        assert_eq!(found[0].author.as_deref(), Some("Check Desk"));
    }

    #[test]
    fn text_is_tidied_for_diffing() {
        assert_eq!(tidy("  a  \r\n\r\n\n\n b\nc  \n\n"), "a\n\nb\nc");
    }

    #[test]
    fn a_page_without_prose_still_yields_its_text() {
        let url = Url::parse("https://x.example/").unwrap();
        let page = read_html("<html><body><div>Short note.</div></body></html>", &url);
        assert!(page.text.contains("Short note."), "{page:?}");
    }

    #[test]
    fn canonical_links_to_other_schemes_are_ignored() {
        let url = Url::parse("https://x.example/").unwrap();
        let page = read_html(r#"<html><head><link rel="canonical" href="javascript:alert(1)"></head></html>"#, &url);
        assert_eq!(page.canonical_link, None);
    }
}
