//! The undo steps of the desk's actions, merges and identity decisions.
//!
//! Corrections (`corrections.rs`) change fields and tombstones; the actions
//! here change memberships and links: tags, cases, a claim's desk fields, an
//! actor or claim merge, a "not the same" decision. Each is recorded as one
//! [`Move`] naming exactly what it added, removed or re-pointed, so undo puts
//! back exactly that and redo does it again. Every row is named by its id (or
//! a case by its name), never by a `seq` a later step could reuse.

use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::corrections::Touched;
use crate::error::{Error, Result};
use crate::key::match_key;

/// One reversible change of memberships or links.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "move", rename_all = "snake_case")]
pub(super) enum Move {
    /// Tags added to (`add`) or removed from a claim.
    Tags { claim: String, tags: Vec<String>, add: bool },
    /// Claims filed under (`add`) or taken out of a case; `created` when the
    /// case came into being with the change (undo removes it again).
    Case { case: String, claims: Vec<String>, add: bool, created: bool },
    /// A case renamed.
    CaseRename { before: String, after: String },
    /// A claim's review address, assignee and due date, before and after.
    Desk { claim: String, before: Map<String, Value>, after: Map<String, Value> },
    /// An actor merge, as its audit detail names it.
    ActorMerge(ActorMoves),
    /// A claim merge, as its audit detail names it.
    ClaimMerge(ClaimMoves),
    /// Two actors recorded as different (`a`, `b` ids).
    Distinct { a: String, b: String, decided_at: String },
}

/// What an actor merge moved and added.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct ActorMoves {
    pub kept: String,
    pub dropped: String,
    pub appearances: Vec<String>,
    pub documents: Vec<String>,
    pub domains: Vec<String>,
    /// The dropped actor's own aliases (taken from it by the merge).
    pub aliases_moved: Vec<String>,
    /// Aliases the kept actor gained.
    pub aliases_added: Vec<String>,
    /// Actors the kept actor was decided different from through the dropped one.
    pub distinct_inherited: Vec<String>,
}

/// What a claim merge moved and added.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct ClaimMoves {
    pub kept: String,
    pub dropped: String,
    pub appearances: Vec<String>,
    /// Case names of the dropped claim (taken from it by the merge).
    pub cases_of_dropped: Vec<String>,
    /// Case names the kept claim gained.
    pub cases_added: Vec<String>,
    pub tags_of_dropped: Vec<String>,
    pub tags_added: Vec<String>,
    /// Claims that were merged into the dropped one and now lead to the kept one.
    pub claims_redirected: Vec<String>,
}

fn seq(tx: &Transaction, table: &'static str, id: &str) -> Result<i64> {
    tx.query_row(&format!("SELECT seq FROM {table} WHERE id = ?1"), [id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::NotFound { what: table, key: id.to_string() })
}

fn case_seq(tx: &Transaction, name: &str) -> Result<Option<i64>> {
    Ok(tx.query_row("SELECT seq FROM case_file WHERE name_key = ?1", [match_key(name)], |r| r.get(0)).optional()?)
}

fn file_claim(tx: &Transaction, claim: i64, case: i64, file: bool) -> Result<()> {
    let sql = if file {
        "INSERT OR IGNORE INTO claim_case (claim_seq, case_seq) VALUES (?1, ?2)"
    } else {
        "DELETE FROM claim_case WHERE claim_seq = ?1 AND case_seq = ?2"
    };
    tx.execute(sql, params![claim, case])?;
    Ok(())
}

fn set_tag(tx: &Transaction, claim: i64, tag: &str, on: bool) -> Result<()> {
    let sql = if on {
        "INSERT OR IGNORE INTO claim_tag (claim_seq, tag) VALUES (?1, ?2)"
    } else {
        "DELETE FROM claim_tag WHERE claim_seq = ?1 AND tag = ?2"
    };
    tx.execute(sql, params![claim, tag])?;
    Ok(())
}

fn set_alias(tx: &Transaction, actor: i64, alias: &str, on: bool) -> Result<()> {
    if on {
        tx.execute(
            "INSERT OR IGNORE INTO actor_alias (actor_seq, alias, alias_key) VALUES (?1, ?2, ?3)",
            params![actor, alias, match_key(alias)],
        )?;
    } else {
        tx.execute(
            "DELETE FROM actor_alias WHERE actor_seq = ?1 AND alias_key = ?2",
            params![actor, match_key(alias)],
        )?;
    }
    Ok(())
}

/// Applies a move forwards (`forward`, as the action did it) or backwards.
pub(super) fn apply_move(tx: &Transaction, m: &Move, forward: bool, touched: &mut Touched) -> Result<()> {
    match m {
        Move::Tags { claim, tags, add } => {
            let c = seq(tx, "claim", claim)?;
            for t in tags {
                set_tag(tx, c, t, *add == forward)?;
            }
            touched.claim(claim.clone());
        }
        Move::Case { case, claims, add, created } => {
            let filing = *add == forward;
            let case_seq = match case_seq(tx, case)? {
                Some(s) => s,
                None if filing => {
                    tx.execute(
                        "INSERT INTO case_file (name, name_key) VALUES (?1, ?2)",
                        params![case, match_key(case)],
                    )?;
                    tx.last_insert_rowid()
                }
                None => return Err(Error::NotFound { what: "case", key: case.clone() }),
            };
            for id in claims {
                file_claim(tx, seq(tx, "claim", id)?, case_seq, filing)?;
                touched.claim(id.clone());
            }
            // A case the add created goes again when the add is taken back.
            if *created && *add && !forward {
                tx.execute(
                    "DELETE FROM case_file WHERE seq = ?1 AND NOT EXISTS (SELECT 1 FROM claim_case WHERE case_seq = ?1)",
                    [case_seq],
                )?;
            }
        }
        Move::CaseRename { before, after } => {
            let (from, to) = if forward { (before, after) } else { (after, before) };
            let s = case_seq(tx, from)?.ok_or_else(|| Error::NotFound { what: "case", key: from.clone() })?;
            if case_seq(tx, to)?.is_some_and(|other| other != s) {
                return Err(Error::invalid(format!("a case named `{to}` exists already")));
            }
            tx.execute("UPDATE case_file SET name = ?1, name_key = ?2 WHERE seq = ?3", params![to, match_key(to), s])?;
        }
        Move::Desk { claim, before, after } => {
            let to = if forward { after } else { before };
            let get = |k: &str| to.get(k).and_then(Value::as_str).map(str::to_string);
            tx.execute(
                "UPDATE claim SET review_url = ?2, assignee = ?3, due = ?4 WHERE seq = ?1",
                params![seq(tx, "claim", claim)?, get("review_url"), get("assignee"), get("due")],
            )?;
            touched.claim(claim.clone());
        }
        Move::ActorMerge(a) => apply_actor_merge(tx, a, forward, touched)?,
        Move::ClaimMerge(c) => apply_claim_merge(tx, c, forward, touched)?,
        Move::Distinct { a, b, decided_at } => {
            let (x, y) = (seq(tx, "actor", a)?, seq(tx, "actor", b)?);
            let (low, high) = (x.min(y), x.max(y));
            if forward {
                tx.execute(
                    "INSERT OR IGNORE INTO actor_distinct (a_seq, b_seq, decided_at) VALUES (?1, ?2, ?3)",
                    params![low, high, decided_at],
                )?;
            } else {
                tx.execute("DELETE FROM actor_distinct WHERE a_seq = ?1 AND b_seq = ?2", params![low, high])?;
            }
        }
    }
    Ok(())
}

fn apply_actor_merge(tx: &Transaction, m: &ActorMoves, forward: bool, touched: &mut Touched) -> Result<()> {
    let kept = seq(tx, "actor", &m.kept)?;
    let dropped = seq(tx, "actor", &m.dropped)?;
    let to = if forward { kept } else { dropped };
    if !forward {
        // The dropped actor is live again before its name can be its own.
        for alias in &m.aliases_added {
            set_alias(tx, kept, alias, false)?;
        }
        for other in &m.distinct_inherited {
            let o = seq(tx, "actor", other)?;
            tx.execute(
                "DELETE FROM actor_distinct WHERE a_seq = ?1 AND b_seq = ?2",
                params![o.min(kept), o.max(kept)],
            )?;
        }
        tx.execute("UPDATE actor SET merged_into = NULL WHERE seq = ?1", [dropped])
            .map_err(|e| refused_name(e, &m.dropped))?;
    }
    for alias in &m.aliases_moved {
        set_alias(tx, dropped, alias, !forward)?;
    }
    for id in &m.appearances {
        tx.execute("UPDATE appearance SET actor_seq = ?2 WHERE id = ?1", params![id, to])?;
        let claim: String = tx.query_row(
            "SELECT c.id FROM appearance a JOIN claim c ON c.seq = a.claim_seq WHERE a.id = ?1",
            [id],
            |r| r.get(0),
        )?;
        touched.claim(claim);
    }
    for id in &m.documents {
        tx.execute("UPDATE document SET outlet_seq = ?2 WHERE id = ?1", params![id, to])?;
    }
    for d in &m.domains {
        tx.execute("UPDATE actor_domain SET actor_seq = ?2 WHERE domain = ?1", params![d, to])?;
    }
    if forward {
        tx.execute("UPDATE actor SET merged_into = ?1 WHERE seq = ?2", params![kept, dropped])?;
        for alias in &m.aliases_added {
            set_alias(tx, kept, alias, true)?;
        }
        for other in &m.distinct_inherited {
            let o = seq(tx, "actor", other)?;
            tx.execute(
                "INSERT OR IGNORE INTO actor_distinct (a_seq, b_seq, decided_at)
                 SELECT ?1, ?2, decided_at FROM actor_distinct WHERE a_seq = ?3 AND b_seq = ?4",
                params![o.min(kept), o.max(kept), o.min(dropped), o.max(dropped)],
            )?;
        }
    }
    touched.reload = true;
    Ok(())
}

fn refused_name(e: rusqlite::Error, id: &str) -> Error {
    match e {
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ConstraintViolation => {
            Error::invalid(format!("actor {id} cannot come back: another actor has its name now"))
        }
        other => other.into(),
    }
}

fn apply_claim_merge(tx: &Transaction, m: &ClaimMoves, forward: bool, touched: &mut Touched) -> Result<()> {
    let kept = seq(tx, "claim", &m.kept)?;
    let dropped = seq(tx, "claim", &m.dropped)?;
    let to = if forward { kept } else { dropped };
    tx.execute("UPDATE claim SET merged_into = ?2 WHERE seq = ?1", params![dropped, forward.then_some(kept)])?;
    for id in &m.claims_redirected {
        tx.execute("UPDATE claim SET merged_into = ?2 WHERE id = ?1", params![id, to])?;
    }
    for id in &m.appearances {
        tx.execute("UPDATE appearance SET claim_seq = ?2 WHERE id = ?1", params![id, to])?;
    }
    for name in &m.cases_of_dropped {
        let case = case_seq(tx, name)?.ok_or_else(|| Error::NotFound { what: "case", key: name.clone() })?;
        file_claim(tx, dropped, case, !forward)?;
    }
    for name in &m.cases_added {
        let case = case_seq(tx, name)?.ok_or_else(|| Error::NotFound { what: "case", key: name.clone() })?;
        file_claim(tx, kept, case, forward)?;
    }
    for t in &m.tags_of_dropped {
        set_tag(tx, dropped, t, !forward)?;
    }
    for t in &m.tags_added {
        set_tag(tx, kept, t, forward)?;
    }
    touched.claim(m.kept.clone());
    touched.claim(m.dropped.clone());
    touched.reload = true;
    Ok(())
}

/// Pushes `m` onto the undo stack as the step of `action`.
pub(super) fn push(tx: &Transaction, action: &str, m: Move) -> Result<()> {
    super::undo::push_step(tx, action, &[super::corrections::Change::Move(m)], None)
}
