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
//! The review's `url` (the published fact-check) is the address recorded with
//! the claim (`Store::set_review_url`), unless a pattern is given for the
//! export in [`ExportOptions::review_url`](super::ExportOptions), which wins.
//! Reading goes the other way: [`read`] turns ClaimReviews into records.
//!
//! A rating is read by its stated scale first: its place between
//! `worstRating` and `bestRating` (either way round), from 0 at the worst to
//! 1 at the best, gives the status —
//!
//! | place on the scale | status |
//! | --- | --- |
//! | up to 1/8 | false |
//! | over 1/8, up to 3/8 | misleading |
//! | over 3/8, under 5/8 | contested |
//! | 5/8 to under 3/4 | none: neither contested nor true |
//! | 3/4 and over | verified |
//!
//! so our own 1–5 ratings read back as written, 4 on a 1–10 scale is
//! misleading, and 1 on a scale whose best is 1 is verified. A rating that
//! states no scale is read by its `alternateName` ("False", "Mostly false",
//! "Faux", "Engañoso", …), and only then by its value on schema.org's default
//! 1–5 scale. A rating neither reads confidently is imported as an
//! unverified verdict whose reason keeps the rating as written.
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
use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};

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

/// The status a published rating stands for: by its stated scale, else by
/// its name, else by its value on the default scale (see the module notes).
fn status_of(rating: &Value) -> Option<Status> {
    let value = number(rating.get("ratingValue"));
    let best = number(rating.get("bestRating"));
    let worst = number(rating.get("worstRating"));
    // schema.org: "If bestRating is omitted, 5 is assumed"; worstRating, 1.
    let by_scale = value.and_then(|v| place(v, worst.unwrap_or(1.0), best.unwrap_or(5.0))).and_then(status_at);
    let by_name = text(rating, "alternateName").and_then(status_named);
    if best.is_some() || worst.is_some() {
        by_scale.or(by_name)
    } else {
        by_name.or(by_scale)
    }
}

/// A number written as a JSON number or as text (`"4"`, `" 4.5 "`).
fn number(value: Option<&Value>) -> Option<f64> {
    let v = value?;
    v.as_f64().or_else(|| v.as_str()?.trim().parse().ok()).filter(|n: &f64| n.is_finite())
}

/// Where `value` sits from `worst` (0) to `best` (1); `None` off the scale or
/// on a scale of one point.
fn place(value: f64, worst: f64, best: f64) -> Option<f64> {
    if best == worst {
        return None;
    }
    Some((value - worst) / (best - worst)).filter(|p| (0.0..=1.0).contains(p))
}

/// The thresholds of the module notes. Verified, the strongest thing an
/// import can say, needs the top quarter of the scale; the band below it is
/// left unread rather than rounded either way.
fn status_at(place: f64) -> Option<Status> {
    match place {
        p if p <= 0.125 => Some(Status::False),
        p if p <= 0.375 => Some(Status::Misleading),
        p if p < 0.625 => Some(Status::Contested),
        p if p >= 0.75 => Some(Status::Verified),
        _ => None,
    }
}

/// A textual rating, in the words fact-checkers use in English, French,
/// Spanish, Portuguese, Italian, German, Dutch and Russian; compared without
/// case, accents and punctuation.
fn status_named(name: &str) -> Option<Status> {
    let plain: String = name
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    match plain.split_whitespace().collect::<Vec<_>>().join(" ").as_str() {
        "false" | "pants on fire" | "incorrect" | "fake" | "wrong" | "untrue" | "not true" | "fabricated" | "hoax"
        | "faux" | "falso" | "falsa" | "falsch" | "onwaar" | "bulo" | "ложь" | "неправда" | "фейк" => {
            Some(Status::False)
        }
        "misleading"
        | "mostly false"
        | "half true"
        | "missing context"
        | "distorted"
        | "partly false"
        | "partially false"
        | "out of context"
        | "exaggerated"
        | "trompeur"
        | "plutot faux"
        | "en partie faux"
        | "enganoso"
        | "enganosa"
        | "mayormente falso"
        | "parcialmente falso"
        | "sacado de contexto"
        | "fuorviante"
        | "irrefuhrend"
        | "teilweise falsch"
        | "misleidend"
        | "вводит в заблуждение"
        | "полуправда" => Some(Status::Misleading),
        "contested" | "mixed" | "mixture" | "disputed" | "unproven" | "conteste" | "discutible" | "umstritten"
        | "controverso" | "спорно" => Some(Status::Contested),
        "true" | "correct" | "accurate" | "mostly true" | "verified" | "vrai" | "verdadero" | "verdadera"
        | "verdadeiro" | "vero" | "wahr" | "richtig" | "waar" | "correcto" | "cierto" | "правда" | "верно" => {
            Some(Status::Verified)
        }
        _ => None,
    }
}

/// The rating as written, for the reason of a verdict it could not give:
/// its name and its value with the stated scale.
fn rating_as_written(rating: &Value) -> Option<String> {
    let raw = |key: &str| match rating.get(key)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    let name = text(rating, "alternateName").map(|n| format!("\"{n}\""));
    let value = raw("ratingValue").map(|v| match (raw("worstRating"), raw("bestRating")) {
        (None, None) => v,
        (worst, best) => format!(
            "{v} on a scale from {} (worst) to {} (best)",
            worst.as_deref().unwrap_or("1"),
            best.as_deref().unwrap_or("5")
        ),
    });
    match (name, value) {
        (Some(n), Some(v)) => Some(format!("{n}, {v}")),
        (n, v) => n.or(v),
    }
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
        // A pattern given for the export wins over the address recorded with the claim.
        match (review_url, &claim.review_url) {
            (Some(pattern), _) => review["url"] = json!(pattern.replace("{claim}", &claim.id)),
            (None, Some(recorded)) => review["url"] = json!(recorded),
            (None, None) => {}
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
        let rating = review.get("reviewRating").unwrap_or(&Value::Null);
        let written = rating_as_written(rating);
        // A rating that does not read as a status still goes into the
        // history, as unverified with the rating in its reason, so what the
        // publisher said is not lost.
        let status = status_of(rating).or(written.as_ref().map(|_| Status::Unverified));
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
            review_url: None,
            assignee: None,
            due: None,
            notes: Vec::new(),
        };
        match status {
            Some(status) => {
                let author = name_of(review.get("author")).unwrap_or("unknown reviewer").to_string();
                let at = crate::when::parse_when(&created).unwrap_or_else(|_| "1970-01-01".into());
                let mut reason = text(review, "reviewBody")
                    .map(str::to_string)
                    .or_else(|| text(review, "url").map(|u| format!("Imported from the ClaimReview at {u}")))
                    .unwrap_or_else(|| "Imported from a ClaimReview".into());
                if status == Status::Unverified {
                    let shown = written.as_deref().unwrap_or_default();
                    reason = format!("The ClaimReview rates it {shown}, which does not read as a status. {reason}");
                    notes.push(ImportNote::skipped(format!(
                        "the rating of \"{claim_text}\" ({shown}) does not read as a status; the claim is imported \
                         unverified, with the rating in the reason"
                    )));
                }
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
            None => notes
                .push(ImportNote::skipped(format!("\"{claim_text}\" has no rating; the claim is imported unverified"))),
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
                    csl: None,
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
        role: None,
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
                assert_eq!(status_of(&json!({ "alternateName": name })), Some(*s));
                assert_eq!(status_of(&json!({ "ratingValue": value })), Some(*s));
                let ours = json!({ "ratingValue": value, "bestRating": 5, "worstRating": 1, "alternateName": name });
                assert_eq!(status_of(&ours), Some(*s));
            }
        }
        assert_eq!(status_of(&json!({ "alternateName": "Mixed" })), Some(Status::Contested));
    }

    /// Issue 12, item 13: 4 on a 1–10 scale was read as 4 on 1–5, verified.
    #[test]
    fn a_rating_is_read_on_its_stated_scale() {
        let on = |value: f64, worst: f64, best: f64| {
            status_of(&json!({ "ratingValue": value, "worstRating": worst, "bestRating": best }))
        };
        assert_eq!(on(4.0, 1.0, 10.0), Some(Status::Misleading));
        assert_eq!(on(1.0, 1.0, 10.0), Some(Status::False));
        assert_eq!(on(5.0, 1.0, 10.0), Some(Status::Contested));
        assert_eq!(on(7.0, 1.0, 10.0), None, "between contested and true: not a confident reading");
        assert_eq!(on(9.0, 1.0, 10.0), Some(Status::Verified));
        assert_eq!(on(0.0, 0.0, 100.0), Some(Status::False));
        assert_eq!(on(80.0, 0.0, 100.0), Some(Status::Verified));
        // Off the scale, or a scale of one point: no reading.
        assert_eq!(on(-1.0, 1.0, 5.0), None);
        assert_eq!(on(3.0, 3.0, 3.0), None);
        // Numbers as text, as some publishers write them.
        let text = json!({ "ratingValue": "2", "worstRating": "1", "bestRating": "10" });
        assert_eq!(status_of(&text), Some(Status::False));
    }

    /// Issue 12, item 13: a scale whose best is its lowest number was read
    /// backwards.
    #[test]
    fn an_inverted_scale_is_read_the_right_way_round() {
        let on = |value: u8| status_of(&json!({ "ratingValue": value, "bestRating": 1, "worstRating": 5 }));
        assert_eq!(on(1), Some(Status::Verified));
        assert_eq!(on(2), Some(Status::Verified));
        assert_eq!(on(3), Some(Status::Contested));
        assert_eq!(on(4), Some(Status::Misleading));
        assert_eq!(on(5), Some(Status::False));
    }

    #[test]
    fn a_rating_without_a_scale_is_read_by_its_name_in_several_languages() {
        let named = |name: &str| status_of(&json!({ "alternateName": name }));
        for (name, status) in [
            ("False", Status::False),
            ("Pants on Fire!", Status::False),
            ("Faux", Status::False),
            ("FALSCH", Status::False),
            ("Mostly false", Status::Misleading),
            ("Mostly-False", Status::Misleading),
            ("Half true", Status::Misleading),
            ("Misleading", Status::Misleading),
            ("Engañoso", Status::Misleading),
            ("Trompeur", Status::Misleading),
            ("Correct", Status::Verified),
            ("Vrai", Status::Verified),
            ("Правда", Status::Verified),
            ("Mixture", Status::Contested),
        ] {
            assert_eq!(named(name), Some(status), "{name}");
        }
        assert_eq!(named("Four Pinocchios"), None);
        // The name decides over the default scale when no scale is stated …
        assert_eq!(status_of(&json!({ "ratingValue": 5, "alternateName": "False" })), Some(Status::False));
        // … and the stated scale over the name, which only fills its gaps.
        let stated = json!({ "ratingValue": 1, "worstRating": 1, "bestRating": 10, "alternateName": "Correct" });
        assert_eq!(status_of(&stated), Some(Status::False));
        let gap = json!({ "ratingValue": 7, "worstRating": 1, "bestRating": 10, "alternateName": "Mostly true" });
        assert_eq!(status_of(&gap), Some(Status::Verified));
    }

    #[test]
    fn an_unreadable_rating_is_imported_unverified_with_the_rating_in_the_reason() {
        let review = json!({
            "@type": "ClaimReview",
            "claimReviewed": "The bridge was sold twice",
            "datePublished": "2025-07-05",
            "author": {"@type": "Organization", "name": "Fact Desk"},
            "reviewBody": "Nobody sold it.",
            "reviewRating": {"@type": "Rating", "ratingValue": 7, "bestRating": 10, "worstRating": 1,
                             "alternateName": "Four Pinocchios"}
        });
        let mut notes = Vec::new();
        let records = read(&review, &mut notes).unwrap();
        let claim = &records.claims[0];
        assert_eq!(claim.status(), Status::Unverified);
        let reason = &claim.verdicts[0].reason;
        assert!(reason.contains("\"Four Pinocchios\", 7 on a scale from 1 (worst) to 10 (best)"), "{reason}");
        assert!(reason.ends_with("Nobody sold it."), "{reason}");
        assert!(notes.iter().any(|n| n.message.contains("Four Pinocchios")), "{notes:?}");
        // No rating at all: nothing to keep, no verdict.
        let mut bare = review.clone();
        bare.as_object_mut().unwrap().remove("reviewRating");
        assert!(read(&bare, &mut notes).unwrap().claims[0].verdicts.is_empty());
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
