//! Resolving a name against the actors in the database: an exact name or
//! alias, or the candidates [`identity::resolve`](crate::identity::resolve)
//! finds, for the checker to choose from.

use std::collections::HashMap;

use super::log::find_actor;
use super::Store;
use crate::error::Result;
use crate::identity::{self, Known, Resolution, Typed};
use crate::key::match_key;
use crate::model::ActorKind;

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
    /// Reads every live actor: linear in their number (a few milliseconds
    /// for thousands of actors).
    pub fn resolve_name(&self, name: &str, kind: Option<ActorKind>, context: &[String]) -> Result<Resolution> {
        if let Some(row) = find_actor(&self.conn, name)? {
            let (id, stored): (String, String) =
                self.conn.query_row("SELECT id, name_key FROM actor WHERE seq = ?1", [row.seq], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?;
            return Ok(if stored == match_key(name) { Resolution::Exact { id } } else { Resolution::Alias { id } });
        }
        let pool = self.resolution_pool()?;
        let known: Vec<Known<'_>> = pool.iter().map(PoolActor::known).collect();
        let typed = Typed { context, ..Typed::new(name, kind) };
        let found = identity::candidates(&typed, &known);
        Ok(if found.is_empty() { Resolution::New } else { Resolution::Candidates(found) })
    }

    /// Every live actor with its aliases and domains, in three queries.
    pub(super) fn resolution_pool(&self) -> Result<Vec<PoolActor>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT seq, id, name, kind, role FROM actor WHERE merged_into IS NULL")?;
        let mut by_seq: HashMap<i64, usize> = HashMap::new();
        let mut pool = Vec::new();
        let rows =
            stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?, r.get::<_, String>(3)?, r.get(4)?)))?;
        for row in rows {
            let (seq, id, name, kind, role) = row?;
            by_seq.insert(seq, pool.len());
            pool.push(PoolActor { seq, id, name, kind: kind.parse()?, role, aliases: vec![], domains: vec![] });
        }
        let mut aliases = self.conn.prepare_cached("SELECT actor_seq, alias FROM actor_alias")?;
        for row in aliases.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
            let (seq, alias) = row?;
            if let Some(&i) = by_seq.get(&seq) {
                pool[i].aliases.push(alias);
            }
        }
        let mut domains = self.conn.prepare_cached("SELECT actor_seq, domain FROM actor_domain")?;
        for row in domains.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
            let (seq, domain) = row?;
            if let Some(&i) = by_seq.get(&seq) {
                pool[i].domains.push(domain);
            }
        }
        Ok(pool)
    }
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
}
