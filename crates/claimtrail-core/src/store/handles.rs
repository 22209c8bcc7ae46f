//! Handles: the short names of claims, appearances, actors and documents that
//! people read and type back, and the one resolver that turns what a person
//! typed (a handle, a full id or a unique id prefix) into a record.
//!
//! A handle is given by the database when the row is inserted (migration
//! 0008: five characters of the random end of the UUID, longer only when taken)
//! and never changes, so one printed yesterday still names the same record.

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use super::Store;
use crate::error::{Error, Result};

/// The kinds of record a handle or an id can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    Claim,
    Appearance,
    Actor,
    Document,
}

impl RecordKind {
    pub const ALL: [RecordKind; 4] =
        [RecordKind::Claim, RecordKind::Appearance, RecordKind::Actor, RecordKind::Document];

    /// The table, and the `kind` in `record_handle`.
    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Claim => "claim",
            RecordKind::Appearance => "appearance",
            RecordKind::Actor => "actor",
            RecordKind::Document => "document",
        }
    }

    fn parse(text: &str) -> Option<RecordKind> {
        RecordKind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

impl std::fmt::Display for RecordKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A record found by [`Store::resolve_record`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RecordRef {
    pub kind: RecordKind,
    pub id: String,
    pub handle: String,
    #[serde(skip)]
    pub(crate) seq: i64,
}

/// SQL for the handle of the `kind` row whose seq is `seq_expr`, falling back
/// to `id_expr` for a row without one.
pub(crate) fn handle_sql(kind: RecordKind, seq_expr: &str, id_expr: &str) -> String {
    format!(
        "coalesce((SELECT h.handle FROM record_handle h WHERE h.kind = '{}' AND h.seq = {seq_expr}), {id_expr})",
        kind.as_str()
    )
}

/// The handle of a row (its id when it has none).
pub(crate) fn handle_of(conn: &Connection, kind: RecordKind, seq: i64) -> Result<String> {
    let sql = format!("SELECT {} FROM {} x WHERE x.seq = ?1", handle_sql(kind, "x.seq", "x.id"), kind.as_str());
    Ok(conn.prepare_cached(&sql)?.query_row([seq], |r| r.get(0))?)
}

fn what(kinds: &[RecordKind]) -> &'static str {
    match kinds {
        [one] => one.as_str(),
        _ => "record",
    }
}

impl Store {
    /// Finds the record that `key` names: a handle (`3fa9c`), a full id, or
    /// a prefix of an id that only one record has, among claims, appearances,
    /// actors and documents. Says which kind it found. Unknown input is
    /// `NotFound`; a prefix several records share is `Ambiguous`.
    pub fn resolve_record(&self, key: &str) -> Result<RecordRef> {
        resolve_among(&self.conn, key, &RecordKind::ALL)
    }

    /// [`Store::resolve_record`] for one kind: a handle or id of another
    /// kind is refused, naming what it is.
    pub fn resolve_record_of(&self, kind: RecordKind, key: &str) -> Result<RecordRef> {
        resolve_among(&self.conn, key, &[kind])
    }

    /// The handle of the claim, appearance, actor or document with this full
    /// id (the id itself when none has it).
    pub fn handle_for_id(&self, id: &str) -> Result<String> {
        for kind in RecordKind::ALL {
            let sql = format!("SELECT seq FROM {} WHERE id = ?1", kind.as_str());
            let seq: Option<i64> = self.conn.prepare_cached(&sql)?.query_row([id], |r| r.get(0)).optional()?;
            if let Some(seq) = seq {
                return handle_of(&self.conn, kind, seq);
            }
        }
        Ok(id.to_string())
    }
}

/// The resolver behind [`Store::resolve_record`] and every `resolve_*` of
/// the store, for connections inside a transaction too.
pub(crate) fn resolve_among(conn: &Connection, key: &str, kinds: &[RecordKind]) -> Result<RecordRef> {
    let key = key.trim().to_ascii_lowercase();
    if key.is_empty() {
        return Err(Error::invalid(format!("the {} id is empty", what(kinds))));
    }
    let not_found = || Error::NotFound { what: what(kinds), key: key.clone() };
    if !key.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
        return Err(not_found());
    }
    let by_handle: Option<(String, i64)> = conn
        .prepare_cached("SELECT kind, seq FROM record_handle WHERE handle = ?1")?
        .query_row([&key], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let mut other_kind = None;
    if let Some((kind, seq)) = by_handle {
        let kind = RecordKind::parse(&kind).ok_or_else(|| Error::invalid(format!("unknown record kind {kind}")))?;
        if kinds.contains(&kind) {
            let id = conn
                .prepare_cached(&format!("SELECT id FROM {} WHERE seq = ?1", kind.as_str()))?
                .query_row([seq], |r| r.get(0))?;
            return Ok(RecordRef { kind, id, handle: key, seq });
        }
        other_kind = Some(kind);
    }
    // An id, or the start of one: a range on each table's unique id index.
    let mut found = Vec::new();
    let mut count = 0usize;
    for &kind in kinds {
        let table = kind.as_str();
        let rows: Vec<(i64, String)> = conn
            .prepare_cached(&format!(
                "SELECT seq, id FROM {table} WHERE id >= ?1 AND id < ?1 || 'g' ORDER BY id LIMIT 2"
            ))?
            .query_map([&key], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        if rows.len() > 1 {
            count += conn
                .prepare_cached(&format!("SELECT count(*) FROM {table} WHERE id >= ?1 AND id < ?1 || 'g'"))?
                .query_row([&key], |r| r.get::<_, i64>(0))? as usize;
        } else {
            count += rows.len();
        }
        found.extend(rows.into_iter().map(|(seq, id)| (kind, seq, id)));
    }
    match (count, found.pop()) {
        (1, Some((kind, seq, id))) => Ok(RecordRef { kind, handle: handle_of(conn, kind, seq)?, id, seq }),
        (0, _) => match other_kind {
            Some(other) => Err(Error::invalid(format!(
                "`{key}` is the handle of {} {other}, not of {}",
                article(other),
                alternatives(kinds)
            ))),
            None => Err(not_found()),
        },
        _ => Err(Error::Ambiguous { what: what(kinds), key, count }),
    }
}

fn article(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Appearance | RecordKind::Actor => "an",
        _ => "a",
    }
}

fn alternatives(kinds: &[RecordKind]) -> String {
    kinds.iter().map(|k| format!("{} {k}", article(*k))).collect::<Vec<_>>().join(" or ")
}
