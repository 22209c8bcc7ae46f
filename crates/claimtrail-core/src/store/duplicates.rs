//! Duplicates already in the database, and the checker's decisions that two
//! actors are different people or outlets ("not the same").
//!
//! [`Store::duplicate_actors`] lists the pairs of live actors that the
//! identity rules would offer one for the other
//! ([`identity::duplicate_pairs`](crate::identity::duplicate_pairs)), less
//! the pairs decided distinct. Merging a pair is
//! [`Store::merge_actors`]; deciding it distinct is
//! [`Store::mark_distinct`], audited and chained like a merge.
//!
//! An import cannot ask which actor a name means: it resolves exact names
//! and aliases, creates the rest, and reports each actor it created that
//! the rules offer candidates for ([`Store::possible_duplicates`]), looking
//! up only from the new actors.

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;

use super::actors::Party;
use super::Store;
use crate::error::{Error, Result};
use crate::identity::{self, Candidate, KeySide, Known, MatchReason, MAX_CANDIDATES};
use crate::when::stamp;

/// An actor named in a pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ActorName {
    pub id: String,
    pub name: String,
}

/// How many claims each actor of a pair has an appearance in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PairClaims {
    pub a: i64,
    pub b: i64,
}

/// Two live actors that may be one.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DuplicatePair {
    /// The actor in more claims (the one to keep in a merge, most often).
    pub a: ActorName,
    pub b: ActorName,
    pub reason: MatchReason,
    /// From 0 to 1; ranks the pairs, decides nothing.
    pub score: f64,
    pub claims: PairClaims,
}

/// A decision that two actors are different.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DistinctDecision {
    pub a: ActorName,
    pub b: ActorName,
}

/// An actor an import created that may be one already here (or another the
/// same import created): the checker merges it (`actor merge`) or says it
/// is someone else (`actor distinct`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PossibleDuplicate {
    pub new: ActorName,
    /// Best first, at most [`MAX_CANDIDATES`].
    pub candidates: Vec<Candidate>,
}

impl Store {
    /// The pairs of live actors that may be one person or outlet, best
    /// first, with the reason and how many claims each touches. Pairs
    /// decided distinct are left out.
    ///
    /// Compares only actors that share a blocking key, not every pair: a few
    /// seconds for 50,000 actors.
    pub fn duplicate_actors(&self) -> Result<Vec<DuplicatePair>> {
        let pool = self.resolution_pool()?;
        let known: Vec<Known<'_>> = pool.iter().map(|a| a.known()).collect();
        let distinct = distinct_pairs(&self.conn)?;
        let mut claims_of: HashMap<i64, i64> = HashMap::new();
        let mut count =
            self.conn.prepare_cached("SELECT count(DISTINCT claim_seq) FROM live_appearance WHERE actor_seq = ?1")?;
        let mut listed = Vec::new();
        for m in identity::duplicate_pairs(&known) {
            let (x, y) = (&pool[m.a], &pool[m.b]);
            if distinct.contains(&(x.seq.min(y.seq), x.seq.max(y.seq))) {
                continue;
            }
            let mut claims = |seq: i64| -> Result<i64> {
                if let Some(&n) = claims_of.get(&seq) {
                    return Ok(n);
                }
                let n = count.query_row([seq], |r| r.get(0))?;
                claims_of.insert(seq, n);
                Ok(n)
            };
            let (cx, cy) = (claims(x.seq)?, claims(y.seq)?);
            let name = |p: &super::identity::PoolActor| ActorName { id: p.id.clone(), name: p.name.clone() };
            // The actor in more claims first, then by name.
            let swap = cy > cx || (cy == cx && y.name < x.name);
            let (a, b, claims) =
                if swap { (y, x, PairClaims { a: cy, b: cx }) } else { (x, y, PairClaims { a: cx, b: cy }) };
            listed.push(DuplicatePair { a: name(a), b: name(b), reason: m.reason, score: m.score, claims });
        }
        listed.sort_by(|p, q| {
            q.score.total_cmp(&p.score).then_with(|| (&p.a.name, &p.b.name).cmp(&(&q.a.name, &q.b.name)))
        });
        Ok(listed)
    }

    /// For each of the actors `new_ids` (those an import created, in order),
    /// the other live actors the identity rules offer as candidates for it,
    /// less the pairs decided distinct; actors without any are left out.
    /// Only pairs involving one of `new_ids` are looked for (see
    /// [`identity::duplicate_pairs_involving`]).
    pub fn possible_duplicates(&self, new_ids: &[String]) -> Result<Vec<PossibleDuplicate>> {
        possible_duplicates(&self.conn, new_ids)
    }

    /// Records that actors `a` and `b` (by id, name or alias) are different
    /// people or outlets: the pair is never listed as possible duplicates
    /// again. Audited and chained into the history like a merge. Refuses
    /// one actor given twice and a pair already decided.
    pub fn mark_distinct(&mut self, a: &str, b: &str, now: DateTime<Utc>) -> Result<DistinctDecision> {
        let (x, y) = (self.party(a)?, self.party(b)?);
        if x.seq == y.seq {
            return Err(Error::invalid(format!("`{a}` and `{b}` are the same actor")));
        }
        let tx = self.write_transaction()?;
        if !record_distinct(&tx, &x, &y, "actor distinct", now)? {
            return Err(Error::invalid(format!(
                "\"{}\" and \"{}\" are already recorded as different; nothing was changed",
                x.name, y.name
            )));
        }
        let step = super::reversible::Move::Distinct { a: x.id.clone(), b: y.id.clone(), decided_at: stamp(now) };
        super::reversible::push(&tx, "actor_distinct", step)?;
        tx.commit()?;
        self.anchor_head();
        Ok(DistinctDecision { a: ActorName { id: x.id, name: x.name }, b: ActorName { id: y.id, name: y.name } })
    }

    /// Records that `actor` (just created by a log the checker said was
    /// someone else) is different from each of the `offered` actor ids it
    /// was offered as candidates, in one transaction. Pairs already decided
    /// are skipped. Returns how many decisions were recorded.
    pub fn mark_distinct_from(&mut self, actor: &str, offered: &[String], now: DateTime<Utc>) -> Result<usize> {
        let new = self.party(actor)?;
        let others = offered.iter().map(|id| self.party(id)).collect::<Result<Vec<_>>>()?;
        let tx = self.write_transaction()?;
        let mut recorded = 0;
        for other in others.iter().filter(|o| o.seq != new.seq) {
            recorded += usize::from(record_distinct(&tx, &new, other, "log --new-actor", now)?);
        }
        tx.commit()?;
        if recorded > 0 {
            self.anchor_head();
        }
        Ok(recorded)
    }

    fn party(&self, key: &str) -> Result<Party> {
        let found = self.resolve_actor(key)?;
        let seq = self.conn.query_row("SELECT seq FROM actor WHERE id = ?1", [&found.id], |r| r.get(0))?;
        Ok(Party { seq, id: found.id, name: found.name })
    }
}

/// [`Store::possible_duplicates`] through `conn`: inside an import's
/// transaction, it sees the actors the import has just created.
pub(super) fn possible_duplicates(conn: &Connection, new_ids: &[String]) -> Result<Vec<PossibleDuplicate>> {
    if new_ids.is_empty() {
        return Ok(Vec::new());
    }
    let pool = meeting_pool(conn, new_ids)?;
    let known: Vec<Known<'_>> = pool.iter().map(|a| a.known()).collect();
    let wanted: HashSet<&str> = new_ids.iter().map(String::as_str).collect();
    let new: Vec<bool> = pool.iter().map(|a| wanted.contains(a.id.as_str())).collect();
    let distinct = distinct_pairs(conn)?;
    let mut offered: HashMap<usize, Vec<Candidate>> = HashMap::new();
    for m in identity::duplicate_pairs_involving(&known, &new) {
        let (x, y) = (&pool[m.a], &pool[m.b]);
        if distinct.contains(&(x.seq.min(y.seq), x.seq.max(y.seq))) {
            continue;
        }
        // A pair of two new actors is listed under each.
        for (this, other) in [(m.a, y), (m.b, x)] {
            if new[this] {
                let candidate =
                    Candidate { id: other.id.clone(), name: other.name.clone(), reason: m.reason, score: m.score };
                offered.entry(this).or_default().push(candidate);
            }
        }
    }
    let by_id: HashMap<&str, usize> = pool.iter().enumerate().map(|(i, a)| (a.id.as_str(), i)).collect();
    let mut listed = Vec::new();
    for id in new_ids {
        let Some(mut candidates) = by_id.get(id.as_str()).and_then(|i| offered.remove(i)) else { continue };
        candidates.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.name.cmp(&b.name)));
        candidates.truncate(MAX_CANDIDATES);
        let actor = &pool[by_id[id.as_str()]];
        listed
            .push(PossibleDuplicate { new: ActorName { id: actor.id.clone(), name: actor.name.clone() }, candidates });
    }
    Ok(listed)
}

/// The actors `new_ids` and every live actor sharing a blocking key with one
/// of them, found through the persisted keys (with the actors whose keys are
/// stale, read whole): all that [`identity::duplicate_pairs_involving`] can
/// pair them with, without reading every actor. Inside a write transaction
/// (an import), the stale keys are brought up to date first.
fn meeting_pool(conn: &Connection, new_ids: &[String]) -> Result<Vec<super::identity::PoolActor>> {
    if !conn.is_autocommit() {
        super::identity::refresh_block_keys(conn)?;
    }
    let mut seq_of = conn.prepare_cached("SELECT seq FROM actor WHERE id = ?1")?;
    let mut seqs = BTreeSet::new();
    for id in new_ids {
        seqs.extend(seq_of.query_row([id], |r| r.get::<_, i64>(0)).optional()?);
    }
    let new = super::identity::pool_of(conn, &seqs)?;
    let mut lookup = conn.prepare_cached("SELECT actor_seq FROM actor_block_key WHERE side = ?1 AND key = ?2")?;
    for actor in &new {
        for (side, key) in identity::actor_block_keys(&actor.known()) {
            let meets = match side {
                KeySide::Shared => KeySide::Shared,
                KeySide::Probe => KeySide::Index,
                KeySide::Index => KeySide::Probe,
            };
            for seq in lookup.query_map(params![meets.code(), key], |r| r.get(0))? {
                seqs.insert(seq?);
            }
        }
    }
    let mut stale = conn.prepare_cached("SELECT actor_seq FROM actor_block_stale")?;
    for seq in stale.query_map([], |r| r.get(0))? {
        seqs.insert(seq?);
    }
    super::identity::pool_of(conn, &seqs)
}

/// Every decided pair, by actor seq, lower first.
fn distinct_pairs(conn: &Connection) -> Result<HashSet<(i64, i64)>> {
    let mut stmt = conn.prepare_cached("SELECT a_seq, b_seq FROM actor_distinct")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Inserts the decision that `x` and `y` differ with its audit event and
/// history entry; `false` (and nothing written) when it was already made.
pub(super) fn record_distinct(
    tx: &Transaction<'_>,
    x: &Party,
    y: &Party,
    by: &str,
    now: DateTime<Utc>,
) -> Result<bool> {
    let (low, high) = if x.seq < y.seq { (x, y) } else { (y, x) };
    let inserted = tx.execute(
        "INSERT OR IGNORE INTO actor_distinct (a_seq, b_seq, decided_at) VALUES (?1, ?2, ?3)",
        params![low.seq, high.seq, stamp(now)],
    )?;
    if inserted == 0 {
        return Ok(false);
    }
    let detail = serde_json::json!({
        "a": {"id": x.id, "name": x.name},
        "b": {"id": y.id, "name": y.name},
        "by": by,
    });
    super::history::record_audit(tx, &stamp(now), "actor_distinct", &detail.to_string())?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use crate::identity::MatchReason;
    use crate::{ActorKind, ActorSpec, LogRequest, RelayStep, Store};

    fn log(store: &mut Store, claim: &str, by: &str, via: &str) {
        let mut req = LogRequest::new(claim, ActorSpec::named(by, ActorKind::Person));
        req.relays.push(RelayStep::cites(ActorSpec::named(via, ActorKind::Outlet)));
        store.log(&req, chrono::Utc::now()).unwrap();
    }

    #[test]
    fn spellings_logged_apart_are_listed_once_until_decided_distinct() {
        let mut store = Store::open_in_memory().unwrap();
        log(&mut store, "Luhansk is fully under Russian control", "Leonid Pasechnik", "Al Jazeera");
        log(&mut store, "Luhansk is fully under Russian control", "Leonid Pasechnick", "RIA");
        log(&mut store, "Kyiv will fall in three days", "Leonid Pasechnik", "TASS");
        log(&mut store, "Nothing to report", "Ekaterina Mizulina", "Al-Jazeera");
        let pairs = store.duplicate_actors().unwrap();
        let names: Vec<(&str, &str)> = pairs.iter().map(|p| (p.a.name.as_str(), p.b.name.as_str())).collect();
        assert_eq!(names, [("Al Jazeera", "Al-Jazeera"), ("Leonid Pasechnik", "Leonid Pasechnick")]);
        let pasechnik = &pairs[1];
        assert_eq!(pasechnik.reason, MatchReason::Transliteration);
        assert_eq!((pasechnik.claims.a, pasechnik.claims.b), (2, 1));

        let decided = store.mark_distinct("Leonid Pasechnick", "Leonid Pasechnik", chrono::Utc::now()).unwrap();
        assert_eq!(decided.a.name, "Leonid Pasechnick");
        let left: Vec<String> = store.duplicate_actors().unwrap().into_iter().map(|p| p.b.name).collect();
        assert_eq!(left, ["Al-Jazeera"]);
        let again = store.mark_distinct("Leonid Pasechnik", "Leonid Pasechnick", chrono::Utc::now()).unwrap_err();
        assert!(again.to_string().contains("already recorded as different"), "{again}");
        let same = store.mark_distinct("Leonid Pasechnik", "Leonid Pasechnik", chrono::Utc::now()).unwrap_err();
        assert!(same.to_string().contains("the same actor"), "{same}");
        let audited: i64 = store
            .connection()
            .query_row("SELECT count(*) FROM audit_event WHERE action = 'actor_distinct'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(audited, 1);
        let history = store.verify_history().unwrap();
        // The four logs and the decision.
        assert_eq!((history.entries, history.first_broken), (5, None));
    }

    #[test]
    fn a_decision_about_a_merged_actor_holds_for_the_actor_kept() {
        let mut store = Store::open_in_memory().unwrap();
        log(&mut store, "One", "Leonid Pasechnik", "Al Jazeera");
        log(&mut store, "Two", "Leonid Pasechnick", "RIA");
        log(&mut store, "Three", "Pasechnik", "TASS");
        let now = chrono::Utc::now();
        store.mark_distinct("Pasechnik", "Leonid Pasechnick", now).unwrap();
        store.merge_actors("Leonid Pasechnik", "Leonid Pasechnick", now).unwrap();
        // "Pasechnik" is not "Leonid Pasechnick", now an alias of the kept actor.
        assert_eq!(store.duplicate_actors().unwrap(), vec![]);
        let refused = store.mark_distinct("Pasechnik", "Leonid Pasechnik", now).unwrap_err();
        assert!(refused.to_string().contains("already recorded"), "{refused}");
    }

    /// A log undone takes its new actor away with the decisions about it
    /// (`log --new-actor` recorded them), instead of failing on them.
    #[test]
    fn undoing_a_log_removes_the_new_actor_and_its_distinct_decisions() {
        let mut store = Store::open_in_memory().unwrap();
        log(&mut store, "One", "Leonid Pasechnik", "Al Jazeera");
        let now = chrono::Utc::now();
        let req = LogRequest::new("Two", ActorSpec::named("Leonid Pasechnick", ActorKind::Person));
        let logged = store.log(&req, now).unwrap();
        let kept = store.resolve_actor("Leonid Pasechnik").unwrap().id;
        assert_eq!(store.mark_distinct_from("Leonid Pasechnick", &[kept], now).unwrap(), 1);
        let undone = store.undo_log(&logged.claim_id, &logged.created_appearance_ids, now).unwrap();
        assert_eq!(undone.actors_removed, ["Leonid Pasechnick"]);
        let left: i64 = store.connection().query_row("SELECT count(*) FROM actor_distinct", [], |r| r.get(0)).unwrap();
        assert_eq!(left, 0);
    }

    /// A merge's audit detail names every appearance it moved, the aliases it
    /// added and the decisions the kept actor inherited: enough to take it back.
    #[test]
    fn a_merge_records_what_it_moved() {
        let mut store = Store::open_in_memory().unwrap();
        log(&mut store, "One", "Leonid Pasechnik", "Al Jazeera");
        let two = LogRequest::new("Two", ActorSpec::named("Leonid Pasechnick", ActorKind::Person));
        let moved = store.log(&two, chrono::Utc::now()).unwrap().appearance_ids;
        log(&mut store, "Three", "Kirill Pasechnik", "TASS");
        let now = chrono::Utc::now();
        store.add_actor_alias("Leonid Pasechnick", "L. Pasechnick").unwrap();
        let other = store.mark_distinct("Kirill Pasechnik", "Leonid Pasechnick", now).unwrap().a.id;
        store.merge_actors("Leonid Pasechnik", "Leonid Pasechnick", now).unwrap();
        let detail: String = store
            .connection()
            .query_row("SELECT detail FROM audit_event WHERE action = 'actor_merge'", [], |r| r.get(0))
            .unwrap();
        let detail: serde_json::Value = serde_json::from_str(&detail).unwrap();
        assert_eq!(detail["appearance_ids"], serde_json::json!(moved));
        assert_eq!(detail["aliases_moved"], serde_json::json!(["L. Pasechnick"]));
        assert_eq!(detail["aliases_added"], serde_json::json!(["Leonid Pasechnick", "L. Pasechnick"]));
        assert_eq!(detail["distinct_inherited"], serde_json::json!([other]));
    }
}
