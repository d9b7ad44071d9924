//! Proposals become fixes: text edits in the document's own format and
//! layout (JSON: the neighbours' indentation and commas; TOML: bare or
//! quoted keys, a `key = value` line in the right table). Values are
//! written by the syntax layer's one value writer
//! ([`crate::syntax::write_value`]).

use super::{Document, KeyIndex};
use crate::diagnostic::{Action, Fix, Proposal, TextEdit, TextRange};
use crate::pointer;
use crate::syntax::{self, Format, SpanNode};
use serde_json::Value;

/// What the edit of a "generate a secret" fix holds instead of the secret:
/// the secret is drawn only when the fix is applied
/// ([`crate::fix::apply_fixes`]), so no report ever shows it.
pub const SECRET_PLACEHOLDER: &str = "<generated-secret>";

impl Document {
    /// The fix for a proposal, or `None` when it cannot be written as text
    /// edits here (the path is missing, the format cannot hold the value).
    pub fn fix_for(&self, proposal: &Proposal) -> Option<Fix> {
        self.fix_indexed(proposal, &mut KeyIndex::default())
    }

    /// [`Document::fix_for`] with the key indexes of large objects shared
    /// by all findings (a linear search per finding is quadratic).
    pub(super) fn fix_indexed<'v>(
        &'v self,
        proposal: &Proposal,
        keys: &mut KeyIndex<'v>,
    ) -> Option<Fix> {
        Some(Fix {
            title: proposal.title.clone(),
            applicability: proposal.applicability,
            edits: self.edits_indexed(&proposal.action, keys)?,
        })
    }

    /// Text edits that perform a structural change.
    pub fn edits_for(&self, action: &Action) -> Option<Vec<TextEdit>> {
        self.edits_indexed(action, &mut KeyIndex::default())
    }

    fn edits_indexed<'v>(
        &'v self,
        action: &Action,
        keys: &mut KeyIndex<'v>,
    ) -> Option<Vec<TextEdit>> {
        let edit = match action {
            Action::SetValue { path, value } => self.set_value(path, value, keys)?,
            Action::GenerateSecret { path } => {
                self.set_value(path, &Value::String(SECRET_PLACEHOLDER.to_owned()), keys)?
            }
            Action::RenameKey { path, to } => return self.rename(path, to, keys),
            Action::Insert { object, key, value } => self.insert(object, key, value, keys)?,
        };
        Some(vec![edit])
    }

    /// The value and spans at a pointer.
    fn node<'v>(
        &'v self,
        path: &str,
        keys: &mut KeyIndex<'v>,
    ) -> Option<(&'v Value, &'v SpanNode)> {
        let mut v = &self.value;
        let mut s = &self.spans;
        for token in pointer::tokens(path) {
            let (nv, ns) = match v {
                Value::Object(map) => {
                    let (i, v) = keys.member(map, &token)?;
                    (v, s.children.get(i)?)
                }
                Value::Array(items) => {
                    let i = token.parse::<usize>().ok()?;
                    (items.get(i)?, s.children.get(i)?)
                }
                _ => return None,
            };
            v = nv;
            s = ns;
        }
        Some((v, s))
    }

    /// Is this composite value written inline (`{...}`, `[...]`), so that
    /// its range is its whole text?
    fn written_inline(&self, v: &Value, s: &SpanNode) -> bool {
        let text = self.slice(s.value);
        match v {
            Value::Object(_) => text.starts_with('{'),
            Value::Array(_) => text.starts_with('[') && !text.starts_with("[["),
            _ => !s.value.is_empty() || self.format == Format::Json,
        }
    }

    fn set_value<'v>(
        &'v self,
        path: &str,
        value: &Value,
        keys: &mut KeyIndex<'v>,
    ) -> Option<TextEdit> {
        let (old, s) = self.node(path, keys)?;
        if !self.written_inline(old, s) {
            return None;
        }
        let text = syntax::write_value(value, self.format)?;
        let text = match self.format {
            Format::Json => reindent(&text, line_indent(&self.source, s.value.start)),
            Format::Toml => text,
        };
        Some(TextEdit {
            range: s.value,
            new_text: text,
        })
    }

    fn rename<'v>(
        &'v self,
        path: &str,
        to: &str,
        keys: &mut KeyIndex<'v>,
    ) -> Option<Vec<TextEdit>> {
        let (value, s) = self.node(path, keys)?;
        let parent = &path[..path.rfind('/')?];
        if let (Value::Object(map), _) = self.node(parent, keys)?
            && map.contains_key(to)
        {
            return None;
        }
        let new_text = syntax::write_key(to, self.format);
        let ranges = match self.format {
            Format::Json => vec![s.key?],
            // A table's name stands in its header and in every header and
            // dotted key below it (`[a]`, `[a.b]`, `a.c = 1`).
            Format::Toml => syntax::tolerant::toml_key_mentions(&self.source, path),
        };
        if ranges.is_empty() {
            return None;
        }
        let edits: Vec<TextEdit> = ranges
            .into_iter()
            .map(|range| TextEdit {
                range,
                new_text: new_text.clone(),
            })
            .collect();
        // The key must have moved whole: the old one gone, the new one
        // holding the same value.
        if self.format == Format::Toml {
            let text = apply_edits(&self.source, &edits)?;
            let doc = Document::parse(&text, Some(Format::Toml)).document?;
            let renamed = pointer::push(parent, to);
            let mut fresh = KeyIndex::default();
            if doc.node(path, &mut fresh).is_some()
                || doc.node(&renamed, &mut fresh).map(|(v, _)| v) != Some(value)
            {
                return None;
            }
        }
        Some(edits)
    }

    fn insert<'v>(
        &'v self,
        object: &str,
        key: &str,
        value: &Value,
        keys: &mut KeyIndex<'v>,
    ) -> Option<TextEdit> {
        let (v, s) = self.node(object, keys)?;
        let Value::Object(map) = v else { return None };
        if map.contains_key(key) {
            return None;
        }
        let edit = match self.format {
            Format::Json => self.insert_json(s, key, value)?,
            Format::Toml => self.insert_toml(object, map, s, key, value)?,
        };
        // TOML tables may be spread over headers and dotted keys: check
        // that the line lands where it is meant to.
        if self.format == Format::Toml {
            let text = apply_edits(&self.source, std::slice::from_ref(&edit))?;
            let doc = Document::parse(&text, Some(Format::Toml)).document?;
            let (got, _) = doc.node(&pointer::push(object, key), &mut KeyIndex::default())?;
            if got != value {
                return None;
            }
        }
        Some(edit)
    }

    fn insert_json(&self, s: &SpanNode, key: &str, value: &Value) -> Option<TextEdit> {
        let open = s.value.start;
        let last = s.children.iter().max_by_key(|c| c.value.end);
        match last {
            Some(last) => {
                let first_key = s
                    .children
                    .iter()
                    .filter_map(|c| c.key)
                    .min_by_key(|k| k.start)?;
                let multiline = self
                    .source
                    .get(open..first_key.start)
                    .is_some_and(|t| t.contains('\n'));
                let (sep, indent) = if multiline {
                    let indent = line_indent(&self.source, last.key.unwrap_or(last.value).start);
                    (format!(",\n{indent}"), indent)
                } else {
                    (", ".to_owned(), line_indent(&self.source, open))
                };
                let member = json_member(key, value, indent)?;
                Some(TextEdit {
                    range: TextRange::empty(last.value.end),
                    new_text: format!("{sep}{member}"),
                })
            }
            None => {
                let outer = line_indent(&self.source, open);
                let new_text = if self.slice(s.value) == "{}" {
                    let inner = format!("{outer}  ");
                    format!("\n{inner}{}\n{outer}", json_member(key, value, &inner)?)
                } else {
                    json_member(key, value, outer)?
                };
                Some(TextEdit {
                    range: TextRange::empty(open + 1),
                    new_text,
                })
            }
        }
    }

    fn insert_toml(
        &self,
        object: &str,
        map: &serde_json::Map<String, Value>,
        s: &SpanNode,
        key: &str,
        value: &Value,
    ) -> Option<TextEdit> {
        let line = format!(
            "{} = {}",
            syntax::write_key(key, Format::Toml),
            syntax::write_value(value, Format::Toml)?
        );
        let body = self.slice(s.value);
        if !object.is_empty() && body.starts_with('{') {
            // An inline table.
            return Some(match s.children.iter().max_by_key(|c| c.value.end) {
                Some(last) => TextEdit {
                    range: TextRange::empty(last.value.end),
                    new_text: format!(", {line}"),
                },
                None => TextEdit {
                    range: TextRange::empty(s.value.start + 1),
                    new_text: format!(" {line} "),
                },
            });
        }
        // The members written in this table's own section: scalars,
        // arrays and inline tables.
        let last_leaf = map
            .values()
            .zip(&s.children)
            .filter(|(v, c)| !c.value.is_empty() && self.written_inline(v, c))
            .map(|(_, c)| c)
            .max_by_key(|c| c.value.end);
        match last_leaf {
            Some(c) => {
                let indent = line_indent(&self.source, c.key.unwrap_or(c.value).start);
                Some(self.line_after(c.value.end, &format!("{indent}{line}")))
            }
            None if object.is_empty() => {
                let at = if self.source.starts_with('\u{feff}') {
                    '\u{feff}'.len_utf8()
                } else {
                    0
                };
                let nl = if self.source.contains("\r\n") {
                    "\r\n"
                } else {
                    "\n"
                };
                Some(TextEdit {
                    range: TextRange::empty(at),
                    new_text: format!("{line}{nl}"),
                })
            }
            // Right after the table's header line.
            None => Some(self.line_after(s.key?.end, &line)),
        }
    }

    /// Inserts `line` as a new line after the line holding `offset`.
    fn line_after(&self, offset: usize, line: &str) -> TextEdit {
        let rest = self.source.get(offset..).unwrap_or("");
        match rest.find('\n') {
            Some(i) => {
                let mut at = offset + i;
                let nl = if at > 0 && self.source.as_bytes().get(at - 1) == Some(&b'\r') {
                    at -= 1;
                    "\r\n"
                } else {
                    "\n"
                };
                TextEdit {
                    range: TextRange::empty(at),
                    new_text: format!("{nl}{line}"),
                }
            }
            None => TextEdit {
                range: TextRange::empty(self.source.len()),
                new_text: format!("\n{line}"),
            },
        }
    }
}

fn json_member(key: &str, value: &Value, indent: &str) -> Option<String> {
    let value = syntax::write_value(value, Format::Json)?;
    Some(format!(
        "{}: {}",
        syntax::write_key(key, Format::Json),
        reindent(&value, indent)
    ))
}

/// The whitespace that starts the line holding `offset`.
fn line_indent(text: &str, offset: usize) -> &str {
    let offset = offset.min(text.len());
    let start = text
        .get(..offset)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    let line = text.get(start..offset).unwrap_or("");
    let n = line.len() - line.trim_start_matches([' ', '\t']).len();
    &line[..n]
}

/// Indents every line but the first of a multi-line value.
fn reindent(text: &str, indent: &str) -> String {
    if indent.is_empty() {
        return text.to_owned();
    }
    text.replace('\n', &format!("\n{indent}"))
}

/// Applies non-overlapping edits to a text; `None` when they overlap, fall
/// outside the text or split a character.
pub fn apply_edits(text: &str, edits: &[TextEdit]) -> Option<String> {
    let mut sorted: Vec<&TextEdit> = edits.iter().collect();
    crate::base::sort::sort_by_key(&mut sorted, |e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in sorted {
        if e.range.start < at || e.range.end < e.range.start {
            return None;
        }
        out.push_str(text.get(at..e.range.start)?);
        text.get(e.range.start..e.range.end)?;
        out.push_str(&e.new_text);
        at = e.range.end;
    }
    out.push_str(text.get(at..)?);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fixed(text: &str, action: Action) -> Option<String> {
        let doc = Document::parse(text, None).document?;
        let edits = doc.edits_for(&action)?;
        apply_edits(text, &edits)
    }

    fn rename(path: &str, to: &str) -> Action {
        Action::RenameKey {
            path: path.into(),
            to: to.into(),
        }
    }

    fn insert(object: &str, key: &str, value: Value) -> Action {
        Action::Insert {
            object: object.into(),
            key: key.into(),
            value,
        }
    }

    #[test]
    fn json_renames_and_sets_in_place() {
        let text = "{\n  \"redis\": { \"conectTimeout\": 5 } // x\n}";
        let text = text.replace(" // x", "");
        assert_eq!(
            fixed(&text, rename("/redis/conectTimeout", "connectTimeout")).unwrap(),
            "{\n  \"redis\": { \"connectTimeout\": 5 }\n}"
        );
        assert_eq!(
            fixed(
                &text,
                Action::SetValue {
                    path: "/redis/conectTimeout".into(),
                    value: json!("a\"b")
                }
            )
            .unwrap(),
            "{\n  \"redis\": { \"conectTimeout\": \"a\\\"b\" }\n}"
        );
        // Renaming onto an existing key would make a duplicate.
        assert!(fixed("{\"a\": 1, \"b\": 2}", rename("/a", "b")).is_none());
    }

    #[test]
    fn json_inserts_with_the_neighbours_layout() {
        let text = "{\n    \"a\": 1,\n    \"b\": {\n        \"c\": 2\n    }\n}\n";
        assert_eq!(
            fixed(text, insert("/b", "d", json!({"e": [1]}))).unwrap(),
            "{\n    \"a\": 1,\n    \"b\": {\n        \"c\": 2,\n        \"d\": {\n          \"e\": [\n            1\n          ]\n        }\n    }\n}\n"
        );
        assert_eq!(
            fixed("{\"a\": 1}", insert("", "b", json!(true))).unwrap(),
            "{\"a\": 1, \"b\": true}"
        );
        assert_eq!(
            fixed("{\n  \"a\": {}\n}", insert("/a", "b", json!(1))).unwrap(),
            "{\n  \"a\": {\n    \"b\": 1\n  }\n}"
        );
        assert!(fixed("{\"a\": 1}", insert("", "a", json!(2))).is_none());
        assert!(fixed("{\"a\": 1}", insert("/nope", "a", json!(2))).is_none());
    }

    /// Found by `tests/fix_props.rs`: renaming a TOML table edited its
    /// own header only, so `[eliableProcessor.retryConfig]` kept the old
    /// name alive and the "safe" fix did not remove its finding.
    #[test]
    fn toml_renames_a_table_in_every_header_and_dotted_key() {
        let text = "# top\n[eliableProcessor]\nenabled = true\nqueue.name = \"q\"\n\n[eliableProcessor.retryConfig] # r\nmaxRetries = 3\n\n[[eliableProcessor.sinks]]\nkind = \"a\"\n\n[other]\neliableProcessor = 1\n";
        assert_eq!(
            fixed(text, rename("/eliableProcessor", "reliableProcessor")).unwrap(),
            "# top\n[reliableProcessor]\nenabled = true\nqueue.name = \"q\"\n\n[reliableProcessor.retryConfig] # r\nmaxRetries = 3\n\n[[reliableProcessor.sinks]]\nkind = \"a\"\n\n[other]\neliableProcessor = 1\n"
        );
        // Dotted keys at the top level name the table too.
        assert_eq!(
            fixed("a.b = 1\na.c = 2\n", rename("/a", "x")).unwrap(),
            "x.b = 1\nx.c = 2\n"
        );
        // A key inside the table: only its own mention.
        assert_eq!(
            fixed("[a]\nqueue.name = 1\n[a.queue2]\n", rename("/a/queue", "q")).unwrap(),
            "[a]\nq.name = 1\n[a.queue2]\n"
        );
    }

    #[test]
    fn toml_renames_quotes_and_inserts_in_the_right_table() {
        let text =
            "environment = \"test\"\n\n[redis]\nconectTimeout = 5 # ms\n\n[server]\nport = 1\n";
        assert_eq!(
            fixed(text, rename("/redis/conectTimeout", "connect timeout")).unwrap(),
            text.replace("conectTimeout", "\"connect timeout\"")
        );
        assert_eq!(
            fixed(text, insert("/redis", "url", json!("redis://x"))).unwrap(),
            text.replace("# ms\n", "# ms\nurl = \"redis://x\"\n")
        );
        assert_eq!(
            fixed(text, insert("", "debug", json!(false))).unwrap(),
            text.replace("\"test\"\n", "\"test\"\ndebug = false\n")
        );
        let empty = "[redis]\n\n[server]\n";
        assert_eq!(
            fixed(empty, insert("/redis", "db", json!(0))).unwrap(),
            "[redis]\ndb = 0\n\n[server]\n"
        );
        let inline = "redis = { url = \"x\" }\n";
        assert_eq!(
            fixed(inline, insert("/redis", "db", json!(0))).unwrap(),
            "redis = { url = \"x\", db = 0 }\n"
        );
        assert_eq!(
            fixed(
                text,
                Action::GenerateSecret {
                    path: "/environment".into()
                }
            )
            .unwrap(),
            text.replace("\"test\"", &format!("\"{SECRET_PLACEHOLDER}\""))
        );
    }

    #[test]
    fn overlapping_edits_are_refused() {
        let e = |s, t, n: &str| TextEdit {
            range: TextRange::new(s, t),
            new_text: n.into(),
        };
        assert_eq!(
            apply_edits("abcdef", &[e(4, 5, "X"), e(0, 1, "Y")]).unwrap(),
            "YbcdXf"
        );
        assert!(apply_edits("abcdef", &[e(0, 3, ""), e(2, 4, "")]).is_none());
        assert!(apply_edits("abc", &[e(2, 9, "")]).is_none());
    }
}
