//! The Claimtrail desktop shell: a Tauri 2 window over the same database the
//! `claimtrail` CLI uses.
//!
//! Everything the window can do is an IPC command in [`commands`], each one
//! line over a `claimtrail_core::Store` method. The store sits in an
//! [`OpenStore`] in Tauri's managed state, opened beside the window so a large
//! database does not delay it; every command first calls
//! `Store::refresh`, so claims logged from the CLI beside the window show up
//! without a restart. Errors cross IPC as [`IpcError`] `{kind, message}`,
//! `kind` from the core's closed `ErrorKind` set.
//!
//! ```no_run
//! // What `main` does: open the per-user database (or `$CLAIMTRAIL_DB`) and show the window.
//! claimtrail_desktop::run();
//! ```

pub mod bindings;
pub mod capture_link;
pub mod clipboard_capture;
mod command_names;
pub mod commands;
pub mod export;
mod ipc_error;
pub mod link;
mod open_store;
pub mod proposals;

use std::path::PathBuf;

use claimtrail_core::Store;
use tauri::{Manager, Runtime};

pub use command_names::COMMANDS;
pub use ipc_error::IpcError;
pub use open_store::OpenStore;

/// Adds the open store and every command to `base`, on any runtime: the real
/// window starts from `tauri::Builder::default()` (Wry), the IPC tests from
/// `tauri::test::mock_builder()`.
pub fn with_commands<R: Runtime>(base: tauri::Builder<R>, store: Store, path: PathBuf) -> tauri::Builder<R> {
    with_open_store(base, OpenStore::open_now(store, path))
}

/// Like [`with_commands`], over a store that may still be opening.
pub fn with_open_store<R: Runtime>(base: tauri::Builder<R>, store: OpenStore) -> tauri::Builder<R> {
    base.manage(store)
        .manage(capture_link::PendingLink::default())
        .manage(clipboard_capture::PendingClipboard::default())
        .manage(clipboard_capture::ShortcutStatus::default())
        .invoke_handler(tauri::generate_handler![
            commands::list_claims,
            commands::show_claim,
            commands::log_claim,
            commands::set_status,
            commands::trace_claim,
            commands::list_cases,
            commands::list_documents,
            commands::show_document,
            commands::case_map,
            commands::list_actors,
            commands::suggest_actors,
            commands::resolve_name,
            commands::actor_profile,
            commands::add_actor_alias,
            commands::merge_actors,
            commands::duplicate_actors,
            commands::mark_distinct,
            commands::mark_distinct_from,
            commands::load_demo,
            commands::database_info,
            commands::open_link,
            commands::capture_page,
            commands::take_capture_link,
            commands::read_clipboard,
            commands::take_clipboard_capture,
            commands::capture_shortcut,
            commands::save_export,
            commands::export_data,
            commands::propose_claims,
            commands::tag_claim,
            commands::untag_claim,
            commands::add_note,
            commands::set_review_url,
            commands::assign_claim,
            commands::add_to_case,
            commands::edit_record,
            commands::delete_record,
            commands::undelete_record,
            commands::delete_relay,
            commands::undelete_relay,
            commands::undo,
            commands::redo,
            commands::claim_history,
            commands::rename_case,
        ])
}

/// Opens the per-user database and runs the window until it is closed.
pub fn run() {
    let path = match claimtrail_core::default_database_path() {
        Some(p) => p,
        None => fail("no per-user data folder is known here; set CLAIMTRAIL_DB to a database file"),
    };
    // The window appears at once; the store opens beside it (see `open_store`).
    with_open_store(tauri::Builder::default(), OpenStore::opening(path.clone()))
        // A second launch hands over to the running window instead of opening
        // the database twice.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        }))
        // After single-instance, which forwards a second launch's
        // claimtrail:// link to this process.
        .plugin(tauri_plugin_deep_link::init())
        .setup(move |app| {
            let handle = app.handle().clone();
            std::thread::Builder::new().name("open-database".into()).spawn(move || {
                yield_to_the_window();
                // Not the whole graph: the claims list reads only the listed
                // claims' part of it, so the first rows do not wait for a
                // million appearances, nor does the graph stay resident.
                handle.state::<OpenStore>().settle(Store::open(&path));
                release_unused_memory();
            })?;
            capture_link::listen(app.handle());
            clipboard_capture::setup(app.handle());
            Ok(())
        })
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| fail(&format!("the window could not start: {e}")));
}

/// Opening (its checks, a migration) allocates more while reading than the
/// store keeps; glibc holds on to the freed pages of that thread's arena
/// unless asked.
fn release_unused_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free heap pages to the system.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Opening a large database takes a core for a second while the web view
/// starts; on a two-core machine the window comes first.
fn yield_to_the_window() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: lowers the priority of the calling thread only (on Linux a
    // thread id is a valid `who` for PRIO_PROCESS).
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, libc::gettid() as libc::id_t, 10);
    }
}

fn fail(message: &str) -> ! {
    eprintln!("claimtrail-desktop: {message}");
    std::process::exit(2);
}
