//! TOML in and out.
//!
//! TOML has no null. A JSON `null` (such as `redis.maxRetriesPerRequest`)
//! is written as the inline table `{ "$null" = true }` and read back as
//! `null`, so conversion is lossless both ways. A JSON object whose only key
//! is `$null` would be ambiguous and is refused when writing TOML.
//!
//! TOML datetimes become strings in JSON (RFC 3339 text). TOML integers are
//! 64-bit signed: a JSON integer above `i64::MAX` is refused when writing.
//! Non-finite TOML floats (`inf`, `nan`) have no JSON form: an error.

use super::{Parsed, SpanNode};
use crate::codes::Code;
use crate::diagnostic::{Diagnostic, TextRange};
use crate::pointer;
use serde_json::{Map, Number, Value};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The key of the inline table that stands for `null`.
pub const NULL_KEY: &str = "$null";

/// Parses TOML text, reporting every syntax error the parser finds.
pub fn parse(text: &str) -> Parsed {
    let (root, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        let diagnostics = errors
            .iter()
            .map(|e| {
                let range = e
                    .span()
                    .map(TextRange::from)
                    .unwrap_or_else(|| TextRange::new(0, text.len()));
                Code::SyntaxError
                    .diag("", first_line(e.message()))
                    .with_range(range)
            })
            .collect();
        return Parsed {
            value: None,
            spans: SpanNode::leaf(TextRange::new(0, text.len())),
            diagnostics,
        };
    }
    let mut diagnostics = Vec::new();
    let (value, mut spans) = table(root.get_ref(), "", &mut diagnostics);
    spans.value = TextRange::new(0, text.len());
    Parsed {
        value: Some(value),
        spans,
        diagnostics,
    }
}

fn first_line(message: &str) -> String {
    message
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or(message)
        .trim()
        .to_owned()
}

fn table(t: &DeTable<'_>, at: &str, diags: &mut Vec<Diagnostic>) -> (Value, SpanNode) {
    let mut map = Map::with_capacity(t.len());
    let mut children = Vec::with_capacity(t.len());
    for (k, v) in t {
        let key: &str = k.get_ref();
        let path = pointer::push(at, key);
        let (value, mut span) = value(v, &path, diags);
        span.key = Some(k.span().into());
        map.insert(key.to_owned(), value);
        children.push(span);
    }
    (
        Value::Object(map),
        SpanNode::node(TextRange::default(), children),
    )
}

fn value(v: &Spanned<DeValue<'_>>, at: &str, diags: &mut Vec<Diagnostic>) -> (Value, SpanNode) {
    let range: TextRange = v.span().into();
    let out = match v.get_ref() {
        DeValue::String(s) => Value::String(s.to_string()),
        DeValue::Boolean(b) => Value::Bool(*b),
        DeValue::Datetime(d) => Value::String(d.to_string()),
        DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
            Ok(n) => Value::Number(n.into()),
            Err(_) => {
                diags.push(
                    Code::NotJsonRepresentable
                        .diag(at, "integer does not fit 64 bits")
                        .with_range(range),
                );
                Value::Null
            }
        },
        DeValue::Float(f) => {
            let parsed = f.as_str().parse::<f64>().ok().and_then(Number::from_f64);
            match parsed {
                Some(n) => Value::Number(n),
                None => {
                    diags.push(
                        Code::NotJsonRepresentable
                            .diag(at, format!("`{}` has no JSON equivalent", f.as_str()))
                            .with_help("JSON numbers are finite: use a finite number")
                            .with_range(range),
                    );
                    Value::Null
                }
            }
        }
        DeValue::Array(items) => {
            let mut out = Vec::with_capacity(items.len());
            let mut children = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let (v, s) = value(item, &pointer::push(at, &i.to_string()), diags);
                out.push(v);
                children.push(s);
            }
            return (Value::Array(out), SpanNode::node(range, children));
        }
        DeValue::Table(t) => {
            if is_null_marker(t) {
                return (Value::Null, SpanNode::leaf(range));
            }
            let (v, mut s) = table(t, at, diags);
            s.value = range;
            return (v, s);
        }
    };
    (out, SpanNode::leaf(range))
}

fn is_null_marker(t: &DeTable<'_>) -> bool {
    t.len() == 1
        && t.iter().next().is_some_and(|(k, v)| {
            k.get_ref() == NULL_KEY && matches!(v.get_ref(), DeValue::Boolean(true))
        })
}

/// Writes a document as TOML. Fails, naming the JSON Pointer, when a value
/// cannot be represented (see the module docs).
///
/// Scalars and arrays of a table come first, then its sub-tables as
/// `[section]` headers, in document order; nulls are written inline as
/// `{ "$null" = true }`; arrays with more than one item get one item a line.
pub fn to_toml(value: &Value) -> Result<String, crate::Error> {
    let Value::Object(map) = value else {
        return Err(unrepresentable(
            "",
            "a TOML document must be a table (JSON object)",
        ));
    };
    if let Some(at) = too_deep(value, "", 0) {
        return Err(unrepresentable(
            &at,
            &format!(
                "nested more than {TOML_MAX_DEPTH} levels deep, which TOML readers refuse (the `toml` crate stops at 80)"
            ),
        ));
    }
    let mut out = String::new();
    let mut header: Vec<String> = Vec::new();
    write_table(map, "", &mut header, &mut out)?;
    Ok(out)
}

/// The deepest nesting `to_toml` writes. TOML readers limit recursion
/// (the `toml` crate: 80 levels of tables, arrays or dotted-key parts), so
/// deeper documents would be written but could not be read back.
pub const TOML_MAX_DEPTH: usize = 64;

/// Is anything nested deeper than [`TOML_MAX_DEPTH`]? (No allocation: this
/// runs on every conversion.)
fn exceeds(v: &Value, depth: usize) -> bool {
    match v {
        _ if depth > TOML_MAX_DEPTH => true,
        Value::Null => depth == TOML_MAX_DEPTH,
        Value::Object(map) => map.values().any(|item| exceeds(item, depth + 1)),
        Value::Array(items) => items.iter().any(|item| exceeds(item, depth + 1)),
        _ => false,
    }
}

/// The pointer of the first value nested deeper than [`TOML_MAX_DEPTH`]
/// (a null counts one level: it is written as a table).
fn too_deep(v: &Value, at: &str, depth: usize) -> Option<String> {
    if !exceeds(v, depth) {
        return None;
    }
    let deeper = match v {
        Value::Object(map) => map
            .iter()
            .find_map(|(k, item)| too_deep(item, &pointer::push(at, k), depth + 1)),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, item)| too_deep(item, &pointer::push(at, &i.to_string()), depth + 1)),
        _ => None,
    };
    deeper.or_else(|| Some(at.to_owned()))
}

fn unrepresentable(at: &str, why: &str) -> crate::Error {
    let at = if at.is_empty() { "the document" } else { at };
    crate::Error::Unrepresentable {
        format: "toml",
        reason: format!("{at}: {why}"),
    }
}

fn is_section(v: &Value) -> bool {
    matches!(v, Value::Object(m) if !is_null_object(m))
}

fn is_null_object(m: &Map<String, Value>) -> bool {
    m.len() == 1 && m.contains_key(NULL_KEY)
}

fn key(k: &str) -> String {
    use toml_writer::ToTomlKey;
    k.to_toml_key()
}

fn write_table(
    map: &Map<String, Value>,
    at: &str,
    header: &mut Vec<String>,
    out: &mut String,
) -> Result<(), crate::Error> {
    if is_null_object(map) {
        return Err(unrepresentable(
            at,
            "an object whose only key is `$null` is reserved for null in TOML",
        ));
    }
    for (k, v) in map.iter().filter(|(_, v)| !is_section(v)) {
        let path = pointer::push(at, k);
        out.push_str(&key(k));
        out.push_str(" = ");
        match v {
            Value::Array(items) if items.len() > 1 => {
                out.push_str("[\n");
                for (i, item) in items.iter().enumerate() {
                    let item = to_toml_value(item, &pointer::push(&path, &i.to_string()))?;
                    out.push_str("    ");
                    out.push_str(&item.to_string());
                    out.push_str(",\n");
                }
                out.push(']');
            }
            other => out.push_str(&to_toml_value(other, &path)?.to_string()),
        }
        out.push('\n');
    }
    for (k, v) in map {
        let Value::Object(child) = v else { continue };
        if is_null_object(child) {
            continue;
        }
        let path = pointer::push(at, k);
        header.push(key(k));
        if !out.is_empty() {
            out.push('\n');
        }
        out.push('[');
        out.push_str(&header.join("."));
        out.push_str("]\n");
        write_table(child, &path, header, out)?;
        header.pop();
    }
    Ok(())
}

fn to_table(map: &Map<String, Value>, at: &str) -> Result<toml::Table, crate::Error> {
    if is_null_object(map) {
        return Err(unrepresentable(
            at,
            "an object whose only key is `$null` is reserved for null in TOML",
        ));
    }
    let mut out = toml::Table::new();
    for (k, v) in map {
        let path = pointer::push(at, k);
        out.insert(k.clone(), to_toml_value(v, &path)?);
    }
    Ok(out)
}

fn to_toml_value(v: &Value, at: &str) -> Result<toml::Value, crate::Error> {
    Ok(match v {
        Value::Null => {
            let mut t = toml::Table::new();
            t.insert(NULL_KEY.to_owned(), toml::Value::Boolean(true));
            toml::Value::Table(t)
        }
        Value::Bool(b) => toml::Value::Boolean(*b),
        Value::String(s) => toml::Value::String(s.clone()),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                toml::Value::Integer(i)
            } else if n.is_u64() {
                return Err(unrepresentable(
                    at,
                    "integer above 2^63-1 does not fit TOML",
                ));
            } else {
                toml::Value::Float(n.as_f64().unwrap_or(f64::NAN))
            }
        }
        Value::Array(items) => toml::Value::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, x)| to_toml_value(x, &pointer::push(at, &i.to_string())))
                .collect::<Result<_, _>>()?,
        ),
        Value::Object(map) => toml::Value::Table(to_table(map, at)?),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn null_round_trips_through_the_marker() {
        let doc =
            json!({"redis": {"maxRetriesPerRequest": null, "url": "redis://x"}, "list": [1, null]});
        let text = to_toml(&doc).unwrap();
        assert!(
            text.contains("maxRetriesPerRequest = { \"$null\" = true }"),
            "{text}"
        );
        let back = parse(&text);
        assert_eq!(back.value.unwrap(), doc);
    }

    #[test]
    fn ambiguous_and_oversized_values_are_refused() {
        assert!(to_toml(&json!({"a": {"$null": true}})).is_err());
        let e = to_toml(&json!({"a": {"b": u64::MAX}})).unwrap_err();
        assert!(e.to_string().contains("/a/b"), "{e}");
        assert!(to_toml(&json!([1])).is_err());
    }

    #[test]
    fn ranges_and_syntax_errors() {
        let text = "[redis]\nurl = \"redis://x\"\nport = 1\n";
        let p = parse(text);
        let url = &p.spans.children[0].children[0];
        assert_eq!(&text[url.value.start..url.value.end], "\"redis://x\"");
        assert_eq!(&text[url.key.unwrap().start..url.key.unwrap().end], "url");
        let p = parse("a = 1\na = 2\n");
        assert!(p.value.is_none());
        assert_eq!(p.diagnostics[0].code, "AC001");
        assert!(p.diagnostics[0].range.start > 0);
    }

    #[test]
    fn non_finite_floats_are_errors() {
        let p = parse("a = inf\nb = nan\n");
        let codes: Vec<_> = p
            .diagnostics
            .iter()
            .map(|d| (d.code.as_str(), d.path.as_str()))
            .collect();
        assert_eq!(codes, [("AC006", "/a"), ("AC006", "/b")]);
    }
}
