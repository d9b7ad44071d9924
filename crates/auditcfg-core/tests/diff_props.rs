//! Property tests over generated documents (nested objects and arrays,
//! integers and floats, strings, null, unknown and awkward keys):
//!
//! - applying `to_json_patch(a, b)` to `a` gives `b` (in meaning), keeping
//!   the key order of what it did not touch;
//! - applying `to_merge_patch(a, b)` to `a` gives `b` whenever it is
//!   expressible, and it always is when `b` has no nulls;
//! - the diff is empty exactly when the documents are equal in meaning,
//!   and every range it reports holds the value it names;
//! - nothing panics, whatever the input.

use auditcfg_core::Document;
use auditcfg_core::diff::{
    self, ChangeKind, apply_json_patch, apply_merge_patch, apply_patch_ops, diff_values,
    to_json_patch, to_merge_patch, values_equal,
};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

const KEYS: &[&str] = &[
    "a", "b", "c", "url", "password", "level", "x/y", "t~0", "", "enc",
];

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-5i64..5).prop_map(|n| json!(n)),
        (-5i64..5).prop_map(|n| json!(n as f64)),
        (-1000.0f64..1000.0).prop_map(|f| json!(f)),
        prop::sample::select(vec!["", "x", "y", "enc:v1:AAAA", "redis://u:p@h", "ü"])
            .prop_map(|s| json!(s)),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..6).prop_map(|kv| {
                Value::Object(
                    kv.into_iter()
                        .map(|(k, v)| (k.to_owned(), v))
                        .collect::<Map<_, _>>(),
                )
            }),
        ]
    })
}

/// Small edits, so that `b` shares most of `a`.
#[derive(Debug, Clone)]
enum Edit {
    Set(Vec<usize>, Value),
    Remove(Vec<usize>),
    Insert(Vec<usize>, Value),
    Swap(Vec<usize>),
}

fn edit() -> impl Strategy<Value = Edit> {
    let route = prop::collection::vec(0usize..8, 0..4);
    prop_oneof![
        (route.clone(), value()).prop_map(|(r, v)| Edit::Set(r, v)),
        route.clone().prop_map(Edit::Remove),
        (route.clone(), leaf()).prop_map(|(r, v)| Edit::Insert(r, v)),
        route.prop_map(Edit::Swap),
    ]
}

fn walk<'v>(v: &'v mut Value, route: &[usize]) -> &'v mut Value {
    let Some((&first, rest)) = route.split_first() else {
        return v;
    };
    let len = match v {
        Value::Array(items) => items.len(),
        Value::Object(m) => m.len(),
        _ => 0,
    };
    if len == 0 {
        return v;
    }
    match v {
        Value::Array(items) => walk(&mut items[first % len], rest),
        Value::Object(m) => match m.values_mut().nth(first % len) {
            Some(child) => walk(child, rest),
            None => unreachable!("index below len"),
        },
        _ => unreachable!("containers only"),
    }
}

fn apply(mut v: Value, edits: &[Edit]) -> Value {
    for e in edits {
        match e {
            Edit::Set(r, new) => *walk(&mut v, r) = new.clone(),
            Edit::Remove(r) => match walk(&mut v, r) {
                Value::Array(items) if !items.is_empty() => {
                    items.remove(r.len() % items.len());
                }
                Value::Object(m) if !m.is_empty() => {
                    let k = m.keys().nth(r.len() % m.len()).cloned().unwrap_or_default();
                    m.shift_remove(&k);
                }
                _ => {}
            },
            Edit::Insert(r, new) => match walk(&mut v, r) {
                Value::Array(items) => items.insert(r.len() % (items.len() + 1), new.clone()),
                Value::Object(m) => {
                    m.insert(format!("k{}", r.len()), new.clone());
                }
                slot => *slot = new.clone(),
            },
            Edit::Swap(r) => {
                if let Value::Array(items) = walk(&mut v, r)
                    && items.len() > 1
                {
                    let i = r.len() % items.len();
                    items.swap(0, i.max(1));
                }
            }
        }
    }
    v
}

fn pair() -> impl Strategy<Value = (Value, Value)> {
    prop_oneof![
        3 => (value(), prop::collection::vec(edit(), 0..5)).prop_map(|(a, edits)| {
            let b = apply(a.clone(), &edits);
            (a, b)
        }),
        1 => (value(), value()),
    ]
}

/// `v` with the members of every object in reverse order.
fn reversed(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .rev()
                .map(|(k, v)| (k.clone(), reversed(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(reversed).collect()),
        other => other.clone(),
    }
}

fn has_null(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Array(items) => items.iter().any(has_null),
        Value::Object(m) => m.values().any(has_null),
        _ => false,
    }
}

/// Keys of `a` still present in `got` appear in `a`'s order (checked at
/// every object both share, recursively).
fn order_kept(a: &Value, got: &Value) -> bool {
    match (a, got) {
        (Value::Object(x), Value::Object(y)) => {
            let kept: Vec<&String> = x.keys().filter(|k| y.contains_key(k.as_str())).collect();
            let seen: Vec<&String> = y.keys().filter(|k| x.contains_key(k.as_str())).collect();
            kept == seen
                && x.iter()
                    .all(|(k, v)| y.get(k).is_none_or(|w| order_kept(v, w)))
        }
        _ => true,
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        // 256 cases unless PROPTEST_CASES says otherwise.
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn json_patch_round_trips((a, b) in pair()) {
        let ops = to_json_patch(&a, &b);
        let got = apply_patch_ops(&a, &ops);
        prop_assert!(got.is_ok(), "{a} -> {b}: {ops:?}: {got:?}");
        let got = got.unwrap_or_default();
        prop_assert!(values_equal(&got, &b), "{a} -> {b}: got {got} via {ops:?}");
        prop_assert!(order_kept(&a, &got), "{a} -> {got}");
        // Through its JSON form too (what the CLI prints and reads back).
        let text = serde_json::to_value(&ops).unwrap_or_default();
        let again = apply_json_patch(&a, &text);
        prop_assert!(again.as_ref().is_ok_and(|v| values_equal(v, &b)), "{again:?}");
    }

    #[test]
    fn scalar_array_scripts_round_trip(
        a in prop::collection::vec(0u8..4, 0..14),
        b in prop::collection::vec(0u8..4, 0..14),
        shared in prop::collection::vec(0u8..4, 0..6),
    ) {
        // A small alphabet: duplicates, moves and replacements galore.
        let a = json!({"l": shared.iter().chain(&a).collect::<Vec<_>>()});
        let b = json!({"l": b.iter().chain(&shared).collect::<Vec<_>>()});
        let ops = to_json_patch(&a, &b);
        let got = apply_patch_ops(&a, &ops);
        prop_assert!(got.as_ref().is_ok_and(|g| g == &b), "{a} -> {b}: {got:?} via {ops:?}");
        let d = diff_values(&a, &b);
        prop_assert_eq!(d.is_empty(), a == b);
        // Never more operations than removing everything and adding it back.
        let (la, lb) = (a["l"].as_array().map_or(0, Vec::len), b["l"].as_array().map_or(0, Vec::len));
        prop_assert!(ops.len() <= la + lb, "{} ops for {la} -> {lb}: {ops:?}", ops.len());
    }

    #[test]
    fn merge_patch_round_trips((a, b) in pair()) {
        match to_merge_patch(&a, &b) {
            Ok(p) => {
                let got = apply_merge_patch(&a, &p);
                prop_assert!(values_equal(&got, &b), "{a} -> {b}: got {got} via {p}");
                prop_assert!(order_kept(&a, &got));
            }
            Err(e) => {
                prop_assert!(has_null(&b), "{a} -> {b}: {e}");
                prop_assert_eq!(b.pointer(&e.path), Some(&Value::Null));
            }
        }
    }

    #[test]
    fn diff_is_empty_exactly_when_equal((a, b) in pair()) {
        let d = diff_values(&a, &b);
        prop_assert_eq!(d.is_empty(), values_equal(&a, &b));
        prop_assert!(diff_values(&a, &a).is_empty());
        prop_assert_eq!(d.summary.total, d.summary.live + d.summary.restart + d.summary.secrets);
        prop_assert_eq!(to_json_patch(&a, &b).is_empty(), d.is_empty());
    }

    #[test]
    fn ranges_hold_the_values_they_name((a, b) in pair(), compact in any::<bool>()) {
        // Config documents are objects.
        let (a, b) = (json!({"doc": a}), json!({"doc": b}));
        let write = |v: &Value| if compact { v.to_string() } else { auditcfg_core::to_json(v) };
        let (ta, tb) = (write(&a), write(&b));
        let (Some(da), Some(db)) = (Document::parse(&ta, None).document, Document::parse(&tb, None).document) else {
            return Err(TestCaseError::fail("own JSON parses"));
        };
        let d = diff::diff(&da, &db);
        prop_assert_eq!(d.changes.len(), diff_values(&a, &b).changes.len());
        for c in &d.changes {
            if let Some(r) = c.range_b {
                let shown: Value = serde_json::from_str(db.slice(r)).unwrap_or(json!("<bad range>"));
                prop_assert_eq!(Some(&shown), db.value().pointer(&c.path), "{}", c.path);
            }
            let in_a = match &c.kind {
                ChangeKind::Removed => Some(c.path.as_str()),
                ChangeKind::Moved { from, .. } => Some(from.as_str()),
                _ => None,
            };
            if let (Some(r), Some(p)) = (c.range_a, in_a) {
                let shown: Value = serde_json::from_str(da.slice(r)).unwrap_or(json!("<bad range>"));
                prop_assert_eq!(Some(&shown), da.value().pointer(p), "{}", p);
            }
        }
    }

    #[test]
    fn key_order_never_counts((a, b) in pair()) {
        let (ra, rb) = (reversed(&a), reversed(&b));
        prop_assert!(diff_values(&a, &ra).is_empty());
        prop_assert_eq!(diff_values(&a, &rb).changes.len(), diff_values(&a, &b).changes.len());
        // Ranges stay right when the key orders differ.
        let (ta, tb) = (auditcfg_core::to_json(&json!({"d": a})), auditcfg_core::to_json(&json!({"d": rb})));
        let (Some(da), Some(db)) = (Document::parse(&ta, None).document, Document::parse(&tb, None).document) else {
            return Err(TestCaseError::fail("own JSON parses"));
        };
        for c in diff::diff(&da, &db).changes {
            if let Some(r) = c.range_b {
                let shown: Value = serde_json::from_str(db.slice(r)).unwrap_or(json!("<bad range>"));
                prop_assert_eq!(Some(&shown), db.value().pointer(&c.path), "{}", c.path);
            }
            if let (Some(r), ChangeKind::Removed) = (c.range_a, &c.kind) {
                let shown: Value = serde_json::from_str(da.slice(r)).unwrap_or(json!("<bad range>"));
                prop_assert_eq!(Some(&shown), da.value().pointer(&c.path), "{}", c.path);
            }
        }
    }

    #[test]
    fn applying_arbitrary_patches_never_panics(doc in value(), patch in value()) {
        let _ = apply_json_patch(&doc, &patch);
        let _ = apply_merge_patch(&doc, &patch);
        let _ = auditcfg_core::overlay::merge(&doc, &patch);
    }

    #[test]
    fn arbitrary_patch_ops_are_atomic(doc in value(), ops in prop::collection::vec(
        (prop::sample::select(vec!["add", "remove", "replace", "move", "copy", "test"]),
         prop::collection::vec(prop::sample::select(vec!["a", "b", "0", "1", "-", "x~1y", "01"]), 0..3),
         prop::collection::vec(prop::sample::select(vec!["a", "b", "0", "1"]), 0..3),
         leaf()), 0..6)) {
        let patch = Value::Array(ops.into_iter().map(|(op, path, from, v)| json!({
            "op": op,
            "path": path.iter().map(|t| format!("/{t}")).collect::<String>(),
            "from": from.iter().map(|t| format!("/{t}")).collect::<String>(),
            "value": v,
        })).collect());
        // Either the whole patch applies, or the input is left as it was
        // (we only ever return a fresh value) and the error names an op.
        if let Err(e) = apply_json_patch(&doc, &patch) {
            prop_assert!(e.to_string().starts_with("operation "), "{e}");
        }
    }
}
