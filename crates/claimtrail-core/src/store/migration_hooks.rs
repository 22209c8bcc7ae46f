//! Rust steps of migrations: work SQL cannot do (hashing, for one), run in
//! the same transaction as the migration's SQL, after it.

use rusqlite::Transaction;
use rusqlite_migration::HookResult;

/// The Rust step of the migration file `name`, if it has one.
pub(super) fn hook(name: &str) -> Option<fn(&Transaction) -> HookResult> {
    match name {
        "0003_history_chain" => Some(chain_existing_history),
        "0004_actor_look_key" => Some(fill_look_keys),
        "0005_claim_key" => Some(rekey_claims),
        "0009_actor_block_keys" => Some(key_existing_actors),
        "0010_audit_subject" => Some(file_existing_audit_events),
        _ => None,
    }
}

/// Chains the verdicts and merges recorded before the chain existed.
fn chain_existing_history(tx: &Transaction) -> HookResult {
    super::history::chain_existing(tx).map_err(|e| rusqlite_migration::HookError::Hook(e.to_string()))
}

/// Writes the look-alike key of every actor recorded before the column existed.
fn fill_look_keys(tx: &Transaction) -> HookResult {
    let names: Vec<(i64, String)> = {
        let mut stmt = tx.prepare("SELECT seq, name FROM actor")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut update = tx.prepare("UPDATE actor SET look_key = ?1 WHERE seq = ?2")?;
    for (seq, name) in names {
        update.execute(rusqlite::params![crate::key::look_alike_key(&name), seq])?;
    }
    Ok(())
}

/// Recomputes every claim's `text_key` as [`crate::key::claim_key`], oldest
/// claim first. Two claims whose texts now share a key are never merged here:
/// the older keeps the key (logging finds it), the later one gets the key
/// followed by U+001F and its id, which no text's key can equal, and both
/// stay listed, each the other's most similar claim, for `claim merge`.
fn rekey_claims(tx: &Transaction) -> HookResult {
    let claims: Vec<(i64, String, String)> = {
        let mut stmt = tx.prepare("SELECT seq, id, text FROM claim ORDER BY seq")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    // First a key unique to each row, so no new key meets an old one mid-way.
    tx.execute("UPDATE claim SET text_key = char(31) || id", [])?;
    let mut taken = std::collections::HashSet::new();
    let mut update = tx.prepare("UPDATE claim SET text_key = ?1 WHERE seq = ?2")?;
    for (seq, id, text) in claims {
        let key = crate::key::claim_key(&text);
        let key = if taken.insert(key.clone()) { key } else { super::claims::displaced_key(&key, &id) };
        update.execute(rusqlite::params![key, seq])?;
    }
    Ok(())
}

/// Files every actor recorded before the blocking-key table existed under
/// its keys (the migration's SQL marked them all stale).
fn key_existing_actors(tx: &Transaction) -> HookResult {
    super::identity::refresh_block_keys(tx).map_err(|e| rusqlite_migration::HookError::Hook(e.to_string()))?;
    Ok(())
}

/// Files every audit event recorded before `audit_subject` existed under the
/// claims its detail names.
fn file_existing_audit_events(tx: &Transaction) -> HookResult {
    let events: Vec<(i64, String)> = {
        let mut stmt = tx.prepare("SELECT seq, detail FROM audit_event ORDER BY seq")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (seq, detail) in events {
        super::history::file_subjects(tx, seq, &detail)
            .map_err(|e| rusqlite_migration::HookError::Hook(e.to_string()))?;
    }
    Ok(())
}
