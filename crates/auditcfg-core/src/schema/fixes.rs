//! Fixes for schema findings, as proposals on the structure: an allowed
//! value for a typo or a wrong case (`AC104`), the preset's value for a
//! missing required field (`AC101`), the nearest limit for a number out of
//! range (`AC103`).

use super::resolve_ref as resolve;
use crate::base::distance;
use crate::codes::Code;
use crate::diagnostic::{Action, Applicability, Diagnostic};
use crate::environment::Environment;
use crate::{pointer, preset, secrets};
use serde_json::Value;

/// Adds proposals to the schema findings of `value`.
pub fn propose(value: &Value, found: &mut [Diagnostic]) {
    let root = super::schema();
    let environment = value
        .get("environment")
        .and_then(Value::as_str)
        .and_then(Environment::from_name);
    for d in found {
        match d.code {
            Code::InvalidEnum => {
                let (Some(Value::String(got)), Some(node)) =
                    (pointer::get(value, &d.path), schema_at(root, &d.path))
                else {
                    continue;
                };
                let allowed = allowed_strings(root, node);
                if let Some((to, safe)) = closest(got, &allowed) {
                    let applicability = if safe {
                        Applicability::Safe
                    } else {
                        Applicability::Unsafe
                    };
                    propose_one(
                        d,
                        format!("change `{got}` to `{to}`"),
                        applicability,
                        Action::SetValue {
                            path: d.path.clone(),
                            value: Value::String(to.to_owned()),
                        },
                    );
                }
            }
            Code::OutOfRange => {
                let (Some(x), Some(node)) = (
                    pointer::get(value, &d.path).and_then(Value::as_f64),
                    schema_at(root, &d.path),
                ) else {
                    continue;
                };
                let limit = if number(root, node, "minimum").is_some_and(|(m, _)| x < m) {
                    number(root, node, "minimum")
                } else if number(root, node, "maximum").is_some_and(|(m, _)| x > m) {
                    number(root, node, "maximum")
                } else {
                    None
                };
                if let Some((_, limit)) = limit {
                    propose_one(
                        d,
                        format!("set it to the limit {limit}"),
                        Applicability::Unsafe,
                        Action::SetValue {
                            path: d.path.clone(),
                            value: limit,
                        },
                    );
                }
            }
            Code::RequiredField => {
                let Some(env) = environment else { continue };
                let Some(slash) = d.path.rfind('/') else {
                    continue;
                };
                let (object, key) = (&d.path[..slash], pointer::unescape(&d.path[slash + 1..]));
                let reference = preset::reference(env);
                let Some(preset_value) = pointer::get(&reference, &d.path) else {
                    continue;
                };
                // Secrets are never copied from a preset.
                if secrets::may_contain_secret(&d.path, preset_value) {
                    continue;
                }
                let title = format!("add `{key}` with the {} preset's value", env.as_str());
                let action = Action::Insert {
                    object: object.to_owned(),
                    key: key.into_owned(),
                    value: preset_value.clone(),
                };
                propose_one(d, title, Applicability::Safe, action);
            }
            _ => {}
        }
    }
}

fn propose_one(d: &mut Diagnostic, title: String, applicability: Applicability, action: Action) {
    let taken = std::mem::replace(d, Code::SchemaViolation.diag("", ""));
    *d = taken.with_proposal(title, applicability, action);
}

/// The closest allowed value and whether it is unambiguous: equal but for
/// case, or the only one within two edits.
fn closest<'a>(got: &str, allowed: &[&'a str]) -> Option<(&'a str, bool)> {
    let lower = got.to_lowercase();
    let same_case: Vec<&str> = allowed
        .iter()
        .copied()
        .filter(|a| a.to_lowercase() == lower)
        .collect();
    if let [only] = same_case.as_slice() {
        return Some((only, true));
    }
    let near: Vec<(&str, usize)> = allowed
        .iter()
        .filter_map(|a| Some((*a, distance::osa_within(&a.to_lowercase(), &lower, 2)?)))
        .collect();
    let best = near.iter().map(|(_, d)| *d).min()?;
    let at_best: Vec<&str> = near
        .iter()
        .filter(|(_, d)| *d == best)
        .map(|(a, _)| *a)
        .collect();
    match at_best.as_slice() {
        [only] => Some((only, near.len() == 1)),
        _ => None,
    }
}

/// A node and its `anyOf`/`oneOf` alternatives, resolved.
fn alternatives<'s>(root: &'s Value, node: &'s Value) -> Vec<&'s Value> {
    let node = resolve(root, node);
    let mut out = vec![node];
    for key in ["anyOf", "oneOf"] {
        if let Some(alts) = node.get(key).and_then(Value::as_array) {
            out.extend(alts.iter().map(|a| resolve(root, a)));
        }
    }
    out
}

/// The schema node describing the value at `path`.
fn schema_at<'s>(root: &'s Value, path: &str) -> Option<&'s Value> {
    let mut node = root;
    for token in pointer::tokens(path) {
        node = alternatives(root, node).into_iter().find_map(|n| {
            n.get("properties")
                .and_then(|p| p.get(&*token))
                .or_else(|| n.get("additionalProperties").filter(|a| a.is_object()))
                .or_else(|| n.get("items").filter(|_| token.parse::<usize>().is_ok()))
        })?;
    }
    Some(node)
}

fn allowed_strings<'s>(root: &'s Value, node: &'s Value) -> Vec<&'s str> {
    let mut out = Vec::new();
    for n in alternatives(root, node) {
        if let Some(items) = n.get("enum").and_then(Value::as_array) {
            out.extend(items.iter().filter_map(Value::as_str));
        }
        if let Some(c) = n.get("const").and_then(Value::as_str) {
            out.push(c);
        }
    }
    out
}

/// A limit (`minimum`/`maximum`) as a number and as the value to write.
fn number(root: &Value, node: &Value, key: &str) -> Option<(f64, Value)> {
    alternatives(root, node)
        .into_iter()
        .find_map(|n| n.get(key))
        .and_then(|v| Some((v.as_f64()?, v.clone())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_values_are_safe_only_when_unambiguous() {
        let allowed = ["debug", "info", "warn", "error"];
        assert_eq!(closest("INFO", &allowed), Some(("info", true)));
        assert_eq!(closest("wran", &allowed), Some(("warn", true)));
        assert_eq!(closest("verbose", &allowed), None);
        let close = ["abcd", "abce"];
        assert_eq!(closest("abcf", &close), None);
        let two = ["abcd", "abxy"];
        assert_eq!(closest("abcx", &two), Some(("abcd", false)));
    }
}
