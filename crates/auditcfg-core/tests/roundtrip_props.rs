//! Property tests: parse → write → parse is the identity, unknown fields
//! included, for JSON, for TOML, and for conversion between them.

use auditcfg_core::{Environment, Format, parse, to_json, to_toml};
use proptest::prelude::*;
use serde_json::{Map, Value};

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z][a-zA-Z0-9_-]{0,10}",
        any::<String>().prop_map(|s| s.chars().take(12).collect()),
        Just("$null".to_owned()),
        Just("a.b".to_owned()),
        Just(String::new()),
    ]
}

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        any::<String>().prop_map(Value::String),
        "[ -~]{0,20}".prop_map(Value::String),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    scalar().prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

fn document() -> impl Strategy<Value = Value> {
    prop::collection::vec((key(), json_value()), 0..8)
        .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>()))
}

/// Objects whose only key is `$null` stand for null in TOML and are
/// refused there; everything else must round-trip.
fn has_null_marker_object(v: &Value) -> bool {
    match v {
        Value::Object(m) => {
            (m.len() == 1 && m.contains_key("$null")) || m.values().any(has_null_marker_object)
        }
        Value::Array(a) => a.iter().any(has_null_marker_object),
        _ => false,
    }
}

fn reparse(text: &str, format: Format) -> Value {
    let p = parse(text, Some(format));
    match p.document {
        Some(d) => d.into_value(),
        None => panic!("did not parse back: {:?}\n{text}", p.diagnostics),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn json_round_trip(doc in document()) {
        let text = to_json(&doc);
        prop_assert_eq!(reparse(&text, Format::Json), doc.clone());
        // Writing again gives the same bytes: formatting is stable.
        prop_assert_eq!(to_json(&reparse(&text, Format::Json)), text);
    }

    #[test]
    fn toml_round_trip(doc in document()) {
        match to_toml(&doc) {
            Ok(text) => {
                prop_assert!(!has_null_marker_object(&doc));
                prop_assert_eq!(reparse(&text, Format::Toml), doc.clone());
                // JSON → TOML → JSON → TOML is stable too.
                let json = to_json(&reparse(&text, Format::Toml));
                prop_assert_eq!(to_toml(&reparse(&json, Format::Json)).ok(), Some(text));
            }
            Err(e) => prop_assert!(has_null_marker_object(&doc), "{e}"),
        }
    }

    /// A preset with unknown fields anywhere survives JSON → TOML → JSON.
    #[test]
    fn presets_with_unknown_fields_convert_both_ways(
        env in 0usize..4,
        extra in prop::collection::vec((key(), json_value()), 1..4),
        section in prop::sample::select(vec!["", "/redis", "/server/performance/streaming", "/logging/otlp"]),
    ) {
        let mut doc = auditcfg_core::preset::reference(Environment::ALL[env]);
        if let Some(Value::Object(m)) = doc.pointer_mut(section) {
            for (k, v) in extra {
                m.insert(format!("x-{k}"), v);
            }
        }
        prop_assume!(!has_null_marker_object(&doc));
        let toml = to_toml(&doc).expect("representable");
        let back = reparse(&toml, Format::Toml);
        prop_assert_eq!(&back, &doc);
        prop_assert_eq!(reparse(&to_json(&back), Format::Json), doc);
    }
}

#[test]
fn max_retries_null_is_carried_through_toml() {
    let doc = auditcfg_core::preset::reference(Environment::Development);
    assert_eq!(doc["redis"]["maxRetriesPerRequest"], Value::Null);
    let toml = to_toml(&doc).expect("representable");
    assert!(
        toml.contains("maxRetriesPerRequest = { \"$null\" = true }"),
        "{toml}"
    );
    assert_eq!(
        reparse(&toml, Format::Toml)["redis"]["maxRetriesPerRequest"],
        Value::Null
    );
}

#[test]
fn presets_written_back_byte_for_byte() {
    // Upstream stores JSON.stringify(config, null, 2): we write the same bytes.
    for env in Environment::ALL {
        let text = auditcfg_core::preset::reference_text(env);
        let doc = reparse(text, Format::Json);
        assert_eq!(to_json(&doc), text.trim_end(), "{env}");
    }
}
