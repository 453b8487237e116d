//! The example plan shown on a first visit: a marketing team's quarter.

use crate::model::{KeyResult, Kind, Plan};

struct Kr {
    title: &'static str,
    owner: &'static str,
    kind: Kind,
    start: f64,
    target: f64,
    current: Option<f64>,
}

const fn kr(
    title: &'static str,
    owner: &'static str,
    kind: Kind,
    start: f64,
    target: f64,
    current: Option<f64>,
) -> Kr {
    Kr {
        title,
        owner,
        kind,
        start,
        target,
        current,
    }
}

const OBJECTIVES: [(&str, &str, &[Kr]); 3] = [
    (
        "Build a predictable pipeline of qualified leads",
        "Dana Whitfield",
        &[
            kr(
                "Grow marketing-qualified leads per month from 400 to 650",
                "Luis Ortega",
                Kind::Number,
                400.0,
                650.0,
                Some(520.0),
            ),
            kr(
                "Raise landing-page conversion from 2.5% to 4%",
                "Mei Chen",
                Kind::Percent,
                0.025,
                0.04,
                Some(0.032),
            ),
            kr(
                "Cut cost per lead from $85 to $60",
                "Luis Ortega",
                Kind::Number,
                85.0,
                60.0,
                Some(72.0),
            ),
        ],
    ),
    (
        "Make our brand the one buyers remember",
        "Priya Raman",
        &[
            kr(
                "Lift net promoter score from -20 to 10",
                "Priya Raman",
                Kind::Number,
                -20.0,
                10.0,
                Some(-5.0),
            ),
            kr(
                "Publish the 2026 industry benchmark report",
                "Sam Okafor",
                Kind::Binary,
                0.0,
                1.0,
                Some(0.0),
            ),
            kr(
                "Earn 12 pieces of press coverage",
                "Sam Okafor",
                Kind::Number,
                0.0,
                12.0,
                Some(9.0),
            ),
            kr(
                "Grow branded search volume from 8,000 to 12,000 a month",
                "Mei Chen",
                Kind::Number,
                8000.0,
                12000.0,
                Some(8600.0),
            ),
        ],
    ),
    (
        "Turn content into a growth engine",
        "Mei Chen",
        &[
            kr(
                "Grow organic traffic from 40,000 to 60,000 visits a month",
                "Mei Chen",
                Kind::Number,
                40000.0,
                60000.0,
                None,
            ),
            kr(
                "Increase newsletter open rate from 22% to 30%",
                "Dana Whitfield",
                Kind::Percent,
                0.22,
                0.3,
                Some(0.27),
            ),
        ],
    ),
];

/// A marketing team's quarter: 3 objectives with 2 to 4 key results each, every kind of key
/// result, a decreasing target, a negative start and one key result with no data yet.
pub fn example_plan() -> Plan {
    let mut plan = Plan::new("Marketing — Q4 2026 (example)");
    plan.is_example = true;
    // The year and its quarters, named as the objectives name them.
    plan.periods = crate::period::Period::year(2026)
        .into_iter()
        .chain((1..=4).filter_map(|q| crate::period::Period::from_name(&format!("2026-Q{q}"))))
        .collect();
    for (title, owner, krs) in OBJECTIVES {
        let mut objective = plan.new_objective(title);
        objective.owner = owner.to_string();
        objective.team = "Marketing".to_string();
        objective.period = "2026-Q4".to_string();
        for k in krs {
            let key_result = KeyResult {
                owner: k.owner.to_string(),
                kind: k.kind,
                start: Some(k.start),
                target: Some(k.target),
                current: k.current,
                ..plan.new_key_result(k.title)
            };
            objective.key_results.push(key_result);
        }
        plan.objectives.push(objective);
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::{key_result_score, status, Status};

    #[test]
    fn example_is_a_quarter_of_three_objectives_with_two_to_four_key_results() {
        let plan = example_plan();
        assert!(plan.is_example);
        assert_eq!(plan.objectives.len(), 3);
        for o in &plan.objectives {
            assert!((2..=4).contains(&o.key_results.len()), "{}", o.title);
        }
    }

    #[test]
    fn example_ids_are_unique() {
        assert!(example_plan().ids_are_unique());
    }

    #[test]
    fn example_shows_every_status() {
        let plan = example_plan();
        let statuses: Vec<Status> = plan
            .objectives
            .iter()
            .flat_map(|o| o.key_results.iter())
            .map(|k| status(key_result_score(k)))
            .collect();
        for s in [
            Status::NoData,
            Status::OffTrack,
            Status::AtRisk,
            Status::OnTrack,
        ] {
            assert!(statuses.contains(&s), "{s:?} missing");
        }
    }
}
