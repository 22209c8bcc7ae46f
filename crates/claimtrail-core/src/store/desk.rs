//! The desk's daily work on a claim: cases and tags, the note thread, the
//! published check's address, who has the claim and by when.
//!
//! Every change is one transaction with an audit event in the history chain
//! whose detail names the claim, what was there before and after, and who
//! made the change, so it can be read back from the history, and (but a
//! note) pushes its undo step (`reversible.rs`). A note is not undone: the
//! thread is append-only like the verdicts, and a note written by mistake is
//! answered by another note.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;
use serde_json::json;

use super::claims::ClaimRef;
use super::handles::{handle_of, RecordKind};
use super::reversible::{push, Move};
use super::{new_id, non_blank, Store};
use crate::error::{Error, Result};
use crate::key::match_key;
use crate::web_address;
use crate::when::stamp;

/// Longest case name, tag or assignee accepted, in characters.
pub const MAX_LABEL_CHARS: usize = 200;
/// Longest note accepted, in characters.
pub const MAX_NOTE_CHARS: usize = 20_000;

/// One note of a claim's thread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Note {
    pub id: String,
    pub author: String,
    /// As written, byte for byte.
    pub text: String,
    pub at: String,
}

/// What a case change did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CaseChange {
    pub case: String,
    /// The case did not exist before this change.
    pub created: bool,
    /// Handles of the claims added or removed.
    pub changed: Vec<String>,
    /// Handles of the claims that were already in (add) or not in (remove) the case.
    pub unchanged: Vec<String>,
}

/// The desk fields of a claim after a change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DeskFields {
    pub claim_id: String,
    pub handle: String,
    pub tags: Vec<String>,
    pub assignee: Option<String>,
    pub due: Option<String>,
    pub review_url: Option<String>,
}

/// A case name, tag or assignee as typed: trimmed, not empty, not too long,
/// without control characters.
pub(super) fn label(what: &str, raw: &str) -> Result<String> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(Error::invalid(format!("the {what} is empty")));
    }
    if text.chars().count() > MAX_LABEL_CHARS {
        return Err(Error::invalid(format!("the {what} is longer than {MAX_LABEL_CHARS} characters")));
    }
    if text.chars().any(char::is_control) {
        return Err(Error::invalid(format!("the {what} contains a control character")));
    }
    Ok(text.to_string())
}

/// A due date: a day, `YYYY-MM-DD`.
pub(crate) fn parse_due(raw: &str) -> Result<String> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .map(|d| d.format("%Y-%m-%d").to_string())
        .map_err(|_| Error::invalid(format!("cannot read `{}` as a due date: use YYYY-MM-DD", raw.trim())))
}

/// The case named `name` (matching key), with its name as stored; an unknown
/// name is refused with the closest existing names.
pub(super) fn find_case(conn: &Connection, name: &str) -> Result<(i64, String)> {
    let key = match_key(name.trim());
    let found = conn
        .prepare_cached("SELECT seq, name FROM case_file WHERE name_key = ?1")?
        .query_row([&key], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    found.ok_or_else(|| Error::NotFoundNear {
        what: "case",
        key: name.trim().to_string(),
        near: closest_cases(conn, &key).unwrap_or_default(),
    })
}

/// Up to three case names closest to `key`, closest first.
fn closest_cases(conn: &Connection, key: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT name, name_key FROM case_file")?;
    let mut scored: Vec<(f64, String)> = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .map(|(name, other)| {
            let whole = strsim::normalized_damerau_levenshtein(key, &other);
            // A word of the name typed alone ("ukraine" for "Ukraine, July 2025").
            let words = other.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty());
            let part = words.map(|w| strsim::jaro_winkler(key, w)).fold(0.0, f64::max) * 0.9;
            (whole.max(part), name)
        })
        .filter(|(score, _)| *score >= 0.5)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    Ok(scored.into_iter().take(3).map(|(_, name)| name).collect())
}

/// The claim as the audit detail names it.
fn claim_json(conn: &Connection, claim: &ClaimRef) -> Result<serde_json::Value> {
    Ok(json!({"id": claim.id, "handle": handle_of(conn, RecordKind::Claim, claim.seq)?}))
}

fn audit(tx: &Transaction<'_>, now: DateTime<Utc>, action: &str, detail: serde_json::Value) -> Result<()> {
    super::history::record_audit(tx, &stamp(now), action, &detail.to_string())
}

/// The undo step of a change of a claim's desk fields.
fn desk_move(before: &DeskFields, after: &DeskFields) -> Move {
    let fields = |d: &DeskFields| match json!({"review_url": d.review_url, "assignee": d.assignee, "due": d.due}) {
        serde_json::Value::Object(m) => m,
        _ => serde_json::Map::new(),
    };
    Move::Desk { claim: before.claim_id.clone(), before: fields(before), after: fields(after) }
}

fn author_of(author: &str) -> Result<String> {
    non_blank(Some(author)).ok_or_else(|| Error::invalid("the author is empty"))
}

impl Store {
    fn claims_of(&self, claims: &[String]) -> Result<Vec<ClaimRef>> {
        if claims.is_empty() {
            return Err(Error::invalid("name at least one claim"));
        }
        let mut out: Vec<ClaimRef> = Vec::new();
        for c in claims {
            let claim = self.resolve_claim(c)?;
            if !out.iter().any(|o| o.seq == claim.seq) {
                out.push(claim);
            }
        }
        Ok(out)
    }

    /// Files claims under a case, creating the case when no case has that name.
    pub fn case_add(&mut self, case: &str, claims: &[String], author: &str, now: DateTime<Utc>) -> Result<CaseChange> {
        let name = label("case name", case)?;
        let author = author_of(author)?;
        let claims = self.claims_of(claims)?;
        let key = match_key(&name);
        let tx = self.write_transaction()?;
        let existing: Option<(i64, String)> = tx
            .query_row("SELECT seq, name FROM case_file WHERE name_key = ?1", [&key], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let created = existing.is_none();
        let (case_seq, name) = match existing {
            Some(found) => found,
            None => {
                tx.execute("INSERT INTO case_file (name, name_key) VALUES (?1, ?2)", params![name, key])?;
                (tx.last_insert_rowid(), name)
            }
        };
        let mut change = CaseChange { case: name.clone(), created, changed: Vec::new(), unchanged: Vec::new() };
        let mut added = Vec::new();
        let mut added_ids = Vec::new();
        for claim in &claims {
            let n = tx.execute(
                "INSERT OR IGNORE INTO claim_case (claim_seq, case_seq) VALUES (?1, ?2)",
                params![claim.seq, case_seq],
            )?;
            let handle = handle_of(&tx, RecordKind::Claim, claim.seq)?;
            if n == 1 {
                added.push(claim_json(&tx, claim)?);
                added_ids.push(claim.id.clone());
                change.changed.push(handle);
            } else {
                change.unchanged.push(handle);
            }
        }
        if created || !added.is_empty() {
            audit(&tx, now, "case_add", json!({"case": name, "created": created, "claims": added, "by": author}))?;
            let step = Move::Case { case: name.clone(), claims: added_ids, add: true, created };
            push(&tx, "case_add", step)?;
        }
        tx.commit()?;
        self.anchor_head();
        Ok(change)
    }

    /// Takes claims out of a case; the case stays, even empty.
    pub fn case_remove(
        &mut self,
        case: &str,
        claims: &[String],
        author: &str,
        now: DateTime<Utc>,
    ) -> Result<CaseChange> {
        let author = author_of(author)?;
        let (case_seq, name) = find_case(&self.conn, case)?;
        let claims = self.claims_of(claims)?;
        let tx = self.write_transaction()?;
        let mut change = CaseChange { case: name.clone(), created: false, changed: Vec::new(), unchanged: Vec::new() };
        let mut removed = Vec::new();
        let mut removed_ids = Vec::new();
        for claim in &claims {
            let n = tx.execute(
                "DELETE FROM claim_case WHERE claim_seq = ?1 AND case_seq = ?2",
                params![claim.seq, case_seq],
            )?;
            let handle = handle_of(&tx, RecordKind::Claim, claim.seq)?;
            if n == 1 {
                removed.push(claim_json(&tx, claim)?);
                removed_ids.push(claim.id.clone());
                change.changed.push(handle);
            } else {
                change.unchanged.push(handle);
            }
        }
        if !removed.is_empty() {
            audit(&tx, now, "case_remove", json!({"case": name, "claims": removed, "by": author}))?;
            let step = Move::Case { case: name.clone(), claims: removed_ids, add: false, created: false };
            push(&tx, "case_remove", step)?;
        }
        tx.commit()?;
        self.anchor_head();
        Ok(change)
    }

    /// Renames a case; refused when another case has the new name.
    pub fn case_rename(&mut self, case: &str, new_name: &str, author: &str, now: DateTime<Utc>) -> Result<String> {
        let author = author_of(author)?;
        let new_name = label("new case name", new_name)?;
        let (case_seq, old_name) = find_case(&self.conn, case)?;
        let key = match_key(&new_name);
        let taken: Option<String> = self
            .conn
            .query_row("SELECT name FROM case_file WHERE name_key = ?1 AND seq <> ?2", params![key, case_seq], |r| {
                r.get(0)
            })
            .optional()?;
        if let Some(other) = taken {
            return Err(Error::invalid(format!("a case named `{other}` exists already; add its claims instead")));
        }
        if old_name == new_name {
            return Ok(new_name);
        }
        let tx = self.write_transaction()?;
        tx.execute("UPDATE case_file SET name = ?1, name_key = ?2 WHERE seq = ?3", params![new_name, key, case_seq])?;
        audit(&tx, now, "case_rename", json!({"before": old_name, "after": new_name, "by": author}))?;
        push(&tx, "case_rename", Move::CaseRename { before: old_name, after: new_name.clone() })?;
        tx.commit()?;
        self.anchor_head();
        Ok(new_name)
    }

    /// Adds tags to a claim; a tag it has already is left as it is.
    pub fn tag_claim(&mut self, claim: &str, tags: &[String], author: &str, now: DateTime<Utc>) -> Result<DeskFields> {
        self.change_tags(claim, tags, author, now, true)
    }

    /// Removes tags from a claim; a tag it does not have is refused.
    pub fn untag_claim(
        &mut self,
        claim: &str,
        tags: &[String],
        author: &str,
        now: DateTime<Utc>,
    ) -> Result<DeskFields> {
        self.change_tags(claim, tags, author, now, false)
    }

    fn change_tags(
        &mut self,
        claim: &str,
        tags: &[String],
        author: &str,
        now: DateTime<Utc>,
        add: bool,
    ) -> Result<DeskFields> {
        let author = author_of(author)?;
        let claim = self.resolve_claim(claim)?;
        if tags.is_empty() {
            return Err(Error::invalid("name at least one tag"));
        }
        let mut wanted: Vec<String> = Vec::new();
        for t in tags {
            let t = label("tag", t)?;
            if !wanted.contains(&t) {
                wanted.push(t);
            }
        }
        let before = self.desk_fields(&claim)?.tags;
        if !add {
            if let Some(missing) = wanted.iter().find(|t| !before.contains(t)) {
                return Err(Error::NotFound { what: "tag on this claim", key: missing.clone() });
            }
        }
        let changed: Vec<&String> = wanted.iter().filter(|t| before.contains(t) != add).collect();
        if !changed.is_empty() {
            let tx = self.write_transaction()?;
            for t in &changed {
                let sql = if add {
                    "INSERT INTO claim_tag (claim_seq, tag) VALUES (?1, ?2)"
                } else {
                    "DELETE FROM claim_tag WHERE claim_seq = ?1 AND tag = ?2"
                };
                tx.execute(sql, params![claim.seq, t])?;
            }
            let detail = json!({"claim": claim_json(&tx, &claim)?, "tags": changed, "before": before, "by": author});
            let action = if add { "tag" } else { "untag" };
            audit(&tx, now, action, detail)?;
            let tags = changed.iter().map(|t| t.to_string()).collect();
            push(&tx, action, Move::Tags { claim: claim.id.clone(), tags, add })?;
            tx.commit()?;
            self.anchor_head();
        }
        self.desk_fields(&claim)
    }

    /// Appends a note to a claim's thread, its text kept byte for byte.
    pub fn add_note(&mut self, claim: &str, text: &str, author: &str, now: DateTime<Utc>) -> Result<Note> {
        let author = author_of(author)?;
        let claim = self.resolve_claim(claim)?;
        if text.trim().is_empty() {
            return Err(Error::invalid("the note is empty"));
        }
        if text.chars().count() > MAX_NOTE_CHARS {
            return Err(Error::invalid(format!("the note is longer than {MAX_NOTE_CHARS} characters")));
        }
        let note = Note { id: new_id(), author, text: text.to_string(), at: stamp(now) };
        let tx = self.write_transaction()?;
        tx.execute(
            "INSERT INTO claim_note (id, claim_seq, author, text, at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![note.id, claim.seq, note.author, note.text, note.at],
        )?;
        let detail = json!({"claim": claim_json(&tx, &claim)?, "note": note.id, "text": note.text, "by": note.author});
        audit(&tx, now, "note", detail)?;
        tx.commit()?;
        self.anchor_head();
        Ok(note)
    }

    /// Records where the published fact-check of a claim lives (an http or
    /// https address), used as the `url` of its ClaimReview.
    pub fn set_review_url(&mut self, claim: &str, url: &str, author: &str, now: DateTime<Utc>) -> Result<DeskFields> {
        let author = author_of(author)?;
        let claim = self.resolve_claim(claim)?;
        let url = web_address::parse_http(url.trim())?.to_string();
        let before = self.desk_fields(&claim)?;
        if before.review_url.as_deref() != Some(url.as_str()) {
            let tx = self.write_transaction()?;
            tx.execute("UPDATE claim SET review_url = ?1 WHERE seq = ?2", params![url, claim.seq])?;
            let detail =
                json!({"claim": claim_json(&tx, &claim)?, "before": before.review_url, "after": url, "by": author});
            audit(&tx, now, "review_url", detail)?;
            let after = DeskFields { review_url: Some(url.clone()), ..before.clone() };
            push(&tx, "review_url", desk_move(&before, &after))?;
            tx.commit()?;
            self.anchor_head();
        }
        self.desk_fields(&claim)
    }

    /// Gives a claim to a person, with a due date (`YYYY-MM-DD`) when one is
    /// given; without one the due date stays as it was.
    pub fn assign_claim(
        &mut self,
        claim: &str,
        assignee: &str,
        due: Option<&str>,
        author: &str,
        now: DateTime<Utc>,
    ) -> Result<DeskFields> {
        let author = author_of(author)?;
        let claim = self.resolve_claim(claim)?;
        let assignee = label("assignee", assignee)?;
        let due = due.map(parse_due).transpose()?;
        let before = self.desk_fields(&claim)?;
        let after_due = due.or_else(|| before.due.clone());
        if before.assignee.as_deref() != Some(assignee.as_str()) || before.due != after_due {
            let tx = self.write_transaction()?;
            tx.execute(
                "UPDATE claim SET assignee = ?1, due = ?2 WHERE seq = ?3",
                params![assignee, after_due, claim.seq],
            )?;
            let detail = json!({
                "claim": claim_json(&tx, &claim)?,
                "before": {"assignee": before.assignee, "due": before.due},
                "after": {"assignee": assignee, "due": after_due},
                "by": author,
            });
            audit(&tx, now, "assign", detail)?;
            let after = DeskFields { assignee: Some(assignee.clone()), due: after_due.clone(), ..before.clone() };
            push(&tx, "assign", desk_move(&before, &after))?;
            tx.commit()?;
            self.anchor_head();
        }
        self.desk_fields(&claim)
    }

    /// The desk fields of a claim.
    pub(crate) fn desk_fields(&self, claim: &ClaimRef) -> Result<DeskFields> {
        let (assignee, due, review_url) =
            self.conn.query_row("SELECT assignee, due, review_url FROM claim WHERE seq = ?1", [claim.seq], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?;
        let tags = self
            .conn
            .prepare_cached("SELECT tag FROM claim_tag WHERE claim_seq = ?1 ORDER BY tag")?
            .query_map([claim.seq], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(DeskFields {
            claim_id: claim.id.clone(),
            handle: handle_of(&self.conn, RecordKind::Claim, claim.seq)?,
            tags,
            assignee,
            due,
            review_url,
        })
    }

    /// The note thread of a claim, oldest first.
    pub(crate) fn notes_of(&self, claim_seq: i64) -> Result<Vec<Note>> {
        let rows = self
            .conn
            .prepare_cached("SELECT id, author, text, at FROM claim_note WHERE claim_seq = ?1 ORDER BY seq")?
            .query_map([claim_seq], |r| Ok(Note { id: r.get(0)?, author: r.get(1)?, text: r.get(2)?, at: r.get(3)? }))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}
