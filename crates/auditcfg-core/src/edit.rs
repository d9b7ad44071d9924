//! Writing a changed value back into the text it came from, changing only
//! the text of what changed.
//!
//! Every write of a change (a form edit, a JSON Patch, a merge patch, an
//! overlay) goes through [`rewrite`]: it compares the document's value with
//! the new one and edits the text per changed path, so comments, key order,
//! indentation, number spellings and fields nobody touched stay byte for
//! byte as they were.
//!
//! - **JSON**: the parser's span tree says where each member and item is;
//!   an unchanged value keeps its text, a changed scalar is replaced, a
//!   removed member takes its separator with it, a new member goes last
//!   with the indentation of its siblings.
//! - **TOML**: `toml_edit` holds the document with its comments and
//!   whitespace; values are replaced keeping their decoration (the inline
//!   comment after a value survives a change of the value), keys removed
//!   and inserted per path. A new object becomes a `[table]` (inline
//!   inside inline tables and arrays), `null` the inline table
//!   `{ "$null" = true }` as in [`crate::syntax::toml`].
//!
//! Only what is removed is lost: a removed member's own line, its inline
//! comment and the comment lines right above it.

use crate::diff::values_equal;
use crate::document::Document;
use crate::pointer;
use crate::syntax::toml::NULL_KEY;
use crate::syntax::{Format, SpanNode};
use serde_json::{Map, Value};
use std::collections::HashMap;

/// Why a change could not be written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EditError {
    /// The text does not parse.
    #[error("the document has syntax errors")]
    Syntax,
    /// The new value cannot be written in the document's format.
    #[error("{0}")]
    Write(String),
}

/// Rewrites `text` (read as `format`, detected when `None`) so that it holds
/// `new`, changing only the text of the values that differ.
pub fn rewrite_text(text: &str, format: Option<Format>, new: &Value) -> Result<String, EditError> {
    let doc = Document::parse(text, format)
        .document
        .ok_or(EditError::Syntax)?;
    rewrite(&doc, new)
}

/// Rewrites a parsed document's source so that it holds `new`, changing
/// only the text of the values that differ (see the module docs).
pub fn rewrite(doc: &Document, new: &Value) -> Result<String, EditError> {
    let text = doc.source();
    if values_equal(doc.value(), new) {
        return Ok(text.to_owned());
    }
    match doc.format() {
        Format::Json => Ok(json::rewrite(text, doc.value(), doc.spans(), new)),
        Format::Toml => toml::rewrite(text, doc.value(), new),
    }
}

mod json {
    use super::*;

    pub(super) fn rewrite(text: &str, old: &Value, spans: &SpanNode, new: &Value) -> String {
        let r = spans.value;
        let (Some(before), Some(after)) = (text.get(..r.start), text.get(r.end..)) else {
            return fresh(new, "", "  ");
        };
        let unit = indent_unit(text);
        let mut out = String::with_capacity(text.len());
        out.push_str(before);
        out.push_str(&render(text, old, spans, new, &unit));
        out.push_str(after);
        out
    }

    /// The indentation step of the text: the first indented line's
    /// leading whitespace (two spaces when nothing is indented).
    fn indent_unit(text: &str) -> String {
        text.lines()
            .map(|l| {
                l.chars()
                    .take_while(|c| *c == ' ' || *c == '\t')
                    .collect::<String>()
            })
            .find(|w| !w.is_empty())
            .unwrap_or_else(|| "  ".to_owned())
    }

    /// The whitespace between the start of the line holding `at` and `at`,
    /// when only whitespace precedes it on its line.
    fn line_indent(text: &str, at: usize) -> Option<&str> {
        let head = text.get(..at)?;
        let start = head.rfind('\n').map_or(0, |i| i + 1);
        let ws = &head[start..];
        ws.chars().all(|c| c == ' ' || c == '\t').then_some(ws)
    }

    /// The leading whitespace of the line holding `at`.
    fn lead_ws(text: &str, at: usize) -> &str {
        let head = text.get(..at).unwrap_or("");
        let start = head.rfind('\n').map_or(0, |i| i + 1);
        let line = &head[start..];
        let end = line
            .find(|c: char| c != ' ' && c != '\t')
            .unwrap_or(line.len());
        &line[..end]
    }

    /// A value written from scratch, continuation lines indented by
    /// `indent`, nesting by `unit`.
    fn fresh(v: &Value, indent: &str, unit: &str) -> String {
        use serde::Serialize;
        let mut buf = Vec::new();
        let fmt = serde_json::ser::PrettyFormatter::with_indent(unit.as_bytes());
        let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
        if v.serialize(&mut ser).is_err() {
            return "null".to_owned();
        }
        let s = String::from_utf8(buf).unwrap_or_default();
        if indent.is_empty() {
            s
        } else {
            s.replace('\n', &format!("\n{indent}"))
        }
    }

    fn compact(v: &Value) -> String {
        serde_json::to_string(v).unwrap_or_else(|_| "null".to_owned())
    }

    enum Entry {
        /// An old entry (its index) with its new text.
        Old(usize, String),
        /// A new entry's text.
        New(String),
    }

    /// The new text of the value at `span` (old value `old`), holding `new`.
    fn render(text: &str, old: &Value, span: &SpanNode, new: &Value, unit: &str) -> String {
        let r = span.value;
        let Some(src) = text.get(r.start..r.end) else {
            return fresh(new, "", unit);
        };
        if values_equal(old, new) {
            return src.to_owned();
        }
        let indent = lead_ws(text, r.start).to_owned();
        match (old, new) {
            (Value::Object(a), Value::Object(b)) if span.children.len() == a.len() => {
                let index: HashMap<&str, usize> =
                    a.keys().enumerate().map(|(i, k)| (k.as_str(), i)).collect();
                let olds: Vec<&Value> = a.values().collect();
                let layout = Layout::of(text, span, &indent, unit);
                let entries = b
                    .iter()
                    .map(|(k, v)| match index.get(k.as_str()) {
                        Some(&i) => {
                            let c = &span.children[i];
                            let key = c
                                .key
                                .and_then(|kr| text.get(kr.start..c.value.start))
                                .unwrap_or("");
                            let value = render(text, olds[i], c, v, unit);
                            Entry::Old(i, format!("{key}{value}"))
                        }
                        None => {
                            let key = compact(&Value::String(k.clone()));
                            let value = layout.fresh(v, unit);
                            Entry::New(format!("{key}{}{value}", layout.colon))
                        }
                    })
                    .collect();
                layout.join(text, span, entries, '{', '}')
            }
            (Value::Array(a), Value::Array(b)) if span.children.len() == a.len() => {
                let layout = Layout::of(text, span, &indent, unit);
                let pairs = pair_items(a, b);
                let entries = pairs
                    .into_iter()
                    .zip(b)
                    .map(|(p, v)| match p {
                        Some(i) => Entry::Old(i, render(text, &a[i], &span.children[i], v, unit)),
                        None => Entry::New(layout.fresh(v, unit)),
                    })
                    .collect();
                layout.join(text, span, entries, '[', ']')
            }
            _ => fresh(new, &indent, unit),
        }
    }

    /// How the entries of a container are laid out.
    struct Layout {
        /// One entry a line (`Some(indent of the entries)`) or inline.
        indent: Option<String>,
        /// The container's own line indentation.
        outer: String,
        /// Between a key and its value.
        colon: String,
        /// Between two entries.
        sep: String,
    }

    impl Layout {
        fn of(text: &str, span: &SpanNode, outer: &str, unit: &str) -> Layout {
            let start = |c: &SpanNode| c.key.map_or(c.value.start, |k| k.start);
            let colon = span
                .children
                .first()
                .and_then(|c| c.key.and_then(|k| text.get(k.end..c.value.start)))
                .unwrap_or(": ")
                .to_owned();
            let Some(first) = span.children.first() else {
                // An empty container: one entry a line when the text has
                // lines at all.
                let pretty = text.contains('\n');
                return Layout {
                    indent: pretty.then(|| format!("{outer}{unit}")),
                    outer: outer.to_owned(),
                    colon,
                    sep: if pretty {
                        format!(",\n{outer}{unit}")
                    } else {
                        ", ".to_owned()
                    },
                };
            };
            let indent = line_indent(text, start(first)).map(str::to_owned);
            let sep = match span.children.get(1) {
                Some(second) => text
                    .get(first.value.end..start(second))
                    .unwrap_or(", ")
                    .to_owned(),
                None => match &indent {
                    Some(i) => format!(",\n{i}"),
                    None => ", ".to_owned(),
                },
            };
            Layout {
                indent,
                outer: outer.to_owned(),
                colon,
                sep,
            }
        }

        fn fresh(&self, v: &Value, unit: &str) -> String {
            match &self.indent {
                Some(i) => fresh(v, i, unit),
                None => compact(v),
            }
        }

        /// The container's text: kept entries with their original
        /// separators where two stay neighbours, the layout's separator
        /// elsewhere.
        fn join(
            &self,
            text: &str,
            span: &SpanNode,
            entries: Vec<Entry>,
            open: char,
            close: char,
        ) -> String {
            let r = span.value;
            let start = |c: &SpanNode| c.key.map_or(c.value.start, |k| k.start);
            let mut out = String::new();
            out.push(open);
            if entries.is_empty() {
                out.push(close);
                return out;
            }
            let (lead, trail) = match (span.children.first(), span.children.last()) {
                (Some(first), Some(last)) => (
                    text.get(r.start + open.len_utf8()..start(first))
                        .unwrap_or("")
                        .to_owned(),
                    text.get(last.value.end..r.end - close.len_utf8())
                        .unwrap_or("")
                        .to_owned(),
                ),
                _ => match &self.indent {
                    Some(i) => (format!("\n{i}"), format!("\n{}", self.outer)),
                    None => (String::new(), String::new()),
                },
            };
            out.push_str(&lead);
            let mut prev: Option<usize> = None;
            let mut first = true;
            for e in entries {
                let (i, body) = match e {
                    Entry::Old(i, body) => (Some(i), body),
                    Entry::New(body) => (None, body),
                };
                if !first {
                    match (prev, i) {
                        (Some(p), Some(q)) if q == p + 1 => out.push_str(
                            text.get(span.children[p].value.end..start(&span.children[q]))
                                .unwrap_or(&self.sep),
                        ),
                        _ => out.push_str(&self.sep),
                    }
                }
                first = false;
                out.push_str(&body);
                prev = i;
            }
            out.push_str(&trail);
            out.push(close);
            out
        }
    }

    /// For each new item, the old item it continues (or `None`: new): a
    /// common prefix and suffix are kept, the middle paired index by index.
    pub(super) fn pair_items(a: &[Value], b: &[Value]) -> Vec<Option<usize>> {
        if a.len() == b.len() {
            return (0..b.len()).map(Some).collect();
        }
        let max = a.len().min(b.len());
        let p = a
            .iter()
            .zip(b)
            .take_while(|(x, y)| values_equal(x, y))
            .count()
            .min(max);
        let s = a[p..]
            .iter()
            .rev()
            .zip(b[p..].iter().rev())
            .take_while(|(x, y)| values_equal(x, y))
            .count()
            .min(max - p);
        let (mid_a, mid_b) = (a.len() - p - s, b.len() - p - s);
        let mut out: Vec<Option<usize>> = (0..p).map(Some).collect();
        for j in 0..mid_b {
            out.push((j < mid_a).then_some(p + j));
        }
        out.extend((a.len() - s..a.len()).map(Some));
        out
    }
}

mod toml {
    use super::*;
    use toml_edit::{DocumentMut, Item, TableLike};

    pub(super) fn rewrite(text: &str, old: &Value, new: &Value) -> Result<String, EditError> {
        let (Value::Object(a), Value::Object(b)) = (old, new) else {
            return Err(EditError::Write(
                "a TOML document must be a table (JSON object)".to_owned(),
            ));
        };
        let mut doc: DocumentMut = text.parse().map_err(|_| EditError::Syntax)?;
        table(doc.as_table_mut(), a, b, "", false)?;
        let out = doc.to_string();
        // What was written must read back as the new value (a `$null`
        // object, a value `toml_edit` spells differently...).
        match Document::parse(&out, Some(Format::Toml)).document {
            Some(d) if values_equal(d.value(), new) => Ok(out),
            _ => crate::to_toml(new).map_err(|e| EditError::Write(e.to_string())),
        }
    }

    fn table(
        t: &mut dyn TableLike,
        a: &Map<String, Value>,
        b: &Map<String, Value>,
        at: &str,
        inline: bool,
    ) -> Result<(), EditError> {
        if is_null_object(b) {
            return Err(reserved(at));
        }
        for k in a.keys() {
            if !b.contains_key(k) {
                t.remove(k);
            }
        }
        for (k, v) in b {
            let here = pointer::push(at, k);
            match (a.get(k), t.get_mut(k)) {
                (Some(old), Some(item)) => edit_item(item, old, v, &here, inline)?,
                _ => {
                    t.insert(k, fresh_item(v, &here, inline)?);
                }
            }
        }
        Ok(())
    }

    fn edit_item(
        item: &mut Item,
        old: &Value,
        new: &Value,
        at: &str,
        inline: bool,
    ) -> Result<(), EditError> {
        if values_equal(old, new) {
            return Ok(());
        }
        match (item, old, new) {
            (Item::Table(t), Value::Object(a), Value::Object(b)) => table(t, a, b, at, false),
            (Item::Value(v), _, _) => edit_value(v, old, new, at),
            (Item::ArrayOfTables(aot), Value::Array(a), Value::Array(b))
                if a.len() == b.len() && b.iter().all(Value::is_object) =>
            {
                for (i, (x, y)) in a.iter().zip(b).enumerate() {
                    let here = pointer::push(at, &i.to_string());
                    match (aot.get_mut(i), x, y) {
                        (Some(t), Value::Object(x), Value::Object(y)) => {
                            table(t, x, y, &here, false)?;
                        }
                        _ => return Err(EditError::Write(format!("{here}: not a table"))),
                    }
                }
                Ok(())
            }
            (item, _, _) => {
                *item = fresh_item(new, at, inline)?;
                Ok(())
            }
        }
    }

    fn edit_value(
        v: &mut toml_edit::Value,
        old: &Value,
        new: &Value,
        at: &str,
    ) -> Result<(), EditError> {
        if values_equal(old, new) {
            return Ok(());
        }
        match (&mut *v, old, new) {
            (toml_edit::Value::InlineTable(t), Value::Object(a), Value::Object(b)) => {
                return table(t, a, b, at, true);
            }
            (toml_edit::Value::Array(arr), Value::Array(a), Value::Array(b))
                if arr.len() == a.len() =>
            {
                return array(arr, a, b, at);
            }
            _ => {}
        }
        let decor = v.decor().clone();
        *v = fresh_value(new, at)?;
        *v.decor_mut() = decor;
        Ok(())
    }

    fn array(
        arr: &mut toml_edit::Array,
        a: &[Value],
        b: &[Value],
        at: &str,
    ) -> Result<(), EditError> {
        let pairs = json::pair_items(a, b);
        // Old items that stay, in order; the others go, last first.
        let mut kept = vec![false; a.len()];
        for i in pairs.iter().flatten() {
            kept[*i] = true;
        }
        for i in (0..a.len()).rev() {
            if !kept[i] {
                arr.remove(i);
            }
        }
        // A new item takes the decoration of an existing one (its line and
        // indentation in a multi-line array).
        let template = arr.get(0).map(|v| v.decor().clone());
        for (j, (p, y)) in pairs.iter().zip(b).enumerate() {
            let here = pointer::push(at, &j.to_string());
            match p {
                Some(i) => {
                    if let Some(v) = arr.get_mut(j) {
                        edit_value(v, &a[*i], y, &here)?;
                    }
                }
                None => {
                    let mut v = fresh_value(y, &here)?;
                    if let Some(d) = &template {
                        *v.decor_mut() = d.clone();
                    } else if j > 0 {
                        v.decor_mut().set_prefix(" ");
                    }
                    // Appended after a comment that ends the array (`"a",
                    // # note` then `]`): the comment stays on its item's
                    // line, the new item goes below it.
                    let trailing = arr.trailing().as_str().unwrap_or("").to_owned();
                    if j == arr.len()
                        && trailing.contains('#')
                        && let Some(nl) = trailing.rfind('\n')
                    {
                        let prefix = v.decor().prefix().and_then(|p| p.as_str()).unwrap_or("");
                        let indent = prefix.rsplit('\n').next().unwrap_or("").to_owned();
                        v.decor_mut()
                            .set_prefix(format!("{}{indent}", &trailing[..=nl]));
                        arr.set_trailing(format!("\n{}", &trailing[nl + 1..]));
                    }
                    arr.insert_formatted(j, v);
                }
            }
        }
        Ok(())
    }

    fn is_null_object(m: &Map<String, Value>) -> bool {
        m.len() == 1 && m.contains_key(NULL_KEY)
    }

    /// A string as a one-line basic string (`"…"`, escapes for quotes,
    /// backslashes and control characters), as the document's own writer
    /// spells strings, never a multi-line or literal string.
    fn basic_string(s: &str) -> toml_edit::Value {
        use std::fmt::Write;
        let mut out = String::with_capacity(s.len() + 2);
        out.push('"');
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                '\r' => out.push_str("\\r"),
                c if c < ' ' || c == '\u{7f}' => {
                    let _ = write!(out, "\\u{:04X}", c as u32);
                }
                c => out.push(c),
            }
        }
        out.push('"');
        out.parse::<toml_edit::Value>()
            .map(|mut v| {
                v.decor_mut().clear();
                v
            })
            .unwrap_or_else(|_| s.into())
    }

    fn reserved(at: &str) -> EditError {
        EditError::Write(format!(
            "{}: an object whose only key is `$null` is reserved for null in TOML",
            if at.is_empty() { "the document" } else { at }
        ))
    }

    fn fresh_item(v: &Value, at: &str, inline: bool) -> Result<Item, EditError> {
        match v {
            Value::Object(m) if !inline && !is_null_object(m) => {
                let mut t = toml_edit::Table::new();
                for (k, x) in m {
                    t.insert(k, fresh_item(x, &pointer::push(at, k), false)?);
                }
                Ok(Item::Table(t))
            }
            _ => Ok(Item::Value(fresh_value(v, at)?)),
        }
    }

    fn fresh_value(v: &Value, at: &str) -> Result<toml_edit::Value, EditError> {
        Ok(match v {
            Value::Null => {
                let mut t = toml_edit::InlineTable::new();
                t.insert(NULL_KEY, true.into());
                toml_edit::Value::InlineTable(t)
            }
            Value::Bool(b) => (*b).into(),
            Value::String(s) => basic_string(s),
            Value::Number(n) => {
                if let Some(i) = n.as_i64() {
                    i.into()
                } else if n.is_u64() {
                    return Err(EditError::Write(format!(
                        "{at}: integer above 2^63-1 does not fit TOML"
                    )));
                } else {
                    n.as_f64().unwrap_or(f64::NAN).into()
                }
            }
            Value::Array(items) => {
                let mut arr = toml_edit::Array::new();
                for (i, x) in items.iter().enumerate() {
                    arr.push(fresh_value(x, &pointer::push(at, &i.to_string()))?);
                }
                toml_edit::Value::Array(arr)
            }
            Value::Object(m) => {
                if is_null_object(m) {
                    return Err(reserved(at));
                }
                let mut t = toml_edit::InlineTable::new();
                for (k, x) in m {
                    t.insert(k, fresh_value(x, &pointer::push(at, k))?);
                }
                toml_edit::Value::InlineTable(t)
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn set(text: &str, new: Value) -> String {
        let out = rewrite_text(text, None, &new).unwrap();
        let back = Document::parse(&out, None).document.unwrap();
        assert!(values_equal(back.value(), &new), "{out}");
        out
    }

    #[test]
    fn json_changes_only_what_changed() {
        let text =
            "{\n    \"a\": 1,\n    \"b\": {\"x\": [1, 2],   \"y\": true},\n    \"c\": \"k\"\n}\n";
        let out = set(
            text,
            json!({"a": 2, "b": {"x": [1, 2], "y": true}, "c": "k"}),
        );
        assert_eq!(out, text.replace("\"a\": 1", "\"a\": 2"));
        // Removing the last member drops the comma before it.
        let out = set(text, json!({"a": 1, "b": {"x": [1, 2], "y": true}}));
        assert_eq!(
            out,
            "{\n    \"a\": 1,\n    \"b\": {\"x\": [1, 2],   \"y\": true}\n}\n"
        );
        // Removing the first, adding one at the end, in a nested inline
        // object.
        let out = set(
            text,
            json!({"b": {"y": true, "z": {"n": null}}, "c": "k", "d": [1, {"e": 1}]}),
        );
        assert_eq!(
            out,
            "{\n    \"b\": {\"y\": true,   \"z\": {\"n\":null}},\n    \"c\": \"k\",\n    \"d\": [\n        1,\n        {\n            \"e\": 1\n        }\n    ]\n}\n"
        );
        // Empty containers get members.
        let out = set("{\"a\": {}, \"b\": []}", json!({"a": {"k": 1}, "b": [1]}));
        assert_eq!(out, "{\"a\": {\"k\": 1}, \"b\": [1]}");
        let out = set("{\n  \"a\": {}\n}\n", json!({"a": {"k": 1}}));
        assert_eq!(out, "{\n  \"a\": {\n    \"k\": 1\n  }\n}\n");
        let out = set("{\n  \"a\": [1, 2, 3, 4]\n}", json!({"a": [1, 3, 4]}));
        assert_eq!(out, "{\n  \"a\": [1, 3, 4]\n}");
        let out = set("{\"a\": 1}", json!({}));
        assert_eq!(out, "{}");
    }

    #[test]
    fn toml_keeps_comments_and_formatting() {
        let text = "# head\nenvironment = \"test\" # env\n\n# the server\n[server]\nport = 3000 # inline\nhosts = [\n    \"a\", # first\n    \"b\",\n]\n\n[custom]\nkeep = 1\n";
        let out = set(
            text,
            json!({"environment": "test", "server": {"port": 4000, "hosts": ["a", "b", "c"]}, "custom": {"keep": 1}}),
        );
        assert_eq!(
            out,
            text.replace("3000", "4000")
                .replace("    \"b\",\n", "    \"b\",\n    \"c\",\n")
        );
        let out = set(
            text,
            json!({"environment": "test", "server": {"port": 3000, "hosts": ["b"], "auth": {"s": null}}, "custom": {}}),
        );
        assert!(out.contains("# head\nenvironment = \"test\" # env\n\n# the server\n[server]\nport = 3000 # inline\n"), "{out}");
        assert!(
            out.contains("[server.auth]\ns = { \"$null\" = true }\n"),
            "{out}"
        );
        assert!(!out.contains("keep"), "{out}");
        // A `$null` object is refused, not written ambiguously.
        assert!(matches!(
            rewrite_text(text, None, &json!({"environment": {"$null": true}})),
            Err(EditError::Write(_))
        ));
        assert!(matches!(
            rewrite_text(text, None, &json!({"environment": u64::MAX})),
            Err(EditError::Write(_))
        ));
    }

    #[test]
    fn unchanged_values_are_the_same_text() {
        let text = "{ \"a\" : 1.50 ,\"b\":[ ] }";
        assert_eq!(set(text, json!({"a": 1.5, "b": []})), text);
        assert_eq!(
            set(text, json!({"a": 1.5, "b": [], "c": 1})),
            "{ \"a\" : 1.50 ,\"b\":[ ] ,\"c\" : 1 }"
        );
    }
}
