//! The sources library: every document — a page captured here, a reference
//! imported from a citation manager, an address typed while logging — listed,
//! searched and shown with the claims that cite it.

use rusqlite::types::Value as SqlValue;
use serde::Serialize;

use super::handles::{handle_of, handle_sql, RecordKind};
use super::Store;
use crate::error::{Error, Result};
use crate::key::match_key;

/// Which documents to list; every filter narrows.
#[derive(Debug, Clone, Default)]
pub struct DocumentFilter {
    /// Words in the title, address, byline or outlet name (case-insensitive).
    pub search: Option<String>,
    /// The outlet, by name or alias.
    pub outlet: Option<String>,
    /// Documents cited by the claims of this case.
    pub case: Option<String>,
    pub limit: Option<usize>,
}

/// One row of the sources library.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DocumentSummary {
    pub id: String,
    /// The short name to type back (`document show`, `log --document`).
    pub handle: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub byline: Option<String>,
    pub published_at: Option<String>,
    /// False for a document referenced but never found.
    pub located: bool,
    /// The DOI, for a reference imported from a citation manager.
    pub doi: Option<String>,
    /// Live appearances in it, and the distinct claims they are of.
    pub appearances: i64,
    pub claims: i64,
    /// Captures of it kept here.
    pub snapshots: i64,
}

/// A document with what cites it and what was archived of it.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DocumentDetail {
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub summary: DocumentSummary,
    pub retrieved_at: Option<String>,
    /// Authors as the reference names them (given and family name joined).
    pub authors: Vec<String>,
    /// The appearances in this document, oldest first.
    pub cited_by: Vec<DocumentCitation>,
    pub captures: Vec<DocumentCapture>,
}

/// An appearance of a claim in a document.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DocumentCitation {
    pub claim: String,
    pub claim_handle: String,
    pub claim_text: String,
    pub appearance_handle: String,
    pub actor: String,
    pub quote: Option<String>,
}

/// One archived capture of a document.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DocumentCapture {
    pub id: String,
    pub retrieved_at: String,
    pub http_status: Option<i64>,
    /// SHA-256 of the bytes as served.
    pub sha256: Option<String>,
}

/// The columns of a [`DocumentSummary`], over `document d`.
fn summary_columns() -> String {
    format!(
        "d.id, {}, d.title, d.url, o.name, d.byline, d.published_at, d.located, json_extract(d.csl, '$.DOI'),
         (SELECT count(*) FROM live_appearance a WHERE a.document_seq = d.seq),
         (SELECT count(DISTINCT a.claim_seq) FROM live_appearance a WHERE a.document_seq = d.seq),
         (SELECT count(*) FROM snapshot s WHERE s.document_seq = d.seq)",
        handle_sql(RecordKind::Document, "d.seq", "d.id")
    )
}

fn summary_of(r: &rusqlite::Row<'_>) -> rusqlite::Result<DocumentSummary> {
    Ok(DocumentSummary {
        id: r.get(0)?,
        handle: r.get(1)?,
        title: r.get(2)?,
        url: r.get(3)?,
        outlet: r.get(4)?,
        byline: r.get(5)?,
        published_at: r.get(6)?,
        located: r.get(7)?,
        doi: r.get(8)?,
        appearances: r.get(9)?,
        claims: r.get(10)?,
        snapshots: r.get(11)?,
    })
}

/// `text` for a LIKE pattern that matches it literally anywhere.
fn contains_pattern(text: &str) -> String {
    let escaped: String =
        text.chars().flat_map(|c| if matches!(c, '%' | '_' | '\\') { vec!['\\', c] } else { vec![c] }).collect();
    format!("%{escaped}%")
}

impl Store {
    /// The sources library, newest first.
    pub fn documents(&self, filter: &DocumentFilter) -> Result<Vec<DocumentSummary>> {
        let mut conditions = Vec::new();
        let mut values: Vec<SqlValue> = Vec::new();
        if let Some(search) = filter.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            for word in search.split_whitespace() {
                values.push(SqlValue::Text(contains_pattern(word)));
                let n = values.len();
                conditions.push(format!(
                    "(d.title LIKE ?{n} ESCAPE '\\' OR d.url LIKE ?{n} ESCAPE '\\' OR d.byline LIKE ?{n} ESCAPE '\\'
                      OR o.name LIKE ?{n} ESCAPE '\\' OR d.csl LIKE ?{n} ESCAPE '\\')"
                ));
            }
        }
        if let Some(outlet) = filter.outlet.as_deref() {
            let seq = self.outlet_seq(outlet)?;
            values.push(SqlValue::Integer(seq));
            conditions.push(format!("d.outlet_seq = ?{}", values.len()));
        }
        if let Some(case) = filter.case.as_deref() {
            let key = match_key(case);
            let seq: Option<i64> = rusqlite::OptionalExtension::optional(self.conn.query_row(
                "SELECT seq FROM case_file WHERE name_key = ?1",
                [&key],
                |r| r.get(0),
            ))?;
            let seq = seq.ok_or_else(|| Error::NotFound { what: "case", key: case.trim().to_string() })?;
            values.push(SqlValue::Integer(seq));
            conditions.push(format!(
                "d.seq IN (SELECT a.document_seq FROM live_appearance a JOIN claim_case cc ON cc.claim_seq = a.claim_seq
                           WHERE cc.case_seq = ?{})",
                values.len()
            ));
        }
        let filter_sql =
            if conditions.is_empty() { String::new() } else { format!("WHERE {}", conditions.join(" AND ")) };
        let limit = filter.limit.map(|l| format!("LIMIT {l}")).unwrap_or_default();
        let sql = format!(
            "SELECT {} FROM document d LEFT JOIN actor o ON o.seq = d.outlet_seq {filter_sql}
             ORDER BY coalesce(d.published_at, d.created_at) DESC, d.seq DESC {limit}",
            summary_columns()
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(values), summary_of)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One document, by handle or id, with the claims that cite it and its captures.
    pub fn document(&self, key: &str) -> Result<DocumentDetail> {
        let found = self.resolve_record_of(RecordKind::Document, key)?;
        let sql = format!(
            "SELECT {}, d.retrieved_at, d.csl FROM document d LEFT JOIN actor o ON o.seq = d.outlet_seq WHERE d.seq = ?1",
            summary_columns()
        );
        let (summary, retrieved_at, csl) = self.conn.query_row(&sql, [found.seq], |r| {
            Ok((summary_of(r)?, r.get::<_, Option<String>>(12)?, r.get::<_, Option<String>>(13)?))
        })?;
        let authors = csl
            .and_then(|c| serde_json::from_str::<serde_json::Value>(&c).ok())
            .and_then(|c| c.get("author").map(crate::interop::csl::author_names))
            .unwrap_or_default();
        let appearance_handle = handle_sql(RecordKind::Appearance, "a.seq", "a.id");
        let cited_by = self
            .conn
            .prepare(&format!(
                "SELECT c.id, c.seq, c.text, {appearance_handle}, ac.name, a.quote FROM live_appearance a
                 JOIN claim c ON c.seq = a.claim_seq JOIN actor ac ON ac.seq = a.actor_seq
                 WHERE a.document_seq = ?1 ORDER BY a.seq"
            ))?
            .query_map([found.seq], |r| {
                Ok((r.get(0)?, r.get::<_, i64>(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
            })?
            .collect::<rusqlite::Result<Vec<(String, i64, String, String, String, Option<String>)>>>()?
            .into_iter()
            .map(|(claim, claim_seq, claim_text, appearance_handle, actor, quote)| {
                Ok(DocumentCitation {
                    claim,
                    claim_handle: handle_of(&self.conn, RecordKind::Claim, claim_seq)?,
                    claim_text,
                    appearance_handle,
                    actor,
                    quote,
                })
            })
            .collect::<Result<_>>()?;
        let captures = self
            .conn
            .prepare(
                "SELECT id, retrieved_at, http_status, raw_sha256 FROM snapshot WHERE document_seq = ?1 ORDER BY seq",
            )?
            .query_map([found.seq], |r| {
                Ok(DocumentCapture {
                    id: r.get(0)?,
                    retrieved_at: r.get(1)?,
                    http_status: r.get(2)?,
                    sha256: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(DocumentDetail { summary, retrieved_at, authors, cited_by, captures })
    }

    /// The outlet named `name` (by name or alias), for filtering.
    fn outlet_seq(&self, name: &str) -> Result<i64> {
        let key = match_key(name);
        let found: Option<i64> = rusqlite::OptionalExtension::optional(self.conn.query_row(
            "SELECT seq FROM actor WHERE name_key = ?1 AND merged_into IS NULL
             UNION SELECT actor_seq FROM actor_alias WHERE alias_key = ?1 LIMIT 1",
            [&key],
            |r| r.get(0),
        ))?;
        found.ok_or_else(|| Error::NotFound { what: "outlet", key: name.trim().to_string() })
    }
}
