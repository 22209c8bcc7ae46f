//! The analyses behind `trace`: origins, dead ends, circular reporting, every
//! path from the origins to the readers, and the choke points all of them pass
//! through.

use std::collections::{BTreeSet, HashMap, HashSet};

use petgraph::algo::{dominators, kosaraju_scc};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::Direction;

use super::ProvenanceGraph;
use crate::model::{Relation, Stance};

/// At most this many origin-to-reader paths are listed; a claim carried by
/// thousands of outlets would otherwise produce an unreadable (and
/// exponentially long) answer.
pub const MAX_PATHS: usize = 500;

/// The result of analysing a set of appearances, in appearance rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Analysis {
    /// Every appearance considered, in row order.
    pub members: Vec<i64>,
    /// Relay edges among the members: (upstream, downstream, relation).
    pub edges: Vec<(i64, i64, Relation)>,
    /// Origins of the asserting chains (no upstream, a followable source).
    pub origins: Vec<i64>,
    /// First steps that cannot be followed: unnamed or unlocated sources.
    pub dead_ends: Vec<i64>,
    /// Groups of appearances that cite each other in a loop, each in loop order.
    pub cycles: Vec<Vec<i64>>,
    /// Paths from a first step to a reader-facing appearance, origin first.
    pub paths: Vec<Vec<i64>>,
    /// True when more paths existed than [`MAX_PATHS`].
    pub paths_truncated: bool,
    /// Relays every asserting path to the readers passes through.
    pub choke_points: Vec<i64>,
    /// First steps of the chains that dispute the claim.
    pub disputes: Vec<i64>,
    /// The first asserting appearance of each outlet or agency, in row order.
    pub outlets: Vec<i64>,
}

type Ix = NodeIndex<u32>;

/// How much of the analysis to compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Depth {
    /// Everything, for a trace.
    Full,
    /// The members, edges and the role of each member (origin, dead end,
    /// loop, dispute), for drawing: no paths and no choke points, which cost
    /// the most on a wide graph.
    Drawing,
}

pub(super) fn analyse(g: &ProvenanceGraph, starts: &[Ix], with_downstream: bool, depth: Depth) -> Analysis {
    // Everything upstream of the starts (and downstream, for an appearance).
    let mut members: HashSet<Ix> = g.closure(starts.iter().copied(), Direction::Outgoing).into_iter().collect();
    if with_downstream {
        members.extend(g.closure(starts.iter().copied(), Direction::Incoming));
    }
    let mut ordered: Vec<Ix> = members.iter().copied().collect();
    ordered.sort_by_key(|&ix| g.facts(ix).seq);

    // A local copy with edges pointing downstream (origin first), so that the
    // petgraph algorithms run over this claim only.
    let mut local: DiGraph<Ix, Relation, u32> = DiGraph::with_capacity(ordered.len(), ordered.len());
    let mut local_of: HashMap<Ix, Ix> = HashMap::with_capacity(ordered.len());
    for &ix in &ordered {
        local_of.insert(ix, local.add_node(ix));
    }
    let mut edges = Vec::new();
    for &ix in &ordered {
        for e in g.graph.edges_directed(ix, Direction::Outgoing) {
            use petgraph::visit::EdgeRef;
            if let Some(&up) = local_of.get(&e.target()) {
                local.add_edge(up, local_of[&ix], *e.weight());
                edges.push((g.facts(e.target()).seq, g.facts(ix).seq, *e.weight()));
            }
        }
    }
    edges.sort_unstable_by_key(|&(a, b, _)| (a, b));

    let seq = |l: Ix| g.facts(local[l]).seq;
    let mut out =
        Analysis { members: ordered.iter().map(|&ix| g.facts(ix).seq).collect(), edges, ..Analysis::default() };

    let tally = g.tally(&ordered);
    (out.origins, out.dead_ends, out.disputes, out.outlets) =
        (tally.independent, tally.dead_ends, tally.disputes, tally.outlets);

    // Circular reporting: strongly connected groups of more than one member.
    // Kosaraju, not Tarjan: petgraph's Tarjan recurses once per node and a
    // ten-thousand-hop chain overflows the stack.
    let components = kosaraju_scc(&local);
    let mut component_of: HashMap<Ix, usize> = HashMap::new();
    for (i, comp) in components.iter().enumerate() {
        for &l in comp {
            component_of.insert(l, i);
        }
        if comp.len() > 1 {
            out.cycles.push(loop_order(&local, comp).into_iter().map(seq).collect());
        }
    }
    out.cycles.sort();
    if depth == Depth::Drawing {
        return out;
    }

    // First steps: members with no upstream, plus one entry into each loop
    // that nothing outside it feeds.
    let mut firsts: Vec<Ix> =
        local.node_indices().filter(|&l| local.neighbors_directed(l, Direction::Incoming).next().is_none()).collect();
    for (i, comp) in components.iter().enumerate() {
        let fed = comp.iter().any(|&l| local.neighbors_directed(l, Direction::Incoming).any(|u| component_of[&u] != i));
        if comp.len() > 1 && !fed {
            firsts.push(*comp.iter().min_by_key(|&&l| seq(l)).expect("non-empty component"));
        }
    }
    let sinks: Vec<Ix> =
        local.node_indices().filter(|&l| local.neighbors_directed(l, Direction::Outgoing).next().is_none()).collect();

    'paths: for &first in &firsts {
        for &sink in &sinks {
            if first == sink {
                out.paths.push(vec![seq(first)]);
            } else {
                let found = petgraph::algo::all_simple_paths::<Vec<Ix>, _, std::hash::RandomState>(
                    &local, first, sink, 0, None,
                );
                for path in found {
                    if out.paths.len() == MAX_PATHS {
                        out.paths_truncated = true;
                        break 'paths;
                    }
                    out.paths.push(path.into_iter().map(seq).collect());
                }
            }
        }
    }
    out.paths.sort();

    out.choke_points = choke_points(g, &local, &firsts, &sinks);
    out
}

/// The members of a strongly connected group in the order the loop runs,
/// starting from the earliest row, so "A cites B cites C cites A" reads right.
fn loop_order(local: &DiGraph<Ix, Relation, u32>, comp: &[Ix]) -> Vec<Ix> {
    let inside: HashSet<Ix> = comp.iter().copied().collect();
    let start = *comp.iter().min_by_key(|&&l| local[l].index()).expect("non-empty");
    let mut order = vec![start];
    let mut seen: HashSet<Ix> = HashSet::from([start]);
    let mut at = start;
    while let Some(next) = local
        .neighbors_directed(at, Direction::Outgoing)
        .filter(|n| inside.contains(n) && !seen.contains(n))
        .min_by_key(|n| n.index())
    {
        order.push(next);
        seen.insert(next);
        at = next;
    }
    // Members off the main loop (a figure-of-eight) are appended in row order.
    let mut rest: Vec<Ix> = comp.iter().copied().filter(|l| !seen.contains(l)).collect();
    rest.sort_by_key(|l| l.index());
    order.extend(rest);
    order
}

/// Relays that dominate every reader-facing appearance of the asserting chains:
/// remove one and nothing reaches the readers.
fn choke_points(g: &ProvenanceGraph, local: &DiGraph<Ix, Relation, u32>, firsts: &[Ix], sinks: &[Ix]) -> Vec<i64> {
    let asserting = |l: Ix| g.facts(local[l]).stance == Stance::Asserts;
    let sinks: Vec<Ix> = sinks.iter().copied().filter(|&l| asserting(l)).collect();
    if sinks.is_empty() {
        return Vec::new();
    }
    // A virtual root feeding every first step, so several origins share one root.
    let mut flow: DiGraph<(), (), u32> =
        DiGraph::with_capacity(local.node_count() + 1, local.edge_count() + firsts.len());
    for _ in local.node_indices() {
        flow.add_node(());
    }
    let root = flow.add_node(());
    for e in local.raw_edges() {
        if asserting(e.source()) && asserting(e.target()) {
            flow.add_edge(e.source(), e.target(), ());
        }
    }
    for &f in firsts.iter().filter(|&&f| asserting(f)) {
        flow.add_edge(root, f, ());
    }
    let doms = dominators::simple_fast(&flow, root);
    let mut common: Option<BTreeSet<Ix>> = None;
    for &sink in &sinks {
        let Some(chain) = doms.dominators(sink) else { continue };
        let set: BTreeSet<Ix> = chain.collect();
        common = Some(match common {
            None => set,
            Some(c) => c.intersection(&set).copied().collect(),
        });
    }
    let first_set: HashSet<Ix> = firsts.iter().copied().collect();
    let sink_set: HashSet<Ix> = sinks.iter().copied().collect();
    let mut out: Vec<i64> = common
        .unwrap_or_default()
        .into_iter()
        .filter(|&l| l != root && !first_set.contains(&l) && !sink_set.contains(&l))
        .map(|l| g.facts(local[l]).seq)
        .collect();
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::NodeFacts;
    use crate::model::ActorKind;

    /// A tiny graph written as data: (seq, kind, located, stance) and edges
    /// (downstream, upstream). Every node belongs to claim 1 and actor = seq.
    fn graph(nodes: &[(i64, ActorKind, bool, Stance)], edges: &[(i64, i64)]) -> ProvenanceGraph {
        let mut g = ProvenanceGraph::default();
        for &(seq, actor_kind, located, stance) in nodes {
            g.add_node(NodeFacts { seq, claim_seq: 1, actor_seq: seq, actor_kind, located, stance });
        }
        for &(from, to) in edges {
            g.add_edge(from, to, Relation::Cites);
        }
        g
    }

    use ActorKind::*;
    use Stance::*;

    /// Speaker 1 → Al Jazeera 2 → ANI 3 → Kenya Star 4 (located).
    fn single_chain() -> ProvenanceGraph {
        graph(
            &[
                (1, Person, false, Asserts),
                (2, Outlet, false, Asserts),
                (3, Agency, false, Asserts),
                (4, Outlet, true, Asserts),
            ],
            &[(2, 1), (3, 2), (4, 3)],
        )
    }

    #[test]
    fn a_relay_chain_has_one_origin_and_its_relays_are_choke_points() {
        let a = single_chain().analyse_claim(1);
        assert_eq!(a.origins, vec![1]);
        assert!(a.dead_ends.is_empty());
        assert_eq!(a.paths, vec![vec![1, 2, 3, 4]]);
        assert_eq!(a.choke_points, vec![2, 3]);
        assert!(a.cycles.is_empty());
        assert_eq!(single_chain().claim_origins(1).independent, vec![1]);
    }

    #[test]
    fn twelve_outlets_fed_by_one_briefing_are_one_origin() {
        let mut nodes = vec![(1, Government, false, Asserts), (2, Agency, false, Asserts)];
        let mut edges = vec![(2, 1)];
        for outlet in 3..15 {
            nodes.push((outlet, Outlet, true, Asserts));
            edges.push((outlet, 2));
        }
        let g = graph(&nodes, &edges);
        let a = g.analyse_claim(1);
        assert_eq!(a.origins, vec![1]);
        assert_eq!(a.paths.len(), 12);
        assert_eq!(a.choke_points, vec![2], "every path runs through the agency");
    }

    /// Issue 13: two spellings of one speaker logged apart, then merged,
    /// leave two origin appearances of one actor: one independent origin.
    #[test]
    fn one_actor_saying_a_claim_twice_is_one_origin() {
        let mut g = graph(&[(1, Person, false, Asserts), (3, Outlet, true, Asserts)], &[(3, 1)]);
        g.add_node(NodeFacts {
            seq: 2,
            claim_seq: 1,
            actor_seq: 1,
            actor_kind: Person,
            located: false,
            stance: Asserts,
        });
        assert_eq!(g.analyse_claim(1).origins, vec![1]);
        assert_eq!(g.claim_origins(1).independent, vec![1]);
    }

    #[test]
    fn two_separate_sources_are_two_origins_and_no_choke_point() {
        let g = graph(
            &[
                (1, Person, false, Asserts),
                (2, Person, false, Asserts),
                (3, Outlet, true, Asserts),
                (4, Outlet, true, Asserts),
            ],
            &[(3, 1), (4, 2)],
        );
        let a = g.analyse_claim(1);
        assert_eq!(a.origins, vec![1, 2]);
        assert!(a.choke_points.is_empty());
    }

    #[test]
    fn circular_reporting_is_named_in_loop_order_and_never_an_origin() {
        // Outlet 1 cites 2, 2 cites 3, 3 cites 1; outlet 4 cites 1.
        let g = graph(
            &[
                (1, Outlet, true, Asserts),
                (2, Outlet, true, Asserts),
                (3, Outlet, true, Asserts),
                (4, Outlet, true, Asserts),
            ],
            &[(1, 2), (2, 3), (3, 1), (4, 1)],
        );
        let a = g.analyse_claim(1);
        assert!(a.origins.is_empty());
        assert_eq!(a.cycles.len(), 1);
        let mut members = a.cycles[0].clone();
        members.sort();
        assert_eq!(members, vec![1, 2, 3]);
        assert!(!a.paths.is_empty(), "a loop fed by nothing still gets a path to the reader");
        assert!(g.claim_origins(1).independent.is_empty());
    }

    #[test]
    fn unnamed_and_unlocated_first_steps_are_dead_ends_not_origins() {
        // "the British outlet" (unidentified) → RT → reader; and an unlocated
        // Al Jazeera report as the first step of another chain.
        let g = graph(
            &[
                (1, Unidentified, false, Asserts),
                (2, Outlet, true, Asserts),
                (3, Outlet, false, Asserts),
                (4, Outlet, true, Asserts),
            ],
            &[(2, 1), (4, 3)],
        );
        let a = g.analyse_claim(1);
        assert!(a.origins.is_empty());
        assert_eq!(a.dead_ends, vec![1, 3]);
        assert_eq!(g.claim_origins(1).dead_ends, vec![1, 3]);
    }

    #[test]
    fn disputes_are_listed_and_do_not_count_as_origins() {
        let g = graph(
            &[
                (1, Person, false, Asserts),
                (2, Outlet, true, Asserts),
                (3, Government, false, Disputes),
                (4, Outlet, true, Disputes),
            ],
            &[(2, 1), (4, 3)],
        );
        let a = g.analyse_claim(1);
        assert_eq!(a.origins, vec![1]);
        assert_eq!(a.disputes, vec![3], "the first step of the disputing chain");
        assert_eq!(g.claim_origins(1).independent, vec![1]);
    }

    #[test]
    fn appearance_trace_reaches_both_ways() {
        let a = single_chain().analyse_appearance(2);
        assert_eq!(a.members, vec![1, 2, 3, 4]);
    }

    #[test]
    fn path_listing_is_capped_on_a_combinatorial_graph() {
        // Layers of 6 outlets, each citing every outlet of the layer before:
        // 6^5 paths, far more than the cap.
        let mut nodes = vec![(0, Person, false, Asserts)];
        let mut edges = Vec::new();
        let mut previous = vec![0];
        let mut next_seq = 1;
        for _ in 0..5 {
            let layer: Vec<i64> = (0..6).map(|i| next_seq + i).collect();
            next_seq += 6;
            for &n in &layer {
                nodes.push((n, Outlet, true, Asserts));
                for &p in &previous {
                    edges.push((n, p));
                }
            }
            previous = layer;
        }
        let a = graph(&nodes, &edges).analyse_claim(1);
        assert_eq!(a.paths.len(), MAX_PATHS);
        assert!(a.paths_truncated);
    }
}
