//! Reading one sentence at a time: which span is the statement, who made it,
//! with what cue, through which relays, disputed or not.
//!
//! Two shapes cover news copy:
//! - **Direct**: a quotation standing on its own ("'…,' Ushakov told reporters",
//!   "Peskov said: “…”"). The statement is the quoted text; the speaker frame is
//!   in the words around it.
//! - **Indirect** (and mixed): "X said that …", "…, X said", "according to X, …".
//!   Trailing frames are peeled off the end of the sentence one comma segment
//!   at a time ("…, Ushakov said, Al Jazeera reported"), then a leading frame
//!   is looked for in what remains ("Putin emphasised that …"). When both
//!   exist, the leading frame is the speaker and the peeled ones relay him.
//!
//! A sentence with no frame of its own can still continue the previous
//! speaker's quote, or dispute the previous claim ("The figure could not be
//! independently verified.").
//!
//! The reader keeps state across sentences: the speakers seen (for "he", "the
//! spokesman", bare surnames) and the outlet relays last named ("…, Al Jazeera
//! reported"), which wire copy leaves implicit for the paragraphs that follow.

use std::ops::Range;

use chrono::NaiveDate;

use crate::model::{ActorKind, AppearanceKind};

use super::claimants::{self, parse_subject, without_emoji, Party, Speakers};
use super::cues::{cue_at, is_participle, tokenize, CueClass, CueMatch, Token};
use super::dates::{self, DateMention};
use super::quotes::{enclosing, Quote};
use super::relays::{is_back_reference, media_kind, same_party, RelayProposal};
use super::{disputes, ProposedStance};

/// A claim found in the text, by byte offsets, before it is turned into a proposal.
#[derive(Debug, Clone)]
pub(super) struct Draft {
    pub range: Range<usize>,
    pub kind: AppearanceKind,
    pub claimant: Option<Party>,
    pub cue: Option<String>,
    pub relays: Vec<RelayProposal>,
    /// Dispute markers and the party that disputes, when the text names one.
    pub disputes: Vec<(Range<usize>, Option<String>)>,
    pub stance: ProposedStance,
    pub date: Option<DateMention>,
    pub continuation: bool,
    pub anonymous: bool,
    paragraph: usize,
}

/// A statement of a sentence before its speaker is attached.
#[derive(Debug, Clone)]
struct Statement {
    range: Range<usize>,
    kind: AppearanceKind,
    cue: String,
    /// False for a second statement ("…, adding that …"), which never inherits a denial.
    main: bool,
}

impl Statement {
    fn new(range: Range<usize>, quotes: &[Quote], cue: &str, main: bool) -> Statement {
        Statement { kind: kind_of_span(quotes, &range), range, cue: cue.to_string(), main }
    }
}

/// Who speaks in a frame and how.
#[derive(Debug, Clone)]
struct Frame {
    speaker: Party,
    cue: String,
    class: CueClass,
    /// Relays named inside the frame, claimant outward ("told Belarus TV", "RIA quoted").
    relays: Vec<RelayProposal>,
    /// Token index just past the frame's words (cue, subject, object).
    end: usize,
    /// The frame names the outlet that reports the speaker ("RIA quoted …").
    reported: bool,
    /// Token index where an indirect statement starts, if the frame introduces one.
    complement: Option<usize>,
}

/// What a trailing comma segment says.
#[derive(Debug, Clone)]
enum Tail {
    /// "…, Ushakov said", "…, according to the ministry".
    Speaker(Party, String),
    /// "…, Al Jazeera reported", "…, according to RT".
    Relay(RelayProposal),
    /// "…, citing Belarus TV": the source of the frame before it.
    Citing(Party, String),
    /// "…, emphasising that …": a second statement; the range is the statement.
    Participle(Range<usize>, String),
    Dispute(Range<usize>),
    /// "…, asking not to be named", "…, a move that critics called rash": said
    /// about the frame or the statement, neither a statement nor a relay.
    Aside,
}

fn is_aside(segment: &str) -> bool {
    let lower = segment.trim().to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let anonymity = ["asking", "speaking", "declining", "requesting", "who", "because"]
        .contains(&words.first().copied().unwrap_or(""))
        && ["named", "anonymity", "identified", "authorised", "authorized", "private"]
            .iter()
            .any(|w| lower.contains(w));
    let comment = words.len() >= 3 && ["a", "an"].contains(&words[0]) && ["that", "which"].contains(&words[2]);
    anonymity || comment
}

/// The reader's state over a whole text.
pub(super) struct Reader<'t> {
    text: &'t str,
    published: Option<NaiveDate>,
    speakers: Speakers,
    /// Outlets last named as relays, carried to the sentences after them.
    reporting: Vec<RelayProposal>,
    pub drafts: Vec<Draft>,
    wire: Option<String>,
}

const BOUNDARY_WORDS: &[&str] = &["that", "which", "who", "whom", "where", "but", "because", "if", "whether"];

/// Complements that point back to a claim already made ("denied the claim").
fn is_anaphoric(words: &str) -> bool {
    let lower = words.trim().trim_end_matches(['.', '!', '?']).to_lowercase();
    // "dismissed the criticism as \"unfair\"": the object is what comes before "as".
    let lower = match lower.find(" as ") {
        Some(at) => lower[..at].to_string(),
        None => lower,
    };
    const NOUNS: &[&str] = &[
        "claim",
        "claims",
        "report",
        "reports",
        "allegation",
        "allegations",
        "accusation",
        "accusations",
        "account",
        "statement",
        "statements",
        "assertion",
        "assertions",
        "estimate",
        "figure",
        "figures",
        "remarks",
        "comments",
        "criticism",
        "version",
        "it",
        "this",
        "that",
        "them",
        "the claim",
        "the claims",
        "the report",
        "the reports",
    ];
    let stripped = ["the ", "this ", "that ", "these ", "those ", "such ", "any "]
        .iter()
        .find_map(|d| lower.strip_prefix(d))
        .unwrap_or(&lower);
    NOUNS.contains(&stripped)
        || NOUNS.contains(&lower.as_str())
        || ["any suggestion", "the suggestion", "suggestions", "any allegation"].iter().any(|s| lower.starts_with(s))
}

impl<'t> Reader<'t> {
    pub fn new(text: &'t str, published: Option<NaiveDate>) -> Reader<'t> {
        Reader { text, published, speakers: Speakers::default(), reporting: Vec::new(), drafts: Vec::new(), wire: None }
    }

    /// The agency whose story this is ("(Reuters)" in the dateline). When the
    /// text names it ("Reuters could not verify", "told Reuters"), the agency
    /// reports in its own voice: outlets it borrowed from stop carrying over.
    pub fn with_wire(mut self, wire: Option<String>) -> Self {
        self.wire = wire.filter(|w| w.chars().count() >= 2);
        self
    }

    /// The byte range of tokens `a..b`, empty when `a >= b`.
    fn span(&self, toks: &[Token], a: usize, b: usize) -> Range<usize> {
        if a >= b || a >= toks.len() {
            let at = toks.get(a).map_or_else(|| toks.last().map_or(0, |t| t.end), |t| t.start);
            return at..at;
        }
        toks[a].start..toks[b.min(toks.len()) - 1].end
    }

    /// Reads one sentence. `quotes` are the outermost quotes inside it.
    pub fn sentence(&mut self, range: Range<usize>, quotes: &[Quote], paragraph: usize) {
        let text = self.text;
        let sentence = &text[range.clone()];
        let mentions = claimants::mentions(sentence);
        for (name, role) in &mentions {
            self.speakers.mention(name, role.as_deref());
        }
        let toks = tokenize(text, range.clone());
        if toks.is_empty() {
            return;
        }
        if let Some(wire) = &self.wire {
            if toks.iter().any(|t| t.text(text) == wire.as_str()) {
                self.reporting.clear();
            }
        }
        let standalone: Vec<&Quote> = quotes.iter().filter(|q| self.is_standalone(q, &range)).collect();
        let before = self.drafts.len();
        if standalone.is_empty() {
            self.indirect(&range, &toks, quotes, &mentions, paragraph);
        } else {
            self.direct(&range, &toks, quotes, &standalone, &mentions, paragraph);
        }
        if self.drafts.len() == before {
            self.dispute_only(&range, paragraph);
            // A person named at the start of a sentence that states nothing
            // may be the "he" of the next quote.
            if let Some((name, role)) = mentions.into_iter().find(|(name, _)| {
                sentence.find(name.as_str()).is_some_and(|at| sentence[..at].split_whitespace().count() <= 4)
            }) {
                self.speakers.subject(&name, role.as_deref());
            }
        }
    }

    /// A quote that is a statement of its own, not a phrase quoted inside running text.
    fn is_standalone(&self, q: &Quote, sentence: &Range<usize>) -> bool {
        let before = self.text[sentence.start..q.outer.start].trim_end();
        let after = self.text[q.outer.end..sentence.end].trim_start();
        let inner = self.text[q.inner.clone()].trim_end();
        let starts = before.is_empty() || before.ends_with([',', ':', '—', '–']);
        let ends = after.is_empty()
            || after.starts_with([',', ';', ':', '.', '!', '?', '—', '–'])
            || inner.ends_with([',', '.', '!', '?', '…', ';']);
        starts && ends && inner.split_whitespace().count() >= 2
    }

    fn in_quote(quotes: &[Quote], pos: usize) -> bool {
        enclosing(quotes, pos).is_some()
    }

    /// Looks for a speaker frame among tokens `lo..hi`, trying each cue in turn.
    fn frame(
        &self,
        toks: &[Token],
        lo: usize,
        hi: usize,
        quotes: &[Quote],
        mentions: &[(String, Option<String>)],
    ) -> Option<Frame> {
        let mut i = lo;
        while i < hi {
            if Self::in_quote(quotes, toks[i].start) {
                i += 1;
                continue;
            }
            if let Some(cue) = cue_at(self.text, toks, i).filter(|c| c.last <= hi) {
                if let Some(f) = self.frame_at(toks, lo, hi, cue, quotes, mentions) {
                    return Some(f);
                }
                i = cue.last;
                continue;
            }
            i += 1;
        }
        None
    }

    /// Tokens `a..b` that are a subject candidate: after the last clause boundary before the cue.
    fn subject_start(&self, toks: &[Token], lo: usize, cue: usize, quotes: &[Quote]) -> (usize, usize) {
        let mut k = cue;
        let mut commas = 0;
        let mut start_after_comma = cue;
        while k > lo {
            let t = &toks[k - 1];
            let s = t.text(self.text);
            if Self::in_quote(quotes, t.start) || [";", ":", "(", ")", "—", "–", "\u{201d}", "\""].contains(&s) {
                break;
            }
            // "Ruth Okafor, who was not involved in the study, said": the
            // subject is before the relative clause.
            if (t.is(self.text, "who") || t.is(self.text, "which"))
                && k >= lo + 2
                && toks[k - 2].text(self.text) == ","
                && commas <= 1
            {
                k -= 2;
                commas = 0;
                start_after_comma = cue;
                continue;
            }
            if BOUNDARY_WORDS.iter().any(|w| t.is(self.text, w)) {
                break;
            }
            if s == "," {
                commas += 1;
                if commas == 1 {
                    start_after_comma = k;
                }
                if commas > 2 {
                    break;
                }
            }
            k -= 1;
        }
        let one = if commas == 0 { k } else { start_after_comma };
        (one, k)
    }

    fn frame_at(
        &self,
        toks: &[Token],
        lo: usize,
        hi: usize,
        cue: CueMatch,
        quotes: &[Quote],
        mentions: &[(String, Option<String>)],
    ) -> Option<Frame> {
        let text = self.text;
        let cue_text = text[cue.range(toks)].to_string();
        match cue.class {
            CueClass::According => {
                // "according to X, …" or "…, according to X".
                let np_end = (cue.last..hi).find(|&k| toks[k].text(text) == ",").unwrap_or(hi);
                let np = &text[self.span(toks, cue.last, np_end)];
                if media_kind(np).is_some() {
                    return None;
                }
                let speaker = self.speakers.resolve(&parse_subject(np)?, mentions)?;
                let complement = (np_end < hi).then_some(np_end + 1);
                return Some(Frame {
                    speaker,
                    cue: cue_text,
                    class: cue.class,
                    relays: vec![],
                    end: np_end,
                    reported: false,
                    complement,
                });
            }
            CueClass::Citing => return None,
            CueClass::QuotedAs => return self.quoted_as(toks, lo, hi, cue, quotes, mentions),
            _ => {}
        }
        let (one, two) = self.subject_start(toks, lo, cue.first, quotes);
        // Emoji before the cue are no subject ("…," 👉 said Zelensky).
        let pre_one = without_emoji(text[self.span(toks, one, cue.first)].trim().trim_start_matches(',').trim()).trim();
        let pre_two = without_emoji(text[self.span(toks, two, cue.first)].trim().trim_start_matches(',').trim()).trim();
        let mut relays = Vec::new();
        let (speaker, mut end) = if pre_one.is_empty() && two == one {
            // Inverted: "…,' said Yuri Ushakov, a Kremlin aide."
            let np_end =
                (cue.last..hi).find(|&k| [",", ".", ";", ":", "!", "?"].contains(&toks[k].text(text))).unwrap_or(hi);
            if np_end == cue.last {
                return None;
            }
            let mut np = text[self.span(toks, cue.last, np_end)].to_string();
            let mut end = np_end;
            // An apposition after the name: "…, a Kremlin aide".
            if np_end < hi && toks[np_end].text(text) == "," {
                let next_end = (np_end + 1..hi).find(|&k| [",", ".", ";"].contains(&toks[k].text(text))).unwrap_or(hi);
                let appo = &text[self.span(toks, np_end + 1, next_end)];
                let is_role = matches!(
                    parse_subject(appo),
                    Some(
                        claimants::Subject::Definite { .. }
                            | claimants::Subject::Description(_)
                            | claimants::Subject::Anonymous(_)
                    )
                ) && !(np_end + 1..next_end)
                    .any(|k| cue_at(text, toks, k).is_some() || is_participle(text, &toks[k]));
                if is_role {
                    np = format!("{np}, {appo}");
                    end = next_end;
                }
            }
            let subject = parse_subject(&np)?;
            (self.speakers.resolve(&subject, mentions)?, end)
        } else {
            let single = parse_subject(pre_one);
            let double = (two < one).then(|| parse_subject(pre_two)).flatten();
            let subject = match (single, double) {
                (_, Some(d @ claimants::Subject::Named { role: Some(_), .. })) => d,
                (Some(s), _) => s,
                (None, Some(d)) => d,
                (None, None) => return None,
            };
            (self.speakers.resolve(&subject, mentions)?, cue.last)
        };
        // The object of "told": an outlet there is a relay ("told Belarus TV").
        if cue_text.eq_ignore_ascii_case("told") || cue_text.eq_ignore_ascii_case("tells") {
            let obj_end = (end..hi)
                .find(|&k| {
                    let t = toks[k].text(text);
                    [",", ".", ";", ":"].contains(&t)
                        || t.eq_ignore_ascii_case("that")
                        || (k > end && !is_name_token(t))
                })
                .unwrap_or(hi);
            let obj = text[self.span(toks, end, obj_end)].trim();
            if let Some(kind) = media_kind(obj).filter(|k| *k != ActorKind::Unidentified) {
                relays.push(RelayProposal { name: strip_the(obj), kind, cue: Some("told".into()) });
            } else if let Some((name, described_end)) = self.described_outlet(toks, end, hi) {
                relays.push(RelayProposal { name, kind: ActorKind::Outlet, cue: Some("told".into()) });
                end = described_end;
            }
            if obj_end > end {
                end = obj_end;
            }
        }
        // "in an interview with X", "in remarks to X".
        if let Some(k) = (end..hi.min(end + 6)).find(|&k| toks[k].is(text, "with") || toks[k].is(text, "to")) {
            let lead = &text[self.span(toks, end, k)];
            if lead.to_lowercase().contains("interview") || lead.to_lowercase().contains("remarks") {
                let obj_end = (k + 1..hi)
                    .find(|&j| !is_name_token(toks[j].text(text)) || toks[j].text(text) == ",")
                    .unwrap_or(hi);
                let obj = text[self.span(toks, k + 1, obj_end)].trim();
                if let Some(kind) = media_kind(obj).filter(|k| *k != ActorKind::Unidentified) {
                    relays.push(RelayProposal {
                        name: strip_the(obj),
                        kind,
                        cue: Some(format!("{} {}", lead.trim(), toks[k].text(text))),
                    });
                    end = obj_end;
                }
            }
        }
        let complement = self.complement_start(toks, end, hi);
        Some(Frame { speaker, cue: cue_text, class: cue.class, relays, end, reported: false, complement })
    }

    /// An outlet named with what it is ("the Nation newspaper", "the newspaper
    /// Le Figaro", "Swiss radio SRF"): the name, and the token after the phrase.
    fn described_outlet(&self, toks: &[Token], at: usize, hi: usize) -> Option<(String, usize)> {
        const DESCRIPTORS: &[&str] = &[
            "newspaper",
            "paper",
            "daily",
            "weekly",
            "broadcaster",
            "radio",
            "television",
            "tv",
            "channel",
            "station",
            "magazine",
            "website",
            "agency",
        ];
        let text = self.text;
        let stop = (at..hi.min(at + 8))
            .find(|&k| {
                let t = toks[k].text(text);
                [",", ".", ";", ":"].contains(&t) || t.eq_ignore_ascii_case("that")
            })
            .or((hi <= at + 8).then_some(hi))?;
        let words: Vec<&str> = (at..stop).map(|k| toks[k].text(text)).collect();
        let d = words.iter().position(|w| DESCRIPTORS.iter().any(|x| x.eq_ignore_ascii_case(w)))?;
        let run = |ws: &[&str]| -> Vec<String> {
            ws.iter().filter(|w| w.chars().next().is_some_and(char::is_uppercase)).map(|w| w.to_string()).collect()
        };
        // The name after the descriptor, else the name just before it.
        let after = run(&words[d + 1..]);
        let before: Vec<String> = words[..d]
            .iter()
            .rev()
            .take_while(|w| w.chars().next().is_some_and(char::is_uppercase))
            .map(|w| w.to_string())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let name = if !after.is_empty() && after.len() == words.len() - d - 1 {
            after
        } else if d + 1 == words.len() && !before.is_empty() {
            // "Ukrainian television": a nationality names no outlet on its own.
            let adjective =
                before.len() == 1 && ["ian", "ish", "ese", "can", "ean", "ench"].iter().any(|s| before[0].ends_with(s));
            if adjective {
                vec![before[0].clone(), words[d].to_string()]
            } else {
                before
            }
        } else {
            return None;
        };
        Some((name.join(" "), stop))
    }

    /// "RIA quoted Peskov as telling Belarus TV that …", "Peskov was quoted by RIA as saying …".
    fn quoted_as(
        &self,
        toks: &[Token],
        lo: usize,
        hi: usize,
        cue: CueMatch,
        quotes: &[Quote],
        mentions: &[(String, Option<String>)],
    ) -> Option<Frame> {
        let text = self.text;
        let as_at = (cue.last..hi.min(cue.last + 12)).find(|&k| toks[k].is(text, "as"))?;
        let verb = toks.get(as_at + 1).filter(|_| as_at + 1 < hi)?;
        let verb_text = verb.text(text).to_string();
        if !verb_text.to_ascii_lowercase().ends_with("ing") {
            return None;
        }
        let (one, _) = self.subject_start(toks, lo, cue.first, quotes);
        let pre = text[self.span(toks, one, cue.first)].trim().trim_start_matches(',').trim().to_string();
        let words: Vec<&str> = pre.split_whitespace().collect();
        let passive = words
            .last()
            .is_some_and(|w| ["was", "were", "is", "has been", "been"].contains(&w.to_lowercase().as_str()));
        let mut relays = Vec::new();
        let mut outer: Option<RelayProposal> = None;
        let speaker = if passive {
            let who = words[..words.len() - 1].join(" ").trim_end_matches(" has").to_string();
            // "by RIA" between "quoted" and "as", or after the participle.
            if toks[cue.last].is(text, "by") {
                let by = text[self.span(toks, cue.last + 1, as_at)].trim().to_string();
                outer = Some(relay_for(&by, "quoted"));
            }
            self.speakers.resolve(&parse_subject(&who)?, mentions)?
        } else {
            if !pre.is_empty() {
                outer = Some(relay_for(&pre, "quoted"));
            }
            let who = text[self.span(toks, cue.last, as_at)].trim().to_string();
            self.speakers.resolve(&parse_subject(&who)?, mentions)?
        };
        let mut end = as_at + 2;
        if verb_text.eq_ignore_ascii_case("telling") {
            let obj_end = (end..hi)
                .find(|&k| [",", ".", ";", ":"].contains(&toks[k].text(text)) || toks[k].is(text, "that"))
                .unwrap_or(hi);
            let obj = text[self.span(toks, end, obj_end)].trim();
            if let Some(kind) = media_kind(obj).filter(|k| *k != ActorKind::Unidentified) {
                relays.push(RelayProposal { name: strip_the(obj), kind, cue: Some("told".into()) });
            } else if let Some((name, _)) = self.described_outlet(toks, end, hi) {
                relays.push(RelayProposal { name, kind: ActorKind::Outlet, cue: Some("told".into()) });
            }
            end = obj_end;
        }
        if passive && outer.is_none() && end < hi && toks[end].is(text, "by") {
            let by_end = (end + 1..hi).find(|&k| !is_name_token(toks[k].text(text))).unwrap_or(hi);
            outer = Some(relay_for(text[self.span(toks, end + 1, by_end)].trim(), "quoted"));
            end = by_end;
        }
        let reported = outer.as_ref().is_some_and(|r| r.kind.is_media());
        relays.extend(outer);
        let complement = self.complement_start(toks, end, hi);
        Some(Frame {
            speaker,
            cue: format!("quoted … as {verb_text}"),
            class: CueClass::QuotedAs,
            relays,
            end,
            reported,
            complement,
        })
    }

    /// Where the statement after a cue starts: after "that", after adverbials
    /// ("on Friday", "in a statement") that lead to "that", or right away.
    fn complement_start(&self, toks: &[Token], at: usize, hi: usize) -> Option<usize> {
        let text = self.text;
        let mut j = at;
        while j < hi && toks[j].text(text) == ":" {
            j += 1;
        }
        if j >= hi {
            return None;
        }
        if toks[j].is(text, "that") {
            return Some(j + 1);
        }
        const LEADS: &[&str] = &[
            "in",
            "on",
            "during",
            "at",
            "to",
            "after",
            "before",
            "while",
            "his",
            "her",
            "their",
            "its",
            "the",
            "a",
            "an",
            "earlier",
            "later",
            "also",
            "again",
            "last",
            "this",
            "yesterday",
            "today",
            "late",
            "early",
            "via",
        ];
        let leads = LEADS.iter().any(|w| toks[j].is(text, w)) || toks[j].text(text) == ",";
        if leads {
            let window = hi.min(j + 16);
            for (k, tok) in toks.iter().enumerate().take(window).skip(j) {
                if tok.text(text) == "," && k > j {
                    break;
                }
                if tok.is(text, "that") {
                    // "said the freeze would save … and that …": the second
                    // complement of a statement already begun.
                    if k > j && ["and", "but", "or"].iter().any(|w| toks[k - 1].is(text, w)) {
                        break;
                    }
                    return Some(k + 1);
                }
            }
            // "told reporters after the call": an adverbial with no statement after it.
            if !["the", "a", "an", "his", "her", "their", "its"].iter().any(|w| toks[j].is(text, w)) {
                return None;
            }
        }
        Some(j)
    }

    /// Splits tokens `lo..hi` at commas outside quotes into token ranges.
    fn segments(&self, toks: &[Token], lo: usize, hi: usize, quotes: &[Quote]) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start = lo;
        for (k, tok) in toks.iter().enumerate().take(hi).skip(lo) {
            if tok.text(self.text) == "," && !Self::in_quote(quotes, tok.start) {
                out.push((start, k));
                start = k + 1;
            }
        }
        out.push((start, hi));
        out.retain(|(a, b)| a < b);
        out
    }

    /// Reads a comma segment that may trail a statement.
    fn tail(&self, toks: &[Token], a: usize, b: usize, quotes: &[Quote], allow_participle: bool) -> Option<Tail> {
        let text = self.text;
        let seg = self.span(toks, a, b);
        if let Some(m) = disputes::find(text, seg.clone()).into_iter().next() {
            if text[seg.start..m.start].split_whitespace().count() <= 2 {
                return Some(Tail::Dispute(m));
            }
        }
        let mut i = a;
        while i < b && ["while", "also", "and", "but", "as", "further"].iter().any(|w| toks[i].is(text, w)) {
            i += 1;
        }
        if i >= b {
            return None;
        }
        if is_aside(&text[self.span(toks, i, b)]) {
            return Some(Tail::Aside);
        }
        if allow_participle && is_participle(text, &toks[i]) {
            let verb = toks[i].text(text).to_string();
            let start = if i + 1 < b && toks[i + 1].is(text, "that") { i + 2 } else { i + 1 };
            let r = self.span(toks, start, b);
            if text[r.clone()].split_whitespace().count() >= 2 {
                return Some(Tail::Participle(r, verb));
            }
            return None;
        }
        if toks[i].is(text, "citing") || toks[i].is(text, "quoting") {
            let np = text[self.span(toks, i + 1, b)].trim();
            if np.split_whitespace().count() > 8 {
                return None;
            }
            // "citing company records": a source that is not a party is still the source.
            let party = self.party_or_medium(np).unwrap_or_else(|| Party {
                name: np.to_string(),
                role: None,
                kind: ActorKind::Unidentified,
                anonymous: true,
            });
            return Some(Tail::Citing(party, toks[i].text(text).to_string()));
        }
        let cue = (i..b)
            .find_map(|k| cue_at(text, toks, k).filter(|c| c.last <= b && !Self::in_quote(quotes, toks[k].start)))?;
        let cue_text = text[cue.range(toks)].to_string();
        match cue.class {
            CueClass::According if cue.first == i => {
                let np = text[self.span(toks, cue.last, b)].trim();
                if let Some(kind) = media_kind(np) {
                    return Some(Tail::Relay(RelayProposal { name: strip_the(np), kind, cue: Some(cue_text) }));
                }
                let party = self.speakers.resolve(&parse_subject(np)?, &[])?;
                Some(Tail::Speaker(party, cue_text))
            }
            CueClass::Say | CueClass::Report | CueClass::Deny => {
                // What follows the cue must be adverbial ("on Thursday", "in a statement"), not a statement.
                let rest: Vec<&Token> = toks[cue.last..b].iter().collect();
                if rest.iter().any(|t| t.is(text, "that")) || rest.len() > 8 {
                    return None;
                }
                let rest_text = &text[self.span(toks, cue.last, b)];
                let pre = text[self.span(toks, i, cue.first)].trim();
                let np = if pre.is_empty() { rest_text.trim() } else { pre };
                if pre.is_empty() && np.is_empty() {
                    return None;
                }
                if !pre.is_empty() && !rest.is_empty() {
                    let adverbial = dates::find(text, self.span(toks, cue.last, b), None)
                        .iter()
                        .any(|d| d.range.start == rest[0].start)
                        || ["in", "on", "to", "after", "during", "late", "earlier", "later", "last", "this"]
                            .iter()
                            .any(|w| rest[0].is(text, w));
                    if !adverbial {
                        return None;
                    }
                }
                let subject = parse_subject(np)?;
                if let (Some(kind), claimants::Subject::Named { name, .. }) = (media_kind(&strip_cut(np)), &subject) {
                    let name = if media_kind(name).is_some() { name.clone() } else { strip_the(&strip_cut(np)) };
                    return Some(Tail::Relay(RelayProposal { name, kind, cue: Some(cue_text) }));
                }
                if let Some(kind) = media_kind(np).filter(|k| *k == ActorKind::Unidentified) {
                    return Some(Tail::Relay(RelayProposal { name: strip_the(np), kind, cue: Some(cue_text) }));
                }
                let party = self.speakers.resolve(&subject, &[])?;
                Some(Tail::Speaker(party, cue_text))
            }
            _ => None,
        }
    }

    fn party_or_medium(&self, np: &str) -> Option<Party> {
        if let Some(kind) = media_kind(np) {
            return Some(Party { name: strip_the(np), role: None, kind, anonymous: false });
        }
        self.speakers.resolve(&parse_subject(np)?, &[])
    }

    /// "X said …" / "'…,' X said, emphasising that …, according to RT."
    fn direct(
        &mut self,
        range: &Range<usize>,
        toks: &[Token],
        quotes: &[Quote],
        standalone: &[&Quote],
        mentions: &[(String, Option<String>)],
        paragraph: usize,
    ) {
        let text = self.text;
        // Token runs outside the standalone quotes.
        let mut gaps: Vec<(usize, usize)> = Vec::new();
        let mut k = 0;
        for q in standalone {
            let a = k;
            while k < toks.len() && toks[k].start < q.outer.start {
                k += 1;
            }
            gaps.push((a, k));
            while k < toks.len() && toks[k].start < q.outer.end {
                k += 1;
            }
        }
        gaps.push((k, toks.len()));
        let frame = gaps.iter().find_map(|&(a, b)| self.frame(toks, a, b, quotes, mentions).map(|f| (f, b)));

        let Some((frame, gap_end)) = frame else {
            // A quote with no cue continues the last speaker's quote.
            let only_punctuation = gaps.iter().all(|&(a, b)| (a..b).all(|k| !toks[k].is_word(text)));
            if only_punctuation {
                self.continuation(standalone, paragraph);
            }
            return;
        };

        // After the frame: relays, disputes and second statements.
        let mut tails = Vec::new();
        let mut hi = gap_end;
        while hi > 0 && !toks[hi - 1].is_word(text) && toks[hi - 1].text(text) != ")" {
            hi -= 1;
        }
        let mut relay_segments = Vec::new();
        if frame.end < hi {
            for (a, b) in self.segments(toks, frame.end, hi, quotes) {
                if let Some(t) = self.tail(toks, a, b, quotes, true) {
                    if matches!(t, Tail::Relay(_) | Tail::Citing(..) | Tail::Speaker(..)) {
                        relay_segments.push(self.span(toks, a, b));
                    }
                    tails.push(t);
                }
            }
        }
        let mut claims: Vec<Statement> = standalone
            .iter()
            .map(|q| trim_statement(text, q.inner.clone()))
            .filter(|r| r.start < r.end)
            .map(|range| Statement { range, kind: AppearanceKind::Direct, cue: frame.cue.clone(), main: true })
            .collect();
        for t in &tails {
            if let Tail::Participle(r, verb) = t {
                let r = trim_statement(text, r.clone());
                claims.push(Statement::new(r, quotes, verb, false));
            }
        }
        let mut chain = frame.relays.clone();
        let mut explicit = frame.reported;
        Self::chain_from_tails(&tails, &mut chain, &mut explicit);
        self.emit(range, claims, frame.speaker, chain, explicit, frame.class, &relay_segments, &tails, paragraph);
    }

    /// "Putin emphasised that …, Ushakov said." / "On June 21, Putin said that …, RT reported."
    fn indirect(
        &mut self,
        range: &Range<usize>,
        toks: &[Token],
        quotes: &[Quote],
        mentions: &[(String, Option<String>)],
        paragraph: usize,
    ) {
        let text = self.text;
        let mut hi = toks.len();
        // The sentence's final stop, when it is outside any quote.
        while hi > 0
            && !toks[hi - 1].is_word(text)
            && !Self::in_quote(quotes, toks[hi - 1].start)
            && toks[hi - 1].text(text) != ")"
        {
            hi -= 1;
        }
        let mut segments = self.segments(toks, 0, hi, quotes);
        let mut peeled = Vec::new();
        let mut relay_segments = Vec::new();
        while segments.len() > 1 {
            let (a, b) = *segments.last().expect("non-empty");
            let mut t = self.tail(toks, a, b, quotes, true);
            let mut used = 1;
            if t.is_none() && segments.len() > 2 {
                // "…, Dmitry Peskov, the Kremlin spokesman, said."
                let (pa, _) = segments[segments.len() - 2];
                let joined = self.tail(toks, pa, b, quotes, false);
                if matches!(joined, Some(Tail::Speaker(..))) {
                    t = joined;
                    used = 2;
                }
            }
            let Some(t) = t else { break };
            if matches!(t, Tail::Relay(_) | Tail::Citing(..) | Tail::Speaker(..)) {
                relay_segments.push(self.span(toks, segments[segments.len() - used].0, b));
            }
            peeled.push(t);
            for _ in 0..used {
                segments.pop();
            }
        }
        peeled.reverse();
        let rem_hi = segments.last().map_or(0, |s| s.1);
        let cue_window = rem_hi.min(48);
        let framed = self.frame(toks, 0, cue_window, quotes, mentions);
        // "Russia is ready to talk, RIA quoted Galuzin as telling Izvestia.":
        // the frame closes the sentence; the statement is what comes before it.
        if let Some(f) =
            framed.as_ref().filter(|f| f.class == CueClass::QuotedAs && f.complement.is_none() && f.end + 1 >= rem_hi)
        {
            let cue_at = (0..rem_hi).find(|&k| toks[k].is(text, "quoted"));
            let seg = cue_at.and_then(|c| segments.iter().rev().find(|s| s.0 <= c).copied());
            if let Some((seg_start, _)) = seg.filter(|s| s.0 > 0) {
                let r = trim_statement(text, self.span(toks, 0, seg_start));
                if text[r.clone()].split_whitespace().count() >= 3 {
                    let claims = vec![Statement::new(r, quotes, &f.cue, true)];
                    self.emit(
                        range,
                        claims,
                        f.speaker.clone(),
                        f.relays.clone(),
                        true,
                        f.class,
                        &[],
                        &peeled,
                        paragraph,
                    );
                    return;
                }
            }
        }
        let inner = framed.filter(|f| f.complement.is_some_and(|c| c < rem_hi));
        // "Hartwell County has confirmed four new cases, the health department
        // said": a verb with an object, not a frame, when a speaker trails.
        let inner = inner.filter(|f| {
            const OBJECT_VERBS: &[&str] = &["confirmed", "announced", "revealed", "estimated", "reported"];
            let after_that = f.complement.is_some_and(|c| c > 0 && toks[c - 1].is(text, "that"));
            let trailing_speaker = peeled.iter().any(|t| matches!(t, Tail::Speaker(..)));
            !(trailing_speaker && !after_that && OBJECT_VERBS.iter().any(|v| f.cue.eq_ignore_ascii_case(v)))
        });

        let mut claims = Vec::new();
        let (mut speaker, mut chain, class) = match &inner {
            Some(f) => {
                let start = f.complement.expect("filtered");
                let r = trim_statement(text, self.span(toks, start, rem_hi));
                if f.class == CueClass::Deny && is_anaphoric(&text[r.clone()]) {
                    // "Kyiv denied the claim": a dispute of the claim before.
                    let cue_range = self.span(toks, 0, f.end);
                    self.attach_dispute_to(cue_range, Some(f.speaker.name.clone()), paragraph, true);
                    // "…, saying its troops still held the village": what it says instead.
                    if !peeled.iter().any(|t| matches!(t, Tail::Participle(..))) {
                        return;
                    }
                    (Some(f.speaker.clone()), f.relays.clone(), CueClass::Say)
                } else {
                    let r = strip_reported_noun(text, r);
                    if text[r.clone()].split_whitespace().count() < 2 {
                        return;
                    }
                    if disputes::is_rebuttal(&text[r.clone()]) {
                        self.attach_dispute(r.clone(), Some(f.speaker.name.clone()), paragraph);
                    }
                    if f.class == CueClass::Deny {
                        // The party accused denies: the earlier claims that name it are disputed.
                        self.denied_by(&f.speaker.name, self.span(toks, 0, f.end), r.clone(), paragraph);
                    }
                    // "said A and that B": two statements.
                    let second = [" and that ", " but that ", ", and that ", ", but that "]
                        .iter()
                        .filter_map(|sep| {
                            let at = r.start + text[r.clone()].find(sep)?;
                            (!Self::in_quote(quotes, at)).then_some((at, at + sep.len()))
                        })
                        .min();
                    match second {
                        Some((cut, from)) if from < r.end => {
                            let first = trim_statement(text, r.start..cut);
                            claims.push(Statement::new(first, quotes, &f.cue, true));
                            claims.push(Statement::new(r.start.max(from)..r.end, quotes, &f.cue, true));
                        }
                        _ => claims.push(Statement::new(r, quotes, &f.cue, true)),
                    }
                    (Some(f.speaker.clone()), f.relays.clone(), f.class)
                }
            }
            None => {
                if !peeled.iter().any(|t| matches!(t, Tail::Relay(_) | Tail::Citing(..) | Tail::Speaker(..))) {
                    return;
                }
                let r = trim_statement(text, self.span(toks, 0, rem_hi));
                let r = strip_leading_marker(text, r);
                if text[r.clone()].split_whitespace().count() < 3 {
                    return;
                }
                claims.push(Statement::new(r, quotes, "", true));
                (None, Vec::new(), CueClass::Say)
            }
        };
        for t in &peeled {
            if let Tail::Participle(r, verb) = t {
                let r = trim_statement(text, r.clone());
                claims.push(Statement::new(r, quotes, verb, false));
            }
        }
        let mut explicit = inner.as_ref().is_some_and(|f| f.reported);
        match speaker {
            Some(_) => Self::chain_from_tails(&peeled, &mut chain, &mut explicit),
            None => {
                // No leading frame: the innermost trailing party is the speaker, the rest relay it.
                let mut parties: Vec<(Party, String)> = Vec::new();
                let mut outer_chain = Vec::new();
                Self::chain_from_tails(&peeled, &mut outer_chain, &mut explicit);
                for r in outer_chain {
                    parties.push((
                        Party {
                            name: r.name.clone(),
                            role: None,
                            kind: r.kind,
                            anonymous: r.kind == ActorKind::Unidentified,
                        },
                        r.cue.clone().unwrap_or_default(),
                    ));
                }
                // Speakers keep their roles: take them from the tails.
                for t in &peeled {
                    if let Tail::Speaker(p, _) | Tail::Citing(p, _) = t {
                        if let Some(slot) = parties.iter_mut().find(|(q, _)| q.name == p.name) {
                            slot.0 = p.clone();
                        }
                    }
                }
                if parties.is_empty() {
                    return;
                }
                let (first, cue) = parties.remove(0);
                for c in claims.iter_mut().filter(|c| c.cue.is_empty()) {
                    c.cue = cue.clone();
                }
                chain = parties
                    .into_iter()
                    .map(|(p, cue)| RelayProposal { name: p.name, kind: p.kind, cue: Some(cue) })
                    .collect();
                speaker = Some(first);
            }
        }
        let Some(speaker) = speaker else { return };
        self.emit(range, claims, speaker, chain, explicit, class, &relay_segments, &peeled, paragraph);
    }

    /// Appends the relays named by trailing segments to `chain`, claimant
    /// outward: segments in sentence order, except that "citing X" puts X
    /// before the segment it follows.
    /// Speakers in the tails ("…, Ushakov said") are relays of a leading speaker,
    /// or the claimant when there is none (the caller takes the first).
    fn chain_from_tails(tails: &[Tail], chain: &mut Vec<RelayProposal>, explicit: &mut bool) {
        for t in tails {
            match t {
                Tail::Relay(r) => {
                    if r.kind.is_media() || r.kind == ActorKind::Unidentified {
                        *explicit = true;
                    }
                    chain.push(r.clone());
                }
                Tail::Speaker(p, cue) => {
                    if p.kind.is_media() {
                        *explicit = true;
                    }
                    chain.push(RelayProposal { name: p.name.clone(), kind: p.kind, cue: Some(cue.clone()) });
                }
                Tail::Citing(p, cue) => {
                    let step = RelayProposal { name: p.name.clone(), kind: p.kind, cue: Some(cue.clone()) };
                    let at = chain.len().saturating_sub(1);
                    chain.insert(at, step);
                }
                Tail::Participle(..) | Tail::Dispute(_) | Tail::Aside => {}
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn emit(
        &mut self,
        range: &Range<usize>,
        claims: Vec<Statement>,
        speaker: Party,
        mut chain: Vec<RelayProposal>,
        explicit: bool,
        class: CueClass,
        relay_segments: &[Range<usize>],
        tails: &[Tail],
        paragraph: usize,
    ) {
        let text = self.text;
        // "the newspaper reported": the outlet named before.
        if let Some(outlet) = self.reporting.iter().rev().find(|r| r.kind.is_media()).cloned() {
            for r in chain.iter_mut().filter(|r| r.kind == ActorKind::Unidentified && is_back_reference(&r.name)) {
                r.name = outlet.name.clone();
                r.kind = outlet.kind;
            }
        }
        if explicit {
            // Outlets that report, not the one the speaker talked to ("told Belarus TV").
            let reports = |r: &&RelayProposal| {
                (r.kind.is_media() || r.kind == ActorKind::Unidentified)
                    && !r.cue.as_deref().is_some_and(|c| c == "told" || c.contains("interview"))
            };
            let mut media: Vec<RelayProposal> = chain.iter().filter(reports).cloned().collect();
            if media.is_empty() && speaker.kind.is_media() {
                media.push(RelayProposal { name: speaker.name.clone(), kind: speaker.kind, cue: None });
            }
            self.reporting = media;
        } else if speaker.kind.is_media() {
            self.reporting = vec![RelayProposal { name: speaker.name.clone(), kind: speaker.kind, cue: None }];
        } else {
            for r in &self.reporting {
                if !chain.iter().any(|c| same_party(&c.name, &r.name)) {
                    chain.push(r.clone());
                }
            }
        }
        chain.retain(|r| !same_party(&r.name, &speaker.name));

        let mut marks: Vec<(Range<usize>, Option<String>)> = Vec::new();
        for t in tails {
            if let Tail::Dispute(r) = t {
                marks.push((r.clone(), None));
            }
        }
        let claim_ranges: Vec<Range<usize>> = claims.iter().map(|c| c.range.clone()).collect();
        for m in disputes::find(text, range.clone()) {
            let inside = claim_ranges.iter().any(|c| c.start <= m.start && m.end <= c.end);
            if !inside && !marks.iter().any(|(r, _)| r.start < m.end && m.start < r.end) {
                marks.push((m, None));
            }
        }

        // The date of the statement, from the frame and not from a relay's segment.
        let date = dates::find(text, range.clone(), self.published).into_iter().find(|d| {
            !claim_ranges.iter().any(|c| c.start < d.range.end && d.range.start < c.end)
                && !relay_segments.iter().any(|s| s.start <= d.range.start && d.range.end <= s.end)
        });

        self.speakers.spoke(&speaker);
        for c in claims {
            let denies = c.main && class == CueClass::Deny;
            self.drafts.push(Draft {
                range: c.range,
                kind: c.kind,
                anonymous: speaker.anonymous,
                claimant: Some(speaker.clone()),
                cue: (!c.cue.is_empty()).then_some(c.cue),
                relays: chain.clone(),
                disputes: marks.clone(),
                stance: if denies { ProposedStance::Denies } else { ProposedStance::Asserts },
                date: date.clone(),
                continuation: false,
                paragraph,
            });
        }
    }

    /// A quote with no frame, right after a claim of the same or the previous paragraph.
    fn continuation(&mut self, standalone: &[&Quote], paragraph: usize) {
        let Some(last) = self.drafts.last().cloned() else {
            return;
        };
        if last.paragraph + 1 < paragraph || last.claimant.is_none() {
            return;
        }
        for q in standalone {
            let r = trim_statement(self.text, q.inner.clone());
            if r.start >= r.end {
                continue;
            }
            self.drafts.push(Draft {
                range: r,
                kind: AppearanceKind::Direct,
                disputes: Vec::new(),
                continuation: true,
                paragraph,
                ..last.clone()
            });
        }
    }

    /// A sentence with no claim of its own may dispute the claim before it.
    /// Marks the claims of the last few paragraphs that name `party`, made by
    /// someone else, as disputed by its denial.
    fn denied_by(&mut self, party: &str, cue: Range<usize>, denied: Range<usize>, paragraph: usize) {
        let text = self.text;
        // "A spokesman denied that any party had threatened to walk out": the
        // claim before that it answers, by a shared rare word.
        let long_words = |s: &str| -> Vec<String> {
            s.split(|c: char| !c.is_alphanumeric()).filter(|w| w.chars().count() >= 6).map(str::to_lowercase).collect()
        };
        let denied_words = long_words(&text[denied]);
        if let Some(d) = self
            .drafts
            .iter_mut()
            .rev()
            .take_while(|d| d.paragraph + 2 >= paragraph)
            .find(|d| d.claimant.as_ref().map_or(true, |c| c.name != party))
        {
            let words = long_words(&text[d.range.clone()]);
            if denied_words.iter().any(|w| words.contains(w)) {
                d.disputes.push((cue.clone(), Some(party.to_string())));
            }
        }
        if party.chars().count() < 3 {
            return;
        }
        for d in self.drafts.iter_mut().rev().take_while(|d| d.paragraph + 3 >= paragraph) {
            let by_other = d.claimant.as_ref().map_or(true, |c| c.name != party);
            if by_other && text[d.range.clone()].contains(party) {
                d.disputes.push((cue.clone(), Some(party.to_string())));
            }
        }
    }

    fn dispute_only(&mut self, range: &Range<usize>, paragraph: usize) {
        for m in disputes::find(self.text, range.clone()) {
            self.attach_dispute(m, None, paragraph);
        }
    }

    fn attach_dispute(&mut self, mark: Range<usize>, party: Option<String>, paragraph: usize) {
        self.attach_dispute_to(mark, party, paragraph, false);
    }

    /// Marks the claims of the last paragraph with a claim as disputed by
    /// `mark`, except those `party` made itself. With `whole_run`, a denial
    /// by another party ("X rejected the claim") also reaches back over the
    /// claims the same claimant made in the paragraphs just before.
    fn attach_dispute_to(&mut self, mark: Range<usize>, party: Option<String>, paragraph: usize, whole_run: bool) {
        let by_party =
            |d: &Draft| party.as_deref().is_some_and(|p| d.claimant.as_ref().is_some_and(|c| same_party(&c.name, p)));
        let Some(last) = self.drafts.iter().rev().find(|d| !by_party(d)) else {
            return;
        };
        if last.paragraph + 1 < paragraph {
            return;
        }
        let sentence_start = last.range.start;
        let para = last.paragraph;
        let claimant = last.claimant.as_ref().map(|c| c.name.clone());
        let mut reached = para;
        for d in self.drafts.iter_mut().rev().skip_while(|d| by_party(d)) {
            let same_paragraph = d.paragraph == para && d.range.start + 4096 >= sentence_start;
            let same_claimant = d.claimant.as_ref().map(|c| &c.name) == claimant.as_ref();
            let in_run = whole_run && claimant.is_some() && same_claimant && d.paragraph + 1 >= reached;
            if !(same_paragraph || in_run) {
                break;
            }
            reached = reached.min(d.paragraph);
            let marked = d.disputes.iter().any(|(r, _)| r.start < mark.end && mark.start < r.end);
            if !by_party(d) && !marked {
                d.disputes.push((mark.clone(), party.clone()));
            }
        }
    }
}

fn is_name_token(t: &str) -> bool {
    t.chars().next().is_some_and(char::is_uppercase)
}

/// "the BBC" → "BBC"; "the British outlet" stays as written.
fn strip_the(name: &str) -> String {
    let n = name.trim().trim_end_matches(['.', ',']);
    match n.strip_prefix("the ") {
        Some(rest) if is_name_token(rest) => rest.to_string(),
        _ => n.to_string(),
    }
}

/// "Al Jazeera in its report" → "Al Jazeera".
fn strip_cut(np: &str) -> String {
    let words: Vec<&str> = np.split_whitespace().collect();
    let cut =
        words.iter().skip(1).position(|w| ["in", "on", "during", "at"].contains(w)).map_or(words.len(), |p| p + 1);
    words[..cut].join(" ")
}

fn relay_for(name: &str, cue: &str) -> RelayProposal {
    let kind = media_kind(name).unwrap_or_else(|| claimants::kind_of(name));
    // "the RIA news agency" is RIA.
    let mut short = strip_the(name);
    for descriptor in [" news agency", " agency", " newspaper", " broadcaster"] {
        if let Some(rest) = short.strip_suffix(descriptor) {
            if rest.split_whitespace().all(|w| w.starts_with(char::is_uppercase)) && !rest.is_empty() {
                short = rest.to_string();
            }
            break;
        }
    }
    RelayProposal { name: short, kind, cue: Some(cue.to_string()) }
}

/// Trims a statement: whitespace, a trailing comma, and a sentence stop outside quotes.
fn trim_statement(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let start = r.start + (s.len() - s.trim_start().len());
    let mut end = r.start + s.trim_end().len();
    while end > start && text[..end].ends_with([',', ';', ':', ' ', '\u{a0}']) {
        end -= 1;
    }
    start..end.max(start)
}

/// "denied reports that …" → the statement after "that".
fn strip_reported_noun(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lower = s.to_lowercase();
    for lead in [
        "claims that ",
        "reports that ",
        "allegations that ",
        "suggestions that ",
        "accusations that ",
        "the claim that ",
        "the claims that ",
        "the allegation that ",
        "the idea that ",
        "any suggestion that ",
    ] {
        if lower.starts_with(lead) && s.is_char_boundary(lead.len()) {
            return r.start + lead.len()..r.end;
        }
    }
    r
}

/// "Meanwhile, …": discourse markers are not part of a statement.
fn strip_leading_marker(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    for lead in ["Meanwhile, ", "However, ", "Meanwhile ", "But ", "And "] {
        if let Some(rest) = s.strip_prefix(lead) {
            return r.end - rest.len()..r.end;
        }
    }
    r
}

/// Direct when the span is one whole quote, mixed when it holds a quote, indirect otherwise.
fn kind_of_span(quotes: &[Quote], r: &Range<usize>) -> AppearanceKind {
    let inside: Vec<&Quote> = quotes.iter().filter(|q| r.start <= q.outer.start && q.outer.end <= r.end).collect();
    match inside.as_slice() {
        [] => AppearanceKind::Indirect,
        [q] if q.outer == *r => AppearanceKind::Direct,
        _ => AppearanceKind::Mixed,
    }
}
