//! Merging [`Records`] from another database or another tool into this one,
//! in one transaction.
//!
//! Records match what is already here by id first; claims also by their text
//! key, actors by name key or alias, documents by canonical URL. A name that
//! is only like a known actor ("Al-Jazeera" beside "Al Jazeera", "Leonid
//! Pasechnick" beside "Leonid Pasechnik") becomes a new actor and is listed
//! under [`ImportReport::possible_duplicates`] with its candidates: an
//! import cannot ask, and merging actors is an explicit, audited action,
//! never a side effect of an import. Verdict events are appended once (by id);
//! when both sides changed a claim's status and disagree, the conflict is
//! reported and that claim's incoming events are left out.
//!
//! ```
//! use claimtrail_core::{demo, Scope, Store};
//!
//! let now = chrono::Utc::now();
//! let mut theirs = Store::open_in_memory().unwrap();
//! demo::load_demo(&mut theirs, now).unwrap();
//! let records = theirs.records(&Scope::All).unwrap();
//!
//! let mut mine = Store::open_in_memory().unwrap();
//! let first = mine.merge_records(&records, now).unwrap();
//! assert_eq!(first.added.claims, 8);
//! let again = mine.merge_records(&records, now).unwrap();
//! assert_eq!(again.added.total(), 0);
//! ```

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;

use super::carried_chain::{check_carried, record_import, CarriedTrust};
use super::export_rows::{
    from_hex, ActorRecord, AppearanceRecord, ClaimRecord, DocumentRecord, Records, SnapshotRecord,
};
use super::log::{add_alias, attach_case, find_actor};
use super::rows::{self, NewActor, NewAppearance, NewDocument};
use super::verdicts::insert_verdict;
use super::verdicts::{history, VerdictEvent};
use super::{PossibleDuplicate, Store};
use crate::error::{Error, Result};
use crate::web_address;
use crate::when::{parse_when, stamp};

/// How many rows of each kind an import added or found already here.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct RecordCounts {
    pub claims: usize,
    pub actors: usize,
    pub documents: usize,
    pub snapshots: usize,
    pub appearances: usize,
    pub relays: usize,
    pub verdicts: usize,
}

impl RecordCounts {
    pub fn total(&self) -> usize {
        self.claims + self.actors + self.documents + self.snapshots + self.appearances + self.relays + self.verdicts
    }
}

/// Something the reader of an import report must know about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportNote {
    pub kind: crate::model::ImportNoteKind,
    pub message: String,
}

impl ImportNote {
    pub fn skipped(message: impl Into<String>) -> ImportNote {
        ImportNote { kind: crate::model::ImportNoteKind::Skipped, message: message.into() }
    }
}

/// What an import did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ImportReport {
    /// The format the file was read as (`bundle`, `csv`, `csl-json`, `claimreview`).
    pub format: String,
    pub added: RecordCounts,
    /// Rows that were already here (matched by id, key, alias or URL).
    pub existing: RecordCounts,
    pub notes: Vec<ImportNote>,
    /// Each actor this import created that may be one already here (or
    /// another it created), with its candidates, in the order created. How
    /// many is its length.
    pub possible_duplicates: Vec<PossibleDuplicate>,
}

impl Store {
    /// Merges `records` into the database in one transaction: all of it or,
    /// on any error, nothing. Refused before anything is written: an id that
    /// is not a UUID, a reference to a row the records do not hold, an id used
    /// twice with different content, an empty claim or name, a malformed URL
    /// or date. Ids are stored in lower-case hyphenated form whatever their
    /// case in the file.
    pub fn merge_records(&mut self, records: &Records, now: DateTime<Utc>) -> Result<ImportReport> {
        let mut records = checked(&normalised_ids(records)?)?;
        checked_desk_fields(&mut records)?;
        refuse_future_verdicts(&records, now)?;
        for snapshot in &records.snapshots {
            super::snapshots::check_snapshot_record(snapshot)?;
        }
        let trust = check_carried(&records)?;
        self.refresh()?;
        let created = stamp(now);
        let tx = self.write_transaction()?;
        let mut merge = Merge {
            tx: &tx,
            created: &created,
            report: ImportReport::default(),
            new_actors: Vec::new(),
            added_verdicts: Vec::new(),
        };
        // The sender's merges of actors both databases have come first, so
        // the merged names arrive as the aliases they are.
        let mut identity_notes = super::identity_decisions::apply(&tx, &records.identity, &HashMap::new(), now)?;
        let actors = merge.actors(&records.actors)?;
        let documents = merge.documents(&records.documents, &actors)?;
        merge.snapshots(&records.snapshots, &documents)?;
        let claims = merge.claims(&records.claims)?;
        let appearances = merge.appearances(&records.appearances, &claims, &actors, &documents)?;
        merge.relays(&records, &appearances)?;
        for claim in &records.claims {
            merge.verdicts(claim, claims[claim.id.as_str()])?;
        }
        identity_notes.extend(super::identity_decisions::apply(&tx, &records.identity, &actors, now)?);
        record_import(&tx, &merge.added_verdicts, &trust, &created)?;
        // Inside the transaction, which sees the new actors: the check only
        // reads, and should it fail the import is undone rather than
        // reported without the names the checker must look at.
        let mut report = merge.report;
        if report.added != RecordCounts::default() {
            // One audit event per import, naming how much it added, not each row.
            let detail = serde_json::json!({"action": "import", "added": report.added});
            super::history::record_audit(&tx, &created, "import", &detail.to_string())?;
        }
        report.possible_duplicates = super::duplicates::possible_duplicates(&tx, &merge.new_actors)?;
        report.notes.extend(identity_notes);
        report.notes.extend(unverified_note(&merge.added_verdicts, &trust));
        if let (Some(head), false) = (&trust.head, merge.added_verdicts.is_empty()) {
            report.notes.push(ImportNote {
                kind: crate::model::ImportNoteKind::Chain,
                message: format!(
                    "the bundle's history checks out to the sender's head, entry {} sha256 {}: compare it with the \
                     head the sender's `claimtrail verify` shows",
                    head.entries, head.sha256
                ),
            });
        }
        tx.commit()?;
        self.anchor_head();
        self.rebuild_graph();
        self.data_version = super::open::data_version(&self.conn)?;
        Ok(report)
    }
}

struct Merge<'a> {
    tx: &'a Transaction<'a>,
    created: &'a str,
    report: ImportReport,
    /// Ids of the actors this import created, in order.
    new_actors: Vec<String>,
    /// Ids of the verdict events this import added, for the import's audit event.
    added_verdicts: Vec<String>,
}

impl Merge<'_> {
    fn actors(&mut self, actors: &[ActorRecord]) -> Result<HashMap<String, i64>> {
        let mut seqs = HashMap::new();
        for a in actors {
            let seq = match self.live_actor_by_id(&a.id)? {
                Some(seq) => {
                    self.report.existing.actors += 1;
                    seq
                }
                None => match find_actor(self.tx, &a.name) {
                    Ok(Some(row)) => {
                        self.report.existing.actors += 1;
                        row.seq
                    }
                    Ok(None) | Err(Error::Ambiguous { .. }) => self.insert_actor(a)?,
                    Err(e) => return Err(e),
                },
            };
            for alias in &a.aliases {
                match add_alias(self.tx, seq, alias) {
                    Ok(()) => {}
                    Err(Error::Invalid(_)) | Err(Error::Ambiguous { .. }) => self.report.notes.push(
                        ImportNote::skipped(format!("alias `{alias}` of `{}`: it already names another actor", a.name)),
                    ),
                    Err(e) => return Err(e),
                }
            }
            for domain in &a.domains {
                let owner: Option<i64> = self
                    .tx
                    .query_row("SELECT actor_seq FROM actor_domain WHERE domain = ?1", [domain], |r| r.get(0))
                    .optional()?;
                match owner {
                    None => {
                        self.tx.execute(
                            "INSERT INTO actor_domain (domain, actor_seq) VALUES (?1, ?2)",
                            params![domain, seq],
                        )?;
                    }
                    Some(owner) if owner != seq => self
                        .report
                        .notes
                        .push(ImportNote::skipped(format!("domain `{domain}` of `{}`: another actor owns it", a.name))),
                    Some(_) => {}
                }
            }
            seqs.insert(a.id.clone(), seq);
        }
        Ok(seqs)
    }

    /// The live actor an id names, following merges: an actor merged away
    /// here still stands for the one it was merged into.
    fn live_actor_by_id(&self, id: &str) -> Result<Option<i64>> {
        super::identity_decisions::live_actor_seq(self.tx, id)
    }

    fn insert_actor(&mut self, a: &ActorRecord) -> Result<i64> {
        let name = rows::actor_name(&a.name)?;
        let actor = NewActor {
            id: &a.id,
            name: &name,
            kind: a.kind,
            role: a.role.as_deref(),
            state_affiliated: a.state_affiliated,
        };
        let seq = rows::insert_actor(self.tx, &actor, self.created)?;
        self.report.added.actors += 1;
        self.new_actors.push(a.id.clone());
        Ok(seq)
    }

    fn documents(
        &mut self,
        documents: &[DocumentRecord],
        actors: &HashMap<String, i64>,
    ) -> Result<HashMap<String, i64>> {
        let mut seqs = HashMap::new();
        for d in documents {
            let canonical = rows::address(d.url.as_deref())?.map(|(_, canonical)| canonical);
            let by_id: Option<i64> =
                self.tx.query_row("SELECT seq FROM document WHERE id = ?1", [&d.id], |r| r.get(0)).optional()?;
            let found = match (by_id, &canonical) {
                (Some(seq), _) => Some(seq),
                (None, Some(c)) => self
                    .tx
                    .query_row("SELECT seq FROM document WHERE canonical_url = ?1", [c], |r| r.get(0))
                    .optional()?,
                (None, None) => None,
            };
            let seq = match found {
                Some(seq) => {
                    self.report.existing.documents += 1;
                    seq
                }
                None => {
                    let outlet = d.outlet_id.as_ref().map(|o| actors[o.as_str()]);
                    let doc = NewDocument {
                        id: &d.id,
                        url: d.url.as_deref(),
                        canonical_url: canonical.as_deref(),
                        outlet_seq: outlet,
                        title: d.title.as_deref(),
                        byline: d.byline.as_deref(),
                        published_at: d.published_at.as_deref(),
                        retrieved_at: d.retrieved_at.as_deref(),
                        located: d.located,
                    };
                    let seq = rows::insert_document(self.tx, &doc, self.created)?;
                    self.report.added.documents += 1;
                    seq
                }
            };
            if let Some(csl) = &d.csl {
                // The reference as the citation manager described it, kept
                // once: a later file does not rewrite it.
                self.tx.execute(
                    "UPDATE document SET csl = ?1 WHERE seq = ?2 AND csl IS NULL",
                    params![serde_json::Value::Object(csl.clone()).to_string(), seq],
                )?;
            }
            seqs.insert(d.id.clone(), seq);
        }
        Ok(seqs)
    }

    /// Snapshots are append-only history: one already here (by id) is left
    /// as it is, a new one is copied whole so its hashes still verify.
    fn snapshots(&mut self, snapshots: &[SnapshotRecord], documents: &HashMap<String, i64>) -> Result<()> {
        for s in snapshots {
            let present: bool =
                self.tx.query_row("SELECT EXISTS (SELECT 1 FROM snapshot WHERE id = ?1)", [&s.id], |r| r.get(0))?;
            if present {
                self.report.existing.snapshots += 1;
                continue;
            }
            let raw = s.raw_hex.as_deref().map(|h| from_hex(h).expect("checked before the transaction"));
            self.tx.execute(
                "INSERT INTO snapshot (id, document_seq, origin, url, final_url, retrieved_at, http_status, content_type,
                                       raw_encoding, raw, raw_size, raw_sha256, text, text_sha256, metadata, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
                params![
                    s.id,
                    documents[s.document_id.as_str()],
                    s.origin,
                    s.url,
                    s.final_url,
                    s.retrieved_at,
                    s.http_status,
                    s.content_type,
                    s.raw_encoding,
                    raw,
                    s.raw_size,
                    s.raw_sha256,
                    s.text,
                    s.text_sha256,
                    s.metadata,
                    s.created_at
                ],
            )?;
            self.report.added.snapshots += 1;
        }
        Ok(())
    }

    fn claims(&mut self, claims: &[ClaimRecord]) -> Result<HashMap<String, i64>> {
        let mut seqs = HashMap::new();
        for c in claims {
            let key = crate::key::claim_key(&c.text);
            let by_id: Option<(i64, String)> = self
                .tx
                .query_row("SELECT seq, text_key FROM claim WHERE id = ?1", [&c.id], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            let seq = match by_id {
                Some((seq, _)) => {
                    self.report.existing.claims += 1;
                    super::claims::live_claim(self.tx, seq)?
                }
                None => {
                    let by_text = super::claims::claim_by_key(self.tx, &key)?;
                    match by_text {
                        Some((seq, id)) => {
                            self.report.existing.claims += 1;
                            self.report.notes.push(ImportNote {
                                kind: crate::model::ImportNoteKind::Matched,
                                message: format!("claim {} has the same text as claim {id} here; merged into it", c.id),
                            });
                            seq
                        }
                        None => {
                            let seq = rows::insert_claim(self.tx, &c.id, &rows::claim_text(&c.text)?, &c.created_at)?;
                            self.report.added.claims += 1;
                            seq
                        }
                    }
                }
            };
            for case in &c.cases {
                attach_case(self.tx, seq, case)?;
            }
            for tag in c.tags.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
                self.tx
                    .execute("INSERT OR IGNORE INTO claim_tag (claim_seq, tag) VALUES (?1, ?2)", params![seq, tag])?;
            }
            self.desk_fields(c, seq)?;
            seqs.insert(c.id.clone(), seq);
        }
        Ok(seqs)
    }

    /// The review address, assignee, due date and notes a record carries:
    /// a field empty here takes the file's value; one that differs keeps the
    /// local value and is reported as a conflict. Notes are added by id.
    fn desk_fields(&mut self, c: &ClaimRecord, seq: i64) -> Result<()> {
        let here: [Option<String>; 3] =
            self.tx.query_row("SELECT review_url, assignee, due FROM claim WHERE seq = ?1", [seq], |r| {
                Ok([r.get(0)?, r.get(1)?, r.get(2)?])
            })?;
        let fields = [
            ("review_url", "review URL", &c.review_url),
            ("assignee", "assignee", &c.assignee),
            ("due", "due date", &c.due),
        ];
        for ((column, what, theirs), mine) in fields.into_iter().zip(here) {
            let Some(theirs) = theirs else { continue };
            match mine {
                None => {
                    self.tx.execute(&format!("UPDATE claim SET {column} = ?1 WHERE seq = ?2"), params![theirs, seq])?;
                }
                Some(mine) if mine != *theirs => self.report.notes.push(ImportNote {
                    kind: crate::model::ImportNoteKind::Conflict,
                    message: format!("claim {}: the {what} here ({mine}) is kept; the file has {theirs}", c.id),
                }),
                Some(_) => {}
            }
        }
        for note in &c.notes {
            self.tx.execute(
                "INSERT OR IGNORE INTO claim_note (id, claim_seq, author, text, at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![note.id, seq, note.author, note.text, note.at],
            )?;
        }
        Ok(())
    }

    fn appearances(
        &mut self,
        appearances: &[AppearanceRecord],
        claims: &HashMap<String, i64>,
        actors: &HashMap<String, i64>,
        documents: &HashMap<String, i64>,
    ) -> Result<HashMap<String, i64>> {
        let mut seqs = HashMap::new();
        for a in appearances {
            let found: Option<i64> =
                self.tx.query_row("SELECT seq FROM appearance WHERE id = ?1", [&a.id], |r| r.get(0)).optional()?;
            let seq = match found {
                Some(seq) => {
                    self.report.existing.appearances += 1;
                    seq
                }
                None => {
                    let row = NewAppearance {
                        claim_seq: claims[a.claim_id.as_str()],
                        document_seq: a.document_id.as_ref().map(|d| documents[d.as_str()]),
                        actor_seq: actors[a.actor_id.as_str()],
                        quote: a.quote.clone(),
                        prefix: a.prefix.clone(),
                        suffix: a.suffix.clone(),
                        kind: a.kind,
                        cue: a.cue.clone(),
                        stance: a.stance,
                        said_at: a.said_at.clone(),
                        said_at_text: a.said_at_text.clone(),
                        said_where: a.said_where.clone(),
                        role: a.role.clone(),
                    };
                    let seq = rows::insert_appearance(self.tx, &a.id, &row, &a.created_at)?;
                    self.report.added.appearances += 1;
                    seq
                }
            };
            seqs.insert(a.id.clone(), seq);
        }
        Ok(seqs)
    }

    fn relays(&mut self, records: &Records, appearances: &HashMap<String, i64>) -> Result<()> {
        for r in &records.relays {
            let (from, up) = (appearances[r.appearance_id.as_str()], appearances[r.upstream_id.as_str()]);
            // Two ids can name one appearance here only if the database was
            // edited by hand; a self-relay is refused by the schema.
            if from == up {
                continue;
            }
            if rows::insert_relay(self.tx, from, up, r.relation, r.cue.as_deref(), &r.created_at)? {
                self.report.added.relays += 1;
            } else {
                self.report.existing.relays += 1;
            }
        }
        Ok(())
    }

    /// Appends the claim's incoming verdict events that are not here yet.
    /// Nothing is dropped: when both histories moved on to different
    /// statuses, both are kept and the pair is recorded as a conflict to
    /// decide, reported with both reasons. The current status is then the
    /// latest verdict by time, whichever side gave it.
    fn verdicts(&mut self, claim: &ClaimRecord, claim_seq: i64) -> Result<()> {
        if claim.verdicts.is_empty() {
            return Ok(());
        }
        let local = history(self.tx, claim_seq)?;
        let mut missing = Vec::new();
        for v in &claim.verdicts {
            let present: bool =
                self.tx.query_row("SELECT EXISTS (SELECT 1 FROM verdict WHERE id = ?1)", [&v.id], |r| r.get(0))?;
            if present {
                self.report.existing.verdicts += 1;
            } else {
                missing.push(v);
            }
        }
        if missing.is_empty() {
            return Ok(());
        }
        for v in &missing {
            insert_verdict(self.tx, claim_seq, v)?;
            self.report.added.verdicts += 1;
            self.added_verdicts.push(v.id.clone());
        }
        let incoming: HashSet<&str> = claim.verdicts.iter().map(|v| v.id.as_str()).collect();
        let fast_forward = local.iter().all(|v| incoming.contains(v.id.as_str()));
        let (Some(ours), Some(theirs)) = (local.last(), claim.latest()) else {
            return Ok(());
        };
        if fast_forward || ours.status == theirs.status {
            return Ok(());
        }
        super::verdicts::record_conflict(self.tx, claim_seq, &ours.id, &theirs.id, self.created)?;
        let now = history(self.tx, claim_seq)?.last().map(|v| v.status).unwrap_or_default();
        self.report.notes.push(ImportNote {
            kind: crate::model::ImportNoteKind::Conflict,
            message: format!(
                "claim {:?} was {} here ({}: {:?}) but is {} in the import ({}: {:?}); both verdicts are kept, the \
                 claim now reads {now} (the later one), and the conflict is listed by `claimtrail conflicts` until \
                 a status set here decides it",
                clipped(&claim.text),
                ours.status,
                ours.author,
                clipped(&ours.reason),
                theirs.status,
                theirs.author,
                clipped(&theirs.reason),
            ),
        });
        Ok(())
    }
}

/// Refuses verdicts dated more than a day after the import (a day allows for
/// a colleague's clock and time zone): the latest verdict by time is the
/// claim's status, so one from the future would outrank every status set
/// here until then.
fn refuse_future_verdicts(records: &Records, now: DateTime<Utc>) -> Result<()> {
    let limit = now + chrono::Duration::days(1);
    for c in &records.claims {
        if let Some(v) = c.verdicts.iter().find(|v| crate::when::is_after(&v.at, limit)) {
            return Err(Error::invalid(format!(
                "a verdict on claim {:?} is dated {}, later than this import: it would outrank every status set here \
                 until then; nothing was imported",
                clipped(&c.text),
                v.at
            )));
        }
    }
    Ok(())
}

/// The import report's line on verdicts that arrived unverified, if any did.
fn unverified_note(added: &[String], trust: &CarriedTrust) -> Option<ImportNote> {
    let doubted = added.iter().filter(|id| trust.doubt(id).is_some()).count();
    let why = match (doubted, trust.summary(), added.iter().find_map(|id| trust.doubt(id))) {
        (0, _, _) => return None,
        (_, Some(all), _) => all,
        (_, None, Some(first)) => format!("the first: {first}"),
        (_, None, None) => return None,
    };
    Some(ImportNote {
        kind: crate::model::ImportNoteKind::Unverified,
        message: format!(
            "{doubted} of {} verdict event(s) were added as unverified imports, shown as such and never as their \
             author's own: {why}",
            added.len()
        ),
    })
}

/// The lower-case hyphenated form of a UUID written in any case or form
/// (`0198ABCD-…`, braced, URN, without hyphens); `None` for anything else.
pub(crate) fn canonical_id(raw: &str) -> Option<String> {
    uuid::Uuid::try_parse(raw.trim()).ok().map(|id| id.hyphenated().to_string())
}

/// The records with every id and every reference to one in the canonical
/// form of [`canonical_id`]: the commands that find a record by id or by a
/// prefix of it (`show`, `status`, `trace`, `export --claim`) read lower-case
/// hex, so an id stored any other way could never be typed back. An id that
/// is not a UUID at all is refused, naming the record, before anything is
/// written. Verdict times are put in their one stored form here too (they
/// are ordered by it), a time that is not one refused the same way.
fn normalised_ids(records: &Records) -> Result<Records> {
    fn fix(id: &mut String, record: impl Fn() -> String, field: &str) -> Result<()> {
        match canonical_id(id) {
            Some(canonical) => {
                *id = canonical;
                Ok(())
            }
            None => Err(Error::invalid(format!(
                "{}: {field} {:?} is not a UUID; nothing was imported",
                record(),
                clipped(id)
            ))),
        }
    }
    let mut out = records.clone();
    for c in &mut out.claims {
        let claim = format!("claim {:?}", clipped(&c.text));
        fix(&mut c.id, || claim.clone(), "id")?;
        for v in &mut c.verdicts {
            fix(&mut v.id, || format!("a verdict on {claim}"), "id")?;
            // One stored form per time, so verdicts sort by when they were given.
            v.at = parse_when(&v.at).map_err(|e| Error::invalid(format!("a verdict on {claim}: {e}")))?;
        }
    }
    for a in &mut out.actors {
        fix(&mut a.id, || format!("actor {:?}", clipped(&a.name)), "id")?;
    }
    for d in &mut out.documents {
        let document = format!("document {:?}", clipped(d.url.as_deref().or(d.title.as_deref()).unwrap_or(&d.id)));
        fix(&mut d.id, || document.clone(), "id")?;
        if let Some(outlet) = &mut d.outlet_id {
            fix(outlet, || document.clone(), "outlet_id")?;
        }
    }
    for s in &mut out.snapshots {
        let snapshot = format!("the snapshot of {:?}", clipped(&s.url));
        fix(&mut s.id, || snapshot.clone(), "id")?;
        fix(&mut s.document_id, || snapshot.clone(), "document_id")?;
    }
    for a in &mut out.appearances {
        let appearance = format!("appearance {:?}", clipped(&a.id));
        fix(&mut a.id, || appearance.clone(), "id")?;
        fix(&mut a.claim_id, || appearance.clone(), "claim_id")?;
        fix(&mut a.actor_id, || appearance.clone(), "actor_id")?;
        if let Some(document) = &mut a.document_id {
            fix(document, || appearance.clone(), "document_id")?;
        }
    }
    for r in &mut out.relays {
        let relay = format!("the relay {:?} → {:?}", clipped(&r.upstream_id), clipped(&r.appearance_id));
        fix(&mut r.appearance_id, || relay.clone(), "appearance_id")?;
        fix(&mut r.upstream_id, || relay.clone(), "upstream_id")?;
    }
    Ok(out)
}

/// At most 60 characters of a text quoted in an error line.
fn clipped(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}

/// Validates the desk fields of the claims as the desk commands would
/// (review address, assignee, due date, notes) and writes note ids in the
/// form the store keeps.
fn checked_desk_fields(records: &mut Records) -> Result<()> {
    for c in &mut records.claims {
        let what = |field: &str, e: Error| Error::invalid(format!("claim {}: {field}: {e}", c.id));
        if let Some(url) = &c.review_url {
            crate::web_address::parse_http(url.trim()).map_err(|e| what("review URL", e))?;
        }
        if let Some(a) = &c.assignee {
            super::desk::label("assignee", a).map_err(|e| what("assignee", e))?;
        }
        if let Some(due) = &c.due {
            if super::desk::parse_due(due).map_err(|e| what("due date", e))? != *due {
                return Err(what("due date", Error::invalid(format!("`{due}` is not written YYYY-MM-DD"))));
            }
        }
        for note in &mut c.notes {
            note.id = canonical_id(&note.id)
                .ok_or_else(|| Error::invalid(format!("claim {}: a note's id {:?} is not a UUID", c.id, note.id)))?;
            if note.text.trim().is_empty() || note.text.chars().count() > super::desk::MAX_NOTE_CHARS {
                return Err(Error::invalid(format!("claim {}: note {} is empty or too long", c.id, note.id)));
            }
            if note.author.trim().is_empty() || note.at.trim().is_empty() {
                return Err(Error::invalid(format!("claim {}: note {} has no author or time", c.id, note.id)));
            }
        }
    }
    Ok(())
}

/// Validates the records and drops exact repeats; refuses an id used twice
/// with different content.
fn checked(records: &Records) -> Result<Records> {
    fn unique<T: Clone + PartialEq>(rows: &[T], id: impl Fn(&T) -> &str, what: &str) -> Result<Vec<T>> {
        let mut seen: HashMap<&str, &T> = HashMap::new();
        let mut out = Vec::new();
        for row in rows {
            let key = id(row);
            if key.trim().is_empty() {
                return Err(Error::invalid(format!("a {what} has an empty id")));
            }
            match seen.get(key) {
                Some(earlier) if *earlier == row => {}
                Some(_) => return Err(Error::invalid(format!("{what} id {key} is used twice with different content"))),
                None => {
                    seen.insert(key, row);
                    out.push(row.clone());
                }
            }
        }
        Ok(out)
    }
    let out = Records {
        claims: unique(&records.claims, |c| &c.id, "claim")?,
        actors: unique(&records.actors, |a| &a.id, "actor")?,
        documents: unique(&records.documents, |d| &d.id, "document")?,
        snapshots: unique(&records.snapshots, |s| &s.id, "snapshot")?,
        appearances: unique(&records.appearances, |a| &a.id, "appearance")?,
        relays: records.relays.clone(),
        chain: records.chain.clone(),
        identity: records.identity.clone(),
    };
    let verdicts: Vec<VerdictEvent> = out.claims.iter().flat_map(|c| c.verdicts.iter().cloned()).collect();
    unique(&verdicts, |v| &v.id, "verdict")?;

    let actors: HashSet<&str> = out.actors.iter().map(|a| a.id.as_str()).collect();
    let documents: HashSet<&str> = out.documents.iter().map(|d| d.id.as_str()).collect();
    let claims: HashSet<&str> = out.claims.iter().map(|c| c.id.as_str()).collect();
    let appearances: HashSet<&str> = out.appearances.iter().map(|a| a.id.as_str()).collect();
    for a in &out.actors {
        rows::actor_name(&a.name).map_err(|e| Error::invalid(format!("actor {}: {e}", a.id)))?;
    }
    for c in &out.claims {
        rows::claim_text(&c.text).map_err(|e| Error::invalid(format!("claim {}: {e}", c.id)))?;
        for v in &c.verdicts {
            if v.reason.trim().is_empty() || v.author.trim().is_empty() {
                return Err(Error::invalid(format!("verdict {} has no reason or no author", v.id)));
            }
            // `at` was read and normalised by `normalised_ids`.
            for url in &v.evidence {
                web_address::parse_http(url)?;
            }
        }
    }
    for d in &out.documents {
        if let Some(url) = &d.url {
            web_address::parse_http(url)?;
        }
        for date in [&d.published_at, &d.retrieved_at].into_iter().flatten() {
            parse_when(date)?;
        }
        if let Some(o) = &d.outlet_id {
            if !actors.contains(o.as_str()) {
                return Err(Error::invalid(format!(
                    "document {} names outlet {o}, which the import does not hold",
                    d.id
                )));
            }
        }
    }
    for s in &out.snapshots {
        if !documents.contains(s.document_id.as_str()) {
            return Err(Error::invalid(format!("snapshot {} belongs to a document the import does not hold", s.id)));
        }
        if s.raw_hex.as_deref().is_some_and(|h| from_hex(h).is_none()) {
            return Err(Error::invalid(format!("snapshot {} has a body that is not hex", s.id)));
        }
    }
    for a in &out.appearances {
        if !claims.contains(a.claim_id.as_str()) || !actors.contains(a.actor_id.as_str()) {
            return Err(Error::invalid(format!(
                "appearance {} refers to a claim or actor the import does not hold",
                a.id
            )));
        }
        if let Some(d) = &a.document_id {
            if !documents.contains(d.as_str()) {
                return Err(Error::invalid(format!(
                    "appearance {} refers to document {d}, which the import does not hold",
                    a.id
                )));
            }
        }
        if let Some(at) = &a.said_at {
            parse_when(at)?;
        }
    }
    for r in &out.relays {
        if !appearances.contains(r.appearance_id.as_str()) || !appearances.contains(r.upstream_id.as_str()) {
            return Err(Error::invalid(format!(
                "relay {} → {} refers to an appearance the import does not hold",
                r.upstream_id, r.appearance_id
            )));
        }
        if r.appearance_id == r.upstream_id {
            return Err(Error::invalid(format!("appearance {} relays itself", r.appearance_id)));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActorKind, Status};
    use crate::store::{Scope, StatusRequest};

    fn demo_records() -> (Store, Records) {
        let mut store = Store::open_in_memory().unwrap();
        crate::demo::load_demo(&mut store, Utc::now()).unwrap();
        let records = store.records(&Scope::All).unwrap();
        (store, records)
    }

    #[test]
    fn reimporting_adds_nothing() {
        let (_, records) = demo_records();
        let mut mine = Store::open_in_memory().unwrap();
        let first = mine.merge_records(&records, Utc::now()).unwrap();
        assert_eq!(first.added.appearances, records.appearances.len());
        let second = mine.merge_records(&records, Utc::now()).unwrap();
        assert_eq!(second.added, RecordCounts::default(), "{:?}", second.notes);
        assert_eq!(mine.records(&Scope::All).unwrap(), records);
    }

    #[test]
    fn a_look_alike_actor_is_reported_not_merged() {
        let mut mine = Store::open_in_memory().unwrap();
        let (_, mut records) = demo_records();
        crate::demo::load_demo(&mut mine, Utc::now()).unwrap();
        let mut kenya = records.actors.iter().find(|a| a.name == "Kenya Star").unwrap().clone();
        kenya.id = "00000000-0000-7000-8000-000000000001".into();
        kenya.name = "Kenya-Star".into();
        records.actors.push(kenya);
        let report = mine.merge_records(&records, Utc::now()).unwrap();
        assert_eq!(report.added.actors, 1);
        let listed: Vec<(&str, &str)> = report
            .possible_duplicates
            .iter()
            .flat_map(|d| d.candidates.iter().map(|c| (d.new.name.as_str(), c.name.as_str())))
            .collect();
        assert_eq!(listed, [("Kenya-Star", "Kenya Star")]);
        assert!(mine.actors().unwrap().iter().any(|a| a.name == "Kenya-Star"));
    }

    #[test]
    fn a_conflicting_verdict_is_kept_beside_ours_until_a_status_set_here_decides_it() {
        let (mut theirs, _) = demo_records();
        let mut mine = Store::open_in_memory().unwrap();
        mine.merge_records(&theirs.records(&Scope::All).unwrap(), Utc::now()).unwrap();
        let claim = theirs.list(&Default::default()).unwrap()[0].id.clone();
        let req = |status, reason: &str| StatusRequest {
            status,
            reason: reason.into(),
            evidence: vec![],
            author: "A".into(),
        };
        let t0 = Utc::now();
        theirs.set_status(&claim, &req(Status::False, "their maps"), t0).unwrap();
        mine.set_status(&claim, &req(Status::Verified, "our sources"), t0 + chrono::Duration::minutes(5)).unwrap();
        let report = mine.merge_records(&theirs.records(&Scope::All).unwrap(), Utc::now()).unwrap();
        let note = report.notes.iter().find(|n| n.kind == crate::model::ImportNoteKind::Conflict);
        let note = note.unwrap_or_else(|| panic!("{:?}", report.notes));
        assert!(note.message.contains("their maps") && note.message.contains("our sources"), "{}", note.message);
        assert_eq!(report.added.verdicts, 1, "their verdict is kept, not dropped");
        let shown = mine.show(&claim).unwrap();
        assert_eq!(shown.status, Status::Verified, "ours is the later one");
        assert!(shown.history.iter().any(|v| v.reason == "their maps"));
        assert_eq!(shown.conflicts.len(), 1);
        assert_eq!(
            (shown.conflicts[0].ours.status, shown.conflicts[0].theirs.status),
            (Status::Verified, Status::False)
        );
        assert_eq!(mine.verdict_conflicts().unwrap().len(), 1);
        // Importing the same again records nothing new.
        mine.merge_records(&theirs.records(&Scope::All).unwrap(), Utc::now()).unwrap();
        assert_eq!(mine.verdict_conflicts().unwrap().len(), 1);

        mine.set_status(&claim, &req(Status::False, "their maps hold"), Utc::now()).unwrap();
        assert!(mine.show(&claim).unwrap().conflicts.is_empty(), "a status set here decides it");
        mine.undo(1, "A", Utc::now()).unwrap();
        assert_eq!(mine.verdict_conflicts().unwrap().len(), 1, "undoing the decision opens it again");
    }

    #[test]
    fn a_later_verdict_fast_forwards() {
        let (mut theirs, _) = demo_records();
        let mut mine = Store::open_in_memory().unwrap();
        mine.merge_records(&theirs.records(&Scope::All).unwrap(), Utc::now()).unwrap();
        let claim = theirs.list(&Default::default()).unwrap()[0].id.clone();
        let req =
            StatusRequest { status: Status::Contested, reason: "maps".into(), evidence: vec![], author: "A".into() };
        theirs.set_status(&claim, &req, Utc::now()).unwrap();
        let report = mine.merge_records(&theirs.records(&Scope::All).unwrap(), Utc::now()).unwrap();
        assert_eq!(report.added.verdicts, 1);
        assert_eq!(mine.show(&claim).unwrap().status, Status::Contested);
        let history = mine.verify_history().unwrap();
        // Each import's event, the verdict, and the audit event recording
        // that it was imported (unverified: no bundle chain here).
        assert_eq!((history.entries, history.first_broken), (4, None));
        assert!(!mine.show(&claim).unwrap().imported[0].checked);
    }

    #[test]
    fn duplicate_ids_with_different_content_change_nothing() {
        let (_, mut records) = demo_records();
        let mut twin = records.actors[0].clone();
        twin.kind = ActorKind::Government;
        records.actors.push(twin);
        let mut mine = Store::open_in_memory().unwrap();
        let err = mine.merge_records(&records, Utc::now()).unwrap_err().to_string();
        assert!(err.contains("used twice with different content"), "{err}");
        assert!(mine.actors().unwrap().is_empty());
    }

    #[test]
    fn snapshots_travel_whole_and_still_verify() {
        let mut theirs = Store::open_in_memory().unwrap();
        let url = "https://news.example/luhansk";
        theirs.capture_pasted(url, "The whole region, he said.", &Default::default(), Utc::now()).unwrap();
        let mut req =
            crate::LogRequest::new("A region is taken", crate::ActorSpec::named("Governor", ActorKind::Person));
        req.relays.push(crate::RelayStep {
            actor: crate::ActorSpec::named("News", ActorKind::Outlet),
            relation: crate::Relation::Quotes,
            cue: None,
            quote: None,
            document: Some(crate::DocumentSpec { url: Some(url.into()), ..Default::default() }),
        });
        theirs.log(&req, Utc::now()).unwrap();
        let records = theirs.records(&Scope::All).unwrap();
        assert_eq!(records.snapshots.len(), 1);

        let mut mine = Store::open_in_memory().unwrap();
        assert_eq!(mine.merge_records(&records, Utc::now()).unwrap().added.snapshots, 1);
        assert_eq!(mine.merge_records(&records, Utc::now()).unwrap().added.snapshots, 0);
        let check = mine.verify_snapshots().unwrap();
        assert_eq!((check.checked, check.first_mismatch), (1, None));
        assert_eq!(mine.records(&Scope::All).unwrap().snapshots, records.snapshots);
    }

    /// Issue 12, item 14.
    #[test]
    fn ids_in_upper_case_are_stored_lower_case_and_non_uuids_refused() {
        let (_, records) = demo_records();
        let claim = records.claims[0].id.clone();
        let with_claim_id = |new: &str| {
            let mut r = records.clone();
            r.claims[0].id = new.to_string();
            for a in r.appearances.iter_mut().filter(|a| a.claim_id == claim) {
                a.claim_id = new.to_string();
            }
            r
        };

        let mut mine = Store::open_in_memory().unwrap();
        mine.merge_records(&with_claim_id(&claim.to_uppercase()), Utc::now()).unwrap();
        assert_eq!(mine.resolve_claim(&claim).unwrap().id, claim);
        assert_eq!(mine.resolve_claim(&claim[..30]).unwrap().id, claim);

        let mut empty = Store::open_in_memory().unwrap();
        let err = empty.merge_records(&with_claim_id("nul-claim-1"), Utc::now()).unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::InvalidInput);
        let text: String = records.claims[0].text.chars().take(20).collect();
        let err = err.to_string();
        assert!(err.contains("id \"nul-claim-1\" is not a UUID") && err.contains(&text), "{err}");
        assert!(empty.list(&Default::default()).unwrap().is_empty() && empty.actors().unwrap().is_empty());
        // A reference alone is checked too.
        let mut bad_ref = records.clone();
        bad_ref.appearances[0].actor_id = "someone".into();
        let err = empty.merge_records(&bad_ref, Utc::now()).unwrap_err().to_string();
        assert!(err.contains("actor_id \"someone\" is not a UUID"), "{err}");
    }
}
