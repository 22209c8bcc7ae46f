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

use super::corrections::{json_error, Change, Touched};
use super::history::record_audit;
use super::verdicts::{history, insert_verdict, VerdictEvent};
use super::{new_id, Store};
use crate::error::{Error, Result};
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
        refuse_taken_back(&tx, &doomed)?;
        let ids: Vec<&str> = doomed.iter().map(|d| d.id.as_str()).collect();
        refuse_built_on(&tx, &doomed, &ids)?;

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
            // A later step naming the claim could no longer be walked.
            refuse_built_on(&tx, &doomed, &[claim.id.as_str()])?;
            tx.execute("DELETE FROM claim_case WHERE claim_seq = ?1", [claim.seq])?;
            tx.execute("DELETE FROM claim_tag WHERE claim_seq = ?1", [claim.seq])?;
            tx.execute("DELETE FROM audit_subject WHERE claim_seq = ?1", [claim.seq])?;
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
        if let Some(first) = doomed.first() {
            drop_step(&tx, &first.id)?;
        }
        tx.commit()?;
        self.anchor_head();
        // The graph only grows in place; a removal is rare, so it is rebuilt.
        self.rebuild_graph();
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
        super::verdicts::reopen_conflicts(&tx, verdict_id)?;
        drop_step(&tx, verdict_id)?;
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

/// A log whose appearances were deleted (or taken back by `undo`) is not
/// removed again.
fn refuse_taken_back(tx: &Transaction, doomed: &[Doomed]) -> Result<()> {
    let mut deleted = tx.prepare_cached("SELECT deleted_at IS NOT NULL FROM appearance WHERE seq = ?1")?;
    for d in doomed {
        if deleted.query_row([d.seq], |r| r.get::<_, bool>(0))? {
            return Err(Error::invalid(format!("cannot undo: appearance {} is already deleted or taken back", d.id)));
        }
    }
    Ok(())
}

/// Neither is a log when a later action on the undo stack names one of
/// `ids` that it would remove (a correction of one of its appearances, a tag
/// on a claim that goes with it): that step could no longer be undone.
/// `undo` takes such actions back in order.
fn refuse_built_on(tx: &Transaction, doomed: &[Doomed], ids: &[&str]) -> Result<()> {
    let Some(first) = doomed.first() else { return Ok(()) };
    // A log recorded before the undo stack existed has no step to compare with.
    let Some(step): Option<i64> =
        tx.query_row("SELECT seq FROM undo_step WHERE subject = ?1", [&first.id], |r| r.get(0)).optional()?
    else {
        return Ok(());
    };
    let mut later = tx.prepare_cached("SELECT action, change FROM undo_step WHERE undone = 0 AND seq > ?1")?;
    let steps: Vec<(String, String)> =
        later.query_map([step], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    let named = |change: &str| ids.iter().any(|id| change.contains(id));
    if let Some((action, _)) = steps.iter().find(|(_, change)| named(change)) {
        return Err(Error::invalid(format!(
            "cannot undo this log alone: a later action ({}) changed what it logged; `claimtrail undo` takes actions back in order",
            action.replace('_', " ")
        )));
    }
    Ok(())
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

/// Whether nothing holds the claim any more: no appearance, no verdict, no
/// note (the thread is append-only), and no claim merged into it (whose
/// verdicts it reads).
fn claim_left_empty(tx: &Transaction, claim_seq: i64) -> Result<bool> {
    Ok(tx.query_row(
        "SELECT NOT EXISTS (SELECT 1 FROM appearance WHERE claim_seq = ?1)
            AND NOT EXISTS (SELECT 1 FROM verdict WHERE claim_seq = ?1)
            AND NOT EXISTS (SELECT 1 FROM claim_note WHERE claim_seq = ?1)
            AND NOT EXISTS (SELECT 1 FROM claim WHERE merged_into = ?1)",
        [claim_seq],
        |r| r.get(0),
    )?)
}

/// One step of the undo stack, as `undo` and `redo` report it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UndoneStep {
    /// The action taken back or made again (`log`, `status`, `correct_appearance`, ...).
    pub action: String,
    /// The claims it touched.
    pub claims: Vec<String>,
}

/// Pushes an undoable action; a new action after undos drops what could
/// have been redone, as in an editor.
pub(super) fn push_step(tx: &Transaction, action: &str, changes: &[Change], subject: Option<&str>) -> Result<()> {
    tx.execute("DELETE FROM undo_step WHERE undone = 1", [])?;
    let change = serde_json::to_string(changes).map_err(json_error)?;
    tx.execute(
        "INSERT INTO undo_step (action, change, subject) VALUES (?1, ?2, ?3)",
        params![action, change, subject],
    )?;
    Ok(())
}

/// Forgets the step of an action the window took back by its own undo.
fn drop_step(tx: &Transaction, subject: &str) -> Result<()> {
    tx.execute("DELETE FROM undo_step WHERE subject = ?1", [subject])?;
    Ok(())
}

/// Undoes (`forward` false) or redoes a verdict step: a new verdict restoring
/// the status before `verdict`, or setting again the status it set.
pub(super) fn answer_verdict(tx: &Transaction, claim: &str, verdict: &str, forward: bool, at: &str) -> Result<()> {
    let claim_seq: i64 = tx
        .query_row("SELECT seq FROM claim WHERE id = ?1", [claim], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::NotFound { what: "claim", key: claim.to_string() })?;
    let events = history(tx, claim_seq)?;
    let Some(pos) = events.iter().position(|v| v.id == verdict) else {
        return Err(Error::NotFound { what: "verdict of this claim", key: verdict.to_string() });
    };
    let undone = &events[pos];
    let previous = pos.checked_sub(1).map(|p| events[p].status).unwrap_or(Status::Unverified);
    let (status, reason) = if forward {
        (
            undone.status,
            format!("Redo: the change to {} made at {} ({}) again.", undone.status.as_str(), undone.at, undone.id),
        )
    } else {
        (
            previous,
            format!(
                "Undo: withdrew the change to {} made at {} ({}); the status is back to {}.",
                undone.status.as_str(),
                undone.at,
                undone.id,
                previous.as_str()
            ),
        )
    };
    let event = VerdictEvent {
        id: new_id(),
        status,
        reason,
        evidence: Vec::new(),
        author: undone.author.clone(),
        at: at.to_string(),
    };
    insert_verdict(tx, claim_seq, &event)?;
    // The conflicts the undone change decided are open again; a redo
    // decides them anew.
    if forward {
        super::verdicts::resolve_conflicts(tx, claim_seq, &event.id)
    } else {
        super::verdicts::reopen_conflicts(tx, &undone.id)
    }
}

impl Store {
    /// Takes back the last `steps` undoable actions (logs, status changes,
    /// corrections, deletions and undeletions, relays added), newest first,
    /// in one transaction. Nothing is erased: each is reversed by a new
    /// change, and the undo is an audit event in the history chain.
    pub fn undo(&mut self, steps: usize, author: &str, now: DateTime<Utc>) -> Result<Vec<UndoneStep>> {
        self.walk_stack(steps, false, author, now)
    }

    /// Makes again the last `steps` actions taken back by [`Store::undo`].
    pub fn redo(&mut self, steps: usize, author: &str, now: DateTime<Utc>) -> Result<Vec<UndoneStep>> {
        self.walk_stack(steps, true, author, now)
    }

    fn walk_stack(&mut self, steps: usize, redo: bool, author: &str, now: DateTime<Utc>) -> Result<Vec<UndoneStep>> {
        let author = super::corrections::checked_author(author)?;
        let word = if redo { "redo" } else { "undo" };
        if steps == 0 {
            return Err(Error::invalid(format!("--steps must be at least 1 to {word} anything")));
        }
        self.refresh()?;
        let at = stamp(now);
        let tx = self.write_transaction()?;
        let sql = if redo {
            "SELECT seq, action, change FROM undo_step WHERE undone = 1 ORDER BY seq LIMIT ?1"
        } else {
            "SELECT seq, action, change FROM undo_step WHERE undone = 0 ORDER BY seq DESC LIMIT ?1"
        };
        let rows: Vec<(i64, String, String)> = tx
            .prepare(sql)?
            .query_map([steps as i64], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        if rows.is_empty() {
            return Err(Error::invalid(format!("nothing to {word}")));
        }
        if rows.len() < steps {
            return Err(Error::invalid(format!("only {} step(s) can be {word}ne; nothing was changed", rows.len())));
        }
        let mut touched_all = Touched::default();
        let mut done = Vec::new();
        for (seq, action, change) in rows {
            let changes: Vec<Change> = serde_json::from_str(&change).map_err(json_error)?;
            let mut touched = Touched::default();
            let mut applied = Vec::new();
            let ordered: Vec<&Change> = if redo { changes.iter().collect() } else { changes.iter().rev().collect() };
            for c in ordered {
                applied.push(super::corrections::apply_change(&tx, c, redo, &at, &mut touched)?);
            }
            if redo {
                tx.execute(
                    "UPDATE undo_step SET undone = 0, change = ?2 WHERE seq = ?1",
                    params![seq, serde_json::to_string(&applied).map_err(json_error)?],
                )?;
            } else {
                tx.execute("UPDATE undo_step SET undone = 1 WHERE seq = ?1", [seq])?;
            }
            let detail = super::corrections::audit_detail(&action, &applied, &author, &touched)?;
            record_audit(&tx, &at, word, &detail)?;
            done.push(UndoneStep { action, claims: touched.claims.clone() });
            touched_all.appearances.extend(touched.appearances);
            touched_all.facts.extend(touched.facts);
            touched_all.edges.extend(touched.edges);
            touched_all.reload |= touched.reload;
        }
        tx.commit()?;
        self.anchor_head();
        self.after_changes(&touched_all)?;
        Ok(done)
    }
}
