//! A synthetic dataset shaped like news: a few agencies carry most chains,
//! chains of 1–8 hops, stories whose reports cite each other, and a few loops.

use claimtrail_core::{ActorKind, AppearanceKind, Bulk, BulkActor, BulkAppearance, BulkRelay, Relation, Stance};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rand_distr::{Distribution, Zipf};

pub const OUTLETS: usize = 5_000;
pub const AGENCIES: usize = 20;
/// The word a quarter of all texts contain: the worst case for search.
pub const COMMON_WORD: &str = "war";

pub struct Shape {
    pub appearances: usize,
    pub edges_per_appearance: f64,
    /// Fraction of claims that get a citation loop.
    pub loop_share: f64,
}

/// Words with a Zipf frequency, so that search sees rare and frequent terms.
pub struct Vocabulary {
    words: Vec<String>,
    zipf: Zipf<f64>,
}

impl Vocabulary {
    pub fn new(rng: &mut StdRng, size: usize) -> Vocabulary {
        const SYLLABLES: &[&str] = &[
            "ka", "lo", "mir", "sta", "vel", "ron", "ti", "usk", "pra", "den", "gor", "na", "bel", "shi", "tro", "ven",
            "lu", "han", "zo", "dre", "mak", "sol", "ri", "tam",
        ];
        let mut words = Vec::with_capacity(size);
        let mut seen = std::collections::HashSet::new();
        while words.len() < size {
            let n = rng.random_range(2..=4);
            let w: String = (0..n).map(|_| SYLLABLES[rng.random_range(0..SYLLABLES.len())]).collect();
            if w != COMMON_WORD && seen.insert(w.clone()) {
                words.push(w);
            }
        }
        Vocabulary { words, zipf: Zipf::new(size as f64, 1.05).expect("valid Zipf") }
    }

    pub fn sentence(&self, rng: &mut StdRng, min: usize, max: usize) -> String {
        let n = rng.random_range(min..=max);
        let mut words: Vec<&str> = (0..n).map(|_| self.words[self.zipf.sample(rng) as usize - 1].as_str()).collect();
        if rng.random_bool(0.25) {
            let at = rng.random_range(0..=words.len());
            words.insert(at, COMMON_WORD);
        }
        words.join(" ")
    }

    /// A word from the far tail: in a handful of rows at most.
    pub fn rare(&self, rng: &mut StdRng) -> &str {
        let tail = self.words.len() / 2;
        &self.words[rng.random_range(tail..self.words.len())]
    }
}

pub fn generate(shape: &Shape, seed: u64) -> (Bulk, Vocabulary) {
    let mut rng = StdRng::seed_from_u64(seed);
    let vocab = Vocabulary::new(&mut rng, 20_000);
    let claims_target = (shape.appearances as f64 / 5.5).ceil() as usize;
    let persons = (claims_target / 4).max(10);
    let mut bulk = Bulk::default();
    for i in 0..OUTLETS {
        let kind = if i < AGENCIES { ActorKind::Agency } else { ActorKind::Outlet };
        bulk.actors.push(BulkActor { name: format!("Outlet {i}"), kind, role: None, state_affiliated: i % 50 == 0 });
    }
    for i in 0..persons {
        bulk.actors.push(BulkActor {
            name: format!("Person {i}"),
            kind: ActorKind::Person,
            role: None,
            state_affiliated: false,
        });
    }
    let unidentified = bulk.actors.len();
    for i in 0..5 {
        bulk.actors.push(BulkActor {
            name: format!("unnamed sources {i}"),
            kind: ActorKind::Unidentified,
            role: None,
            state_affiliated: false,
        });
    }
    let agency_zipf = Zipf::new(AGENCIES as f64, 1.2).expect("valid");
    let outlet_zipf = Zipf::new(OUTLETS as f64, 1.1).expect("valid");
    let person_zipf = Zipf::new(persons as f64, 1.0).expect("valid");

    // Primary chain edges first; extra citations within the story come after.
    let mut story_start = 0usize;
    let mut non_origin: Vec<(usize, usize)> = Vec::new(); // (appearance, story start)
    while bulk.appearances.len() < shape.appearances {
        let claim = bulk.claims.len();
        if claim % 5 == 0 {
            story_start = bulk.appearances.len();
        }
        bulk.claims.push(format!("{} claim {claim}", vocab.sentence(&mut rng, 5, 10)));
        let roll: f64 = rng.random();
        let origin_actor = if roll < 0.95 {
            OUTLETS + person_zipf.sample(&mut rng) as usize - 1
        } else if roll < 0.98 {
            unidentified + rng.random_range(0..5)
        } else {
            outlet_zipf.sample(&mut rng) as usize - 1
        };
        let first = bulk.appearances.len();
        bulk.appearances.push(appearance(&vocab, &mut rng, claim, origin_actor));
        let hops = rng.random_range(1..=8usize).min(shape.appearances.saturating_sub(bulk.appearances.len()).max(1));
        for hop in 0..hops {
            let actor = if hop == 0 && rng.random_bool(0.7) {
                agency_zipf.sample(&mut rng) as usize - 1
            } else {
                outlet_zipf.sample(&mut rng) as usize - 1
            };
            let at = bulk.appearances.len();
            bulk.appearances.push(appearance(&vocab, &mut rng, claim, actor));
            let relation = if hop == 0 { Relation::Quotes } else { Relation::Cites };
            bulk.relays.push(BulkRelay { from: at, upstream: at - 1, relation });
            non_origin.push((at, story_start));
        }
        if rng.random_bool(shape.loop_share) && hops >= 2 {
            // The first relay cites the last one: citogenesis.
            bulk.relays.push(BulkRelay {
                from: first + 1,
                upstream: bulk.appearances.len() - 1,
                relation: Relation::Cites,
            });
        }
    }
    let target_edges = (shape.appearances as f64 * shape.edges_per_appearance) as usize;
    let extra_needed = target_edges.saturating_sub(bulk.relays.len());
    let per = extra_needed as f64 / non_origin.len().max(1) as f64;
    let mut seen = std::collections::HashSet::new();
    for &(at, start) in &non_origin {
        let mut extra = per.floor() as usize + usize::from(rng.random_bool(per.fract()));
        while extra > 0 && at > start + 1 {
            let upstream = rng.random_range(start..at - 1);
            if seen.insert((at, upstream)) {
                bulk.relays.push(BulkRelay { from: at, upstream, relation: Relation::Cites });
            }
            extra -= 1;
        }
    }
    (bulk, vocab)
}

fn appearance(vocab: &Vocabulary, rng: &mut StdRng, claim: usize, actor: usize) -> BulkAppearance {
    BulkAppearance {
        claim,
        actor,
        quote: Some(vocab.sentence(rng, 6, 12)),
        kind: AppearanceKind::Direct,
        stance: Stance::Asserts,
        cue: None,
    }
}
