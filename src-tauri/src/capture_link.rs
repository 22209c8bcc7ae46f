//! The `claimtrail://capture?url=…&text=…` deep link: how a bookmarklet in the
//! browser sends the page address and the selected text to the running app.
//!
//! The operating system hands the link to a new process; the single-instance
//! plugin forwards it to the running one, where [`receive`] parses it, keeps
//! it as the [`PendingLink`] and raises the window. The window takes it with
//! the `take_capture_link` command when it gains focus (and once at start), so
//! no event permission is granted to the web view.
//!
//! ```
//! use claimtrail_desktop::capture_link::parse;
//! let link = parse("claimtrail://capture?url=https%3A%2F%2Fnews.example%2Fa%3Futm_source%3Dx&text=He%20said%20so").unwrap();
//! assert_eq!(link.url.as_deref(), Some("https://news.example/a?utm_source=x"));
//! assert_eq!(link.text.as_deref(), Some("He said so"));
//! ```

use std::sync::Mutex;

use claimtrail_core::web_address::parse_http;
use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime, Url};

/// The link's scheme, as declared in `tauri.conf.json`.
pub const SCHEME: &str = "claimtrail";

/// Longest selected text taken from a link, in characters: a link is typed by
/// no one, and a page could stuff megabytes into one.
pub const MAX_LINK_TEXT_CHARS: usize = 200_000;

/// What a capture link brings: the page address and the text selected on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct CaptureLink {
    /// An http(s) address; anything else in the link is dropped.
    pub url: Option<String>,
    pub text: Option<String>,
}

/// Reads a `claimtrail://capture?…` link; `None` for any other link, or one
/// that brings nothing usable.
pub fn parse(link: &str) -> Option<CaptureLink> {
    let link = Url::parse(link.trim()).ok()?;
    // `claimtrail://capture?…` has "capture" as its host; `claimtrail:capture?…` as its path.
    let action = link.host_str().unwrap_or_else(|| link.path());
    if link.scheme() != SCHEME || action.trim_matches('/') != "capture" {
        return None;
    }
    let mut url = None;
    let mut text = None;
    for (key, value) in link.query_pairs() {
        match key.as_ref() {
            "url" => url = parse_http(&value).ok().map(|u| u.to_string()),
            "text" => {
                let value = value.trim();
                if !value.is_empty() {
                    text = Some(value.chars().take(MAX_LINK_TEXT_CHARS).collect());
                }
            }
            _ => {}
        }
    }
    if url.is_none() && text.is_none() {
        return None;
    }
    Some(CaptureLink { url, text })
}

/// The last capture link received and not yet taken by the window.
#[derive(Debug, Default)]
pub struct PendingLink(Mutex<Option<CaptureLink>>);

impl PendingLink {
    pub fn put(&self, link: CaptureLink) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(link);
    }

    pub fn take(&self) -> Option<CaptureLink> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).take()
    }
}

/// Keeps the last capture link among `links` and brings the window forward,
/// where it takes the link on focus.
pub fn receive<R: Runtime>(app: &AppHandle<R>, links: impl IntoIterator<Item = String>) {
    let Some(link) = links.into_iter().filter_map(|l| parse(&l)).last() else { return };
    app.state::<PendingLink>().put(link);
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

/// Takes the link the app was launched with, if any, and every link opened
/// while it runs (forwarded by the single-instance plugin on Linux and
/// Windows, sent by the system on macOS).
pub fn listen<R: Runtime>(app: &AppHandle<R>) {
    use tauri_plugin_deep_link::DeepLinkExt;
    // An unbundled build (make run, an AppImage) was registered by no
    // installer; registering is idempotent.
    #[cfg(any(target_os = "linux", windows))]
    let _ = app.deep_link().register_all();
    if let Ok(Some(urls)) = app.deep_link().get_current() {
        receive(app, urls.into_iter().map(String::from));
    }
    let handle = app.clone();
    app.deep_link().on_open_url(move |event| receive(&handle, event.urls().into_iter().map(String::from)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_capture_links_with_something_in_them_are_read() {
        for ignored in [
            "https://news.example/?url=https://x.example",
            "claimtrail://open?url=https%3A%2F%2Fx.example",
            "claimtrail://capture",
            "claimtrail://capture?url=javascript%3Aalert(1)",
            "not a link",
        ] {
            assert_eq!(parse(ignored), None, "{ignored}");
        }
        let text_only = parse("claimtrail:capture?text=%E2%80%9C100%20per%20cent%E2%80%9D").unwrap();
        assert_eq!(text_only, CaptureLink { url: None, text: Some("“100 per cent”".into()) });
    }

    #[test]
    fn a_non_web_address_is_dropped_but_the_text_kept() {
        let link = parse("claimtrail://capture?url=file%3A%2F%2F%2Fetc%2Fpasswd&text=quote").unwrap();
        assert_eq!(link, CaptureLink { url: None, text: Some("quote".into()) });
    }

    #[test]
    fn link_text_is_capped() {
        let long = "a".repeat(MAX_LINK_TEXT_CHARS + 10);
        let link = parse(&format!("claimtrail://capture?text={long}")).unwrap();
        assert_eq!(link.text.unwrap().chars().count(), MAX_LINK_TEXT_CHARS);
    }
}
