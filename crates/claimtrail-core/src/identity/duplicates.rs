//! Duplicates already among the known actors: every pair of which one would
//! be offered as a candidate for the other's name, found without comparing
//! every pair.
//!
//! Each rule of resolution fires only between names that share something
//! exactly: the squashed name, a surname's sound key, a surname or outlet
//! name one deletion apart, the first two words, an acronym's first letter
//! and another of its letters, a role noun and a telling word. Each actor is
//! filed under those blocking keys, and only actors sharing a key are
//! compared, with the rules themselves ([`Reading::score`]), both ways.
//! [`duplicate_pairs_involving`] looks up only from the actors an import
//! just created.
//! [`duplicate_pairs_naive`] compares every pair; a test holds the two equal
//! on the name-variant set, and the benchmark measures one against the other.

use std::collections::HashMap;

use super::person::{content_words, is_description, role_nouns, PersonName};
use super::{outlet, Known, MatchReason, Reading, Typed};
use crate::model::ActorKind;

/// Two known actors that may be one, by their positions in the slice given.
#[derive(Debug, Clone, PartialEq)]
pub struct PairMatch {
    pub a: usize,
    pub b: usize,
    /// The reason of the likelier direction (`a`'s name read against `b`, or
    /// `b`'s against `a`).
    pub reason: MatchReason,
    pub score: f64,
}

/// Every pair of `known` actors of which one is a candidate for the other,
/// best first (then by position). Compares only actors that share a
/// blocking key: near-linear in the number of actors for names as
/// newsrooms write them.
pub fn duplicate_pairs(known: &[Known<'_>]) -> Vec<PairMatch> {
    blocked_pairs(known, &vec![true; known.len()])
}

/// The pairs of [`duplicate_pairs`] with at least one actor marked in
/// `new` (by position; shorter than `known` means the rest are not new):
/// what an import that created those actors must report. Every actor is
/// filed under its blocking keys, but only the new ones look up the actors
/// they share a key with, so the work grows with the new actors and the
/// size of their blocks, not with every pair.
pub fn duplicate_pairs_involving(known: &[Known<'_>], new: &[bool]) -> Vec<PairMatch> {
    let mut new = new.to_vec();
    new.resize(known.len(), false);
    blocked_pairs(known, &new)
}

/// The pairs sharing a blocking key of which one actor is marked in `from`,
/// scored by the rules.
fn blocked_pairs(known: &[Known<'_>], from: &[bool]) -> Vec<PairMatch> {
    let keys: Vec<BlockKeys> = known.iter().map(BlockKeys::of).collect();
    let index = BlockIndex::of_keys(&keys);
    let mut met: Vec<(usize, usize)> = Vec::new();
    let mut near: Vec<usize> = Vec::new();
    for (i, k) in keys.iter().enumerate().filter(|&(i, _)| from[i]) {
        near.clear();
        index.meeting(k, &mut near);
        // Each pair once: from the lower position when both are looked up
        // from, else from the one that is.
        near.retain(|&j| j > i || (j < i && !from[j]));
        met.extend(near.iter().map(|&j| (i.min(j), i.max(j))));
    }
    // Read only the names that met another: for a few new actors among
    // many, most are never read.
    let typed = as_typed(known);
    let mut readings: Vec<Option<Reading<'_>>> = (0..known.len()).map(|_| None).collect();
    for &(a, b) in &met {
        for i in [a, b] {
            if readings[i].is_none() {
                readings[i] = Some(Reading::of(&typed[i]));
            }
        }
    }
    let found = met.into_iter().filter_map(|(a, b)| pair_match(&readings, known, a, b)).collect();
    rank(found)
}

/// The known actors filed under their blocking keys, to find those a typed
/// name may be without reading every one: what the store keeps per
/// database for [`Store::resolve_name`](crate::Store::resolve_name).
#[derive(Debug, Default)]
pub struct BlockIndex {
    shared: HashMap<String, Vec<u32>>,
    probes: HashMap<String, Vec<u32>>,
    index: HashMap<String, Vec<u32>>,
}

impl BlockIndex {
    /// Files each of `known` under its keys, by position.
    pub fn of(known: &[Known<'_>]) -> BlockIndex {
        let keys: Vec<BlockKeys> = known.iter().map(BlockKeys::of).collect();
        BlockIndex::of_keys(&keys)
    }

    fn of_keys(keys: &[BlockKeys]) -> BlockIndex {
        let mut filed = BlockIndex::default();
        for (i, k) in keys.iter().enumerate() {
            let i = u32::try_from(i).expect("fewer than 4 billion actors");
            let maps = [(&mut filed.shared, &k.shared), (&mut filed.probes, &k.probes), (&mut filed.index, &k.index)];
            for (map, list) in maps {
                for key in list {
                    map.entry(key.clone()).or_default().push(i);
                }
            }
        }
        filed
    }

    /// The positions of the actors sharing a key with `k`, ascending, once
    /// each. A probe meets an index key from either side, so both joins are
    /// read.
    fn meeting(&self, k: &BlockKeys, near: &mut Vec<usize>) {
        let joins = [(&k.shared, &self.shared), (&k.probes, &self.index), (&k.index, &self.probes)];
        for (list, map) in joins {
            for key in list {
                near.extend(map.get(key.as_str()).into_iter().flatten().map(|&j| j as usize));
            }
        }
        near.sort_unstable();
        near.dedup();
    }

    /// The positions, ascending, of the known actors sharing a blocking key
    /// with `typed`. With the actors of its context (a description fits
    /// anyone of the story whose role shares its noun, which no key
    /// captures), every actor [`candidates`](super::candidates) would offer
    /// is among them; a test holds the two searches equal.
    pub fn near(&self, typed: &Typed<'_>) -> Vec<usize> {
        let read_as = |kind| Known { id: "", name: typed.name, kind, role: None, aliases: &[], domains: &[] };
        let mut near = Vec::new();
        match typed.kind {
            Some(kind) => self.meeting(&BlockKeys::of(&read_as(kind)), &mut near),
            // Not known yet: it may be read as a person or as an outlet.
            None => {
                self.meeting(&BlockKeys::of(&read_as(ActorKind::Person)), &mut near);
                self.meeting(&BlockKeys::of(&read_as(ActorKind::Outlet)), &mut near);
            }
        }
        near
    }
}

/// Which list of an actor's blocking keys a key is in, as the store persists
/// them: a shared key meets the same shared key; a probe (what a bare surname,
/// an acronym or a description looks for) meets the same index key, and the
/// other way round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeySide {
    Shared,
    Probe,
    Index,
}

impl KeySide {
    /// The number the store writes for it.
    pub fn code(self) -> i64 {
        match self {
            KeySide::Shared => 0,
            KeySide::Probe => 1,
            KeySide::Index => 2,
        }
    }
}

/// Every blocking key of `known`, with its side: the rows the store keeps
/// for it, so that [`meeting_keys`] finds it by index lookups.
pub fn actor_block_keys(known: &Known<'_>) -> Vec<(KeySide, String)> {
    let k = BlockKeys::of(known);
    let sides = [(KeySide::Shared, k.shared), (KeySide::Probe, k.probes), (KeySide::Index, k.index)];
    sides.into_iter().flat_map(|(side, keys)| keys.into_iter().map(move |key| (side, key))).collect()
}

/// The stored keys (side and key) that the actors [`BlockIndex::near`] finds
/// for `typed` are filed under: looking each up in the store's key table
/// gives the same actors without an index in memory.
pub fn meeting_keys(typed: &Typed<'_>) -> Vec<(KeySide, String)> {
    let read_as = |kind| Known { id: "", name: typed.name, kind, role: None, aliases: &[], domains: &[] };
    let kinds = match typed.kind {
        Some(kind) => vec![kind],
        // Not known yet: it may be read as a person or as an outlet.
        None => vec![ActorKind::Person, ActorKind::Outlet],
    };
    let mut keys: Vec<(KeySide, String)> = Vec::new();
    for kind in kinds {
        let k = BlockKeys::of(&read_as(kind));
        // The side of the stored key each of the typed name's keys meets.
        let sides = [(KeySide::Shared, k.shared), (KeySide::Index, k.probes), (KeySide::Probe, k.index)];
        keys.extend(sides.into_iter().flat_map(|(side, keys)| keys.into_iter().map(move |key| (side, key))));
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The same pairs as [`duplicate_pairs`], found by comparing every pair:
/// quadratic, the baseline the benchmark measures against.
#[doc(hidden)]
pub fn duplicate_pairs_naive(known: &[Known<'_>]) -> Vec<PairMatch> {
    let typed = as_typed(known);
    let readings: Vec<Option<Reading<'_>>> = typed.iter().map(|t| Some(Reading::of(t))).collect();
    let found = (0..known.len())
        .flat_map(|i| (i + 1..known.len()).map(move |j| (i, j)))
        .filter_map(|(i, j)| pair_match(&readings, known, i, j))
        .collect();
    rank(found)
}

/// Each known actor's name as if typed, with its kind and role.
fn as_typed<'a>(known: &[Known<'a>]) -> Vec<Typed<'a>> {
    known.iter().map(|k| Typed { name: k.name, kind: Some(k.kind), role: k.role, context: &[] }).collect()
}

fn rank(mut found: Vec<PairMatch>) -> Vec<PairMatch> {
    found.sort_by(|x, y| y.score.total_cmp(&x.score).then_with(|| (x.a, x.b).cmp(&(y.a, y.b))));
    found
}

/// `i`'s name read against `j`, and `j`'s against `i`: the likelier.
fn pair_match(readings: &[Option<Reading<'_>>], known: &[Known<'_>], i: usize, j: usize) -> Option<PairMatch> {
    let one = readings[i].as_ref()?.score(&known[j]);
    let other = readings[j].as_ref()?.score(&known[i]);
    let (reason, score) = match (one, other) {
        (Some(x), Some(y)) => {
            if y.1 > x.1 {
                y
            } else {
                x
            }
        }
        (x, y) => x.or(y)?,
    };
    Some(PairMatch { a: i, b: j, reason, score })
}

/// The keys an actor is filed under. Two actors that a rule could match
/// share a `shared` key, or one's `probes` key is the other's `index` key:
/// a name that meets many (an acronym, a bare surname, a description) probes
/// the names it may stand for without those being compared with each other.
#[derive(Default)]
struct BlockKeys {
    shared: Vec<String>,
    probes: Vec<String>,
    index: Vec<String>,
}

impl BlockKeys {
    fn of(k: &Known<'_>) -> BlockKeys {
        let names: Vec<&str> = std::iter::once(k.name).chain(k.aliases.iter().map(String::as_str)).collect();
        let person = matches!(k.kind, ActorKind::Person | ActorKind::Unidentified);
        let mut keys = BlockKeys::default();
        for name in &names {
            // Spelling, and domains named after the actor ("kenyastar.com").
            keys.shared.push(format!("s{}", outlet::squashed(name)));
            if let Some(label) = outlet::as_domain(name).and_then(|d| outlet::domain_label(&d)) {
                keys.shared.push(format!("s{label}"));
            }
            if person {
                keys.person(name);
            } else {
                keys.organisation(name);
            }
        }
        for domain in k.domains {
            if let Some(label) = outlet::domain_label(domain.trim_start_matches("www.")) {
                keys.shared.push(format!("s{label}"));
            }
        }
        if person {
            if is_description(k.name) {
                role_keys(k.name, true, &mut keys.probes);
            }
            for text in k.role.into_iter().chain(k.aliases.iter().map(String::as_str)) {
                role_keys(text, false, &mut keys.index);
            }
        }
        for list in [&mut keys.shared, &mut keys.probes, &mut keys.index] {
            list.retain(|key| key.len() > 1);
            list.sort_unstable();
            list.dedup();
        }
        keys
    }

    /// A surname's sound keys (or the surname itself when its key is too
    /// short to compare by) and its one-deletion forms for typing slips,
    /// with the first given name's initial: two given names meet only with
    /// the same initial, a bare surname meets any, so it probes. And the
    /// first two words, which a longer form of the name starts with.
    fn person(&mut self, name: &str) {
        let Some(p) = PersonName::parse(name) else { return };
        let mut surnames = Vec::new();
        if p.surname.len() >= 2 {
            surnames.push(format!("n{}", p.surname));
            surnames.extend(p.surname_french.as_ref().map(|french| format!("n{french}")));
        } else {
            surnames.push(format!("x{}", p.surname_text));
        }
        one_deletion_keys('d', &p.surname_text, 5, &mut surnames);
        let initials = p.first_initials();
        if initials.is_empty() {
            self.probes.extend(surnames.iter().cloned());
        } else {
            for c in initials {
                self.shared.extend(surnames.iter().map(|s| format!("g{c}{s}")));
            }
        }
        self.index.extend(surnames);
        if let [first, second, ..] = p.all.as_slice() {
            self.shared.push(format!("e{first} {second}"));
        }
    }

    /// An acronym probes by its first letter with each other letter; a
    /// name of several words is indexed by its first and last initials: an
    /// acronym spells the name with the first word's first letter and the
    /// last word's somewhere after it. Outlet names one slip apart share a
    /// one-deletion form.
    fn organisation(&mut self, name: &str) {
        let squashed = outlet::squashed(name);
        if outlet::is_acronym(name) {
            let mut letters = squashed.chars();
            if let Some(first) = letters.next() {
                self.probes.extend(letters.map(|c| format!("a{first}{c}")));
            }
        }
        let words = outlet::acronym_words(name);
        if let (Some(first), Some(last)) = (words.first(), words.last()) {
            if words.len() >= 2 {
                let initial = |w: &String| w.chars().next().unwrap_or_default();
                self.index.push(format!("a{}{}", initial(first), initial(last)));
            }
        }
        self.shared.push(format!("s{}", outlet::without_generic_word(name)));
        // A slip counts in a word of five letters or more
        // (`outlet::one_slip_apart`): a one-word name of five ("rt.com",
        // "ft.com") needs its deletion forms too.
        one_deletion_keys('t', &squashed, 5, &mut self.shared);
    }
}

/// `text` (when at least `shortest - 1` letters long) and, when at least
/// `shortest` letters long, each form of it with one letter deleted: two
/// words one insertion, deletion, substitution or swap apart share one.
fn one_deletion_keys(tag: char, text: &str, shortest: usize, keys: &mut Vec<String>) {
    let letters: Vec<char> = text.chars().collect();
    if letters.len() + 1 < shortest {
        return;
    }
    keys.push(format!("{tag}{text}"));
    if letters.len() < shortest {
        return;
    }
    for skip in 0..letters.len() {
        let mut key = String::with_capacity(text.len() + 1);
        key.push(tag);
        key.extend(letters.iter().enumerate().filter(|&(i, _)| i != skip).map(|(_, c)| c));
        keys.push(key);
    }
}

/// Role noun and word pairs of a description or role. Words meet when one
/// sound key starts the other, so a word is filed by its key's first two
/// letters. A description needs a telling word to fit; a role may meet it
/// with any of its words.
fn role_keys(text: &str, telling_only: bool, keys: &mut Vec<String>) {
    let nouns = role_nouns(text);
    if nouns.is_empty() {
        return;
    }
    for (word, telling) in content_words(text) {
        if telling_only && !telling {
            continue;
        }
        let head: String = word.chars().take(2).collect();
        keys.extend(nouns.iter().map(|noun| format!("{noun} {head}")));
    }
    keys.sort_unstable();
    keys.dedup();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known<'a>(id: &'a str, name: &'a str, kind: ActorKind) -> Known<'a> {
        Known { id, name, kind, role: None, aliases: &[], domains: &[] }
    }

    #[test]
    fn blocked_pairs_are_the_pairs_every_comparison_finds() {
        let roles = ["Russian-installed governor of Luhansk".to_string()];
        let domains = ["kenyastar.com".to_string()];
        let mut actors = vec![
            known("1", "Leonid Pasechnik", ActorKind::Person),
            known("2", "Leonid Pasechnick", ActorKind::Person),
            known("3", "Pasechnik", ActorKind::Person),
            known("4", "Russian occupation governor of Ukraine's eastern Luhansk region", ActorKind::Person),
            known("5", "Kenya Star", ActorKind::Outlet),
            known("6", "kenyastar.com", ActorKind::Outlet),
            known("7", "Associated Press", ActorKind::Agency),
            known("8", "AP", ActorKind::Agency),
            known("9", "Sudan News Agency", ActorKind::Agency),
            known("10", "SUNA", ActorKind::Agency),
            known("11", "Boris Johnson", ActorKind::Person),
            known("12", "Lyndon Johnson", ActorKind::Person),
            known("13", "Al Jazeera", ActorKind::Outlet),
            known("14", "Al-Jazeera", ActorKind::Outlet),
            known("15", "Volodymyr Zelensky", ActorKind::Person),
            known("16", "Wolodymyr Selenskyj", ActorKind::Person),
            known("17", "Anadolu Agency", ActorKind::Agency),
            known("18", "Anadolu", ActorKind::Agency),
            known("19", "Guardiann", ActorKind::Outlet),
            known("20", "The Guardian", ActorKind::Outlet),
            known("21", "Bill Clinton", ActorKind::Person),
            known("22", "William J. Clinton", ActorKind::Person),
            known("23", "Hillary Clinton", ActorKind::Person),
            known("24", "rt.com", ActorKind::Outlet),
            known("25", "ft.com", ActorKind::Outlet),
        ];
        actors[0].role = Some(&roles[0]);
        actors[5].domains = &domains;
        let blocked = duplicate_pairs(&actors);
        assert_eq!(blocked, duplicate_pairs_naive(&actors));
        let found = |a: &str, b: &str| {
            blocked.iter().any(|p| {
                let ids = (actors[p.a].id, actors[p.b].id);
                ids == (a, b) || ids == (b, a)
            })
        };
        for (a, b) in [("1", "2"), ("1", "3"), ("1", "4"), ("5", "6"), ("7", "8"), ("9", "10"), ("13", "14")] {
            assert!(found(a, b), "{a} and {b} must be listed");
        }
        for (a, b) in [("15", "16"), ("17", "18"), ("19", "20"), ("21", "22")] {
            assert!(found(a, b), "{a} and {b} must be listed");
        }
        assert!(!found("11", "12"), "two Johnsons are not one");
        assert!(!found("21", "23") && !found("22", "23"), "nor two Clintons");
    }

    #[test]
    fn one_deletion_keys_meet_for_each_kind_of_slip() {
        let keys = |s: &str| {
            let mut k = Vec::new();
            one_deletion_keys('d', s, 5, &mut k);
            k
        };
        let meet = |a: &str, b: &str| keys(a).iter().any(|k| keys(b).contains(k));
        assert!(meet("pasechnik", "pasechnick"));
        assert!(meet("pasechnik", "pasehcnik"));
        assert!(meet("pasechnik", "pasechnyk"));
        assert!(meet("peskov", "pesko"));
        assert!(!meet("peskov", "lavrov"));
    }
}
