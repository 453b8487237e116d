//! A plan as the browser's database holds it: a head record (the plan without its objectives,
//! and the objectives' order) and one record per objective, so that a save writes only the
//! objectives that changed (`delta`). Reading puts the records back together into the stored
//! text `store::decode` reads (`assemble`), so migrations and checks have one home.
//!
//! Pure functions over text; `browser::database` does the reading and writing.

use std::collections::HashMap;

use crate::model::{Id, Objective, Plan};
use crate::store::{EncodeError, LoadError};
use crate::validate;

/// The plan's own fields without its objectives, as a JSON object.
/// Refused, as `store::encode` refuses a plan, when it would not read back
/// (`validate::head_record`).
pub(crate) fn encode_head(plan: &Plan) -> Result<String, EncodeError> {
    validate::head_record(plan).map_err(EncodeError::Invalid)?;
    serde_json::to_string(&plan.head()).map_err(|e| EncodeError::Json(e.to_string()))
}

/// An objective's record; refused when it would not read back (`validate::objective_record`).
pub(crate) fn encode_objective(objective: &Objective) -> Result<String, EncodeError> {
    validate::objective_record(objective).map_err(EncodeError::Invalid)?;
    serde_json::to_string(objective).map_err(|e| EncodeError::Json(e.to_string()))
}

/// The stored text (`store::encode`'s envelope) of a plan kept as records: `head` is
/// `encode_head`'s object, `objectives` the objectives' records in order.
pub(crate) fn assemble<'a>(
    schema_version: u64,
    head: &str,
    objectives: impl IntoIterator<Item = &'a str>,
) -> Result<String, LoadError> {
    let head = head.trim();
    let inner = head
        .strip_prefix('{')
        .and_then(|h| h.strip_suffix('}'))
        .ok_or_else(|| LoadError::Unreadable("the plan's head record is damaged".into()))?;
    let mut text = String::with_capacity(head.len() + 64);
    text.push_str("{\"schema_version\":");
    text.push_str(&schema_version.to_string());
    text.push_str(",\"plan\":{");
    text.push_str(inner);
    if !inner.trim().is_empty() {
        text.push(',');
    }
    text.push_str("\"objectives\":[");
    for (i, o) in objectives.into_iter().enumerate() {
        if i > 0 {
            text.push(',');
        }
        text.push_str(o);
    }
    text.push_str("]}}");
    Ok(text)
}

/// What one save writes.
#[derive(Clone, Debug, PartialEq)]
pub struct Delta {
    /// `encode_head` of the plan.
    pub head: String,
    /// The objectives' ids in plan order.
    pub order: Vec<u64>,
    /// Objective records to write: id and text.
    pub puts: Vec<(u64, String)>,
    /// Objective records to remove.
    pub deletes: Vec<u64>,
    /// What is stored is not known (first save, or a save failed): every objective record of
    /// the plan is removed before `puts`, which then holds them all.
    pub full: bool,
    /// The plan's stored size after this save, in characters (for the versions' budget).
    pub size: usize,
    /// Anything differs from the baseline (the head, the order, a record).
    pub changed: bool,
    pub name: String,
    pub objectives: usize,
    pub key_results: usize,
}

impl Delta {
    /// Nothing to write.
    pub fn is_empty(&self) -> bool {
        !self.changed
    }
}

/// The plan as last handed to the database: its head, the objectives' order, each objective
/// and the length of its record.
#[derive(Clone, Debug, Default)]
pub struct Baseline {
    objectives: HashMap<Id, (Objective, usize)>,
    /// `None`: the head written is not known (it did not encode), so the next save writes it.
    head: Option<String>,
    order: Vec<u64>,
}

impl Baseline {
    /// The plan as read, with the length of each objective's record (`sizes`, by id; a
    /// missing one counts as empty).
    pub fn of(plan: &Plan, sizes: &HashMap<u64, usize>) -> Self {
        Baseline {
            objectives: plan
                .objectives
                .iter()
                .map(|o| {
                    let size = sizes.get(&o.id.0).copied().unwrap_or(0);
                    (o.id, (o.clone(), size))
                })
                .collect(),
            head: encode_head(plan).ok(),
            order: plan.objectives.iter().map(|o| o.id.0).collect(),
        }
    }
}

/// What to write to bring the stored plan from `baseline` to `plan`; `baseline` becomes
/// `plan`. No baseline (`None`): everything (`Delta::full`). On an error the baseline is
/// dropped, so the next save writes everything.
pub fn delta(baseline: &mut Option<Baseline>, plan: &Plan) -> Result<Delta, EncodeError> {
    let result = delta_from(baseline.take(), plan);
    match result {
        Ok((delta, next)) => {
            *baseline = Some(next);
            Ok(delta)
        }
        Err(e) => Err(e),
    }
}

fn delta_from(baseline: Option<Baseline>, plan: &Plan) -> Result<(Delta, Baseline), EncodeError> {
    let full = baseline.is_none();
    let Baseline {
        objectives: mut old,
        head: old_head,
        order: old_order,
    } = baseline.unwrap_or_default();
    let head = encode_head(plan)?;
    let mut next = HashMap::with_capacity(plan.objectives.len());
    let mut puts = Vec::new();
    let mut size = head.len();
    for o in &plan.objectives {
        let (kept, len) = match old.remove(&o.id) {
            Some((saved, len)) if saved == *o => (saved, len),
            _ => {
                let text = encode_objective(o)?;
                let len = text.len();
                puts.push((o.id.0, text));
                (o.clone(), len)
            }
        };
        size += len + 1;
        next.insert(o.id, (kept, len));
    }
    let mut deletes: Vec<u64> = old.into_keys().map(|id| id.0).collect();
    deletes.sort_unstable();
    if full {
        deletes.clear();
    }
    let order: Vec<u64> = plan.objectives.iter().map(|o| o.id.0).collect();
    let changed = full
        || !puts.is_empty()
        || !deletes.is_empty()
        || old_head.as_ref() != Some(&head)
        || order != old_order;
    let delta = Delta {
        head: head.clone(),
        order: order.clone(),
        changed,
        puts,
        deletes,
        full,
        size,
        name: plan.name.clone(),
        objectives: plan.objectives.len(),
        key_results: plan.key_result_count(),
    };
    Ok((
        delta,
        Baseline {
            objectives: next,
            head: Some(head),
            order,
        },
    ))
}

/// The key of an objective's record: the plan's key, `#`, the objective's id. All records of
/// a plan lie between `records_from` and `records_to`.
pub fn record_key(plan_key: &str, id: u64) -> String {
    format!("{plan_key}#{id}")
}

pub fn records_from(plan_key: &str) -> String {
    format!("{plan_key}#")
}

pub fn records_to(plan_key: &str) -> String {
    format!("{plan_key}#\u{ffff}")
}

/// The objective id in a record key of `plan_key`.
pub fn record_id(plan_key: &str, key: &str) -> Option<u64> {
    key.strip_prefix(plan_key)?.strip_prefix('#')?.parse().ok()
}

/// Puts a plan read as records back together, in `order`: `records` maps ids to texts.
/// A listed objective without its record makes the plan unreadable (never a plan with a hole).
pub fn assemble_records(
    schema_version: u64,
    head: &str,
    order: &[u64],
    records: &HashMap<u64, String>,
) -> Result<String, LoadError> {
    let texts = order
        .iter()
        .map(|id| {
            records
                .get(id)
                .map(String::as_str)
                .ok_or_else(|| LoadError::Unreadable(format!("objective {id}'s record is missing")))
        })
        .collect::<Result<Vec<&str>, LoadError>>()?;
    assemble(schema_version, head, texts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store;

    fn sample() -> Plan {
        let mut plan = crate::example::example_plan();
        plan.is_example = false;
        plan
    }

    fn stored_text(delta: &Delta) -> String {
        let records: HashMap<u64, String> = delta.puts.iter().cloned().collect();
        assemble_records(store::SCHEMA_VERSION, &delta.head, &delta.order, &records).unwrap()
    }

    #[test]
    fn records_put_together_read_as_the_plan() {
        let plan = sample();
        let mut baseline = None;
        let d = delta(&mut baseline, &plan).unwrap();
        assert!(d.full);
        assert_eq!(d.puts.len(), plan.objectives.len());
        assert_eq!(store::decode(&stored_text(&d)).unwrap(), plan);
        // The same text as the whole-plan encoding would give, field for field.
        let whole: serde_json::Value =
            serde_json::from_str(&store::encode(&plan).unwrap()).unwrap();
        let assembled: serde_json::Value = serde_json::from_str(&stored_text(&d)).unwrap();
        assert_eq!(whole, assembled);
    }

    #[test]
    fn a_save_writes_only_the_objectives_that_changed() {
        let mut plan = sample();
        let mut baseline = None;
        let first = delta(&mut baseline, &plan).unwrap();
        let unchanged = delta(&mut baseline, &plan).unwrap();
        assert!(!unchanged.full && unchanged.is_empty());
        assert!(unchanged.puts.is_empty() && unchanged.deletes.is_empty());
        assert_eq!(unchanged.size, first.size);

        plan.objectives[1].key_results[0].current = Some(12345.0);
        let gone = plan.objectives.remove(0).id.0;
        let d = delta(&mut baseline, &plan).unwrap();
        assert!(!d.is_empty());
        assert_eq!(d.puts.len(), 1);
        assert_eq!(d.puts[0].0, plan.objectives[0].id.0);
        assert_eq!(d.deletes, vec![gone]);
        assert_eq!(d.order.len(), plan.objectives.len());
        assert_eq!(d.key_results, plan.key_result_count());
        // A rename touches the head only; a move, the order only.
        plan.name = "Renamed".into();
        let renamed = delta(&mut baseline, &plan).unwrap();
        assert!(!renamed.is_empty() && renamed.puts.is_empty());
        plan.objectives.swap(0, 1);
        let moved = delta(&mut baseline, &plan).unwrap();
        assert!(!moved.is_empty() && moved.puts.is_empty());
        assert!(delta(&mut baseline, &plan).unwrap().is_empty());
    }

    #[test]
    fn a_loaded_baseline_knows_what_is_stored() {
        let plan = sample();
        let sizes: HashMap<u64, usize> = plan
            .objectives
            .iter()
            .map(|o| (o.id.0, encode_objective(o).unwrap().len()))
            .collect();
        let mut baseline = Some(Baseline::of(&plan, &sizes));
        let d = delta(&mut baseline, &plan).unwrap();
        assert!(d.puts.is_empty() && !d.full && d.is_empty());
        let mut none = None;
        assert_eq!(d.size, delta(&mut none, &plan).unwrap().size);
    }

    #[test]
    fn a_plan_that_would_not_read_back_is_not_saved_and_the_next_save_writes_all() {
        let mut plan = sample();
        let mut baseline = None;
        delta(&mut baseline, &plan).unwrap();
        plan.objectives[1].weight = -1.0;
        assert!(matches!(
            delta(&mut baseline, &plan),
            Err(EncodeError::Invalid(
                crate::validate::Invalid::NegativeWeight
            ))
        ));
        assert!(baseline.is_none(), "what is stored is no longer known");
        plan.objectives[1].weight = 1.0;
        plan.pace_margin = f64::NAN;
        assert!(encode_head(&plan).is_err());
        plan.pace_margin = 0.2;
        let d = delta(&mut baseline, &plan).unwrap();
        assert!(d.full && d.puts.len() == plan.objectives.len());
    }

    #[test]
    fn a_missing_or_damaged_record_is_unreadable_never_a_hole() {
        let plan = sample();
        let d = delta(&mut None, &plan).unwrap();
        let mut records: HashMap<u64, String> = d.puts.iter().cloned().collect();
        records.remove(&d.order[0]);
        assert!(assemble_records(store::SCHEMA_VERSION, &d.head, &d.order, &records).is_err());
        assert!(assemble(store::SCHEMA_VERSION, "not an object", ["{}"]).is_err());
        // A head with no fields still assembles.
        assert!(assemble(store::SCHEMA_VERSION, "{}", []).is_ok());
    }

    #[test]
    fn record_keys_belong_to_their_plan_only() {
        let k = record_key("okr-grid/v1/plan-2", 17);
        assert_eq!(record_id("okr-grid/v1/plan-2", &k), Some(17));
        assert_eq!(record_id("okr-grid/v1/plan", &k), None);
        assert!(k.as_str() > records_from("okr-grid/v1/plan-2").as_str());
        assert!(k.as_str() < records_to("okr-grid/v1/plan-2").as_str());
        // Plan "…plan-2" and "…plan-20" do not share records.
        let other = record_key("okr-grid/v1/plan-20", 1);
        assert!(other.as_str() > records_to("okr-grid/v1/plan-2").as_str());
    }
}
