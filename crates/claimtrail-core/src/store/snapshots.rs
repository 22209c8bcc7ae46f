//! Captured documents and their snapshots: what a page said each time it was
//! fetched. Snapshots are append-only (triggers refuse UPDATE and DELETE), the
//! raw body is kept gzip-compressed with the SHA-256 of its uncompressed bytes,
//! and the readable text is what two captures are compared by.
//!
//! ```
//! use claimtrail_core::{CaptureOptions, Store};
//! let mut store = Store::open_in_memory().unwrap();
//! let now = chrono::Utc::now();
//! let kept = store
//!     .capture_pasted("https://news.example/story", "Officials said the bridge will reopen.", &CaptureOptions::default(), now)
//!     .unwrap();
//! assert_eq!(store.snapshots(&kept.document_id).unwrap().len(), 1);
//! ```

use std::io::{Read, Write};

use chrono::{DateTime, Utc};
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use similar::{ChangeTag, TextDiff};
use url::Url;

use super::export_rows::SnapshotRecord;
use super::log::{ensure_actor, ActorSpec};
use super::{new_id, Store};
use crate::capture::{self, sha256_hex, Capture, EmbeddedClaimReview, Fetcher, Page};
use crate::error::{Error, Result};
use crate::model::{ActorKind, SnapshotOrigin};
use crate::web_address;
use crate::when::{parse_when, stamp};

/// Choices the checker makes when capturing.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CaptureOptions {
    /// Create an outlet for a domain no outlet owns yet, named after the
    /// page's site name — or after the domain when that name is already an
    /// actor's: a page's name for itself never gives a domain to an actor
    /// already here (see [`ClaimedName`]).
    pub create_outlet: bool,
    /// Create that outlet even when its name looks like a known actor's
    /// ("kenyastar.com" beside "Kenya Star"): the checker says it is another.
    /// Not in the window's bindings yet (the window does not offer it).
    #[cfg_attr(feature = "ts", ts(skip))]
    pub new_outlet: bool,
}

/// An outlet the page's domain could belong to: offered, not created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OutletSuggestion {
    pub domain: String,
    /// The page's own site name, else the domain (also when the site name is
    /// already an actor's: see [`Captured::claimed_name`]).
    pub name: String,
}

/// A page that names itself after an actor already here, on a domain that
/// actor does not own — "Reuters" on a domain nobody knows. The name is the
/// page's word only: the domain is not given to that actor, and an outlet
/// created for it is named after the domain and says whose name it claims.
/// The checker merges the two (`claimtrail actor merge`) once she knows
/// they are one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ClaimedName {
    /// The page's own site name.
    pub name: String,
    /// The actor known by that name, an alias of it, or a look-alike of it.
    pub actor_id: String,
    pub actor: String,
    pub actor_kind: ActorKind,
    /// The domains that actor owns (none when it was logged without one).
    pub domains: Vec<String>,
}

impl ClaimedName {
    /// The role an outlet created for the page's domain is given, so that
    /// every list that shows it says whose name it uses.
    fn flag(&self) -> String {
        let domains = if self.domains.is_empty() { String::new() } else { format!(" ({})", self.domains.join(", ")) };
        format!(
            "names itself “{}”, the name of the {} {}{domains}; not merged",
            self.name,
            self.actor_kind.as_str(),
            self.actor
        )
    }
}

/// What a capture stored.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Captured {
    pub document_id: String,
    /// True when this capture created the document.
    pub new_document: bool,
    /// The address as given.
    pub url: String,
    pub canonical_url: String,
    /// Where the redirects ended.
    pub final_url: String,
    pub title: Option<String>,
    pub byline: Option<String>,
    /// YYYY-MM-DD or RFC 3339, when the page states a date that reads as one.
    pub published_at: Option<String>,
    /// The outlet that owns the page's domain.
    pub outlet: Option<String>,
    pub outlet_id: Option<String>,
    /// True when this capture created the outlet (or gave it the domain).
    pub outlet_created: bool,
    /// Set when no outlet owns the domain and none was created.
    pub unknown_outlet: Option<OutletSuggestion>,
    /// Set when no outlet owns the domain and the page names itself after an
    /// actor already here: the domain was not given to that actor.
    pub claimed_name: Option<ClaimedName>,
    /// Known actors the outlet to create may be ("Kenya Star" for
    /// "kenyastar.com"), with the reason: it was then not created, and the
    /// checker picks one (an alias) or says it is another (`new_outlet`).
    /// Not in the window's bindings yet (the window does not show it).
    #[cfg_attr(feature = "ts", ts(skip))]
    pub outlet_candidates: Vec<crate::identity::Candidate>,
    pub snapshot_id: String,
    /// SHA-256 of the raw body (`null` for pasted text).
    pub sha256: Option<String>,
    pub text_sha256: String,
    pub http_status: Option<u16>,
    pub content_type: Option<String>,
    pub retrieved_at: String,
    pub claim_reviews: Vec<EmbeddedClaimReview>,
    pub text: String,
}

/// One word-level change between two captures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WordChange {
    pub removed: String,
    pub added: String,
}

/// What a recapture found.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Recaptured {
    pub document_id: String,
    pub previous_snapshot_id: Option<String>,
    pub previous_retrieved_at: Option<String>,
    pub snapshot_id: String,
    pub retrieved_at: String,
    /// The readable text differs from the previous snapshot's.
    pub changed: bool,
    /// The server now says the page is not there (404, 410 or 451): the
    /// snapshot keeps its status and error page, with no text.
    pub taken_down: bool,
    /// The raw body differs (often true on its own: ads, tokens, clocks).
    pub raw_changed: bool,
    /// A unified line diff of the text (empty when unchanged).
    pub diff: String,
    /// The same changes word by word, at most [`MAX_WORD_CHANGES`].
    pub word_changes: Vec<WordChange>,
    pub sha256: Option<String>,
    pub text_sha256: String,
    pub http_status: Option<u16>,
    pub title: Option<String>,
}

/// Longest list of word changes a recapture reports.
pub const MAX_WORD_CHANGES: usize = 200;

/// One snapshot as a document's history lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SnapshotSummary {
    pub id: String,
    pub document_id: String,
    pub origin: SnapshotOrigin,
    pub url: String,
    pub final_url: String,
    pub retrieved_at: String,
    pub http_status: Option<u16>,
    pub content_type: Option<String>,
    pub raw_size: Option<i64>,
    pub sha256: Option<String>,
    pub text_sha256: String,
}

/// A snapshot whose stored bytes no longer match their recorded hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SnapshotMismatch {
    pub snapshot_id: String,
    pub document_id: String,
    /// `raw` or `text`.
    pub part: String,
    pub expected: String,
    pub found: String,
}

/// The result of re-hashing every snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SnapshotCheck {
    pub checked: usize,
    /// The first snapshot (oldest first) that does not match; `None` when all do.
    pub first_mismatch: Option<SnapshotMismatch>,
}

/// A document found by id, prefix or address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentRef {
    pub seq: i64,
    pub id: String,
    pub url: Option<String>,
}

/// What a snapshot row is made of before it is written.
struct NewSnapshot<'a> {
    origin: SnapshotOrigin,
    url: &'a str,
    final_url: &'a str,
    status: Option<u16>,
    content_type: Option<&'a str>,
    raw: Option<&'a [u8]>,
    raw_sha256: Option<&'a str>,
    text: &'a str,
    text_sha256: &'a str,
    page: &'a Page,
}

impl Store {
    /// Fetches a page and keeps it: the document (found by canonical address,
    /// else created) and a new snapshot, in one transaction. A page that
    /// cannot be fetched stores nothing.
    pub fn capture(
        &mut self,
        url: &str,
        fetcher: &dyn Fetcher,
        options: &CaptureOptions,
        now: DateTime<Utc>,
    ) -> Result<Captured> {
        let taken = capture::take(url, fetcher)?;
        self.keep_capture(url.trim(), &taken, options, now)
    }

    /// Keeps text the checker pasted, with the address she typed, without
    /// fetching anything: a snapshot of origin `paste`.
    pub fn capture_pasted(
        &mut self,
        url: &str,
        text: &str,
        options: &CaptureOptions,
        now: DateTime<Utc>,
    ) -> Result<Captured> {
        let requested = web_address::parse_http(url)?;
        if text.trim().is_empty() {
            return Err(Error::invalid("the pasted text is empty"));
        }
        let page = Page { text: text.to_string(), ..Page::default() };
        let text_sha256 = sha256_hex(text.as_bytes());
        let snapshot = NewSnapshot {
            origin: SnapshotOrigin::Paste,
            url: url.trim(),
            final_url: requested.as_str(),
            status: None,
            content_type: None,
            raw: None,
            raw_sha256: None,
            text,
            text_sha256: &text_sha256,
            page: &page,
        };
        self.keep(&requested, &requested, &snapshot, options, now, None)
    }

    /// Stores a capture already taken (see [`capture::take`]).
    pub fn keep_capture(
        &mut self,
        url: &str,
        taken: &Capture,
        options: &CaptureOptions,
        now: DateTime<Utc>,
    ) -> Result<Captured> {
        self.keep_taken(url, taken, options, now, None)
    }

    /// Stores a capture, into `into` (a document's seq and id) when given,
    /// else into the document its addresses name.
    fn keep_taken(
        &mut self,
        url: &str,
        taken: &Capture,
        options: &CaptureOptions,
        now: DateTime<Utc>,
        into: Option<(i64, String)>,
    ) -> Result<Captured> {
        let snapshot = NewSnapshot {
            origin: SnapshotOrigin::Fetch,
            url,
            final_url: taken.fetched.final_url.as_str(),
            status: Some(taken.fetched.status),
            content_type: taken.fetched.content_type.as_deref(),
            raw: Some(&taken.fetched.body),
            raw_sha256: Some(&taken.raw_sha256),
            text: &taken.page.text,
            text_sha256: &taken.text_sha256,
            page: &taken.page,
        };
        self.keep(&taken.requested, &taken.fetched.final_url, &snapshot, options, now, into)
    }

    /// Stores `snapshot`; the address the checker typed is `snapshot.url`.
    fn keep(
        &mut self,
        requested: &Url,
        final_url: &Url,
        snapshot: &NewSnapshot<'_>,
        options: &CaptureOptions,
        now: DateTime<Utc>,
        into: Option<(i64, String)>,
    ) -> Result<Captured> {
        let page = snapshot.page;
        let typed = snapshot.url;
        let requested_key = web_address::canonical(requested).to_string();
        let final_key = web_address::canonical(final_url).to_string();
        // The page's own canonical link names the document only when it stays
        // on the same site: a page may not claim to be another outlet's article.
        let declared_key = page
            .canonical_link
            .as_deref()
            .and_then(|c| web_address::parse_http(c).ok())
            .filter(|c| web_address::outlet_domain(c) == web_address::outlet_domain(final_url))
            .map(|c| web_address::canonical(&c).to_string());
        let published = page.published.as_deref().and_then(read_published);
        let domain = web_address::outlet_domain(final_url);
        let created = stamp(now);
        self.refresh()?;
        // What an outlet named after the site name, or after the domain, may
        // be; which name it would get is decided below.
        let site_name = page.site_name.as_deref().map(str::trim).filter(|n| !n.is_empty());
        let (site_candidates, domain_candidates) = match &domain {
            Some(d) if !options.new_outlet && self.outlet_for_domain(d)?.is_none() => (
                site_name.map(|n| self.outlet_candidates(n)).transpose()?.unwrap_or_default(),
                self.outlet_candidates(d)?,
            ),
            _ => (Vec::new(), Vec::new()),
        };
        let mut outlet_candidates = Vec::new();

        let tx = self.write_transaction()?;
        let mut outlet = match &domain {
            Some(d) => outlet_by_domain(&tx, d)?,
            None => None,
        };
        let mut outlet_created = false;
        let mut unknown_outlet = None;
        let mut claimed_name = None;
        if let (None, Some(d)) = (&outlet, &domain) {
            claimed_name = site_name.map(|n| actor_named(&tx, n)).transpose()?.flatten();
            // The domain is the page's only proof of who it is; its site name
            // names a new outlet only when no actor has that name yet.
            let name = match (site_name, &claimed_name) {
                (Some(site), None) => {
                    outlet_candidates = site_candidates;
                    site.to_string()
                }
                _ => {
                    outlet_candidates = domain_candidates;
                    d.clone()
                }
            };
            if options.create_outlet && outlet_candidates.is_empty() {
                let row = ensure_actor(&tx, &ActorSpec::named(&name, ActorKind::Outlet), ActorKind::Outlet, &created)?;
                if !matches!(row.kind, ActorKind::Outlet | ActorKind::Agency) {
                    return Err(Error::invalid(format!(
                        "`{name}` is already logged as a {}, not an outlet; create the outlet by hand",
                        row.kind.as_str()
                    )));
                }
                tx.execute(
                    "INSERT OR IGNORE INTO actor_domain (domain, actor_seq) VALUES (?1, ?2)",
                    params![d, row.seq],
                )?;
                let picked = actor_ref(&tx, row.seq)?;
                // The actor whose name the page uses, reached through an
                // alias the checker gave it, is that outlet, not an impostor.
                if let Some(claim) = claimed_name.as_ref().filter(|c| c.actor_id != picked.1) {
                    // A role the checker gave it stays; otherwise the flag is its role.
                    tx.execute(
                        "UPDATE actor SET role = coalesce(nullif(trim(role), ''), ?1) WHERE seq = ?2",
                        params![claim.flag(), row.seq],
                    )?;
                }
                outlet = Some(picked);
                outlet_created = true;
            } else {
                unknown_outlet = Some(OutletSuggestion { domain: d.clone(), name });
            }
        }
        let outlet_seq = outlet.as_ref().map(|o| o.0);

        let existing: Option<(i64, String)> = match into {
            Some(document) => Some(document),
            None => tx
                .query_row(
                    "SELECT seq, id FROM document WHERE canonical_url IN (?1, ?2, ?3) ORDER BY seq LIMIT 1",
                    params![requested_key, final_key, declared_key],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?,
        };
        let retrieved = if snapshot.origin == SnapshotOrigin::Fetch { Some(&created) } else { None };
        let (document_seq, document_id, new_document) = match existing {
            Some((seq, id)) => {
                tx.execute(
                    "UPDATE document SET title = coalesce(title, ?2), byline = coalesce(byline, ?3),
                            published_at = coalesce(published_at, ?4), outlet_seq = coalesce(outlet_seq, ?5),
                            retrieved_at = coalesce(?6, retrieved_at), located = 1
                     WHERE seq = ?1",
                    params![seq, page.title, page.byline, published, outlet_seq, retrieved],
                )?;
                (seq, id, false)
            }
            None => {
                let id = new_id();
                let key = declared_key.clone().unwrap_or_else(|| final_key.clone());
                let doc = super::rows::NewDocument {
                    id: &id,
                    url: Some(typed),
                    canonical_url: Some(&key),
                    outlet_seq,
                    title: page.title.as_deref(),
                    byline: page.byline.as_deref(),
                    published_at: published.as_deref(),
                    retrieved_at: retrieved.map(String::as_str),
                    located: true,
                };
                (super::rows::insert_document(&tx, &doc, &created)?, id, true)
            }
        };
        let snapshot_id = insert_snapshot(&tx, document_seq, snapshot, &created)?;
        let (title, byline, published_at, canonical_url): (Option<String>, Option<String>, Option<String>, String) = tx
            .query_row(
                "SELECT title, byline, published_at, canonical_url FROM document WHERE seq = ?1",
                [document_seq],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )?;
        tx.commit()?;
        self.anchor_head();
        let (outlet_id, outlet_name) = match outlet {
            Some((_, id, name)) => (Some(id), Some(name)),
            None => (None, None),
        };
        Ok(Captured {
            document_id,
            new_document,
            url: typed.to_string(),
            canonical_url,
            final_url: snapshot.final_url.to_string(),
            title,
            byline,
            published_at,
            outlet: outlet_name,
            outlet_id,
            outlet_created,
            unknown_outlet,
            claimed_name,
            outlet_candidates,
            snapshot_id,
            sha256: snapshot.raw_sha256.map(str::to_string),
            text_sha256: snapshot.text_sha256.to_string(),
            http_status: snapshot.status,
            content_type: snapshot.content_type.map(str::to_string),
            retrieved_at: created,
            claim_reviews: page.claim_reviews.clone(),
            text: snapshot.text.to_string(),
        })
    }

    /// Fetches a captured document again, keeps the new snapshot and reports
    /// whether its text changed since the previous one, with the diff. A page
    /// the server says is gone (404, 410, 451) is kept as a snapshot with that
    /// status and no text, and reported as `taken_down`; any other error
    /// status keeps nothing.
    pub fn recapture(&mut self, document: &str, fetcher: &dyn Fetcher, now: DateTime<Utc>) -> Result<Recaptured> {
        let doc = self.resolve_document(document)?;
        let url = doc.url.ok_or_else(|| {
            Error::invalid(format!(
                "document {} has no address to fetch (it is a reference nobody has located)",
                doc.id
            ))
        })?;
        let previous: Option<(String, String, String, Option<String>)> = self
            .conn
            .query_row(
                "SELECT id, retrieved_at, text, raw_sha256 FROM snapshot WHERE document_seq = ?1 ORDER BY seq DESC LIMIT 1",
                [doc.seq],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let taken = capture::retake(&url, fetcher)?;
        let taken_down = taken.fetched.is_gone();
        // A removal belongs to the document asked about, wherever the error page was served from.
        let into = taken_down.then(|| (doc.seq, doc.id.clone()));
        let kept = self.keep_taken(&url, &taken, &CaptureOptions::default(), now, into)?;
        if kept.document_id != doc.id {
            // The address now redirects to, or declares itself as, a page
            // another document already holds: the snapshot went there.
            return Err(Error::invalid(format!(
                "{url} is now the page of document {}; its snapshot was kept there",
                kept.document_id
            )));
        }
        let (previous_snapshot_id, previous_retrieved_at, old_text, old_raw) = match previous {
            Some((id, at, text, raw)) => (Some(id), Some(at), text, raw),
            None => (None, None, String::new(), None),
        };
        let changed = old_text != kept.text;
        // A removal is its own finding; a diff deleting every line would bury it.
        let diffed = changed && !taken_down;
        let diff = if diffed { unified_diff(&old_text, &kept.text) } else { String::new() };
        let word_changes = if diffed { word_changes(&old_text, &kept.text) } else { Vec::new() };
        Ok(Recaptured {
            document_id: kept.document_id,
            previous_snapshot_id,
            previous_retrieved_at,
            snapshot_id: kept.snapshot_id,
            retrieved_at: kept.retrieved_at,
            changed,
            taken_down,
            raw_changed: old_raw != kept.sha256,
            diff,
            word_changes,
            sha256: kept.sha256,
            text_sha256: kept.text_sha256,
            http_status: kept.http_status,
            title: kept.title,
        })
    }

    /// Finds a document by handle, full id, unique id prefix, or address (any form of
    /// it that has the same canonical address).
    pub fn resolve_document(&self, key: &str) -> Result<DocumentRef> {
        let key = key.trim();
        if key.is_empty() {
            return Err(Error::invalid("the document id is empty"));
        }
        let row = |r: &rusqlite::Row<'_>| Ok(DocumentRef { seq: r.get(0)?, id: r.get(1)?, url: r.get(2)? });
        if key.contains("://") {
            // The canonical address first; then the address a document was
            // captured from, since a page's canonical link may name another.
            let canonical = web_address::canonical(&web_address::parse_http(key)?).to_string();
            return self
                .conn
                .query_row(
                    "SELECT seq, id, url FROM document WHERE canonical_url = ?1
                     UNION ALL
                     SELECT d.seq, d.id, d.url FROM document d
                     WHERE d.url IN (?1, ?2)
                        OR d.seq IN (SELECT document_seq FROM snapshot WHERE url IN (?1, ?2) OR final_url IN (?1, ?2))
                     LIMIT 1",
                    [&canonical, key],
                    row,
                )
                .optional()?
                .ok_or_else(|| Error::NotFound { what: "document", key: key.to_string() });
        }
        let found = super::handles::resolve_among(&self.conn, key, &[super::handles::RecordKind::Document])?;
        Ok(self.conn.query_row("SELECT seq, id, url FROM document WHERE seq = ?1", [found.seq], row)?)
    }

    /// A document's snapshots, oldest first.
    pub fn snapshots(&self, document: &str) -> Result<Vec<SnapshotSummary>> {
        let doc = self.resolve_document(document)?;
        let mut stmt =
            self.conn.prepare_cached(&format!("{SUMMARY_SELECT} WHERE s.document_seq = ?1 ORDER BY s.seq"))?;
        let rows = stmt.query_map([doc.seq], summary_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// The readable text of a snapshot.
    pub fn snapshot_text(&self, snapshot: &str) -> Result<String> {
        self.conn
            .query_row("SELECT text FROM snapshot WHERE id = ?1", [snapshot.trim()], |r| r.get(0))
            .optional()?
            .ok_or_else(|| Error::NotFound { what: "snapshot", key: snapshot.trim().to_string() })
    }

    /// The raw body of a snapshot, decompressed (`None` for pasted text).
    pub fn snapshot_raw(&self, snapshot: &str) -> Result<Option<Vec<u8>>> {
        let blob: Option<Vec<u8>> = self
            .conn
            .query_row("SELECT raw FROM snapshot WHERE id = ?1", [snapshot.trim()], |r| r.get(0))
            .optional()?
            .ok_or_else(|| Error::NotFound { what: "snapshot", key: snapshot.trim().to_string() })?;
        blob.map(|b| gunzip(&b)).transpose()
    }

    /// Re-hashes every snapshot's raw bytes (decompressed) and text against
    /// the hashes recorded when it was captured, oldest first, and names the
    /// first that does not match.
    pub fn verify_snapshots(&self) -> Result<SnapshotCheck> {
        let mut stmt = self.conn.prepare(
            "SELECT s.id, d.id, s.raw, s.raw_sha256, s.text, s.text_sha256
             FROM snapshot s JOIN document d ON d.seq = s.document_seq ORDER BY s.seq",
        )?;
        let mut rows = stmt.query([])?;
        let mut checked = 0;
        while let Some(r) = rows.next()? {
            let (snapshot_id, document_id): (String, String) = (r.get(0)?, r.get(1)?);
            let raw: Option<Vec<u8>> = r.get(2)?;
            let raw_sha256: Option<String> = r.get(3)?;
            let text: String = r.get(4)?;
            let text_sha256: String = r.get(5)?;
            checked += 1;
            let mismatch = |part: &str, expected: String, found: String| SnapshotMismatch {
                snapshot_id: snapshot_id.clone(),
                document_id: document_id.clone(),
                part: part.to_string(),
                expected,
                found,
            };
            if let (Some(raw), Some(expected)) = (raw, raw_sha256) {
                let found = match gunzip(&raw) {
                    Ok(bytes) => sha256_hex(&bytes),
                    Err(_) => "undecompressable".to_string(),
                };
                if found != expected {
                    return Ok(SnapshotCheck { checked, first_mismatch: Some(mismatch("raw", expected, found)) });
                }
            }
            let found = sha256_hex(text.as_bytes());
            if found != text_sha256 {
                return Ok(SnapshotCheck { checked, first_mismatch: Some(mismatch("text", text_sha256, found)) });
            }
        }
        Ok(SnapshotCheck { checked, first_mismatch: None })
    }
}

/// The largest body a snapshot arriving in an import may decompress to:
/// the import's own size limit, so a small bundle cannot inflate without end.
const MAX_IMPORTED_BODY: i64 = crate::interop::MAX_IMPORT_BYTES as i64;

/// Checks a snapshot arriving in an import before its transaction opens: the
/// values the table accepts, and its bytes against the hashes recorded at
/// capture. Snapshots are append-only, so one that does not match would
/// make the receiving database fail `verify` for ever.
pub(super) fn check_snapshot_record(s: &SnapshotRecord) -> Result<()> {
    let refuse = |why: String| {
        Err(Error::invalid(format!("snapshot {} of document {} {why}; nothing was imported", s.id, s.document_id)))
    };
    if !matches!(s.origin.as_str(), "fetch" | "paste") {
        return refuse(format!("has origin `{}`, neither fetch nor paste", s.origin));
    }
    let raw = match (s.raw_encoding.as_deref(), s.raw_hex.as_deref()) {
        (None, None) => None,
        (Some("gzip"), Some(hex)) => Some(hex),
        (Some(other), _) if other != "gzip" => {
            return refuse(format!("has raw_encoding `{other}`; Claimtrail stores bodies only as gzip"))
        }
        _ => return refuse("has a body without its encoding, or an encoding without a body".into()),
    };
    if s.origin == "fetch"
        && (raw.is_none() || s.raw_sha256.is_none() || s.raw_size.is_none() || s.http_status.is_none())
    {
        return refuse("is a fetched page without its body, hash, size or status".into());
    }
    if let Some(hex) = raw {
        let (Some(expected), Some(size)) = (s.raw_sha256.as_deref(), s.raw_size) else {
            return refuse("has a body without its recorded hash or size".into());
        };
        if !(0..=MAX_IMPORTED_BODY).contains(&size) {
            return refuse(format!("states a body of {size} bytes, beyond the import limit"));
        }
        let Some(compressed) = super::export_rows::from_hex(hex) else {
            return refuse("has a body that is not hex".into());
        };
        let mut body = Vec::new();
        // One byte past the stated size is enough to know it is wrong.
        let read = GzDecoder::new(compressed.as_slice()).take(size as u64 + 1).read_to_end(&mut body);
        if read.is_err() || body.len() as i64 != size || sha256_hex(&body) != expected {
            return refuse("does not match its recorded SHA-256 (raw body): the file was altered or damaged".into());
        }
    }
    if sha256_hex(s.text.as_bytes()) != s.text_sha256 {
        return refuse("does not match its recorded SHA-256 (text): the file was altered or damaged".into());
    }
    Ok(())
}

const SUMMARY_SELECT: &str =
    "SELECT s.id, d.id, s.origin, s.url, s.final_url, s.retrieved_at, s.http_status, s.content_type,
        s.raw_size, s.raw_sha256, s.text_sha256
 FROM snapshot s JOIN document d ON d.seq = s.document_seq";

fn summary_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SnapshotSummary> {
    Ok(SnapshotSummary {
        id: r.get(0)?,
        document_id: r.get(1)?,
        origin: r.get(2)?,
        url: r.get(3)?,
        final_url: r.get(4)?,
        retrieved_at: r.get(5)?,
        http_status: r.get(6)?,
        content_type: r.get(7)?,
        raw_size: r.get(8)?,
        sha256: r.get(9)?,
        text_sha256: r.get(10)?,
    })
}

fn insert_snapshot(tx: &Transaction, document_seq: i64, s: &NewSnapshot<'_>, created: &str) -> Result<String> {
    let id = new_id();
    let raw = s.raw.map(gzip).transpose()?;
    // The page's metadata without its text, which has its own column.
    let metadata = serde_json::to_string(&Page { text: String::new(), ..s.page.clone() })
        .map_err(|e| Error::invalid(format!("cannot record the page's metadata: {e}")))?;
    tx.execute(
        "INSERT INTO snapshot (id, document_seq, origin, url, final_url, retrieved_at, http_status, content_type,
                               raw_encoding, raw, raw_size, raw_sha256, text, text_sha256, metadata, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?6)",
        params![
            id,
            document_seq,
            s.origin,
            s.url,
            s.final_url,
            created,
            s.status,
            s.content_type,
            raw.as_ref().map(|_| "gzip"),
            raw,
            s.raw.map(|r| r.len() as i64),
            s.raw_sha256,
            s.text,
            s.text_sha256,
            metadata,
        ],
    )?;
    Ok(id)
}

/// The outlet owning `domain` or the closest parent domain (`news.bbc.co.uk`
/// falls back to `bbc.co.uk`), never a bare top-level suffix.
fn outlet_by_domain(tx: &Transaction, domain: &str) -> Result<Option<(i64, String, String)>> {
    let mut d = domain;
    loop {
        let found: Option<i64> = tx
            .query_row(
                "SELECT a.seq FROM actor_domain x JOIN actor a ON a.seq = x.actor_seq
                 WHERE x.domain = ?1 AND a.merged_into IS NULL",
                [d],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(seq) = found {
            return Ok(Some(actor_ref(tx, seq)?));
        }
        match d.split_once('.') {
            Some((_, parent)) if parent.contains('.') => d = parent,
            _ => return Ok(None),
        }
    }
}

/// The live actor a page's site name names: by name, then alias, then by
/// look-alike key (a name spelled with confusable letters is a claim too).
fn actor_named(tx: &Transaction, site_name: &str) -> Result<Option<ClaimedName>> {
    let found: Option<(i64, String, String, String)> = tx
        .query_row(
            "SELECT seq, id, name, kind FROM (
                 SELECT 0 AS rank, seq, id, name, kind FROM actor WHERE name_key = ?1 AND merged_into IS NULL
                 UNION ALL
                 SELECT 1, a.seq, a.id, a.name, a.kind FROM actor_alias al JOIN actor a ON a.seq = al.actor_seq
                  WHERE al.alias_key = ?1 AND a.merged_into IS NULL
                 UNION ALL
                 SELECT 2, seq, id, name, kind FROM actor WHERE look_key = ?2 AND merged_into IS NULL)
             ORDER BY rank, seq LIMIT 1",
            params![crate::key::match_key(site_name), crate::key::look_alike_key(site_name)],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let Some((seq, actor_id, actor, kind)) = found else { return Ok(None) };
    let mut stmt = tx.prepare_cached("SELECT domain FROM actor_domain WHERE actor_seq = ?1 ORDER BY domain")?;
    let domains = stmt.query_map([seq], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(Some(ClaimedName { name: site_name.to_string(), actor_id, actor, actor_kind: kind.parse()?, domains }))
}

impl Store {
    /// The known actors an outlet named `name` (the page's site name or its
    /// domain) may be: it is never created silently beside them.
    fn outlet_candidates(&self, name: &str) -> Result<Vec<crate::identity::Candidate>> {
        Ok(match self.resolve_name(name, Some(ActorKind::Outlet), &[])? {
            crate::identity::Resolution::Candidates(found) => found,
            _ => Vec::new(),
        })
    }
}

fn actor_ref(tx: &Transaction, seq: i64) -> Result<(i64, String, String)> {
    Ok(tx.query_row("SELECT seq, id, name FROM actor WHERE seq = ?1", [seq], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    })?)
}

/// A page's stated publication time in the store's form, when it reads as a
/// date; pages write dates in every shape, and an unreadable one is dropped
/// here (it is kept in the snapshot's metadata).
fn read_published(raw: &str) -> Option<String> {
    let raw = raw.trim();
    parse_when(raw).ok().or_else(|| raw.get(..10).and_then(|day| parse_when(day).ok()))
}

fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut enc = GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes)
        .and_then(|_| enc.finish())
        .map_err(|e| Error::invalid(format!("cannot compress the page: {e}")))
}

fn gunzip(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    GzDecoder::new(bytes).read_to_end(&mut out).map_err(|e| {
        // A blob that does not decompress is damage to the database file.
        Error::Sqlite(rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Blob, Box::new(e)))
    })?;
    Ok(out)
}

/// A unified diff of two texts, line by line.
fn unified_diff(old: &str, new: &str) -> String {
    TextDiff::from_lines(old, new).unified_diff().context_radius(2).header("previous", "now").to_string()
}

/// The changed runs of words, each removal beside the addition that replaced it.
fn word_changes(old: &str, new: &str) -> Vec<WordChange> {
    let diff = TextDiff::from_words(old, new);
    let mut out = Vec::new();
    let mut current = WordChange { removed: String::new(), added: String::new() };
    for change in diff.iter_all_changes() {
        match change.tag() {
            ChangeTag::Delete => current.removed.push_str(change.value()),
            ChangeTag::Insert => current.added.push_str(change.value()),
            // White space between two changed words belongs to the change:
            // "100 per cent liberated" is one edit, not four.
            ChangeTag::Equal if change.value().trim().is_empty() => {
                for side in [&mut current.removed, &mut current.added] {
                    if !side.is_empty() {
                        side.push(' ');
                    }
                }
            }
            ChangeTag::Equal => {
                if !current.removed.is_empty() || !current.added.is_empty() {
                    out.push(trimmed(std::mem::replace(
                        &mut current,
                        WordChange { removed: String::new(), added: String::new() },
                    )));
                    if out.len() == MAX_WORD_CHANGES {
                        return out;
                    }
                }
            }
        }
    }
    if !current.removed.is_empty() || !current.added.is_empty() {
        out.push(trimmed(current));
    }
    out
}

fn trimmed(c: WordChange) -> WordChange {
    WordChange { removed: c.removed.trim().to_string(), added: c.added.trim().to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_changes_pair_removals_with_additions() {
        let got = word_changes("the region is 100 per cent liberated today", "the region is entirely conquered today");
        assert_eq!(got, [WordChange { removed: "100 per cent liberated".into(), added: "entirely conquered".into() }]);
    }

    #[test]
    fn published_dates_in_page_shapes() {
        assert_eq!(read_published("2025-07-04").as_deref(), Some("2025-07-04"));
        assert_eq!(read_published("2025-07-04T01:27:00+10:00").as_deref(), Some("2025-07-03T15:27:00Z"));
        assert_eq!(read_published("2025-07-04T01:27:00.000Z junk").as_deref(), Some("2025-07-04"));
        assert_eq!(read_published("Friday"), None);
    }

    #[test]
    fn gzip_round_trips() {
        let body = b"<html>\0\xff bytes kept exactly</html>".repeat(100);
        assert_eq!(gunzip(&gzip(&body).unwrap()).unwrap(), body);
    }
}
