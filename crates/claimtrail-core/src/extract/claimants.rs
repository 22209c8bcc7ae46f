//! Claimants: reading the noun phrase before (or after) a cue as a party,
//! stripping the role off a name, and resolving "he", "the spokesman" and bare
//! surnames to a speaker named earlier.
//!
//! "Kremlin aide Yuri Ushakov" is read right to left: the name is the run of
//! capitalised words after the last role word ("aide"), the role is what comes
//! before. Appositions ("Dmitry Peskov, the Kremlin spokesman,") are split at
//! their commas. A phrase with no name is kept as a description, or marked
//! anonymous when its head is "sources", "officials" and the like.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use unicode_properties::UnicodeEmoji;

use crate::model::ActorKind;

use super::cues::{ascii_lower, WORD_BUFFER};
use super::relays;

/// A party as the text names it, after resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Party {
    pub name: String,
    pub role: Option<String>,
    pub kind: ActorKind,
    /// Unnamed sources ("officials", "a source familiar with the talks").
    pub anonymous: bool,
}

/// A subject phrase before resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Subject {
    Named {
        name: String,
        role: Option<String>,
    },
    /// "he", "she", "they", "it".
    Pronoun(Pronoun),
    /// "the spokesman", "the Kremlin aide": resolved by role.
    Definite {
        phrase: String,
        head: String,
    },
    Anonymous(String),
    /// A description with no name ("Russia's occupation governor of the region").
    Description(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pronoun {
    Person,
    Plural,
    Thing,
}

/// Words that name a role or title; a name follows the last of them.
const ROLE_WORDS: &[&str] = &[
    "aide",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "minister",
    "president",
    "governor",
    "secretary",
    "chancellor",
    "senator",
    "sen",
    "rep",
    "representative",
    "mayor",
    "general",
    "gen",
    "chief",
    "ceo",
    "director",
    "head",
    "adviser",
    "advisor",
    "ambassador",
    "envoy",
    "commander",
    "leader",
    "official",
    "chairman",
    "chairwoman",
    "chair",
    "judge",
    "prosecutor",
    "attorney",
    "professor",
    "prof",
    "dr",
    "economist",
    "analyst",
    "researcher",
    "scientist",
    "coach",
    "manager",
    "captain",
    "founder",
    "owner",
    "executive",
    "officer",
    "lawmaker",
    "mp",
    "premier",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "cardinal",
    "bishop",
    "counsel",
    "lawyer",
    "correspondent",
    "editor",
    "activist",
    "candidate",
    "nominee",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "player",
    "epidemiologist",
    "doctor",
    "physician",
    "nurse",
    "virologist",
    "strategist",
    "diplomat",
    "negotiator",
    "deputy",
    "speaker",
    "councillor",
    "councilor",
    "sheriff",
    "inspector",
    "superintendent",
    "colonel",
    "col",
    "lieutenant",
    "lt",
    "sergeant",
    "sgt",
    "admiral",
    "marshal",
    "emir",
    "sheikh",
    "president-elect",
    "vice-president",
    "author",
    "investor",
    "banker",
    "expert",
    "engineer",
    "architect",
    "planner",
    "historian",
    "agent",
    "auditor",
    "pastor",
    "rabbi",
    "imam",
    "sultan",
    "premier",
    "tsar",
    "czar",
    "boss",
    "governor",
    "mayor",
    "chancellor",
    "senator",
    "ambassador",
    "envoy",
    "commander",
    "secretary",
    "director",
    "chairman",
    "chairwoman",
    "chairperson",
    "manager",
    "coach",
    "captain",
    "officer",
    "executive",
    "leader",
    "co-leader",
    "critic",
    "lawyer",
    "author",
    "co-author",
    "analyst",
    "economist",
    "professor",
    "astronomer",
    "glaciologist",
    "biologist",
    "scientist",
    "researcher",
    "founder",
    "comptroller",
    "prosecutor",
    "judge",
];

/// Honorifics that are neither name nor role.
const HONORIFICS: &[&str] = &["mr", "mrs", "ms", "miss", "mx", "sir", "dame", "dr", "prof", "cllr"];

/// Heads of phrases that name no one.
const ANONYMOUS_HEADS: &[&str] = &[
    "source",
    "sources",
    "official",
    "officials",
    "people",
    "person",
    "diplomat",
    "diplomats",
    "insider",
    "insiders",
    "aide",
    "aides",
    "witness",
    "witnesses",
    "resident",
    "residents",
    "observers",
    "analysts",
    "experts",
    "critics",
    "authorities",
    "investigators",
    "police",
    "officers",
    "lawmakers",
    "scientists",
    "researchers",
    "doctors",
    "staff",
    "employees",
    "workers",
    "members",
    "operators",
    "unions",
    "groups",
    "farmers",
    "regulators",
    "traders",
    "companies",
    "firms",
    "activists",
    "protesters",
    "campaigners",
    "teachers",
    "parents",
    "students",
    "families",
    "fans",
    "users",
    "owners",
    "leaders",
    "ministers",
];

/// Words that may sit inside a name ("Luiz Inácio Lula da Silva").
const NAME_PARTICLES: &[&str] =
    &["de", "da", "di", "do", "dos", "del", "der", "van", "von", "al", "bin", "ibn", "la", "le", "du"];

/// Little words allowed in a subject phrase.
const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "of", "for", "and", "in", "at", "to", "on", "its", "his", "her", "their", "two", "three", "four",
    "several", "some", "many", "one", "senior", "former", "top", "chief", "deputy", "acting", "local", "state",
    "foreign", "defence", "defense", "health", "interior", "finance", "economy", "trade", "energy",
];

/// `word` without the emoji around it ("Petrov🇺🇦" → "Petrov"): pictographs,
/// flags, skin tones and joiners are never part of a name. Digits, `#` and `*`
/// (emoji only in keycaps) stay.
pub(super) fn without_emoji(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_ascii() && !c.is_alphanumeric() && c.is_emoji_char_or_emoji_component())
}

/// The words of a phrase, emoji dropped.
fn name_words(phrase: &str) -> Vec<&str> {
    phrase.split_whitespace().map(without_emoji).filter(|w| !w.is_empty()).collect()
}

/// A word that ends a run of name words: it carries trailing punctuation or
/// closes a quotation (`Monday,"` in `"… on Monday," Zelensky said`).
fn ends_name(word: &str) -> bool {
    word.ends_with(NAME_END)
}

const NAME_END: &[char] = &[',', '.', ';', ':', '"', '\u{201d}', '\u{bb}', ')'];

fn clean(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'' && c != '’' && c != '.')
        .trim_end_matches('.')
}

fn is_in(list: &[&str], word: &str) -> bool {
    let w = clean(word);
    list.iter().any(|x| x.eq_ignore_ascii_case(w))
}

/// [`ROLE_WORDS`] for look-up: every word of a sentence is checked against it, often several times.
static ROLE_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| ROLE_WORDS.iter().copied().collect());

/// `is_in(ROLE_WORDS, word)`, by hash (the list is lower-case ASCII).
fn is_role(word: &str) -> bool {
    let mut buf = [0; WORD_BUFFER];
    ascii_lower(clean(word), &mut buf).is_some_and(|w| ROLE_SET.contains(w))
}

fn is_capitalised(word: &str) -> bool {
    clean(word).chars().next().is_some_and(char::is_uppercase)
}

fn is_name_word(word: &str) -> bool {
    is_capitalised(word) && !is_possessive(word) || is_in(NAME_PARTICLES, word)
}

fn is_possessive(word: &str) -> bool {
    let w = clean(word);
    w.ends_with("'s") || w.ends_with("’s") || w.ends_with('\'') || w.ends_with('’')
}

/// Discourse markers that open a subject phrase without being part of it.
const LEADING_WORDS: &[&str] = &[
    "however",
    "meanwhile",
    "but",
    "and",
    "also",
    "separately",
    "earlier",
    "later",
    "still",
    "yet",
    "now",
    "then",
    "instead",
    "moreover",
    "so",
    "while",
    "when",
    "as",
    "since",
    "though",
    "although",
];

/// Adverbs and auxiliaries between a subject and its verb ("Ushakov later told").
const TRAILING_WORDS: &[&str] = &[
    "also",
    "later",
    "further",
    "again",
    "previously",
    "repeatedly",
    "reportedly",
    "publicly",
    "has",
    "had",
    "have",
    "would",
    "will",
    "did",
    "once",
    "then",
    "earlier",
    "now",
    "still",
    "himself",
    "herself",
    "itself",
    "only",
    "recently",
    "separately",
    "had",
    "was",
    "is",
    "were",
    "are",
    "been",
    "be",
];

/// Prepositions that start a tail after the subject ("Al Jazeera in its report", "Putin on Thursday").
const TAIL_PREPOSITIONS: &[&str] = &["in", "on", "during", "at", "via", "after", "before", "while", "when", "with"];

/// Lower-case words that show the phrase is a clause, not a subject.
fn is_verb_like(word: &str) -> bool {
    let w = clean(word).to_ascii_lowercase();
    const FINITE: &[&str] =
        &["is", "are", "was", "were", "came", "went", "made", "held", "took", "gave", "began", "saw", "got"];
    !is_capitalised(word) && (FINITE.contains(&w.as_str()) || (w.len() > 4 && w.ends_with("ed") && !w.contains('-')))
}

/// Parses a subject phrase; `None` when the words cannot be a speaker.
pub(super) fn parse_subject(phrase: &str) -> Option<Subject> {
    // A relative clause is no part of the subject ("Martin Shaw, who voted against").
    let parts: Vec<&str> = phrase
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .filter(|p| {
            let first = p.split_whitespace().next().unwrap_or("");
            !["who", "which", "whose"].iter().any(|w| w.eq_ignore_ascii_case(first))
        })
        .collect();
    match parts.as_slice() {
        [] => None,
        [one] => parse_part(one),
        [a, b] => {
            // An apposition: one part carries the name, the other the role.
            // A date or place before the name ("On June 21, Putin") is not a role.
            let has_role = |p: &str| p.split_whitespace().any(is_role);
            match (parse_part(a)?, parse_part(b)?) {
                (
                    Subject::Named { name, role: None },
                    Subject::Definite { phrase, .. } | Subject::Description(phrase),
                )
                | (
                    Subject::Definite { phrase, .. } | Subject::Description(phrase),
                    Subject::Named { name, role: None },
                ) if has_role(&phrase) => Some(Subject::Named { name, role: Some(strip_article(&phrase)) }),
                // "A lawyer for two of the families, Rachel Stein": a described person named.
                (
                    Subject::Anonymous(phrase) | Subject::Definite { phrase, .. } | Subject::Description(phrase),
                    Subject::Named { name, role: None },
                ) if starts_with_article(&phrase) && kind_of(&name) == ActorKind::Person => {
                    Some(Subject::Named { name, role: Some(strip_article(&phrase)) })
                }
                (Subject::Anonymous(a), _) => Some(Subject::Anonymous(a)),
                _ => None,
            }
        }
        _ => None,
    }
}

fn starts_with_article(phrase: &str) -> bool {
    let first = phrase.split_whitespace().next().unwrap_or("");
    ["the", "a", "an"].iter().any(|a| a.eq_ignore_ascii_case(first))
}

fn strip_article(phrase: &str) -> String {
    let mut words = phrase.split_whitespace();
    let first = words.next().unwrap_or("");
    if ["the", "a", "an"].iter().any(|a| a.eq_ignore_ascii_case(first)) {
        words.collect::<Vec<_>>().join(" ")
    } else {
        phrase.to_string()
    }
}

fn parse_part(part: &str) -> Option<Subject> {
    let mut words: Vec<&str> = name_words(part);
    while words.first().is_some_and(|w| is_in(LEADING_WORDS, w)) {
        words.remove(0);
    }
    // "sources familiar with the matter": the whole phrase is the description.
    let anonymous = words.iter().any(|w| is_in(ANONYMOUS_HEADS, w))
        && !words.iter().skip(1).any(|w| is_capitalised(w))
        && !words.iter().any(|w| is_role(w) && !is_in(ANONYMOUS_HEADS, w));
    if anonymous && words.len() <= 10 && !words.iter().any(|w| is_verb_like(w)) {
        return Some(Subject::Anonymous(part_text(&words)));
    }
    if let Some(cut) = words.iter().skip(1).position(|w| is_in(TAIL_PREPOSITIONS, w) && !is_capitalised(w)) {
        words.truncate(cut + 1);
    }
    while words.len() > 1 && words.last().is_some_and(|w| is_in(TRAILING_WORDS, w)) {
        words.pop();
    }
    if words.is_empty() || words.len() > 14 {
        return None;
    }
    if words.len() == 1 {
        let w = clean(words[0]).to_ascii_lowercase();
        match w.as_str() {
            "he" | "she" => return Some(Subject::Pronoun(Pronoun::Person)),
            "they" => return Some(Subject::Pronoun(Pronoun::Plural)),
            "it" => return Some(Subject::Pronoun(Pronoun::Thing)),
            "i" | "we" | "you" | "this" | "that" | "which" | "who" | "there" => return None,
            _ => {}
        }
    }
    let lower_other = words
        .iter()
        .filter(|w| !is_capitalised(w) && !is_role(w) && !is_in(FUNCTION_WORDS, w) && !is_in(ANONYMOUS_HEADS, w))
        .count();
    if lower_other > 4 || words.iter().any(|w| is_verb_like(w)) {
        return None;
    }
    let head_lower = words.last().map(|w| clean(w).to_ascii_lowercase()).unwrap_or_default();
    let first_lower = clean(words[0]).to_ascii_lowercase();

    // An affiliation after a personal name ("Jonathan Price of the University
    // of Leeds"): the name ends before "of".
    if let Some(of) = words.iter().position(|w| clean(w).eq_ignore_ascii_case("of")).filter(|&of| of >= 2) {
        let before = &words[..of];
        let run = before.iter().rev().take_while(|w| is_name_word(w) && !is_role(w)).count();
        let after_role_or_lower = of - run == 0
            || is_role(before[of - run - 1])
            || is_in(HONORIFICS, before[of - run - 1])
            || !is_capitalised(before[of - run - 1]);
        let name = before[of - run..].join(" ");
        if run >= 2
            && after_role_or_lower
            && kind_of(&name) == ActorKind::Person
            && words[of + 1..].first().is_some_and(|w| is_capitalised(w) || is_in(&["the"], w))
        {
            words.truncate(of);
        }
    }

    // Role and name: split after the last role word when a name follows.
    let last_role = words.iter().rposition(|w| is_role(w));
    // Without a role word, a description in lower case before a trailing name
    // ("party co-leader Ines Schwerdtner", "Madrid sports daily Marca") is the role.
    let last_role = last_role.or_else(|| {
        let run = words.iter().rev().take_while(|w| is_name_word(w) && !is_in(NAME_PARTICLES, w)).count();
        let at = words.len().checked_sub(run + 1)?;
        let w = words[at];
        (run >= 1
            && !is_capitalised(w)
            && !is_in(FUNCTION_WORDS, w)
            && !is_in(NAME_PARTICLES, w)
            && !is_in(ANONYMOUS_HEADS, w)
            && !is_verb_like(w)
            && clean(w).chars().all(|c| c.is_alphabetic() || c == '-'))
        .then_some(at)
    });
    let tail_start = match last_role {
        Some(r) => r + 1,
        None => 0,
    };
    let tail = &words[tail_start..];
    if !tail.is_empty() && tail.iter().all(|w| is_name_word(w)) && tail.first().is_some_and(|w| is_capitalised(w)) {
        if last_role.is_none() && is_in(ANONYMOUS_HEADS, &head_lower) {
            return Some(Subject::Anonymous(part_text(&words)));
        }
        // Without a role word, leading lower-case words ("occupation-appointed")
        // and a leading article are not part of a name.
        let mut name_words = tail.to_vec();
        let mut role_words = words[..tail_start].to_vec();
        while name_words.len() > 1 && (is_in(HONORIFICS, name_words[0]) || name_words[0].eq_ignore_ascii_case("the")) {
            if !is_in(HONORIFICS, name_words[0]) && relays::media_kind(&name_words.join(" ")).is_some() {
                break;
            }
            name_words.remove(0);
        }
        role_words.retain(|w| !is_in(HONORIFICS, w));
        while role_words.first().is_some_and(|w| ["the", "a", "an"].iter().any(|a| a.eq_ignore_ascii_case(clean(w)))) {
            role_words.remove(0);
        }
        let name = name_words.join(" ");
        let name = name.trim_end_matches([',', '.', ';', ':']).to_string();
        let role = (!role_words.is_empty()).then(|| role_words.join(" "));
        return Some(Subject::Named { name, role });
    }
    // A long run of capitalised words after "of" ("Secretary of State Marco Rubio"):
    // the last two words are the name.
    if let Some(r) = last_role {
        let run_start = words.iter().rposition(|w| !is_name_word(w)).map_or(0, |i| i + 1);
        let run = &words[run_start..];
        let after_article =
            run_start > 0 && ["the", "a", "an"].contains(&clean(words[run_start - 1]).to_ascii_lowercase().as_str());
        if run_start > r + 1 && run.len() >= 3 && !after_article {
            let name = run[run.len() - 2..].join(" ");
            let role = words[..words.len() - 2].join(" ");
            return Some(Subject::Named { name, role: Some(strip_article(&role)) });
        }
    }
    if first_lower == "the" && words.len() <= 5 && last_role.is_some() {
        return Some(Subject::Definite { phrase: part_text(&words), head: head_lower });
    }
    if is_in(ANONYMOUS_HEADS, &head_lower)
        || ["a", "an", "one", "two", "three", "several", "some", "many"].contains(&first_lower.as_str())
    {
        return Some(Subject::Anonymous(part_text(&words)));
    }
    if first_lower == "the" && words.len() <= 5 {
        return Some(Subject::Definite { phrase: part_text(&words), head: head_lower });
    }
    if last_role.is_some() || words.iter().skip(1).any(|w| is_capitalised(w)) {
        return Some(Subject::Description(part_text(&words)));
    }
    None
}

/// Words of saying end a role phrase ("said President X" has role "President").
fn cue_free(word: &str) -> bool {
    !["said", "says", "told", "added", "according", "reported"].iter().any(|c| c.eq_ignore_ascii_case(clean(word)))
}

fn has_role_word(phrase: &str) -> bool {
    phrase.split_whitespace().any(is_role)
}

fn part_text(words: &[&str]) -> String {
    words.join(" ").trim_end_matches([',', '.', ';', ':']).to_string()
}

/// The kind of party a name denotes, by its words.
pub(super) fn kind_of(name: &str) -> ActorKind {
    if let Some(kind) = relays::media_kind(name) {
        return kind;
    }
    const GOVERNMENT: &[&str] = &[
        "kremlin",
        "white house",
        "pentagon",
        "downing street",
        "ministry",
        "government",
        "department",
        "embassy",
        "state department",
        "foreign office",
        "cabinet",
        "parliament",
        "congress",
        "senate",
        "army",
        "military",
        "armed forces",
        "police",
        "élysée",
        "elysee",
        "presidency",
        "administration",
        "council of ministers",
    ];
    const ORGANISATION: &[&str] = &[
        "inc",
        "corp",
        "ltd",
        "plc",
        "group",
        "company",
        "university",
        "institute",
        "organization",
        "organisation",
        "association",
        "council",
        "commission",
        "union",
        "bank",
        "fund",
        "foundation",
        "party",
        "nato",
        "un",
        "who",
        "imf",
        "eu",
        "club",
        "federation",
        "league",
        "committee",
        "agency",
        "society",
        "hospital",
        "court",
    ];
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric() && c != 'é').filter(|w| !w.is_empty()).collect();
    let has = |list: &[&str]| list.iter().any(|k| if k.contains(' ') { lower.contains(k) } else { words.contains(k) });
    if has(GOVERNMENT) {
        ActorKind::Government
    } else if has(ORGANISATION) {
        ActorKind::Organisation
    } else {
        ActorKind::Person
    }
}

/// Speakers and named people seen so far, for resolving later references.
#[derive(Debug, Default)]
pub(super) struct Speakers {
    recent: Vec<Party>,
    /// When each of `recent` spoke, on the same clock as `subject`.
    recent_at: Vec<u64>,
    /// The last person named as the subject of a sentence that was not a
    /// statement ("Opposition leader Markus Brandt accused …"), and when:
    /// a "he said" after it is more likely them than the speaker before.
    subject: Option<(Party, u64)>,
    clock: u64,
    /// Lower-cased last word of a full name → the full name and its role.
    by_surname: HashMap<String, (String, Option<String>)>,
    /// Named people with a role, in order of mention, for "the spokesman".
    with_roles: Vec<(String, String)>,
}

fn surname_key(name: &str) -> Option<String> {
    let last = name.split_whitespace().last()?;
    Some(clean(last).to_lowercase())
}

impl Speakers {
    /// Remembers a full name ("Yuri Ushakov") so that "Ushakov" resolves to it later.
    pub fn mention(&mut self, name: &str, role: Option<&str>) {
        if name.split_whitespace().count() < 2 {
            return;
        }
        if let Some(key) = surname_key(name) {
            let entry = self.by_surname.entry(key).or_insert_with(|| (name.to_string(), None));
            if entry.0 == name && entry.1.is_none() {
                entry.1 = role.map(str::to_string);
            }
        }
        if let Some(role) = role {
            self.with_roles.push((name.to_string(), role.to_string()));
            if self.with_roles.len() > 64 {
                self.with_roles.remove(0);
            }
        }
    }

    /// Records who just spoke.
    pub fn spoke(&mut self, party: &Party) {
        if !party.anonymous {
            self.mention(&party.name, party.role.as_deref());
        }
        self.clock += 1;
        self.recent.push(party.clone());
        self.recent_at.push(self.clock);
        if self.recent.len() > 32 {
            self.recent.remove(0);
            self.recent_at.remove(0);
        }
    }

    /// Records a person named at the start of a sentence.
    pub fn subject(&mut self, name: &str, role: Option<&str>) {
        self.clock += 1;
        let party =
            Party { name: name.to_string(), role: role.map(str::to_string), kind: ActorKind::Person, anonymous: false };
        self.subject = Some((party, self.clock));
    }

    /// Resolves a subject to a party. `mentions` are the people named earlier in
    /// the same sentence, for a pronoun with no speaker before it.
    pub fn resolve(&self, subject: &Subject, mentions: &[(String, Option<String>)]) -> Option<Party> {
        match subject {
            Subject::Named { name, role } => {
                let kind = kind_of(name);
                if kind == ActorKind::Person && !name.contains(' ') {
                    if let Some((full, known_role)) = surname_key(name).and_then(|k| self.by_surname.get(&k)) {
                        return Some(Party {
                            name: full.clone(),
                            role: role.clone().or_else(|| known_role.clone()),
                            kind,
                            anonymous: false,
                        });
                    }
                }
                Some(Party { name: name.clone(), role: role.clone(), kind, anonymous: false })
            }
            Subject::Pronoun(p) => {
                let fits = |party: &&Party| {
                    !party.anonymous
                        && match p {
                            Pronoun::Person => party.kind == ActorKind::Person,
                            Pronoun::Plural => true,
                            Pronoun::Thing => party.kind != ActorKind::Person,
                        }
                };
                let found = self.recent.iter().zip(&self.recent_at).rev().find(|(p, _)| fits(p));
                if let Some((named, at)) = &self.subject {
                    if *p == Pronoun::Person && found.map_or(true, |(_, spoke)| spoke < at) {
                        return Some(named.clone());
                    }
                }
                if let Some((found, _)) = found {
                    return Some(found.clone());
                }
                let (name, role) = mentions.first()?;
                Some(Party { name: name.clone(), role: role.clone(), kind: ActorKind::Person, anonymous: false })
            }
            Subject::Definite { phrase, head } => {
                // "the ministry", "the network": the body last named with that head.
                let same_head = |p: &&Party| {
                    p.kind != ActorKind::Person
                        && p.name.split_whitespace().last().is_some_and(|w| clean(w).eq_ignore_ascii_case(head))
                };
                if let Some(found) = self.recent.iter().rev().find(same_head) {
                    return Some(found.clone());
                }
                let body = kind_of(head) != ActorKind::Person
                    || ["council", "network", "club", "union", "federation", "committee", "board"]
                        .contains(&head.as_str());
                let matches = |role: &str| !body && role_matches(role, head, phrase);
                if let Some(found) = self.recent.iter().rev().find(|p| p.role.as_deref().is_some_and(matches)) {
                    return Some(found.clone());
                }
                // "the Swede", "the 24-year-old": an epithet for the person who last spoke.
                let epithet =
                    phrase.split_whitespace().last().is_some_and(|w| is_capitalised(w) || w.ends_with("-year-old"))
                        && phrase.split_whitespace().count() <= 3;
                if epithet {
                    if let Some(found) = self.recent.iter().rev().find(|p| p.kind == ActorKind::Person && !p.anonymous)
                    {
                        return Some(found.clone());
                    }
                }
                if let Some((name, role)) = self.with_roles.iter().rev().find(|(_, r)| matches(r)) {
                    return Some(Party {
                        name: name.clone(),
                        role: Some(role.clone()),
                        kind: ActorKind::Person,
                        anonymous: false,
                    });
                }
                // Unresolved, the description is both the name and the role, so a
                // later "the spokesperson" still finds it.
                let name = strip_article(phrase);
                let kind = if has_role_word(&name) { ActorKind::Person } else { kind_of(&name) };
                let role = has_role_word(&name).then(|| name.clone());
                Some(Party { kind, name, role, anonymous: false })
            }
            Subject::Anonymous(phrase) => {
                Some(Party { name: phrase.clone(), role: None, kind: ActorKind::Unidentified, anonymous: true })
            }
            Subject::Description(phrase) => {
                let kind = if has_role_word(phrase) { ActorKind::Person } else { kind_of(phrase) };
                Some(Party { name: phrase.clone(), role: None, kind, anonymous: false })
            }
        }
    }
}

/// Wire copy often introduces a speaker by role ("the Russian-installed
/// governor of … said …") and names him in the next statement ("…, Yevgeny
/// Balitsky told …"). A claimant that is only such a description is the
/// person who speaks next in the article, when the article gives that person
/// no other role; the description becomes his role. Returns, for each draft,
/// the description it was written as when it was renamed.
pub(super) fn name_descriptions(drafts: &mut [super::attribution::Draft]) -> Vec<Option<String>> {
    let described = |p: &Party| !p.anonymous && p.kind == ActorKind::Person && crate::identity::is_description(&p.name);
    let named = |p: &Party| {
        !p.anonymous
            && p.kind == ActorKind::Person
            && p.name.split_whitespace().count() >= 2
            && !crate::identity::is_description(&p.name)
    };
    let mut renamed: Vec<(String, String)> = Vec::new();
    for (i, draft) in drafts.iter().enumerate() {
        let Some(description) = draft.claimant.as_ref().filter(|p| described(p)) else { continue };
        if renamed.iter().any(|(d, _)| *d == description.name) {
            continue;
        }
        let next = drafts[i + 1..].iter().filter_map(|d| d.claimant.as_ref()).find(|p| p.name != description.name);
        let Some(person) = next.filter(|p| named(p)) else { continue };
        // "Mayor Ana Ruiz" is not "the governor".
        let nouns = crate::identity::role_nouns(&description.name);
        let other_role = drafts
            .iter()
            .filter_map(|d| d.claimant.as_ref())
            .filter(|p| p.name == person.name)
            .filter_map(|p| p.role.as_deref())
            .any(|r| !crate::identity::role_nouns(r).iter().any(|n| nouns.contains(n)));
        if !other_role {
            renamed.push((description.name.clone(), person.name.clone()));
        }
    }
    drafts
        .iter_mut()
        .map(|d| {
            let party = d.claimant.as_mut()?;
            let (written, person) = renamed.iter().find(|(written, _)| *written == party.name)?;
            party.role = Some(party.role.clone().unwrap_or_else(|| strip_article(written)));
            party.name = person.clone();
            Some(written.clone())
        })
        .collect()
}

/// "the spokesman" matches a role "Kremlin spokesman" or "spokesperson";
/// "the Kremlin aide" matches "Kremlin aide".
fn role_matches(role: &str, head: &str, phrase: &str) -> bool {
    let role = role.to_lowercase();
    let family = |w: &str| {
        if w.starts_with("spokes") {
            "spokes".to_string()
        } else {
            w.to_string()
        }
    };
    let head = family(head);
    let role_words: Vec<String> = role.split_whitespace().map(family).collect();
    let phrase_words: Vec<String> = phrase.to_lowercase().split_whitespace().skip(1).map(family).collect();
    role_words.iter().any(|w| *w == head || (head == "spokes" && w.starts_with("spokes")))
        && phrase_words.iter().all(|w| role_words.contains(w))
}

/// People named with a title in a sentence ("US President Donald Trump"), in
/// order, then full names standing after a lower-case word ("runner-up Daniel
/// Kiprono"), which a later bare surname may refer to.
pub(super) fn mentions(sentence: &str) -> Vec<(String, Option<String>)> {
    let words: Vec<&str> = name_words(sentence);
    let mut out = titled(&words);
    let mut i = 1;
    while i < words.len() {
        let prev = words[i - 1];
        let starts = is_capitalised(words[i])
            && (!is_capitalised(prev) || ends_name(prev))
            && !is_in(NAME_PARTICLES, prev)
            && !is_role(words[i]);
        if !starts {
            i += 1;
            continue;
        }
        let run: Vec<&str> = words[i..]
            .iter()
            .take_while(|w| is_name_word(w) && !is_in(NAME_PARTICLES, w) && !is_role(w))
            .take(4)
            .copied()
            .collect();
        let mut name = run.clone();
        if let Some(p) = name.iter().position(|w| ends_name(w)) {
            name.truncate(p + 1);
        }
        let name = name.join(" ").trim_end_matches(NAME_END).to_string();
        if (2..=3).contains(&name.split_whitespace().count())
            && kind_of(&name) == ActorKind::Person
            && !name.split_whitespace().any(|w| is_possessive(w) || w.chars().all(|c| !c.is_lowercase()))
        {
            out.push((name, None));
        }
        i += run.len().max(1);
    }
    out
}

fn titled(words: &[&str]) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if is_role(words[i]) && !words[i].ends_with(',') {
            // "Officer Dr. Priya Raman": the honorific is neither role nor name.
            let skip = words[i + 1..].iter().take_while(|w| is_in(HONORIFICS, w)).count();
            let run: Vec<&str> =
                words[i + 1 + skip..].iter().take_while(|w| is_name_word(w)).take(4).copied().collect();
            let run_len = run.len() + skip;
            let mut name: Vec<&str> = run;
            // The name ends at the first word that carries trailing punctuation.
            if let Some(p) = name.iter().position(|w| ends_name(w)) {
                name.truncate(p + 1);
            }
            if name.len() >= 2 && !name.iter().any(|w| is_role(w)) {
                // The role reaches back over its qualifiers ("Central bank governor"), not over a verb or preposition.
                const STOP: &[&str] = &[
                    "the", "a", "an", "with", "and", "or", "to", "of", "by", "for", "from", "as", "that", "met",
                    "called",
                ];
                let role_start = (0..i)
                    .rev()
                    .take(3)
                    .take_while(|&k| {
                        !words[k].ends_with([',', '.', ';', ':'])
                            && !is_in(STOP, words[k])
                            && !is_verb_like(words[k])
                            && cue_free(words[k])
                    })
                    .last()
                    .unwrap_or(i);
                let role = words[role_start..=i].join(" ");
                let name = name.join(" ").trim_end_matches(NAME_END).to_string();
                if kind_of(&name) == ActorKind::Person {
                    out.push((name, Some(role)));
                }
            }
            i += 1 + run_len;
            continue;
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str, role: Option<&str>) -> Option<Subject> {
        Some(Subject::Named { name: name.into(), role: role.map(Into::into) })
    }

    #[test]
    fn roles_are_stripped_from_names() {
        let cases = [
            ("Kremlin aide Yuri Ushakov", named("Yuri Ushakov", Some("Kremlin aide"))),
            ("US President Donald Trump", named("Donald Trump", Some("US President"))),
            ("Leonid Pasechnik", named("Leonid Pasechnik", None)),
            ("Dmitry Peskov, the Kremlin spokesman", named("Dmitry Peskov", Some("Kremlin spokesman"))),
            ("Secretary of State Marco Rubio", named("Marco Rubio", Some("Secretary of State"))),
            ("Mr Smith", named("Smith", None)),
            ("Meanwhile Health Minister Ana Ruiz", named("Ana Ruiz", Some("Health Minister"))),
            ("Al Jazeera in its report", named("Al Jazeera", None)),
        ];
        for (phrase, want) in cases {
            assert_eq!(parse_subject(phrase), want, "{phrase}");
        }
    }

    #[test]
    fn unnamed_subjects_are_kept_as_such() {
        assert_eq!(parse_subject("he"), Some(Subject::Pronoun(Pronoun::Person)));
        assert!(matches!(parse_subject("two sources familiar with the talks"), Some(Subject::Anonymous(_))));
        assert!(matches!(parse_subject("US officials"), Some(Subject::Anonymous(_))));
        assert!(matches!(parse_subject("the spokesman"), Some(Subject::Definite { .. })));
        assert!(matches!(
            parse_subject("Russian occupation governor of Ukraine's southern Kherson region"),
            Some(Subject::Description(_))
        ));
        assert_eq!(parse_subject("The meeting took place two days after the ministry froze its promised grants"), None);
    }

    #[test]
    fn surnames_and_roles_resolve_to_earlier_speakers() {
        let mut s = Speakers::default();
        let ushakov = s.resolve(&parse_subject("Kremlin aide Yuri Ushakov").unwrap(), &[]).unwrap();
        s.spoke(&ushakov);
        let again = s.resolve(&parse_subject("Ushakov").unwrap(), &[]).unwrap();
        assert_eq!((again.name.as_str(), again.role.as_deref()), ("Yuri Ushakov", Some("Kremlin aide")));
        let aide = s.resolve(&parse_subject("the Kremlin aide").unwrap(), &[]).unwrap();
        assert_eq!(aide.name, "Yuri Ushakov");
        let he = s.resolve(&Subject::Pronoun(Pronoun::Person), &[]).unwrap();
        assert_eq!(he.name, "Yuri Ushakov");
    }

    #[test]
    fn titled_names_in_running_text_are_mentions() {
        let m = mentions("Russia President Vladimir Putin on Thursday called US President Donald Trump.");
        assert_eq!(m[0], ("Vladimir Putin".to_string(), Some("Russia President".to_string())));
        assert_eq!(m[1].0, "Donald Trump");
    }
}
