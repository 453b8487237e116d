//! Version history: a saved copy of a plan before every action that replaces much of it, and at
//! most every ten minutes while editing, kept for thirty days or up to a size budget. The
//! rules (when one is due, which ones to drop) live here; `browser::database` stores them and
//! `ui::versions_view` lists and restores them.

use serde::{Deserialize, Serialize};

/// Why a version was saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// Before an import added to or replaced the plan.
    Import,
    /// Before "Replace" took the plan's place (an import or a merge).
    Replace,
    /// Before a period was closed.
    ClosePeriod,
    /// Before unfinished key results were copied forward.
    CopyForward,
    /// Before the plan was deleted.
    Delete,
    /// While editing, at most every `EDITING_EVERY_MS`.
    Editing,
    /// This tab's edits, when another tab had saved the plan in the meantime.
    OtherTab,
    /// Before a version was restored over the plan.
    Restore,
    /// Anything else a future build names: listed, never dropped for it.
    #[serde(other)]
    Other,
}

/// One saved version, as listed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// The database's key for it (0 before it is stored).
    #[serde(default)]
    pub id: u64,
    /// The key of the plan it is a version of.
    pub plan_key: String,
    /// When, in milliseconds since 1970 (the browser's clock).
    pub time_ms: f64,
    pub reason: Reason,
    pub name: String,
    pub objectives: usize,
    pub key_results: usize,
    /// Its size in characters (for the budget).
    pub size: usize,
}

pub(crate) const DAY_MS: f64 = 24.0 * 60.0 * 60.0 * 1000.0;
/// How long versions are kept.
pub(crate) const KEEP_MS: f64 = 30.0 * DAY_MS;
/// While editing, a version at most this often.
pub(crate) const EDITING_EVERY_MS: f64 = 10.0 * 60.0 * 1000.0;
/// All versions together stay under this many characters (about 400 MB as the browser stores
/// text); the oldest go first.
pub(crate) const BUDGET_CHARS: usize = 200_000_000;

/// Whether an editing version is due: none yet this session, or the last is ten minutes old.
pub fn editing_due(last_ms: Option<f64>, now_ms: f64) -> bool {
    last_ms.is_none_or(|last| now_ms - last >= EDITING_EVERY_MS || now_ms < last)
}

/// The versions to drop: those older than thirty days, then the oldest while all of them
/// together pass the budget. The newest version of each plan is always kept, so a plan's last
/// safety copy never goes for another's.
pub fn to_drop(all: &[Meta], now_ms: f64) -> Vec<u64> {
    let mut sorted: Vec<&Meta> = all.iter().collect();
    sorted.sort_by(|a, b| a.time_ms.total_cmp(&b.time_ms).then(a.id.cmp(&b.id)));
    let newest: std::collections::HashSet<u64> = {
        let mut last = std::collections::HashMap::new();
        for m in &sorted {
            last.insert(m.plan_key.as_str(), m.id);
        }
        last.into_values().collect()
    };
    let mut total: usize = sorted.iter().map(|m| m.size).sum();
    let mut drop = Vec::new();
    for m in sorted {
        if newest.contains(&m.id) {
            continue;
        }
        if now_ms - m.time_ms > KEEP_MS || total > BUDGET_CHARS {
            total = total.saturating_sub(m.size);
            drop.push(m.id);
        }
    }
    drop
}

/// A plan's versions, newest first.
pub fn of_plan<'a>(all: &'a [Meta], plan_key: &str) -> Vec<&'a Meta> {
    let mut list: Vec<&Meta> = all.iter().filter(|m| m.plan_key == plan_key).collect();
    list.sort_by(|a, b| b.time_ms.total_cmp(&a.time_ms).then(b.id.cmp(&a.id)));
    list
}

/// A size in bytes as the storage line says it: "820 KB", "12.5 MB", "1.2 GB".
pub fn size_text(bytes: f64) -> String {
    const KB: f64 = 1000.0;
    const MB: f64 = KB * 1000.0;
    const GB: f64 = MB * 1000.0;
    let bytes = if bytes.is_finite() {
        bytes.max(0.0)
    } else {
        0.0
    };
    if bytes >= GB {
        format!("{:.1} GB", bytes / GB)
    } else if bytes >= MB {
        format!("{:.1} MB", bytes / MB)
    } else {
        format!("{:.0} KB", (bytes / KB).ceil())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(id: u64, plan: &str, days_ago: f64, size: usize) -> Meta {
        Meta {
            id,
            plan_key: plan.into(),
            time_ms: 100.0 * DAY_MS - days_ago * DAY_MS,
            reason: Reason::Editing,
            name: "p".into(),
            objectives: 1,
            key_results: 3,
            size,
        }
    }

    const NOW: f64 = 100.0 * DAY_MS;

    #[test]
    fn versions_older_than_thirty_days_go_but_each_plans_newest_stays() {
        let all = [
            meta(1, "a", 40.0, 10),
            meta(2, "a", 31.0, 10),
            meta(3, "a", 2.0, 10),
            meta(4, "b", 45.0, 10),
        ];
        assert_eq!(to_drop(&all, NOW), vec![1, 2]);
    }

    #[test]
    fn past_the_budget_the_oldest_go_first() {
        let big = BUDGET_CHARS / 2;
        let all = [
            meta(1, "a", 3.0, big),
            meta(2, "a", 2.0, big),
            meta(3, "a", 1.0, big),
        ];
        assert_eq!(to_drop(&all, NOW), vec![1]);
        // A single version bigger than the budget is still kept: it is the plan's newest.
        assert!(to_drop(&[meta(1, "a", 0.0, BUDGET_CHARS * 2)], NOW).is_empty());
    }

    #[test]
    fn an_editing_version_is_due_every_ten_minutes() {
        assert!(editing_due(None, NOW));
        assert!(!editing_due(Some(NOW - 60_000.0), NOW));
        assert!(editing_due(Some(NOW - EDITING_EVERY_MS), NOW));
        // A clock set back does not stop versions for good.
        assert!(editing_due(Some(NOW + DAY_MS), NOW));
    }

    #[test]
    fn a_plans_versions_are_listed_newest_first() {
        let all = [
            meta(1, "a", 3.0, 1),
            meta(2, "b", 2.0, 1),
            meta(3, "a", 1.0, 1),
        ];
        let ids: Vec<u64> = of_plan(&all, "a").iter().map(|m| m.id).collect();
        assert_eq!(ids, vec![3, 1]);
    }

    #[test]
    fn sizes_are_said_in_the_unit_that_fits() {
        assert_eq!(size_text(0.0), "0 KB");
        assert_eq!(size_text(1.0), "1 KB");
        assert_eq!(size_text(819_500.0), "820 KB");
        assert_eq!(size_text(12_500_000.0), "12.5 MB");
        assert_eq!(size_text(1.2e9), "1.2 GB");
        assert_eq!(size_text(f64::NAN), "0 KB");
    }

    #[test]
    fn a_reason_a_later_build_names_is_read() {
        let text = r#"{"plan_key":"k","time_ms":1.0,"reason":"tidy_up","name":"n","objectives":0,"key_results":0,"size":0}"#;
        let m: Meta = serde_json::from_str(text).unwrap();
        assert_eq!(m.reason, Reason::Other);
    }
}
