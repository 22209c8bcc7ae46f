//! Actor resolution on names as newsrooms write them: typos, surnames,
//! transliterations, role descriptions, outlet domains, acronyms and
//! spelling variants, and pairs that must not match (two Johnsons, a father
//! and son, a wire and the institute named after it).
//!
//! `tests/identity/pool.tsv` holds the known actors; `pairs.tsv` the typed
//! names, each with the actor it means (or `-` for someone not in the pool)
//! and the ids already in the story. Rows marked `held` were written with
//! the others and never used to tune the rules. The table printed here is
//! the one in BENCHMARKS.md (`cargo test -p claimtrail-core --test
//! identity_variants -- --nocapture`).

use std::collections::BTreeMap;

use claimtrail_core::identity::{
    candidates, candidates_near, duplicate_pairs, duplicate_pairs_involving, duplicate_pairs_naive, resolve,
    BlockIndex, Known, Resolution, Typed,
};
use claimtrail_core::ActorKind;

struct PoolActor {
    id: String,
    kind: ActorKind,
    name: String,
    role: Option<String>,
    aliases: Vec<String>,
    domains: Vec<String>,
}

struct Pair {
    set: String,
    category: String,
    kind: ActorKind,
    typed: String,
    expected: Option<String>,
    context: Vec<String>,
}

fn rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).map(|l| l.split('\t').collect())
}

fn list(cell: Option<&&str>) -> Vec<String> {
    cell.map(|c| c.split(';').filter(|s| !s.is_empty()).map(str::to_owned).collect()).unwrap_or_default()
}

fn pool() -> Vec<PoolActor> {
    rows(include_str!("identity/pool.tsv"))
        .map(|r| PoolActor {
            id: r[0].into(),
            kind: r[1].parse().unwrap(),
            name: r[2].into(),
            role: r.get(3).filter(|s| !s.is_empty()).map(|s| s.to_string()),
            aliases: list(r.get(4)),
            domains: list(r.get(5)),
        })
        .collect()
}

fn as_known(pool: &[PoolActor]) -> Vec<Known<'_>> {
    pool.iter()
        .map(|a| Known {
            id: &a.id,
            name: &a.name,
            kind: a.kind,
            role: a.role.as_deref(),
            aliases: &a.aliases,
            domains: &a.domains,
        })
        .collect()
}

fn pairs() -> Vec<Pair> {
    rows(include_str!("identity/pairs.tsv"))
        .map(|r| Pair {
            set: r[0].into(),
            category: r[1].into(),
            kind: r[2].parse().unwrap(),
            typed: r[3].into(),
            expected: (r[4] != "-").then(|| r[4].to_owned()),
            context: list(r.get(5)),
        })
        .collect()
}

#[derive(Default, Clone, Copy)]
struct Tally {
    pairs: usize,
    /// Pairs naming an actor of the pool.
    meant: usize,
    /// ... whose actor was resolved exactly or offered in the top 3.
    found: usize,
    /// Pairs that got an exact resolution or a candidate.
    answered: usize,
    /// ... whose first answer was the right actor.
    right_first: usize,
    /// Pairs resolved automatically to the wrong actor.
    wrong_automatic: usize,
    /// Pairs naming nobody in the pool that were offered a candidate anyway.
    offered_for_nobody: usize,
    nobody: usize,
}

impl Tally {
    fn add(&mut self, o: &Tally) {
        self.pairs += o.pairs;
        self.meant += o.meant;
        self.found += o.found;
        self.answered += o.answered;
        self.right_first += o.right_first;
        self.wrong_automatic += o.wrong_automatic;
        self.offered_for_nobody += o.offered_for_nobody;
        self.nobody += o.nobody;
    }

    fn recall(&self) -> f64 {
        self.found as f64 / self.meant.max(1) as f64
    }

    fn precision(&self) -> f64 {
        self.right_first as f64 / self.answered.max(1) as f64
    }
}

fn score(pair: &Pair, known: &[Known<'_>]) -> Tally {
    let typed = Typed { context: &pair.context, ..Typed::new(&pair.typed, Some(pair.kind)) };
    let resolution = resolve(&typed, known);
    let (automatic, answers): (bool, Vec<String>) = match resolution {
        Resolution::Exact { id } | Resolution::Alias { id } => (true, vec![id]),
        Resolution::Candidates(c) => (false, c.into_iter().take(3).map(|c| c.id).collect()),
        Resolution::New => (false, vec![]),
    };
    let expected = pair.expected.as_deref();
    let mut t = Tally { pairs: 1, ..Tally::default() };
    match expected {
        Some(id) => {
            t.meant = 1;
            t.found = usize::from(answers.iter().any(|a| a == id));
        }
        None => {
            t.nobody = 1;
            t.offered_for_nobody = usize::from(!answers.is_empty());
        }
    }
    if let Some(first) = answers.first() {
        t.answered = 1;
        t.right_first = usize::from(Some(first.as_str()) == expected);
        t.wrong_automatic = usize::from(automatic && Some(first.as_str()) != expected);
    }
    if std::env::var_os("IDENTITY_MISSES").is_some() && (t.meant > t.found || t.offered_for_nobody > 0) {
        eprintln!("miss [{}] {:?} -> {:?} (expected {:?})", pair.category, pair.typed, answers, expected);
    }
    t
}

#[test]
fn name_variants_are_offered_and_look_alikes_never_resolved() {
    let pool = pool();
    let known = as_known(&pool);
    let pairs = pairs();
    assert!(pairs.len() >= 300, "the set holds {} pairs", pairs.len());
    let mut by: BTreeMap<(String, String), Tally> = BTreeMap::new();
    let mut sets: BTreeMap<String, Tally> = BTreeMap::new();
    for pair in &pairs {
        let t = score(pair, &known);
        by.entry((pair.set.clone(), pair.category.clone())).or_default().add(&t);
        sets.entry(pair.set.clone()).or_default().add(&t);
    }
    println!("| set | category | pairs | recall@3 | precision@1 | offered for nobody | wrong automatic |");
    println!("|---|---|---:|---:|---:|---:|---:|");
    for ((set, category), t) in
        by.iter().map(|(k, t)| (k.clone(), *t)).chain(sets.iter().map(|(s, t)| ((s.clone(), "all".into()), *t)))
    {
        println!(
            "| {set} | {category} | {} | {:.2} | {:.2} | {}/{} | {} |",
            t.pairs,
            t.recall(),
            t.precision(),
            t.offered_for_nobody,
            t.nobody,
            t.wrong_automatic
        );
    }
    let dev = sets["dev"];
    let held = sets["held"];
    // Only an exact name or a recorded alias resolves on its own, so no
    // look-alike can ever be resolved automatically.
    assert_eq!(dev.wrong_automatic + held.wrong_automatic, 0);
    // Floors a little under the scores measured when the set was written;
    // a change to the rules that loses variants fails here.
    assert!(dev.recall() >= DEV_RECALL_FLOOR, "dev recall {:.3}", dev.recall());
    assert!(dev.precision() >= DEV_PRECISION_FLOOR, "dev precision {:.3}", dev.precision());
    assert!(held.recall() >= HELD_RECALL_FLOOR, "held-out recall {:.3}", held.recall());
    let offered = dev.offered_for_nobody + held.offered_for_nobody;
    assert!(offered <= OFFERED_FOR_NOBODY_CEILING, "{offered} names of nobody known were offered a candidate");
}

// Measured when the set was written: dev recall 0.99, precision 0.98;
// held-out recall 0.97; 2 of 55 names of nobody in the pool offered a
// candidate (a father and son, "Magic" and "Mike" Johnson).
const DEV_RECALL_FLOOR: f64 = 0.95;
const DEV_PRECISION_FLOOR: f64 = 0.95;
const HELD_RECALL_FLOOR: f64 = 0.90;
const OFFERED_FOR_NOBODY_CEILING: usize = 3;

/// Issue 13, `actors --duplicates`: with every typed name of the set logged
/// as an actor of its own beside the pool, the blocked search finds exactly
/// the pairs that comparing every pair finds, and among them every typed
/// name with each pool actor resolution offers for it.
#[test]
fn duplicate_pairs_through_blocking_keys_are_those_of_every_comparison() {
    let pool = pool();
    let pairs = pairs();
    let typed_ids: Vec<String> = (0..pairs.len()).map(|i| format!("typed-{i}")).collect();
    let mut known = as_known(&pool);
    let pool_len = known.len();
    // A typed name equal to a pool name is the same actor, not a second one.
    let mut logged = Vec::new();
    for (pair, id) in pairs.iter().zip(&typed_ids) {
        let offered = candidates(&Typed::new(&pair.typed, Some(pair.kind)), &known[..pool_len]);
        if matches!(resolve(&Typed::new(&pair.typed, Some(pair.kind)), &known[..pool_len]), Resolution::Candidates(_)) {
            logged.push((known.len(), offered));
            known.push(Known { id, name: &pair.typed, kind: pair.kind, role: None, aliases: &[], domains: &[] });
        }
    }
    let blocked = duplicate_pairs(&known);
    let naive = duplicate_pairs_naive(&known);
    assert_eq!(blocked.len(), naive.len());
    assert_eq!(blocked, naive);
    // An import's check: looked up from some typed names only (as if just
    // created), it finds every pair involving one of them, and no other.
    for every in [1, 3] {
        let new: Vec<bool> = (0..known.len()).map(|i| i >= pool_len && i % every == 0).collect();
        let involving: Vec<_> = naive.iter().filter(|p| new[p.a] || new[p.b]).cloned().collect();
        assert!(involving.len() < naive.len() || every == 1);
        assert_eq!(duplicate_pairs_involving(&known, &new), involving, "every {every}th typed name new");
    }
    for (at, offered) in logged {
        for c in offered {
            let theirs = known.iter().position(|k| k.id == c.id).unwrap();
            assert!(
                blocked.iter().any(|p| (p.a, p.b) == (theirs.min(at), theirs.max(at))),
                "{:?} and {:?} are not listed as possible duplicates",
                known[at].name,
                c.name
            );
        }
    }
}

/// Issue 13, speed of resolution: reading only the actors that share a
/// blocking key with the typed name (and the story's actors) offers exactly
/// the candidates, in the same order, that reading every actor offers, for
/// each typed name of the set, with its kind and without it.
#[test]
fn candidates_through_blocking_keys_are_those_of_every_comparison() {
    let pool = pool();
    let known = as_known(&pool);
    let index = BlockIndex::of(&known);
    let mut offered = 0;
    for pair in pairs() {
        for kind in [Some(pair.kind), None] {
            let typed = Typed { context: &pair.context, ..Typed::new(&pair.typed, kind) };
            let context = pair.context.iter().filter_map(|id| known.iter().position(|k| k.id == id));
            let blocked = candidates_near(&typed, &index, context, |i| known[i]);
            let naive = candidates(&typed, &known);
            assert_eq!(blocked, naive, "{:?} as {kind:?}", pair.typed);
            offered += usize::from(!naive.is_empty());
        }
    }
    assert!(offered > 300, "only {offered} typed names were offered candidates");
}

/// The keys the store persists for each actor, looked up with the keys a
/// typed name meets, find exactly the actors the in-memory index finds: a
/// fresh process resolving through the key table offers the same candidates.
#[test]
fn persisted_blocking_keys_meet_the_actors_the_index_finds() {
    use claimtrail_core::identity::{actor_block_keys, meeting_keys, KeySide};
    use std::collections::{BTreeSet, HashMap};

    let pool = pool();
    let known = as_known(&pool);
    let index = BlockIndex::of(&known);
    let mut table: HashMap<(KeySide, String), Vec<usize>> = HashMap::new();
    for (i, k) in known.iter().enumerate() {
        for key in actor_block_keys(k) {
            table.entry(key).or_default().push(i);
        }
    }
    let mut met = 0;
    for pair in pairs() {
        for kind in [Some(pair.kind), None] {
            let typed = Typed::new(&pair.typed, kind);
            let looked_up: BTreeSet<usize> =
                meeting_keys(&typed).iter().flat_map(|key| table.get(key).into_iter().flatten().copied()).collect();
            let near: BTreeSet<usize> = index.near(&typed).into_iter().collect();
            assert_eq!(looked_up, near, "{:?} as {kind:?}", pair.typed);
            met += usize::from(!near.is_empty());
        }
    }
    assert!(met > 300, "only {met} typed names met an actor");
}
