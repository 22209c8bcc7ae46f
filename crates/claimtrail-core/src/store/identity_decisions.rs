//! The checker's identity decisions as they travel in bundles: which actors
//! were merged into which, and which pairs were decided different ("not the
//! same"). A colleague who imports the bundle gets both: a merge of two actors
//! she has is made in her database too (audited and chained like her own,
//! `by: "bundle import"`), a decision about two actors she has is recorded.
//! Older bundles carry none and import as before.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use super::actors::{merge_actor_rows, Party};
use super::import_rows::{canonical_id, ImportNote};
use crate::error::{Error, Result};

/// The identity decisions about the actors of a slice.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityRecords {
    /// Actors merged away, each into the actor it was merged into (which may
    /// itself have been merged later: the next entry says so).
    #[serde(default)]
    pub merges: Vec<MergeRecord>,
    /// Pairs decided different.
    #[serde(default)]
    pub distinct: Vec<DistinctRecord>,
}

impl IdentityRecords {
    pub fn is_empty(&self) -> bool {
        self.merges.is_empty() && self.distinct.is_empty()
    }
}

/// `dropped_id` (named `dropped_name`) was merged into `kept_id`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergeRecord {
    pub kept_id: String,
    pub dropped_id: String,
    pub dropped_name: String,
}

/// `a_id` and `b_id` are different people or outlets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DistinctRecord {
    pub a_id: String,
    pub b_id: String,
}

/// Merges whose end is one of `actor_seqs` (the live actors of a slice), in
/// the order they were made as far as the ids tell, and the decisions about
/// two of them.
pub(super) fn read(conn: &Connection, actor_seqs: &[i64]) -> Result<IdentityRecords> {
    let slice: HashSet<i64> = actor_seqs.iter().copied().collect();
    let mut stmt =
        conn.prepare_cached("SELECT seq, merged_into FROM actor WHERE merged_into IS NOT NULL ORDER BY seq")?;
    let merged: Vec<(i64, i64)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    let into: HashMap<i64, i64> = merged.iter().copied().collect();
    let end = |mut seq: i64| {
        // Merges form a forest; the bound only guards against a corrupt loop.
        for _ in 0..64 {
            match into.get(&seq) {
                Some(&next) => seq = next,
                None => break,
            }
        }
        seq
    };
    let mut naming = conn.prepare_cached("SELECT id, name FROM actor WHERE seq = ?1")?;
    let mut name_of =
        |seq: i64| -> Result<(String, String)> { Ok(naming.query_row([seq], |r| Ok((r.get(0)?, r.get(1)?)))?) };
    let mut out = IdentityRecords::default();
    for &(dropped, kept) in merged.iter().filter(|(d, _)| slice.contains(&end(*d))) {
        let (dropped_id, dropped_name) = name_of(dropped)?;
        out.merges.push(MergeRecord { kept_id: name_of(kept)?.0, dropped_id, dropped_name });
    }
    let mut stmt = conn.prepare_cached("SELECT a_seq, b_seq FROM actor_distinct ORDER BY a_seq, b_seq")?;
    let pairs: Vec<(i64, i64)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    for (a, b) in pairs.into_iter().filter(|(a, b)| slice.contains(a) && slice.contains(b)) {
        out.distinct.push(DistinctRecord { a_id: name_of(a)?.0, b_id: name_of(b)?.0 });
    }
    Ok(out)
}

/// Makes the decisions of `records` that concern two actors this database
/// has: `imported` maps the ids of the actors just imported to the actors
/// they matched here; any other id is looked up here, following merges.
/// Decisions already made here change nothing. Returns a note for each
/// merge made and one counting the decisions recorded.
pub(super) fn apply(
    tx: &Transaction<'_>,
    records: &IdentityRecords,
    imported: &HashMap<String, i64>,
    now: DateTime<Utc>,
) -> Result<Vec<ImportNote>> {
    let party = |raw: &str| -> Result<Option<Party>> {
        let id = canonical_id(raw)
            .ok_or_else(|| Error::invalid(format!("an identity decision names {raw:?}, which is not a UUID")))?;
        let seq = match imported.get(&id) {
            Some(&seq) => Some(seq),
            None => live_actor_seq(tx, &id)?,
        };
        let Some(seq) = seq else { return Ok(None) };
        let (id, name) =
            tx.query_row("SELECT id, name FROM actor WHERE seq = ?1", [seq], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(Some(Party { seq, id, name }))
    };
    let mut notes = Vec::new();
    for m in &records.merges {
        let (Some(kept), Some(dropped)) = (party(&m.kept_id)?, party(&m.dropped_id)?) else { continue };
        if kept.seq == dropped.seq {
            continue;
        }
        merge_actor_rows(tx, &kept, &dropped, "bundle import", now)?;
        notes.push(ImportNote {
            kind: crate::model::ImportNoteKind::Identity,
            message: format!("merged \"{}\" into \"{}\", as the sender did", dropped.name, kept.name),
        });
    }
    let mut recorded = 0;
    for d in &records.distinct {
        let (Some(a), Some(b)) = (party(&d.a_id)?, party(&d.b_id)?) else { continue };
        if a.seq != b.seq {
            recorded += usize::from(super::duplicates::record_distinct(tx, &a, &b, "bundle import", now)?);
        }
    }
    if recorded > 0 {
        notes.push(ImportNote {
            kind: crate::model::ImportNoteKind::Identity,
            message: format!(
                "recorded {recorded} decision{} that two actors are different, as the sender did",
                if recorded == 1 { "" } else { "s" }
            ),
        });
    }
    Ok(notes)
}

/// The live actor an id names, following merges: an actor merged away
/// stands for the one it was merged into.
pub(super) fn live_actor_seq(conn: &Connection, id: &str) -> Result<Option<i64>> {
    let mut row: Option<(i64, Option<i64>)> = conn
        .query_row("SELECT seq, merged_into FROM actor WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    // Merges form a forest; the bound only guards against a corrupt loop.
    for _ in 0..64 {
        match row {
            None => return Ok(None),
            Some((seq, None)) => return Ok(Some(seq)),
            Some((_, Some(into))) => {
                row = conn
                    .query_row("SELECT seq, merged_into FROM actor WHERE seq = ?1", [into], |r| {
                        Ok((r.get(0)?, r.get(1)?))
                    })
                    .optional()?;
            }
        }
    }
    Err(Error::invalid(format!("actor {id} is merged in a loop")))
}
