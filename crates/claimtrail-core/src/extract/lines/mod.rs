//! The lines of a pasted page: which are the story and which the page's
//! furniture ([`clutter`]), and what the datelines and credits say about who
//! published it ([`credits`]). This module splits the text and asks both; the
//! two read lines independently and share only [`Paragraph`].

pub(super) mod clutter;
pub(super) mod credits;

use std::ops::Range;

/// One line of the input, trimmed, and whether it is clutter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Paragraph {
    pub range: Range<usize>,
    pub clutter: bool,
}

/// Splits the input into non-blank lines and classifies each.
///
/// Once a body line ends with a wire credit such as "(ANI)" the story is over:
/// what follows on a copied page is the outlet's own furniture.
pub(super) fn paragraphs(text: &str) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut at = 0;
    let mut story_over = false;
    for line in text.split('\n') {
        let start = at + (line.len() - line.trim_start().len());
        let end = at + line.trim_end().len();
        at += line.len() + 1;
        if start >= end {
            continue;
        }
        let body = &text[start..end];
        let clutter = story_over || clutter::is_clutter(body);
        if !clutter && credits::ends_with_credit(body).is_some() {
            story_over = true;
        }
        out.push(Paragraph { range: start..end, clutter });
    }
    out
}
