//! Dates as people know them: a day, a month or only a year.
//!
//! Stored as ISO text (`2024-01-27`, `2024-01`, `2024`), which sorts correctly as text, so date
//! filters are plain string comparisons that an index can serve.

use chrono::NaiveDate;

pub const ACCEPTED_FORMS: &str = "YYYY-MM-DD, YYYY-MM or YYYY (e.g. 2024-01-27, 2024-01, 2024)";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("bad date \"{input}\": use {ACCEPTED_FORMS}")]
pub struct DateError {
    pub input: String,
}

/// Parse a full or partial date and return its canonical ISO text.
pub fn parse_date(input: &str) -> Result<String, DateError> {
    let text = input.trim();
    let fail = || DateError { input: input.to_string() };
    let parts: Vec<&str> = text.split('-').collect();
    let number = |part: &str, width: usize| -> Option<u32> {
        (part.len() == width && part.bytes().all(|b| b.is_ascii_digit())).then(|| part.parse().ok()).flatten()
    };
    match parts.as_slice() {
        [y] => {
            let year = number(y, 4).ok_or_else(fail)?;
            Ok(format!("{year:04}"))
        }
        [y, m] => {
            let (year, month) = (number(y, 4).ok_or_else(fail)?, number(m, 2).ok_or_else(fail)?);
            NaiveDate::from_ymd_opt(year as i32, month, 1).ok_or_else(fail)?;
            Ok(format!("{year:04}-{month:02}"))
        }
        [y, m, d] => {
            let year = number(y, 4).ok_or_else(fail)?;
            let (month, day) = (number(m, 2).ok_or_else(fail)?, number(d, 2).ok_or_else(fail)?);
            NaiveDate::from_ymd_opt(year as i32, month, day).ok_or_else(fail)?;
            Ok(format!("{year:04}-{month:02}-{day:02}"))
        }
        _ => Err(fail()),
    }
}

// Date filters treat a partial date as the first day of its period: a claim stated in "2024-01"
// counts as stated on 2024-01-01. Both keys below let a plain text comparison on the stored
// (possibly partial) dates give that answer, so an index serves the filter.

/// The key for `--since`: `stated_on >= key` keeps claims whose period starts on or after `date`.
/// Trailing `-01` parts are dropped, since "2024-06" starts on 2024-06-01 and sorts before it.
pub fn since_key(date: &str) -> String {
    let mut key = date;
    while let Some(shorter) = key.strip_suffix("-01") {
        key = shorter;
    }
    key.to_string()
}

/// The key for `--until`: `stated_on <= key` keeps claims whose period starts on or before the
/// last day of `date` ("2024-02" ends on 2024-02-29).
pub fn until_key(date: &str) -> String {
    let parts: Vec<u32> = date.split('-').filter_map(|p| p.parse().ok()).collect();
    let last_of_month = |y: u32, m: u32| {
        let next = if m == 12 {
            NaiveDate::from_ymd_opt(y as i32 + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(y as i32, m + 1, 1)
        };
        next.and_then(|d| d.pred_opt()).map(|d| d.format("%Y-%m-%d").to_string())
    };
    match parts.as_slice() {
        [y] => format!("{y:04}-12-31"),
        [y, m] => last_of_month(*y, *m).unwrap_or_else(|| date.to_string()),
        _ => date.to_string(),
    }
}

/// Now, as stored in created_at/updated_at columns.
pub fn now_timestamp() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("bad timestamp \"{input}\": use YYYY-MM-DDTHH:MM:SSZ (e.g. 2024-01-27T10:00:00Z) or another RFC 3339 time")]
pub struct TimestampError {
    pub input: String,
}

/// Parse a moment (RFC 3339, or `YYYY-MM-DD HH:MM:SS` taken as UTC) into the stored form.
pub fn parse_timestamp(input: &str) -> Result<String, TimestampError> {
    let text = input.trim();
    let utc = chrono::DateTime::parse_from_rfc3339(text)
        .map(|t| t.naive_utc())
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S"))
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S"))
        .map_err(|_| TimestampError { input: input.to_string() })?;
    Ok(utc.format("%Y-%m-%dT%H:%M:%SZ").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_come_out_in_utc() {
        assert_eq!(parse_timestamp("2024-01-27T10:00:00Z").unwrap(), "2024-01-27T10:00:00Z");
        assert_eq!(parse_timestamp(" 2024-01-27T10:00:00.123+02:00 ").unwrap(), "2024-01-27T08:00:00Z");
        assert_eq!(parse_timestamp("2024-01-27 10:00:00").unwrap(), "2024-01-27T10:00:00Z");
        for bad in ["2024-01-27", "yesterday", "2024-02-30T00:00:00Z", ""] {
            assert!(parse_timestamp(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn accepts_day_month_year() {
        assert_eq!(parse_date("2024-01-27").unwrap(), "2024-01-27");
        assert_eq!(parse_date("2024-01").unwrap(), "2024-01");
        assert_eq!(parse_date(" 2024 ").unwrap(), "2024");
        assert_eq!(parse_date("2024-02-29").unwrap(), "2024-02-29");
    }

    #[test]
    fn rejects_everything_else() {
        for bad in [
            "", "27/01/2024", "2024-1-27", "2024-13", "2023-02-29", "2024-01-32", "24", "yesterday",
            "2024-01-27T10:00", "٢٠٢٤", "2024--01", "-2024",
        ] {
            let err = parse_date(bad).unwrap_err();
            assert!(err.to_string().contains("YYYY-MM-DD"), "{bad}: {err}");
        }
    }

    /// The first day of a stored date's period, for checking the keys against the rule.
    fn start(date: &str) -> String {
        match date.len() {
            4 => format!("{date}-01-01"),
            7 => format!("{date}-01"),
            _ => date.to_string(),
        }
    }

    #[test]
    fn filter_keys_compare_partial_dates_by_their_first_day() {
        let stored = [
            "2023", "2023-12", "2023-12-31", "2024", "2024-01", "2024-01-01", "2024-01-31", "2024-02", "2024-02-29",
            "2024-06", "2025",
        ];
        for bound in ["2024", "2024-01", "2024-01-01", "2024-01-15", "2024-02", "2024-06-01", "2023-12-31"] {
            for date in stored {
                assert_eq!(date >= since_key(bound).as_str(), start(date) >= start(bound), "since {bound}: {date}");
                let end = until_key(bound);
                assert_eq!(date <= end.as_str(), start(date) <= end, "until {bound}: {date}");
            }
        }
        assert_eq!(until_key("2024-02"), "2024-02-29");
        assert_eq!(until_key("2023-12"), "2023-12-31");
        assert_eq!(since_key("2024-01-01"), "2024");
    }
}
