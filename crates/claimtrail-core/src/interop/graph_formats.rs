//! The relay graph for network analysis: GraphML (networkx, yEd, Cytoscape),
//! GEXF (Gephi) and DOT (Graphviz).
//!
//! Nodes are appearances, named by their ids, with the claim, actor, actor
//! kind, stance, quote, cue, date, document and whether the appearance is an
//! origin as attributes; edges run from the upstream appearance to the one
//! that took the claim from it, with the relation and the cue. GraphML and
//! GEXF are thin mappings written with `quick-xml` (no maintained Rust writer
//! for either exists); DOT is petgraph's writer over a throwaway graph.
//!
//! XML 1.0 cannot carry some characters at all (NUL and most C0 controls,
//! even escaped), and text from the web may hold them: those become U+FFFD
//! in the XML formats, so the file stays readable by every parser.
//!
//! ```
//! use claimtrail_core::interop::{export, ExportFormat};
//! use claimtrail_core::{demo, Scope, Store};
//!
//! let mut store = Store::open_in_memory().unwrap();
//! let now = chrono::Utc::now();
//! demo::load_demo(&mut store, now).unwrap();
//! let dot = String::from_utf8(export(&store, ExportFormat::Dot, &Scope::All, now).unwrap().bytes).unwrap();
//! assert!(dot.starts_with("digraph"));
//! ```

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use petgraph::dot::{Config, Dot};
use petgraph::graph::DiGraph;
use petgraph::visit::NodeRef;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

use super::day;
use crate::error::{Error, Result};
use crate::store::{AppearanceRecord, Records};

/// One attribute of a node or an edge: its name and its value.
type Attributes = Vec<(&'static str, String)>;

const NODE_KEYS: &[&str] = &[
    "label",
    "claim_id",
    "claim",
    "actor",
    "actor_kind",
    "state_affiliated",
    "stance",
    "kind",
    "quote",
    "cue",
    "date",
    "url",
    "document",
    "located",
    "origin",
];
const EDGE_KEYS: &[&str] = &["relation", "cue"];
/// Attributes that are booleans in the typed formats.
const BOOLEANS: &[&str] = &["state_affiliated", "located", "origin"];

fn node_attributes(records: &Records, a: &AppearanceRecord, relayed: &HashSet<&str>) -> Attributes {
    let actor = records.actor(&a.actor_id);
    let doc = a.document_id.as_deref().and_then(|d| records.document(d));
    let actor_name = actor.map(|x| x.name.clone()).unwrap_or_default();
    let date = doc.and_then(|d| d.published_at.clone()).or_else(|| a.said_at.clone());
    let mut out: Attributes = vec![
        (
            "label",
            match &a.quote {
                Some(q) => format!("{actor_name}: “{q}”"),
                None => actor_name.clone(),
            },
        ),
        ("claim_id", a.claim_id.clone()),
        ("claim", records.claim(&a.claim_id).map(|c| c.text.clone()).unwrap_or_default()),
        ("actor", actor_name),
        ("actor_kind", actor.map(|x| x.kind.as_str().to_string()).unwrap_or_default()),
        ("state_affiliated", actor.is_some_and(|x| x.state_affiliated).to_string()),
        ("stance", a.stance.as_str().to_string()),
        ("kind", a.kind.as_str().to_string()),
    ];
    let optional = [
        ("quote", a.quote.clone()),
        ("cue", a.cue.clone()),
        ("date", date.map(|d| day(&d).to_string())),
        ("url", doc.and_then(|d| d.url.clone())),
        ("document", doc.map(|d| d.title.clone().unwrap_or_else(|| d.id.clone()))),
    ];
    out.extend(optional.into_iter().filter_map(|(k, v)| v.map(|v| (k, v))));
    out.push(("located", doc.is_some_and(|d| d.located).to_string()));
    out.push(("origin", (!relayed.contains(a.id.as_str())).to_string()));
    out
}

fn edge_attributes(r: &crate::store::RelayRecord) -> Attributes {
    let mut out = vec![("relation", r.relation.as_str().to_string())];
    if let Some(cue) = &r.cue {
        out.push(("cue", cue.clone()));
    }
    out
}

fn relayed(records: &Records) -> HashSet<&str> {
    records.relays.iter().map(|r| r.appearance_id.as_str()).collect()
}

/// Text XML 1.0 can hold: characters it forbids become U+FFFD.
fn xml_text(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => '\u{FFFD}',
            c => c,
        })
        .collect()
}

struct Xml {
    w: Writer<Vec<u8>>,
}

impl Xml {
    fn new() -> Result<Xml> {
        let mut xml = Xml { w: Writer::new_with_indent(Vec::new(), b' ', 2) };
        xml.event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        Ok(xml)
    }
    fn event(&mut self, e: Event) -> Result<()> {
        self.w.write_event(e).map_err(|e| Error::invalid(format!("cannot write XML: {e}")))
    }
    fn open(&mut self, name: &str, attrs: &[(&str, &str)]) -> Result<()> {
        let cleaned: Vec<(String, String)> = attrs.iter().map(|(k, v)| (k.to_string(), xml_text(v))).collect();
        let start = BytesStart::new(name).with_attributes(cleaned.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        self.event(Event::Start(start))
    }
    fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) -> Result<()> {
        let cleaned: Vec<(String, String)> = attrs.iter().map(|(k, v)| (k.to_string(), xml_text(v))).collect();
        let start = BytesStart::new(name).with_attributes(cleaned.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        self.event(Event::Empty(start))
    }
    fn close(&mut self, name: &str) -> Result<()> {
        self.event(Event::End(BytesEnd::new(name)))
    }
    fn element(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) -> Result<()> {
        self.open(name, attrs)?;
        self.event(Event::Text(BytesText::new(&xml_text(text))))?;
        self.close(name)
    }
    fn finish(self) -> Vec<u8> {
        let mut out = self.w.into_inner();
        out.push(b'\n');
        out
    }
}

fn attr_type(key: &str, boolean: &'static str, text: &'static str) -> &'static str {
    if BOOLEANS.contains(&key) {
        boolean
    } else {
        text
    }
}

pub(crate) fn write_graphml(records: &Records) -> Result<Vec<u8>> {
    let relayed = relayed(records);
    let mut x = Xml::new()?;
    x.open(
        "graphml",
        &[
            ("xmlns", "http://graphml.graphdrawing.org/xmlns"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
            ),
        ],
    )?;
    for key in NODE_KEYS {
        let kind = attr_type(key, "boolean", "string");
        x.empty("key", &[("id", &format!("n_{key}")), ("for", "node"), ("attr.name", key), ("attr.type", kind)])?;
    }
    for key in EDGE_KEYS {
        x.empty("key", &[("id", &format!("e_{key}")), ("for", "edge"), ("attr.name", key), ("attr.type", "string")])?;
    }
    x.open("graph", &[("id", "relays"), ("edgedefault", "directed")])?;
    for a in &records.appearances {
        x.open("node", &[("id", &a.id)])?;
        for (k, v) in node_attributes(records, a, &relayed) {
            x.element("data", &[("key", &format!("n_{k}"))], &v)?;
        }
        x.close("node")?;
    }
    for (i, r) in records.relays.iter().enumerate() {
        x.open("edge", &[("id", &format!("r{i}")), ("source", &r.upstream_id), ("target", &r.appearance_id)])?;
        for (k, v) in edge_attributes(r) {
            x.element("data", &[("key", &format!("e_{k}"))], &v)?;
        }
        x.close("edge")?;
    }
    x.close("graph")?;
    x.close("graphml")?;
    Ok(x.finish())
}

pub(crate) fn write_gexf(records: &Records, now: DateTime<Utc>) -> Result<Vec<u8>> {
    let relayed = relayed(records);
    let mut x = Xml::new()?;
    x.open("gexf", &[("xmlns", "http://gexf.net/1.3"), ("version", "1.3")])?;
    x.open("meta", &[("lastmodifieddate", &now.format("%Y-%m-%d").to_string())])?;
    x.element("creator", &[], "Claimtrail")?;
    x.element("description", &[], "Relay graph: appearances of claims and who took them from whom")?;
    x.close("meta")?;
    x.open("graph", &[("defaultedgetype", "directed"), ("mode", "static")])?;
    // `label` is the node's own label in GEXF, not an attribute.
    let node_keys: Vec<&str> = NODE_KEYS.iter().copied().filter(|k| *k != "label").collect();
    x.open("attributes", &[("class", "node")])?;
    for (i, key) in node_keys.iter().enumerate() {
        x.empty("attribute", &[("id", &i.to_string()), ("title", key), ("type", attr_type(key, "boolean", "string"))])?;
    }
    x.close("attributes")?;
    x.open("attributes", &[("class", "edge")])?;
    for (i, key) in EDGE_KEYS.iter().enumerate() {
        x.empty("attribute", &[("id", &i.to_string()), ("title", key), ("type", "string")])?;
    }
    x.close("attributes")?;
    x.open("nodes", &[])?;
    for a in &records.appearances {
        let attrs = node_attributes(records, a, &relayed);
        let label = attrs.iter().find(|(k, _)| *k == "label").map(|(_, v)| v.as_str()).unwrap_or_default();
        x.open("node", &[("id", &a.id), ("label", label)])?;
        x.open("attvalues", &[])?;
        for (k, v) in attrs.iter().filter(|(k, _)| *k != "label") {
            let i = node_keys.iter().position(|n| n == k).expect("every attribute has a key");
            x.empty("attvalue", &[("for", &i.to_string()), ("value", v)])?;
        }
        x.close("attvalues")?;
        x.close("node")?;
    }
    x.close("nodes")?;
    x.open("edges", &[])?;
    for (i, r) in records.relays.iter().enumerate() {
        x.open("edge", &[("id", &format!("r{i}")), ("source", &r.upstream_id), ("target", &r.appearance_id)])?;
        x.open("attvalues", &[])?;
        for (k, v) in edge_attributes(r) {
            let i = EDGE_KEYS.iter().position(|n| *n == k).expect("every attribute has a key");
            x.empty("attvalue", &[("for", &i.to_string()), ("value", &v)])?;
        }
        x.close("attvalues")?;
        x.close("edge")?;
    }
    x.close("edges")?;
    x.close("graph")?;
    x.close("gexf")?;
    Ok(x.finish())
}

/// A DOT double-quoted string: quotes and backslashes escaped, line breaks
/// as `\n`, other control characters dropped (Graphviz rejects some).
fn dot_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn dot_attributes(attrs: &Attributes) -> String {
    attrs.iter().map(|(k, v)| format!("{k}={}", dot_string(v))).collect::<Vec<_>>().join(", ")
}

pub(crate) fn write_dot(records: &Records) -> String {
    let relayed = relayed(records);
    let mut graph: DiGraph<DotAttributes, DotAttributes> = DiGraph::new();
    let mut index = std::collections::HashMap::new();
    for a in &records.appearances {
        let mut attrs = node_attributes(records, a, &relayed);
        // Graphviz writes `id` into SVG, so the appearance id survives rendering.
        attrs.push(("id", a.id.clone()));
        attrs.push(("shape", if relayed.contains(a.id.as_str()) { "box" } else { "ellipse" }.to_string()));
        index.insert(a.id.as_str(), graph.add_node(DotAttributes(attrs)));
    }
    for r in &records.relays {
        let mut attrs = edge_attributes(r);
        attrs.push(("label", r.relation.as_str().to_string()));
        graph.add_edge(index[r.upstream_id.as_str()], index[r.appearance_id.as_str()], DotAttributes(attrs));
    }
    let node = |_, n: (petgraph::graph::NodeIndex, &DotAttributes)| n.weight().to_string();
    let edge = |_, e: petgraph::graph::EdgeReference<'_, DotAttributes>| e.weight().to_string();
    let dot = Dot::with_attr_getters(&graph, &[Config::NodeNoLabel, Config::EdgeNoLabel], &edge, &node);
    format!("{dot}")
}

/// petgraph's writer asks node and edge weights to be `Display`, though
/// with `NodeNoLabel`/`EdgeNoLabel` it prints only what the getters return.
struct DotAttributes(Attributes);

impl std::fmt::Display for DotAttributes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&dot_attributes(&self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_forbidden_characters_are_replaced() {
        assert_eq!(xml_text("a\u{0}b\u{1b}c\td"), "a\u{FFFD}b\u{FFFD}c\td");
    }

    #[test]
    fn dot_strings_are_escaped() {
        assert_eq!(dot_string("say \"hi\"\\\n\u{0}"), "\"say \\\"hi\\\"\\\\\\n\"");
    }
}
