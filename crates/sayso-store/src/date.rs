//! Calendar dates: parsing the many ways articles give them, and day numbers for ranges.

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

/// A calendar day, as `YYYY-MM-DD`. Articles' publication dates are kept to the day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, e.g. 2024.
    pub year: i32,
    /// Month, 1 to 12.
    pub month: u32,
    /// Day of the month, 1 to 31.
    pub day: u32,
}

const MONTHS: [&str; 12] =
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

impl Date {
    /// A valid date, or `None`.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((1..=days).contains(&day) && (1000..=9999).contains(&year)).then_some(Date {
            year,
            month,
            day,
        })
    }

    /// The date at the start of a timestamp as articles write it: ISO 8601
    /// (`2024-03-05`, `2024-03-05T10:00:00Z`, `20240305`), or RFC 2822 / HTTP
    /// (`Tue, 5 Mar 2024 10:00:00 GMT`, `5 March 2024`). The time zone is ignored: the
    /// day is the day as written.
    pub fn parse_lenient(text: &str) -> Option<Date> {
        let text = text.trim();
        let b = text.as_bytes();
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            let s = text.get(r)?;
            s.bytes().all(|c| c.is_ascii_digit()).then(|| s.parse().ok())?
        };
        if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' {
            return Date::new(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?);
        }
        if b.len() >= 8 && b[..8].iter().all(u8::is_ascii_digit) {
            return Date::new(digits(0..4)? as i32, digits(4..6)?, digits(6..8)?);
        }
        // `Tue, 05 Mar 2024 …`, `5 March 2024`, `March 5, 2024`.
        let words: Vec<&str> = text
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .take(5)
            .collect();
        let month_of = |w: &str| {
            let w = w.to_ascii_lowercase();
            MONTHS.iter().position(|m| w.starts_with(m)).map(|i| i as u32 + 1)
        };
        for i in 0..words.len() {
            if let Some(month) = month_of(words[i]) {
                let num = |w: Option<&&str>| w.and_then(|w| w.parse::<u32>().ok());
                let before = i.checked_sub(1).and_then(|j| num(words.get(j)));
                let after = num(words.get(i + 1));
                let (day, year) = match (before, after, num(words.get(i + 2))) {
                    (Some(d), Some(y), _) if y > 31 => (d, y),
                    (_, Some(d), Some(y)) if y > 31 => (d, y),
                    _ => continue,
                };
                return Date::new(year as i32, month, day);
            }
        }
        None
    }

    /// Days since 1970-01-01 (negative before), for range queries.
    pub fn days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = String;

    /// Strict `YYYY-MM-DD`, as a user types it in a query.
    fn from_str(s: &str) -> Result<Date, String> {
        let bad = || format!("{s:?} is not a date; use YYYY-MM-DD");
        if s.len() != 10 {
            return Err(bad());
        }
        Date::parse_lenient(s).ok_or_else(bad)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! t {
        ($input:expr, $expected:expr) => {
            assert_eq!(
                Date::parse_lenient($input).map(|d| d.to_string()).as_deref(),
                $expected,
                "{:?}",
                $input
            )
        };
    }

    #[test]
    fn lenient_dates() {
        t!("2024-03-05", Some("2024-03-05"));
        t!("2024-03-05T23:10:00+02:00", Some("2024-03-05"));
        t!("20240305", Some("2024-03-05"));
        t!("Tue, 05 Mar 2024 10:00:00 GMT", Some("2024-03-05"));
        t!("5 March 2024", Some("2024-03-05"));
        t!("March 5, 2024", Some("2024-03-05"));
        t!("2024-02-30", None);
        t!("yesterday", None);
        t!("", None);
        t!("ééééééééééé", None);
    }

    #[test]
    fn day_numbers() {
        assert_eq!(Date::new(1970, 1, 1).unwrap().days(), 0);
        assert_eq!(Date::new(2000, 3, 1).unwrap().days(), 11_017);
        assert_eq!(Date::new(1969, 12, 31).unwrap().days(), -1);
        assert!("2024-3-5".parse::<Date>().is_err());
    }
}
