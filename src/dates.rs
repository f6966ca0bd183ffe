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
    let fail = || DateError {
        input: input.to_string(),
    };
    let parts: Vec<&str> = text.split('-').collect();
    let number = |part: &str, width: usize| -> Option<u32> {
        (part.len() == width && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse().ok())
            .flatten()
    };
    match parts.as_slice() {
        [y] => {
            let year = number(y, 4).ok_or_else(fail)?;
            Ok(format!("{year:04}"))
        }
        [y, m] => {
            let (year, month) = (
                number(y, 4).ok_or_else(fail)?,
                number(m, 2).ok_or_else(fail)?,
            );
            NaiveDate::from_ymd_opt(year as i32, month, 1).ok_or_else(fail)?;
            Ok(format!("{year:04}-{month:02}"))
        }
        [y, m, d] => {
            let year = number(y, 4).ok_or_else(fail)?;
            let (month, day) = (
                number(m, 2).ok_or_else(fail)?,
                number(d, 2).ok_or_else(fail)?,
            );
            NaiveDate::from_ymd_opt(year as i32, month, day).ok_or_else(fail)?;
            Ok(format!("{year:04}-{month:02}-{day:02}"))
        }
        _ => Err(fail()),
    }
}

/// The first ISO text after every date inside `date`, for an inclusive `--until`:
/// `2024-01` -> `2024-02`, so `stated_on < "2024-02"` keeps `2024-01-27`.
pub fn upper_bound(date: &str) -> String {
    let parts: Vec<u32> = date.split('-').filter_map(|p| p.parse().ok()).collect();
    match parts.as_slice() {
        [y, 12] => format!("{:04}", y + 1),
        [y, m] => format!("{y:04}-{:02}", m + 1),
        [y, m, d] => match NaiveDate::from_ymd_opt(*y as i32, *m, *d).and_then(|d| d.succ_opt()) {
            Some(next) => next.format("%Y-%m-%d").to_string(),
            None => format!("{:04}", y + 1),
        },
        [y] => format!("{:04}", y + 1),
        _ => date.to_string(),
    }
}

/// Now, as stored in created_at/updated_at columns.
pub fn now_timestamp() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

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
            "",
            "27/01/2024",
            "2024-1-27",
            "2024-13",
            "2023-02-29",
            "2024-01-32",
            "24",
            "yesterday",
            "2024-01-27T10:00",
            "٢٠٢٤",
            "2024--01",
            "-2024",
        ] {
            let err = parse_date(bad).unwrap_err();
            assert!(err.to_string().contains("YYYY-MM-DD"), "{bad}: {err}");
        }
    }

    #[test]
    fn upper_bounds_cover_partial_dates() {
        assert_eq!(upper_bound("2024"), "2025");
        assert_eq!(upper_bound("2024-01"), "2024-02");
        assert_eq!(upper_bound("2024-12"), "2025");
        assert_eq!(upper_bound("2024-01-31"), "2024-02-01");
        assert_eq!(upper_bound("2024-12-31"), "2025-01-01");
        assert!("2024-01-27" < upper_bound("2024-01").as_str());
    }
}
