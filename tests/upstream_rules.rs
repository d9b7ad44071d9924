//! Every row of upstream's `validateConfiguration` table, data-driven from
//! `tests/fixtures/upstream_rules.json`: values at the limits pass, values
//! past them fail, on the same JSON Pointer.

use auditcfg_core::validate::{ValidateOptions, validate};
use auditcfg_core::{Environment, Severity};
use serde_json::Value;

fn errors_at(doc: &Value, path: &str) -> Vec<String> {
    let text = serde_json::to_string_pretty(doc).expect("serialisable");
    let report = validate(&text, &ValidateOptions::upstream_only());
    report
        .diagnostics
        .into_iter()
        .filter(|d| {
            d.severity == Severity::Error
                && (d.path == path || d.path.starts_with(&format!("{path}/")))
        })
        .map(|d| format!("{} {}", d.code, d.message))
        .collect()
}

#[test]
fn every_upstream_rule_on_its_path_and_limits() {
    let table: Value =
        serde_json::from_str(include_str!("fixtures/upstream_rules.json")).expect("fixture parses");
    let base = auditcfg_core::preset::reference(Environment::Development);
    let rows = table["rows"].as_array().expect("rows");
    assert!(rows.len() >= 50, "the table has every upstream row");
    let mut failures = Vec::new();
    for row in rows {
        let path = row["path"].as_str().expect("path");
        for (values, should_fail) in [(&row["good"], false), (&row["bad"], true)] {
            for v in values.as_array().expect("values") {
                let mut doc = base.clone();
                *doc.pointer_mut(path)
                    .unwrap_or_else(|| panic!("{path} exists in the preset")) = v.clone();
                let errors = errors_at(&doc, path);
                if should_fail == errors.is_empty() {
                    failures.push(format!(
                        "{path} = {v}: expected {}, got {errors:?}",
                        if should_fail { "an error" } else { "no error" }
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_missing_field_is_reported_at_its_own_path() {
    for path in [
        "/redis/url",
        "/server/port",
        "/logging/level",
        "/compliance/reportingSchedule/recipients",
    ] {
        let mut doc = auditcfg_core::preset::reference(Environment::Development);
        let (parent, key) = path.rsplit_once('/').expect("pointer");
        doc.pointer_mut(parent)
            .and_then(Value::as_object_mut)
            .expect("parent object")
            .remove(key);
        let errors = errors_at(&doc, path);
        assert!(
            errors.iter().any(|e| e.starts_with("AC101")),
            "{path}: {errors:?}"
        );
    }
}
