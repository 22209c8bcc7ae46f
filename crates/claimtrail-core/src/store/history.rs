//! The tamper-evident history: a SHA-256 chain over verdict events and audited
//! actions (actor merges).
//!
//! Each entry stores the hash of its subject's canonical content (RFC 8785
//! JSON of the row as it is now) and the hash of the previous entry. The
//! tables refuse UPDATE and DELETE; `verify` catches what a determined editor
//! does anyway (dropping a trigger, editing the file): a changed row no longer
//! hashes to its entry, a removed row leaves its entry orphaned, and a row
//! slipped in without an entry is not covered by the chain.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};

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
}

fn sha256_hex(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// The canonical content of a subject as its rows stand now, or `None` if the
/// rows are gone.
fn content(conn: &Connection, subject: Subject) -> Result<Option<Vec<u8>>> {
    let value = match subject {
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
            serde_json::json!({
                "type": "verdict", "id": id, "claim_id": claim_id, "status": status,
                "reason": reason, "author": author, "at": at, "evidence": evidence,
            })
        }
        Subject::Audit(seq) => {
            let row: Option<(String, String, String)> = conn
                .query_row("SELECT at, action, detail FROM audit_event WHERE seq = ?1", [seq], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .optional()?;
            let Some((at, action, detail)) = row else { return Ok(None) };
            serde_json::json!({ "type": "audit", "seq": seq, "at": at, "action": action, "detail": detail })
        }
    };
    Ok(Some(serde_jcs::to_vec(&value).map_err(|e| Error::invalid(format!("cannot serialise history content: {e}")))?))
}

fn entry_hash(kind: &str, subject_seq: i64, content_sha256: &str, prev_sha256: &str) -> String {
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

/// Re-checks the whole chain against the rows it covers.
pub(crate) fn check(conn: &Connection) -> Result<HistoryCheck> {
    let mut stmt = conn.prepare(
        "SELECT seq, kind, subject_seq, content_sha256, prev_sha256, entry_sha256 FROM history_entry ORDER BY seq",
    )?;
    let entries: Vec<(i64, String, i64, String, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let total = entries.len() as i64;
    let mut prev = GENESIS.to_string();
    for (i, (_, kind, subject_seq, content_sha, prev_sha, entry_sha)) in entries.into_iter().enumerate() {
        let position = i as i64 + 1;
        let subject = if kind == "verdict" { Subject::Verdict(subject_seq) } else { Subject::Audit(subject_seq) };
        let name = subject_name(conn, subject)?;
        let broken = |reason: &str| HistoryCheck {
            entries: total,
            first_broken: Some(BrokenEntry {
                position,
                kind: kind.clone(),
                subject: name.clone(),
                reason: reason.to_string(),
            }),
        };
        if prev_sha != prev {
            return Ok(broken("the entry does not follow the one before it (an entry was removed or reordered)"));
        }
        if entry_hash(&kind, subject_seq, &content_sha, &prev_sha) != entry_sha {
            return Ok(broken("the entry's own hash does not match (the chain was edited)"));
        }
        match content(conn, subject)? {
            None => return Ok(broken("the row this entry covers was deleted")),
            Some(bytes) if sha256_hex(&bytes) != content_sha => {
                return Ok(broken("the row was changed after it was recorded"))
            }
            Some(_) => {}
        }
        prev = entry_sha;
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
    if let Some((kind, seq)) = unchained {
        let subject = if kind == "verdict" { Subject::Verdict(seq) } else { Subject::Audit(seq) };
        return Ok(HistoryCheck {
            entries: total,
            first_broken: Some(BrokenEntry {
                position: total + 1,
                kind,
                subject: subject_name(conn, subject)?,
                reason: "a row was added without going through the history chain".into(),
            }),
        });
    }
    Ok(HistoryCheck { entries: total, first_broken: None })
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
    /// Re-checks the history chain: every entry's links and hashes, and every
    /// verdict and audited action against the entry that covers it.
    pub fn verify_history(&self) -> Result<HistoryCheck> {
        check(&self.conn)
    }
}
