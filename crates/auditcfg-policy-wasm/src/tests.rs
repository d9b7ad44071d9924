//! The policy module's answers, natively (the same functions the
//! WebAssembly exports wrap).

use super::*;

const ORG: &str = r#"[[rule]]
code = "ORG001"
severity = "error"
environments = ["production"]
path = "/database"
rule = "self.ssl && self.url.startsWith('postgresql://db.internal')"
message = "production databases live on db.internal, with TLS"
help = "ask the platform team for a db.internal endpoint"

[[rule]]
code = "ORG004"
severity = "error"
on = "change"
path = "/database/ssl"
rule = "!(oldSelf == true && self == false)"
message = "TLS to the database may not be switched off"
"#;

const DOC: &str =
    r#"{"environment":"production","database":{"url":"postgresql://elsewhere/audit","ssl":true}}"#;

#[test]
fn validation_rules_give_unplaced_findings() {
    let out = evaluate_value(&[ORG.into()], Some(DOC), Some("production"), None);
    assert_eq!(out["ok"], true, "{out}");
    assert_eq!(
        out["findings"],
        json!([{
            "code": "ORG001",
            "severity": "error",
            "path": "/database",
            "message": "production databases live on db.internal, with TLS",
            "help": "ask the platform team for a db.internal endpoint",
        }])
    );
    // Another environment: the rule does not apply.
    let out = evaluate_value(&[ORG.into()], Some(DOC), Some("staging"), None);
    assert_eq!(out["findings"], json!([]));
}

#[test]
fn transition_rules_need_the_earlier_document() {
    let off = DOC.replace("\"ssl\":true", "\"ssl\":false");
    let out = evaluate_value(&[ORG.into()], Some(&off), None, Some(DOC));
    assert_eq!(out["findings"][0]["code"], "ORG004", "{out}");
    assert_eq!(out["findings"][0]["path"], "/database/ssl");
    assert_eq!(out["findings"].as_array().map(Vec::len), Some(1));
    let back = evaluate_value(&[ORG.into()], Some(DOC), None, Some(&off));
    assert_eq!(back["findings"], json!([]));
}

#[test]
fn a_bad_policy_is_refused_with_every_mistake_located() {
    let bad = "[[rule]]\ncode = \"AC001\"\nrule = \"self.(\"\nmessage = \"m\"\n";
    let out = evaluate_value(&[ORG.into(), bad.into()], Some(DOC), None, None);
    assert_eq!(out["ok"], false);
    assert_eq!(out["code"], "BAD_POLICY");
    let errors = out["errors"].as_array().cloned().unwrap_or_default();
    assert_eq!(errors.len(), 2, "{out}");
    assert_eq!(errors[0]["policy"], 1);
    assert_eq!(errors[0]["kind"], "reserved-code");
    assert_eq!(errors[0]["range"]["start"]["line"], 2);
    assert_eq!(errors[0]["range"]["start"]["columnUtf16"], 8);
    assert_eq!(errors[1]["kind"], "expression");
    assert_eq!(errors[1]["range"]["start"]["line"], 3);
    let message = out["message"].as_str().unwrap_or_default();
    assert!(
        message.starts_with("policy 2 (line 2, column 8): code `AC001` is reserved"),
        "{message}"
    );
    assert!(message.ends_with("(and 1 more)"), "{message}");
}

#[test]
fn duplicate_codes_across_files_are_refused() {
    let out = evaluate_value(&[ORG.into(), ORG.into()], Some(DOC), None, None);
    assert_eq!(out["code"], "BAD_POLICY", "{out}");
    assert_eq!(out["errors"][0]["kind"], "duplicate-code");
    assert_eq!(out["errors"][0]["policy"], 1);
}

#[test]
fn check_policy_lists_rules_or_errors_with_utf16_columns() {
    let out = check_policy_value(ORG);
    assert_eq!(out["ok"], true);
    assert_eq!(out["rules"][0]["code"], "ORG001");
    assert_eq!(out["rules"][0]["environments"], json!(["production"]));
    assert_eq!(out["rules"][1]["on"], "change");
    assert_eq!(out["rules"][1]["codeRange"]["start"]["line"], 11);
    // A non-ASCII character before the mistake: UTF-8 and UTF-16 columns differ.
    let bad = "[[rule]]\nmessage = \"é\"; code = 1\n";
    let out = check_policy_value(bad);
    assert_eq!(out["ok"], false, "{out}");
    let start = &out["errors"][0]["range"]["start"];
    assert_eq!(start["line"], 2, "{out}");
    assert!(
        start["column"].as_u64() > start["columnUtf16"].as_u64(),
        "{out}"
    );
}

#[test]
fn bad_arguments_are_refused_and_no_document_gives_no_findings() {
    let out = evaluate_value(&[ORG.into()], Some(DOC), Some("qa"), None);
    assert_eq!(out["code"], "UNKNOWN_ENVIRONMENT");
    let out = evaluate_value(&[ORG.into()], Some("{"), None, None);
    assert_eq!(out["code"], "INVALID_ARGUMENT");
    let out = evaluate_value(&[ORG.into()], None, Some("production"), None);
    assert_eq!(out, json!({"ok": true, "findings": []}));
}

#[test]
fn compiled_policies_are_cached_and_the_cache_is_bounded() {
    for i in 0..(CACHED_POLICIES + 3) {
        let p = format!("[[rule]]\ncode = \"ORG{i:03}\"\nrule = \"true\"\nmessage = \"m\"\n");
        assert_eq!(check_policy_value(&p)["ok"], true);
    }
    CACHE.with(|c| assert_eq!(c.borrow().compiled.len(), CACHED_POLICIES));
}

#[test]
fn documents_as_deep_as_the_core_reads_them_are_evaluated() {
    let nested = |n: usize| format!("{{\"x\":{}{}}}", "[".repeat(n), "]".repeat(n));
    let policy = "[[rule]]\ncode = \"ORG001\"\nrule = \"false\"\nmessage = \"m\"\n";
    // 129 levels with the outer object: past serde_json's default limit.
    let out = evaluate_value(&[policy.into()], Some(&nested(128)), None, None);
    assert_eq!(out["findings"][0]["code"], "ORG001", "{out}");
    let out = evaluate_value(&[policy.into()], Some(&nested(300)), None, None);
    assert_eq!(out["code"], "INVALID_ARGUMENT", "{out}");
    // Brackets inside strings do not count.
    assert_eq!(json_depth(r#"{"a": "[[[{\"", "b": [1]}"#), 2);
}
