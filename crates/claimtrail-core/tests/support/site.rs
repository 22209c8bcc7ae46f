//! A small news site on 127.0.0.1 for capture tests: a thread per connection
//! over a std `TcpListener`, fixed routes, no dependencies. It serves until
//! the test process ends; every page is generated here, so no test reaches
//! beyond this machine.
//!
//! Shared by the core's and the CLI's tests (the CLI includes it by path).

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

/// The size of the body `/huge` streams: far past any sane cap.
pub const HUGE_BYTES: usize = 50 * 1024 * 1024;
/// How long `/slow` waits before answering.
pub const SLOW_DELAY: Duration = Duration::from_secs(3);

pub const ARTICLE_QUOTE: &str = "The bridge will reopen by May";

pub struct Site {
    base: String,
    edition: Arc<AtomicUsize>,
}

impl Site {
    pub fn start() -> Site {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let base = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
        let edition = Arc::new(AtomicUsize::new(1));
        let served = edition.clone();
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let edition = served.clone();
                thread::spawn(move || {
                    let _ = serve(stream, edition.load(Ordering::SeqCst));
                });
            }
        });
        Site { base, edition }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The same address as `url` but named `localhost`, to go through DNS.
    pub fn localhost_url(&self, path: &str) -> String {
        self.url(path).replace("127.0.0.1", "localhost")
    }

    /// Edits `/changing` (the next fetch sees the new wording) and takes
    /// `/removed` down (410 Gone from then on) and `/failing` (503).
    pub fn edit(&self) {
        self.edition.fetch_add(1, Ordering::SeqCst);
    }
}

/// Serves one made-up answer to every request, on a port of its own: for
/// pages whose bytes a test makes (other charsets, compressed bodies).
/// `headers` are sent as given, after the status line and Content-Length.
pub fn serve_bytes(headers: &[(&str, &str)], body: Vec<u8>) -> String {
    let mut head = format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n", body.len());
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let answer = Arc::new([head.into_bytes(), body].concat());
    serve_with(move |mut stream, _| stream.write_all(&answer))
}

/// A page of `TRICKLE_PAGE`'s bytes sent one every `every`, headers at
/// once: a server that is never silent long enough for a read to time out.
pub fn serve_trickle(every: Duration) -> String {
    serve_with(move |mut stream, _| {
        let head = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            TRICKLE_PAGE.len()
        );
        stream.write_all(head.as_bytes())?;
        for byte in TRICKLE_PAGE.bytes() {
            thread::sleep(every);
            // The client hangs up at its time limit; that ends the page.
            stream.write_all(&[byte])?;
            stream.flush()?;
        }
        Ok(())
    })
}

/// What `serve_trickle` sends, slowly.
pub const TRICKLE_PAGE: &str = "<html><body><p>Slow news, one letter at a time.</p></body></html>";

/// A chain of `hops` redirects, each answered after `delay`, that ends in a
/// page: every request is quick enough alone, the whole exchange is not.
pub fn serve_slow_redirects(hops: usize, delay: Duration) -> String {
    serve_with(move |mut stream, path| {
        thread::sleep(delay);
        let hop: usize = path.trim_start_matches('/').parse().unwrap_or(0);
        if hop < hops {
            redirect(&mut stream, &format!("/{}", hop + 1))
        } else {
            html(&mut stream, TRICKLE_PAGE)
        }
    })
}

/// Reads each request's head, then answers with `answer` (given the path),
/// on a new port.
fn serve_with(answer: impl Fn(TcpStream, &str) -> std::io::Result<()> + Send + Sync + 'static) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let base = format!("http://127.0.0.1:{}/", listener.local_addr().unwrap().port());
    let answer = Arc::new(answer);
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let answer = answer.clone();
            thread::spawn(move || {
                if let Ok(path) = read_request_head(&stream) {
                    let _ = answer(stream, &path);
                }
            });
        }
    });
    base
}

/// Reads a request up to its blank line; returns its path.
fn read_request_head(stream: &TcpStream) -> std::io::Result<String> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header == "\r\n" || header == "\n" {
            break;
        }
    }
    Ok(request_line.split_whitespace().nth(1).unwrap_or("/").to_string())
}

fn serve(mut stream: TcpStream, edition: usize) -> std::io::Result<()> {
    let path = read_request_head(&stream)?;
    match path.as_str() {
        "/article" | "/article?utm_source=feed" => html(&mut stream, &article("Valley Post", "/article", "")),
        // Another edition of the article that names it as canonical, and a page
        // claiming to be another site's article.
        "/amp" => html(&mut stream, &article("Valley Post", "/article", "")),
        "/hijack" => html(&mut stream, &article("Valley Post", "https://other.example/story", "")),
        "/r1" => redirect(&mut stream, "/r2"),
        "/r2" => redirect(&mut stream, "/r3"),
        // An absolute Location, to check both forms are followed.
        "/r3" => {
            let port = stream.local_addr()?.port();
            redirect(&mut stream, &format!("http://127.0.0.1:{port}/article"))
        }
        "/loop-a" => redirect(&mut stream, "/loop-b"),
        "/loop-b" => redirect(&mut stream, "/loop-a"),
        "/many" => redirect(&mut stream, "/many1"),
        p if p.starts_with("/many") => {
            let n: usize = p["/many".len()..].parse().unwrap_or(0);
            redirect(&mut stream, &format!("/many{}", n + 1))
        }
        "/huge" => huge(&mut stream),
        "/pdf" => respond(&mut stream, "200 OK", Some("application/pdf"), b"%PDF-1.7 not a page"),
        "/claimreview" => html(&mut stream, CLAIM_REVIEW_PAGE),
        "/changing" => {
            let wording = if edition == 1 { "100 per cent liberated" } else { "entirely conquered" };
            html(
                &mut stream,
                &article("Valley Post", "/changing", &format!("<p>The governor said the region was {wording}.</p>")),
            )
        }
        // Taken down after the first edition: 410 Gone with the site's own notice.
        "/removed" if edition == 1 => html(&mut stream, &article("Valley Post", "/removed", "")),
        "/removed" => respond(
            &mut stream,
            "410 Gone",
            Some("text/html; charset=utf-8"),
            b"<html><head><title>Page removed</title></head><body><p>This article has been removed.</p></body></html>",
        ),
        // Failing after the first edition: 503, which says nothing about the page.
        "/failing" if edition == 1 => html(&mut stream, &article("Valley Post", "/failing", "")),
        "/failing" => respond(&mut stream, "503 Service Unavailable", Some("text/html"), b"<p>Try again later.</p>"),
        "/slow" => {
            thread::sleep(SLOW_DELAY);
            html(&mut stream, &article("Valley Post", "/article", ""))
        }
        "/plain" => respond(
            &mut stream,
            "200 OK",
            Some("text/plain; charset=utf-8"),
            b"Plain statement.\n\nOfficials said the road is closed.",
        ),
        "/untyped" => {
            respond(&mut stream, "200 OK", None, b"<!doctype html><html><body><p>No type given.</p></body></html>")
        }
        _ => respond(&mut stream, "404 Not Found", Some("text/html"), b"<html><body>gone</body></html>"),
    }
}

fn respond(stream: &mut TcpStream, status: &str, content_type: Option<&str>, body: &[u8]) -> std::io::Result<()> {
    let mut head = format!("HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n", body.len());
    if let Some(ct) = content_type {
        head.push_str(&format!("Content-Type: {ct}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)?;
    stream.flush()
}

fn html(stream: &mut TcpStream, body: &str) -> std::io::Result<()> {
    respond(stream, "200 OK", Some("text/html; charset=utf-8"), body.as_bytes())
}

fn redirect(stream: &mut TcpStream, location: &str) -> std::io::Result<()> {
    let head = format!("HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    stream.write_all(head.as_bytes())?;
    stream.flush()
}

/// 50 MB of markup with no Content-Length: the reader must stop on its own.
fn huge(stream: &mut TcpStream) -> std::io::Result<()> {
    stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n")?;
    let chunk = "<p>filler filler filler filler filler filler filler</p>\n".repeat(1024);
    let mut sent = 0;
    while sent < HUGE_BYTES {
        // The client hangs up once it has read past its cap; that ends this loop.
        stream.write_all(chunk.as_bytes())?;
        sent += chunk.len();
    }
    stream.flush()
}

/// An article page of `site` whose canonical link is `canonical`.
fn article(site: &str, canonical: &str, extra: &str) -> String {
    format!(
        r#"<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Bridge to reopen by May | {site}</title>
<meta property="og:site_name" content="{site}">
<meta property="article:published_time" content="2025-03-05T09:00:00Z">
<meta name="author" content="Jo Reporter">
<link rel="canonical" href="{canonical}">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Bridge to reopen by May</h1>
<p class="byline">By Jo Reporter</p>
<p>'{ARTICLE_QUOTE},' city engineer Ana Ruiz told reporters on Monday, the {site} reported.</p>
<p>The river crossing has been closed since the floods in January, and traffic has been diverted through the old town,
adding up to forty minutes to the morning commute for thousands of residents who work across the water.</p>
<p>Repairs to the central pier were delayed by high water, according to the council, which said the contractor had
worked through the winter to make up lost time and that inspections would follow in April.</p>
{extra}
</article>
<footer>Copyright {site}</footer>
</body></html>"#
    )
}

const CLAIM_REVIEW_PAGE: &str = r#"<!doctype html>
<html><head><title>Fact check: is Luhansk fully liberated?</title>
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "ClaimReview",
 "url": "https://checks.example/luhansk",
 "claimReviewed": "The Luhansk region is 100 per cent liberated",
 "datePublished": "2025-07-05",
 "author": {"@type": "Organization", "name": "Check Desk"},
 "reviewRating": {"@type": "Rating", "ratingValue": 2, "alternateName": "Misleading"}}
</script>
</head><body><article>
<h1>Fact check: is Luhansk fully liberated?</h1>
<p>The governor's statement that the region was fully liberated does not match the map analyses published the same week,
which show fighting continuing near two villages on the western edge of the region.</p>
<p>We rate the claim misleading: the front line had moved, but not everywhere, and not for good.</p>
</article></body></html>"#;
