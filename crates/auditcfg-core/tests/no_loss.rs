//! No loss: random documents with unknown fields survive every flow
//! unchanged (value **and** key order, compared as text).
//!
//! A document is one of the four presets with 1 to 8 unknown members
//! inserted at random depths into its objects (any key: empty, dotted,
//! `$null`, JSON Pointer escapes `/` and `~`, non-ASCII, prototype names;
//! any value: nested arrays and objects, `null`, big and tiny floats,
//! integers up to `u64::MAX`, any Unicode string). The flows:
//!
//! | flow | property |
//! |---|---|
//! | JSON out, JSON in | same text after one more write (value and order) |
//! | JSON → TOML → JSON | same value, or a clear `Unrepresentable` error |
//! | typed model | `from_value` then `to_value`: same text; an edit through the model changes exactly that field |
//! | merge | with `{}` and with itself: unchanged |
//! | JSON Patch | `diff(a, a)` is empty; the patch `a → b` applied to `a` gives `b` |
//! | merge patch | `a → b` applied to `a` gives `b` (when expressible) |
//! | field encryption | `open(seal(a))`: same text |
//! | file encryption | `decrypt(encrypt(a))`: same bytes, same value |

use auditcfg_core::crypto::{
    Algorithm, FieldOptions, FileOptions, FileParams, Kdf, decrypt_file, encrypt_file, open_fields,
    seal_fields, upstream_plaintext,
};
use auditcfg_core::diff::{
    apply_merge_patch, apply_patch_ops, diff_values, to_json_patch, to_merge_patch, values_equal,
};
use auditcfg_core::model::AuditConfig;
use auditcfg_core::{Environment, Format, merge, parse, pointer, to_json, to_toml};
use proptest::prelude::*;
use serde_json::{Map, Value, json};
use std::sync::OnceLock;

const FAST: Kdf = Kdf::Pbkdf2 { iterations: 1_000 };

fn presets() -> &'static [Value; 4] {
    static P: OnceLock<[Value; 4]> = OnceLock::new();
    P.get_or_init(|| {
        Environment::ALL.map(|e| {
            serde_json::from_str(auditcfg_core::preset::reference_text(e)).expect("preset JSON")
        })
    })
}

/// Pointers of the objects of each preset where an unknown member is an
/// unknown *field* (the typed model keeps it in an `extra` map), rather
/// than an entry of a free-form map whose values have a fixed type
/// (headers, which are strings).
fn insertion_points() -> &'static [Vec<String>; 4] {
    static P: OnceLock<[Vec<String>; 4]> = OnceLock::new();
    P.get_or_init(|| {
        std::array::from_fn(|i| {
            let doc = &presets()[i];
            let mut objects = Vec::new();
            objects_of(doc, "", &mut objects);
            objects
                .into_iter()
                .filter(|p| {
                    let mut probe = doc.clone();
                    if let Some(Value::Object(m)) = probe.pointer_mut(p) {
                        m.insert("x-probe".into(), json!({"a": [1, {"b": null}]}));
                    }
                    AuditConfig::from_value(&probe).is_ok_and(|c| c.to_value() == probe)
                })
                .collect()
        })
    })
}

fn objects_of(v: &Value, at: &str, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            out.push(at.to_owned());
            for (k, x) in m {
                objects_of(x, &pointer::push(at, k), out);
            }
        }
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                objects_of(x, &pointer::push(at, &i.to_string()), out);
            }
        }
        _ => {}
    }
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "x-[a-zA-Z][a-zA-Z0-9_]{0,10}",
        1 => Just(String::new()),
        1 => Just("a.b".to_owned()),
        1 => Just("$null".to_owned()),
        1 => Just("a/b~c~1d".to_owned()),
        1 => Just("__proto__".to_owned()),
        1 => Just("clé ✓ 監査".to_owned()),
        1 => "\\PC{1,8}",
    ]
}

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        prop_oneof![
            Just(1e300),
            Just(-1e-300),
            Just(5e-324),
            Just(0.1),
            Just(-0.0)
        ]
        .prop_map(Value::from),
        any::<String>().prop_map(Value::String),
        Just(Value::String("\u{0}\u{1b}[31m\r\n\t\"\\".to_owned())),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    scalar().prop_recursive(4, 32, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..4)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// A preset with unknown members inserted at random places.
fn document() -> impl Strategy<Value = Value> {
    (
        0..4usize,
        prop::collection::vec((any::<prop::sample::Index>(), key(), value()), 1..8),
    )
        .prop_map(|(which, inserts)| {
            let mut doc = presets()[which].clone();
            let points = &insertion_points()[which];
            for (ix, k, v) in inserts {
                let p: &String = ix.get(points);
                if let Some(Value::Object(m)) = doc.pointer_mut(p) {
                    // Unknown by construction: never replace a known field.
                    let k = if m.contains_key(&k) {
                        format!("x-unknown-{k}")
                    } else {
                        k
                    };
                    m.insert(k, v);
                }
            }
            doc
        })
}

/// Two related documents: `b` is `a` with more unknown members and some of
/// `a`'s unknown members removed or changed.
fn pair() -> impl Strategy<Value = (Value, Value)> {
    (
        document(),
        prop::collection::vec((any::<prop::sample::Index>(), key(), value()), 0..5),
        any::<bool>(),
    )
        .prop_map(|(a, more, drop_some)| {
            let which = presets()
                .iter()
                .position(|p| p["environment"] == a["environment"])
                .unwrap_or(0);
            let points = &insertion_points()[which];
            let mut b = a.clone();
            for (ix, k, v) in more {
                let p: &String = ix.get(points);
                if let Some(Value::Object(m)) = b.pointer_mut(p) {
                    let known = presets()[which].pointer(p).and_then(Value::as_object);
                    if known.is_some_and(|known| known.contains_key(&k)) {
                        continue;
                    }
                    m.insert(k, v);
                }
            }
            if drop_some && let Some(m) = b.as_object_mut() {
                m.retain(|k, _| !k.starts_with("x-") || k.len() % 2 == 0);
            }
            (a, b)
        })
}

/// JSON text: compares value **and** key order.
fn text(v: &Value) -> String {
    to_json(v)
}

fn reparse(s: &str, format: Format) -> Value {
    let p = parse(s, Some(format));
    p.document
        .unwrap_or_else(|| {
            panic!(
                "our own {format} output does not parse: {:?}",
                p.diagnostics
            )
        })
        .into_value()
}

fn has_null_marker_object(v: &Value) -> bool {
    match v {
        Value::Object(m) => {
            (m.len() == 1 && m.contains_key("$null")) || m.values().any(has_null_marker_object)
        }
        Value::Array(a) => a.iter().any(has_null_marker_object),
        _ => false,
    }
}

fn has_big_u64(v: &Value) -> bool {
    match v {
        Value::Number(n) => n.is_u64() && n.as_i64().is_none(),
        Value::Object(m) => m.values().any(has_big_u64),
        Value::Array(a) => a.iter().any(has_big_u64),
        _ => false,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn json_round_trip_keeps_value_and_order(doc in document()) {
        let t = text(&doc);
        let back = reparse(&t, Format::Json);
        prop_assert_eq!(text(&back), t);
    }

    #[test]
    fn toml_conversion_keeps_everything_or_refuses(doc in document()) {
        match to_toml(&doc) {
            Ok(toml) => {
                let back = reparse(&toml, Format::Toml);
                prop_assert_eq!(&back, &doc);
                // JSON → TOML → JSON: the same JSON text.
                let json_again = auditcfg_core::convert(&toml, Some(Format::Toml), Format::Json)
                    .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
                prop_assert_eq!(reparse(&json_again, Format::Json), doc);
            }
            Err(e) => {
                // Only the documented cases are refused, and loudly.
                prop_assert!(has_null_marker_object(&doc) || has_big_u64(&doc), "{e}");
                prop_assert!(e.to_string().starts_with("cannot write toml"), "{e}");
            }
        }
    }

    #[test]
    fn typed_model_keeps_unknown_fields_and_order(doc in document()) {
        let model = AuditConfig::from_value(&doc).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(text(&model.to_value()), text(&doc));
        // An edit through the model changes that field and nothing else.
        let mut edited = model.clone();
        edited.server.port = 4321;
        let mut expected = doc.clone();
        expected["server"]["port"] = json!(4321);
        prop_assert_eq!(text(&edited.to_value()), text(&expected));
    }

    #[test]
    fn merge_keeps_everything(doc in document()) {
        prop_assert_eq!(text(&merge(&doc, &json!({}))), text(&doc));
        prop_assert_eq!(text(&merge(&doc, &doc)), text(&doc));
        // An overlay of unknown fields only adds them.
        let overlay = json!({"x-overlay": {"k": [1, 2]}, "server": {"x-new": true}});
        let merged = merge(&doc, &overlay);
        let mut expected = doc.clone();
        expected["x-overlay"] = json!({"k": [1, 2]});
        expected["server"]["x-new"] = json!(true);
        prop_assert_eq!(text(&merged), text(&expected));
    }

    #[test]
    fn patches_carry_everything((a, b) in pair()) {
        prop_assert!(diff_values(&a, &a).is_empty());
        let same = to_json_patch(&a, &a);
        prop_assert!(same.is_empty(), "{same:?}");
        prop_assert_eq!(text(&apply_patch_ops(&a, &same).map_err(|e| TestCaseError::fail(e.to_string()))?), text(&a));
        let ops = to_json_patch(&a, &b);
        let patched = apply_patch_ops(&a, &ops).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(values_equal(&patched, &b), "JSON Patch a→b applied to a differs from b");
        prop_assert!(diff_values(&patched, &b).is_empty());
        // The patch survives its own serialisation (what the CLI prints).
        let ops_json: Value = serde_json::to_value(&ops).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let patched2 = auditcfg_core::diff::apply_json_patch(&a, &ops_json).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(values_equal(&patched2, &b));
        if let Ok(mp) = to_merge_patch(&a, &b) {
            prop_assert!(values_equal(&apply_merge_patch(&a, &mp), &b), "merge patch a→b applied to a differs from b");
        }
    }
}

proptest! {
    // Each case derives keys (PBKDF2 at its minimum of 1,000 iterations).
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn field_encryption_keeps_everything(doc in document()) {
        let opts = FieldOptions { kdf: FAST, ..FieldOptions::default() };
        let sealed = seal_fields(&doc, "pw", &opts, None).map_err(|e| TestCaseError::fail(e.to_string()))?;
        // The sealed document survives its own text form.
        let sealed = reparse(&text(&sealed), Format::Json);
        let opened = open_fields(&sealed, "pw").map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(text(&opened), text(&doc));
    }

    #[test]
    fn file_encryption_keeps_everything(doc in document(), cbc in any::<bool>()) {
        let plaintext = upstream_plaintext(&doc).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let opts = FileOptions {
            algorithm: if cbc { Algorithm::Aes256Cbc } else { Algorithm::Aes256Gcm },
            kdf: FAST,
            ..FileOptions::default()
        };
        let file = encrypt_file(&plaintext, "pw", &opts).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back = decrypt_file(&file, "pw", &FileParams::default()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(back.as_str(), plaintext.as_str());
        prop_assert_eq!(text(&reparse(&back, Format::Json)), text(&doc));
    }
}

#[test]
fn insertion_points_cover_every_section() {
    // The generator must reach deep: every top-level section and nested
    // objects inside arrays of objects.
    for (i, points) in insertion_points().iter().enumerate() {
        let top: std::collections::BTreeSet<&str> =
            points.iter().filter_map(|p| p.split('/').nth(1)).collect();
        let sections = presets()[i]
            .as_object()
            .map_or(0, |m| m.values().filter(|v| v.is_object()).count());
        assert_eq!(top.len(), sections, "preset {i}: {points:?}");
        assert!(
            points.iter().any(|p| p.matches('/').count() >= 3),
            "preset {i}: nothing deep"
        );
    }
}
