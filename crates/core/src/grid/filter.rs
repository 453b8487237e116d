//! Which rows the grid shows: a text search and team, owner and status filters.
//!
//! A key result is shown when it matches every filter in use; an objective when it matches
//! itself or one of its key results is shown, so a key result is never shown without its
//! objective. Matching is by whole value for team and owner (ignoring case and surrounding
//! spaces) and by substring, ignoring case, for the search text.

use super::RowRef;
use crate::model::{KeyResult, Objective, Plan};
use crate::score::Status;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    /// Searched in titles, owners, teams, periods, links and notes.
    pub text: String,
    /// `Some("")` keeps the objectives without a team (company level).
    pub team: Option<String>,
    /// A key result's owner, or its objective's when it has none.
    pub owner: Option<String>,
    pub status: Option<Status>,
    /// The period switcher: objectives of this period only (`None`: all periods).
    pub period: Option<String>,
    /// Today, for the pace rule's status bands (set by the shell; not a filter in itself).
    pub today: Option<crate::period::Date>,
}

fn same(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// The filter prepared for matching many rows (the search text lowercased once).
struct Matcher<'f> {
    filter: &'f Filter,
    plan: &'f Plan,
    needle: String,
}

impl Matcher<'_> {
    fn text_in(&self, fields: &[&str]) -> bool {
        self.needle.is_empty()
            || fields
                .iter()
                .any(|f| f.to_lowercase().contains(&self.needle))
    }

    fn team_ok(&self, o: &Objective) -> bool {
        self.filter.team.as_deref().is_none_or(|t| same(t, &o.team))
            && self
                .filter
                .period
                .as_deref()
                .is_none_or(|p| same(p, &o.period))
    }

    fn objective(&self, o: &Objective) -> bool {
        self.team_ok(o)
            && self
                .filter
                .owner
                .as_deref()
                .is_none_or(|w| same(w, &o.owner))
            && self
                .filter
                .status
                .is_none_or(|s| s == super::status_of(self.plan, o, None, self.filter.today))
            && self.text_in(&[&o.title, &o.owner, &o.team, &o.period])
    }

    fn key_result(&self, o: &Objective, k: &KeyResult) -> bool {
        let owner = if k.owner.trim().is_empty() {
            &o.owner
        } else {
            &k.owner
        };
        self.team_ok(o)
            && self.filter.owner.as_deref().is_none_or(|w| same(w, owner))
            && self
                .filter
                .status
                .is_none_or(|s| s == super::status_of(self.plan, o, Some(k), self.filter.today))
            && (self.text_in(&[&k.title, &k.owner, &k.notes, &k.link])
                || self.text_in(&[&o.title, &o.team, &o.period]))
    }
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
            && self.team.is_none()
            && self.owner.is_none()
            && self.status.is_none()
            && self.period.is_none()
    }

    /// The rows shown, in display order. The rows in `keep` (the selection's corners) stay
    /// shown even if they no longer match, with their objective, so an edit never makes the
    /// rows being worked on vanish; they go when the selection moves away.
    pub fn rows(&self, plan: &Plan, keep: &[RowRef]) -> Vec<RowRef> {
        if self.is_empty() {
            return super::rows(plan);
        }
        let m = Matcher {
            filter: self,
            plan,
            needle: self.text.trim().to_lowercase(),
        };
        let mut out = Vec::new();
        for o in &plan.objectives {
            let start = out.len();
            out.push(RowRef::Objective(o.id));
            let mut any = false;
            for k in &o.key_results {
                let row = RowRef::KeyResult(k.id);
                if keep.contains(&row) || m.key_result(o, k) {
                    out.push(row);
                    any = true;
                }
            }
            if !any && !keep.contains(&RowRef::Objective(o.id)) && !m.objective(o) {
                out.truncate(start);
            }
        }
        out
    }
}

/// Distinct values for the filter menus, sorted ignoring case; empty values left out.
fn distinct<'a>(values: impl Iterator<Item = &'a str>) -> Vec<String> {
    sorted_distinct(values.collect())
}

/// `distinct`'s work, once for its three callers (each gave it an iterator of its own type).
fn sorted_distinct(values: Vec<&str>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut out: Vec<String> = values
        .into_iter()
        .map(str::trim)
        .filter(|v| !v.is_empty() && seen.insert(v.to_lowercase()))
        .map(str::to_string)
        .collect();
    out.sort_by_cached_key(|v| v.to_lowercase());
    out
}

/// The teams named in the plan.
pub fn teams(plan: &Plan) -> Vec<String> {
    distinct(plan.objectives.iter().map(|o| o.team.as_str()))
}

/// The periods to switch between: the plan's dated periods in their order, then period
/// names objectives carry without dates.
pub fn periods(plan: &Plan) -> Vec<String> {
    let mut out: Vec<String> = plan.periods.iter().map(|p| p.name.clone()).collect();
    for name in distinct(plan.objectives.iter().map(|o| o.period.as_str())) {
        if !out.iter().any(|p| same(p, &name)) {
            out.push(name);
        }
    }
    out
}

/// The owners named in the plan, of objectives and key results.
pub fn owners(plan: &Plan) -> Vec<String> {
    distinct(plan.objectives.iter().flat_map(|o| {
        std::iter::once(o.owner.as_str()).chain(o.key_results.iter().map(|k| k.owner.as_str()))
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::example::example_plan;
    use crate::grid::rows;

    fn plan() -> Plan {
        let mut p = Plan::new("t");
        for (title, team, owner) in [
            ("Grow revenue", "Sales", "Ana"),
            ("Ship v2", "Engineering", "Ben"),
            ("Company culture", "", "Cy"),
        ] {
            let mut o = p.new_objective(title);
            o.team = team.into();
            o.owner = owner.into();
            for (t, w, cur) in [("Win 10 deals", "", Some(10.0)), ("Hire 2", "Dee", None)] {
                let mut k = p.new_key_result(&format!("{t} ({title})"));
                k.owner = w.into();
                k.start = Some(0.0);
                k.target = Some(10.0);
                k.current = cur;
                o.key_results.push(k);
            }
            p.objectives.push(o);
        }
        p
    }

    fn titles(p: &Plan, rows: &[RowRef]) -> Vec<String> {
        rows.iter()
            .map(|r| match *r {
                RowRef::Objective(id) => p.objective(id).map(|o| o.title.clone()),
                RowRef::KeyResult(id) => p.key_result(id).map(|(_, k)| k.title.clone()),
            })
            .map(Option::unwrap_or_default)
            .collect()
    }

    #[test]
    fn empty_filter_shows_every_row() {
        let p = example_plan();
        assert_eq!(Filter::default().rows(&p, &[]), rows(&p));
        let blank = Filter {
            text: "   ".into(),
            ..Filter::default()
        };
        assert!(blank.is_empty());
    }

    #[test]
    fn team_filter_keeps_the_team_and_company_level_on_request() {
        let p = plan();
        let f = Filter {
            team: Some(" sales".into()),
            ..Filter::default()
        };
        assert_eq!(
            titles(&p, &f.rows(&p, &[])),
            [
                "Grow revenue",
                "Win 10 deals (Grow revenue)",
                "Hire 2 (Grow revenue)"
            ]
        );
        let none = Filter {
            team: Some(String::new()),
            ..Filter::default()
        };
        assert_eq!(titles(&p, &none.rows(&p, &[]))[0], "Company culture");
        assert_eq!(none.rows(&p, &[]).len(), 3);
    }

    #[test]
    fn owner_filter_uses_the_objective_owner_for_key_results_without_one() {
        let p = plan();
        let f = Filter {
            owner: Some("ana".into()),
            ..Filter::default()
        };
        // Ana owns the objective and the key result without an owner; Dee's is hidden.
        assert_eq!(
            titles(&p, &f.rows(&p, &[])),
            ["Grow revenue", "Win 10 deals (Grow revenue)"]
        );
        let dee = Filter {
            owner: Some("Dee".into()),
            ..Filter::default()
        };
        // Each objective shows as the context of Dee's key result.
        assert_eq!(dee.rows(&p, &[]).len(), 6);
    }

    #[test]
    fn status_filter_matches_key_results_and_objectives_by_band() {
        let p = plan();
        let f = Filter {
            status: Some(Status::NoData),
            ..Filter::default()
        };
        let shown = titles(&p, &f.rows(&p, &[]));
        assert_eq!(shown.len(), 6, "{shown:?}");
        assert!(shown.iter().all(|t| !t.starts_with("Win")));
        let on = Filter {
            status: Some(Status::OnTrack),
            ..Filter::default()
        };
        assert!(titles(&p, &on.rows(&p, &[]))
            .iter()
            .all(|t| !t.starts_with("Hire")));
    }

    #[test]
    fn search_ignores_case_and_shows_an_objectives_key_results() {
        let p = plan();
        let f = Filter {
            text: "SHIP".into(),
            ..Filter::default()
        };
        assert_eq!(f.rows(&p, &[]).len(), 3);
        let kr = Filter {
            text: "hire 2 (company".into(),
            ..Filter::default()
        };
        assert_eq!(
            titles(&p, &kr.rows(&p, &[])),
            ["Company culture", "Hire 2 (Company culture)"]
        );
        let nothing = Filter {
            text: "zzz".into(),
            ..Filter::default()
        };
        assert!(nothing.rows(&p, &[]).is_empty());
    }

    #[test]
    fn the_kept_row_stays_with_its_objective() {
        let p = plan();
        let kept = RowRef::KeyResult(p.objectives[1].key_results[0].id);
        let f = Filter {
            text: "zzz".into(),
            ..Filter::default()
        };
        assert_eq!(
            f.rows(&p, &[kept]),
            [RowRef::Objective(p.objectives[1].id), kept]
        );
    }

    #[test]
    fn the_period_switcher_shows_one_period_and_lists_dated_ones_first() {
        let mut p = plan();
        p.objectives[0].period = "Q1 2026".into();
        p.objectives[1].period = "q1 2026".into();
        p.objectives[2].period = "Someday".into();
        p.periods = crate::period::Period::year_with_quarters(2026);
        let f = Filter {
            period: Some("Q1 2026".into()),
            ..Filter::default()
        };
        assert!(!f.is_empty());
        assert_eq!(f.rows(&p, &[]).len(), 6);
        assert_eq!(
            periods(&p),
            ["2026", "Q1 2026", "Q2 2026", "Q3 2026", "Q4 2026", "Someday"]
        );
    }

    #[test]
    fn menus_list_distinct_values_ignoring_case() {
        let mut p = plan();
        p.objectives[2].team = "sales ".into();
        assert_eq!(teams(&p), ["Engineering", "Sales"]);
        assert_eq!(owners(&p), ["Ana", "Ben", "Cy", "Dee"]);
    }

    #[test]
    fn the_grid_moves_fills_and_pastes_over_the_shown_rows_only() {
        use crate::grid::{Cell, Column, GridState, Key};
        use crate::history::Document;
        let mut doc = Document::new(plan());
        let mut g = GridState::default();
        let first = RowRef::KeyResult(doc.plan().objectives[0].key_results[1].id);
        g.select(
            doc.plan(),
            Cell {
                row: first,
                col: Column::Owner,
            },
        );
        // Dee's key results only: the active row (Ana's) is hidden, so the cell moves.
        g.set_filter(
            doc.plan(),
            Filter {
                owner: Some("Dee".into()),
                ..Filter::default()
            },
        );
        assert_eq!(g.active.map(|c| c.row), Some(first), "Dee owns it: kept");
        g.key(&mut doc, Key::Down);
        let second_obj = RowRef::Objective(doc.plan().objectives[1].id);
        assert_eq!(g.active.map(|c| c.row), Some(second_obj));
        g.key(&mut doc, Key::Down);
        let dee2 = RowRef::KeyResult(doc.plan().objectives[1].key_results[1].id);
        assert_eq!(g.active.map(|c| c.row), Some(dee2), "Ben's row skipped");
        // A two-line paste lands on the next shown row, not the hidden one.
        let report = g.paste(&mut doc, "Eve\r\nFay\r\n");
        assert_eq!(report.cells, 2);
        assert_eq!(doc.plan().objectives[1].key_results[1].owner, "Eve");
        assert_eq!(doc.plan().objectives[2].owner, "Fay");
        assert_eq!(doc.plan().objectives[1].key_results[0].owner, "");
        // The pasted rows stay shown while selected, though Eve is not Dee.
        assert!(g.shown(doc.plan()).contains(&dee2));
        // A filter that hides the active row moves it to the first shown row.
        g.set_filter(
            doc.plan(),
            Filter {
                team: Some("Sales".into()),
                ..Filter::default()
            },
        );
        assert_eq!(
            g.active.map(|c| c.row),
            Some(RowRef::Objective(doc.plan().objectives[0].id))
        );
    }
}
