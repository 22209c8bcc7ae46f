//! A claim's history: every event on it in order — the logs that added its
//! appearances, its verdicts, and the audited actions that name it
//! (corrections, deletions, undeletions, undos, redos, merges).

use serde::Serialize;
use serde_json::Value;

use super::Store;
use crate::error::Result;

/// One event of a claim's history.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HistoryEvent {
    pub at: String,
    /// `log`, `verdict`, or the audited action (`correct_appearance`,
    /// `delete_relay`, `undo`, `claim_merge`, ...).
    pub action: String,
    /// Who did it, when it is recorded.
    pub author: Option<String>,
    /// What it did, in one line.
    pub summary: String,
    /// The changes with their values before and after (corrections,
    /// tombstones, undo and redo), or the verdict's status before and after.
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub detail: Value,
}

impl Store {
    /// Every event on the claim `key` names (deleted claims too), oldest first.
    pub fn claim_history(&self, key: &str) -> Result<Vec<HistoryEvent>> {
        let claim = self.resolve_claim_any(key)?;
        // (at, rank, chain position): logs have no chain entry and come first in their second.
        let mut events: Vec<((String, u8, i64), HistoryEvent)> = Vec::new();
        let mut audits = self.conn.prepare_cached(
            "SELECT a.at, a.action, a.detail, coalesce(h.seq, 0) FROM audit_subject s
             JOIN audit_event a ON a.seq = s.audit_seq
             LEFT JOIN history_entry h ON h.kind = 'audit' AND h.subject_seq = a.seq
             WHERE s.claim_seq = ?1 ORDER BY a.seq",
        )?;
        let rows: Vec<(String, String, String, i64)> = audits
            .query_map([claim.seq], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        // Appearances whose log is an audit event (logs since the event
        // existed) are not listed again from their creation times.
        let mut audited_logs: std::collections::HashSet<String> = std::collections::HashSet::new();
        for (at, action, detail, pos) in rows {
            let detail: Value = serde_json::from_str(&detail).unwrap_or(Value::String(detail));
            if action == "log" {
                let named = detail.get("appearances").and_then(Value::as_array).into_iter().flatten();
                audited_logs.extend(named.filter_map(Value::as_str).map(str::to_string));
            }
            // Corrections name their author `author`; the desk's actions (notes, tags, cases) `by`.
            let author =
                ["author", "by"].iter().find_map(|k| detail.get(*k).and_then(Value::as_str)).map(str::to_string);
            let summary = summarise(&action, &detail, &|id| self.name_of(id));
            events.push(((at.clone(), 1, pos), HistoryEvent { at, action, author, summary, detail }));
        }
        let mut logs = self.conn.prepare_cached(
            "SELECT created_at, group_concat(id, ' ') FROM appearance WHERE claim_seq = ?1 GROUP BY created_at ORDER BY created_at",
        )?;
        let rows: Vec<(String, String)> =
            logs.query_map([claim.seq], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        for (at, ids) in rows {
            let ids: Vec<&str> = ids.split(' ').filter(|id| !audited_logs.contains(*id)).collect();
            if ids.is_empty() {
                continue;
            }
            events.push((
                (at.clone(), 0, 0),
                HistoryEvent {
                    at,
                    action: "log".into(),
                    author: None,
                    summary: format!("logged {} appearance(s)", ids.len()),
                    detail: serde_json::json!({ "appearances": ids }),
                },
            ));
        }
        let verdicts = super::verdicts::history(&self.conn, claim.seq)?;
        let mut position = self.conn.prepare_cached(
            "SELECT h.seq FROM history_entry h JOIN verdict v ON v.seq = h.subject_seq WHERE h.kind = 'verdict' AND v.id = ?1",
        )?;
        let mut previous = "unverified".to_string();
        for v in verdicts {
            let pos: i64 = position.query_row([&v.id], |r| r.get(0)).unwrap_or(0);
            let after = v.status.as_str().to_string();
            events.push((
                (v.at.clone(), 1, pos),
                HistoryEvent {
                    at: v.at.clone(),
                    action: "verdict".into(),
                    author: Some(v.author.clone()),
                    summary: format!("status {previous} → {after}: {}", v.reason),
                    detail: serde_json::json!({ "id": v.id, "before": previous, "after": after }),
                },
            ));
            previous = after;
        }
        events.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(events.into_iter().map(|(_, e)| e).collect())
    }
}

impl Store {
    /// The name of the actor an id names, for a history line.
    fn name_of(&self, id: &str) -> Option<String> {
        self.conn
            .prepare_cached("SELECT name FROM actor WHERE id = ?1")
            .and_then(|mut s| s.query_row([id], |r| r.get(0)))
            .ok()
    }
}

/// One line for an audited action: its changes as "field: before → after",
/// actors by name.
fn summarise(action: &str, detail: &Value, name_of: &dyn Fn(&str) -> Option<String>) -> String {
    if action == "log" {
        return summarise_log(detail);
    }
    if action == "actor_merge" {
        let name =
            |key: &str| detail.pointer(&format!("/{key}/name")).and_then(Value::as_str).unwrap_or("?").to_string();
        return format!("actor merge: {} into {}", name("dropped"), name("kept"));
    }
    if action == "relay" {
        if let Some(edge) = detail.pointer("/changes/0/target") {
            return format!("added {}", describe_target(edge));
        }
    }
    let Some(changes) = detail.get("changes").and_then(Value::as_array) else { return action.replace('_', " ") };
    let what = match action {
        "undo" | "redo" => {
            format!("{action} {}", detail.get("action").and_then(Value::as_str).unwrap_or("").replace('_', " "))
        }
        other => other.replace('_', " "),
    };
    let parts: Vec<String> = changes
        .iter()
        .map(|c| {
            let target = c.get("target").map(describe_target).unwrap_or_else(|| "log".into());
            match c.get("op").and_then(Value::as_str) {
                Some("set") => {
                    let (before, after) = (&c["before"], &c["after"]);
                    let fields: Vec<String> = after
                        .as_object()
                        .into_iter()
                        .flatten()
                        .filter(|(k, _)| k.as_str() != "new_actor_role")
                        .map(|(k, v)| {
                            let shown = |v: &Value| match (k.as_str(), v.as_str().and_then(name_of)) {
                                ("actor" | "outlet", Some(name)) => name,
                                _ => short(v),
                            };
                            format!("{k}: {} → {}", shown(&before[k.as_str()]), shown(v))
                        })
                        .collect();
                    format!("{target} {}", fields.join(", "))
                }
                Some(op) => format!("{op} {target}"),
                None => target,
            }
        })
        .collect();
    format!("{what}: {}", parts.join("; "))
}

/// "logged 3 appearance(s) of a new claim; new actors: A, B; 1 new document".
fn summarise_log(detail: &Value) -> String {
    let count = |key: &str| detail.get(key).and_then(Value::as_array).map_or(0, Vec::len);
    let new_claim = detail.pointer("/claim/new").and_then(Value::as_bool).unwrap_or(false);
    let mut line =
        format!("logged {} appearance(s){}", count("appearances"), if new_claim { " of a new claim" } else { "" });
    let actors: Vec<&str> = detail
        .get("actors_created")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|a| a.get("name").and_then(Value::as_str))
        .collect();
    if !actors.is_empty() {
        line.push_str(&format!("; new actors: {}", actors.join(", ")));
    }
    if count("documents_created") > 0 {
        line.push_str(&format!("; {} new document(s)", count("documents_created")));
    }
    line
}

fn describe_target(t: &Value) -> String {
    match t.get("type").and_then(Value::as_str) {
        Some("relay") => format!("relay {} > {}", short(&t["from"]), short(&t["to"])),
        Some(kind) => format!("{kind} {}", short(&t["id"])),
        None => String::new(),
    }
}

fn short(v: &Value) -> String {
    match v {
        Value::Null => "(none)".into(),
        Value::String(s) => {
            let clipped: String = s.chars().take(60).collect();
            if clipped.len() < s.len() {
                format!("{clipped}…")
            } else {
                clipped
            }
        }
        other => other.to_string(),
    }
}
