//! Corrections and tombstones: changing any field of a claim, an appearance,
//! an actor, a document or a relay edge after it was logged, and deleting or
//! restoring an appearance, a relay edge or a claim.
//!
//! Every such action is one transaction that writes the rows (through
//! `rows.rs` where a derived column depends on them), records an audit event
//! in the history chain (the target, the fields before and after, the
//! author) and pushes a step onto the undo stack (`undo.rs`) holding the same
//! [`Change`]s, which are applied backwards to undo and forwards to redo.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::handles::{RecordKind, RecordRef};
use super::history::record_audit;
use super::rows;
use super::{non_blank, Store};
use crate::error::{Error, Result};
use crate::key::{claim_key, match_key};
use crate::model::{ActorKind, AppearanceKind, Relation, Stance};
use crate::when::stamp;

/// The record a change is about. A relay edge is named by its two ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub(super) enum Target {
    Claim { id: String },
    Appearance { id: String },
    Actor { id: String },
    Document { id: String },
    Relay { from: String, to: String },
}

/// One reversible change: the unit of the undo stack.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub(super) enum Change {
    /// Fields of `target` went from `before` to `after`. For a relay edge
    /// whose ends changed, `before` and `after` both hold `from` and `to`.
    Set {
        target: Target,
        before: Map<String, Value>,
        after: Map<String, Value>,
        /// The claim the change is shown under when its target is not a
        /// claim's own record (the role of an appearance's speaker).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        claim: Option<String>,
    },
    /// The record was deleted (a tombstone).
    Delete { target: Target },
    /// The record came back (an undelete, or a relay edge added).
    Undelete { target: Target },
    /// A log added these appearances (and the claim, when it was new).
    Log { claim: String, appearances: Vec<String>, new_claim: bool },
    /// A verdict was recorded.
    Verdict { claim: String, verdict: String },
    /// Memberships or links changed: tags, cases, desk fields, a merge, a
    /// "not the same" decision (`reversible.rs`).
    Move(super::reversible::Move),
}

/// The speaker an appearance is corrected to.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Speaker {
    /// An existing actor, by id.
    Id(String),
    /// A new actor with this name (the checker said it is nobody known).
    New(String),
}

/// The fields to correct; `None` leaves a field as it is. Which fields
/// apply depends on the record: a claim takes `text`; an appearance `by`,
/// `role` (what it called its speaker), `quote`, `kind`, `cue`, `stance`, `said_at`,
/// `document`, `claim` (moves it); an actor `name`, `actor_kind`, `role`,
/// `domains`, `state_affiliated`; a document `url`, `outlet`, `title`,
/// `published`. An empty string clears an optional field.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Edit {
    pub text: Option<String>,
    pub by: Option<Speaker>,
    pub role: Option<String>,
    pub quote: Option<String>,
    pub kind: Option<String>,
    pub cue: Option<String>,
    pub stance: Option<String>,
    pub said_at: Option<String>,
    pub document: Option<String>,
    pub claim: Option<String>,
    pub name: Option<String>,
    pub actor_kind: Option<String>,
    pub domains: Option<Vec<String>>,
    pub state_affiliated: Option<bool>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
}

/// Changes to a relay edge: its relation and its ends.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RelayEdit {
    pub relation: Option<Relation>,
    /// The appearance that carries the claim.
    pub from: Option<String>,
    /// The upstream appearance it took the claim from.
    pub to: Option<String>,
}

/// What an edit, a deletion or an undeletion did.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Corrected {
    pub kind: String,
    pub id: String,
    /// The audited action (`correct_appearance`, `delete_claim`, ...).
    pub action: String,
    /// The record as it now is (`null` for a relay edge or a deleted record).
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub record: Value,
}

/// Reads a text field for the JSON of a change: blank is `null`.
fn text(v: Option<&str>) -> Value {
    non_blank(v).map(Value::String).unwrap_or(Value::Null)
}

fn field_str<'a>(map: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    map.get(key).and_then(Value::as_str)
}

impl Store {
    /// A deleted claim or appearance is restored before it is corrected.
    fn refuse_deleted(&self, record: &RecordRef) -> Result<()> {
        let live = match record.kind {
            RecordKind::Claim => "SELECT EXISTS (SELECT 1 FROM live_claim WHERE seq = ?1)",
            RecordKind::Appearance => "SELECT EXISTS (SELECT 1 FROM live_appearance WHERE seq = ?1)",
            RecordKind::Actor | RecordKind::Document => return Ok(()),
        };
        if self.conn.query_row(live, [record.seq], |r| r.get(0))? {
            return Ok(());
        }
        Err(Error::invalid(format!(
            "{} {} is deleted; `claimtrail undelete` restores it before it is corrected",
            record.kind.as_str(),
            record.id
        )))
    }

    fn resolve_kind(&self, key: &str, kind: RecordKind) -> Result<RecordRef> {
        super::handles::resolve_among(&self.conn, key, &[kind])
    }

    /// Corrects the record `key` names; refused, changing nothing, when a
    /// field does not apply to that record, a value is not valid, or nothing
    /// would change.
    pub fn edit(&mut self, key: &str, edit: &Edit, author: &str, now: DateTime<Utc>) -> Result<Corrected> {
        let author = checked_author(author)?;
        self.refresh()?;
        let record = self.resolve_record(key)?;
        self.refuse_deleted(&record)?;
        let changes = self.planned_edit(&record, edit)?;
        let action = format!("correct_{}", record.kind.as_str());
        self.commit_changes(&action, changes, &author, now)?;
        Ok(Corrected {
            kind: record.kind.as_str().to_string(),
            id: record.id.clone(),
            record: self.record_json(&record)?,
            action,
        })
    }

    /// Corrects the relay edge from `from` to `to` (appearance ids).
    pub fn edit_relay(
        &mut self,
        from: &str,
        to: &str,
        edit: &RelayEdit,
        author: &str,
        now: DateTime<Utc>,
    ) -> Result<Corrected> {
        let author = checked_author(author)?;
        self.refresh()?;
        let target = self.live_relay_target(from, to)?;
        let Target::Relay { from: old_from, to: old_to } = &target else { unreachable!("a relay target") };
        let relation: String = self.conn.query_row(
            "SELECT r.relation FROM relay r JOIN appearance a ON a.seq = r.appearance_seq
               JOIN appearance u ON u.seq = r.upstream_seq WHERE a.id = ?1 AND u.id = ?2",
            [old_from, old_to],
            |r| r.get(0),
        )?;
        let new_from = match &edit.from {
            Some(k) => self.resolve_kind(k, RecordKind::Appearance)?.id,
            None => old_from.clone(),
        };
        let new_to = match &edit.to {
            Some(k) => self.resolve_kind(k, RecordKind::Appearance)?.id,
            None => old_to.clone(),
        };
        if new_from == new_to {
            return Err(Error::invalid("an appearance cannot relay itself"));
        }
        if edit.from.is_some() || edit.to.is_some() {
            let (from_claim, to_claim) = (self.appearance_seq(&new_from)?.1, self.appearance_seq(&new_to)?.1);
            self.one_claim(
                (edit.from.as_deref().unwrap_or(from), from_claim),
                (edit.to.as_deref().unwrap_or(to), to_claim),
            )?;
        }
        let new_relation = edit.relation.map(|r| r.as_str().to_string()).unwrap_or_else(|| relation.clone());
        let before = obj(json!({"from": old_from, "to": old_to, "relation": relation}));
        let after = obj(json!({"from": new_from, "to": new_to, "relation": new_relation}));
        if before == after {
            return Err(Error::invalid("nothing to change: the relay edge already has these values"));
        }
        let change = Change::Set { target, before, after, claim: None };
        self.commit_changes("correct_relay", vec![change], &author, now)?;
        Ok(Corrected {
            kind: "relay".into(),
            id: format!("{new_from}>{new_to}"),
            action: "correct_relay".into(),
            record: Value::Null,
        })
    }

    /// Deletes an appearance or a claim: it leaves every count, list, trace,
    /// search and export; its history stays and [`Store::undelete`] restores it.
    pub fn delete(&mut self, key: &str, author: &str, now: DateTime<Utc>) -> Result<Corrected> {
        self.tombstone(key, true, author, now)
    }

    /// Restores a deleted appearance or claim.
    pub fn undelete(&mut self, key: &str, author: &str, now: DateTime<Utc>) -> Result<Corrected> {
        self.tombstone(key, false, author, now)
    }

    fn tombstone(&mut self, key: &str, delete: bool, author: &str, now: DateTime<Utc>) -> Result<Corrected> {
        let author = checked_author(author)?;
        self.refresh()?;
        let record = self.resolve_record(key)?;
        let target = match record.kind {
            RecordKind::Claim => Target::Claim { id: record.id.clone() },
            RecordKind::Appearance => Target::Appearance { id: record.id.clone() },
            other => {
                return Err(Error::invalid(format!(
                "{} is {}: only appearances, relay edges and claims are deleted (`relay delete FROM TO` for an edge)",
                record.id,
                if other == RecordKind::Actor { "an actor" } else { "a document" }
            )))
            }
        };
        let change = if delete { Change::Delete { target } } else { Change::Undelete { target } };
        let action = format!("{}_{}", if delete { "delete" } else { "undelete" }, record.kind.as_str());
        self.commit_changes(&action, vec![change], &author, now)?;
        let shown = if delete { Value::Null } else { self.record_json(&record)? };
        Ok(Corrected { kind: record.kind.as_str().to_string(), id: record.id, action, record: shown })
    }

    /// Deletes the relay edge from `from` to `to` (a tombstone, restored by
    /// [`Store::undelete_relay`] or an undo).
    pub fn delete_relay(&mut self, from: &str, to: &str, author: &str, now: DateTime<Utc>) -> Result<Corrected> {
        let author = checked_author(author)?;
        self.refresh()?;
        let target = self.relay_target(from, to)?;
        let id = relay_label(&target);
        self.commit_changes("delete_relay", vec![Change::Delete { target }], &author, now)?;
        Ok(Corrected { kind: "relay".into(), id, action: "delete_relay".into(), record: Value::Null })
    }

    /// Restores a deleted relay edge.
    pub fn undelete_relay(&mut self, from: &str, to: &str, author: &str, now: DateTime<Utc>) -> Result<Corrected> {
        let author = checked_author(author)?;
        self.refresh()?;
        let target = self.relay_target(from, to)?;
        let id = relay_label(&target);
        self.commit_changes("undelete_relay", vec![Change::Undelete { target }], &author, now)?;
        Ok(Corrected { kind: "relay".into(), id, action: "undelete_relay".into(), record: Value::Null })
    }

    fn relay_target(&self, from: &str, to: &str) -> Result<Target> {
        let from = self.resolve_kind(from, RecordKind::Appearance)?;
        let to = self.resolve_kind(to, RecordKind::Appearance)?;
        if from.seq == to.seq {
            return Err(Error::invalid("an appearance cannot relay itself"));
        }
        let exists: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM relay WHERE appearance_seq = ?1 AND upstream_seq = ?2)",
            [from.seq, to.seq],
            |r| r.get(0),
        )?;
        if !exists {
            return Err(Error::NotFound { what: "relay edge", key: format!("{} > {}", from.id, to.id) });
        }
        Ok(Target::Relay { from: from.id, to: to.id })
    }

    fn live_relay_target(&self, from: &str, to: &str) -> Result<Target> {
        let target = self.relay_target(from, to)?;
        let Target::Relay { from: f, to: t } = &target else { unreachable!("a relay target") };
        let live: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM live_relay r JOIN appearance a ON a.seq = r.appearance_seq
               JOIN appearance u ON u.seq = r.upstream_seq WHERE a.id = ?1 AND u.id = ?2)",
            [f, t],
            |r| r.get(0),
        )?;
        if !live {
            return Err(Error::invalid(format!("the relay edge {f} > {t} is deleted")));
        }
        Ok(target)
    }

    /// The changes an edit makes, validated, with the values before.
    fn planned_edit(&self, record: &RecordRef, edit: &Edit) -> Result<Vec<Change>> {
        let allowed: &[&str] = match record.kind {
            RecordKind::Claim => &["text"],
            RecordKind::Appearance => &["by", "role", "quote", "kind", "cue", "stance", "said-at", "document", "claim"],
            RecordKind::Actor => &["name", "kind", "role", "domain", "state-affiliated"],
            RecordKind::Document => &["url", "outlet", "title", "published"],
        };
        let given: Vec<&str> = [
            ("text", edit.text.is_some()),
            ("by", edit.by.is_some()),
            ("role", edit.role.is_some()),
            ("quote", edit.quote.is_some()),
            ("kind", edit.kind.is_some() || edit.actor_kind.is_some()),
            ("cue", edit.cue.is_some()),
            ("stance", edit.stance.is_some()),
            ("said-at", edit.said_at.is_some()),
            ("document", edit.document.is_some()),
            ("claim", edit.claim.is_some()),
            ("name", edit.name.is_some()),
            ("domain", edit.domains.is_some()),
            ("state-affiliated", edit.state_affiliated.is_some()),
            ("url", edit.url.is_some()),
            ("outlet", edit.outlet.is_some()),
            ("title", edit.title.is_some()),
            ("published", edit.published.is_some()),
        ]
        .into_iter()
        .filter_map(|(name, set)| set.then_some(name))
        .collect();
        if given.is_empty() {
            return Err(Error::invalid(format!("nothing to change: give a field to correct ({})", allowed.join(", "))));
        }
        if let Some(wrong) = given.iter().find(|g| !allowed.contains(g)) {
            return Err(Error::invalid(format!(
                "`{wrong}` cannot be corrected on {} {}; its fields are {}",
                if record.kind == RecordKind::Appearance || record.kind == RecordKind::Actor { "an" } else { "a" },
                record.kind.as_str(),
                allowed.join(", ")
            )));
        }
        let mut changes = Vec::new();
        let mut after = Map::new();
        match record.kind {
            RecordKind::Claim => {
                let text = rows::claim_text(edit.text.as_deref().unwrap_or_default())?;
                after.insert("text".into(), Value::String(text));
            }
            RecordKind::Appearance => {
                let mut speaker: Option<String> = None;
                if let Some(by) = &edit.by {
                    let id = match by {
                        Speaker::Id(k) => self.resolve_kind(k, RecordKind::Actor)?.id,
                        // Created in the transaction, see `apply_set`.
                        Speaker::New(name) => format!("new:{}", rows::actor_name(name)?),
                    };
                    speaker = Some(id.clone());
                    after.insert("actor".into(), Value::String(id));
                }
                if let Some(q) = &edit.quote {
                    after.insert("quote".into(), text(Some(q)));
                }
                if let Some(k) = &edit.kind {
                    after.insert("kind".into(), Value::String(k.trim().parse::<AppearanceKind>()?.as_str().into()));
                }
                if let Some(c) = &edit.cue {
                    after.insert("cue".into(), text(Some(c)));
                }
                if let Some(s) = &edit.stance {
                    after.insert("stance".into(), Value::String(s.trim().parse::<Stance>()?.as_str().into()));
                }
                if let Some(d) = &edit.said_at {
                    after.insert("said_at".into(), rows::date(Some(d))?.map(Value::String).unwrap_or(Value::Null));
                }
                if let Some(d) = &edit.document {
                    let doc = match non_blank(Some(d)) {
                        Some(k) => Value::String(self.resolve_document(&k)?.id),
                        None => Value::Null,
                    };
                    after.insert("document".into(), doc);
                }
                if let Some(c) = &edit.claim {
                    after.insert("claim".into(), Value::String(self.resolve_claim(c)?.id));
                }
                if let Some(role) = &edit.role {
                    // What this appearance called its speaker. A speaker
                    // created by this edit takes it as its usual role too.
                    after.insert("role".into(), text(Some(role)));
                    if speaker.as_deref().is_some_and(|id| id.starts_with("new:")) {
                        after.insert("new_actor_role".into(), text(Some(role)));
                    }
                }
            }
            RecordKind::Actor => {
                if let Some(n) = &edit.name {
                    let name = rows::actor_name(n)?;
                    let clash: Option<String> = self
                        .conn
                        .query_row(
                            "SELECT id FROM actor WHERE name_key = ?1 AND merged_into IS NULL AND seq <> ?2",
                            params![match_key(&name), record.seq],
                            |r| r.get(0),
                        )
                        .optional()?;
                    if let Some(other) = clash {
                        return Err(Error::invalid(format!(
                            "`{name}` already names actor {other}; `claimtrail actor merge` joins the two"
                        )));
                    }
                    after.insert("name".into(), Value::String(name));
                }
                if let Some(k) = edit.actor_kind.as_ref().or(edit.kind.as_ref()) {
                    after.insert("kind".into(), Value::String(k.trim().parse::<ActorKind>()?.as_str().into()));
                }
                if let Some(r) = &edit.role {
                    after.insert("role".into(), text(Some(r)));
                }
                if let Some(s) = edit.state_affiliated {
                    after.insert("state_affiliated".into(), Value::Bool(s));
                }
                if let Some(domains) = &edit.domains {
                    let mut list = Vec::new();
                    for d in domains.iter().filter_map(|d| non_blank(Some(d))) {
                        let d = d.trim_start_matches("www.").to_ascii_lowercase();
                        if !d.contains('.') || d.contains(['/', ' ', ':']) {
                            return Err(Error::invalid(format!("`{d}` is not a web domain")));
                        }
                        list.push(Value::String(d));
                    }
                    list.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
                    list.dedup();
                    after.insert("domains".into(), Value::Array(list));
                }
            }
            RecordKind::Document => {
                if let Some(u) = &edit.url {
                    let url = rows::address(Some(u))?.ok_or_else(|| Error::invalid("the document address is empty"))?;
                    after.insert("url".into(), Value::String(url.0));
                }
                if let Some(o) = &edit.outlet {
                    let outlet = match non_blank(Some(o)) {
                        Some(k) => Value::String(self.resolve_actor(&k)?.id),
                        None => Value::Null,
                    };
                    after.insert("outlet".into(), outlet);
                }
                if let Some(t) = &edit.title {
                    after.insert("title".into(), text(Some(t)));
                }
                if let Some(p) = &edit.published {
                    after.insert("published_at".into(), rows::date(Some(p))?.map(Value::String).unwrap_or(Value::Null));
                }
            }
        }
        let target = match record.kind {
            RecordKind::Claim => Target::Claim { id: record.id.clone() },
            RecordKind::Appearance => Target::Appearance { id: record.id.clone() },
            RecordKind::Actor => Target::Actor { id: record.id.clone() },
            RecordKind::Document => Target::Document { id: record.id.clone() },
        };
        if !after.is_empty() {
            let before = read_fields(&self.conn, &target, &after)?;
            if before != after {
                // The speaker first, so a role given with it lands on the new one.
                changes.insert(0, Change::Set { target, before, after, claim: None });
            }
        }
        if changes.is_empty() {
            return Err(Error::invalid(format!(
                "nothing to change: {} {} already has these values",
                record.kind.as_str(),
                record.id
            )));
        }
        Ok(changes)
    }

    /// Applies `changes` forwards in one transaction, records the audit
    /// event and pushes the undo step.
    fn commit_changes(&mut self, action: &str, changes: Vec<Change>, author: &str, now: DateTime<Utc>) -> Result<()> {
        let at = stamp(now);
        let tx = self.write_transaction()?;
        let mut touched = Touched::default();
        let mut applied = Vec::with_capacity(changes.len());
        for change in changes {
            applied.push(apply_change(&tx, &change, true, &at, &mut touched)?);
        }
        let detail = audit_detail(action, &applied, author, &touched)?;
        record_audit(&tx, &at, action, &detail)?;
        super::undo::push_step(&tx, action, &applied, None)?;
        tx.commit()?;
        self.anchor_head();
        self.after_changes(&touched)
    }

    /// Brings the graph in step after changes committed.
    pub(super) fn after_changes(&mut self, touched: &Touched) -> Result<()> {
        if touched.reload {
            self.rebuild_graph();
        } else if let Some(graph) = self.graph.get_mut() {
            graph.resync(&self.conn, &touched.appearances)?;
            graph.update_facts(&self.conn, &touched.facts)?;
            for &(from, upstream) in &touched.edges {
                graph.resync_edge(&self.conn, from, upstream)?;
            }
        }
        self.data_version = super::open::data_version(&self.conn)?;
        Ok(())
    }

    /// A record as JSON, as `show` and `actor` print it.
    pub(crate) fn record_json(&self, record: &RecordRef) -> Result<Value> {
        Ok(match record.kind {
            RecordKind::Claim => serde_json::to_value(self.show(&record.id)?).map_err(json_error)?,
            RecordKind::Appearance => match self.appearances_where("a.seq = ?1", record.seq)?.pop() {
                Some(view) => serde_json::to_value(view).map_err(json_error)?,
                None => Value::Null,
            },
            RecordKind::Actor => serde_json::to_value(self.resolve_actor(&record.id)?).map_err(json_error)?,
            RecordKind::Document => {
                let t = Target::Document { id: record.id.clone() };
                let all = obj(json!({"url": null, "outlet": null, "title": null, "published_at": null}));
                let mut fields = read_fields(&self.conn, &t, &all)?;
                fields.insert("id".into(), Value::String(record.id.clone()));
                Value::Object(fields)
            }
        })
    }
}

pub(super) fn json_error(e: serde_json::Error) -> Error {
    Error::invalid(format!("a stored change cannot be read or written: {e}"))
}

fn obj(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

fn relay_label(target: &Target) -> String {
    match target {
        Target::Relay { from, to } => format!("{from}>{to}"),
        _ => String::new(),
    }
}

pub(super) fn checked_author(author: &str) -> Result<String> {
    non_blank(Some(author)).ok_or_else(|| Error::invalid("the author is empty"))
}

/// What a transaction's changes touched: the graph nodes and edges to read
/// again (or the whole graph), and the claims whose history the audit event
/// belongs to.
#[derive(Default)]
pub(super) struct Touched {
    /// Appearances deleted or restored: their nodes and edges are read again.
    pub appearances: Vec<i64>,
    /// Appearances whose fields changed, not their edges.
    pub facts: Vec<i64>,
    /// Relay edges (from, upstream) deleted, restored or moved.
    pub edges: Vec<(i64, i64)>,
    pub reload: bool,
    pub claims: Vec<String>,
}

impl Touched {
    pub(super) fn claim(&mut self, id: String) {
        if !self.claims.contains(&id) {
            self.claims.push(id);
        }
    }
}

fn seq_of(conn: &Connection, table: &str, id: &str) -> Result<i64> {
    conn.query_row(&format!("SELECT seq FROM {table} WHERE id = ?1"), [id], |r| r.get(0)).optional()?.ok_or_else(|| {
        Error::NotFound {
            what: match table {
                "claim" => "claim",
                "appearance" => "appearance",
                "actor" => "actor",
                _ => "document",
            },
            key: id.to_string(),
        }
    })
}

fn relay_seqs(conn: &Connection, from: &str, to: &str) -> Result<(i64, i64)> {
    Ok((seq_of(conn, "appearance", from)?, seq_of(conn, "appearance", to)?))
}

fn claim_of_appearance(conn: &Connection, seq: i64) -> Result<String> {
    Ok(conn.query_row(
        "SELECT c.id FROM appearance a JOIN claim c ON c.seq = a.claim_seq WHERE a.seq = ?1",
        [seq],
        |r| r.get(0),
    )?)
}

/// The current values of the fields named by the keys of `like`.
fn read_fields(conn: &Connection, target: &Target, like: &Map<String, Value>) -> Result<Map<String, Value>> {
    let mut out = Map::new();
    match target {
        Target::Claim { id } => {
            let text: String = conn.query_row("SELECT text FROM claim WHERE id = ?1", [id], |r| r.get(0))?;
            out.insert("text".into(), Value::String(text));
        }
        Target::Appearance { id } => {
            let names = ["actor", "quote", "kind", "cue", "stance", "said_at", "document", "claim", "role"];
            let values: Vec<Option<String>> = conn.query_row(
                "SELECT ac.id, a.quote, a.kind, a.cue, a.stance, a.said_at, d.id, c.id, a.role
                 FROM appearance a JOIN actor ac ON ac.seq = a.actor_seq JOIN claim c ON c.seq = a.claim_seq
                 LEFT JOIN document d ON d.seq = a.document_seq WHERE a.id = ?1",
                [id],
                |r| (0..names.len()).map(|i| r.get(i)).collect(),
            )?;
            for (name, value) in names.into_iter().zip(values) {
                out.insert(name.into(), value.map(Value::String).unwrap_or(Value::Null));
            }
            out.insert("new_actor_role".into(), Value::Null);
        }
        Target::Actor { id } => {
            let (seq, name, kind, role, state): (i64, String, String, Option<String>, bool) =
                conn.query_row("SELECT seq, name, kind, role, state_affiliated FROM actor WHERE id = ?1", [id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                })?;
            let mut stmt =
                conn.prepare_cached("SELECT domain FROM actor_domain WHERE actor_seq = ?1 ORDER BY domain")?;
            let domains: Vec<Value> =
                stmt.query_map([seq], |r| Ok(Value::String(r.get(0)?)))?.collect::<rusqlite::Result<_>>()?;
            out.insert("name".into(), Value::String(name));
            out.insert("kind".into(), Value::String(kind));
            out.insert("role".into(), role.map(Value::String).unwrap_or(Value::Null));
            out.insert("state_affiliated".into(), Value::Bool(state));
            out.insert("domains".into(), Value::Array(domains));
        }
        Target::Document { id } => {
            let (url, outlet, title, published): (Option<String>, Option<String>, Option<String>, Option<String>) =
                conn.query_row(
                    "SELECT d.url, o.id, d.title, d.published_at FROM document d
                     LEFT JOIN actor o ON o.seq = d.outlet_seq WHERE d.id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )?;
            let opt = |v: Option<String>| v.map(Value::String).unwrap_or(Value::Null);
            out.insert("url".into(), opt(url));
            out.insert("outlet".into(), opt(outlet));
            out.insert("title".into(), opt(title));
            out.insert("published_at".into(), opt(published));
        }
        Target::Relay { from, to } => {
            let (f, t) = relay_seqs(conn, from, to)?;
            let relation: String = conn.query_row(
                "SELECT relation FROM relay WHERE appearance_seq = ?1 AND upstream_seq = ?2",
                [f, t],
                |r| r.get(0),
            )?;
            out.insert("from".into(), Value::String(from.clone()));
            out.insert("to".into(), Value::String(to.clone()));
            out.insert("relation".into(), Value::String(relation));
        }
    }
    out.retain(|k, _| like.contains_key(k));
    Ok(out)
}

/// Applies a change forwards (`forward`) or backwards, returning the change
/// as applied (a new speaker made by an edit is named by its id from then on).
pub(super) fn apply_change(
    tx: &Transaction,
    change: &Change,
    forward: bool,
    at: &str,
    touched: &mut Touched,
) -> Result<Change> {
    match change {
        Change::Set { target, before, after, claim } => {
            let (from, to) = if forward { (before, after) } else { (after, before) };
            let mut to = to.clone();
            write_fields(tx, target, from, &mut to, at, touched)?;
            if let Some(claim) = claim {
                touched.claim(claim.clone());
            }
            Ok(if forward {
                Change::Set { target: target.clone(), before: before.clone(), after: to, claim: claim.clone() }
            } else {
                change.clone()
            })
        }
        Change::Delete { target } => {
            set_deleted(tx, target, forward, at, touched)?;
            Ok(change.clone())
        }
        Change::Undelete { target } => {
            set_deleted(tx, target, !forward, at, touched)?;
            Ok(change.clone())
        }
        Change::Log { claim, appearances, new_claim } => {
            // Forwards the log's rows come (back); backwards they are deleted.
            if *new_claim && forward {
                set_deleted(tx, &Target::Claim { id: claim.clone() }, false, at, touched)?;
            }
            for id in appearances {
                set_deleted(tx, &Target::Appearance { id: id.clone() }, !forward, at, touched)?;
            }
            if *new_claim && !forward {
                set_deleted(tx, &Target::Claim { id: claim.clone() }, true, at, touched)?;
            }
            Ok(change.clone())
        }
        Change::Verdict { claim, verdict } => {
            super::undo::answer_verdict(tx, claim, verdict, forward, at)?;
            touched.claim(claim.clone());
            Ok(change.clone())
        }
        Change::Move(m) => {
            super::reversible::apply_move(tx, m, forward, touched)?;
            Ok(change.clone())
        }
    }
}

/// Writes the fields of `to` onto `target`, which has the values `from`.
fn write_fields(
    tx: &Transaction,
    target: &Target,
    from: &Map<String, Value>,
    to: &mut Map<String, Value>,
    at: &str,
    touched: &mut Touched,
) -> Result<()> {
    let s = |k: &str| field_str(to, k).map(str::to_string);
    match target {
        Target::Claim { id } => {
            let seq = seq_of(tx, "claim", id)?;
            let text = rows::claim_text(&s("text").unwrap_or_default())?;
            let clash: Option<String> = tx
                .query_row(
                    "SELECT id FROM claim WHERE text_key = ?1 AND seq <> ?2",
                    params![claim_key(&text), seq],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(other) = clash {
                return Err(Error::invalid(format!(
                    "claim {other} already has this text; `claimtrail claim merge` joins the two"
                )));
            }
            rows::set_claim_text(tx, seq, &text)?;
            touched.claim(id.clone());
        }
        Target::Appearance { id } => {
            let seq = seq_of(tx, "appearance", id)?;
            touched.claim(claim_of_appearance(tx, seq)?);
            for (key, value) in to.clone() {
                let v = value.as_str();
                match key.as_str() {
                    "actor" => {
                        let actor = match v.and_then(|v| v.strip_prefix("new:")) {
                            Some(name) => {
                                let new = new_speaker(tx, name, to.get("new_actor_role"), at)?;
                                to.insert("actor".into(), Value::String(new.1));
                                new.0
                            }
                            None => seq_of(tx, "actor", v.unwrap_or_default())?,
                        };
                        tx.execute("UPDATE appearance SET actor_seq = ?2 WHERE seq = ?1", params![seq, actor])?;
                    }
                    "quote" => {
                        rows::appearance_field("quote", v)?;
                        tx.execute("UPDATE appearance SET quote = ?2 WHERE seq = ?1", params![seq, v])?;
                    }
                    "kind" => {
                        let kind: AppearanceKind = v.unwrap_or_default().parse()?;
                        tx.execute("UPDATE appearance SET kind = ?2 WHERE seq = ?1", params![seq, kind.as_str()])?;
                    }
                    "cue" => {
                        rows::appearance_field("cue", v)?;
                        tx.execute("UPDATE appearance SET cue = ?2 WHERE seq = ?1", params![seq, v])?;
                    }
                    "stance" => {
                        let stance: Stance = v.unwrap_or_default().parse()?;
                        tx.execute("UPDATE appearance SET stance = ?2 WHERE seq = ?1", params![seq, stance.as_str()])?;
                    }
                    "said_at" => {
                        tx.execute("UPDATE appearance SET said_at = ?2 WHERE seq = ?1", params![seq, v])?;
                    }
                    "role" => {
                        rows::appearance_field("role", v)?;
                        tx.execute("UPDATE appearance SET role = ?2 WHERE seq = ?1", params![seq, v])?;
                    }
                    "document" => {
                        let doc = v.map(|d| seq_of(tx, "document", d)).transpose()?;
                        tx.execute("UPDATE appearance SET document_seq = ?2 WHERE seq = ?1", params![seq, doc])?;
                    }
                    "claim" => {
                        let claim = seq_of(tx, "claim", v.unwrap_or_default())?;
                        tx.execute("UPDATE appearance SET claim_seq = ?2 WHERE seq = ?1", params![seq, claim])?;
                        touched.claim(v.unwrap_or_default().to_string());
                    }
                    _ => {}
                }
            }
            to.remove("new_actor_role");
            touched.facts.push(seq);
        }
        Target::Actor { id } => {
            let seq = seq_of(tx, "actor", id)?;
            for (key, value) in to.iter() {
                match key.as_str() {
                    "name" => {
                        let name = rows::actor_name(value.as_str().unwrap_or_default())?;
                        let clash: bool = tx.query_row(
                            "SELECT EXISTS (SELECT 1 FROM actor WHERE name_key = ?1 AND merged_into IS NULL AND seq <> ?2)",
                            params![match_key(&name), seq],
                            |r| r.get(0),
                        )?;
                        if clash {
                            return Err(Error::invalid(format!("`{name}` already names another actor")));
                        }
                        rows::rename_actor(tx, seq, &name)?;
                    }
                    "kind" => {
                        let kind: ActorKind = value.as_str().unwrap_or_default().parse()?;
                        tx.execute("UPDATE actor SET kind = ?2 WHERE seq = ?1", params![seq, kind.as_str()])?;
                        touched.reload = true;
                    }
                    "role" => {
                        tx.execute("UPDATE actor SET role = ?2 WHERE seq = ?1", params![seq, value.as_str()])?;
                    }
                    "state_affiliated" => {
                        tx.execute(
                            "UPDATE actor SET state_affiliated = ?2 WHERE seq = ?1",
                            params![seq, value.as_bool().unwrap_or(false)],
                        )?;
                    }
                    "domains" => {
                        tx.execute("DELETE FROM actor_domain WHERE actor_seq = ?1", [seq])?;
                        for d in value.as_array().into_iter().flatten().filter_map(Value::as_str) {
                            let owner: Option<String> = tx
                                .query_row(
                                    "SELECT a.name FROM actor_domain d JOIN actor a ON a.seq = d.actor_seq WHERE d.domain = ?1",
                                    [d],
                                    |r| r.get(0),
                                )
                                .optional()?;
                            if let Some(owner) = owner {
                                return Err(Error::invalid(format!("the domain {d} belongs to {owner}")));
                            }
                            tx.execute(
                                "INSERT INTO actor_domain (domain, actor_seq) VALUES (?1, ?2)",
                                params![d, seq],
                            )?;
                        }
                    }
                    _ => {}
                }
            }
        }
        Target::Document { id } => {
            let seq = seq_of(tx, "document", id)?;
            for (key, value) in to.iter() {
                let v = value.as_str();
                match key.as_str() {
                    "url" => {
                        let (url, canonical) =
                            rows::address(v)?.ok_or_else(|| Error::invalid("the document address is empty"))?;
                        let clash: Option<String> = tx
                            .query_row(
                                "SELECT id FROM document WHERE canonical_url = ?1 AND seq <> ?2",
                                params![canonical, seq],
                                |r| r.get(0),
                            )
                            .optional()?;
                        if let Some(other) = clash {
                            return Err(Error::invalid(format!("document {other} already has the address {url}")));
                        }
                        tx.execute(
                            "UPDATE document SET url = ?2, canonical_url = ?3 WHERE seq = ?1",
                            params![seq, url, canonical],
                        )?;
                    }
                    "outlet" => {
                        let outlet = v.map(|o| seq_of(tx, "actor", o)).transpose()?;
                        tx.execute("UPDATE document SET outlet_seq = ?2 WHERE seq = ?1", params![seq, outlet])?;
                    }
                    "title" => {
                        tx.execute("UPDATE document SET title = ?2 WHERE seq = ?1", params![seq, v])?;
                    }
                    "published_at" => {
                        tx.execute("UPDATE document SET published_at = ?2 WHERE seq = ?1", params![seq, v])?;
                    }
                    _ => {}
                }
            }
        }
        Target::Relay { .. } => {
            let old_from = field_str(from, "from").unwrap_or_default();
            let old_to = field_str(from, "to").unwrap_or_default();
            let (f, t) = relay_seqs(tx, old_from, old_to)?;
            let (nf, nt) =
                relay_seqs(tx, field_str(to, "from").unwrap_or(old_from), field_str(to, "to").unwrap_or(old_to))?;
            if nf == nt {
                return Err(Error::invalid("an appearance cannot relay itself"));
            }
            if (nf, nt) != (f, t) {
                let taken: bool = tx.query_row(
                    "SELECT EXISTS (SELECT 1 FROM relay WHERE appearance_seq = ?1 AND upstream_seq = ?2)",
                    [nf, nt],
                    |r| r.get(0),
                )?;
                if taken {
                    return Err(Error::invalid("that relay edge already exists"));
                }
            }
            let relation: Relation = field_str(to, "relation").unwrap_or("cites").parse()?;
            tx.execute(
                "UPDATE relay SET appearance_seq = ?3, upstream_seq = ?4, relation = ?5
                 WHERE appearance_seq = ?1 AND upstream_seq = ?2",
                params![f, t, nf, nt, relation.as_str()],
            )?;
            for s in [f, t, nf, nt] {
                touched.claim(claim_of_appearance(tx, s)?);
            }
            touched.edges.extend([(f, t), (nf, nt)]);
        }
    }
    Ok(())
}

/// Creates the actor an appearance is corrected to when the checker says
/// the speaker is someone new; returns its row and id.
fn new_speaker(tx: &Transaction, name: &str, role: Option<&Value>, at: &str) -> Result<(i64, String)> {
    let name = rows::actor_name(name)?;
    if let Some(row) = super::log::find_actor(tx, &name)? {
        let id = tx.query_row("SELECT id FROM actor WHERE seq = ?1", [row.seq], |r| r.get(0))?;
        return Ok((row.seq, id));
    }
    let id = super::new_id();
    let actor = rows::NewActor {
        id: &id,
        name: &name,
        kind: ActorKind::Person,
        role: role.and_then(Value::as_str),
        state_affiliated: false,
    };
    Ok((rows::insert_actor(tx, &actor, at)?, id))
}

/// Deletes (`deleted`) or restores a record.
fn set_deleted(tx: &Transaction, target: &Target, deleted: bool, at: &str, touched: &mut Touched) -> Result<()> {
    let stamp = deleted.then_some(at);
    match target {
        Target::Appearance { id } => {
            let (seq, was): (i64, Option<String>) = tx
                .query_row("SELECT seq, deleted_at FROM appearance WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?
                .ok_or_else(|| Error::NotFound { what: "appearance", key: id.clone() })?;
            check_state("appearance", id, was.is_some(), deleted)?;
            tx.execute("UPDATE appearance SET deleted_at = ?2 WHERE seq = ?1", params![seq, stamp])?;
            touched.claim(claim_of_appearance(tx, seq)?);
            touched.appearances.push(seq);
        }
        Target::Relay { from, to } => {
            let (f, t) = relay_seqs(tx, from, to)?;
            let was: Option<String> = tx.query_row(
                "SELECT deleted_at FROM relay WHERE appearance_seq = ?1 AND upstream_seq = ?2",
                [f, t],
                |r| r.get(0),
            )?;
            check_state("relay edge", &format!("{from} > {to}"), was.is_some(), deleted)?;
            tx.execute(
                "UPDATE relay SET deleted_at = ?3 WHERE appearance_seq = ?1 AND upstream_seq = ?2",
                params![f, t, stamp],
            )?;
            for s in [f, t] {
                touched.claim(claim_of_appearance(tx, s)?);
            }
            touched.edges.push((f, t));
        }
        Target::Claim { id } => {
            let (seq, was, text, merged): (i64, Option<String>, String, Option<i64>) = tx
                .query_row("SELECT seq, deleted_at, text, merged_into FROM claim WHERE id = ?1", [id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                })
                .optional()?
                .ok_or_else(|| Error::NotFound { what: "claim", key: id.clone() })?;
            check_state("claim", id, was.is_some(), deleted)?;
            if merged.is_some() {
                return Err(Error::invalid(format!("claim {id} was merged into another; delete that one instead")));
            }
            // A deleted claim's key is displaced, so its text can be logged
            // again; undeleting takes the key back if nobody has it.
            let key = if deleted {
                super::claims::displaced_key(&claim_key(&text), id)
            } else {
                let key = claim_key(&text);
                let clash: Option<String> =
                    tx.query_row("SELECT id FROM claim WHERE text_key = ?1", [&key], |r| r.get(0)).optional()?;
                if let Some(other) = clash {
                    return Err(Error::invalid(format!(
                        "claim {other} was logged with the same text since; restore nothing twice: merge them after editing one"
                    )));
                }
                key
            };
            tx.execute("UPDATE claim SET deleted_at = ?2, text_key = ?3 WHERE seq = ?1", params![seq, stamp, key])?;
            touched.claim(id.clone());
            let mut members = tx.prepare_cached("SELECT seq FROM appearance WHERE claim_seq = ?1")?;
            let seqs = members.query_map([seq], |r| r.get::<_, i64>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
            touched.appearances.extend(seqs);
        }
        Target::Actor { .. } | Target::Document { .. } => {
            return Err(Error::invalid("only appearances, relay edges and claims are deleted"));
        }
    }
    Ok(())
}

fn check_state(what: &str, id: &str, was_deleted: bool, deleting: bool) -> Result<()> {
    match (was_deleted, deleting) {
        (true, true) => Err(Error::invalid(format!("{what} {id} is already deleted"))),
        (false, false) => Err(Error::invalid(format!("{what} {id} is not deleted, so there is nothing to restore"))),
        _ => Ok(()),
    }
}

/// The audit detail of an action: what it changed, the claims it is about
/// and who did it, as canonical JSON.
pub(super) fn audit_detail(action: &str, changes: &[Change], author: &str, touched: &Touched) -> Result<String> {
    let detail = json!({
        "action": action,
        "author": author,
        "claims": touched.claims,
        "changes": changes,
    });
    let bytes = serde_jcs::to_vec(&detail).map_err(|e| Error::invalid(format!("cannot serialise the change: {e}")))?;
    Ok(String::from_utf8(bytes).expect("JSON is UTF-8"))
}
