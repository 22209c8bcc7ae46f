//! Bulk import: many actors, claims, appearances and relays in one
//! transaction, for importing an archive or a colleague's case and for
//! building benchmark datasets.
//!
//! Rows refer to each other by their position in the batch, so a batch is
//! self-contained; the graph is rebuilt once at the end instead of per row.

use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::{new_id, Store};
use crate::error::{Error, Result};
use crate::graph::ProvenanceGraph;
use crate::key::{look_alike_key, match_key};
use crate::model::{ActorKind, AppearanceKind, Relation, Stance};
use crate::when::stamp;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BulkActor {
    pub name: String,
    pub kind: ActorKind,
    pub role: Option<String>,
    pub state_affiliated: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BulkAppearance {
    /// Position in [`Bulk::claims`].
    pub claim: usize,
    /// Position in [`Bulk::actors`].
    pub actor: usize,
    pub quote: Option<String>,
    pub kind: AppearanceKind,
    pub stance: Stance,
    pub cue: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BulkRelay {
    /// Position in [`Bulk::appearances`] of the appearance that carries the claim.
    pub from: usize,
    /// Position of the upstream appearance.
    pub upstream: usize,
    pub relation: Relation,
}

/// A self-contained batch to import.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Bulk {
    pub actors: Vec<BulkActor>,
    pub claims: Vec<String>,
    pub appearances: Vec<BulkAppearance>,
    pub relays: Vec<BulkRelay>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BulkReport {
    pub actors: usize,
    pub claims: usize,
    pub appearances: usize,
    pub relays: usize,
}

impl Store {
    /// Imports a batch in one transaction: all of it or, on any error, none.
    /// Actors and claims whose key already exists are reused.
    pub fn import_bulk(&mut self, bulk: &Bulk, now: DateTime<Utc>) -> Result<BulkReport> {
        validate(bulk)?;
        self.refresh()?;
        let created = stamp(now);
        // A large batch overflows the default 2 MB page cache, which then spills
        // half-built index pages to the WAL again and again.
        let cache: i64 = self.conn.pragma_query_value(None, "cache_size", |r| r.get(0))?;
        self.conn.pragma_update(None, "cache_size", -262_144)?;
        // Every reference in the batch was checked by `validate` and points at
        // a row inserted in the same transaction, so SQLite's per-row foreign
        // key look-ups would only repeat that work (they double the import time).
        self.conn.pragma_update(None, "foreign_keys", "OFF")?;
        let result = self.import_in_transaction(bulk, &created);
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        self.conn.pragma_update(None, "cache_size", cache)?;
        result?;
        self.graph = ProvenanceGraph::load(&self.conn)?;
        self.data_version = super::open::data_version(&self.conn)?;
        Ok(BulkReport {
            actors: bulk.actors.len(),
            claims: bulk.claims.len(),
            appearances: bulk.appearances.len(),
            relays: bulk.relays.len(),
        })
    }

    fn import_in_transaction(&mut self, bulk: &Bulk, created: &str) -> Result<()> {
        let tx = self.write_transaction()?;
        let mut actor_seqs = Vec::with_capacity(bulk.actors.len());
        {
            let mut find = tx.prepare("SELECT seq FROM actor WHERE name_key = ?1 AND merged_into IS NULL")?;
            let mut insert = tx.prepare(
                "INSERT INTO actor (id, name, name_key, look_key, kind, role, state_affiliated, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            for a in &bulk.actors {
                let key = match_key(&a.name);
                let seq = match find.query_row([&key], |r| r.get::<_, i64>(0)) {
                    Ok(seq) => seq,
                    Err(rusqlite::Error::QueryReturnedNoRows) => {
                        insert.execute(params![
                            new_id(),
                            a.name.trim(),
                            key,
                            look_alike_key(&a.name),
                            a.kind.as_str(),
                            a.role,
                            a.state_affiliated,
                            created
                        ])?;
                        tx.last_insert_rowid()
                    }
                    Err(e) => return Err(e.into()),
                };
                actor_seqs.push(seq);
            }
        }
        let mut claim_seqs = Vec::with_capacity(bulk.claims.len());
        {
            let mut insert =
                tx.prepare("INSERT INTO claim (id, text, text_key, created_at) VALUES (?1, ?2, ?3, ?4)")?;
            for text in &bulk.claims {
                let key = crate::key::claim_key(text);
                let seq = match super::claims::claim_by_key(&tx, &key)? {
                    Some((seq, _)) => seq,
                    None => {
                        insert.execute(params![new_id(), text.trim(), key, created])?;
                        tx.last_insert_rowid()
                    }
                };
                claim_seqs.push(seq);
            }
        }
        let mut appearance_seqs = Vec::with_capacity(bulk.appearances.len());
        {
            let mut insert = tx.prepare(
                "INSERT INTO appearance (id, claim_seq, actor_seq, quote, kind, cue, stance, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            for a in &bulk.appearances {
                insert.execute(params![
                    new_id(),
                    claim_seqs[a.claim],
                    actor_seqs[a.actor],
                    a.quote,
                    a.kind.as_str(),
                    a.cue,
                    a.stance.as_str(),
                    created
                ])?;
                appearance_seqs.push(tx.last_insert_rowid());
            }
        }
        {
            let mut insert = tx.prepare(
                "INSERT OR IGNORE INTO relay (appearance_seq, upstream_seq, relation, created_at) VALUES (?1, ?2, ?3, ?4)",
            )?;
            // In primary-key order, so the B-tree grows at its end.
            let mut order: Vec<&BulkRelay> = bulk.relays.iter().collect();
            order.sort_unstable_by_key(|r| (appearance_seqs[r.from], appearance_seqs[r.upstream]));
            for r in order {
                insert.execute(params![
                    appearance_seqs[r.from],
                    appearance_seqs[r.upstream],
                    r.relation.as_str(),
                    created
                ])?;
            }
        }
        // The new actors' blocking keys, once, rather than by the next write.
        super::identity::refresh_block_keys(&tx)?;
        tx.commit()?;
        self.anchor_head();
        Ok(())
    }
}

fn validate(bulk: &Bulk) -> Result<()> {
    if let Some(i) = bulk.actors.iter().position(|a| a.name.trim().is_empty()) {
        return Err(Error::invalid(format!("actor {i} has an empty name")));
    }
    if let Some(i) = bulk.claims.iter().position(|c| c.trim().is_empty() || c.chars().count() > super::MAX_CLAIM_CHARS)
    {
        return Err(Error::invalid(format!("claim {i} is empty or longer than {} characters", super::MAX_CLAIM_CHARS)));
    }
    for (i, a) in bulk.appearances.iter().enumerate() {
        if a.claim >= bulk.claims.len() || a.actor >= bulk.actors.len() {
            return Err(Error::invalid(format!("appearance {i} refers to a claim or actor outside the batch")));
        }
    }
    for (i, r) in bulk.relays.iter().enumerate() {
        if r.from >= bulk.appearances.len() || r.upstream >= bulk.appearances.len() || r.from == r.upstream {
            return Err(Error::invalid(format!("relay {i} refers to an appearance outside the batch or to itself")));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn batch() -> Bulk {
        Bulk {
            actors: vec![
                BulkActor { name: "Briefing".into(), kind: ActorKind::Government, role: None, state_affiliated: false },
                BulkActor { name: "Wire".into(), kind: ActorKind::Agency, role: None, state_affiliated: false },
            ],
            claims: vec!["Imported claim".into()],
            appearances: vec![
                BulkAppearance {
                    claim: 0,
                    actor: 0,
                    quote: Some("words".into()),
                    kind: AppearanceKind::Direct,
                    stance: Stance::Asserts,
                    cue: None,
                },
                BulkAppearance {
                    claim: 0,
                    actor: 1,
                    quote: None,
                    kind: AppearanceKind::Direct,
                    stance: Stance::Asserts,
                    cue: None,
                },
            ],
            relays: vec![BulkRelay { from: 1, upstream: 0, relation: Relation::Quotes }],
        }
    }

    #[test]
    fn imports_and_rebuilds_the_graph() {
        let mut store = Store::open_in_memory().unwrap();
        store.import_bulk(&batch(), Utc::now()).unwrap();
        assert_eq!(store.graph_size(), (2, 1));
        let claims = store.list(&Default::default()).unwrap();
        assert_eq!(claims[0].independent_origins, 1);
    }

    #[test]
    fn a_bad_reference_imports_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        let mut bad = batch();
        bad.relays.push(BulkRelay { from: 1, upstream: 7, relation: Relation::Cites });
        assert!(store.import_bulk(&bad, Utc::now()).is_err());
        assert!(store.actors().unwrap().is_empty());
    }
}
