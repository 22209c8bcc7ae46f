//! Scoring attribution extraction against the hand-annotated development set
//! in this folder. Shared by the regression guard (`tests/devset_scores.rs`)
//! and the report (`examples/devset_score.rs`) through `#[path]`, so that both
//! measure exactly the same thing.
//!
//! A proposed claim matches a gold claim when their token-overlap F1 is at
//! least 0.5; matching is one-to-one, best pairs first. On matched pairs the
//! claimant is compared by its key (case-folded, "the" dropped) against the
//! gold name and its aliases, and the relay chain must be equal, step for
//! step. A dispute counts when a matched pair is disputed on both sides.

#![allow(dead_code)]

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use claimtrail_core::extract::{extract, ExtractContext};
use serde::Deserialize;

/// Which portion of the set an article belongs to. Held-out articles were
/// written last and are never used to tune the rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Split {
    Dev,
    Heldout,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldClaim {
    /// The exact text of the statement as it appears in the article.
    pub text: String,
    pub claimant: String,
    #[serde(default)]
    pub claimant_aliases: Vec<String>,
    /// Intermediaries named in the text, claimant outward.
    pub relays: Vec<String>,
    pub disputed: bool,
}

#[derive(Debug, Clone, Deserialize)]
struct GoldFile {
    topic: String,
    style: String,
    split: Split,
    published: Option<NaiveDate>,
    outlet: Option<String>,
    claims: Vec<GoldClaim>,
}

#[derive(Debug, Clone)]
pub struct Article {
    pub name: String,
    pub topic: String,
    pub style: String,
    pub split: Split,
    pub text: String,
    pub ctx: ExtractContext,
    pub gold: Vec<GoldClaim>,
}

/// One proposal, reduced to what is scored.
#[derive(Debug, Clone, PartialEq)]
pub struct Predicted {
    pub text: String,
    pub claimant: Option<String>,
    pub relays: Vec<String>,
    pub disputed: bool,
}

/// Reads every `NN-name.txt` with its `NN-name.json` gold file, sorted by name.
pub fn load(dir: &Path) -> Vec<Article> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter_map(|n| n.strip_suffix(".json").map(str::to_string))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let text =
                std::fs::read_to_string(dir.join(format!("{name}.txt"))).unwrap_or_else(|e| panic!("{name}.txt: {e}"));
            let gold: GoldFile =
                serde_json::from_str(&std::fs::read_to_string(dir.join(format!("{name}.json"))).unwrap())
                    .unwrap_or_else(|e| panic!("{name}.json: {e}"));
            for c in &gold.claims {
                assert!(text.contains(&c.text), "{name}: gold claim is not in the text: {:?}", c.text);
            }
            Article {
                name,
                topic: gold.topic,
                style: gold.style,
                split: gold.split,
                ctx: ExtractContext { published: gold.published, outlet: gold.outlet, url: None },
                text,
                gold: gold.claims,
            }
        })
        .collect()
}

/// The extractor's proposals for an article.
pub fn predict(article: &Article) -> Vec<Predicted> {
    extract(&article.text, &article.ctx)
        .claims
        .into_iter()
        .map(|c| Predicted { text: c.text, claimant: c.claimant, relays: c.relays, disputed: c.disputed })
        .collect()
}

/// The naive baseline: every quotation, spoken by the next capitalised name
/// after it. No indirect speech, relays or disputes.
pub fn baseline(text: &str) -> Vec<Predicted> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let close = match c {
            '"' => '"',
            '“' => '”',
            '«' => '»',
            '„' => '“',
            _ => {
                i += 1;
                continue;
            }
        };
        let Some(j) = (i + 1..chars.len()).find(|&j| chars[j].1 == close || chars[j].1 == '\n') else {
            break;
        };
        if chars[j].1 == '\n' {
            i = j + 1;
            continue;
        }
        let inner = &text[start + c.len_utf8()..chars[j].0];
        let after = &text[chars[j].0 + close.len_utf8()..];
        if inner.split_whitespace().count() >= 2 {
            out.push(Predicted {
                text: inner.to_string(),
                claimant: next_name(after),
                relays: Vec::new(),
                disputed: false,
            });
        }
        i = j + 1;
    }
    out
}

/// The first run of capitalised words.
fn next_name(after: &str) -> Option<String> {
    let mut run: Vec<&str> = Vec::new();
    for w in after.split_whitespace() {
        let word = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
        let capital = word.chars().next().is_some_and(char::is_uppercase);
        if capital {
            run.push(word);
            if w.ends_with([',', '.', ':', ';']) {
                break;
            }
        } else if !run.is_empty() {
            break;
        }
    }
    (!run.is_empty()).then(|| run.join(" "))
}

fn tokens(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()).map(str::to_lowercase).collect()
}

/// Token-overlap F1 of two spans (bag of words).
pub fn overlap_f1(a: &str, b: &str) -> f64 {
    let (ta, tb) = (tokens(a), tokens(b));
    if ta.is_empty() || tb.is_empty() {
        return 0.0;
    }
    let mut bag: HashMap<&str, usize> = HashMap::new();
    for t in &tb {
        *bag.entry(t).or_default() += 1;
    }
    let mut common = 0usize;
    for t in &ta {
        if let Some(n) = bag.get_mut(t.as_str()) {
            if *n > 0 {
                *n -= 1;
                common += 1;
            }
        }
    }
    if common == 0 {
        return 0.0;
    }
    let p = common as f64 / ta.len() as f64;
    let r = common as f64 / tb.len() as f64;
    2.0 * p * r / (p + r)
}

fn key(name: &str) -> String {
    let lower = name.trim().trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let words = match words.first() {
        Some(&"the") | Some(&"a") | Some(&"an") => &words[1..],
        _ => &words[..],
    };
    words.join(" ")
}

fn claimant_ok(gold: &GoldClaim, pred: Option<&str>) -> bool {
    let Some(p) = pred.map(key) else { return false };
    std::iter::once(&gold.claimant).chain(&gold.claimant_aliases).any(|g| key(g) == p)
}

fn relays_ok(gold: &[String], pred: &[String]) -> bool {
    gold.len() == pred.len() && gold.iter().zip(pred).all(|(g, p)| key(g) == key(p))
}

/// Tallies over any number of articles.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Counts {
    pub gold: usize,
    pub predicted: usize,
    pub matched: usize,
    pub claimant: usize,
    pub relays: usize,
    pub disputed_gold: usize,
    pub disputed_predicted: usize,
    pub disputed_matched: usize,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, o: Counts) {
        self.gold += o.gold;
        self.predicted += o.predicted;
        self.matched += o.matched;
        self.claimant += o.claimant;
        self.relays += o.relays;
        self.disputed_gold += o.disputed_gold;
        self.disputed_predicted += o.disputed_predicted;
        self.disputed_matched += o.disputed_matched;
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

fn prf(tp: usize, predicted: usize, gold: usize) -> Prf {
    let precision = if predicted == 0 { 0.0 } else { tp as f64 / predicted as f64 };
    let recall = if gold == 0 { 0.0 } else { tp as f64 / gold as f64 };
    let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
    Prf { precision, recall, f1 }
}

impl Counts {
    pub fn claims(&self) -> Prf {
        prf(self.matched, self.predicted, self.gold)
    }
    pub fn with_claimant(&self) -> Prf {
        prf(self.claimant, self.predicted, self.gold)
    }
    /// Share of matched claims whose relay chain is exactly the gold one.
    pub fn relays_exact(&self) -> f64 {
        if self.matched == 0 {
            0.0
        } else {
            self.relays as f64 / self.matched as f64
        }
    }
    pub fn disputes(&self) -> Prf {
        prf(self.disputed_matched, self.disputed_predicted, self.disputed_gold)
    }
}

/// Scores one article; the second value lists the errors, one line each.
pub fn score(article: &Article, predicted: &[Predicted]) -> (Counts, Vec<String>) {
    let gold = &article.gold;
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        for (pi, p) in predicted.iter().enumerate() {
            let f = overlap_f1(&g.text, &p.text);
            if f >= 0.5 {
                pairs.push((f, gi, pi));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut gold_to: Vec<Option<usize>> = vec![None; gold.len()];
    let mut pred_taken = vec![false; predicted.len()];
    for (_, gi, pi) in pairs {
        if gold_to[gi].is_none() && !pred_taken[pi] {
            gold_to[gi] = Some(pi);
            pred_taken[pi] = true;
        }
    }

    let mut c = Counts {
        gold: gold.len(),
        predicted: predicted.len(),
        disputed_gold: gold.iter().filter(|g| g.disputed).count(),
        disputed_predicted: predicted.iter().filter(|p| p.disputed).count(),
        ..Counts::default()
    };
    let mut errors = Vec::new();
    let short = |s: &str| s.chars().take(70).collect::<String>().replace('\n', "⏎");
    for (gi, g) in gold.iter().enumerate() {
        let Some(pi) = gold_to[gi] else {
            errors.push(format!("  missed    {:?}", short(&g.text)));
            continue;
        };
        let p = &predicted[pi];
        c.matched += 1;
        if claimant_ok(g, p.claimant.as_deref()) {
            c.claimant += 1;
        } else {
            errors.push(format!("  claimant  {:?}: got {:?}, want {:?}", short(&g.text), p.claimant, g.claimant));
        }
        if relays_ok(&g.relays, &p.relays) {
            c.relays += 1;
        } else {
            errors.push(format!("  relays    {:?}: got {:?}, want {:?}", short(&g.text), p.relays, g.relays));
        }
        if g.disputed && p.disputed {
            c.disputed_matched += 1;
        } else if g.disputed != p.disputed {
            errors.push(format!("  disputed  {:?}: got {}, want {}", short(&g.text), p.disputed, g.disputed));
        }
    }
    for (pi, p) in predicted.iter().enumerate() {
        if !pred_taken[pi] {
            errors.push(format!("  spurious  {:?} ({:?})", short(&p.text), p.claimant));
        }
    }
    (c, errors)
}

/// Totals for one split, for the extractor and for the baseline.
pub fn totals(articles: &[Article], split: Option<Split>) -> (Counts, Counts) {
    let mut ours = Counts::default();
    let mut base = Counts::default();
    for a in articles.iter().filter(|a| split.map_or(true, |s| a.split == s)) {
        ours += score(a, &predict(a)).0;
        base += score(a, &baseline(&a.text)).0;
    }
    (ours, base)
}

/// The development set's folder.
pub fn devset_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/devset")
}

/// The dev set's story paragraphs concatenated and cut to `words` words: a
/// long article made of realistic copy.
pub fn long_article(articles: &[Article], words: usize) -> String {
    let mut out = String::new();
    let mut n = 0;
    // Without the end credits, after which a page is furniture and skipped.
    let stories: Vec<String> = articles
        .iter()
        .map(|a| {
            a.text
                .replace(" (ANI)", "")
                .lines()
                .filter(|l| !l.starts_with('—') && !l.starts_with("dpa/"))
                .collect::<Vec<_>>()
                .join("\n")
                + "\n"
        })
        .collect();
    'outer: for story in stories.iter().cycle() {
        for w in story.split_inclusive(char::is_whitespace) {
            out.push_str(w);
            if !w.trim().is_empty() {
                n += 1;
            }
            if n >= words {
                break 'outer;
            }
        }
    }
    out
}
