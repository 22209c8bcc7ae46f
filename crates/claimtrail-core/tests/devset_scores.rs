//! Regression guard for attribution extraction: the scores on the annotated
//! development set (`tests/devset/`) must not fall below what was measured
//! when the rules were last tuned, less a small margin. Not a timing test;
//! speed is reported by `cargo run --release --example devset_score`.

#[path = "devset/scoring.rs"]
mod scoring;

use scoring::{Counts, Split};

/// Measured scores less 0.03 (see BENCHMARKS.md, "Attribution extraction").
struct Floor {
    claims_f1: f64,
    claimant_f1: f64,
    relays_exact: f64,
    disputes_f1: f64,
}

impl Floor {
    /// The measured scores less the margin.
    fn below(measured: [f64; 4]) -> Floor {
        const MARGIN: f64 = 0.03;
        Floor {
            claims_f1: measured[0] - MARGIN,
            claimant_f1: measured[1] - MARGIN,
            relays_exact: measured[2] - MARGIN,
            disputes_f1: measured[3] - MARGIN,
        }
    }
}

/// The scores under their floors. A floor at or below zero cannot be missed,
/// so it is left out (the held-out disputes, guarded by count instead).
fn check(name: &str, c: &Counts, floor: &Floor) -> Vec<String> {
    let got = [
        ("claim F1", c.claims().f1, floor.claims_f1),
        ("claim + claimant F1", c.with_claimant().f1, floor.claimant_f1),
        ("relays exact", c.relays_exact(), floor.relays_exact),
        ("dispute F1", c.disputes().f1, floor.disputes_f1),
    ];
    got.iter()
        .filter(|(_, v, min)| *min > 0.0 && v < min)
        .map(|(what, v, min)| format!("{name}: {what} {v:.3} < {min:.3}"))
        .collect()
}

#[test]
fn extract_devset_scores_hold() {
    let articles = scoring::load(&scoring::devset_dir());
    assert!(articles.len() >= 28, "{} articles", articles.len());
    let (dev, _) = scoring::totals(&articles, Some(Split::Dev));
    let (held, _) = scoring::totals(&articles, Some(Split::Heldout));
    let mut failures = check("dev", &dev, &Floor::below(DEV));
    failures.extend(check("held-out", &held, &Floor::below(HELD_OUT)));
    // No held-out dispute was found when the rules were tuned (F1 0.000), so
    // a floor under that F1 would guard nothing: there, the guard is that the
    // claims flagged disputed that are not stay as few as measured.
    let wrongly_disputed = held.disputed_predicted - held.disputed_matched;
    if wrongly_disputed > HELD_OUT_WRONGLY_DISPUTED {
        failures.push(format!(
            "held-out: {wrongly_disputed} claims wrongly flagged disputed > {HELD_OUT_WRONGLY_DISPUTED}"
        ));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn extract_devset_beats_the_baseline() {
    let articles = scoring::load(&scoring::devset_dir());
    let (ours, base) = scoring::totals(&articles, None);
    assert!(ours.claims().f1 > base.claims().f1 + 0.2);
    assert!(ours.with_claimant().f1 > base.with_claimant().f1 + 0.2);
}

#[test]
fn extract_devset_scoring_matches_by_token_overlap() {
    assert!((scoring::overlap_f1("the dam is safe", "The dam is safe.") - 1.0).abs() < 1e-9);
    assert!(scoring::overlap_f1("the dam is safe", "the bridge is closed") == 0.5);
    assert_eq!(scoring::overlap_f1("", "x"), 0.0);
}

/// Claim F1, claim + claimant F1, relays exact, dispute F1 as measured.
const DEV: [f64; 4] = [0.928, 0.908, 0.986, 0.762];
const HELD_OUT: [f64; 4] = [0.867, 0.800, 0.808, 0.0];
/// Held-out claims flagged disputed that the gold does not flag, as measured.
const HELD_OUT_WRONGLY_DISPUTED: usize = 2;
