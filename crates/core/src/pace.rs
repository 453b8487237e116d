//! Pace: how far along a key result (or objective) is against how much of its period has
//! passed, and the value needed per remaining week to reach the target. "Today" is always a
//! parameter, so results are deterministic.

use crate::model::{KeyResult, Kind, Objective};
use crate::period::{Date, Period};
use crate::score;

/// Progress within this many points of the elapsed share counts as on pace.
pub(crate) const MARGIN: f64 = 0.1;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PaceStatus {
    /// The period has not begun.
    NotStarted,
    Ahead,
    OnPace,
    Behind,
}

impl PaceStatus {
    /// The CSS class (the shell words the status in the interface language).
    pub fn css(self) -> &'static str {
        match self {
            PaceStatus::NotStarted => "not-started",
            PaceStatus::Ahead => "ahead",
            PaceStatus::OnPace => "on-pace",
            PaceStatus::Behind => "behind",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pace {
    /// Share of the period elapsed by the end of `today`, 0..=1.
    pub expected: f64,
    /// Progress so far, 0..=1 (the score).
    pub progress: f64,
    pub status: PaceStatus,
}

/// Share of `period` elapsed at the end of `today` (0 before it, 1 from its last day).
pub fn elapsed(period: &Period, today: Date) -> f64 {
    let done = period.start.days_until(today) + 1;
    (f64::from(done) / f64::from(period.days().max(1))).clamp(0.0, 1.0)
}

fn judge(progress: f64, expected: f64, period: &Period, today: Date) -> Pace {
    let status = if today < period.start {
        PaceStatus::NotStarted
    } else if progress >= expected + MARGIN {
        PaceStatus::Ahead
    } else if progress >= expected - MARGIN {
        PaceStatus::OnPace
    } else {
        PaceStatus::Behind
    };
    Pace {
        expected,
        progress,
        status,
    }
}

/// A key result's pace; `None` until it has a value (nothing measured yet).
pub fn key_result(kr: &KeyResult, period: &Period, today: Date) -> Option<Pace> {
    let s = score::key_result_score(kr);
    s.has_data
        .then(|| judge(s.value, elapsed(period, today), period, today))
}

/// An objective's pace: its weighted score against the elapsed share.
pub fn objective(o: &Objective, period: &Period, today: Date) -> Option<Pace> {
    let s = score::objective_score(o)?;
    s.has_data
        .then(|| judge(s.value, elapsed(period, today), period, today))
}

/// The value a number or percent key result must gain per remaining week (a negative number
/// for a decreasing target) to reach its target by the period's end: 0 once reached, `None`
/// without start, target and current, or once the period is over.
pub fn required_per_week(kr: &KeyResult, period: &Period, today: Date) -> Option<f64> {
    if !matches!(kr.kind, Kind::Number | Kind::Percent) {
        return None;
    }
    let (start, target, current) = (kr.start?, kr.target?, kr.current?);
    let days_left = today.max(period.start).days_until(period.end) + 1;
    if days_left <= 0 {
        return None;
    }
    let remaining = target - current;
    let reached = if target >= start {
        remaining <= 0.0
    } else {
        remaining >= 0.0
    };
    Some(if reached {
        0.0
    } else {
        remaining / (f64::from(days_left) / 7.0)
    })
}

#[cfg(test)]
/// A required pace as people read it: "1.8", "12", "1,250" for numbers (one decimal below 10),
/// "2.5 %" (points of percent) for percent key results, with its sign.
pub(crate) fn format_rate(kind: Kind, per_week: f64) -> String {
    format_rate_in(kind, per_week, crate::locale::Locale::En)
}

/// `format_rate` with `locale`'s separators.
pub fn format_rate_in(kind: Kind, per_week: f64, locale: crate::locale::Locale) -> String {
    let round1 = |v: f64| (v * 10.0).round() / 10.0;
    match kind {
        Kind::Percent => format!("{} %", locale.plain(round1(per_week * 100.0))),
        _ if per_week.abs() < 10.0 => locale.plain(round1(per_week)),
        _ => locale.number(per_week.round()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Id;

    fn q4() -> Period {
        Period::quarter(2026, 4).unwrap()
    }

    fn day(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    fn kr(start: f64, target: f64, current: Option<f64>) -> KeyResult {
        let mut k = KeyResult::empty(Id(1), "k");
        k.start = Some(start);
        k.target = Some(target);
        k.current = current;
        k
    }

    #[test]
    fn elapsed_share_counts_whole_days() {
        let q = q4(); // 92 days
        assert_eq!(elapsed(&q, day("2026-09-30")), 0.0);
        assert!((elapsed(&q, day("2026-10-01")) - 1.0 / 92.0).abs() < 1e-12);
        assert!((elapsed(&q, day("2026-11-15")) - 46.0 / 92.0).abs() < 1e-12);
        assert_eq!(elapsed(&q, day("2026-12-31")), 1.0);
        assert_eq!(elapsed(&q, day("2027-03-01")), 1.0);
    }

    #[test]
    fn ahead_on_pace_and_behind_with_a_fixed_today() {
        let q = q4();
        let today = day("2026-11-15"); // half the quarter
        let status = |current| {
            key_result(&kr(0.0, 100.0, Some(current)), &q, today)
                .unwrap()
                .status
        };
        assert_eq!(status(70.0), PaceStatus::Ahead);
        assert_eq!(status(50.0), PaceStatus::OnPace);
        assert_eq!(status(41.0), PaceStatus::OnPace);
        assert_eq!(status(30.0), PaceStatus::Behind);
        // Decreasing targets work the same.
        let down = kr(85.0, 60.0, Some(80.0));
        assert_eq!(
            key_result(&down, &q, today).unwrap().status,
            PaceStatus::Behind
        );
        assert_eq!(key_result(&kr(0.0, 1.0, None), &q, today), None);
        let early = key_result(&kr(0.0, 100.0, Some(0.0)), &q, day("2026-09-01")).unwrap();
        assert_eq!(early.status, PaceStatus::NotStarted);
    }

    #[test]
    fn required_pace_per_remaining_week() {
        let q = q4();
        // 17 Dec → 31 Dec: 15 days left incl. today = 15/7 weeks; 60 to go.
        let need = required_per_week(&kr(0.0, 100.0, Some(40.0)), &q, day("2026-12-17")).unwrap();
        assert!((need - 60.0 / (15.0 / 7.0)).abs() < 1e-9);
        let down = required_per_week(&kr(85.0, 60.0, Some(80.0)), &q, day("2026-12-17")).unwrap();
        assert!(down < 0.0);
        assert_eq!(
            required_per_week(&kr(0.0, 100.0, Some(120.0)), &q, day("2026-12-17")),
            Some(0.0)
        );
        assert_eq!(
            required_per_week(&kr(0.0, 100.0, Some(40.0)), &q, day("2027-01-01")),
            None
        );
        // Before the period the whole period is left.
        let before = required_per_week(&kr(0.0, 92.0, Some(0.0)), &q, day("2026-01-01")).unwrap();
        assert!((before - 7.0).abs() < 1e-9);
        let mut binary = kr(0.0, 1.0, Some(0.0));
        binary.kind = Kind::Binary;
        assert_eq!(required_per_week(&binary, &q, day("2026-12-17")), None);
    }

    #[test]
    fn rates_are_rounded_for_reading() {
        assert_eq!(format_rate(Kind::Number, 1.774_647), "1.8");
        assert_eq!(format_rate(Kind::Number, -0.25), "-0.3");
        assert_eq!(format_rate(Kind::Number, 1249.6), "1,250");
        assert_eq!(format_rate(Kind::Percent, 0.025), "2.5 %");
    }

    #[test]
    fn objective_pace_uses_its_weighted_score() {
        let mut o = Objective::empty(Id(9), "o");
        o.key_results = vec![kr(0.0, 100.0, Some(100.0)), kr(0.0, 100.0, Some(0.0))];
        let p = objective(&o, &q4(), day("2026-11-15")).unwrap();
        assert_eq!((p.progress, p.status), (0.5, PaceStatus::OnPace));
    }
}
