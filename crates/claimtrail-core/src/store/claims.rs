//! Reading claims: resolving ids, the claim page, and the filtered list.

use rusqlite::{params_from_iter, types::Value, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::handles::{handle_of, handle_sql, RecordKind};
use super::verdicts::{history, VerdictEvent};
use super::Store;
use crate::error::{Error, Result};
use crate::model::{ActorKind, AppearanceKind, Stance, Status};
use crate::search::fts_query;

/// A claim found by id or prefix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ClaimRef {
    #[serde(skip)]
    pub(crate) seq: i64,
    pub id: String,
    pub text: String,
}

/// Origins of a claim, counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct OriginCount {
    pub independent: usize,
    pub dead_ends: usize,
    /// Outlets and agencies carrying the claim, as `trace` lists them.
    pub outlets: usize,
}

/// One appearance as the claim page shows it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AppearanceView {
    pub id: String,
    /// The short name to type back ([`Store::resolve_record`]).
    pub handle: String,
    pub actor: String,
    pub actor_id: String,
    pub actor_kind: ActorKind,
    pub actor_role: Option<String>,
    pub kind: AppearanceKind,
    pub stance: Stance,
    pub quote: Option<String>,
    pub prefix: Option<String>,
    pub suffix: Option<String>,
    pub cue: Option<String>,
    pub said_at: Option<String>,
    pub said_at_text: Option<String>,
    pub said_where: Option<String>,
    pub document_id: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published_at: Option<String>,
    /// False when the document is referenced but nobody has found it, or there is none.
    pub located: bool,
    /// When a recapture found the document's page gone (its latest snapshot
    /// answered 404, 410 or 451); `None` while it is there or never fetched.
    pub taken_down_at: Option<String>,
    /// The appearances this one took the claim from.
    pub upstream: Vec<String>,
}

/// Everything the claim page shows.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ClaimDetail {
    pub id: String,
    /// The short name to type back ([`Store::resolve_record`]).
    pub handle: String,
    pub text: String,
    pub status: Status,
    pub disputed: bool,
    pub cases: Vec<String>,
    pub tags: Vec<String>,
    /// The desk's note thread, oldest first.
    pub notes: Vec<super::desk::Note>,
    /// Who works on the claim.
    pub assignee: Option<String>,
    /// By when (`YYYY-MM-DD`).
    pub due: Option<String>,
    /// Where the published fact-check lives; the `url` of its ClaimReview.
    pub review_url: Option<String>,
    pub created_at: String,
    pub history: Vec<VerdictEvent>,
    /// The events of `history` that reached this database by import, and
    /// whether each arrived covered by its sender's chain: an unverified one
    /// is never to be shown as its author's own.
    pub imported: Vec<super::carried_chain::ImportedVerdict>,
    /// Verdicts from elsewhere that disagree with this database's and that
    /// no status set here has decided yet.
    pub conflicts: Vec<super::verdicts::VerdictConflict>,
    pub appearances: Vec<AppearanceView>,
}

/// One row of the claims list.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ClaimSummary {
    pub id: String,
    /// The short name to type back ([`Store::resolve_record`]).
    pub handle: String,
    pub text: String,
    pub status: Status,
    pub disputed: bool,
    /// How many appearances the claim has.
    pub appearances: i64,
    /// How many distinct outlets and agencies carry it.
    pub outlets: i64,
    pub independent_origins: usize,
    pub created_at: String,
    /// Who works on the claim, and by when.
    pub assignee: Option<String>,
    pub due: Option<String>,
    /// Pass as `before` to fetch the next page.
    pub cursor: i64,
}

/// Filters of the claims list; all optional and combined with AND.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ListFilter {
    pub status: Option<Status>,
    pub disputed: Option<bool>,
    /// Full-text search over claim text, quotes and actor names.
    pub search: Option<String>,
    /// An actor name or alias: claims it made or carried.
    pub actor: Option<String>,
    pub case: Option<String>,
    /// Only claims with this tag.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub tag: Option<String>,
    /// Only claims with a verdict recorded by this author.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub author: Option<String>,
    /// Only claims assigned to this person (letter case ignored).
    #[cfg_attr(feature = "ts", ts(optional))]
    pub assignee: Option<String>,
    /// Only claims due before this day (`YYYY-MM-DD`).
    #[cfg_attr(feature = "ts", ts(optional))]
    pub due_before: Option<String>,
    /// `due`: soonest due first, claims without a due date last (no paging
    /// by `before`); otherwise newest first.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub sort: Option<ListSort>,
    /// Only claims created on or after this date (YYYY-MM-DD or RFC 3339).
    pub since: Option<String>,
    /// Only claims created before this date.
    pub until: Option<String>,
    /// Keyset paging: only claims older than this cursor.
    pub before: Option<i64>,
    /// At most this many rows (default 200, at most 1000).
    pub limit: Option<u32>,
}

/// The order of the claims list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ListSort {
    /// Newest first, paged by `before`.
    #[default]
    Newest,
    /// Soonest due first; claims without a due date last.
    Due,
}

/// The latest verdict of the claim or of a claim merged into it: a merge
/// keeps every verdict where it was recorded (the history chain covers it
/// there) and the kept claim reads them all.
pub(super) const CURRENT_STATUS: &str = "coalesce((SELECT v.status FROM verdict v
      WHERE v.claim_seq = c.seq OR v.claim_seq IN (SELECT m.seq FROM claim m WHERE m.merged_into = c.seq)
      ORDER BY v.at DESC, v.id DESC LIMIT 1), 'unverified')";
const DISPUTED: &str = "EXISTS (SELECT 1 FROM live_appearance d WHERE d.claim_seq = c.seq AND d.stance = 'disputes')";

/// The key given, when claims collide under it, to every claim but the
/// oldest: the key, U+001F and the claim's id. A text's key never holds a
/// control character, so no text is ever matched to it.
pub(super) fn displaced_key(key: &str, id: &str) -> String {
    format!("{key}\u{1F}{id}")
}

/// The claim a merged claim was merged into, or the claim itself.
pub(super) fn live_claim(conn: &Connection, seq: i64) -> Result<i64> {
    let into: Option<i64> = conn.query_row("SELECT merged_into FROM claim WHERE seq = ?1", [seq], |r| r.get(0))?;
    // Merges re-point earlier merges to the claim kept, so one step is enough.
    Ok(into.unwrap_or(seq))
}

/// The live claim whose text has the matching key `key`
/// ([`crate::key::claim_key`]), with its id.
pub(super) fn claim_by_key(conn: &Connection, key: &str) -> Result<Option<(i64, String)>> {
    let found: Option<i64> =
        conn.query_row("SELECT seq FROM claim WHERE text_key = ?1", [key], |r| r.get(0)).optional()?;
    let Some(seq) = found else { return Ok(None) };
    let seq = live_claim(conn, seq)?;
    let id = conn.query_row("SELECT id FROM claim WHERE seq = ?1", [seq], |r| r.get(0))?;
    Ok(Some((seq, id)))
}

impl Store {
    /// Finds a claim by its handle, full id or a unique prefix of the id.
    /// The id of a claim merged into another finds the one it was merged into.
    pub fn resolve_claim(&self, key: &str) -> Result<ClaimRef> {
        let found = self.resolve_claim_any(key)?;
        let deleted: bool =
            self.conn
                .query_row("SELECT deleted_at IS NOT NULL FROM claim WHERE seq = ?1", [found.seq], |r| r.get(0))?;
        if deleted {
            return Err(Error::invalid(format!(
                "claim {} is deleted; `claimtrail undelete {}` restores it",
                found.id, found.id
            )));
        }
        Ok(found)
    }

    /// [`Store::resolve_claim`], deleted claims included: for their history
    /// and for undeleting them.
    pub(crate) fn resolve_claim_any(&self, key: &str) -> Result<ClaimRef> {
        let found = super::handles::resolve_among(&self.conn, key, &[RecordKind::Claim])?;
        let live = live_claim(&self.conn, found.seq)?;
        Ok(self.conn.query_row("SELECT seq, id, text FROM claim WHERE seq = ?1", [live], |r| {
            Ok(ClaimRef { seq: r.get(0)?, id: r.get(1)?, text: r.get(2)? })
        })?)
    }

    /// The claim page: text, status, history and every appearance.
    pub fn show(&self, claim: &str) -> Result<ClaimDetail> {
        let claim = self.resolve_claim(claim)?;
        let (status, disputed, created_at): (String, bool, String) = self.conn.query_row(
            &format!("SELECT {CURRENT_STATUS}, {DISPUTED}, c.created_at FROM claim c WHERE c.seq = ?1"),
            [claim.seq],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        let cases = self.strings(
            "SELECT f.name FROM claim_case cc JOIN case_file f ON f.seq = cc.case_seq WHERE cc.claim_seq = ?1 ORDER BY f.name",
            claim.seq,
        )?;
        let desk = self.desk_fields(&claim)?;
        let history = history(&self.conn, claim.seq)?;
        let conflicts = super::verdicts::open_conflicts(&self.conn, Some(claim.seq))?;
        Ok(ClaimDetail {
            handle: handle_of(&self.conn, RecordKind::Claim, claim.seq)?,
            id: claim.id,
            text: claim.text,
            status: status.parse()?,
            disputed,
            cases,
            tags: desk.tags,
            notes: self.notes_of(claim.seq)?,
            assignee: desk.assignee,
            due: desk.due,
            review_url: desk.review_url,
            created_at,
            imported: super::carried_chain::imported_verdicts(
                &self.conn,
                &history.iter().map(|v| v.id.as_str()).collect::<Vec<_>>(),
            )?,
            history,
            conflicts,
            appearances: self.appearances_where("a.claim_seq = ?1", claim.seq)?,
        })
    }

    /// Appearances matching a condition on `a` with one parameter, oldest first.
    pub(crate) fn appearances_where(&self, condition: &str, param: i64) -> Result<Vec<AppearanceView>> {
        let gone = crate::capture::fetch::GONE_STATUSES.map(|s| s.to_string()).join(", ");
        let handle = handle_sql(RecordKind::Appearance, "a.seq", "a.id");
        let sql = format!(
            "SELECT a.seq, a.id, ac.name, ac.id, ac.kind, coalesce(a.role, ac.role), a.kind, a.stance, a.quote, a.prefix, a.suffix, a.cue,
                    a.said_at, a.said_at_text, a.said_where, d.id, d.url, d.title, o.name, d.published_at,
                    coalesce(d.located, 0),
                    (SELECT CASE WHEN s.http_status IN ({gone}) THEN s.retrieved_at END
                     FROM snapshot s WHERE s.document_seq = d.seq ORDER BY s.seq DESC LIMIT 1),
                    {handle}
             FROM live_appearance a
             JOIN actor ac ON ac.seq = a.actor_seq
             LEFT JOIN document d ON d.seq = a.document_seq
             LEFT JOIN actor o ON o.seq = d.outlet_seq
             WHERE {condition}
             ORDER BY a.seq"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut upstream_stmt = self.conn.prepare_cached(
            "SELECT u.id FROM live_relay r JOIN appearance u ON u.seq = r.upstream_seq WHERE r.appearance_seq = ?1 ORDER BY u.seq",
        )?;
        let mut out = Vec::new();
        let mut rows = stmt.query([param])?;
        while let Some(r) = rows.next()? {
            let seq: i64 = r.get(0)?;
            out.push(AppearanceView {
                id: r.get(1)?,
                handle: r.get(22)?,
                actor: r.get(2)?,
                actor_id: r.get(3)?,
                actor_kind: r.get::<_, String>(4)?.parse()?,
                actor_role: r.get(5)?,
                kind: r.get::<_, String>(6)?.parse()?,
                stance: r.get::<_, String>(7)?.parse()?,
                quote: r.get(8)?,
                prefix: r.get(9)?,
                suffix: r.get(10)?,
                cue: r.get(11)?,
                said_at: r.get(12)?,
                said_at_text: r.get(13)?,
                said_where: r.get(14)?,
                document_id: r.get(15)?,
                url: r.get(16)?,
                title: r.get(17)?,
                outlet: r.get(18)?,
                published_at: r.get(19)?,
                located: r.get(20)?,
                taken_down_at: r.get(21)?,
                upstream: upstream_stmt.query_map([seq], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?,
            });
        }
        Ok(out)
    }

    fn strings(&self, sql: &str, param: i64) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map([param], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// How many independent origins and dead ends a claim traces back to:
    /// the graph-only fast path behind the claims list.
    pub fn origin_count(&self, claim: &ClaimRef) -> Result<OriginCount> {
        let o = self.with_graph_of(&[claim.seq], |g| g.claim_origins(claim.seq))?;
        Ok(OriginCount { independent: o.independent.len(), dead_ends: o.dead_ends.len(), outlets: o.outlets.len() })
    }

    /// The best `limit` claims for a full-text query over claim texts and
    /// quotes (see [`crate::search`]).
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<crate::search::SearchHit>> {
        crate::search::top_claims(&self.conn, query, limit)
    }

    /// The claims list, newest first, filtered and paged by keyset.
    pub fn list(&self, filter: &ListFilter) -> Result<Vec<ClaimSummary>> {
        // A claim merged into another is not listed; the one kept is.
        let mut conditions: Vec<String> = vec!["c.merged_into IS NULL AND c.deleted_at IS NULL".to_string()];
        let mut values: Vec<Value> = Vec::new();
        let bind = |v: Value, values: &mut Vec<Value>| {
            values.push(v);
            format!("?{}", values.len())
        };
        let by_due = filter.sort == Some(ListSort::Due);
        if let Some(before) = filter.before.filter(|_| !by_due) {
            conditions.push(format!("c.seq < {}", bind(Value::Integer(before), &mut values)));
        }
        if let Some(status) = filter.status {
            conditions.push(format!("{CURRENT_STATUS} = {}", bind(Value::Text(status.as_str().into()), &mut values)));
        }
        match filter.disputed {
            Some(true) => conditions.push(DISPUTED.to_string()),
            Some(false) => conditions.push(format!("NOT {DISPUTED}")),
            None => {}
        }
        if let Some(q) = filter.search.as_deref().and_then(fts_query) {
            let p = bind(Value::Text(q), &mut values);
            conditions.push(format!(
                "c.seq IN (SELECT rowid FROM claim_fts WHERE claim_fts MATCH {p}
                           UNION SELECT a.claim_seq FROM quote_fts JOIN live_appearance a ON a.seq = quote_fts.rowid
                                 WHERE quote_fts MATCH {p}
                           UNION SELECT a.claim_seq FROM actor_fts JOIN live_appearance a ON a.actor_seq = actor_fts.rowid
                                 WHERE actor_fts MATCH {p})"
            ));
        }
        if let Some(actor) = filter.actor.as_deref().filter(|s| !s.trim().is_empty()) {
            let actor = super::log::find_actor(&self.conn, actor)?
                .ok_or_else(|| Error::NotFound { what: "actor", key: actor.trim().to_string() })?;
            let p = bind(Value::Integer(actor.seq), &mut values);
            conditions.push(format!("c.seq IN (SELECT claim_seq FROM live_appearance WHERE actor_seq = {p})"));
        }
        if let Some(case) = filter.case.as_deref().filter(|s| !s.trim().is_empty()) {
            let (seq, _) = super::desk::find_case(&self.conn, case)?;
            let p = bind(Value::Integer(seq), &mut values);
            conditions.push(format!("c.seq IN (SELECT claim_seq FROM claim_case WHERE case_seq = {p})"));
        }
        if let Some(tag) = filter.tag.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            let p = bind(Value::Text(tag.to_string()), &mut values);
            conditions.push(format!("c.seq IN (SELECT claim_seq FROM claim_tag WHERE tag = {p})"));
        }
        if let Some(author) = filter.author.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            let p = bind(Value::Text(author.to_string()), &mut values);
            conditions.push(format!(
                "EXISTS (SELECT 1 FROM verdict v WHERE v.author = {p} COLLATE NOCASE
                         AND (v.claim_seq = c.seq OR v.claim_seq IN (SELECT m.seq FROM claim m WHERE m.merged_into = c.seq)))"
            ));
        }
        if let Some(assignee) = filter.assignee.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            let p = bind(Value::Text(assignee.to_string()), &mut values);
            conditions.push(format!("c.assignee = {p} COLLATE NOCASE"));
        }
        if let Some(due) = filter.due_before.as_deref() {
            let p = bind(Value::Text(super::desk::parse_due(due)?), &mut values);
            conditions.push(format!("c.due < {p}"));
        }
        if let Some(since) = filter.since.as_deref() {
            let p = bind(Value::Text(crate::when::parse_when(since)?), &mut values);
            conditions.push(format!("c.created_at >= {p}"));
        }
        if let Some(until) = filter.until.as_deref() {
            let p = bind(Value::Text(crate::when::parse_when(until)?), &mut values);
            conditions.push(format!("c.created_at < {p}"));
        }
        let limit = filter.limit.unwrap_or(200).clamp(1, 1000);
        let where_clause = format!("WHERE {}", conditions.join(" AND "));
        let handle = handle_sql(RecordKind::Claim, "c.seq", "c.id");
        let order = if by_due { "c.due IS NULL, c.due, c.seq DESC" } else { "c.seq DESC" };
        let sql = format!(
            "SELECT c.seq, c.id, c.text, {CURRENT_STATUS}, {DISPUTED},
                    (SELECT count(*) FROM live_appearance a WHERE a.claim_seq = c.seq),
                    c.created_at, {handle}, c.assignee, c.due
             FROM claim c {where_clause}
             ORDER BY {order} LIMIT {limit}"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt
            .query_map(params_from_iter(values), |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, bool>(4)?,
                    r.get::<_, i64>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, String>(7)?,
                    r.get::<_, Option<String>>(8)?,
                    r.get::<_, Option<String>>(9)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        // The counts `trace` shows, from the same function, over the listed claims' part of the graph.
        let seqs: Vec<i64> = rows.iter().map(|r| r.0).collect();
        let counts = self.with_graph_of(&seqs, |g| {
            let origins = seqs.iter().map(|&seq| g.claim_origins(seq));
            origins.map(|o| (o.outlets.len(), o.independent.len())).collect::<Vec<_>>()
        })?;
        rows.into_iter()
            .zip(counts)
            .map(
                |(
                    (seq, id, text, status, disputed, appearances, created_at, handle, assignee, due),
                    (outlets, independent),
                )| {
                    Ok(ClaimSummary {
                        id,
                        handle,
                        text,
                        status: status.parse()?,
                        disputed,
                        appearances,
                        outlets: outlets as i64,
                        independent_origins: independent,
                        created_at,
                        assignee,
                        due,
                        cursor: seq,
                    })
                },
            )
            .collect()
    }
}
