//! `trace`: the provenance analysis of a claim or an appearance, in the words
//! and ids users see.

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::claims::AppearanceView;
use super::{RecordKind, Store};
use crate::error::{Error, Result};
use crate::graph::drift::{compare, Change};
use crate::graph::Analysis;
use crate::model::{ActorKind, Relation, Stance};
use crate::when::stamp;

/// A claim carried by at least this many outlets with at most one independent
/// origin is flagged as false corroboration.
pub const FALSE_CORROBORATION_OUTLETS: usize = 3;

crate::model::vocabulary!(
    /// Where a hop stands in its chain.
    HopRole, "hop role" {
        Origin = "origin",
        DeadEnd = "dead_end",
        /// On a loop of relays.
        Cycle = "cycle",
        /// The first step of a disputing chain.
        Dispute = "dispute",
        Relay = "relay",
    }
);

crate::model::vocabulary!(
    /// Why nobody has located the claim's source behind a dead end.
    DeadEndReason, "dead end reason" {
        /// The chain ends at a source the text does not name.
        UnidentifiedSource = "unidentified_source",
        /// The chain ends at a document nobody has found.
        UnlocatedDocument = "unlocated_document",
    }
);

crate::model::vocabulary!(
    /// What a trace warns about.
    WarningKind, "warning kind" {
        /// Many outlets, one origin.
        FalseCorroboration = "false_corroboration",
        CircularReporting = "circular_reporting",
        UnlocatedSource = "unlocated_source",
    }
);

/// One appearance as a step of a chain.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Hop {
    pub appearance_id: String,
    /// The appearance's short name to type back.
    pub handle: String,
    pub actor: String,
    pub actor_kind: ActorKind,
    pub stance: Stance,
    /// How this hop took the claim from the previous one (`None` on the first step).
    pub relation: Option<Relation>,
    pub cue: Option<String>,
    pub quote: Option<String>,
    pub document_id: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub located: bool,
    /// The publication date of the document, else when it was said.
    pub date: Option<String>,
    pub role: HopRole,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OriginRef {
    pub appearance_id: String,
    pub actor: String,
    pub actor_kind: ActorKind,
    pub quote: Option<String>,
    pub said_at: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DeadEnd {
    pub appearance_id: String,
    pub actor: String,
    pub reason: DeadEndReason,
    /// Who carried it onward, nearest first.
    pub carried_by: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Drift {
    pub from_appearance: String,
    pub to_appearance: String,
    pub from_actor: String,
    pub to_actor: String,
    pub from_quote: String,
    pub to_quote: String,
    pub similarity: f32,
    pub changes: Vec<Change>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Warning {
    pub kind: WarningKind,
    pub message: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EdgeView {
    /// The upstream appearance.
    pub from: String,
    /// The appearance that took the claim from it.
    pub to: String,
    pub relation: Relation,
    pub cue: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DisputeRef {
    pub appearance_id: String,
    pub actor: String,
    pub quote: Option<String>,
    pub cue: Option<String>,
    /// Who carried the dispute onward, nearest first.
    pub carried_by: Vec<String>,
}

/// The provenance of a claim: where it came from and how it travelled.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Trace {
    pub claim_id: String,
    /// The claim's short name to type back.
    pub claim_handle: String,
    pub claim_text: String,
    pub origins: Vec<OriginRef>,
    pub independent_origins: usize,
    /// Outlets and agencies carrying the claim, first appearance first.
    pub outlets: Vec<String>,
    /// Actor names along each path, origin first.
    pub paths: Vec<Vec<String>>,
    /// The same paths with every hop's details.
    pub path_hops: Vec<Vec<Hop>>,
    pub paths_truncated: bool,
    pub dead_ends: Vec<DeadEnd>,
    /// Actor names around each loop, in citing order.
    pub cycles: Vec<Vec<String>>,
    pub choke_points: Vec<String>,
    pub drift: Vec<Drift>,
    pub disputes: Vec<DisputeRef>,
    pub warnings: Vec<Warning>,
    /// Every appearance of the graph, for drawing it.
    pub nodes: Vec<Hop>,
    pub edges: Vec<EdgeView>,
}

impl Store {
    /// Traces a claim to its origins.
    pub fn trace(&self, claim: &str) -> Result<Trace> {
        let claim = self.resolve_claim(claim)?;
        let analysis = self.with_graph_of(&[claim.seq], |g| g.analyse_claim(claim.seq))?;
        self.describe(claim.id, claim.text, analysis)
    }

    /// Traces one appearance upstream and downstream.
    pub fn trace_appearance(&self, appearance_id: &str) -> Result<Trace> {
        let (seq, claim_seq) = self.appearance_seq(appearance_id)?;
        let (id, text): (String, String) =
            self.conn
                .query_row("SELECT id, text FROM claim WHERE seq = ?1", [claim_seq], |r| Ok((r.get(0)?, r.get(1)?)))?;
        self.describe(id, text, self.graph()?.analyse_appearance(seq))
    }

    /// A live appearance by handle, id or unique prefix, with its claim.
    pub(super) fn appearance_seq(&self, id: &str) -> Result<(i64, i64)> {
        let found = super::handles::resolve_among(&self.conn, id, &[RecordKind::Appearance])?;
        self.conn
            .query_row("SELECT seq, claim_seq FROM live_appearance WHERE seq = ?1", [found.seq], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?
            .ok_or_else(|| {
                Error::invalid(format!("appearance {} is deleted; `claimtrail undelete` restores it", found.id))
            })
    }

    /// Refuses a relay edge between appearances of two different claims (a
    /// chain carries one claim): adding one and moving an edge's end alike.
    pub(super) fn one_claim(&self, (from, from_claim): (&str, i64), (upstream, up_claim): (&str, i64)) -> Result<()> {
        if from_claim == up_claim {
            return Ok(());
        }
        let handle = |claim: i64| -> Result<String> {
            let id: String = self.conn.query_row("SELECT id FROM claim WHERE seq = ?1", [claim], |r| r.get(0))?;
            Ok(self.handle_for_id(&id).unwrap_or(id))
        };
        Err(Error::invalid(format!(
            "appearance {from} is of claim {} and {upstream} of claim {}: a relay links two appearances of one claim \
             (`claimtrail edit {from} --claim CLAIM` moves an appearance, `claimtrail claim merge` joins two claims)",
            handle(from_claim)?,
            handle(up_claim)?
        )))
    }

    /// Records that `from` took its claim from `upstream`, as an audited
    /// event in the claim's history and one step of the undo stack. Loops are
    /// allowed (circular reporting is a finding, not an error); self-citation,
    /// a repeated edge and an edge between appearances of two different
    /// claims (a chain carries one claim) are refused.
    pub fn add_relay(
        &mut self,
        from: &str,
        upstream: &str,
        relation: Relation,
        cue: Option<&str>,
        author: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.refresh()?;
        let (from_seq, from_claim) = self.appearance_seq(from)?;
        let (up_seq, up_claim) = self.appearance_seq(upstream)?;
        if from_seq == up_seq {
            return Err(Error::invalid("an appearance cannot relay itself"));
        }
        self.one_claim((from, from_claim), (upstream, up_claim))?;
        let cue = super::non_blank(cue);
        let tx = self.write_transaction()?;
        let exists: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM relay WHERE appearance_seq = ?1 AND upstream_seq = ?2 AND deleted_at IS NULL)",
            params![from_seq, up_seq],
            |r| r.get(0),
        )?;
        if exists {
            return Err(Error::invalid(format!("appearance {from} already relays {upstream}")));
        }
        if !super::rows::insert_relay(&tx, from_seq, up_seq, relation, cue.as_deref(), &stamp(now))? {
            // A deleted edge comes back with what was given now.
            tx.execute(
                "UPDATE relay SET deleted_at = NULL, relation = ?3, cue = ?4 WHERE appearance_seq = ?1 AND upstream_seq = ?2",
                params![from_seq, up_seq, relation.as_str(), cue],
            )?;
        }
        let ids = |seq: i64| tx.query_row("SELECT id FROM appearance WHERE seq = ?1", [seq], |r| r.get::<_, String>(0));
        let target = super::corrections::Target::Relay { from: ids(from_seq)?, to: ids(up_seq)? };
        let changes = [super::corrections::Change::Undelete { target }];
        let claim: String = tx.query_row("SELECT id FROM claim WHERE seq = ?1", [from_claim], |r| r.get(0))?;
        let touched = super::corrections::Touched { claims: vec![claim], ..Default::default() };
        let detail = super::corrections::audit_detail("relay", &changes, author, &touched)?;
        super::history::record_audit(&tx, &stamp(now), "relay", &detail)?;
        super::undo::push_step(&tx, "relay", &changes, None)?;
        tx.commit()?;
        self.anchor_head();
        if let Some(graph) = self.built_graph() {
            graph.add_edge(from_seq, up_seq, relation);
        }
        Ok(())
    }

    /// The drawing of a claim's graph (its nodes, edges and independent
    /// origins) without the paths, drift and choke points of a full trace.
    pub(super) fn claim_drawing(&self, claim_seq: i64) -> Result<(Vec<Hop>, Vec<EdgeView>, usize)> {
        let a = self.with_graph_of(&[claim_seq], |g| g.claim_drawing(claim_seq))?;
        let d = self.drawn(&a)?;
        Ok((d.nodes(), d.edges(), a.origins.len()))
    }

    fn drawn<'a>(&self, a: &'a Analysis) -> Result<Drawn<'a>> {
        let mut views: HashMap<i64, AppearanceView> = HashMap::with_capacity(a.members.len());
        for &seq in &a.members {
            if let Some(v) = self.appearances_where("a.seq = ?1", seq)?.pop() {
                views.insert(seq, v);
            }
        }
        let mut relay_stmt =
            self.conn.prepare_cached("SELECT cue FROM relay WHERE appearance_seq = ?1 AND upstream_seq = ?2")?;
        let mut relay_cue: HashMap<(i64, i64), Option<String>> = HashMap::new();
        for &(up, down, _) in &a.edges {
            relay_cue.insert((up, down), relay_stmt.query_row(params![down, up], |r| r.get(0))?);
        }
        Ok(Drawn {
            a,
            views,
            relay_cue,
            in_cycle: a.cycles.iter().flatten().copied().collect(),
            origins: a.origins.iter().copied().collect(),
            dead_ends: a.dead_ends.iter().copied().collect(),
            disputes: a.disputes.iter().copied().collect(),
            relation_of: a.edges.iter().map(|&(u, d, r)| ((u, d), r)).collect(),
        })
    }

    fn describe(&self, claim_id: String, claim_text: String, a: Analysis) -> Result<Trace> {
        let d = self.drawn(&a)?;
        let view = |seq: i64| d.view(seq);
        let hop = |prev: Option<i64>, seq: i64| d.hop(prev, seq);
        let mut first_downstream: HashMap<i64, i64> = HashMap::new();
        for &(u, d, _) in &a.edges {
            first_downstream.entry(u).or_insert(d);
        }

        let path_hops: Vec<Vec<Hop>> = a
            .paths
            .iter()
            .map(|p| p.iter().enumerate().map(|(i, &s)| hop(if i == 0 { None } else { Some(p[i - 1]) }, s)).collect())
            .collect();
        let paths = path_hops.iter().map(|p| p.iter().map(|h| h.actor.clone()).collect()).collect();

        // Counted by the same function as the claims list (graph `tally`).
        let outlets: Vec<String> = a.outlets.iter().map(|&s| view(s).actor.clone()).collect();

        let origins: Vec<OriginRef> = a
            .origins
            .iter()
            .map(|&s| {
                let v = view(s);
                OriginRef {
                    appearance_id: v.id.clone(),
                    actor: v.actor.clone(),
                    actor_kind: v.actor_kind,
                    quote: v.quote.clone(),
                    said_at: v.said_at.clone(),
                }
            })
            .collect();

        // The first chain leading downstream from a first step, as actor names.
        let carried_by = |first: i64| -> Vec<String> {
            let mut names = Vec::new();
            let mut at = first;
            while let Some(&down) = first_downstream.get(&at) {
                if names.len() > a.members.len() {
                    break;
                }
                names.push(view(down).actor.clone());
                at = down;
            }
            names
        };
        let dead_ends: Vec<DeadEnd> = a
            .dead_ends
            .iter()
            .map(|&s| {
                let v = view(s);
                let carried_by = carried_by(s);
                DeadEnd {
                    appearance_id: v.id.clone(),
                    actor: v.actor.clone(),
                    reason: if v.actor_kind == ActorKind::Unidentified {
                        DeadEndReason::UnidentifiedSource
                    } else {
                        DeadEndReason::UnlocatedDocument
                    },
                    carried_by,
                }
            })
            .collect();

        let cycles: Vec<Vec<String>> =
            a.cycles.iter().map(|c| c.iter().map(|&s| view(s).actor.clone()).collect()).collect();
        let mut choke_points: Vec<String> = Vec::new();
        for &s in &a.choke_points {
            let name = view(s).actor.clone();
            if !choke_points.contains(&name) {
                choke_points.push(name);
            }
        }

        // Drift between consecutive quoted hops of every path, each pair once.
        let mut drift = Vec::new();
        let mut compared = BTreeSet::new();
        for p in &a.paths {
            let quoted: Vec<i64> = p.iter().copied().filter(|&s| view(s).quote.is_some()).collect();
            for w in quoted.windows(2) {
                if !compared.insert((w[0], w[1])) {
                    continue;
                }
                let (up, down) = (view(w[0]), view(w[1]));
                let (from_quote, to_quote) =
                    (up.quote.clone().unwrap_or_default(), down.quote.clone().unwrap_or_default());
                let change = compare(&from_quote, &to_quote);
                drift.push(Drift {
                    from_appearance: up.id.clone(),
                    to_appearance: down.id.clone(),
                    from_actor: up.actor.clone(),
                    to_actor: down.actor.clone(),
                    from_quote,
                    to_quote,
                    similarity: change.similarity,
                    changes: change.changes,
                });
            }
        }

        let disputes = a
            .disputes
            .iter()
            .map(|&s| {
                let v = view(s);
                DisputeRef {
                    appearance_id: v.id.clone(),
                    actor: v.actor.clone(),
                    quote: v.quote.clone(),
                    cue: v.cue.clone(),
                    carried_by: carried_by(s),
                }
            })
            .collect();

        let mut warnings = Vec::new();
        if outlets.len() >= FALSE_CORROBORATION_OUTLETS && a.origins.len() <= 1 {
            warnings.push(Warning {
                kind: WarningKind::FalseCorroboration,
                message: false_corroboration(&a, &d, &outlets, origins.first()),
            });
        }
        for c in &cycles {
            let mut names = c.clone();
            names.push(c[0].clone());
            warnings.push(Warning {
                kind: WarningKind::CircularReporting,
                message: format!(
                    "Circular reporting: {}. None of them is an independent source.",
                    names.join(" cites ")
                ),
            });
        }
        for d in &dead_ends {
            let why = if d.reason == DeadEndReason::UnidentifiedSource {
                "an unnamed source nobody can check"
            } else {
                "a report nobody has located yet"
            };
            let via = if d.carried_by.is_empty() {
                String::new()
            } else {
                format!(", carried by {}", d.carried_by.join(" then "))
            };
            warnings.push(Warning {
                kind: WarningKind::UnlocatedSource,
                message: format!("The chain starts at \"{}\", {why}{via}.", d.actor),
            });
        }

        let nodes = d.nodes();
        let edges = d.edges();

        Ok(Trace {
            claim_handle: self.handle_for_id(&claim_id)?,
            claim_id,
            claim_text,
            independent_origins: origins.len(),
            origins,
            outlets,
            paths,
            path_hops,
            paths_truncated: a.paths_truncated,
            dead_ends,
            cycles,
            choke_points,
            drift,
            disputes,
            warnings,
            nodes,
            edges,
        })
    }
}

/// The false-corroboration warning, naming as tracing back to the origin only
/// the outlets downstream of it: a branch that starts at an unnamed or
/// unlocated source is said to, not folded into the origin.
fn false_corroboration(a: &Analysis, d: &Drawn<'_>, outlets: &[String], origin: Option<&OriginRef>) -> String {
    let head = format!("{} outlets carry this claim ({})", outlets.len(), outlets.join(", "));
    let tail = "they are relays, not independent confirmations.";
    let Some(origin) = origin else {
        return format!("{head}, but none traces back to an independent origin anyone has located: {tail}");
    };
    let mut downstream: HashMap<i64, Vec<i64>> = HashMap::new();
    for &(up, down, _) in &a.edges {
        downstream.entry(up).or_default().push(down);
    }
    let start = a.origins[0];
    let mut reached: HashSet<i64> = HashSet::from([start]);
    let mut stack = vec![start];
    while let Some(at) = stack.pop() {
        for &next in downstream.get(&at).into_iter().flatten() {
            if reached.insert(next) {
                stack.push(next);
            }
        }
    }
    let (from_origin, elsewhere): (Vec<&String>, Vec<&String>) = outlets.iter().partition(|name| {
        reached.iter().any(|&s| {
            let v = d.view(s);
            &v.actor == *name && v.stance == Stance::Asserts
        })
    });
    let source = format!("one independent origin ({})", origin.actor);
    if elsewhere.is_empty() {
        return format!("{head}, but they all trace back to {source}: {tail}");
    }
    let list = |names: &[&String]| names.iter().map(|n| n.as_str()).collect::<Vec<_>>().join(", ");
    let rest = format!("{} to no source anyone has located", list(&elsewhere));
    if from_origin.is_empty() {
        return format!("{head}, but none traces back to an independent origin ({rest}): {tail}");
    }
    format!("{head}, but {} trace back to {source} and {rest}: {tail}", list(&from_origin))
}

/// The members of an analysis as users see them, with what a hop needs:
/// look-up tables, so long chains stay linear.
struct Drawn<'a> {
    a: &'a Analysis,
    views: HashMap<i64, AppearanceView>,
    relay_cue: HashMap<(i64, i64), Option<String>>,
    in_cycle: HashSet<i64>,
    origins: HashSet<i64>,
    dead_ends: HashSet<i64>,
    disputes: HashSet<i64>,
    relation_of: HashMap<(i64, i64), Relation>,
}

impl Drawn<'_> {
    fn view(&self, seq: i64) -> &AppearanceView {
        &self.views[&seq]
    }

    fn role(&self, seq: i64) -> HopRole {
        if self.origins.contains(&seq) {
            HopRole::Origin
        } else if self.dead_ends.contains(&seq) {
            HopRole::DeadEnd
        } else if self.in_cycle.contains(&seq) {
            HopRole::Cycle
        } else if self.disputes.contains(&seq) {
            HopRole::Dispute
        } else {
            HopRole::Relay
        }
    }

    /// The appearance `seq` as a step taken from `prev` (`None`: a step on its own).
    fn hop(&self, prev: Option<i64>, seq: i64) -> Hop {
        let v = self.view(seq);
        let relation = prev.and_then(|p| self.relation_of.get(&(p, seq)).copied());
        let cue = match prev {
            Some(p) => self.relay_cue.get(&(p, seq)).cloned().flatten().or_else(|| v.cue.clone()),
            None => v.cue.clone(),
        };
        Hop {
            appearance_id: v.id.clone(),
            handle: v.handle.clone(),
            actor: v.actor.clone(),
            actor_kind: v.actor_kind,
            stance: v.stance,
            relation,
            cue,
            quote: v.quote.clone(),
            document_id: v.document_id.clone(),
            title: v.title.clone(),
            url: v.url.clone(),
            located: v.located,
            date: v.published_at.clone().or_else(|| v.said_at.clone()),
            role: self.role(seq),
        }
    }

    /// Every member, for drawing.
    fn nodes(&self) -> Vec<Hop> {
        self.a.members.iter().map(|&s| self.hop(None, s)).collect()
    }

    fn edges(&self) -> Vec<EdgeView> {
        self.a
            .edges
            .iter()
            .map(|&(u, d, relation)| EdgeView {
                from: self.view(u).id.clone(),
                to: self.view(d).id.clone(),
                relation,
                cue: self.relay_cue.get(&(u, d)).cloned().flatten(),
            })
            .collect()
    }
}
