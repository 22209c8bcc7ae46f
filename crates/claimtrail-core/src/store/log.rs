//! Logging a claim with its speaker and relay chain: the checker's main action.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use super::rows::{self, NewActor, NewAppearance, NewDocument};
use super::{new_id, non_blank, Store};
use crate::error::{Error, Result};
use crate::graph::NodeFacts;
use crate::key::{claim_key, match_key};
use crate::model::{ActorKind, AppearanceKind, Relation, Stance};
use crate::web_address;
use crate::when::stamp;

/// A party named by the user: found by name or alias, created if unknown.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ActorSpec {
    pub name: String,
    /// Used when the actor is created; an existing actor keeps its kind.
    pub kind: Option<ActorKind>,
    /// What the actor is called where the claim appeared: kept with that
    /// appearance, and as the actor's usual role when the actor is new.
    pub role: Option<String>,
    /// Also make `role` the actor's usual role (shown wherever an
    /// appearance has none of its own).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub update_role: Option<bool>,
    /// Aliases to add ("Ushakov" for "Yuri Ushakov").
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Marks an outlet as state-affiliated when created.
    #[serde(default)]
    pub state_affiliated: bool,
}

impl ActorSpec {
    pub fn named(name: &str, kind: ActorKind) -> ActorSpec {
        ActorSpec { name: name.to_string(), kind: Some(kind), ..ActorSpec::default() }
    }
}

/// Where a relay step was published. With a URL the document is located; a
/// document without one is located only when `located` says so (the checker
/// holds a copy), otherwise it is a reference nobody has found yet.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DocumentSpec {
    pub url: Option<String>,
    pub title: Option<String>,
    pub published_at: Option<String>,
    pub located: bool,
}

/// One relay in the chain, in order from the speaker outward.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RelayStep {
    pub actor: ActorSpec,
    pub relation: Relation,
    /// How this relay attributed the claim ("Al Jazeera reported").
    pub cue: Option<String>,
    /// The relay's own wording, when it differs from the speaker's.
    pub quote: Option<String>,
    pub document: Option<DocumentSpec>,
}

/// Everything one "log" action records.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LogRequest {
    /// The proposition, in the checker's words.
    pub claim: String,
    pub speaker: ActorSpec,
    pub quote: Option<String>,
    /// TextQuoteSelector context around `quote`.
    pub prefix: Option<String>,
    pub suffix: Option<String>,
    pub kind: AppearanceKind,
    pub cue: Option<String>,
    pub stance: Stance,
    /// When it was said, as YYYY-MM-DD or RFC 3339.
    pub said_at: Option<String>,
    /// The date as the source wrote it ("on Friday").
    pub said_at_text: Option<String>,
    pub said_where: Option<String>,
    pub relays: Vec<RelayStep>,
    #[serde(default)]
    pub cases: Vec<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Who logs it, named in the log's audit event; absent is recorded as unknown, blank is refused.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub author: Option<String>,
}

impl RelayStep {
    /// A relay that cites the step before it, with no cue, wording or document of its own.
    pub fn cites(actor: ActorSpec) -> RelayStep {
        RelayStep { actor, relation: Relation::Cites, cue: None, quote: None, document: None }
    }
}

impl LogRequest {
    /// A request with the defaults a checker would expect: a direct quote that asserts.
    pub fn new(claim: &str, speaker: ActorSpec) -> LogRequest {
        LogRequest {
            claim: claim.to_string(),
            speaker,
            quote: None,
            prefix: None,
            suffix: None,
            kind: AppearanceKind::Direct,
            cue: None,
            stance: Stance::Asserts,
            said_at: None,
            said_at_text: None,
            said_where: None,
            relays: Vec::new(),
            cases: Vec::new(),
            tags: Vec::new(),
            author: None,
        }
    }
}

/// What a log action stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Logged {
    pub claim_id: String,
    /// True when the claim text was new.
    pub new_claim: bool,
    /// The appearances of the chain, speaker first; reused ones included.
    pub appearance_ids: Vec<String>,
    /// The appearances this action added (the chain minus reused steps): what
    /// an undo takes back.
    pub created_appearance_ids: Vec<String>,
}

/// A relay edge to add to the graph after commit.
struct NewEdge {
    from: i64,
    to: i64,
    relation: Relation,
}

impl Store {
    /// Records a claim's appearance by its speaker and one appearance per relay,
    /// each relaying the one before, in one transaction.
    ///
    /// An existing claim with the same normalised text is reused, and so is any
    /// step of the chain already logged (the same actor carrying the same
    /// upstream), so logging the same chain twice adds nothing.
    pub fn log(&mut self, req: &LogRequest, now: DateTime<Utc>) -> Result<Logged> {
        self.log_onto(req, None, now)
    }

    /// Records a new appearance of the existing claim `claim` (an id or a
    /// unique prefix) like [`Store::log`] does, whatever `req.claim` says:
    /// for a claim worded differently that the checker knows is the same.
    pub fn log_to(&mut self, claim: &str, req: &LogRequest, now: DateTime<Utc>) -> Result<Logged> {
        let target = self.resolve_claim(claim)?;
        self.log_onto(req, Some(target), now)
    }

    fn log_onto(&mut self, req: &LogRequest, target: Option<super::ClaimRef>, now: DateTime<Utc>) -> Result<Logged> {
        let claim_text = match &target {
            Some(claim) => claim.text.clone(),
            None => rows::claim_text(&req.claim)?,
        };
        let said_at = rows::date(req.said_at.as_deref())?;
        if req.author.as_deref().is_some_and(|a| a.trim().is_empty()) {
            return Err(Error::invalid("the author is empty"));
        }
        rows::actor_name(&req.speaker.name)?;
        for step in &req.relays {
            rows::actor_name(&step.actor.name)?;
            if let Some(doc) = &step.document {
                rows::address(doc.url.as_deref())?;
                rows::date(doc.published_at.as_deref())?;
            }
        }
        self.refresh()?;
        let created = stamp(now);

        let tx = self.write_transaction()?;
        // Rows made by this transaction are the ones numbered after these.
        let last_seq = |table: &str| -> Result<i64> {
            Ok(tx.query_row(&format!("SELECT coalesce(max(seq), 0) FROM {table}"), [], |r| r.get(0))?)
        };
        let (actors_before, documents_before) = (last_seq("actor")?, last_seq("document")?);
        let (claim_seq, claim_id, new_claim) = match target {
            Some(claim) => (claim.seq, claim.id, false),
            None => upsert_claim(&tx, &claim_text, &created)?,
        };
        for case in &req.cases {
            attach_case(&tx, claim_seq, case)?;
        }
        for tag in req.tags.iter().filter_map(|t| non_blank(Some(t))) {
            tx.execute("INSERT OR IGNORE INTO claim_tag (claim_seq, tag) VALUES (?1, ?2)", params![claim_seq, tag])?;
        }

        let mut new_nodes = Vec::new();
        let mut new_edges = Vec::new();
        let mut ids = Vec::new();
        let mut created_ids = Vec::new();

        let speaker = ensure_actor(&tx, &req.speaker, ActorKind::Person, &created)?;
        let existing: Option<(i64, String)> = tx
            .query_row(
                "SELECT a.seq, a.id FROM live_appearance a
                 WHERE a.claim_seq = ?1 AND a.actor_seq = ?2 AND a.stance = ?3 AND a.document_seq IS NULL
                   AND (?4 IS NULL OR a.said_at IS NULL OR a.said_at = ?4)
                   AND NOT EXISTS (SELECT 1 FROM live_relay r WHERE r.appearance_seq = a.seq)
                 ORDER BY a.seq LIMIT 1",
                params![claim_seq, speaker.seq, req.stance.as_str(), said_at],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let mut upstream = match existing {
            Some((seq, id)) => {
                // The same appearance logged again: a role it lacked is filled in.
                if let Some(role) = non_blank(req.speaker.role.as_deref()) {
                    tx.execute("UPDATE appearance SET role = coalesce(role, ?1) WHERE seq = ?2", params![role, seq])?;
                }
                ids.push(id);
                seq
            }
            None => {
                let app = NewAppearance {
                    claim_seq,
                    document_seq: None,
                    actor_seq: speaker.seq,
                    quote: non_blank(req.quote.as_deref()),
                    prefix: req.prefix.clone().filter(|s| !s.is_empty()),
                    suffix: req.suffix.clone().filter(|s| !s.is_empty()),
                    kind: req.kind,
                    cue: non_blank(req.cue.as_deref()),
                    stance: req.stance,
                    said_at: said_at.clone(),
                    said_at_text: non_blank(req.said_at_text.as_deref()),
                    said_where: non_blank(req.said_where.as_deref()),
                    role: non_blank(req.speaker.role.as_deref()),
                };
                let (seq, id) = insert_appearance(&tx, &app, &created)?;
                new_nodes.push(NodeFacts {
                    seq,
                    claim_seq,
                    actor_seq: speaker.seq,
                    actor_kind: speaker.kind,
                    located: false,
                    stance: req.stance,
                });
                created_ids.push(id.clone());
                ids.push(id);
                seq
            }
        };

        for (i, step) in req.relays.iter().enumerate() {
            let actor = ensure_actor(&tx, &step.actor, ActorKind::Outlet, &created)?;
            let document = match &step.document {
                Some(doc) => Some(ensure_document(&tx, doc, actor.seq, &created)?),
                None => None,
            };
            let document_seq = document.map(|d| d.0);
            let existing: Option<(i64, String)> = tx
                .query_row(
                    // From the upstream's few citers (CROSS JOIN pins that
                    // order): left to the planner, `document_seq IS ?` read
                    // every appearance without a document, 100 ms at 1M. The
                    // claim is the live one being logged to, so the live
                    // views' claim check is not needed.
                    "SELECT a.seq, a.id FROM relay r CROSS JOIN appearance a ON a.seq = r.appearance_seq
                     WHERE r.upstream_seq = ?4 AND r.deleted_at IS NULL AND a.deleted_at IS NULL
                       AND a.claim_seq = ?1 AND a.actor_seq = ?2 AND a.document_seq IS ?3
                     ORDER BY a.seq LIMIT 1",
                    params![claim_seq, actor.seq, document_seq, upstream],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            if let Some((seq, id)) = existing {
                ids.push(id);
                upstream = seq;
                continue;
            }
            // The last located relay is where the checker read the claim: it
            // carries the speaker's words unless it has its own.
            let is_reading = i + 1 == req.relays.len() && document.map(|d| d.1).unwrap_or(false);
            let quote = non_blank(step.quote.as_deref()).or_else(|| {
                if is_reading {
                    non_blank(req.quote.as_deref())
                } else {
                    None
                }
            });
            let app = NewAppearance {
                claim_seq,
                document_seq,
                actor_seq: actor.seq,
                prefix: if is_reading && step.quote.is_none() { req.prefix.clone() } else { None },
                suffix: if is_reading && step.quote.is_none() { req.suffix.clone() } else { None },
                quote,
                kind: if step.relation == Relation::Paraphrases { AppearanceKind::Indirect } else { req.kind },
                cue: non_blank(step.cue.as_deref()),
                stance: req.stance,
                said_at: None,
                said_at_text: None,
                said_where: None,
                role: non_blank(step.actor.role.as_deref()),
            };
            let (seq, id) = insert_appearance(&tx, &app, &created)?;
            rows::insert_relay(&tx, seq, upstream, step.relation, non_blank(step.cue.as_deref()).as_deref(), &created)?;
            new_nodes.push(NodeFacts {
                seq,
                claim_seq,
                actor_seq: actor.seq,
                actor_kind: actor.kind,
                located: document.map(|d| d.1).unwrap_or(false),
                stance: req.stance,
            });
            new_edges.push(NewEdge { from: seq, to: upstream, relation: step.relation });
            created_ids.push(id.clone());
            ids.push(id);
            upstream = seq;
        }
        if new_claim || !created_ids.is_empty() {
            let detail = log_detail(
                &tx,
                req,
                (&claim_id, &claim_text, new_claim),
                &created_ids,
                actors_before,
                documents_before,
            )?;
            super::history::record_audit(&tx, &created, "log", &detail)?;
        }
        if let Some(first) = created_ids.first() {
            let change = super::corrections::Change::Log {
                claim: claim_id.clone(),
                appearances: created_ids.clone(),
                new_claim,
            };
            super::undo::push_step(&tx, "log", &[change], Some(first))?;
        }
        tx.commit()?;
        self.anchor_head();

        if let Some(graph) = self.built_graph() {
            for node in new_nodes {
                graph.add_node(node);
            }
            for e in new_edges {
                graph.add_edge(e.from, e.to, e.relation);
            }
        }
        // Another process may have committed between our refresh and our
        // transaction; its rows are then picked up now.
        self.refresh()?;
        Ok(Logged { claim_id, new_claim, appearance_ids: ids, created_appearance_ids: created_ids })
    }
}

fn upsert_claim(tx: &Transaction, text: &str, created: &str) -> Result<(i64, String, bool)> {
    let key = claim_key(text);
    if let Some((seq, id)) = super::claims::claim_by_key(tx, &key)? {
        return Ok((seq, id, false));
    }
    let id = new_id();
    let seq = rows::insert_claim(tx, &id, text, created)?;
    Ok((seq, id, true))
}

/// The audit detail of a log: who logged it, the claim, and the
/// appearances, actors and documents it created (rows numbered after
/// `actors_before` and `documents_before`), as canonical JSON.
fn log_detail(
    tx: &Transaction,
    req: &LogRequest,
    (claim_id, claim_text, new_claim): (&str, &str, bool),
    appearances: &[String],
    actors_before: i64,
    documents_before: i64,
) -> Result<String> {
    let named = |sql: &str, label: &str, after: i64| -> Result<Vec<serde_json::Value>> {
        let mut stmt = tx.prepare_cached(sql)?;
        let rows = stmt
            .query_map([after], |r| {
                let mut row = serde_json::Map::new();
                row.insert("id".into(), r.get::<_, String>(0)?.into());
                row.insert(label.into(), r.get::<_, Option<String>>(1)?.into());
                Ok(serde_json::Value::Object(row))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    };
    let detail = serde_json::json!({
        "action": "log",
        "author": non_blank(req.author.as_deref()),
        "claims": [claim_id],
        "claim": {"id": claim_id, "text": claim_text, "new": new_claim},
        "appearances": appearances,
        "actors_created": named("SELECT id, name FROM actor WHERE seq > ?1 ORDER BY seq", "name", actors_before)?,
        "documents_created": named("SELECT id, url FROM document WHERE seq > ?1 ORDER BY seq", "url", documents_before)?,
    });
    let bytes = serde_jcs::to_vec(&detail).map_err(|e| Error::invalid(format!("cannot serialise the log: {e}")))?;
    Ok(String::from_utf8(bytes).expect("JSON is UTF-8"))
}

pub(super) fn attach_case(tx: &Transaction, claim_seq: i64, case: &str) -> Result<()> {
    let Some(name) = non_blank(Some(case)) else { return Ok(()) };
    let key = match_key(&name);
    tx.execute("INSERT OR IGNORE INTO case_file (name, name_key) VALUES (?1, ?2)", params![name, key])?;
    tx.execute(
        "INSERT OR IGNORE INTO claim_case (claim_seq, case_seq) SELECT ?1, seq FROM case_file WHERE name_key = ?2",
        params![claim_seq, key],
    )?;
    Ok(())
}

/// A live actor as the log needs it.
#[derive(Clone, Copy)]
pub(super) struct ActorRow {
    pub seq: i64,
    pub kind: ActorKind,
}

/// Finds a live actor whose name or alias has the key of `name`.
pub(super) fn find_actor(tx: &rusqlite::Connection, name: &str) -> Result<Option<ActorRow>> {
    let key = match_key(name);
    let by_name = tx
        .query_row("SELECT seq, kind FROM actor WHERE name_key = ?1 AND merged_into IS NULL", [&key], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })
        .optional()?;
    let found = match by_name {
        Some(row) => Some(row),
        None => {
            let mut stmt = tx.prepare(
                "SELECT a.seq, a.kind FROM actor_alias al JOIN actor a ON a.seq = al.actor_seq
                 WHERE al.alias_key = ?1 AND a.merged_into IS NULL",
            )?;
            let rows: Vec<(i64, String)> =
                stmt.query_map([&key], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
            if rows.len() > 1 {
                return Err(Error::Ambiguous { what: "actor", key: name.trim().to_string(), count: rows.len() });
            }
            rows.into_iter().next()
        }
    };
    found.map(|(seq, kind)| Ok(ActorRow { seq, kind: kind.parse()? })).transpose()
}

pub(super) fn ensure_actor(
    tx: &Transaction,
    spec: &ActorSpec,
    default_kind: ActorKind,
    created: &str,
) -> Result<ActorRow> {
    let role = non_blank(spec.role.as_deref());
    let row = match find_actor(tx, &spec.name)? {
        Some(row) => {
            // A role typed while logging is what this article called the
            // actor; the usual role changes only when the checker says so.
            if let (Some(role), Some(true)) = (&role, spec.update_role) {
                tx.execute("UPDATE actor SET role = ?1 WHERE seq = ?2", params![role, row.seq])?;
            }
            row
        }
        None => {
            let kind = spec.kind.unwrap_or(default_kind);
            let name = rows::actor_name(&spec.name)?;
            let actor = NewActor {
                id: &new_id(),
                name: &name,
                kind,
                role: role.as_deref(),
                state_affiliated: spec.state_affiliated,
            };
            ActorRow { seq: rows::insert_actor(tx, &actor, created)?, kind }
        }
    };
    for alias in spec.aliases.iter().filter_map(|a| non_blank(Some(a))) {
        add_alias(tx, row.seq, &alias)?;
    }
    Ok(row)
}

/// Adds an alias unless it already names this actor; refuses one that names another live actor.
pub(super) fn add_alias(tx: &rusqlite::Connection, actor_seq: i64, alias: &str) -> Result<()> {
    if let Some(other) = find_actor(tx, alias)? {
        if other.seq == actor_seq {
            return Ok(());
        }
        return Err(Error::invalid(format!("the alias `{alias}` already names another actor")));
    }
    tx.execute(
        "INSERT OR IGNORE INTO actor_alias (actor_seq, alias, alias_key) VALUES (?1, ?2, ?3)",
        params![actor_seq, alias, match_key(alias)],
    )?;
    Ok(())
}

/// Returns the document's seq and whether it is located.
fn ensure_document(tx: &Transaction, spec: &DocumentSpec, outlet_seq: i64, created: &str) -> Result<(i64, bool)> {
    let published = rows::date(spec.published_at.as_deref())?;
    let title = non_blank(spec.title.as_deref());
    if let Some((raw, canonical)) = rows::address(spec.url.as_deref())? {
        let url = web_address::parse_http(&raw)?;
        if let Some(seq) = tx
            .query_row("SELECT seq FROM document WHERE canonical_url = ?1", [&canonical], |r| r.get::<_, i64>(0))
            .optional()?
        {
            tx.execute(
                "UPDATE document SET published_at = coalesce(published_at, ?2), title = coalesce(title, ?3),
                        outlet_seq = coalesce(outlet_seq, ?4)
                 WHERE seq = ?1",
                params![seq, published, title, outlet_seq],
            )?;
            return Ok((seq, true));
        }
        let id = new_id();
        let doc = NewDocument {
            url: Some(&raw),
            canonical_url: Some(&canonical),
            located: true,
            ..NewDocument::unlocated(&id, outlet_seq, title.as_deref(), published.as_deref())
        };
        let seq = rows::insert_document(tx, &doc, created)?;
        if let Some(domain) = web_address::outlet_domain(&url) {
            tx.execute(
                "INSERT OR IGNORE INTO actor_domain (domain, actor_seq)
                 SELECT ?1, ?2 WHERE (SELECT kind FROM actor WHERE seq = ?2) IN ('outlet', 'agency')",
                params![domain, outlet_seq],
            )?;
        }
        return Ok((seq, true));
    }
    if let Some(seq) = tx
        .query_row(
            "SELECT seq FROM document WHERE url IS NULL AND outlet_seq = ?1 AND title IS ?2 AND published_at IS ?3
               AND located = ?4",
            params![outlet_seq, title, published, spec.located],
            |r| r.get::<_, i64>(0),
        )
        .optional()?
    {
        return Ok((seq, spec.located));
    }
    let id = new_id();
    let doc = NewDocument {
        located: spec.located,
        ..NewDocument::unlocated(&id, outlet_seq, title.as_deref(), published.as_deref())
    };
    Ok((rows::insert_document(tx, &doc, created)?, spec.located))
}

fn insert_appearance(tx: &Transaction, a: &NewAppearance, created: &str) -> Result<(i64, String)> {
    let id = new_id();
    let seq = rows::insert_appearance(tx, &id, a, created)?;
    Ok((seq, id))
}
