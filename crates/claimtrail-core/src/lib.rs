//! The GUI-free core of Claimtrail: the provenance model, the SQLite store, the
//! provenance graph and its analyses.
//!
//! A fact-checker logs each claim, who made it and who relayed it; the core
//! keeps the citation chain as a graph, traces every claim to its origins and
//! counts independent sources. The `claimtrail` CLI and the desktop shell are
//! thin layers over [`Store`]; nothing here knows about Tauri or IPC.
//!
//! ```
//! use claimtrail_core::{ActorKind, ActorSpec, LogRequest, RelayStep, Relation, Store, WarningKind};
//!
//! let mut store = Store::open_in_memory().unwrap();
//! let now = chrono::Utc::now();
//! let mut req = LogRequest::new("Russia will not back down", ActorSpec::named("Yuri Ushakov", ActorKind::Person));
//! req.quote = Some("Russia will not back down".into());
//! for outlet in ["Al Jazeera", "ANI", "Kenya Star"] {
//!     req.relays.push(RelayStep {
//!         actor: ActorSpec::named(outlet, ActorKind::Outlet),
//!         relation: Relation::Cites,
//!         cue: None,
//!         quote: None,
//!         document: None,
//!     });
//! }
//! let logged = store.log(&req, now).unwrap();
//! let trace = store.trace(&logged.claim_id).unwrap();
//! assert_eq!(trace.independent_origins, 1);
//! assert_eq!(trace.origins[0].actor, "Yuri Ushakov");
//! assert!(trace.warnings.iter().any(|w| w.kind == WarningKind::FalseCorroboration));
//! ```

#![forbid(unsafe_code)]

pub mod capture;
pub mod demo;
pub mod error;
pub mod extract;
pub mod graph;
pub mod identity;
pub mod interop;
pub mod key;
pub mod model;
pub mod search;
pub mod store;
pub mod web_address;
pub mod when;

pub use error::{Error, ErrorKind, Result};
pub use model::{ActorKind, AppearanceKind, ImportNoteKind, Relation, SnapshotOrigin, Stance, Status};
pub use store::*;
