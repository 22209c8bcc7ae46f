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

/// "1 appearance", "2 appearances": a count with its noun.
pub fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// Whether a character changes how text reads or drives the terminal without
/// showing itself: bidi controls, zero-width and other invisible format
/// characters (the soft hyphen among them), and control characters (an
/// escape sequence in a name could rewrite the screen).
fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    ) || (c.is_control() && c != '\n' && c != '\t')
}

/// One character as shown: itself, or its badge when it is invisible.
fn unit(c: char) -> String {
    if invisible(c) {
        format!("⟨U+{:04X}⟩", c as u32)
    } else {
        c.to_string()
    }
}

/// Text from the database as people should see it: each invisible character
/// written as a badge such as `⟨U+202E⟩`, so none can hide or reorder text.
pub fn visible(text: &str) -> String {
    text.chars().map(unit).collect()
}

/// Text on one line, cut to `max` shown characters with an ellipsis,
/// invisible characters shown. A badge is one unit: it is kept whole or
/// left out whole, never cut in half.
pub fn clip(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let units: Vec<String> = flat.chars().map(unit).collect();
    let width = |u: &String| u.chars().count();
    if units.iter().map(width).sum::<usize>() <= max {
        return units.concat();
    }
    let mut cut = String::new();
    let mut used = 0;
    for u in &units {
        if used + width(u) > max.saturating_sub(1) {
            break;
        }
        used += width(u);
        cut.push_str(u);
    }
    cut.push('…');
    cut
}

/// The two sides of a verdict conflict, one line each: status, author, time, reason.
pub fn conflict_sides(conflict: &claimtrail_core::VerdictConflict, indent: &str) {
    for (side, v) in [("ours", &conflict.ours), ("theirs", &conflict.theirs)] {
        println!(
            "{indent}{side:<7} {:<11} by {} at {}: {}",
            v.status.as_str(),
            visible(&v.author),
            v.at,
            clip(&v.reason, 80)
        );
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
        assert_eq!(visible("co\u{00AD}operate"), "co⟨U+00AD⟩operate");
    }

    #[test]
    fn a_clip_keeps_or_drops_a_badge_whole() {
        // "abc" then a 8-character badge: a cut at 6 leaves it out whole.
        assert_eq!(clip("abc\u{202E}def", 6), "abc…");
        assert_eq!(clip("abc\u{202E}def", 12), "abc⟨U+202E⟩…");
        assert_eq!(clip("abc\u{202E}def", 14), "abc⟨U+202E⟩def");
    }
}
