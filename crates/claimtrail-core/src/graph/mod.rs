//! The provenance graph: appearances as nodes, relay edges from each
//! appearance to the upstream appearance it took the claim from.
//!
//! It is derived state. [`ProvenanceGraph::load`] builds it from SQLite when a
//! store opens, and the store adds nodes and edges after each committed write,
//! so queries never rebuild it. petgraph indices stay inside this module: the
//! analyses speak in appearance rows (`seq`), which the store turns into ids.

mod analysis;
pub mod drift;

use std::collections::{HashMap, HashSet};

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use rusqlite::{Connection, OptionalExtension};

use crate::error::{Error, Result};
use crate::model::{ActorKind, Relation, Stance};

pub(crate) use analysis::Analysis;
use analysis::Depth;

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

/// The counts of a claim every screen and command shows ("4 outlets / 1
/// independent"), computed in one place so the list, the claim page and
/// `trace` never disagree.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Origins {
    /// Origin appearances (no upstream, not a dead end) of the asserting chains.
    pub independent: Vec<i64>,
    /// First steps that cannot be followed further.
    pub dead_ends: Vec<i64>,
    /// First steps of the chains that dispute the claim.
    pub disputes: Vec<i64>,
    /// The first asserting appearance of each outlet or agency carrying the
    /// claim, in row order: an outlet that only disputes it does not carry it.
    pub outlets: Vec<i64>,
}

#[derive(Default)]
pub(crate) struct ProvenanceGraph {
    graph: DiGraph<NodeFacts, Relation, u32>,
    /// Node of each appearance row, indexed by `seq` (rows are dense integers,
    /// so a vector beats a hash map at build time and per look-up).
    index: Vec<u32>,
    by_claim: HashMap<i64, Vec<NodeIndex<u32>>>,
    /// Nodes left without an appearance by [`ProvenanceGraph::resync`].
    detached: usize,
}

const NO_NODE: u32 = u32::MAX;

/// The facts of one live appearance, by row.
const FACTS: &str = "SELECT a.seq, a.claim_seq, a.actor_seq, ac.kind, coalesce(d.located, 0), a.stance
     FROM live_appearance a JOIN actor ac ON ac.seq = a.actor_seq
     LEFT JOIN document d ON d.seq = a.document_seq WHERE a.seq = ?1";

fn facts_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<NodeFacts>> {
    let kind: String = r.get(3)?;
    let stance: String = r.get(5)?;
    Ok((|| {
        Ok(NodeFacts {
            seq: r.get(0)?,
            claim_seq: r.get(1)?,
            actor_seq: r.get(2)?,
            actor_kind: kind.parse()?,
            located: r.get(4)?,
            stance: stance.parse()?,
        })
    })())
}

impl ProvenanceGraph {
    /// Builds the graph from every appearance and relay edge in the database.
    ///
    /// About half a second at a million appearances: it reads each table
    /// once in storage order, with no joins and no allocation per row.
    pub fn load(conn: &Connection) -> Result<ProvenanceGraph> {
        loop {
            let before = data_version(conn)?;
            let graph = ProvenanceGraph::load_once(conn)?;
            // The relay edges may come from a second connection: if anyone
            // committed meanwhile, the two reads may disagree, so read again.
            if data_version(conn)? == before {
                return Ok(graph);
            }
        }
    }

    fn load_once(conn: &Connection) -> Result<ProvenanceGraph> {
        // The relay table is the larger read; on a file it is read on a second
        // connection while this one reads the appearances. A read-only store
        // reads them here: it may be open as immutable, which a second
        // connection by path would not be.
        let second = !conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(true);
        let relays = conn.path().filter(|p| !p.is_empty() && second).map(|p| {
            let path = p.to_string();
            std::thread::spawn(move || -> Result<Vec<(i64, i64, Relation)>> {
                let reader = Connection::open_with_flags(
                    path,
                    rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )?;
                read_relays(&reader)
            })
        });
        let (max_seq, edges): (i64, i64) = conn.query_row(
            "SELECT (SELECT coalesce(max(seq), 0) FROM appearance), (SELECT count(*) FROM relay WHERE deleted_at IS NULL)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let mut g = ProvenanceGraph {
            graph: DiGraph::with_capacity(max_seq as usize, edges as usize),
            index: vec![NO_NODE; max_seq as usize + 1],
            by_claim: HashMap::new(),
            detached: 0,
        };
        let mut kinds: Vec<ActorKind> = Vec::new();
        {
            let mut stmt = conn.prepare("SELECT seq, kind FROM actor")?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let seq = r.get::<_, i64>(0)? as usize;
                if kinds.len() <= seq {
                    kinds.resize(seq + 1, ActorKind::Unidentified);
                }
                kinds[seq] = r.get_ref(1)?.as_str()?.parse()?;
            }
        }
        let mut located: Vec<bool> = Vec::new();
        {
            let mut stmt = conn.prepare("SELECT seq FROM document WHERE located = 1")?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let seq = r.get::<_, i64>(0)? as usize;
                if located.len() <= seq {
                    located.resize(seq + 1, false);
                }
                located[seq] = true;
            }
        }
        // Deleted claims are few; their appearances are left out as the rows are read.
        let deleted_claims: HashSet<i64> = conn
            .prepare("SELECT seq FROM claim WHERE deleted_at IS NOT NULL")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = conn.prepare(
            "SELECT seq, claim_seq, actor_seq, document_seq, stance FROM appearance WHERE deleted_at IS NULL",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            if !deleted_claims.is_empty() && deleted_claims.contains(&r.get::<_, i64>(1)?) {
                continue;
            }
            let actor_seq: i64 = r.get(2)?;
            let document: Option<i64> = r.get(3)?;
            g.add_node(NodeFacts {
                seq: r.get(0)?,
                claim_seq: r.get(1)?,
                actor_seq,
                actor_kind: kinds.get(actor_seq as usize).copied().unwrap_or(ActorKind::Unidentified),
                located: document.is_some_and(|d| located.get(d as usize).copied().unwrap_or(false)),
                stance: if r.get_ref(4)?.as_str()? == "disputes" { Stance::Disputes } else { Stance::Asserts },
            });
        }
        let relays = match relays {
            Some(reader) => reader.join().map_err(|_| Error::invalid("the relay reader thread panicked"))??,
            None => read_relays(conn)?,
        };
        for (from, upstream, relation) in relays {
            g.add_edge(from, upstream, relation);
        }
        Ok(g)
    }

    /// The part of the graph the traces of `claims` read: each live
    /// appearance of those claims, everything upstream of them, and the relay
    /// edges among these. A claim's origins and trace read from it equal those
    /// read from the whole graph, since the analysis of a claim never looks
    /// downstream; it costs a few indexed reads instead of every row. Read
    /// again if another connection committed meanwhile, as [`load`](Self::load) does.
    pub(crate) fn load_upstream(conn: &Connection, claims: &[i64]) -> Result<ProvenanceGraph> {
        loop {
            let before = data_version(conn)?;
            let graph = ProvenanceGraph::load_upstream_once(conn, claims)?;
            if data_version(conn)? == before {
                return Ok(graph);
            }
        }
    }

    fn load_upstream_once(conn: &Connection, claims: &[i64]) -> Result<ProvenanceGraph> {
        // Only through live appearances, as the whole graph holds only those.
        let mut members = conn.prepare_cached(
            "WITH RECURSIVE up(seq) AS (
                 SELECT seq FROM live_appearance WHERE claim_seq = ?1
                 UNION
                 SELECT r.upstream_seq FROM relay r JOIN up ON r.appearance_seq = up.seq
                 JOIN live_appearance u ON u.seq = r.upstream_seq
                 WHERE r.deleted_at IS NULL
             )
             SELECT a.seq, a.claim_seq, a.actor_seq, ac.kind, coalesce(d.located, 0), a.stance
             FROM up JOIN appearance a ON a.seq = up.seq JOIN actor ac ON ac.seq = a.actor_seq
             LEFT JOIN document d ON d.seq = a.document_seq",
        )?;
        let mut g = ProvenanceGraph::default();
        let mut added = Vec::new();
        for &claim in claims {
            for facts in members.query_map([claim], facts_row)? {
                let facts = facts??;
                if g.node(facts.seq).is_none() {
                    g.add_node(facts);
                    added.push(facts.seq);
                }
            }
        }
        let mut upstream = conn.prepare_cached(
            "SELECT upstream_seq, relation FROM relay WHERE appearance_seq = ?1 AND deleted_at IS NULL",
        )?;
        for seq in added {
            let mut rows = upstream.query([seq])?;
            while let Some(r) = rows.next()? {
                g.add_edge(seq, r.get(0)?, r.get_ref(1)?.as_str()?.parse()?);
            }
        }
        Ok(g)
    }

    fn node(&self, seq: i64) -> Option<NodeIndex<u32>> {
        match self.index.get(usize::try_from(seq).ok()?) {
            Some(&ix) if ix != NO_NODE => Some(NodeIndex::new(ix as usize)),
            _ => None,
        }
    }

    pub fn add_node(&mut self, facts: NodeFacts) {
        let ix = self.graph.add_node(facts);
        let slot = facts.seq as usize;
        if self.index.len() <= slot {
            self.index.resize(slot + 1, NO_NODE);
        }
        self.index[slot] = ix.index() as u32;
        self.by_claim.entry(facts.claim_seq).or_default().push(ix);
    }

    /// Adds the edge "`from` took the claim from `upstream`". Unknown rows are
    /// ignored: the store only calls this after inserting both.
    pub fn add_edge(&mut self, from: i64, upstream: i64, relation: Relation) {
        if let (Some(a), Some(b)) = (self.node(from), self.node(upstream)) {
            self.graph.add_edge(a, b, relation);
        }
    }

    pub fn node_count(&self) -> usize {
        self.graph.node_count() - self.detached
    }

    /// Reads again the facts of the nodes of `seqs` (speaker, claim, stance,
    /// document) after a correction that left their edges as they were.
    pub fn update_facts(&mut self, conn: &Connection, seqs: &[i64]) -> Result<()> {
        let mut facts_of = conn.prepare_cached(FACTS)?;
        for &seq in seqs {
            let Some(ix) = self.node(seq) else { continue };
            let Some(facts) = facts_of.query_row([seq], facts_row).optional()? else { continue };
            let facts = facts?;
            let old_claim = self.graph[ix].claim_seq;
            if old_claim != facts.claim_seq {
                if let Some(nodes) = self.by_claim.get_mut(&old_claim) {
                    nodes.retain(|&n| n != ix);
                }
                self.by_claim.entry(facts.claim_seq).or_default().push(ix);
            }
            self.graph[ix] = facts;
        }
        Ok(())
    }

    /// Brings the edge from `from` to `upstream` in step with the relay
    /// table: there if the edge is live, gone otherwise.
    pub fn resync_edge(&mut self, conn: &Connection, from: i64, upstream: i64) -> Result<()> {
        let (Some(a), Some(b)) = (self.node(from), self.node(upstream)) else { return Ok(()) };
        while let Some(e) = self.graph.find_edge(a, b) {
            self.graph.remove_edge(e);
        }
        let relation: Option<String> = conn
            .prepare_cached("SELECT relation FROM live_relay WHERE appearance_seq = ?1 AND upstream_seq = ?2")?
            .query_row([from, upstream], |r| r.get(0))
            .optional()?;
        if let Some(relation) = relation {
            self.graph.add_edge(a, b, relation.parse()?);
        }
        Ok(())
    }

    /// Brings the nodes of `seqs` and every edge touching them in step with
    /// the live rows after a correction, a deletion or an undeletion, without
    /// reloading the graph: a node whose appearance is no longer live is
    /// detached (it keeps its slot but no edge and no claim), a live one gets
    /// its facts and edges read afresh.
    pub fn resync(&mut self, conn: &Connection, seqs: &[i64]) -> Result<()> {
        let mut facts_of = conn.prepare_cached(FACTS)?;
        let mut edges_of = conn.prepare_cached(
            "SELECT appearance_seq, upstream_seq, relation FROM live_relay WHERE appearance_seq = ?1
             UNION SELECT appearance_seq, upstream_seq, relation FROM live_relay WHERE upstream_seq = ?1",
        )?;
        for &seq in seqs {
            let Some(ix) = self.node(seq) else { continue };
            let mut edges: Vec<_> = self
                .graph
                .edges_directed(ix, Direction::Outgoing)
                .chain(self.graph.edges_directed(ix, Direction::Incoming))
                .map(|e| e.id())
                .collect();
            // Removing an edge moves the last one into its place: highest first.
            edges.sort_unstable_by_key(|e| std::cmp::Reverse(e.index()));
            edges.dedup();
            for e in edges {
                self.graph.remove_edge(e);
            }
            let claim = self.graph[ix].claim_seq;
            if let Some(nodes) = self.by_claim.get_mut(&claim) {
                nodes.retain(|&n| n != ix);
            }
        }
        let mut live = Vec::new();
        for &seq in seqs {
            let row = facts_of.query_row([seq], facts_row).optional()?.transpose()?;
            let old = self.node(seq);
            match row {
                Some(facts) => {
                    match old {
                        Some(ix) => {
                            self.graph[ix] = facts;
                            self.by_claim.entry(facts.claim_seq).or_default().push(ix);
                        }
                        None => self.add_node(facts),
                    }
                    live.push(seq);
                }
                None => {
                    if old.is_some() {
                        self.index[seq as usize] = NO_NODE;
                        self.detached += 1;
                    }
                }
            }
        }
        for seq in live {
            let edges: Vec<(i64, i64, String)> = edges_of
                .query_map([seq], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?;
            for (from, up, relation) in edges {
                let (Some(a), Some(b)) = (self.node(from), self.node(up)) else { continue };
                if self.graph.find_edge(a, b).is_none() {
                    self.graph.add_edge(a, b, relation.parse()?);
                }
            }
        }
        Ok(())
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

    /// Origins, dead ends and outlets of a claim: the fast path behind the
    /// claims list, over the same members a full trace analyses.
    pub fn claim_origins(&self, claim_seq: i64) -> Origins {
        let Some(nodes) = self.by_claim.get(&claim_seq) else { return Origins::default() };
        let mut members = self.upstream_closure(nodes.iter().copied());
        members.sort_by_key(|&ix| self.facts(ix).seq);
        self.tally(&members)
    }

    /// The counts of a set of appearances given in row order: the one
    /// function behind every "N outlets / M independent" shown anywhere.
    pub(crate) fn tally(&self, members: &[NodeIndex<u32>]) -> Origins {
        let mut out = Origins::default();
        let mut carriers: HashSet<i64> = HashSet::new();
        // One actor is one origin however many times it said the claim (two
        // spellings merged into one actor, say): its first appearance stands for it.
        let mut origin_actors: HashSet<i64> = HashSet::new();
        for &ix in members {
            let facts = self.facts(ix);
            if facts.actor_kind.is_media() && facts.stance == Stance::Asserts && carriers.insert(facts.actor_seq) {
                out.outlets.push(facts.seq);
            }
            if self.has_upstream(ix) {
                continue;
            }
            // Disputing chains are listed as disputes, never as sources of the claim.
            if facts.stance == Stance::Disputes {
                out.disputes.push(facts.seq);
            } else if facts.is_dead_end_source() {
                out.dead_ends.push(facts.seq);
            } else if origin_actors.insert(facts.actor_seq) {
                out.independent.push(facts.seq);
            }
        }
        out
    }

    /// Every node reachable upstream from `starts`, each once, loops included.
    ///
    /// The visited set is sized to the closure, not to the graph: a claim's
    /// ancestry is tens of nodes in a graph of millions, and clearing a
    /// graph-sized bitset per query would cost more than the walk.
    fn upstream_closure(&self, starts: impl IntoIterator<Item = NodeIndex<u32>>) -> Vec<NodeIndex<u32>> {
        self.closure(starts, Direction::Outgoing)
    }

    fn closure(&self, starts: impl IntoIterator<Item = NodeIndex<u32>>, direction: Direction) -> Vec<NodeIndex<u32>> {
        let mut seen: HashSet<NodeIndex<u32>> = HashSet::new();
        let mut stack: Vec<NodeIndex<u32>> = Vec::new();
        let mut out = Vec::new();
        for s in starts {
            if seen.insert(s) {
                stack.push(s);
            }
        }
        while let Some(ix) = stack.pop() {
            out.push(ix);
            for next in self.graph.neighbors_directed(ix, direction) {
                if seen.insert(next) {
                    stack.push(next);
                }
            }
        }
        out
    }

    /// The full analysis of a claim: its appearances and everything upstream.
    pub fn analyse_claim(&self, claim_seq: i64) -> Analysis {
        let starts = self.by_claim.get(&claim_seq).cloned().unwrap_or_default();
        analysis::analyse(self, &starts, false, Depth::Full)
    }

    /// What drawing a claim's graph needs: its members, edges and roles,
    /// without the paths and choke points of [`analyse_claim`](Self::analyse_claim).
    pub(crate) fn claim_drawing(&self, claim_seq: i64) -> Analysis {
        let starts = self.by_claim.get(&claim_seq).cloned().unwrap_or_default();
        analysis::analyse(self, &starts, false, Depth::Drawing)
    }

    /// The full analysis around one appearance: upstream and downstream.
    pub fn analyse_appearance(&self, seq: i64) -> Analysis {
        let starts: Vec<_> = self.node(seq).into_iter().collect();
        analysis::analyse(self, &starts, true, Depth::Full)
    }
}

fn read_relays(conn: &Connection) -> Result<Vec<(i64, i64, Relation)>> {
    let mut out = Vec::new();
    let mut stmt = conn.prepare("SELECT appearance_seq, upstream_seq, relation FROM relay WHERE deleted_at IS NULL")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        out.push((r.get(0)?, r.get(1)?, r.get_ref(2)?.as_str()?.parse()?));
    }
    Ok(out)
}

fn data_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "data_version", |r| r.get(0))?)
}
