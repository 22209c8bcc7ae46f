//! Fetching a page the careful way: http(s) only, every host resolved and
//! checked before connecting (so a public name pointing at a private address
//! is refused too), redirects followed by hand so each hop is checked, one time
//! limit for the whole exchange (every hop's connection, headers and body), a
//! size cap on the body as decoded, content encodings (gzip, deflate, br)
//! undone as a browser does, and only HTML or plain text accepted.
//!
//! ```no_run
//! use claimtrail_core::capture::fetch::{FetchPolicy, Fetcher, HttpFetcher};
//! let fetcher = HttpFetcher::new(FetchPolicy::from_env()).unwrap();
//! let url = claimtrail_core::web_address::parse_http("https://example.org/story").unwrap();
//! let page = fetcher.fetch(&url).unwrap();
//! assert!(page.status < 300);
//! ```

use std::io::{self, Read};
use std::net::{IpAddr, SocketAddr, ToSocketAddrs};
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use reqwest::header::{HeaderMap, ACCEPT, ACCEPT_ENCODING, CONTENT_ENCODING, CONTENT_LENGTH, CONTENT_TYPE, LOCATION};
use url::{Host, Url};

use crate::error::{Error, Result};
use crate::web_address;

/// `CLAIMTRAIL_ALLOW_LOOPBACK=1` lets capture fetch from this machine (for
/// local testing); private networks stay refused.
pub const ALLOW_LOOPBACK_ENV: &str = "CLAIMTRAIL_ALLOW_LOOPBACK";
/// `CLAIMTRAIL_FETCH_TIMEOUT_MS` shortens (or lengthens) the time limit,
/// mainly so that tests of a slow server stay fast.
pub const TIMEOUT_ENV: &str = "CLAIMTRAIL_FETCH_TIMEOUT_MS";

/// The limits one fetch runs under.
#[derive(Debug, Clone)]
pub struct FetchPolicy {
    /// For the whole exchange: every redirect hop, connections, headers and
    /// the body to its last byte (a server sending a byte a second is cut off
    /// at this, not allowed to hold a capture open).
    pub timeout: Duration,
    /// Bodies larger than this once decoded (gzip and the like undone) are
    /// refused, not truncated: a cut page would be a false record of what the
    /// page said. Decoding stops at the cap, so a compression bomb is never
    /// inflated past it.
    pub max_bytes: u64,
    pub max_redirects: usize,
    pub allow_loopback: bool,
    pub user_agent: String,
}

impl Default for FetchPolicy {
    fn default() -> Self {
        FetchPolicy {
            timeout: Duration::from_secs(20),
            max_bytes: 10 * 1024 * 1024,
            max_redirects: 5,
            allow_loopback: false,
            user_agent: format!(
                "Claimtrail/{} (fact-checking archive; one request per capture)",
                env!("CARGO_PKG_VERSION")
            ),
        }
    }
}

impl FetchPolicy {
    /// The default policy with the environment's overrides
    /// ([`ALLOW_LOOPBACK_ENV`], [`TIMEOUT_ENV`]). Front ends call this once;
    /// the core itself never reads the environment.
    pub fn from_env() -> FetchPolicy {
        let mut policy = FetchPolicy {
            allow_loopback: std::env::var(ALLOW_LOOPBACK_ENV).is_ok_and(|v| v.trim() == "1"),
            ..FetchPolicy::default()
        };
        if let Some(ms) = std::env::var(TIMEOUT_ENV).ok().and_then(|v| v.trim().parse::<u64>().ok()) {
            policy.timeout = Duration::from_millis(ms.max(1));
        }
        policy
    }
}

/// One retrieval: a page, or the answer that it is gone ([`is_gone`]).
#[derive(Debug, Clone)]
pub struct Fetched {
    /// Where the last redirect led (the address asked for when there was none).
    pub final_url: Url,
    /// Every address visited before the final one, in order.
    pub redirects: Vec<Url>,
    pub status: u16,
    pub content_type: Option<String>,
    /// The body as a browser reads it: transfer and content encodings (chunked,
    /// gzip, deflate, br) undone, and nothing else: still in the page's own
    /// charset. This is what a snapshot archives as its raw bytes and hashes.
    pub body: Vec<u8>,
}

impl Fetched {
    /// True when the server says the page is no longer there ([`is_gone`]).
    pub fn is_gone(&self) -> bool {
        is_gone(self.status)
    }

    /// True for `text/plain`: the body is the text, with no markup to read.
    pub fn is_plain_text(&self) -> bool {
        self.content_type.as_deref().map(media_type).is_some_and(|m| m == "text/plain")
    }
}

/// Something that retrieves pages: the network ([`HttpFetcher`]) or, in
/// tests, a table of canned pages.
pub trait Fetcher {
    fn fetch(&self, url: &Url) -> Result<Fetched>;
}

/// Fetches over HTTP(S) with rustls, under a [`FetchPolicy`].
pub struct HttpFetcher {
    client: reqwest::blocking::Client,
    policy: FetchPolicy,
}

impl HttpFetcher {
    pub fn new(policy: FetchPolicy) -> Result<HttpFetcher> {
        // reqwest is built without a bundled crypto provider (to avoid a C
        // build of aws-lc); ring is installed once per process. An error only
        // means another provider was installed first, which is fine.
        let _ = rustls::crypto::ring::default_provider().install_default();
        // Each request is given what is left of the fetch's time limit
        // (`HttpFetcher::get`); these only bound a client used otherwise.
        let client = reqwest::blocking::Client::builder()
            .user_agent(policy.user_agent.clone())
            .timeout(policy.timeout)
            .connect_timeout(policy.timeout)
            // Redirects are followed by hand, so that every hop is checked.
            .redirect(reqwest::redirect::Policy::none())
            // A proxy would resolve names itself, past the address check.
            .no_proxy()
            .dns_resolver(Arc::new(CheckedResolver { allow_loopback: policy.allow_loopback }))
            .build()
            .map_err(|e| Error::Network(format!("cannot set up the HTTP client: {e}")))?;
        Ok(HttpFetcher { client, policy })
    }

    /// One request of a fetch that must be over by `deadline`. reqwest applies
    /// a request's own timeout to its body as well, to the last byte.
    fn get(&self, url: &Url, deadline: Instant) -> Result<reqwest::blocking::Response> {
        check_scheme(url)?;
        // Literal addresses never reach the resolver, so they are checked here.
        let host = url.host_str().unwrap_or_default().to_string();
        match url.host() {
            Some(Host::Ipv4(ip)) => web_address::check_fetchable(&host, IpAddr::V4(ip), self.policy.allow_loopback)?,
            Some(Host::Ipv6(ip)) => web_address::check_fetchable(&host, IpAddr::V6(ip), self.policy.allow_loopback)?,
            _ => {}
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(timed_out(url, &self.policy));
        }
        self.client
            .get(url.as_str())
            .header(ACCEPT, "text/html,application/xhtml+xml,text/plain;q=0.9")
            // What `ContentCoding` undoes; a browser asks for the same.
            .header(ACCEPT_ENCODING, "gzip, deflate, br")
            .timeout(left)
            .send()
            .map_err(|e| network_error(url, &e, &self.policy))
    }

    /// The body decoded, under the cap and the deadline.
    fn read_body(&self, url: &Url, response: reqwest::blocking::Response, deadline: Instant) -> Result<Vec<u8>> {
        let cap = self.policy.max_bytes;
        let codings = content_codings(url, response.headers())?;
        let declared = response.headers().get(CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
        // The declared length is of the encoded body; only without an encoding is it the size that is capped.
        if codings.is_empty() && declared.is_some_and(|n| n > cap) {
            return Err(too_large(url, cap));
        }
        // Codings are listed in the order they were applied, so undone from the last.
        let mut reader: Box<dyn Read> = Box::new(UntilDeadline { inner: response, deadline });
        for coding in codings.iter().rev() {
            reader = coding.decoder(reader);
        }
        // Reading one byte past the cap tells "exactly the cap" from "more".
        let mut body = Vec::new();
        if let Err(e) = reader.take(cap + 1).read_to_end(&mut body) {
            return Err(if is_timeout(&e) || Instant::now() >= deadline {
                timed_out(url, &self.policy)
            } else if !codings.is_empty()
                && matches!(e.kind(), io::ErrorKind::InvalidData | io::ErrorKind::InvalidInput)
            {
                // A browser shows an error for a body that does not decode, not the bytes.
                Error::Network(format!(
                    "{url} says its body is compressed ({}) but it does not decode: {}; nothing was kept",
                    response_codings(&codings),
                    one_line(&e)
                ))
            } else {
                Error::Network(format!("reading {url} failed: {}; nothing was kept", one_line(&e)))
            });
        }
        if body.len() as u64 > cap {
            return Err(too_large(url, cap));
        }
        Ok(body)
    }
}

impl Fetcher for HttpFetcher {
    fn fetch(&self, url: &Url) -> Result<Fetched> {
        let deadline = Instant::now() + self.policy.timeout;
        let mut current = url.clone();
        let mut redirects: Vec<Url> = Vec::new();
        loop {
            let response = self.get(&current, deadline)?;
            let status = response.status();
            if status.is_redirection() {
                let location =
                    response.headers().get(LOCATION).and_then(|v| v.to_str().ok()).ok_or_else(|| {
                        Error::Network(format!("{current} redirects ({status}) without saying where"))
                    })?;
                let next = current.join(location).map_err(|e| {
                    Error::Refused(format!("{current} redirects to an invalid address `{location}`: {e}"))
                })?;
                if next == current || redirects.contains(&next) {
                    return Err(Error::Refused(format!(
                        "{url} redirects in a loop (back to {next}); nothing was kept"
                    )));
                }
                if redirects.len() >= self.policy.max_redirects {
                    return Err(Error::Refused(format!(
                        "{url} redirects more than {} times; nothing was kept",
                        self.policy.max_redirects
                    )));
                }
                redirects.push(std::mem::replace(&mut current, next));
                continue;
            }
            let gone = is_gone(status.as_u16());
            if !status.is_success() && !gone {
                return Err(Error::Network(format!(
                    "{current} answered {}; nothing was kept",
                    status_line(status.as_u16())
                )));
            }
            let content_type = response.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_string);
            // The page a server shows for a removed article is evidence of the
            // removal whatever its type; only a page that is there must be readable.
            if let (false, Some(ct)) = (gone, &content_type) {
                if !is_readable_media_type(ct) {
                    return Err(Error::Refused(format!(
                        "{current} is `{}`, not a web page or text; nothing was kept",
                        media_type(ct)
                    )));
                }
            }
            let body = self.read_body(&current, response, deadline)?;
            if !gone && content_type.is_none() && !looks_like_html(&body) {
                return Err(Error::Refused(format!(
                    "{current} does not say what it is and does not look like a web page; nothing was kept"
                )));
            }
            return Ok(Fetched { final_url: current, redirects, status: status.as_u16(), content_type, body });
        }
    }
}

/// Statuses that say the page is no longer there: 404 Not Found, 410 Gone,
/// 451 Unavailable For Legal Reasons. A fetcher returns these as a
/// [`Fetched`] (the server's error page is the record of the removal); every
/// other error status is an error, since a refused or failing server says
/// nothing about the page.
pub const GONE_STATUSES: [u16; 3] = [404, 410, 451];

/// True for one of [`GONE_STATUSES`].
pub fn is_gone(status: u16) -> bool {
    GONE_STATUSES.contains(&status)
}

/// `404` → `404 Not Found`.
pub fn status_line(status: u16) -> String {
    let reason = reqwest::StatusCode::from_u16(status).ok().and_then(|s| s.canonical_reason());
    match reason {
        Some(reason) => format!("{status} {reason}"),
        None => status.to_string(),
    }
}

fn check_scheme(url: &Url) -> Result<()> {
    match url.scheme() {
        "http" | "https" => Ok(()),
        other => Err(Error::Refused(format!(
            "`{url}` is not an http(s) address (scheme `{other}`); only web pages are fetched"
        ))),
    }
}

/// `text/html; charset=utf-8` → `text/html`.
fn media_type(content_type: &str) -> String {
    content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase()
}

fn is_readable_media_type(content_type: &str) -> bool {
    matches!(media_type(content_type).as_str(), "text/html" | "application/xhtml+xml" | "text/plain")
}

/// For servers that send no Content-Type: a page starts with markup (in
/// UTF-16 too, when a byte order mark says so).
fn looks_like_html(body: &[u8]) -> bool {
    let (encoding, bom) = encoding_rs::Encoding::for_bom(body).unwrap_or((encoding_rs::UTF_8, 0));
    let (head, _) = encoding.decode_without_bom_handling(&body[bom..body.len().min(bom + 512)]);
    let head = head.trim_start().to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html") || head.starts_with("<head")
}

/// A content coding a server applied to the body (`Content-Encoding`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ContentCoding {
    Gzip,
    Deflate,
    Brotli,
}

impl ContentCoding {
    /// A reader of the decoded bytes. Each reads its input as it goes, so a
    /// reader taken to the cap never holds more than the cap.
    fn decoder(self, encoded: Box<dyn Read>) -> Box<dyn Read> {
        match self {
            // Several gzip members one after another are one body, as browsers read it.
            ContentCoding::Gzip => Box::new(flate2::read::MultiGzDecoder::new(encoded)),
            ContentCoding::Deflate => Box::new(Inflate::new(encoded)),
            ContentCoding::Brotli => Box::new(brotli_decompressor::Decompressor::new(encoded, 8192)),
        }
    }
}

/// `gzip, br`: the codings as a header would list them.
fn response_codings(codings: &[ContentCoding]) -> String {
    let name = |c: &ContentCoding| match c {
        ContentCoding::Gzip => "gzip",
        ContentCoding::Deflate => "deflate",
        ContentCoding::Brotli => "br",
    };
    codings.iter().map(name).collect::<Vec<_>>().join(", ")
}

/// The codings of `Content-Encoding`, in the order applied. A coding no
/// browser-like reader knows is refused rather than archived as if it were
/// the page.
fn content_codings(url: &Url, headers: &HeaderMap) -> Result<Vec<ContentCoding>> {
    let mut codings = Vec::new();
    for value in headers.get_all(CONTENT_ENCODING) {
        let value = value.to_str().unwrap_or("(not text)");
        for name in value.split(',').map(|c| c.trim().to_ascii_lowercase()).filter(|c| !c.is_empty()) {
            codings.push(match name.as_str() {
                "identity" => continue,
                "gzip" | "x-gzip" => ContentCoding::Gzip,
                "deflate" => ContentCoding::Deflate,
                "br" => ContentCoding::Brotli,
                _ => {
                    return Err(Error::Refused(format!(
                        "{url} is sent compressed as `{name}`, which capture cannot read; nothing was kept"
                    )))
                }
            });
        }
    }
    Ok(codings)
}

/// `Content-Encoding: deflate` is meant to be zlib-wrapped, but some servers
/// send bare deflate; browsers read both, so the first two bytes decide.
enum Inflate {
    Undecided(Option<Box<dyn Read>>),
    Zlib(flate2::read::ZlibDecoder<Peeked>),
    Bare(flate2::read::DeflateDecoder<Peeked>),
}

/// The encoded body with the bytes read to decide put back in front.
type Peeked = io::Chain<io::Cursor<Vec<u8>>, Box<dyn Read>>;

impl Inflate {
    fn new(encoded: Box<dyn Read>) -> Inflate {
        Inflate::Undecided(Some(encoded))
    }
}

impl Read for Inflate {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if let Inflate::Undecided(encoded) = self {
            let mut encoded = encoded.take().expect("decided once");
            let mut head = Vec::with_capacity(2);
            (&mut encoded).take(2).read_to_end(&mut head)?;
            // A zlib header: compression method 8 and a check making the pair a multiple of 31.
            let zlib = head.len() == 2 && head[0] & 0x0f == 8 && u16::from_be_bytes([head[0], head[1]]) % 31 == 0;
            let whole = io::Cursor::new(head).chain(encoded);
            *self = if zlib {
                Inflate::Zlib(flate2::read::ZlibDecoder::new(whole))
            } else {
                Inflate::Bare(flate2::read::DeflateDecoder::new(whole))
            };
        }
        match self {
            Inflate::Zlib(d) => d.read(buf),
            Inflate::Bare(d) => d.read(buf),
            Inflate::Undecided(_) => unreachable!("decided above"),
        }
    }
}

/// The response body, ending in a timeout once the fetch's deadline has
/// passed. reqwest's own limit cuts off a read that waits too long; this
/// catches a server that always has one more byte just in time.
struct UntilDeadline<R> {
    inner: R,
    deadline: Instant,
}

impl<R: Read> Read for UntilDeadline<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if Instant::now() >= self.deadline {
            return Err(io::Error::new(io::ErrorKind::TimedOut, "the time limit for the fetch has passed"));
        }
        self.inner.read(buf)
    }
}

/// True when a read failed for the time limit (ours or reqwest's, which
/// arrives wrapped in an I/O error).
fn is_timeout(e: &io::Error) -> bool {
    if e.kind() == io::ErrorKind::TimedOut {
        return true;
    }
    let mut source: Option<&(dyn std::error::Error + 'static)> = e.get_ref().map(|inner| inner as _);
    while let Some(s) = source {
        if s.downcast_ref::<reqwest::Error>().is_some_and(reqwest::Error::is_timeout)
            || s.downcast_ref::<io::Error>().is_some_and(|io| io.kind() == io::ErrorKind::TimedOut)
        {
            return true;
        }
        source = s.source();
    }
    false
}

fn timed_out(url: &Url, policy: &FetchPolicy) -> Error {
    Error::Network(format!(
        "{} did not answer within {:.1} s; nothing was kept",
        url.host_str().unwrap_or_default(),
        policy.timeout.as_secs_f64()
    ))
}

fn too_large(url: &Url, cap: u64) -> Error {
    Error::Refused(format!("{url} is larger than {} MB; nothing was kept", cap / (1024 * 1024)))
}

/// A refusal raised inside the resolver, found again in reqwest's error chain.
#[derive(Debug)]
struct AddressRefused(String);

impl std::fmt::Display for AddressRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for AddressRefused {}

/// Resolves names with the system resolver, then refuses the whole name if any
/// of its addresses is private (or loopback, unless allowed): checking at
/// connection time, not before, is what defeats a name that changes its
/// answer between the check and the connection.
struct CheckedResolver {
    allow_loopback: bool,
}

impl Resolve for CheckedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let host = name.as_str().to_string();
        let allow_loopback = self.allow_loopback;
        Box::pin(async move {
            // A blocking look-up: the blocking client runs one request at a
            // time on its own runtime thread, so nothing else waits on it.
            let addrs: Vec<SocketAddr> = (host.as_str(), 0).to_socket_addrs()?.collect();
            for addr in &addrs {
                web_address::check_fetchable(&host, addr.ip(), allow_loopback)
                    .map_err(|e| Box::new(AddressRefused(e.to_string())) as Box<dyn std::error::Error + Send + Sync>)?;
            }
            Ok(Box::new(addrs.into_iter()) as Addrs)
        })
    }
}

fn network_error(url: &Url, e: &reqwest::Error, policy: &FetchPolicy) -> Error {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(s) = source {
        if let Some(refused) = s.downcast_ref::<AddressRefused>() {
            return Error::Refused(refused.0.clone());
        }
        source = s.source();
    }
    if e.is_timeout() {
        return timed_out(url, policy);
    }
    let host = url.host_str().unwrap_or_default();
    Error::Network(format!("cannot reach {host}: {}; nothing was kept", one_line(e)))
}

/// An error and its causes on one line ("error sending request: dns error: ...").
fn one_line(e: &dyn std::error::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        source = s.source();
    }
    parts.join(": ").replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_types_are_read_without_parameters() {
        assert!(is_readable_media_type("text/html; charset=UTF-8"));
        assert!(is_readable_media_type("Application/XHTML+XML"));
        assert!(is_readable_media_type("text/plain"));
        assert!(!is_readable_media_type("application/pdf"));
        assert!(!is_readable_media_type("image/png"));
        assert!(!is_readable_media_type("application/octet-stream"));
    }

    #[test]
    fn only_missing_pages_count_as_gone() {
        for gone in [404, 410, 451] {
            assert!(is_gone(gone), "{gone}");
        }
        for other in [200, 301, 400, 401, 403, 429, 500, 503] {
            assert!(!is_gone(other), "{other}");
        }
        assert_eq!(status_line(410), "410 Gone");
        assert_eq!(status_line(599), "599");
    }

    #[test]
    fn untyped_bodies_must_look_like_markup() {
        assert!(looks_like_html(b"\n  <!DOCTYPE html><html>"));
        assert!(!looks_like_html(b"%PDF-1.7"));
        assert!(looks_like_html(b"\xff\xfe<\0h\0t\0m\0l\0>\0"), "UTF-16 markup, by its byte order mark");
    }

    #[test]
    fn a_literal_6to4_address_of_this_machine_is_refused_before_connecting() {
        let fetcher = HttpFetcher::new(FetchPolicy::default()).unwrap();
        let err = fetcher.fetch(&Url::parse("http://[2002:7f00:1::1]/").unwrap()).unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::Refused, "{err}");
        assert!(err.to_string().contains("which is 127.0.0.1"), "{err}");
    }

    #[test]
    fn only_http_is_fetched() {
        let fetcher = HttpFetcher::new(FetchPolicy::default()).unwrap();
        let url = Url::parse("file:///etc/passwd").unwrap();
        assert_eq!(fetcher.fetch(&url).unwrap_err().kind(), crate::ErrorKind::Refused);
    }

    #[test]
    fn literal_private_addresses_are_refused_before_connecting() {
        let fetcher = HttpFetcher::new(FetchPolicy { allow_loopback: true, ..FetchPolicy::default() }).unwrap();
        for bad in ["http://10.0.0.1/", "http://[fd00::1]/", "http://169.254.169.254/latest/meta-data/"] {
            let err = fetcher.fetch(&Url::parse(bad).unwrap()).unwrap_err();
            assert_eq!(err.kind(), crate::ErrorKind::Refused, "{bad}: {err}");
        }
    }
}
