use auditcfg_core::validate::{ValidateOptions, validate};
use auditcfg_core::{Document, RuleGroup};
use serde_json::{json, Value};
use std::time::Instant;

fn preset() -> Value {
    serde_json::from_str(auditcfg_core::preset::reference_text(auditcfg_core::Environment::Test)).unwrap()
}

fn time(label: &str, f: impl FnOnce()) {
    let t = Instant::now();
    f();
    eprintln!("{label}: {:?}", t.elapsed());
}

fn probe(name: &str, text: &str) {
    time(&format!("{name} parse"), || { let _ = Document::parse(text, None); });
    for groups in [vec![RuleGroup::Schema], vec![RuleGroup::Upstream], vec![RuleGroup::Review]] {
        let o = ValidateOptions { groups: groups.clone(), ..ValidateOptions::default() };
        time(&format!("{name} validate {groups:?}"), || { let r = validate(text, &o); eprintln!("  {} diags", r.diagnostics.len()); });
    }
}


fn big(n: usize) -> Value {
    let mut v = preset();
    v["auditTrail"] = Value::Array((0..n).map(|i| json!({"id": format!("evt-{i}"), "tags": ["a","b"], "n": i, "x": {"y": 1.5}})).collect());
    v
}


#[test]
fn scratch() {
    for n in [5_000usize, 20_000] {
        let mut v = preset();
        v["enhancedClient"]["replication"]["readReplicas"] = Value::Array((0..n).map(|i| Value::String(format!("not a url {i}"))).collect());
        let text = auditcfg_core::to_json(&v);
        for groups in [vec![RuleGroup::Upstream, RuleGroup::Review], vec![RuleGroup::Schema, RuleGroup::Review], vec![RuleGroup::Schema, RuleGroup::Upstream]] {
            let o = ValidateOptions { groups: groups.clone(), ..ValidateOptions::default() };
            time(&format!("replicas{n} {groups:?}"), || { let r = validate(&text, &o); eprintln!("  {} diags", r.diagnostics.len()); });
        }
        let doc = Document::parse(&text, None).document.unwrap();
        time("  rules::run", || { auditcfg_core::rules::run(doc.value(), None, &[RuleGroup::Upstream, RuleGroup::Review]); });
        time("  schema::check", || { auditcfg_core::schema::check(doc.value()); });
        let mut d = auditcfg_core::rules::run(doc.value(), None, &[RuleGroup::Upstream, RuleGroup::Review]);
        time("  place", || { doc.place(&mut d); });
        time("  sort", || { auditcfg_core::diagnostic::sort(&mut d); });
    }
}
