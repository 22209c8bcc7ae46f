//! Sentences of a block, by Unicode sentence boundaries (UAX #29) with two
//! repairs news copy needs: never split inside a quotation (a quote of several
//! sentences belongs to the one cue after it), and never split after a title or
//! initial ("U.S. President", "Gen. Smith", "J. Doe").

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::quotes::{enclosing, Quote};

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "sgt", "capt", "sen", "rep", "gov", "prof", "jr", "sr", "inc",
    "ltd", "co", "corp", "no", "vs", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec", "approx",
    "adm", "cmdr", "maj", "rev", "hon", "pres", "dept", "univ", "ft", "mt",
];

/// True when a piece ends with an abbreviation's full stop rather than a sentence's.
fn ends_with_abbreviation(piece: &str) -> bool {
    let trimmed = piece.trim_end();
    let Some(body) = trimmed.strip_suffix('.') else {
        return false;
    };
    let last = body.rsplit(|c: char| c.is_whitespace() || c == '(' || c == '[').next().unwrap_or("");
    if last.is_empty() {
        return false;
    }
    // Initials and dotted abbreviations: "J", "U.S", "e.g".
    let letters: Vec<&str> = last.split('.').collect();
    if letters.iter().all(|l| l.chars().count() == 1 && l.chars().all(char::is_alphabetic)) {
        return letters.len() > 1 || last.chars().all(char::is_uppercase);
    }
    ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(last))
}

/// Splits `text[range]` into trimmed sentence ranges.
pub(super) fn split(text: &str, range: Range<usize>, quotes: &[Quote]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut start = range.start;
    let mut joined = false;
    for (i, piece) in text[range.clone()].split_sentence_bound_indices() {
        let piece_start = range.start + i;
        let piece_end = piece_start + piece.len();
        if !joined {
            start = piece_start;
        }
        let boundary = piece_end;
        let inside_quote =
            boundary < range.end && enclosing(quotes, boundary).is_some_and(|k| quotes[k].outer.start < boundary);
        let at_paragraph_break = piece.ends_with('\n');
        joined = boundary < range.end
            && !at_paragraph_break
            && (inside_quote || ends_with_abbreviation(&text[start..piece_end]));
        if inside_quote && at_paragraph_break {
            // A quote running over paragraphs stays in one sentence.
            joined = true;
        }
        if !joined {
            push_trimmed(text, start..piece_end, &mut out);
        }
    }
    if joined {
        push_trimmed(text, start..range.end, &mut out);
    }
    out
}

fn push_trimmed(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[r.clone()];
    let start = r.start + (s.len() - s.trim_start().len());
    let end = r.start + s.trim_end().len();
    if start < end {
        out.push(start..end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str, quotes: &[Quote]) -> Vec<String> {
        split(text, 0..text.len(), quotes).into_iter().map(|r| text[r].to_string()).collect()
    }

    #[test]
    fn titles_and_initials_do_not_end_sentences() {
        let s = sentences("U.S. President J. Doe spoke. Gen. Smith left.", &[]);
        assert_eq!(s, ["U.S. President J. Doe spoke.", "Gen. Smith left."]);
    }

    #[test]
    fn a_quote_of_several_sentences_stays_whole() {
        let text = "'We left. We came back,' she said. Then rain.";
        let q = Quote { outer: 0..24, inner: 1..23 };
        assert_eq!(sentences(text, &[q]), ["'We left. We came back,' she said.", "Then rain."]);
    }
}
