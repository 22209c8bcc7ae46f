//! Merging two claims the checker knows are one: every appearance, case and
//! tag of the dropped claim moves to the kept one; verdicts stay where they
//! were recorded (append-only and chained under their claim's id) and the kept
//! claim reads them as its own, so disagreeing verdicts are never lost.

use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::Serialize;

use super::reversible::{ClaimMoves, Move};
use super::verdicts::{history, VerdictEvent};
use super::{ClaimRef, Store};
use crate::error::{Error, Result};
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
    /// lead to `keep`. Audited and chained in the history, and undone by
    /// `undo` (which moves back exactly what the detail names). Never automatic.
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
        let verdict_ids: Vec<String> = history(&self.conn, dropped.seq)?.into_iter().map(|v| v.id).collect();
        let verdicts_carried = verdict_ids.len();
        let tx = self.write_transaction()?;
        // What moves is named in the audit detail, so the merge can be taken back.
        let appearance_ids =
            super::column_texts(&tx, "SELECT id FROM appearance WHERE claim_seq = ?1 ORDER BY seq", [dropped.seq])?;
        let cases_added = super::column_texts(
            &tx,
            "SELECT f.name FROM claim_case c JOIN case_file f ON f.seq = c.case_seq WHERE c.claim_seq = ?1
               AND NOT EXISTS (SELECT 1 FROM claim_case k WHERE k.claim_seq = ?2 AND k.case_seq = c.case_seq)
             ORDER BY f.name_key",
            params![dropped.seq, kept.seq],
        )?;
        let cases_of_dropped = super::column_texts(
            &tx,
            "SELECT f.name FROM claim_case c JOIN case_file f ON f.seq = c.case_seq WHERE c.claim_seq = ?1
             ORDER BY f.name_key",
            [dropped.seq],
        )?;
        let tags_of_dropped =
            super::column_texts(&tx, "SELECT tag FROM claim_tag WHERE claim_seq = ?1 ORDER BY tag", [dropped.seq])?;
        let tags_added = super::column_texts(
            &tx,
            "SELECT tag FROM claim_tag t WHERE claim_seq = ?1
               AND NOT EXISTS (SELECT 1 FROM claim_tag k WHERE k.claim_seq = ?2 AND k.tag = t.tag) ORDER BY tag",
            params![dropped.seq, kept.seq],
        )?;
        let claims_redirected =
            super::column_texts(&tx, "SELECT id FROM claim WHERE merged_into = ?1 ORDER BY seq", [dropped.seq])?;
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
            "appearance_ids": appearance_ids,
            "verdict_ids": verdict_ids,
            "cases_of_dropped": cases_of_dropped,
            "cases_added": cases_added,
            "tags_of_dropped": tags_of_dropped,
            "tags_added": tags_added,
            "claims_redirected": claims_redirected,
            "disagreement": disagreement.as_ref().map(|d| serde_json::json!({
                "kept": verdict(&d.kept), "dropped": verdict(&d.dropped),
            })),
        });
        super::history::record_audit(&tx, &stamp(now), "claim_merge", &detail.to_string())?;
        let moves = ClaimMoves {
            kept: kept.id.clone(),
            dropped: dropped.id.clone(),
            appearances: appearance_ids,
            cases_of_dropped,
            cases_added,
            tags_of_dropped,
            tags_added,
            claims_redirected,
        };
        super::reversible::push(&tx, "claim_merge", Move::ClaimMerge(moves))?;
        tx.commit()?;
        self.anchor_head();
        // Node facts name the claim; a merge is rare, so the graph is rebuilt.
        self.rebuild_graph();
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
