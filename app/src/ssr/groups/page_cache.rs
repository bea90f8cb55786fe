//! What a big roster's pages need kept between requests, so that page 620 of 1,240 or page 3 of
//! a filter does not walk or join tens of thousands of rows again:
//!
//! - for an unfiltered roster, the first enrolment id of every page (1,240 ids for 62,000 rows),
//!   so that a page is one index seek (`id >= start`) instead of an `offset` walk;
//! - for a filtered one, the ids of its first matches (up to the count bound), which are its total
//!   and every page within the bound.
//!
//! An entry is used only while the cohort's [`Version`] is what it was when the entry was made
//! (the kept count for the status, and the newest change the database's triggers noted for the
//! cohort in `dashboard_change`: an enrolment's status or group, a profile's school or region),
//! and for at most [`KEPT_FOR`]. An approval, a move to another group or an edited profile
//! shows on the next page load; an account's new name or e-mail (which a search matches) within
//! those seconds. The map holds at most [`MAX_KEPT`] entries: endless distinct
//! filters only evict.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long an entry serves.
pub const KEPT_FOR: Duration = Duration::from_secs(10);
/// The most entries kept at once.
pub const MAX_KEPT: usize = 256;

/// What a kept entry was made from: the kept count of the cohort and status, and the id of the
/// newest change noted for the cohort (none once the dashboards' refresher has consumed them).
pub type Version = (i64, Option<i64>);

#[derive(Debug)]
struct Entry {
    made: Instant,
    version: Version,
    ids: Arc<Vec<i64>>,
}

/// Page starts and filtered matches by [`RosterCache`] key.
#[derive(Debug, Default)]
pub struct RosterCache {
    kept: Mutex<HashMap<String, Entry>>,
}

impl RosterCache {
    /// The ids kept under `key`, if made at the same `version` less than [`KEPT_FOR`] before
    /// `now`.
    pub fn get(&self, key: &str, version: Version, now: Instant) -> Option<Arc<Vec<i64>>> {
        let kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        kept.get(key)
            .filter(|e| e.version == version && now.saturating_duration_since(e.made) < KEPT_FOR)
            .map(|e| e.ids.clone())
    }

    /// Keeps `ids` under `key`, made at `version`.
    pub fn put(&self, key: String, version: Version, ids: Arc<Vec<i64>>, now: Instant) {
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        if kept.len() >= MAX_KEPT && !kept.contains_key(&key) {
            kept.retain(|_, e| now.saturating_duration_since(e.made) < KEPT_FOR);
            if kept.len() >= MAX_KEPT {
                kept.clear();
            }
        }
        kept.insert(
            key,
            Entry {
                made: now,
                version,
                ids,
            },
        );
    }

    /// Entries kept now.
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

    #[test]
    fn an_entry_serves_while_its_count_holds_and_for_its_time() {
        let cache = RosterCache::default();
        let now = Instant::now();
        cache.put(
            "7|approved".into(),
            (62_000, Some(40)),
            Arc::new(vec![1, 51, 101]),
            now,
        );
        assert!(cache
            .get(
                "7|approved",
                (62_000, Some(40)),
                now + Duration::from_secs(9)
            )
            .is_some());
        // One more approval: the pages move.
        assert!(cache.get("7|approved", (62_001, Some(41)), now).is_none());
        // A participant moved to another group: same count, a newer change.
        assert!(cache.get("7|approved", (62_000, Some(41)), now).is_none());
        assert!(cache
            .get("7|approved", (62_000, Some(40)), now + KEPT_FOR)
            .is_none());
        assert!(cache.get("8|approved", (62_000, Some(40)), now).is_none());
    }

    #[test]
    fn endless_keys_never_grow_it_past_its_bound() {
        let cache = RosterCache::default();
        let now = Instant::now();
        for n in 0..(2 * MAX_KEPT + 3) {
            cache.put(format!("k{n}"), (1, None), Arc::new(vec![n as i64]), now);
            assert!(cache.len() <= MAX_KEPT);
        }
    }
}
