//! Dates and times as users type them.
//!
//! Claims are dated to the day more often than to the second ("On June 21"),
//! so a date stays a date: `2025-06-21` is stored as written, a full timestamp
//! is stored in RFC 3339 UTC. Anything else is refused rather than guessed.

use chrono::{DateTime, NaiveDate, NaiveDateTime, SecondsFormat, Utc};

use crate::error::{Error, Result};

/// Parses a user-supplied date or date-time and returns its stored form.
///
/// ```
/// use claimtrail_core::when::parse_when;
/// assert_eq!(parse_when("2025-07-03").unwrap(), "2025-07-03");
/// assert_eq!(parse_when("2025-07-04T01:27:00+10:00").unwrap(), "2025-07-03T15:27:00Z");
/// assert!(parse_when("last Thursday").is_err());
/// ```
pub fn parse_when(input: &str) -> Result<String> {
    let s = input.trim();
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Ok(d.format("%Y-%m-%d").to_string());
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(stamp(t.with_timezone(&Utc)));
    }
    for format in ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, format) {
            return Ok(stamp(t.and_utc()));
        }
    }
    Err(Error::invalid(format!(
        "cannot read `{s}` as a date: use YYYY-MM-DD or an RFC 3339 time such as 2025-07-04T01:27:00+10:00"
    )))
}

/// The stored form of an instant: RFC 3339 in UTC, to the second.
pub fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// True when a stored date or instant lies after `limit` (a date: when its
/// day is after `limit`'s day).
pub fn is_after(stored: &str, limit: DateTime<Utc>) -> bool {
    if let Ok(d) = NaiveDate::parse_from_str(stored, "%Y-%m-%d") {
        return d > limit.date_naive();
    }
    DateTime::parse_from_rfc3339(stored).is_ok_and(|t| t > limit)
}

#[cfg(test)]
mod tests {
    use super::parse_when;

    #[test]
    fn impossible_calendar_dates_are_refused() {
        assert!(parse_when("2025-02-30").is_err());
        assert!(parse_when("").is_err());
    }

    #[test]
    fn naive_times_are_taken_as_utc() {
        assert_eq!(parse_when("2025-06-21 10:00").unwrap(), "2025-06-21T10:00:00Z");
    }
}
