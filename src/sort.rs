//! One stable sort for every list the crate orders (prompts, warnings, cut points).
//!
//! `slice::sort_by_key` is generic over the element and the key closure, so each call site
//! compiled to its own copy of the standard library's sort: about 14 KB of the `.wasm`.
//! Here only the small permutation step is generic; the sorting itself is one non-generic
//! sort of `(key, index)` pairs. The index breaks ties, so the result is the stable order.

/// Sorts `items` by `key`, keeping equal keys in their original order (a stable sort).
///
/// O(n log n) time and one `(u64, usize)` pair of extra memory per item.
pub(crate) fn by_key<T>(items: &mut [T], key: impl Fn(&T) -> u64) {
    if items.windows(2).all(|w| match w {
        [a, b] => key(a) <= key(b),
        _ => true,
    }) {
        return;
    }
    let mut order: Vec<(u64, usize)> = items.iter().map(key).zip(0..).collect();
    sort_pairs(&mut order);
    // `order[i].1` is where the item that belongs at `i` stands now: follow each cycle of
    // that permutation once, marking visited places by pointing them at themselves.
    for start in 0..order.len() {
        let mut at = start;
        while let Some(slot) = order.get_mut(at) {
            let from = slot.1;
            slot.1 = at;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

/// The non-generic sort every [`by_key`] shares; pairs are distinct, so unstable is exact.
/// A heapsort: O(n log n) at worst, no extra memory, and a few hundred bytes of `.wasm`
/// where `sort_unstable` costs about 4 KB.
fn sort_pairs(pairs: &mut [(u64, usize)]) {
    let n = pairs.len();
    for root in (0..n / 2).rev() {
        sift_down(pairs, root, n);
    }
    for end in (1..n).rev() {
        pairs.swap(0, end);
        sift_down(pairs, 0, end);
    }
}

/// Moves `pairs[root]` down the max-heap held in `pairs[..end]` to its place.
fn sift_down(pairs: &mut [(u64, usize)], mut root: usize, end: usize) {
    loop {
        let mut child = 2 * root + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && pairs.get(child) < pairs.get(child + 1) {
            child += 1;
        }
        if pairs.get(root) >= pairs.get(child) {
            return;
        }
        pairs.swap(root, child);
        root = child;
    }
}

/// A key that orders floats as [`f64::total_cmp`] does.
pub(crate) fn f64_key(v: f64) -> u64 {
    let bits = v.to_bits();
    // Negative numbers: flip all bits (larger magnitude sorts first); others: set the sign.
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | (1 << 63)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn matches_the_standard_stable_sort(v in proptest::collection::vec((0u64..8, any::<u16>()), 0..200)) {
            let mut ours = v.clone();
            by_key(&mut ours, |p| p.0);
            let mut std = v;
            std.sort_by_key(|p| p.0);
            prop_assert_eq!(ours, std);
        }

        #[test]
        fn float_keys_order_as_total_cmp(v in proptest::collection::vec(any::<f64>(), 0..64)) {
            let mut ours = v.clone();
            by_key(&mut ours, |x| f64_key(*x));
            let mut std = v;
            std.sort_by(f64::total_cmp);
            let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            prop_assert_eq!(bits(&ours), bits(&std));
        }
    }

    #[test]
    fn long_lists_with_ties_keep_their_order() {
        let v: Vec<(u64, usize)> = (0..5000).map(|i| ((5000 - i) as u64 % 97, i)).collect();
        let mut ours = v.clone();
        by_key(&mut ours, |p| p.0);
        let mut std = v;
        std.sort_by_key(|p| p.0);
        assert_eq!(ours, std);
    }

    #[test]
    fn special_floats_in_total_order() {
        let mut v = vec![1.0, f64::NAN, -0.0, 0.0, f64::NEG_INFINITY, -f64::NAN, -1.0];
        by_key(&mut v, |x| f64_key(*x));
        let mut std = v.clone();
        std.sort_by(f64::total_cmp);
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&v), bits(&std));
    }
}
