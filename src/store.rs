//! The storage schema: what is written to local storage, under which keys, and how older
//! versions are migrated. Pure functions over text; the browser adapter (`browser::storage`)
//! does the reading and writing.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::model::Plan;

/// The schema this build writes.
pub const SCHEMA_VERSION: u64 = 1;
/// Where the current plan lives. The key carries the storage generation, so a future layout
/// that cannot be migrated in place can move to a new key without clobbering this one.
pub const PLAN_KEY: &str = "okr-grid/v1/plan";
/// Prefix of the keys where unreadable stored data is kept, never overwritten.
pub const BACKUP_KEY_PREFIX: &str = "okr-grid/v1/backup";

#[derive(Serialize, Deserialize)]
struct Envelope {
    schema_version: u64,
    plan: Plan,
}

#[derive(Debug, PartialEq)]
pub enum LoadError {
    /// Not JSON, or not the shape of any known schema.
    Unreadable(String),
    /// Written by a newer okr-grid than this one.
    TooNew(u64),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Unreadable(why) => write!(f, "the saved data is damaged ({why})"),
            LoadError::TooNew(v) => write!(
                f,
                "it was saved by a newer version of okr-grid (format {v}; this one reads up to {SCHEMA_VERSION})"
            ),
        }
    }
}

impl std::error::Error for LoadError {}

/// Serialises a plan for storage.
pub fn encode(plan: &Plan) -> String {
    #[derive(Serialize)]
    struct EnvelopeRef<'a> {
        schema_version: u64,
        plan: &'a Plan,
    }
    serde_json::to_string(&EnvelopeRef {
        schema_version: SCHEMA_VERSION,
        plan,
    })
    .unwrap_or_else(|_| unreachable_encoding())
}

/// `Plan` holds only strings, numbers and vectors, and `apply` refuses non-finite numbers, so
/// serde_json cannot fail on it; should that ever change, an empty-but-valid document is
/// written rather than panicking.
fn unreachable_encoding() -> String {
    format!("{{\"schema_version\":{SCHEMA_VERSION},\"plan\":{{\"name\":\"\",\"next_id\":1}}}}")
}

/// Reads stored text, migrating older schemas to the current one.
pub fn decode(raw: &str) -> Result<Plan, LoadError> {
    let value: Value =
        serde_json::from_str(raw).map_err(|e| LoadError::Unreadable(e.to_string()))?;
    let version = value
        .get("schema_version")
        .and_then(Value::as_u64)
        .ok_or_else(|| LoadError::Unreadable("no schema_version".into()))?;
    let value = migrate(version, value)?;
    let envelope: Envelope =
        serde_json::from_value(value).map_err(|e| LoadError::Unreadable(e.to_string()))?;
    let mut plan = envelope.plan;
    validate(&plan)?;
    plan.repair_next_id();
    Ok(plan)
}

/// The migration hook: a stored document of version n is turned into version n + 1 until it is
/// current. There is one version so far; when version 2 arrives, add
/// `1 => migrate(2, v1_to_v2(value)?)` above the last arm.
fn migrate(version: u64, value: Value) -> Result<Value, LoadError> {
    match version {
        SCHEMA_VERSION => Ok(value),
        v if v > SCHEMA_VERSION => Err(LoadError::TooNew(v)),
        // 0 was never released; refuse it rather than guess.
        v => Err(LoadError::Unreadable(format!("unknown format {v}"))),
    }
}

/// Rejects what deserialises but would break the app: duplicate ids and values the
/// commands would refuse.
fn validate(plan: &Plan) -> Result<(), LoadError> {
    if !plan.ids_are_unique() {
        return Err(LoadError::Unreadable("an id is used twice".into()));
    }
    for o in &plan.objectives {
        if !o.weight.is_finite() || o.weight < 0.0 {
            return Err(LoadError::Unreadable(
                "an objective has an invalid weight".into(),
            ));
        }
        for k in &o.key_results {
            if !k.weight.is_finite() || k.weight < 0.0 {
                return Err(LoadError::Unreadable(
                    "a key result has an invalid weight".into(),
                ));
            }
            let values = [k.start, k.target, k.current]
                .into_iter()
                .flatten()
                .chain(k.check_ins.iter().map(|c| c.value));
            if values.into_iter().any(|v| !v.is_finite()) {
                return Err(LoadError::Unreadable(
                    "a value is not a finite number".into(),
                ));
            }
            if matches!(k.score_override, Some(g) if !(0.0..=1.0).contains(&g)) {
                return Err(LoadError::Unreadable("a grade is outside 0 to 1".into()));
            }
        }
    }
    Ok(())
}

/// Where to keep unreadable text: the backup key that already holds exactly this text (so a
/// page reloaded again and again does not pile up copies), else the first free one among
/// `okr-grid/v1/backup`, `…backup-2`, `…backup-3`… An existing backup is never overwritten.
/// `stored` reads a key. Returns the key and whether the text still has to be written there.
pub fn backup_key_for(raw: &str, stored: impl Fn(&str) -> Option<String>) -> (String, bool) {
    let mut n = 1u64;
    loop {
        let key = if n == 1 {
            BACKUP_KEY_PREFIX.to_string()
        } else {
            format!("{BACKUP_KEY_PREFIX}-{n}")
        };
        match stored(&key) {
            None => return (key, true),
            Some(existing) if existing == raw => return (key, false),
            Some(_) => n += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::example::example_plan;

    #[test]
    fn encode_then_decode_gives_the_same_plan() {
        let mut plan = example_plan();
        plan.objectives[0].key_results[0].current = Some(0.1 + 0.2);
        plan.objectives[0].key_results[1].score_override = Some(0.35);
        assert_eq!(decode(&encode(&plan)), Ok(plan));
    }

    #[test]
    fn check_ins_are_stored_and_read_back() {
        let mut plan = example_plan();
        plan.objectives[0].key_results[0].check_ins = vec![crate::model::CheckIn {
            when: "W3".into(),
            value: 510.0,
            note: String::new(),
        }];
        assert_eq!(decode(&encode(&plan)), Ok(plan));
    }

    #[test]
    fn encoded_data_carries_the_schema_version() {
        let v: Value = serde_json::from_str(&encode(&example_plan())).unwrap();
        assert_eq!(v["schema_version"], SCHEMA_VERSION);
    }

    #[test]
    fn not_json_is_unreadable() {
        assert!(matches!(decode("{not json"), Err(LoadError::Unreadable(_))));
        assert!(matches!(decode(""), Err(LoadError::Unreadable(_))));
    }

    #[test]
    fn missing_schema_version_is_unreadable() {
        assert!(matches!(
            decode(r#"{"plan":{"name":"x","next_id":1}}"#),
            Err(LoadError::Unreadable(_))
        ));
    }

    #[test]
    fn newer_schema_is_refused_not_guessed() {
        assert_eq!(
            decode(r#"{"schema_version":99,"plan":{}}"#),
            Err(LoadError::TooNew(99))
        );
    }

    #[test]
    fn older_unknown_schema_is_refused() {
        assert!(matches!(
            decode(r#"{"schema_version":0,"plan":{"name":"x","next_id":1}}"#),
            Err(LoadError::Unreadable(_))
        ));
    }

    #[test]
    fn wrong_shape_is_unreadable() {
        assert!(matches!(
            decode(r#"{"schema_version":1,"plan":{"name":5}}"#),
            Err(LoadError::Unreadable(_))
        ));
    }

    #[test]
    fn duplicate_ids_are_unreadable() {
        let mut plan = example_plan();
        let id = plan.objectives[0].id;
        plan.objectives[1].id = id;
        assert!(matches!(
            decode(&encode(&plan)),
            Err(LoadError::Unreadable(_))
        ));
    }

    #[test]
    fn out_of_range_grade_is_unreadable() {
        let text =
            encode(&example_plan()).replacen("\"score_override\":null", "\"score_override\":7", 1);
        assert!(matches!(decode(&text), Err(LoadError::Unreadable(_))));
    }

    #[test]
    fn a_lost_id_counter_is_repaired() {
        let text = encode(&example_plan()).replace("\"next_id\":", "\"next_id\":1,\"x\":");
        let mut plan = decode(&text).unwrap();
        let fresh = plan.allocate_id();
        assert!(plan.key_result(fresh).is_none() && plan.objective(fresh).is_none());
        assert!(fresh.0 > 12);
    }

    #[test]
    fn minimal_stored_plan_fills_defaults() {
        let text = r#"{"schema_version":1,"plan":{"name":"Mine","next_id":5,"objectives":[
            {"id":1,"title":"O","key_results":[{"id":2,"title":"K","kind":"percent"}]}]}}"#;
        let plan = decode(text).unwrap();
        let k = &plan.objectives[0].key_results[0];
        assert_eq!((k.weight, k.current), (1.0, None));
        assert_eq!(plan.objectives[0].weight, 1.0);
    }

    #[test]
    fn backup_keys_never_overwrite_an_existing_backup() {
        let none = |_: &str| None;
        assert_eq!(
            backup_key_for("x", none),
            (BACKUP_KEY_PREFIX.to_string(), true)
        );
        let taken = |k: &str| {
            (k == BACKUP_KEY_PREFIX || k == format!("{BACKUP_KEY_PREFIX}-2"))
                .then(|| "older".to_string())
        };
        assert_eq!(
            backup_key_for("x", taken),
            (format!("{BACKUP_KEY_PREFIX}-3"), true)
        );
    }

    #[test]
    fn the_same_unreadable_text_is_backed_up_once() {
        let stored = |k: &str| match k {
            BACKUP_KEY_PREFIX => Some("older".to_string()),
            k if k == format!("{BACKUP_KEY_PREFIX}-2") => Some("broken".to_string()),
            _ => None,
        };
        assert_eq!(
            backup_key_for("broken", stored),
            (format!("{BACKUP_KEY_PREFIX}-2"), false)
        );
    }
}
