//! Calendar dates and planning periods: a year, its quarters, optionally months, each with a
//! first and a last day. Objectives name their period (`Objective::period`); the plan's
//! `periods` give those names their dates, which pace (`pace`) measures against.
//!
//! Dates are proleptic Gregorian days, stored as "YYYY-MM-DD"; no clock here: "today" is
//! always passed in.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A calendar day, as days since 1970-01-01.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(i32);

/// Days from 1970-01-01 to y-m-d (Howard Hinnant's `days_from_civil`).
fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i32) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    /// A valid date, or `None` (month 13, 30 February, years outside 1–9999).
    pub fn new(y: i32, m: u32, d: u32) -> Option<Date> {
        ((1..=9999).contains(&y) && (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m))
            .then(|| Date(days_from_civil(y, m, d)))
    }

    /// "2026-11-25" (also "2026-11-25T…", the start of an ISO timestamp).
    pub fn parse(text: &str) -> Option<Date> {
        let t = text.trim();
        let t = t
            .get(..10)
            .filter(|_| t.len() == 10 || t[10..].starts_with('T'))?;
        let b = t.as_bytes();
        if b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        Date::new(
            t[..4].parse().ok()?,
            t[5..7].parse().ok()?,
            t[8..].parse().ok()?,
        )
    }

    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.0)
    }

    pub(crate) fn add_days(self, days: i32) -> Date {
        Date(self.0.saturating_add(days))
    }

    /// Days from `self` to `later` (negative when `later` is earlier).
    pub(crate) fn days_until(self, later: Date) -> i32 {
        later.0 - self.0
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Date::parse(&text).ok_or_else(|| serde::de::Error::custom(format!("not a date: {text}")))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PeriodKind {
    Year,
    Quarter,
    Month,
}

/// A named span of days, first and last included.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Period {
    pub name: String,
    pub kind: PeriodKind,
    pub start: Date,
    pub end: Date,
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl Period {
    pub fn year(y: i32) -> Option<Period> {
        Some(Period {
            name: y.to_string(),
            kind: PeriodKind::Year,
            start: Date::new(y, 1, 1)?,
            end: Date::new(y, 12, 31)?,
        })
    }

    /// Quarter `q` (1–4) of year `y`, named "Q1 2026".
    pub fn quarter(y: i32, q: u32) -> Option<Period> {
        if !(1..=4).contains(&q) {
            return None;
        }
        let first = 3 * q - 2;
        Some(Period {
            name: format!("Q{q} {y}"),
            kind: PeriodKind::Quarter,
            start: Date::new(y, first, 1)?,
            end: Date::new(y, first + 2, days_in_month(y, first + 2))?,
        })
    }

    /// Month `m` of year `y`, named "Jan 2026".
    pub fn month(y: i32, m: u32) -> Option<Period> {
        Some(Period {
            name: format!("{} {y}", MONTHS.get(m.checked_sub(1)? as usize)?),
            kind: PeriodKind::Month,
            start: Date::new(y, m, 1)?,
            end: Date::new(y, m, days_in_month(y, m))?,
        })
    }

    /// The period a name such as "2026", "Q3 2026", "2026 Q3", "2026-Q3", "Q3-2026",
    /// "FY2026", "Mar 2026" or "2026-03" stands for, with its dates; `None` for other names.
    pub fn from_name(name: &str) -> Option<Period> {
        let words: Vec<String> = name
            .split(|c: char| c.is_whitespace() || c == '-' || c == '/' || c == '_')
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let year = |w: &str| {
            let w = w.strip_prefix("fy").unwrap_or(w);
            (w.len() == 4).then(|| w.parse::<i32>().ok()).flatten()
        };
        let quarter = |w: &str| {
            let w = w.strip_prefix('q')?;
            w.parse::<u32>().ok().filter(|q| (1..=4).contains(q))
        };
        let month = |w: &str| {
            MONTHS
                .iter()
                .position(|m| w.starts_with(&m.to_lowercase()) && w.len() >= 3)
                .map(|i| i as u32 + 1)
                .or_else(|| {
                    (w.len() == 2)
                        .then(|| w.parse::<u32>().ok())
                        .flatten()
                        .filter(|m| (1..=12).contains(m))
                })
        };
        match words.as_slice() {
            [y] => Period::year(year(y)?),
            [a, b] => {
                if let (Some(y), Some(q)) = (year(a), quarter(b)) {
                    Period::quarter(y, q)
                } else if let (Some(q), Some(y)) = (quarter(a), year(b)) {
                    Period::quarter(y, q)
                } else if let (Some(y), Some(m)) = (year(a), month(b)) {
                    Period::month(y, m)
                } else if let (Some(m), Some(y)) = (month(a), year(b)) {
                    Period::month(y, m)
                } else {
                    None
                }
            }
            _ => None,
        }
        .map(|mut p| {
            p.name = name.trim().to_string();
            p
        })
    }

    /// A year and its four quarters, the usual OKR calendar.
    pub fn year_with_quarters(y: i32) -> Vec<Period> {
        Period::year(y)
            .into_iter()
            .chain((1..=4).filter_map(|q| Period::quarter(y, q)))
            .collect()
    }

    pub fn contains(&self, day: Date) -> bool {
        self.start <= day && day <= self.end
    }

    /// Days in the period, first and last included.
    pub fn days(&self) -> i32 {
        self.start.days_until(self.end) + 1
    }

    /// True when `self` lies within `outer` (a quarter in its year).
    pub fn within(&self, outer: &Period) -> bool {
        outer.start <= self.start && self.end <= outer.end && self != outer
    }
}

/// Gives dates to the period names a plan's objectives carry that it has no dates for yet,
/// when the name says them ("Q4 2026", "2026-Q4", "FY2026", "Mar 2026"…).
pub fn date_named_periods(plan: &mut crate::model::Plan) {
    let mut added: Vec<Period> = Vec::new();
    for o in &plan.objectives {
        let known = plan.period(&o.period).is_some()
            || added
                .iter()
                .any(|p| p.name.eq_ignore_ascii_case(o.period.trim()));
        if !known {
            added.extend(Period::from_name(&o.period));
        }
    }
    plan.periods.extend(added);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_and_refuse_impossible_days() {
        for text in [
            "1970-01-01",
            "2024-02-29",
            "2026-11-25",
            "1999-12-31",
            "0001-01-01",
        ] {
            assert_eq!(Date::parse(text).unwrap().to_string(), text);
        }
        for bad in [
            "2026-02-29",
            "2026-13-01",
            "2026-1-01",
            "26-01-01",
            "",
            "2026/01/01",
            "2026-00-10",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert_eq!(Date::parse("2026-03-01T10:00:00Z"), Date::new(2026, 3, 1));
        let a = Date::new(2026, 2, 28).unwrap();
        assert_eq!(a.add_days(1).to_string(), "2026-03-01");
        assert_eq!(a.days_until(Date::new(2027, 2, 28).unwrap()), 365);
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(json, "\"2026-02-28\"");
        assert_eq!(serde_json::from_str::<Date>(&json).unwrap(), a);
        assert!(serde_json::from_str::<Date>("\"2026-02-30\"").is_err());
    }

    #[test]
    fn periods_have_their_dates() {
        let q1 = Period::quarter(2024, 1).unwrap();
        assert_eq!(
            (q1.start.to_string(), q1.end.to_string()),
            ("2024-01-01".into(), "2024-03-31".into())
        );
        assert_eq!(q1.days(), 91);
        let q4 = Period::quarter(2026, 4).unwrap();
        assert_eq!(q4.end.to_string(), "2026-12-31");
        let feb = Period::month(2024, 2).unwrap();
        assert_eq!((feb.name.as_str(), feb.days()), ("Feb 2024", 29));
        let year = Period::year_with_quarters(2026);
        assert_eq!(year.len(), 5);
        assert!(year[1..].iter().all(|q| q.within(&year[0])));
        assert!(!year[0].within(&year[0]));
        assert!(q4.contains(Date::new(2026, 11, 25).unwrap()));
        assert!(Period::quarter(2026, 5).is_none());
    }

    #[test]
    fn period_names_are_read_in_the_usual_spellings() {
        for (name, start, end) in [
            ("2026", "2026-01-01", "2026-12-31"),
            ("FY2026", "2026-01-01", "2026-12-31"),
            ("Q3 2026", "2026-07-01", "2026-09-30"),
            ("2026 Q3", "2026-07-01", "2026-09-30"),
            ("2026-q4", "2026-10-01", "2026-12-31"),
            ("Q1-2027", "2027-01-01", "2027-03-31"),
            ("Mar 2026", "2026-03-01", "2026-03-31"),
            ("march 2026", "2026-03-01", "2026-03-31"),
            ("2026-02", "2026-02-01", "2026-02-28"),
        ] {
            let p = Period::from_name(name).unwrap_or_else(|| panic!("{name}"));
            assert_eq!(
                (p.start.to_string(), p.end.to_string()),
                (start.into(), end.into()),
                "{name}"
            );
            assert_eq!(p.name, name);
        }
        for other in ["Q5 2026", "Next quarter", "", "H1 2026", "2026 Q1 extra"] {
            assert!(Period::from_name(other).is_none(), "{other}");
        }
    }
}
