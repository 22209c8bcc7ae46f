//! Capture from the clipboard: a system-wide shortcut, pressed in the browser
//! after copying an address or a quote, brings the window forward with the
//! capture screen filled from the clipboard; inside the window, Ctrl/⌘+V
//! outside a text field and Ctrl/⌘+Shift+V do the same (the window asks with
//! `read_clipboard`).
//!
//! The clipboard is read here, in the shell, so the web view holds no
//! clipboard or shortcut permission; what the text is (an address to fetch or
//! article text) is decided by the window, in one place for paste, drop and
//! clipboard. A shortcut press keeps the clipboard's text as the
//! [`PendingClipboard`] until the window takes it (`take_clipboard_capture`),
//! as a capture link waits in `PendingLink`.
//!
//! Wayland gives no application a system-wide key grab, so there the shortcut
//! is not registered and the window shortcut is the way; a shortcut another
//! program holds, or no X server, leaves the app running without it.

use std::sync::Mutex;

use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime};

use crate::capture_link::MAX_LINK_TEXT_CHARS;

/// The system-wide shortcut, in the global-shortcut plugin's notation.
pub const GLOBAL_SHORTCUT: &str = "CommandOrControl+Alt+Shift+V";

/// How the help shows [`GLOBAL_SHORTCUT`].
pub const GLOBAL_SHORTCUT_LABEL: &str = if cfg!(target_os = "macos") { "⌘ ⌥ ⇧ V" } else { "Ctrl+Alt+Shift+V" };

/// Whether the system-wide shortcut is on, for the help sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct ShortcutInfo {
    /// The keys, as the help shows them.
    pub keys: String,
    pub registered: bool,
    /// Why it is off, in one sentence (`None` when registered).
    pub why_not: Option<String>,
}

impl Default for ShortcutInfo {
    fn default() -> Self {
        ShortcutInfo::off("the app was started without it")
    }
}

impl ShortcutInfo {
    fn off(why: impl Into<String>) -> ShortcutInfo {
        ShortcutInfo { keys: GLOBAL_SHORTCUT_LABEL.to_string(), registered: false, why_not: Some(why.into()) }
    }
}

/// The outcome of registering the shortcut at start.
#[derive(Debug, Default)]
pub struct ShortcutStatus(Mutex<ShortcutInfo>);

impl ShortcutStatus {
    pub fn get(&self) -> ShortcutInfo {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    fn set(&self, info: ShortcutInfo) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = info;
    }
}

/// The clipboard's text at the last press of the system-wide shortcut, not
/// yet taken by the window.
#[derive(Debug, Default)]
pub struct PendingClipboard(Mutex<Option<String>>);

impl PendingClipboard {
    pub fn put(&self, text: String) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(text);
    }

    pub fn take(&self) -> Option<String> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).take()
    }
}

/// Why a system-wide shortcut cannot work in this session, from its
/// `WAYLAND_DISPLAY` and `XDG_SESSION_TYPE`; `None` where it can.
pub fn global_shortcut_unavailable(wayland_display: Option<&str>, session_type: Option<&str>) -> Option<String> {
    let wayland = wayland_display.is_some_and(|d| !d.trim().is_empty())
        || session_type.is_some_and(|t| t.trim().eq_ignore_ascii_case("wayland"));
    wayland.then(|| {
        "Wayland lets no app take a key press meant for another window; use Ctrl+Shift+V in the Claimtrail window"
            .to_string()
    })
}

/// The clipboard's text, capped like a capture link's; `None` when it holds
/// no text. Never call this on the main thread (the X clipboard would wait on
/// the event loop that is waiting here).
pub fn read<R: Runtime>(app: &AppHandle<R>) -> Result<Option<String>, String> {
    let Some(clipboard) = app.try_state::<tauri_plugin_clipboard_manager::Clipboard<R>>() else {
        return Err("the clipboard is not available in this window".to_string());
    };
    match clipboard.read_text() {
        Ok(text) if text.trim().is_empty() => Ok(None),
        Ok(text) => Ok(Some(text.chars().take(MAX_LINK_TEXT_CHARS).collect())),
        // An empty clipboard, or one holding only an image, is not an error to show.
        Err(_) => Ok(None),
    }
}

/// Adds clipboard access and, where the session allows one, the system-wide
/// shortcut. Nothing here can stop the app: a shortcut that cannot be had is
/// recorded in [`ShortcutStatus`] for the help sheet.
pub fn setup<R: Runtime>(app: &AppHandle<R>) {
    if let Err(e) = app.plugin(tauri_plugin_clipboard_manager::init()) {
        eprintln!("claimtrail-desktop: the clipboard is not available: {e}");
    }
    let status = app.state::<ShortcutStatus>();
    let session = |var| std::env::var(var).ok();
    if let Some(why) =
        global_shortcut_unavailable(session("WAYLAND_DISPLAY").as_deref(), session("XDG_SESSION_TYPE").as_deref())
            .filter(|_| cfg!(target_os = "linux"))
    {
        status.set(ShortcutInfo::off(why));
        return;
    }
    status.set(register(app).map_or_else(ShortcutInfo::off, |()| ShortcutInfo {
        keys: GLOBAL_SHORTCUT_LABEL.to_string(),
        registered: true,
        why_not: None,
    }));
}

fn register<R: Runtime>(app: &AppHandle<R>) -> Result<(), String> {
    use tauri_plugin_global_shortcut::{GlobalShortcutExt, ShortcutState};
    let plugin = tauri_plugin_global_shortcut::Builder::new()
        .with_handler(|app, _shortcut, event| {
            if event.state() == ShortcutState::Pressed {
                let app = app.clone();
                // Off the thread that delivers key events: reading the X
                // clipboard waits for its owner to answer.
                std::thread::spawn(move || pressed(&app));
            }
        })
        .build();
    app.plugin(plugin).map_err(|e| format!("system-wide shortcuts are not available here ({e})"))?;
    app.global_shortcut()
        .register(GLOBAL_SHORTCUT)
        .map_err(|e| format!("{GLOBAL_SHORTCUT_LABEL} could not be taken, perhaps another program holds it ({e})"))
}

fn pressed<R: Runtime>(app: &AppHandle<R>) {
    if let Ok(Some(text)) = read(app) {
        app.state::<PendingClipboard>().put(text);
    }
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wayland_sessions_get_no_global_shortcut() {
        assert!(global_shortcut_unavailable(Some("wayland-0"), None).is_some());
        assert!(global_shortcut_unavailable(None, Some("wayland")).is_some());
        assert!(global_shortcut_unavailable(Some(""), Some("Wayland")).is_some());
        assert_eq!(global_shortcut_unavailable(None, Some("x11")), None);
        assert_eq!(global_shortcut_unavailable(Some("  "), None), None);
        assert_eq!(global_shortcut_unavailable(None, None), None);
    }

    #[test]
    fn a_pending_clipboard_is_taken_once() {
        let pending = PendingClipboard::default();
        pending.put("https://news.example/a".into());
        assert_eq!(pending.take().as_deref(), Some("https://news.example/a"));
        assert_eq!(pending.take(), None);
    }
}
