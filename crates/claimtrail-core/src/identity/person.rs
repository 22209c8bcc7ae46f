//! How people are written in the news: "Leonid Pasechnik", "Pasechnik",
//! "Mr Pasechnik", "Kremlin aide Yuri Ushakov", "Joe Biden" and "Joseph R.
//! Biden Jr.", or only by what they are: "the governor", "Russian occupation
//! governor of Ukraine's eastern Luhansk region".
//!
//! A name is read into given names, a surname and a generational suffix; a
//! description is read into its content words around a role noun. Both are
//! compared word by word through [`sound_key`], never as raw strings.

use super::sound::{french_sound_key, sound_key};

/// Courtesy and office titles dropped before a name ("Mr", "Dr", "Gen.").
/// Office words that also head descriptions ("President", "Governor") are
/// in [`ROLE_NOUNS`] and dropped through the title-and-name pattern instead.
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "gen",
    "lt",
    "col",
    "maj",
    "capt",
    "sgt",
    "sen",
    "rep",
    "gov",
    "rev",
    "sheikh",
    "herr",
    "frau",
    "monsieur",
    "madame",
    "mme",
    "m",
];

/// Words that head a description of a person by what they are. A name
/// follows one of them ("Governor Leonid Pasechnik") or it stands alone as
/// the description ("the governor").
pub(crate) const ROLE_NOUNS: &[&str] = &[
    "governor",
    "president",
    "minister",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "aide",
    "adviser",
    "advisor",
    "official",
    "officials",
    "chief",
    "head",
    "leader",
    "mayor",
    "secretary",
    "ambassador",
    "envoy",
    "commander",
    "general",
    "director",
    "chairman",
    "chairwoman",
    "chair",
    "senator",
    "lawmaker",
    "deputy",
    "prosecutor",
    "judge",
    "king",
    "queen",
    "prince",
    "pope",
    "chancellor",
    "premier",
    "representative",
    "negotiator",
    "analyst",
    "expert",
    "researcher",
    "scientist",
    "doctor",
    "founder",
    "ceo",
    "editor",
    "correspondent",
    "reporter",
    "journalist",
    "activist",
    "candidate",
    "governor-general",
    "emir",
    "sultan",
    "sheikh",
    "colonel",
    "admiral",
    "inspector",
    "attorney",
    "counsel",
    "economist",
    "professor",
    "administrator",
    "coordinator",
    "head-of-state",
    "speaker",
    "mp",
    "councillor",
    "councilor",
    "commissioner",
    "ombudsman",
    "patriarch",
];

/// Words with no weight when descriptions are compared.
const FILLER: &[&str] = &[
    "the", "a", "an", "of", "for", "in", "on", "at", "to", "and", "its", "his", "her", "their", "s", "former", "then",
    "current", "acting", "top", "senior", "new",
];

/// Words that qualify many roles alike: sharing only these and the role
/// noun ("prime minister") says nothing about which one.
const GENERIC_QUALIFIERS: &[&str] = &[
    "prime",
    "foreign",
    "vice",
    "deputy",
    "general",
    "chief",
    "supreme",
    "crown",
    "defence",
    "defense",
    "interior",
    "finance",
    "health",
    "press",
    "state",
    "national",
    "federal",
    "regional",
    "local",
    "military",
    "army",
    "ministry",
    "office",
    "affairs",
    "council",
    "security",
    "executive",
    "presidential",
];

const SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv"];

/// Lower-case words of `text` without the punctuation around them
/// ("Ukraine's" gives "ukraine" and "s"; "Russian-installed" one word).
pub(crate) fn words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || c == ',' || c == '\u{2019}' || c == '\'' || c == '(' || c == ')')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

fn is_capitalised(word: &str) -> bool {
    word.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase)
}

/// A person's name read into its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PersonName {
    /// Given and middle names, sound-keyed; an initial ("J.") keeps its letter
    /// and is marked as such.
    pub given: Vec<Given>,
    /// The surname's sound key (Arabic "al-"/"el-" and particles dropped).
    pub surname: String,
    /// The surname read the French way ([`french_sound_key`]), if it can be.
    pub surname_french: Option<String>,
    /// The surname as written, lower-cased, for edit distances.
    pub surname_text: String,
    /// Every word of the name, sound-keyed, in order, to find a name that
    /// is a longer form of another ("Pedro Sanchez Perez-Castejon").
    pub all: Vec<String>,
    pub suffix: Option<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Given {
    Initial(char),
    Name(String),
}

impl Given {
    fn initial(&self) -> Option<char> {
        match self {
            Given::Initial(c) => Some(*c),
            Given::Name(key) => key.chars().next(),
        }
    }
}

/// Common given-name forms that are one name ("Joe" and "Joseph"), as sound
/// keys of the short form and the long one.
const NICKNAMES: &[(&str, &str)] = &[
    ("joe", "joseph"),
    ("bill", "william"),
    ("will", "william"),
    ("bob", "robert"),
    ("rob", "robert"),
    ("jim", "james"),
    ("mike", "michael"),
    ("tony", "anthony"),
    ("ted", "edward"),
    ("ed", "edward"),
    ("dick", "richard"),
    ("rick", "richard"),
    ("liz", "elizabeth"),
    ("kate", "catherine"),
    ("alex", "alexander"),
    ("sasha", "alexander"),
    ("dima", "dmitry"),
    ("vova", "vladimir"),
    ("chris", "christopher"),
    ("nick", "nicholas"),
    ("tom", "thomas"),
    ("dave", "david"),
    ("dan", "daniel"),
    ("ben", "benjamin"),
    ("bibi", "benjamin"),
    ("steve", "stephen"),
    ("sam", "samuel"),
    ("andy", "andrew"),
    ("pete", "peter"),
    ("matt", "matthew"),
    ("jon", "jonathan"),
    ("pat", "patrick"),
    ("kim", "kimberly"),
];

fn same_given(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    NICKNAMES.iter().any(|(short, long)| {
        let (s, l) = (sound_key(short), sound_key(long));
        (a == s && b == l) || (a == l && b == s)
    })
}

/// The (role, name) split of "Kremlin aide Yuri Ushakov": the words after
/// the last role noun when they are all capitalised and at least one.
pub(crate) fn split_title(text: &str) -> Option<(String, String)> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let last_role = tokens.iter().rposition(|t| {
        let w = t.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        w.split('-').any(|part| ROLE_NOUNS.contains(&part))
    })?;
    let rest = &tokens[last_role + 1..];
    if rest.is_empty() || !rest.iter().all(|t| is_capitalised(t)) {
        return None;
    }
    Some((tokens[..=last_role].join(" "), rest.join(" ")))
}

/// Whether `text` describes someone rather than naming them: "the governor",
/// "Russian occupation governor of Ukraine's eastern Luhansk region",
/// "a Kremlin spokesman". A role noun with no name after it.
pub(crate) fn is_description(text: &str) -> bool {
    !role_nouns(text).is_empty() && split_title(text).is_none()
}

/// How many content words two descriptions share, and whether one of them
/// says which role it is (not only a role noun or a generic qualifier).
/// Words meet when one's key starts the other's ("Russia" and "Russian",
/// "Ukraine" and "Ukrainian").
pub(crate) fn shared_words(a: &str, b: &str) -> (usize, bool) {
    let theirs = content_words(b);
    let meets = |x: &str, y: &str| x == y || (x.len().min(y.len()) >= 2 && (x.starts_with(y) || y.starts_with(x)));
    let mut shared = 0;
    let mut telling = false;
    for (key, tells) in content_words(a) {
        if theirs.iter().any(|(k, _)| meets(&key, k)) {
            shared += 1;
            telling |= tells;
        }
    }
    (shared, telling)
}

/// The content words of a description, sound-keyed, each with whether it
/// tells which role it is (not a role noun or a generic qualifier).
pub(crate) fn content_words(text: &str) -> Vec<(String, bool)> {
    words(text)
        .iter()
        .filter(|w| !FILLER.contains(&w.as_str()))
        .flat_map(|w| w.split('-').map(str::to_owned).collect::<Vec<_>>())
        .map(|w| {
            let telling = !ROLE_NOUNS.contains(&w.as_str()) && !GENERIC_QUALIFIERS.contains(&w.as_str());
            (sound_key(&w), telling)
        })
        .filter(|(k, _)| !k.is_empty())
        .collect()
}

/// The role nouns in a description or role, as written.
pub(crate) fn role_nouns(text: &str) -> Vec<String> {
    words(text)
        .into_iter()
        .flat_map(|w| w.split('-').map(str::to_owned).collect::<Vec<_>>())
        .filter(|w| ROLE_NOUNS.contains(&w.as_str()))
        .collect()
}

impl PersonName {
    /// Reads a name; `None` when no word of it is left once titles and
    /// suffixes are dropped.
    pub(crate) fn parse(text: &str) -> Option<PersonName> {
        let name = split_title(text).map_or_else(|| text.to_owned(), |(_, name)| name);
        let mut tokens: Vec<String> = name
            .split(|c: char| c.is_whitespace() || c == ',')
            .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric() && c != '.').to_owned())
            .filter(|t| !t.is_empty())
            .collect();
        while tokens.len() > 1 && TITLES.contains(&tokens[0].trim_end_matches('.').to_lowercase().as_str()) {
            tokens.remove(0);
        }
        let mut suffix = None;
        if tokens.len() > 1 {
            let last = tokens[tokens.len() - 1].trim_end_matches('.').to_lowercase();
            if let Some(s) = SUFFIXES.iter().find(|s| **s == last) {
                suffix = Some(*s);
                tokens.pop();
            }
        }
        let surname_token = tokens.pop()?;
        let surname_text = strip_article(&surname_token.trim_end_matches('.').to_lowercase()).to_owned();
        let surname = sound_key(&surname_text);
        if surname.is_empty() {
            return None;
        }
        let surname_french = french_sound_key(&surname_text);
        // A word whose key is under two letters ("Yo", "Il") is kept as
        // written, or "Kim Yo Jong" would read as a prefix of "Kim Jong Il".
        let word_key = |t: &str| {
            let key = sound_key(t);
            if key.len() >= 2 {
                key
            } else {
                t.trim_end_matches('.').to_lowercase()
            }
        };
        let mut all: Vec<String> = tokens.iter().map(|t| word_key(t)).collect();
        all.push(word_key(&surname_text));
        let given = tokens
            .iter()
            .filter(|t| {
                !matches!(
                    t.to_lowercase().as_str(),
                    "al" | "el" | "bin" | "ibn" | "van" | "von" | "de" | "der" | "da" | "di" | "le" | "la"
                )
            })
            .map(|t| {
                let bare = t.trim_end_matches('.');
                let letters: Vec<char> = bare.chars().filter(|c| c.is_alphabetic()).collect();
                if letters.len() == 1 || (t.ends_with('.') && letters.len() <= 2) {
                    Given::Initial(sound_key(bare).chars().next().unwrap_or(letters[0].to_ascii_lowercase()))
                } else {
                    Given::Name(sound_key(bare))
                }
            })
            .collect();
        Some(PersonName { given, surname, surname_french, surname_text, all, suffix })
    }

    /// Whether two readings can name one person: the same surname (by sound
    /// or one typing slip), compatible given names and no conflicting suffix.
    /// Returns how the surnames met, or `None`.
    pub(crate) fn compatible(&self, other: &PersonName) -> Option<SurnameMatch> {
        let sounds_alike = if self.surname.len() < 2 || other.surname.len() < 2 {
            // A key of one letter ("Ali", "Il", "Lula") meets too many names.
            self.surname_text == other.surname_text
        } else {
            let mine = std::iter::once(&self.surname).chain(&self.surname_french);
            let theirs: Vec<&String> = std::iter::once(&other.surname).chain(&other.surname_french).collect();
            mine.into_iter().any(|k| theirs.contains(&k))
        };
        let surnames = if sounds_alike {
            if self.surname_text == other.surname_text {
                SurnameMatch::Same
            } else {
                SurnameMatch::Sound
            }
        } else if self.surname_text.chars().count() >= 5
            && strsim::osa_distance(&self.surname_text, &other.surname_text) <= 1
        {
            SurnameMatch::Typo
        } else {
            return None;
        };
        if let (Some(a), Some(b)) = (self.suffix, other.suffix) {
            if a != b {
                return None;
            }
        }
        // Given names are compared position by position as far as both go;
        // a missing middle name is no conflict, a different one is.
        let by_position = self.given.iter().zip(&other.given).all(|(a, b)| match (a, b) {
            (Given::Name(x), Given::Name(y)) => same_given(x, y),
            _ => a.initial() == b.initial(),
        });
        // "Abdelfattah" and "Abdel Fattah" are one given name written apart.
        if !by_position && self.given_joined().map_or(true, |a| Some(a) != other.given_joined()) {
            return None;
        }
        Some(surnames)
    }

    /// The given names run together, when none is an initial.
    fn given_joined(&self) -> Option<String> {
        let mut joined = String::new();
        for g in &self.given {
            match g {
                Given::Name(key) => joined.push_str(key),
                Given::Initial(_) => return None,
            }
        }
        (!joined.is_empty()).then_some(joined)
    }

    /// Whether one name is the other with more words after it, as a second
    /// surname ("Pedro Sanchez Perez-Castejon") or a third name ("Abiy Ahmed
    /// Ali"): at least a given name and a surname in common, in order, and
    /// no generational suffix to tell a father from a son.
    pub(crate) fn extends(&self, other: &PersonName) -> bool {
        let (short, long) = if self.all.len() <= other.all.len() { (self, other) } else { (other, self) };
        short.all.len() >= 2
            && long.all.len() > short.all.len()
            && long.all.starts_with(&short.all)
            && self.suffix.is_none()
            && other.suffix.is_none()
    }

    pub(crate) fn is_surname_only(&self) -> bool {
        self.given.is_empty()
    }

    /// The letters the first given name can meet another's by in
    /// [`compatible`](Self::compatible): its initial, and the initial of the
    /// long form when it is a nickname ("Bill" meets "William"). Empty with
    /// no given name, which meets any.
    pub(crate) fn first_initials(&self) -> Vec<char> {
        let Some(first) = self.given.first() else { return vec![] };
        let mut out: Vec<char> = first.initial().into_iter().collect();
        if let Given::Name(key) = first {
            for (short, long) in NICKNAMES {
                if *key == sound_key(short) {
                    out.extend(sound_key(long).chars().next());
                }
            }
        }
        out
    }
}

/// How two surnames met.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SurnameMatch {
    Same,
    Sound,
    Typo,
}

/// "al-Assad" and "Assad" are one surname.
fn strip_article(surname: &str) -> &str {
    for prefix in ["al-", "el-", "al\u{2011}", "ad-", "as-", "ash-", "an-", "ar-", "at-", "az-"] {
        if let Some(rest) = surname.strip_prefix(prefix) {
            if !rest.is_empty() {
                return rest;
            }
        }
    }
    surname
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_suffixes_and_initials_are_read() {
        let n = PersonName::parse("Joseph R. Biden Jr.").unwrap();
        assert_eq!(n.suffix, Some("jr"));
        assert_eq!(n.given.len(), 2);
        assert!(matches!(n.given[1], Given::Initial('r')));
        let m = PersonName::parse("Mr Biden").unwrap();
        assert!(m.is_surname_only());
        assert_eq!(m.surname, n.surname);
    }

    #[test]
    fn a_title_before_a_name_is_not_a_description() {
        assert_eq!(split_title("Kremlin aide Yuri Ushakov"), Some(("Kremlin aide".into(), "Yuri Ushakov".into())));
        assert!(!is_description("Governor Leonid Pasechnik"));
        assert!(is_description("the governor"));
        assert!(is_description("Russian occupation governor of Ukraine's eastern Luhansk region"));
        assert!(!is_description("Leonid Pasechnik"));
    }

    #[test]
    fn father_and_son_and_two_johnsons_are_not_compatible() {
        let p = |s| PersonName::parse(s).unwrap();
        assert!(p("George H. W. Bush").compatible(&p("George W. Bush")).is_none());
        assert!(p("Boris Johnson").compatible(&p("Lyndon Johnson")).is_none());
        assert!(p("Martin Luther King Jr.").compatible(&p("Martin Luther King Sr.")).is_none());
        assert!(p("Joe Biden").compatible(&p("Joseph R. Biden Jr.")).is_some());
        assert!(p("Bashar al-Assad").compatible(&p("Bashar Assad")).is_some());
        assert_eq!(p("Leonid Pasechnick").compatible(&p("Leonid Pasechnik")), Some(SurnameMatch::Sound));
        assert_eq!(p("Dmitry Peskov").compatible(&p("Dmitry Pesko")), Some(SurnameMatch::Typo));
    }
}
