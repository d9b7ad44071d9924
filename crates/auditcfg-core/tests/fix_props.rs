//! Property test: on mutated presets (a misspelt key, a wrong-case value,
//! a missing field, a number far out of range, a section environment that
//! differs), in JSON and in TOML, every fix of every finding applied on
//! its own leaves a document that parses, and a safe fix removes its
//! finding (same code, same path).

use auditcfg_core::document::apply_edits;
use auditcfg_core::preset::reference;
use auditcfg_core::{
    Applicability, Environment, Format, ValidateOptions, to_json, to_toml, validate,
};
use proptest::prelude::*;
use serde_json::Value;

/// Every object member's pointer, in document order.
fn members(v: &Value, at: &str, out: &mut Vec<String>) {
    if let Value::Object(map) = v {
        for (k, child) in map {
            let here = auditcfg_core::pointer::push(at, k);
            out.push(here.clone());
            members(child, &here, out);
        }
    }
}

fn parent_and_key(path: &str) -> (&str, String) {
    let i = path.rfind('/').unwrap_or(0);
    (
        &path[..i],
        auditcfg_core::pointer::unescape(&path[i + 1..]).into_owned(),
    )
}

fn mutate(mut doc: Value, path: &str, kind: u8, cut: usize) -> Value {
    let (parent, key) = parent_and_key(path);
    let Some(Value::Object(map)) = doc.pointer_mut(parent) else {
        return doc;
    };
    match kind {
        // A misspelt key: one character dropped.
        0 if key.chars().count() > 4 => {
            let mut chars: Vec<char> = key.chars().collect();
            chars.remove(cut % chars.len());
            let new: String = chars.into_iter().collect();
            if !map.contains_key(&new)
                && let Some(v) = map.shift_remove(&key)
            {
                map.insert(new, v);
            }
        }
        // A missing field.
        1 => {
            map.shift_remove(&key);
        }
        // A value in the wrong case.
        2 => {
            if let Some(Value::String(s)) = map.get_mut(&key) {
                *s = s.to_uppercase();
            }
        }
        // A number far out of range.
        3 => {
            if let Some(Value::Number(n)) = map.get(&key).cloned()
                && let Some(i) = n.as_i64()
            {
                map.insert(key, Value::from(i.saturating_mul(-1000) - 1));
            }
        }
        // A section environment that differs.
        _ => {
            if let Some(Value::Object(s)) = map.get_mut("server") {
                s.insert("environment".into(), "development".into());
            }
        }
    }
    doc
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]
    #[test]
    fn every_fix_keeps_the_document_parsable(
        env in 0usize..4,
        toml in any::<bool>(),
        pick in any::<usize>(),
        kind in 0u8..5,
        cut in any::<usize>(),
    ) {
        let env = Environment::ALL[env];
        let base = reference(env);
        let mut paths = Vec::new();
        members(&base, "", &mut paths);
        let path = paths[pick % paths.len()].clone();
        let doc = mutate(base, &path, kind, cut);
        let (text, format) = if toml {
            match to_toml(&doc) {
                Ok(t) => (t, Format::Toml),
                Err(_) => return Ok(()),
            }
        } else {
            (to_json(&doc), Format::Json)
        };
        let options = ValidateOptions { format: Some(format), ..ValidateOptions::default() };
        let report = validate(&text, &options);
        for d in &report.diagnostics {
            for fix in &d.fixes {
                let fixed = apply_edits(&text, &fix.edits);
                prop_assert!(fixed.is_some(), "{}: {} has bad edits", d.code, fix.title);
                let fixed = fixed.unwrap_or_default();
                let after = validate(&fixed, &options);
                let parse_ok = !after.diagnostics.iter().any(|a| a.code == auditcfg_core::Code::SyntaxError);
                prop_assert!(parse_ok, "{} `{}` at {} broke the document:\n{fixed}", d.code, fix.title, d.path);
                if fix.applicability == Applicability::Safe {
                    let still = after.diagnostics.iter().any(|a| a.code == d.code && a.path == d.path);
                    prop_assert!(!still, "{} `{}` at {} did not remove its finding", d.code, fix.title, d.path);
                }
            }
        }
    }
}

/// The mutations do produce fixes (the property above is not vacuous), and
/// `apply_fixes` applies the safe ones in both formats.
#[test]
fn mutations_produce_fixes_that_apply() {
    use auditcfg_core::Code;
    use auditcfg_core::fix::{FixOptions, apply_fixes};
    let base = reference(Environment::Test);
    let mut doc = mutate(base.clone(), "/redis/connectTimeout", 0, 3);
    doc = mutate(doc, "/database/poolSize", 1, 0);
    doc = mutate(doc, "/enhancedClient/queryCacheFactory/type", 2, 0);
    doc = mutate(doc, "/server", 4, 0);
    for (text, format) in [
        (to_json(&doc), Format::Json),
        (to_toml(&doc).expect("toml"), Format::Toml),
    ] {
        let options = ValidateOptions {
            format: Some(format),
            ..ValidateOptions::default()
        };
        let report = validate(&text, &options);
        let with_fix: Vec<Code> = report
            .diagnostics
            .iter()
            .filter(|d| {
                d.fixes
                    .iter()
                    .any(|f| f.applicability == Applicability::Safe)
            })
            .map(|d| d.code)
            .collect();
        for code in [
            Code::UnknownField,
            Code::RequiredField,
            Code::InvalidEnum,
            Code::EnvironmentMismatch,
        ] {
            assert!(
                with_fix.contains(&code),
                "{format}: no safe fix for {code}: {with_fix:?}"
            );
        }
        let fixed = apply_fixes(
            &text,
            &FixOptions {
                format: Some(format),
                ..FixOptions::default()
            },
        );
        assert_eq!(fixed.applied.len(), 4, "{format}: {:?}", fixed.applied);
        let value = auditcfg_core::parse(&fixed.text, Some(format))
            .document
            .expect("parses")
            .into_value();
        assert_eq!(value, base, "{format}");
    }
}
