//! W3C PROV: the citation chain in the vocabulary provenance researchers
//! query, as PROV-O in Turtle (serialised by `oxttl`) and as PROV-JSON.
//!
//! Documents, claims, appearances (quotes) and verdicts are entities;
//! speakers and outlets are agents (`prov:Person`, `prov:Organization`, or a
//! bare `prov:Agent` for an unidentified source). An appearance is
//! `prov:specializationOf` its claim, `prov:wasAttributedTo` its speaker or
//! outlet, and `prov:wasDerivedFrom` its upstream; a quote is also
//! `prov:wasQuotedFrom` it, with a qualified `prov:Quotation`. Every relayed
//! appearance `prov:hadPrimarySource` the origins it traces back to.
//! Everything is named `urn:uuid:<id>`; Claimtrail's own terms live under
//! `urn:claimtrail:`.
//!
//! ```
//! use claimtrail_core::interop::{export, ExportFormat};
//! use claimtrail_core::{demo, Scope, Store};
//!
//! let mut store = Store::open_in_memory().unwrap();
//! let now = chrono::Utc::now();
//! demo::load_demo(&mut store, now).unwrap();
//! let ttl = String::from_utf8(export(&store, ExportFormat::ProvTurtle, &Scope::All, now).unwrap().bytes).unwrap();
//! assert!(ttl.contains("prov:wasQuotedFrom"));
//! assert!(ttl.contains("prov:hadPrimarySource"));
//! ```

use std::collections::{HashMap, HashSet};

use oxrdf::vocab::{rdf, xsd};
use oxrdf::{BlankNode, Literal, NamedNode, NamedOrBlankNode, Term, Triple};
use oxttl::TurtleSerializer;
use serde_json::{json, Map, Value};

use super::pretty_json;
use crate::error::{Error, Result};
use crate::model::{ActorKind, Relation};
use crate::store::Records;

const PROV: &str = "http://www.w3.org/ns/prov#";
const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
const DCTERMS: &str = "http://purl.org/dc/terms/";
const FOAF: &str = "http://xmlns.com/foaf/0.1/";
const CT: &str = "urn:claimtrail:";
const XSD: &str = "http://www.w3.org/2001/XMLSchema#";

/// The PROV class of an actor.
fn agent_class(kind: ActorKind) -> Option<&'static str> {
    match kind {
        ActorKind::Person => Some("Person"),
        ActorKind::Outlet | ActorKind::Agency | ActorKind::Organisation | ActorKind::Government => Some("Organization"),
        ActorKind::Unidentified => None,
    }
}

/// For each relayed appearance, the origins (appearances with no upstream)
/// it traces back to. Loops are walked once.
fn primary_sources(records: &Records) -> HashMap<&str, Vec<&str>> {
    let mut upstream: HashMap<&str, Vec<&str>> = HashMap::new();
    for r in &records.relays {
        upstream.entry(r.appearance_id.as_str()).or_default().push(r.upstream_id.as_str());
    }
    let mut out = HashMap::new();
    for start in upstream.keys() {
        let mut seen = HashSet::from([*start]);
        let mut stack = upstream[start].clone();
        let mut origins = Vec::new();
        while let Some(id) = stack.pop() {
            if !seen.insert(id) {
                continue;
            }
            match upstream.get(id) {
                Some(ups) => stack.extend(ups),
                None => origins.push(id),
            }
        }
        origins.sort_unstable();
        out.insert(*start, origins);
    }
    out
}

/// A full timestamp is a `prov:generatedAtTime`; a bare date is not a
/// dateTime, so it goes in `dcterms:date` instead of being padded with a time.
fn is_timestamp(stored: &str) -> bool {
    stored.len() > 10
}

struct Turtle {
    triples: Vec<Triple>,
    blank: usize,
}

impl Turtle {
    fn node(iri: &str) -> Result<NamedNode> {
        NamedNode::new(iri).map_err(|e| Error::invalid(format!("`{iri}` is not an IRI: {e}")))
    }
    fn id(id: &str) -> Result<NamedNode> {
        Turtle::node(&format!("urn:uuid:{id}"))
    }
    fn add(&mut self, s: impl Into<NamedOrBlankNode>, p: &str, o: impl Into<Term>) -> Result<()> {
        self.triples.push(Triple::new(s, Turtle::node(p)?, o));
        Ok(())
    }
    fn a(&mut self, s: &NamedNode, class: &str) -> Result<()> {
        self.triples.push(Triple::new(s.clone(), rdf::TYPE.into_owned(), Turtle::node(class)?));
        Ok(())
    }
    fn text(&mut self, s: &NamedNode, p: &str, value: Option<&str>) -> Result<()> {
        match value {
            Some(v) => self.add(s.clone(), p, Literal::new_simple_literal(v)),
            None => Ok(()),
        }
    }
    fn when(&mut self, s: &NamedNode, stored: Option<&str>) -> Result<()> {
        match stored {
            Some(t) if is_timestamp(t) => {
                self.add(s.clone(), &format!("{PROV}generatedAtTime"), Literal::new_typed_literal(t, xsd::DATE_TIME))
            }
            Some(d) => self.add(s.clone(), &format!("{DCTERMS}date"), Literal::new_typed_literal(d, xsd::DATE)),
            None => Ok(()),
        }
    }
    fn fresh_blank(&mut self) -> BlankNode {
        self.blank += 1;
        BlankNode::new_unchecked(format!("q{}", self.blank))
    }
}

pub(crate) fn write_turtle(records: &Records) -> Result<Vec<u8>> {
    let mut t = Turtle { triples: Vec::new(), blank: 0 };
    let p = |local: &str| format!("{PROV}{local}");
    let ct = |local: &str| format!("{CT}{local}");
    for a in &records.actors {
        let s = Turtle::id(&a.id)?;
        t.a(&s, &p("Agent"))?;
        if let Some(class) = agent_class(a.kind) {
            t.a(&s, &p(class))?;
        }
        t.text(&s, &format!("{FOAF}name"), Some(&a.name))?;
        t.text(&s, &format!("{RDFS}label"), Some(&a.name))?;
        t.text(&s, &ct("actorKind"), Some(a.kind.as_str()))?;
        t.text(&s, &ct("role"), a.role.as_deref())?;
        for alias in &a.aliases {
            t.text(&s, &ct("alias"), Some(alias))?;
        }
        if a.state_affiliated {
            t.add(s.clone(), &ct("stateAffiliated"), Literal::from(true))?;
        }
    }
    for d in &records.documents {
        let s = Turtle::id(&d.id)?;
        t.a(&s, &p("Entity"))?;
        t.a(&s, &ct("Document"))?;
        t.text(&s, &format!("{DCTERMS}title"), d.title.as_deref())?;
        t.text(&s, &format!("{DCTERMS}creator"), d.byline.as_deref())?;
        if let Some(url) = &d.url {
            match NamedNode::new(url) {
                Ok(iri) => t.add(s.clone(), &p("atLocation"), iri)?,
                Err(_) => t.add(s.clone(), &p("atLocation"), Literal::new_typed_literal(url, xsd::ANY_URI))?,
            }
        }
        if let Some(o) = &d.outlet_id {
            t.add(s.clone(), &p("wasAttributedTo"), Turtle::id(o)?)?;
        }
        t.when(&s, d.published_at.as_deref())?;
        t.add(s.clone(), &ct("located"), Literal::from(d.located))?;
    }
    for c in &records.claims {
        let s = Turtle::id(&c.id)?;
        t.a(&s, &p("Entity"))?;
        t.a(&s, &ct("Claim"))?;
        t.text(&s, &p("value"), Some(&c.text))?;
        t.text(&s, &ct("status"), Some(c.status().as_str()))?;
        for v in &c.verdicts {
            let vs = Turtle::id(&v.id)?;
            t.a(&vs, &p("Entity"))?;
            t.a(&vs, &ct("Verdict"))?;
            t.add(vs.clone(), &ct("about"), s.clone())?;
            t.text(&vs, &ct("status"), Some(v.status.as_str()))?;
            t.text(&vs, &format!("{RDFS}comment"), Some(&v.reason))?;
            t.text(&vs, &format!("{DCTERMS}creator"), Some(&v.author))?;
            t.when(&vs, Some(&v.at))?;
            for e in &v.evidence {
                if let Ok(iri) = NamedNode::new(e) {
                    t.add(vs.clone(), &format!("{RDFS}seeAlso"), iri)?;
                }
            }
        }
    }
    for a in &records.appearances {
        let s = Turtle::id(&a.id)?;
        t.a(&s, &p("Entity"))?;
        t.a(&s, &ct("Appearance"))?;
        t.text(&s, &p("value"), a.quote.as_deref())?;
        t.add(s.clone(), &p("specializationOf"), Turtle::id(&a.claim_id)?)?;
        t.add(s.clone(), &p("wasAttributedTo"), Turtle::id(&a.actor_id)?)?;
        if let Some(d) = &a.document_id {
            t.add(s.clone(), &format!("{DCTERMS}isPartOf"), Turtle::id(d)?)?;
        }
        t.text(&s, &ct("stance"), Some(a.stance.as_str()))?;
        t.text(&s, &ct("appearanceKind"), Some(a.kind.as_str()))?;
        t.text(&s, &ct("cue"), a.cue.as_deref())?;
        t.text(&s, &ct("saidWhere"), a.said_where.as_deref())?;
        t.when(&s, a.said_at.as_deref())?;
    }
    for r in &records.relays {
        let (s, up) = (Turtle::id(&r.appearance_id)?, Turtle::id(&r.upstream_id)?);
        t.add(s.clone(), &p("wasDerivedFrom"), up.clone())?;
        let (property, class) = if r.relation == Relation::Quotes {
            t.add(s.clone(), &p("wasQuotedFrom"), up.clone())?;
            ("qualifiedQuotation", "Quotation")
        } else {
            ("qualifiedDerivation", "Derivation")
        };
        let q = t.fresh_blank();
        t.add(s.clone(), &p(property), q.clone())?;
        t.triples.push(Triple::new(q.clone(), rdf::TYPE.into_owned(), Turtle::node(&p(class))?));
        t.add(q.clone(), &p("entity"), up)?;
        t.add(q.clone(), &ct("relation"), Literal::new_simple_literal(r.relation.as_str()))?;
        if let Some(cue) = &r.cue {
            t.add(q, &ct("cue"), Literal::new_simple_literal(cue))?;
        }
    }
    let sources = primary_sources(records);
    for a in &records.appearances {
        for origin in sources.get(a.id.as_str()).into_iter().flatten() {
            t.add(Turtle::id(&a.id)?, &p("hadPrimarySource"), Turtle::id(origin)?)?;
        }
    }

    let prefixes = [("prov", PROV), ("rdfs", RDFS), ("dcterms", DCTERMS), ("foaf", FOAF), ("xsd", XSD), ("ct", CT)];
    let mut serializer = TurtleSerializer::new();
    for (name, iri) in prefixes {
        serializer = serializer.with_prefix(name, iri).map_err(|e| Error::invalid(format!("prefix {name}: {e}")))?;
    }
    let mut writer = serializer.for_writer(Vec::new());
    let io = |e: std::io::Error| Error::invalid(format!("cannot write Turtle: {e}"));
    for triple in &t.triples {
        writer.serialize_triple(triple).map_err(io)?;
    }
    writer.finish().map_err(io)
}

/// A PROV-JSON qualified-name value (`{"$": "prov:Person", "type": "prov:QUALIFIED_NAME"}`).
fn qname(name: &str) -> Value {
    json!({ "$": name, "type": "prov:QUALIFIED_NAME" })
}

fn typed(value: &str) -> Value {
    let datatype = if is_timestamp(value) { "xsd:dateTime" } else { "xsd:date" };
    json!({ "$": value, "type": datatype })
}

fn id(id: &str) -> String {
    format!("id:{id}")
}

/// Relations of one kind, numbered `_:<prefix><n>` as PROV-JSON requires.
struct RelationTable {
    prefix: &'static str,
    rows: Map<String, Value>,
}

impl RelationTable {
    fn new(prefix: &'static str) -> RelationTable {
        RelationTable { prefix, rows: Map::new() }
    }
    fn push(&mut self, row: Value) {
        let key = format!("_:{}{}", self.prefix, self.rows.len() + 1);
        self.rows.insert(key, row);
    }
}

pub(crate) fn write_json(records: &Records) -> Result<Vec<u8>> {
    let mut entity = Map::new();
    let mut agent = Map::new();
    let mut attributed = RelationTable::new("att");
    let mut derived = RelationTable::new("der");
    let mut specialized = RelationTable::new("spe");
    let put = |map: &mut Map<String, Value>, key: &str, value: Option<Value>| {
        if let Some(v) = value {
            map.insert(key.to_string(), v);
        }
    };

    for a in &records.actors {
        let mut attrs = Map::new();
        if let Some(class) = agent_class(a.kind) {
            attrs.insert("prov:type".into(), qname(&format!("prov:{class}")));
        }
        attrs.insert("prov:label".into(), json!(a.name));
        attrs.insert("ct:actorKind".into(), json!(a.kind.as_str()));
        put(&mut attrs, "ct:role", a.role.as_ref().map(|r| json!(r)));
        if !a.aliases.is_empty() {
            attrs.insert("ct:alias".into(), json!(a.aliases));
        }
        agent.insert(id(&a.id), Value::Object(attrs));
    }
    for d in &records.documents {
        let mut attrs = Map::new();
        attrs.insert("prov:type".into(), qname("ct:Document"));
        put(&mut attrs, "prov:label", d.title.as_ref().map(|t| json!(t)));
        put(&mut attrs, "prov:location", d.url.as_ref().map(|u| json!({ "$": u, "type": "xsd:anyURI" })));
        put(&mut attrs, "ct:published", d.published_at.as_deref().map(typed));
        attrs.insert("ct:located".into(), json!(d.located));
        entity.insert(id(&d.id), Value::Object(attrs));
        if let Some(o) = &d.outlet_id {
            attributed.push(json!({ "prov:entity": id(&d.id), "prov:agent": id(o) }));
        }
    }
    for c in &records.claims {
        entity.insert(
            id(&c.id),
            json!({ "prov:type": qname("ct:Claim"), "prov:value": c.text, "ct:status": c.status().as_str() }),
        );
        for v in &c.verdicts {
            let mut attrs = Map::new();
            attrs.insert("prov:type".into(), qname("ct:Verdict"));
            attrs.insert("ct:about".into(), qname(&id(&c.id)));
            attrs.insert("ct:status".into(), json!(v.status.as_str()));
            attrs.insert("ct:reason".into(), json!(v.reason));
            attrs.insert("ct:author".into(), json!(v.author));
            attrs.insert("ct:at".into(), typed(&v.at));
            entity.insert(id(&v.id), Value::Object(attrs));
        }
    }
    for a in &records.appearances {
        let mut attrs = Map::new();
        attrs.insert("prov:type".into(), qname("ct:Appearance"));
        put(&mut attrs, "prov:value", a.quote.as_ref().map(|q| json!(q)));
        attrs.insert("ct:stance".into(), json!(a.stance.as_str()));
        attrs.insert("ct:appearanceKind".into(), json!(a.kind.as_str()));
        put(&mut attrs, "ct:cue", a.cue.as_ref().map(|c| json!(c)));
        put(&mut attrs, "ct:said", a.said_at.as_deref().map(typed));
        put(&mut attrs, "ct:document", a.document_id.as_deref().map(|d| qname(&id(d))));
        entity.insert(id(&a.id), Value::Object(attrs));
        specialized.push(json!({ "prov:specificEntity": id(&a.id), "prov:generalEntity": id(&a.claim_id) }));
        attributed.push(json!({ "prov:entity": id(&a.id), "prov:agent": id(&a.actor_id) }));
    }
    for r in &records.relays {
        let mut row = json!({
            "prov:generatedEntity": id(&r.appearance_id),
            "prov:usedEntity": id(&r.upstream_id),
            "ct:relation": r.relation.as_str(),
        });
        if r.relation == Relation::Quotes {
            row["prov:type"] = qname("prov:Quotation");
        }
        if let Some(cue) = &r.cue {
            row["ct:cue"] = json!(cue);
        }
        derived.push(row);
    }
    let sources = primary_sources(records);
    for a in &records.appearances {
        for origin in sources.get(a.id.as_str()).into_iter().flatten() {
            derived.push(json!({
                "prov:generatedEntity": id(&a.id),
                "prov:usedEntity": id(origin),
                "prov:type": qname("prov:PrimarySource"),
            }));
        }
    }
    let doc = json!({
        "prefix": { "ct": CT, "id": "urn:uuid:", "dcterms": DCTERMS, "foaf": FOAF },
        "entity": entity,
        "agent": agent,
        "wasAttributedTo": attributed.rows,
        "wasDerivedFrom": derived.rows,
        "specializationOf": specialized.rows,
    });
    pretty_json(&doc)
}
