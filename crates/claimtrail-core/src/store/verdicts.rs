//! Verdict events: append-only; the current status is the latest one by its
//! time, then by its id, so verdicts that arrive from elsewhere in any order
//! give the same status. Times are stored as a date (`2025-07-05`) or an
//! instant in UTC (`2025-07-05T09:00:00Z`); a date sorts before every instant
//! of its day.
//!
//! A verdict imported from elsewhere that disagrees with the one this
//! database held is kept beside it as a [`VerdictConflict`] until a status set
//! here decides it.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, Transaction};
use serde::{Deserialize, Serialize};

use super::{new_id, non_blank, Store};
use crate::error::{Error, Result};
use crate::model::Status;
use crate::web_address;
use crate::when::stamp;

/// A status change the checker asks for.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StatusRequest {
    pub status: Status,
    /// Why: required, because a verdict nobody can explain is worthless.
    pub reason: String,
    pub evidence: Vec<String>,
    pub author: String,
}

/// One entry of a claim's verdict history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VerdictEvent {
    pub id: String,
    pub status: Status,
    pub reason: String,
    pub evidence: Vec<String>,
    pub author: String,
    pub at: String,
}

impl Store {
    /// Appends a verdict event to the claim's history.
    pub fn set_status(&mut self, claim: &str, req: &StatusRequest, now: DateTime<Utc>) -> Result<VerdictEvent> {
        let claim = self.resolve_claim(claim)?;
        let reason =
            non_blank(Some(&req.reason)).ok_or_else(|| Error::invalid("a reason is required to set a status"))?;
        let author = non_blank(Some(&req.author)).ok_or_else(|| Error::invalid("the author is empty"))?;
        let mut evidence = Vec::new();
        for raw in &req.evidence {
            let raw = raw.trim();
            web_address::parse_http(raw)?;
            evidence.push(raw.to_string());
        }
        let event = VerdictEvent { id: new_id(), status: req.status, reason, evidence, author, at: stamp(now) };
        let tx = self.write_transaction()?;
        insert_verdict(&tx, claim.seq, &event)?;
        resolve_conflicts(&tx, claim.seq, &event.id)?;
        let change = super::corrections::Change::Verdict { claim: claim.id.clone(), verdict: event.id.clone() };
        super::undo::push_step(&tx, "status", &[change], Some(&event.id))?;
        tx.commit()?;
        self.anchor_head();
        Ok(event)
    }
}

/// Appends one verdict event with its evidence and chains it into the
/// tamper-evident history; call inside the action's transaction. An imported
/// event joins this database's chain like any other: the chain proves what was
/// recorded here, and when.
pub(super) fn insert_verdict(tx: &Transaction, claim_seq: i64, v: &VerdictEvent) -> Result<()> {
    tx.execute(
        "INSERT INTO verdict (id, claim_seq, status, rationale, author, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![v.id, claim_seq, v.status.as_str(), v.reason, v.author, v.at],
    )?;
    let verdict_seq = tx.last_insert_rowid();
    for (i, url) in v.evidence.iter().enumerate() {
        tx.execute(
            "INSERT INTO verdict_evidence (verdict_seq, position, url) VALUES (?1, ?2, ?3)",
            params![verdict_seq, i as i64, url],
        )?;
    }
    super::history::append(tx, super::history::Subject::Verdict(verdict_seq))
}

/// The claim's verdict history, oldest first, with the verdicts of the
/// claims merged into it.
pub(super) fn history(conn: &Connection, claim_seq: i64) -> Result<Vec<VerdictEvent>> {
    verdicts_of(conn, claim_seq, true)
}

/// The verdicts recorded on the claim itself, oldest first: what an export
/// carries under its id (each verdict is chained under the claim it was given on).
pub(super) fn own_history(conn: &Connection, claim_seq: i64) -> Result<Vec<VerdictEvent>> {
    verdicts_of(conn, claim_seq, false)
}

fn verdicts_of(conn: &Connection, claim_seq: i64, with_merged: bool) -> Result<Vec<VerdictEvent>> {
    let mut stmt = conn.prepare_cached(
        "SELECT v.seq, v.id, v.status, v.rationale, v.author, v.at FROM verdict v
         WHERE v.claim_seq = ?1 OR (?2 AND v.claim_seq IN (SELECT m.seq FROM claim m WHERE m.merged_into = ?1))
         ORDER BY v.at, v.id",
    )?;
    let rows = stmt
        .query_map(rusqlite::params![claim_seq, with_merged], |r| {
            Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get::<_, String>(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut evidence_stmt =
        conn.prepare_cached("SELECT url FROM verdict_evidence WHERE verdict_seq = ?1 ORDER BY position")?;
    rows.into_iter()
        .map(|(seq, id, status, reason, author, at)| {
            let evidence = evidence_stmt.query_map([seq], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
            Ok(VerdictEvent { id, status: status.parse()?, reason, evidence, author, at })
        })
        .collect()
}

/// A verdict that arrived from elsewhere and disagrees with the one this
/// database held when it arrived: both are in the claim's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VerdictConflict {
    /// The claim's id and handle.
    pub claim: String,
    pub handle: String,
    pub text: String,
    /// The verdict this database held.
    pub ours: VerdictEvent,
    /// The one that arrived.
    pub theirs: VerdictEvent,
    /// When the import that brought it ran.
    pub found_at: String,
}

/// Records that `theirs` (just imported) disagrees with `ours` on the claim.
pub(super) fn record_conflict(tx: &Transaction, claim_seq: i64, ours: &str, theirs: &str, at: &str) -> Result<()> {
    tx.execute(
        "INSERT OR IGNORE INTO verdict_conflict (claim_seq, ours_seq, theirs_seq, found_at)
         SELECT ?1, o.seq, t.seq, ?4 FROM verdict o, verdict t WHERE o.id = ?2 AND t.id = ?3",
        params![claim_seq, ours, theirs, at],
    )?;
    Ok(())
}

/// A status set here on the claim (or on the claim its conflicts were
/// merged into) decides its open conflicts.
pub(super) fn resolve_conflicts(tx: &Transaction, claim_seq: i64, verdict: &str) -> Result<()> {
    tx.execute(
        "UPDATE verdict_conflict SET resolved_by_seq = (SELECT seq FROM verdict WHERE id = ?2)
         WHERE resolved_by_seq IS NULL
           AND (claim_seq = ?1 OR claim_seq IN (SELECT m.seq FROM claim m WHERE m.merged_into = ?1))",
        params![claim_seq, verdict],
    )?;
    Ok(())
}

/// Opens again the conflicts a verdict decided: its status change was undone.
pub(super) fn reopen_conflicts(tx: &Transaction, verdict: &str) -> Result<()> {
    tx.execute(
        "UPDATE verdict_conflict SET resolved_by_seq = NULL
         WHERE resolved_by_seq = (SELECT seq FROM verdict WHERE id = ?1)",
        [verdict],
    )?;
    Ok(())
}

/// The open conflicts, of one claim (with the claims merged into it) or of
/// every claim, oldest first.
pub(super) fn open_conflicts(conn: &Connection, claim_seq: Option<i64>) -> Result<Vec<VerdictConflict>> {
    let rows = conn
        .prepare_cached(
            "SELECT k.seq, o.seq, t.seq, x.found_at FROM verdict_conflict x
             JOIN claim c ON c.seq = x.claim_seq
             JOIN verdict o ON o.seq = x.ours_seq JOIN verdict t ON t.seq = x.theirs_seq
             JOIN claim k ON k.seq = coalesce(c.merged_into, c.seq)
             WHERE x.resolved_by_seq IS NULL AND k.deleted_at IS NULL
               AND (?1 IS NULL OR k.seq = ?1)
             ORDER BY x.seq",
        )?
        .query_map([claim_seq], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<Vec<(i64, i64, i64, String)>>>()?;
    rows.into_iter()
        .map(|(claim_seq, ours, theirs, found_at)| {
            let (claim, text): (String, String) =
                conn.query_row("SELECT id, text FROM claim WHERE seq = ?1", [claim_seq], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?;
            Ok(VerdictConflict {
                handle: super::handles::handle_of(conn, super::handles::RecordKind::Claim, claim_seq)?,
                claim,
                text,
                ours: verdict_at(conn, ours)?,
                theirs: verdict_at(conn, theirs)?,
                found_at,
            })
        })
        .collect()
}

fn verdict_at(conn: &Connection, seq: i64) -> Result<VerdictEvent> {
    let (id, status, reason, author, at): (String, String, String, String, String) =
        conn.query_row("SELECT id, status, rationale, author, at FROM verdict WHERE seq = ?1", [seq], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?;
    let evidence = conn
        .prepare_cached("SELECT url FROM verdict_evidence WHERE verdict_seq = ?1 ORDER BY position")?
        .query_map([seq], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(VerdictEvent { id, status: status.parse()?, reason, evidence, author, at })
}

impl Store {
    /// Every claim's open verdict conflicts: verdicts from elsewhere that
    /// disagree with this database's, oldest first.
    pub fn verdict_conflicts(&self) -> Result<Vec<VerdictConflict>> {
        open_conflicts(&self.conn, None)
    }

    /// The open verdict conflicts of one claim (with the claims merged into it).
    pub fn conflicts_of(&self, claim: &str) -> Result<Vec<VerdictConflict>> {
        open_conflicts(&self.conn, Some(self.resolve_claim(claim)?.seq))
    }
}
