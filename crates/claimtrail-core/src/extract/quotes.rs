//! Quotation marks: pairing them into quoted spans, across paragraphs when a
//! quote continues.
//!
//! News copy uses every style: “ ” and ‘ ’, straight " and ', « », „ “ and the
//! German » «. Straight single quotes double as apostrophes ("Ukraine's",
//! "Russians'", "'90s"), so a mark counts as an opening quote only after a space
//! or bracket and before a non-space, and as a closing quote only after a
//! non-space and before a space or punctuation. Pairing uses a stack, so an
//! unmatched mark is dropped at the end of its paragraph instead of swallowing
//! the rest of the text: one pass, linear in the input.
//!
//! A quote that runs over several paragraphs is written without a closing mark
//! at the end of each paragraph but with a fresh opening mark at the start of
//! the next; such paragraphs are joined into one [`Block`].

use std::ops::Range;

/// One quoted span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Quote {
    /// From the opening mark to just after the closing mark.
    pub outer: Range<usize>,
    /// Between the marks.
    pub inner: Range<usize>,
}

/// Paragraphs read as one unit because a quote runs across them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Block {
    pub range: Range<usize>,
    /// Outermost quotes only, sorted, not overlapping.
    pub quotes: Vec<Quote>,
    /// Index of the block's first paragraph among the body paragraphs.
    pub first_paragraph: usize,
}

/// Quote styles; a closing mark only closes an opening mark of its own style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    CurlyDouble,
    CurlySingle,
    StraightDouble,
    StraightSingle,
    Guillemets,
    ReversedGuillemets,
    LowDouble,
    LowSingle,
}

fn opens(c: char) -> Option<Style> {
    match c {
        '“' => Some(Style::CurlyDouble),
        '‘' => Some(Style::CurlySingle),
        '«' => Some(Style::Guillemets),
        '»' => Some(Style::ReversedGuillemets),
        '„' => Some(Style::LowDouble),
        '‚' => Some(Style::LowSingle),
        '"' => Some(Style::StraightDouble),
        '\'' => Some(Style::StraightSingle),
        _ => None,
    }
}

fn closes(c: char, style: Style) -> bool {
    matches!(
        (c, style),
        ('”', Style::CurlyDouble)
            | ('’', Style::CurlySingle)
            | ('»', Style::Guillemets)
            | ('«', Style::ReversedGuillemets)
            | ('“' | '”', Style::LowDouble)
            | ('‘' | '’', Style::LowSingle)
            | ('"', Style::StraightDouble)
            | ('\'', Style::StraightSingle)
    )
}

/// Marks that are also apostrophes or are used both ways need their context checked.
fn is_ambiguous(c: char) -> bool {
    matches!(c, '"' | '\'' | '’' | '‘')
}

fn is_opening_context(prev: Option<char>, next: Option<char>) -> bool {
    let before_ok = match prev {
        None => true,
        Some(p) => p.is_whitespace() || "([{—–-/".contains(p) || opens(p).is_some() || p == '“',
    };
    let after_ok = matches!(next, Some(n) if !n.is_whitespace());
    before_ok && after_ok
}

fn is_closing_context(prev: Option<char>, next: Option<char>) -> bool {
    let before_ok = matches!(prev, Some(p) if !p.is_whitespace());
    let after_ok = match next {
        None => true,
        Some(n) => !n.is_alphanumeric(),
    };
    before_ok && after_ok
}

/// "'90s", "'em": a straight or curly apostrophe that elides letters.
fn is_elision(rest: &str) -> bool {
    let mut chars = rest.chars();
    let (a, b, c) = (chars.next(), chars.next(), chars.next());
    matches!((a, b, c), (Some(x), Some(y), Some('s')) if x.is_ascii_digit() && y.is_ascii_digit())
        || rest.starts_with("em ")
        || rest.starts_with("n ")
}

const MAX_DEPTH: usize = 16;

struct Open {
    style: Style,
    at: usize,
    inner: usize,
}

/// Pairs the quotation marks of consecutive body paragraphs and groups the
/// paragraphs into blocks. `paragraphs` are byte ranges in text order.
pub(super) fn blocks(text: &str, paragraphs: &[Range<usize>]) -> Vec<Block> {
    let mut out = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut pairs: Vec<Quote> = Vec::new();
    let mut block_start: Option<(usize, usize)> = None;
    let mut skip_at: Option<usize> = None;

    for (index, para) in paragraphs.iter().enumerate() {
        if block_start.is_none() {
            block_start = Some((para.start, index));
        }
        let slice = &text[para.clone()];
        let mut prev: Option<char> = None;
        let mut iter = slice.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            let at = para.start + i;
            let next = iter.peek().map(|&(_, n)| n);
            if skip_at == Some(at) {
                // The opening mark that continues a quote from the paragraph before.
                skip_at = None;
                prev = Some(c);
                continue;
            }
            let ambiguous = is_ambiguous(c);
            let can_close = !ambiguous || is_closing_context(prev, next);
            let mut closed = false;
            if can_close {
                if let Some(k) = stack.iter().rposition(|o| closes(c, o.style)) {
                    let open = &stack[k];
                    if at > open.inner {
                        pairs.push(Quote { outer: open.at..at + c.len_utf8(), inner: open.inner..at });
                    }
                    stack.truncate(k);
                    closed = true;
                }
            }
            if !closed {
                if let Some(style) = opens(c) {
                    let elided = c == '\'' && is_elision(&slice[i + c.len_utf8()..]);
                    // Real text nests two or three deep; a cap keeps a flood of
                    // unmatched marks from making pairing quadratic.
                    if (!ambiguous || is_opening_context(prev, next)) && !elided && stack.len() < MAX_DEPTH {
                        stack.push(Open { style, at, inner: at + c.len_utf8() });
                    }
                }
            }
            prev = Some(c);
        }

        // A quote still open at the end of the paragraph continues only when the
        // next paragraph opens with a mark of the same style.
        let continues = match (stack.first(), paragraphs.get(index + 1)) {
            (Some(open), Some(next)) => {
                let first = text[next.clone()].chars().next();
                first.and_then(opens) == Some(open.style)
            }
            _ => false,
        };
        if continues {
            stack.truncate(1);
            skip_at = Some(paragraphs[index + 1].start);
            continue;
        }
        stack.clear();
        let (start, first_paragraph) = block_start.take().unwrap_or((para.start, index));
        out.push(Block { range: start..para.end, quotes: outermost(std::mem::take(&mut pairs)), first_paragraph });
    }
    out
}

/// Keeps the quotes not contained in another, in text order.
fn outermost(mut pairs: Vec<Quote>) -> Vec<Quote> {
    pairs.sort_by(|a, b| a.outer.start.cmp(&b.outer.start).then(b.outer.end.cmp(&a.outer.end)));
    let mut kept: Vec<Quote> = Vec::with_capacity(pairs.len());
    for q in pairs {
        if kept.last().is_some_and(|k| q.outer.start < k.outer.end) {
            continue;
        }
        kept.push(q);
    }
    kept
}

/// The index of the quote whose marks enclose `pos`, in a sorted quote list.
pub(super) fn enclosing(quotes: &[Quote], pos: usize) -> Option<usize> {
    let i = quotes.partition_point(|q| q.outer.start <= pos);
    (i > 0 && pos < quotes[i - 1].outer.end).then(|| i - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> Vec<&str> {
        let paras: Vec<Range<usize>> = {
            let mut v = Vec::new();
            let mut at = 0;
            for line in text.split('\n') {
                v.push(at..at + line.len());
                at += line.len() + 1;
            }
            v
        };
        blocks(text, &paras).into_iter().flat_map(|b| b.quotes).map(|q| &text[q.inner]).collect()
    }

    #[test]
    fn every_quote_style_pairs() {
        assert_eq!(quoted("“a b” and ‘c d’"), ["a b", "c d"]);
        assert_eq!(quoted("«a b» „c d“ \"e f\" 'g h,' he said"), ["a b", "c d", "e f", "g h,"]);
        assert_eq!(quoted("»a b« said"), ["a b"]);
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert_eq!(quoted("Ukraine's push and the Russians' view in the '90s"), Vec::<&str>::new());
        assert_eq!(quoted("'It is Ukraine's right,' she said"), ["It is Ukraine's right,"]);
        assert_eq!(quoted("“I didn’t know,” she said"), ["I didn’t know,"]);
    }

    #[test]
    fn nested_quotes_keep_the_outer_one() {
        assert_eq!(quoted("“He told me ‘never’ twice,” she said"), ["He told me ‘never’ twice,"]);
    }

    #[test]
    fn an_unclosed_quote_is_dropped_at_the_paragraph_end() {
        assert_eq!(quoted("“never closed\nplain 'a b' text"), ["a b"]);
    }

    #[test]
    fn a_quote_continues_into_a_paragraph_that_reopens_it() {
        let text = "“First part.\n“Second part,” he said.";
        assert_eq!(quoted(text), ["First part.\n“Second part,"]);
    }
}
