//! Web addresses: validation and the canonical form used to recognise that two
//! links point at one document.

use url::Url;

use crate::error::{Error, Result};

/// Query parameters that only track the reader and never change the page.
const TRACKING_PARAMETERS: &[&str] = &[
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid", "_ga", "ref_src",
    "cmpid", "ocid",
];

/// Parses an http(s) address, refusing every other scheme.
pub fn parse_http(input: &str) -> Result<Url> {
    let url = Url::parse(input.trim()).map_err(|e| Error::invalid(format!("`{}` is not a valid URL: {e}", input.trim())))?;
    match url.scheme() {
        "http" | "https" if url.host().is_some() => Ok(url),
        "http" | "https" => Err(Error::invalid(format!("`{input}` has no host"))),
        other => Err(Error::invalid(format!("`{input}` is not an http(s) URL (scheme `{other}` is not accepted)"))),
    }
}

/// The canonical form of an http(s) address: host lower-cased and default port
/// dropped (both done by the WHATWG parser), fragment dropped, tracking
/// parameters removed.
///
/// ```
/// use claimtrail_core::web_address::canonical;
/// let url = claimtrail_core::web_address::parse_http("HTTPS://Example.COM:443/a?utm_source=x&id=3#top").unwrap();
/// assert_eq!(canonical(&url).as_str(), "https://example.com/a?id=3");
/// ```
pub fn canonical(url: &Url) -> Url {
    let mut out = url.clone();
    out.set_fragment(None);
    let kept: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| {
            let k = k.to_ascii_lowercase();
            !k.starts_with("utm_") && !TRACKING_PARAMETERS.contains(&k.as_str())
        })
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if kept.is_empty() {
        out.set_query(None);
    } else {
        out.query_pairs_mut().clear().extend_pairs(kept);
    }
    out
}

/// The host of an address without a leading `www.`, as outlets are known by.
pub fn outlet_domain(url: &Url) -> Option<String> {
    url.host_str().map(|h| h.trim_start_matches("www.").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_non_http_schemes() {
        for bad in ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,hi", "ftp://example.com/"] {
            let err = parse_http(bad).unwrap_err().to_string();
            assert!(err.contains("not an http(s) URL"), "{bad}: {err}");
        }
        assert!(parse_http("not a url").is_err());
    }

    #[test]
    fn tracking_parameters_are_removed_and_others_kept_in_order() {
        let url = parse_http("https://news.example/x?b=2&fbclid=abc&a=1&UTM_Medium=m").unwrap();
        assert_eq!(canonical(&url).as_str(), "https://news.example/x?b=2&a=1");
    }

    #[test]
    fn outlet_domain_drops_www() {
        let url = parse_http("https://www.KenyaStar.example/news").unwrap();
        assert_eq!(outlet_domain(&url).as_deref(), Some("kenyastar.example"));
    }
}
