//! Scores attribution extraction on the hand-annotated development set
//! (`tests/devset/`) beside a naive baseline, and times it.
//!
//! ```text
//! cargo run --release -p claimtrail-core --example devset_score            # scores and speed
//! cargo run --release -p claimtrail-core --example devset_score -- --errors # plus the dev split's errors
//! cargo run -p claimtrail-core --example devset_score -- --show 07-           # every proposal of dev article 07
//! cargo run -p claimtrail-core --example devset_score -- --stdin < story.txt  # proposals for any text
//! ```
//!
//! The held-out split's errors are never printed: those articles exist to
//! tell whether a rule written for the dev split generalises.

use std::time::{Duration, Instant};

use claimtrail_core::extract::{extract, ExtractContext};

#[path = "../tests/devset/scoring.rs"]
mod scoring;

use scoring::{Counts, Split};

fn row(label: &str, c: &Counts) {
    let claims = c.claims();
    let who = c.with_claimant();
    let disputes = c.disputes();
    println!(
        "| {label} | {} / {} / {} | {:.3} / {:.3} / **{:.3}** | {:.3} / {:.3} / **{:.3}** | **{:.3}** ({}/{}) | {:.3} / {:.3} / **{:.3}** |",
        c.gold,
        c.predicted,
        c.matched,
        claims.precision,
        claims.recall,
        claims.f1,
        who.precision,
        who.recall,
        who.f1,
        c.relays_exact(),
        c.relays,
        c.matched,
        disputes.precision,
        disputes.recall,
        disputes.f1,
    );
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time<F: FnMut() -> usize>(runs: usize, mut f: F) -> (Duration, usize) {
    let mut out = 0;
    let times = (0..runs)
        .map(|_| {
            let t = Instant::now();
            out = std::hint::black_box(f());
            t.elapsed()
        })
        .collect();
    (median(times), out)
}

fn main() {
    let show_errors = std::env::args().any(|a| a == "--errors");
    let articles = scoring::load(&scoring::devset_dir());
    let dev = articles.iter().filter(|a| a.split == Split::Dev).count();
    println!(
        "{} articles ({} dev, {} held-out), {} gold claims\n",
        articles.len(),
        dev,
        articles.len() - dev,
        articles.iter().map(|a| a.gold.len()).sum::<usize>()
    );

    // `--stdin`: the proposals for a text read from standard input.
    if std::env::args().any(|a| a == "--stdin") {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text).unwrap();
        for c in extract(&text, &ExtractContext::default()).claims {
            println!(
                "{:?} <- {:?} ({:?}) relays {:?} disputed {}",
                c.text, c.claimant, c.claimant_role, c.relays, c.disputed
            );
        }
        return;
    }
    // `--show NAME`: every proposal for the dev articles whose name contains NAME.
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--show") {
        let want = args.get(i + 1).map(String::as_str).unwrap_or("");
        for a in articles.iter().filter(|a| a.split == Split::Dev && a.name.contains(want)) {
            println!("{}", a.name);
            for c in extract(&a.text, &a.ctx).claims {
                println!(
                    "  {:?} <- {:?} ({:?}) cue {:?} relays {:?} disputed {}",
                    c.text, c.claimant, c.claimant_role, c.cue, c.relays, c.disputed
                );
            }
        }
        return;
    }

    if show_errors {
        for a in articles.iter().filter(|a| a.split == Split::Dev) {
            let (_, errors) = scoring::score(a, &scoring::predict(a));
            if !errors.is_empty() {
                println!("{} ({}, {})", a.name, a.topic, a.style);
                for e in errors {
                    println!("{e}");
                }
            }
        }
        println!();
    }

    println!("| split | gold / proposed / matched | claims P / R / F1 | claim + claimant P / R / F1 | relays exact (of matched) | disputes P / R / F1 |");
    println!("|---|---|---|---|---|---|");
    for (name, split) in [("dev", Some(Split::Dev)), ("held-out", Some(Split::Heldout)), ("all", None)] {
        let (ours, base) = scoring::totals(&articles, split);
        row(&format!("{name}: extractor"), &ours);
        row(&format!("{name}: baseline"), &base);
    }

    let ctx = ExtractContext::default();
    let article = scoring::long_article(&articles, 2_000);
    let (ours, found) = time(301, || extract(&article, &ctx).claims.len());
    let (base, base_found) = time(301, || scoring::baseline(&article).len());
    let mut paste = String::new();
    while paste.len() < 1 << 20 {
        paste.push_str(&article);
        paste.push('\n');
    }
    let (big, big_found) = time(7, || extract(&paste, &ctx).claims.len());
    let (big_base, big_base_found) = time(7, || scoring::baseline(&paste).len());
    println!();
    println!("| input | extractor (median) | claims | baseline (median) | claims |");
    println!("|---|---|---|---|---|");
    println!(
        "| 2,000-word article ({} KB), 301 runs | {:.3} ms | {} | {:.3} ms | {} |",
        article.len() / 1024,
        ours.as_secs_f64() * 1e3,
        found,
        base.as_secs_f64() * 1e3,
        base_found
    );
    println!(
        "| 1 MiB paste ({} bytes), 7 runs | {:.1} ms | {} | {:.1} ms | {} |",
        paste.len(),
        big.as_secs_f64() * 1e3,
        big_found,
        big_base.as_secs_f64() * 1e3,
        big_base_found
    );
}
