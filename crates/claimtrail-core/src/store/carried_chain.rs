//! The history chain carried in a bundle, so the reader can tell a verdict
//! the sender's database recorded from one typed into the file.
//!
//! A bundle carries the stretch of the sender's chain from the entry of the
//! oldest verdict it holds to the sender's head: for every entry its kind,
//! subject and content hash, the id of the verdict it covers when the bundle
//! holds that verdict, and the whole content of every audit event (so the
//! marks of earlier unverified imports cannot be hidden). The reader re-hashes
//! each carried verdict, recomputes every link, and arrives at the head the
//! bundle names — a head the sender can read out from `claimtrail verify`.
//!
//! A verdict that arrives without a chain (an old bundle, another format),
//! whose chain does not check out, or that the sender had itself imported
//! unverified, is added as an unverified import. Every import that adds
//! verdicts is recorded in this database's own chain as an audit event
//! (`import_verdicts`) naming each verdict and whether it checked out; that
//! event is what the claim page and `show` read.
//!
//! What this proves, and what not: hashes are not signatures. Someone who
//! rewrites a database and its head file together can export a bundle that
//! checks out; the head it ends at then differs from the one the sender noted.

use std::collections::{HashMap, HashSet};

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use super::export_rows::Records;
use super::history::{self, audit_content, entry_hash, sha256_hex, verdict_content, AuditContent, Head};
use super::Store;
use crate::error::{Error, Result};

/// The audit action recording which verdicts an import added and whether each checked out.
const IMPORT_ACTION: &str = "import_verdicts";

/// The stretch of the sender's history chain a bundle carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainSegment {
    /// The sender's head: the segment must end exactly there.
    pub head: Head,
    /// The position of the first entry carried.
    pub from: i64,
    /// The hash of the entry before it (all zeros at the start of the chain).
    pub prev_sha256: String,
    pub entries: Vec<SegmentEntry>,
}

/// One entry of a carried chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SegmentEntry {
    /// `verdict` or `audit`.
    pub kind: String,
    pub subject_seq: i64,
    pub content_sha256: String,
    /// The verdict it covers, when the bundle holds that verdict.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict_id: Option<String>,
    /// The audit event it covers, whole.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit: Option<AuditContent>,
}

/// A verdict this database received from an import, as the claim page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportedVerdict {
    pub verdict_id: String,
    /// True when it arrived covered by the sender's chain and re-hashed to it;
    /// false for an unverified import, never to be shown as its author's own.
    pub checked: bool,
    /// Why it is unverified.
    pub why: Option<String>,
    /// The sender's head its chain checked out to.
    pub source_head: Option<Head>,
    /// When it was imported here.
    pub imported_at: String,
}

/// What an import's chain says about each incoming verdict.
#[derive(Debug, Clone, Default)]
pub(crate) struct CarriedTrust {
    /// The sender's head, when the carried chain checks out to it.
    pub head: Option<Head>,
    /// Why nothing in the import is believed (no chain, or a broken one).
    all: Option<String>,
    /// Why a verdict is not believed, by id.
    one: HashMap<String, String>,
    /// Verdicts the chain covers and that re-hash to it.
    covered: HashSet<String>,
}

impl CarriedTrust {
    /// `None` when the verdict checks out, else why not.
    pub fn doubt(&self, verdict_id: &str) -> Option<String> {
        if let Some(why) = &self.all {
            return Some(why.clone());
        }
        if let Some(why) = self.one.get(verdict_id) {
            return Some(why.clone());
        }
        (!self.covered.contains(verdict_id)).then(|| "the bundle's chain does not cover it".to_string())
    }

    /// A line for the import report when something arrived unverified.
    pub fn summary(&self) -> Option<String> {
        self.all.clone()
    }
}

impl Store {
    /// The stretch of this database's chain that covers the verdicts in
    /// `records`, up to the head (`None` with no history).
    pub(crate) fn chain_segment(&self, records: &Records) -> Result<Option<ChainSegment>> {
        let Some(head) = history::newest(&self.conn)? else { return Ok(None) };
        let mut covered: HashMap<i64, String> = HashMap::new();
        let mut from = head.entries + 1;
        let mut stmt = self.conn.prepare_cached(
            "SELECT h.seq, v.seq FROM verdict v JOIN history_entry h ON h.kind = 'verdict' AND h.subject_seq = v.seq
             WHERE v.id = ?1",
        )?;
        for v in records.claims.iter().flat_map(|c| &c.verdicts) {
            if let Some((entry, verdict)) =
                stmt.query_row([&v.id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))).optional()?
            {
                from = from.min(entry);
                covered.insert(verdict, v.id.clone());
            }
        }
        let mut rows = self.conn.prepare(
            "SELECT h.kind, h.subject_seq, h.content_sha256, h.prev_sha256, a.at, a.action, a.detail
             FROM history_entry h LEFT JOIN audit_event a ON h.kind = 'audit' AND a.seq = h.subject_seq
             WHERE h.seq >= ?1 AND h.seq <= ?2 ORDER BY h.seq",
        )?;
        let mut entries = Vec::new();
        let mut prev_sha256 = head.sha256.clone();
        let mut found = rows.query(params![from, head.entries])?;
        while let Some(r) = found.next()? {
            let (kind, subject_seq): (String, i64) = (r.get(0)?, r.get(1)?);
            if entries.is_empty() {
                prev_sha256 = r.get(3)?;
            }
            let audit = match (kind.as_str(), r.get::<_, Option<String>>(4)?) {
                ("audit", Some(at)) => {
                    Some(AuditContent { seq: subject_seq, at, action: r.get(5)?, detail: r.get(6)? })
                }
                _ => None,
            };
            let verdict_id = if kind == "verdict" { covered.get(&subject_seq).cloned() } else { None };
            entries.push(SegmentEntry { kind, subject_seq, content_sha256: r.get(2)?, verdict_id, audit });
        }
        Ok(Some(ChainSegment { head, from, prev_sha256, entries }))
    }
}

/// Checks the chain `records` carry against the verdicts they hold, before
/// the import's transaction opens.
pub(crate) fn check_carried(records: &Records) -> Result<CarriedTrust> {
    let Some(segment) = &records.chain else {
        return Ok(CarriedTrust {
            all: Some("it arrived without a history chain (an older bundle or another format)".into()),
            ..CarriedTrust::default()
        });
    };
    let claims_of: HashMap<&str, (&str, &super::verdicts::VerdictEvent)> = records
        .claims
        .iter()
        .flat_map(|c| c.verdicts.iter().map(move |v| (v.id.as_str(), (c.id.as_str(), v))))
        .collect();
    let mut trust = CarriedTrust::default();
    let mut prev = segment.prev_sha256.clone();
    for (i, e) in segment.entries.iter().enumerate() {
        let position = segment.from + i as i64;
        let broken = |why: &str| CarriedTrust {
            all: Some(format!("the bundle's history chain does not check out at entry {position}: {why}")),
            ..CarriedTrust::default()
        };
        match (e.kind.as_str(), &e.audit, &e.verdict_id) {
            ("audit", Some(a), _) => {
                if a.seq != e.subject_seq || sha256_hex(&audit_content(a)?) != e.content_sha256 {
                    return Ok(broken("an audit event does not match its entry"));
                }
                for (id, why) in earlier_doubts(a) {
                    trust.one.insert(id, why);
                }
            }
            ("audit", None, _) => return Ok(broken("an audit event arrived without its content")),
            ("verdict", _, Some(id)) => match claims_of.get(id.as_str()) {
                Some((claim_id, v)) if sha256_hex(&verdict_content(v, claim_id)?) == e.content_sha256 => {
                    trust.covered.insert(id.clone());
                }
                Some(_) => {
                    trust.one.insert(
                        id.clone(),
                        "it differs from what the sender's history recorded (edited after it was recorded)".into(),
                    );
                }
                None => {}
            },
            ("verdict", _, None) => {}
            _ => return Ok(broken("an entry of an unknown kind")),
        }
        prev = entry_hash(&e.kind, e.subject_seq, &e.content_sha256, &prev);
    }
    let end = segment.from + segment.entries.len() as i64 - 1;
    if end != segment.head.entries || prev != segment.head.sha256 {
        return Ok(CarriedTrust {
            all: Some("the bundle's history chain does not end at the head it names".into()),
            ..CarriedTrust::default()
        });
    }
    trust.head = Some(segment.head.clone());
    Ok(trust)
}

/// The verdicts an earlier import (recorded in `audit`) added unverified.
fn earlier_doubts(audit: &AuditContent) -> Vec<(String, String)> {
    if audit.action != IMPORT_ACTION {
        return Vec::new();
    }
    let Ok(detail) = serde_json::from_str::<ImportDetail>(&audit.detail) else { return Vec::new() };
    detail
        .verdicts
        .into_iter()
        .filter(|v| !v.checked)
        .map(|v| {
            let why = format!("the sender had itself imported it unverified ({})", v.why.unwrap_or_default());
            (v.id, why)
        })
        .collect()
}

/// The detail of an `import_verdicts` audit event.
#[derive(Serialize, Deserialize)]
struct ImportDetail {
    source_head: Option<Head>,
    verdicts: Vec<ImportDetailVerdict>,
}

#[derive(Serialize, Deserialize)]
struct ImportDetailVerdict {
    id: String,
    checked: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    why: Option<String>,
}

/// Records, in this database's chain, which verdicts an import added and
/// whether each checked out; call inside the import's transaction.
pub(crate) fn record_import(tx: &Transaction, added: &[String], trust: &CarriedTrust, at: &str) -> Result<()> {
    if added.is_empty() {
        return Ok(());
    }
    let detail = ImportDetail {
        source_head: trust.head.clone(),
        verdicts: added
            .iter()
            .map(|id| {
                let why = trust.doubt(id);
                ImportDetailVerdict { id: id.clone(), checked: why.is_none(), why }
            })
            .collect(),
    };
    let detail =
        serde_json::to_string(&detail).map_err(|e| Error::invalid(format!("cannot record the import: {e}")))?;
    history::record_audit(tx, at, IMPORT_ACTION, &detail)
}

/// The verdicts among `ids` that reached this database by import.
pub(crate) fn imported_verdicts(conn: &Connection, ids: &[&str]) -> Result<Vec<ImportedVerdict>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let wanted: HashSet<&str> = ids.iter().copied().collect();
    let mut stmt = conn.prepare_cached("SELECT at, detail FROM audit_event WHERE action = ?1 ORDER BY seq")?;
    let mut rows = stmt.query([IMPORT_ACTION])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let (at, detail): (String, String) = (r.get(0)?, r.get(1)?);
        // An event that does not parse was not written by this code; verify names it if it was edited.
        let Ok(detail) = serde_json::from_str::<ImportDetail>(&detail) else { continue };
        for v in detail.verdicts.into_iter().filter(|v| wanted.contains(v.id.as_str())) {
            out.push(ImportedVerdict {
                verdict_id: v.id,
                checked: v.checked,
                why: v.why,
                source_head: detail.source_head.clone(),
                imported_at: at.clone(),
            });
        }
    }
    Ok(out)
}
