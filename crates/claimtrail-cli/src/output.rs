//! Printing: JSON for scripts, short readable text for people.

use serde::Serialize;

/// Prints a value as pretty JSON on stdout.
pub fn json<T: Serialize>(value: &T) -> anyhow::Result<()> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}

/// The handle of the claim, appearance, actor or document with this id, to
/// type back anywhere an id is taken; the id itself for any other record.
pub fn handle(store: &claimtrail_core::Store, id: &str) -> String {
    store.handle_for_id(id).unwrap_or_else(|_| id.to_string())
}

/// Whether a character changes how text reads or drives the terminal without
/// showing itself: bidi controls, zero-width characters, and control
/// characters (an escape sequence in a name could rewrite the screen).
fn invisible(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
        || (c.is_control() && c != '\n' && c != '\t')
}

/// Text from the database as people should see it: each invisible character
/// written as a badge such as `⟨U+202E⟩`, so none can hide or reorder text.
pub fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if invisible(c) {
            out.push_str(&format!("⟨U+{:04X}⟩", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Text on one line, cut to `max` characters with an ellipsis, invisible characters shown.
pub fn clip(text: &str, max: usize) -> String {
    let flat = visible(&text.split_whitespace().collect::<Vec<_>>().join(" "));
    if flat.chars().count() <= max {
        flat
    } else {
        let mut cut: String = flat.chars().take(max.saturating_sub(1)).collect();
        cut.push('…');
        cut
    }
}

#[cfg(test)]
mod tests {
    use super::{clip, visible};

    #[test]
    fn bidi_zero_width_and_control_characters_are_shown_as_badges() {
        assert_eq!(visible("invoice\u{202E}txt.exe"), "invoice⟨U+202E⟩txt.exe");
        assert_eq!(visible("Pet\u{200B}rov\u{2067}"), "Pet⟨U+200B⟩rov⟨U+2067⟩");
        assert_eq!(visible("\u{1b}[2Jgone"), "⟨U+001B⟩[2Jgone");
        assert_eq!(visible("Реtrov, Zoë"), "Реtrov, Zoë");
        assert_eq!(clip("a\u{FEFF}b", 10), "a⟨U+FEFF⟩b");
    }
}
