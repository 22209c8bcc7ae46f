//! The desktop app's binary: everything happens in the library's `run` (`lib.rs`).

// Hides the console window of a release build on Windows; does nothing elsewhere.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    claimtrail_desktop::run();
}
