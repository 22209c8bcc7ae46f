//! The tamper-evident history: a SHA-256 chain over verdict events and audited
//! actions (actor merges).
//!
//! Each entry stores the hash of its subject's canonical content (RFC 8785
//! JSON of the row as it is now) and the hash of the previous entry. The
//! tables refuse UPDATE and DELETE; `verify` catches what a determined editor
//! does anyway (dropping a trigger, editing the file): a changed row no longer
//! hashes to its entry, a removed row leaves its entry orphaned, and a row
//! slipped in without an entry is not covered by the chain.

use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::verdicts::VerdictEvent;
use super::Store;
use crate::error::{Error, Result};

/// The `prev_sha256` of the first entry.
const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What a history entry is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Subject {
    Verdict(i64),
    Audit(i64),
}

impl Subject {
    fn kind(self) -> &'static str {
        match self {
            Subject::Verdict(_) => "verdict",
            Subject::Audit(_) => "audit",
        }
    }

    fn seq(self) -> i64 {
        match self {
            Subject::Verdict(s) | Subject::Audit(s) => s,
        }
    }
}

/// The first entry that does not check out.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct BrokenEntry {
    /// Position in the chain, from 1.
    pub position: i64,
    pub kind: String,
    /// The verdict id or audit event number it covers.
    pub subject: String,
    pub reason: String,
}

/// The outcome of re-checking the history chain.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct HistoryCheck {
    pub entries: i64,
    pub first_broken: Option<BrokenEntry>,
    /// The chain's newest entry as the database holds it (`None` with no history).
    pub head: Option<Head>,
    /// The head file beside the database, against the chain (`None` in memory).
    pub anchor: Option<Anchor>,
}

/// The head of the chain: how many entries it has and the hash of the newest.
/// Noted by a user, kept beside the database and in every backup and bundle,
/// it is what a deleted newest entry is caught by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Head {
    pub entries: i64,
    pub sha256: String,
}

/// What the head file says about the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Anchor {
    /// The head file's path.
    pub path: String,
    /// The head it records (`None` when it is missing or unreadable).
    pub recorded: Option<Head>,
    /// `matches` (the chain's head), `behind` (an earlier entry of this chain:
    /// brought up to date on the next write), `missing` (a database from before
    /// head files, or one whose head file was removed: made on the next write),
    /// `none` (no history and no head file), `contradicted` (the chain lacks
    /// or differs at the recorded head: broken) or `unreadable` (broken).
    pub state: String,
}

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// The canonical content of a subject as its rows stand now, or `None` if the
/// rows are gone.
fn content(conn: &Connection, subject: Subject) -> Result<Option<Vec<u8>>> {
    match subject {
        Subject::Verdict(seq) => {
            let row: Option<(String, String, String, String, String, String)> = conn
                .query_row(
                    "SELECT v.id, c.id, v.status, v.rationale, v.author, v.at
                     FROM verdict v JOIN claim c ON c.seq = v.claim_seq WHERE v.seq = ?1",
                    [seq],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
                )
                .optional()?;
            let Some((id, claim_id, status, reason, author, at)) = row else { return Ok(None) };
            let mut stmt = conn.prepare_cached(
                "SELECT position, url FROM verdict_evidence WHERE verdict_seq = ?1 ORDER BY position",
            )?;
            let evidence: Vec<(i64, String)> =
                stmt.query_map([seq], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
            verdict_json(&VerdictFields {
                id: &id,
                claim_id: &claim_id,
                status: &status,
                reason: &reason,
                author: &author,
                at: &at,
                evidence: &evidence,
            })
            .map(Some)
        }
        Subject::Audit(seq) => {
            let row: Option<(String, String, String)> = conn
                .query_row("SELECT at, action, detail FROM audit_event WHERE seq = ?1", [seq], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .optional()?;
            let Some((at, action, detail)) = row else { return Ok(None) };
            audit_content(&AuditContent { seq, at, action, detail }).map(Some)
        }
    }
}

/// The canonical bytes a verdict event is hashed by: the same in every
/// database, so a bundle's reader can re-hash a verdict it receives.
pub(crate) fn verdict_content(v: &VerdictEvent, claim_id: &str) -> Result<Vec<u8>> {
    verdict_json(&VerdictFields {
        id: &v.id,
        claim_id,
        status: v.status.as_str(),
        reason: &v.reason,
        author: &v.author,
        at: &v.at,
        evidence: &v.evidence.iter().enumerate().map(|(i, u)| (i as i64, u.clone())).collect::<Vec<_>>(),
    })
}

/// A verdict's hashed fields as stored (the status as its text, so a row
/// edited to an unknown status still hashes, and fails to match).
struct VerdictFields<'a> {
    id: &'a str,
    claim_id: &'a str,
    status: &'a str,
    reason: &'a str,
    author: &'a str,
    at: &'a str,
    /// (position, url), positions as stored (from 0).
    evidence: &'a [(i64, String)],
}

fn verdict_json(v: &VerdictFields<'_>) -> Result<Vec<u8>> {
    canonical(&serde_json::json!({
        "type": "verdict", "id": v.id, "claim_id": v.claim_id, "status": v.status,
        "reason": v.reason, "author": v.author, "at": v.at, "evidence": v.evidence,
    }))
}

/// An audit event as hashed into the chain (and carried in bundles).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditContent {
    pub seq: i64,
    pub at: String,
    pub action: String,
    /// JSON text, byte-exact.
    pub detail: String,
}

pub(crate) fn audit_content(a: &AuditContent) -> Result<Vec<u8>> {
    canonical(&serde_json::json!({ "type": "audit", "seq": a.seq, "at": a.at, "action": a.action, "detail": a.detail }))
}

fn canonical(value: &serde_json::Value) -> Result<Vec<u8>> {
    serde_jcs::to_vec(value).map_err(|e| Error::invalid(format!("cannot serialise history content: {e}")))
}

pub(crate) fn entry_hash(kind: &str, subject_seq: i64, content_sha256: &str, prev_sha256: &str) -> String {
    sha256_hex(format!("{kind}\n{subject_seq}\n{content_sha256}\n{prev_sha256}").as_bytes())
}

/// Appends the entry for `subject`; call inside the transaction that wrote it.
pub(crate) fn append(conn: &Connection, subject: Subject) -> Result<()> {
    let bytes =
        content(conn, subject)?.ok_or_else(|| Error::invalid("cannot chain a history row that does not exist"))?;
    let content_sha256 = sha256_hex(&bytes);
    let prev: String = conn
        .query_row("SELECT entry_sha256 FROM history_entry ORDER BY seq DESC LIMIT 1", [], |r| r.get(0))
        .optional()?
        .unwrap_or_else(|| GENESIS.to_string());
    let entry = entry_hash(subject.kind(), subject.seq(), &content_sha256, &prev);
    conn.execute(
        "INSERT INTO history_entry (kind, subject_seq, content_sha256, prev_sha256, entry_sha256) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![subject.kind(), subject.seq(), content_sha256, prev, entry],
    )?;
    Ok(())
}

/// Records an audited action (`actor_merge`, `claim_merge`, `undo_log`, …)
/// with its detail and chains it; call inside the transaction that did it.
pub(crate) fn record_audit(conn: &Connection, at: &str, action: &str, detail: &str) -> Result<()> {
    conn.execute("INSERT INTO audit_event (at, action, detail) VALUES (?1, ?2, ?3)", params![at, action, detail])?;
    let seq = conn.last_insert_rowid();
    file_subjects(conn, seq, detail)?;
    append(conn, Subject::Audit(seq))
}

/// Files the audit event `seq` under every claim whose id its `detail`
/// holds (`audit_subject`, migration 0010), for a claim's history.
pub(super) fn file_subjects(conn: &Connection, seq: i64, detail: &str) -> Result<()> {
    let mut file = conn.prepare_cached(
        "INSERT OR IGNORE INTO audit_subject (claim_seq, audit_seq) SELECT seq, ?2 FROM claim WHERE id = ?1",
    )?;
    for id in uuids_in(detail) {
        file.execute(params![id, seq])?;
    }
    Ok(())
}

/// Every lower-case hyphenated UUID in `text`, as the store writes ids.
fn uuids_in(text: &str) -> impl Iterator<Item = &str> {
    const GROUPS: [usize; 5] = [8, 4, 4, 4, 12];
    let bytes = text.as_bytes();
    let is_uuid = move |at: usize| {
        let mut i = at;
        for (n, len) in GROUPS.iter().enumerate() {
            if n > 0 {
                if bytes.get(i) != Some(&b'-') {
                    return false;
                }
                i += 1;
            }
            let hex = |b: &u8| b.is_ascii_digit() || (b'a'..=b'f').contains(b);
            if !bytes.get(i..i + len).is_some_and(|g| g.iter().all(hex)) {
                return false;
            }
            i += len;
        }
        // Not the middle of a longer run of hex digits.
        let edge = |b: Option<&u8>| !b.is_some_and(|b| b.is_ascii_alphanumeric());
        edge(bytes.get(i)) && (at == 0 || edge(bytes.get(at - 1)))
    };
    (0..bytes.len().saturating_sub(35)).filter(move |&at| is_uuid(at)).map(move |at| &text[at..at + 36])
}

/// Chains every verdict and audit event that has no entry yet, oldest first:
/// the Rust step of the migration that introduced the chain.
pub(super) fn chain_existing(conn: &Connection) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT 'verdict', seq, at FROM verdict UNION ALL SELECT 'audit', seq, at FROM audit_event ORDER BY 3, 1, 2",
    )?;
    let subjects: Vec<Subject> = stmt
        .query_map([], |r| {
            let kind: String = r.get(0)?;
            let seq: i64 = r.get(1)?;
            Ok(if kind == "verdict" { Subject::Verdict(seq) } else { Subject::Audit(seq) })
        })?
        .collect::<rusqlite::Result<_>>()?;
    for s in subjects {
        append(conn, s)?;
    }
    Ok(())
}

/// One row of `history_entry`.
struct EntryRow {
    seq: i64,
    kind: String,
    subject_seq: i64,
    content_sha256: String,
    prev_sha256: String,
    entry_sha256: String,
}

impl EntryRow {
    fn subject(&self) -> Subject {
        if self.kind == "verdict" {
            Subject::Verdict(self.subject_seq)
        } else {
            Subject::Audit(self.subject_seq)
        }
    }
}

const ENTRY_COLUMNS: &str = "seq, kind, subject_seq, content_sha256, prev_sha256, entry_sha256";

fn entry_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<EntryRow> {
    Ok(EntryRow {
        seq: r.get(0)?,
        kind: r.get(1)?,
        subject_seq: r.get(2)?,
        content_sha256: r.get(3)?,
        prev_sha256: r.get(4)?,
        entry_sha256: r.get(5)?,
    })
}

/// Why the entry at `position` does not check out, given the hash of the one
/// before it; `None` when it does.
fn examine(conn: &Connection, entry: &EntryRow, prev: &str) -> Result<Option<&'static str>> {
    if entry.prev_sha256 != prev {
        return Ok(Some("the entry does not follow the one before it (an entry was removed or reordered)"));
    }
    if entry_hash(&entry.kind, entry.subject_seq, &entry.content_sha256, &entry.prev_sha256) != entry.entry_sha256 {
        return Ok(Some("the entry's own hash does not match (the chain was edited)"));
    }
    Ok(match content(conn, entry.subject())? {
        None => Some("the row this entry covers was deleted"),
        Some(bytes) if sha256_hex(&bytes) != entry.content_sha256 => Some("the row was changed after it was recorded"),
        Some(_) => None,
    })
}

fn broken_at(conn: &Connection, position: i64, entry: &EntryRow, reason: &str) -> Result<BrokenEntry> {
    Ok(BrokenEntry {
        position,
        kind: entry.kind.clone(),
        subject: subject_name(conn, entry.subject())?,
        reason: reason.to_string(),
    })
}

/// Re-checks the whole chain against the rows it covers, and against the head
/// file at `head_path` when there is one.
pub(crate) fn check(conn: &Connection, head_path: Option<&Path>) -> Result<HistoryCheck> {
    let mut stmt = conn.prepare(&format!("SELECT {ENTRY_COLUMNS} FROM history_entry ORDER BY seq"))?;
    let entries: Vec<EntryRow> = stmt.query_map([], entry_row)?.collect::<rusqlite::Result<_>>()?;
    let total = entries.len() as i64;
    let head = entries.last().map(|e| Head { entries: total, sha256: e.entry_sha256.clone() });
    let anchor = head_path
        .map(|p| anchor_state(p, head.as_ref(), |n| Ok(entries.get(n as usize - 1).map(|e| e.entry_sha256.clone()))))
        .transpose()?;
    let done = |first_broken| HistoryCheck { entries: total, first_broken, head: head.clone(), anchor: anchor.clone() };
    let mut prev = GENESIS.to_string();
    for (i, entry) in entries.iter().enumerate() {
        if let Some(reason) = examine(conn, entry, &prev)? {
            return Ok(done(Some(broken_at(conn, i as i64 + 1, entry, reason)?)));
        }
        prev = entry.entry_sha256.clone();
    }
    if let Some(b) = anchor.as_ref().and_then(|a| anchor_broken(a, total)) {
        return Ok(done(Some(b)));
    }
    // Rows that were slipped in without going through the chain.
    let unchained: Option<(String, i64)> = conn
        .query_row(
            "SELECT 'verdict', v.seq FROM verdict v
               WHERE NOT EXISTS (SELECT 1 FROM history_entry h WHERE h.kind = 'verdict' AND h.subject_seq = v.seq)
             UNION ALL
             SELECT 'audit', a.seq FROM audit_event a
               WHERE NOT EXISTS (SELECT 1 FROM history_entry h WHERE h.kind = 'audit' AND h.subject_seq = a.seq)
             LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(done(unchained.map(|u| unchained_entry(conn, total, u)).transpose()?))
}

fn unchained_entry(conn: &Connection, total: i64, (kind, seq): (String, i64)) -> Result<BrokenEntry> {
    let subject = if kind == "verdict" { Subject::Verdict(seq) } else { Subject::Audit(seq) };
    Ok(BrokenEntry {
        position: total + 1,
        kind,
        subject: subject_name(conn, subject)?,
        reason: "a row was added without going through the history chain".into(),
    })
}

/// How many of the newest entries the quick check re-hashes.
const QUICK_ENTRIES: i64 = 32;

/// The cheap check run before every write: the newest [`QUICK_ENTRIES`]
/// entries (links, hashes, rows), the newest verdict and audit event, and
/// the head file. Its cost does not grow with the history, so it can run on
/// every write at a million rows; an edit deeper in the past is left to the
/// full [`check`] (`claimtrail verify`). Positions are entry numbers (`seq`),
/// which equal positions in a chain nobody has cut.
pub(crate) fn quick_check(conn: &Connection, head_path: Option<&Path>) -> Result<HistoryCheck> {
    let mut stmt =
        conn.prepare(&format!("SELECT {ENTRY_COLUMNS} FROM history_entry ORDER BY seq DESC LIMIT {QUICK_ENTRIES}"))?;
    let mut newest: Vec<EntryRow> = stmt.query_map([], entry_row)?.collect::<rusqlite::Result<_>>()?;
    newest.reverse();
    let total = newest.last().map_or(0, |e| e.seq);
    let head = newest.last().map(|e| Head { entries: e.seq, sha256: e.entry_sha256.clone() });
    let anchor = head_path.map(|p| anchor_state(p, head.as_ref(), |n| entry_sha_by_seq(conn, n))).transpose()?;
    let done = |first_broken| HistoryCheck { entries: total, first_broken, head: head.clone(), anchor: anchor.clone() };
    for (i, entry) in newest.iter().enumerate() {
        let prev = match i {
            0 if entry.seq == 1 => GENESIS.to_string(),
            // The link into the unchecked past is left to the full check.
            0 => entry.prev_sha256.clone(),
            _ => newest[i - 1].entry_sha256.clone(),
        };
        if let Some(reason) = examine(conn, entry, &prev)? {
            return Ok(done(Some(broken_at(conn, entry.seq, entry, reason)?)));
        }
    }
    if let Some(b) = anchor.as_ref().and_then(|a| anchor_broken(a, total)) {
        return Ok(done(Some(b)));
    }
    let unchained: Option<(String, i64)> = conn
        .query_row(
            "SELECT 'verdict', seq FROM (SELECT max(seq) AS seq FROM verdict) v WHERE v.seq IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM history_entry h WHERE h.kind = 'verdict' AND h.subject_seq = v.seq)
             UNION ALL
             SELECT 'audit', seq FROM (SELECT max(seq) AS seq FROM audit_event) a WHERE a.seq IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM history_entry h WHERE h.kind = 'audit' AND h.subject_seq = a.seq)
             LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(done(unchained.map(|u| unchained_entry(conn, total, u)).transpose()?))
}

fn entry_sha_by_seq(conn: &Connection, seq: i64) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT entry_sha256 FROM history_entry WHERE seq = ?1", [seq], |r| r.get(0)).optional()?)
}

/// The chain's newest entry, cheaply (`None` with no history, or before the
/// chain's migration has run).
pub(crate) fn newest(conn: &Connection) -> Result<Option<Head>> {
    let table: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'history_entry')",
        [],
        |r| r.get(0),
    )?;
    if !table {
        return Ok(None);
    }
    Ok(conn
        .query_row("SELECT seq, entry_sha256 FROM history_entry ORDER BY seq DESC LIMIT 1", [], |r| {
            Ok(Head { entries: r.get(0)?, sha256: r.get(1)? })
        })
        .optional()?)
}

/// The head file of the database (or backup) at `db`: `<file name>.head` beside it.
pub fn head_file(db: &Path) -> PathBuf {
    let mut name = db.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".head");
    db.with_file_name(name)
}

/// What a head file holds: small, readable, and marked so that no other file
/// is taken for one.
#[derive(Serialize, Deserialize)]
struct HeadFile {
    format: String,
    entries: i64,
    sha256: String,
}

const HEAD_FORMAT: &str = "claimtrail-head";

/// The head a head file records; `Ok(None)` when there is no file.
fn read_head(path: &Path) -> std::result::Result<Option<Head>, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.to_string()),
    };
    let file: HeadFile = serde_json::from_str(&text).map_err(|e| format!("it is not a head file ({e})"))?;
    let hex = file.sha256.len() == 64 && file.sha256.bytes().all(|b| b.is_ascii_hexdigit());
    if file.format != HEAD_FORMAT || file.entries < 1 || !hex {
        return Err("it is not a head file".into());
    }
    Ok(Some(Head { entries: file.entries, sha256: file.sha256 }))
}

/// Writes a head file atomically: a temporary file beside it, flushed, then
/// renamed over it, so a crash leaves the old head or the new one.
pub(crate) fn write_head(path: &Path, head: &Head) -> Result<()> {
    let cannot = |e: std::io::Error| Error::invalid(format!("cannot write {}: {e}", path.display()));
    let mut body = serde_json::to_string_pretty(&HeadFile {
        format: HEAD_FORMAT.into(),
        entries: head.entries,
        sha256: head.sha256.clone(),
    })
    .map_err(|e| Error::invalid(format!("cannot write the head: {e}")))?;
    body.push('\n');
    // The process id keeps two writers (the window and the CLI) off one temporary file.
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(format!(".{}.tmp", std::process::id()));
    let partial = path.with_file_name(name);
    let written = std::fs::File::create(&partial)
        .and_then(|mut f| std::io::Write::write_all(&mut f, body.as_bytes()).and_then(|()| f.sync_all()))
        .and_then(|()| std::fs::rename(&partial, path));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&partial);
        return Err(cannot(e));
    }
    Ok(())
}

/// Compares the head file at `path` with the chain whose newest entry is
/// `head`; `entry_sha` gives the hash of the entry at a position.
fn anchor_state(path: &Path, head: Option<&Head>, entry_sha: impl Fn(i64) -> Result<Option<String>>) -> Result<Anchor> {
    let shown = path.display().to_string();
    let (recorded, state) = match read_head(path) {
        Err(_) => (None, "unreadable"),
        Ok(None) if head.is_none() => (None, "none"),
        Ok(None) => (None, "missing"),
        Ok(Some(r)) => {
            let state = if Some(&r) == head {
                "matches"
            } else if entry_sha(r.entries)?.as_deref() == Some(r.sha256.as_str()) {
                "behind"
            } else {
                "contradicted"
            };
            (Some(r), state)
        }
    };
    Ok(Anchor { path: shown, recorded, state: state.into() })
}

/// The broken entry a contradicting or unreadable head file stands for.
fn anchor_broken(anchor: &Anchor, entries: i64) -> Option<BrokenEntry> {
    let file = Path::new(&anchor.path).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    match (anchor.state.as_str(), &anchor.recorded) {
        ("unreadable", _) => Some(BrokenEntry {
            position: entries,
            kind: "head".into(),
            subject: file.clone(),
            reason: format!("the head file {file} cannot be read; it was damaged or replaced"),
        }),
        ("contradicted", Some(r)) if r.entries > entries => Some(BrokenEntry {
            position: entries + 1,
            kind: "head".into(),
            subject: if entries + 1 == r.entries {
                format!("entry {}", r.entries)
            } else {
                format!("entries {}–{}", entries + 1, r.entries)
            },
            reason: format!(
                "the head file {file} records {} entries but the chain has {entries}: the newest history was deleted",
                r.entries
            ),
        }),
        ("contradicted", Some(r)) => Some(BrokenEntry {
            position: r.entries,
            kind: "head".into(),
            subject: format!("entry {}", r.entries),
            reason: format!("the entry differs from the head recorded in {file}: the history was rewritten"),
        }),
        _ => None,
    }
}

/// Brings the head file up to date after a write: made when missing,
/// advanced when it names an entry of this chain, and never moved when it
/// contradicts the chain or cannot be read — it is then the evidence.
pub(crate) fn anchor(conn: &Connection, path: &Path) -> Result<()> {
    let Some(head) = newest(conn)? else { return Ok(()) };
    let state = anchor_state(path, Some(&head), |n| entry_sha_by_seq(conn, n))?;
    match state.state.as_str() {
        "missing" | "behind" => write_head(path, &head),
        _ => Ok(()),
    }
}

fn subject_name(conn: &Connection, subject: Subject) -> Result<String> {
    Ok(match subject {
        Subject::Verdict(seq) => conn
            .query_row("SELECT id FROM verdict WHERE seq = ?1", [seq], |r| r.get(0))
            .optional()?
            .map(|id: String| format!("verdict {id}"))
            .unwrap_or_else(|| format!("verdict row {seq}")),
        Subject::Audit(seq) => format!("audit event {seq}"),
    })
}

impl Store {
    /// Re-checks the history chain: every entry's links and hashes, every
    /// verdict and audited action against the entry that covers it, and the
    /// chain's head against the head file beside the database.
    pub fn verify_history(&self) -> Result<HistoryCheck> {
        check(&self.conn, self.head_path().as_deref())
    }

    /// A quick look at the chain for every write: the newest entries and the
    /// head file only (see [`quick_check`]), so it stays cheap at a million
    /// rows; `first_broken` set means `verify` would fail.
    pub fn chain_status(&self) -> Result<HistoryCheck> {
        quick_check(&self.conn, self.head_path().as_deref())
    }

    /// The head file beside the database (`None` in memory).
    pub fn head_path(&self) -> Option<PathBuf> {
        self.path.as_deref().map(head_file)
    }

    /// Brings the head file up to date after a commit. The change is already
    /// committed, so a head that cannot be written is not an error here: the
    /// next write tries again, and `verify` shows the head as behind or missing.
    pub(crate) fn anchor_head(&self) {
        if let (Some(path), None) = (self.head_path(), &self.read_only) {
            let _ = anchor(&self.conn, &path);
        }
    }

    /// Rewrites the head file from the database as it now is: after a
    /// restore, which rewinds the chain on purpose.
    pub(crate) fn reset_head(&self) -> Result<()> {
        let Some(path) = self.head_path() else { return Ok(()) };
        match newest(&self.conn)? {
            Some(head) => write_head(&path, &head),
            None => match std::fs::remove_file(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    Err(Error::invalid(format!("cannot remove {}: {e}", path.display())))
                }
                _ => Ok(()),
            },
        }
    }
}

#[cfg(test)]
mod uuid_tests {
    use super::uuids_in;

    #[test]
    fn only_whole_lower_case_uuids_are_found() {
        let a = "01a24f40-9def-7731-a160-2332b7649f60";
        let b = "01a24f40-9def-7731-a160-2332b7649f61";
        let text = format!(
            r#"{{"claim":"{a}","x":["{b}"],"upper":"01A24F40-9DEF-7731-A160-2332B7649F60","long":"{a}0","cut":"01a24f40-9def-7731-a160-2332b7649f"}}"#
        );
        assert_eq!(uuids_in(&text).collect::<Vec<_>>(), [a, b]);
        assert_eq!(uuids_in("").count(), 0);
        assert_eq!(uuids_in(a).collect::<Vec<_>>(), [a]);
    }
}
