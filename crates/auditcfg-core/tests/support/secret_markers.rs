//! Marker secrets for the leak tests: a document with a known marker at
//! every secret path of the registry, whose outputs are then grepped for
//! the markers. Included with `#[path]` by `tests/leaks.rs` (core),
//! `crates/auditcfg-cli/tests/hostile_cli.rs` and `tests/draft_leaks.rs`
//! (the app's drafts).

#![allow(dead_code)]

use auditcfg_core::secrets::{SECRET_PATHS, SecretKind};
use serde_json::{Value, json};

/// What [`set`] puts in array items it has to create.
pub const REPLICA: &str = "postgresql://replica:5432/audit";

/// Sets `v` at pointer `p`, creating missing objects (and array items,
/// as [`REPLICA`]).
pub fn set(doc: &mut Value, p: &str, v: Value) {
    set_filling(doc, p, v, REPLICA);
}

/// [`set`], creating missing array items as `filler`.
pub fn set_filling(doc: &mut Value, p: &str, v: Value, filler: &str) {
    let tokens: Vec<String> = auditcfg_core::pointer::tokens(p)
        .map(|t| t.into_owned())
        .collect();
    let mut cur = doc;
    for (i, t) in tokens.iter().enumerate() {
        let last = i + 1 == tokens.len();
        if let Value::Array(items) = cur {
            let Ok(idx) = t.parse::<usize>() else { return };
            while items.len() <= idx {
                items.push(json!(filler));
            }
            if last {
                items[idx] = v;
                return;
            }
            cur = &mut items[idx];
            continue;
        }
        if !cur.is_object() {
            *cur = json!({});
        }
        let Some(m) = cur.as_object_mut() else { return };
        if last {
            m.insert(t.clone(), v);
            return;
        }
        cur = m.entry(t.clone()).or_insert_with(|| json!({}));
    }
}

/// Puts `value(n, kind)` at every path of the registry (`n`: the path's
/// index in [`SECRET_PATHS`]); a wildcard stands for the second read
/// replica or the key `x-marker`.
pub fn mark_registry(doc: &mut Value, value: impl Fn(usize, SecretKind) -> Value) {
    for (n, entry) in SECRET_PATHS.iter().enumerate() {
        let p = entry.pattern.replace(
            '*',
            if entry.pattern.contains("readReplicas") {
                "1"
            } else {
                "x-marker"
            },
        );
        set(doc, &p, value(n, entry.kind));
    }
}
