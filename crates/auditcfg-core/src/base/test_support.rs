//! Helpers for tests of every layer: the reference presets as values, and
//! setting a value at a pointer.

use serde_json::Value;

/// The reference preset of an environment, as a value.
pub fn preset(env: &str) -> Value {
    let text = match env {
        "development" => include_str!("../../presets/development.json"),
        "staging" => include_str!("../../presets/staging.json"),
        "production" => include_str!("../../presets/production.json"),
        _ => include_str!("../../presets/test.json"),
    };
    serde_json::from_str(text).unwrap_or(Value::Null)
}

/// Sets a value at a pointer (creating nothing: the parent must exist).
pub fn set(doc: &mut Value, pointer: &str, value: Value) {
    let (parent, last) = pointer.rsplit_once('/').unwrap_or(("", pointer));
    match doc.pointer_mut(parent) {
        Some(Value::Object(m)) => {
            m.insert(crate::pointer::unescape(last).into_owned(), value);
        }
        Some(Value::Array(a)) => {
            if let Ok(i) = last.parse::<usize>() {
                a[i] = value;
            }
        }
        _ => panic!("no parent for {pointer}"),
    }
}
