//! `claimtrail export`: the claims of a case (or one claim, or all) in a
//! format another tool reads — ClaimReview, W3C PROV, GraphML, GEXF, DOT,
//! CSL-JSON, Web Annotations, CSV or the case bundle.
//!
//! ```text
//! claimtrail export --format claimreview --case "Ukraine, July 2025" --review-url 'https://desk.example/checks/{claim}' -o review.jsonld
//! claimtrail export --format dot --claim 0199 | dot -Tsvg > chain.svg
//! ```

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use chrono::{DateTime, Utc};
use claimtrail_core::interop::{self, ExportFormat, ExportOptions};
use claimtrail_core::{Scope, Store};

use super::UsageError;

#[derive(clap::Args)]
pub struct Args {
    /// claimreview, prov-ttl (or prov), prov-json, graphml, gexf, dot, csl-json, annotations, csv or bundle.
    #[arg(long, value_name = "FORMAT")]
    format: String,
    #[command(flatten)]
    scope: ScopeArgs,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// claimreview: the published fact-check's address; {claim} becomes the claim id.
    #[arg(long, value_name = "URL")]
    review_url: Option<String>,
}

/// Which claims to export: one claim, one case, or (neither given) all.
#[derive(clap::Args)]
pub struct ScopeArgs {
    /// One claim: its id or a unique prefix of it.
    #[arg(long, value_name = "ID", conflicts_with = "case")]
    claim: Option<String>,
    /// Every claim of a case.
    #[arg(long, value_name = "NAME")]
    case: Option<String>,
}

impl ScopeArgs {
    pub fn scope(&self) -> Scope {
        match (&self.claim, &self.case) {
            (Some(id), _) => Scope::Claim(id.clone()),
            (None, Some(name)) => Scope::Case(name.clone()),
            (None, None) => Scope::All,
        }
    }
}

pub fn run(store: &Store, args: Args, now: DateTime<Utc>) -> anyhow::Result<()> {
    let format: ExportFormat = args.format.parse()?;
    let options = ExportOptions { review_url: args.review_url };
    write_export(store, format, &args.scope.scope(), &options, args.output.as_deref(), now)
}

/// Exports and writes the result, with the notes on stderr.
pub fn write_export(
    store: &Store,
    format: ExportFormat,
    scope: &Scope,
    options: &ExportOptions,
    output: Option<&Path>,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    if let Some(path) = output {
        // Before exporting: an export written over the database would replace it.
        store.check_output(path)?;
    }
    let export = interop::export_with(store, format, scope, options, now)?;
    for note in &export.notes {
        eprintln!("claimtrail: note: {note}");
    }
    match output {
        Some(path) => write_atomically(path, &export.bytes),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(&export.bytes)?;
            out.flush()?;
            Ok(())
        }
    }
}

/// Writes beside the target and renames over it, so a reader (or a crash)
/// never sees half a file and an old export survives a failed one.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let name = path.file_name().ok_or_else(|| UsageError(format!("{} is not a file name", path.display())))?;
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let temp = dir.join(format!(".{}.{}.tmp", name.to_string_lossy(), std::process::id()));
    let result = (|| -> anyhow::Result<()> {
        let mut file = std::fs::File::create(&temp).with_context(|| format!("cannot write {}", temp.display()))?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, path).with_context(|| format!("cannot write {}", path.display()))?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}
