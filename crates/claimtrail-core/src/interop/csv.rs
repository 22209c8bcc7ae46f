//! CSV: one row per appearance, for spreadsheets — and back.
//!
//! A spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, a tab or a
//! carriage return as a formula, and text from the web is exactly where an
//! attacker puts one (`=HYPERLINK("http://evil",…)`). Such a cell is written
//! with a leading apostrophe, which spreadsheets hide and never evaluate.
//! Reading strips that apostrophe only where the guard could have put it —
//! before one of those characters — so a text of its own starting with one
//! (`'Tis`, `'Ndrangheta`) is kept. A text that already starts with
//! apostrophes and then a formula character (`'=x`) gets one more, so every
//! text comes back byte-exact.
//!
//! The `upstream` column lists `relation:appearance-id` pairs separated by
//! spaces; the columns are [`COLUMNS`].
//!
//! ```
//! use claimtrail_core::interop::{export, ExportFormat};
//! use claimtrail_core::{demo, Scope, Store};
//!
//! let mut store = Store::open_in_memory().unwrap();
//! let now = chrono::Utc::now();
//! demo::load_demo(&mut store, now).unwrap();
//! let csv = String::from_utf8(export(&store, ExportFormat::Csv, &Scope::All, now).unwrap().bytes).unwrap();
//! assert!(csv.starts_with("appearance_id,claim_id,claim,"));
//! ```

use std::collections::HashMap;

use super::content_id;
use crate::error::{Error, Result};
use crate::key::match_key;
use crate::model::{ActorKind, AppearanceKind, Relation, Stance};
use crate::store::{
    canonical_id, ActorRecord, AppearanceRecord, ClaimRecord, DocumentRecord, ImportNote, Records, RelayRecord,
};

/// The header row, in order.
pub const COLUMNS: &[&str] = &[
    "appearance_id",
    "claim_id",
    "claim",
    "status",
    "actor_id",
    "actor",
    "actor_kind",
    "actor_role",
    "stance",
    "kind",
    "quote",
    "prefix",
    "suffix",
    "cue",
    "said_at",
    "said_at_text",
    "said_where",
    "document_id",
    "url",
    "title",
    "outlet_id",
    "outlet",
    "published_at",
    "located",
    "upstream",
    "created_at",
];

/// True when a spreadsheet would run a cell starting with `c` as a formula.
fn starts_formula(c: char) -> bool {
    matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r')
}

/// True for a text the guard changes: a formula character after any number
/// of apostrophes. The apostrophes count so that `'=x` (a text, not a guarded
/// `=x`) is guarded too and reads back as itself.
fn guarded(text: &str) -> bool {
    text.trim_start_matches('\'').chars().next().is_some_and(starts_formula)
}

/// Neutralises a cell a spreadsheet would run as a formula.
pub(crate) fn safe_cell(text: &str) -> String {
    if guarded(text) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// Undoes [`safe_cell`], and only it: an apostrophe before anything but a
/// formula character is the text's own.
fn read_cell(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if guarded(rest) => rest,
        _ => text,
    }
}

fn csv_error(e: ::csv::Error) -> Error {
    match e.position() {
        Some(p) => Error::invalid(format!("CSV line {}: {e}", p.line())),
        None => Error::invalid(format!("CSV: {e}")),
    }
}

pub(crate) fn write(records: &Records) -> Result<Vec<u8>> {
    let mut w = ::csv::WriterBuilder::new().from_writer(Vec::new());
    w.write_record(COLUMNS).map_err(csv_error)?;
    let mut upstream: HashMap<&str, Vec<String>> = HashMap::new();
    for r in &records.relays {
        upstream.entry(r.appearance_id.as_str()).or_default().push(format!("{}:{}", r.relation, r.upstream_id));
    }
    for a in &records.appearances {
        let claim = records.claim(&a.claim_id);
        let actor = records.actor(&a.actor_id);
        let doc = a.document_id.as_deref().and_then(|d| records.document(d));
        let outlet = doc.and_then(|d| d.outlet_id.as_deref()).and_then(|o| records.actor(o));
        let o = |v: Option<&str>| v.unwrap_or_default().to_string();
        let row: Vec<String> = vec![
            a.id.clone(),
            a.claim_id.clone(),
            o(claim.map(|c| c.text.as_str())),
            claim.map(|c| c.status().as_str().to_string()).unwrap_or_default(),
            a.actor_id.clone(),
            o(actor.map(|x| x.name.as_str())),
            o(actor.map(|x| x.kind.as_str())),
            o(actor.and_then(|x| x.role.as_deref())),
            a.stance.as_str().to_string(),
            a.kind.as_str().to_string(),
            o(a.quote.as_deref()),
            o(a.prefix.as_deref()),
            o(a.suffix.as_deref()),
            o(a.cue.as_deref()),
            o(a.said_at.as_deref()),
            o(a.said_at_text.as_deref()),
            o(a.said_where.as_deref()),
            o(a.document_id.as_deref()),
            o(doc.and_then(|d| d.url.as_deref())),
            o(doc.and_then(|d| d.title.as_deref())),
            o(outlet.map(|x| x.id.as_str())),
            o(outlet.map(|x| x.name.as_str())),
            o(doc.and_then(|d| d.published_at.as_deref())),
            doc.map(|d| d.located.to_string()).unwrap_or_default(),
            upstream.get(a.id.as_str()).map(|u| u.join(" ")).unwrap_or_default(),
            a.created_at.clone(),
        ];
        w.write_record(row.iter().map(|c| safe_cell(c))).map_err(csv_error)?;
    }
    w.into_inner().map_err(|e| Error::invalid(format!("cannot write CSV: {e}")))
}

/// True when the first line is this format's header.
pub(crate) fn looks_like(bytes: &[u8]) -> bool {
    let first = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    let first = String::from_utf8_lossy(first);
    let header: Vec<&str> = first.trim_start_matches('\u{feff}').trim_end().split(',').collect();
    ["appearance_id", "claim", "actor", "stance"].iter().all(|c| header.contains(c))
}

/// Reads the export's own columns back into records. Optional columns may
/// be missing; a row without a claim, an actor or an id is refused, because
/// a half-read spreadsheet must not half-import.
pub(crate) fn read(bytes: &[u8], notes: &mut Vec<ImportNote>) -> Result<Records> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let mut reader = ::csv::ReaderBuilder::new().flexible(false).from_reader(bytes);
    let header = reader.headers().map_err(csv_error)?.clone();
    let column = |name: &str| header.iter().position(|h| h == name);
    for required in ["appearance_id", "claim", "actor", "stance"] {
        if column(required).is_none() {
            return Err(Error::invalid(format!("the CSV has no `{required}` column")));
        }
    }
    let mut out = Records::default();
    let mut pending_relays: Vec<(String, String, usize)> = Vec::new();
    for (n, row) in reader.records().enumerate() {
        let row = row.map_err(csv_error)?;
        let line = n + 2;
        let get =
            |name: &str| column(name).and_then(|i| row.get(i)).map(read_cell).map(str::trim).filter(|s| !s.is_empty());
        // Exact text, not trimmed: quotes keep their spacing.
        let exact = |name: &str| column(name).and_then(|i| row.get(i)).map(read_cell).filter(|s| !s.is_empty());
        // Ids in the form the commands find them by; see `canonical_id`.
        let id_in = |name: &str| -> Result<Option<String>> {
            get(name)
                .map(|v| {
                    canonical_id(v).ok_or_else(|| {
                        Error::invalid(format!("CSV line {line}: {name} `{v}` is not a UUID; nothing was imported"))
                    })
                })
                .transpose()
        };
        let (Some(id), Some(claim_text), Some(actor_name)) = (id_in("appearance_id")?, exact("claim"), exact("actor"))
        else {
            return Err(Error::invalid(format!("CSV line {line}: appearance_id, claim and actor are required")));
        };
        let parse = |name: &str, what: &str| -> Result<Option<String>> {
            match get(name) {
                Some(v) => crate::when::parse_when(v)
                    .map(Some)
                    .map_err(|e| Error::invalid(format!("CSV line {line}, {what}: {e}"))),
                None => Ok(None),
            }
        };
        let claim_id = id_in("claim_id")?.unwrap_or_else(|| content_id(&["claim", &match_key(claim_text)]));
        let created = get("created_at").unwrap_or("1970-01-01T00:00:00Z").to_string();
        if out.claim(&claim_id).is_none() {
            out.claims.push(ClaimRecord {
                id: claim_id.clone(),
                text: claim_text.to_string(),
                created_at: created.clone(),
                cases: vec![],
                tags: vec![],
                verdicts: vec![],
                review_url: None,
                assignee: None,
                due: None,
                notes: Vec::new(),
            });
        }
        let actor_kind: ActorKind = get("actor_kind").unwrap_or("person").parse()?;
        let actor_id = id_in("actor_id")?.unwrap_or_else(|| content_id(&["actor", &match_key(actor_name)]));
        push_actor(&mut out, &actor_id, actor_name, actor_kind, exact("actor_role"));
        let document_id = match (id_in("document_id")?, get("url"), get("title")) {
            (None, None, None) => None,
            (id, url, title) => {
                let doc_id = id.unwrap_or_else(|| content_id(&["document", url.or(title).unwrap_or_default()]));
                let outlet_id = match (id_in("outlet_id")?, exact("outlet")) {
                    (Some(oid), Some(name)) => {
                        push_actor(&mut out, &oid, name, ActorKind::Outlet, None);
                        Some(oid)
                    }
                    (None, Some(name)) => {
                        let oid = content_id(&["actor", &match_key(name)]);
                        push_actor(&mut out, &oid, name, ActorKind::Outlet, None);
                        Some(oid)
                    }
                    _ => None,
                };
                if out.document(&doc_id).is_none() {
                    out.documents.push(DocumentRecord {
                        id: doc_id.clone(),
                        url: url.map(str::to_string),
                        outlet_id,
                        title: exact("title").map(str::to_string),
                        byline: None,
                        published_at: parse("published_at", "published_at")?,
                        retrieved_at: None,
                        located: get("located").map(|l| l == "true").unwrap_or(url.is_some()),
                        csl: None,
                    });
                }
                Some(doc_id)
            }
        };
        out.appearances.push(AppearanceRecord {
            id: id.clone(),
            claim_id,
            actor_id,
            document_id,
            quote: exact("quote").map(str::to_string),
            prefix: exact("prefix").map(str::to_string),
            suffix: exact("suffix").map(str::to_string),
            kind: get("kind").unwrap_or("direct").parse::<AppearanceKind>()?,
            cue: exact("cue").map(str::to_string),
            stance: get("stance").unwrap_or("asserts").parse::<Stance>()?,
            said_at: parse("said_at", "said_at")?,
            said_at_text: exact("said_at_text").map(str::to_string),
            said_where: exact("said_where").map(str::to_string),
            created_at: created,
            role: None,
        });
        for pair in get("upstream").unwrap_or_default().split_whitespace() {
            pending_relays.push((id.clone(), pair.to_string(), line));
        }
    }
    for (from, pair, line) in pending_relays {
        let Some((relation, upstream)) = pair.split_once(':') else {
            return Err(Error::invalid(format!("CSV line {line}: upstream `{pair}` is not relation:id")));
        };
        let Some(upstream) = canonical_id(upstream) else {
            return Err(Error::invalid(format!(
                "CSV line {line}: upstream `{upstream}` is not a UUID; nothing was imported"
            )));
        };
        if out.appearances.iter().all(|a| a.id != upstream) {
            notes.push(ImportNote::skipped(format!("CSV line {line}: relay to {upstream}, which is not in the file")));
            continue;
        }
        let created = out.appearances.iter().find(|a| a.id == from).map(|a| a.created_at.clone()).unwrap_or_default();
        out.relays.push(RelayRecord {
            appearance_id: from,
            upstream_id: upstream,
            relation: relation.parse::<Relation>()?,
            cue: None,
            created_at: created,
        });
    }
    Ok(out)
}

fn push_actor(out: &mut Records, id: &str, name: &str, kind: ActorKind, role: Option<&str>) {
    if out.actor(id).is_none() {
        out.actors.push(ActorRecord {
            id: id.to_string(),
            name: name.to_string(),
            kind,
            role: role.map(str::to_string),
            state_affiliated: false,
            aliases: vec![],
            domains: vec![],
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised_and_read_back_exactly() {
        for hostile in ["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "\tx", "\rx", "'=x", "''-x"] {
            let cell = safe_cell(hostile);
            assert!(cell.starts_with('\''), "{hostile:?}");
            assert_eq!(read_cell(&cell), hostile);
        }
        assert_eq!(safe_cell("plain"), "plain");
    }

    #[test]
    fn an_apostrophe_the_guard_did_not_add_is_kept() {
        for own in ["'Tis but a scratch", "'Ndrangheta", "'", "''quoted", "' =x"] {
            assert_eq!(safe_cell(own), own, "not guarded: {own:?}");
            assert_eq!(read_cell(own), own, "read back as written: {own:?}");
        }
        // A cell the guard wrote (or a spreadsheet user typed the same way).
        assert_eq!(read_cell("'=SUM(A1)"), "=SUM(A1)");
        assert_eq!(read_cell("'\tx"), "\tx");
    }

    #[test]
    fn a_row_without_a_claim_is_refused() {
        let csv = "appearance_id,claim,actor,stance\nx,,Someone,asserts\n";
        let err = read(csv.as_bytes(), &mut Vec::new()).unwrap_err().to_string();
        assert!(err.contains("line 2"), "{err}");
    }
}
