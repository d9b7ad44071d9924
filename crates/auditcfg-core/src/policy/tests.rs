//! The policy layer with a toy engine (the CEL engine has its own tests in
//! `crates/auditcfg-policy`): file errors with ranges, which rules apply,
//! how outcomes become placed findings.

use super::*;
use crate::document::Document;

/// A toy engine: `true`, `false`, `error`, `stop`, `bad@N` (a compile
/// error at byte N), `self=JSON` (self equals the JSON value),
/// `old=JSON` (oldSelf equals it), `env=NAME`.
struct Toy;

impl Engine for Toy {
    type Program = String;
    type Loaded = ();
    fn load(&self, _: &Input<'_>) {}
    fn compile(&self, expression: &str) -> Result<String, CompileError> {
        if let Some(at) = expression.strip_prefix("bad@") {
            let at: usize = at.parse().unwrap_or(0);
            return Err(CompileError {
                message: "unexpected token".into(),
                range: Some(TextRange::new(at, at + 1)),
            });
        }
        Ok(expression.to_owned())
    }
    fn evaluate(
        &self,
        program: &String,
        _: &(),
        input: &Input<'_>,
        budget: &mut Budget,
    ) -> Outcome {
        let eq =
            |v: Option<&Value>, json: &str| serde_json::from_str::<Value>(json).ok().as_ref() == v;
        let holds = match program.as_str() {
            "true" => true,
            "false" => false,
            "error" => return Outcome::Error("no such key: ssl".into()),
            "stop" => {
                budget.steps = 0;
                return Outcome::Stopped("step limit".into());
            }
            p => match p.split_once('=') {
                Some(("self", json)) => eq(Some(input.this), json),
                Some(("old", json)) => eq(input.old_self, json),
                Some(("env", name)) => input.environment.map(Environment::as_str) == Some(name),
                _ => false,
            },
        };
        budget.steps = budget.steps.saturating_sub(1);
        if holds {
            Outcome::Holds
        } else {
            Outcome::Fails
        }
    }
}

fn policy(text: &str) -> Policy<String> {
    match Policy::parse(text, &Toy) {
        Ok(p) => p,
        Err(e) => panic!("policy errors: {e:?}"),
    }
}

fn errors(text: &str) -> Vec<(PolicyErrorKind, String, String)> {
    match Policy::parse(text, &Toy) {
        Ok(_) => panic!("expected errors"),
        Err(errs) => errs
            .into_iter()
            .map(|e| {
                let at = text
                    .get(e.range.start..e.range.end)
                    .unwrap_or("?")
                    .to_owned();
                (e.kind, at, e.message)
            })
            .collect(),
    }
}

fn doc(text: &str) -> Document {
    match Document::parse(text, None).document {
        Some(d) => d,
        None => panic!("doc does not parse"),
    }
}

const CONFIG: &str = r#"{
  "environment": "production",
  "database": {"url": "postgresql://db.internal/audit", "ssl": true}
}"#;

#[test]
fn a_failing_rule_is_a_placed_finding_with_its_own_code() {
    let p = policy(
        r#"
[[rule]]
code = "ORG001"
severity = "warning"
path = "/database"
rule = "false"
message = "production databases live on db.internal"
help = "ask the platform team"
"#,
    );
    let d = doc(CONFIG);
    let found = check(&Toy, &[&p], &d, Some(Environment::Production));
    assert_eq!(found.len(), 1);
    let f = &found[0];
    assert_eq!(f.code, Code::PolicyRule);
    assert_eq!(f.code_str(), "ORG001");
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(f.path, "/database");
    assert_eq!(f.message, "production databases live on db.internal");
    assert_eq!(f.help.as_deref(), Some("ask the platform team"));
    assert!(
        d.slice(f.range).starts_with("{\"url\""),
        "{:?}",
        d.slice(f.range)
    );
    let json = serde_json::to_value(f).unwrap_or_default();
    assert_eq!(json["code"], "ORG001");
}

#[test]
fn a_holding_rule_is_silent_and_severity_defaults_to_error() {
    let p = policy(
        "[[rule]]\ncode = \"ORG001\"\nrule = \"true\"\nmessage = \"m\"\n[[rule]]\ncode = \"ORG002\"\nrule = \"false\"\nmessage = \"m2\"\n",
    );
    let found = check(&Toy, &[&p], &doc(CONFIG), None);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].code_str(), "ORG002");
    assert_eq!(found[0].severity, Severity::Error);
    assert_eq!(found[0].path, "");
}

#[test]
fn self_is_the_value_at_the_path_and_an_absent_path_does_not_apply() {
    let p = policy(
        r#"{"rule": [
          {"code": "ORG001", "path": "/database/ssl", "rule": "self=true", "message": "tls"},
          {"code": "ORG002", "path": "/database/ssl", "rule": "self=false", "message": "not tls"},
          {"code": "ORG003", "path": "/redis", "rule": "false", "message": "absent"}
        ]}"#,
    );
    let d = doc(CONFIG);
    let found = check(&Toy, &[&p], &d, None);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].code_str(), "ORG002");
    assert_eq!(d.slice(found[0].range), "true");
}

#[test]
fn environments_limit_where_a_rule_applies() {
    let p = policy(
        "[[rule]]\ncode = \"ORG001\"\nenvironments = [\"production\"]\nrule = \"false\"\nmessage = \"m\"\n",
    );
    let d = doc(CONFIG);
    assert_eq!(
        check(&Toy, &[&p], &d, Some(Environment::Production)).len(),
        1
    );
    assert_eq!(check(&Toy, &[&p], &d, Some(Environment::Staging)).len(), 0);
    assert_eq!(check(&Toy, &[&p], &d, None).len(), 0);
    let e = policy("[[rule]]\ncode = \"ORG001\"\nrule = \"env=staging\"\nmessage = \"m\"\n");
    assert_eq!(check(&Toy, &[&e], &d, Some(Environment::Staging)).len(), 0);
    assert_eq!(check(&Toy, &[&e], &d, Some(Environment::Test)).len(), 1);
}

#[test]
fn an_evaluation_error_or_a_stop_is_a_finding_saying_why() {
    let p = policy(
        "[[rule]]\ncode = \"ORG001\"\nrule = \"error\"\nmessage = \"m\"\n[[rule]]\ncode = \"ORG002\"\nrule = \"stop\"\nmessage = \"n\"\n[[rule]]\ncode = \"ORG003\"\nrule = \"false\"\nmessage = \"after\"\n",
    );
    let found = check(&Toy, &[&p], &doc(CONFIG), None);
    let msgs: Vec<(&str, &str)> = found
        .iter()
        .map(|d| (d.code_str(), d.message.as_str()))
        .collect();
    assert!(
        msgs.contains(&(
            "ORG001",
            "m (the rule could not be evaluated: no such key: ssl)"
        )),
        "{msgs:?}"
    );
    assert!(
        msgs.contains(&("ORG002", "n (the rule was stopped: step limit)")),
        "{msgs:?}"
    );
    // The budget the stopped rule spent is the document's: the rule after it
    // gets none, and the toy engine still answers (engines decide).
    assert_eq!(found.len(), 3);
}

#[test]
fn transition_rules_run_only_on_a_change_with_old_self() {
    let p = policy(
        r#"
[[rule]]
code = "ORG004"
on = "change"
path = "/database/ssl"
rule = "old=false"
message = "TLS to the database may not be switched off"
[[rule]]
code = "ORG005"
rule = "false"
message = "a validation rule"
"#,
    );
    let old = doc(CONFIG);
    let new = doc(&CONFIG.replace("\"ssl\": true", "\"ssl\": false"));
    let found = check_change(&Toy, &[&p], &old, &new, None);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].code_str(), "ORG004");
    assert_eq!(new.slice(found[0].range), "false");
    // Validation never runs transition rules.
    let v = check(&Toy, &[&p], &new, None);
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].code_str(), "ORG005");
    // Absent before: the transition rule does not apply.
    let before = doc(r#"{"database": {}}"#);
    assert!(check_change(&Toy, &[&p], &before, &new, None).is_empty());
}

#[test]
fn unknown_keys_with_their_key_ranges() {
    let text = "title = \"x\"\n[[rule]]\ncode = \"ORG001\"\nrule = \"true\"\nmessage = \"m\"\nseverty = \"error\"\n";
    let errs = errors(text);
    assert_eq!(errs.len(), 2, "{errs:?}");
    assert_eq!(errs[0].0, PolicyErrorKind::UnknownKey);
    assert_eq!(errs[0].1, "title");
    assert_eq!(errs[1].0, PolicyErrorKind::UnknownKey);
    assert_eq!(errs[1].1, "severty");
}

#[test]
fn bad_reserved_and_duplicate_codes() {
    let text = "[[rule]]\ncode = \"org1\"\nrule = \"true\"\nmessage = \"m\"\n[[rule]]\ncode = \"ACX201\"\nrule = \"true\"\nmessage = \"m\"\n[[rule]]\ncode = \"ORG001\"\nrule = \"true\"\nmessage = \"m\"\n[[rule]]\ncode = \"ORG001\"\nrule = \"true\"\nmessage = \"m\"\n";
    let errs = errors(text);
    let kinds: Vec<_> = errs.iter().map(|e| (e.0, e.1.as_str())).collect();
    assert_eq!(
        kinds,
        [
            (PolicyErrorKind::BadCode, "\"org1\""),
            (PolicyErrorKind::ReservedCode, "\"ACX201\""),
            (PolicyErrorKind::DuplicateCode, "\"ORG001\"")
        ]
    );
    assert!(errs[2].2.contains("line 10"), "{}", errs[2].2);
    // The duplicate is the later one.
    let later = text.rfind("\"ORG001\"").unwrap_or(0);
    let Err(e) = Policy::parse(text, &Toy) else {
        panic!()
    };
    assert_eq!(e[2].range.start, later);
}

#[test]
fn code_shapes() {
    for ok in ["ORG001", "AB123", "ABCDEFGH999", "ADX001"] {
        assert_eq!(code_problem(ok), None, "{ok}");
    }
    for bad in [
        "A123",
        "ABCDEFGHI123",
        "ORG01",
        "ORG0001",
        "org001",
        "ORG00a",
        "",
        "ÄB123",
    ] {
        assert!(code_problem(bad).is_some(), "{bad}");
    }
    // A built-in code's shape is reserved.
    let builtin = Code::SyntaxError.as_str();
    assert!(code_problem(builtin).is_some_and(|m| m.contains("reserved")));
}

#[test]
fn bad_severity_trigger_pointer_environment_and_types() {
    let text = "[[rule]]\ncode = \"ORG001\"\nseverity = \"fatal\"\non = \"save\"\npath = \"database\"\nenvironments = [\"prodd\", 3]\nrule = \"true\"\nmessage = 7\n[[rule]]\ncode = \"ORG002\"\npath = \"/a~2\"\nrule = \"true\"\n";
    let errs = errors(text);
    let got: Vec<_> = errs.iter().map(|e| (e.0, e.1.as_str())).collect();
    assert_eq!(
        got,
        [
            (PolicyErrorKind::BadSeverity, "\"fatal\""),
            (PolicyErrorKind::BadTrigger, "\"save\""),
            (PolicyErrorKind::BadPointer, "\"database\""),
            (PolicyErrorKind::BadEnvironment, "\"prodd\""),
            (PolicyErrorKind::WrongType, "3"),
            (PolicyErrorKind::WrongType, "7"),
            // The second table lacks `message`: the error is on its header.
            (PolicyErrorKind::MissingKey, "[[rule]]"),
            (PolicyErrorKind::BadPointer, "\"/a~2\""),
        ]
    );
}

#[test]
fn an_expression_error_points_into_the_expression() {
    let text = "[[rule]]\ncode = \"ORG001\"\nrule = \"bad@2\"\nmessage = \"m\"\n";
    let Err(errs) = Policy::parse(text, &Toy) else {
        panic!()
    };
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].kind, PolicyErrorKind::Expression);
    let at = text.find("bad@2").unwrap_or(0) + 2;
    assert_eq!(errs[0].range, TextRange::new(at, at + 1));
    assert_eq!(errs[0].message, "in `rule`: unexpected token");
}

#[test]
fn oversized_or_deeply_nested_expressions_never_reach_the_engine() {
    let deep = format!("{}1{}", "(".repeat(40), ")".repeat(40));
    let text = format!("[[rule]]\ncode = \"ORG001\"\nrule = \"{deep}\"\nmessage = \"m\"\n");
    let errs = errors(&text);
    assert_eq!(errs[0].0, PolicyErrorKind::Expression);
    assert_eq!(errs[0].1, "(");
    assert!(errs[0].2.contains("nest deeper than 32"));
    // Brackets inside strings do not count.
    let quoted = format!("'{}'", "(".repeat(40));
    let ok = format!("[[rule]]\ncode = \"ORG001\"\nrule = \"{quoted}\"\nmessage = \"m\"\n");
    assert!(Policy::parse(&ok, &Toy).is_ok());
    let long = "x".repeat(MAX_EXPRESSION_BYTES + 1);
    let text = format!("[[rule]]\ncode = \"ORG001\"\nrule = \"{long}\"\nmessage = \"m\"\n");
    assert!(errors(&text)[0].2.contains("at most 4096"));
}

#[test]
fn syntax_errors_and_wrong_shapes() {
    let errs = errors("[[rule]\ncode = 1");
    assert_eq!(errs[0].0, PolicyErrorKind::Syntax);
    let errs = errors("[1, 2]");
    assert_eq!(errs[0].0, PolicyErrorKind::Shape);
    let errs = errors("rule = 3");
    assert_eq!(errs[0].0, PolicyErrorKind::Shape);
    assert_eq!(errs[0].1, "3");
    let errs = errors("{\"rule\": [1]}");
    assert_eq!(errs[0].0, PolicyErrorKind::Shape);
    assert_eq!(errs[0].1, "1");
    // An empty file is an empty policy.
    assert!(policy("").rules.is_empty());
}

#[test]
fn duplicate_codes_across_files() {
    let a = policy("[[rule]]\ncode = \"ORG001\"\nrule = \"true\"\nmessage = \"m\"\n");
    let b = policy(
        "[[rule]]\ncode = \"ORG002\"\nrule = \"true\"\nmessage = \"m\"\n[[rule]]\ncode = \"ORG001\"\nrule = \"true\"\nmessage = \"m\"\n",
    );
    let d = duplicate_codes(&[&a, &b]);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].0, "ORG001");
    assert_eq!(d[0].1, 1);
}

#[test]
fn evaluate_needs_only_values_and_place_gives_what_check_gives() {
    let p = policy(
        "[[rule]]\ncode = \"ORG001\"\npath = \"/database\"\nrule = \"false\"\nmessage = \"m\"\nhelp = \"h\"\n[[rule]]\ncode = \"ORG004\"\non = \"change\"\npath = \"/database/ssl\"\nrule = \"false\"\nmessage = \"t\"\n",
    );
    let d = doc(CONFIG);
    let value: Value = serde_json::from_str(CONFIG).unwrap_or_default();
    let found = evaluate(&Toy, &[&p], None, &value, None);
    assert_eq!(
        found,
        vec![Finding {
            code: "ORG001".into(),
            severity: Severity::Error,
            path: "/database".into(),
            message: "m".into(),
            help: Some("h".into()),
        }]
    );
    // A finding travels as JSON between the two WebAssembly modules.
    let json = serde_json::to_value(&found).unwrap_or_default();
    assert_eq!(
        json,
        serde_json::json!([{"code": "ORG001", "severity": "error", "path": "/database", "message": "m", "help": "h"}])
    );
    let back: Vec<Finding> = serde_json::from_value(json).unwrap_or_default();
    assert_eq!(place(&d, back), check(&Toy, &[&p], &d, None));
    let changed = evaluate(&Toy, &[&p], Some(&value), &value, None);
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0].code, "ORG004");
    assert_eq!(place(&d, changed), check_change(&Toy, &[&p], &d, &d, None));
}

#[test]
fn findings_read_back_from_their_json_form() {
    let f = Finding {
        code: "ORG001".into(),
        severity: Severity::Warning,
        path: "/database".into(),
        message: "m".into(),
        help: Some("h".into()),
    };
    let json = serde_json::to_value(vec![f.clone()]).expect("serialises");
    assert_eq!(read_findings(json), Ok(vec![f]));
    assert_eq!(read_findings(Value::Null), Ok(Vec::new()));
}

#[test]
fn findings_from_elsewhere_are_checked_item_by_item() {
    let one = |v: Value| read_findings(Value::Array(vec![v])).unwrap_err();
    let base =
        serde_json::json!({"code": "ORG001", "severity": "error", "path": "/a", "message": "m"});
    assert!(read_findings(serde_json::json!({})).is_err());
    let mut bad = base.clone();
    bad["severity"] = "fatal".into();
    assert!(one(bad).contains("severity"));
    let mut bad = base.clone();
    bad["code"] = Code::PolicyRule.as_str().into();
    assert!(one(bad).starts_with("[0]:"));
    let mut bad = base.clone();
    bad["path"] = "a".into();
    assert!(one(bad).contains("not a JSON Pointer"));
    let mut bad = base.clone();
    bad["extra"] = 1.into();
    assert!(one(bad).contains("unknown key `extra`"));
    assert!(one(serde_json::json!("x")).contains("not an object"));
}
