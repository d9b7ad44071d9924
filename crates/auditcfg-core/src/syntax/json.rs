//! A strict JSON (RFC 8259) parser that records the byte range of every key
//! and value, reports duplicate keys, and never recurses without bound.
//!
//! Why not `serde_json::from_str`? It gives no byte ranges and keeps the last
//! of duplicate keys silently. Why not a spanned JSON crate? The maintained
//! ones (e.g. `jsonc-parser`) are lenient by design (comments, trailing
//! commas) and build an intermediate AST we would convert again; this parser
//! builds the `serde_json::Value` and the span tree in one pass, which is
//! what keeps `validate` fast. Numbers are converted by `serde_json::Number`'s
//! own `FromStr`, so number semantics are exactly serde_json's.

use super::{Parsed, SpanNode};
use crate::codes::Code;
use crate::diagnostic::{Applicability, Diagnostic, TextEdit, TextRange};
use crate::pointer;
use serde_json::{Map, Number, Value};

/// Deepest nesting accepted. Real configs are about 6 levels deep; a
/// hostile document must not exhaust the stack.
pub const MAX_DEPTH: usize = 128;

/// Integers beyond this lose precision in JavaScript (2^53).
const JS_SAFE_INTEGER: f64 = 9_007_199_254_740_992.0;
const JS_SAFE_INTEGER_U64: u64 = 9_007_199_254_740_992;

#[derive(Debug)]
struct SyntaxError {
    range: TextRange,
    message: String,
    help: Option<&'static str>,
}

/// A parse step's result. The error is boxed: it is rare, and a small
/// `Result` (the size of a `Value`) is cheaper to return on every value.
type Res<T> = Result<T, Box<SyntaxError>>;

#[derive(Clone, Copy)]
enum Seg {
    /// Raw key contents (between the quotes, still escaped).
    Key(TextRange),
    Index(usize),
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    stack: Vec<Seg>,
    /// The members of the small objects being parsed, innermost last
    /// (each object's from its start): an object is built once, at its
    /// end, with its exact size, instead of growing a map key by key.
    members: Vec<(String, Value)>,
    /// The items of the arrays being parsed, innermost last.
    items: Vec<Value>,
    /// The span nodes of the children of every container being parsed.
    children: Vec<SpanNode>,
    diagnostics: Vec<Diagnostic>,
    /// Duplicate keys seen, and the range of the last one.
    duplicates: usize,
    last_duplicate: TextRange,
}

/// Duplicate keys reported one by one; beyond this, one summary finding
/// says how many more there are (a million identical findings help no one
/// and cost hundreds of megabytes).
pub const MAX_DUPLICATE_REPORTS: usize = 100;

/// Objects up to this many members are built at their end and searched
/// for duplicate keys by a scan; larger ones are built as they are read,
/// hashing each key once.
const SMALL_OBJECT: usize = 16;

/// Parses JSON text. On a syntax error the result has no value and one
/// `AC001` diagnostic; other findings (duplicate keys, precision loss, BOM)
/// are reported alongside a value.
pub fn parse(text: &str) -> Parsed {
    // The scratch vectors start at the size a config of this length
    // needs (the preset's 10 kB: 64 span nodes), instead of growing.
    let hint = (text.len() / 128).min(64);
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        stack: Vec::with_capacity(hint / 4),
        members: Vec::with_capacity(hint / 2),
        items: Vec::with_capacity(hint / 4),
        children: Vec::with_capacity(hint),
        diagnostics: Vec::new(),
        duplicates: 0,
        last_duplicate: TextRange::new(0, 0),
    };
    // A placeholder at the bottom of each: a container's first child is
    // never at 0, so `split_off` moves its children into a vector of their
    // exact size with one copy (at 0 it would hand over the scratch itself).
    p.children.push(SpanNode::default());
    p.items.push(Value::Null);
    if text.starts_with('\u{feff}') {
        p.pos = 3;
        p.diagnostics.push(
            Code::ByteOrderMark
                .diag("", "the file starts with a byte-order mark")
                .with_help("the server's JSON.parse throws on a BOM and does not start: save the file as UTF-8 without BOM")
                .with_range(TextRange::new(0, 3)),
        );
    }
    let result = p.document();
    if p.duplicates > MAX_DUPLICATE_REPORTS {
        let more = p.duplicates - MAX_DUPLICATE_REPORTS;
        p.diagnostics.push(
            Code::DuplicateKey
                .diag(
                    "",
                    format!(
                        "{more} more duplicate keys (only the first {MAX_DUPLICATE_REPORTS} are listed)"
                    ),
                )
                .with_help("JSON.parse silently keeps the last value of each; remove the repeats")
                .with_range(p.last_duplicate),
        );
    }
    match result {
        Ok((value, spans)) => Parsed {
            value: Some(value),
            spans,
            diagnostics: p.diagnostics,
        },
        Err(e) => {
            let mut d = Code::SyntaxError.diag("", e.message).with_range(e.range);
            if let Some(h) = e.help {
                d = d.with_help(h);
            }
            p.diagnostics.push(d);
            Parsed {
                value: None,
                spans: SpanNode::leaf(TextRange::new(0, text.len())),
                diagnostics: p.diagnostics,
            }
        }
    }
}

impl<'a> Parser<'a> {
    fn document(&mut self) -> Res<(Value, SpanNode)> {
        self.skip_ws();
        if self.pos >= self.bytes.len() {
            return Err(self.error_here("the document is empty", None));
        }
        let value = self.value(0, None)?;
        let spans = self.children.pop().unwrap_or_default();
        self.skip_ws();
        if self.pos < self.bytes.len() {
            return Err(Box::new(SyntaxError {
                range: TextRange::new(self.pos, self.bytes.len()),
                message: "unexpected content after the end of the document".into(),
                help: Some("a config is a single JSON object"),
            }));
        }
        Ok((value, spans))
    }

    /// Skips whitespace; after a whitespace byte, runs of spaces (the
    /// indentation after a newline) eight at a time.
    fn skip_ws(&mut self) {
        const SPACES: u64 = 0x2020_2020_2020_2020;
        let b = self.bytes;
        let mut i = self.pos;
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = b.get(i) {
            i += 1;
            while let Some(word) = b.get(i..i + 8).and_then(|w| <[u8; 8]>::try_from(w).ok()) {
                let other = u64::from_le_bytes(word) ^ SPACES;
                if other != 0 {
                    // The lowest non-zero byte is the first non-space.
                    i += (other.trailing_zeros() / 8) as usize;
                    break;
                }
                i += 8;
            }
        }
        self.pos = i;
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// Range of the (whole) character at the cursor, for error messages.
    fn char_range(&self) -> TextRange {
        let len = self.text[self.pos..]
            .chars()
            .next()
            .map_or(0, char::len_utf8);
        TextRange::new(self.pos, self.pos + len)
    }

    fn describe_here(&self) -> String {
        match self.text[self.pos..].chars().next() {
            None => "the end of the document".into(),
            Some(c) if c.is_control() => format!("control character U+{:04X}", c as u32),
            Some(c) => format!("`{c}`"),
        }
    }

    #[cold]
    fn error_here(
        &self,
        message: impl Into<String>,
        help: Option<&'static str>,
    ) -> Box<SyntaxError> {
        Box::new(SyntaxError {
            range: self.char_range(),
            message: message.into(),
            help,
        })
    }

    #[cold]
    fn expected(&self, what: &str) -> Box<SyntaxError> {
        let help = match self.peek() {
            Some(b'/') => Some("JSON has no comments: write the file as TOML to keep comments"),
            Some(b'}' | b']') => Some("JSON allows no trailing comma"),
            Some(b'\'') => Some("JSON strings use double quotes"),
            _ => None,
        };
        self.error_here(
            format!("expected {what}, found {}", self.describe_here()),
            help,
        )
    }

    /// Parses the value at the cursor and pushes its span node (with `key`,
    /// the range of its key in an object) onto `self.children`.
    fn value(&mut self, depth: usize, key: Option<TextRange>) -> Res<Value> {
        if depth > MAX_DEPTH {
            return Err(self.error_here(
                format!("nesting deeper than {MAX_DEPTH} levels"),
                Some("no audit config is nested this deeply; the input is probably not a config"),
            ));
        }
        let start = self.pos;
        let value = match self.peek() {
            Some(b'{') => return self.object(depth, key),
            Some(b'[') => return self.array(depth, key),
            Some(b'"') => Value::String(self.string()?.0),
            Some(b'-' | b'0'..=b'9') => Value::Number(self.number()?),
            // The literals, inline; `literal` reports a misspelt one.
            Some(b't') if self.bytes.get(start..start + 4) == Some(b"true") => {
                self.pos += 4;
                Value::Bool(true)
            }
            Some(b'f') if self.bytes.get(start..start + 5) == Some(b"false") => {
                self.pos += 5;
                Value::Bool(false)
            }
            Some(b'n') if self.bytes.get(start..start + 4) == Some(b"null") => {
                self.pos += 4;
                Value::Null
            }
            Some(b't') => self.literal("true", Value::Bool(true))?,
            Some(b'f') => self.literal("false", Value::Bool(false))?,
            Some(b'n') => self.literal("null", Value::Null)?,
            _ => return Err(self.expected("a value")),
        };
        self.push_span(key, start, Vec::new());
        Ok(value)
    }

    /// Pushes the span node of the value that started at `start` and ends
    /// at the cursor.
    fn push_span(&mut self, key: Option<TextRange>, start: usize, children: Vec<SpanNode>) {
        self.children.push(SpanNode {
            key,
            value: TextRange::new(start, self.pos),
            children,
        });
    }

    fn literal(&mut self, word: &'static str, value: Value) -> Res<Value> {
        let start = self.pos;
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            let end = self.bytes[start..]
                .iter()
                .position(|b| !b.is_ascii_alphanumeric())
                .map_or(self.bytes.len(), |n| start + n);
            let end = end.max(start + 1).min(self.bytes.len());
            let end = (end..=self.bytes.len())
                .find(|&e| self.text.is_char_boundary(e))
                .unwrap_or(self.bytes.len());
            // At a secret path the word may be the secret, written
            // without quotes: name its kind, never its text.
            let message = if self.at_secret() {
                "expected a value, found an unquoted word (not shown: secret field)".to_owned()
            } else {
                format!("expected a value, found `{}`", &self.text[start..end])
            };
            Err(Box::new(SyntaxError {
                range: TextRange::new(start, end),
                message,
                help: Some("strings need double quotes; literals are true, false and null"),
            }))
        }
    }

    fn object(&mut self, depth: usize, key: Option<TextRange>) -> Res<Value> {
        let start = self.pos;
        self.pos += 1;
        // This object's members are `self.members[base..]` while it is
        // small (a duplicate is found by a scan); beyond `SMALL_OBJECT` they
        // move into `map` (a duplicate is found by its hash). Its members'
        // span nodes are `self.children[first_child..]`.
        let base = self.members.len();
        let first_child = self.children.len();
        let mut map: Option<Map<String, Value>> = None;
        let mut dup_index: Option<std::collections::HashMap<String, usize>> = None;
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            self.push_span(key, start, Vec::new());
            return Ok(Value::Object(Map::new()));
        }
        loop {
            // Whitespace is skipped: after `{` above, after `,` below.
            if self.peek() != Some(b'"') {
                return Err(self.expected("a key in double quotes"));
            }
            let key_start = self.pos;
            let (name, raw) = self.string()?;
            let key_range = TextRange::new(key_start, self.pos);
            self.skip_ws();
            if self.peek() != Some(b':') {
                return Err(self.expected("`:` after the key"));
            }
            self.pos += 1;
            self.skip_ws();
            self.stack.push(Seg::Key(raw));
            let value = self.value(depth + 1, Some(key_range))?;
            self.stack.pop();
            // The member's span node is the last child. A repeat replaces
            // the earlier value in the earlier position, as JSON.parse does
            // (and `preserve_order`'s insert).
            let repeated = match map.as_mut() {
                None => {
                    let members = self.members.get_mut(base..).unwrap_or_default();
                    match members.iter_mut().position(|(k, _)| *k == name) {
                        Some(i) => {
                            if let Some(slot) = members.get_mut(i) {
                                slot.1 = value;
                            }
                            Some((name, i))
                        }
                        None => {
                            self.members.push((name, value));
                            if self.members.len() - base > SMALL_OBJECT {
                                map = Some(self.members.drain(base..).collect());
                            }
                            None
                        }
                    }
                }
                // One hash per key: the entry says whether it is a repeat.
                Some(map) => match map.entry(name) {
                    serde_json::map::Entry::Vacant(e) => {
                        if let Some(index) = dup_index.as_mut() {
                            index.insert(e.key().clone(), self.children.len() - 1 - first_child);
                        }
                        e.insert(value);
                        None
                    }
                    serde_json::map::Entry::Occupied(mut e) => {
                        let name = e.key().clone();
                        e.insert(value);
                        // Rare path: find the earlier member's position,
                        // through an index of this object's keys built on
                        // its first duplicate (a linear search per
                        // duplicate is quadratic).
                        let index = *dup_index
                            .get_or_insert_with(|| {
                                map.keys()
                                    .enumerate()
                                    .map(|(i, k)| (k.clone(), i))
                                    .collect::<std::collections::HashMap<_, _>>()
                            })
                            .get(&name)
                            .unwrap_or(&0);
                        Some((name, index))
                    }
                },
            };
            if let Some((name, index)) = repeated {
                let span = self.children.pop().unwrap_or_default();
                let Some(slot) = self.children.get_mut(first_child + index) else {
                    return Err(self.error_here("internal error: lost a member", None));
                };
                let earlier = slot.key.unwrap_or(slot.value);
                let earlier_end = slot.value.end;
                *slot = span;
                self.duplicate(&name, key_range, earlier, earlier_end);
            }
            self.skip_ws();
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.skip_ws();
                    if self.peek() == Some(b'}') {
                        return Err(self.error_here(
                            "trailing comma before `}`",
                            Some("JSON allows no trailing comma: remove it"),
                        ));
                    }
                }
                Some(b'}') => {
                    self.pos += 1;
                    // Built at its exact size (one allocation each).
                    let map = match map {
                        Some(map) => map,
                        None => self.members.drain(base..).collect(),
                    };
                    let children = self.children.split_off(first_child);
                    self.push_span(key, start, children);
                    return Ok(Value::Object(map));
                }
                _ => return Err(self.expected("`,` or `}`")),
            }
        }
    }

    fn duplicate(&mut self, key: &str, at: TextRange, earlier: TextRange, earlier_end: usize) {
        self.duplicates += 1;
        self.last_duplicate = at;
        if self.duplicates > MAX_DUPLICATE_REPORTS {
            return;
        }
        let path = pointer::push(&self.current_pointer(), key);
        let mut d = Code::DuplicateKey
            .diag(
                path,
                format!("duplicate key `{key}`: this value replaces the earlier one"),
            )
            .with_help("JSON.parse silently keeps the last value; remove one of the two")
            .with_range(at)
            .with_related(earlier, "first defined here");
        if let Some(edit) = self.removal(earlier.start, earlier_end) {
            d = d.with_fix(
                format!("remove the earlier `{key}`"),
                Applicability::Unsafe,
                vec![edit],
            );
        }
        self.diagnostics.push(d);
    }

    /// The edit that removes the member from `start` (its key) to `end`
    /// (its value's end), with the comma after it and the space up to the
    /// next key: a later duplicate always follows, so there is a comma.
    fn removal(&self, start: usize, end: usize) -> Option<TextEdit> {
        let bytes = self.text.as_bytes();
        let skip_ws = |mut i: usize| {
            while bytes
                .get(i)
                .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
            {
                i += 1;
            }
            i
        };
        let comma = skip_ws(end);
        if bytes.get(comma) != Some(&b',') {
            return None;
        }
        Some(TextEdit {
            range: TextRange::new(start, skip_ws(comma + 1)),
            new_text: String::new(),
        })
    }

    /// Is the value being parsed at (or below) a secret path?
    fn at_secret(&self) -> bool {
        crate::secrets::secret_kind_within(&self.current_pointer()).is_some()
    }

    fn current_pointer(&self) -> String {
        let mut out = String::new();
        for seg in &self.stack {
            match *seg {
                Seg::Key(raw) => {
                    let raw_text = &self.text[raw.start..raw.end];
                    let key = if raw_text.contains('\\') {
                        unescape_known_good(raw_text)
                    } else {
                        raw_text.to_owned()
                    };
                    out = pointer::push(&out, &key);
                }
                Seg::Index(i) => out = pointer::push(&out, &i.to_string()),
            }
        }
        out
    }

    fn array(&mut self, depth: usize, key: Option<TextRange>) -> Res<Value> {
        let start = self.pos;
        self.pos += 1;
        // This array's items are `self.items[base..]` until its end, their
        // span nodes `self.children[first_child..]`.
        let base = self.items.len();
        let first_child = self.children.len();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            self.push_span(key, start, Vec::new());
            return Ok(Value::Array(Vec::new()));
        }
        loop {
            // Whitespace is skipped: after `[` above, after `,` below.
            self.stack.push(Seg::Index(self.items.len() - base));
            let value = self.value(depth + 1, None)?;
            self.stack.pop();
            self.items.push(value);
            self.skip_ws();
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.skip_ws();
                    if self.peek() == Some(b']') {
                        return Err(self.error_here(
                            "trailing comma before `]`",
                            Some("JSON allows no trailing comma: remove it"),
                        ));
                    }
                }
                Some(b']') => {
                    self.pos += 1;
                    // Built at their exact sizes (one allocation and one
                    // copy each).
                    let items = self.items.split_off(base);
                    let children = self.children.split_off(first_child);
                    self.push_span(key, start, children);
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.expected("`,` or `]`")),
            }
        }
    }

    /// Parses a string at the cursor (which is on the opening quote).
    /// Returns the unescaped string and the raw range between the quotes.
    /// The common string, one run of plain characters up to the closing
    /// quote, is copied once here; anything else is `string_in_full`
    /// (apart, this stays small: its callers pay a short prologue).
    #[inline]
    fn string(&mut self) -> Res<(String, TextRange)> {
        let content_start = self.pos + 1;
        let end = content_start + plain_run(self.bytes.get(content_start..).unwrap_or_default());
        if self.bytes.get(end) == Some(&b'"') {
            let s = self.text[content_start..end].to_owned();
            self.pos = end + 1;
            return Ok((s, TextRange::new(content_start, end)));
        }
        self.string_in_full()
    }

    /// [`Parser::string`] for strings with escapes (or errors).
    #[inline(never)]
    fn string_in_full(&mut self) -> Res<(String, TextRange)> {
        let open = self.pos;
        self.pos += 1;
        let content_start = self.pos;
        // Fast path: no escapes.
        loop {
            self.pos += plain_run(self.bytes.get(self.pos..).unwrap_or_default());
            match self.peek() {
                Some(b'"') => {
                    let s = self.text[content_start..self.pos].to_owned();
                    self.pos += 1;
                    return Ok((s, TextRange::new(content_start, self.pos - 1)));
                }
                Some(b'\\') => break,
                Some(b) if b < 0x20 => return Err(self.control_in_string()),
                Some(_) => self.pos += 1,
                None => return Err(self.unterminated(open)),
            }
        }
        let mut out = String::with_capacity(self.pos - content_start + 16);
        out.push_str(&self.text[content_start..self.pos]);
        loop {
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok((out, TextRange::new(content_start, self.pos - 1)));
                }
                Some(b'\\') => {
                    let esc_start = self.pos;
                    self.pos += 1;
                    let c = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.pos += 1;
                            let c = self.unicode_escape(esc_start)?;
                            out.push(c);
                            continue;
                        }
                        None => return Err(self.unterminated(open)),
                        Some(_) => {
                            return Err(Box::new(SyntaxError {
                                range: TextRange::new(esc_start, self.char_range().end),
                                message: format!(
                                    "invalid escape `\\{}`",
                                    &self.text[self.pos..self.char_range().end]
                                ),
                                help: Some(
                                    "valid escapes: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX",
                                ),
                            }));
                        }
                    };
                    self.pos += 1;
                    out.push(c);
                }
                Some(b) if b < 0x20 => return Err(self.control_in_string()),
                Some(_) => {
                    // Copy a run of plain characters at once.
                    let run_start = self.pos;
                    self.pos += 1;
                    self.pos += plain_run(self.bytes.get(self.pos..).unwrap_or_default());
                    out.push_str(&self.text[run_start..self.pos]);
                }
                None => return Err(self.unterminated(open)),
            }
        }
    }

    fn hex4(&mut self, esc_start: usize) -> Result<u32, SyntaxError> {
        let digits = self.bytes.get(self.pos..self.pos + 4);
        let parsed = digits
            .filter(|d| d.iter().all(u8::is_ascii_hexdigit))
            .and_then(|d| std::str::from_utf8(d).ok())
            .and_then(|s| u32::from_str_radix(s, 16).ok());
        match parsed {
            Some(v) => {
                self.pos += 4;
                Ok(v)
            }
            None => Err(SyntaxError {
                range: TextRange::new(esc_start, self.pos.min(self.bytes.len())),
                message: "`\\u` must be followed by four hex digits".into(),
                help: None,
            }),
        }
    }

    fn unicode_escape(&mut self, esc_start: usize) -> Result<char, SyntaxError> {
        let hi = self.hex4(esc_start)?;
        let lone = |p: &Self| SyntaxError {
            range: TextRange::new(esc_start, p.pos),
            message: "lone UTF-16 surrogate in `\\u` escape".into(),
            help: Some("JavaScript accepts it but it is not valid Unicode text; remove it"),
        };
        if (0xD800..0xDC00).contains(&hi) {
            if self.bytes.get(self.pos..self.pos + 2) != Some(b"\\u") {
                return Err(lone(self));
            }
            self.pos += 2;
            let lo = self.hex4(esc_start)?;
            if !(0xDC00..0xE000).contains(&lo) {
                return Err(lone(self));
            }
            let c = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
            char::from_u32(c).ok_or_else(|| lone(self))
        } else if (0xDC00..0xE000).contains(&hi) {
            Err(lone(self))
        } else {
            char::from_u32(hi).ok_or_else(|| lone(self))
        }
    }

    #[cold]
    fn control_in_string(&self) -> Box<SyntaxError> {
        self.error_here(
            format!("{} inside a string", self.describe_here()),
            Some("write it escaped, e.g. \\n or \\t"),
        )
    }

    #[cold]
    fn unterminated(&self, open: usize) -> Box<SyntaxError> {
        Box::new(SyntaxError {
            range: TextRange::new(open, self.bytes.len()),
            message: "unterminated string".into(),
            help: Some("add the closing double quote"),
        })
    }

    fn number(&mut self) -> Res<Number> {
        let start = self.pos;
        let b = self.bytes;
        let mut i = self.pos;
        let digits = |i: &mut usize| {
            let s = *i;
            while b.get(*i).is_some_and(u8::is_ascii_digit) {
                *i += 1;
            }
            *i - s
        };
        let mut is_int = true;
        if b.get(i) == Some(&b'-') {
            i += 1;
        }
        let int_start = i;
        let n = digits(&mut i);
        let text = self.text;
        let bad = |end: usize, why: &str| {
            // Whole characters: the byte after a number may start a
            // multi-byte one (`1.é`).
            let mut end = end.max(start + 1).min(b.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            SyntaxError {
                range: TextRange::new(start, end),
                message: why.to_owned(),
                help: None,
            }
        };
        if n == 0 {
            return Err(Box::new(bad(i + 1, "invalid number: expected a digit")));
        }
        if n > 1 && b[int_start] == b'0' {
            return Err(Box::new(SyntaxError {
                help: Some("JSON numbers have no leading zeros"),
                ..bad(i, "invalid number: leading zero")
            }));
        }
        if b.get(i) == Some(&b'.') {
            is_int = false;
            i += 1;
            if digits(&mut i) == 0 {
                return Err(Box::new(bad(
                    i + 1,
                    "invalid number: expected a digit after `.`",
                )));
            }
        }
        if let Some(b'e' | b'E') = b.get(i) {
            is_int = false;
            i += 1;
            if let Some(b'+' | b'-') = b.get(i) {
                i += 1;
            }
            if digits(&mut i) == 0 {
                return Err(Box::new(bad(
                    i + 1,
                    "invalid number: expected a digit in the exponent",
                )));
            }
        }
        self.pos = i;
        let range = TextRange::new(start, i);
        if is_int && let Some(number) = small_integer(b.get(start..i).unwrap_or_default()) {
            // The precision check of the general path below, on the
            // integer's magnitude.
            if number.1 > JS_SAFE_INTEGER_U64 {
                self.precision_warning(range, &self.text[start..i]);
            }
            return Ok(number.0);
        }
        let raw = &self.text[start..i];
        let number: Number = raw.parse().map_err(|_| SyntaxError {
            range,
            message: format!("number `{}` is out of range", shorten(raw)),
            help: Some("numbers must fit a 64-bit float, as in JavaScript"),
        })?;
        // Compare integers as integers: 2^53 + 1 rounds to 2^53 as a float.
        let beyond = match (number.as_u64(), number.as_i64()) {
            (Some(u), _) => u > JS_SAFE_INTEGER_U64,
            (_, Some(i)) => i.unsigned_abs() > JS_SAFE_INTEGER_U64,
            _ => number.as_f64().is_some_and(|f| f.abs() >= JS_SAFE_INTEGER),
        };
        if is_int && beyond {
            self.precision_warning(range, raw);
        }
        Ok(number)
    }

    fn precision_warning(&mut self, range: TextRange, raw: &str) {
        let path = self.current_pointer();
        let message = if crate::secrets::secret_kind_within(&path).is_some() {
            "this number is beyond 2^53: JavaScript will not read it exactly (not shown: secret field)"
                .to_owned()
        } else {
            format!(
                "`{}` is beyond 2^53: JavaScript will not read it exactly",
                shorten(raw)
            )
        };
        self.diagnostics.push(
            Code::NumberPrecision
                .diag(path, message)
                .with_help(
                    "the audit server reads numbers as JavaScript doubles; use a smaller value",
                )
                .with_range(range),
        );
    }
}

/// The length of the run of plain string bytes at the start of `bytes`:
/// up to the first `"`, `\\` or control character (or the end). Eight bytes
/// at a time (a word test flags the bytes that are one of them), then byte
/// by byte in the last few.
fn plain_run(bytes: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Flags the bytes of `v` below `n` (n <= 128). A borrow only starts at
    // such a byte and only moves up, so the lowest flag is always true.
    let has_less = |v: u64, n: u64| v.wrapping_sub(ONES * n) & !v & HIGH;
    let mut i = 0;
    while let Some(word) = bytes
        .get(i..i + 8)
        .and_then(|w| <[u8; 8]>::try_from(w).ok())
    {
        let v = u64::from_le_bytes(word);
        let stop = has_less(v ^ (ONES * u64::from(b'"')), 1)
            | has_less(v ^ (ONES * u64::from(b'\\')), 1)
            | has_less(v, 0x20);
        if stop != 0 {
            // Little-endian: the lowest flagged byte is the first.
            return i + (stop.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    let rest = bytes.get(i..).unwrap_or_default();
    i + rest
        .iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
        .unwrap_or(rest.len())
}

/// The `Number` of a JSON integer (`-?(0|[1-9][0-9]*)`, already checked)
/// of up to 19 digits, and its magnitude, without `Number::from_str`: the
/// same `Number` it gives (a non-negative integer is a `u64`, a negative one
/// an `i64`). `None` for `-0` (serde_json makes it the float -0.0) and for
/// longer integers: those take the general path.
fn small_integer(raw: &[u8]) -> Option<(Number, u64)> {
    let (negative, digits) = match raw.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, raw),
    };
    if digits.is_empty() || digits.len() > 19 {
        return None;
    }
    let mut magnitude: u64 = 0;
    for &d in digits {
        if !d.is_ascii_digit() {
            return None;
        }
        // At most 19 digits: below 10^19 < u64::MAX, no overflow.
        magnitude = magnitude * 10 + u64::from(d - b'0');
    }
    if !negative {
        return Some((Number::from(magnitude), magnitude));
    }
    if magnitude == 0 {
        return None;
    }
    // Up to 9,223,372,036,854,775,808 = -i64::MIN: serde_json's i64 range.
    let value = 0i64.checked_sub_unsigned(magnitude)?;
    Some((Number::from(value), magnitude))
}

fn shorten(raw: &str) -> String {
    if raw.len() > 24 {
        format!("{}…", &raw[..20])
    } else {
        raw.to_owned()
    }
}

/// Unescapes a key that already parsed successfully.
fn unescape_known_good(raw: &str) -> String {
    let quoted = format!("\"{raw}\"");
    serde_json::from_str::<String>(&quoted).unwrap_or_else(|_| raw.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    fn ok(text: &str) -> (Value, SpanNode, Vec<Diagnostic>) {
        let p = parse(text);
        let v = p
            .value
            .unwrap_or_else(|| panic!("did not parse: {:?}", p.diagnostics));
        (v, p.spans, p.diagnostics)
    }

    fn err(text: &str) -> Diagnostic {
        let p = parse(text);
        assert!(p.value.is_none(), "parsed: {text}");
        p.diagnostics
            .into_iter()
            .find(|d| d.code == "AC001")
            .expect("syntax diagnostic")
    }

    #[test]
    fn agrees_with_serde_json_on_values() {
        let text = r#"{"a": [1, -2, 3.5, 1e3, true, false, null, "x\u00e9\n\ud83d\ude00"], "b": {"c": {}}, "d": []}"#;
        let (v, _, d) = ok(text);
        let expected: Value = serde_json::from_str(text).unwrap();
        assert_eq!(v, expected);
        assert!(d.is_empty());
    }

    #[test]
    fn ranges_point_at_keys_and_values() {
        let text = "{\n  \"redis\": {\"url\": \"redis://x\"}\n}";
        let (_, spans, _) = ok(text);
        let redis = &spans.children[0];
        let key = redis.key.unwrap();
        assert_eq!(&text[key.start..key.end], "\"redis\"");
        let url = &redis.children[0];
        assert_eq!(&text[url.value.start..url.value.end], "\"redis://x\"");
    }

    #[test]
    fn duplicate_keys_are_reported_last_wins() {
        let text = r#"{"a": 1, "b": {"c": 1, "c": 2}, "a": 3}"#;
        let (v, spans, d) = ok(text);
        assert_eq!(v, json!({"a": 3, "b": {"c": 2}}));
        let dups: Vec<_> = d.iter().filter(|d| d.code == "AC002").collect();
        assert_eq!(dups.len(), 2);
        assert_eq!(dups[0].path, "/b/c");
        assert_eq!(dups[1].path, "/a");
        // The span of `a` now points at the value that won.
        let a = spans.children[0].value;
        assert_eq!(&text[a.start..a.end], "3");
    }

    #[test]
    fn duplicate_keys_beyond_the_cap_are_summarised() {
        let n = MAX_DUPLICATE_REPORTS + 250;
        let mut text = String::from("{\"x\": 0");
        for i in 1..=n {
            text.push_str(&format!(", \"x\": {i}"));
        }
        text.push('}');
        let (v, _, d) = ok(&text);
        assert_eq!(v, json!({"x": n}));
        let dups: Vec<_> = d.iter().filter(|d| d.code == "AC002").collect();
        assert_eq!(dups.len(), MAX_DUPLICATE_REPORTS + 1);
        let last = dups.last().expect("summary");
        assert_eq!(last.path, "");
        assert!(
            last.message.starts_with("250 more duplicate keys"),
            "{}",
            last.message
        );
        assert_eq!(&text[last.range.start..last.range.end], "\"x\"");
    }

    #[test]
    fn syntax_errors_have_ranges_and_help() {
        let d = err("{\"a\": 1,}");
        assert!(d.message.contains("trailing comma"), "{}", d.message);
        assert_eq!(d.range.start, 8);
        let d = err("{\"a\": tru}");
        assert!(d.message.contains("`tru`"), "{}", d.message);
        let d = err("{\"a\": \"x");
        assert_eq!(d.message, "unterminated string");
        let d = err("");
        assert_eq!(d.message, "the document is empty");
        let d = err("{} {}");
        assert!(d.message.contains("after the end"));
        let d = err("{\"a\": 01}");
        assert!(d.message.contains("leading zero"));
        let d = err("{\"a\": \"\u{1}\"}");
        assert!(d.message.contains("control character"));
        let d = err("{\"a\": \"\\ud800\"}");
        assert!(d.message.contains("surrogate"));
        let d = err("{// c\n}");
        assert!(d.help.unwrap().contains("comments"));
    }

    #[test]
    fn number_error_ranges_cover_whole_characters() {
        for text in ["-é", "{\"a\": 1.é}", "{\"a\": 1eé}", "{\"a\": -\u{feff}}"] {
            let d = err(text);
            assert!(
                text.is_char_boundary(d.range.start) && text.is_char_boundary(d.range.end),
                "{text:?}: {:?}",
                d.range
            );
        }
    }

    #[test]
    fn numbers_follow_serde_json() {
        let d = err("{\"a\": 1e400}");
        assert!(d.message.contains("out of range"), "{}", d.message);
        let (v, _, d) = ok("{\"a\": -0, \"b\": 1.0, \"c\": 18446744073709551615}");
        assert_eq!(v["b"], json!(1.0));
        assert!(v["a"].is_number());
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].code, "AC005");
        let (_, _, d) = ok("{\"a\": 9007199254740993, \"b\": 9007199254740992}");
        assert_eq!(d.len(), 1, "{d:?}");
        let (_, _, d) = ok("{\"a\": 123456789012345678901234567890}");
        assert_eq!(d[0].path, "/a");
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let text = "[".repeat(100_000) + &"]".repeat(100_000);
        let d = err(&text);
        assert!(d.message.contains("nesting deeper"));
    }

    #[test]
    fn bom_is_an_error_and_offsets_stay_true() {
        let text = "\u{feff}{\"a\": 1}";
        let (v, spans, d) = ok(text);
        assert_eq!(v, json!({"a": 1}));
        assert_eq!(d[0].code, "AC003");
        // Node 20: `JSON.parse("\ufeff{}")` throws `Unexpected token`: the
        // server cannot read the file, so it is an error, not a warning.
        assert_eq!(d[0].severity, crate::Severity::Error);
        let a = spans.children[0].value;
        assert_eq!(&text[a.start..a.end], "1");
    }

    #[test]
    fn plain_runs_stop_where_a_byte_by_byte_scan_stops() {
        let naive = |b: &[u8]| {
            b.iter()
                .position(|&c| c == b'"' || c == b'\\' || c < 0x20)
                .unwrap_or(b.len())
        };
        // Every byte value at every position of runs around the word size.
        for len in [1usize, 7, 8, 9, 16, 17, 23] {
            for at in 0..len {
                for byte in 0..=255u8 {
                    let mut b = vec![b'a'; len];
                    b[at] = byte;
                    assert_eq!(plain_run(&b), naive(&b), "{len} {at} {byte}");
                }
            }
        }
        assert_eq!(plain_run(b""), 0);
        assert_eq!(plain_run("é\"ü".as_bytes()), 2);
    }

    #[test]
    fn escaped_keys_give_unescaped_pointers() {
        let (_, _, d) = ok(r#"{"a\/b": {"x": 1, "x": 2}}"#);
        assert_eq!(d[0].path, "/a~1b/x");
    }

    #[test]
    fn containers_are_built_at_their_exact_size() {
        fn exact(value: &Value, span: &SpanNode) {
            assert_eq!(span.children.capacity(), span.children.len());
            match value {
                Value::Array(items) => {
                    assert_eq!(items.capacity(), items.len());
                    items
                        .iter()
                        .zip(&span.children)
                        .for_each(|(v, s)| exact(v, s));
                }
                Value::Object(map) => map
                    .values()
                    .zip(&span.children)
                    .for_each(|(v, s)| exact(v, s)),
                _ => {}
            }
        }
        // Containers that are the first child at every level (their
        // children start at the bottom of the scratch vectors), and later.
        for text in [
            "[[[1, 2], [3]], {\"a\": [4, [5, 6]]}]",
            "{\"a\": {\"b\": [[7], 8]}, \"c\": [9, {\"d\": [10]}]}",
            "[]",
            "{}",
        ] {
            let (v, spans, _) = ok(text);
            assert_eq!(v, serde_json::from_str::<Value>(text).unwrap());
            exact(&v, &spans);
        }
    }

    #[test]
    fn literals_whole_or_reported() {
        for (text, value) in [
            ("true", json!(true)),
            ("false", json!(false)),
            ("null", json!(null)),
        ] {
            assert_eq!(ok(text).0, value);
            assert_eq!(ok(&format!("[{text}]")).0, json!([value]));
        }
        for text in ["tru", "nul", "fals", "[t]", "{\"a\": f}"] {
            let d = err(text);
            assert!(
                d.message.starts_with("expected a value, found"),
                "{text}: {}",
                d.message
            );
        }
        // A whole literal is a value, whatever follows it.
        assert!(err("[nulll]").message.starts_with("expected `,` or `]`"));
    }

    #[test]
    fn strings_take_the_short_or_the_full_path_alike() {
        // A plain run of every length around the word size, then the
        // closing quote, an escape, a control character or the end.
        for n in 0..20 {
            let run = "é".repeat(n % 3) + &"a".repeat(n);
            for tail in ["\"", "\\n\"", "\\u00e9x\"", "\\\"\""] {
                let text = format!("[\"{run}{tail}]");
                let (v, spans, _) = ok(&text);
                assert_eq!(v, serde_json::from_str::<Value>(&text).unwrap(), "{text}");
                let item = spans.children[0].value;
                assert_eq!((item.start, item.end), (1, text.len() - 1), "{text}");
            }
            let d = err(&format!("[\"{run}\u{1}\"]"));
            assert!(d.message.contains("control character"), "{}", d.message);
            let d = err(&format!("[\"{run}"));
            assert_eq!(d.message, "unterminated string");
            assert_eq!(d.range.start, 1);
        }
    }

    /// The old number path: `Number::from_str`, and its precision rule.
    fn number_by_from_str(raw: &str) -> Option<(Number, bool)> {
        let number: Number = raw.parse().ok()?;
        let beyond = match (number.as_u64(), number.as_i64()) {
            (Some(u), _) => u > JS_SAFE_INTEGER_U64,
            (_, Some(i)) => i.unsigned_abs() > JS_SAFE_INTEGER_U64,
            _ => number.as_f64().is_some_and(|f| f.abs() >= JS_SAFE_INTEGER),
        };
        Some((number, beyond))
    }

    #[test]
    fn small_integers_at_the_edges_match_from_str() {
        for raw in [
            "0",
            "-0",
            "1",
            "-1",
            "9007199254740992",
            "9007199254740993",
            "-9007199254740992",
            "-9007199254740993",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "-9223372036854775809",
            "9999999999999999999",
            "-9999999999999999999",
            "10000000000000000000",
            "18446744073709551615",
            "18446744073709551616",
        ] {
            let (number, beyond) = number_by_from_str(raw).expect("a number");
            if let Some((fast, magnitude)) = small_integer(raw.as_bytes()) {
                assert_eq!(fast, number, "{raw}");
                assert_eq!(format!("{fast:?}"), format!("{number:?}"), "{raw}");
                assert_eq!(magnitude > JS_SAFE_INTEGER_U64, beyond, "{raw}");
            }
            let p = parse(raw);
            assert_eq!(p.value, Some(Value::Number(number)), "{raw}");
            let warned = p.diagnostics.iter().any(|d| d.code == "AC005");
            assert_eq!(warned, beyond, "{raw}");
        }
        assert!(small_integer(b"-0").is_none());
        assert!(small_integer(b"12345678901234567890").is_none());
    }

    /// JSON texts: every kind of value, keys from a small pool (so objects
    /// repeat keys), escapes, and whitespace runs of every length.
    fn json_text() -> impl Strategy<Value = String> {
        let ws = prop_oneof![
            Just(String::new()),
            Just(" ".to_owned()),
            (0usize..40).prop_map(|n| format!("\n{}", " ".repeat(n))),
            "[ \t\r\n]{0,12}",
        ]
        .boxed();
        let number = prop_oneof![
            any::<u64>().prop_map(|n| n.to_string()),
            any::<i64>().prop_map(|n| n.to_string()),
            (0u64..100_000).prop_map(|n| n.to_string()),
            "-?(0|[1-9][0-9]{0,24})",
            "-?(0|[1-9][0-9]{0,5})(\\.[0-9]{1,8})?([eE][+-]?[0-9]{1,2})?",
        ];
        let string = prop_oneof![
            "[a-zA-Z0-9_:/.-]{0,40}",
            "([a-z]{0,9}|\\\\[\"\\\\/bfnrt]|\\\\u00e9|\\\\ud83d\\\\ude00|é|ü€|😀){0,8}",
        ]
        .prop_map(|s| format!("\"{s}\""));
        let key = prop_oneof![
            Just("\"a\"".to_owned()),
            Just("\"b\"".to_owned()),
            Just("\"a\\u0062\"".to_owned()),
            Just("\"ab\"".to_owned()),
            "\"[a-z]{1,12}\"",
        ]
        .boxed();
        let leaf = prop_oneof![
            number,
            string,
            Just("true".to_owned()),
            Just("false".to_owned()),
            Just("null".to_owned()),
        ];
        let ws2 = ws.clone();
        leaf.prop_recursive(5, 200, 24, move |inner| {
            let item =
                (ws.clone(), inner.clone(), ws.clone()).prop_map(|(a, v, b)| format!("{a}{v}{b}"));
            let member = (
                ws.clone(),
                key.clone(),
                ws.clone(),
                ws.clone(),
                inner,
                ws.clone(),
            )
                .prop_map(|(a, k, b, c, v, d)| format!("{a}{k}{b}:{c}{v}{d}"));
            prop_oneof![
                (prop::collection::vec(item, 0..12), ws.clone()).prop_map(|(items, w)| {
                    if items.is_empty() {
                        format!("[{w}]")
                    } else {
                        format!("[{}]", items.join(","))
                    }
                }),
                (prop::collection::vec(member, 0..12), ws.clone()).prop_map(|(members, w)| {
                    if members.is_empty() {
                        format!("{{{w}}}")
                    } else {
                        format!("{{{}}}", members.join(","))
                    }
                }),
            ]
        })
        .prop_flat_map(move |v| (ws2.clone(), Just(v), ws2.clone()))
        .prop_map(|(a, v, b)| format!("{a}{v}{b}"))
    }

    /// Every span holds the text of its value (and key): parsed alone, it
    /// is the value (the key) at that place.
    fn check_spans(text: &str, value: &Value, span: &SpanNode) {
        let own: Value = serde_json::from_str(&text[span.value.start..span.value.end])
            .unwrap_or_else(|e| panic!("span {:?} of {text:?}: {e}", span.value));
        assert_eq!(&own, value, "span {:?} of {text:?}", span.value);
        match value {
            Value::Object(map) => {
                assert_eq!(map.len(), span.children.len(), "{text:?}");
                for ((k, v), child) in map.iter().zip(&span.children) {
                    let key = child.key.expect("a member's key range");
                    let key_text: String = serde_json::from_str(&text[key.start..key.end])
                        .unwrap_or_else(|e| panic!("key {key:?} of {text:?}: {e}"));
                    assert_eq!(&key_text, k, "{text:?}");
                    check_spans(text, v, child);
                }
            }
            Value::Array(items) => {
                assert_eq!(items.len(), span.children.len(), "{text:?}");
                for (v, child) in items.iter().zip(&span.children) {
                    assert_eq!(child.key, None);
                    check_spans(text, v, child);
                }
            }
            _ => assert!(span.children.is_empty()),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn values_and_spans_match_serde_json(text in json_text()) {
            let p = parse(&text);
            let expected = serde_json::from_str::<Value>(&text);
            match (&p.value, expected) {
                (Some(v), Ok(e)) => {
                    prop_assert_eq!(v, &e);
                    check_spans(&text, v, &p.spans);
                }
                // Numbers beyond a double: both refuse them.
                (None, Err(_)) => {}
                (ours, theirs) => prop_assert!(false, "{text:?}: {ours:?} vs {theirs:?}"),
            }
        }

        #[test]
        fn integers_match_from_str(raw in prop_oneof![
            any::<u64>().prop_map(|n| n.to_string()),
            any::<i64>().prop_map(|n| n.to_string()),
            "-?(0|[1-9][0-9]{0,21})",
        ]) {
            let (number, beyond) = number_by_from_str(&raw).expect("an integer");
            if let Some((fast, magnitude)) = small_integer(raw.as_bytes()) {
                prop_assert_eq!(&fast, &number);
                prop_assert_eq!(format!("{fast:?}"), format!("{number:?}"));
                prop_assert_eq!(magnitude > JS_SAFE_INTEGER_U64, beyond);
            }
            let text = format!("{{\"n\": {raw}}}");
            let p = parse(&text);
            prop_assert_eq!(p.value, Some(serde_json::json!({ "n": Value::Number(number) })));
            let warned = p.diagnostics.iter().filter(|d| d.code == "AC005").count();
            prop_assert_eq!(warned, usize::from(beyond));
        }
    }
}
