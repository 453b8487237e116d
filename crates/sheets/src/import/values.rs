//! Cell values as people type them in spreadsheets: numbers stored as text in either
//! convention ("1,000.5", "1.000,5", "1 000,5"), percentages, currency signs, yes/no words
//! in several languages and check marks.

use okr_core::value;

/// One cell of an imported sheet, as read from the file.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A number shown with a percent format: 0.45 displayed as 45 %.
    Percent(f64),
    Bool(bool),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text, for titles, names and headers.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_string(),
            Cell::Number(n) => value::plain(*n),
            Cell::Percent(n) => value::percent(*n),
            Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        }
    }
}

/// A number read from a cell, remembering whether it was written as a percentage.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Num {
    pub value: f64,
    pub percent: bool,
}

/// Reads a number from a cell: real numbers as they are, text in either decimal convention.
/// A trailing "%" divides by 100 (exactly: see `value::parse_percent`).
pub fn number(cell: &Cell) -> Option<Num> {
    number_in(cell, false)
}

/// `number`, for a sheet whose text numbers use a decimal comma (see `uses_decimal_comma`):
/// there "2.000" is two thousand.
pub(crate) fn number_in(cell: &Cell, decimal_comma: bool) -> Option<Num> {
    match cell {
        Cell::Number(v) if v.is_finite() => Some(Num {
            value: *v,
            percent: false,
        }),
        Cell::Percent(v) if v.is_finite() => Some(Num {
            value: *v,
            percent: true,
        }),
        Cell::Text(t) => number_text(t, decimal_comma),
        _ => None,
    }
}

/// `number_in`, also reading numbers written with words or a unit after them ("60 percent",
/// "93 days", "320/month", "3x", "≥70%", "75 (0-100)"). The unit is `unit_in`'s.
pub(crate) fn number_with_unit_in(cell: &Cell, decimal_comma: bool) -> Option<Num> {
    number_in(cell, decimal_comma).or_else(|| match cell {
        Cell::Text(t) => split_unit(t, decimal_comma).map(|(n, _)| n),
        _ => None,
    })
}

/// The unit written after a number ("93 days" → "days", "320/month" → "/month"); none for
/// percentages and plain numbers.
pub(crate) fn unit_in(cell: &Cell) -> Option<String> {
    match cell {
        Cell::Text(t) => split_unit(t, false)
            .filter(|(n, _)| !n.percent)
            .map(|(_, unit)| unit)
            .filter(|u| !u.is_empty()),
        _ => None,
    }
}

/// Words meaning "percent" after a number.
const PERCENT_WORDS: &[&str] = &[
    "percent",
    "per cent",
    "pct",
    "por ciento",
    "por cento",
    "percento",
    "per cento",
    "prozent",
    "pour cent",
    "procent",
    "процентов",
    "процента",
];

/// A number at the start of a text (after a comparison sign) and what follows it.
fn split_unit(text: &str, decimal_comma: bool) -> Option<(Num, String)> {
    let t = text
        .trim()
        .trim_start_matches(['≥', '≤', '>', '<', '=', '~', '≈', '+', '±'])
        .trim_start()
        .trim_start_matches(['$', '€', '£', '¥']);
    let number_len: usize = t
        .char_indices()
        .take_while(|(i, c)| {
            c.is_ascii_digit()
                || matches!(c, '.' | ',')
                || (*i == 0 && matches!(c, '-' | '\u{2212}'))
        })
        .map(|(_, c)| c.len_utf8())
        .sum();
    let (digits, rest) = t.split_at(number_len);
    let digits = digits.trim_end_matches(['.', ',']);
    if !digits.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let rest = rest.trim();
    let lower = rest.to_lowercase();
    let (percent, unit) = if let Some(after) = rest.strip_prefix(['%', '％']) {
        (true, after.trim())
    } else if let Some(w) = PERCENT_WORDS.iter().find(|w| lower.starts_with(*w)) {
        (true, rest.get(w.len()..).unwrap_or("").trim())
    } else if rest
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || matches!(c, '/' | '(' | '×'))
    {
        (false, rest)
    } else {
        return None;
    };
    let canonical = canonical_number(digits, decimal_comma)?;
    let value = if percent {
        value::parse_percent(&format!("{canonical}%")).ok()?
    } else {
        value::parse_number(&canonical).ok()?
    };
    let unit: String = unit.chars().take(24).collect();
    Some((Num { value, percent }, unit.trim().to_string()))
}

/// Words that say a key result goes down: its target alone cannot be scored from zero.
const DECREASE_WORDS: &[&str] = &[
    "reduce",
    "decrease",
    "lower",
    "cut",
    "shrink",
    "minimi",
    "reducir",
    "disminuir",
    "bajar",
    "ridurre",
    "diminuire",
    "abbassare",
    "reduzir",
    "diminuir",
    "senken",
    "reduzieren",
    "verringern",
    "réduire",
    "diminuer",
    "减少",
    "降低",
    "缩短",
    "下降",
    "控制在",
];

/// Where a target is written inside a key result's words.
const TARGET_MARKERS: &[&str] = &[
    "≥",
    ">=",
    ">",
    " to ",
    " at least ",
    " reach ",
    " auf ",
    " hasta ",
    " fino a ",
    " até ",
    " à ",
    "达到",
    "提升至",
    "提高到",
    "增长到",
    "超过",
    "至",
    "到",
];

/// The target a key result's own text gives: "Grow revenue to $2M" → 2, "NPS ≥ 70" → 70,
/// "转化率达到15%" → 15 %. None for key results that go down (their start is unknown).
pub(crate) fn target_in_title(title: &str) -> Option<Num> {
    let lower = title.to_lowercase();
    if lower.contains(['≤', '<']) || DECREASE_WORDS.iter().any(|w| lower.contains(w)) {
        return None;
    }
    let (at, marker) = TARGET_MARKERS
        .iter()
        .filter_map(|m| lower.rfind(m).map(|i| (i, *m)))
        .max_by_key(|(i, _)| *i)?;
    let after = lower.get(at + marker.len()..)?;
    let cell = Cell::Text(after.trim().to_string());
    number_in(&cell, false).or_else(|| split_unit(after, false).map(|(n, _)| n))
}

/// True when some number written as text in these cells can only be read with a decimal
/// comma: "3,5", "1.000,5", "12,75 %".
pub(crate) fn uses_decimal_comma<'a>(cells: impl Iterator<Item = &'a Cell>) -> bool {
    cells
        .filter_map(|c| match c {
            Cell::Text(t) => Some(t.trim().trim_end_matches(['%', '％']).trim()),
            _ => None,
        })
        .any(|t| {
            let Some(i) = t.rfind(',') else { return false };
            let (head, tail) = (&t[..i], &t[i + 1..]);
            let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
            let head_ok = {
                let h = head.trim_start_matches(['-', '+']);
                !h.is_empty() && h.chars().all(|c| c.is_ascii_digit() || c == '.')
            };
            head_ok && digits(tail) && (tail.len() != 3 || head.contains('.'))
        })
}

fn number_text(text: &str, decimal_comma: bool) -> Option<Num> {
    let t: String = text
        .trim()
        .chars()
        .filter(|c| {
            !matches!(
                c,
                '$' | '€' | '£' | '¥' | '￥' | ' ' | '\u{a0}' | '\u{202f}' | '\''
            )
        })
        .collect();
    let (body, percent) = match t.strip_suffix(['%', '％']) {
        Some(b) => (b, true),
        None => (t.as_str(), false),
    };
    let canonical = canonical_number(body, decimal_comma)?;
    let value = if percent {
        value::parse_percent(&format!("{canonical}%")).ok()?
    } else {
        value::parse_number(&canonical).ok()?
    };
    Some(Num { value, percent })
}

/// Rewrites "1.000,5" or "1,000.5" or "3,5" as "1000.5" / "3.5". With both separators, the
/// last one is the decimal point. A lone comma followed by exactly three digits in groups
/// ("1,000", "12,345,678") groups thousands; otherwise it is a decimal comma ("3,5"). Several
/// dots group thousands ("1.000.000"); a single dot is a decimal point.
fn canonical_number(body: &str, decimal_comma: bool) -> Option<String> {
    let body = body.replace('\u{2212}', "-");
    if body.is_empty() {
        return None;
    }
    let commas = body.matches(',').count();
    let dots = body.matches('.').count();
    let grouped_in_threes = |sep: char| {
        let digits = body.trim_start_matches(['-', '+']);
        let mut parts = digits.split(sep);
        let first = parts.next().unwrap_or("");
        !first.is_empty() && first.len() <= 3 && parts.all(|p| p.len() == 3)
    };
    let out = match (commas, dots) {
        (0, 1) if decimal_comma && grouped_in_threes('.') => body.replace('.', ""),
        (0, 0) | (0, 1) => body.to_string(),
        (_, 0) if grouped_in_threes(',') => body.replace(',', ""),
        (1, 0) => body.replace(',', "."),
        (0, _) if grouped_in_threes('.') => body.replace('.', ""),
        _ => {
            let last_comma = body.rfind(',')?;
            let last_dot = body.rfind('.')?;
            if last_comma > last_dot {
                body.replace('.', "").replace(',', ".")
            } else {
                body.replace(',', "")
            }
        }
    };
    Some(out)
}

/// Done / not done from a cell: booleans, 1/0, check marks and yes/no words in English,
/// Spanish, Italian, Chinese, French, German and Portuguese.
pub fn done(cell: &Cell) -> Option<bool> {
    match cell {
        Cell::Bool(b) => Some(*b),
        Cell::Number(v) if *v == 1.0 => Some(true),
        Cell::Number(v) if *v == 0.0 => Some(false),
        Cell::Text(raw) => {
            const YES: &[&str] = &[
                "yes",
                "y",
                "done",
                "true",
                "x",
                "complete",
                "completed",
                "achieved",
                "si",
                "sì",
                "hecho",
                "completado",
                "logrado",
                "fatto",
                "completato",
                "raggiunto",
                "是",
                "完成",
                "已完成",
                "达成",
                "oui",
                "fait",
                "termine",
                "atteint",
                "ja",
                "erledigt",
                "erreicht",
                "sim",
                "feito",
                "concluido",
                "1",
            ];
            const NO: &[&str] = &[
                "no",
                "n",
                "not done",
                "false",
                "open",
                "todo",
                "to do",
                "not achieved",
                "pending",
                "pendiente",
                "no hecho",
                "non fatto",
                "da fare",
                "否",
                "未完成",
                "non",
                "pas fait",
                "nein",
                "offen",
                "nao",
                "não",
                "pendente",
                "0",
            ];
            let raw = raw.trim();
            if matches!(raw, "✓" | "✔" | "☑" | "✅") {
                return Some(true);
            }
            if matches!(raw, "✗" | "✘" | "☐" | "❌") {
                return Some(false);
            }
            let t = super::synonyms::normalize(raw);
            static WORDS: std::sync::LazyLock<(Vec<String>, Vec<String>)> =
                std::sync::LazyLock::new(|| {
                    let norm = |list: &[&str]| {
                        list.iter()
                            .map(|w| super::synonyms::normalize(w))
                            .collect::<Vec<_>>()
                    };
                    (norm(YES), norm(NO))
                });
            if WORDS.0.contains(&t) {
                Some(true)
            } else if WORDS.1.contains(&t) {
                Some(false)
            } else {
                None
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(text: &str) -> Option<f64> {
        number(&Cell::Text(text.into())).map(|n| n.value)
    }

    #[test]
    fn numbers_stored_as_text_in_both_conventions() {
        assert_eq!(n("1,000"), Some(1000.0));
        assert_eq!(n("1.000,5"), Some(1000.5));
        assert_eq!(n("1,000.5"), Some(1000.5));
        assert_eq!(n(" 42 "), Some(42.0));
        assert_eq!(n("3,5"), Some(3.5));
        assert_eq!(n("1.000.000"), Some(1_000_000.0));
        assert_eq!(n("1 000,5"), Some(1000.5));
        assert_eq!(n("$85"), Some(85.0));
        assert_eq!(n("€ 1.234,56"), Some(1234.56));
        assert_eq!(n("-20"), Some(-20.0));
        assert_eq!(n("−5"), Some(-5.0));
        assert_eq!(n("12,345,678"), Some(12_345_678.0));
    }

    #[test]
    fn a_single_dot_is_a_decimal_point() {
        assert_eq!(n("1.5"), Some(1.5));
        assert_eq!(n("1.000"), Some(1.0));
    }

    #[test]
    fn a_sheet_with_decimal_commas_reads_a_single_dot_as_thousands() {
        let cells = [Cell::Text("1.000,5".into()), Cell::Text("2.000".into())];
        assert!(uses_decimal_comma(cells.iter()));
        assert_eq!(number_in(&cells[1], true).map(|n| n.value), Some(2000.0));
        assert!(!uses_decimal_comma(
            [Cell::Text("1,000".into()), Cell::Text("2.5".into())].iter()
        ));
        assert!(uses_decimal_comma([Cell::Text("3,5".into())].iter()));
        assert!(uses_decimal_comma([Cell::Text("12,75 %".into())].iter()));
    }

    #[test]
    fn percentages_become_fractions() {
        let p = number(&Cell::Text("45%".into())).unwrap();
        assert_eq!(
            p,
            Num {
                value: 0.45,
                percent: true
            }
        );
        assert_eq!(n("12,5 %"), Some(0.125));
        assert_eq!(n("45％"), Some(0.45));
    }

    #[test]
    fn text_that_is_not_a_number_is_none() {
        for t in ["", "abc", "1,2,3.4.5", "NaN", "inf", "12 apples", "%"] {
            assert_eq!(n(t), None, "{t}");
        }
        assert_eq!(number(&Cell::Number(f64::NAN)), None);
        assert_eq!(number(&Cell::Empty), None);
    }

    #[test]
    fn done_words_and_marks() {
        for t in [
            "Yes", "sí", "Fatto", "完成", "oui", "Erledigt", "Sim", "✓", "x", "DONE",
        ] {
            assert_eq!(done(&Cell::Text(t.into())), Some(true), "{t}");
        }
        for t in [
            "No",
            "pendiente",
            "da fare",
            "未完成",
            "Non",
            "nein",
            "Não",
            "✗",
        ] {
            assert_eq!(done(&Cell::Text(t.into())), Some(false), "{t}");
        }
        assert_eq!(done(&Cell::Bool(true)), Some(true));
        assert_eq!(done(&Cell::Number(0.0)), Some(false));
        assert_eq!(done(&Cell::Text("maybe".into())), None);
    }
}
