//! Step 1 of a search: which quotes can match, by plain matching alone.

use std::sync::atomic::AtomicBool;

use super::plan::{CHECK_EVERY, Plan, cancelled};

/// Which quotes to score, and whether the fuzzy fallback is in play.
pub(crate) struct Selection {
    pub records: Vec<u32>,
    /// Some group matches plainly in none of `records`: each of those
    /// groups may match them fuzzily instead.
    pub fuzzy: bool,
    /// How many groups each of `records` matches plainly: all of them, or,
    /// under the fuzzy fallback, the most any quote matches. An archive
    /// searched file by file keeps the files where this is highest, as one
    /// index over all their quotes would.
    pub plain_groups: usize,
}

/// The quotes that pass the filters and match every group plainly. When no
/// quote does, the quotes that match the most groups plainly (every quote
/// when none matches any), for the fuzzy fallback to decide on.
///
/// Groups are tried in the order typed: the first by one scan of all the
/// text, the others only in the quotes still standing. Counting the groups
/// each quote matches takes a scan per group, so it waits until that fails;
/// it keeps one misspelt word that happens to occur elsewhere (`its` in
/// `itself`) from hiding the quote the other words agree on.
///
/// Within `within` only the first step is taken: a caller that finds the
/// fuzzy fallback needed searches everything instead.
pub(crate) fn select(
    plan: &Plan,
    within: Option<Vec<u32>>,
    cancel: &AtomicBool,
) -> Option<Selection> {
    let searched_within = within.is_some();
    let within = match within {
        Some(within) => Some(kept(plan, within, cancel)?),
        None => None,
    };
    match in_typed_order(plan, within, cancel)? {
        Some(records) => Some(Selection {
            records,
            fuzzy: false,
            plain_groups: plan.groups.len(),
        }),
        None if searched_within => Some(Selection {
            records: Vec::new(),
            fuzzy: true,
            plain_groups: 0,
        }),
        None => most_groups(plan, cancel),
    }
}

/// The quotes matching every group plainly, or `None` when a group matches
/// none of them.
fn in_typed_order(
    plan: &Plan,
    mut set: Option<Vec<u32>>,
    cancel: &AtomicBool,
) -> Option<Option<Vec<u32>>> {
    for group in &plan.groups {
        let next = match &set {
            None => kept(plan, plan.scan(group, cancel)?, cancel)?,
            Some(set) => {
                let has = |r| group.iter().any(|alt| plan.has_plain(alt, r));
                retain(set.iter().copied(), has, cancel)?
            }
        };
        if next.is_empty() {
            return Some(None);
        }
        set = Some(next);
    }
    Some(Some(all_if_none(plan, set, cancel)?))
}

fn most_groups(plan: &Plan, cancel: &AtomicBool) -> Option<Selection> {
    let mut count = vec![0u16; plan.index.len()];
    for group in &plan.groups {
        for record in kept(plan, plan.scan(group, cancel)?, cancel)? {
            count[record as usize] = count[record as usize].saturating_add(1);
        }
    }
    let most = count.iter().copied().max().unwrap_or(0);
    let records = match most {
        0 => all_if_none(plan, None, cancel)?,
        _ => (0..count.len() as u32)
            .filter(|&r| count[r as usize] == most)
            .collect(),
    };
    Some(Selection {
        records,
        fuzzy: true,
        plain_groups: usize::from(most),
    })
}

fn all_if_none(plan: &Plan, set: Option<Vec<u32>>, cancel: &AtomicBool) -> Option<Vec<u32>> {
    match set {
        Some(set) => Some(set),
        None => kept(plan, (0..plan.index.len() as u32).collect(), cancel),
    }
}

/// The records that pass the filters and exclusions.
fn kept(plan: &Plan, records: Vec<u32>, cancel: &AtomicBool) -> Option<Vec<u32>> {
    if plan.keeps_all() {
        return Some(records);
    }
    retain(records.into_iter(), |r| plan.keeps(r), cancel)
}

fn retain(
    records: impl Iterator<Item = u32>,
    keep: impl Fn(usize) -> bool,
    cancel: &AtomicBool,
) -> Option<Vec<u32>> {
    let mut kept = Vec::new();
    for (n, record) in records.enumerate() {
        if n % CHECK_EVERY == CHECK_EVERY - 1 && cancelled(cancel) {
            return None;
        }
        if keep(record as usize) {
            kept.push(record);
        }
    }
    Some(kept)
}
