//! `claimtrail bundle`: share a case with a colleague or keep it in an
//! archive, as one versioned JSON file with every id, alias, relay and
//! verdict event; importing it twice adds nothing the second time.
//!
//! ```text
//! claimtrail bundle export --case "Ukraine, July 2025" -o ukraine.claimtrail.json
//! claimtrail bundle import ukraine.claimtrail.json     # same as `claimtrail import`
//! ```

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use claimtrail_core::interop::ExportFormat;
use claimtrail_core::Store;

use super::export::{write_export, ScopeArgs};

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    action: Action,
}

#[derive(clap::Subcommand)]
enum Action {
    /// Write a case (or one claim, or everything) as a bundle.
    Export {
        #[command(flatten)]
        scope: ScopeArgs,
        /// Write to this file (atomically) instead of standard output.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Merge a bundle into this database.
    Import(super::import::Args),
}

impl Args {
    /// Whether this call may create the database: only importing adds data.
    pub fn creates_database(&self) -> bool {
        self.writes()
    }

    /// Whether this adds to the database (an import) rather than reading it.
    pub fn writes(&self) -> bool {
        matches!(self.action, Action::Import(_))
    }
}

pub fn run(store: &mut Store, args: Args, now: DateTime<Utc>) -> anyhow::Result<()> {
    match args.action {
        Action::Export { scope, output } => {
            write_export(store, ExportFormat::Bundle, &scope.scope(), &Default::default(), output.as_deref(), now)
        }
        Action::Import(import) => super::import::run(store, import, now),
    }
}
