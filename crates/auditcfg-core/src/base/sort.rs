//! Stable sorting without a copy of the standard sort per call site.
//!
//! `slice::sort_by` is generic over the element and the comparator, so
//! every call site gets its own copy of the sort: in the WebAssembly builds
//! 117 copies made 65 KB of the app's code (BENCHMARKS.md, "What the app's
//! wasm is made of"). These functions sort a list of indices with one
//! comparator type (`&mut dyn FnMut`), so the standard sort is compiled
//! once for all of them, then move the elements into place. The order is
//! exactly `slice::sort_by`'s (stable); the cost is an indirect call per
//! comparison and one pass to permute, which the short lists sorted here
//! (findings, edits, object keys) do not notice.

use std::cmp::Ordering;

/// Sorts stably by `compare`: the order of `slice::sort_by`.
pub fn sort_by<T>(v: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let order = {
        let items: &[T] = v;
        sorted_indices(items.len(), &mut |a, b| compare(&items[a], &items[b]))
    };
    permute(v, &order);
}

/// Sorts stably by a key: the order of `slice::sort_by_key`.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts stably: the order of `slice::sort` (and of `sort_unstable` for
/// elements whose equal values cannot be told apart).
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// `0..n` ordered by `compare` (stably): the one instance of the sort.
fn sorted_indices(n: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Rearranges `v` so that position `i` holds what was at `order[i]`,
/// following each cycle of the permutation with swaps.
fn permute<T>(v: &mut [T], order: &[usize]) {
    let mut placed = vec![false; v.len()];
    for start in 0..v.len() {
        if placed[start] {
            continue;
        }
        let mut i = start;
        loop {
            placed[i] = true;
            let j = order[i];
            if j == start {
                break;
            }
            v.swap(i, j);
            i = j;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The same order as the standard stable sort, equal keys
        /// included (the second field tells equal keys apart).
        #[test]
        // `sort_by` with a plain comparator is the point of the comparison.
        #[allow(clippy::unnecessary_sort_by)]
        fn same_order_as_the_standard_sort(keys in proptest::collection::vec(0u8..6, 0..64)) {
            let items: Vec<(u8, usize)> = keys.into_iter().enumerate().map(|(i, k)| (k, i)).collect();
            let mut ours = items.clone();
            sort_by_key(&mut ours, |e| e.0);
            let mut std_ = items.clone();
            std_.sort_by_key(|e| e.0);
            prop_assert_eq!(&ours, &std_);
            let mut ours = items.clone();
            sort_by(&mut ours, |a, b| b.0.cmp(&a.0));
            let mut std_ = items.clone();
            std_.sort_by(|a, b| b.0.cmp(&a.0));
            prop_assert_eq!(&ours, &std_);
            let mut ours = items.clone();
            sort(&mut ours);
            let mut std_ = items;
            std_.sort();
            prop_assert_eq!(ours, std_);
        }
    }

    #[test]
    fn moves_owned_values() {
        let mut v = vec!["c".to_owned(), "a".to_owned(), "b".to_owned()];
        sort(&mut v);
        assert_eq!(v, ["a", "b", "c"]);
    }
}
