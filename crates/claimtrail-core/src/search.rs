//! Turning what a user types into a safe SQLite FTS5 query.
//!
//! FTS5 has its own syntax (`AND`, `NEAR`, `col:`, `*`, quotes) and raises an
//! error on malformed input, so typed text is never passed through as is:
//! every word becomes a quoted term, text in double quotes stays a phrase, and
//! the last word matches as a prefix so results follow the typing.

/// Builds an FTS5 query in which every term must match, or `None` when the
/// input has no searchable word.
///
/// ```
/// use claimtrail_core::search::fts_query;
/// assert_eq!(fts_query("luhansk liber").as_deref(), Some("\"luhansk\" \"liber\"*"));
/// assert_eq!(fts_query("\"100 per cent\" NEAR").as_deref(), Some("\"100 per cent\" \"NEAR\"*"));
/// assert_eq!(fts_query("  \" ** "), None);
/// ```
pub fn fts_query(input: &str) -> Option<String> {
    let mut terms: Vec<(String, bool)> = Vec::new();
    for (i, part) in input.split('"').enumerate() {
        let inside_quotes = i % 2 == 1;
        if inside_quotes {
            let phrase = words(part).join(" ");
            if !phrase.is_empty() {
                terms.push((phrase, true));
            }
        } else {
            terms.extend(words(part).into_iter().map(|w| (w, false)));
        }
    }
    let last = terms.len().checked_sub(1)?;
    let ends_in_word = !input.trim_end().ends_with('"');
    Some(
        terms
            .iter()
            .enumerate()
            .map(|(i, (t, phrase))| {
                if i == last && !phrase && ends_in_word {
                    format!("\"{t}\"*")
                } else {
                    format!("\"{t}\"")
                }
            })
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// Splits on anything that is not a letter or digit, as the unicode61 tokenizer does.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::fts_query;

    #[test]
    fn fts_operators_typed_by_users_are_plain_words() {
        assert_eq!(fts_query("peskov OR -missiles").as_deref(), Some("\"peskov\" \"OR\" \"missiles\"*"));
        assert_eq!(fts_query("claim:ushakov").as_deref(), Some("\"claim\" \"ushakov\"*"));
    }

    #[test]
    fn a_closed_phrase_is_not_a_prefix() {
        assert_eq!(fts_query("\"not back down\"").as_deref(), Some("\"not back down\""));
    }
}
