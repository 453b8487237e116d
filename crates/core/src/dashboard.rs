//! The dashboard of one period (or the whole plan): overall score, per team and per
//! objective with their bands, key results counted by band, the key results furthest behind
//! pace, and check-in coverage. Pure: the view draws these numbers as SVG bars.

use crate::grid::RowRef;
use crate::model::{Objective, Plan};
use crate::pace;
use crate::period::Date;
use crate::score::{self, Status};

/// A check-in counts toward coverage when it is at most this many days old.
pub const COVERAGE_DAYS: i32 = 7;

/// One bar: a team or an objective with its score (none without data) and band.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    pub score: Option<f64>,
    pub status: Status,
    /// The objective's row (teams have none).
    pub row: Option<RowRef>,
}

/// A key result behind pace: how far its progress trails the elapsed share.
#[derive(Clone, Debug, PartialEq)]
pub struct Behind {
    pub row: RowRef,
    pub title: String,
    pub progress: f64,
    pub expected: f64,
}

impl Behind {
    pub fn gap(&self) -> f64 {
        self.expected - self.progress
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Counts {
    pub on_track: usize,
    pub at_risk: usize,
    pub off_track: usize,
    pub no_data: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Dashboard {
    pub overall: Option<f64>,
    pub overall_status: Status,
    pub teams: Vec<Bar>,
    pub objectives: Vec<Bar>,
    pub counts: Counts,
    /// Behind pace, furthest behind first (needs a dated period and today).
    pub behind: Vec<Behind>,
    /// Key results with a check-in in the last `COVERAGE_DAYS` days, and all key results
    /// (`None` without today).
    pub coverage: Option<(usize, usize)>,
}

fn in_period(o: &Objective, period: Option<&str>) -> bool {
    period.is_none_or(|p| o.period.trim().eq_ignore_ascii_case(p.trim()))
}

/// The dashboard of the objectives in `period` (all when `None`) on `today`.
pub fn build(plan: &Plan, period: Option<&str>, today: Option<Date>) -> Dashboard {
    let objectives: Vec<&Objective> = plan
        .objectives
        .iter()
        .filter(|o| in_period(o, period))
        .collect();
    let overall = score::objectives_score_by(plan.scoring, objectives.iter().copied());
    let overall_status = overall.map_or(Status::NoData, score::status);

    let mut team_names: Vec<String> = Vec::new();
    for o in &objectives {
        let t = o.team.trim().to_string();
        if !team_names.iter().any(|x| x.eq_ignore_ascii_case(&t)) {
            team_names.push(t);
        }
    }
    let teams = team_names
        .into_iter()
        .map(|team| {
            let members = objectives
                .iter()
                .copied()
                .filter(|o| o.team.trim().eq_ignore_ascii_case(&team));
            let s = score::objectives_score_by(plan.scoring, members).filter(|s| s.has_data);
            Bar {
                // Empty: the company level (no team), which the shell names.
                label: team,
                score: s.map(|s| s.value),
                status: s.map_or(Status::NoData, score::status),
                row: None,
            }
        })
        .collect();

    let bars = objectives
        .iter()
        .map(|o| {
            let s = score::objective_score_by(plan.scoring, o).filter(|s| s.has_data);
            Bar {
                label: o.title.clone(),
                score: s.map(|s| s.value),
                status: crate::grid::status_of(plan, o, None, today),
                row: Some(RowRef::Objective(o.id)),
            }
        })
        .collect();

    let mut counts = Counts::default();
    let mut behind = Vec::new();
    let (mut covered, mut total) = (0, 0);
    for o in &objectives {
        let dated = plan.period(&o.period);
        for k in &o.key_results {
            match crate::grid::status_of(plan, o, Some(k), today) {
                Status::OnTrack => counts.on_track += 1,
                Status::AtRisk => counts.at_risk += 1,
                Status::OffTrack => counts.off_track += 1,
                Status::NoData => counts.no_data += 1,
            }
            total += 1;
            let Some(today) = today else { continue };
            let recent = crate::checkin::dated(k)
                .iter()
                .any(|(d, _)| (0..=COVERAGE_DAYS).contains(&d.days_until(today)));
            if recent {
                covered += 1;
            }
            if let Some(p) = dated.and_then(|p| pace::key_result(k, p, today)) {
                if p.status == pace::PaceStatus::Behind {
                    behind.push(Behind {
                        row: RowRef::KeyResult(k.id),
                        title: k.title.clone(),
                        progress: p.progress,
                        expected: p.expected,
                    });
                }
            }
        }
    }
    behind.sort_by(|a, b| b.gap().total_cmp(&a.gap()));
    Dashboard {
        overall: overall.filter(|s| s.has_data).map(|s| s.value),
        overall_status,
        teams,
        objectives: bars,
        counts,
        behind,
        coverage: today.map(|_| (covered, total)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::example::example_plan;
    use crate::model::CheckIn;

    fn day(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn the_example_quarter_in_numbers() {
        let plan = example_plan();
        let d = build(&plan, Some("2026-q4"), Some(day("2026-11-23")));
        assert_eq!(d.objectives.len(), 3);
        assert_eq!(d.teams.len(), 1);
        assert_eq!(d.teams[0].label, "Marketing");
        // The team is the plan: same score.
        assert_eq!(d.teams[0].score, d.overall);
        let c = &d.counts;
        assert_eq!(c.on_track + c.at_risk + c.off_track + c.no_data, 9);
        assert!(c.on_track > 0 && c.at_risk > 0 && c.off_track > 0 && c.no_data > 0);
        // Furthest behind first, each really behind.
        assert!(!d.behind.is_empty());
        assert!(d.behind.windows(2).all(|w| w[0].gap() >= w[1].gap()));
        assert!(d.behind.iter().all(|b| b.gap() > 0.1));
        assert_eq!(d.coverage, Some((0, 9)));
    }

    #[test]
    fn another_period_is_empty_and_coverage_counts_recent_check_ins() {
        let mut plan = example_plan();
        let empty = build(&plan, Some("Q1 2026"), Some(day("2026-11-23")));
        assert!(empty.objectives.is_empty() && empty.overall.is_none());
        assert_eq!(empty.overall_status, Status::NoData);
        for (i, when) in ["2026-11-20", "2026-11-16", "2026-11-23"]
            .iter()
            .enumerate()
        {
            plan.objectives[0].key_results[i].check_ins.push(CheckIn {
                when: when.to_string(),
                value: 1.0,
                note: String::new(),
                confidence: None,
            });
        }
        // 16 Nov is 7 days before the 23rd: counted; an 8-day-old one would not be.
        let d = build(&plan, None, Some(day("2026-11-23")));
        assert_eq!(d.coverage, Some((3, 9)));
        let d = build(&plan, None, Some(day("2026-11-24")));
        assert_eq!(d.coverage, Some((2, 9)));
        assert_eq!(build(&plan, None, None).coverage, None);
        assert!(build(&plan, None, None).behind.is_empty());
    }
}
