//! The example plan shown on a first visit: a marketing team's quarter.

use crate::locale::Locale;
use crate::model::{CheckIn, KeyResult, Kind, Plan};
use crate::period::Date;

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

/// The example's plan name, team and titles in es, it and zh-Hans, in the order of
/// `OBJECTIVES` (objective, then its key results). English is `OBJECTIVES` itself.
const TRANSLATIONS: [(Locale, &str, &str, [&str; 12]); 3] = [
    (
        Locale::Es,
        "Marketing — T4 2026 (ejemplo)",
        "Marketing",
        [
            "Construir una cartera previsible de contactos cualificados",
            "Aumentar los contactos cualificados por marketing de 400 a 650 al mes",
            "Subir la conversión de las páginas de destino del 2,5 % al 4 %",
            "Reducir el coste por contacto de 85 $ a 60 $",
            "Que nuestra marca sea la que recuerdan los compradores",
            "Mejorar el índice de recomendación neta de -20 a 10",
            "Publicar el informe de referencia del sector 2026",
            "Conseguir 12 apariciones en prensa",
            "Aumentar las búsquedas de marca de 8.000 a 12.000 al mes",
            "Convertir el contenido en un motor de crecimiento",
            "Aumentar el tráfico orgánico de 40.000 a 60.000 visitas al mes",
            "Subir la tasa de apertura del boletín del 22 % al 30 %",
        ],
    ),
    (
        Locale::It,
        "Marketing — T4 2026 (esempio)",
        "Marketing",
        [
            "Costruire una pipeline prevedibile di contatti qualificati",
            "Portare i contatti qualificati dal marketing da 400 a 650 al mese",
            "Alzare la conversione delle landing page dal 2,5% al 4%",
            "Ridurre il costo per contatto da 85 $ a 60 $",
            "Rendere il nostro marchio quello che gli acquirenti ricordano",
            "Portare il Net Promoter Score da -20 a 10",
            "Pubblicare il rapporto di benchmark di settore 2026",
            "Ottenere 12 uscite sulla stampa",
            "Portare le ricerche del marchio da 8.000 a 12.000 al mese",
            "Trasformare i contenuti in un motore di crescita",
            "Portare il traffico organico da 40.000 a 60.000 visite al mese",
            "Alzare il tasso di apertura della newsletter dal 22% al 30%",
        ],
    ),
    (
        Locale::ZhHans,
        "市场部 — 2026 年第四季度（示例）",
        "市场部",
        [
            "建立可预测的合格线索管道",
            "将每月营销合格线索从 400 提升到 650",
            "将落地页转化率从 2.5% 提升到 4%",
            "将单条线索成本从 85 美元降到 60 美元",
            "让我们的品牌成为买家记得住的品牌",
            "将净推荐值从 -20 提升到 10",
            "发布 2026 年行业基准报告",
            "获得 12 次媒体报道",
            "将品牌搜索量从每月 8,000 提升到 12,000",
            "让内容成为增长引擎",
            "将自然流量从每月 40,000 提升到 60,000 次访问",
            "将电子报打开率从 22% 提升到 30%",
        ],
    ),
];

/// A marketing team's quarter: 3 objectives with 2 to 4 key results each, every kind of key
/// result, a decreasing target, a negative start and one key result with no data yet.
pub fn example_plan() -> Plan {
    example_plan_in(Locale::En)
}

/// The example plan with its names and titles in `locale` (the numbers are the same).
pub(crate) fn example_plan_in(locale: Locale) -> Plan {
    let mut plan = english_example();
    if let Some((_, name, team, titles)) = TRANSLATIONS.iter().find(|t| t.0 == locale) {
        plan.name = name.to_string();
        let mut titles = titles.iter();
        for o in &mut plan.objectives {
            o.team = team.to_string();
            if let Some(t) = titles.next() {
                o.title = t.to_string();
            }
            for k in &mut o.key_results {
                if let Some(t) = titles.next() {
                    k.title = t.to_string();
                }
            }
        }
    }
    plan
}

/// How far each check-in of the example has come from start to the current value: four
/// weekly check-ins, the last one the current value.
const CHECK_IN_SHARES: [f64; 4] = [0.55, 0.7, 0.85, 1.0];

/// The example as a first visit on `today` shows it: each key result with a number has four
/// weekly check-ins ending the day before `today` (the user's own check-in today is a new
/// one), or on the quarter's last day if that is earlier,
/// rising from its start to its current value, so pace, the trend chart, the dashboard and the
/// health checks have something true to say. Check-ins before the quarter are left out; on
/// a day before it (or none) the example has none.
pub fn example_plan_on(locale: Locale, today: Option<Date>) -> Plan {
    let mut plan = example_plan_in(locale);
    // The quarter the example's objectives are set in.
    let quarter = plan
        .objectives
        .first()
        .and_then(|o| crate::period::Period::from_name(&o.period));
    let Some(quarter) = quarter else {
        return plan;
    };
    let Some(last) = today
        .map(|t| t.add_days(-1).min(quarter.end))
        .filter(|last| *last >= quarter.start)
    else {
        return plan;
    };
    for k in plan.objectives.iter_mut().flat_map(|o| &mut o.key_results) {
        let (Some(start), Some(current)) = (k.start, k.current) else {
            continue;
        };
        if k.kind == Kind::Binary {
            continue;
        }
        let round = |v: f64| match k.kind {
            Kind::Percent => (v * 10_000.0).round() / 10_000.0,
            _ => v.round(),
        };
        let score = crate::score::key_result_score(k);
        let score = if score.has_data { score.value } else { 0.0 };
        for (i, share) in CHECK_IN_SHARES.iter().enumerate() {
            let day = last.add_days(-7 * (CHECK_IN_SHARES.len() - 1 - i) as i32);
            if day < quarter.start {
                continue;
            }
            let is_last = i + 1 == CHECK_IN_SHARES.len();
            k.check_ins.push(CheckIn {
                when: day.to_string(),
                value: if is_last {
                    current
                } else {
                    round(start + (current - start) * share)
                },
                note: String::new(),
                // The owner's confidence at the last check-in follows the score.
                confidence: is_last.then(|| (score * 10.0 + 1.0).round().clamp(1.0, 10.0) as u8),
            });
        }
    }
    plan
}

/// The day the example's check-ins end on (its latest check-in), if it has any.
fn anchor(plan: &Plan) -> Option<Date> {
    plan.objectives
        .iter()
        .flat_map(|o| &o.key_results)
        .filter_map(|k| k.check_ins.last())
        .filter_map(|c| Date::parse(&c.when))
        .max()
}

/// The example in `locale`, with the same check-in days as `plan` (the example in another
/// language): what switching the language shows.
pub fn example_like(plan: &Plan, locale: Locale) -> Plan {
    match anchor(plan) {
        Some(day) => example_plan_on(locale, Some(day.add_days(1))),
        None => example_plan_in(locale),
    }
}

/// True when `plan` is the example in some locale, untouched (with or without its check-ins):
/// switching the language may then show the example in the new language.
pub fn untouched_example(plan: &Plan) -> Option<Locale> {
    Locale::ALL
        .into_iter()
        .find(|l| *plan == example_like(plan, *l))
}

fn english_example() -> Plan {
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

    #[test]
    fn the_example_exists_in_each_language_with_the_same_numbers() {
        let en = example_plan();
        for l in Locale::ALL {
            let p = example_plan_in(l);
            assert!(p.is_example);
            assert_eq!(untouched_example(&p), Some(l));
            assert_eq!(p.objectives.len(), en.objectives.len());
            for (a, b) in p.objectives.iter().zip(&en.objectives) {
                assert_eq!(a.id, b.id);
                assert_eq!(a.key_results.len(), b.key_results.len());
                for (x, y) in a.key_results.iter().zip(&b.key_results) {
                    assert_eq!(
                        (x.start, x.target, x.current),
                        (y.start, y.target, y.current)
                    );
                    assert_eq!(l == Locale::En, x.title == y.title);
                }
            }
        }
        let zh = example_plan_in(Locale::ZhHans);
        assert_eq!(zh.objectives[0].title, "建立可预测的合格线索管道");
        let mut touched = example_plan_in(Locale::Es);
        touched.objectives[0].key_results[0].current = Some(1.0);
        assert_eq!(untouched_example(&touched), None);
    }
    use crate::score::{key_result_score, status, Status};

    #[test]
    fn the_example_on_a_day_has_weekly_check_ins_up_to_it_ending_at_the_current_value() {
        let day = Date::new(2026, 11, 23);
        let plan = example_plan_on(Locale::En, day);
        let mql = &plan.objectives[0].key_results[0];
        let when: Vec<&str> = mql.check_ins.iter().map(|c| c.when.as_str()).collect();
        assert_eq!(
            when,
            ["2026-11-01", "2026-11-08", "2026-11-15", "2026-11-22"]
        );
        let values: Vec<f64> = mql.check_ins.iter().map(|c| c.value).collect();
        assert_eq!(values, [466.0, 484.0, 502.0, 520.0]);
        assert_eq!(mql.check_ins[3].confidence, Some(6));
        // A binary key result and one without a value have none: the health checks and the
        // dashboard still have something to point at.
        let report = &plan.objectives[1].key_results[1];
        assert!(report.check_ins.is_empty());
        assert!(plan.objectives[2].key_results[0].check_ins.is_empty());
        // Untouched, in any language, whatever the day; a new check-in touches it.
        assert_eq!(untouched_example(&plan), Some(Locale::En));
        let es = example_like(&plan, Locale::Es);
        assert_eq!(untouched_example(&es), Some(Locale::Es));
        assert_eq!(anchor(&es), Date::new(2026, 11, 22));
        let mut touched = plan.clone();
        touched.objectives[0].key_results[0].check_ins[3].value = 530.0;
        assert_eq!(untouched_example(&touched), None);
        // Near the quarter's start only the check-ins inside it; before it, none; after it,
        // they end on its last day.
        let early = example_plan_on(Locale::En, Date::new(2026, 10, 9));
        assert_eq!(early.objectives[0].key_results[0].check_ins.len(), 2);
        assert_eq!(
            example_plan_on(Locale::En, Date::new(2026, 9, 1)),
            example_plan_in(Locale::En)
        );
        assert_eq!(
            example_plan_on(Locale::En, None),
            example_plan_in(Locale::En)
        );
        let late = example_plan_on(Locale::En, Date::new(2027, 3, 1));
        assert_eq!(anchor(&late), Date::new(2026, 12, 31));
    }

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
