//! `claimtrail`: the command-line face of Claimtrail.
//!
//! Every subcommand is a thin layer over one `claimtrail_core::Store` call:
//! parse arguments, call the core, print text or `--json`. User mistakes end
//! with one line on stderr and exit code 2, with the database unchanged.
//!
//! ```text
//! claimtrail demo
//! claimtrail list --json
//! claimtrail trace 0199 --json
//! ```

#![forbid(unsafe_code)]

mod cmd;
mod output;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use claimtrail_core::{ErrorKind, Store};
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "claimtrail",
    version,
    about = "Trace claims to their origins: log who said what, who relayed it, and your verdict."
)]
struct Cli {
    /// The database file (default: $CLAIMTRAIL_DB, else the per-user data file the desktop app opens).
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
// Parsed once per process and matched once: boxing the larger arguments would save nothing.
#[allow(clippy::large_enum_variant)]
enum Command {
    /// Log a claim with its speaker and relay chain.
    Log(cmd::log::Args),
    /// Record a verdict on a claim (appended to its history).
    Status(cmd::status::Args),
    /// Show a claim with its history and appearances.
    Show(cmd::show::Args),
    /// List the sources library: captured pages, imported references, cited addresses.
    Documents(cmd::documents::ListArgs),
    /// Work with one document: show it with the claims that cite it.
    Document(cmd::documents::DocumentArgs),
    /// List verdicts from elsewhere that disagree with ours, to decide with `status`.
    Conflicts(cmd::status::ConflictsArgs),
    /// List claims, newest first.
    List(cmd::list::Args),
    /// Trace a claim to its origins: paths, dead ends, loops, choke points, wording drift.
    Trace(cmd::trace::Args),
    /// Record that one appearance took its claim from another (`relay delete FROM TO` takes it back).
    Relay(cmd::relay::Args),
    /// Correct a claim, appearance, actor or document (an audited event in the history).
    Edit(cmd::edit::Args),
    /// Delete an appearance or a claim (a tombstone: its history stays, `undelete` restores it).
    Delete(cmd::edit::DeleteArgs),
    /// Restore a deleted appearance or claim.
    Undelete(cmd::edit::DeleteArgs),
    /// Take back the last actions (--steps N), each undo recorded in the history.
    Undo(cmd::edit::StepsArgs),
    /// Make again the actions undo took back (--steps N).
    Redo(cmd::edit::StepsArgs),
    /// List actors (people, outlets, agencies, ...).
    Actors(cmd::actors::ListArgs),
    /// Work with one actor: profile, aliases, merges.
    Actor(cmd::actors::ActorArgs),
    /// Work with claims: find the ones like a text, merge two.
    Claim(cmd::claims::ClaimArgs),
    /// Work with cases: list, show, rename, add claims, remove claims.
    Case(cmd::desk::CaseArgs),
    /// Tag a claim (audited).
    Tag(cmd::desk::TagArgs),
    /// Take tags off a claim (audited).
    Untag(cmd::desk::TagArgs),
    /// Add a note to a claim's thread (audited).
    Note(cmd::desk::NoteArgs),
    /// Record where a claim's published fact-check lives (used by the ClaimReview export).
    ReviewUrl(cmd::desk::ReviewUrlArgs),
    /// Give a claim to a person, with a due date (audited).
    Assign(cmd::desk::AssignArgs),
    /// Load the demo case (idempotent).
    Demo(cmd::demo::Args),
    /// Propose the claims, claimants and relays of an article; --log accepts them.
    Extract(cmd::extract::Args),
    /// Fetch a page, keep a snapshot of what it said, and propose its claims.
    Capture(cmd::capture::Args),
    /// Fetch a captured page again and report whether its text changed, with the diff.
    Recapture(cmd::capture::RecaptureArgs),
    /// Export claims as ClaimReview, W3C PROV, GraphML, GEXF, DOT, CSL-JSON, Web Annotations, CSV or a bundle.
    Export(cmd::export::Args),
    /// Import a case bundle, ClaimReview, CSL-JSON or CSV file (one transaction; recognised by content).
    Import(cmd::import::Args),
    /// Share a case: export it as a versioned bundle, or import one.
    Bundle(cmd::bundle::Args),
    /// Re-check the tamper-evident history (exit 3 if it was altered).
    Verify(cmd::verify::Args),
    /// Copy the database to FILE while it stays in use (SQLite online backup).
    Backup(cmd::backup::BackupArgs),
    /// Replace the database with a backup (refuses to drop newer data without --force).
    Restore(cmd::backup::RestoreArgs),
}

impl Command {
    /// Whether the command adds data, and so may create the database. The
    /// others only read or change what exists, and refuse a missing file
    /// rather than create an empty one at a mistyped path.
    fn creates_database(&self) -> bool {
        match self {
            Command::Log(_) | Command::Import(_) | Command::Demo(_) | Command::Capture(_) | Command::Extract(_) => true,
            Command::Bundle(args) => args.creates_database(),
            _ => false,
        }
    }
}

fn main() -> ExitCode {
    restore_broken_pipe_default();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // Help and version (and help for a bare `claimtrail`) print as clap prints them.
        Err(e) if !e.use_stderr() || e.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            e.exit()
        }
        Err(e) => {
            eprintln!("claimtrail: {}", usage_line(&e));
            return ExitCode::from(2);
        }
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            eprintln!("claimtrail: {}", one_line(&err));
            let user_error = err
                .downcast_ref::<claimtrail_core::Error>()
                .map(|e| e.kind())
                .is_some_and(|k| !matches!(k, ErrorKind::Storage | ErrorKind::Busy))
                || err.downcast_ref::<cmd::UsageError>().is_some();
            ExitCode::from(if user_error { 2 } else { 1 })
        }
    }
}

/// A mistake clap found (an unknown value, an argument that is not UTF-8) on
/// one line like every other refusal: its message and tips, without the usage
/// text and the pointer to --help that follow it.
fn usage_line(e: &clap::Error) -> String {
    let rendered = e.render().to_string();
    rendered
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("Usage:") && !l.starts_with("For more information"))
        .map(|l| l.strip_prefix("error: ").unwrap_or(l))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Lets a closed stdout (`claimtrail list | head -1`) end the process
/// quietly, as it ends other Unix tools, instead of a panic in `println!`:
/// Rust ignores SIGPIPE, so every write would fail with EPIPE instead. Called
/// first in main, before any thread exists.
fn restore_broken_pipe_default() {
    sigpipe::reset();
}

/// Whether the command may add to the database (and so to its history).
fn writes(command: &Command) -> bool {
    match command {
        Command::Bundle(args) => args.writes(),
        Command::Claim(args) => args.writes(),
        Command::Case(args) => args.writes(),
        command => matches!(
            command,
            Command::Log(_)
                | Command::Status(_)
                | Command::Relay(_)
                | Command::Edit(_)
                | Command::Delete(_)
                | Command::Undelete(_)
                | Command::Undo(_)
                | Command::Redo(_)
                | Command::Actor(_)
                | Command::Tag(_)
                | Command::Untag(_)
                | Command::Note(_)
                | Command::ReviewUrl(_)
                | Command::Assign(_)
                | Command::Demo(_)
                | Command::Extract(_)
                | Command::Capture(_)
                | Command::Recapture(_)
                | Command::Import(_)
        ),
    }
}

/// The error and its causes on one line, so scripts can log it.
fn one_line(err: &anyhow::Error) -> String {
    err.chain().map(|e| e.to_string()).collect::<Vec<_>>().join(": ").replace('\n', " ")
}

fn run(cli: Cli) -> anyhow::Result<u8> {
    // A path the user typed (--db or $CLAIMTRAIL_DB) may be mistyped; the
    // per-user default is where a newcomer's first database is created.
    let named = cli.db.is_some() || std::env::var_os(claimtrail_core::DATABASE_ENV).is_some_and(|p| !p.is_empty());
    let path = match cli.db {
        Some(p) => p,
        None => claimtrail_core::default_database_path().context("no per-user data folder; pass --db PATH")?,
    };
    if let Command::Extract(args) = &cli.command {
        if !args.needs_store() {
            // Proposing creates no database; an existing one tells how each
            // proposed name resolves, and one that cannot be read tells nothing.
            let store = path.exists().then(|| Store::open(&path).ok()).flatten();
            return cmd::extract::show(args, store.as_ref()).map(|()| 0);
        }
    }
    let now = chrono::Utc::now();
    let command = match cli.command {
        // Before opening: restoring is how a database too damaged to open comes back.
        Command::Restore(args) => return cmd::backup::restore(&path, args, now).map(|()| 0),
        command => command,
    };
    let mut store =
        if named && !command.creates_database() { Store::open_existing(&path)? } else { Store::open(&path)? };
    if writes(&command) {
        cmd::verify::warn_if_broken(&store);
    }
    let done = match command {
        Command::Log(args) => cmd::log::run(&mut store, args, now),
        Command::Status(args) => cmd::status::run(&mut store, args, now),
        Command::Show(args) => cmd::show::run(&store, args),
        Command::Conflicts(args) => cmd::status::conflicts(&store, args),
        Command::Documents(args) => cmd::documents::list(&store, args),
        Command::Document(args) => cmd::documents::run(&store, args),
        Command::List(args) => cmd::list::run(&store, args),
        Command::Trace(args) => cmd::trace::run(&store, args),
        Command::Relay(args) => cmd::relay::run(&mut store, args, now),
        Command::Edit(args) => cmd::edit::run(&mut store, args, now),
        Command::Delete(args) => cmd::edit::delete(&mut store, args, now),
        Command::Undelete(args) => cmd::edit::undelete(&mut store, args, now),
        Command::Undo(args) => cmd::edit::undo(&mut store, args, false, now),
        Command::Redo(args) => cmd::edit::undo(&mut store, args, true, now),
        Command::Actors(args) => cmd::actors::list(&store, args),
        Command::Actor(args) => cmd::actors::run(&mut store, args, now),
        Command::Claim(args) => cmd::claims::run(&mut store, args, now),
        Command::Case(args) => cmd::desk::case(&mut store, args, now),
        Command::Tag(args) => cmd::desk::tag(&mut store, args, now),
        Command::Untag(args) => cmd::desk::untag(&mut store, args, now),
        Command::Note(args) => cmd::desk::note(&mut store, args, now),
        Command::ReviewUrl(args) => cmd::desk::review_url(&mut store, args, now),
        Command::Assign(args) => cmd::desk::assign(&mut store, args, now),
        Command::Demo(args) => cmd::demo::run(&mut store, args, now),
        Command::Extract(args) => cmd::extract::run(&mut store, args, now),
        Command::Capture(args) => cmd::capture::run(&mut store, args, now),
        Command::Recapture(args) => cmd::capture::recapture(&mut store, args, now),
        Command::Export(args) => cmd::export::run(&store, args, now),
        Command::Import(args) => cmd::import::run(&mut store, args, now),
        Command::Bundle(args) => cmd::bundle::run(&mut store, args, now),
        Command::Verify(args) => return cmd::verify::run(&store, args),
        Command::Backup(args) => cmd::backup::backup(&store, args),
        Command::Restore(_) => unreachable!("restore runs above, before the database is opened"),
    };
    done.map(|()| 0).map_err(|mut e| {
        // A full disk, a read-only or a damaged file is named, whichever core call met it.
        if let Some(core) = e.downcast_mut::<claimtrail_core::Error>() {
            core.name_file(&path);
        }
        e
    })
}
