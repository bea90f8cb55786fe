//! The automatic assignment plan, as pure code: balanced group sizes within capacities, and
//! participants with the same (school level, subject, region) kept in one group where it fits.

use std::collections::BTreeMap;

/// A group as the plan sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slot {
    pub group_id: i64,
    pub capacity: i64,
    pub members: i64,
}

/// A participant waiting for a group, with the key that should keep them together.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Waiting {
    pub enrolment_id: i64,
    pub key: String,
}

/// The result: enrolment ids per group, and the ids that did not fit anywhere.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    pub placements: BTreeMap<i64, Vec<i64>>,
    pub unplaced: Vec<i64>,
}

/// How many each group should hold in the end: sizes as even as the current members and the
/// capacities allow ("water filling"), for `total` members overall. Ties go to earlier groups.
pub fn targets(slots: &[Slot], total: i64) -> Vec<i64> {
    let fill = |level: i64| -> Vec<i64> {
        slots
            .iter()
            .map(|s| level.clamp(s.members.min(s.capacity), s.capacity.max(s.members)))
            .collect()
    };
    let sum = |v: &[i64]| v.iter().sum::<i64>();
    let most = slots
        .iter()
        .map(|s| s.capacity.max(s.members))
        .max()
        .unwrap_or(0);
    // The highest level whose fill does not exceed `total`.
    let (mut low, mut high) = (0, most);
    while low < high {
        let mid = (low + high + 1) / 2;
        if sum(&fill(mid)) <= total {
            low = mid;
        } else {
            high = mid - 1;
        }
    }
    let mut result = fill(low);
    let mut remainder = total - sum(&result);
    for (target, slot) in result.iter_mut().zip(slots) {
        if remainder <= 0 {
            break;
        }
        if *target == low && low < slot.capacity {
            *target += 1;
            remainder -= 1;
        }
    }
    result
}

/// Plans where each waiting participant goes. Clusters (same key) are placed biggest first into
/// the group with the most room left under its target; a cluster is split only when it does not
/// fit. Deterministic: the same input gives the same plan.
pub fn plan(slots: &[Slot], waiting: &[Waiting]) -> Plan {
    let current: i64 = slots.iter().map(|s| s.members).sum();
    let free: i64 = slots.iter().map(|s| (s.capacity - s.members).max(0)).sum();
    let placeable = (waiting.len() as i64).min(free);
    let targets = targets(slots, current + placeable);
    let mut room: Vec<i64> = targets
        .iter()
        .zip(slots)
        .map(|(t, s)| (t - s.members).max(0))
        .collect();

    let mut clusters: BTreeMap<&str, Vec<i64>> = BTreeMap::new();
    for w in waiting {
        clusters
            .entry(w.key.as_str())
            .or_default()
            .push(w.enrolment_id);
    }
    let mut clusters: Vec<(&str, Vec<i64>)> = clusters.into_iter().collect();
    for (_, ids) in clusters.iter_mut() {
        ids.sort_unstable();
    }
    clusters.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));

    let mut result = Plan::default();
    for (_, ids) in clusters {
        let mut rest: &[i64] = &ids;
        while !rest.is_empty() {
            let need = rest.len() as i64;
            // A group where the whole rest fits, the tightest such one; else the roomiest.
            let fitting = room
                .iter()
                .enumerate()
                .filter(|(_, r)| **r >= need)
                .min_by_key(|(i, r)| (**r, *i))
                .map(|(i, _)| i);
            let roomiest = room
                .iter()
                .enumerate()
                .filter(|(_, r)| **r > 0)
                .max_by_key(|(i, r)| (**r, std::cmp::Reverse(*i)))
                .map(|(i, _)| i);
            let Some(index) = fitting.or(roomiest) else {
                result.unplaced.extend_from_slice(rest);
                break;
            };
            let take = need.min(room[index]) as usize;
            room[index] -= take as i64;
            result
                .placements
                .entry(slots[index].group_id)
                .or_default()
                .extend_from_slice(&rest[..take]);
            rest = &rest[take..];
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slot(group_id: i64, capacity: i64, members: i64) -> Slot {
        Slot {
            group_id,
            capacity,
            members,
        }
    }

    fn waiting(clusters: &[(&str, usize)]) -> Vec<Waiting> {
        let mut id = 0;
        let mut out = Vec::new();
        for (key, n) in clusters {
            for _ in 0..*n {
                id += 1;
                out.push(Waiting {
                    enrolment_id: id,
                    key: key.to_string(),
                });
            }
        }
        out
    }

    fn sizes(plan: &Plan, slots: &[Slot]) -> Vec<i64> {
        slots
            .iter()
            .map(|s| {
                s.members
                    + plan
                        .placements
                        .get(&s.group_id)
                        .map_or(0, |v| v.len() as i64)
            })
            .collect()
    }

    #[test]
    fn targets_are_even_within_capacities() {
        let slots = [slot(1, 10, 0), slot(2, 10, 0), slot(3, 3, 0)];
        assert_eq!(targets(&slots, 20), vec![9, 8, 3]);
        assert_eq!(targets(&slots, 9), vec![3, 3, 3]);
        assert_eq!(targets(&slots, 10), vec![4, 3, 3]);
        let with_members = [slot(1, 10, 7), slot(2, 10, 0)];
        assert_eq!(targets(&with_members, 10), vec![7, 3]);
    }

    #[test]
    fn a_perfect_split_keeps_every_cluster_whole() {
        let slots = [slot(1, 10, 0), slot(2, 10, 0)];
        let plan = plan(&slots, &waiting(&[("a", 6), ("b", 4), ("c", 5), ("d", 5)]));
        assert!(plan.unplaced.is_empty());
        assert_eq!(sizes(&plan, &slots), vec![10, 10]);
        let group_of = |id: i64| {
            plan.placements
                .iter()
                .find(|(_, ids)| ids.contains(&id))
                .map(|(g, _)| *g)
        };
        // ids 1..=6 are "a", 7..=10 "b", 11..=15 "c", 16..=20 "d".
        for range in [1..=6, 7..=10, 11..=15, 16..=20] {
            let groups: std::collections::BTreeSet<_> = range.map(group_of).collect();
            assert_eq!(groups.len(), 1, "{groups:?}");
        }
    }

    #[test]
    fn short_capacity_leaves_the_rest_unplaced() {
        let slots = [slot(1, 3, 1), slot(2, 2, 0)];
        let plan = plan(&slots, &waiting(&[("a", 4), ("b", 3)]));
        assert_eq!(plan.unplaced.len(), 3);
        assert_eq!(sizes(&plan, &slots), vec![3, 2]);
    }

    #[test]
    fn sizes_stay_within_one() {
        let slots = [slot(1, 50, 0), slot(2, 50, 0), slot(3, 50, 0)];
        let plan = plan(
            &slots,
            &waiting(&[("a", 17), ("b", 9), ("c", 30), ("d", 1)]),
        );
        let s = sizes(&plan, &slots);
        assert_eq!(s.iter().sum::<i64>(), 57);
        assert!(
            s.iter().max().unwrap_or(&0) - s.iter().min().unwrap_or(&0) <= 1,
            "{s:?}"
        );
    }
}
