//! Rust steps of migrations: work SQL cannot do (hashing, for one), run in
//! the same transaction as the migration's SQL, after it.

use rusqlite::Transaction;
use rusqlite_migration::HookResult;

/// The Rust step of the migration file `name`, if it has one.
pub(super) fn hook(name: &str) -> Option<fn(&Transaction) -> HookResult> {
    match name {
        _ => None,
    }
}
