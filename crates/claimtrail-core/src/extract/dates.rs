//! Dates as news copy writes them ("on Thursday", "On June 21", "yesterday"),
//! kept as written and resolved against the article's date when it is known.
//!
//! Wire copy dates events relative to its own dateline: "on Thursday" in a
//! story published on Friday 4 July is Thursday 3 July, the latest Thursday on
//! or before the publication date. A month and day without a year take the
//! publication year, or the year before when that would put them in the future.

use std::ops::Range;
use std::sync::LazyLock;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use regex::Regex;

/// A date expression in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct DateMention {
    pub range: Range<usize>,
    /// The calendar day, when the article date allows resolving it.
    pub date: Option<NaiveDate>,
}

const MONTHS: &str = "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec";

static MENTION: LazyLock<Regex> = LazyLock::new(|| {
    let weekday = r"(?P<last>(?i:last|this)\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+\(local time\))?";
    let month_day =
        format!(r"(?P<m1>{MONTHS})\.?\s+(?P<d1>[0-9]{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y1>[0-9]{{4}}))?(?-u:\b)");
    let day_month =
        format!(r"(?P<d2>[0-9]{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{MONTHS})\.?(?:,?\s+(?P<y2>[0-9]{{4}}))?(?-u:\b)");
    let relative = r"(?P<rel>(?i:yesterday|today|last night|this morning))";
    Regex::new(&format!(r"(?-u:\b)(?:(?i:on|earlier on)\s+)?(?:{weekday}|{month_day}|{day_month}|{relative})"))
        .expect("date pattern")
});

/// A full date on a header line: "04 Jul 2025, 01:27 GMT+10", "July 4, 2025", "2025-07-04".
static FULL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?-u:\b)(?:(?P<d1>[0-9]{{1,2}})\s+(?P<m1>{MONTHS})\.?,?\s+(?P<y1>[0-9]{{4}})|(?P<m2>{MONTHS})\.?\s+(?P<d2>[0-9]{{1,2}}),?\s+(?P<y2>[0-9]{{4}})|(?P<iso>[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}))(?-u:\b)"
    ))
    .expect("full date pattern")
});

fn month_number(name: &str) -> Option<u32> {
    let key = name.get(..3)?.to_ascii_lowercase();
    let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    months.iter().position(|m| *m == key).map(|i| i as u32 + 1)
}

fn weekday(name: &str) -> Option<Weekday> {
    name.parse::<Weekday>().ok()
}

/// Finds the date expressions in `text[range]`.
pub(super) fn find(text: &str, range: Range<usize>, published: Option<NaiveDate>) -> Vec<DateMention> {
    MENTION
        .captures_iter(&text[range.clone()])
        .filter_map(|c| {
            let whole = c.get(0)?;
            let date = published.and_then(|p| resolve(&c, p));
            Some(DateMention { range: range.start + whole.start()..range.start + whole.end(), date })
        })
        .collect()
}

fn resolve(c: &regex::Captures, published: NaiveDate) -> Option<NaiveDate> {
    if let Some(wd) = c.name("wd").and_then(|m| weekday(m.as_str())) {
        let mut back = (7 + published.weekday().num_days_from_monday() - wd.num_days_from_monday()) % 7;
        if back == 0 && c.name("last").is_some_and(|l| l.as_str().trim().eq_ignore_ascii_case("last")) {
            back = 7;
        }
        return published.checked_sub_days(Days::new(u64::from(back)));
    }
    if let Some(rel) = c.name("rel") {
        let lower = rel.as_str().to_ascii_lowercase();
        let back = if lower == "yesterday" || lower == "last night" { 1 } else { 0 };
        return published.checked_sub_days(Days::new(back));
    }
    let (m, d, y) = match (c.name("m1"), c.name("m2")) {
        (Some(m), _) => (m, c.name("d1")?, c.name("y1")),
        (None, Some(m)) => (m, c.name("d2")?, c.name("y2")),
        _ => return None,
    };
    let month = month_number(m.as_str())?;
    let day: u32 = d.as_str().parse().ok()?;
    if let Some(y) = y {
        return NaiveDate::from_ymd_opt(y.as_str().parse().ok()?, month, day);
    }
    let this_year = NaiveDate::from_ymd_opt(published.year(), month, day)?;
    if this_year > published {
        NaiveDate::from_ymd_opt(published.year() - 1, month, day)
    } else {
        Some(this_year)
    }
}

/// The first full calendar date in a line, for header lines that carry the
/// publication date.
pub(super) fn full_date(line: &str) -> Option<NaiveDate> {
    let c = FULL_DATE.captures(line)?;
    if let Some(iso) = c.name("iso") {
        return NaiveDate::parse_from_str(iso.as_str(), "%Y-%m-%d").ok();
    }
    let (d, m, y) = match c.name("m1") {
        Some(m) => (c.name("d1")?, m, c.name("y1")?),
        None => (c.name("d2")?, c.name("m2")?, c.name("y2")?),
    };
    NaiveDate::from_ymd_opt(y.as_str().parse().ok()?, month_number(m.as_str())?, d.as_str().parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(text: &str, published: Option<NaiveDate>) -> (String, Option<NaiveDate>) {
        let m = find(text, 0..text.len(), published).into_iter().next().expect("a date");
        (text[m.range].to_string(), m.date)
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn weekdays_resolve_to_the_latest_one_on_or_before_publication() {
        let friday = day(2025, 7, 4);
        assert_eq!(first("Putin on Thursday held a call", Some(friday)), ("on Thursday".into(), Some(day(2025, 7, 3))));
        assert_eq!(first("she said on Friday", Some(friday)).1, Some(day(2025, 7, 4)));
        assert_eq!(first("last Friday", Some(friday)).1, Some(day(2025, 6, 27)));
        assert_eq!(first("on Wednesday (local time)", Some(friday)).0, "on Wednesday (local time)");
    }

    #[test]
    fn month_days_take_the_publication_year_unless_in_the_future() {
        let published = day(2025, 7, 4);
        assert_eq!(first("On June 21, he said", Some(published)), ("On June 21".into(), Some(day(2025, 6, 21))));
        assert_eq!(first("on 30 December", Some(published)).1, Some(day(2024, 12, 30)));
        assert_eq!(first("on Sept. 3, 2019", Some(published)).1, Some(day(2019, 9, 3)));
    }

    #[test]
    fn without_an_article_date_the_text_is_kept_unresolved() {
        assert_eq!(first("said yesterday", None), ("yesterday".into(), None));
    }

    #[test]
    fn header_lines_give_the_publication_date() {
        assert_eq!(full_date("04 Jul 2025, 01:27 GMT+10"), Some(day(2025, 7, 4)));
        assert_eq!(full_date("Updated July 4, 2025"), Some(day(2025, 7, 4)));
        assert_eq!(full_date("no date here"), None);
    }
}
