//! The TypeScript declarations of every type that crosses IPC, generated from
//! the Rust types with ts-rs into one committed file,
//! `ui/src/lib/ipc/bindings.ts`. `tests/bindings.rs` fails when that file is
//! stale; `UPDATE_BINDINGS=1 cargo test -p claimtrail-desktop --test bindings`
//! rewrites it. It ends with `Command`, the union of the IPC command names
//! (`COMMANDS`), which `call()` in `ui/src/lib/ipc/commands.ts` takes; the
//! test then appends `CommandArgs` and `CommandResult`, each command's
//! arguments and answer read from its signature in `commands.rs`.

use claimtrail_core::*;
use ts_rs::{Config, TS};

use crate::capture_link::CaptureLink;
use crate::commands::DatabaseInfo;
use crate::IpcError;

/// Where the UI reads the bindings from, relative to this crate.
pub const BINDINGS_PATH: &str = "../ui/src/lib/ipc/bindings.ts";

/// The whole bindings file.
pub fn typescript() -> String {
    // serde_json writes i64 as a plain number, and no count here comes near 2^53.
    let cfg = Config::new().with_large_int("number");
    let decls = [
        ErrorKind::decl(&cfg),
        IpcError::decl(&cfg),
        ActorKind::decl(&cfg),
        AppearanceKind::decl(&cfg),
        Stance::decl(&cfg),
        Relation::decl(&cfg),
        Status::decl(&cfg),
        ListFilter::decl(&cfg),
        ClaimSummary::decl(&cfg),
        ClaimRef::decl(&cfg),
        ClaimDetail::decl(&cfg),
        ImportedVerdict::decl(&cfg),
        VerdictConflict::decl(&cfg),
        DocumentSummary::decl(&cfg),
        DocumentDetail::decl(&cfg),
        DocumentCitation::decl(&cfg),
        DocumentCapture::decl(&cfg),
        Head::decl(&cfg),
        AppearanceView::decl(&cfg),
        VerdictEvent::decl(&cfg),
        StatusRequest::decl(&cfg),
        ActorSpec::decl(&cfg),
        DocumentSpec::decl(&cfg),
        RelayStep::decl(&cfg),
        LogRequest::decl(&cfg),
        Logged::decl(&cfg),
        Trace::decl(&cfg),
        Hop::decl(&cfg),
        HopRole::decl(&cfg),
        OriginRef::decl(&cfg),
        DeadEnd::decl(&cfg),
        DeadEndReason::decl(&cfg),
        Drift::decl(&cfg),
        claimtrail_core::graph::drift::Change::decl(&cfg),
        claimtrail_core::graph::drift::DriftOp::decl(&cfg),
        Warning::decl(&cfg),
        WarningKind::decl(&cfg),
        EdgeView::decl(&cfg),
        claimtrail_core::CaseSummary::decl(&cfg),
        claimtrail_core::CaseClaim::decl(&cfg),
        claimtrail_core::CaseMap::decl(&cfg),
        DisputeRef::decl(&cfg),
        ActorSummary::decl(&cfg),
        claimtrail_core::identity::MatchReason::decl(&cfg),
        claimtrail_core::identity::Candidate::decl(&cfg),
        claimtrail_core::identity::Resolution::decl(&cfg),
        claimtrail_core::LookAlike::decl(&cfg),
        ActorProfile::decl(&cfg),
        MergeReport::decl(&cfg),
        claimtrail_core::ActorName::decl(&cfg),
        claimtrail_core::PairClaims::decl(&cfg),
        claimtrail_core::DuplicatePair::decl(&cfg),
        claimtrail_core::DistinctDecision::decl(&cfg),
        DatabaseInfo::decl(&cfg),
        CaptureOptions::decl(&cfg),
        Captured::decl(&cfg),
        SnapshotOrigin::decl(&cfg),
        ImportNoteKind::decl(&cfg),
        claimtrail_core::interop::ExportFormat::decl(&cfg),
        OutletSuggestion::decl(&cfg),
        ClaimedName::decl(&cfg),
        claimtrail_core::capture::EmbeddedClaimReview::decl(&cfg),
        CaptureLink::decl(&cfg),
        crate::clipboard_capture::ShortcutInfo::decl(&cfg),
        claimtrail_core::NameResolution::decl(&cfg),
        crate::proposals::Proposal::decl(&cfg),
        claimtrail_core::ListSort::decl(&cfg),
        claimtrail_core::Note::decl(&cfg),
        claimtrail_core::DeskFields::decl(&cfg),
        claimtrail_core::CaseChange::decl(&cfg),
        claimtrail_core::Edit::decl(&cfg),
        claimtrail_core::Speaker::decl(&cfg),
        claimtrail_core::Corrected::decl(&cfg),
        claimtrail_core::UndoneStep::decl(&cfg),
        claimtrail_core::HistoryEvent::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from the Rust types by `cargo test -p claimtrail-desktop --test bindings`\n\
         // (UPDATE_BINDINGS=1 to rewrite). Do not edit: the test fails when this file is stale.\n\n",
    );
    for decl in decls {
        out.push_str("export ");
        out.push_str(decl.trim());
        out.push_str("\n\n");
    }
    // The names `call()` accepts: the same list the handler and the capability are checked against.
    let names: Vec<String> = crate::COMMANDS.iter().map(|c| format!("\"{c}\"")).collect();
    out.push_str(&format!("export type Command = {};\n", names.join(" | ")));
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}
