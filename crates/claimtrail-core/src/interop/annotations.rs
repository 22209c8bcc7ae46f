//! W3C Web Annotation JSON-LD: every quote in a document as an annotation
//! with a TextQuoteSelector, the form Hypothesis and other annotation tools
//! read to anchor a highlight in the page.
//!
//! The target is the document's URL (or `urn:uuid:<document id>` while it has
//! none); the selector is the quote as `exact` with the `prefix`/`suffix`
//! context when it was captured. The body says which claim the quote carries,
//! who said it, its stance and the claim's status. Quotes outside any
//! document have nowhere to anchor and are counted in a note.
//!
//! ```
//! use claimtrail_core::interop::{export, ExportFormat};
//! use claimtrail_core::{demo, Scope, Store};
//!
//! let mut store = Store::open_in_memory().unwrap();
//! let now = chrono::Utc::now();
//! demo::load_demo(&mut store, now).unwrap();
//! let out = export(&store, ExportFormat::Annotations, &Scope::All, now).unwrap();
//! let page: serde_json::Value = serde_json::from_slice(&out.bytes).unwrap();
//! assert_eq!(page["type"], "AnnotationCollection");
//! assert_eq!(page["first"]["items"][0]["target"]["selector"]["type"], "TextQuoteSelector");
//! ```

use serde_json::{json, Map, Value};

use super::pretty_json;
use crate::error::Result;
use crate::store::Records;

pub(crate) fn write(records: &Records, notes: &mut Vec<String>) -> Result<Vec<u8>> {
    let mut items = Vec::new();
    let mut unanchored = 0;
    for a in &records.appearances {
        let Some(quote) = &a.quote else { continue };
        let Some(doc) = a.document_id.as_deref().and_then(|d| records.document(d)) else {
            unanchored += 1;
            continue;
        };
        let mut selector = Map::new();
        selector.insert("type".into(), json!("TextQuoteSelector"));
        selector.insert("exact".into(), json!(quote));
        if let Some(p) = &a.prefix {
            selector.insert("prefix".into(), json!(p));
        }
        if let Some(s) = &a.suffix {
            selector.insert("suffix".into(), json!(s));
        }
        let source = doc.url.clone().unwrap_or_else(|| format!("urn:uuid:{}", doc.id));
        let actor = records.actor(&a.actor_id).map(|x| x.name.as_str()).unwrap_or_default();
        let claim = records.claim(&a.claim_id);
        let body_text = format!(
            "{actor} {} the claim \"{}\" (status: {})",
            a.stance.as_str(),
            claim.map(|c| c.text.as_str()).unwrap_or_default(),
            claim.map(|c| c.status().as_str()).unwrap_or("unverified"),
        );
        items.push(json!({
            "id": format!("urn:uuid:{}", a.id),
            "type": "Annotation",
            "motivation": "assessing",
            "created": a.created_at,
            "body": [
                { "type": "TextualBody", "value": body_text, "format": "text/plain", "purpose": "assessing" },
                { "type": "SpecificResource", "source": format!("urn:uuid:{}", a.claim_id), "purpose": "identifying" },
            ],
            "target": { "source": source, "selector": Value::Object(selector) },
        }));
    }
    if unanchored > 0 {
        notes.push(format!("{unanchored} quote(s) outside any document left out: nothing to anchor them to"));
    }
    pretty_json(&json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "AnnotationCollection",
        "label": "Claimtrail quotes",
        "total": items.len(),
        "first": { "type": "AnnotationPage", "startIndex": 0, "items": items },
    }))
}
