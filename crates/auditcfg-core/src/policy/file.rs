//! The policy file: TOML or JSON (detected like configs), a list of
//! `[[rule]]` tables, read with the byte range of every key and value so
//! that every mistake in it is an error with a location.

use super::{CompileError, Engine, PolicyError, PolicyErrorKind, Rule, Trigger};
use crate::diagnostic::{Severity, TextRange};
use crate::document::Document;
use crate::environment::Environment;
use crate::pointer;
use serde_json::{Map, Value};

/// The keys a rule may have.
const RULE_KEYS: [&str; 8] = [
    "code",
    "severity",
    "environments",
    "path",
    "rule",
    "message",
    "help",
    "on",
];

/// Longest expression accepted, in bytes.
pub const MAX_EXPRESSION_BYTES: usize = 4096;
/// Deepest bracket nesting accepted in an expression (`(`, `[`, `{`).
pub const MAX_EXPRESSION_NESTING: usize = 32;
/// Most operators (`.`, `[`, `+`, `&&`, `?`, ...) in an expression: the
/// engine's parser recurses per operator.
pub const MAX_EXPRESSION_OPERATORS: usize = 256;
/// Most rules in one policy file.
pub const MAX_RULES: usize = 1000;

/// Reads a policy file and compiles every rule with `engine`. Every
/// problem is returned (not only the first), in source order.
pub(super) fn parse<E: Engine>(
    text: &str,
    engine: &E,
) -> Result<Vec<Rule<E::Program>>, Vec<PolicyError>> {
    let parse = Document::parse(text, None);
    let mut errors: Vec<PolicyError> = parse
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| PolicyError {
            kind: PolicyErrorKind::Syntax,
            message: d.message.clone(),
            range: d.range,
        })
        .collect();
    let Some(doc) = parse.document else {
        return Err(errors);
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let err = |kind, at: TextRange, message: String| PolicyError {
        kind,
        message,
        range: at,
    };
    let Some(top) = doc.value().as_object() else {
        return Err(vec![err(
            PolicyErrorKind::Shape,
            doc.locate("").range,
            "a policy file is a table with a list of `[[rule]]` tables".into(),
        )]);
    };
    for key in top.keys().filter(|k| k.as_str() != "rule") {
        let at = key_range(&doc, &pointer::push("", key));
        errors.push(err(
            PolicyErrorKind::UnknownKey,
            at,
            format!("unknown key `{key}`: a policy file has only `rule` tables"),
        ));
    }
    let rules = match top.get("rule") {
        None => Vec::new(),
        Some(Value::Array(rules)) => rules.iter().collect(),
        Some(_) => {
            errors.push(err(
                PolicyErrorKind::Shape,
                doc.locate("/rule").range,
                "`rule` is a list of tables (`[[rule]]` in TOML, an array in JSON)".into(),
            ));
            Vec::new()
        }
    };
    if rules.len() > MAX_RULES {
        errors.push(err(
            PolicyErrorKind::Limit,
            doc.locate("/rule").range,
            format!(
                "{} rules: a policy file has at most {MAX_RULES}",
                rules.len()
            ),
        ));
        return Err(errors);
    }
    let mut out = Vec::new();
    let mut seen: Vec<(String, TextRange)> = Vec::new();
    for (i, rule) in rules.into_iter().enumerate() {
        let at = format!("/rule/{i}");
        let Some(table) = rule.as_object() else {
            errors.push(err(
                PolicyErrorKind::Shape,
                doc.locate(&at).range,
                "a rule is a table".into(),
            ));
            continue;
        };
        if let Some(rule) = read_rule(&doc, &at, table, engine, &mut errors) {
            if let Some((_, first)) = seen.iter().find(|(c, _)| *c == rule.code) {
                let line = 1 + doc.source()[..first.start.min(doc.source().len())]
                    .matches('\n')
                    .count();
                errors.push(err(
                    PolicyErrorKind::DuplicateCode,
                    rule.code_range,
                    format!("duplicate code `{}`: first used on line {line}", rule.code),
                ));
                continue;
            }
            seen.push((rule.code.clone(), rule.code_range));
            out.push(rule);
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        crate::base::sort::sort_by_key(&mut errors, |e| (e.range.start, e.range.end));
        Err(errors)
    }
}

/// The key's range of a member, or the value's when there is no key.
fn key_range(doc: &Document, at: &str) -> TextRange {
    let loc = doc.locate(at);
    loc.key.unwrap_or(loc.range)
}

/// Reads one rule table; pushes its errors and returns `None` when it has
/// any.
fn read_rule<E: Engine>(
    doc: &Document,
    at: &str,
    table: &Map<String, Value>,
    engine: &E,
    errors: &mut Vec<PolicyError>,
) -> Option<Rule<E::Program>> {
    let before = errors.len();
    let value_range = |key: &str| doc.locate(&pointer::push(at, key)).range;
    let mut push = |kind, range, message: String| {
        errors.push(PolicyError {
            kind,
            message,
            range,
        })
    };
    for key in table.keys() {
        if !RULE_KEYS.contains(&key.as_str()) {
            push(
                PolicyErrorKind::UnknownKey,
                key_range(doc, &pointer::push(at, key)),
                format!(
                    "unknown key `{key}`: a rule has {}",
                    RULE_KEYS
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
        }
    }
    let string = |key: &str, push: &mut dyn FnMut(PolicyErrorKind, TextRange, String)| match table
        .get(key)
    {
        None => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => {
            push(
                PolicyErrorKind::WrongType,
                value_range(key),
                format!("`{key}` is a string"),
            );
            None
        }
    };
    let table_range = doc.locate(at).range;
    let required = |key: &str, push: &mut dyn FnMut(PolicyErrorKind, TextRange, String)| {
        let v = string(key, push);
        if v.is_none() && !table.contains_key(key) {
            push(
                PolicyErrorKind::MissingKey,
                table_range,
                format!("a rule needs `{key}`"),
            );
        }
        v
    };
    let code = required("code", &mut push);
    let expression = required("rule", &mut push);
    let message = required("message", &mut push);
    let help = string("help", &mut push);
    if let Some(code) = &code
        && let Some(why) = code_problem(code)
    {
        let kind = if why.contains("reserved") {
            PolicyErrorKind::ReservedCode
        } else {
            PolicyErrorKind::BadCode
        };
        push(kind, value_range("code"), why);
    }
    let severity = match string("severity", &mut push).as_deref() {
        None => Severity::Error,
        Some("error") => Severity::Error,
        Some("warning") => Severity::Warning,
        Some("info") => Severity::Info,
        Some(other) => {
            push(
                PolicyErrorKind::BadSeverity,
                value_range("severity"),
                format!("unknown severity `{other}`: error, warning or info"),
            );
            Severity::Error
        }
    };
    let trigger = match string("on", &mut push).as_deref() {
        None => Trigger::Validate,
        Some("change") => Trigger::Change,
        Some(other) => {
            push(
                PolicyErrorKind::BadTrigger,
                value_range("on"),
                format!(
                    "unknown `on` value `{other}`: only `change` (a transition rule, checked by diff)"
                ),
            );
            Trigger::Validate
        }
    };
    let path = string("path", &mut push);
    if let Some(p) = &path
        && let Some(why) = pointer_problem(p)
    {
        push(PolicyErrorKind::BadPointer, value_range("path"), why);
    }
    let environments = match table.get("environments") {
        None => None,
        Some(Value::Array(items)) => {
            let mut envs = Vec::new();
            for (j, item) in items.iter().enumerate() {
                let here = doc.locate(&format!("{at}/environments/{j}")).range;
                match item.as_str().map(|s| (s, Environment::from_name(s))) {
                    Some((_, Some(env))) => envs.push(env),
                    Some((s, None)) => push(
                        PolicyErrorKind::BadEnvironment,
                        here,
                        format!(
                            "unknown environment `{s}`: development, staging, production or test"
                        ),
                    ),
                    None => push(
                        PolicyErrorKind::WrongType,
                        here,
                        "an environment is a string".into(),
                    ),
                }
            }
            Some(envs)
        }
        Some(_) => {
            push(
                PolicyErrorKind::WrongType,
                value_range("environments"),
                "`environments` is a list of environment names".into(),
            );
            None
        }
    };
    let rule_range = value_range("rule");
    let program = match &expression {
        Some(expr) => match check_expression(expr).map_or_else(|| engine.compile(expr), Err) {
            Ok(program) => Some(program),
            Err(e) => {
                let range = expression_range(doc, rule_range, expr, e.range);
                push(
                    PolicyErrorKind::Expression,
                    range,
                    format!("in `rule`: {}", e.message),
                );
                None
            }
        },
        None => None,
    };
    if errors.len() > before {
        return None;
    }
    Some(Rule {
        code: code?,
        severity,
        environments,
        path,
        expression: expression?,
        message: message?,
        help,
        trigger,
        program: program?,
        code_range: value_range("code"),
        rule_range,
    })
}

/// Why a policy code is not acceptable: `[A-Z]{2,8}[0-9]{3}`, not starting
/// with `AC` (the built-in codes).
pub fn code_problem(code: &str) -> Option<String> {
    let letters = code.bytes().take_while(u8::is_ascii_uppercase).count();
    let rest = &code.as_bytes()[letters..];
    let shape =
        (2..=8).contains(&letters) && rest.len() == 3 && rest.iter().all(u8::is_ascii_digit);
    if !shape {
        return Some(format!(
            "code `{code}` is not 2 to 8 capital letters and 3 digits (like `ORG001`)"
        ));
    }
    if code.starts_with("AC") {
        return Some(format!(
            "code `{code}` is reserved: codes starting with `AC` are auditcfg's own"
        ));
    }
    None
}

/// Why `path` is not a JSON Pointer.
fn pointer_problem(p: &str) -> Option<String> {
    if !p.is_empty() && !p.starts_with('/') {
        return Some(format!(
            "`path` `{p}` is not a JSON Pointer: it starts with `/` (like `/database/ssl`)"
        ));
    }
    let bytes = p.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'~' && !matches!(bytes.get(i + 1), Some(b'0' | b'1')) {
            return Some(format!(
                "`path` `{p}` is not a JSON Pointer: `~` is written `~0` and `/` inside a key `~1`"
            ));
        }
    }
    None
}

/// Size and nesting checked before the engine sees the text (its parser
/// recurses).
fn check_expression(expr: &str) -> Option<CompileError> {
    if expr.trim().is_empty() {
        return Some(CompileError {
            message: "the expression is empty".into(),
            range: None,
        });
    }
    if expr.len() > MAX_EXPRESSION_BYTES {
        return Some(CompileError {
            message: format!(
                "the expression is {} bytes long: at most {MAX_EXPRESSION_BYTES}",
                expr.len()
            ),
            range: None,
        });
    }
    let mut depth = 0usize;
    let mut operators = 0usize;
    let mut quote: Option<u8> = None;
    let mut escaped = false;
    for (i, b) in expr.bytes().enumerate() {
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == q {
                quote = None;
            }
            continue;
        }
        match b {
            b'"' | b'\'' => quote = Some(b),
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > MAX_EXPRESSION_NESTING {
                    return Some(CompileError {
                        message: format!(
                            "brackets nest deeper than {MAX_EXPRESSION_NESTING} levels"
                        ),
                        range: Some(TextRange::new(i, i + 1)),
                    });
                }
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if b".[+-*/%?:<>=&|,".contains(&b) {
            operators += 1;
            if operators > MAX_EXPRESSION_OPERATORS {
                return Some(CompileError {
                    message: format!(
                        "the expression has more than {MAX_EXPRESSION_OPERATORS} operators"
                    ),
                    range: Some(TextRange::new(i, i + 1)),
                });
            }
        }
    }
    None
}

/// The range in the policy file of a range inside the expression: exact
/// when the expression is written verbatim (no escapes) in the source,
/// else the whole `rule` value.
fn expression_range(
    doc: &Document,
    rule_range: TextRange,
    expr: &str,
    inner: Option<TextRange>,
) -> TextRange {
    let Some(inner) = inner else {
        return rule_range;
    };
    let raw = doc.slice(rule_range);
    match raw.find(expr) {
        Some(pos) if inner.end <= expr.len() => {
            let start = rule_range.start + pos + inner.start;
            let end = (rule_range.start + pos + inner.end).max(start);
            TextRange::new(start, end)
        }
        _ => rule_range,
    }
}
