//! Bulk import: many actors, claims, appearances and relays in one
//! transaction, for importing an archive or a colleague's case and for
//! building benchmark datasets.
//!
//! Rows refer to each other by their position in the batch, so a batch is
//! self-contained; the graph is rebuilt once at the end instead of per row.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::rows::{self, NewActor, NewAppearance};
use super::{new_id, Store};
use crate::error::{Error, Result};
use crate::key::match_key;
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
        self.rebuild_graph();
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
            for a in &bulk.actors {
                let name = rows::actor_name(&a.name)?;
                let seq = match find.query_row([match_key(&name)], |r| r.get::<_, i64>(0)) {
                    Ok(seq) => seq,
                    Err(rusqlite::Error::QueryReturnedNoRows) => {
                        let actor = NewActor {
                            id: &new_id(),
                            name: &name,
                            kind: a.kind,
                            role: a.role.as_deref(),
                            state_affiliated: a.state_affiliated,
                        };
                        rows::insert_actor(&tx, &actor, created)?
                    }
                    Err(e) => return Err(e.into()),
                };
                actor_seqs.push(seq);
            }
        }
        let mut claim_seqs = Vec::with_capacity(bulk.claims.len());
        for text in &bulk.claims {
            let text = rows::claim_text(text)?;
            let seq = match super::claims::claim_by_key(&tx, &crate::key::claim_key(&text))? {
                Some((seq, _)) => seq,
                None => rows::insert_claim(&tx, &new_id(), &text, created)?,
            };
            claim_seqs.push(seq);
        }
        let mut appearance_seqs = Vec::with_capacity(bulk.appearances.len());
        for a in &bulk.appearances {
            let row = NewAppearance {
                claim_seq: claim_seqs[a.claim],
                document_seq: None,
                actor_seq: actor_seqs[a.actor],
                quote: a.quote.clone(),
                prefix: None,
                suffix: None,
                kind: a.kind,
                cue: a.cue.clone(),
                stance: a.stance,
                said_at: None,
                said_at_text: None,
                said_where: None,
                role: None,
            };
            appearance_seqs.push(rows::insert_appearance(&tx, &new_id(), &row, created)?);
        }
        // In primary-key order, so the B-tree grows at its end.
        let mut order: Vec<&BulkRelay> = bulk.relays.iter().collect();
        order.sort_unstable_by_key(|r| (appearance_seqs[r.from], appearance_seqs[r.upstream]));
        for r in order {
            rows::insert_relay(&tx, appearance_seqs[r.from], appearance_seqs[r.upstream], r.relation, None, created)?;
        }
        // The new actors' blocking keys, once, rather than by the next write.
        super::identity::refresh_block_keys(&tx)?;
        // One audit event for the whole batch, never one per row.
        let detail = serde_json::json!({
            "action": "import_bulk",
            "actors": bulk.actors.len(),
            "claims": bulk.claims.len(),
            "appearances": bulk.appearances.len(),
            "relays": bulk.relays.len(),
        });
        super::history::record_audit(&tx, created, "import_bulk", &detail.to_string())?;
        tx.commit()?;
        self.anchor_head();
        Ok(())
    }
}

fn validate(bulk: &Bulk) -> Result<()> {
    for (i, a) in bulk.actors.iter().enumerate() {
        rows::actor_name(&a.name).map_err(|e| Error::invalid(format!("actor {i}: {e}")))?;
    }
    for (i, c) in bulk.claims.iter().enumerate() {
        rows::claim_text(c).map_err(|e| Error::invalid(format!("claim {i}: {e}")))?;
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
        assert_eq!(store.graph_size().unwrap(), (2, 1));
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
