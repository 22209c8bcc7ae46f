//! schema.org ClaimReview JSON-LD: the markup fact-checkers publish with a
//! verdict, read by search engines and fact-check aggregators.
//!
//! One ClaimReview per claim that has a verdict; the claimant is the actor of
//! the claim's origin appearance (one with no upstream), `appearance` lists
//! the documents that carried it and `firstAppearance` the earliest of them.
//! Statuses map to ratings on a 1–5 scale:
//!
//! | status | ratingValue | alternateName |
//! | --- | --- | --- |
//! | false | 1 | False |
//! | misleading | 2 | Misleading |
//! | contested | 3 | Contested |
//! | verified | 5 | True |
//!
//! Unverified claims have no verdict to publish and are left out with a note.
//! The review's `url` (the published fact-check) comes from
//! [`ExportOptions::review_url`](super::ExportOptions).
//! Reading goes the other way: [`read`] turns ClaimReviews into records.
//!
//! ```
//! use claimtrail_core::interop::{export, ExportFormat};
//! use claimtrail_core::{demo, Scope, Status, StatusRequest, Store};
//!
//! let mut store = Store::open_in_memory().unwrap();
//! let now = chrono::Utc::now();
//! let ids = demo::load_demo(&mut store, now).unwrap();
//! let req = StatusRequest { status: Status::Contested, reason: "Maps disagree".into(), evidence: vec![], author: "Desk".into() };
//! store.set_status(&ids[2], &req, now).unwrap();
//! let out = export(&store, ExportFormat::ClaimReview, &Scope::All, now).unwrap();
//! let text = String::from_utf8(out.bytes).unwrap();
//! assert!(text.contains("\"alternateName\": \"Contested\""));
//! assert_eq!(out.notes.len(), 1); // the unverified claims, counted in one note
//! ```

use std::collections::HashSet;

use serde_json::{json, Map, Value};

use super::{content_id, day, pretty_json};
use crate::error::{Error, Result};
use crate::model::{ActorKind, AppearanceKind, Relation, Stance, Status};
use crate::store::VerdictEvent;
use crate::store::{ActorRecord, AppearanceRecord, ClaimRecord, DocumentRecord, ImportNote, Records, RelayRecord};

/// The rating a status is published as; `None` for unverified.
pub(crate) fn rating(status: Status) -> Option<(u8, &'static str)> {
    match status {
        Status::False => Some((1, "False")),
        Status::Misleading => Some((2, "Misleading")),
        Status::Contested => Some((3, "Contested")),
        Status::Verified => Some((5, "True")),
        Status::Unverified => None,
    }
}

/// The status a published rating stands for: by its name first (publishers
/// use their own scales), then by its value on a 1–5 scale.
fn status_of(name: Option<&str>, value: Option<f64>) -> Option<Status> {
    let by_name = name.map(|n| n.trim().to_lowercase()).and_then(|n| match n.as_str() {
        "false" | "pants on fire" | "incorrect" | "fake" | "wrong" => Some(Status::False),
        "misleading" | "mostly false" | "half true" | "missing context" | "distorted" => Some(Status::Misleading),
        "contested" | "mixed" | "mixture" | "disputed" | "unproven" => Some(Status::Contested),
        "true" | "correct" | "accurate" | "mostly true" | "verified" => Some(Status::Verified),
        _ => None,
    });
    by_name.or_else(|| match value {
        Some(v) if v <= 1.5 => Some(Status::False),
        Some(v) if v <= 2.5 => Some(Status::Misleading),
        Some(v) if v <= 3.5 => Some(Status::Contested),
        Some(v) if v >= 4.0 => Some(Status::Verified),
        _ => None,
    })
}

pub(crate) fn write(records: &Records, review_url: Option<&str>, notes: &mut Vec<String>) -> Result<Vec<u8>> {
    let mut reviews = Vec::new();
    let mut unverified = 0;
    for claim in &records.claims {
        let Some(verdict) = claim.verdicts.last() else {
            unverified += 1;
            continue;
        };
        let Some((value, name)) = rating(verdict.status) else {
            unverified += 1;
            continue;
        };
        let mut review = review(records, claim, verdict, value, name);
        if let Some(url) = review_url {
            review["url"] = json!(url.replace("{claim}", &claim.id));
        }
        reviews.push(review);
    }
    if unverified > 0 {
        notes.push(format!("{unverified} unverified claim(s) left out: a ClaimReview publishes a verdict"));
    }
    pretty_json(&json!({ "@context": "https://schema.org", "@graph": reviews }))
}

fn review(records: &Records, claim: &ClaimRecord, verdict: &VerdictEvent, value: u8, name: &str) -> Value {
    let appearances: Vec<&AppearanceRecord> =
        records.appearances.iter().filter(|a| a.claim_id == claim.id && a.stance == Stance::Asserts).collect();
    let relayed: HashSet<&str> = records.relays.iter().map(|r| r.appearance_id.as_str()).collect();
    let origin = appearances.iter().find(|a| !relayed.contains(a.id.as_str()));

    let mut item = Map::new();
    item.insert("@type".into(), json!("Claim"));
    if let Some(origin) = origin {
        // The origin appearance's id, so that importing the review back into
        // this database finds the appearance instead of adding a second origin.
        item.insert("identifier".into(), json!(origin.id));
        if let Some(actor) = records.actor(&origin.actor_id) {
            item.insert("author".into(), party(actor));
        }
        if let Some(at) = &origin.said_at {
            item.insert("datePublished".into(), json!(day(at)));
        }
    }
    let mut works: Vec<(&DocumentRecord, Value)> = Vec::new();
    for a in &appearances {
        let Some(doc) = a.document_id.as_deref().and_then(|d| records.document(d)) else { continue };
        if works.iter().any(|(d, _)| d.id == doc.id) {
            continue;
        }
        let mut work = Map::new();
        work.insert("@type".into(), json!("CreativeWork"));
        work.insert("@id".into(), json!(format!("urn:uuid:{}", doc.id)));
        if let Some(url) = &doc.url {
            work.insert("url".into(), json!(url));
        }
        if let Some(title) = &doc.title {
            work.insert("headline".into(), json!(title));
        }
        if let Some(at) = &doc.published_at {
            work.insert("datePublished".into(), json!(at));
        }
        if let Some(outlet) = doc.outlet_id.as_deref().and_then(|o| records.actor(o)) {
            work.insert("publisher".into(), party(outlet));
        }
        if let Some(quote) = &a.quote {
            work.insert("text".into(), json!(quote));
        }
        works.push((doc, Value::Object(work)));
    }
    // Undated documents sort last: "first" must not be a guess.
    if let Some((_, first)) = works
        .iter()
        .filter(|(d, _)| d.published_at.is_some())
        .min_by(|(a, _), (b, _)| a.published_at.cmp(&b.published_at))
    {
        item.insert("firstAppearance".into(), first.clone());
    }
    if !works.is_empty() {
        item.insert("appearance".into(), Value::Array(works.into_iter().map(|(_, w)| w).collect()));
    }

    let mut review = json!({
        "@type": "ClaimReview",
        "@id": format!("urn:uuid:{}", verdict.id),
        "identifier": claim.id,
        "claimReviewed": claim.text,
        "datePublished": day(&verdict.at),
        "author": { "@type": "Person", "name": verdict.author },
        "reviewBody": verdict.reason,
        "itemReviewed": Value::Object(item),
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": value,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": name,
        },
    });
    if !verdict.evidence.is_empty() {
        review["citation"] = json!(verdict.evidence);
    }
    review
}

fn party(actor: &ActorRecord) -> Value {
    let kind = if actor.kind == ActorKind::Person { "Person" } else { "Organization" };
    let mut out = json!({ "@type": kind, "@id": format!("urn:uuid:{}", actor.id), "name": actor.name });
    if let Some(role) = &actor.role {
        out[if kind == "Person" { "jobTitle" } else { "description" }] = json!(role);
    }
    out
}

/// True when the JSON holds at least one ClaimReview.
pub(crate) fn looks_like(value: &Value) -> bool {
    !reviews_in(value).is_empty()
}

fn reviews_in(value: &Value) -> Vec<&Value> {
    let items: Vec<&Value> = match value {
        Value::Array(items) => items.iter().collect(),
        Value::Object(o) => match o.get("@graph") {
            Some(Value::Array(items)) => items.iter().collect(),
            _ => vec![value],
        },
        _ => vec![],
    };
    items.into_iter().filter(|v| type_is(v, "ClaimReview")).collect()
}

fn type_is(value: &Value, name: &str) -> bool {
    match value.get("@type") {
        Some(Value::String(t)) => t == name || t.ends_with(&format!("/{name}")),
        Some(Value::Array(ts)) => {
            ts.iter().any(|t| t.as_str().is_some_and(|t| t == name || t.ends_with(&format!("/{name}"))))
        }
        _ => false,
    }
}

fn text<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    value.get(key).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty())
}

fn name_of(value: Option<&Value>) -> Option<&str> {
    match value? {
        Value::String(s) => Some(s.as_str()),
        Value::Array(items) => items.first().and_then(|v| name_of(Some(v))),
        v => text(v, "name"),
    }
}

/// Reads ClaimReviews into records: the claim, its claimant's appearance
/// (the origin), one appearance per `appearance` document relaying it, and
/// the verdict. Ids are made from content so a second import adds nothing.
pub(crate) fn read(value: &Value, notes: &mut Vec<ImportNote>) -> Result<Records> {
    let mut out = Records::default();
    for (i, review) in reviews_in(value).into_iter().enumerate() {
        let Some(claim_text) = text(review, "claimReviewed") else {
            notes.push(ImportNote::skipped(format!("ClaimReview {i}: no claimReviewed")));
            continue;
        };
        let rating = review.get("reviewRating");
        let status = status_of(
            rating.and_then(|r| text(r, "alternateName")),
            rating.and_then(|r| r.get("ratingValue")).and_then(|v| v.as_f64().or_else(|| v.as_str()?.parse().ok())),
        );
        let claim_id = text(review, "identifier")
            .filter(|id| uuid::Uuid::parse_str(id).is_ok())
            .map(str::to_string)
            .unwrap_or_else(|| content_id(&["claim", claim_text]));
        let created = text(review, "datePublished").unwrap_or("1970-01-01").to_string();
        let mut claim = ClaimRecord {
            id: claim_id.clone(),
            text: claim_text.to_string(),
            created_at: created.clone(),
            cases: vec![],
            tags: vec!["claimreview".into()],
            verdicts: vec![],
        };
        match status {
            Some(status) => {
                let author = name_of(review.get("author")).unwrap_or("unknown reviewer").to_string();
                let at = crate::when::parse_when(&created).unwrap_or_else(|_| "1970-01-01".into());
                let reason = text(review, "reviewBody")
                    .map(str::to_string)
                    .or_else(|| text(review, "url").map(|u| format!("Imported from the ClaimReview at {u}")))
                    .unwrap_or_else(|| "Imported from a ClaimReview".into());
                let evidence = match review.get("citation") {
                    Some(Value::Array(urls)) => urls.iter().filter_map(Value::as_str).map(str::to_string).collect(),
                    _ => text(review, "url").map(|u| vec![u.to_string()]).unwrap_or_default(),
                };
                let evidence =
                    evidence.into_iter().filter(|u: &String| crate::web_address::parse_http(u).is_ok()).collect();
                let id = text(review, "@id")
                    .and_then(|id| id.strip_prefix("urn:uuid:"))
                    .filter(|id| uuid::Uuid::parse_str(id).is_ok())
                    .map(str::to_string)
                    .unwrap_or_else(|| content_id(&["verdict", &claim_id, status.as_str(), &author, &at]));
                claim.verdicts.push(VerdictEvent { id, status, reason, evidence, author, at });
            }
            None => notes.push(ImportNote::skipped(format!(
                "the rating of \"{claim_text}\" could not be read as a status; the claim is imported unverified"
            ))),
        }
        out.claims.push(claim);

        let item = review.get("itemReviewed").cloned().unwrap_or(Value::Null);
        let claimant = item.get("author").map(|a| actor_from(a, ActorKind::Person)).unwrap_or_else(|| ActorRecord {
            id: content_id(&["actor", "unnamed claimant"]),
            name: "unnamed claimant".into(),
            kind: ActorKind::Unidentified,
            role: None,
            state_affiliated: false,
            aliases: vec![],
            domains: vec![],
        });
        let origin_id = text(&item, "identifier")
            .filter(|id| uuid::Uuid::parse_str(id).is_ok())
            .map(str::to_string)
            .unwrap_or_else(|| content_id(&["appearance", &claim_id, &claimant.id]));
        out.appearances.push(appearance(&origin_id, &claim_id, &claimant.id, None, None, &created));
        push_actor(&mut out, claimant);
        let works: Vec<&Value> = match item.get("appearance") {
            Some(Value::Array(items)) => items.iter().collect(),
            Some(v @ Value::Object(_)) => vec![v],
            _ => vec![],
        };
        // `firstAppearance` is usually one of the `appearance` list again.
        let mut seen: Vec<&Value> = Vec::new();
        for work in works.into_iter().chain(item.get("firstAppearance")) {
            if seen.contains(&work) {
                continue;
            }
            seen.push(work);
            let Some(url) = text(work, "url").filter(|u| crate::web_address::parse_http(u).is_ok()) else {
                notes.push(ImportNote::skipped(format!("an appearance of \"{claim_text}\" without a usable url")));
                continue;
            };
            let publisher = work
                .get("publisher")
                .or_else(|| work.get("author"))
                .map(|p| actor_from(p, ActorKind::Outlet))
                .unwrap_or_else(|| {
                    let host =
                        url::Url::parse(url).ok().and_then(|u| u.host_str().map(str::to_string)).unwrap_or_default();
                    actor_from(&json!({ "name": host }), ActorKind::Outlet)
                });
            let doc_id = content_id(&["document", url]);
            if out.document(&doc_id).is_none() {
                out.documents.push(DocumentRecord {
                    id: doc_id.clone(),
                    url: Some(url.to_string()),
                    outlet_id: Some(publisher.id.clone()),
                    title: text(work, "headline").or_else(|| text(work, "name")).map(str::to_string),
                    byline: None,
                    published_at: text(work, "datePublished").and_then(|d| crate::when::parse_when(d).ok()),
                    retrieved_at: None,
                    located: true,
                });
            }
            let app_id = content_id(&["appearance", &claim_id, &doc_id]);
            if out.appearances.iter().all(|a| a.id != app_id) {
                out.appearances.push(appearance(
                    &app_id,
                    &claim_id,
                    &publisher.id,
                    Some(&doc_id),
                    text(work, "text"),
                    &created,
                ));
                out.relays.push(RelayRecord {
                    appearance_id: app_id,
                    upstream_id: origin_id.clone(),
                    relation: Relation::Cites,
                    cue: None,
                    created_at: created.clone(),
                });
            }
            push_actor(&mut out, publisher);
        }
    }
    if out.claims.is_empty() {
        return Err(Error::invalid("the file holds no ClaimReview with a claimReviewed"));
    }
    Ok(out)
}

fn appearance(
    id: &str,
    claim: &str,
    actor: &str,
    doc: Option<&str>,
    quote: Option<&str>,
    created: &str,
) -> AppearanceRecord {
    AppearanceRecord {
        id: id.to_string(),
        claim_id: claim.to_string(),
        actor_id: actor.to_string(),
        document_id: doc.map(str::to_string),
        quote: quote.map(str::to_string),
        prefix: None,
        suffix: None,
        kind: if quote.is_some() { AppearanceKind::Direct } else { AppearanceKind::Indirect },
        cue: None,
        stance: Stance::Asserts,
        said_at: None,
        said_at_text: None,
        said_where: None,
        created_at: created.to_string(),
    }
}

fn actor_from(value: &Value, default_kind: ActorKind) -> ActorRecord {
    let name = name_of(Some(value)).unwrap_or("unnamed").to_string();
    let kind = match value.get("@type").and_then(Value::as_str) {
        Some("Person") => ActorKind::Person,
        Some("Organization") if default_kind == ActorKind::Person => ActorKind::Organisation,
        Some("GovernmentOrganization") => ActorKind::Government,
        Some("NewsMediaOrganization") => ActorKind::Outlet,
        _ => default_kind,
    };
    let id = text(value, "@id")
        .and_then(|id| id.strip_prefix("urn:uuid:"))
        .filter(|id| uuid::Uuid::parse_str(id).is_ok())
        .map(str::to_string)
        .unwrap_or_else(|| content_id(&["actor", &crate::key::match_key(&name)]));
    let role = text(value, "jobTitle").or_else(|| text(value, "description")).map(str::to_string);
    ActorRecord { id, name, kind, role, state_affiliated: false, aliases: vec![], domains: vec![] }
}

fn push_actor(out: &mut Records, actor: ActorRecord) {
    if out.actor(&actor.id).is_none() {
        out.actors.push(actor);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rating_reads_back_as_its_status() {
        for s in Status::ALL {
            if let Some((value, name)) = rating(*s) {
                assert_eq!(status_of(Some(name), None), Some(*s));
                assert_eq!(status_of(None, Some(value as f64)), Some(*s));
            }
        }
        assert_eq!(status_of(Some("Mixed"), None), Some(Status::Contested));
    }

    #[test]
    fn our_own_review_imported_back_adds_nothing() {
        use crate::{Scope, StatusRequest, Store};
        let mut store = Store::open_in_memory().unwrap();
        let now = chrono::Utc::now();
        let ids = crate::demo::load_demo(&mut store, now).unwrap();
        let req = StatusRequest {
            status: Status::Misleading,
            reason: "Out of context".into(),
            evidence: vec![],
            author: "Desk".into(),
        };
        store.set_status(&ids[0], &req, now).unwrap();
        let review =
            crate::interop::export(&store, crate::interop::ExportFormat::ClaimReview, &Scope::All, now).unwrap();
        let report = crate::interop::import_bytes(&mut store, &review.bytes, now).unwrap();
        assert_eq!(report.added.total(), 0, "{report:?}");
    }

    #[test]
    fn a_published_review_becomes_claim_claimant_appearance_and_verdict() {
        let review = json!({
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "claimReviewed": "The moon is made of cheese",
            "datePublished": "2025-07-05",
            "url": "https://factcheck.example/moon",
            "author": {"@type": "Organization", "name": "Fact Desk"},
            "itemReviewed": {
                "@type": "Claim",
                "author": {"@type": "Person", "name": "A. Speaker"},
                "appearance": [{"@type": "CreativeWork", "url": "https://news.example/a", "publisher": {"name": "News"}}]
            },
            "reviewRating": {"@type": "Rating", "ratingValue": 1, "alternateName": "False"}
        });
        let mut notes = Vec::new();
        let records = read(&review, &mut notes).unwrap();
        assert_eq!(records.claims[0].status(), Status::False);
        assert_eq!(records.claims[0].verdicts[0].author, "Fact Desk");
        assert_eq!(records.appearances.len(), 2);
        assert_eq!(records.relays.len(), 1);
        assert_eq!(read(&review, &mut notes).unwrap(), records, "ids are made from content");
    }
}
