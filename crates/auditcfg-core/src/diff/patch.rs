//! JSON Patch (RFC 6902) and JSON Merge Patch (RFC 7386): made from two
//! values, and applied.
//!
//! - [`to_json_patch`] emits `add`, `remove`, `replace` and `move` only
//!   (no `test`, no `copy`); arrays of scalars get a minimal edit script
//!   with moves, other arrays are patched index by index. Numbers equal by
//!   value (`1000` / `1000.0`) are not patched.
//! - [`apply_json_patch`] understands all six operations and is atomic: it
//!   works on a copy and returns either the fully patched value or the
//!   first failing operation (its index, name, path and why).
//! - [`to_merge_patch`] fails, naming the path, when the new document sets
//!   a member **to** `null`: a merge patch reads `null` as "delete".
//! - Application keeps key order: a replaced member stays where it was, a
//!   removed one leaves the others in place, new members go last. (The
//!   `json-patch` crate was considered: its removal swaps the last member
//!   into the hole, reordering keys, and its undo log can panic; these
//!   ~200 lines are simpler than working around that.)
//!
//! Patches carry **real values**, secrets included: they exist to be
//! applied. [`json_patch_secrets`] and [`merge_patch_secrets`] say which
//! paths of a patch hold secrets, so callers can warn.

use super::array::{self, Edit};
use super::equal::{is_scalar, values_equal};
use super::impact::secret_leaves;
use super::{Member, Tok, build_pointer, zip_members};
use crate::pointer;
use serde::Serialize;
use serde_json::{Map, Value};

/// One JSON Patch operation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "op", rename_all = "lowercase")]
pub enum PatchOp {
    /// Adds a member or inserts an array item (`-`: at the end); replaces
    /// an existing member.
    Add {
        /// Where.
        path: String,
        /// What.
        value: Value,
    },
    /// Removes a member or array item.
    Remove {
        /// Where.
        path: String,
    },
    /// Replaces an existing value.
    Replace {
        /// Where.
        path: String,
        /// The new value.
        value: Value,
    },
    /// Removes the value at `from` and adds it at `path`.
    Move {
        /// From where.
        from: String,
        /// To where (in the document after the removal).
        path: String,
    },
    /// Adds a copy of the value at `from` at `path` (applied, never made).
    Copy {
        /// From where.
        from: String,
        /// To where.
        path: String,
    },
    /// Fails unless the value at `path` equals `value` (applied, never
    /// made).
    Test {
        /// Where.
        path: String,
        /// The expected value.
        value: Value,
    },
}

impl PatchOp {
    /// The operation's name (`add`, `remove`...).
    pub fn name(&self) -> &'static str {
        match self {
            PatchOp::Add { .. } => "add",
            PatchOp::Remove { .. } => "remove",
            PatchOp::Replace { .. } => "replace",
            PatchOp::Move { .. } => "move",
            PatchOp::Copy { .. } => "copy",
            PatchOp::Test { .. } => "test",
        }
    }

    /// The operation's target `path`.
    pub fn path(&self) -> &str {
        match self {
            PatchOp::Add { path, .. }
            | PatchOp::Remove { path }
            | PatchOp::Replace { path, .. }
            | PatchOp::Move { path, .. }
            | PatchOp::Copy { path, .. }
            | PatchOp::Test { path, .. } => path,
        }
    }
}

/// Why a JSON Patch could not be read or applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PatchError {
    /// The patch is not an array of operations.
    #[error("not a JSON Patch: {0}")]
    NotAPatch(String),
    /// One operation is malformed or cannot be applied; nothing was applied.
    #[error("operation {index} ({op} {path}): {reason}")]
    Operation {
        /// Its index in the patch (from 0).
        index: usize,
        /// Its `op` (as written).
        op: String,
        /// Its `path` (as written).
        path: String,
        /// Why it failed.
        reason: String,
    },
}

/// A merge patch cannot say "set this member to null".
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "cannot express `{path}` = null in a merge patch (RFC 7386 reads null as \"delete this member\"); use a JSON Patch instead"
)]
pub struct MergePatchError {
    /// The JSON Pointer of the member set to null.
    pub path: String,
}

// ---------------------------------------------------------------- making

/// The JSON Patch that turns `a` into `b` (`add`, `remove`, `replace`,
/// `move` only). Applying it to `a` gives a value equal to `b` in meaning
/// (see [`values_equal`]); new members are added after existing ones.
pub fn to_json_patch(a: &Value, b: &Value) -> Vec<PatchOp> {
    let mut out = Vec::new();
    make(a, b, &mut Vec::new(), &mut out);
    out
}

fn push_key(path: &mut String, key: &str) {
    path.push('/');
    path.push_str(&pointer::escape(key));
}

fn at_index(path: &str, i: usize) -> String {
    format!("{path}/{i}")
}

fn make<'a>(a: &'a Value, b: &'a Value, toks: &mut Vec<Tok<'a>>, out: &mut Vec<PatchOp>) {
    let len = toks.len();
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => zip_members(x, y, |m| {
            match m {
                Member::Both { key, a, b, .. } => {
                    toks.push(Tok::Key(key));
                    make(a, b, toks, out);
                }
                Member::Removed { key, .. } => {
                    toks.push(Tok::Key(key));
                    out.push(PatchOp::Remove {
                        path: build_pointer(toks),
                    });
                }
                Member::Added { key, b, .. } => {
                    toks.push(Tok::Key(key));
                    out.push(PatchOp::Add {
                        path: build_pointer(toks),
                        value: b.clone(),
                    });
                }
            }
            toks.truncate(len);
        }),
        (Value::Array(x), Value::Array(y)) => {
            if x.iter().all(is_scalar)
                && y.iter().all(is_scalar)
                && let Some(script) = array::script(x, y)
            {
                if !script.edits.is_empty() {
                    script_ops(&script, y, &build_pointer(toks), out);
                }
                return;
            }
            let common = x.len().min(y.len());
            for (i, (va, vb)) in x.iter().zip(y).enumerate() {
                toks.push(Tok::Index(i));
                make(va, vb, toks, out);
                toks.truncate(len);
            }
            if x.len() != y.len() {
                let path = build_pointer(toks);
                for i in (common..x.len()).rev() {
                    out.push(PatchOp::Remove {
                        path: at_index(&path, i),
                    });
                }
                for (j, vb) in y.iter().enumerate().skip(common) {
                    out.push(PatchOp::Add {
                        path: at_index(&path, j),
                        value: vb.clone(),
                    });
                }
            }
        }
        _ => {
            if !values_equal(a, b) {
                out.push(PatchOp::Replace {
                    path: build_pointer(toks),
                    value: b.clone(),
                });
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Slot {
    Anchor,
    Insert,
    Move,
}

/// Operations for an array edit script: pure removals from the end
/// backwards; then, for each new index in order, insertions and moves
/// placed right after the item before them; finally in-place
/// replacements at their final index.
fn script_ops(s: &array::Script, y: &[Value], path: &str, out: &mut Vec<PatchOp>) {
    let base = s.prefix;
    let old_len = s.old_end.saturating_sub(base);
    let new_len = s.new_end.saturating_sub(base);
    let mut target_of_old: Vec<Option<usize>> = vec![None; old_len];
    let mut slots = vec![Slot::Insert; new_len];
    let mut deletes = Vec::new();
    let mut replaces = Vec::new();
    for e in &s.edits {
        match *e {
            Edit::Keep { old, new } | Edit::Replace { old, new } | Edit::Move { old, new } => {
                if let Some(t) = target_of_old.get_mut(old.wrapping_sub(base)) {
                    *t = Some(new);
                }
                if let Some(slot) = slots.get_mut(new.wrapping_sub(base)) {
                    *slot = if matches!(e, Edit::Move { .. }) {
                        Slot::Move
                    } else {
                        Slot::Anchor
                    };
                }
                if matches!(e, Edit::Replace { .. }) {
                    replaces.push(new);
                }
            }
            Edit::Delete { old } => deletes.push(old),
            Edit::Insert { .. } => {}
        }
    }
    crate::base::sort::sort_by(&mut deletes, |p, q| q.cmp(p));
    for old in deletes {
        out.push(PatchOp::Remove {
            path: at_index(path, old),
        });
    }
    // The middle as it stands: the final index of each item, in order.
    let mut cur: Vec<usize> = target_of_old.into_iter().flatten().collect();
    for (rel, slot) in slots.iter().enumerate() {
        let j = base + rel;
        let after_prev = if rel == 0 {
            0
        } else {
            cur.iter().position(|&t| t == j - 1).map_or(0, |p| p + 1)
        };
        match slot {
            Slot::Anchor => {}
            Slot::Insert => {
                let Some(value) = y.get(j) else { continue };
                cur.insert(after_prev.min(cur.len()), j);
                out.push(PatchOp::Add {
                    path: at_index(path, base + after_prev),
                    value: value.clone(),
                });
            }
            Slot::Move => {
                let Some(p) = cur.iter().position(|&t| t == j) else {
                    continue;
                };
                cur.remove(p);
                let q = if p < after_prev {
                    after_prev - 1
                } else {
                    after_prev
                };
                cur.insert(q.min(cur.len()), j);
                if p != q {
                    out.push(PatchOp::Move {
                        from: at_index(path, base + p),
                        path: at_index(path, base + q),
                    });
                }
            }
        }
    }
    crate::base::sort::sort(&mut replaces);
    for j in replaces {
        if let Some(value) = y.get(j) {
            out.push(PatchOp::Replace {
                path: at_index(path, j),
                value: value.clone(),
            });
        }
    }
}

/// The merge patch (RFC 7386) that turns `a` into `b`. Fails, naming the
/// path, when `b` sets an object member to `null` where `a` has another
/// value or none: a merge patch cannot say that. (Nulls inside arrays are
/// fine: arrays are replaced whole.) Equal documents give `{}` (or `b`
/// itself when it is not an object).
pub fn to_merge_patch(a: &Value, b: &Value) -> Result<Value, MergePatchError> {
    let mut path = String::new();
    Ok(match merge_make(a, b, &mut path)? {
        Some(p) => p,
        None if b.is_object() => Value::Object(Map::new()),
        None => b.clone(),
    })
}

fn merge_make(a: &Value, b: &Value, path: &mut String) -> Result<Option<Value>, MergePatchError> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let len = path.len();
            let mut out = Map::new();
            for (k, vb) in y {
                push_key(path, k);
                let entry = match x.get(k) {
                    Some(va) => merge_make(va, vb, path)?,
                    None => Some(literal(vb, path)?),
                };
                path.truncate(len);
                if let Some(p) = entry {
                    out.insert(k.clone(), p);
                }
            }
            for k in x.keys().filter(|k| !y.contains_key(k.as_str())) {
                out.insert(k.clone(), Value::Null);
            }
            Ok((!out.is_empty()).then_some(Value::Object(out)))
        }
        // The target becomes `{}` first, then the members are merged in.
        (_, Value::Object(_)) => literal(b, path).map(Some),
        _ if values_equal(a, b) => Ok(None),
        (_, Value::Null) if !path.is_empty() => Err(MergePatchError { path: path.clone() }),
        _ => Ok(Some(b.clone())),
    }
}

/// `v` as a merge patch value: object members must not be null.
fn literal(v: &Value, path: &mut String) -> Result<Value, MergePatchError> {
    match v {
        Value::Null if !path.is_empty() => Err(MergePatchError { path: path.clone() }),
        Value::Object(m) => {
            let len = path.len();
            let mut out = Map::new();
            for (k, item) in m {
                push_key(path, k);
                let item = literal(item, path)?;
                path.truncate(len);
                out.insert(k.clone(), item);
            }
            Ok(Value::Object(out))
        }
        other => Ok(other.clone()),
    }
}

/// The paths of the secrets a JSON Patch carries (values of `add`,
/// `replace` and `test` operations at secret paths, sealed ciphertexts).
pub fn json_patch_secrets(ops: &[PatchOp]) -> Vec<String> {
    let mut out = Vec::new();
    for op in ops {
        if let PatchOp::Add { path, value }
        | PatchOp::Replace { path, value }
        | PatchOp::Test { path, value } = op
        {
            out.extend(secret_leaves(path, value));
        }
    }
    out
}

/// The paths of the secrets a merge patch carries.
pub fn merge_patch_secrets(patch: &Value) -> Vec<String> {
    secret_leaves("", patch)
}

// ---------------------------------------------------------------- reading

/// Reads a JSON Patch document (an array of operations), checking every
/// operation's members and pointers.
pub fn parse_json_patch(patch: &Value) -> Result<Vec<PatchOp>, PatchError> {
    let Value::Array(items) = patch else {
        return Err(PatchError::NotAPatch(format!(
            "expected an array of operations, found {}",
            type_name(patch)
        )));
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| parse_op(i, item))
        .collect()
}

fn parse_op(index: usize, item: &Value) -> Result<PatchOp, PatchError> {
    let fail = |op: &str, path: &str, reason: String| PatchError::Operation {
        index,
        op: op.to_owned(),
        path: path.to_owned(),
        reason,
    };
    let Value::Object(m) = item else {
        return Err(fail(
            "?",
            "",
            format!("an operation is an object, found {}", type_name(item)),
        ));
    };
    let op = match m.get("op") {
        Some(Value::String(s)) => s.as_str(),
        Some(other) => {
            return Err(fail(
                "?",
                "",
                format!("`op` must be a string, found {}", type_name(other)),
            ));
        }
        None => return Err(fail("?", "", "missing `op`".into())),
    };
    let path = match m.get("path") {
        Some(Value::String(s)) => s.clone(),
        Some(other) => {
            return Err(fail(
                op,
                "",
                format!("`path` must be a string, found {}", type_name(other)),
            ));
        }
        None => return Err(fail(op, "", "missing `path`".into())),
    };
    parse_pointer(&path).map_err(|e| fail(op, &path, e))?;
    let value = || {
        m.get("value")
            .cloned()
            .ok_or_else(|| fail(op, &path, "missing `value`".into()))
    };
    let from = || match m.get("from") {
        Some(Value::String(s)) => parse_pointer(s)
            .map(|_| s.clone())
            .map_err(|e| fail(op, &path, format!("`from`: {e}"))),
        Some(other) => Err(fail(
            op,
            &path,
            format!("`from` must be a string, found {}", type_name(other)),
        )),
        None => Err(fail(op, &path, "missing `from`".into())),
    };
    Ok(match op {
        "add" => PatchOp::Add {
            value: value()?,
            path,
        },
        "remove" => PatchOp::Remove { path },
        "replace" => PatchOp::Replace {
            value: value()?,
            path,
        },
        "move" => PatchOp::Move {
            from: from()?,
            path,
        },
        "copy" => PatchOp::Copy {
            from: from()?,
            path,
        },
        "test" => PatchOp::Test {
            value: value()?,
            path,
        },
        other => {
            return Err(fail(
                other,
                &path,
                "unknown operation: expected add, remove, replace, move, copy or test".into(),
            ));
        }
    })
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Splits an RFC 6901 pointer into unescaped tokens, strictly (`~` must
/// be followed by `0` or `1`).
fn parse_pointer(p: &str) -> Result<Vec<String>, String> {
    if p.is_empty() {
        return Ok(Vec::new());
    }
    let Some(rest) = p.strip_prefix('/') else {
        return Err(format!(
            "`{p}` is not a JSON Pointer: it must be empty or start with `/`"
        ));
    };
    rest.split('/')
        .map(|t| {
            let mut out = String::with_capacity(t.len());
            let mut chars = t.chars();
            while let Some(c) = chars.next() {
                if c == '~' {
                    match chars.next() {
                        Some('0') => out.push('~'),
                        Some('1') => out.push('/'),
                        _ => {
                            return Err(format!(
                                "`{p}` is not a JSON Pointer: `~` must be followed by 0 or 1"
                            ));
                        }
                    }
                } else {
                    out.push(c);
                }
            }
            Ok(out)
        })
        .collect()
}

// ---------------------------------------------------------------- applying

/// Applies a JSON Patch document to a copy of `doc`: all operations, or
/// none and the first failure.
pub fn apply_json_patch(doc: &Value, patch: &Value) -> Result<Value, PatchError> {
    let ops = parse_json_patch(patch)?;
    apply_patch_ops(doc, &ops)
}

/// Applies operations to a copy of `doc`: all of them, or none and the
/// first failure.
pub fn apply_patch_ops(doc: &Value, ops: &[PatchOp]) -> Result<Value, PatchError> {
    let mut out = doc.clone();
    for (index, op) in ops.iter().enumerate() {
        apply_one(&mut out, op).map_err(|reason| PatchError::Operation {
            index,
            op: op.name().to_owned(),
            path: op.path().to_owned(),
            reason,
        })?;
    }
    Ok(out)
}

fn apply_one(doc: &mut Value, op: &PatchOp) -> Result<(), String> {
    let tokens = parse_pointer(op.path())?;
    match op {
        PatchOp::Add { value, .. } => add(doc, &tokens, value.clone()),
        PatchOp::Remove { .. } => remove(doc, &tokens).map(drop),
        PatchOp::Replace { value, .. } => {
            *resolve_mut(doc, &tokens)? = value.clone();
            Ok(())
        }
        PatchOp::Move { from, .. } => {
            let from_tokens = parse_pointer(from).map_err(|e| format!("`from`: {e}"))?;
            if from_tokens.len() < tokens.len() && tokens.starts_with(&from_tokens) {
                return Err(format!("cannot move `{from}` into itself"));
            }
            if from_tokens == tokens {
                return resolve_mut(doc, &tokens)
                    .map(drop)
                    .map_err(|e| format!("`from`: {e}"));
            }
            let value = remove(doc, &from_tokens).map_err(|e| format!("`from`: {e}"))?;
            add(doc, &tokens, value)
        }
        PatchOp::Copy { from, .. } => {
            let from_tokens = parse_pointer(from).map_err(|e| format!("`from`: {e}"))?;
            let value = resolve_mut(doc, &from_tokens)
                .map_err(|e| format!("`from`: {e}"))?
                .clone();
            add(doc, &tokens, value)
        }
        PatchOp::Test { value, .. } => {
            if values_equal(resolve_mut(doc, &tokens)?, value) {
                Ok(())
            } else {
                Err("test failed: the value differs from the expected one".into())
            }
        }
    }
}

fn show(tokens: &[String]) -> String {
    if tokens.is_empty() {
        "the document".into()
    } else {
        format!(
            "`{}`",
            pointer::from_tokens(tokens.iter().map(String::as_str))
        )
    }
}

/// An array index token: `0` or digits without a leading zero; `-` (one
/// past the end) only where `allow_end`.
fn array_index(token: &str, len: usize, allow_end: bool, at: &[String]) -> Result<usize, String> {
    if token == "-" {
        return if allow_end {
            Ok(len)
        } else {
            Err(format!(
                "`-` (past the end of {}) can only be used to add",
                show(at)
            ))
        };
    }
    let well_formed = !token.is_empty()
        && token.bytes().all(|b| b.is_ascii_digit())
        && (token == "0" || !token.starts_with('0'));
    let index = token
        .parse::<usize>()
        .ok()
        .filter(|_| well_formed)
        .ok_or_else(|| format!("`{token}` is not an array index ({} is an array)", show(at)))?;
    let limit = if allow_end {
        len
    } else {
        len.saturating_sub(1)
    };
    if index > limit || (!allow_end && len == 0) {
        return Err(format!(
            "index {index} is out of bounds ({} has {len} items)",
            show(at)
        ));
    }
    Ok(index)
}

fn resolve_mut<'v>(doc: &'v mut Value, tokens: &[String]) -> Result<&'v mut Value, String> {
    let mut cur = doc;
    for (depth, token) in tokens.iter().enumerate() {
        let at = &tokens[..depth];
        cur = match cur {
            Value::Object(m) => m
                .get_mut(token.as_str())
                .ok_or_else(|| format!("{} has no member `{token}`", show(at)))?,
            Value::Array(items) => {
                let i = array_index(token, items.len(), false, at)?;
                items
                    .get_mut(i)
                    .ok_or_else(|| format!("index {i} is out of bounds ({})", show(at)))?
            }
            other => {
                return Err(format!(
                    "{} is {}, not an object or array",
                    show(at),
                    type_name(other)
                ));
            }
        };
    }
    Ok(cur)
}

fn add(doc: &mut Value, tokens: &[String], value: Value) -> Result<(), String> {
    let Some((last, parent)) = tokens.split_last() else {
        *doc = value;
        return Ok(());
    };
    match resolve_mut(doc, parent)? {
        // `insert` keeps an existing member where it is.
        Value::Object(m) => {
            m.insert(last.clone(), value);
            Ok(())
        }
        Value::Array(items) => {
            let i = array_index(last, items.len(), true, parent)?;
            items.insert(i, value);
            Ok(())
        }
        other => Err(format!(
            "{} is {}, not an object or array",
            show(parent),
            type_name(other)
        )),
    }
}

fn remove(doc: &mut Value, tokens: &[String]) -> Result<Value, String> {
    let Some((last, parent)) = tokens.split_last() else {
        return Err("cannot remove the whole document".into());
    };
    match resolve_mut(doc, parent)? {
        Value::Object(m) => m
            .shift_remove(last.as_str())
            .ok_or_else(|| format!("{} has no member `{last}`", show(parent))),
        Value::Array(items) => {
            let i = array_index(last, items.len(), false, parent)?;
            Ok(items.remove(i))
        }
        other => Err(format!(
            "{} is {}, not an object or array",
            show(parent),
            type_name(other)
        )),
    }
}

/// Applies a merge patch (RFC 7386) to a copy of `doc`. Members set to
/// `null` are removed; existing members keep their place, new ones go
/// last.
pub fn apply_merge_patch(doc: &Value, patch: &Value) -> Value {
    let mut out = doc.clone();
    merge_into(&mut out, patch);
    out
}

fn merge_into(target: &mut Value, patch: &Value) {
    let Value::Object(p) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(Map::new());
    }
    let Value::Object(t) = target else { return };
    for (k, v) in p {
        if v.is_null() {
            t.shift_remove(k.as_str());
        } else if let Some(slot) = t.get_mut(k.as_str()) {
            merge_into(slot, v);
        } else {
            let mut slot = Value::Null;
            merge_into(&mut slot, v);
            t.insert(k.clone(), slot);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn round_trip(a: Value, b: Value) -> Vec<PatchOp> {
        let ops = to_json_patch(&a, &b);
        let got = apply_patch_ops(&a, &ops).expect("own patch applies");
        assert!(values_equal(&got, &b), "{a} -> {b}: got {got} via {ops:?}");
        ops
    }

    #[test]
    fn array_moves_are_single_ops() {
        let ops = round_trip(json!(["a", "b", "c"]), json!(["b", "c", "a"]));
        assert_eq!(
            ops,
            [PatchOp::Move {
                from: "/0".into(),
                path: "/2".into()
            }]
        );
        round_trip(json!([1, 2, 3, 4, 5]), json!([5, 1, 9, 3, 2]));
        round_trip(json!([1, 1, 2, 2]), json!([2, 1, 2, 1, 0]));
        round_trip(json!([]), json!([1, 2]));
        round_trip(json!([{"a": 1}, 2]), json!([{"a": 2}]));
    }

    #[test]
    fn key_order_is_kept() {
        let a = json!({"a": 1, "b": 2, "c": 3});
        let patched = apply_json_patch(
            &a,
            &json!([{"op": "remove", "path": "/a"}, {"op": "replace", "path": "/b", "value": 9}]),
        )
        .expect("applies");
        assert_eq!(
            serde_json::to_string(&patched).unwrap_or_default(),
            r#"{"b":9,"c":3}"#
        );
        let merged = apply_merge_patch(&a, &json!({"a": null, "d": 4}));
        assert_eq!(
            serde_json::to_string(&merged).unwrap_or_default(),
            r#"{"b":2,"c":3,"d":4}"#
        );
    }

    #[test]
    fn errors_name_the_operation_and_are_atomic() {
        let a = json!({"list": [1]});
        let patch = json!([
            {"op": "add", "path": "/x", "value": 1},
            {"op": "remove", "path": "/list/3"}
        ]);
        let err = apply_json_patch(&a, &patch).expect_err("fails");
        assert_eq!(
            err.to_string(),
            "operation 1 (remove /list/3): index 3 is out of bounds (`/list` has 1 items)"
        );
        for (patch, reason) in [
            (json!({"op": "add"}), "not a JSON Patch"),
            (json!([{"op": "frob", "path": ""}]), "unknown operation"),
            (
                json!([{"op": "add", "path": "x", "value": 1}]),
                "must be empty or start with `/`",
            ),
            (
                json!([{"op": "add", "path": "/a~2"}]),
                "`~` must be followed",
            ),
            (
                json!([{"op": "replace", "path": "/nope", "value": 1}]),
                "has no member `nope`",
            ),
            (
                json!([{"op": "move", "from": "/list", "path": "/list/0"}]),
                "into itself",
            ),
            (
                json!([{"op": "test", "path": "/list/0", "value": 2}]),
                "test failed",
            ),
            (
                json!([{"op": "remove", "path": "/list/-"}]),
                "can only be used to add",
            ),
            (
                json!([{"op": "remove", "path": "/list/01"}]),
                "not an array index",
            ),
            (json!([{"op": "remove", "path": ""}]), "whole document"),
        ] {
            let err = apply_json_patch(&a, &patch).expect_err("fails").to_string();
            assert!(err.contains(reason), "{err}");
        }
    }

    #[test]
    fn rfc6902_examples() {
        let doc = json!({"foo": ["bar", "baz"]});
        let got = apply_json_patch(
            &doc,
            &json!([{"op": "add", "path": "/foo/1", "value": "qux"}]),
        );
        assert_eq!(got, Ok(json!({"foo": ["bar", "qux", "baz"]})));
        let got = apply_json_patch(&doc, &json!([{"op": "add", "path": "/foo/-", "value": 1}]));
        assert_eq!(got, Ok(json!({"foo": ["bar", "baz", 1]})));
        let got = apply_json_patch(
            &doc,
            &json!([{"op": "copy", "from": "/foo/0", "path": "/x"}]),
        );
        assert_eq!(got, Ok(json!({"foo": ["bar", "baz"], "x": "bar"})));
        let got = apply_json_patch(
            &json!({"a/b": {"~": 1}}),
            &json!([{"op": "test", "path": "/a~1b/~0", "value": 1.0}]),
        );
        assert!(got.is_ok());
    }

    #[test]
    fn merge_patches() {
        let a = json!({"a": 1, "b": {"c": 2, "d": 3}, "e": [1]});
        let b = json!({"a": 1, "b": {"c": 5}, "e": [1, null], "f": {"g": true}});
        let p = to_merge_patch(&a, &b).expect("expressible");
        assert_eq!(
            p,
            json!({"b": {"c": 5, "d": null}, "e": [1, null], "f": {"g": true}})
        );
        assert_eq!(apply_merge_patch(&a, &p), b);
        let err = to_merge_patch(&a, &json!({"a": null})).expect_err("null member");
        assert_eq!(err.path, "/a");
        assert!(err.to_string().contains("`/a` = null"));
        assert_eq!(to_merge_patch(&a, &a), Ok(json!({})));
        assert_eq!(to_merge_patch(&json!(1), &json!(1)), Ok(json!(1)));
        assert_eq!(to_merge_patch(&json!(1), &json!(null)), Ok(json!(null)));
        assert!(to_merge_patch(&json!(1), &json!({"x": {"y": null}})).is_err());
    }
}
