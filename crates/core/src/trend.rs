//! The trend chart of a key result, as geometry an SVG can draw: its check-ins over the
//! period against the straight line from start (first day) to target (last day). Pure: the
//! view only writes these numbers into `<polyline>` and `<line>` elements.

use crate::checkin;
use crate::model::KeyResult;
use crate::period::{Date, Period};

#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    pub width: f64,
    pub height: f64,
    /// Check-ins within the period, as "x,y x,y …" for `<polyline points>`.
    pub points: String,
    /// The same points, for markers and their titles: (x, y, date, value).
    pub marks: Vec<(f64, f64, Date, f64)>,
    /// Start on the first day to target on the last: (x1, y1, x2, y2); `None` without both.
    pub plan_line: Option<(f64, f64, f64, f64)>,
    /// Where today falls, when within the period.
    pub today_x: Option<f64>,
    /// The value range the height spans: (lowest, highest).
    pub range: (f64, f64),
    /// The drawing area (left, top, right, bottom): values are labelled left of it, dates
    /// below it.
    pub plot: (f64, f64, f64, f64),
    /// Value labels: (y, value) at the lowest, middle and highest value of the range.
    pub value_ticks: Vec<(f64, f64)>,
    /// Date labels: (x, date) at the period's first day, its middle and its last day.
    pub date_ticks: Vec<(f64, Date)>,
}

/// A sparkline of a key result's check-ins in a `width` × `height` box, as polyline points:
/// evenly spaced in recorded order, scaled between the lowest and highest of the values,
/// start and target (so a line reaching the top has reached the higher of the two). `None`
/// with fewer than two check-ins.
pub fn sparkline(kr: &KeyResult, width: f64, height: f64) -> Option<String> {
    let values: Vec<f64> = kr
        .check_ins
        .iter()
        .map(|c| c.value)
        .filter(|v| v.is_finite())
        .collect();
    if values.len() < 2 {
        return None;
    }
    let all = values.iter().copied().chain(kr.start).chain(kr.target);
    let (lo, hi) = all
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
    let span = hi - lo;
    let step = (width - 2.0) / (values.len() - 1) as f64;
    let y = |v: f64| {
        let share = if span > 0.0 && span.is_finite() {
            ((v - lo) / span).clamp(0.0, 1.0)
        } else {
            0.5
        };
        1.0 + (1.0 - share) * (height - 2.0)
    };
    Some(
        values
            .iter()
            .enumerate()
            .map(|(i, &v)| format!("{:.1},{:.1}", 1.0 + i as f64 * step, y(v)))
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// Padding inside the drawing so markers at the edges stay whole.
const PAD: f64 = 4.0;
/// Room left of the drawing for value labels, and below it for date labels.
pub(crate) const AXIS_LEFT: f64 = 56.0;
pub(crate) const AXIS_BOTTOM: f64 = 20.0;
/// Room above the drawing for the highest value's label.
pub(crate) const AXIS_TOP: f64 = 8.0;

/// The chart of `kr` over `period` in a `width` × `height` box; `None` when there is nothing
/// to draw (no dated check-in in the period and no start → target line).
pub fn chart(
    kr: &KeyResult,
    period: &Period,
    today: Date,
    width: f64,
    height: f64,
) -> Option<Chart> {
    let points: Vec<(Date, f64)> = checkin::dated(kr)
        .into_iter()
        .filter(|(d, _)| period.contains(*d))
        .collect();
    let line = kr.start.zip(kr.target);
    if points.is_empty() && line.is_none() {
        return None;
    }
    let values = points
        .iter()
        .map(|p| p.1)
        .chain(line.into_iter().flat_map(|(s, t)| [s, t]));
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    let (lo, hi) = if hi - lo > 0.0 && (hi - lo).is_finite() {
        (lo, hi)
    } else {
        (lo - 1.0, hi + 1.0)
    };
    let span = f64::from((period.days() - 1).max(1));
    let (left, top, right, bottom) = (AXIS_LEFT, AXIS_TOP, width, height - AXIS_BOTTOM);
    let x = |d: Date| {
        left + PAD + f64::from(period.start.days_until(d)) / span * (right - left - 2.0 * PAD)
    };
    let y = |v: f64| {
        let share = ((v - lo) / (hi - lo)).clamp(0.0, 1.0);
        bottom - PAD - share * (bottom - top - 2.0 * PAD)
    };
    let marks: Vec<(f64, f64, Date, f64)> =
        points.iter().map(|&(d, v)| (x(d), y(v), d, v)).collect();
    let points = marks
        .iter()
        .map(|(px, py, _, _)| format!("{px:.1},{py:.1}"))
        .collect::<Vec<_>>()
        .join(" ");
    Some(Chart {
        width,
        height,
        points,
        marks,
        plan_line: line.map(|(s, t)| (x(period.start), y(s), x(period.end), y(t))),
        today_x: period.contains(today).then(|| x(today)),
        range: (lo, hi),
        plot: (left, top, right, bottom),
        value_ticks: [lo, (lo + hi) / 2.0, hi].map(|v| (y(v), v)).to_vec(),
        date_ticks: [
            period.start,
            period
                .start
                .add_days(period.start.days_until(period.end) / 2),
            period.end,
        ]
        .map(|d| (x(d), d))
        .to_vec(),
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_sparkline_spaces_check_ins_evenly_between_the_lowest_and_highest_values() {
        let mut k = crate::model::KeyResult::empty(crate::model::Id(1), "k");
        k.start = Some(0.0);
        k.target = Some(100.0);
        assert_eq!(sparkline(&k, 42.0, 12.0), None);
        for v in [0.0, 50.0, 100.0] {
            k.check_ins.push(crate::model::CheckIn {
                when: String::new(),
                value: v,
                note: String::new(),
                confidence: None,
            });
        }
        assert_eq!(
            sparkline(&k, 42.0, 12.0).as_deref(),
            Some("1.0,11.0 21.0,6.0 41.0,1.0")
        );
        // All equal, no range: a flat line in the middle, no division by zero.
        k.start = None;
        k.target = None;
        for c in &mut k.check_ins {
            c.value = 7.0;
        }
        assert_eq!(
            sparkline(&k, 42.0, 12.0).as_deref(),
            Some("1.0,6.0 21.0,6.0 41.0,6.0")
        );
    }

    use super::*;
    use crate::model::Id;

    fn day(t: &str) -> Date {
        Date::parse(t).unwrap()
    }

    #[test]
    fn check_ins_are_placed_by_date_and_value_against_the_plan_line() {
        let q = Period::quarter(2026, 4).unwrap();
        let mut k = KeyResult::empty(Id(1), "k");
        k.start = Some(0.0);
        k.target = Some(100.0);
        let k = checkin::record(&k, day("2026-10-01"), 0.0, None, "").unwrap();
        let k = checkin::record(&k, day("2026-12-31"), 100.0, None, "").unwrap();
        let k = checkin::record(&k, day("2027-01-05"), 50.0, None, "").unwrap(); // outside
        let c = chart(&k, &q, day("2026-11-15"), 264.0, 128.0).unwrap();
        // The drawing is right of the value labels and above the date labels.
        assert_eq!(c.plot, (56.0, 8.0, 264.0, 108.0));
        assert_eq!(c.points, "60.0,104.0 260.0,12.0");
        assert_eq!(c.plan_line, Some((60.0, 104.0, 260.0, 12.0)));
        assert_eq!(c.range, (0.0, 100.0));
        let t = c.today_x.unwrap();
        assert!(t > 156.0 && t < 160.0, "{t}");
        assert_eq!(
            c.value_ticks,
            vec![(104.0, 0.0), (58.0, 50.0), (12.0, 100.0)]
        );
        let dates: Vec<(f64, String)> = c
            .date_ticks
            .iter()
            .map(|(x, d)| (*x, d.to_string()))
            .collect();
        assert_eq!(dates[0], (60.0, "2026-10-01".to_string()));
        assert_eq!(dates[1].1, "2026-11-15");
        assert_eq!(dates[2], (260.0, "2026-12-31".to_string()));
        assert!(chart(&k, &q, day("2027-02-01"), 264.0, 128.0)
            .unwrap()
            .today_x
            .is_none());
    }

    #[test]
    fn decreasing_targets_and_flat_values_draw_inside_the_box() {
        let q = Period::quarter(2026, 4).unwrap();
        let mut k = KeyResult::empty(Id(1), "k");
        k.start = Some(85.0);
        k.target = Some(60.0);
        let c = chart(&k, &q, day("2026-11-15"), 100.0, 50.0).unwrap();
        let (_, y1, _, y2) = c.plan_line.unwrap();
        assert!(y1 < y2, "start is higher on screen");
        let mut flat = KeyResult::empty(Id(2), "f");
        flat.start = Some(5.0);
        flat.target = Some(5.0);
        let c = chart(&flat, &q, day("2026-11-15"), 100.0, 50.0).unwrap();
        assert_eq!(c.range, (4.0, 6.0));
        assert!(chart(
            &KeyResult::empty(Id(3), "none"),
            &q,
            day("2026-11-15"),
            100.0,
            50.0
        )
        .is_none());
    }
}
