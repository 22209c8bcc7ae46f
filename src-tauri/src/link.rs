//! Opening a web link in the user's browser. Only http(s) is handed to the
//! system opener, and never through a shell: the web view itself must not
//! navigate away from the app, and a `file:` or custom-scheme link from a
//! pasted article must not launch anything.

use std::process::Command;

use claimtrail_core::web_address::parse_http;

use crate::IpcError;

pub fn open_in_browser(url: &str) -> Result<(), IpcError> {
    let url = parse_http(url)?;
    let mut opener = if cfg!(target_os = "macos") {
        Command::new("open")
    } else if cfg!(target_os = "windows") {
        let mut c = Command::new("rundll32");
        c.arg("url.dll,FileProtocolHandler");
        c
    } else {
        Command::new("xdg-open")
    };
    opener
        .arg(url.as_str())
        .spawn()
        .map(drop)
        .map_err(|e| IpcError::invalid(format!("no browser could be started for {url}: {e}")))
}
