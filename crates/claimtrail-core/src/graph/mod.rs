//! The provenance graph: appearances as nodes, relay edges from each
//! appearance to the upstream appearance it took the claim from.
//!
//! It is derived state. [`ProvenanceGraph::load`] builds it from SQLite when a
//! store opens, and the store adds nodes and edges after each committed write,
//! so queries never rebuild it. petgraph indices stay inside this module: the
//! analyses speak in appearance rows (`seq`), which the store turns into ids.

mod analysis;
pub mod drift;

use std::collections::HashMap;

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::Direction;
use rusqlite::Connection;

use crate::error::Result;
use crate::model::{ActorKind, Relation, Stance};

pub(crate) use analysis::Analysis;

/// What the analyses need to know about one appearance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NodeFacts {
    pub seq: i64,
    pub claim_seq: i64,
    pub actor_seq: i64,
    pub actor_kind: ActorKind,
    /// The appearance is in a document somebody has found.
    pub located: bool,
    pub stance: Stance,
}

impl NodeFacts {
    /// A first step nobody can follow further: an unnamed source ("the British
    /// outlet", "sources"), or an outlet whose report has not been located.
    /// A person or body speaking for itself is an origin even without a document.
    pub fn is_dead_end_source(&self) -> bool {
        self.actor_kind == ActorKind::Unidentified || (self.actor_kind.is_media() && !self.located)
    }
}

/// The origins of a claim, the quick answer the claims list needs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Origins {
    /// Origin appearances (no upstream, not a dead end) of the asserting chains.
    pub independent: Vec<i64>,
    /// First steps that cannot be followed further.
    pub dead_ends: Vec<i64>,
}

#[derive(Default)]
pub(crate) struct ProvenanceGraph {
    graph: DiGraph<NodeFacts, Relation, u32>,
    index: HashMap<i64, NodeIndex<u32>>,
    by_claim: HashMap<i64, Vec<NodeIndex<u32>>>,
}

impl ProvenanceGraph {
    /// Builds the graph from every appearance and relay edge in the database.
    pub fn load(conn: &Connection) -> Result<ProvenanceGraph> {
        let (nodes, edges): (i64, i64) = conn.query_row(
            "SELECT (SELECT coalesce(max(seq), 0) FROM appearance), (SELECT count(*) FROM relay)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let mut g = ProvenanceGraph {
            graph: DiGraph::with_capacity(nodes as usize, edges as usize),
            index: HashMap::with_capacity(nodes as usize),
            by_claim: HashMap::new(),
        };
        let kinds: HashMap<i64, ActorKind> = {
            let mut stmt = conn.prepare("SELECT seq, kind FROM actor")?;
            let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
            let mut out = HashMap::new();
            for row in rows {
                let (seq, kind) = row?;
                out.insert(seq, kind.parse()?);
            }
            out
        };
        let mut stmt = conn.prepare(
            "SELECT a.seq, a.claim_seq, a.actor_seq, a.stance = 'disputes', coalesce(d.located, 0)
             FROM appearance a LEFT JOIN document d ON d.seq = a.document_seq ORDER BY a.seq",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let actor_seq: i64 = r.get(2)?;
            g.add_node(NodeFacts {
                seq: r.get(0)?,
                claim_seq: r.get(1)?,
                actor_seq,
                actor_kind: kinds.get(&actor_seq).copied().unwrap_or(ActorKind::Unidentified),
                located: r.get(4)?,
                stance: if r.get::<_, bool>(3)? { Stance::Disputes } else { Stance::Asserts },
            });
        }
        let mut stmt = conn.prepare("SELECT appearance_seq, upstream_seq, relation FROM relay")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let relation: Relation = r.get::<_, String>(2)?.parse()?;
            g.add_edge(r.get(0)?, r.get(1)?, relation);
        }
        Ok(g)
    }

    pub fn add_node(&mut self, facts: NodeFacts) {
        let ix = self.graph.add_node(facts);
        self.index.insert(facts.seq, ix);
        self.by_claim.entry(facts.claim_seq).or_default().push(ix);
    }

    /// Adds the edge "`from` took the claim from `upstream`". Unknown rows are
    /// ignored: the store only calls this after inserting both.
    pub fn add_edge(&mut self, from: i64, upstream: i64, relation: Relation) {
        if let (Some(&a), Some(&b)) = (self.index.get(&from), self.index.get(&upstream)) {
            self.graph.add_edge(a, b, relation);
        }
    }

    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    fn facts(&self, ix: NodeIndex<u32>) -> &NodeFacts {
        &self.graph[ix]
    }

    fn upstream_of(&self, ix: NodeIndex<u32>) -> impl Iterator<Item = NodeIndex<u32>> + '_ {
        self.graph.neighbors_directed(ix, Direction::Outgoing)
    }

    fn has_upstream(&self, ix: NodeIndex<u32>) -> bool {
        self.upstream_of(ix).next().is_some()
    }

    /// Origins and dead ends of a claim's asserting appearances: the fast path
    /// behind the independent-origin count.
    pub fn claim_origins(&self, claim_seq: i64) -> Origins {
        let Some(nodes) = self.by_claim.get(&claim_seq) else { return Origins::default() };
        let starts = nodes.iter().copied().filter(|&ix| self.facts(ix).stance == Stance::Asserts);
        let mut out = Origins::default();
        let mut dfs = petgraph::visit::Dfs::empty(&self.graph);
        for start in starts {
            dfs.move_to(start);
            while let Some(ix) = dfs.next(&self.graph) {
                if self.has_upstream(ix) {
                    continue;
                }
                let facts = self.facts(ix);
                if facts.stance == Stance::Disputes {
                    continue;
                }
                if facts.is_dead_end_source() {
                    out.dead_ends.push(facts.seq);
                } else {
                    out.independent.push(facts.seq);
                }
            }
        }
        out.independent.sort_unstable();
        out.dead_ends.sort_unstable();
        out
    }

    /// The full analysis of a claim: its appearances and everything upstream.
    pub fn analyse_claim(&self, claim_seq: i64) -> Analysis {
        let starts = self.by_claim.get(&claim_seq).cloned().unwrap_or_default();
        analysis::analyse(self, &starts, false)
    }

    /// The full analysis around one appearance: upstream and downstream.
    pub fn analyse_appearance(&self, seq: i64) -> Analysis {
        let starts: Vec<_> = self.index.get(&seq).copied().into_iter().collect();
        analysis::analyse(self, &starts, true)
    }
}
