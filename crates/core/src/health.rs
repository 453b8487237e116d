//! Health checks: the OKR method's rules of thumb applied to a plan, each finding naming the
//! row it is about. Pure: "today" is a parameter, and the heuristics (task verbs, limits)
//! are tables here, tested below.
//!
//! A finding has a stable `key` (rule and the id or period it is about) so a dismissal
//! survives edits elsewhere; dismissed keys are kept in `Plan::dismissed`.

use crate::grid::RowRef;
use crate::model::{Commitment, KeyResult, Kind, Objective, Plan};
use crate::period::Date;
use crate::score::{self, Status};

/// More objectives than this in one period is too many to focus on.
pub(crate) const MAX_OBJECTIVES: usize = 5;
/// More company-level objectives (no team) than this in one period.
pub(crate) const MAX_COMPANY_OBJECTIVES: usize = 3;
/// Key results per objective: fewer does not describe the outcome, more dilutes it.
pub const MIN_KEY_RESULTS: usize = 2;
pub const MAX_KEY_RESULTS: usize = 5;
/// Days without a check-in before a key result counts as stale (weekly check-ins).
pub(crate) const STALE_DAYS: i32 = 7;

/// Verbs that start a task ("Send the newsletter") rather than a result ("Grow signups
/// from 400 to 650"). Lowercase; a title matches when its first word (or first two, for
/// "set up", "roll out") is one of them.
pub(crate) const TASK_VERBS: &[&str] = &[
    "send",
    "write",
    "launch",
    "hold",
    "create",
    "build",
    "publish",
    "organize",
    "organise",
    "run",
    "host",
    "hire",
    "set up",
    "roll out",
    "implement",
    "design",
    "draft",
    "prepare",
    "update",
    "complete",
    "finish",
    "deliver",
    "attend",
    "schedule",
    "plan",
    "develop",
    "redesign",
    "migrate",
    "install",
    "release",
    "ship",
    "start",
    "call",
    "email",
    "post",
    "record",
    "conduct",
    "finalize",
    "finalise",
    "introduce",
    "document",
    "define",
    "research",
    "meet",
    // Spanish.
    "enviar",
    "escribir",
    "lanzar",
    "organizar",
    "crear",
    "publicar",
    "contratar",
    "implementar",
    "diseñar",
    "preparar",
    "actualizar",
    "completar",
    "terminar",
    "entregar",
    "planificar",
    "desarrollar",
    "migrar",
    "instalar",
    "celebrar",
    "realizar",
    "definir",
    "documentar",
    "investigar",
    // Italian.
    "inviare",
    "scrivere",
    "lanciare",
    "organizzare",
    "creare",
    "pubblicare",
    "assumere",
    "implementare",
    "progettare",
    "preparare",
    "aggiornare",
    "completare",
    "finire",
    "consegnare",
    "pianificare",
    "sviluppare",
    "migrare",
    "installare",
    "tenere",
    "realizzare",
    "definire",
    "documentare",
];

/// Task verbs of languages written without spaces (Simplified Chinese): a title matches when
/// it starts with one.
pub(crate) const TASK_VERBS_UNSPACED: &[&str] = &[
    "发布", "推出", "编写", "撰写", "举办", "举行", "创建", "建立", "组织", "上线", "部署", "设计",
    "准备", "更新", "完成", "交付", "开发", "迁移", "安装", "召开", "招聘", "制定", "实施",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Rule {
    TooManyObjectives,
    TooManyCompanyObjectives,
    TooFewKeyResults,
    TooManyKeyResults,
    LooksLikeTask,
    NoOwner,
    NoRange,
    NoRecentCheckIn,
    AllGreenEarly,
}

impl Rule {
    /// The rule's short name, used in finding keys (stored: never rename).
    pub fn code(self) -> &'static str {
        match self {
            Rule::TooManyObjectives => "too_many_objectives",
            Rule::TooManyCompanyObjectives => "too_many_company_objectives",
            Rule::TooFewKeyResults => "too_few_key_results",
            Rule::TooManyKeyResults => "too_many_key_results",
            Rule::LooksLikeTask => "looks_like_task",
            Rule::NoOwner => "no_owner",
            Rule::NoRange => "no_range",
            Rule::NoRecentCheckIn => "no_recent_check_in",
            Rule::AllGreenEarly => "all_green_early",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub rule: Rule,
    /// The row to go to.
    pub row: RowRef,
    /// What is wrong and what to do: the rule's facts, which the shell words in the interface
    /// language (`Display` is the English sentence).
    pub message: Says,
    /// `rule code:subject` (an id, or a period name for period rules): what a dismissal keeps.
    pub key: String,
}

/// The facts behind a finding, one variant per rule.
#[derive(Clone, Debug, PartialEq)]
pub enum Says {
    /// A period (`None`: objectives without one) with more objectives than `limit` for a team
    /// (`None`: company level).
    TooManyObjectives {
        period: Option<String>,
        team: Option<String>,
        count: usize,
        limit: usize,
    },
    TooFewKeyResults {
        objective: String,
        count: usize,
    },
    TooManyKeyResults {
        objective: String,
        count: usize,
    },
    /// Every key result at `bar` or more in week 2 of `period`.
    AllGreenEarly {
        objective: String,
        bar: f64,
        period: String,
    },
    LooksLikeTask {
        key_result: String,
    },
    NoOwner {
        key_result: String,
    },
    /// Start and target are both `value`.
    NoRange {
        key_result: String,
        value: f64,
    },
    /// Last checked in on `last`, `days` ago.
    StaleCheckIn {
        key_result: String,
        last: Date,
        days: i32,
    },
    /// No check-in in `period`, `days` into it.
    NoCheckIn {
        key_result: String,
        period: String,
        days: i32,
    },
}

impl std::fmt::Display for Says {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Says::TooManyObjectives {
                period,
                team,
                count,
                limit,
            } => {
                let label = period.as_deref().unwrap_or("Objectives without a period");
                let whose = match team {
                    None => "company-level".to_string(),
                    Some(t) => format!("{t}'s"),
                };
                write!(
                    f,
                    "{label} has {count} {whose} objectives: keep to {limit} or fewer so the \
                     team can focus."
                )
            }
            Says::TooFewKeyResults { objective, count } => write!(
                f,
                "“{objective}” has {}: give it {MIN_KEY_RESULTS} to {MAX_KEY_RESULTS} that \
                 together show it is achieved.",
                plural(*count, "key result", "key results")
            ),
            Says::TooManyKeyResults { objective, count } => write!(
                f,
                "“{objective}” has {count} key results: keep the {MAX_KEY_RESULTS} that matter \
                 most, or split the objective."
            ),
            Says::AllGreenEarly {
                objective,
                bar,
                period,
            } => write!(
                f,
                "Every key result of “{objective}” is already at {bar:.1} or more in week 2 of \
                 {period}: the targets may not be ambitious enough."
            ),
            Says::LooksLikeTask { key_result } => write!(
                f,
                "“{key_result}” reads like a task, not a result: it starts with an action and \
                 has no measurable target. Move it to the initiatives, or say what will change \
                 and by how much."
            ),
            Says::NoOwner { key_result } => write!(
                f,
                "“{key_result}” has no owner: name the one person who updates it."
            ),
            Says::NoRange { key_result, value } => write!(
                f,
                "“{key_result}” has the same start and target ({}): nothing to progress over.",
                crate::value::plain(*value)
            ),
            Says::StaleCheckIn {
                key_result,
                last,
                days,
            } => write!(
                f,
                "“{key_result}” was last checked in on {last}, {days} days ago: check in weekly."
            ),
            Says::NoCheckIn {
                key_result,
                period,
                days,
            } => write!(
                f,
                "“{key_result}” has no check-in in {period} yet ({days} days in): check in \
                 weekly."
            ),
        }
    }
}

/// True when `title` starts with one of `TASK_VERBS`.
pub(crate) fn starts_with_task_verb(title: &str) -> bool {
    let lower = title.trim().to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(2)
        .collect();
    let one = words.first().copied().unwrap_or("");
    let two = words.join(" ");
    TASK_VERBS.iter().any(|v| *v == one || *v == two)
        || TASK_VERBS_UNSPACED.iter().any(|v| lower.starts_with(v))
}

/// A key result without a measurable target: binary, or no number in its title and no
/// start and target.
fn unmeasurable(k: &KeyResult) -> bool {
    k.kind == Kind::Binary
        || (!k.title.chars().any(|c| c.is_ascii_digit())
            && (k.start.is_none() || k.target.is_none()))
}

/// The latest dated check-in of a key result.
fn last_check_in(k: &KeyResult) -> Option<Date> {
    crate::checkin::dated(k).into_iter().map(|(d, _)| d).max()
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Every finding for `plan` on `today` (rules that need the date are skipped without it),
/// dismissed ones included; `open` leaves those out.
pub fn check(plan: &Plan, today: Option<Date>) -> Vec<Finding> {
    let mut out = Vec::new();
    period_rules(plan, &mut out);
    for o in &plan.objectives {
        objective_rules(plan, o, today, &mut out);
        for k in &o.key_results {
            key_result_rules(plan, o, k, today, &mut out);
        }
    }
    out
}

/// The findings not dismissed.
pub fn open(plan: &Plan, today: Option<Date>) -> Vec<Finding> {
    check(plan, today)
        .into_iter()
        .filter(|f| !plan.dismissed.contains(&f.key))
        .collect()
}

fn period_rules(plan: &Plan, out: &mut Vec<Finding>) {
    // Periods in order of first appearance; objectives without a period form one group.
    let mut periods: Vec<String> = Vec::new();
    for o in &plan.objectives {
        let name = o.period.trim().to_lowercase();
        if !periods.contains(&name) {
            periods.push(name);
        }
    }
    for name in periods {
        let members: Vec<&Objective> = plan
            .objectives
            .iter()
            .filter(|o| o.period.trim().to_lowercase() == name)
            .collect();
        let Some(first) = members.first() else {
            continue;
        };
        let label = (!name.is_empty()).then(|| first.period.trim().to_string());
        // Team objectives are counted per team: a plan may hold several teams' sets.
        let mut teams: Vec<String> = Vec::new();
        for o in &members {
            let t = o.team.trim().to_lowercase();
            if !teams.contains(&t) {
                teams.push(t);
            }
        }
        for team in teams {
            let set: Vec<&&Objective> = members
                .iter()
                .filter(|o| o.team.trim().to_lowercase() == team)
                .collect();
            let Some(head) = set.first() else { continue };
            let whose = (!team.is_empty()).then(|| head.team.trim().to_string());
            let (rule, limit) = if team.is_empty() {
                (Rule::TooManyCompanyObjectives, MAX_COMPANY_OBJECTIVES)
            } else {
                (Rule::TooManyObjectives, MAX_OBJECTIVES)
            };
            if set.len() > limit {
                out.push(Finding {
                    rule,
                    row: RowRef::Objective(head.id),
                    message: Says::TooManyObjectives {
                        period: label.clone(),
                        team: whose,
                        count: set.len(),
                        limit,
                    },
                    key: format!("{}:{name}/{team}", rule.code()),
                });
            }
        }
    }
}

fn objective_rules(plan: &Plan, o: &Objective, today: Option<Date>, out: &mut Vec<Finding>) {
    let row = RowRef::Objective(o.id);
    let n = o.key_results.len();
    if n < MIN_KEY_RESULTS {
        out.push(Finding {
            rule: Rule::TooFewKeyResults,
            row,
            message: Says::TooFewKeyResults {
                objective: o.title.clone(),
                count: n,
            },
            key: format!("{}:{}", Rule::TooFewKeyResults.code(), o.id.0),
        });
    } else if n > MAX_KEY_RESULTS {
        out.push(Finding {
            rule: Rule::TooManyKeyResults,
            row,
            message: Says::TooManyKeyResults {
                objective: o.title.clone(),
                count: n,
            },
            key: format!("{}:{}", Rule::TooManyKeyResults.code(), o.id.0),
        });
    }
    // All green in the period's second week: the targets may be too easy.
    let (Some(today), Some(period)) = (today, plan.period(&o.period)) else {
        return;
    };
    let day = period.start.days_until(today) + 1;
    let scored: Vec<Status> = o
        .key_results
        .iter()
        .map(|k| score::key_result_score_by(plan.scoring, k))
        .filter(|s| s.has_data)
        .map(|s| score::status_for(s, o.commitment))
        .collect();
    let week_two = (8..=14).contains(&day);
    if week_two
        && !scored.is_empty()
        && scored.len() == n
        && scored.iter().all(|s| *s == Status::OnTrack)
    {
        let bar = match o.commitment {
            Commitment::Committed => 1.0,
            Commitment::Aspirational => 0.7,
        };
        out.push(Finding {
            rule: Rule::AllGreenEarly,
            row,
            message: Says::AllGreenEarly {
                objective: o.title.clone(),
                bar,
                period: period.name.clone(),
            },
            key: format!("{}:{}", Rule::AllGreenEarly.code(), o.id.0),
        });
    }
}

fn key_result_rules(
    plan: &Plan,
    o: &Objective,
    k: &KeyResult,
    today: Option<Date>,
    out: &mut Vec<Finding>,
) {
    let row = RowRef::KeyResult(k.id);
    let mut push = |rule: Rule, message: Says| {
        out.push(Finding {
            rule,
            row,
            message,
            key: format!("{}:{}", rule.code(), k.id.0),
        })
    };
    if starts_with_task_verb(&k.title) && unmeasurable(k) {
        push(
            Rule::LooksLikeTask,
            Says::LooksLikeTask {
                key_result: k.title.clone(),
            },
        );
    }
    if k.owner.trim().is_empty() && o.owner.trim().is_empty() {
        push(
            Rule::NoOwner,
            Says::NoOwner {
                key_result: k.title.clone(),
            },
        );
    }
    let measured = matches!(k.kind, Kind::Number | Kind::Percent);
    if measured && k.score_override.is_none() {
        if let (Some(s), Some(t)) = (k.start, k.target) {
            if s == t {
                push(
                    Rule::NoRange,
                    Says::NoRange {
                        key_result: k.title.clone(),
                        value: s,
                    },
                );
            }
        }
    }
    // Stale: only while its objective's dated period runs, and the period is past its
    // first week (no check-in is due before).
    let Some(today) = today else { return };
    let Some(period) = plan.period(&o.period) else {
        return;
    };
    if !period.contains(today) || k.score_override.is_some() {
        return;
    }
    let since = last_check_in(k).unwrap_or(period.start);
    let days = since.days_until(today);
    if days > STALE_DAYS {
        let message = match last_check_in(k) {
            Some(last) => Says::StaleCheckIn {
                key_result: k.title.clone(),
                last,
                days,
            },
            None => Says::NoCheckIn {
                key_result: k.title.clone(),
                period: period.name.clone(),
                days,
            },
        };
        push(Rule::NoRecentCheckIn, message);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::CheckIn;
    use crate::period::Period;

    fn day(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn plan_with(objectives: usize, krs: usize) -> Plan {
        let mut plan = Plan::new("p");
        plan.periods = Period::year_with_quarters(2026);
        for i in 0..objectives {
            let mut o = plan.new_objective(&format!("Objective {i}"));
            o.period = "Q1 2026".into();
            o.team = "Sales".into();
            o.owner = "Ana".into();
            for j in 0..krs {
                let mut k = plan.new_key_result(&format!("Grow deals {j} from 10 to 20"));
                k.start = Some(10.0);
                k.target = Some(20.0);
                o.key_results.push(k);
            }
            plan.objectives.push(o);
        }
        plan
    }

    fn rules(plan: &Plan, today: Option<Date>) -> Vec<Rule> {
        check(plan, today).into_iter().map(|f| f.rule).collect()
    }

    #[test]
    fn task_verbs_are_told_from_result_verbs() {
        for task in [
            "Send the newsletter",
            "Launch v2",
            "Set up the CRM",
            "hold 3 workshops",
            "Publicar el informe de referencia del sector 2026",
            "Pubblicare il rapporto di benchmark di settore 2026",
            "发布 2026 年行业基准报告",
            "举办三场客户研讨会",
        ] {
            assert!(starts_with_task_verb(task), "{task}");
        }
        for result in [
            "Grow MQLs from 400 to 650",
            "Increase NPS",
            "Sendgrid open rate",
            "Aumentar los contactos de 400 a 650",
            "Ridurre il costo per contatto",
            "将注册量从 400 提高到 650",
            "",
        ] {
            assert!(!starts_with_task_verb(result), "{result}");
        }
        assert!(TASK_VERBS.iter().all(|v| *v == v.to_lowercase()));
    }

    #[test]
    fn a_healthy_plan_has_no_findings() {
        let plan = plan_with(3, 3);
        assert_eq!(rules(&plan, Some(day("2026-01-05"))), []);
    }

    #[test]
    fn too_many_objectives_per_team_and_company_level() {
        let mut plan = plan_with(6, 3);
        assert_eq!(rules(&plan, None), [Rule::TooManyObjectives]);
        for o in &mut plan.objectives[..4] {
            o.team.clear();
        }
        // 4 company-level (limit 3), 2 Sales objectives (fine).
        let found = check(&plan, None);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].rule, Rule::TooManyCompanyObjectives);
        assert!(
            found[0].message.to_string().contains("4 company-level"),
            "{}",
            found[0].message
        );
        assert_eq!(found[0].row, RowRef::Objective(plan.objectives[0].id));
    }

    #[test]
    fn key_result_counts_outside_two_to_five() {
        let mut plan = plan_with(2, 1);
        plan.objectives[1].key_results = plan_with(1, 6).objectives[0].key_results.clone();
        assert_eq!(
            rules(&plan, None),
            [Rule::TooFewKeyResults, Rule::TooManyKeyResults]
        );
    }

    #[test]
    fn a_task_without_a_measurable_target_is_flagged_with_its_advice() {
        let mut plan = plan_with(1, 2);
        let k = &mut plan.objectives[0].key_results[0];
        k.title = "Send the monthly newsletter".into();
        k.start = None;
        k.target = None;
        let found = check(&plan, None);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].rule, Rule::LooksLikeTask);
        assert!(found[0].message.to_string().contains("initiatives"));
        // With a number to reach it is a result after all.
        let k = &mut plan.objectives[0].key_results[0];
        k.title = "Send 12 newsletters".into();
        assert_eq!(rules(&plan, None), []);
        // Binary is never measurable.
        let k = &mut plan.objectives[0].key_results[0];
        k.kind = Kind::Binary;
        assert_eq!(rules(&plan, None), [Rule::LooksLikeTask]);
    }

    #[test]
    fn no_owner_and_no_range() {
        let mut plan = plan_with(1, 2);
        plan.objectives[0].owner.clear();
        plan.objectives[0].key_results[1].owner = "Bo".into();
        plan.objectives[0].key_results[0].target = Some(10.0);
        assert_eq!(rules(&plan, None), [Rule::NoOwner, Rule::NoRange]);
    }

    #[test]
    fn stale_check_ins_count_from_the_last_one_or_the_period_start() {
        let mut plan = plan_with(1, 2);
        // 8 Jan: a week into Q1, nothing due yet.
        assert_eq!(rules(&plan, Some(day("2026-01-08"))), []);
        // 9 Jan: 8 days without a check-in.
        assert_eq!(
            rules(&plan, Some(day("2026-01-09"))),
            [Rule::NoRecentCheckIn, Rule::NoRecentCheckIn]
        );
        for k in &mut plan.objectives[0].key_results {
            k.check_ins.push(CheckIn {
                when: "2026-01-06".into(),
                value: 12.0,
                note: String::new(),
                confidence: None,
            });
        }
        assert_eq!(rules(&plan, Some(day("2026-01-13"))), []);
        let found = check(&plan, Some(day("2026-01-14")));
        assert_eq!(found.len(), 2);
        assert!(
            found[0]
                .message
                .to_string()
                .contains("2026-01-06, 8 days ago"),
            "{}",
            found[0].message
        );
        // After the period, or graded: not nagged.
        assert_eq!(rules(&plan, Some(day("2026-04-14"))), []);
    }

    #[test]
    fn all_green_in_week_two_suggests_stretching() {
        let mut plan = plan_with(1, 2);
        for k in &mut plan.objectives[0].key_results {
            k.current = Some(18.0);
            k.check_ins.push(CheckIn {
                when: "2026-01-09".into(),
                value: 18.0,
                note: String::new(),
                confidence: None,
            });
        }
        assert_eq!(rules(&plan, Some(day("2026-01-10"))), [Rule::AllGreenEarly]);
        // Week 1 and week 3: not flagged.
        assert_eq!(rules(&plan, Some(day("2026-01-07"))), []);
        assert_eq!(rules(&plan, Some(day("2026-01-15"))), []);
        // Committed: 0.8 is not green, so nothing to say.
        plan.objectives[0].commitment = Commitment::Committed;
        assert_eq!(rules(&plan, Some(day("2026-01-10"))), []);
    }

    #[test]
    fn dismissed_findings_are_left_out_of_open_ones_by_key() {
        let mut plan = plan_with(1, 1);
        let found = check(&plan, None);
        assert_eq!(
            found[0].key,
            format!("too_few_key_results:{}", plan.objectives[0].id.0)
        );
        plan.dismissed.insert(found[0].key.clone());
        assert!(open(&plan, None).is_empty());
        assert_eq!(check(&plan, None).len(), 1);
    }
}
