//! Dates as precise as the sources give them: a year, a month or a day.
//!
//! A source that says "in 2014" or "in August" must not become "Sat 1 Jan
//! 2014" or "Fri 1 Aug 2025" on screen: the precision is part of the claim.

use std::cmp::Ordering;
use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Serialize, Serializer};

/// A date known to the year, the month or the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PartialDate {
    Year(i32),
    Month(i32, u32),
    Day(NaiveDate),
}

/// How precisely a [`PartialDate`] is known, coarsest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    Year,
    Month,
    Day,
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl PartialDate {
    /// Parses the string forms of the format: `"YYYY"` or `"YYYY-MM"`.
    /// (A day is a TOML local date, not a string.)
    pub fn parse_partial(text: &str) -> Option<Self> {
        let year = |digits: &str| {
            (digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()))
                .then(|| digits.parse::<i32>().ok())
                .flatten()
                .filter(|&y| y >= 1)
        };
        match text.split_once('-') {
            None => year(text).map(PartialDate::Year),
            Some((y, m)) => {
                let month = (m.len() == 2 && m.bytes().all(|b| b.is_ascii_digit()))
                    .then(|| m.parse::<u32>().ok())
                    .flatten()
                    .filter(|m| (1..=12).contains(m))?;
                Some(PartialDate::Month(year(y)?, month))
            }
        }
    }

    pub fn precision(self) -> Precision {
        match self {
            PartialDate::Year(_) => Precision::Year,
            PartialDate::Month(..) => Precision::Month,
            PartialDate::Day(_) => Precision::Day,
        }
    }

    /// The day, when the date is known to the day.
    pub fn day(self) -> Option<NaiveDate> {
        match self {
            PartialDate::Day(day) => Some(day),
            _ => None,
        }
    }

    /// The first day of the span the date covers (what sorting uses).
    pub fn first_day(self) -> NaiveDate {
        match self {
            PartialDate::Year(y) => ymd(y, 1, 1),
            PartialDate::Month(y, m) => ymd(y, m, 1),
            PartialDate::Day(day) => day,
        }
    }

    /// The last day of the span the date covers.
    pub fn last_day(self) -> NaiveDate {
        match self {
            PartialDate::Year(y) => ymd(y, 12, 31),
            PartialDate::Month(y, m) => {
                let (next_year, next_month) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
                ymd(next_year, next_month, 1)
                    .pred_opt()
                    .unwrap_or(NaiveDate::MAX)
            }
            PartialDate::Day(day) => day,
        }
    }

    /// Dated after `as_of`: its whole span starts after `as_of`'s ends, so
    /// at the time of writing it could only be expected, not known.
    pub fn is_after(self, as_of: PartialDate) -> bool {
        self.first_day() > as_of.last_day()
    }

    /// As a reader wants it: `2014`, `Aug 2025`, `Fri 23 Jan 2026`.
    pub fn human(self) -> String {
        match self {
            PartialDate::Year(y) => y.to_string(),
            PartialDate::Month(y, m) => format!("{} {y}", MONTHS[m as usize - 1]),
            PartialDate::Day(day) => day.format("%a %-d %b %Y").to_string(),
        }
    }

    /// Short, without the weekday: `2014`, `Aug 2025`, `23 Jan 2026`.
    pub fn short(self) -> String {
        match self {
            PartialDate::Day(day) => day.format("%-d %b %Y").to_string(),
            other => other.human(),
        }
    }
}

fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MAX)
}

/// Any of the ISO forms `2014`, `2025-08`, `2026-01-23` (for tests and
/// command-line arguments; a briefing writes a day unquoted).
impl std::str::FromStr for PartialDate {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        PartialDate::parse_partial(text)
            .or_else(|| text.parse::<NaiveDate>().ok().map(PartialDate::Day))
            .ok_or_else(|| format!("{text:?} is not a date: write 2026-01-23, 2026-01 or 2026"))
    }
}

impl From<NaiveDate> for PartialDate {
    fn from(day: NaiveDate) -> Self {
        PartialDate::Day(day)
    }
}

/// Start of the span first; at the same start, the coarser date first.
impl Ord for PartialDate {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.first_day(), self.precision()).cmp(&(other.first_day(), other.precision()))
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// ISO 8601 at the date's precision: `2014`, `2025-08`, `2026-01-23`.
impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PartialDate::Year(y) => write!(f, "{y:04}"),
            PartialDate::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            PartialDate::Day(day) => write!(f, "{}", day.format("%Y-%m-%d")),
        }
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// The time from `from` to `to`, in the coarser of the two precisions:
/// `"14 days later"` between days, `"about 3 years later"` when either is
/// known only to the year. `None` when the two cannot be told apart at
/// that precision (same year, same month, same day).
pub fn gap_text(from: PartialDate, to: PartialDate) -> Option<String> {
    let plural = |n: i64, unit: &str| {
        if n == 1 {
            format!("1 {unit}")
        } else {
            format!("{n} {unit}s")
        }
    };
    let precision = from.precision().min(to.precision());
    let (a, b) = (from.first_day(), to.first_day());
    let months =
        (i64::from(b.year() - a.year()) * 12 + i64::from(b.month()) - i64::from(a.month())).abs();
    let years = i64::from(b.year() - a.year()).abs();
    let days = (b - a).num_days().abs();
    // Long gaps read in a coarser unit, and only approximately.
    let amount = match precision {
        Precision::Day if days < 60 => (days != 0).then(|| plural(days, "day")),
        Precision::Year => (years != 0).then(|| format!("about {}", plural(years, "year"))),
        _ if months >= 24 || (precision == Precision::Month && months >= 12) => {
            Some(format!("about {}", plural(months / 12, "year")))
        }
        _ => (months != 0).then(|| format!("about {}", plural(months, "month"))),
    }?;
    let forward = to >= from;
    Some(format!(
        "{amount} {}",
        if forward { "later" } else { "earlier" }
    ))
}

/// The keys whose values are dates, wherever they stand.
pub const DATE_KEYS: [&str; 6] = ["as_of", "starts", "ends", "published", "said_on", "date"];

/// The three forms a date may take, for messages.
pub const FORMS: &str = "a day written unquoted as YYYY-MM-DD, a month in quotes (\"YYYY-MM\") or a year in quotes (\"YYYY\")";

/// The days a date written another way may mean: `13/03/2031`,
/// `13.03.2031`, `13 March 2031`, `March 13, 2031`, `2031/03/13`, a quoted
/// `"2031-03-13"`, or `2031-13-03` with month and day swapped. Both days
/// where `04/03/2031` could be either.
pub fn days_meant(text: &str) -> Vec<NaiveDate> {
    let text = text.trim().trim_matches(|c| c == '"' || c == '\'');
    let mut days: Vec<NaiveDate> = [
        "%Y-%m-%d",
        "%d/%m/%Y",
        "%m/%d/%Y",
        "%d.%m.%Y",
        "%Y/%m/%d",
        "%d-%m-%Y",
        "%d %B %Y",
        "%d %b %Y",
        "%B %d, %Y",
        "%b %d, %Y",
        "%B %d %Y",
    ]
    .iter()
    .filter_map(|format| NaiveDate::parse_from_str(text, format).ok())
    // `Jan 2026` would read as the 20th of January in the year 26.
    .filter(|day| day.year() >= 1000)
    .collect();
    if days.is_empty()
        && let [y, m, d] = text.split('-').collect::<Vec<_>>()[..]
        && let (Ok(y), Ok(m), Ok(d)) = (y.parse(), m.parse(), d.parse())
        && let Some(swapped) = NaiveDate::from_ymd_opt(y, d, m)
    {
        days.push(swapped);
    }
    days.sort();
    days.dedup();
    days
}

/// The one message for a date that is not in one of the three forms,
/// with what it may have meant: `did you mean `said_on = 2031-03-13`?`.
pub fn date_message(key: &str, found: &str, written: &str) -> String {
    let meant: Vec<String> = days_meant(written)
        .iter()
        .map(|day| {
            format!(
                "`{key} = {}` ({})",
                day.format("%Y-%m-%d"),
                day.format("%-d %B %Y")
            )
        })
        .collect();
    let hint = match meant.as_slice() {
        [] => String::new(),
        [one] => format!("; did you mean {one}?"),
        many => format!("; did you mean {}?", many.join(" or ")),
    };
    format!("`{key}` must be {FORMS}, found {found}{hint}")
}

/// The talks' dates for a header: `23–24 Jan 2026`, `from Aug 2025`, with
/// what lies after `as_of` marked expected: `23–24 Jan 2026 (24 expected)`.
pub fn span_text(
    starts: Option<PartialDate>,
    ends: Option<PartialDate>,
    as_of: PartialDate,
) -> String {
    let expected = |date: PartialDate| date.is_after(as_of);
    match (starts, ends) {
        (Some(s), Some(e)) if s == e && expected(s) => format!("{} (expected)", s.short()),
        (Some(s), Some(e)) if s == e => s.short(),
        (Some(PartialDate::Day(s)), Some(PartialDate::Day(e))) => {
            let (first, last) = if (s.year(), s.month()) == (e.year(), e.month()) {
                (
                    s.format("%-d").to_string(),
                    e.format("%-d %b %Y").to_string(),
                )
            } else if s.year() == e.year() {
                (
                    s.format("%-d %b").to_string(),
                    e.format("%-d %b %Y").to_string(),
                )
            } else {
                (
                    s.format("%-d %b %Y").to_string(),
                    e.format("%-d %b %Y").to_string(),
                )
            };
            let text = format!("{first}–{last}");
            match (expected(PartialDate::Day(s)), expected(PartialDate::Day(e))) {
                (true, _) => format!("{text} (expected)"),
                (false, true) => format!("{text} ({} expected)", e.format("%-d %b")),
                _ => text,
            }
        }
        (Some(s), Some(e)) => {
            let text = format!("{}–{}", s.short(), e.short());
            match (expected(s), expected(e)) {
                (true, _) => format!("{text} (expected)"),
                (false, true) => format!("{text} (end expected)"),
                _ => text,
            }
        }
        (Some(s), None) if expected(s) => format!("expected from {}", s.short()),
        (Some(s), None) => format!("from {}", s.short()),
        (None, Some(e)) if expected(e) => format!("expected until {}", e.short()),
        (None, Some(e)) => format!("until {}", e.short()),
        (None, None) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> PartialDate {
        PartialDate::Day(text.parse().unwrap())
    }

    #[test]
    fn parses_only_the_two_string_forms() {
        assert_eq!(
            PartialDate::parse_partial("2014"),
            Some(PartialDate::Year(2014))
        );
        assert_eq!(
            PartialDate::parse_partial("2025-08"),
            Some(PartialDate::Month(2025, 8))
        );
        for bad in [
            "14",
            "2025-8",
            "2025-13",
            "2025-00",
            "2025-08-01",
            "0000",
            "20x4",
            "",
            "-2014",
        ] {
            assert_eq!(PartialDate::parse_partial(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn shows_each_precision_without_a_stand_in_day() {
        assert_eq!(PartialDate::Year(2014).human(), "2014");
        assert_eq!(PartialDate::Month(2025, 8).human(), "Aug 2025");
        assert_eq!(day("2026-01-23").human(), "Fri 23 Jan 2026");
        assert_eq!(PartialDate::Month(2025, 8).to_string(), "2025-08");
        assert_eq!(day("2026-01-23").to_string(), "2026-01-23");
        assert_eq!(
            serde_json::to_string(&PartialDate::Year(2022)).unwrap(),
            "\"2022\""
        );
    }

    #[test]
    fn spans_cover_the_whole_month_and_year() {
        assert_eq!(
            PartialDate::Month(2024, 2).last_day(),
            "2024-02-29".parse().unwrap()
        );
        assert_eq!(
            PartialDate::Month(2025, 12).last_day(),
            "2025-12-31".parse().unwrap()
        );
        assert_eq!(
            PartialDate::Year(2014).first_day(),
            "2014-01-01".parse().unwrap()
        );
    }

    #[test]
    fn sorts_at_the_start_of_the_span_coarser_first() {
        let mut dates = vec![
            day("2025-08-15"),
            PartialDate::Month(2025, 8),
            PartialDate::Year(2025),
            day("2025-01-01"),
        ];
        dates.sort();
        assert_eq!(
            dates,
            vec![
                PartialDate::Year(2025),
                day("2025-01-01"),
                PartialDate::Month(2025, 8),
                day("2025-08-15")
            ]
        );
    }

    #[test]
    fn after_as_of_means_the_whole_span_is_later() {
        let as_of = day("2026-01-24");
        assert!(day("2026-01-25").is_after(as_of));
        assert!(!day("2026-01-24").is_after(as_of));
        assert!(!PartialDate::Month(2026, 1).is_after(as_of));
        assert!(PartialDate::Month(2026, 2).is_after(as_of));
        assert!(!day("2026-01-30").is_after(PartialDate::Month(2026, 1)));
    }

    #[test]
    fn dates_written_other_ways_suggest_the_day_they_mean() {
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(days_meant("13/03/2031"), [day("2031-03-13")]);
        assert_eq!(days_meant("\"2031-03-13\""), [day("2031-03-13")]);
        assert_eq!(days_meant("13 March 2031"), [day("2031-03-13")]);
        assert_eq!(days_meant("March 13, 2031"), [day("2031-03-13")]);
        assert_eq!(days_meant("2031-13-03"), [day("2031-03-13")]);
        assert_eq!(
            days_meant("04/03/2031"),
            [day("2031-03-04"), day("2031-04-03")]
        );
        assert_eq!(days_meant("soon"), Vec::<NaiveDate>::new());
        assert_eq!(days_meant("Jan 2026"), Vec::<NaiveDate>::new());
        assert_eq!(
            date_message("said_on", "13/03/2031", "13/03/2031"),
            format!(
                "`said_on` must be {FORMS}, found 13/03/2031; did you mean `said_on = 2031-03-13` (13 March 2031)?"
            )
        );
    }

    #[test]
    fn a_header_span_marks_what_lies_after_as_of() {
        let (s, e) = (day("2026-01-23"), day("2026-01-24"));
        assert_eq!(span_text(Some(s), Some(e), e), "23–24 Jan 2026");
        assert_eq!(
            span_text(Some(s), Some(e), s),
            "23–24 Jan 2026 (24 Jan expected)"
        );
        assert_eq!(span_text(Some(e), Some(e), s), "24 Jan 2026 (expected)");
        assert_eq!(
            span_text(Some(PartialDate::Month(2025, 8)), None, s),
            "from Aug 2025"
        );
        assert_eq!(span_text(None, None, s), "");
    }

    #[test]
    fn gaps_are_given_in_the_coarser_unit() {
        assert_eq!(
            gap_text(day("2026-01-09"), day("2026-01-23")).as_deref(),
            Some("14 days later")
        );
        assert_eq!(
            gap_text(PartialDate::Year(2022), PartialDate::Month(2025, 8)).as_deref(),
            Some("about 3 years later")
        );
        assert_eq!(
            gap_text(PartialDate::Month(2025, 8), day("2026-01-22")).as_deref(),
            Some("about 5 months later")
        );
        assert_eq!(
            gap_text(PartialDate::Month(2024, 2), PartialDate::Month(2025, 8)).as_deref(),
            Some("about 1 year later")
        );
        assert_eq!(gap_text(PartialDate::Year(2026), day("2026-01-22")), None);
        assert_eq!(
            gap_text(day("2014-02-27"), day("2022-02-24")).as_deref(),
            Some("about 8 years later")
        );
        assert_eq!(
            gap_text(day("2025-08-15"), day("2026-01-22")).as_deref(),
            Some("about 5 months later")
        );
        assert_eq!(
            gap_text(day("2026-01-23"), day("2026-01-22")).as_deref(),
            Some("1 day earlier")
        );
    }
}
