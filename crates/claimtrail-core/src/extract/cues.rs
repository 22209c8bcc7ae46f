//! Cues: the verbs and phrases of saying and reporting that mark an
//! attribution ("said", "told reporters", "according to", "quoted … as saying").
//!
//! Matching works on word tokens (Unicode word boundaries, so "Ukraine's" is
//! one token) compared ASCII-case-insensitively against a fixed lexicon. The
//! lexicon holds verb forms only: nouns such as "claims" and "reports" are left
//! out on purpose because "the claims" and "media reports" are far more common
//! in news copy than the verbs and would produce false attributions.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use unicode_segmentation::UnicodeSegmentation;

/// A word or punctuation token of the input, by absolute byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Token {
    pub start: usize,
    pub end: usize,
}

impl Token {
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    /// True for tokens that hold a letter or digit.
    pub fn is_word(&self, text: &str) -> bool {
        self.text(text).chars().any(char::is_alphanumeric)
    }

    pub fn is(&self, text: &str, word: &str) -> bool {
        self.text(text).eq_ignore_ascii_case(word)
    }
}

/// Splits `text[range]` into tokens, dropping whitespace.
pub(super) fn tokenize(text: &str, range: Range<usize>) -> Vec<Token> {
    text[range.clone()]
        .split_word_bound_indices()
        .filter(|(_, w)| !w.chars().all(char::is_whitespace))
        .map(|(i, w)| Token { start: range.start + i, end: range.start + i + w.len() })
        .collect()
}

/// What a cue says about the words around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CueClass {
    /// A verb of saying: the speaker before it (or after it, inverted), the
    /// statement after it or in an adjacent quote.
    Say,
    /// "reported": a relay when its subject is an outlet, a speaker otherwise.
    Report,
    /// A verb of denial: the subject disputes what follows.
    Deny,
    /// "according to X".
    According,
    /// "citing X": X is the source of the one who cites.
    Citing,
    /// "X quoted Y as saying", "Y was quoted by X as saying".
    QuotedAs,
}

/// The lexicon, longest phrases first so that "told reporters" wins over "told".
const LEXICON: &[(&[&str], CueClass)] = &[
    (&["said", "in", "a", "statement"], CueClass::Say),
    (&["said", "in", "an", "interview"], CueClass::Say),
    (&["told", "a", "news", "conference"], CueClass::Say),
    (&["told", "a", "press", "conference"], CueClass::Say),
    (&["made", "it", "clear"], CueClass::Say),
    (&["told", "reporters"], CueClass::Say),
    (&["told", "journalists"], CueClass::Say),
    (&["told", "lawmakers"], CueClass::Say),
    (&["told", "parliament"], CueClass::Say),
    (&["pointed", "out"], CueClass::Say),
    (&["according", "to"], CueClass::According),
    (&["said"], CueClass::Say),
    (&["says"], CueClass::Say),
    (&["say"], CueClass::Say),
    (&["argue"], CueClass::Say),
    (&["told"], CueClass::Say),
    (&["tells"], CueClass::Say),
    (&["stated"], CueClass::Say),
    (&["claimed"], CueClass::Say),
    (&["added"], CueClass::Say),
    (&["adds"], CueClass::Say),
    (&["emphasised"], CueClass::Say),
    (&["emphasized"], CueClass::Say),
    (&["emphasises"], CueClass::Say),
    (&["emphasizes"], CueClass::Say),
    (&["insisted"], CueClass::Say),
    (&["insists"], CueClass::Say),
    (&["confirmed"], CueClass::Say),
    (&["confirms"], CueClass::Say),
    (&["wrote"], CueClass::Say),
    (&["writes"], CueClass::Say),
    (&["announced"], CueClass::Say),
    (&["argued"], CueClass::Say),
    (&["argues"], CueClass::Say),
    (&["warned"], CueClass::Say),
    (&["warns"], CueClass::Say),
    (&["noted"], CueClass::Say),
    (&["explained"], CueClass::Say),
    (&["asserted"], CueClass::Say),
    (&["declared"], CueClass::Say),
    (&["stressed"], CueClass::Say),
    (&["maintained"], CueClass::Say),
    (&["alleged"], CueClass::Say),
    (&["acknowledged"], CueClass::Say),
    (&["admitted"], CueClass::Say),
    (&["reiterated"], CueClass::Say),
    (&["suggested"], CueClass::Say),
    (&["tweeted"], CueClass::Say),
    (&["posted"], CueClass::Say),
    (&["replied"], CueClass::Say),
    (&["responded"], CueClass::Say),
    (&["remarked"], CueClass::Say),
    (&["predicted"], CueClass::Say),
    (&["promised"], CueClass::Say),
    (&["vowed"], CueClass::Say),
    (&["pledged"], CueClass::Say),
    (&["urged"], CueClass::Say),
    (&["conceded"], CueClass::Say),
    (&["countered"], CueClass::Say),
    (&["contended"], CueClass::Say),
    (&["revealed"], CueClass::Say),
    (&["estimated"], CueClass::Say),
    (&["reported"], CueClass::Report),
    (&["reports"], CueClass::Report),
    (&["denied"], CueClass::Deny),
    (&["denies"], CueClass::Deny),
    (&["rejected"], CueClass::Deny),
    (&["rejects"], CueClass::Deny),
    (&["dismissed"], CueClass::Deny),
    (&["refuted"], CueClass::Deny),
    (&["disputed"], CueClass::Deny),
    (&["citing"], CueClass::Citing),
    (&["quoting"], CueClass::Citing),
    (&["quoted"], CueClass::QuotedAs),
];

/// Participles that open a second statement by the same speaker
/// ("…, emphasising that the conflict is different").
pub(super) const PARTICIPLES: &[&str] = &[
    "emphasising",
    "emphasizing",
    "adding",
    "saying",
    "insisting",
    "noting",
    "stressing",
    "asserting",
    "arguing",
    "warning",
    "claiming",
    "stating",
    "suggesting",
    "explaining",
];

/// A cue found in a token list: tokens `first..last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct CueMatch {
    pub first: usize,
    pub last: usize,
    pub class: CueClass,
}

impl CueMatch {
    /// The cue as written in the input.
    pub fn range(&self, toks: &[Token]) -> Range<usize> {
        toks[self.first].start..toks[self.last - 1].end
    }
}

/// The longest lexicon cue starting at token `i`.
pub(super) fn cue_at(text: &str, toks: &[Token], i: usize) -> Option<CueMatch> {
    // "a deal could be announced", "it was confirmed": a passive is no one's saying.
    const PASSIVE: &[&str] = &["be", "been", "being"];
    if i > 0 && PASSIVE.iter().any(|w| toks[i - 1].is(text, w)) && !toks[i].is(text, "quoted") {
        return None;
    }
    let mut buf = [0; WORD_BUFFER];
    let first = ascii_lower(toks[i].text(text), &mut buf)?;
    LEXICON_BY_FIRST.get(first)?.iter().find_map(|&(words, class)| {
        let fits = i + words.len() <= toks.len() && words.iter().enumerate().all(|(k, w)| toks[i + k].is(text, w));
        fits.then_some(CueMatch { first: i, last: i + words.len(), class })
    })
}

/// A cue phrase, word by word, and its class.
type Phrase = (&'static [&'static str], CueClass);

/// The lexicon by its first word, each list longest phrase first as in [`LEXICON`].
static LEXICON_BY_FIRST: LazyLock<HashMap<&'static str, Vec<Phrase>>> = LazyLock::new(|| {
    let mut by_first: HashMap<&'static str, Vec<Phrase>> = HashMap::new();
    for &(words, class) in LEXICON {
        by_first.entry(words[0]).or_default().push((words, class));
    }
    by_first
});

/// Longer than any word of the fixed word lists.
pub(super) const WORD_BUFFER: usize = 32;

/// `word` with ASCII letters lower-cased, in `buf`; `None` when it does not fit
/// (no listed word is that long). Two words are equal after this exactly when
/// they are equal ignoring ASCII case.
pub(super) fn ascii_lower<'b>(word: &str, buf: &'b mut [u8; WORD_BUFFER]) -> Option<&'b str> {
    let bytes = word.as_bytes();
    let out = buf.get_mut(..bytes.len())?;
    for (o, b) in out.iter_mut().zip(bytes) {
        *o = b.to_ascii_lowercase();
    }
    std::str::from_utf8(out).ok()
}

/// True when the token is one of the participles that open a second statement.
pub(super) fn is_participle(text: &str, tok: &Token) -> bool {
    PARTICIPLES.iter().any(|p| tok.is(text, p))
}
