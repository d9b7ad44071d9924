//! The CEL engine through the core's policy layer: every variable, every
//! error kind with its range, the limits, transition rules on presets.

use super::*;
use auditcfg_core::diagnostic::Severity;
use auditcfg_core::policy::{self, Policy, PolicyErrorKind};
use auditcfg_core::{Diagnostic, Document, Environment};

const PRESETS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../auditcfg-core/presets");

fn preset(name: &str) -> Document {
    let text = std::fs::read_to_string(format!("{PRESETS}/{name}.json")).unwrap_or_default();
    match Document::parse(&text, None).document {
        Some(d) => d,
        None => panic!("preset {name} does not parse"),
    }
}

fn doc(text: &str) -> Document {
    match Document::parse(text, None).document {
        Some(d) => d,
        None => panic!("does not parse"),
    }
}

fn compile(text: &str) -> Policy<Program> {
    match Policy::parse(text, &Cel::default()) {
        Ok(p) => p,
        Err(e) => panic!("policy errors: {e:?}"),
    }
}

fn rule(path: Option<&str>, expr: &str) -> Policy<Program> {
    let path = path.map_or(String::new(), |p| format!("path = {p:?}\n"));
    compile(&format!(
        "[[rule]]\ncode = \"ORG001\"\n{path}rule = {}\nmessage = \"m\"\n",
        toml_string(expr)
    ))
}

fn toml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

fn run(p: &Policy<Program>, d: &Document, env: Option<Environment>) -> Vec<Diagnostic> {
    policy::check(&Cel::default(), &[p], d, env)
}

/// The outcome of one rule on a document: `None` holds, else the message.
fn outcome(path: Option<&str>, expr: &str, d: &Document) -> Option<String> {
    run(&rule(path, expr), d, Some(Environment::Production))
        .into_iter()
        .next()
        .map(|d| d.message)
}

const ISSUE_POLICY: &str = r#"
[[rule]]
code = "ORG001"              # [A-Z]{2,8}[0-9]{3}, not starting with AC
severity = "error"           # error | warning | info
environments = ["production"]  # optional: only these environments
path = "/database"           # optional JSON Pointer: `self` is the value there
rule = "self.ssl && self.url.startsWith('postgresql://db.internal')"  # must be true
message = "production databases live on db.internal, with TLS"
help = "ask the platform team for a db.internal endpoint"   # optional

[[rule]]
code = "ORG004"
severity = "error"
on = "change"                # a transition rule: checked by diff
path = "/database/ssl"
rule = "!(oldSelf == true && self == false)"
message = "TLS to the database may not be switched off"
"#;

#[test]
fn the_issue_rules_on_the_presets() {
    let p = compile(ISSUE_POLICY);
    let prod = preset("production");
    let found = run(&p, &prod, Some(Environment::Production));
    assert_eq!(found.len(), 1, "{found:?}");
    let f = &found[0];
    assert_eq!(f.code_str(), "ORG001");
    assert_eq!(f.path, "/database");
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(
        f.help.as_deref(),
        Some("ask the platform team for a db.internal endpoint")
    );
    assert!(prod.slice(f.range).starts_with('{'));
    assert!(prod.slice(f.range).contains("postgres-prod"));
    // Not production: the rule does not apply.
    assert!(run(&p, &preset("staging"), Some(Environment::Staging)).is_empty());
    // Fixed: it holds.
    let fixed = doc(&prod.source().replace(
        "postgresql://postgres-prod:5432",
        "postgresql://db.internal:5432",
    ));
    assert!(run(&p, &fixed, Some(Environment::Production)).is_empty());
}

#[test]
fn transition_rule_on_the_diff_of_two_presets() {
    let p = compile(ISSUE_POLICY);
    let cel = Cel::default();
    // production (ssl on) → development (ssl off): flagged at the new value.
    let (prod, dev) = (preset("production"), preset("development"));
    let found = policy::check_change(&cel, &[&p], &prod, &dev, None);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].code_str(), "ORG004");
    assert_eq!(found[0].path, "/database/ssl");
    assert_eq!(dev.slice(found[0].range), "false");
    // development → production switches TLS on: fine; staging → production
    // keeps it on: fine.
    assert!(policy::check_change(&cel, &[&p], &dev, &prod, None).is_empty());
    assert!(policy::check_change(&cel, &[&p], &preset("staging"), &prod, None).is_empty());
}

#[test]
fn every_variable() {
    let d = doc(
        r#"{"environment": "production", "database": {"ssl": true, "poolSize": 25, "hosts": ["a", "b"]}}"#,
    );
    assert_eq!(outcome(Some("/database/ssl"), "self == true", &d), None);
    assert_eq!(
        outcome(Some("/database/poolSize"), "self == 25 && self > 10", &d),
        None
    );
    assert_eq!(
        outcome(
            Some("/database"),
            "self.hosts.size() == 2 && 'a' in self.hosts",
            &d
        ),
        None
    );
    assert_eq!(
        outcome(
            Some("/database"),
            "config.environment == 'production' && self == config.database",
            &d
        ),
        None
    );
    assert_eq!(outcome(None, "self == config", &d), None);
    assert_eq!(outcome(None, "environment == 'production'", &d), None);
    assert_eq!(
        outcome(None, "has(self.database.ssl) && !has(self.redis)", &d),
        None
    );
    assert_eq!(
        outcome(None, "self.database.hosts.all(h, h.size() == 1)", &d),
        None
    );
    assert_eq!(outcome(Some("/database/hosts/1"), "self == 'b'", &d), None);
    assert_eq!(
        outcome(Some("/database/ssl"), "self == false", &d).as_deref(),
        Some("m")
    );
    // environment is null when unknown.
    let p = rule(None, "environment == null");
    assert!(run(&p, &d, None).is_empty());
    // oldSelf/oldConfig are not bound outside transition rules.
    let got = outcome(None, "oldSelf == self", &d).unwrap_or_default();
    assert!(got.contains("could not be evaluated"), "{got}");
}

#[test]
fn transition_variables() {
    let p = compile(
        "[[rule]]\ncode = \"ORG002\"\non = \"change\"\npath = \"/pool\"\nrule = \"self >= oldSelf && oldConfig.pool == oldSelf && config.pool == self\"\nmessage = \"the pool may not shrink\"\n",
    );
    let cel = Cel::default();
    let (a, b) = (doc(r#"{"pool": 10}"#), doc(r#"{"pool": 5}"#));
    let found = policy::check_change(&cel, &[&p], &a, &b, None);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].message, "the pool may not shrink");
    assert!(policy::check_change(&cel, &[&p], &b, &a, None).is_empty());
}

#[test]
fn numbers_strings_and_unicode() {
    let d = doc(
        r#"{"n": 18446744073709551615, "f": 1.5, "s": "Zürich 🏥", "big": -9223372036854775808}"#,
    );
    assert_eq!(
        outcome(Some("/n"), "self == 18446744073709551615u", &d),
        None
    );
    assert_eq!(outcome(Some("/f"), "self > 1.0", &d), None);
    assert_eq!(
        outcome(Some("/s"), "self.size() == 8 && self.startsWith('Zü')", &d),
        None
    );
    assert_eq!(outcome(Some("/big"), "self < 0", &d), None);
}

#[test]
fn evaluation_errors_are_findings_saying_why_without_values() {
    let d = doc(r#"{"database": {"url": "postgresql://user:hunter2@db/x", "ssl": true}}"#);
    let cases = [
        ("self.port > 1", "no such key: port"),
        ("self.url > 3", "no matching overload"),
        ("self.url + 1 == 2", "does not apply"),
        ("self.url", "is a string, not a bool"),
        ("self.ssl / 0 == 1", ""),
        ("size(self.url) / 0 == 1", ""),
        ("nosuch(self)", "nosuch"),
    ];
    for (expr, why) in cases {
        let got = outcome(Some("/database"), expr, &d).unwrap_or_default();
        assert!(
            got.starts_with("m (the rule could not be evaluated: "),
            "{expr}: {got}"
        );
        assert!(got.contains(why), "{expr}: {got}");
        assert!(!got.contains("hunter2"), "{expr} leaks a secret: {got}");
    }
}

fn errors(text: &str) -> Vec<(PolicyErrorKind, String, String)> {
    match Policy::parse(text, &Cel::default()) {
        Ok(_) => panic!("expected errors"),
        Err(errs) => errs
            .into_iter()
            .map(|e| {
                (
                    e.kind,
                    text[e.range.start..e.range.end].to_owned(),
                    e.message,
                )
            })
            .collect(),
    }
}

#[test]
fn syntax_errors_point_into_the_expression() {
    let text = "[[rule]]\ncode = \"ORG001\"\nrule = \"self.ssl && && true\"\nmessage = \"m\"\n";
    let errs = errors(text);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].0, PolicyErrorKind::Expression);
    assert!(errs[0].2.starts_with("in `rule`: "), "{}", errs[0].2);
    // The range is one character inside the expression, at or after the
    // second `&&`.
    let Err(e) = Policy::parse(text, &Cel::default()) else {
        panic!()
    };
    let expr_start = text.find("self.ssl").unwrap_or(0);
    let second = text.find("&& true").unwrap_or(0);
    assert!(
        e[0].range.start >= expr_start + 9 && e[0].range.start <= second + 3,
        "{:?} {errs:?}",
        e[0].range
    );
    // Unknown variables are compile errors too, with their range.
    let errs = errors("[[rule]]\ncode = \"ORG001\"\nrule = \"selff.ssl\"\nmessage = \"m\"\n");
    assert_eq!(errs[0].1, "selff");
    assert!(errs[0].2.contains("unknown variable"));
}

#[test]
fn runaway_rules_are_stopped_with_a_finding() {
    // 500 × 500 × 500 steps on a 500-element list: far beyond the limit.
    let list: Vec<u32> = (0..500).collect();
    let d = doc(&format!(r#"{{"xs": {list:?}}}"#));
    let expr = "self.xs.all(a, self.xs.all(b, self.xs.all(c, a + b + c >= 0)))";
    let p = compile(&format!(
        "[[rule]]\ncode = \"ORG009\"\nrule = {}\nmessage = \"runaway\"\n[[rule]]\ncode = \"ORG010\"\nrule = \"self.xs.size() == 1\"\nmessage = \"after\"\n",
        toml_string(expr)
    ));
    let found = run(&p, &d, None);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].code_str(), "ORG009");
    assert!(
        found[0].message.contains("the rule was stopped"),
        "{}",
        found[0].message
    );
    assert_eq!(found[1].message, "after");
    // The same rule on a small list runs.
    let small = doc(r#"{"xs": [1, 2, 3]}"#);
    assert!(
        run(&p, &small, None)
            .iter()
            .all(|f| f.code_str() != "ORG009")
    );
    // Lists built by the expression count as large.
    let built = "self.xs.map(x, self.xs).all(l, l.all(y, y >= 0))";
    let got = outcome(None, built, &d).unwrap_or_default();
    assert!(got.contains("stopped"), "{got}");
}

#[test]
fn comprehension_nesting_and_tree_size_are_limited() {
    let deep = "[1].all(a, [1].all(b, [1].all(c, [1].all(d, true))))";
    let errs = errors(&format!(
        "[[rule]]\ncode = \"ORG001\"\nrule = {}\nmessage = \"m\"\n",
        toml_string(deep)
    ));
    assert!(errs[0].2.contains("too large"), "{errs:?}");
    let wide = vec!["1"; 1500].join(" + ");
    let errs = errors(&format!(
        "[[rule]]\ncode = \"ORG001\"\nrule = \"{wide} == 0\"\nmessage = \"m\"\n"
    ));
    assert_eq!(errs[0].0, PolicyErrorKind::Expression);
}

#[test]
fn hostile_expressions_are_errors_not_crashes() {
    let many = |s: &str, n: usize| s.repeat(n);
    let hostile = [
        format!("{}true", many("!", 3000)),
        format!("{}1 == 1", many("-", 3000)),
        format!("self{}", many(".a", 1500)),
        format!("self{}", many(".a", 250)),
        format!("self{}", many("[0]", 250)),
        format!("{} == 0", vec!["1"; 250].join(" + ")),
        format!("{}1", many("true ? 1 : ", 400)),
        format!("{} == 0", vec!["1"; 1000].join(" + ")),
        format!("{}true", many("true && ", 500)),
        format!("'{}'", many("\\u00e9", 600)),
        "\u{0}\u{feff}'\u{10ffff}'".to_owned(),
        many("[", 31),
        format!("{}1{}", many("[", 32), many("]", 32)),
        format!("{}1{}", many("(", 32), many(")", 32)),
        "self.a.b[0][".to_owned(),
    ];
    for h in hostile {
        let text = format!(
            "[[rule]]\ncode = \"ORG001\"\nrule = {}\nmessage = \"m\"\n",
            toml_string(&h)
        );
        if let Ok(p) = Policy::parse(&text, &Cel::default()) {
            let _ = run(&p, &doc(r#"{"a": {"b": [1]}}"#), None);
        }
    }
}

#[test]
fn values_round_trip_between_json_and_cel() {
    let v: Value = serde_json::from_str(
        r#"{"a": [1, -2, 1.5, "x", null, true, {"b": 18446744073709551615}]}"#,
    )
    .unwrap_or_default();
    let mut largest = 0;
    let cel = to_cel(&v, &mut largest);
    assert_eq!(largest, 7);
    assert_eq!(from_cel(&cel), Some(v));
}

#[test]
fn offsets_of_parser_positions() {
    assert_eq!(offset_of("abc", (1, 1)), Some(1));
    assert_eq!(offset_of("a\nbc", (2, 1)), Some(3));
    assert_eq!(offset_of("é+x", (1, 1)), Some(2));
    assert_eq!(offset_of("abc", (-1, 0)), None);
}
