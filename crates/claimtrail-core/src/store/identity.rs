//! Resolving a name against the actors in the database: an exact name or
//! alias, or the candidates [`identity::resolve`](crate::identity::resolve)
//! finds, for the checker to choose from.

use std::collections::HashMap;

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

/// The resolution in a store's lifetime at which the actor index is built:
/// about the cost of building it in readings of every actor (ski rental: never
/// more than twice the cheaper of always reading and building at once).
pub(crate) const INDEX_AFTER: u32 = 8;

/// What the store keeps for resolution between two writes.
#[derive(Default)]
pub(super) struct ActorIndex {
    /// The writes it is in step with (see [`Store::write_stamp`]).
    stamp: (i64, u64),
    /// Names resolved since.
    resolutions: u32,
    built: Option<BuiltIndex>,
}

/// The live actors filed under their blocking keys.
struct BuiltIndex {
    pool: Vec<PoolActor>,
    by_id: HashMap<String, usize>,
    blocks: identity::BlockIndex,
}

impl BuiltIndex {
    fn of(pool: Vec<PoolActor>) -> BuiltIndex {
        let known: Vec<Known<'_>> = pool.iter().map(PoolActor::known).collect();
        let blocks = identity::BlockIndex::of(&known);
        let by_id = pool.iter().enumerate().map(|(i, a)| (a.id.clone(), i)).collect();
        BuiltIndex { pool, by_id, blocks }
    }
}

impl Store {
    /// What `name` is among the live actors: the actor whose name or alias
    /// it is (as `log` would find it), or the actors it may be, with the
    /// reason for each, or nothing like it. `context` holds the ids of the
    /// actors already in the story (the claim, the other names of the same
    /// log), which rank first.
    ///
    /// Once the store has resolved a few names since its last write, it
    /// compares a name only with the actors that share a blocking key with
    /// it (see [`identity::BlockIndex`]) and those of `context`, through an
    /// index of every live actor kept in memory until the next write, by this
    /// store or by another process. Building the index costs about ten
    /// readings of every actor, so the first seven names after
    /// a write are compared with every actor: a command that resolves a name
    /// or two pays no more than before, and a window resolving as the checker
    /// types builds the index once. The answer is the same either way
    /// ([`Store::resolve_name_naive`]'s).
    pub fn resolve_name(&self, name: &str, kind: Option<ActorKind>, context: &[String]) -> Result<Resolution> {
        if let Some(known) = self.known_name(name)? {
            return Ok(known);
        }
        let typed = Typed { context, ..Typed::new(name, kind) };
        let mut cache = self.actor_index.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let stamp = self.write_stamp()?;
        if cache.stamp != stamp {
            *cache = ActorIndex { stamp, ..ActorIndex::default() };
        }
        cache.resolutions += 1;
        if cache.built.is_none() && cache.resolutions < INDEX_AFTER {
            drop(cache);
            return self.resolve_name_naive(name, kind, context);
        }
        let built = match cache.built.take() {
            Some(built) => cache.built.insert(built),
            None => cache.built.insert(BuiltIndex::of(self.resolution_pool()?)),
        };
        let context = context.iter().filter_map(|id| built.by_id.get(id).copied());
        let found = identity::candidates_near(&typed, &built.blocks, context, |i| built.pool[i].known());
        Ok(if found.is_empty() { Resolution::New } else { Resolution::Candidates(found) })
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

    /// Changes as of now: another connection's commits move SQLite's
    /// `data_version`, this connection's own writes its change count (a
    /// rolled-back write counts too, which only costs a rebuild). No write
    /// path can forget to move them.
    fn write_stamp(&self) -> Result<(i64, u64)> {
        Ok((super::open::data_version(&self.conn)?, self.conn.total_changes()))
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
            "SELECT DISTINCT ac.id FROM appearance a JOIN actor ac ON ac.seq = a.actor_seq WHERE a.claim_seq = ?1",
        )?;
        let ids = stmt.query_map([seq], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }

    /// Every live actor with its aliases and domains, in three queries.
    pub(super) fn resolution_pool(&self) -> Result<Vec<PoolActor>> {
        resolution_pool(&self.conn)
    }
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

    /// Resolves enough names for the store to build its actor index.
    fn build_index(store: &Store) {
        for _ in 0..super::INDEX_AFTER {
            store.resolve_name("Someone Else Entirely", Some(ActorKind::Person), &[]).unwrap();
        }
    }

    /// The kept index must follow this store's writes: an actor logged,
    /// aliased or merged away after the index was built is seen by the next
    /// resolution.
    #[test]
    fn resolution_index_follows_actors_logged_aliased_and_merged_after_it_was_built() {
        let mut store = logged_store();
        build_index(&store);
        assert_eq!(offered(&store, "Dmitry Peskow"), Vec::<String>::new());
        log_speaker(&mut store, "Talks are off", "Dmitry Peskov");
        assert_eq!(offered(&store, "Dmitry Peskow"), vec!["Dmitry Peskov"]);
        build_index(&store);
        store.add_actor_alias("Dmitry Peskov", "Kremlin spokesman Dmitry Sergeyevich Peskov").unwrap();
        assert_eq!(offered(&store, "Dmitri Peskov"), vec!["Dmitry Peskov"]);
        build_index(&store);
        log_speaker(&mut store, "Talks are on", "Dmitry Peskof");
        assert_eq!(offered(&store, "Dmitry Peskow"), vec!["Dmitry Peskov", "Dmitry Peskof"]);
        build_index(&store);
        store.merge_actors("Dmitry Peskov", "Dmitry Peskof", chrono::Utc::now()).unwrap();
        assert_eq!(offered(&store, "Dmitry Peskow"), vec!["Dmitry Peskov"]);
    }

    /// The window keeps one store open while the CLI writes the same file:
    /// resolution in the window must see the actor the CLI just logged.
    #[test]
    fn resolution_index_follows_actors_another_connection_logged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shared.sqlite3");
        let window = Store::open(&path).unwrap();
        build_index(&window);
        assert_eq!(offered(&window, "Leonid Pasechnick"), Vec::<String>::new());
        let mut cli = Store::open(&path).unwrap();
        log_speaker(&mut cli, "Luhansk is fully under Russian control", "Leonid Pasechnik");
        drop(cli);
        assert_eq!(offered(&window, "Leonid Pasechnick"), vec!["Leonid Pasechnik"]);
    }
}
