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
use crate::base::distance;
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
    let shapes = shapes();
    walk(shapes, 0, cx.value, &mut String::new(), 0, out);
}

/// The schema as this rule reads it, compiled once per process: for each
/// schema node (`$ref`s resolved), its object properties sorted by key and
/// the node of each, and its array items' node. A walk then does a binary
/// search per key instead of hashing it and resolving references again.
#[derive(Debug, Default)]
struct Shapes {
    nodes: Vec<Shape>,
}

#[derive(Debug, Default)]
struct Shape {
    object: Option<ObjectShape>,
    items: Option<usize>,
}

#[derive(Debug)]
struct ObjectShape {
    /// Property names with their node and their position in `ordered`,
    /// sorted by name.
    sorted: Vec<(&'static str, usize, usize)>,
    /// Property names with their node, in schema order (documents mostly
    /// follow it: the walk tries the property after the last one found
    /// before it searches `sorted`).
    ordered: Vec<(&'static str, usize)>,
    /// Each property name with its folded form, in schema order.
    known: Vec<(&'static str, String)>,
}

fn shapes() -> &'static Shapes {
    static SHAPES: std::sync::OnceLock<Shapes> = std::sync::OnceLock::new();
    SHAPES.get_or_init(|| {
        let root = crate::schema::schema();
        let mut b = Builder {
            shapes: Shapes::default(),
            memo: std::collections::HashMap::new(),
        };
        b.node(root, root);
        b.shapes
    })
}

struct Builder {
    shapes: Shapes,
    /// Schema node address → its index (nodes are shared and may recur).
    memo: std::collections::HashMap<usize, usize>,
}

impl Builder {
    fn node(&mut self, root: &'static Value, node: &'static Value) -> usize {
        let key = std::ptr::from_ref(node) as usize;
        if let Some(&i) = self.memo.get(&key) {
            return i;
        }
        let i = self.shapes.nodes.len();
        self.shapes.nodes.push(Shape::default());
        self.memo.insert(key, i);
        let props = object_schema(root, node)
            .and_then(|schema| schema.get("properties"))
            .and_then(Value::as_object);
        let object = props.map(|props| {
            let mut ordered = Vec::with_capacity(props.len());
            for (k, prop) in props {
                ordered.push((k.as_str(), self.node(root, prop)));
            }
            let mut sorted: Vec<_> = ordered
                .iter()
                .enumerate()
                .map(|(i, &(k, node))| (k, node, i))
                .collect();
            crate::base::sort::sort_by(&mut sorted, |a, b| a.0.cmp(b.0));
            ObjectShape {
                sorted,
                ordered,
                known: props.keys().map(|p| (p.as_str(), fold(p))).collect(),
            }
        });
        let resolved = resolve(root, node);
        let item_schema = resolved.get("items").or_else(|| {
            resolved
                .get("anyOf")?
                .as_array()?
                .iter()
                .find_map(|alt| resolve(root, alt).get("items"))
        });
        let items = item_schema.map(|s| self.node(root, s));
        if let Some(shape) = self.shapes.nodes.get_mut(i) {
            *shape = Shape { object, items };
        }
        i
    }
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
    shapes: &Shapes,
    node: usize,
    value: &Value,
    at: &mut String,
    depth: usize,
    out: &mut Vec<Diagnostic>,
) {
    if depth > MAX_DEPTH {
        return;
    }
    let Some(shape) = shapes.nodes.get(node) else {
        return;
    };
    let len = at.len();
    match value {
        Value::Object(map) => {
            let Some(object) = &shape.object else {
                return;
            };
            let top = at.is_empty();
            let mut next = 0;
            for (k, v) in map {
                // The property after the last one found, else a search.
                let found = match object.ordered.get(next) {
                    Some(&(p, child)) if p == k.as_str() => {
                        next += 1;
                        Ok(child)
                    }
                    _ => object
                        .sorted
                        .binary_search_by(|(p, _, _)| (*p).cmp(k.as_str()))
                        .map(|j| {
                            let (_, child, position) = object.sorted[j];
                            next = position + 1;
                            child
                        }),
                };
                match found {
                    // Scalars below a known key have nothing to check.
                    Ok(child) if v.is_object() || v.is_array() => {
                        pointer::push_into(at, k);
                        walk(shapes, child, v, at, depth + 1, out);
                        at.truncate(len);
                    }
                    Ok(_) => {}
                    Err(_) if top && KNOWN_META.contains(&k.as_str()) => {}
                    Err(_) => out.push(report(k, &object.known, map, pointer::push(at, k))),
                }
            }
        }
        Value::Array(items) => {
            if let Some(item_node) = shape.items {
                for (i, item) in items.iter().enumerate() {
                    if item.is_object() || item.is_array() {
                        pointer::push_index_into(at, i);
                        walk(shapes, item_node, item, at, depth + 1, out);
                        at.truncate(len);
                    }
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
    let near: Vec<(&str, usize)> = known
        .iter()
        .filter_map(|(k, f)| Some((*k, distance::osa_within(f, &folded, 2)?)))
        .filter(|(k, d)| k.len() > 3 || *d == 0)
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
    fn short_keys_are_suggested_only_when_they_fold_to_one() {
        // `url` is three letters: one edit away is too often another word,
        // so only a key that folds to it (case, look-alikes) is pointed at it.
        let mut doc = preset("development");
        set(&mut doc, "/redis/URL", json!("redis://localhost:6379"));
        set(&mut doc, "/redis/urk", json!("redis://localhost:6379"));
        let found = run_rule(&RULE, &doc);
        let message = |p: &str| {
            found
                .iter()
                .find(|d| d.path == p)
                .map(|d| d.message.clone())
                .unwrap_or_default()
        };
        assert_eq!(
            message("/redis/URL"),
            "unknown field `URL`: did you mean `url`?"
        );
        assert_eq!(
            message("/redis/urk"),
            "unknown field `urk` (kept as is; the server ignores it)"
        );
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
