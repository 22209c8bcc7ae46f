//! `claimtrail backup` and `claimtrail restore`.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use claimtrail_core::Store;

#[derive(clap::Args)]
pub struct BackupArgs {
    /// Where to write the copy.
    file: PathBuf,
}

#[derive(clap::Args)]
pub struct RestoreArgs {
    /// The backup to restore.
    file: PathBuf,
    /// Restore even though the database holds changes newer than the backup.
    #[arg(long)]
    force: bool,
}

pub fn backup(store: &Store, args: BackupArgs) -> anyhow::Result<()> {
    let report = store.backup_to(&args.file)?;
    println!("backed up to {} ({} pages)", args.file.display(), report.pages);
    Ok(())
}

pub fn restore(db: &Path, args: RestoreArgs, now: DateTime<Utc>) -> anyhow::Result<()> {
    let (_store, report) = Store::restore_file(db, &args.file, args.force, now)?;
    println!("restored {}; the database as it was is kept at {}", args.file.display(), report.previous.display());
    Ok(())
}
