//! Presentation mode for the planning meeting: the plan as slides, one objective each, in the
//! grid's order and under its filter (a period, a team, an owner, a search), and the keys that
//! move between them. The shell draws a slide from the plan (scores, pace, values).

use crate::grid::{Filter, RowRef};
use crate::model::{Id, Plan};

#[derive(Clone, Debug, PartialEq)]
pub struct Slide {
    pub objective: Id,
    /// Its key results the filter shows, in order.
    pub key_results: Vec<Id>,
}

/// One slide per objective the grid shows, with the key results it shows.
pub fn slides(plan: &Plan, filter: &Filter) -> Vec<Slide> {
    let mut slides: Vec<Slide> = Vec::new();
    for row in filter.rows(plan, &[]) {
        match row {
            RowRef::Objective(id) => slides.push(Slide {
                objective: id,
                key_results: Vec::new(),
            }),
            RowRef::KeyResult(id) => {
                if let Some(slide) = slides.last_mut() {
                    slide.key_results.push(id);
                }
            }
        }
    }
    slides
}

/// A move between slides.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    Next,
    Previous,
    First,
    Last,
}

/// The slide after `move_` from slide `at` of `count` (it stays at the ends).
pub fn step(at: usize, count: usize, move_: Move) -> usize {
    let last = count.saturating_sub(1);
    match move_ {
        Move::Next => (at + 1).min(last),
        Move::Previous => at.saturating_sub(1),
        Move::First => 0,
        Move::Last => last,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::example::example_plan;

    #[test]
    fn one_slide_per_objective_with_the_key_results_the_filter_shows() {
        let plan = example_plan();
        let all = slides(&plan, &Filter::default());
        assert_eq!(all.len(), plan.objectives.len());
        for (slide, o) in all.iter().zip(&plan.objectives) {
            assert_eq!(slide.objective, o.id);
            let ids: Vec<Id> = o.key_results.iter().map(|k| k.id).collect();
            assert_eq!(slide.key_results, ids);
        }
        let owner = plan.objectives[1].key_results[0].owner.clone();
        let filter = Filter {
            owner: Some(owner.clone()),
            ..Filter::default()
        };
        let mine = slides(&plan, &filter);
        assert!(!mine.is_empty());
        for slide in &mine {
            for id in &slide.key_results {
                assert_eq!(plan.key_result(*id).unwrap().1.owner, owner);
            }
        }
    }

    #[test]
    fn moves_stay_within_the_slides() {
        assert_eq!(step(0, 3, Move::Previous), 0);
        assert_eq!(step(0, 3, Move::Next), 1);
        assert_eq!(step(2, 3, Move::Next), 2);
        assert_eq!(step(1, 3, Move::Last), 2);
        assert_eq!(step(2, 3, Move::First), 0);
        assert_eq!(step(0, 0, Move::Next), 0);
    }
}
