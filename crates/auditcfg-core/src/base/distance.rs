//! Edit distance for "did you mean": is a key or value within a few edits
//! of a known one?
//!
//! The optimal string alignment distance (Levenshtein plus the swap of two
//! neighbours, each substring edited once), as `strsim::osa_distance`
//! computes it, but bounded: the rules only ask whether two names are
//! within `max` edits, so the search stops as soon as a row of the table
//! has no cell within `max`, compares bytes when both names are ASCII and
//! keeps its rows in one buffer. On a document with thousands of unknown
//! keys the unbounded distance was a third of `validate` in WebAssembly
//! (issue #15).

/// The distance between `a` and `b` in characters when it is at most
/// `max`, else `None`.
pub fn osa_within(a: &str, b: &str, max: usize) -> Option<usize> {
    if a.is_ascii() && b.is_ascii() {
        osa(a.as_bytes(), b.as_bytes(), max)
    } else if a.chars().count().abs_diff(b.chars().count()) > max {
        // Too far by length alone (as `osa` checks first), before collecting.
        None
    } else {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        osa(&a, &b, max)
    }
}

fn osa<T: PartialEq>(a: &[T], b: &[T], max: usize) -> Option<usize> {
    // Each character differing in count is at least one edit.
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let width = b.len() + 1;
    // Three rows of the table: two rows back (for a swap), the last, the
    // one being filled.
    let mut rows = vec![0usize; 3 * width];
    for (j, cell) in rows[width..2 * width].iter_mut().enumerate() {
        *cell = j;
    }
    for (i, x) in a.iter().enumerate() {
        let (before, current) = rows.split_at_mut(2 * width);
        let (two_back, last) = before.split_at(width);
        let current = &mut current[..width];
        current[0] = i + 1;
        let mut lowest = current[0];
        for (j, y) in b.iter().enumerate() {
            let cost = usize::from(x != y);
            let mut d = (last[j] + cost).min(last[j + 1] + 1).min(current[j] + 1);
            if i > 0 && j > 0 && *x == b[j - 1] && a[i - 1] == *y {
                d = d.min(two_back[j - 1] + 1);
            }
            current[j + 1] = d;
            lowest = lowest.min(d);
        }
        // Cells of the next rows are at least the lowest of this one (a
        // swap reaches back two rows, whose lowest is at most one less
        // than this row's): nothing below can come back within `max`.
        if lowest > max {
            return None;
        }
        rows.rotate_left(width);
    }
    // After the last rotation the final row is the middle one.
    let distance = rows[2 * width - 1];
    (distance <= max).then_some(distance)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The same answer as strsim's unbounded distance, on short names
        /// from a small alphabet (so that near names are common), ASCII
        /// and not.
        #[test]
        fn agrees_with_strsim(a in "[abcé]{0,9}", b in "[abcé]{0,9}", max in 0usize..4) {
            let d = strsim::osa_distance(&a, &b);
            prop_assert_eq!(osa_within(&a, &b, max), (d <= max).then_some(d));
        }

        #[test]
        fn agrees_with_strsim_on_ascii(a in "[a-d]{0,12}", b in "[a-d]{0,12}") {
            let d = strsim::osa_distance(&a, &b);
            prop_assert_eq!(osa_within(&a, &b, 2), (d <= 2).then_some(d));
        }
    }

    #[test]
    fn edits_swaps_and_bounds() {
        assert_eq!(osa_within("redis", "redis", 2), Some(0));
        assert_eq!(osa_within("conectTimeout", "connectTimeout", 2), Some(1));
        assert_eq!(osa_within("ab", "ba", 2), Some(1));
        // OSA edits a swapped pair once: "ca" -> "abc" is 3, not 2.
        assert_eq!(osa_within("ca", "abc", 3), Some(3));
        assert_eq!(osa_within("ca", "abc", 2), None);
        assert_eq!(osa_within("", "abc", 2), None);
        assert_eq!(osa_within("", "ab", 2), Some(2));
        assert_eq!(osa_within("rédis", "redis", 2), Some(1));
        assert_eq!(osa_within("section12", "security", 2), None);
    }
}
