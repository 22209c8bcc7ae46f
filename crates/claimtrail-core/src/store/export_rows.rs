//! Reading a slice of the database as plain records: the rows every export
//! format and the case bundle are written from.
//!
//! Records name each other by their UUIDs, never by `seq`, so they mean the
//! same thing in another database. A [`Scope`] picks the claims; everything
//! they reach (appearances, the documents and actors of those appearances,
//! the relays between them, the verdict history) comes along.
//!
//! ```
//! use claimtrail_core::{demo, Scope, Store};
//!
//! let mut store = Store::open_in_memory().unwrap();
//! demo::load_demo(&mut store, chrono::Utc::now()).unwrap();
//! let records = store.records(&Scope::Case(demo::DEMO_CASE.into())).unwrap();
//! assert_eq!(records.claims.len(), 8);
//! assert!(records.actors.iter().any(|a| a.name == "Kenya Star"));
//! ```

use std::collections::HashSet;

use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

use super::verdicts::{own_history, VerdictEvent};
use super::Store;
use crate::error::{Error, Result};
use crate::key::match_key;
use crate::model::{ActorKind, AppearanceKind, Relation, Stance, Status};

/// Which claims to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    All,
    /// A claim id or a unique prefix of it.
    Claim(String),
    /// A case name (matched by its key).
    Case(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimRecord {
    pub id: String,
    pub text: String,
    pub created_at: String,
    #[serde(default)]
    pub cases: Vec<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Oldest first; the last one is the current status.
    #[serde(default)]
    pub verdicts: Vec<VerdictEvent>,
    /// Where the published fact-check lives (`claimtrail review-url`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_url: Option<String>,
    /// Who has the claim (`claimtrail assign`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<String>,
    /// When its check is due, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<String>,
    /// The note thread, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<super::desk::Note>,
}

impl ClaimRecord {
    /// The latest verdict by time, then id (as the store reads it),
    /// whatever order the file lists them in.
    pub fn latest(&self) -> Option<&VerdictEvent> {
        self.verdicts.iter().max_by(|a, b| (&a.at, &a.id).cmp(&(&b.at, &b.id)))
    }

    pub fn status(&self) -> Status {
        self.latest().map(|v| v.status).unwrap_or_default()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorRecord {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    pub role: Option<String>,
    #[serde(default)]
    pub state_affiliated: bool,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub domains: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentRecord {
    pub id: String,
    pub url: Option<String>,
    pub outlet_id: Option<String>,
    pub title: Option<String>,
    pub byline: Option<String>,
    pub published_at: Option<String>,
    pub retrieved_at: Option<String>,
    /// False for a document that is referenced but nobody has found.
    pub located: bool,
    /// The reference as a citation manager described it (a CSL-JSON item),
    /// for a document imported from one; absent in older bundles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub csl: Option<serde_json::Map<String, serde_json::Value>>,
}

/// What a page said when it was captured, copied whole so that its hashes
/// still verify in another database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotRecord {
    pub id: String,
    pub document_id: String,
    /// `fetch` or `paste`.
    pub origin: String,
    pub url: String,
    pub final_url: String,
    pub retrieved_at: String,
    pub http_status: Option<i64>,
    pub content_type: Option<String>,
    pub raw_encoding: Option<String>,
    /// The stored (compressed) body as lower-case hex: JSON has no bytes.
    pub raw_hex: Option<String>,
    pub raw_size: Option<i64>,
    pub raw_sha256: Option<String>,
    pub text: String,
    pub text_sha256: String,
    /// The page's metadata as JSON text, byte-exact.
    pub metadata: String,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppearanceRecord {
    pub id: String,
    pub claim_id: String,
    pub actor_id: String,
    pub document_id: Option<String>,
    /// TextQuoteSelector `exact`.
    pub quote: Option<String>,
    pub prefix: Option<String>,
    pub suffix: Option<String>,
    pub kind: AppearanceKind,
    pub cue: Option<String>,
    pub stance: Stance,
    pub said_at: Option<String>,
    pub said_at_text: Option<String>,
    pub said_where: Option<String>,
    pub created_at: String,
    /// What the actor was called in this appearance (absent: its usual role,
    /// and in bundles made before roles were kept per appearance).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelayRecord {
    /// The appearance that carries the claim.
    pub appearance_id: String,
    /// The appearance it took the claim from.
    pub upstream_id: String,
    pub relation: Relation,
    pub cue: Option<String>,
    pub created_at: String,
}

/// A self-contained slice of the database, in creation order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Records {
    pub claims: Vec<ClaimRecord>,
    pub actors: Vec<ActorRecord>,
    pub documents: Vec<DocumentRecord>,
    /// Captures of the documents, oldest first.
    #[serde(default)]
    pub snapshots: Vec<SnapshotRecord>,
    pub appearances: Vec<AppearanceRecord>,
    pub relays: Vec<RelayRecord>,
    /// The sender's history chain covering the verdicts above, up to its
    /// head: carried by bundles, checked on import (see `carried_chain`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chain: Option<super::carried_chain::ChainSegment>,
    /// The merges and "not the same" decisions about these actors (see
    /// `identity_decisions`); absent from bundles written before them.
    #[serde(default, skip_serializing_if = "super::IdentityRecords::is_empty")]
    pub identity: super::IdentityRecords,
}

impl Records {
    pub fn actor(&self, id: &str) -> Option<&ActorRecord> {
        self.actors.iter().find(|a| a.id == id)
    }

    pub fn document(&self, id: &str) -> Option<&DocumentRecord> {
        self.documents.iter().find(|d| d.id == id)
    }

    pub fn claim(&self, id: &str) -> Option<&ClaimRecord> {
        self.claims.iter().find(|c| c.id == id)
    }
}

impl Store {
    /// The records of the claims in `scope` and of everything they reach.
    pub fn records(&self, scope: &Scope) -> Result<Records> {
        let claim_seqs = self.scope_claims(scope)?;
        let mut out = Records::default();
        let mut appearance_seqs = Vec::new();
        let mut actor_seqs = Vec::new();
        let mut document_seqs = Vec::new();
        for &seq in &claim_seqs {
            let (id, text, created_at, review_url, assignee, due) = self.conn.query_row(
                "SELECT id, text, created_at, review_url, assignee, due FROM claim WHERE seq = ?1",
                [seq],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
            )?;
            out.claims.push(ClaimRecord {
                id,
                text,
                created_at,
                cases: self.record_strings(
                    "SELECT f.name FROM claim_case cc JOIN case_file f ON f.seq = cc.case_seq
                     WHERE cc.claim_seq = ?1 ORDER BY f.name",
                    seq,
                )?,
                tags: self.record_strings("SELECT tag FROM claim_tag WHERE claim_seq = ?1 ORDER BY tag", seq)?,
                verdicts: own_history(&self.conn, seq)?,
                review_url,
                assignee,
                due,
                notes: self.notes_of(seq)?,
            });
            let mut stmt = self.conn.prepare_cached(
                "SELECT a.seq, a.id, c.id, ac.seq, ac.id, d.seq, d.id, a.quote, a.prefix, a.suffix, a.kind, a.cue,
                        a.stance, a.said_at, a.said_at_text, a.said_where, a.created_at, a.role
                 FROM live_appearance a JOIN claim c ON c.seq = a.claim_seq JOIN actor ac ON ac.seq = a.actor_seq
                 LEFT JOIN document d ON d.seq = a.document_seq
                 WHERE a.claim_seq = ?1 ORDER BY a.seq",
            )?;
            let mut rows = stmt.query([seq])?;
            while let Some(r) = rows.next()? {
                appearance_seqs.push(r.get::<_, i64>(0)?);
                actor_seqs.push(r.get::<_, i64>(3)?);
                if let Some(d) = r.get::<_, Option<i64>>(5)? {
                    document_seqs.push(d);
                }
                out.appearances.push(AppearanceRecord {
                    id: r.get(1)?,
                    claim_id: r.get(2)?,
                    actor_id: r.get(4)?,
                    document_id: r.get(6)?,
                    quote: r.get(7)?,
                    prefix: r.get(8)?,
                    suffix: r.get(9)?,
                    kind: r.get::<_, String>(10)?.parse()?,
                    cue: r.get(11)?,
                    stance: r.get::<_, String>(12)?.parse()?,
                    said_at: r.get(13)?,
                    said_at_text: r.get(14)?,
                    said_where: r.get(15)?,
                    created_at: r.get(16)?,
                    role: r.get(17)?,
                });
            }
        }
        if *scope == Scope::All {
            // The whole library: documents no appearance cites yet (an
            // imported reference list) go too.
            document_seqs.extend(self.seqs("SELECT seq FROM document ORDER BY seq", None)?);
        }
        self.read_documents(&mut document_seqs, &mut actor_seqs, &mut out)?;
        self.read_actors(&mut actor_seqs, &mut out)?;
        out.identity = super::identity_decisions::read(&self.conn, &actor_seqs)?;
        self.read_relays(&appearance_seqs, &mut out)?;
        Ok(out)
    }

    fn scope_claims(&self, scope: &Scope) -> Result<Vec<i64>> {
        let seqs = match scope {
            Scope::All => self.seqs("SELECT seq FROM claim WHERE deleted_at IS NULL ORDER BY seq", None)?,
            Scope::Claim(id) => vec![self.resolve_claim(id)?.seq],
            Scope::Case(name) => {
                let key = match_key(name);
                let case: Option<i64> = self
                    .conn
                    .query_row("SELECT seq FROM case_file WHERE name_key = ?1", [&key], |r| r.get(0))
                    .optional()?;
                let case = case.ok_or_else(|| Error::NotFound { what: "case", key: name.trim().to_string() })?;
                self.seqs(
                    "SELECT cc.claim_seq FROM claim_case cc JOIN live_claim c ON c.seq = cc.claim_seq
                     WHERE cc.case_seq = ?1 ORDER BY cc.claim_seq",
                    Some(case),
                )?
            }
        };
        // A claim merged into one exported goes along: its verdicts are
        // carried under its own id, as the history chain covers them.
        let mut with_merged = seqs.clone();
        for &seq in &seqs {
            with_merged.extend(self.seqs("SELECT seq FROM claim WHERE merged_into = ?1 ORDER BY seq", Some(seq))?);
        }
        dedup_in_order(&mut with_merged);
        Ok(with_merged)
    }

    fn record_strings(&self, sql: &str, param: i64) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map([param], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    fn seqs(&self, sql: &str, param: Option<i64>) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = match param {
            Some(p) => stmt.query_map([p], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?,
            None => stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?,
        };
        Ok(rows)
    }

    fn read_documents(&self, document_seqs: &mut Vec<i64>, actor_seqs: &mut Vec<i64>, out: &mut Records) -> Result<()> {
        dedup_in_order(document_seqs);
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.id, d.url, o.seq, o.id, d.title, d.byline, d.published_at, d.retrieved_at, d.located, d.csl
             FROM document d LEFT JOIN actor o ON o.seq = d.outlet_seq WHERE d.seq = ?1",
        )?;
        for &seq in document_seqs.iter() {
            let (record, outlet_seq) = stmt.query_row([seq], |r| {
                Ok((
                    DocumentRecord {
                        id: r.get(0)?,
                        url: r.get(1)?,
                        outlet_id: r.get(3)?,
                        title: r.get(4)?,
                        byline: r.get(5)?,
                        published_at: r.get(6)?,
                        retrieved_at: r.get(7)?,
                        located: r.get(8)?,
                        csl: r.get::<_, Option<String>>(9)?.and_then(|j| serde_json::from_str(&j).ok()),
                    },
                    r.get::<_, Option<i64>>(2)?,
                ))
            })?;
            actor_seqs.extend(outlet_seq);
            out.documents.push(record);
        }
        let mut snapshots = self.conn.prepare_cached(
            "SELECT s.id, d.id, s.origin, s.url, s.final_url, s.retrieved_at, s.http_status, s.content_type,
                    s.raw_encoding, s.raw, s.raw_size, s.raw_sha256, s.text, s.text_sha256, s.metadata, s.created_at
             FROM snapshot s JOIN document d ON d.seq = s.document_seq WHERE s.document_seq = ?1 ORDER BY s.seq",
        )?;
        for &seq in document_seqs.iter() {
            let mut rows = snapshots.query([seq])?;
            while let Some(r) = rows.next()? {
                out.snapshots.push(SnapshotRecord {
                    id: r.get(0)?,
                    document_id: r.get(1)?,
                    origin: r.get(2)?,
                    url: r.get(3)?,
                    final_url: r.get(4)?,
                    retrieved_at: r.get(5)?,
                    http_status: r.get(6)?,
                    content_type: r.get(7)?,
                    raw_encoding: r.get(8)?,
                    raw_hex: r.get::<_, Option<Vec<u8>>>(9)?.map(|raw| to_hex(&raw)),
                    raw_size: r.get(10)?,
                    raw_sha256: r.get(11)?,
                    text: r.get(12)?,
                    text_sha256: r.get(13)?,
                    metadata: r.get(14)?,
                    created_at: r.get(15)?,
                });
            }
        }
        Ok(())
    }

    fn read_actors(&self, actor_seqs: &mut Vec<i64>, out: &mut Records) -> Result<()> {
        dedup_in_order(actor_seqs);
        let mut stmt =
            self.conn.prepare_cached("SELECT id, name, kind, role, state_affiliated FROM actor WHERE seq = ?1")?;
        for &seq in actor_seqs.iter() {
            let (id, name, kind, role, state_affiliated): (String, String, String, Option<String>, bool) =
                stmt.query_row([seq], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?;
            out.actors.push(ActorRecord {
                id,
                name,
                kind: kind.parse()?,
                role,
                state_affiliated,
                aliases: self
                    .record_strings("SELECT alias FROM actor_alias WHERE actor_seq = ?1 ORDER BY alias_key", seq)?,
                domains: self
                    .record_strings("SELECT domain FROM actor_domain WHERE actor_seq = ?1 ORDER BY domain", seq)?,
            });
        }
        Ok(())
    }

    /// Relays whose both ends are in the slice: a relay to an appearance
    /// outside it would point at nothing in the reader's hands.
    fn read_relays(&self, appearance_seqs: &[i64], out: &mut Records) -> Result<()> {
        let inside: HashSet<i64> = appearance_seqs.iter().copied().collect();
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.upstream_seq, a.id, u.id, r.relation, r.cue, r.created_at
             FROM live_relay r JOIN appearance a ON a.seq = r.appearance_seq JOIN appearance u ON u.seq = r.upstream_seq
             WHERE r.appearance_seq = ?1 ORDER BY r.upstream_seq",
        )?;
        for &seq in appearance_seqs {
            let mut rows = stmt.query([seq])?;
            while let Some(r) = rows.next()? {
                if !inside.contains(&r.get::<_, i64>(0)?) {
                    continue;
                }
                out.relays.push(RelayRecord {
                    appearance_id: r.get(1)?,
                    upstream_id: r.get(2)?,
                    relation: r.get::<_, String>(3)?.parse()?,
                    cue: r.get(4)?,
                    created_at: r.get(5)?,
                });
            }
        }
        Ok(())
    }
}

pub(super) fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub(super) fn from_hex(text: &str) -> Option<Vec<u8>> {
    if text.len() % 2 != 0 {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok()).collect()
}

fn dedup_in_order(seqs: &mut Vec<i64>) {
    let mut seen = HashSet::new();
    seqs.retain(|s| seen.insert(*s));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trips() {
        let bytes = [0u8, 1, 0x7f, 0xff, 0x1f];
        assert_eq!(from_hex(&to_hex(&bytes)).unwrap(), bytes);
        assert_eq!(from_hex("abc"), None);
        assert_eq!(from_hex("zz"), None);
    }
}
