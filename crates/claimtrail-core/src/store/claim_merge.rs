//! Merging two claims the checker knows are one: every appearance, case and
//! tag of the dropped claim moves to the kept one; verdicts stay where they
//! were recorded (append-only and chained under their claim's id) and the kept
//! claim reads them as its own, so disagreeing verdicts are never lost.

use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::Serialize;

use super::verdicts::{history, VerdictEvent};
use super::{ClaimRef, Store};
use crate::error::{Error, Result};
use crate::graph::ProvenanceGraph;
use crate::model::Status;
use crate::when::stamp;

/// What a claim merge did.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimMerge {
    pub kept: ClaimRef,
    pub dropped: ClaimRef,
    pub appearances_moved: usize,
    pub cases_moved: usize,
    pub tags_moved: usize,
    /// Verdict events of the dropped claim now in the kept claim's history.
    pub verdicts_carried: usize,
    /// The kept claim's status after the merge (its latest verdict event).
    pub status: Status,
    /// The latest verdicts of the two claims when they said different things.
    pub disagreement: Option<Disagreement>,
}

/// Two claims judged differently before they were merged.
#[derive(Debug, Clone, Serialize)]
pub struct Disagreement {
    pub kept: VerdictEvent,
    pub dropped: VerdictEvent,
}

impl Store {
    /// Merges claim `drop` into claim `keep` (ids or unique prefixes): its
    /// appearances, cases and tags move to `keep`, its verdict history shows
    /// in `keep`'s, and its row stays, marked merged, so its id and text still
    /// lead to `keep`. Audited and chained in the history. Never automatic.
    pub fn merge_claims(&mut self, keep: &str, drop: &str, now: DateTime<Utc>) -> Result<ClaimMerge> {
        let kept = self.resolve_claim(keep)?;
        let dropped = self.resolve_claim(drop)?;
        if kept.seq == dropped.seq {
            return Err(Error::invalid(format!("`{keep}` and `{drop}` are the same claim; nothing was merged")));
        }
        let latest = |seq| -> Result<Option<VerdictEvent>> { Ok(history(&self.conn, seq)?.pop()) };
        let disagreement = match (latest(kept.seq)?, latest(dropped.seq)?) {
            (Some(k), Some(d)) if k.status != d.status => Some(Disagreement { kept: k, dropped: d }),
            _ => None,
        };
        let verdicts_carried = history(&self.conn, dropped.seq)?.len();
        let tx = self.write_transaction()?;
        let appearances_moved =
            tx.execute("UPDATE appearance SET claim_seq = ?1 WHERE claim_seq = ?2", params![kept.seq, dropped.seq])?;
        let cases_moved = tx.execute(
            "INSERT OR IGNORE INTO claim_case (claim_seq, case_seq) SELECT ?1, case_seq FROM claim_case WHERE claim_seq = ?2",
            params![kept.seq, dropped.seq],
        )?;
        tx.execute("DELETE FROM claim_case WHERE claim_seq = ?1", [dropped.seq])?;
        let tags_moved = tx.execute(
            "INSERT OR IGNORE INTO claim_tag (claim_seq, tag) SELECT ?1, tag FROM claim_tag WHERE claim_seq = ?2",
            params![kept.seq, dropped.seq],
        )?;
        tx.execute("DELETE FROM claim_tag WHERE claim_seq = ?1", [dropped.seq])?;
        // Claims merged into the dropped one now lead to the kept one directly.
        tx.execute("UPDATE claim SET merged_into = ?1 WHERE merged_into = ?2", params![kept.seq, dropped.seq])?;
        tx.execute("UPDATE claim SET merged_into = ?1 WHERE seq = ?2", params![kept.seq, dropped.seq])?;
        let verdict =
            |v: &VerdictEvent| serde_json::json!({"id": v.id, "status": v.status, "author": v.author, "at": v.at});
        let detail = serde_json::json!({
            "kept": {"id": kept.id, "text": kept.text},
            "dropped": {"id": dropped.id, "text": dropped.text},
            "appearances_moved": appearances_moved,
            "verdicts_carried": verdicts_carried,
            "disagreement": disagreement.as_ref().map(|d| serde_json::json!({
                "kept": verdict(&d.kept), "dropped": verdict(&d.dropped),
            })),
        });
        super::history::record_audit(&tx, &stamp(now), "claim_merge", &detail.to_string())?;
        tx.commit()?;
        self.anchor_head();
        // Node facts name the claim; a merge is rare, so the graph is rebuilt.
        self.graph = ProvenanceGraph::load(&self.conn)?;
        self.data_version = super::open::data_version(&self.conn)?;
        let status = history(&self.conn, kept.seq)?.pop().map(|v| v.status).unwrap_or(Status::Unverified);
        Ok(ClaimMerge {
            kept,
            dropped,
            appearances_moved,
            cases_moved,
            tags_moved,
            verdicts_carried,
            status,
            disagreement,
        })
    }
}
