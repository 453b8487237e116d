//! Check-ins: a key result's value (and the owner's confidence) recorded on a date. History is
//! kept oldest first; current is always the latest check-in's value, so back-dating one never
//! changes current unless it is the latest. Each function returns the changed key result, to
//! be stored with `Command::PutKeyResult` (one undo step, the old key result its inverse).

use std::fmt;

use crate::model::{CheckIn, KeyResult, Kind};
use crate::period::Date;
use crate::validate::{self, NotOfKind};
use crate::value::ValueError;

/// Why a check-in was refused. The shell says it in the interface language; `Display` is the
/// English sentence.
#[derive(Clone, Debug, PartialEq)]
pub enum CheckInError {
    /// No value typed.
    NoValue,
    Value(ValueError),
    /// Text that is not a confidence.
    NotConfidence(String),
    NotFinite,
    NotBinary,
    /// A milestone's value that is not a count of its steps (it has this many).
    NotAStepCount(usize),
    ConfidenceRange,
    NoSuchCheckIn,
    KeyResultGone,
    /// A weekly check-in with no value typed at all.
    NothingTyped,
    /// The error of one key result (its title) in a weekly check-in.
    For(String, Box<CheckInError>),
}

impl fmt::Display for CheckInError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CheckInError::NoValue => write!(f, "Type the new value."),
            CheckInError::Value(e) => e.fmt(f),
            CheckInError::NotConfidence(text) => write!(
                f,
                "“{text}” is not a confidence. Type 1 to 10, or on track / at risk / off track."
            ),
            CheckInError::NotFinite => write!(f, "The value must be a finite number."),
            CheckInError::NotBinary => {
                write!(f, "A binary key result is done (1) or not done (0).")
            }
            CheckInError::NotAStepCount(n) => crate::model::NotAStepCount(*n).fmt(f),
            CheckInError::ConfidenceRange => write!(f, "Confidence is 1 to 10."),
            CheckInError::NoSuchCheckIn => write!(f, "There is no such check-in."),
            CheckInError::KeyResultGone => {
                write!(f, "A key result of this check-in no longer exists.")
            }
            CheckInError::NothingTyped => write!(f, "Type at least one new value."),
            CheckInError::For(title, why) => write!(f, "“{title}”: {why}"),
        }
    }
}

impl std::error::Error for CheckInError {}

impl From<ValueError> for CheckInError {
    fn from(e: ValueError) -> Self {
        CheckInError::Value(e)
    }
}

/// Confidence is 1 (no chance) to 10 (certain); these words map onto it.
pub(crate) const ON_TRACK: u8 = 8;
pub(crate) const AT_RISK: u8 = 5;
pub(crate) const OFF_TRACK: u8 = 2;

/// "7", "7/10", "on track", "at risk", "off track" (case ignored); empty is none.
pub fn parse_confidence(text: &str) -> Result<Option<u8>, CheckInError> {
    let t = text.trim().to_lowercase();
    if t.is_empty() {
        return Ok(None);
    }
    match t.as_str() {
        "on track" | "green" => return Ok(Some(ON_TRACK)),
        "at risk" | "amber" | "yellow" => return Ok(Some(AT_RISK)),
        "off track" | "red" => return Ok(Some(OFF_TRACK)),
        _ => {}
    }
    let n = t.strip_suffix("/10").unwrap_or(&t).trim();
    match n.parse::<u8>() {
        Ok(c) if validate::is_confidence(c) => Ok(Some(c)),
        _ => Err(CheckInError::NotConfidence(text.trim().to_string())),
    }
}

/// A confidence's band: 7–10 on track, 4–6 at risk, 1–3 off track (the shell words it).
pub fn confidence_band(c: u8) -> crate::score::Status {
    match c {
        7.. => crate::score::Status::OnTrack,
        4..=6 => crate::score::Status::AtRisk,
        _ => crate::score::Status::OffTrack,
    }
}

/// A check-in keeps the rules of `validate`: a finite value its key result's kind takes, a
/// confidence from 1 to 10.
fn check_value(kr: &KeyResult, value: f64, confidence: Option<u8>) -> Result<(), CheckInError> {
    if !validate::is_value(value) {
        return Err(CheckInError::NotFinite);
    }
    validate::kind_value(kr, value).map_err(|e| match e {
        NotOfKind::NotBinary => CheckInError::NotBinary,
        NotOfKind::NotAStepCount(n) => CheckInError::NotAStepCount(n),
    })?;
    validate::confidence(confidence).map_err(|_| CheckInError::ConfidenceRange)
}

/// Current and confidence follow the latest check-in.
fn follow_latest(kr: &mut KeyResult) {
    if let Some(last) = kr.check_ins.last().cloned() {
        kr.current = Some(last.value);
        if last.confidence.is_some() {
            kr.confidence = last.confidence;
        }
        if kr.kind == Kind::Milestone && !kr.steps.is_empty() {
            // Ticks or clears steps to match; an older check-in that no longer fits the
            // steps leaves them as they are.
            let _ = kr.set_steps_done(last.value);
            kr.sync_steps();
        }
    }
}

/// Records a check-in, in date order among the dated ones (after others of the same day).
pub fn record(
    kr: &KeyResult,
    date: Date,
    value: f64,
    confidence: Option<u8>,
    note: &str,
) -> Result<KeyResult, CheckInError> {
    check_value(kr, value, confidence)?;
    let mut out = kr.clone();
    let at = out
        .check_ins
        .iter()
        .position(|c| Date::parse(&c.when).is_some_and(|d| d > date))
        .unwrap_or(out.check_ins.len());
    out.check_ins.insert(
        at,
        CheckIn {
            when: date.to_string(),
            value,
            note: note.trim().to_string(),
            confidence,
        },
    );
    follow_latest(&mut out);
    Ok(out)
}

/// Replaces check-in `index` (history is editable); it moves to its date's place.
pub fn replace(
    kr: &KeyResult,
    index: usize,
    date: Date,
    value: f64,
    confidence: Option<u8>,
    note: &str,
) -> Result<KeyResult, CheckInError> {
    // `record` puts it in its date's place and lets current follow the latest.
    record(&remove(kr, index)?, date, value, confidence, note)
}

/// Removes check-in `index`; current follows the new latest (or stays if none is left).
pub fn remove(kr: &KeyResult, index: usize) -> Result<KeyResult, CheckInError> {
    if index >= kr.check_ins.len() {
        return Err(CheckInError::NoSuchCheckIn);
    }
    let mut out = kr.clone();
    out.check_ins.remove(index);
    follow_latest(&mut out);
    Ok(out)
}

#[cfg(test)]
/// A check-in value typed for a key result of `kind`: "45%" (or "45") for percent, done /
/// not done for binary, numbers with either decimal convention; a number ending in % is a
/// fraction, as a spreadsheet reads it.
pub(crate) fn parse_value(kind: Kind, text: &str) -> Result<f64, CheckInError> {
    parse_value_in(kind, "", text)
}

#[cfg(test)]
/// `parse_value` for values that may carry the key result's unit ("1,250 leads").
pub(crate) fn parse_value_in(kind: Kind, unit: &str, text: &str) -> Result<f64, CheckInError> {
    parse_value_locale(kind, unit, text, crate::locale::Locale::En)
}

/// `parse_value_in`, numbers typed in `locale` ("1.250,5" in es): `Locale::parse_value`, the
/// grid's reading of values too, where a check-in needs a value.
pub fn parse_value_locale(
    kind: Kind,
    unit: &str,
    text: &str,
    locale: crate::locale::Locale,
) -> Result<f64, CheckInError> {
    locale
        .parse_value(kind, unit, text)?
        .ok_or(CheckInError::NoValue)
}

/// One line of a weekly check-in: the key result, the value as typed, confidence, note.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub key_result: crate::model::Id,
    pub value: String,
    pub confidence: String,
    pub note: String,
}

/// The key results `owner` answers for, in plan order: their own, and those without an owner
/// under an objective they own (names compared ignoring case and spaces).
pub fn owned_by(plan: &crate::model::Plan, owner: &str) -> Vec<crate::model::Id> {
    let same = |a: &str| a.trim().eq_ignore_ascii_case(owner.trim());
    plan.objectives
        .iter()
        .flat_map(|o| {
            o.key_results.iter().filter(move |k| {
                if k.owner.trim().is_empty() {
                    same(&o.owner)
                } else {
                    same(&k.owner)
                }
            })
        })
        .map(|k| k.id)
        .collect()
}

/// A weekly check-in: every entry with a value is recorded on `date`, all in one command (one
/// undo step); entries left blank are skipped. Refused as a whole, naming the key result,
/// when a value or confidence does not read.
pub fn record_many(
    plan: &crate::model::Plan,
    date: Date,
    entries: &[Entry],
    locale: crate::locale::Locale,
) -> Result<(crate::command::Command, usize), CheckInError> {
    let mut commands = Vec::new();
    for e in entries.iter().filter(|e| !e.value.trim().is_empty()) {
        let (_, kr) = plan
            .key_result(e.key_result)
            .ok_or(CheckInError::KeyResultGone)?;
        let named = |why: CheckInError| CheckInError::For(kr.title.clone(), Box::new(why));
        let value = parse_value_locale(kr.kind, &kr.unit, &e.value, locale).map_err(named)?;
        let confidence = parse_confidence(&e.confidence).map_err(named)?;
        let new = record(kr, date, value, confidence, &e.note).map_err(named)?;
        commands.push(crate::command::Command::PutKeyResult(new));
    }
    if commands.is_empty() {
        return Err(CheckInError::NothingTyped);
    }
    let n = commands.len();
    Ok((crate::command::Command::Batch(commands), n))
}

/// The dated check-ins as (date, value), oldest first: what a trend chart plots.
pub fn dated(kr: &KeyResult) -> Vec<(Date, f64)> {
    kr.check_ins
        .iter()
        .filter_map(|c| Date::parse(&c.when).map(|d| (d, c.value)))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_milestone_check_in_counts_steps_done() {
        let mut k = crate::model::KeyResult::empty(crate::model::Id(1), "Ship");
        k.kind = Kind::Milestone;
        k.steps = (0..3)
            .map(|i| crate::model::Step {
                title: format!("s{i}"),
                done: false,
            })
            .collect();
        k.sync_steps();
        let day = Date::parse("2026-10-05").unwrap();
        let k = record(&k, day, 2.0, None, "").unwrap();
        assert_eq!(k.current, Some(2.0));
        assert!(k.steps[0].done && k.steps[1].done && !k.steps[2].done);
        let err = record(&k, day, 4.0, None, "").unwrap_err().to_string();
        assert!(err.contains("0 to 3"), "{err}");
    }

    use super::*;
    use crate::model::Id;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    fn kr() -> KeyResult {
        let mut k = KeyResult::empty(Id(1), "Leads");
        k.start = Some(100.0);
        k.target = Some(200.0);
        k.current = Some(100.0);
        k
    }

    #[test]
    fn the_latest_check_in_sets_current_and_confidence() {
        let k = record(&kr(), d("2026-10-05"), 120.0, Some(7), " first ").unwrap();
        assert_eq!((k.current, k.confidence), (Some(120.0), Some(7)));
        assert_eq!(k.check_ins[0].note, "first");
        let k = record(&k, d("2026-10-12"), 135.0, None, "").unwrap();
        assert_eq!((k.current, k.confidence), (Some(135.0), Some(7)));
        // Back-dated: goes in its place, current stays the latest's.
        let k = record(&k, d("2026-10-08"), 125.0, Some(4), "late").unwrap();
        let whens: Vec<&str> = k.check_ins.iter().map(|c| c.when.as_str()).collect();
        assert_eq!(whens, ["2026-10-05", "2026-10-08", "2026-10-12"]);
        assert_eq!((k.current, k.confidence), (Some(135.0), Some(7)));
        assert_eq!(dated(&k).len(), 3);
    }

    #[test]
    fn history_is_editable_and_current_follows() {
        let k = record(&kr(), d("2026-10-05"), 120.0, None, "").unwrap();
        let k = record(&k, d("2026-10-12"), 135.0, None, "").unwrap();
        let k = replace(&k, 1, d("2026-10-12"), 140.0, Some(9), "fixed").unwrap();
        assert_eq!(k.current, Some(140.0));
        assert_eq!(k.confidence, Some(9));
        let k = remove(&k, 1).unwrap();
        assert_eq!(k.current, Some(120.0));
        assert!(remove(&k, 5).is_err());
        // Undated imported labels keep their order; dated ones go after them.
        let mut w = kr();
        w.check_ins.push(CheckIn {
            when: "W3".into(),
            value: 110.0,
            note: String::new(),
            confidence: None,
        });
        let w = record(&w, d("2026-01-01"), 111.0, None, "").unwrap();
        assert_eq!(w.check_ins[1].when, "2026-01-01");
    }

    #[test]
    fn bad_values_are_refused_with_a_reason() {
        let mut b = kr();
        b.kind = Kind::Binary;
        assert!(record(&b, d("2026-10-05"), 0.5, None, "")
            .unwrap_err()
            .to_string()
            .contains("binary"));
        assert!(record(&kr(), d("2026-10-05"), f64::NAN, None, "").is_err());
        assert!(record(&kr(), d("2026-10-05"), 1.0, Some(11), "").is_err());
    }

    #[test]
    fn a_weekly_check_in_records_an_owners_key_results_in_one_step() {
        let mut plan = crate::example::example_plan();
        let luis = owned_by(&plan, " luis ortega");
        assert_eq!(luis.len(), 2);
        // Dana owns one key result; one left without an owner under her objective is hers too.
        plan.objectives[0].key_results[2].owner.clear();
        assert_eq!(owned_by(&plan, "Dana Whitfield").len(), 2);
        let day = d("2026-11-23");
        let entries = vec![
            Entry {
                key_result: luis[0],
                value: "520".into(),
                confidence: "on track".into(),
                note: "webinar week".into(),
            },
            Entry {
                key_result: luis[1],
                value: String::new(),
                confidence: String::new(),
                note: String::new(),
            },
        ];
        let (command, n) = record_many(&plan, day, &entries, crate::locale::Locale::En).unwrap();
        assert_eq!(n, 1);
        let mut doc = crate::history::Document::new(plan);
        doc.execute(command).unwrap();
        let (_, k) = doc.plan().key_result(luis[0]).unwrap();
        assert_eq!((k.current, k.confidence), (Some(520.0), Some(ON_TRACK)));
        assert_eq!(k.check_ins.last().unwrap().note, "webinar week");
        assert!(doc.undo());
        let bad = vec![Entry {
            key_result: luis[0],
            value: "lots".into(),
            confidence: String::new(),
            note: String::new(),
        }];
        let e = record_many(doc.plan(), day, &bad, crate::locale::Locale::En)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("“Grow marketing-qualified leads"), "{e}");
        assert!(record_many(doc.plan(), day, &[], crate::locale::Locale::En).is_err());
    }

    #[test]
    fn values_are_read_as_the_kind_types_them() {
        assert_eq!(parse_value(Kind::Number, "1,250"), Ok(1250.0));
        assert_eq!(parse_value(Kind::Percent, "45%"), Ok(0.45));
        assert_eq!(parse_value(Kind::Binary, "done"), Ok(1.0));
        assert_eq!(parse_value(Kind::Number, ""), Err(CheckInError::NoValue));
        assert!(parse_value(Kind::Number, "lots").is_err());
    }

    #[test]
    fn a_check_in_reads_a_value_as_the_grid_cell_does() {
        use crate::command::{Command, KeyResultEdit};
        use crate::grid::{parse_cell_in, Cell, Column, RowRef};
        use crate::locale::Locale;
        let mut plan = crate::model::Plan::new("p");
        let mut o = plan.new_objective("o");
        let mut k = plan.new_key_result("k");
        k.unit = "leads".into();
        let id = k.id;
        o.key_results.push(k);
        plan.objectives.push(o);
        let cell = Cell {
            row: RowRef::KeyResult(id),
            col: Column::Current,
        };
        let texts = [
            "1,250 leads",
            "45%",
            "45",
            "1.250,5",
            "done",
            "Hecho",
            "",
            "lots",
            "0",
        ];
        for kind in Kind::ALL {
            plan.objectives[0].key_results[0].kind = kind;
            for locale in Locale::ALL {
                for text in texts {
                    let grid = match parse_cell_in(&plan, cell, text, None, locale) {
                        Ok(Command::EditKeyResult {
                            edit: KeyResultEdit::Current(v),
                            ..
                        }) => Ok(v),
                        Ok(other) => panic!("{other:?}"),
                        Err(e) => Err(e.to_string()),
                    };
                    let check_in = match parse_value_locale(kind, "leads", text, locale) {
                        Ok(v) => Ok(Some(v)),
                        // Blank clears a cell; a check-in needs a value.
                        Err(CheckInError::NoValue) => Ok(None),
                        Err(e) => Err(e.to_string()),
                    };
                    assert_eq!(grid, check_in, "{kind:?} {locale:?} {text:?}");
                }
            }
        }
    }

    #[test]
    fn confidence_words_and_numbers() {
        assert_eq!(parse_confidence(" 7 "), Ok(Some(7)));
        assert_eq!(parse_confidence("7/10"), Ok(Some(7)));
        assert_eq!(parse_confidence("On track"), Ok(Some(ON_TRACK)));
        assert_eq!(parse_confidence("at risk"), Ok(Some(AT_RISK)));
        assert_eq!(parse_confidence(""), Ok(None));
        assert!(parse_confidence("0").is_err());
        assert!(parse_confidence("high")
            .unwrap_err()
            .to_string()
            .contains("“high”"));
        use crate::score::Status;
        assert_eq!(confidence_band(7), Status::OnTrack);
        assert_eq!(confidence_band(4), Status::AtRisk);
        assert_eq!(confidence_band(3), Status::OffTrack);
    }
}
