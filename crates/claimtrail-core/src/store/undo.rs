//! Taking back the last action.
//!
//! A log is taken back by removing the appearances it added, and the claim,
//! document and actors that came into being with them when nothing else uses
//! them. A status change is never erased: it is answered by a new verdict that
//! restores the status before it. Both are recorded in the audit history, so
//! an undo is itself part of the record nobody can silently rewrite.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;

use super::history::record_audit;
use super::verdicts::{history, insert_verdict, VerdictEvent};
use super::{new_id, Store};
use crate::error::{Error, Result};
use crate::graph::ProvenanceGraph;
use crate::model::Status;
use crate::when::stamp;

/// What taking back a log removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UndoneLog {
    pub claim_id: String,
    pub appearances_removed: usize,
    /// True when the claim itself went too (it had no other appearance and no verdict).
    pub claim_removed: bool,
    /// Names of the actors that existed only for this log.
    pub actors_removed: Vec<String>,
    pub documents_removed: usize,
}

/// One appearance about to be taken back.
struct Doomed {
    seq: i64,
    id: String,
    claim_seq: i64,
    actor_seq: i64,
    document_seq: Option<i64>,
    created_at: String,
}

impl Store {
    /// Removes the appearances a log added (`Logged::created_appearance_ids`).
    ///
    /// Refused, changing nothing, when an appearance is already gone or when
    /// something logged since relays one of them: undo takes back the last
    /// action, not one that others now build on.
    pub fn undo_log(&mut self, claim_id: &str, appearance_ids: &[String], now: DateTime<Utc>) -> Result<UndoneLog> {
        if appearance_ids.is_empty() {
            return Err(Error::invalid("that log added nothing new, so there is nothing to undo"));
        }
        let claim = self.resolve_claim(claim_id)?;
        self.refresh()?;
        let tx = self.write_transaction()?;
        let doomed = doomed_appearances(&tx, claim.seq, appearance_ids)?;
        let seqs: BTreeSet<i64> = doomed.iter().map(|d| d.seq).collect();

        let later = {
            let mut relays_from = tx.prepare_cached("SELECT appearance_seq FROM relay WHERE upstream_seq = ?1")?;
            let mut n = 0;
            for d in &doomed {
                let downstream: Vec<i64> =
                    relays_from.query_map([d.seq], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
                n += downstream.iter().filter(|s| !seqs.contains(s)).count();
            }
            n
        };
        if later > 0 {
            return Err(Error::invalid(format!(
                "cannot undo: {later} appearance(s) logged since relay this one; it is no longer the last action"
            )));
        }

        for d in &doomed {
            tx.execute("DELETE FROM relay WHERE appearance_seq = ?1", [d.seq])?;
        }
        for d in &doomed {
            tx.execute("DELETE FROM appearance WHERE seq = ?1", [d.seq])?;
        }

        let documents: BTreeSet<(i64, &str)> =
            doomed.iter().filter_map(|d| d.document_seq.map(|s| (s, d.created_at.as_str()))).collect();
        let mut documents_removed = 0;
        let mut outlets = Vec::new();
        for (seq, created) in documents {
            let outlet: Option<i64> = tx
                .query_row(
                    "SELECT outlet_seq FROM document d WHERE seq = ?1 AND created_at = ?2
                       AND NOT EXISTS (SELECT 1 FROM appearance WHERE document_seq = d.seq)
                       AND NOT EXISTS (SELECT 1 FROM snapshot WHERE document_seq = d.seq)",
                    params![seq, created],
                    |r| r.get(0),
                )
                .optional()?
                .flatten();
            let removed = tx.execute(
                "DELETE FROM document WHERE seq = ?1 AND created_at = ?2
                   AND NOT EXISTS (SELECT 1 FROM appearance WHERE document_seq = document.seq)
                   AND NOT EXISTS (SELECT 1 FROM snapshot WHERE document_seq = document.seq)",
                params![seq, created],
            )?;
            documents_removed += removed;
            if removed > 0 {
                outlets.extend(outlet.map(|o| (o, created)));
            }
        }

        let actors: BTreeSet<(i64, &str)> =
            doomed.iter().map(|d| (d.actor_seq, d.created_at.as_str())).chain(outlets).collect();
        let mut actors_removed = Vec::new();
        for (seq, created) in actors {
            if let Some(name) = remove_if_orphan_actor(&tx, seq, created)? {
                actors_removed.push(name);
            }
        }

        let claim_removed = claim_left_empty(&tx, claim.seq)?;
        if claim_removed {
            tx.execute("DELETE FROM claim_case WHERE claim_seq = ?1", [claim.seq])?;
            tx.execute("DELETE FROM claim_tag WHERE claim_seq = ?1", [claim.seq])?;
            tx.execute("DELETE FROM claim WHERE seq = ?1", [claim.seq])?;
        }

        let detail = serde_json::json!({
            "claim": {"id": claim.id, "text": claim.text},
            "appearances": doomed.iter().map(|d| &d.id).collect::<Vec<_>>(),
            "claim_removed": claim_removed,
            "actors_removed": actors_removed,
            "documents_removed": documents_removed,
        });
        record_audit(&tx, &stamp(now), "undo_log", &detail.to_string())?;
        tx.commit()?;
        self.anchor_head();
        // The graph only grows in place; a removal is rare, so it is rebuilt.
        self.graph = ProvenanceGraph::load(&self.conn)?;
        self.data_version = super::open::data_version(&self.conn)?;
        Ok(UndoneLog {
            claim_id: claim.id,
            appearances_removed: doomed.len(),
            claim_removed,
            actors_removed,
            documents_removed,
        })
    }

    /// Answers the status change `verdict_id` with a new verdict that restores
    /// the status it replaced. Refused when another verdict came after it.
    pub fn undo_status(
        &mut self,
        claim: &str,
        verdict_id: &str,
        author: &str,
        now: DateTime<Utc>,
    ) -> Result<VerdictEvent> {
        let claim = self.resolve_claim(claim)?;
        let author = author.trim();
        if author.is_empty() {
            return Err(Error::invalid("the author is empty"));
        }
        let tx = self.write_transaction()?;
        let events = history(&tx, claim.seq)?;
        let Some(pos) = events.iter().position(|v| v.id == verdict_id) else {
            return Err(Error::NotFound { what: "verdict of this claim", key: verdict_id.to_string() });
        };
        if pos + 1 != events.len() {
            return Err(Error::invalid(
                "cannot undo: the status has changed again since; only the latest change can be undone",
            ));
        }
        let undone = &events[pos];
        let previous = pos.checked_sub(1).map(|p| events[p].status).unwrap_or(Status::Unverified);
        let event = VerdictEvent {
            id: new_id(),
            status: previous,
            reason: format!(
                "Undo: withdrew the change to {} made at {} ({}); the status is back to {}.",
                undone.status.as_str(),
                undone.at,
                undone.id,
                previous.as_str()
            ),
            evidence: Vec::new(),
            author: author.to_string(),
            at: stamp(now),
        };
        insert_verdict(&tx, claim.seq, &event)?;
        tx.commit()?;
        self.anchor_head();
        Ok(event)
    }
}

fn doomed_appearances(tx: &Transaction, claim_seq: i64, ids: &[String]) -> Result<Vec<Doomed>> {
    let mut stmt = tx.prepare_cached(
        "SELECT seq, id, claim_seq, actor_seq, document_seq, created_at FROM appearance WHERE id = ?1",
    )?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let found = stmt
            .query_row([id], |r| {
                Ok(Doomed {
                    seq: r.get(0)?,
                    id: r.get(1)?,
                    claim_seq: r.get(2)?,
                    actor_seq: r.get(3)?,
                    document_seq: r.get(4)?,
                    created_at: r.get(5)?,
                })
            })
            .optional()?
            .ok_or_else(|| Error::NotFound { what: "appearance", key: id.clone() })?;
        if found.claim_seq != claim_seq {
            return Err(Error::invalid(format!("appearance {id} belongs to another claim")));
        }
        out.push(found);
    }
    Ok(out)
}

/// Deletes an actor that was created with the undone log and is used by
/// nothing else; returns its name.
fn remove_if_orphan_actor(tx: &Transaction, seq: i64, created: &str) -> Result<Option<String>> {
    let name: Option<String> = tx
        .query_row(
            "SELECT name FROM actor a WHERE seq = ?1 AND created_at = ?2 AND merged_into IS NULL
               AND NOT EXISTS (SELECT 1 FROM appearance WHERE actor_seq = a.seq)
               AND NOT EXISTS (SELECT 1 FROM document WHERE outlet_seq = a.seq)
               AND NOT EXISTS (SELECT 1 FROM actor WHERE merged_into = a.seq)",
            params![seq, created],
            |r| r.get(0),
        )
        .optional()?;
    if name.is_some() {
        tx.execute("DELETE FROM actor_alias WHERE actor_seq = ?1", [seq])?;
        tx.execute("DELETE FROM actor_domain WHERE actor_seq = ?1", [seq])?;
        // Decisions that it was not someone else (`log --new-actor`) go with it;
        // their audit events stay.
        tx.execute("DELETE FROM actor_distinct WHERE a_seq = ?1 OR b_seq = ?1", [seq])?;
        tx.execute("DELETE FROM actor_fts WHERE rowid = ?1", [seq])?;
        tx.execute("DELETE FROM actor WHERE seq = ?1", [seq])?;
    }
    Ok(name)
}

/// Whether nothing holds the claim any more: no appearance, no verdict, and
/// no claim merged into it (whose verdicts it reads).
fn claim_left_empty(tx: &Transaction, claim_seq: i64) -> Result<bool> {
    Ok(tx.query_row(
        "SELECT NOT EXISTS (SELECT 1 FROM appearance WHERE claim_seq = ?1)
            AND NOT EXISTS (SELECT 1 FROM verdict WHERE claim_seq = ?1)
            AND NOT EXISTS (SELECT 1 FROM claim WHERE merged_into = ?1)",
        [claim_seq],
        |r| r.get(0),
    )?)
}
