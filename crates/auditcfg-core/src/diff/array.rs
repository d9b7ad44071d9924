//! Edit scripts for arrays of scalars: a minimal edit script (Myers, from
//! the `similar` crate) with moves and in-place replacements recognised.
//!
//! - Common prefix and suffix are skipped first; the middle is diffed with
//!   Myers' algorithm, `O((N+M)·D)`.
//! - Size guard: when the differing middle holds more than
//!   [`MAX_MIDDLE`] items, there is no script and the caller compares
//!   index by index (still correct, just not minimal).
//! - A deleted item equal to an inserted one is a **move** (first match
//!   wins, in order; skipped past [`MAX_MOVE_PAIRS`] comparisons).
//! - Left-over deletes and inserts between the same two unchanged runs
//!   are paired in order as **replacements** ("b" → "x" at index 1 reads
//!   better than a removal plus an insertion).
//!
//! Keep and replace pairs ("anchors") are increasing in both indices; the
//! JSON Patch generator relies on it.

use super::equal::values_equal;
use serde_json::Value;
use similar::algorithms::{DiffHook, myers};
use std::ops::Index;

/// Past this many items in the differing middle of two arrays, compare
/// index by index instead (Myers is quadratic in the worst case).
pub(crate) const MAX_MIDDLE: usize = 4096;
/// Past this many delete × insert comparisons, do not look for moves.
pub(crate) const MAX_MOVE_PAIRS: usize = 1 << 20;

/// One step of an array edit script (absolute indices).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Edit {
    /// Unchanged item (only reported inside the differing middle).
    Keep { old: usize, new: usize },
    /// The item at `old` becomes a different scalar at `new`.
    Replace { old: usize, new: usize },
    /// The item at `old` is removed.
    Delete { old: usize },
    /// A new item at `new`.
    Insert { new: usize },
    /// The item at `old` moves to `new`, unchanged.
    Move { old: usize, new: usize },
}

/// An edit script for two arrays.
#[derive(Debug, Clone, Default)]
pub(crate) struct Script {
    /// Length of the common prefix.
    pub prefix: usize,
    /// `[prefix, old_end)` is the differing middle of the old array.
    pub old_end: usize,
    /// `[prefix, new_end)` is the differing middle of the new array.
    pub new_end: usize,
    /// The edits of the middle, in no particular order.
    pub edits: Vec<Edit>,
}

/// Semantic equality for the Myers algorithm.
struct Sem<'a>(&'a Value);

impl PartialEq for Sem<'_> {
    fn eq(&self, other: &Self) -> bool {
        values_equal(self.0, other.0)
    }
}

struct Items<'a>(Vec<Sem<'a>>);

impl<'a> Index<usize> for Items<'a> {
    type Output = Sem<'a>;
    fn index(&self, i: usize) -> &Sem<'a> {
        // Myers only asks for indices inside the ranges given to it.
        &self.0[i]
    }
}

#[derive(Default)]
struct Collect {
    hunk: usize,
    keeps: Vec<(usize, usize)>,
    deletes: Vec<(usize, usize)>,
    inserts: Vec<(usize, usize)>,
}

impl DiffHook for Collect {
    type Error = std::convert::Infallible;
    fn equal(&mut self, old: usize, new: usize, len: usize) -> Result<(), Self::Error> {
        self.hunk += 1;
        self.keeps.extend((0..len).map(|k| (old + k, new + k)));
        Ok(())
    }
    fn delete(&mut self, old: usize, len: usize, _new: usize) -> Result<(), Self::Error> {
        self.deletes
            .extend((old..old + len).map(|i| (i, self.hunk)));
        Ok(())
    }
    fn insert(&mut self, _old: usize, new: usize, len: usize) -> Result<(), Self::Error> {
        self.inserts
            .extend((new..new + len).map(|j| (j, self.hunk)));
        Ok(())
    }
}

/// The edit script from `a` to `b`, or `None` when the arrays are too far
/// apart to diff as sequences (compare them index by index then).
pub(crate) fn script(a: &[Value], b: &[Value]) -> Option<Script> {
    let prefix = a
        .iter()
        .zip(b)
        .take_while(|(x, y)| values_equal(x, y))
        .count();
    let max_suffix = a.len().min(b.len()) - prefix;
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(max_suffix)
        .take_while(|(x, y)| values_equal(x, y))
        .count();
    let old_end = a.len() - suffix;
    let new_end = b.len() - suffix;
    let mut out = Script {
        prefix,
        old_end,
        new_end,
        edits: Vec::new(),
    };
    if prefix == old_end && prefix == new_end {
        return Some(out);
    }
    if (old_end - prefix) + (new_end - prefix) > MAX_MIDDLE {
        return None;
    }
    let old = Items(a.iter().map(Sem).collect());
    let new = Items(b.iter().map(Sem).collect());
    let mut hook = Collect::default();
    let Ok(()) = myers::diff(&mut hook, &old, prefix..old_end, &new, prefix..new_end);
    let Collect {
        keeps,
        deletes,
        inserts,
        ..
    } = hook;
    out.edits
        .extend(keeps.into_iter().map(|(old, new)| Edit::Keep { old, new }));

    // Moves: a deleted item equal to an inserted one.
    let mut delete_used = vec![false; deletes.len()];
    let mut insert_used = vec![false; inserts.len()];
    if deletes.len().saturating_mul(inserts.len()) <= MAX_MOVE_PAIRS {
        for (di, &(old, _)) in deletes.iter().enumerate() {
            let found = inserts
                .iter()
                .enumerate()
                .find(|(ii, (new, _))| !insert_used[*ii] && values_equal(&a[old], &b[*new]));
            if let Some((ii, &(new, _))) = found {
                delete_used[di] = true;
                insert_used[ii] = true;
                out.edits.push(Edit::Move { old, new });
            }
        }
    }

    // Replacements: left-over deletes and inserts of the same hunk, paired
    // in order. Both lists are sorted by index, hence by hunk.
    let rest_d: Vec<(usize, usize)> = deletes
        .iter()
        .zip(&delete_used)
        .filter(|(_, used)| !**used)
        .map(|(d, _)| *d)
        .collect();
    let rest_i: Vec<(usize, usize)> = inserts
        .iter()
        .zip(&insert_used)
        .filter(|(_, used)| !**used)
        .map(|(i, _)| *i)
        .collect();
    let (mut d, mut i) = (0, 0);
    while d < rest_d.len() || i < rest_i.len() {
        match (rest_d.get(d), rest_i.get(i)) {
            (Some(&(old, hd)), Some(&(new, hi))) if hd == hi => {
                out.edits.push(Edit::Replace { old, new });
                d += 1;
                i += 1;
            }
            (Some(&(old, hd)), Some(&(_, hi))) if hd < hi => {
                out.edits.push(Edit::Delete { old });
                d += 1;
            }
            (Some(_), Some(&(new, _))) => {
                out.edits.push(Edit::Insert { new });
                i += 1;
            }
            (Some(&(old, _)), None) => {
                out.edits.push(Edit::Delete { old });
                d += 1;
            }
            (None, Some(&(new, _))) => {
                out.edits.push(Edit::Insert { new });
                i += 1;
            }
            (None, None) => break,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn edits(a: Value, b: Value) -> Vec<Edit> {
        let (Value::Array(a), Value::Array(b)) = (a, b) else {
            panic!("arrays expected")
        };
        let mut e: Vec<Edit> = script(&a, &b)
            .expect("small")
            .edits
            .into_iter()
            .filter(|e| !matches!(e, Edit::Keep { .. }))
            .collect();
        e.sort_by_key(|e| format!("{e:?}"));
        e
    }

    #[test]
    fn insert_delete_replace_move() {
        assert_eq!(
            edits(json!([1, 2, 3]), json!([1, 9, 2, 3])),
            [Edit::Insert { new: 1 }]
        );
        assert_eq!(
            edits(json!([1, 2, 3]), json!([1, 3])),
            [Edit::Delete { old: 1 }]
        );
        assert_eq!(
            edits(json!(["a", "b", "c"]), json!(["a", "x", "c"])),
            [Edit::Replace { old: 1, new: 1 }]
        );
        assert_eq!(
            edits(json!(["a", "b", "c"]), json!(["b", "c", "a"])),
            [Edit::Move { old: 0, new: 2 }]
        );
        assert_eq!(edits(json!([1, 2]), json!([1.0, 2])), []);
    }

    #[test]
    fn huge_middles_have_no_script() {
        let a: Vec<Value> = (0..5000).map(|i| json!(i)).collect();
        let b: Vec<Value> = (0..5000).map(|i| json!(i + 1)).collect();
        assert!(script(&a, &b).is_none());
        let mut c = a.clone();
        c.insert(2500, json!("x"));
        assert_eq!(script(&a, &c).map(|s| s.edits.len()), Some(1));
    }
}
