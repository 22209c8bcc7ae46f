//! Source capture: fetching the page behind a claim and archiving what it
//! said, so that months later a checker can show exactly what was there when
//! she logged it, and tell when it was silently edited.
//!
//! Split by concept: [`fetch`] retrieves a page under a [`FetchPolicy`]
//! (http(s) only, private hosts refused, redirects checked hop by hop, one time
//! limit for the whole exchange, content encodings undone under a size cap);
//! [`charset`] decides the page's character encoding as a browser does;
//! [`page`] reads its text and metadata from the decoded page; [`take`] does
//! all three and hashes the result. Writing is the store's: `Store::capture` keeps
//! the document and a snapshot in one transaction, `Store::recapture` fetches
//! again and diffs, `Store::verify_snapshots` re-hashes what was kept.
//!
//! Nothing here reads the clock or the environment: the caller passes `now`,
//! the fetcher and its policy ([`FetchPolicy::from_env`] for front ends).
//!
//! ```
//! use claimtrail_core::capture::{self, fetch::{Fetched, Fetcher}};
//! use claimtrail_core::{CaptureOptions, Store};
//!
//! /// A fetcher that serves one canned page, as tests do.
//! struct Canned(&'static str);
//! impl Fetcher for Canned {
//!     fn fetch(&self, url: &url::Url) -> claimtrail_core::Result<Fetched> {
//!         Ok(Fetched { final_url: url.clone(), redirects: vec![], status: 200,
//!                      content_type: Some("text/html".into()), body: self.0.as_bytes().to_vec() })
//!     }
//! }
//!
//! let mut store = Store::open_in_memory().unwrap();
//! let page = Canned("<html><head><title>Bridge</title></head><body><p>The bridge will reopen by May.</p></body></html>");
//! let now = chrono::Utc::now();
//! let first = store.capture("https://news.example/bridge?utm_source=x", &page, &CaptureOptions::default(), now).unwrap();
//! let again = store.recapture(&first.document_id, &page, now).unwrap();
//! assert_eq!(first.canonical_url, "https://news.example/bridge");
//! assert!(!again.changed);
//! assert_eq!(store.verify_snapshots().unwrap().first_mismatch, None);
//! ```

pub mod charset;
pub mod fetch;
pub mod page;

use sha2::{Digest, Sha256};
use url::Url;

pub use fetch::{FetchPolicy, Fetched, Fetcher, HttpFetcher};
pub use page::{EmbeddedClaimReview, Page};

use crate::error::{Error, Result};
use crate::web_address;

/// A page fetched and read, not yet stored.
#[derive(Debug, Clone)]
pub struct Capture {
    /// The address as given (validated).
    pub requested: Url,
    pub fetched: Fetched,
    pub page: Page,
    /// SHA-256 (hex) of the raw body (as [`Fetched::body`]: content encodings
    /// undone, in the page's own charset) and of the readable text.
    pub raw_sha256: String,
    pub text_sha256: String,
}

/// Fetches `url` and reads it. Nothing is stored and nothing half-made is
/// left: an unreachable or refused page is one error, and so is a page that
/// is not there (404, 410, 451): there is nothing to capture.
pub fn take(url: &str, fetcher: &dyn Fetcher) -> Result<Capture> {
    let taken = retake(url, fetcher)?;
    if taken.fetched.is_gone() {
        return Err(Error::Network(format!(
            "{} answered {}: there is no page to capture; nothing was kept",
            taken.fetched.final_url,
            fetch::status_line(taken.fetched.status)
        )));
    }
    Ok(taken)
}

/// Like [`take`], for a page captured before: a page that is gone comes back
/// as a capture with its status, the server's body kept raw, and no text,
/// so that its removal can be recorded.
pub fn retake(url: &str, fetcher: &dyn Fetcher) -> Result<Capture> {
    let requested = web_address::parse_http(url)?;
    let fetched = fetcher.fetch(&requested)?;
    let tld = match fetched.final_url.host() {
        Some(url::Host::Domain(name)) => name.rsplit('.').next(),
        _ => None,
    };
    let markup = !fetched.is_plain_text();
    let body = charset::decode(&fetched.body, fetched.content_type.as_deref(), markup, tld);
    let page = if fetched.is_gone() {
        Page::default()
    } else if fetched.is_plain_text() {
        page::read_plain(&body)
    } else {
        page::read_html(&body, &fetched.final_url)
    };
    let raw_sha256 = sha256_hex(&fetched.body);
    let text_sha256 = sha256_hex(page.text.as_bytes());
    Ok(Capture { requested, fetched, page, raw_sha256, text_sha256 })
}

/// Lower-case hex SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_is_lower_hex() {
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
