//! A parsed document: its source text, its value and where every value is.

use crate::codes::Anchor;
use crate::diagnostic::{Diagnostic, TextRange};
use crate::pointer;
use crate::syntax::{self, Format, SpanNode};
use serde_json::{Map, Value};
use std::collections::HashMap;

mod fixes;
pub use fixes::{SECRET_PLACEHOLDER, apply_edits};

/// A config document that parsed: the source text it came from, its value
/// (key order as written) and the byte range of every key and value.
#[derive(Debug, Clone)]
pub struct Document {
    format: Format,
    source: String,
    value: Value,
    spans: SpanNode,
}

/// What [`Document::parse`] returns: a document when the syntax is sound,
/// and every parser finding either way.
#[derive(Debug, Clone)]
pub struct Parse {
    /// The document, `None` on a syntax error.
    pub document: Option<Document>,
    /// Syntax errors, duplicate keys, precision loss, BOM...
    pub diagnostics: Vec<Diagnostic>,
    /// The format used (given, or detected from the content).
    pub format: Format,
}

/// Where a JSON Pointer lands in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    /// The value's range, or for a missing value the nearest existing
    /// parent's key (or its opening bracket at the top level).
    pub range: TextRange,
    /// The key's range when the pointer names an object member that exists.
    pub key: Option<TextRange>,
    /// Did the pointer resolve all the way?
    pub exact: bool,
}

impl Document {
    /// Parses text; the format is detected from the content when `None`.
    pub fn parse(text: &str, format: Option<Format>) -> Parse {
        let format = format.unwrap_or_else(|| Format::detect(text));
        let parsed = syntax::parse(text, format);
        let document = parsed.value.map(|value| Document {
            format,
            source: text.to_owned(),
            value,
            spans: parsed.spans,
        });
        Parse {
            document,
            diagnostics: parsed.diagnostics,
            format,
        }
    }

    /// A document built from a value, with JSON source text generated the
    /// way upstream writes it (`JSON.stringify(v, null, 2)`).
    pub fn from_value(value: Value) -> Document {
        let text = syntax::to_json(&value);
        match Document::parse(&text, Some(Format::Json)).document {
            Some(doc) => doc,
            // Our own output always parses; keep the value regardless.
            None => Document {
                format: Format::Json,
                spans: SpanNode::default(),
                source: text,
                value,
            },
        }
    }

    /// The format it was parsed from.
    pub fn format(&self) -> Format {
        self.format
    }
    /// The source text.
    pub fn source(&self) -> &str {
        &self.source
    }
    /// The value.
    pub fn value(&self) -> &Value {
        &self.value
    }
    /// Takes the value out.
    pub fn into_value(self) -> Value {
        self.value
    }
    /// The span tree.
    pub fn spans(&self) -> &SpanNode {
        &self.spans
    }

    /// Finds where a pointer lands in the source.
    pub fn locate(&self, pointer: &str) -> Location {
        self.on_char_boundaries(locate(&self.value, &self.spans, pointer))
    }

    /// Widens a location's ranges to whole characters (the fallback range
    /// of a missing path is one byte, which may be inside a multi-byte
    /// character such as a TOML file's byte-order mark).
    fn on_char_boundaries(&self, mut loc: Location) -> Location {
        let text = self.source.as_str();
        loc.range = widen_to_chars(text, loc.range);
        loc.key = loc.key.map(|r| widen_to_chars(text, r));
        loc
    }

    /// Fills in the range of every diagnostic from its path: the value, or
    /// the key for codes that anchor on the key (the registry says which);
    /// turns each proposal into a [`crate::Fix`] with text edits in this
    /// document's format and layout (dropped when it cannot be written).
    pub fn place(&self, diagnostics: &mut [Diagnostic]) {
        // Key indexes of large objects, built once for all diagnostics
        // (a linear search per diagnostic is quadratic in object size).
        let mut keys = KeyIndex::default();
        for d in diagnostics {
            let loc = self.on_char_boundaries(locate_indexed(
                &self.value,
                &self.spans,
                &d.path,
                &mut keys,
            ));
            d.range = match loc.key {
                Some(key) if d.code.anchor() == Anchor::Key => key,
                _ => loc.range,
            };
            for proposal in std::mem::take(&mut d.proposals) {
                if let Some(fix) = self.fix_indexed(&proposal, &mut keys) {
                    d.fixes.push(fix);
                }
            }
        }
    }

    /// The source text of a range (empty when out of bounds).
    pub fn slice(&self, range: TextRange) -> &str {
        self.source.get(range.start..range.end).unwrap_or("")
    }
}

/// The smallest range of whole characters of `text` covering `r`.
fn widen_to_chars(text: &str, r: TextRange) -> TextRange {
    let mut start = r.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = r.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    TextRange::new(start, end)
}

/// Finds where `pointer` lands, walking a value and its span tree together.
pub fn locate(value: &Value, spans: &SpanNode, pointer: &str) -> Location {
    locate_indexed(value, spans, pointer, &mut KeyIndex::default())
}

/// Objects with more members than this get a key index when many pointers
/// are located in one document.
const INDEX_ABOVE: usize = 32;

/// Member positions of large objects, by the object's address (the value
/// is borrowed, so addresses are stable while the index lives).
#[derive(Default)]
pub(crate) struct KeyIndex<'v> {
    objects: HashMap<*const Map<String, Value>, HashMap<&'v str, usize>>,
}

impl<'v> KeyIndex<'v> {
    /// The position and the value of `token` in `map` (small objects: one
    /// scan finds both; large ones: the index, then the map).
    pub(crate) fn member(
        &mut self,
        map: &'v Map<String, Value>,
        token: &str,
    ) -> Option<(usize, &'v Value)> {
        if map.len() <= INDEX_ABOVE {
            return map
                .iter()
                .enumerate()
                .find(|(_, (k, _))| k.as_str() == token)
                .map(|(i, (_, v))| (i, v));
        }
        let i = self.position(map, token)?;
        Some((i, map.get(token)?))
    }

    fn position(&mut self, map: &'v Map<String, Value>, token: &str) -> Option<usize> {
        if map.len() <= INDEX_ABOVE {
            return map.keys().position(|k| k == token);
        }
        self.objects
            .entry(std::ptr::from_ref(map))
            .or_insert_with(|| {
                map.keys()
                    .enumerate()
                    .map(|(i, k)| (k.as_str(), i))
                    .collect()
            })
            .get(token)
            .copied()
    }
}

fn locate_indexed<'v>(
    value: &'v Value,
    spans: &SpanNode,
    pointer: &str,
    keys: &mut KeyIndex<'v>,
) -> Location {
    let mut v = value;
    let mut s = spans;
    for token in pointer::tokens(pointer) {
        let next = match v {
            Value::Object(map) => keys
                .member(map, &token)
                .and_then(|(i, v)| Some((v, s.children.get(i)?))),
            Value::Array(items) => token
                .parse::<usize>()
                .ok()
                .and_then(|i| Some((items.get(i)?, s.children.get(i)?))),
            _ => None,
        };
        match next {
            Some((nv, ns)) => {
                v = nv;
                s = ns;
            }
            None => {
                let range = s.key.unwrap_or(TextRange::new(
                    s.value.start,
                    (s.value.start + 1).min(s.value.end),
                ));
                return Location {
                    range,
                    key: None,
                    exact: false,
                };
            }
        }
    }
    Location {
        range: s.value,
        key: s.key,
        exact: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "{\n  \"redis\": {\n    \"url\": \"redis://x\"\n  },\n  \"list\": [1, 2]\n}";

    #[test]
    fn locates_values_keys_and_missing_paths() {
        let doc = Document::parse(TEXT, None).document.unwrap();
        let loc = doc.locate("/redis/url");
        assert!(loc.exact);
        assert_eq!(doc.slice(loc.range), "\"redis://x\"");
        assert_eq!(doc.slice(loc.key.unwrap()), "\"url\"");
        assert_eq!(doc.slice(doc.locate("/list/1").range), "2");
        let missing = doc.locate("/redis/connectTimeout");
        assert!(!missing.exact);
        assert_eq!(doc.slice(missing.range), "\"redis\"");
        assert_eq!(doc.slice(doc.locate("/nothing").range), "{");
        assert_eq!(doc.slice(doc.locate("/list/9").range), "\"list\"");
    }

    #[test]
    fn toml_documents_locate_too() {
        let text = "environment = \"test\"\n[redis]\nurl = \"redis://x\"\n";
        let doc = Document::parse(text, None).document.unwrap();
        assert_eq!(doc.format(), Format::Toml);
        assert_eq!(doc.slice(doc.locate("/redis/url").range), "\"redis://x\"");
        assert_eq!(doc.slice(doc.locate("/redis/nope").range), "redis");
    }
}
