//! `claimtrail trace`: where a claim came from and how it travelled.

use std::collections::{HashMap, HashSet};

use claimtrail_core::{Hop, HopRole, Store, Trace};

use crate::output::{self, clip, visible};

#[derive(clap::Args)]
pub struct Args {
    /// The claim id or a unique prefix (or an appearance id with --appearance).
    claim: String,
    /// Trace one appearance upstream and downstream instead of a whole claim.
    #[arg(long)]
    appearance: bool,
    #[arg(long)]
    json: bool,
}

pub fn run(store: &Store, args: Args) -> anyhow::Result<()> {
    let trace = if args.appearance { store.trace_appearance(&args.claim)? } else { store.trace(&args.claim)? };
    if args.json {
        return output::json(&trace);
    }
    print!("{}", render(&trace));
    Ok(())
}

/// The trace as a tree per first step, origin at the top.
fn render(t: &Trace) -> String {
    let mut out = String::new();
    out.push_str(&format!("{}\n  {}  id {}\n\n", visible(&t.claim_text), t.claim_handle, t.claim_id));
    out.push_str(&format!(
        "{} independent origin{} · {} outlet{}{}\n",
        t.independent_origins,
        if t.independent_origins == 1 { "" } else { "s" },
        t.outlets.len(),
        if t.outlets.len() == 1 { "" } else { "s" },
        if t.outlets.is_empty() { String::new() } else { format!(": {}", names(&t.outlets).join(", ")) }
    ));
    for w in &t.warnings {
        out.push_str(&format!("! {}: {}\n", w.kind, visible(&w.message)));
    }
    out.push('\n');

    let by_id: HashMap<&str, &Hop> = t.nodes.iter().map(|n| (n.appearance_id.as_str(), n)).collect();
    let mut children: HashMap<&str, Vec<(&str, String)>> = HashMap::new();
    let mut has_upstream: HashSet<&str> = HashSet::new();
    for e in &t.edges {
        let label = match &e.cue {
            Some(cue) => format!("{} \"{}\"", e.relation, clip(cue, 40)),
            None => e.relation.to_string(),
        };
        children.entry(e.from.as_str()).or_default().push((e.to.as_str(), label));
        has_upstream.insert(e.to.as_str());
    }
    let mut roots: Vec<&str> =
        t.nodes.iter().map(|n| n.appearance_id.as_str()).filter(|id| !has_upstream.contains(id)).collect();
    // A loop that nothing feeds still needs a place to start.
    for cycle_start in t.nodes.iter().filter(|n| n.role == HopRole::Cycle) {
        if roots.is_empty() {
            roots.push(cycle_start.appearance_id.as_str());
        }
    }
    let mut seen = HashSet::new();
    for root in roots {
        walk(root, None, 0, &by_id, &children, &mut seen, &mut out);
    }
    if !t.choke_points.is_empty() {
        out.push_str(&format!("\nEverything the readers saw came through: {}\n", names(&t.choke_points).join(", ")));
    }
    for d in &t.drift {
        if d.similarity < 1.0 {
            out.push_str(&format!(
                "\nWording drift {} → {} (similarity {:.2}):\n  \"{}\"\n  \"{}\"\n",
                visible(&d.from_actor),
                visible(&d.to_actor),
                d.similarity,
                clip(&d.from_quote, 90),
                clip(&d.to_quote, 90)
            ));
        }
    }
    if !t.disputes.is_empty() {
        out.push_str("\nDisputed by:\n");
        for d in &t.disputes {
            let quote = d.quote.as_deref().map(|q| format!(" \"{}\"", clip(q, 70))).unwrap_or_default();
            let via = if d.carried_by.is_empty() {
                String::new()
            } else {
                format!(", carried by {}", names(&d.carried_by).join(" then "))
            };
            out.push_str(&format!("  {}{quote}{via}\n", visible(&d.actor)));
        }
    }
    out
}

/// Names from the database, each shown inert.
fn names(list: &[String]) -> Vec<String> {
    list.iter().map(|n| visible(n)).collect()
}

fn walk<'a>(
    id: &'a str,
    label: Option<&str>,
    depth: usize,
    by_id: &HashMap<&str, &Hop>,
    children: &HashMap<&'a str, Vec<(&'a str, String)>>,
    seen: &mut HashSet<&'a str>,
    out: &mut String,
) {
    let Some(hop) = by_id.get(id) else { return };
    let indent = "   ".repeat(depth);
    let arrow = label.map(|l| format!("└─ {l} → ")).unwrap_or_default();
    let mark = match hop.role {
        HopRole::Origin => " [origin]",
        HopRole::DeadEnd => " [dead end: source not located]",
        HopRole::Cycle => " [in a loop]",
        HopRole::Dispute => " [disputes the claim]",
        HopRole::Relay => "",
    };
    let quote = hop.quote.as_deref().map(|q| format!(" \"{}\"", clip(q, 60))).unwrap_or_default();
    let date = hop.date.as_deref().map(|d| format!(" {d}")).unwrap_or_default();
    let place = hop.url.as_deref().or(hop.title.as_deref()).map(|p| format!(" <{}>", clip(p, 50))).unwrap_or_default();
    out.push_str(&format!("{indent}{arrow}{}{mark}{quote}{date}{place}  · {}\n", visible(&hop.actor), hop.handle));
    if !seen.insert(id) {
        out.push_str(&format!("{indent}   (back to {} — circular)\n", visible(&hop.actor)));
        return;
    }
    for (child, label) in children.get(id).into_iter().flatten() {
        if seen.contains(child) {
            let name = by_id.get(child).map(|h| visible(&h.actor)).unwrap_or_else(|| "?".to_string());
            out.push_str(&format!("{indent}   └─ {label} → {name} (circular: already shown above)\n"));
            continue;
        }
        walk(child, Some(label), depth + 1, by_id, children, seen, out);
    }
}
