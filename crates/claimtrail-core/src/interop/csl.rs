//! CSL-JSON: documents as citation items, the format Zotero, Mendeley and
//! pandoc exchange.
//!
//! Every document becomes an `article-newspaper` item: title, the outlet as
//! `container-title`, `issued` and `accessed` as date parts, the URL, the
//! byline as a literal author. An unlocated document (referenced, never
//! found) is kept, with a note saying so, because a citation list that hides
//! what nobody could find misleads. Reading goes the other way: a Zotero
//! export becomes documents and their outlets.
//!
//! ```
//! use claimtrail_core::interop::{export, ExportFormat};
//! use claimtrail_core::{demo, Scope, Store};
//!
//! let mut store = Store::open_in_memory().unwrap();
//! let now = chrono::Utc::now();
//! demo::load_demo(&mut store, now).unwrap();
//! let csl: serde_json::Value = serde_json::from_slice(&export(&store, ExportFormat::CslJson, &Scope::All, now).unwrap().bytes).unwrap();
//! assert_eq!(csl[0]["type"], "article-newspaper");
//! assert_eq!(csl[0]["container-title"], "Kenya Star");
//! ```

use serde_json::{json, Value};

use super::{content_id, pretty_json};
use crate::error::{Error, Result};
use crate::key::match_key;
use crate::model::ActorKind;
use crate::store::{ActorRecord, DocumentRecord, ImportNote, Records};

/// `2025-07-03T15:27:00Z` → `[[2025, 7, 3]]`.
fn date_parts(stored: &str) -> Option<Value> {
    let parts: Vec<u32> = stored.get(..10)?.split('-').map(|p| p.parse().ok()).collect::<Option<_>>()?;
    Some(json!({ "date-parts": [parts] }))
}

/// `{"date-parts": [[2025, 7, 3]]}` → `2025-07-03`; a year or month alone is
/// not a date the store can hold, and is left out rather than padded.
fn stored_date(value: Option<&Value>) -> Option<String> {
    let parts = value?.get("date-parts")?.get(0)?.as_array()?;
    let n = |i: usize| parts.get(i).and_then(|p| p.as_u64().or_else(|| p.as_str()?.parse().ok()));
    let date = format!("{:04}-{:02}-{:02}", n(0)?, n(1)?, n(2)?);
    crate::when::parse_when(&date).ok()
}

pub(crate) fn write(records: &Records) -> Result<Vec<u8>> {
    let mut items = Vec::new();
    for d in &records.documents {
        // An imported reference goes back out as it came (authors by given
        // and family name, a year-only date, DOI, its type), with what is
        // kept here written over it.
        let mut item = d.csl.clone().unwrap_or_default();
        item.insert("id".into(), json!(d.id));
        item.entry("type").or_insert_with(|| json!("article-newspaper"));
        if let Some(title) = &d.title {
            item.insert("title".into(), json!(title));
        }
        if let Some(outlet) = d.outlet_id.as_deref().and_then(|o| records.actor(o)) {
            item.insert("container-title".into(), json!(outlet.name));
        }
        let authors_as_imported =
            d.csl.as_ref().and_then(|c| c.get("author")).is_some_and(|a| byline_of(a) == d.byline);
        if let (Some(byline), false) = (&d.byline, authors_as_imported) {
            item.insert("author".into(), json!([{ "literal": byline }]));
        }
        let issued_as_imported = d.csl.as_ref().and_then(|c| stored_date(c.get("issued"))) == d.published_at;
        if let (Some(issued), false) = (d.published_at.as_deref().and_then(date_parts), issued_as_imported) {
            item.insert("issued".into(), issued);
        }
        if let Some(accessed) = d.retrieved_at.as_deref().and_then(date_parts) {
            item.insert("accessed".into(), accessed);
        }
        if let Some(url) = &d.url {
            item.insert("URL".into(), json!(url));
        }
        if !d.located {
            item.insert("note".into(), json!("Unlocated: referenced by another report but not found"));
        }
        items.push(Value::Object(item));
    }
    pretty_json(&items)
}

/// The names of a CSL `author` list: a literal name as written, else the
/// given and family names joined.
pub(crate) fn author_names(authors: &Value) -> Vec<String> {
    authors
        .as_array()
        .map(|list| {
            list.iter()
                .filter_map(|a| {
                    let part = |k: &str| a.get(k).and_then(Value::as_str).map(str::trim).filter(|p| !p.is_empty());
                    part("literal").map(str::to_string).or_else(|| match (part("given"), part("family")) {
                        (Some(g), Some(f)) => Some(format!("{g} {f}")),
                        (g, f) => g.or(f).map(str::to_string),
                    })
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The byline a CSL `author` list reads as: names joined by commas.
fn byline_of(authors: &Value) -> Option<String> {
    let names = author_names(authors);
    (!names.is_empty()).then(|| names.join(", "))
}

/// True when the JSON is a list of CSL items.
pub(crate) fn looks_like(value: &Value) -> bool {
    match value.as_array() {
        Some(items) => {
            !items.is_empty()
                && items.iter().all(|i| i.get("type").is_some_and(Value::is_string) && i.get("@type").is_none())
        }
        None => false,
    }
}

pub(crate) fn read(value: &Value, notes: &mut Vec<ImportNote>) -> Result<Records> {
    let items = value.as_array().ok_or_else(|| Error::invalid("CSL-JSON must be a list of items"))?;
    let mut out = Records::default();
    for (i, item) in items.iter().enumerate() {
        let text = |key: &str| item.get(key).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty());
        let url = match text("URL") {
            Some(u) if crate::web_address::parse_http(u).is_ok() => Some(u),
            Some(u) => {
                notes.push(ImportNote::skipped(format!("item {i}: `{u}` is not an http(s) URL; imported without it")));
                None
            }
            None => None,
        };
        let title = text("title");
        if url.is_none() && title.is_none() {
            notes.push(ImportNote::skipped(format!("item {i}: neither a URL nor a title")));
            continue;
        }
        let outlet = text("container-title").map(|name| ActorRecord {
            id: content_id(&["actor", &match_key(name)]),
            name: name.to_string(),
            kind: ActorKind::Outlet,
            role: None,
            state_affiliated: false,
            aliases: vec![],
            domains: vec![],
        });
        let byline = item.get("author").and_then(byline_of);
        let id = text("id")
            .filter(|id| uuid::Uuid::parse_str(id).is_ok())
            .map(str::to_string)
            .unwrap_or_else(|| content_id(&["document", url.or(title).unwrap_or_default()]));
        let located = url.is_some() || !text("note").is_some_and(|n| n.starts_with("Unlocated"));
        out.documents.push(DocumentRecord {
            id,
            url: url.map(str::to_string),
            outlet_id: outlet.as_ref().map(|o| o.id.clone()),
            title: title.map(str::to_string),
            byline,
            published_at: stored_date(item.get("issued")),
            retrieved_at: stored_date(item.get("accessed")),
            located,
            csl: item.as_object().cloned(),
        });
        if let Some(outlet) = outlet {
            if out.actor(&outlet.id).is_none() {
                out.actors.push(outlet);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zotero_item_becomes_a_document_and_its_outlet() {
        let items = json!([{
            "id": "http://zotero.org/users/1/items/ABCD",
            "type": "article-newspaper",
            "title": "Luhansk claim",
            "container-title": "Kenya Star",
            "URL": "https://kenyastar.example/luhansk",
            "issued": {"date-parts": [["2025", "7", "3"]]},
            "author": [{"family": "Doe", "given": "Jane"}]
        }]);
        assert!(looks_like(&items));
        let mut notes = Vec::new();
        let records = read(&items, &mut notes).unwrap();
        let d = &records.documents[0];
        assert_eq!(d.published_at.as_deref(), Some("2025-07-03"));
        assert_eq!(d.byline.as_deref(), Some("Jane Doe"));
        assert_eq!(records.actors[0].name, "Kenya Star");
        assert!(notes.is_empty());
    }

    #[test]
    fn a_year_alone_is_not_padded_into_a_date() {
        assert_eq!(stored_date(Some(&json!({"date-parts": [[2025]]}))), None);
    }
}
