//! `claimtrail-bench`: generates a news-shaped dataset and measures what
//! fact-checkers wait on — trace, graph build, logging, bulk import, search —
//! each beside a baseline run on the same data.
//!
//! ```text
//! cargo run --release -p claimtrail-bench -- --appearances 1000000
//! ```

mod dataset;
mod names;

use std::time::{Duration, Instant};

use anyhow::{ensure, Context};
use claimtrail_core::{ActorKind, ActorSpec, ClaimRef, Edit, LogRequest, RelayStep, Status, StatusRequest, Store};
use clap::Parser;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

#[derive(Parser)]
struct Args {
    /// How many appearances to generate (claims ≈ appearances / 5.5).
    #[arg(long, default_value_t = 1_000_000)]
    appearances: usize,
    /// Relay edges per appearance.
    #[arg(long, default_value_t = 3.0)]
    edges_per_appearance: f64,
    /// Fewer repetitions, for CI: checks that everything runs and agrees.
    #[arg(long)]
    smoke: bool,
    #[arg(long, default_value_t = 7)]
    seed: u64,
    /// Keep the generated database at this path instead of a temporary folder.
    #[arg(long, value_name = "PATH")]
    keep: Option<std::path::PathBuf>,
    /// Stop once the database is generated (with `--keep`: to measure something else on it).
    #[arg(long, requires = "keep")]
    generate_only: bool,
    /// Only open the database at PATH and report the time and memory (run in
    /// a fresh process by the benchmark itself, so nothing else is resident).
    #[arg(long, value_name = "PATH", hide = true)]
    measure_open: Option<std::path::PathBuf>,
    /// Only measure `actors --duplicates` on this many actors with
    /// newsroom-shaped names (the main dataset names actors "Person N").
    #[arg(long, value_name = "ACTORS")]
    duplicates: Option<usize>,
    /// Only measure similar claims, on the database at PATH (one `--keep` made).
    #[arg(long, value_name = "PATH")]
    similar_only: Option<std::path::PathBuf>,
    /// With `--similar-only`: skip the every-claim baseline (minutes at 1M),
    /// to try a change quickly. Figures for BENCHMARKS.md are taken without it.
    #[arg(long, requires = "similar_only", hide = true)]
    no_baseline: bool,
    /// With `--duplicates`: how many actors the every-pair baseline compares
    /// (it is quadratic; its time is extrapolated to all of them).
    #[arg(long, default_value_t = 5_000)]
    naive_sample: usize,
}

/// Latency samples of one operation.
struct Samples(Vec<Duration>);

impl Samples {
    fn time<T>(&mut self, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = f();
        self.0.push(start.elapsed());
        out
    }

    fn percentile(&self, p: f64) -> Duration {
        let mut v = self.0.clone();
        v.sort();
        v[((v.len() - 1) as f64 * p).round() as usize]
    }

    fn summary(&self) -> String {
        format!(
            "p50 {:>9}  p99 {:>9}  max {:>9}  (n={})",
            ms(self.percentile(0.5)),
            ms(self.percentile(0.99)),
            ms(*self.0.iter().max().expect("samples")),
            self.0.len()
        )
    }
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1e3)
}

/// Resident memory of this process, from the kernel.
fn rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map(|kb| kb / 1024.0)
        .unwrap_or(f64::NAN)
}

/// The same question as `origin_count` (the distinct actors at the top of every
/// chain the claim's appearances come from), asked of SQLite with a recursive CTE.
/// CROSS JOIN pins the join order: left to itself, SQLite's planner scans the
/// whole appearance table with a Bloom filter, which would flatter the graph.
const ORIGINS_CTE: &str = "
WITH RECURSIVE up(seq) AS (
    SELECT seq FROM appearance WHERE claim_seq = (SELECT seq FROM claim WHERE id = ?1)
    UNION
    SELECT r.upstream_seq FROM relay r JOIN up ON r.appearance_seq = up.seq
)
SELECT count(DISTINCT a.actor_seq) FROM up
CROSS JOIN appearance a ON a.seq = up.seq
CROSS JOIN actor ac ON ac.seq = a.actor_seq
LEFT JOIN document d ON d.seq = a.document_seq
WHERE NOT EXISTS (SELECT 1 FROM relay r WHERE r.appearance_seq = up.seq)
  AND a.stance = 'asserts'
  AND ac.kind <> 'unidentified'
  AND NOT (ac.kind IN ('outlet', 'agency') AND coalesce(d.located, 0) = 0)";

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    if let Some(path) = &args.measure_open {
        let rss_before = rss_mb();
        let t = Instant::now();
        let store = Store::open(path)?;
        let open_only = t.elapsed().as_secs_f64();
        // The graph is built on first use: what a trace pays once per process.
        let (nodes, edges) = store.graph_size()?;
        let secs = t.elapsed().as_secs_f64();
        println!("{secs} {} {rss_before} {nodes} {edges} {open_only}", rss_mb());
        return Ok(());
    }
    if let Some(n) = args.duplicates {
        return bench_duplicates(n, args.naive_sample, args.seed);
    }
    if let Some(path) = &args.similar_only {
        let store = Store::open(path)?;
        let ids: Vec<String> = store
            .connection()
            .prepare("SELECT id FROM claim WHERE merged_into IS NULL")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut rng = StdRng::seed_from_u64(args.seed + 1);
        return bench_similar_claims(&store, &ids, &mut rng, if args.smoke { 20 } else { 200 }, !args.no_baseline);
    }
    let reps = if args.smoke { 200 } else { 2_000 };
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    println!(
        "claimtrail-bench: {} appearances, {} edges/appearance, {} cores, {cpu}",
        args.appearances,
        args.edges_per_appearance,
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
    );

    let started = Instant::now();
    let (bulk, vocab) = dataset::generate(
        &dataset::Shape {
            appearances: args.appearances,
            edges_per_appearance: args.edges_per_appearance,
            loop_share: 0.002,
        },
        args.seed,
    );
    println!(
        "dataset: {} claims, {} appearances, {} relay edges, {} actors (generated in {:.1} s)",
        bulk.claims.len(),
        bulk.appearances.len(),
        bulk.relays.len(),
        bulk.actors.len(),
        started.elapsed().as_secs_f64()
    );

    let dir = tempfile::tempdir()?;
    let path = args.keep.clone().unwrap_or_else(|| dir.path().join("bench.sqlite3"));
    let now = chrono::Utc::now();
    {
        let mut store = Store::open(&path)?;
        let t = Instant::now();
        store.import_bulk(&bulk, now)?;
        let secs = t.elapsed().as_secs_f64();
        println!(
            "\nbulk import (one transaction, FTS index; the graph is built on first use): {:.1} s = {:.0} appearances/s   [target >= 100000/s]",
            secs,
            bulk.appearances.len() as f64 / secs
        );
    }
    let appearance_count = bulk.appearances.len();
    drop(bulk);
    if args.generate_only {
        return Ok(());
    }

    // Open in a fresh process: this one still holds the generated dataset.
    let measured = std::process::Command::new(std::env::current_exe()?).arg("--measure-open").arg(&path).output()?;
    ensure!(measured.status.success(), "measuring open failed: {}", String::from_utf8_lossy(&measured.stderr));
    let fields: Vec<f64> =
        String::from_utf8(measured.stdout)?.split_whitespace().map(|f| f.parse().unwrap_or(f64::NAN)).collect();
    let (open_secs, rss_after, rss_before, nodes) = (fields[0], fields[1], fields[2], fields[3] as usize);
    ensure!(nodes == appearance_count, "graph has {nodes} nodes for {appearance_count} appearances");
    println!(
        "open + graph build (fresh process): {:.3} s for {nodes} nodes / {} edges   [target <= 0.5 s for 3M edges]\nopen alone, the graph left for first use: {:.3} s\nprocess memory with the graph loaded: {:.0} MB (at start {:.0} MB)   [target <= 400 MB]",
        open_secs, fields[4], fields[5], rss_after, rss_before
    );
    let mut store = Store::open(&path)?;
    // Built before the timings below, as a window that has traced once has it.
    store.graph_size()?;

    let ids: Vec<String> = {
        let mut stmt = store.connection().prepare("SELECT id FROM claim")?;
        let rows = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        rows
    };
    let mut rng = StdRng::seed_from_u64(args.seed + 1);
    let picks: Vec<(String, ClaimRef)> = (0..reps)
        .map(|_| {
            let id = ids[rng.random_range(0..ids.len())].clone();
            let claim = store.resolve_claim(&id).expect("claim exists");
            (id, claim)
        })
        .collect();

    let mut graph_times = Samples(Vec::new());
    let mut cte_times = Samples(Vec::new());
    if std::env::var_os("CLAIMTRAIL_BENCH_PLAN").is_some() {
        let mut plan = store.connection().prepare(&format!("EXPLAIN QUERY PLAN {ORIGINS_CTE}"))?;
        let rows = plan.query_map([&picks[0].0], |r| r.get::<_, String>(3))?.collect::<rusqlite::Result<Vec<_>>>()?;
        println!("baseline query plan:\n  {}", rows.join("\n  "));
    }
    let mut cte = store.connection().prepare(ORIGINS_CTE)?;
    for (id, claim) in &picks {
        let count = graph_times.time(|| store.origin_count(claim))?;
        let sql_count: i64 = cte_times.time(|| cte.query_row([id], |r| r.get(0)))?;
        ensure!(
            count.independent as i64 == sql_count,
            "graph and SQL disagree on {id}: {} vs {sql_count}",
            count.independent
        );
    }
    drop(cte);
    // A CLI process never builds the whole graph for this: it reads the
    // claim's upstream part. Same answers, checked on every sampled claim.
    let part = Store::open(&path)?;
    let mut part_times = Samples(Vec::new());
    for (id, claim) in &picks {
        let counted = part_times.time(|| part.origin_count(claim))?;
        ensure!(counted == store.origin_count(claim)?, "the claim's part and the whole graph disagree on {id}");
    }
    ensure!(!part.graph_built(), "origin counts built the whole graph");
    drop(part);
    println!("\ntrace origins of a random claim (ancestors + origins + independent count):");
    println!("  petgraph (in memory)   {}   [target p99 <= 1 ms, max <= 5 ms]", graph_times.summary());
    println!("  SQLite recursive CTE   {}", cte_times.summary());
    println!("  the claim's part read, then petgraph (a CLI process, no whole graph)   {}", part_times.summary());
    println!(
        "  ratio at p50: {:.0}x faster than the CTE   [target >= 50x]",
        cte_times.percentile(0.5).as_secs_f64() / graph_times.percentile(0.5).as_secs_f64()
    );

    let mut full = Samples(Vec::new());
    for (id, _) in picks.iter().take(reps / 4) {
        full.time(|| store.trace(id)).context("trace")?;
    }
    println!("  full trace with paths, drift and details   {}", full.summary());

    let mut log_times = Samples(Vec::new());
    for i in 0..(reps / 4) {
        let mut req = LogRequest::new(
            &format!("Benchmark claim number {i}"),
            ActorSpec::named(&format!("Speaker {}", i % 50), ActorKind::Person),
        );
        req.quote = Some("a short quote".into());
        for outlet in ["Outlet 1", "Outlet 2", "Outlet 3"] {
            req.relays.push(RelayStep::cites(ActorSpec::named(outlet, ActorKind::Outlet)));
        }
        log_times.time(|| store.log(&req, now))?;
    }
    println!("\nlog one claim with a 3-hop chain (one transaction, synchronous=FULL, graph updated):");
    println!("  {}   [target p99 <= 10 ms]", log_times.summary());

    // Corrections of appearances of the dataset: each one transaction with its
    // audit event chained and the graph nodes it touched read again.
    let mut targets = Vec::new();
    for (id, _) in picks.iter().take(reps / 4) {
        if let Some(a) = store.show(id)?.appearances.into_iter().next() {
            targets.push(a.id);
        }
    }
    let mut edit_times = Samples(Vec::new());
    for (i, id) in targets.iter().enumerate() {
        let edit = Edit {
            quote: Some(format!("corrected words {i}")),
            stance: Some(if i % 2 == 0 { "disputes" } else { "asserts" }.into()),
            ..Edit::default()
        };
        edit_times.time(|| store.edit(id, &edit, "bench", now)).context("edit")?;
    }
    println!("\nedit an appearance (quote and stance: audit event in the chain, graph nodes re-read):");
    println!("  {}   [target p99 <= 10 ms]", edit_times.summary());
    println!("  baseline: log one claim, above   {}", log_times.summary());
    // A status change is the other write that extends the history chain (and rewrites the head file).
    let mut status_times = Samples(Vec::new());
    for (i, (id, _)) in picks.iter().take(reps / 4).enumerate() {
        let req = StatusRequest {
            status: if i % 2 == 0 { Status::Contested } else { Status::Verified },
            reason: "benchmark".into(),
            evidence: Vec::new(),
            author: "bench".into(),
        };
        status_times.time(|| store.set_status(id, &req, now)).context("status")?;
    }
    println!("  baseline: a status change (also chained)   {}", status_times.summary());
    let steps = targets.len().min(100);
    let started = Instant::now();
    store.undo(steps, "bench", now).context("undo")?;
    println!("  undo of the last {steps} steps in one go: {}   [target <= 1 s for 100]", ms(started.elapsed()));

    println!("\nfull-text search, top 20 by relevance over claims and quotes:");
    let mut rare = Samples(Vec::new());
    let mut phrase = Samples(Vec::new());
    let mut common = Samples(Vec::new());
    let mut phrases = Vec::new();
    {
        let mut stmt = store.connection().prepare("SELECT quote FROM appearance WHERE seq = ?1")?;
        for _ in 0..(reps / 4) {
            let seq = rng.random_range(1..=appearance_count as i64);
            let quote: String = stmt.query_row([seq], |r| r.get(0))?;
            let words: Vec<&str> = quote.split(' ').collect();
            let at = rng.random_range(0..words.len() - 1);
            phrases.push(format!("\"{} {}\"", words[at], words[at + 1]));
        }
    }
    for (i, p) in phrases.iter().enumerate() {
        let word = vocab.rare(&mut rng).to_string();
        rare.time(|| store.search(&word, 20))?;
        let hits = phrase.time(|| store.search(p, 20))?;
        ensure!(!hits.is_empty(), "phrase {p} taken from a quote found nothing");
        let hits = common.time(|| store.search(if i % 2 == 0 { dataset::COMMON_WORD } else { "war claim" }, 20))?;
        ensure!(hits.len() == 20, "common word search returned {}", hits.len());
    }
    println!("  rare word        {}   [target p50 <= 1 ms, p99 <= 30 ms]", rare.summary());
    println!("  phrase           {}   [target p50 <= 1 ms, p99 <= 30 ms]", phrase.summary());
    println!("  word in 1/4 rows {}   [target p99 <= 100 ms]", common.summary());
    let mut plain = Samples(Vec::new());
    let mut plain_stmt =
        store.connection().prepare("SELECT rowid FROM claim_fts WHERE claim_fts MATCH ?1 ORDER BY rank LIMIT 20")?;
    for _ in 0..(reps / 40).max(5) {
        plain.time(|| plain_stmt.query_map([dataset::COMMON_WORD], |r| r.get::<_, i64>(0)).map(|rows| rows.count()))?;
    }
    println!("  baseline: plain FTS5 rank over every match of the common word (claims only)   {}", plain.summary());

    bench_similar_claims(&store, &ids, &mut rng, (reps / 10).max(20), true)?;

    println!("\nactor autocomplete, 20 suggestions for what was typed:");
    let persons: i64 =
        store.connection().query_row("SELECT count(*) FROM actor WHERE name LIKE 'Person %'", [], |r| r.get(0))?;
    let mut first_letter = Samples(Vec::new());
    let mut whole_name = Samples(Vec::new());
    for _ in 0..(reps / 4) {
        let hits = first_letter.time(|| store.suggest_actors("p", 20))?;
        ensure!(hits.len() == 20, "typing `p` suggested {} actors", hits.len());
        let name = format!("person {}", rng.random_range(0..persons));
        let hits = whole_name.time(|| store.suggest_actors(&name, 20))?;
        ensure!(hits.first().is_some_and(|a| a.name.eq_ignore_ascii_case(&name)), "`{name}` was not suggested first");
    }
    println!("  first letter (every person matches)   {}", first_letter.summary());
    println!("  a whole name                          {}", whole_name.summary());
    let mut every = Samples(Vec::new());
    for _ in 0..3 {
        every.time(|| store.actors())?;
    }
    println!(
        "  baseline: every actor listed ({} of them)   {}",
        store.connection().query_row("SELECT count(*) FROM actor", [], |r| r.get::<_, i64>(0))?,
        every.summary()
    );
    println!(
        "  ratio at p50: {:.0}x faster than listing every actor",
        every.percentile(0.5).as_secs_f64() / first_letter.percentile(0.5).as_secs_f64()
    );
    println!("\ntotal {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}

/// `actors --duplicates`: the blocked search over every actor through the
/// store, beside the every-pair baseline on a sample, extrapolated.
fn bench_duplicates(n: usize, sample: usize, seed: u64) -> anyhow::Result<()> {
    use claimtrail_core::identity::{duplicate_pairs, duplicate_pairs_naive, Known};
    use claimtrail_core::{AppearanceKind, Bulk, BulkAppearance, Stance};

    let (actors, planted) = names::actors(n, seed);
    let people = actors.iter().filter(|a| a.kind == ActorKind::Person).count();
    println!(
        "actors --duplicates: {n} actors ({people} people, {} outlets), {} planted variants",
        n - people,
        planted.len()
    );
    // One appearance per actor, five actors a claim, so each pair has claims to count.
    let mut bulk = Bulk { actors, ..Bulk::default() };
    bulk.claims = (0..n.div_ceil(5)).map(|i| format!("Claim number {i} about the war")).collect();
    bulk.appearances = (0..n)
        .map(|actor| BulkAppearance {
            claim: actor / 5,
            actor,
            quote: None,
            kind: AppearanceKind::Direct,
            stance: Stance::Asserts,
            cue: None,
        })
        .collect();
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(&dir.path().join("names.sqlite3"))?;
    store.import_bulk(&bulk, chrono::Utc::now())?;

    let mut blocked = Samples(Vec::new());
    let mut pairs = Vec::new();
    for _ in 0..3 {
        pairs = blocked.time(|| store.duplicate_actors())?;
    }
    let listed: std::collections::HashSet<(&str, &str)> = pairs
        .iter()
        .flat_map(|p| [(p.a.name.as_str(), p.b.name.as_str()), (p.b.name.as_str(), p.a.name.as_str())])
        .collect();
    let found = planted
        .iter()
        .filter(|&&(a, b)| listed.contains(&(bulk.actors[a].name.as_str(), bulk.actors[b].name.as_str())))
        .count();
    println!(
        "  blocked (Store::duplicate_actors, reads and claim counts included)   {}   [target <= 10 s for 50k]",
        blocked.summary()
    );
    println!("  {} pairs listed; planted variants found: {found} of {}", pairs.len(), planted.len());
    let missed: Vec<String> = planted
        .iter()
        .filter(|&&(a, b)| !listed.contains(&(bulk.actors[a].name.as_str(), bulk.actors[b].name.as_str())))
        .take(6)
        .map(|&(a, b)| format!("{:?} / {:?}", bulk.actors[a].name, bulk.actors[b].name))
        .collect();
    if !missed.is_empty() {
        println!("  not listed, for example: {}", missed.join(", "));
    }

    bench_resolution(&mut store, &dir.path().join("names.sqlite3"), &bulk.actors, seed)?;
    bench_incremental_duplicates(&mut store, &bulk.actors, seed)?;

    let sample = sample.min(n);
    let known: Vec<Known<'_>> = bulk.actors[..sample]
        .iter()
        .map(|a| Known {
            id: &a.name,
            name: &a.name,
            kind: a.kind,
            role: a.role.as_deref(),
            aliases: &[],
            domains: &[],
        })
        .collect();
    let mut naive = Samples(Vec::new());
    let every = naive.time(|| duplicate_pairs_naive(&known));
    let mut small = Samples(Vec::new());
    let same = small.time(|| duplicate_pairs(&known));
    ensure!(every == same, "the blocked search and the baseline disagree on {sample} actors");
    let scale = (n as f64 / sample as f64).powi(2);
    let extrapolated = naive.percentile(0.5).as_secs_f64() * scale;
    println!(
        "  baseline: every pair compared, first {sample} actors   {}   (same {} pairs as blocked, which took {})",
        naive.summary(),
        every.len(),
        ms(small.percentile(0.5))
    );
    println!(
        "  baseline extrapolated to {n} actors (x{scale:.0}, quadratic): {extrapolated:.0} s; blocked is {:.0}x faster",
        extrapolated / blocked.percentile(0.5).as_secs_f64()
    );
    Ok(())
}

/// Resolving typed variants of known names against every actor: through the
/// persisted blocking keys in a freshly opened store (what each CLI command
/// is), beside an index of the same keys built in memory, and beside reading
/// and comparing every actor.
fn bench_resolution(
    store: &mut Store,
    path: &std::path::Path,
    actors: &[claimtrail_core::BulkActor],
    seed: u64,
) -> anyhow::Result<()> {
    use claimtrail_core::identity::{candidates_near, BlockIndex, Known, Resolution, Typed};

    // The bulk load keyed its actors; keyed again here, all of them, as
    // migration 0009 does to a database made before it.
    store.connection().execute("INSERT OR IGNORE INTO actor_block_stale (actor_seq) SELECT seq FROM actor", [])?;
    let mut keying = Samples(Vec::new());
    let stale = keying.time(|| store.refresh_block_keys())?;
    println!("\nkeying all {stale} actors (what migration 0009 does to an existing database)   {}", keying.summary());
    let typed = names::typed_variants(actors, 400, seed + 2);
    let known: Vec<Known<'_>> = actors
        .iter()
        .map(|a| Known {
            id: &a.name,
            name: &a.name,
            kind: a.kind,
            role: a.role.as_deref(),
            aliases: &[],
            domains: &[],
        })
        .collect();
    let mut building = Samples(Vec::new());
    let index = building.time(|| BlockIndex::of(&known));
    let mut persisted = Samples(Vec::new());
    let mut in_memory = Samples(Vec::new());
    let mut naive = Samples(Vec::new());
    let mut with_candidates = 0;
    for (i, (name, kind)) in typed.iter().enumerate() {
        // Half typed without a kind, as an extracted name is.
        let kind = (i % 2 == 0).then_some(*kind);
        // A store opened for this name alone, as a CLI command opens it.
        let fresh = Store::open(path)?;
        let fast = persisted.time(|| fresh.resolve_name(name, kind, &[]))?;
        drop(fresh);
        let every = naive.time(|| store.resolve_name_naive(name, kind, &[]))?;
        ensure!(fast == every, "resolution through the keys and naive resolution disagree on {name:?}");
        let typed_name = Typed::new(name, kind);
        let offered = in_memory.time(|| candidates_near(&typed_name, &index, [], |i| known[i]));
        if let Resolution::Candidates(found) = &fast {
            let names: Vec<&str> = found.iter().map(|c| c.name.as_str()).collect();
            let same: Vec<&str> = offered.iter().map(|c| c.name.as_str()).collect();
            ensure!(names == same, "the in-memory index offers {same:?} for {name:?}, the keys {names:?}");
        }
        with_candidates += usize::from(matches!(fast, Resolution::Candidates(_)));
    }
    println!(
        "\nactor resolution of a typed variant against {} actors ({} of {} typed names got candidates, same as the baseline):",
        actors.len(),
        with_candidates,
        typed.len()
    );
    println!(
        "  persisted keys, a freshly opened store each time (a CLI command)   {}   [target p99 <= 5 ms]",
        persisted.summary()
    );
    println!(
        "  index of the same keys in memory (built in {})        {}",
        ms(building.percentile(0.5)),
        in_memory.summary()
    );
    println!("  baseline: every actor read and compared                          {}", naive.summary());
    println!(
        "  ratio, persisted keys against the baseline: {:.0}x faster at p50, {:.0}x at p99",
        naive.percentile(0.5).as_secs_f64() / persisted.percentile(0.5).as_secs_f64(),
        naive.percentile(0.99).as_secs_f64() / persisted.percentile(0.99).as_secs_f64()
    );
    Ok(())
}

/// The possible duplicates of a few actors just logged (what an import
/// reports), looked up from them alone through the persisted keys, beside the
/// whole `actors --duplicates` search.
fn bench_incremental_duplicates(
    store: &mut Store,
    actors: &[claimtrail_core::BulkActor],
    seed: u64,
) -> anyhow::Result<()> {
    let typed = names::typed_variants(actors, 20, seed + 3);
    let mut new_ids = Vec::new();
    for (i, (name, kind)) in typed.iter().enumerate() {
        let req = LogRequest::new(&format!("Incremental claim {i}"), ActorSpec::named(name, *kind));
        let logged = store.log(&req, chrono::Utc::now())?;
        let id: String = store.connection().query_row(
            "SELECT ac.id FROM appearance a JOIN actor ac ON ac.seq = a.actor_seq WHERE a.id = ?1",
            [&logged.appearance_ids[0]],
            |r| r.get(0),
        )?;
        new_ids.push(id);
    }
    new_ids.dedup();
    let mut incremental = Samples(Vec::new());
    let mut found = Vec::new();
    for _ in 0..20 {
        found = incremental.time(|| store.possible_duplicates(&new_ids))?;
    }
    let mut whole = Samples(Vec::new());
    let pairs = whole.time(|| store.duplicate_actors())?;
    let new: std::collections::HashSet<&str> = new_ids.iter().map(String::as_str).collect();
    let involving = pairs.iter().filter(|p| new.contains(p.a.id.as_str()) || new.contains(p.b.id.as_str())).count();
    let offered: usize = found.iter().map(|d| d.candidates.len()).sum();
    println!(
        "\npossible duplicates of {} actors just logged, among {} (looked up from the new actors only):",
        new_ids.len(),
        actors.len() + new_ids.len()
    );
    println!(
        "  through the persisted keys   {}   [target <= 100 ms]; {} of them have candidates, {offered} offered",
        incremental.summary(),
        found.len()
    );
    println!(
        "  baseline: the whole search (actors --duplicates)   {}; {involving} of its pairs involve a new actor",
        whole.summary()
    );
    Ok(())
}

/// The distinct words of a text's matching key, as the store compares claims.
fn claim_words(text: &str) -> std::collections::HashSet<String> {
    claimtrail_core::key::claim_key(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The existing claims most like a typed claim (an existing one reworded: a
/// word dropped, one added), through full-text candidates re-ranked, beside
/// reading every claim and scoring each the same way.
fn bench_similar_claims(
    store: &Store,
    ids: &[String],
    rng: &mut StdRng,
    n: usize,
    baseline: bool,
) -> anyhow::Result<()> {
    let mut typed = Vec::new();
    let mut text_of = store.connection().prepare("SELECT text FROM claim WHERE id = ?1")?;
    for _ in 0..n {
        let id = &ids[rng.random_range(0..ids.len())];
        let text: String = text_of.query_row([id], |r| r.get(0))?;
        let mut words: Vec<&str> = text.split(' ').collect();
        if words.len() > 3 {
            words.remove(rng.random_range(0..words.len()));
        }
        words.push("now");
        typed.push((id.clone(), words.join(" ")));
    }
    let mut fast = Samples(Vec::new());
    let mut naive = Samples(Vec::new());
    let mut found_first = 0;
    let mut same_best = 0;
    let mut every = store.connection().prepare("SELECT id, text FROM claim WHERE merged_into IS NULL")?;
    for (id, text) in &typed {
        let similar = fast.time(|| store.similar_claims(text, 5, None))?;
        found_first += usize::from(similar.first().is_some_and(|c| &c.id == id));
        if !baseline {
            continue;
        }
        let best = naive.time(|| -> anyhow::Result<Option<(f64, String)>> {
            let wanted = claim_words(text);
            let mut best: Option<(f64, String)> = None;
            for row in every.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
                let (other, other_text) = row?;
                let theirs = claim_words(&other_text);
                let shared = wanted.intersection(&theirs).count() as f64;
                let score = 2.0 * shared / (wanted.len() + theirs.len()).max(1) as f64;
                if best.as_ref().map_or(true, |(b, _)| score > *b) {
                    best = Some((score, other));
                }
            }
            Ok(best)
        })?;
        let top = similar.first().map(|c| c.score);
        same_best += usize::from(best.is_some_and(|(score, _)| top.is_some_and(|t| (t - score).abs() < 0.001)));
    }
    println!("\nsimilar claims for a typed claim (an existing claim reworded), top 5 of {} claims:", ids.len());
    println!("  FTS5 candidates re-ranked by shared words   {}   [target p99 <= 20 ms]", fast.summary());
    if baseline {
        println!("  baseline: every claim read and scored       {}", naive.summary());
    }
    println!(
        "  the reworded claim first: {found_first} of {}; best score equal to the baseline's: {same_best} of {}",
        typed.len(),
        typed.len()
    );
    Ok(())
}
