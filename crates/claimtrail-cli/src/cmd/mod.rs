//! One file per subcommand.

pub mod actors;
pub mod backup;
pub mod bundle;
pub mod capture;
pub mod claims;
pub mod demo;
pub mod desk;
pub mod documents;
pub mod edit;
pub mod export;
pub mod extract;
pub mod import;
pub mod list;
pub mod log;
pub mod relay;
pub mod show;
pub mod status;
pub mod trace;
pub mod verify;

/// Who records a change: the name given (a blank one is refused by the
/// core), else $USER, else "unknown".
pub fn author(given: Option<String>) -> String {
    given.or_else(|| std::env::var("USER").ok().filter(|u| !u.is_empty())).unwrap_or_else(|| "unknown".to_string())
}

/// A mistake in how the command was called that clap cannot catch.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);
