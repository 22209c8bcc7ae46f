//! Declares every IPC command to Tauri's access control so that each gets an
//! `allow-<command>` permission; `capabilities/main.json` grants them to the
//! main window and nothing else is callable.

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(claimtrail_commands::COMMANDS)),
    )
    .expect("tauri-build failed");
}

#[path = "src/command_names.rs"]
mod claimtrail_commands;
