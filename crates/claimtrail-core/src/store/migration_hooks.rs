//! Rust steps of migrations: work SQL cannot do (hashing, for one), run in
//! the same transaction as the migration's SQL, after it.

use rusqlite::Transaction;
use rusqlite_migration::HookResult;

/// The Rust step of the migration file `name`, if it has one.
pub(super) fn hook(name: &str) -> Option<fn(&Transaction) -> HookResult> {
    match name {
        "0003_history_chain" => Some(chain_existing_history),
        "0004_actor_look_key" => Some(fill_look_keys),
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
