//! Resolving a name against the actors in the database: an exact name or
//! alias, or the candidates [`identity::resolve`](crate::identity::resolve)
//! finds, for the checker to choose from.

use std::collections::{BTreeSet, HashMap};

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use super::log::find_actor;
use super::{LogRequest, Store};
use crate::error::Result;
use crate::identity::{self, Candidate, Known, Resolution, Typed};
use crate::key::{claim_key, match_key};
use crate::model::ActorKind;

/// How one name about to be logged stands in this database: what a proposal
/// carries so that accepting it never creates a near-duplicate by accident.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NameResolution {
    pub name: String,
    /// `exact` or `alias` (the actor `id`), `story` (a description of the
    /// actor `id` the same article names), `candidates` (the checker picks
    /// one or says it is someone else) or `new`.
    #[cfg_attr(feature = "ts", ts(type = "'exact' | 'alias' | 'story' | 'candidates' | 'new'"))]
    pub resolution: &'static str,
    pub id: Option<String>,
    /// The name of the actor a `story` description is, to log it under.
    pub actor: Option<String>,
    pub candidates: Vec<Candidate>,
}

impl NameResolution {
    fn new(name: &str, found: Resolution) -> NameResolution {
        let (resolution, id, candidates) = match found {
            Resolution::Exact { id } => ("exact", Some(id), Vec::new()),
            Resolution::Alias { id } => ("alias", Some(id), Vec::new()),
            Resolution::Candidates(found) => ("candidates", None, found),
            Resolution::New => ("new", None, Vec::new()),
        };
        NameResolution { name: name.to_string(), resolution, id, actor: None, candidates }
    }
}

/// `found` as the article's own person when it is a description whose only
/// role candidate among the actors the article names is that person.
fn described_in_story(found: NameResolution, story: &[String]) -> NameResolution {
    if !identity::is_description(&found.name) {
        return found;
    }
    let in_story: Vec<&Candidate> =
        found.candidates.iter().filter(|c| c.reason == identity::MatchReason::Role && story.contains(&c.id)).collect();
    match in_story[..] {
        [only] => NameResolution {
            name: found.name.clone(),
            resolution: "story",
            id: Some(only.id.clone()),
            actor: Some(only.name.clone()),
            candidates: Vec::new(),
        },
        _ => found,
    }
}

/// Names each actor of `req` that `names` found to be a description of an
/// actor the same article names ("the governor") by that actor's name, so
/// that accepting a proposal logs the person, not the description.
pub fn name_story_actors(req: &mut LogRequest, names: &[NameResolution]) {
    let speaker = std::iter::once(&mut req.speaker);
    for actor in speaker.chain(req.relays.iter_mut().map(|r| &mut r.actor)) {
        let story = names.iter().find(|n| n.name == actor.name && n.resolution == "story");
        if let Some(name) = story.and_then(|n| n.actor.clone()) {
            actor.name = name;
        }
    }
}

/// Every actor a request names: its speaker, then each relay.
fn named_actors(req: &LogRequest) -> impl Iterator<Item = &super::ActorSpec> {
    std::iter::once(&req.speaker).chain(req.relays.iter().map(|r| &r.actor))
}

/// A live actor as resolution reads it, owned.
pub(super) struct PoolActor {
    pub(super) seq: i64,
    pub(super) id: String,
    pub(super) name: String,
    kind: ActorKind,
    role: Option<String>,
    aliases: Vec<String>,
    domains: Vec<String>,
}

impl PoolActor {
    pub(super) fn known(&self) -> Known<'_> {
        Known {
            id: &self.id,
            name: &self.name,
            kind: self.kind,
            role: self.role.as_deref(),
            aliases: &self.aliases,
            domains: &self.domains,
        }
    }
}

impl Store {
    /// What `name` is among the live actors: the actor whose name or alias
    /// it is (as `log` would find it), or the actors it may be, with the
    /// reason for each, or nothing like it. `context` holds the ids of the
    /// actors already in the story (the claim, the other names of the same
    /// log), which rank first.
    ///
    /// Compares the name only with the actors that share a blocking key with
    /// it (see [`identity::BlockIndex`]), found by index lookups in the
    /// persisted keys (`actor_block_key`), with those of `context` and with
    /// any actor written since the keys were last brought up to date (read
    /// whole): a freshly opened store, as each CLI command is, pays a few
    /// lookups, not a reading of every actor. The answer is
    /// [`Store::resolve_name_naive`]'s.
    pub fn resolve_name(&self, name: &str, kind: Option<ActorKind>, context: &[String]) -> Result<Resolution> {
        if let Some(known) = self.known_name(name)? {
            return Ok(known);
        }
        let typed = Typed { context, ..Typed::new(name, kind) };
        let mut seqs = near_by_keys(&self.conn, &typed)?;
        let mut by_id = self.conn.prepare_cached("SELECT seq FROM actor WHERE id = ?1")?;
        for id in context {
            seqs.extend(by_id.query_row([id], |r| r.get::<_, i64>(0)).optional()?);
        }
        let pool = pool_of(&self.conn, &seqs)?;
        let known: Vec<Known<'_>> = pool.iter().map(PoolActor::known).collect();
        let found = identity::candidates(&typed, &known);
        Ok(if found.is_empty() { Resolution::New } else { Resolution::Candidates(found) })
    }

    /// Brings the persisted blocking keys up to date with every actor
    /// written since (see [`refresh_block_keys`]); returns how many actors
    /// were stale. Every write does it first on its own; a bulk load may call
    /// it once before the first resolutions.
    pub fn refresh_block_keys(&mut self) -> Result<usize> {
        let stale: i64 = self.conn.query_row("SELECT count(*) FROM actor_block_stale", [], |r| r.get(0))?;
        if stale > 0 {
            // A write transaction keys the stale actors before anything else.
            self.write_transaction()?.commit()?;
        }
        Ok(stale as usize)
    }

    /// [`Store::resolve_name`] by comparing the name with every live actor,
    /// read afresh: the baseline the benchmark and the tests hold it to.
    #[doc(hidden)]
    pub fn resolve_name_naive(&self, name: &str, kind: Option<ActorKind>, context: &[String]) -> Result<Resolution> {
        if let Some(known) = self.known_name(name)? {
            return Ok(known);
        }
        let pool = self.resolution_pool()?;
        let known: Vec<Known<'_>> = pool.iter().map(PoolActor::known).collect();
        let typed = Typed { context, ..Typed::new(name, kind) };
        let found = identity::candidates(&typed, &known);
        Ok(if found.is_empty() { Resolution::New } else { Resolution::Candidates(found) })
    }

    /// The actor whose name or alias `name` is, as `log` would find it.
    fn known_name(&self, name: &str) -> Result<Option<Resolution>> {
        let Some(row) = find_actor(&self.conn, name)? else { return Ok(None) };
        let (id, stored): (String, String) =
            self.conn.query_row("SELECT id, name_key FROM actor WHERE seq = ?1", [row.seq], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        Ok(Some(if stored == match_key(name) { Resolution::Exact { id } } else { Resolution::Alias { id } }))
    }

    /// Resolves each distinct name of `requests` (speakers and relays): a
    /// known name or alias resolves, the rest are ranked with `context` (the
    /// ids of the actors already in the story, see [`Store::story_context`])
    /// and with the actors of an existing claim of the same text.
    ///
    /// A description of someone the article itself names ("the governor"
    /// beside "Yevgeny Balitsky", whose role it fits) resolves to that actor
    /// as `story`: within one article the role rule decides, as a reader does.
    pub fn resolve_requests(&self, requests: &[&LogRequest], story: &[String]) -> Result<Vec<NameResolution>> {
        let mut out: Vec<NameResolution> = Vec::new();
        for req in requests {
            let mut context = story.to_vec();
            context.extend(self.claim_actor_ids(&req.claim)?);
            for actor in named_actors(req) {
                if out.iter().any(|n| n.name == actor.name) {
                    continue;
                }
                let found = NameResolution::new(&actor.name, self.resolve_name(&actor.name, actor.kind, &context)?);
                out.push(described_in_story(found, story));
            }
        }
        Ok(out)
    }

    /// The ids of the names in `requests` that are known names or aliases:
    /// the actors already in an article, which a surname or a description
    /// in it most likely means.
    pub fn story_context(&self, requests: &[&LogRequest]) -> Result<Vec<String>> {
        let mut ids = Vec::new();
        for actor in requests.iter().flat_map(|r| named_actors(r)) {
            if let Some(row) = find_actor(&self.conn, &actor.name)? {
                let id: String = self.conn.query_row("SELECT id FROM actor WHERE seq = ?1", [row.seq], |r| r.get(0))?;
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        Ok(ids)
    }

    /// The actors of the claim whose text is `text` once normalised, if it
    /// is logged already.
    fn claim_actor_ids(&self, text: &str) -> Result<Vec<String>> {
        let seq: Option<i64> = self
            .conn
            .query_row("SELECT seq FROM claim WHERE text_key = ?1", [claim_key(text)], |r| r.get(0))
            .optional()?;
        let Some(seq) = seq else { return Ok(Vec::new()) };
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT ac.id FROM live_appearance a JOIN actor ac ON ac.seq = a.actor_seq WHERE a.claim_seq = ?1",
        )?;
        let ids = stmt.query_map([seq], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }

    /// Every live actor with its aliases and domains, in three queries.
    pub(super) fn resolution_pool(&self) -> Result<Vec<PoolActor>> {
        resolution_pool(&self.conn)
    }
}

/// Recomputes the blocking keys of every actor marked stale (the triggers
/// of migration 0009 mark an actor whose name, kind, role, aliases, domains
/// or merge change), inside `conn`'s open write transaction: the one function
/// that maintains `actor_block_key`. Every write transaction calls it first,
/// and an import before it looks for possible duplicates; whatever writes
/// actors may call it before committing. Returns how many live actors were
/// keyed.
pub(crate) fn refresh_block_keys(conn: &Connection) -> Result<usize> {
    let stale: Vec<i64> = {
        let mut stmt = conn.prepare_cached("SELECT actor_seq FROM actor_block_stale")?;
        let rows = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        rows
    };
    if stale.is_empty() {
        return Ok(0);
    }
    conn.execute("DELETE FROM actor_block_key WHERE actor_seq IN (SELECT actor_seq FROM actor_block_stale)", [])?;
    // Merged-away actors keep no keys: they are no one's candidate. Many
    // stale actors (a bulk load, the migration) are read in three queries.
    let stale: BTreeSet<i64> = stale.into_iter().collect();
    let pool = if stale.len() > 1_000 {
        resolution_pool(conn)?.into_iter().filter(|a| stale.contains(&a.seq)).collect()
    } else {
        pool_of(conn, &stale)?
    };
    let mut file =
        conn.prepare_cached("INSERT OR IGNORE INTO actor_block_key (side, key, actor_seq) VALUES (?1, ?2, ?3)")?;
    let mut rows: Vec<(i64, String, i64)> = Vec::new();
    for actor in &pool {
        rows.extend(
            identity::actor_block_keys(&actor.known()).into_iter().map(|(side, key)| (side.code(), key, actor.seq)),
        );
    }
    // In key order, so a bulk of them appends to the table's B-tree instead
    // of landing all over it.
    rows.sort_unstable();
    for (side, key, seq) in rows {
        file.execute(rusqlite::params![side, key, seq])?;
    }
    conn.execute("DELETE FROM actor_block_stale", [])?;
    Ok(pool.len())
}

/// The actors sharing a blocking key with `typed` through the persisted
/// keys, and every actor whose keys are stale.
fn near_by_keys(conn: &Connection, typed: &Typed<'_>) -> Result<BTreeSet<i64>> {
    let mut seqs = BTreeSet::new();
    let mut lookup = conn.prepare_cached("SELECT actor_seq FROM actor_block_key WHERE side = ?1 AND key = ?2")?;
    for (side, key) in identity::meeting_keys(typed) {
        for seq in lookup.query_map(rusqlite::params![side.code(), key], |r| r.get(0))? {
            seqs.insert(seq?);
        }
    }
    let mut stale = conn.prepare_cached("SELECT actor_seq FROM actor_block_stale")?;
    for seq in stale.query_map([], |r| r.get(0))? {
        seqs.insert(seq?);
    }
    Ok(seqs)
}

/// The live actors among `seqs`, in seq order (the order of the whole
/// pool), with their aliases and domains.
pub(super) fn pool_of(conn: &Connection, seqs: &BTreeSet<i64>) -> Result<Vec<PoolActor>> {
    let mut actor =
        conn.prepare_cached("SELECT id, name, kind, role FROM actor WHERE seq = ?1 AND merged_into IS NULL")?;
    let mut aliases = conn.prepare_cached("SELECT alias FROM actor_alias WHERE actor_seq = ?1")?;
    let mut domains = conn.prepare_cached("SELECT domain FROM actor_domain WHERE actor_seq = ?1")?;
    let mut pool = Vec::new();
    for &seq in seqs {
        let row =
            actor.query_row([seq], |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, String>(2)?, r.get(3)?))).optional()?;
        let Some((id, name, kind, role)) = row else { continue };
        pool.push(PoolActor {
            seq,
            id,
            name,
            kind: kind.parse()?,
            role,
            aliases: aliases.query_map([seq], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?,
            domains: domains.query_map([seq], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?,
        });
    }
    Ok(pool)
}

/// Every live actor with its aliases and domains, in three queries; through
/// `conn`, so that an open transaction sees the actors it has just added.
pub(super) fn resolution_pool(conn: &Connection) -> Result<Vec<PoolActor>> {
    let mut stmt = conn.prepare_cached("SELECT seq, id, name, kind, role FROM actor WHERE merged_into IS NULL")?;
    let mut by_seq: HashMap<i64, usize> = HashMap::new();
    let mut pool = Vec::new();
    let rows =
        stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?, r.get::<_, String>(3)?, r.get(4)?)))?;
    for row in rows {
        let (seq, id, name, kind, role) = row?;
        by_seq.insert(seq, pool.len());
        pool.push(PoolActor { seq, id, name, kind: kind.parse()?, role, aliases: vec![], domains: vec![] });
    }
    let mut aliases = conn.prepare_cached("SELECT actor_seq, alias FROM actor_alias")?;
    for row in aliases.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
        let (seq, alias) = row?;
        if let Some(&i) = by_seq.get(&seq) {
            pool[i].aliases.push(alias);
        }
    }
    let mut domains = conn.prepare_cached("SELECT actor_seq, domain FROM actor_domain")?;
    for row in domains.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
        let (seq, domain) = row?;
        if let Some(&i) = by_seq.get(&seq) {
            pool[i].domains.push(domain);
        }
    }
    Ok(pool)
}

/// What takes a database back to before migration 0009, for the tests
/// that upgrade a database by hand.
#[cfg(test)]
pub(crate) const UNDO_BLOCK_KEYS: &str = "
    DROP TRIGGER actor_block_on_insert; DROP TRIGGER actor_block_on_update; DROP TRIGGER actor_block_on_delete;
    DROP TRIGGER actor_block_on_alias_insert; DROP TRIGGER actor_block_on_alias_update;
    DROP TRIGGER actor_block_on_alias_delete; DROP TRIGGER actor_block_on_domain_insert;
    DROP TRIGGER actor_block_on_domain_update; DROP TRIGGER actor_block_on_domain_delete;
    DROP TABLE actor_block_key; DROP TABLE actor_block_stale;";

#[cfg(test)]
mod tests {
    use crate::identity::{MatchReason, Resolution};
    use crate::{ActorKind, ActorSpec, LogRequest, RelayStep, Store};

    fn logged_store() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        let mut speaker = ActorSpec::named("Leonid Pasechnik", ActorKind::Person);
        speaker.role = Some("Russian-installed governor of Luhansk".into());
        speaker.aliases = vec!["Pasechnik".into()];
        let mut req = LogRequest::new("Luhansk is fully under Russian control", speaker);
        req.relays.push(RelayStep::cites(ActorSpec::named("Al Jazeera", ActorKind::Outlet)));
        store.log(&req, chrono::Utc::now()).unwrap();
        store
    }

    #[test]
    fn names_resolve_exactly_by_name_or_alias_and_variants_are_candidates() {
        let store = logged_store();
        let pasechnik = store.resolve_actor("Leonid Pasechnik").unwrap().id;
        assert_eq!(
            store.resolve_name("leonid  PASECHNIK", None, &[]).unwrap(),
            Resolution::Exact { id: pasechnik.clone() }
        );
        assert_eq!(store.resolve_name("pasechnik", None, &[]).unwrap(), Resolution::Alias { id: pasechnik.clone() });
        let Resolution::Candidates(found) =
            store.resolve_name("Leonid Pasechnick", Some(ActorKind::Person), &[]).unwrap()
        else {
            panic!("a typo must give candidates")
        };
        assert_eq!((found[0].id.as_str(), found[0].reason), (pasechnik.as_str(), MatchReason::Transliteration));
        let Resolution::Candidates(found) = store.resolve_name("Al-Jazeera", Some(ActorKind::Outlet), &[]).unwrap()
        else {
            panic!("a spelling variant must give candidates")
        };
        assert_eq!(found[0].name, "Al Jazeera");
        assert_eq!(store.resolve_name("Ekaterina Mizulina", Some(ActorKind::Person), &[]).unwrap(), Resolution::New);
    }

    #[test]
    fn a_description_resolves_to_the_person_the_same_story_names_and_not_otherwise() {
        let store = logged_store();
        let pasechnik = store.resolve_actor("Leonid Pasechnik").unwrap().id;
        let described = LogRequest::new(
            "Luhansk is fully under Russian control",
            ActorSpec::named("Russian-installed governor of Ukraine's eastern Luhansk region", ActorKind::Person),
        );
        let named =
            LogRequest::new("Severodonetsk has fallen", ActorSpec::named("Leonid Pasechnik", ActorKind::Person));
        let story = store.story_context(&[&described, &named]).unwrap();
        assert_eq!(story, vec![pasechnik.clone()]);
        let found = store.resolve_requests(&[&described], &story).unwrap();
        assert_eq!((found[0].resolution, found[0].id.as_deref()), ("story", Some(pasechnik.as_str())));
        assert_eq!(found[0].actor.as_deref(), Some("Leonid Pasechnik"));
        // In an article that does not name him, it stays the checker's decision.
        let alone = LogRequest::new(
            "Another claim",
            ActorSpec::named("Russian-installed governor of Ukraine's eastern Luhansk region", ActorKind::Person),
        );
        let found = store.resolve_requests(&[&alone], &[]).unwrap();
        assert_eq!(found[0].resolution, "candidates");
        assert_eq!(found[0].candidates[0].id, pasechnik);
    }

    /// The candidates resolution offers for `name` as a person, checked
    /// against reading every actor afresh.
    fn offered(store: &Store, name: &str) -> Vec<String> {
        let blocked = store.resolve_name(name, Some(ActorKind::Person), &[]).unwrap();
        assert_eq!(blocked, store.resolve_name_naive(name, Some(ActorKind::Person), &[]).unwrap(), "{name}");
        match blocked {
            Resolution::Candidates(found) => found.into_iter().map(|c| c.name).collect(),
            _ => Vec::new(),
        }
    }

    fn log_speaker(store: &mut Store, claim: &str, speaker: &str) {
        let req = LogRequest::new(claim, ActorSpec::named(speaker, ActorKind::Person));
        store.log(&req, chrono::Utc::now()).unwrap();
    }

    /// The kept index must follow this store's writes: an actor logged,
    /// aliased or merged away after the index was built is seen by the next
    /// resolution.
    #[test]
    fn resolution_keys_follow_actors_logged_aliased_and_merged() {
        let mut store = logged_store();
        assert_eq!(offered(&store, "Dmitry Peskow"), Vec::<String>::new());
        log_speaker(&mut store, "Talks are off", "Dmitry Peskov");
        assert_eq!(offered(&store, "Dmitry Peskow"), vec!["Dmitry Peskov"]);
        store.add_actor_alias("Dmitry Peskov", "Kremlin spokesman Dmitry Sergeyevich Peskov").unwrap();
        assert_eq!(offered(&store, "Dmitri Peskov"), vec!["Dmitry Peskov"]);
        log_speaker(&mut store, "Talks are on", "Dmitry Peskof");
        assert_eq!(offered(&store, "Dmitry Peskow"), vec!["Dmitry Peskov", "Dmitry Peskof"]);
        store.merge_actors("Dmitry Peskov", "Dmitry Peskof", chrono::Utc::now()).unwrap();
        assert_eq!(offered(&store, "Dmitry Peskow"), vec!["Dmitry Peskov"]);
    }

    /// The window keeps one store open while the CLI writes the same file:
    /// resolution in the window must see the actor the CLI just logged.
    #[test]
    fn resolution_sees_actors_another_connection_logged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shared.sqlite3");
        let window = Store::open(&path).unwrap();
        assert_eq!(offered(&window, "Leonid Pasechnick"), Vec::<String>::new());
        let mut cli = Store::open(&path).unwrap();
        log_speaker(&mut cli, "Luhansk is fully under Russian control", "Leonid Pasechnik");
        drop(cli);
        assert_eq!(offered(&window, "Leonid Pasechnick"), vec!["Leonid Pasechnik"]);
    }

    fn count(store: &Store, sql: &str) -> i64 {
        store.connection().query_row(sql, [], |r| r.get(0)).unwrap()
    }

    /// The keys are written by the next write, and from then on resolution
    /// finds the actor through them alone (no stale actor is read whole).
    #[test]
    fn the_next_write_keys_new_actors_and_resolution_reads_the_keys() {
        let mut store = logged_store();
        assert!(count(&store, "SELECT count(*) FROM actor_block_stale") > 0);
        log_speaker(&mut store, "Talks are off", "Dmitry Peskov");
        assert_eq!(count(&store, "SELECT count(*) FROM actor_block_stale"), 1, "only the actor of the last write");
        assert_eq!(store.refresh_block_keys().unwrap(), 1);
        assert_eq!(count(&store, "SELECT count(*) FROM actor_block_stale"), 0);
        let pasechnik: i64 = count(&store, "SELECT seq FROM actor WHERE name = 'Leonid Pasechnik'");
        let filed = count(&store, &format!("SELECT count(*) FROM actor_block_key WHERE actor_seq = {pasechnik}"));
        assert!(filed > 3, "{filed}");
        assert_eq!(offered(&store, "Leonid Pasechnick"), vec!["Leonid Pasechnik"]);
        assert_eq!(offered(&store, "Dmitry Peskow"), vec!["Dmitry Peskov"]);
        // Merged away: no keys, no candidate.
        log_speaker(&mut store, "Talks are on", "Dmitry Peskof");
        store.merge_actors("Dmitry Peskov", "Dmitry Peskof", chrono::Utc::now()).unwrap();
        store.refresh_block_keys().unwrap();
        let peskof: i64 = count(&store, "SELECT seq FROM actor WHERE name = 'Dmitry Peskof'");
        assert_eq!(count(&store, &format!("SELECT count(*) FROM actor_block_key WHERE actor_seq = {peskof}")), 0);
        assert_eq!(offered(&store, "Dmitry Peskow"), vec!["Dmitry Peskov"]);
    }

    /// A database from before the key table gets every actor keyed by the
    /// migration.
    #[test]
    fn the_migration_keys_the_actors_already_recorded() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("before.sqlite3");
        {
            let mut store = Store::open(&path).unwrap();
            log_speaker(&mut store, "Luhansk is fully under Russian control", "Leonid Pasechnik");
            log_speaker(&mut store, "Talks are off", "Dmitry Peskov");
        }
        {
            let conn = rusqlite::Connection::open(&path).unwrap();
            let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
            // Back to before the keys (0009), the audit subjects (0010), the
            // count indexes (0011), the verdict conflicts (0012), the
            // document references (0013) and the appearances' roles (0014).
            let undo = format!(
                "ALTER TABLE appearance DROP COLUMN role; ALTER TABLE document DROP COLUMN csl;
                 DROP TABLE verdict_conflict; DROP INDEX verdict_claim_at;
                 DROP INDEX appearance_actor_live;
                 DROP INDEX claim_deleted; DROP TABLE audit_subject; {}\nPRAGMA user_version = {};",
                super::UNDO_BLOCK_KEYS,
                version - 6
            );
            conn.execute_batch(&undo).unwrap();
        }
        let store = Store::open(&path).unwrap();
        assert_eq!(count(&store, "SELECT count(*) FROM actor_block_stale"), 0);
        assert_eq!(count(&store, "SELECT count(DISTINCT actor_seq) FROM actor_block_key"), 2);
        assert_eq!(offered(&store, "Leonid Pasechnick"), vec!["Leonid Pasechnik"]);
    }
}
