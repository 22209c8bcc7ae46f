//! Rust steps of migrations: work SQL cannot do (hashing, for one), run in
//! the same transaction as the migration's SQL, after it.

use rusqlite::Transaction;
use rusqlite_migration::HookResult;

/// The Rust step of the migration file `name`, if it has one.
pub(super) fn hook(name: &str) -> Option<fn(&Transaction) -> HookResult> {
    match name {
        "0003_history_chain" => Some(chain_existing_history),
        _ => None,
    }
}

/// Chains the verdicts and merges recorded before the chain existed.
fn chain_existing_history(tx: &Transaction) -> HookResult {
    super::history::chain_existing(tx).map_err(|e| rusqlite_migration::HookError::Hook(e.to_string()))
}
