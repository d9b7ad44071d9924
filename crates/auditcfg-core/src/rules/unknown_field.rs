//! `AC318` unknown-field: a key the schema does not know, and the known key
//! it probably meant.
//!
//! **What.** Every object key that the schema does not define is reported:
//! as a warning with a suggestion when it is within two edits of a known
//! sibling key (`conectTimeout` → `connectTimeout`) or differs from one only
//! in case or by look-alike non-ASCII letters (a Cyrillic `е` in `rеdis`);
//! otherwise as info. Keys inside maps (`headers`, `endpointTTLOverrides`)
//! are data, not fields, and are not checked. The document's `$schema` and
//! the field-encryption metadata block are known.
//!
//! **Why.** The server ignores keys it does not know, so a misspelt key is a
//! setting that silently never applies, while the default it falls back to
//! looks fine in review. Unknown keys are kept untouched by every auditcfg
//! operation; this rule only says they are there.
//!
//! **Example.** `"redis": {"conectTimeout": 5000}` gets "unknown field
//! `conectTimeout`: did you mean `connectTimeout`?".
//!
//! **Fix.** Rename the key to the known one it was meant to be; the quick
//! fix does it (safe when exactly one known key is near and absent from that
//! object). Keys meant for other tools may stay: the server ignores them.

use super::{Code, Context, Rule};
use crate::diagnostic::{Action, Applicability, Diagnostic, Severity};
use crate::pointer;
use crate::schema::resolve_ref as resolve;
use serde_json::{Map, Value};

pub(super) const RULE: Rule = Rule {
    code: Code::UnknownField,
    check,
};

/// Top-level keys that are not config fields but are expected.
const KNOWN_META: &[&str] = &["$schema", "$auditcfgEncryption"];

const MAX_DEPTH: usize = 32;

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let schema = crate::schema::schema();
    walk(schema, schema, cx.value, "", 0, out);
}

/// The object schema among a node and its `anyOf` alternatives (Option
/// types render as `anyOf: [{$ref}, {type: null}]`).
fn object_schema<'s>(root: &'s Value, node: &'s Value) -> Option<&'s Map<String, Value>> {
    let node = resolve(root, node);
    if node.get("properties").is_some() {
        return if is_map(node) { None } else { node.as_object() };
    }
    node.get("anyOf")
        .and_then(Value::as_array)?
        .iter()
        .find_map(|alt| object_schema(root, alt))
}

/// Maps have a schema for their extra keys: their keys are data.
fn is_map(node: &Value) -> bool {
    node.get("additionalProperties")
        .is_some_and(Value::is_object)
}

fn walk(
    root: &Value,
    node: &Value,
    value: &Value,
    at: &str,
    depth: usize,
    out: &mut Vec<Diagnostic>,
) {
    if depth > MAX_DEPTH {
        return;
    }
    match value {
        Value::Object(map) => {
            let Some(schema) = object_schema(root, node) else {
                return;
            };
            let Some(props) = schema.get("properties").and_then(Value::as_object) else {
                return;
            };
            // The known keys, folded once per object (not per unknown key:
            // an object may hold hundreds of thousands of unknown keys).
            let mut known: Option<Vec<(&str, String)>> = None;
            for (k, v) in map {
                let here = pointer::push(at, k);
                match props.get(k) {
                    Some(prop) => walk(root, prop, v, &here, depth + 1, out),
                    None if at.is_empty() && KNOWN_META.contains(&k.as_str()) => {}
                    None => {
                        let known = known.get_or_insert_with(|| {
                            props.keys().map(|p| (p.as_str(), fold(p))).collect()
                        });
                        out.push(report(k, known, map, here));
                    }
                }
            }
        }
        Value::Array(items) => {
            let node = resolve(root, node);
            let item_schema = node.get("items").or_else(|| {
                node.get("anyOf")?
                    .as_array()?
                    .iter()
                    .find_map(|alt| resolve(root, alt).get("items"))
            });
            if let Some(item_schema) = item_schema {
                for (i, item) in items.iter().enumerate() {
                    walk(
                        root,
                        item_schema,
                        item,
                        &pointer::push(at, &i.to_string()),
                        depth + 1,
                        out,
                    );
                }
            }
        }
        _ => {}
    }
}

/// `known`: each schema key with its folded form.
/// `siblings`: the object the key is in.
fn report(
    key: &str,
    known: &[(&str, String)],
    siblings: &Map<String, Value>,
    at: String,
) -> Diagnostic {
    let folded = fold(key);
    let len = folded.chars().count();
    let near: Vec<(&str, usize)> = known
        .iter()
        // The distance is at least the difference in length: skip the
        // comparison when that alone is too far.
        .filter(|(_, f)| f.chars().count().abs_diff(len) <= 2)
        .map(|(k, f)| (*k, strsim::osa_distance(f, &folded)))
        .filter(|(k, d)| *d <= 2 && k.len() > 3 || *d == 0)
        .collect();
    let suggestion = near.iter().min_by_key(|(_, d)| *d).map(|(k, _)| *k);
    match suggestion {
        Some(k) => {
            let mut d = RULE
                .diag(
                    at.clone(),
                    format!("unknown field `{key}`: did you mean `{k}`?"),
                )
                .with_help("the server ignores unknown keys, so this setting never applies");
            d.severity = Severity::Warning;
            // Renaming onto a key that is there would make a duplicate.
            if !siblings.contains_key(k) {
                let applicability = if near.len() == 1 {
                    Applicability::Safe
                } else {
                    Applicability::Unsafe
                };
                d = d.with_proposal(
                    format!("rename `{key}` to `{k}`"),
                    applicability,
                    Action::RenameKey {
                        path: at,
                        to: k.to_owned(),
                    },
                );
            }
            d
        }
        None => RULE
            .diag(
                at,
                format!("unknown field `{key}` (kept as is; the server ignores it)"),
            )
            .with_help("if it is meant for a newer server version, ignore this"),
    }
}

/// Lower-cases and maps common look-alike letters (Cyrillic, Greek, full
/// width) to ASCII, so `rеdis` (Cyrillic е) folds to `redis`.
fn fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'а' | 'А' | 'α' | 'Α' => 'a',
            'е' | 'Е' | 'ε' | 'Ε' => 'e',
            'о' | 'О' | 'ο' | 'Ο' => 'o',
            'р' | 'Р' | 'ρ' | 'Ρ' => 'p',
            'с' | 'С' => 'c',
            'х' | 'Х' | 'χ' => 'x',
            'у' | 'У' => 'y',
            'і' | 'І' | 'ι' | 'Ι' => 'i',
            'ј' => 'j',
            'ѕ' => 's',
            'к' | 'К' | 'κ' | 'Κ' => 'k',
            'м' | 'М' => 'm',
            'т' | 'Т' | 'τ' | 'Τ' => 't',
            'н' | 'Н' | 'η' | 'Η' => 'h',
            'в' | 'В' | 'β' | 'Β' => 'b',
            c if ('\u{ff01}'..='\u{ff5e}').contains(&c) => {
                char::from_u32(c as u32 - 0xfee0).unwrap_or(c)
            }
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::*;
    use serde_json::json;

    #[test]
    fn presets_have_no_unknown_fields() {
        for env in ["development", "staging", "production", "test"] {
            assert!(run_rule(&RULE, &preset(env)).is_empty(), "{env}");
        }
    }

    #[test]
    fn misspellings_and_lookalikes_get_suggestions() {
        let mut doc = preset("development");
        set(&mut doc, "/redis/conectTimeout", json!(5000));
        set(&mut doc, "/rеdis", json!({})); // Cyrillic е
        set(&mut doc, "/futureSection", json!({"x": 1}));
        set(&mut doc, "/$schema", json!("https://example.org/s.json"));
        let found = run_rule(&RULE, &doc);
        let by_path = |p: &str| found.iter().find(|d| d.path == p).cloned();
        let typo = by_path("/redis/conectTimeout").unwrap();
        assert_eq!(typo.severity, Severity::Warning);
        assert!(
            typo.message.contains("`connectTimeout`"),
            "{}",
            typo.message
        );
        assert!(by_path("/rеdis").unwrap().message.contains("`redis`"));
        assert_eq!(by_path("/futureSection").unwrap().severity, Severity::Info);
        assert_eq!(found.len(), 3, "{found:?}");
    }

    #[test]
    fn map_keys_are_data() {
        let mut doc = preset("production");
        set(&mut doc, "/logging/otlp/headers", json!({"x-tenant": "a"}));
        set(
            &mut doc,
            "/server/performance/responseCache/endpointTTLOverrides",
            json!({"/api/v1/x": 30}),
        );
        assert!(run_rule(&RULE, &doc).is_empty());
    }
}
