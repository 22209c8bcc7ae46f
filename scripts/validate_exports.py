"""Reads every Claimtrail export back with an independent, well-known parser.

Usage: validate_exports.py DIR
DIR holds demo.<format> files written by `claimtrail export` (see
validate-exports.sh). Each check prints PASS or FAIL with the reason; the last
line is 'N passed, N failed' and the exit code is 1 when anything failed.

JSON-LD contexts are served from local stubs, because the checks run without
network access: schema.org's and the Web Annotation context map the terms used
here to the same IRIs the published contexts do.
"""

import csv
import html
import json
import subprocess
import sys
import traceback
from pathlib import Path

SCHEMA = "https://schema.org/"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"

LOCAL_CONTEXTS = {
    "https://schema.org": {"@context": {"@vocab": SCHEMA}},
    "https://schema.org/": {"@context": {"@vocab": SCHEMA}},
    "http://www.w3.org/ns/anno.jsonld": {
        "@context": {
            "@vocab": OA,
            "id": "@id",
            "type": "@type",
            "as": "http://www.w3.org/ns/activitystreams#",
            "items": {"@id": "as:items", "@container": "@list"},
            "first": {"@id": "as:first", "@type": "@id"},
            "source": {"@id": "oa:hasSource", "@type": "@id"},
            "selector": {"@id": "oa:hasSelector", "@type": "@id"},
            "body": {"@id": "oa:hasBody", "@type": "@id"},
            "target": {"@id": "oa:hasTarget", "@type": "@id"},
            "oa": OA,
        }
    },
}


def local_loader(url, options=None):
    key = url.rstrip("/") if url.rstrip("/") in LOCAL_CONTEXTS else url
    if key not in LOCAL_CONTEXTS:
        raise RuntimeError(f"no network in validation; unexpected remote context {url}")
    return {"contextUrl": None, "documentUrl": url, "document": LOCAL_CONTEXTS[key]}


def bundle(d):
    return json.loads((d / "demo.bundle").read_text())


def check_prov_turtle(d):
    import rdflib

    g = rdflib.Graph()
    g.parse(d / "demo.prov-ttl", format="turtle")
    p = rdflib.Namespace(PROV)
    b = bundle(d)
    quoted = list(g.subject_objects(p.wasQuotedFrom))
    primary = list(g.subject_objects(p.hadPrimarySource))
    agents = set(g.subjects(rdflib.RDF.type, p.Agent))
    assert len(g) > 100, f"only {len(g)} triples"
    assert quoted, "no prov:wasQuotedFrom"
    assert primary, "no prov:hadPrimarySource"
    assert len(agents) == len(b["actors"]), f"{len(agents)} agents for {len(b['actors'])} actors"
    quotations = list(g.subjects(rdflib.RDF.type, p.Quotation))
    assert len(quotations) == len(quoted), "every quote has a qualified prov:Quotation"
    # The same graph must also load into the W3C PROV model.
    import prov.model

    doc = prov.model.ProvDocument.deserialize(content=g.serialize(format="turtle"), format="rdf", rdf_format="turtle")
    assert doc.get_records(), "prov read no records from the PROV-O"
    return f"{len(g)} triples, {len(quoted)} quotations, {len(primary)} primary sources"


def check_prov_json(d):
    import prov.model

    doc = prov.model.ProvDocument.deserialize(source=str(d / "demo.prov-json"), format="json")
    b = bundle(d)
    entities = [r for r in doc.get_records() if isinstance(r, prov.model.ProvEntity)]
    agents = [r for r in doc.get_records() if isinstance(r, prov.model.ProvAgent)]
    derivations = [r for r in doc.get_records() if isinstance(r, prov.model.ProvDerivation)]
    verdicts = sum(len(c["verdicts"]) for c in b["claims"])
    expected = len(b["claims"]) + len(b["documents"]) + len(b["appearances"]) + verdicts
    assert len(entities) == expected, f"{len(entities)} entities, expected {expected}"
    assert len(agents) == len(b["actors"]), f"{len(agents)} agents"
    assert len(derivations) >= len(b["relays"]), "a derivation per relay"
    doc.get_provn()  # serialising to PROV-N walks every record again
    return f"{len(entities)} entities, {len(agents)} agents, {len(derivations)} derivations"


def check_graph(d, fmt):
    import networkx as nx

    read = nx.read_graphml if fmt == "graphml" else nx.read_gexf
    g = read(d / f"demo.{fmt}")
    b = bundle(d)
    assert g.is_directed(), "the relay graph is directed"
    assert g.number_of_nodes() == len(b["appearances"]), f"{g.number_of_nodes()} nodes"
    assert g.number_of_edges() == len(b["relays"]), f"{g.number_of_edges()} edges"
    relay = b["relays"][0]
    edge = g.edges[relay["upstream_id"], relay["appearance_id"]]
    assert edge.get("relation") == relay["relation"], f"edge attributes {edge}"
    node = g.nodes[relay["appearance_id"]]
    assert node.get("actor") and node.get("actor_kind"), f"node attributes {node}"
    origins = [n for n, a in g.nodes(data=True) if a.get("origin") in (True, "true")]
    assert origins, "origins are marked"
    return f"{g.number_of_nodes()} nodes, {g.number_of_edges()} edges"


def check_dot(d):
    out = subprocess.run(["dot", "-Tsvg", str(d / "demo.dot")], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr.strip()
    assert "<svg" in out.stdout
    svg = html.unescape(out.stdout)  # Graphviz writes '-' in ids as &#45;
    missing = [a["id"] for a in bundle(d)["appearances"] if f'id="{a["id"]}"' not in svg]
    assert not missing, f"{len(missing)} appearances missing from the SVG"
    if out.stderr.strip():
        raise AssertionError(f"dot warned: {out.stderr.strip()}")
    return f"{len(out.stdout)} bytes of SVG"


def check_claimreview(d):
    from pyld import jsonld

    doc = json.loads((d / "demo.claimreview").read_text())
    expanded = jsonld.expand(doc, {"documentLoader": local_loader})
    reviews = [n for n in expanded if SCHEMA + "ClaimReview" in n.get("@type", [])]
    assert reviews, "no schema:ClaimReview after expansion"
    for r in reviews:
        rating = r[SCHEMA + "reviewRating"][0]
        value = rating[SCHEMA + "ratingValue"][0]["@value"]
        name = rating[SCHEMA + "alternateName"][0]["@value"]
        assert value in (1, 2, 3, 5) and name in ("False", "Misleading", "Contested", "True"), (value, name)
        assert r[SCHEMA + "itemReviewed"][0][SCHEMA + "author"], "the claimant is named"
        assert r[SCHEMA + "claimReviewed"][0]["@value"]
    nquads = jsonld.to_rdf(doc, {"documentLoader": local_loader, "format": "application/n-quads"})
    import rdflib

    g = rdflib.Dataset()
    g.parse(data=nquads, format="nquads")
    return f"{len(reviews)} ClaimReview(s), {len(nquads.splitlines())} quads"


def check_annotations(d):
    from pyld import jsonld

    doc = json.loads((d / "demo.annotations").read_text())
    expanded = jsonld.expand(doc, {"documentLoader": local_loader})
    flat = jsonld.flatten(doc, None, {"documentLoader": local_loader})
    selectors = [n for n in flat if OA + "TextQuoteSelector" in n.get("@type", [])]
    annotations = [n for n in flat if OA + "Annotation" in n.get("@type", [])]
    assert expanded and annotations, "no oa:Annotation after expansion"
    assert len(selectors) == len(annotations), f"{len(selectors)} selectors for {len(annotations)} annotations"
    for s in selectors:
        assert s[OA + "exact"][0]["@value"], "a selector without exact text"
    return f"{len(annotations)} annotations"


def check_csl(d):
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    items = json.loads((d / "demo.csl-json").read_text())
    assert items, "no citation items"
    source = CiteProcJSON(items)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bib = CitationStylesBibliography(style, source, formatter.plain)
    for item in items:
        bib.register(Citation([CitationItem(item["id"])]))
    rendered = [str(entry) for entry in bib.bibliography()]
    assert len(rendered) == len(items), f"{len(rendered)} of {len(items)} rendered"
    for item in items:
        assert item["type"] == "article-newspaper"
    return f"{len(items)} item(s): {rendered[0][:80]}"


def check_csv(d):
    with open(d / "demo.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    b = bundle(d)
    assert len(rows) == len(b["appearances"]), f"{len(rows)} rows"
    for row in rows:
        for col, cell in row.items():
            assert not cell or cell[0] not in "=+-@\t\r", f"formula-like cell in {col}: {cell[:20]!r}"
    hostile = [r for r in rows if "HYPERLINK" in r["claim"]]
    assert hostile and hostile[0]["claim"].startswith("'="), "the hostile claim is neutralised"
    return f"{len(rows)} rows"


def check_bundle(d):
    b = bundle(d)
    assert b["format"] == "claimtrail-bundle" and b["version"] == 2
    # Since version 2 verdicts travel with the sender's history chain.
    verdicts = sum(len(c.get("verdicts", [])) for c in b["claims"])
    assert not verdicts or isinstance(b.get("chain"), dict), "verdicts come with their history chain"
    ids = [x["id"] for k in ("claims", "actors", "documents", "appearances") for x in b[k]]
    assert len(ids) == len(set(ids)), "ids are unique"
    return f"{len(b['claims'])} claims, {len(b['appearances'])} appearances"


CHECKS = [
    ("prov-ttl read by rdflib and prov", check_prov_turtle),
    ("prov-json read by prov", check_prov_json),
    ("graphml read by networkx", lambda d: check_graph(d, "graphml")),
    ("gexf read by networkx", lambda d: check_graph(d, "gexf")),
    ("dot rendered by Graphviz", check_dot),
    ("claimreview expanded by pyld, loaded by rdflib", check_claimreview),
    ("annotations expanded by pyld", check_annotations),
    ("csl-json rendered by citeproc-py", check_csl),
    ("csv read by the csv module", check_csv),
    ("bundle read by json", check_bundle),
]


def main():
    d = Path(sys.argv[1])
    passed = failed = 0
    for name, check in CHECKS:
        try:
            detail = check(d)
            print(f"PASS {name}: {detail}")
            passed += 1
        except Exception as e:  # every failure is reported, then the next check runs
            print(f"FAIL {name}: {type(e).__name__}: {e}")
            traceback.print_exc(limit=2, file=sys.stderr)
            failed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
