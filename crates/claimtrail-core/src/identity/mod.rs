//! Identity: which known actor a name typed or read from an article may be.
//!
//! "3 outlets, 1 independent origin" is only as true as the decision that
//! "Leonid Pasechnik", "Pasechnick", "Pasechnik" and "the Russian-installed
//! governor" are one man. That decision is the checker's. This module makes
//! it quick and never makes it for her:
//!
//! - a name whose matching key ([`match_key`]) is an actor's name or recorded
//!   alias **resolves** to that actor;
//! - anything merely similar is a **candidate** with the reason it matched
//!   (a surname, a typing slip, a transliteration, a role description, an
//!   outlet's domain or acronym, a spelling variant), ranked, for her to
//!   accept or to decline;
//! - everything else is **new**.
//!
//! The rules are pure functions over the actors handed in; the store picks
//! which actors to hand in (through its indexes) and records the decisions.
//!
//! ```
//! use claimtrail_core::identity::{resolve, Known, MatchReason, Resolution, Typed};
//! use claimtrail_core::ActorKind;
//!
//! let aliases = vec!["Pasechnik".to_string()];
//! let known = [Known {
//!     id: "a1",
//!     name: "Leonid Pasechnik",
//!     kind: ActorKind::Person,
//!     role: Some("Russian-installed governor of Luhansk"),
//!     aliases: &aliases,
//!     domains: &[],
//! }];
//! let typed = Typed::new("Leonid Pasechnick", Some(ActorKind::Person));
//! let Resolution::Candidates(found) = resolve(&typed, &known) else { panic!() };
//! assert_eq!(found[0].id, "a1");
//! assert_eq!(found[0].reason, MatchReason::Transliteration);
//! assert!(matches!(resolve(&Typed::new("pasechnik", None), &known), Resolution::Alias { .. }));
//! ```

mod duplicates;
mod outlet;
mod person;
mod sound;

use serde::Serialize;

use crate::key::match_key;
use crate::model::ActorKind;
pub use duplicates::{
    actor_block_keys, duplicate_pairs, duplicate_pairs_involving, duplicate_pairs_naive, meeting_keys, BlockIndex,
    KeySide, PairMatch,
};
pub use sound::{french_sound_key, sound_key};

pub(crate) use person::{is_description, role_nouns};
use person::{shared_words, PersonName, SurnameMatch};

crate::model::vocabulary!(
    /// Why a known actor is offered as a candidate for a typed name.
    MatchReason, "match reason" {
        /// The same words once accents, "The", hyphens and punctuation are
        /// set aside ("Al-Jazeera", "The Guardian").
        Spelling = "spelling",
        /// The typed name is the surname of a known person ("Pasechnik").
        Surname = "surname",
        /// A known person is recorded only by a surname the typed full name ends with.
        FullName = "full_name",
        /// One typing slip away ("Pasechnick" for "Pasechnik").
        Typo = "typo",
        /// Another romanisation of the same name ("Selenskyj", "Zelenskyy").
        Transliteration = "transliteration",
        /// A description ("the governor") that fits a known actor's role.
        Role = "role",
        /// The outlet's web domain or its name written as a domain.
        Domain = "domain",
        /// An acronym of the name, or the name of an acronym ("AFP").
        Acronym = "acronym",
    }
);

impl MatchReason {
    /// The reason in a few words, for a refusal line or a tooltip.
    pub fn describe(self) -> &'static str {
        match self {
            MatchReason::Spelling => "same name, written differently",
            MatchReason::Surname => "surname of this person",
            MatchReason::FullName => "known by this surname",
            MatchReason::Typo => "one letter apart",
            MatchReason::Transliteration => "another spelling of the same name",
            MatchReason::Role => "matches this actor's role",
            MatchReason::Domain => "this outlet's web domain",
            MatchReason::Acronym => "acronym of this name",
        }
    }

    /// How much the reason alone says, from 0 to 1; the context adds to it.
    fn weight(self) -> f64 {
        match self {
            MatchReason::Spelling => 0.97,
            MatchReason::Domain => 0.95,
            MatchReason::Transliteration => 0.9,
            MatchReason::Typo => 0.85,
            MatchReason::Acronym => 0.8,
            MatchReason::FullName => 0.75,
            MatchReason::Surname => 0.7,
            MatchReason::Role => 0.5,
        }
    }
}

/// A known actor as resolution reads it.
#[derive(Debug, Clone, Copy)]
pub struct Known<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub kind: ActorKind,
    pub role: Option<&'a str>,
    pub aliases: &'a [String],
    pub domains: &'a [String],
}

/// A name to resolve, with what is known around it.
#[derive(Debug, Clone, Default)]
pub struct Typed<'a> {
    pub name: &'a str,
    /// `None` when the kind is not known yet (an extracted name, say).
    pub kind: Option<ActorKind>,
    /// The role given with the name in this article.
    pub role: Option<&'a str>,
    /// Ids of the actors already in this claim, case or article: a surname
    /// or a description most likely means one of them.
    pub context: &'a [String],
}

impl<'a> Typed<'a> {
    pub fn new(name: &'a str, kind: Option<ActorKind>) -> Typed<'a> {
        Typed { name, kind, role: None, context: &[] }
    }
}

/// A known actor the typed name may be.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Candidate {
    pub id: String,
    pub name: String,
    pub reason: MatchReason,
    /// From 0 to 1; higher is likelier. Ranks candidates, decides nothing.
    pub score: f64,
}

/// What a typed name is. Written as `{"resolution": "candidates", "detail":
/// [...]}`: adjacently tagged, because a tag inside a list cannot be written.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "resolution", content = "detail", rename_all = "snake_case")]
pub enum Resolution {
    /// Its matching key is this actor's name.
    Exact { id: String },
    /// Its matching key is one of this actor's recorded aliases.
    Alias { id: String },
    /// No exact match; these actors may be it. The checker decides.
    Candidates(Vec<Candidate>),
    /// Nothing known resembles it.
    New,
}

/// How many candidates are offered at most.
pub const MAX_CANDIDATES: usize = 5;

/// Resolves `typed` against `known`: an exact name, then an alias, resolve;
/// otherwise the candidates, best first.
pub fn resolve(typed: &Typed<'_>, known: &[Known<'_>]) -> Resolution {
    let key = match_key(typed.name);
    if key.is_empty() {
        return Resolution::New;
    }
    let compatible = |k: &&Known<'_>| typed.kind.map_or(true, |kind| kinds_compatible(kind, k.kind));
    if let Some(k) = known.iter().filter(compatible).find(|k| match_key(k.name) == key) {
        return Resolution::Exact { id: k.id.to_owned() };
    }
    if let Some(k) = known.iter().filter(compatible).find(|k| k.aliases.iter().any(|a| match_key(a) == key)) {
        return Resolution::Alias { id: k.id.to_owned() };
    }
    let found = candidates(typed, known);
    if found.is_empty() {
        Resolution::New
    } else {
        Resolution::Candidates(found)
    }
}

/// The known actors `typed` may be, best first, at most [`MAX_CANDIDATES`];
/// exact names and aliases are not looked at (see [`resolve`]).
pub fn candidates(typed: &Typed<'_>, known: &[Known<'_>]) -> Vec<Candidate> {
    let reading = Reading::of(typed);
    let mut found: Vec<Candidate> = known
        .iter()
        .filter_map(|k| {
            let (reason, score) = reading.score(k)?;
            Some(Candidate { id: k.id.to_owned(), name: k.name.to_owned(), reason, score })
        })
        .collect();
    found.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.name.cmp(&b.name)));
    found.truncate(MAX_CANDIDATES);
    found
}

/// [`candidates`], reading only the actors `index` files near `typed` and
/// those at the positions in `context` (the story's actors), each fetched by
/// its position with `known_at`: the same answer without reading every
/// actor, near-constant in their number.
pub fn candidates_near<'k>(
    typed: &Typed<'_>,
    index: &BlockIndex,
    context: impl IntoIterator<Item = usize>,
    known_at: impl Fn(usize) -> Known<'k>,
) -> Vec<Candidate> {
    let mut near = index.near(typed);
    near.extend(context);
    // Ascending, as in the full list: ties in score and name keep its order.
    near.sort_unstable();
    near.dedup();
    let subset: Vec<Known<'k>> = near.into_iter().map(known_at).collect();
    candidates(typed, &subset)
}

/// Which kinds of actor a name of `kind` may turn out to be: people are
/// people (or unnamed parties); outlets and agencies are media; bodies are
/// bodies, and an outlet's name may have been logged as an organisation.
fn kinds_compatible(kind: ActorKind, other: ActorKind) -> bool {
    use ActorKind::*;
    let family = |k: ActorKind| match k {
        Person | Unidentified => 0,
        Outlet | Agency | Organisation | Government => 1,
    };
    family(kind) == family(other)
}

/// The typed name read once, compared with each known actor.
struct Reading<'a> {
    typed: &'a Typed<'a>,
    squashed: String,
    person: Option<PersonName>,
    described: bool,
    domain: Option<String>,
    acronym: bool,
}

impl<'a> Reading<'a> {
    fn of(typed: &'a Typed<'a>) -> Reading<'a> {
        let described = is_description(typed.name);
        Reading {
            typed,
            squashed: outlet::squashed(typed.name),
            person: if described { None } else { PersonName::parse(typed.name) },
            described,
            domain: outlet::as_domain(typed.name),
            acronym: outlet::is_acronym(typed.name),
        }
    }

    /// Why `k` may be the typed name and how likely, from 0 to 1, or `None`
    /// when it may not be (another kind of actor, or nothing in common).
    fn score(&self, k: &Known<'_>) -> Option<(MatchReason, f64)> {
        if !self.typed.kind.map_or(true, |kind| kinds_compatible(kind, k.kind)) {
            return None;
        }
        let (reason, bonus) = self.reason_for(k)?;
        let in_context = self.typed.context.iter().any(|id| id == k.id);
        // A bare surname or a description is most likely someone already
        // in the story.
        let score = reason.weight() + bonus + if in_context { 0.1 } else { 0.0 };
        Some((reason, score.min(1.0)))
    }

    /// Why `k` may be the typed name, and what to add to the reason's
    /// weight (a role sharing more words ranks higher).
    fn reason_for(&self, k: &Known<'_>) -> Option<(MatchReason, f64)> {
        let names = std::iter::once(k.name).chain(k.aliases.iter().map(String::as_str));
        let mut best: Option<MatchReason> = None;
        for name in names {
            if let Some(reason) = self.name_reason(name, k.kind) {
                if best.map_or(true, |b| reason.weight() > b.weight()) {
                    best = Some(reason);
                }
            }
        }
        match best {
            Some(reason) => Some((reason, 0.0)),
            None => self.domain_reason(k).map(|r| (r, 0.0)).or_else(|| self.role_reason(k)),
        }
    }

    /// How the typed name meets one of a known actor's names.
    fn name_reason(&self, name: &str, kind: ActorKind) -> Option<MatchReason> {
        if !self.squashed.is_empty() && outlet::squashed(name) == self.squashed {
            return Some(MatchReason::Spelling);
        }
        let media = kind != ActorKind::Person && kind != ActorKind::Unidentified;
        if media || self.typed.kind.is_some_and(|k| k != ActorKind::Person) {
            if let Some(reason) = self.organisation_reason(name) {
                return Some(reason);
            }
            if media {
                return None;
            }
        }
        let mine = self.person.as_ref()?;
        let theirs = PersonName::parse(name)?;
        if mine.extends(&theirs) {
            return Some(MatchReason::Spelling);
        }
        let met = mine.compatible(&theirs)?;
        Some(match (mine.is_surname_only(), theirs.is_surname_only()) {
            (true, false) => MatchReason::Surname,
            (false, true) => MatchReason::FullName,
            _ if met == SurnameMatch::Typo => MatchReason::Typo,
            _ if met == SurnameMatch::Sound => MatchReason::Transliteration,
            // The same surname, given names compatible but written
            // differently ("Joe" and "Joseph R."): a variant of the name.
            _ => MatchReason::Spelling,
        })
    }

    /// Acronyms, generic words, and typing slips in an organisation's name.
    fn organisation_reason(&self, name: &str) -> Option<MatchReason> {
        let theirs = outlet::squashed(name);
        if self.acronym && outlet::abbreviates(&self.squashed, name) {
            return Some(MatchReason::Acronym);
        }
        if outlet::is_acronym(name) && outlet::abbreviates(&theirs, self.typed.name) {
            return Some(MatchReason::Acronym);
        }
        // "Anadolu" and "Anadolu Agency", "Reuters News" and "Reuters".
        if outlet::without_generic_word(name) == self.squashed
            || outlet::without_generic_word(self.typed.name) == theirs
        {
            return Some(MatchReason::Spelling);
        }
        if outlet::one_slip_apart(self.typed.name, name) {
            return Some(MatchReason::Typo);
        }
        if let Some(domain) = outlet::as_domain(name) {
            // A known actor named after its domain ("kenyastar.com").
            if outlet::domain_label(&domain).is_some_and(|label| label == self.squashed) {
                return Some(MatchReason::Domain);
            }
        }
        None
    }

    /// The typed name is a web domain the actor owns, or whose label is the
    /// actor's name run together ("kenyastar.com" for "Kenya Star").
    fn domain_reason(&self, k: &Known<'_>) -> Option<MatchReason> {
        let domain = self.domain.as_deref()?;
        if k.domains.iter().any(|owned| outlet::within(domain, owned)) {
            return Some(MatchReason::Domain);
        }
        let label = outlet::domain_label(domain)?;
        let names = std::iter::once(k.name).chain(k.aliases.iter().map(String::as_str));
        let fits = names.map(outlet::squashed).any(|s| s == label);
        fits.then_some(MatchReason::Domain)
    }

    /// A description that shares its role noun and a telling word
    /// ("Kremlin", "Luhansk", "Hungarian") with a known actor's role, or
    /// with an alias that is a description. "the governor" or "the prime
    /// minister" alone fits only someone already in the story.
    fn role_reason(&self, k: &Known<'_>) -> Option<(MatchReason, f64)> {
        if !self.described || (k.kind != ActorKind::Person && k.kind != ActorKind::Unidentified) {
            return None;
        }
        let nouns = role_nouns(self.typed.name);
        let in_context = self.typed.context.iter().any(|id| id == k.id);
        let roles = k.role.into_iter().chain(k.aliases.iter().map(String::as_str));
        let mut best: Option<usize> = None;
        for role in roles {
            if !role_nouns(role).iter().any(|n| nouns.contains(n)) {
                continue;
            }
            let (shared, telling) = shared_words(self.typed.name, role);
            if (shared >= 2 && telling) || in_context {
                best = best.max(Some(shared));
            }
        }
        best.map(|shared| (MatchReason::Role, (0.05 * shared as f64).min(0.3)))
    }
}

#[cfg(test)]
mod tests;
