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

use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::pointer;
use crate::schema::{describe, json_type};
use serde_json::{Map, Value};
use std::collections::HashMap;

/// Keywords this validator understands; annotations are ignored.
const KEYWORDS: &[&str] = &[
    "type",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "$ref",
    "anyOf",
    "oneOf",
    "enum",
    "const",
    "minimum",
    "maximum",
    "pattern",
    "format",
];
const ANNOTATIONS: &[&str] = &[
    "$schema",
    "$id",
    "$defs",
    "title",
    "description",
    "default",
    "examples",
    "enumDescriptions",
    "markdownDescription",
    "deprecated",
    "readOnly",
    "writeOnly",
    "$comment",
];

/// A validator compiled from our schema into a flat node table.
#[derive(Debug)]
pub struct LiteValidator {
    nodes: Vec<Node>,
    root: usize,
}

const T_NULL: u8 = 1;
const T_BOOL: u8 = 2;
const T_OBJECT: u8 = 4;
const T_ARRAY: u8 = 8;
const T_STRING: u8 = 16;
const T_NUMBER: u8 = 32;
const T_INTEGER: u8 = 64;

#[derive(Debug, Default)]
struct Node {
    /// `false` schema: nothing is valid.
    never: bool,
    /// Allowed types (0: any) and their names for messages.
    types: u8,
    type_names: String,
    reference: Option<usize>,
    /// Declared properties, sorted by name (a binary search per key).
    properties: Vec<(Box<str>, usize)>,
    /// The properties' indexes in `properties`, in declaration order, and
    /// for each index its place in that order: a document written in the
    /// schema's order (as the presets are) finds each key where the last
    /// one ended, with one comparison instead of a search.
    declared: Vec<usize>,
    place: Vec<usize>,
    required: Vec<String>,
    additional: Option<usize>,
    items: Option<usize>,
    any_of: Vec<usize>,
    one_of: Vec<usize>,
    enumeration: Option<(Vec<Value>, String)>,
    constant: Option<Value>,
    minimum: Option<(f64, Value)>,
    maximum: Option<(f64, Value)>,
    pattern: Option<(String, super::pattern::Pattern)>,
    format: Option<&'static str>,
}

impl LiteValidator {
    /// Compiles the schema; fails on a keyword outside the subset or an
    /// invalid pattern.
    pub fn new(schema: &Value) -> Result<Self, String> {
        check_keywords(schema)?;
        let mut c = Compiler {
            nodes: Vec::new(),
            defs: HashMap::new(),
        };
        // Definitions first get their slots, so references can point at them.
        if let Some(Value::Object(defs)) = schema.get("$defs") {
            for name in defs.keys() {
                let id = c.alloc();
                c.defs.insert(name.clone(), id);
            }
            for (name, def) in defs {
                let id = c.defs[name];
                c.fill(id, def)?;
            }
        }
        let root = c.alloc();
        c.fill(root, schema)?;
        Ok(LiteValidator {
            nodes: c.nodes,
            root,
        })
    }

    /// All findings for a value, without ranges.
    pub fn check(&self, value: &Value) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        self.node(self.root, value, &mut Path::default(), &mut Some(&mut out));
        out
    }

    /// Is the value valid? (No messages are built.)
    pub fn is_valid(&self, value: &Value) -> bool {
        self.node(self.root, value, &mut Path::default(), &mut None)
    }

    /// Validates `value` against node `id`; pushes findings when `out` is
    /// given, otherwise stops at the first failure. Returns validity.
    fn node<'v>(
        &self,
        id: usize,
        value: &'v Value,
        at: &mut Path<'v>,
        out: &mut Option<&mut Vec<Diagnostic>>,
    ) -> bool {
        let Some(n) = self.nodes.get(id) else {
            return true;
        };
        let mut ok = true;
        macro_rules! fail {
            ($d:expr) => {{
                ok = false;
                match out {
                    Some(out) => out.push($d),
                    None => return false,
                }
            }};
        }
        if n.never {
            fail!(Code::SchemaViolation.diag(at.pointer(), "no value is allowed here"));
        }
        if let Some(r) = n.reference {
            ok &= self.node(r, value, at, out);
            if !ok && out.is_none() {
                return false;
            }
        }
        if n.types != 0 && n.types & type_bits(value) == 0 {
            fail!(Code::WrongType.diag(
                at.pointer(),
                format!("expected {}, found {}", n.type_names, json_type(value))
            ));
        }
        if let Some(c) = &n.constant
            && !json_eq(c, value)
        {
            fail!(Code::InvalidEnum.diag(
                at.pointer(),
                format!("{} must be {c}", describe(&at.pointer(), Some(value)))
            ));
        }
        if let Some((options, list)) = &n.enumeration
            && !options.iter().any(|o| json_eq(o, value))
        {
            fail!(crate::schema::not_allowed(&at.pointer(), Some(value), list));
        }
        for (alts, exactly_one) in [(&n.any_of, false), (&n.one_of, true)] {
            if alts.is_empty() {
                continue;
            }
            let mut scratch = Path::default();
            let mut valid_alt = |alt: &usize| self.node(*alt, value, &mut scratch, &mut None);
            // `anyOf` needs one valid branch; `oneOf` needs to know if
            // there is a second.
            let valid = if exactly_one {
                alts.iter().filter(|alt| valid_alt(alt)).count()
            } else {
                usize::from(alts.iter().any(valid_alt))
            };
            if valid == 0 {
                ok = false;
                let Some(out) = out.as_mut() else {
                    return false;
                };
                // Report the best branch's own findings (see
                // `schema::pick_branch`), at their own paths.
                let branches = alts
                    .iter()
                    .map(|&alt| {
                        let mut found = Vec::new();
                        self.node(alt, value, &mut at.clone(), &mut Some(&mut found));
                        found
                    })
                    .collect();
                out.extend(crate::schema::pick_branch(
                    &at.pointer(),
                    Some(value),
                    branches,
                ));
            } else if exactly_one && valid > 1 {
                fail!(Code::SchemaViolation.diag(
                    at.pointer(),
                    format!(
                        "{} matches more than one of the allowed shapes",
                        describe(&at.pointer(), Some(value))
                    )
                ));
            }
        }
        if let Some(x) = value.as_f64() {
            if let Some((min, raw)) = &n.minimum
                && x < *min
            {
                fail!(Code::OutOfRange.diag(
                    at.pointer(),
                    format!(
                        "{} is below the minimum {raw}",
                        describe(&at.pointer(), Some(value))
                    )
                ));
            }
            if let Some((max, raw)) = &n.maximum
                && x > *max
            {
                fail!(Code::OutOfRange.diag(
                    at.pointer(),
                    format!(
                        "{} is above the maximum {raw}",
                        describe(&at.pointer(), Some(value))
                    )
                ));
            }
        }
        if let Value::String(text) = value {
            if let Some((src, re)) = &n.pattern
                && !re.is_match(text)
            {
                fail!(
                    Code::PatternMismatch
                        .diag(
                            at.pointer(),
                            format!(
                                "{} does not match the expected shape",
                                describe(&at.pointer(), Some(value))
                            )
                        )
                        .with_help(format!("pattern: {src}"))
                );
            }
            if let Some(f) = n.format
                && !format_ok(f, text)
            {
                fail!(Code::InvalidFormat.diag(
                    at.pointer(),
                    format!(
                        "{} is not a valid {f}",
                        describe(&at.pointer(), Some(value))
                    )
                ));
            }
        }
        match value {
            Value::Object(map) => {
                for name in &n.required {
                    if !has_key(map, name) {
                        fail!(Code::RequiredField.diag(
                            pointer::push(&at.pointer(), name),
                            format!("missing required field `{name}`")
                        ));
                    }
                }
                if n.properties.is_empty() && n.additional.is_none() {
                    return ok;
                }
                let mut next = 0;
                for (k, v) in map {
                    let i = match n.declared.get(next) {
                        Some(&i) if n.properties.get(i).is_some_and(|(p, _)| **p == **k) => Some(i),
                        _ => find(&n.properties, k).ok(),
                    };
                    if let Some(i) = i {
                        next = n.place.get(i).map_or(0, |p| p + 1);
                    }
                    let declared = i.and_then(|i| n.properties.get(i)).map(|(_, child)| *child);
                    let Some(child) = declared.or(n.additional) else {
                        continue;
                    };
                    at.0.push(Step::Key(k));
                    ok &= self.node(child, v, at, out);
                    at.0.pop();
                    if !ok && out.is_none() {
                        return false;
                    }
                }
            }
            Value::Array(items) => {
                if let Some(item) = n.items {
                    for (i, v) in items.iter().enumerate() {
                        at.0.push(Step::Index(i));
                        ok &= self.node(item, v, at, out);
                        at.0.pop();
                        if !ok && out.is_none() {
                            return false;
                        }
                    }
                }
            }
            _ => {}
        }
        ok
    }
}

/// Where the walk is: the keys (borrowed from the value) and indices from
/// the root. The JSON Pointer is written only for a finding: building it
/// for every visited value (escaping each key) was a fifth of a large
/// document's check in WebAssembly (issue #15).
#[derive(Clone, Default)]
struct Path<'v>(Vec<Step<'v>>);

#[derive(Clone, Copy)]
enum Step<'v> {
    Key(&'v str),
    Index(usize),
}

impl Path<'_> {
    /// The JSON Pointer of this place.
    fn pointer(&self) -> String {
        let mut out = String::new();
        for step in &self.0 {
            match *step {
                Step::Key(k) => pointer::push_into(&mut out, k),
                Step::Index(i) => pointer::push_index_into(&mut out, i),
            }
        }
        out
    }
}

struct Compiler {
    nodes: Vec<Node>,
    defs: HashMap<String, usize>,
}

impl Compiler {
    fn alloc(&mut self) -> usize {
        self.nodes.push(Node::default());
        self.nodes.len() - 1
    }

    fn sub(&mut self, schema: &Value) -> Result<usize, String> {
        let id = self.alloc();
        self.fill(id, schema)?;
        Ok(id)
    }

    fn fill(&mut self, id: usize, schema: &Value) -> Result<(), String> {
        let mut n = Node::default();
        let s = match schema {
            Value::Bool(true) => {
                self.nodes[id] = n;
                return Ok(());
            }
            Value::Bool(false) => {
                n.never = true;
                self.nodes[id] = n;
                return Ok(());
            }
            Value::Object(s) => s,
            other => return Err(format!("unexpected schema node {other}")),
        };
        if let Some(r) = s.get("$ref").and_then(Value::as_str) {
            let name = r
                .strip_prefix("#/$defs/")
                .ok_or_else(|| format!("unsupported $ref {r}"))?;
            n.reference = Some(
                *self
                    .defs
                    .get(name)
                    .ok_or_else(|| format!("unknown $ref {r}"))?,
            );
        }
        if let Some(t) = s.get("type") {
            let names: Vec<&str> = match t {
                Value::String(one) => vec![one.as_str()],
                Value::Array(many) => many.iter().filter_map(Value::as_str).collect(),
                _ => Vec::new(),
            };
            for name in &names {
                n.types |= match *name {
                    "null" => T_NULL,
                    "boolean" => T_BOOL,
                    "object" => T_OBJECT,
                    "array" => T_ARRAY,
                    "string" => T_STRING,
                    "number" => T_NUMBER | T_INTEGER,
                    "integer" => T_INTEGER,
                    other => return Err(format!("unknown type {other}")),
                };
            }
            n.type_names = crate::schema::type_names(names.iter().copied());
        }
        if let Some(Value::Object(props)) = s.get("properties") {
            for (k, v) in props {
                let child = self.sub(v)?;
                // Kept sorted as they come (no sort: one more instance of
                // the sort costs ~3 KB of WebAssembly).
                let at = find(&n.properties, k).unwrap_or_else(|i| i);
                n.properties.insert(at, (k.as_str().into(), child));
            }
            n.place = vec![0; n.properties.len()];
            for (order, k) in props.keys().enumerate() {
                if let Ok(i) = find(&n.properties, k) {
                    n.declared.push(i);
                    if let Some(p) = n.place.get_mut(i) {
                        *p = order;
                    }
                }
            }
        }
        if let Some(Value::Array(req)) = s.get("required") {
            n.required = req
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect();
        }
        if let Some(extra) = s.get("additionalProperties")
            && extra != &Value::Bool(true)
        {
            n.additional = Some(self.sub(extra)?);
        }
        if let Some(items) = s.get("items") {
            n.items = Some(self.sub(items)?);
        }
        for (key, slot) in [("anyOf", 0), ("oneOf", 1)] {
            if let Some(Value::Array(alts)) = s.get(key) {
                let ids = alts
                    .iter()
                    .map(|a| self.sub(a))
                    .collect::<Result<Vec<_>, _>>()?;
                if slot == 0 {
                    n.any_of = ids;
                } else {
                    n.one_of = ids;
                }
            }
        }
        // `oneOf` of constants (a documented enumeration) is an enum.
        let consts: Option<Vec<Value>> =
            s.get("oneOf").and_then(Value::as_array).and_then(|alts| {
                alts.iter()
                    .map(|a| {
                        let m = a.as_object()?;
                        let only_const = m
                            .keys()
                            .all(|k| k == "const" || ANNOTATIONS.contains(&k.as_str()));
                        only_const.then(|| m.get("const").cloned()).flatten()
                    })
                    .collect()
            });
        if let Some(values) = consts.filter(|v| !v.is_empty()) {
            n.one_of.clear();
            n.enumeration = Some((values.clone(), crate::schema::list_values(&values)));
        }
        if let Some(Value::Array(options)) = s.get("enum") {
            n.enumeration = Some((options.clone(), crate::schema::list_values(options)));
        }
        n.constant = s.get("const").cloned();
        n.minimum = s
            .get("minimum")
            .and_then(|m| Some((m.as_f64()?, m.clone())));
        n.maximum = s
            .get("maximum")
            .and_then(|m| Some((m.as_f64()?, m.clone())));
        if let Some(p) = s.get("pattern").and_then(Value::as_str) {
            let re = super::pattern::Pattern::new(p).map_err(|e| format!("pattern {p}: {e}"))?;
            n.pattern = Some((p.to_owned(), re));
        }
        n.format = match s.get("format").and_then(Value::as_str) {
            Some("date-time") => Some("date-time"),
            Some("uri") => Some("uri"),
            _ => None,
        };
        self.nodes[id] = n;
        Ok(())
    }
}

/// Where `key` is (or would go) in a node's sorted properties.
fn find(properties: &[(Box<str>, usize)], key: &str) -> Result<usize, usize> {
    properties.binary_search_by(|(name, _)| name.as_ref().cmp(key))
}

fn type_bits(v: &Value) -> u8 {
    match v {
        Value::Null => T_NULL,
        Value::Bool(_) => T_BOOL,
        Value::Object(_) => T_OBJECT,
        Value::Array(_) => T_ARRAY,
        Value::String(_) => T_STRING,
        // JSON Schema: an integer is any number with a zero fractional part.
        Value::Number(n) => {
            if n.is_i64() || n.is_u64() || n.as_f64().is_some_and(|f| f.fract() == 0.0) {
                T_NUMBER | T_INTEGER
            } else {
                T_NUMBER
            }
        }
    }
}

fn check_keywords(node: &Value) -> Result<(), String> {
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
                    check_keywords(sub)?;
                }
            }
            "items" | "additionalProperties" => check_keywords(v)?,
            "anyOf" | "oneOf" => {
                for sub in v.as_array().into_iter().flatten() {
                    check_keywords(sub)?;
                }
            }
            // Compiled once, where the node is filled (`Compiler::fill`).
            "pattern" => {
                v.as_str().ok_or("pattern must be a string")?;
            }
            "format" => {
                let f = v.as_str().unwrap_or_default();
                if !matches!(
                    f,
                    "date-time"
                        | "uri"
                        | "uint8"
                        | "uint16"
                        | "uint32"
                        | "uint64"
                        | "int32"
                        | "int64"
                        | "double"
                        | "float"
                ) {
                    return Err(format!(
                        "format `{f}` is not supported by the compact validator"
                    ));
                }
            }
            k if KEYWORDS.contains(&k) || ANNOTATIONS.contains(&k) => {}
            other => {
                return Err(format!(
                    "keyword `{other}` is not supported by the compact validator"
                ));
            }
        }
    }
    Ok(())
}

/// Does `map` hold `name`? A small object is scanned (comparisons, which
/// look at the lengths first, cost less than hashing the name); a large one
/// is hashed.
fn has_key(map: &Map<String, Value>, name: &str) -> bool {
    if map.len() <= 16 {
        map.keys().any(|k| k == name)
    } else {
        map.contains_key(name)
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
        "uri" => crate::base::web_url::parse(s).is_ok(),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn codes(schema: &Value, value: &Value) -> Vec<Code> {
        let v = LiteValidator::new(schema).map_err(|e| e.to_string());
        v.map(|v| v.check(value).iter().map(|d| d.code).collect())
            .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn formats_are_checked() {
        let dt = json!({"type": "string", "format": "date-time"});
        assert!(codes(&dt, &json!("2026-01-01T00:00:00Z")).is_empty());
        assert_eq!(codes(&dt, &json!("2026-01-01")), [Code::InvalidFormat]);
        let uri = json!({"type": "string", "format": "uri"});
        assert!(codes(&uri, &json!("https://host.example/v1")).is_empty());
        assert!(codes(&uri, &json!("HTTP://Host:8080/%41")).is_empty());
        assert_eq!(codes(&uri, &json!("not a uri")), [Code::InvalidFormat]);
        assert_eq!(
            codes(&uri, &json!("http://host:99999")),
            [Code::InvalidFormat]
        );
    }

    #[test]
    fn keys_in_any_order_find_their_properties() {
        let schema = json!({
            "type": "object",
            "properties": {
                "b": {"type": "integer"},
                "a": {"type": "string"},
                "c": {"type": "boolean"}
            },
            "required": ["a", "c"],
            "additionalProperties": false
        });
        // Declaration order, reverse order, and an unknown key between.
        for doc in [
            json!({"b": 1, "a": "x", "c": true}),
            json!({"c": true, "a": "x", "b": 1}),
            json!({"a": "x", "c": true}),
        ] {
            assert!(codes(&schema, &doc).is_empty(), "{doc}");
        }
        assert_eq!(
            codes(&schema, &json!({"c": 1, "zz": 0, "a": 2, "b": "y"})).len(),
            4
        );
        assert_eq!(
            codes(&schema, &json!({"b": 1})),
            [Code::RequiredField, Code::RequiredField]
        );
    }
}
