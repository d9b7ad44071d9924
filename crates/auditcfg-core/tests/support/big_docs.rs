//! Big documents for the growth test, the instruction-count harness and
//! the benchmarks (included with `#[path]`: `tests/growth.rs`,
//! `examples/instr.rs`, `benches/*.rs`), so that all of them measure the
//! same shapes.

#![allow(dead_code)]

use auditcfg_core::Environment;
use serde_json::{Map, Value, json};

/// The production preset with `endpointTTLOverrides` grown to about
/// `min_bytes`; with `change_every`, every n-th override gets another TTL
/// (a second document for diffs).
pub fn ttl_document(min_bytes: usize, change_every: Option<usize>) -> Value {
    let mut doc = auditcfg_core::preset::reference(Environment::Production);
    let mut map = Map::new();
    let mut size = auditcfg_core::preset::reference_text(Environment::Production).len();
    let mut i = 0usize;
    while size < min_bytes {
        let key = format!("/api/v1/tenants/{i}/audit-events/search");
        size += key.len() + 16;
        let ttl = 60 + (i % 600);
        let ttl = match change_every {
            Some(n) if i.is_multiple_of(n) => ttl + 1,
            _ => ttl,
        };
        map.insert(key, json!(ttl));
        i += 1;
    }
    if let Some(cache) = doc
        .pointer_mut("/server/performance/responseCache")
        .and_then(Value::as_object_mut)
    {
        cache.insert("endpointTTLOverrides".into(), Value::Object(map));
    }
    doc
}

/// The production preset with many extra (unknown) top-level sections,
/// each a copy of the `redis` section (with a misspelt key when
/// `misspelt`, so the unknown-field rule speaks), grown to about
/// `min_bytes`.
pub fn wide_document(min_bytes: usize, misspelt: bool) -> Value {
    let mut doc = auditcfg_core::preset::reference(Environment::Production);
    let mut section = doc["redis"].clone();
    if misspelt {
        section["conectTimeout"] = json!(5000);
    }
    let one = auditcfg_core::to_json(&section).len() + 20;
    let mut size = auditcfg_core::preset::reference_text(Environment::Production).len();
    let mut i = 0usize;
    while size < min_bytes {
        if let Some(m) = doc.as_object_mut() {
            m.insert(format!("section{i}"), section.clone());
        }
        size += one;
        i += 1;
    }
    doc
}
