//! The sources library: a reference list imported from a citation manager is
//! listed, searched and shown, goes back out as CSL-JSON with every item's
//! title, authors, issued date, URL and DOI, and survives a second round trip.

use claimtrail_core::interop::{export, import_bytes, ExportFormat};
use claimtrail_core::{ActorKind, ActorSpec, DocumentFilter, DocumentSpec, LogRequest, RelayStep, Scope, Store};
use serde_json::{json, Value};

fn now() -> chrono::DateTime<chrono::Utc> {
    "2025-07-06T10:00:00Z".parse().unwrap()
}

/// Items in the shape Zotero's CSL-JSON export writes: its own item URIs as
/// ids, string date parts, names split into given and family.
fn library() -> Value {
    json!([
        {
            "id": "http://zotero.org/users/local/Qm3bX1/items/7KQ2ZJ4D",
            "type": "article-newspaper",
            "title": "Governor says region fully under control",
            "container-title": "Kenya Star",
            "URL": "https://kenyastar.example/2025/07/luhansk",
            "issued": {"date-parts": [["2025", "7", "3"]]},
            "accessed": {"date-parts": [["2025", "7", "4"]]},
            "author": [{"family": "Otieno", "given": "Grace"}, {"family": "Mwangi", "given": "Peter"}]
        },
        {
            "id": "http://zotero.org/users/local/Qm3bX1/items/9XW1B2CV",
            "type": "article-journal",
            "title": "Measuring the spread of wire copy",
            "container-title": "Journalism Studies",
            "DOI": "10.1080/1461670X.2024.2311234",
            "URL": "https://doi.org/10.1080/1461670X.2024.2311234",
            "issued": {"date-parts": [["2024"]]},
            "author": [{"family": "Nakamura", "given": "Aiko"}, {"literal": "Reuters Institute"}]
        },
        {
            "id": "http://zotero.org/users/local/Qm3bX1/items/AB12CD34",
            "type": "report",
            "title": "Field report on river crossings",
            "container-title": "Kyiv Independent",
            "issued": {"date-parts": [["2025", "6"]]}
        }
    ])
}

/// What a round trip must keep of each item, by title.
fn kept(csl: &Value) -> Vec<(String, Value, Value, Value, Value)> {
    let mut out: Vec<_> = csl
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["title"].as_str().unwrap().to_string(),
                i["author"].clone(),
                i["issued"]["date-parts"].clone(),
                i["URL"].clone(),
                i["DOI"].clone(),
            )
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Date parts as numbers, however the file wrote them ("2025" or 2025).
fn numeric(parts: &Value) -> Value {
    match parts {
        Value::Array(items) => Value::Array(items.iter().map(numeric).collect()),
        Value::String(s) => s.parse::<u64>().map(Value::from).unwrap_or(Value::String(s.clone())),
        other => other.clone(),
    }
}

#[test]
fn an_imported_library_is_listed_searched_shown_and_exported_back_whole() {
    let mut store = Store::open_in_memory().unwrap();
    let report = import_bytes(&mut store, &serde_json::to_vec(&library()).unwrap(), now()).unwrap();
    assert_eq!(report.added.documents, 3);

    let all = store.documents(&DocumentFilter::default()).unwrap();
    assert_eq!(all.len(), 3);
    assert!(all.iter().all(|d| d.claims == 0));
    let search = |q: &str| {
        let filter = DocumentFilter { search: Some(q.into()), ..Default::default() };
        store.documents(&filter).unwrap().into_iter().map(|d| d.title.unwrap()).collect::<Vec<_>>()
    };
    assert_eq!(search("wire copy"), ["Measuring the spread of wire copy"]);
    assert_eq!(search("Nakamura"), ["Measuring the spread of wire copy"], "an author in the reference");
    assert_eq!(search("1461670X"), ["Measuring the spread of wire copy"], "the DOI");
    assert_eq!(search("kenya star"), ["Governor says region fully under control"], "the outlet, any case");
    assert!(search("100%_").is_empty(), "LIKE wildcards are literal");
    let by_outlet = DocumentFilter { outlet: Some("Kyiv Independent".into()), ..Default::default() };
    assert_eq!(store.documents(&by_outlet).unwrap().len(), 1);

    let journal = all.iter().find(|d| d.doi.is_some()).unwrap();
    let shown = store.document(&journal.handle).unwrap();
    assert_eq!(shown.authors, ["Aiko Nakamura", "Reuters Institute"]);
    assert_eq!(shown.summary.doi.as_deref(), Some("10.1080/1461670X.2024.2311234"));
    assert!(shown.cited_by.is_empty());

    // Out and back: every item keeps its title, authors, issued date, URL and DOI.
    let first: Value =
        serde_json::from_slice(&export(&store, ExportFormat::CslJson, &Scope::All, now()).unwrap().bytes).unwrap();
    let mut expected = kept(&library());
    for item in &mut expected {
        item.2 = numeric(&item.2);
    }
    let mut got = kept(&first);
    for item in &mut got {
        item.2 = numeric(&item.2);
    }
    assert_eq!(got, expected);

    let mut again = Store::open_in_memory().unwrap();
    import_bytes(&mut again, &serde_json::to_vec(&first).unwrap(), now()).unwrap();
    let second: Value =
        serde_json::from_slice(&export(&again, ExportFormat::CslJson, &Scope::All, now()).unwrap().bytes).unwrap();
    assert_eq!(kept(&second), kept(&first));
    // Importing the export into the library it came from adds nothing.
    let back = import_bytes(&mut store, &serde_json::to_vec(&first).unwrap(), now()).unwrap();
    assert_eq!(back.added.documents, 0);
}

#[test]
fn a_claim_logged_on_a_library_document_is_listed_under_it_and_under_its_case() {
    let mut store = Store::open_in_memory().unwrap();
    import_bytes(&mut store, &serde_json::to_vec(&library()).unwrap(), now()).unwrap();
    let mut req = LogRequest::new(
        "Luhansk is fully under Russian control",
        ActorSpec::named("Leonid Pasechnik", ActorKind::Person),
    );
    let mut step = RelayStep::cites(ActorSpec::named("Kenya Star", ActorKind::Outlet));
    step.document =
        Some(DocumentSpec { url: Some("https://kenyastar.example/2025/07/luhansk".into()), ..Default::default() });
    req.relays.push(step);
    req.cases.push("Ukraine, July 2025".into());
    store.log(&req, now()).unwrap();

    let in_case = DocumentFilter { case: Some("ukraine, july 2025".into()), ..Default::default() };
    let listed = store.documents(&in_case).unwrap();
    assert_eq!(listed.len(), 1, "the imported page, not a second copy of it");
    assert_eq!((listed[0].claims, listed[0].appearances), (1, 1));
    let shown = store.document(&listed[0].handle).unwrap();
    assert_eq!(shown.cited_by[0].claim_text, "Luhansk is fully under Russian control");
    assert_eq!(shown.cited_by[0].actor, "Kenya Star");
    assert_eq!(shown.authors, ["Grace Otieno", "Peter Mwangi"]);
    let missing = DocumentFilter { case: Some("No such case".into()), ..Default::default() };
    assert!(store.documents(&missing).unwrap_err().to_string().contains("No such case"));
}
