//! A compact validator for exactly the JSON Schema subset our generated
//! schema uses (`type`, `properties`, `required`, `additionalProperties`,
//! `items`, `$ref` into `$defs`, `anyOf`, `oneOf`, `enum`, `const`,
//! `minimum`, `maximum`, `pattern`, `format: date-time | uri`).
//!
//! Why: the `jsonschema` crate costs about 640 KB gzip in WebAssembly, more
//! than the whole npm package's budget. Builds without the
//! `schema-validation` feature (the browser app, the npm package) use this
//! instead. Native builds use `jsonschema`, and a differential test
//! (`schema::tests::lite_agrees_with_jsonschema`) checks that both report
//! the same codes at the same paths on every fixture and on thousands of
//! generated mutations of the presets. A keyword outside the subset makes
//! [`LiteValidator::new`] fail, so the schema cannot silently outgrow it.

use crate::diagnostic::Diagnostic;
use crate::pointer;
use crate::rules::{schema_enum, schema_format, schema_other, schema_pattern, schema_range, schema_required, schema_type};
use crate::schema::{describe, json_type};
use serde_json::{Map, Value};

/// Keywords this validator understands; annotations are ignored.
const KEYWORDS: &[&str] = &[
    "type", "properties", "required", "additionalProperties", "items", "$ref", "anyOf", "oneOf", "enum",
    "const", "minimum", "maximum", "pattern", "format",
];
const ANNOTATIONS: &[&str] = &[
    "$schema", "$id", "$defs", "title", "description", "default", "examples", "enumDescriptions",
    "markdownDescription", "deprecated", "readOnly", "writeOnly", "$comment",
];

/// A validator compiled from our schema.
#[derive(Debug)]
pub struct LiteValidator {
    root: Value,
    patterns: Vec<(String, regex_lite::Regex)>,
}

impl LiteValidator {
    /// Compiles the schema; fails on a keyword outside the subset or an
    /// invalid pattern.
    pub fn new(schema: &Value) -> Result<Self, String> {
        let mut patterns = Vec::new();
        check_keywords(schema, &mut patterns)?;
        Ok(LiteValidator {
            root: schema.clone(),
            patterns,
        })
    }

    /// All findings for a value, without ranges.
    pub fn check(&self, value: &Value) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        self.node(&self.root, value, "", &mut out);
        out
    }

    fn valid(&self, schema: &Value, value: &Value) -> bool {
        let mut scratch = Vec::new();
        self.node(schema, value, "", &mut scratch);
        scratch.is_empty()
    }

    fn node(&self, schema: &Value, value: &Value, at: &str, out: &mut Vec<Diagnostic>) {
        let Value::Object(s) = schema else {
            if schema == &Value::Bool(false) {
                out.push(schema_other::META.diag(at, "no value is allowed here"));
            }
            return;
        };
        if let Some(r) = s.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix("#/$defs/"))
            && let Some(def) = self.root.get("$defs").and_then(|d| d.get(r)) {
                self.node(def, value, at, out);
            }
        if let Some(t) = s.get("type")
            && !type_matches(t, value) {
                let expected = match t {
                    Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(" or "),
                    other => other.as_str().unwrap_or_default().to_owned(),
                };
                out.push(schema_type::META.diag(at, format!("expected {expected}, found {}", json_type(value))));
            }
        if let Some(c) = s.get("const")
            && !json_eq(c, value) {
                out.push(schema_enum::META.diag(at, format!("{} must be {c}", describe(at, Some(value)))));
            }
        if let Some(Value::Array(options)) = s.get("enum")
            && !options.iter().any(|o| json_eq(o, value)) {
                let list = options
                    .iter()
                    .map(|o| o.as_str().map_or_else(|| o.to_string(), str::to_owned))
                    .collect::<Vec<_>>()
                    .join(", ");
                out.push(
                    schema_enum::META
                        .diag(at, format!("{} is not one of the allowed values", describe(at, Some(value))))
                        .with_help(format!("allowed: {list}")),
                );
            }
        for key in ["anyOf", "oneOf"] {
            if let Some(Value::Array(alts)) = s.get(key) {
                let matching = alts.iter().filter(|alt| self.valid(alt, value)).count();
                let ok = if key == "anyOf" { matching >= 1 } else { matching == 1 };
                if !ok {
                    out.push(schema_other::META.diag(
                        at,
                        format!("{} matches none of the allowed shapes", describe(at, Some(value))),
                    ));
                }
            }
        }
        if let Some(n) = value.as_f64() {
            if let Some(min) = s.get("minimum").and_then(Value::as_f64)
                && n < min {
                    out.push(schema_range::META.diag(
                        at,
                        format!("{} is below the minimum {}", describe(at, Some(value)), s["minimum"]),
                    ));
                }
            if let Some(max) = s.get("maximum").and_then(Value::as_f64)
                && n > max {
                    out.push(schema_range::META.diag(
                        at,
                        format!("{} is above the maximum {}", describe(at, Some(value)), s["maximum"]),
                    ));
                }
        }
        if let Value::String(text) = value {
            if let Some(p) = s.get("pattern").and_then(Value::as_str) {
                let matched = self.patterns.iter().find(|(src, _)| src == p).is_none_or(|(_, re)| re.is_match(text));
                if !matched {
                    out.push(
                        schema_pattern::META
                            .diag(at, format!("{} does not match the expected shape", describe(at, Some(value))))
                            .with_help(format!("pattern: {p}")),
                    );
                }
            }
            if let Some(f) = s.get("format").and_then(Value::as_str)
                && !format_ok(f, text) {
                    out.push(
                        schema_format::META.diag(at, format!("{} is not a valid {f}", describe(at, Some(value)))),
                    );
                }
        }
        if let Value::Object(map) = value {
            self.object(s, map, at, out);
        }
        if let (Value::Array(items), Some(item_schema)) = (value, s.get("items")) {
            for (i, item) in items.iter().enumerate() {
                self.node(item_schema, item, &pointer::push(at, &i.to_string()), out);
            }
        }
    }

    fn object(&self, s: &Map<String, Value>, map: &Map<String, Value>, at: &str, out: &mut Vec<Diagnostic>) {
        let props = s.get("properties").and_then(Value::as_object);
        if let Some(Value::Array(required)) = s.get("required") {
            for name in required.iter().filter_map(Value::as_str) {
                if !map.contains_key(name) {
                    out.push(
                        schema_required::META.diag(pointer::push(at, name), format!("missing required field `{name}`")),
                    );
                }
            }
        }
        for (k, v) in map {
            let path = pointer::push(at, k);
            match props.and_then(|p| p.get(k)) {
                Some(prop) => self.node(prop, v, &path, out),
                None => {
                    if let Some(extra) = s.get("additionalProperties") {
                        self.node(extra, v, &path, out);
                    }
                }
            }
        }
    }
}

fn check_keywords(node: &Value, patterns: &mut Vec<(String, regex_lite::Regex)>) -> Result<(), String> {
    let Value::Object(m) = node else {
        return match node {
            Value::Bool(_) => Ok(()),
            other => Err(format!("unexpected schema node {other}")),
        };
    };
    for (k, v) in m {
        match k.as_str() {
            "properties" | "$defs" => {
                for sub in v.as_object().into_iter().flat_map(Map::values) {
                    check_keywords(sub, patterns)?;
                }
            }
            "items" | "additionalProperties" => check_keywords(v, patterns)?,
            "anyOf" | "oneOf" => {
                for sub in v.as_array().into_iter().flatten() {
                    check_keywords(sub, patterns)?;
                }
            }
            "pattern" => {
                let src = v.as_str().ok_or("pattern must be a string")?;
                let re = regex_lite::Regex::new(src).map_err(|e| format!("pattern {src}: {e}"))?;
                patterns.push((src.to_owned(), re));
            }
            "format" => {
                let f = v.as_str().unwrap_or_default();
                if !matches!(f, "date-time" | "uri" | "uint8" | "uint16" | "uint32" | "uint64" | "int32" | "int64" | "double" | "float") {
                    return Err(format!("format `{f}` is not supported by the compact validator"));
                }
            }
            k if KEYWORDS.contains(&k) || ANNOTATIONS.contains(&k) => {}
            other => return Err(format!("keyword `{other}` is not supported by the compact validator")),
        }
    }
    Ok(())
}

fn type_matches(t: &Value, v: &Value) -> bool {
    match t {
        Value::String(name) => type_is(name, v),
        Value::Array(names) => names.iter().filter_map(Value::as_str).any(|n| type_is(n, v)),
        _ => true,
    }
}

fn type_is(name: &str, v: &Value) -> bool {
    match name {
        "null" => v.is_null(),
        "boolean" => v.is_boolean(),
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "number" => v.is_number(),
        // JSON Schema: an integer is any number with a zero fractional part.
        "integer" => v.as_f64().is_some_and(|f| f.fract() == 0.0) || v.is_i64() || v.is_u64(),
        _ => true,
    }
}

/// JSON equality with numbers compared by value (1 == 1.0).
fn json_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

fn format_ok(format: &str, s: &str) -> bool {
    match format {
        "date-time" => {
            time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).is_ok()
        }
        "uri" => url::Url::parse(s).is_ok(),
        _ => true,
    }
}
