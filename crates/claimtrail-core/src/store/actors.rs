//! Actors: listing, aliases, the audited merge, and the outlet profile.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::log::{add_alias, find_actor};
use super::reversible::{ActorMoves, Move};
use super::{ClaimRef, Store};
use crate::error::{Error, Result};
use crate::key::{look_alike_key, match_key, mixes_scripts};
use crate::model::{ActorKind, Status};
use crate::search::fts_query;
use crate::when::stamp;

/// One actor as the actors list shows it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ActorSummary {
    pub id: String,
    /// The short name to type back ([`Store::resolve_record`]).
    pub handle: String,
    pub name: String,
    pub kind: ActorKind,
    pub role: Option<String>,
    pub aliases: Vec<String>,
    pub domains: Vec<String>,
    pub state_affiliated: bool,
    /// How many appearances this actor made or carried.
    pub appearances: i64,
    /// Other live actors whose names look the same (the same confusable
    /// skeleton) but are different names, such as Latin "Petrov" and "Реtrov"
    /// with Cyrillic letters. They are shown with a warning and never merged
    /// automatically: only `merge_actors` merges.
    pub look_alikes: Vec<LookAlike>,
    /// A word of the name mixes scripts (Latin and Cyrillic letters, say).
    pub mixed_script: bool,
}

/// An actor whose name looks like another's.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LookAlike {
    pub id: String,
    pub name: String,
}

/// The other live actors that look like the actor `seq` named `name` without
/// being the same name, found through the look-alike key's index.
fn look_alikes(conn: &rusqlite::Connection, seq: i64, name: &str) -> Result<Vec<LookAlike>> {
    let key = match_key(name);
    let mut stmt = conn.prepare_cached(
        "SELECT id, name FROM actor WHERE look_key = ?1 AND merged_into IS NULL AND seq != ?2 AND name_key != ?3
         ORDER BY name, id",
    )?;
    let rows =
        stmt.query_map(params![look_alike_key(name), seq, key], |r| Ok(LookAlike { id: r.get(0)?, name: r.get(1)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// What a merge changed.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MergeReport {
    pub kept: ActorSummary,
    pub dropped_id: String,
    pub dropped_name: String,
    pub appearances_moved: usize,
    pub documents_moved: usize,
}

/// An actor's record across all claims.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ActorProfile {
    pub actor: ActorSummary,
    /// Claims this actor is an origin of (its appearance has no upstream).
    pub originated: Vec<ClaimRef>,
    /// Claims this actor carried from someone else.
    pub relayed: Vec<ClaimRef>,
    /// Claims this actor disputed.
    pub disputed: Vec<ClaimRef>,
    /// Of the relayed claims, how many are now false, contested or misleading.
    pub relayed_now_false: usize,
    pub relayed_now_contested: usize,
    pub relayed_now_misleading: usize,
}

impl Store {
    /// Live actors by name.
    pub fn actors(&self) -> Result<Vec<ActorSummary>> {
        self.actors_first(None)
    }

    /// The first `limit` live actors by name (all of them with `None`), and
    /// read through the name index, so a first page costs its own rows only.
    pub fn actors_first(&self, limit: Option<usize>) -> Result<Vec<ActorSummary>> {
        let limit = limit.map_or(-1, |n| i64::try_from(n).unwrap_or(i64::MAX));
        let mut stmt =
            self.conn.prepare_cached("SELECT seq FROM actor WHERE merged_into IS NULL ORDER BY name_key LIMIT ?1")?;
        let seqs = stmt.query_map([limit], |r| r.get::<_, i64>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
        seqs.into_iter().map(|seq| self.actor_summary(seq)).collect()
    }

    /// How many live actors there are.
    pub fn actor_count(&self) -> Result<usize> {
        let n: i64 = self.conn.query_row("SELECT count(*) FROM actor WHERE merged_into IS NULL", [], |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or_default())
    }

    /// Live actors for an autocomplete, at most `limit` of them: those whose
    /// name or an alias is exactly what was typed come first (matched as
    /// `match_key` matches, so case and spacing do not count), then those
    /// with a word of their name or aliases starting with each typed word, by
    /// name. With nothing typed, the first actors by name. Read through the
    /// indexes, so the cost follows `limit`, not the number of actors.
    pub fn suggest_actors(&self, typed: &str, limit: usize) -> Result<Vec<ActorSummary>> {
        let sql_limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let key = match_key(typed);
        let seqs: Vec<i64> = if key.is_empty() {
            let mut stmt = self
                .conn
                .prepare_cached("SELECT seq FROM actor WHERE merged_into IS NULL ORDER BY name_key LIMIT ?1")?;
            let rows = stmt.query_map([sql_limit], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        } else {
            // Exact names and aliases first, each through its index; then word
            // prefixes through the full-text index. One query joining the three
            // with OR scans the actor table instead.
            let mut exact = self.conn.prepare_cached(
                "SELECT seq FROM actor WHERE seq IN (
                     SELECT seq FROM actor WHERE name_key = ?1 AND merged_into IS NULL
                     UNION SELECT actor_seq FROM actor_alias WHERE alias_key = ?1)
                   AND merged_into IS NULL
                 ORDER BY name_key LIMIT ?2",
            )?;
            let mut seqs: Vec<i64> =
                exact.query_map(params![key, sql_limit], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            // `typed` with no word in it (only punctuation, say) can only be an exact name.
            if let Some(words) = fts_query(typed) {
                let mut by_words = self.conn.prepare_cached(
                    "SELECT seq FROM actor WHERE merged_into IS NULL
                       AND seq IN (SELECT rowid FROM actor_fts WHERE actor_fts MATCH ?1)
                     ORDER BY name_key LIMIT ?2",
                )?;
                // `limit` rows hold enough: at most the exact ones are repeated among them.
                let found: Vec<i64> =
                    by_words.query_map(params![words, sql_limit], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
                let exact_count = seqs.len();
                let new: Vec<i64> = found.into_iter().filter(|s| !seqs[..exact_count].contains(s)).collect();
                seqs.extend(new);
                seqs.truncate(limit);
            }
            seqs
        };
        seqs.into_iter().map(|seq| self.actor_summary(seq)).collect()
    }

    /// Finds a live actor by handle, id, name or alias (a unique id prefix
    /// last). The handle or id of an actor merged into another finds the one kept.
    pub fn resolve_actor(&self, key: &str) -> Result<ActorSummary> {
        let by_id = super::handles::resolve_among(&self.conn, key, &[super::handles::RecordKind::Actor]);
        let exact = by_id
            .as_ref()
            .is_ok_and(|r| r.handle == key.trim().to_ascii_lowercase() || r.id == key.trim().to_ascii_lowercase());
        let seq = match (by_id, exact) {
            (Ok(found), true) => found.seq,
            (by_id, _) => match find_actor(&self.conn, key)? {
                Some(row) => row.seq,
                None => match by_id {
                    Ok(found) => found.seq,
                    Err(Error::Ambiguous { what, key, count }) => return Err(Error::Ambiguous { what, key, count }),
                    Err(_) => return Err(Error::NotFound { what: "actor", key: key.trim().into() }),
                },
            },
        };
        self.actor_summary(live_actor(&self.conn, seq)?)
    }

    /// The outlet that owns a web domain (`www.` ignored), if any.
    pub fn outlet_for_domain(&self, domain: &str) -> Result<Option<ActorSummary>> {
        let domain = domain.trim().trim_start_matches("www.").to_ascii_lowercase();
        let seq: Option<i64> = self
            .conn
            .query_row(
                "SELECT a.seq FROM actor_domain d JOIN actor a ON a.seq = d.actor_seq WHERE d.domain = ?1 AND a.merged_into IS NULL",
                [&domain],
                |r| r.get(0),
            )
            .optional()?;
        seq.map(|s| self.actor_summary(s)).transpose()
    }

    fn actor_seq(&self, id: &str) -> Result<i64> {
        Ok(self.conn.query_row("SELECT seq FROM actor WHERE id = ?1", [id], |r| r.get(0))?)
    }

    fn actor_summary(&self, seq: i64) -> Result<ActorSummary> {
        let (id, name, kind, role, state_affiliated): (String, String, String, Option<String>, bool) = self
            .conn
            .query_row("SELECT id, name, kind, role, state_affiliated FROM actor WHERE seq = ?1", [seq], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?;
        let mut aliases_stmt =
            self.conn.prepare_cached("SELECT alias FROM actor_alias WHERE actor_seq = ?1 ORDER BY alias_key")?;
        let aliases = aliases_stmt.query_map([seq], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        let mut domains_stmt =
            self.conn.prepare_cached("SELECT domain FROM actor_domain WHERE actor_seq = ?1 ORDER BY domain")?;
        let domains = domains_stmt.query_map([seq], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        // `live_appearance` counted from the indexes of migration 0011: the
        // actor's appearances not deleted, less those of deleted claims.
        let appearances = self
            .conn
            .prepare_cached(
                "SELECT (SELECT count(*) FROM appearance WHERE actor_seq = ?1 AND deleted_at IS NULL)
                  - (SELECT count(*) FROM appearance WHERE actor_seq = ?1 AND deleted_at IS NULL
                       AND claim_seq IN (SELECT seq FROM claim WHERE deleted_at IS NOT NULL))",
            )?
            .query_row([seq], |r| r.get(0))?;
        Ok(ActorSummary {
            handle: super::handles::handle_of(&self.conn, super::handles::RecordKind::Actor, seq)?,
            look_alikes: look_alikes(&self.conn, seq, &name)?,
            mixed_script: mixes_scripts(&name),
            id,
            name,
            kind: kind.parse()?,
            role,
            aliases,
            domains,
            state_affiliated,
            appearances,
        })
    }

    /// Adds an alias to an actor.
    pub fn add_actor_alias(&mut self, actor: &str, alias: &str) -> Result<ActorSummary> {
        let alias = alias.trim();
        if alias.is_empty() {
            return Err(Error::invalid("the alias is empty"));
        }
        let actor = self.resolve_actor(actor)?;
        let seq = self.actor_seq(&actor.id)?;
        let tx = self.write_transaction()?;
        add_alias(&tx, seq, alias)?;
        tx.commit()?;
        self.anchor_head();
        self.actor_summary(seq)
    }

    /// Merges `drop` into `keep`: every appearance and document of `drop` is
    /// re-pointed to `keep`, its name and aliases become aliases of `keep`, and
    /// the merge is recorded in the audit history and can be undone. Never
    /// done automatically.
    pub fn merge_actors(&mut self, keep: &str, drop: &str, now: DateTime<Utc>) -> Result<MergeReport> {
        let kept = self.resolve_actor(keep)?;
        let dropped = self.resolve_actor(drop)?;
        if kept.id == dropped.id {
            return Err(Error::invalid(format!("`{keep}` and `{drop}` are the same actor")));
        }
        let keep_seq = self.actor_seq(&kept.id)?;
        let drop_seq = self.actor_seq(&dropped.id)?;
        let tx = self.write_transaction()?;
        let (appearances_moved, documents_moved, moves) = merge_actor_rows(
            &tx,
            &Party { seq: keep_seq, id: kept.id, name: kept.name },
            &Party { seq: drop_seq, id: dropped.id.clone(), name: dropped.name.clone() },
            "actor merge",
            now,
        )?;
        super::reversible::push(&tx, "actor_merge", Move::ActorMerge(moves))?;
        tx.commit()?;
        self.anchor_head();
        // Node facts name the actor; a merge is rare, so the graph is rebuilt.
        self.rebuild_graph();
        self.data_version = super::open::data_version(&self.conn)?;
        Ok(MergeReport {
            kept: self.actor_summary(keep_seq)?,
            dropped_id: dropped.id,
            dropped_name: dropped.name,
            appearances_moved,
            documents_moved,
        })
    }

    /// The claims an actor originated, relayed and disputed, and how many of
    /// those it relayed are now judged false, contested or misleading.
    pub fn actor_profile(&self, actor: &str) -> Result<ActorProfile> {
        let summary = self.resolve_actor(actor)?;
        let seq = self.actor_seq(&summary.id)?;
        let claims = |sql: &str| -> Result<Vec<ClaimRef>> {
            let mut stmt = self.conn.prepare_cached(sql)?;
            let rows = stmt
                .query_map([seq], |r| Ok(ClaimRef { seq: r.get(0)?, id: r.get(1)?, text: r.get(2)? }))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(rows)
        };
        let originated = claims(
            "SELECT DISTINCT c.seq, c.id, c.text FROM live_appearance a JOIN claim c ON c.seq = a.claim_seq
             WHERE a.actor_seq = ?1 AND a.stance = 'asserts'
               AND NOT EXISTS (SELECT 1 FROM live_relay r WHERE r.appearance_seq = a.seq) ORDER BY c.seq",
        )?;
        let relayed = claims(
            "SELECT DISTINCT c.seq, c.id, c.text FROM live_appearance a JOIN claim c ON c.seq = a.claim_seq
             WHERE a.actor_seq = ?1 AND a.stance = 'asserts'
               AND EXISTS (SELECT 1 FROM live_relay r WHERE r.appearance_seq = a.seq) ORDER BY c.seq",
        )?;
        let disputed = claims(
            "SELECT DISTINCT c.seq, c.id, c.text FROM live_appearance a JOIN claim c ON c.seq = a.claim_seq
             WHERE a.actor_seq = ?1 AND a.stance = 'disputes' ORDER BY c.seq",
        )?;
        let mut counts = [0usize; 3];
        for c in &relayed {
            let status: Option<String> = self
                .conn
                .query_row("SELECT status FROM verdict WHERE claim_seq = ?1 ORDER BY seq DESC LIMIT 1", [c.seq], |r| {
                    r.get(0)
                })
                .optional()?;
            match status.as_deref().map(str::parse::<Status>).transpose()? {
                Some(Status::False) => counts[0] += 1,
                Some(Status::Contested) => counts[1] += 1,
                Some(Status::Misleading) => counts[2] += 1,
                _ => {}
            }
        }
        Ok(ActorProfile {
            actor: summary,
            originated,
            relayed,
            disputed,
            relayed_now_false: counts[0],
            relayed_now_contested: counts[1],
            relayed_now_misleading: counts[2],
        })
    }
}

/// The live actor an actor was merged into (following merges made in turn), or the actor itself.
fn live_actor(conn: &rusqlite::Connection, mut seq: i64) -> Result<i64> {
    let mut stmt = conn.prepare_cached("SELECT merged_into FROM actor WHERE seq = ?1")?;
    for _ in 0..64 {
        match stmt.query_row([seq], |r| r.get::<_, Option<i64>>(0))? {
            Some(into) => seq = into,
            None => break,
        }
    }
    Ok(seq)
}

/// An actor as a merge or a decision about it names it.
pub(super) struct Party {
    pub(super) seq: i64,
    pub(super) id: String,
    pub(super) name: String,
}

/// Merges `dropped` into `kept` inside `tx`: appearances, documents and
/// domains move, the dropped actor's name and aliases become the kept one's,
/// the decisions "not the same" about it hold for the kept one, and the merge
/// is audited and chained, its detail naming everything that moved and `by`
/// (the command, or the bundle import that carried the sender's merge).
/// Returns how many appearances and documents moved, and what moved as an
/// undo step.
pub(super) fn merge_actor_rows(
    tx: &rusqlite::Connection,
    kept: &Party,
    dropped: &Party,
    by: &str,
    now: DateTime<Utc>,
) -> Result<(usize, usize, ActorMoves)> {
    // What moves is named in the audit detail, so the merge can be taken back.
    let appearance_ids =
        super::column_texts(tx, "SELECT id FROM appearance WHERE actor_seq = ?1 ORDER BY seq", [dropped.seq])?;
    let document_ids =
        super::column_texts(tx, "SELECT id FROM document WHERE outlet_seq = ?1 ORDER BY seq", [dropped.seq])?;
    // The claims whose chains the merge changes: the event is in each one's history.
    let claims = super::column_texts(
        tx,
        "SELECT c.id FROM claim c WHERE c.seq IN (SELECT claim_seq FROM appearance WHERE actor_seq = ?1) ORDER BY c.seq",
        [dropped.seq],
    )?;
    let domains_moved =
        super::column_texts(tx, "SELECT domain FROM actor_domain WHERE actor_seq = ?1 ORDER BY domain", [dropped.seq])?;
    let moved_aliases = super::column_texts(
        tx,
        "SELECT alias FROM actor_alias WHERE actor_seq = ?1 ORDER BY alias_key",
        [dropped.seq],
    )?;
    let appearances_moved =
        tx.execute("UPDATE appearance SET actor_seq = ?1 WHERE actor_seq = ?2", params![kept.seq, dropped.seq])?;
    let documents_moved =
        tx.execute("UPDATE document SET outlet_seq = ?1 WHERE outlet_seq = ?2", params![kept.seq, dropped.seq])?;
    tx.execute("UPDATE actor_domain SET actor_seq = ?1 WHERE actor_seq = ?2", params![kept.seq, dropped.seq])?;
    tx.execute("DELETE FROM actor_alias WHERE actor_seq = ?1", [dropped.seq])?;
    tx.execute("UPDATE actor SET merged_into = ?1 WHERE seq = ?2", params![kept.seq, dropped.seq])?;
    // Whoever `drop` was decided different from, `keep` now is too.
    let distinct_inherited = super::column_texts(
        tx,
        "SELECT a.id FROM actor_distinct d JOIN actor a
               ON a.seq = CASE WHEN d.a_seq = ?1 THEN d.b_seq ELSE d.a_seq END
             WHERE (d.a_seq = ?1 OR d.b_seq = ?1) AND a.seq != ?2
               AND NOT EXISTS (SELECT 1 FROM actor_distinct k
                               WHERE k.a_seq = min(a.seq, ?2) AND k.b_seq = max(a.seq, ?2))
             ORDER BY a.seq",
        params![dropped.seq, kept.seq],
    )?;
    tx.execute(
        "INSERT OR IGNORE INTO actor_distinct (a_seq, b_seq, decided_at)
             SELECT min(other, ?1), max(other, ?1), decided_at FROM (
               SELECT CASE WHEN a_seq = ?2 THEN b_seq ELSE a_seq END AS other, decided_at
               FROM actor_distinct WHERE a_seq = ?2 OR b_seq = ?2)
             WHERE other != ?1",
        params![kept.seq, dropped.seq],
    )?;
    let keep_key = match_key(&kept.name);
    let mut aliases_added = Vec::new();
    for alias in std::iter::once(dropped.name.clone()).chain(moved_aliases.iter().cloned()) {
        if match_key(&alias) != keep_key {
            let added = tx.execute(
                "INSERT OR IGNORE INTO actor_alias (actor_seq, alias, alias_key) VALUES (?1, ?2, ?3)",
                params![kept.seq, alias, match_key(&alias)],
            )?;
            if added > 0 {
                aliases_added.push(alias);
            }
        }
    }
    let detail = serde_json::json!({
        "by": by,
        "kept": {"id": kept.id, "name": kept.name},
        "dropped": {"id": dropped.id, "name": dropped.name},
        "appearances_moved": appearances_moved,
        "documents_moved": documents_moved,
        "appearance_ids": appearance_ids,
        "document_ids": document_ids,
        "domains_moved": domains_moved,
        "aliases_moved": moved_aliases,
        "aliases_added": aliases_added,
        "distinct_inherited": distinct_inherited,
        "claims": claims,
    });
    super::history::record_audit(tx, &stamp(now), "actor_merge", &detail.to_string())?;
    let moves = ActorMoves {
        kept: kept.id.clone(),
        dropped: dropped.id.clone(),
        appearances: appearance_ids,
        documents: document_ids,
        domains: domains_moved,
        aliases_moved: moved_aliases,
        aliases_added,
        distinct_inherited,
    };
    Ok((appearances_moved, documents_moved, moves))
}
