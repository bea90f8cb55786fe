//! The agency overview kept for a few seconds per scope, language, filter and day, so that a
//! room of admins opening it before a meeting costs one reading of the summary tables, not one
//! each (on PostgreSQL its seven queries were the page's cost).
//!
//! The figures under it are already up to one refresher tick old; keeping the overview
//! [`KEPT_FOR`] more stays well inside the minute the dashboards promise. An overview counted
//! before the refresher's first pass (no `refreshed_at`) is never kept, so the first counted
//! figures show as soon as they exist. The map holds at most [`MAX_KEPT`] overviews: a caller
//! who sends endless distinct filters only ever evicts, never grows it.

use crate::model::dashboards::view::{AgencyOverview, OverviewFilter};
use crate::model::Lang;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long an overview is served as it was put together.
pub const KEPT_FOR: Duration = Duration::from_secs(10);
/// The most overviews kept at once.
pub const MAX_KEPT: usize = 256;

/// Overviews put together in the last [`KEPT_FOR`], by [`OverviewCache::key`].
#[derive(Debug, Default)]
pub struct OverviewCache {
    kept: Mutex<HashMap<String, (Instant, Arc<AgencyOverview>)>>,
}

impl OverviewCache {
    /// What tells two requests for the same overview apart.
    pub fn key(root: i64, lang: Lang, filter: &OverviewFilter, today: &str) -> String {
        format!("{root}|{}|{today}|{}", lang.code(), filter.query())
    }

    /// The overview kept under `key` if it is fresh enough at `now`.
    pub fn get(&self, key: &str, now: Instant) -> Option<Arc<AgencyOverview>> {
        let kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        kept.get(key)
            .filter(|(at, _)| now.saturating_duration_since(*at) < KEPT_FOR)
            .map(|(_, overview)| overview.clone())
    }

    /// Keeps `overview` under `key` from `now`, unless it holds no counted figures yet.
    pub fn put(&self, key: String, overview: Arc<AgencyOverview>, now: Instant) {
        if overview.dashboard.refreshed_at.is_none() {
            return;
        }
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        if kept.len() >= MAX_KEPT && !kept.contains_key(&key) {
            kept.retain(|_, (at, _)| now.saturating_duration_since(*at) < KEPT_FOR);
            if kept.len() >= MAX_KEPT {
                kept.clear();
            }
        }
        kept.insert(key, (now, overview));
    }

    /// How many overviews are kept (for tests and metrics).
    pub fn len(&self) -> usize {
        self.kept.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    /// Whether none is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::dashboards::view::Dashboard;

    fn overview(counted: Option<i64>) -> Arc<AgencyOverview> {
        Arc::new(AgencyOverview {
            dashboard: Dashboard {
                refreshed_at: counted,
                ..Dashboard::default()
            },
            filter: OverviewFilter::default(),
            programs: Vec::new(),
            institutions: Vec::new(),
        })
    }

    #[test]
    fn an_overview_is_served_for_its_time_then_put_together_again() {
        let cache = OverviewCache::default();
        let start = Instant::now();
        let key = OverviewCache::key(1, Lang::Id, &OverviewFilter::default(), "2026-12-06");
        cache.put(key.clone(), overview(Some(5)), start);
        assert!(cache.get(&key, start + Duration::from_secs(9)).is_some());
        assert!(cache.get(&key, start + KEPT_FOR).is_none());
    }

    #[test]
    fn scope_language_filter_and_day_are_kept_apart() {
        let filter = OverviewFilter {
            region: Some("33".to_string()),
            ..OverviewFilter::default()
        };
        let keys = [
            OverviewCache::key(1, Lang::Id, &OverviewFilter::default(), "2026-12-06"),
            OverviewCache::key(2, Lang::Id, &OverviewFilter::default(), "2026-12-06"),
            OverviewCache::key(1, Lang::En, &OverviewFilter::default(), "2026-12-06"),
            OverviewCache::key(1, Lang::Id, &filter, "2026-12-06"),
            OverviewCache::key(1, Lang::Id, &OverviewFilter::default(), "2026-12-07"),
        ];
        let distinct: std::collections::HashSet<_> = keys.iter().collect();
        assert_eq!(distinct.len(), keys.len());
    }

    #[test]
    fn an_uncounted_overview_is_not_kept() {
        let cache = OverviewCache::default();
        let now = Instant::now();
        cache.put("k".to_string(), overview(None), now);
        assert!(cache.get("k", now).is_none());
        assert!(cache.is_empty());
    }

    #[test]
    fn endless_distinct_filters_never_grow_it_past_its_bound() {
        let cache = OverviewCache::default();
        let now = Instant::now();
        for n in 0..(3 * MAX_KEPT) {
            cache.put(format!("k{n}"), overview(Some(1)), now);
            assert!(cache.len() <= MAX_KEPT);
        }
        // The latest is always served.
        assert!(cache.get(&format!("k{}", 3 * MAX_KEPT - 1), now).is_some());
    }
}
