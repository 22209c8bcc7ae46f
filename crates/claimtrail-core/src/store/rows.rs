//! The one place rows of actors, claims, documents, appearances and relay
//! edges are written, with their validation and the columns derived from
//! them (matching keys, look-alike keys, canonical addresses).
//!
//! Logging, bulk import, merging records, capture, corrections and undo all
//! write through these functions, so a derived column is computed in one
//! place and a limit is stated once.

use rusqlite::{params, Connection};

use super::MAX_CLAIM_CHARS;
use crate::error::{Error, Result};
use crate::key::{claim_key, look_alike_key, match_key};
use crate::model::{ActorKind, AppearanceKind, Relation, Stance};
use crate::web_address;
use crate::when::parse_when;

/// Longest actor name accepted, in characters.
pub const MAX_NAME_CHARS: usize = 1_000;

/// A claim text as it is stored: trimmed, not empty, at most [`MAX_CLAIM_CHARS`].
pub(super) fn claim_text(text: &str) -> Result<String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(Error::invalid("the claim text is empty"));
    }
    let chars = trimmed.chars().count();
    if chars > MAX_CLAIM_CHARS {
        return Err(Error::invalid(format!(
            "the claim text is {chars} characters long; the limit is {MAX_CLAIM_CHARS}"
        )));
    }
    Ok(trimmed.to_string())
}

/// An actor name as it is stored: trimmed, not empty, at most [`MAX_NAME_CHARS`].
pub(super) fn actor_name(name: &str) -> Result<String> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        return Err(Error::invalid("an actor name is empty"));
    }
    if trimmed.chars().count() > MAX_NAME_CHARS {
        return Err(Error::invalid(format!("an actor name is longer than {MAX_NAME_CHARS} characters")));
    }
    Ok(trimmed.to_string())
}

/// A date as stored (`when::parse_when`), or `None` for blank input.
pub(super) fn date(raw: Option<&str>) -> Result<Option<String>> {
    raw.map(str::trim).filter(|s| !s.is_empty()).map(parse_when).transpose()
}

/// A web address and its canonical form, or `None` for blank input.
pub(super) fn address(raw: Option<&str>) -> Result<Option<(String, String)>> {
    let Some(raw) = raw.map(str::trim).filter(|s| !s.is_empty()) else { return Ok(None) };
    let url = web_address::parse_http(raw)?;
    Ok(Some((raw.to_string(), web_address::canonical(&url).to_string())))
}

/// The columns of a new actor row.
pub(super) struct NewActor<'a> {
    pub id: &'a str,
    /// Already checked by [`actor_name`].
    pub name: &'a str,
    pub kind: ActorKind,
    pub role: Option<&'a str>,
    pub state_affiliated: bool,
}

pub(super) fn insert_actor(conn: &Connection, a: &NewActor<'_>, created: &str) -> Result<i64> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO actor (id, name, name_key, look_key, kind, role, state_affiliated, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    stmt.execute(params![
        a.id,
        a.name,
        match_key(a.name),
        look_alike_key(a.name),
        a.kind.as_str(),
        a.role,
        a.state_affiliated,
        created
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Renames an actor, with its matching and look-alike keys.
pub(super) fn rename_actor(conn: &Connection, seq: i64, name: &str) -> Result<()> {
    conn.execute(
        "UPDATE actor SET name = ?2, name_key = ?3, look_key = ?4 WHERE seq = ?1",
        params![seq, name, match_key(name), look_alike_key(name)],
    )?;
    Ok(())
}

/// Inserts a claim whose text was checked by [`claim_text`]; the caller has
/// made sure no live claim has its key.
pub(super) fn insert_claim(conn: &Connection, id: &str, text: &str, created: &str) -> Result<i64> {
    let mut stmt = conn.prepare_cached("INSERT INTO claim (id, text, text_key, created_at) VALUES (?1, ?2, ?3, ?4)")?;
    stmt.execute(params![id, text, claim_key(text), created])?;
    Ok(conn.last_insert_rowid())
}

/// Sets a claim's text and its matching key.
pub(super) fn set_claim_text(conn: &Connection, seq: i64, text: &str) -> Result<()> {
    conn.execute("UPDATE claim SET text = ?2, text_key = ?3 WHERE seq = ?1", params![seq, text, claim_key(text)])?;
    Ok(())
}

/// The columns of a new document row.
pub(super) struct NewDocument<'a> {
    pub id: &'a str,
    pub url: Option<&'a str>,
    pub canonical_url: Option<&'a str>,
    pub outlet_seq: Option<i64>,
    pub title: Option<&'a str>,
    pub byline: Option<&'a str>,
    pub published_at: Option<&'a str>,
    pub retrieved_at: Option<&'a str>,
    pub located: bool,
}

impl<'a> NewDocument<'a> {
    /// A document with no address: a reference, located only if the caller says so.
    pub fn unlocated(
        id: &'a str,
        outlet_seq: i64,
        title: Option<&'a str>,
        published_at: Option<&'a str>,
    ) -> NewDocument<'a> {
        NewDocument {
            id,
            url: None,
            canonical_url: None,
            outlet_seq: Some(outlet_seq),
            title,
            byline: None,
            published_at,
            retrieved_at: None,
            located: false,
        }
    }
}

pub(super) fn insert_document(conn: &Connection, d: &NewDocument<'_>, created: &str) -> Result<i64> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO document (id, url, canonical_url, outlet_seq, title, byline, published_at, retrieved_at,
                               located, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    stmt.execute(params![
        d.id,
        d.url,
        d.canonical_url,
        d.outlet_seq,
        d.title,
        d.byline,
        d.published_at,
        d.retrieved_at,
        d.located,
        created
    ])?;
    Ok(conn.last_insert_rowid())
}

/// The columns of one appearance row.
pub(super) struct NewAppearance {
    pub claim_seq: i64,
    pub document_seq: Option<i64>,
    pub actor_seq: i64,
    pub quote: Option<String>,
    pub prefix: Option<String>,
    pub suffix: Option<String>,
    pub kind: AppearanceKind,
    pub cue: Option<String>,
    pub stance: Stance,
    pub said_at: Option<String>,
    pub said_at_text: Option<String>,
    pub said_where: Option<String>,
    /// What the actor was called here; `None`: the actor's usual role.
    pub role: Option<String>,
}

/// Refuses an appearance's text field longer than its limit: a quote (and
/// the text around it) as long as a claim may be, a cue or a place as long as
/// a name.
pub(super) fn appearance_field(field: &str, value: Option<&str>) -> Result<()> {
    let max = match field {
        "quote" | "prefix" | "suffix" => MAX_CLAIM_CHARS,
        _ => MAX_NAME_CHARS,
    };
    let chars = value.map_or(0, |v| v.chars().count());
    if chars > max {
        return Err(Error::invalid(format!("the {field} is {chars} characters long; the limit is {max}")));
    }
    Ok(())
}

/// Inserts an appearance under `id` and returns its row.
pub(super) fn insert_appearance(conn: &Connection, id: &str, a: &NewAppearance, created: &str) -> Result<i64> {
    for (field, value) in [
        ("quote", &a.quote),
        ("prefix", &a.prefix),
        ("suffix", &a.suffix),
        ("cue", &a.cue),
        ("said_at_text", &a.said_at_text),
        ("said_where", &a.said_where),
        ("role", &a.role),
    ] {
        appearance_field(field, value.as_deref())?;
    }
    let mut stmt = conn.prepare_cached(
        "INSERT INTO appearance (id, claim_seq, document_seq, actor_seq, quote, prefix, suffix, kind, cue, stance,
                                 said_at, said_at_text, said_where, created_at, role)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?;
    stmt.execute(params![
        id,
        a.claim_seq,
        a.document_seq,
        a.actor_seq,
        a.quote,
        a.prefix,
        a.suffix,
        a.kind.as_str(),
        a.cue,
        a.stance.as_str(),
        a.said_at,
        a.said_at_text,
        a.said_where,
        created,
        a.role
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Inserts the edge "`from` took the claim from `upstream`" unless it is
/// already there; returns whether it was added. An appearance never relays
/// itself.
pub(super) fn insert_relay(
    conn: &Connection,
    from: i64,
    upstream: i64,
    relation: Relation,
    cue: Option<&str>,
    created: &str,
) -> Result<bool> {
    if from == upstream {
        return Err(Error::invalid("an appearance cannot relay itself"));
    }
    let mut stmt = conn.prepare_cached(
        "INSERT OR IGNORE INTO relay (appearance_seq, upstream_seq, relation, cue, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    Ok(stmt.execute(params![from, upstream, relation.as_str(), cue, created])? == 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Bulk, BulkActor, LogRequest, Store};

    #[test]
    fn one_name_limit_for_log_and_bulk_import() {
        let long = "n".repeat(MAX_NAME_CHARS + 1);
        assert!(actor_name(&"n".repeat(MAX_NAME_CHARS)).is_ok());
        let mut store = Store::open_in_memory().unwrap();
        let now = chrono::Utc::now();
        let speaker = crate::store::ActorSpec::named(&long, ActorKind::Person);
        assert!(store.log(&LogRequest::new("A claim", speaker), now).is_err());
        let bulk = Bulk {
            actors: vec![BulkActor { name: long, kind: ActorKind::Person, role: None, state_affiliated: false }],
            ..Bulk::default()
        };
        assert!(store.import_bulk(&bulk, now).is_err());
        assert!(store.actors().unwrap().is_empty());
    }
}
