//! The model behind a form editor: the schema turned into field
//! descriptors (one [`Section`] per top-level key), and edits applied to a
//! config text at a JSON Pointer.
//!
//! Edits change as little text as they can: when the value exists, only
//! its bytes are replaced (JSON, and TOML scalars), so comments, key order,
//! formatting and fields the schema does not know stay exactly as written.
//! Otherwise (a new key, a TOML table, `null` in TOML) the value tree is
//! edited and the document written again, which still keeps every unknown
//! field.

use crate::diff::impact::is_hot_reload;
use crate::document::Document;
use crate::pointer;
use crate::secrets::{self, SecretKind};
use serde_json::{Map, Value};

/// How a field is edited.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldKind {
    /// A toggle.
    Boolean,
    /// A whole number, with its inclusive range.
    Integer {
        /// Smallest allowed.
        min: Option<f64>,
        /// Largest allowed.
        max: Option<f64>,
    },
    /// A number, with its inclusive range.
    Number {
        /// Smallest allowed.
        min: Option<f64>,
        /// Largest allowed.
        max: Option<f64>,
    },
    /// One of a list of strings.
    Enum {
        /// The allowed values.
        options: Vec<String>,
    },
    /// Free text.
    Text {
        /// A regular expression the value must match.
        pattern: Option<String>,
        /// A format (`uri`, `email`, `date-time`...).
        format: Option<String>,
    },
    /// A list of strings or numbers, edited one per line.
    List {
        /// The items are numbers.
        numbers: bool,
    },
    /// Anything else (maps, lists of objects, unions): edited as JSON.
    Json,
}

/// One editable value of the document.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Where the value lives.
    pub pointer: String,
    /// Its key.
    pub key: String,
    /// A short title.
    pub title: String,
    /// What it does (from the schema).
    pub description: String,
    /// How it is edited.
    pub kind: FieldKind,
    /// `null` is allowed.
    pub nullable: bool,
    /// The schema's default, if any.
    pub default: Option<Value>,
    /// Changes apply live (hot reload), without a restart.
    pub hot_reload: bool,
    /// A secret (masked in the form, with reveal and generate).
    pub secret: Option<SecretKind>,
    /// The key is required by the schema.
    pub required: bool,
    /// Titles of the objects between the section and the field
    /// (`"Authentication"`, `"Response cache › Pagination"`), empty at the
    /// section's top level.
    pub group: String,
}

/// The fields of one top-level key.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// The top-level key (empty for the section holding the top-level
    /// scalars: environment, version...).
    pub key: String,
    /// Its title.
    pub title: String,
    /// What it holds.
    pub description: String,
    /// Its fields, in schema order, nested objects flattened.
    pub fields: Vec<Field>,
}

/// The sections of the committed schema.
pub fn sections() -> Vec<Section> {
    sections_of(crate::schema::schema())
}

/// The sections of a schema (draft 2020-12 as [`crate::schema`] writes it:
/// `$ref`s into `$defs`, nullable values as `anyOf [T, null]` or a type
/// array).
pub fn sections_of(schema: &Value) -> Vec<Section> {
    let mut out = Vec::new();
    let mut general = Section {
        key: String::new(),
        title: "Document".to_owned(),
        description: "The environment and version of this document.".to_owned(),
        fields: Vec::new(),
    };
    let required = required_of(schema);
    let Some(props) = schema.get("properties").and_then(Value::as_object) else {
        return out;
    };
    for (key, prop) in props {
        if key.starts_with('$') {
            continue;
        }
        let node = resolve(schema, prop, 0);
        let (node, nullable) = unwrap_nullable(schema, &node);
        let at = pointer::push("", key);
        if has_properties(&node) {
            let mut section = Section {
                key: key.clone(),
                title: text(&node, "title").unwrap_or_else(|| key.clone()),
                description: text(&node, "description").unwrap_or_default(),
                fields: Vec::new(),
            };
            walk(schema, &node, &at, "", &mut section.fields, 0);
            out.push(section);
        } else {
            general
                .fields
                .push(field(&node, &at, key, nullable, required.contains(key), ""));
        }
    }
    if !general.fields.is_empty() {
        out.insert(0, general);
    }
    out
}

const MAX_DEPTH: usize = 16;

fn walk(root: &Value, node: &Value, at: &str, group: &str, out: &mut Vec<Field>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    let required = required_of(node);
    let Some(props) = node.get("properties").and_then(Value::as_object) else {
        return;
    };
    for (key, prop) in props {
        let resolved = resolve(root, prop, 0);
        let (resolved, nullable) = unwrap_nullable(root, &resolved);
        let here = pointer::push(at, key);
        if has_properties(&resolved) {
            let title = text(&resolved, "title").unwrap_or_else(|| key.clone());
            let sub = if group.is_empty() {
                title
            } else {
                format!("{group} › {title}")
            };
            walk(root, &resolved, &here, &sub, out, depth + 1);
        } else {
            out.push(field(
                &resolved,
                &here,
                key,
                nullable,
                required.contains(key),
                group,
            ));
        }
    }
}

fn field(node: &Value, at: &str, key: &str, nullable: bool, required: bool, group: &str) -> Field {
    Field {
        pointer: at.to_owned(),
        key: key.to_owned(),
        title: text(node, "title").unwrap_or_else(|| key.to_owned()),
        description: text(node, "description").unwrap_or_default(),
        kind: kind_of(node),
        nullable: nullable || types(node).iter().any(|t| t == "null"),
        default: node.get("default").cloned(),
        hot_reload: is_hot_reload(at),
        secret: secrets::field_secret_kind(at, &types(node)),
        required,
        group: group.to_owned(),
    }
}

pub(crate) fn kind_of(node: &Value) -> FieldKind {
    let num = |k: &str| node.get(k).and_then(Value::as_f64);
    // An enumeration is `enum`, or (documented values) `oneOf` of `const`.
    let consts: Option<Vec<Value>> = node
        .get("oneOf")
        .and_then(Value::as_array)
        .and_then(|alts| alts.iter().map(|a| a.get("const").cloned()).collect());
    let listed = node
        .get("enum")
        .and_then(Value::as_array)
        .cloned()
        .or(consts);
    if let Some(options) = listed {
        let options: Vec<String> = options
            .iter()
            .filter_map(|o| o.as_str().map(str::to_owned))
            .collect();
        if !options.is_empty() {
            return FieldKind::Enum { options };
        }
    }
    let all = types(node);
    let main: Vec<&str> = all
        .iter()
        .map(String::as_str)
        .filter(|t| *t != "null")
        .collect();
    match main.as_slice() {
        ["boolean"] => FieldKind::Boolean,
        ["integer"] => FieldKind::Integer {
            min: num("minimum"),
            max: num("maximum"),
        },
        ["number"] => FieldKind::Number {
            min: num("minimum"),
            max: num("maximum"),
        },
        ["string"] => FieldKind::Text {
            pattern: text(node, "pattern"),
            format: text(node, "format"),
        },
        ["array"] => {
            let item_types = node.get("items").map(types).unwrap_or_default();
            match item_types.iter().map(String::as_str).collect::<Vec<_>>()[..] {
                ["string"] => FieldKind::List { numbers: false },
                ["integer"] | ["number"] => FieldKind::List { numbers: true },
                _ => FieldKind::Json,
            }
        }
        _ => FieldKind::Json,
    }
}

fn types(node: &Value) -> Vec<String> {
    match node.get("type") {
        Some(Value::String(t)) => vec![t.clone()],
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(|t| t.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    }
}

fn text(node: &Value, key: &str) -> Option<String> {
    node.get(key).and_then(Value::as_str).map(str::to_owned)
}

fn required_of(node: &Value) -> Vec<String> {
    node.get("required")
        .and_then(Value::as_array)
        .map(|r| {
            r.iter()
                .filter_map(|k| k.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

fn has_properties(node: &Value) -> bool {
    node.get("properties")
        .and_then(Value::as_object)
        .is_some_and(|p| !p.is_empty())
}

/// Follows a `$ref` into `$defs`; the referring node's own keys (title,
/// description, default) win.
fn resolve(root: &Value, node: &Value, depth: usize) -> Value {
    let Some(target) = node
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#"))
        .and_then(|p| root.pointer(p))
    else {
        return node.clone();
    };
    if depth > MAX_DEPTH {
        return node.clone();
    }
    let mut merged = resolve(root, target, depth + 1);
    if let (Value::Object(m), Value::Object(own)) = (&mut merged, node) {
        for (k, v) in own {
            if k != "$ref" {
                m.insert(k.clone(), v.clone());
            }
        }
    }
    merged
}

/// `anyOf [T, {type: null}]` → (T with the node's metadata, true).
fn unwrap_nullable(root: &Value, node: &Value) -> (Value, bool) {
    let Some(alts) = node.get("anyOf").and_then(Value::as_array) else {
        return (node.clone(), false);
    };
    let is_null = |a: &Value| a.get("type").and_then(Value::as_str) == Some("null");
    let others: Vec<&Value> = alts.iter().filter(|a| !is_null(a)).collect();
    if others.len() != 1 || others.len() == alts.len() {
        return (node.clone(), false);
    }
    let mut inner = resolve(root, others[0], 0);
    if let (Value::Object(m), Value::Object(own)) = (&mut inner, node) {
        for (k, v) in own {
            if k != "anyOf" {
                m.insert(k.clone(), v.clone());
            }
        }
    }
    (inner, true)
}

/// Why an edit could not be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FormError {
    /// The text does not parse: fix it in the source first.
    #[error("the document has syntax errors: fix them in the source view first")]
    Syntax,
    /// The pointer goes through something that is not an object, or an
    /// array index that does not exist.
    #[error("cannot set `{0}`: a value on the way is not an object")]
    NotAnObject(String),
    /// The document is not an object at the top level.
    #[error("the document is not an object")]
    RootNotObject,
    /// The value cannot be written in the document's format.
    #[error("{0}")]
    Write(String),
}

/// The value at `pointer` in a text (`None` when absent or when the text
/// does not parse).
pub fn value_at(text: &str, pointer: &str) -> Option<Value> {
    let doc = Document::parse(text, None).document?;
    doc.value().pointer(pointer).cloned()
}

/// Sets (`Some`) or removes (`None`) the value at `pointer` in a config
/// text and returns the new text. Only the text of that value changes
/// (see [`crate::edit`]): comments, formatting, key order and every other
/// field stay as written, in JSON and in TOML.
pub fn set_value(text: &str, pointer: &str, value: Option<&Value>) -> Result<String, FormError> {
    let parse = Document::parse(text, None);
    let doc = parse.document.ok_or(FormError::Syntax)?;
    // The common case, a scalar replacing a scalar, splices the new text
    // in directly (one keystroke in a number field: no tree copy, no walk).
    if let Some(new) = value
        && !pointer.is_empty()
        && doc.value().pointer(pointer).is_some_and(is_scalar)
        && let Some(rendered) = scalar_text(new, doc.format())
    {
        let loc = doc.locate(pointer);
        if loc.exact
            && let (Some(head), Some(tail)) =
                (text.get(..loc.range.start), text.get(loc.range.end..))
        {
            return Ok(format!("{head}{rendered}{tail}"));
        }
    }
    let mut tree = doc.value().clone();
    edit_tree(&mut tree, pointer, value)?;
    crate::edit::rewrite(&doc, &tree).map_err(|e| match e {
        crate::edit::EditError::Syntax => FormError::Syntax,
        other => FormError::Write(other.to_string()),
    })
}

fn is_scalar(v: &Value) -> bool {
    matches!(v, Value::Bool(_) | Value::Number(_) | Value::String(_))
}

/// The text of a scalar in a format (`None`: not a scalar, or not one
/// that can be written as is: TOML has no null, no integer above
/// 2^63−1, no raw DEL in a basic string).
fn scalar_text(v: &Value, format: crate::syntax::Format) -> Option<String> {
    use crate::syntax::Format;
    match (v, format) {
        (Value::Bool(_) | Value::Number(_) | Value::String(_), Format::Json) => {
            serde_json::to_string(v).ok()
        }
        (Value::Bool(b), Format::Toml) => Some(b.to_string()),
        (Value::Number(n), Format::Toml) if n.is_i64() || n.is_f64() => {
            let s = n.to_string();
            // TOML floats need a fraction or an exponent.
            if n.is_f64() && !s.contains(['.', 'e', 'E']) {
                Some(format!("{s}.0"))
            } else {
                Some(s)
            }
        }
        (Value::String(s), Format::Toml) if !s.contains('\u{7f}') => serde_json::to_string(s).ok(),
        _ => None,
    }
}

/// Sets or removes a value in a tree, creating missing objects on the way.
fn edit_tree(tree: &mut Value, at: &str, value: Option<&Value>) -> Result<(), FormError> {
    if at.is_empty() {
        return match value {
            Some(v) => {
                *tree = v.clone();
                Ok(())
            }
            None => Err(FormError::RootNotObject),
        };
    }
    let tokens: Vec<String> = pointer::tokens(at).map(|t| t.into_owned()).collect();
    let Some((last, parents)) = tokens.split_last() else {
        return Ok(());
    };
    let mut node = tree;
    for t in parents {
        node = match node {
            Value::Object(map) => {
                let child = map
                    .entry(t.clone())
                    .or_insert_with(|| Value::Object(Map::new()));
                if child.is_null() {
                    *child = Value::Object(Map::new());
                }
                child
            }
            Value::Array(items) => t
                .parse::<usize>()
                .ok()
                .and_then(|i| items.get_mut(i))
                .ok_or_else(|| FormError::NotAnObject(at.to_owned()))?,
            _ => return Err(FormError::NotAnObject(at.to_owned())),
        };
    }
    match (node, value) {
        (Value::Object(map), Some(v)) => {
            map.insert(last.clone(), v.clone());
        }
        (Value::Object(map), None) => {
            map.shift_remove(last);
        }
        (Value::Array(items), v) => {
            let i = last
                .parse::<usize>()
                .ok()
                .filter(|i| *i < items.len())
                .ok_or_else(|| FormError::NotAnObject(at.to_owned()))?;
            match v {
                Some(v) => items[i] = v.clone(),
                None => {
                    items.remove(i);
                }
            }
        }
        _ => return Err(FormError::NotAnObject(at.to_owned())),
    }
    Ok(())
}

/// What an input asks the document to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// Store this value at the field.
    Set(Value),
    /// Remove the field's key (an optional field was cleared).
    Remove,
}

/// Reads what the user typed into a field whose value is now `current`.
/// `Ok`: what to write. A cleared field is removed when it is optional,
/// `null` when it is required and nullable (or was `null`: it stays so),
/// `""` for required text; a cleared required field of another kind is
/// invalid. `Err`: why the input is invalid, in words to show beside the
/// field; then nothing may be written. Nothing is ever rounded, cut or
/// guessed: `3.5` in a whole-number field or a number with more digits
/// than the server reads exactly is invalid. (A value outside the field's
/// range is written: the validator reports it, as for the source.)
pub fn read_input(field: &Field, input: &str, current: Option<&Value>) -> Result<Input, String> {
    let blank = match field.kind {
        FieldKind::Text { .. } | FieldKind::Enum { .. } => input.is_empty(),
        FieldKind::List { .. } => false,
        _ => input.trim().is_empty(),
    };
    if blank {
        return if current.is_some_and(Value::is_null) {
            Ok(Input::Set(Value::Null))
        } else if !field.required {
            Ok(Input::Remove)
        } else if field.nullable {
            Ok(Input::Set(Value::Null))
        } else if matches!(field.kind, FieldKind::Text { .. }) {
            Ok(Input::Set(Value::String(String::new())))
        } else {
            Err("required: enter a value".to_owned())
        };
    }
    parse_input(&field.kind, field.nullable, input).map(Input::Set)
}

/// The largest whole number the server reads exactly (JavaScript numbers
/// are doubles: `Number.MAX_SAFE_INTEGER`).
pub const MAX_SAFE_INTEGER: i64 = (1 << 53) - 1;

/// Reads what the user typed into a field as the value to store: numbers
/// parsed exactly, lists split into lines,
/// JSON parsed. `Err` explains what is wrong in words for the field; an
/// empty input of a nullable field is `null`. (Use [`read_input`] for a
/// field: it also knows when a cleared field is removed.)
pub fn parse_input(kind: &FieldKind, nullable: bool, input: &str) -> Result<Value, String> {
    let trimmed = input.trim();
    if trimmed.is_empty() && nullable && !matches!(kind, FieldKind::Text { .. }) {
        return Ok(Value::Null);
    }
    match kind {
        FieldKind::Boolean => match trimmed {
            "true" => Ok(Value::Bool(true)),
            "false" => Ok(Value::Bool(false)),
            _ => Err("expected true or false".to_owned()),
        },
        // The range is the validator's to report (the value is written
        // and its finding shown, like a value typed in the source).
        FieldKind::Integer { .. } => whole_number(trimmed).map(Value::from),
        FieldKind::Number { .. } => number(trimmed),
        FieldKind::Enum { .. } | FieldKind::Text { .. } => Ok(Value::String(input.to_owned())),
        FieldKind::List { numbers } => input
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| {
                if *numbers {
                    number(l)
                } else {
                    Ok(Value::String(l.to_owned()))
                }
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array),
        FieldKind::Json => serde_json::from_str(input).map_err(|e| format!("not JSON: {e}")),
    }
}

/// A number literal (JSON's grammar) as sign, significant digits (no
/// leading or trailing zeros) and exponent: the value is
/// `digits × 10^exp`. `None` when it is not a number.
fn decimal(s: &str) -> Option<(bool, String, i64)> {
    let (neg, rest) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s),
    };
    let (mantissa, exp) = match rest.find(['e', 'E']) {
        Some(i) => {
            let e = &rest[i + 1..];
            let e = e.strip_prefix('+').unwrap_or(e);
            if e.is_empty()
                || !e
                    .trim_start_matches('-')
                    .bytes()
                    .all(|b| b.is_ascii_digit())
            {
                return None;
            }
            // Absurd exponents are out of every range anyway.
            (&rest[..i], e.parse::<i64>().ok()?.clamp(-100_000, 100_000))
        }
        None => (rest, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits_ok = |d: &str| d.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty()
        || !digits_ok(int)
        || !digits_ok(frac)
        || (mantissa.contains('.') && frac.is_empty())
        || (int.len() > 1 && int.starts_with('0'))
    {
        return None;
    }
    let all = format!("{int}{frac}");
    let trimmed = all.trim_start_matches('0');
    let zeros = trimmed.len() - trimmed.trim_end_matches('0').len();
    let digits = trimmed.trim_end_matches('0').to_owned();
    let exp = exp - frac.len() as i64 + zeros as i64;
    let zero = digits.is_empty();
    Some((neg && !zero, digits, if zero { 0 } else { exp }))
}

fn not_a_number(s: &str) -> String {
    format!("`{s}` is not a number")
}

/// A whole number, exactly, within what the server reads exactly.
fn whole_number(s: &str) -> Result<i64, String> {
    let (neg, digits, exp) = decimal(s).ok_or_else(|| not_a_number(s))?;
    if exp < 0 {
        return Err(format!("`{s}` is not a whole number"));
    }
    let too_large = || {
        format!(
            "`{s}` is too large: the server reads whole numbers exactly up to {MAX_SAFE_INTEGER}"
        )
    };
    if digits.len() as i64 + exp > 16 {
        return Err(too_large());
    }
    let mut v: i64 = digits.parse().unwrap_or(0);
    for _ in 0..exp {
        v = v.checked_mul(10).ok_or_else(too_large)?;
    }
    if v > MAX_SAFE_INTEGER {
        return Err(too_large());
    }
    Ok(if neg { -v } else { v })
}

/// A number, stored exactly as typed: whole numbers as integers, others as
/// the double that reads back as the same decimal (more significant
/// digits than a double holds are refused, not cut).
fn number(s: &str) -> Result<Value, String> {
    let (neg, digits, exp) = decimal(s).ok_or_else(|| not_a_number(s))?;
    if exp >= 0
        && digits.len() as i64 + exp <= 16
        && let Ok(v) = whole_number(s)
    {
        return Ok(Value::from(v));
    }
    let f: f64 = s.parse().map_err(|_| not_a_number(s))?;
    if !f.is_finite() {
        return Err(format!("`{s}` is too large for a number"));
    }
    if decimal(&format!("{f:e}")) != Some((neg, digits, exp)) {
        return Err(format!(
            "`{s}` has more digits than a number holds (about 17 significant digits); it would be stored as {f}"
        ));
    }
    serde_json::Number::from_f64(f)
        .map(Value::Number)
        .ok_or_else(|| not_a_number(s))
}

/// What a field's input shows for a value (the inverse of
/// [`parse_input`]): strings bare, lists one item per line, JSON pretty.
pub fn display_value(kind: &FieldKind, value: Option<&Value>) -> String {
    match (kind, value) {
        (_, None | Some(Value::Null)) => String::new(),
        (FieldKind::List { .. }, Some(Value::Array(items)))
            if items.iter().all(|i| i.is_string() || i.is_number()) =>
        {
            items
                .iter()
                .map(|i| match i {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect::<Vec<_>>()
                .join("\n")
        }
        (FieldKind::Json | FieldKind::List { .. }, Some(v)) => crate::to_json(v),
        (_, Some(Value::String(s))) => s.clone(),
        (_, Some(v)) => v.to_string(),
    }
}

/// Every pointer of a document value that no form field covers (keys the
/// schema does not know), outermost only.
pub fn unknown_pointers(sections: &[Section], value: &Value) -> Vec<String> {
    let known: std::collections::HashSet<&str> = sections
        .iter()
        .flat_map(|s| s.fields.iter().map(|f| f.pointer.as_str()))
        .collect();
    let prefixes: std::collections::HashSet<String> = known
        .iter()
        .flat_map(|p| {
            let mut acc = Vec::new();
            let mut cur = String::new();
            for t in pointer::tokens(p) {
                cur = pointer::push(&cur, &t);
                acc.push(cur.clone());
            }
            acc
        })
        .collect();
    let mut out = Vec::new();
    fn walk(
        v: &Value,
        at: &str,
        known: &std::collections::HashSet<&str>,
        prefixes: &std::collections::HashSet<String>,
        out: &mut Vec<String>,
    ) {
        if let Value::Object(map) = v {
            for (k, child) in map {
                let here = pointer::push(at, k);
                if known.contains(here.as_str()) {
                    continue;
                }
                if prefixes.contains(&here) {
                    walk(child, &here, known, prefixes, out);
                } else {
                    out.push(here);
                }
            }
        }
    }
    walk(value, "", &known, &prefixes, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn find<'a>(sections: &'a [Section], pointer: &str) -> &'a Field {
        sections
            .iter()
            .flat_map(|s| &s.fields)
            .find(|f| f.pointer == pointer)
            .unwrap_or_else(|| panic!("no field {pointer}"))
    }

    #[test]
    fn sections_follow_the_schema() {
        let s = sections();
        let keys: Vec<&str> = s.iter().map(|s| s.key.as_str()).collect();
        assert_eq!(keys[0], "", "top-level scalars first");
        for k in ["redis", "database", "server", "security", "logging"] {
            assert!(keys.contains(&k), "{k}: {keys:?}");
        }
        let port = find(&s, "/server/port");
        assert_eq!(
            port.kind,
            FieldKind::Integer {
                min: Some(3000.0),
                max: Some(65535.0)
            }
        );
        assert_eq!(port.title, "Port");
        assert!(port.description.contains("TCP port"));
        assert!(port.required);
        let env = find(&s, "/environment");
        assert!(matches!(&env.kind, FieldKind::Enum { options } if options.len() == 4));
        assert_eq!(
            find(&s, "/redis/enableOfflineQueue").kind,
            FieldKind::Boolean
        );
        let retries = find(&s, "/redis/maxRetriesPerRequest");
        assert!(retries.nullable);
        assert!(find(&s, "/worker/concurrency").hot_reload);
        assert!(!find(&s, "/server/port").hot_reload);
        assert_eq!(
            find(&s, "/security/encryptionKey").secret,
            Some(SecretKind::Opaque)
        );
        assert_eq!(find(&s, "/redis/url").secret, Some(SecretKind::Url));
        let session = find(&s, "/server/auth/sessionSecret");
        assert_eq!(session.group, "Authentication");
        assert!(matches!(
            find(&s, "/server/auth/trustedOrigins").kind,
            FieldKind::List { numbers: false }
        ));
        // Nullable objects are flattened too (SMTP is `anyOf [Smtp, null]`).
        assert!(
            s.iter()
                .flat_map(|s| &s.fields)
                .any(|f| f.pointer.starts_with("/server/externalServices/smtp/"))
        );
    }

    #[test]
    fn json_edits_replace_only_the_value() {
        let text = "{\n  \"server\": {\n    \"port\": 3000,\n    \"zzUnknown\": {\"keep\": [1, 2]}\n  },\n  \"custom\": true\n}\n";
        let out = set_value(text, "/server/port", Some(&json!(8080))).unwrap();
        assert_eq!(out, text.replace("3000", "8080"));
        let out = set_value(&out, "/custom", Some(&json!(["a", "b"]))).unwrap();
        assert!(
            out.contains("\"custom\": [\n    \"a\",\n    \"b\"\n  ]\n}\n"),
            "{out}"
        );
        assert!(out.contains("\"zzUnknown\": {\"keep\": [1, 2]}"), "{out}");
    }

    #[test]
    fn new_keys_rewrite_but_keep_unknown_fields() {
        let text = "{\n  \"x-team\": \"billing\",\n  \"server\": {\"port\": 3000, \"extra\": 1}\n}";
        let out = set_value(text, "/server/auth/sessionSecret", Some(&json!("s"))).unwrap();
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["x-team"], "billing");
        assert_eq!(v["server"]["extra"], 1);
        assert_eq!(v["server"]["auth"]["sessionSecret"], "s");
        assert!(!out.ends_with('\n'));
        let removed = set_value(&out, "/server/extra", None).unwrap();
        let v: Value = serde_json::from_str(&removed).unwrap();
        assert!(v["server"].get("extra").is_none());
        assert_eq!(v["x-team"], "billing");
    }

    #[test]
    fn toml_scalars_in_place() {
        let text = "# comment kept\nenvironment = \"test\"\n\n[server]\nport = 3000 # inline\nhost = \"a\"\n\n[custom]\nkeep = 1\n";
        let out = set_value(text, "/server/port", Some(&json!(4000))).unwrap();
        assert_eq!(out, text.replace("3000", "4000"));
        let out = set_value(&out, "/server/host", Some(&json!("b\"q\n"))).unwrap();
        assert!(out.contains("host = \"b\\\"q\\n\""), "{out}");
        assert!(out.starts_with("# comment kept\n"));
        let v = value_at(&out, "/server/host").unwrap();
        assert_eq!(v, "b\"q\n");
        // A float stays a float.
        let out = set_value(text, "/custom/keep", Some(&json!(2.0))).unwrap();
        assert_eq!(value_at(&out, "/custom/keep"), Some(json!(2.0)));
        // null cannot go in place in TOML: written again, unknown kept.
        let out = set_value(text, "/server/port", Some(&Value::Null)).unwrap();
        assert_eq!(value_at(&out, "/custom/keep"), Some(json!(1)));
        assert_eq!(value_at(&out, "/server/port"), Some(Value::Null));
    }

    #[test]
    fn broken_text_and_bad_paths_are_errors() {
        assert_eq!(
            set_value("{\"a\": ", "/a", Some(&json!(1))),
            Err(FormError::Syntax)
        );
        assert!(matches!(
            set_value("{\"a\": 1}", "/a/b", Some(&json!(1))),
            Err(FormError::NotAnObject(_))
        ));
        assert!(matches!(
            set_value("{\"a\": [1]}", "/a/5", Some(&json!(1))),
            Err(FormError::NotAnObject(_))
        ));
    }

    #[test]
    fn inputs_parse_and_display() {
        let int = FieldKind::Integer {
            min: None,
            max: None,
        };
        assert_eq!(parse_input(&int, false, " 42 "), Ok(json!(42)));
        assert!(parse_input(&int, false, "4x").is_err());
        assert_eq!(parse_input(&int, true, ""), Ok(Value::Null));
        let num = FieldKind::Number {
            min: None,
            max: None,
        };
        assert_eq!(parse_input(&num, false, "0.5"), Ok(json!(0.5)));
        assert_eq!(parse_input(&num, false, "2"), Ok(json!(2)));
        let list = FieldKind::List { numbers: false };
        assert_eq!(
            parse_input(&list, false, "a\n\n b \n"),
            Ok(json!(["a", "b"]))
        );
        assert_eq!(display_value(&list, Some(&json!(["a", "b"]))), "a\nb");
        let nums = FieldKind::List { numbers: true };
        assert_eq!(parse_input(&nums, false, "1\n2.5"), Ok(json!([1, 2.5])));
        assert!(parse_input(&nums, false, "x").is_err());
        assert_eq!(
            parse_input(&FieldKind::Json, false, "{\"a\":1}"),
            Ok(json!({"a": 1}))
        );
        assert!(parse_input(&FieldKind::Json, false, "{").is_err());
        assert_eq!(display_value(&int, Some(&json!(7))), "7");
        assert_eq!(display_value(&int, None), "");
        assert_eq!(
            display_value(
                &FieldKind::Text {
                    pattern: None,
                    format: None
                },
                Some(&json!("x"))
            ),
            "x"
        );
    }

    #[test]
    fn toml_edits_keep_every_comment() {
        // Issue #16 item 15: editing a list (or adding, removing, nulling
        // a value) used to write the whole document again, comments gone.
        let text = "# Audit server config\nenvironment = \"test\" # which one\n\n# HTTP\n[server]\nport = 3000 # inline\n\n[server.auth]\n# origins allowed to sign in\ntrustedOrigins = [\n    \"https://a.example\", # the first\n]\n\n[custom]\nkeep = 1 # unknown, kept\n";
        let comments = [
            "# Audit server config",
            "# which one",
            "# HTTP",
            "# inline",
            "# origins allowed to sign in",
            "# the first",
            "# unknown, kept",
        ];
        let list = json!(["https://a.example", "https://b.example"]);
        let edits: [(&str, Option<Value>); 5] = [
            ("/server/auth/trustedOrigins", Some(list.clone())),
            ("/server/port", Some(Value::Null)),
            ("/server/auth/sessionSecret", Some(json!("s3cret"))),
            ("/redis/url", Some(json!("redis://localhost:6379"))),
            ("/server/port", None),
        ];
        for (at, v) in edits {
            let out = set_value(text, at, v.as_ref()).unwrap();
            for c in comments {
                if at == "/server/port" && v.is_none() && c == "# inline" {
                    continue; // the removed line's own comment
                }
                assert!(out.contains(c), "{at}: lost {c:?}:\n{out}");
            }
            assert_eq!(value_at(&out, at), v, "{at}:\n{out}");
            assert_eq!(value_at(&out, "/custom/keep"), Some(json!(1)));
        }
        let out = set_value(text, "/server/auth/trustedOrigins", Some(&list)).unwrap();
        assert_eq!(
            out,
            text.replace("# the first\n", "# the first\n    \"https://b.example\",\n")
        );
    }

    #[test]
    fn json_additions_and_removals_stay_in_place() {
        let text = "{\n    \"server\": {\"port\": 3000},\n    \"x\": [1,2]\n}\n";
        let out = set_value(text, "/server/host", Some(&json!("h"))).unwrap();
        assert_eq!(
            out,
            "{\n    \"server\": {\"port\": 3000, \"host\": \"h\"},\n    \"x\": [1,2]\n}\n"
        );
        let out = set_value(&out, "/server/port", None).unwrap();
        assert_eq!(
            out,
            "{\n    \"server\": {\"host\": \"h\"},\n    \"x\": [1,2]\n}\n"
        );
    }

    fn field_of(kind: FieldKind, nullable: bool, required: bool) -> Field {
        Field {
            pointer: "/x".to_owned(),
            key: "x".to_owned(),
            title: String::new(),
            description: String::new(),
            kind,
            nullable,
            default: None,
            hot_reload: false,
            secret: None,
            required,
            group: String::new(),
        }
    }

    #[test]
    fn inputs_are_read_exactly_or_refused() {
        // Issue #16 item 16: `3.5` in an integer field, `1e3` read as 1, a
        // 20-digit number cut, a cleared optional field left as `""`.
        let int = FieldKind::Integer {
            min: None,
            max: None,
        };
        let f = field_of(int.clone(), false, true);
        let set = |v: Value| Ok(Input::Set(v));
        assert_eq!(read_input(&f, "1e3", None), set(json!(1000)));
        assert_eq!(read_input(&f, "3.0", None), set(json!(3)));
        assert_eq!(read_input(&f, "-12", None), set(json!(-12)));
        for bad in [
            "3.5",
            "12345678901234567890",
            "9007199254740992",
            "1e400",
            "1x",
            "0x10",
            "01",
            "1.",
            ".5",
            "1e",
            "--1",
            "+1",
        ] {
            let e = read_input(&f, bad, None).unwrap_err();
            assert!(e.contains(bad), "{bad}: {e}");
        }
        assert!(
            read_input(&f, "3.5", None)
                .unwrap_err()
                .contains("not a whole number")
        );
        assert!(
            read_input(&f, "12345678901234567890", None)
                .unwrap_err()
                .contains("too large")
        );
        assert_eq!(
            read_input(&f, "9007199254740991", None),
            set(json!(9_007_199_254_740_991_i64))
        );
        let port = field_of(
            FieldKind::Integer {
                min: Some(3000.0),
                max: Some(65535.0),
            },
            false,
            true,
        );
        assert_eq!(read_input(&port, "70000", None), set(json!(70000)));
        assert_eq!(read_input(&port, "8080", None), set(json!(8080)));
        let num = field_of(
            FieldKind::Number {
                min: Some(0.0),
                max: Some(1.0),
            },
            false,
            true,
        );
        assert_eq!(read_input(&num, "0.25", None), set(json!(0.25)));
        assert_eq!(read_input(&num, "1e-1", None), set(json!(0.1)));
        assert_eq!(read_input(&num, "1", None), set(json!(1)));
        assert!(
            read_input(&num, "0.12345678901234567891", None)
                .unwrap_err()
                .contains("more digits")
        );
        // Cleared: optional → removed (nullable or not), required and
        // nullable → null, null stays null, required → said so.
        assert_eq!(
            read_input(&field_of(int.clone(), true, false), " ", Some(&json!(3))),
            Ok(Input::Remove)
        );
        assert_eq!(
            read_input(&field_of(int.clone(), true, true), " ", None),
            set(Value::Null)
        );
        assert_eq!(
            read_input(&field_of(int.clone(), true, false), "", Some(&Value::Null)),
            set(Value::Null)
        );
        assert_eq!(
            read_input(&field_of(int.clone(), false, false), "", None),
            Ok(Input::Remove)
        );
        assert!(read_input(&field_of(int, false, true), "", None).is_err());
        let text = FieldKind::Text {
            pattern: None,
            format: None,
        };
        assert_eq!(
            read_input(&field_of(text.clone(), false, false), "", None),
            Ok(Input::Remove)
        );
        assert_eq!(
            read_input(&field_of(text.clone(), true, false), "", Some(&json!("a"))),
            Ok(Input::Remove)
        );
        assert_eq!(
            read_input(&field_of(text.clone(), false, true), "", None),
            set(json!(""))
        );
        assert_eq!(
            read_input(&field_of(text, false, false), " a ", None),
            set(json!(" a "))
        );
        let nums = field_of(FieldKind::List { numbers: true }, false, false);
        assert!(read_input(&nums, "1\n12345678901234567890.5", None).is_err());
        assert_eq!(read_input(&nums, "", None), set(json!([])));
        // Removing through the form drops the key.
        let out = set_value("{\"x\": \"a\", \"y\": 1}", "/x", None).unwrap();
        assert_eq!(out, "{\"y\": 1}");
    }

    #[test]
    fn secret_badges_come_from_the_registry() {
        // Issue #16 item 17: `server.cors.credentials` (a boolean) was
        // marked secret by the form although no output masks it.
        let s = sections();
        assert_eq!(find(&s, "/server/cors/credentials").secret, None);
        for f in s.iter().flat_map(|s| &s.fields) {
            let sample = match f.kind {
                FieldKind::Boolean => json!(true),
                FieldKind::Integer { .. } | FieldKind::Number { .. } => json!(1),
                FieldKind::List { .. } => json!(["x"]),
                FieldKind::Json => json!({"k": "x"}),
                _ => json!("x"),
            };
            let masked = secrets::mask_value_at(&sample, &f.pointer);
            assert_eq!(f.secret.is_some(), masked != sample, "{}", f.pointer);
        }
    }

    #[test]
    fn unknown_fields_are_listed() {
        let s = sections();
        let v =
            json!({"environment": "test", "server": {"port": 1, "mystery": 2}, "x-team": {"a": 1}});
        assert_eq!(unknown_pointers(&s, &v), ["/server/mystery", "/x-team"]);
    }

    #[test]
    fn every_preset_field_is_editable_and_round_trips() {
        // Setting each field of the production preset to its own value
        // changes nothing.
        let text = crate::to_json(&crate::preset::reference(crate::Environment::Production));
        let s = sections();
        for f in s.iter().flat_map(|s| &s.fields) {
            if let Some(v) = value_at(&text, &f.pointer) {
                let shown = display_value(&f.kind, Some(&v));
                if v.is_null() {
                    continue;
                }
                let back = parse_input(&f.kind, f.nullable, &shown)
                    .unwrap_or_else(|e| panic!("{}: {e}", f.pointer));
                assert!(
                    crate::diff::values_equal(&back, &v),
                    "{}: {back} vs {v}",
                    f.pointer
                );
                let out = set_value(&text, &f.pointer, Some(&back)).unwrap();
                assert_eq!(out, text, "{}", f.pointer);
            }
        }
    }
}
