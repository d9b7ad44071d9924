//! The **error-tolerant view** of a config text: a token-level scan of JSON
//! or TOML that may be broken anywhere (cut inside a string, single-quoted
//! JSON, `{{`, missing colons, commas or `=`, duplicate keys, unclosed
//! tables and arrays) and still yields every key/value entry it can
//! recover, each with a best-effort JSON Pointer, the key's range, the
//! value's range and the value's kind.
//!
//! This is the shared view for everything that must work on text that does
//! not parse: stripping secrets from drafts and masking them in excerpts
//! ([`crate::secrets::secret_ranges`]), and later editor completion
//! ([`entry_at`]). It never builds a value, never panics, and is linear in
//! the text: one pass, pointers capped in depth ([`MAX_DEPTH`]) and length
//! ([`MAX_POINTER`]) so that a hostile text cannot make the output
//! quadratic.
//!
//! Best effort means: on a valid document the pointers are exactly the
//! parser's (every occurrence of a duplicate key is its own entry, with the
//! same pointer); on a broken one they are what a reader would guess
//! (a missing colon still pairs key and value; an unclosed string runs to
//! the end of its line in JSON, to the end of the text when cut).

use crate::diagnostic::TextRange;
use crate::pointer;
use crate::syntax::Format;
use std::collections::HashMap;

/// Entries deeper than this are not reported (the scan goes on).
pub const MAX_DEPTH: usize = 128;
/// Entries whose pointer would be longer than this (bytes) are not
/// reported (the scan goes on).
pub const MAX_POINTER: usize = 4096;

/// What a value looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// A quoted string (terminated or not).
    String,
    /// A number (or a TOML date/time).
    Number,
    /// `true` or `false`.
    Bool,
    /// `null` (JSON).
    Null,
    /// An object, a TOML table (header or inline) or an array-of-tables item.
    Object,
    /// An array.
    Array,
    /// An unquoted word that is none of the above (broken input).
    Word,
    /// The key has no value (yet): `"a":,`, `a =` at the end of a line.
    Missing,
}

/// One key/value (or array item) recovered from the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Best-effort JSON Pointer of the value.
    pub pointer: String,
    /// The key's range (quotes included), `None` for array items. For a
    /// dotted TOML key, the last part.
    pub key: Option<TextRange>,
    /// The value's range: quotes included for strings, brackets for
    /// containers (to the end of the text when unclosed; a TOML table
    /// header's runs to the next header). Empty at the expected position
    /// for [`ValueKind::Missing`].
    pub value: TextRange,
    /// For strings, the range between the quotes (to the end of the
    /// string's line or text when unterminated); otherwise equal to
    /// `value`.
    pub content: TextRange,
    /// The value's kind.
    pub kind: ValueKind,
    /// Nesting depth (top-level keys are 1).
    pub depth: usize,
}

/// The result of a scan.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Scan {
    /// Every entry recovered, in text order of their keys (containers
    /// before their members).
    pub entries: Vec<Entry>,
    /// `false` when some entries were left out: deeper than [`MAX_DEPTH`],
    /// a pointer longer than [`MAX_POINTER`], or past the output budget
    /// (pointers totalling more than 64 bytes per byte of text). A caller
    /// that must see every value (secret stripping) treats the text as
    /// not fully checked.
    pub complete: bool,
}

/// The range of every key part of a TOML text that names the node at
/// `pointer` (quotes included): a table's name stands in its own header
/// and in every header and dotted key below it (`[a]`, `[a.b]`, `a.c = 1`
/// all name `/a`), so renaming it means editing each. In text order.
pub fn toml_key_mentions(text: &str, pointer: &str) -> Vec<TextRange> {
    let sink = Sink {
        out: Vec::new(),
        budget: text.len().saturating_mul(64).saturating_add(1 << 16),
        complete: true,
    };
    let mut scan = TomlScan::new(text, sink);
    scan.watch = Some(pointer.to_owned());
    let mut mentions = scan.run_keeping().mentions;
    crate::base::sort::sort_by_key(&mut mentions, |r| r.start);
    mentions.dedup();
    mentions
}

/// Scans `text` as `format`, error-tolerantly.
pub fn scan(text: &str, format: Format) -> Scan {
    scan_watching(text, format, None).0
}

/// Where a cursor stands, for editors (the kind of text it is in).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot {
    /// On a key (or where a key can be written).
    Key,
    /// On the value of `key` (or after its `:` / `=`).
    Value {
        /// The key whose value is at the cursor.
        key: String,
    },
    /// In a TOML table header (`[red|`): completes table names.
    Header,
    /// Somewhere nothing can be completed (an array item, a comment,
    /// between a key and its colon).
    Other,
}

/// The scan's state at a cursor ([`cursor`]): what an editor needs to
/// complete there, on a text that may not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    /// The pointer of the innermost object at the cursor (for
    /// [`Slot::Header`]: the parent table of the name being typed).
    pub object: String,
    /// Key, value, header or nothing.
    pub slot: Slot,
    /// The partial token under the cursor (empty at the cursor when there
    /// is none).
    pub token: TextRange,
    /// Where a comma must go for an insertion to keep the document valid
    /// (JSON: after the previous member when it is missing; TOML inline
    /// tables likewise).
    pub comma_before: Option<usize>,
    /// Another member follows the token: an insertion must end with a
    /// comma (JSON, TOML inline tables).
    pub comma_after: bool,
    /// The key under the cursor is already followed by `:` / `=`.
    pub has_separator: bool,
    /// In a TOML inline table.
    pub inline: bool,
}

impl Cursor {
    /// A cursor where nothing can be completed, at the root.
    fn nowhere(at: usize) -> Cursor {
        Cursor {
            object: String::new(),
            slot: Slot::Other,
            token: TextRange::empty(at),
            comma_before: None,
            comma_after: false,
            has_separator: false,
            inline: false,
        }
    }

    /// An empty key position in `object`.
    fn key(object: String, at: usize) -> Cursor {
        Cursor {
            object,
            slot: Slot::Key,
            ..Cursor::nowhere(at)
        }
    }
}

/// Scans `text` as `format` (exactly as [`scan`]) and describes the
/// cursor at byte `offset` (clamped to the text) in the same pass.
pub fn cursor(text: &str, format: Format, offset: usize) -> (Scan, Cursor) {
    let offset = offset.min(text.len());
    let (scan, found) = scan_watching(text, format, Some(offset));
    (scan, found.unwrap_or_else(|| Cursor::nowhere(offset)))
}

fn scan_watching(text: &str, format: Format, cursor: Option<usize>) -> (Scan, Option<Cursor>) {
    let sink = Sink {
        out: Vec::new(),
        budget: text.len().saturating_mul(64).saturating_add(1 << 16),
        complete: true,
    };
    let (sink, found) = match format {
        Format::Json => {
            let mut s = JsonScan::new(text, sink);
            s.cursor = cursor;
            s.run()
        }
        Format::Toml => {
            let mut s = TomlScan::new(text, sink);
            s.cursor = cursor;
            let s = s.run_keeping();
            (s.sink, s.found)
        }
    };
    let scan = Scan {
        entries: sink.out,
        complete: sink.complete,
    };
    (scan, found)
}

/// The innermost entry whose key or value contains `offset` (for
/// completion and hovers): the entry with the smallest range around it.
pub fn entry_at(entries: &[Entry], offset: usize) -> Option<&Entry> {
    let span = |e: &Entry| {
        let start = e.key.map_or(e.value.start, |k| k.start.min(e.value.start));
        let end = e.value.end.max(e.key.map_or(0, |k| k.end));
        (start, end)
    };
    entries
        .iter()
        .filter(|e| {
            let (s, t) = span(e);
            s <= offset && offset <= t
        })
        .min_by_key(|e| {
            let (s, t) = span(e);
            (t - s, std::cmp::Reverse(e.depth))
        })
}

fn range(start: usize, end: usize) -> TextRange {
    TextRange::new(start, end.max(start))
}

/// Decodes a quoted key's text tolerantly (escapes of JSON and TOML basic
/// strings; a broken escape is kept as written).
fn unquote(raw: &str, escapes: bool) -> String {
    if !escapes || !raw.contains('\\') {
        return raw.to_owned();
    }
    let mut out = String::with_capacity(raw.len());
    let mut it = raw.chars();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('u') => {
                let hex: String = it.clone().take(4).collect();
                match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    Some(ch) if hex.len() == 4 => {
                        out.push(ch);
                        for _ in 0..4 {
                            it.next();
                        }
                    }
                    _ => out.push_str("\\u"),
                }
            }
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// A one-line string at `start` (`escapes`: a backslash escapes the next
/// byte): its whole range, content range, where the scan goes on, and
/// whether it was closed. An unterminated one ends at its line's end (a
/// `\r` of a CRLF is not content).
fn line_string(
    bytes: &[u8],
    start: usize,
    quote: u8,
    escapes: bool,
) -> (TextRange, TextRange, usize, bool) {
    let mut i = start + 1;
    loop {
        match bytes.get(i) {
            None | Some(b'\n') => {
                // (A backslash at the very end jumps past it.)
                let i = i.min(bytes.len());
                let mut end = i;
                if end > start + 1 && bytes.get(end - 1) == Some(&b'\r') {
                    end -= 1;
                }
                return (range(start, end), range(start + 1, end), i, false);
            }
            Some(b'\\') if escapes => i += 2,
            Some(&c) if c == quote => {
                return (range(start, i + 1), range(start + 1, i), i + 1, true);
            }
            Some(_) => i += 1,
        }
    }
}

fn kind_of_word(word: &str) -> ValueKind {
    match word {
        "true" | "false" => ValueKind::Bool,
        "null" => ValueKind::Null,
        _ => {
            let w = word.trim_start_matches(['+', '-']);
            if w.starts_with(|c: char| c.is_ascii_digit())
                || matches!(w, "inf" | "nan" | "Infinity" | "NaN")
            {
                ValueKind::Number
            } else {
                ValueKind::Word
            }
        }
    }
}

/// Collects entries, enforcing the depth and pointer caps.
struct Sink {
    out: Vec<Entry>,
    /// Pointer bytes still allowed.
    budget: usize,
    complete: bool,
}

impl Sink {
    /// Pushes an entry (unless capped); returns its index.
    fn push(&mut self, e: Entry) -> Option<usize> {
        if e.depth > MAX_DEPTH || e.pointer.len() > MAX_POINTER || e.pointer.len() > self.budget {
            self.complete = false;
            return None;
        }
        self.budget -= e.pointer.len();
        self.out.push(e);
        Some(self.out.len() - 1)
    }
    /// Pushes a [`ValueKind::Missing`] entry: `key` has no value; the
    /// empty value range stands at `at`.
    fn missing(&mut self, pointer: String, key: Option<TextRange>, at: usize, depth: usize) {
        let at = range(at, at);
        self.push(Entry {
            pointer,
            key,
            value: at,
            content: at,
            kind: ValueKind::Missing,
            depth,
        });
    }
    fn close(&mut self, at: Option<usize>, end: usize) {
        if let Some(e) = at.and_then(|i| self.out.get_mut(i)) {
            e.value.end = end.max(e.value.start);
            e.content = e.value;
        }
    }
}

/// A pointer below `parent`, or `None` once it would exceed the cap (so
/// that deep or long paths cost nothing more).
fn child(parent: &Option<String>, token: &str) -> Option<String> {
    let p = parent.as_ref()?;
    (p.len() + token.len() < MAX_POINTER).then(|| pointer::push(p, token))
}

// ------------------------------------------------------------------ JSON

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Expecting a key (objects) or an item (arrays).
    Start,
    /// A key was read, a colon is expected.
    Colon,
    /// A value is expected.
    Value,
    /// A value was read, a comma or the end is expected.
    After,
}

struct Frame {
    array: bool,
    pointer: Option<String>,
    state: State,
    /// The pending key: its decoded text and range.
    key: Option<(String, TextRange)>,
    index: usize,
    /// The container's own entry.
    entry: Option<usize>,
    /// The end of the last member's value (where a missing comma goes).
    last_end: Option<usize>,
}

impl Frame {
    fn new(array: bool, pointer: Option<String>, entry: Option<usize>) -> Frame {
        Frame {
            array,
            pointer,
            state: State::Start,
            key: None,
            index: 0,
            entry,
            last_end: None,
        }
    }
}

/// A JSON token, as far as the cursor needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    Str,
    Word,
    Colon,
    Punct,
}

struct JsonScan<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    stack: Vec<Frame>,
    sink: Sink,
    /// The root container was closed (what follows is broken input).
    root_closed: bool,
    /// The cursor still to describe ([`cursor`]), and its description.
    cursor: Option<usize>,
    found: Option<Cursor>,
}

impl<'a> JsonScan<'a> {
    fn new(text: &'a str, sink: Sink) -> Self {
        JsonScan {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            stack: Vec::new(),
            sink,
            root_closed: false,
            cursor: None,
            found: None,
        }
    }

    fn run(mut self) -> (Sink, Option<Cursor>) {
        while self.pos < self.bytes.len() {
            let b = self.bytes[self.pos];
            match b {
                b' ' | b'\t' | b'\n' | b'\r' => self.pos += 1,
                b'/' if matches!(self.bytes.get(self.pos + 1), Some(b'/' | b'*')) => {
                    self.pos = self.skip_comment(self.pos);
                }
                // (never taken: describes a cursor before its token)
                _ if self.cursor.is_some() && self.at_cursor() => {}
                b'{' | b'[' => {
                    let start = self.pos;
                    self.pos += 1;
                    self.open(b == b'[', start);
                }
                b'}' | b']' => {
                    self.pos += 1;
                    self.close(b == b']', self.pos);
                }
                b':' => {
                    self.pos += 1;
                    self.colon();
                }
                b',' => {
                    self.pos += 1;
                    self.comma();
                }
                b'"' | b'\'' => {
                    let (value, content) = self.string(b);
                    self.scalar(ValueKind::String, value, content);
                }
                _ => {
                    let start = self.pos;
                    self.word();
                    if self.pos == start {
                        // Not a word character: skip the whole character.
                        self.pos += self.text[start..].chars().next().map_or(1, char::len_utf8);
                        continue;
                    }
                    let r = range(start, self.pos);
                    let kind = kind_of_word(&self.text[start..self.pos]);
                    self.scalar(kind, r, r);
                }
            }
        }
        if let Some(c) = self.cursor.take() {
            self.found = Some(self.describe(c, None));
        }
        let end = self.bytes.len();
        while let Some(f) = self.stack.pop() {
            self.finish(&f, end);
        }
        (self.sink, self.found)
    }

    /// The end of the `//` or `/*` comment at `at`.
    fn skip_comment(&self, at: usize) -> usize {
        if self.bytes.get(at + 1) == Some(&b'*') {
            return self.text[at + 2..]
                .find("*/")
                .map_or(self.bytes.len(), |i| at + 2 + i + 2);
        }
        self.text[at..]
            .find('\n')
            .map_or(self.bytes.len(), |i| at + i)
    }

    /// A quoted string from `self.pos`: its whole range and content range.
    /// Unterminated strings end at the end of the line.
    fn string(&mut self, quote: u8) -> (TextRange, TextRange) {
        let (whole, content, end) = self.string_at(self.pos, quote);
        self.pos = end;
        (whole, content)
    }

    /// The string at `start`: whole range, content range, where the scan
    /// goes on.
    fn string_at(&self, start: usize, quote: u8) -> (TextRange, TextRange, usize) {
        let (whole, content, next, _) = line_string(self.bytes, start, quote, true);
        (whole, content, next)
    }

    fn word(&mut self) {
        self.pos = self.word_end(self.pos);
    }

    /// The end of the word at `start` (`start` when there is none).
    fn word_end(&self, start: usize) -> usize {
        let mut i = start;
        while let Some(&c) = self.bytes.get(i) {
            if c.is_ascii_alphanumeric()
                || matches!(c, b'_' | b'-' | b'+' | b'.' | b'$')
                || c >= 0x80
            {
                // Stay on character boundaries: a non-ASCII letter is part
                // of the word, unsafe separators are ASCII.
                i += 1;
            } else {
                break;
            }
        }
        while !self.text.is_char_boundary(i) {
            i += 1;
        }
        i
    }

    /// The token at `at` (after blanks and comments when `skip`).
    fn token_at(&self, mut at: usize, skip: bool) -> Option<(Tok, TextRange)> {
        while skip && at < self.bytes.len() {
            match self.bytes[at] {
                b' ' | b'\t' | b'\n' | b'\r' => at += 1,
                b'/' if matches!(self.bytes.get(at + 1), Some(b'/' | b'*')) => {
                    at = self.skip_comment(at);
                }
                _ => break,
            }
        }
        let b = *self.bytes.get(at)?;
        Some(match b {
            b':' => (Tok::Colon, range(at, at + 1)),
            b'{' | b'}' | b'[' | b']' | b',' => (Tok::Punct, range(at, at + 1)),
            b'"' | b'\'' => (Tok::Str, self.string_at(at, b).0),
            _ => {
                let end = self.word_end(at);
                if end == at {
                    return None;
                }
                (Tok::Word, range(at, end))
            }
        })
    }

    /// At a token start with a cursor to describe: describes it here when
    /// the token ends at or after it (before the token is read). Returns
    /// `false` (the token is read as usual).
    fn at_cursor(&mut self) -> bool {
        if let Some(c) = self.cursor
            && let Some(here) = self.token_at(self.pos, false)
            && here.1.end >= c
        {
            self.found = Some(self.describe(c, Some(here)));
            self.cursor = None;
        }
        false
    }

    /// The cursor `c`, just before the token `here` (`None`: the end).
    fn describe(&self, c: usize, here: Option<(Tok, TextRange)>) -> Cursor {
        let mut cx = Cursor::nowhere(c);
        let Some(top) = self.stack.last() else {
            return cx;
        };
        cx.object = top.pointer.clone().unwrap_or_default();
        if top.array {
            return cx;
        }
        // On the token (the cursor inside it or at its end), or before it?
        let on = here.filter(|(t, r)| matches!(t, Tok::Str | Tok::Word) && r.start < c);
        let next = match on {
            Some((_, r)) => self.token_at(r.end, true),
            None => here,
        }
        .map(|t| t.0);
        if let Some((_, r)) = on {
            cx.token = r;
        }
        let on_key = matches!(on, Some((Tok::Str, _))) && next == Some(Tok::Colon);
        let word_next = matches!(next, Some(Tok::Str | Tok::Word));
        match top.state {
            State::Value if !on_key => {
                let key = top.key.as_ref().map(|k| k.0.clone()).unwrap_or_default();
                cx.slot = Slot::Value { key };
                cx.comma_after = word_next;
            }
            State::Start | State::After | State::Value => {
                cx.slot = Slot::Key;
                if top.state == State::After {
                    cx.comma_before = top.last_end;
                }
                cx.has_separator = next == Some(Tok::Colon);
                cx.comma_after = !cx.has_separator && word_next;
            }
            // Between a key and its colon.
            State::Colon => {}
        }
        cx
    }

    /// The pointer and depth of a value about to be read, and the key's
    /// range; advances the frame's state. `None` pointer when capped.
    fn place(&mut self) -> (Option<String>, Option<TextRange>, usize) {
        let depth = self.stack.len();
        let Some(f) = self.stack.last_mut() else {
            // A root value (a second one starts a fresh document).
            return (Some(String::new()), None, 0);
        };
        if f.array {
            if f.state == State::After {
                // Missing comma between items.
                f.index += 1;
            }
            f.state = State::After;
            let p = child(&f.pointer, &f.index.to_string());
            return (p, None, depth);
        }
        let (key, key_range) = f.key.take().unwrap_or_default();
        f.state = State::After;
        (child(&f.pointer, &key), Some(key_range), depth)
    }

    /// The next byte after blanks, from `self.pos`.
    fn next_significant(&self) -> Option<u8> {
        self.bytes[self.pos..]
            .iter()
            .copied()
            .find(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
    }

    fn scalar(&mut self, kind: ValueKind, value: TextRange, content: TextRange) {
        // After a stray closer ended the root object early (`{}"a": 1`),
        // the members that follow still belong to it.
        if self.stack.is_empty() && self.root_closed {
            self.stack
                .push(Frame::new(false, Some(String::new()), None));
        }
        // `"a": ` then `"b": 1` (a value still to be typed): a string
        // followed by a colon where a value belongs is the next key, and
        // `a` has no value. Valid JSON never has a value followed by `:`.
        let next_is_colon = kind == ValueKind::String && self.next_significant() == Some(b':');
        if next_is_colon
            && let Some(f) = self.stack.last_mut()
            && !f.array
            && f.state == State::Value
            && let Some((key, key_range)) = f.key.take()
        {
            let depth = self.stack.len();
            let pointer = self.stack.last().and_then(|f| child(&f.pointer, &key));
            if let Some(pointer) = pointer {
                self.sink
                    .missing(pointer, Some(key_range), key_range.end, depth);
            }
            if let Some(f) = self.stack.last_mut() {
                f.state = State::After;
            }
        }
        // In an object, where a key belongs, a string or word is the key.
        if let Some(f) = self.stack.last_mut()
            && !f.array
        {
            match f.state {
                // After a value, a missing comma: a new member starts.
                State::Start | State::After => {
                    let raw = &self.text[content.start..content.end];
                    f.key = Some((unquote(raw, kind == ValueKind::String), value));
                    f.state = State::Colon;
                    return;
                }
                State::Colon | State::Value => {}
            }
        }
        let (pointer, key, depth) = self.place();
        if let Some(f) = self.stack.last_mut()
            && !f.array
        {
            f.last_end = Some(value.end);
        }
        match pointer {
            Some(pointer) => {
                self.sink.push(Entry {
                    pointer,
                    key,
                    value,
                    content,
                    kind,
                    depth,
                });
            }
            None => self.sink.complete = false,
        }
    }

    fn open(&mut self, array: bool, start: usize) {
        // `{` where a key belongs (`{{`): a nameless container, its
        // members keep the enclosing pointer.
        let nameless = self.stack.last().is_some_and(|f| {
            !f.array && matches!(f.state, State::Start | State::After) && f.key.is_none()
        });
        if nameless {
            let pointer = self
                .stack
                .last()
                .and_then(|f| f.pointer.clone())
                .filter(|_| self.stack.len() < MAX_DEPTH);
            self.stack.push(Frame::new(array, pointer, None));
            return;
        }
        if let Some(f) = self.stack.last_mut()
            && !f.array
            && f.state == State::After
            && f.key.is_some()
        {
            f.state = State::Value;
        }
        let (pointer, key, depth) = self.place();
        let kind = if array {
            ValueKind::Array
        } else {
            ValueKind::Object
        };
        let entry = match &pointer {
            Some(p) if depth > 0 => self.sink.push(Entry {
                pointer: p.clone(),
                key,
                value: range(start, self.bytes.len()),
                content: range(start, self.bytes.len()),
                kind,
                depth,
            }),
            Some(_) => None,
            None => {
                self.sink.complete = false;
                None
            }
        };
        let pointer = pointer.filter(|_| self.stack.len() < MAX_DEPTH);
        self.stack.push(Frame::new(array, pointer, entry));
    }

    /// A pending key without a value becomes a `Missing` entry.
    fn finish(&mut self, f: &Frame, end: usize) {
        if let Some((key, key_range)) = &f.key
            && let Some(pointer) = child(&f.pointer, key)
        {
            let depth = self.stack.len() + 1;
            self.sink
                .missing(pointer, Some(*key_range), key_range.end, depth);
        }
        self.sink.close(f.entry, end);
    }

    fn close(&mut self, array: bool, end: usize) {
        // Close up to the nearest container of the same kind; a stray
        // closer with none open is ignored.
        if !self.stack.iter().any(|f| f.array == array) {
            return;
        }
        while let Some(f) = self.stack.pop() {
            let matched = f.array == array;
            self.finish(&f, end);
            if matched {
                break;
            }
        }
        match self.stack.last_mut() {
            Some(parent) => parent.last_end = Some(end),
            None => self.root_closed = true,
        }
    }

    fn colon(&mut self) {
        let Some(f) = self.stack.last_mut() else {
            return;
        };
        if !f.array {
            if f.state == State::Colon {
                f.state = State::Value;
            }
            return;
        }
        // `"key":` inside an array: it was an object all along (`{[`,
        // `[` typed for `{`). The last item becomes the key.
        if f.state != State::After {
            return;
        }
        let expected = child(&f.pointer, &f.index.to_string());
        let Some(last) = self.sink.out.last() else {
            return;
        };
        if last.kind != ValueKind::String || Some(&last.pointer) != expected.as_ref() {
            return;
        }
        let raw = &self.text[last.content.start..last.content.end];
        let key = (unquote(raw, true), last.value);
        self.sink.out.pop();
        f.array = false;
        f.key = Some(key);
        f.state = State::Value;
    }

    fn comma(&mut self) {
        let Some(f) = self.stack.last_mut() else {
            return;
        };
        if f.array {
            if f.state == State::After {
                f.index += 1;
            }
            f.state = State::Start;
            return;
        }
        if f.key.is_some() {
            // `"a": ,` or `"a",`: the key has no value.
            let frame = Frame {
                key: f.key.take(),
                ..Frame::new(false, f.pointer.clone(), None)
            };
            self.finish(&frame, 0);
        }
        if let Some(f) = self.stack.last_mut() {
            f.state = State::Start;
        }
    }
}

// ------------------------------------------------------------------ TOML

struct TomlScan<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    sink: Sink,
    /// How many items each array of tables has so far.
    aot: HashMap<String, usize>,
    /// The current table header's entry (its range runs to the next one).
    header: Option<usize>,
    /// For [`toml_key_mentions`]: the pointer watched, and the range of
    /// every key part (of headers and dotted keys) that names it.
    watch: Option<String>,
    mentions: Vec<TextRange>,
    /// The cursor still to describe ([`cursor`]), its description, and
    /// the end of the first line of the statement being read (a cursor
    /// past it, inside the statement, is nowhere).
    cursor: Option<usize>,
    found: Option<Cursor>,
    line_end: usize,
}

/// One part of a dotted key: decoded text and range.
type KeyPart = (String, TextRange);

impl<'a> TomlScan<'a> {
    fn new(text: &'a str, sink: Sink) -> Self {
        TomlScan {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            sink,
            aot: HashMap::new(),
            header: None,
            watch: None,
            mentions: Vec::new(),
            cursor: None,
            found: None,
            line_end: 0,
        }
    }

    /// Records the cursor's description.
    fn describe(&mut self, cx: Cursor) {
        self.found = Some(cx);
        self.cursor = None;
    }

    /// The cursor still to describe, when it is on the first line of the
    /// statement being read.
    fn cursor_on_line(&self) -> Option<usize> {
        self.cursor.filter(|&c| c <= self.line_end)
    }

    /// The end of the line at `at`.
    fn end_of_line(&self, at: usize) -> usize {
        self.text[at..]
            .find('\n')
            .map_or(self.bytes.len(), |i| at + i)
    }

    /// The object below `table` that the key parts name (no array of
    /// tables resolved: a dotted key's own parts).
    fn below(table: &Option<String>, parts: &[KeyPart]) -> String {
        let mut p = table.clone().unwrap_or_default();
        for (k, _) in parts {
            p = pointer::push(&p, k);
        }
        p
    }

    /// The part of `parts` the cursor `c` is on, or an empty token at it.
    fn token_of(parts: &[KeyPart], c: usize) -> TextRange {
        parts
            .iter()
            .find(|p| p.1.start <= c && c <= p.1.end)
            .map_or(TextRange::empty(c), |p| p.1)
    }

    /// Records `range` when the key part it holds names the watched node.
    fn mention(&mut self, p: &Option<String>, range: TextRange) {
        if let (Some(w), Some(p)) = (&self.watch, p)
            && w == p
        {
            self.mentions.push(range);
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_blank(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
    }

    /// Skips blanks, comments and line ends.
    fn skip_all(&mut self) {
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\n' | b'\r') => self.pos += 1,
                Some(b'#') => self.skip_line(),
                _ => return,
            }
        }
    }

    fn skip_line(&mut self) {
        self.pos = self.text[self.pos..]
            .find('\n')
            .map_or(self.bytes.len(), |i| self.pos + i);
    }

    fn run_keeping(mut self) -> Self {
        let mut table: Option<String> = Some(String::new());
        let mut depth = 0;
        while self.pos < self.bytes.len() {
            self.skip_all();
            let Some(b) = self.peek() else { break };
            let before = self.pos;
            if let Some(c) = self.cursor {
                // Blank and comment lines, or before a statement: a key
                // can go there (not on a header's line).
                if c < self.pos {
                    let header_line = b == b'[' && !self.text[c..self.pos].contains('\n');
                    self.describe(if header_line {
                        Cursor::nowhere(c)
                    } else {
                        Cursor::key(table.clone().unwrap_or_default(), c)
                    });
                } else {
                    self.line_end = self.end_of_line(self.pos);
                }
            }
            if b == b'[' {
                let start = self.pos;
                let aot = self.bytes.get(self.pos + 1) == Some(&b'[');
                self.pos += if aot { 2 } else { 1 };
                let parts = self.key(true);
                self.skip_blank();
                // `[key = value`: a stray `[` before a key/value line, not
                // a header.
                if self.peek() == Some(b'=') {
                    self.pos = start + if aot { 2 } else { 1 };
                    self.key_value(&table, depth, b"\n");
                    continue;
                }
                let closed = self.peek() == Some(b']');
                if let Some(c) = self.cursor_on_line() {
                    self.header_cursor(c, start + if aot { 2 } else { 1 }, &parts, closed);
                }
                for _ in 0..(if aot { 2 } else { 1 }) {
                    if self.peek() == Some(b']') {
                        self.pos += 1;
                    }
                }
                self.sink.close(self.header.take(), start);
                let (p, key) = self.header_pointer(&parts, aot);
                depth = parts.len();
                if let Some(p) = p.as_ref().filter(|_| !parts.is_empty()) {
                    self.header = self.sink.push(Entry {
                        pointer: p.clone(),
                        key,
                        value: range(start, self.bytes.len()),
                        content: range(start, self.bytes.len()),
                        kind: ValueKind::Object,
                        depth,
                    });
                }
                table = p;
                // The rest of the header line (a comment, garbage).
                self.skip_line();
            } else {
                self.key_value(&table, depth, b"\n");
                if let Some(c) = self.cursor {
                    if c <= self.line_end {
                        // After the statement on its line.
                        self.describe(Cursor::key(table.clone().unwrap_or_default(), c));
                    } else if c <= self.end_of_line(self.pos) {
                        // On a later line of a multi-line statement.
                        self.describe(Cursor::nowhere(c));
                    }
                }
            }
            if self.pos == before {
                self.pos += self.text[self.pos..]
                    .chars()
                    .next()
                    .map_or(1, char::len_utf8);
            }
        }
        if let Some(c) = self.cursor {
            self.describe(Cursor::key(table.unwrap_or_default(), c));
        }
        let end = self.bytes.len();
        self.sink.close(self.header.take(), end);
        self
    }

    /// The cursor `c` on a table header's line: in its name (from
    /// `name_start`), or nowhere.
    fn header_cursor(&mut self, c: usize, name_start: usize, parts: &[KeyPart], closed: bool) {
        let name_end = if closed {
            self.pos
        } else {
            // The end of what was typed (`[a.` included).
            self.text[..self.pos]
                .trim_end_matches([' ', '\t'])
                .len()
                .max(name_start)
        };
        if c < name_start || c > name_end {
            self.describe(Cursor::nowhere(c));
            return;
        }
        // The parent table: the parts before the cursor, arrays of tables
        // resolved to their last item.
        let mut object = String::new();
        for (k, r) in parts {
            if r.end >= c {
                break;
            }
            object = pointer::push(&object, k);
            if let Some(n) = self.aot.get(&object) {
                object = pointer::push(&object, &n.saturating_sub(1).to_string());
            }
        }
        self.describe(Cursor {
            object,
            slot: Slot::Header,
            token: Self::token_of(parts, c),
            has_separator: closed,
            ..Cursor::nowhere(c)
        });
    }

    /// The pointer of a table header: earlier arrays of tables on the way
    /// resolve to their last item; `[[x]]` appends a new item.
    fn header_pointer(
        &mut self,
        parts: &[KeyPart],
        aot: bool,
    ) -> (Option<String>, Option<TextRange>) {
        let mut p = Some(String::new());
        for (i, (k, r)) in parts.iter().enumerate() {
            p = child(&p, k);
            self.mention(&p, *r);
            let Some(cur) = p.clone() else {
                return (None, None);
            };
            let last = i + 1 == parts.len();
            if aot && last {
                let n = self.aot.entry(cur).or_insert(0);
                let idx = *n;
                *n += 1;
                p = child(&p, &idx.to_string());
            } else if let Some(n) = self.aot.get(&cur) {
                p = child(&p, &n.saturating_sub(1).to_string());
            }
        }
        (p, parts.last().map(|(_, r)| *r))
    }

    /// A dotted key at `self.pos`: bare parts and quoted parts separated by
    /// dots. In a header, `]` ends it; elsewhere `=` or a value does.
    fn key(&mut self, header: bool) -> Vec<KeyPart> {
        let mut parts = Vec::new();
        loop {
            self.skip_blank();
            match self.peek() {
                Some(q @ (b'"' | b'\'')) => {
                    let (whole, content, _) = self.string(q);
                    let raw = &self.text[content.start..content.end];
                    parts.push((unquote(raw, q == b'"'), whole));
                }
                Some(c) if c.is_ascii_alphanumeric() || c == b'_' || c == b'-' || c >= 0x80 => {
                    let start = self.pos;
                    while let Some(c) = self.peek() {
                        if c.is_ascii_alphanumeric() || c == b'_' || c == b'-' || c >= 0x80 {
                            self.pos += 1;
                        } else {
                            break;
                        }
                    }
                    while !self.text.is_char_boundary(self.pos) {
                        self.pos += 1;
                    }
                    parts.push((
                        self.text[start..self.pos].to_owned(),
                        range(start, self.pos),
                    ));
                }
                _ => return parts,
            }
            self.skip_blank();
            if self.peek() == Some(b'.') {
                self.pos += 1;
                continue;
            }
            let _ = header;
            return parts;
        }
    }

    /// `key = value` (or a broken version of it) inside `table` (an inline
    /// table's when `stop` holds `}`); stops
    /// before any byte of `stop` that ends it.
    fn key_value(&mut self, table: &Option<String>, depth: usize, stop: &[u8]) {
        let parts = self.key(false);
        if parts.is_empty() {
            // Not a key: skip one token's worth of garbage.
            if let Some(c) = self.peek()
                && !stop.contains(&c)
                && c != b'\n'
            {
                self.pos += self.text[self.pos..]
                    .chars()
                    .next()
                    .map_or(1, char::len_utf8);
            }
            return;
        }
        self.skip_blank();
        let has_eq = self.peek() == Some(b'=');
        let inline = stop.contains(&b'}');
        if let Some(c) = self.cursor_on_line() {
            self.key_cursor(c, table, &parts, has_eq, inline);
        }
        if has_eq {
            self.pos += 1;
        }
        let eq_end = self.pos;
        let mut p = table.clone();
        for (k, r) in &parts {
            p = child(&p, k);
            self.mention(&p, *r);
        }
        let key = parts.last().map(|(_, r)| *r);
        let d = depth + parts.len();
        self.skip_blank();
        // The cursor in the value (an inline table's members describe it
        // themselves; in an array nothing is completed).
        let start = self.pos;
        let first = self.peek();
        let watching = self.cursor.is_some() && has_eq && first != Some(b'{');
        let array = (watching && first == Some(b'[')).then(|| p.clone());
        match self.peek() {
            Some(c) if !matches!(c, b'\n' | b'\r' | b'#') && !stop.contains(&c) => {
                self.value(p, key, d)
            }
            // Nothing (yet) after the `=`.
            _ => {
                if has_eq && let Some(p) = p {
                    self.sink.missing(p, key, self.pos, d);
                }
            }
        }
        if !watching {
            return;
        }
        // A multi-line string's lines are the statement's first line.
        if self.text[start..].starts_with("\"\"\"") || self.text[start..].starts_with("'''") {
            self.line_end = self.line_end.max(self.end_of_line(self.pos));
        }
        let Some(c) = self.cursor_on_line().filter(|&c| c >= eq_end) else {
            return;
        };
        let end = match self.peek() {
            Some(b'#' | b'\r') if self.pos == start => self.end_of_line(self.pos),
            _ => self.pos,
        };
        if c > end {
            return;
        }
        if let Some(object) = array {
            self.describe(Cursor {
                object: object.unwrap_or_default(),
                inline,
                ..Cursor::nowhere(c)
            });
            return;
        }
        let (last, parents) = parts
            .split_last()
            .map_or((None, &parts[..0]), |(l, ps)| (Some(l), ps));
        let token = if self.pos > start && c >= start {
            range(start, self.pos)
        } else {
            TextRange::empty(c)
        };
        let mut rest = self.pos;
        while matches!(self.bytes.get(rest), Some(b' ' | b'\t' | b'\r')) {
            rest += 1;
        }
        self.describe(Cursor {
            object: Self::below(table, parents),
            slot: Slot::Value {
                key: last.map(|l| l.0.clone()).unwrap_or_default(),
            },
            token,
            comma_after: inline
                && self.pos > start
                && !matches!(self.bytes.get(rest), Some(b',' | b'}') | None),
            has_separator: true,
            inline,
            ..Cursor::nowhere(c)
        });
    }

    /// The cursor `c` on the key `parts` of a `key = value` line.
    fn key_cursor(
        &mut self,
        c: usize,
        table: &Option<String>,
        parts: &[KeyPart],
        has_eq: bool,
        inline: bool,
    ) {
        let (Some(first), Some(last)) = (parts.first(), parts.last()) else {
            return;
        };
        if c < first.1.start || c > last.1.end {
            return;
        }
        let before: Vec<KeyPart> = parts.iter().filter(|p| p.1.end < c).cloned().collect();
        self.describe(Cursor {
            object: Self::below(table, &before),
            slot: Slot::Key,
            token: Self::token_of(parts, c),
            comma_after: inline && !has_eq && !matches!(self.peek(), Some(b',' | b'}') | None),
            has_separator: has_eq,
            inline,
            ..Cursor::nowhere(c)
        });
    }

    /// The cursor `c` between the members of the inline table at `p`
    /// (`member`: another member follows).
    fn inline_cursor(&mut self, c: usize, p: &Option<String>, member: bool) {
        // After `{` or `,` no comma is needed; after a value one is.
        let prev = self.text[..c].trim_end_matches(|ch: char| ch.is_ascii_whitespace());
        let comma_before = match prev.as_bytes().last() {
            Some(b'{' | b',') | None => None,
            Some(_) => Some(prev.len()),
        };
        self.describe(Cursor {
            object: p.clone().unwrap_or_default(),
            slot: Slot::Key,
            comma_before,
            comma_after: member,
            inline: true,
            ..Cursor::nowhere(c)
        });
    }

    /// A string at `self.pos` (basic, literal, multi-line): whole range,
    /// content range, terminated. Unterminated single-line strings end at
    /// the line end; multi-line ones at the end of the text.
    fn string(&mut self, quote: u8) -> (TextRange, TextRange, bool) {
        let start = self.pos;
        let triple =
            self.bytes.get(start + 1) == Some(&quote) && self.bytes.get(start + 2) == Some(&quote);
        if triple {
            let body = start + 3;
            let close = if quote == b'"' { "\"\"\"" } else { "'''" };
            let mut i = body;
            loop {
                let Some(found) = self.text[i..].find(close) else {
                    self.pos = self.bytes.len();
                    return (range(start, self.pos), range(body, self.pos), false);
                };
                let at = i + found;
                // A basic string's `\"""` is an escaped quote.
                if quote == b'"' && at > body && self.escaped(body, at) {
                    i = at + 1;
                    continue;
                }
                // Up to two more quotes belong to the content.
                let mut end = at + 3;
                while self.bytes.get(end) == Some(&quote) && end < at + 5 {
                    end += 1;
                }
                self.pos = end;
                return (range(start, end), range(body, end - 3), true);
            }
        }
        let (whole, content, next, closed) = line_string(self.bytes, start, quote, quote == b'"');
        self.pos = next;
        (whole, content, closed)
    }

    /// Skips a nested array or inline table without recursion (beyond
    /// [`MAX_DEPTH`]): to its matching closer or the end of the text.
    fn skip_nested(&mut self) {
        let mut open = 0usize;
        while let Some(c) = self.peek() {
            match c {
                b'[' | b'{' => {
                    open += 1;
                    self.pos += 1;
                }
                b']' | b'}' => {
                    self.pos += 1;
                    open = open.saturating_sub(1);
                    if open == 0 {
                        return;
                    }
                }
                b'"' | b'\'' => {
                    self.string(c);
                }
                b'#' => self.skip_line(),
                _ => self.pos += 1,
            }
        }
    }

    /// Is the byte at `at` preceded by an odd number of backslashes?
    fn escaped(&self, from: usize, at: usize) -> bool {
        let mut n = 0;
        let mut i = at;
        while i > from && self.bytes[i - 1] == b'\\' {
            n += 1;
            i -= 1;
        }
        n % 2 == 1
    }

    /// A value at `self.pos`, reported at `p`.
    fn value(&mut self, p: Option<String>, key: Option<TextRange>, depth: usize) {
        let start = self.pos;
        let Some(b) = self.peek() else { return };
        let push = |sink: &mut Sink, p: &Option<String>, kind, value, content| match p {
            Some(p) => sink.push(Entry {
                pointer: p.clone(),
                key,
                value,
                content,
                kind,
                depth,
            }),
            None => {
                sink.complete = false;
                None
            }
        };
        if matches!(b, b'[' | b'{') && depth >= MAX_DEPTH {
            self.sink.complete = false;
            self.skip_nested();
            return;
        }
        match b {
            b'"' | b'\'' => {
                let (whole, content, _) = self.string(b);
                push(&mut self.sink, &p, ValueKind::String, whole, content);
            }
            b'[' => {
                self.pos += 1;
                let r = range(start, self.bytes.len());
                let at = push(&mut self.sink, &p, ValueKind::Array, r, r);
                let p = if depth >= MAX_DEPTH { None } else { p };
                let mut index = 0;
                // Inside an array nothing is completed: the cursor waits.
                let cursor = self.cursor.take();
                loop {
                    self.skip_all();
                    match self.peek() {
                        None => break,
                        Some(b']') => {
                            self.pos += 1;
                            break;
                        }
                        Some(b',') => {
                            self.pos += 1;
                            index += 1;
                        }
                        // A table header inside an unclosed array: the
                        // array was cut.
                        Some(b'=' | b'}') => break,
                        Some(_) => {
                            let before = self.pos;
                            let item = child(&p, &index.to_string());
                            self.value(item, None, depth + 1);
                            if self.pos == before {
                                self.pos += 1;
                            }
                        }
                    }
                }
                self.cursor = cursor;
                self.sink.close(at, self.pos);
            }
            b'{' => {
                self.pos += 1;
                let r = range(start, self.bytes.len());
                let at = push(&mut self.sink, &p, ValueKind::Object, r, r);
                let p = if depth >= MAX_DEPTH { None } else { p };
                loop {
                    self.skip_blank();
                    let next = self.peek();
                    if let Some(c) = self.cursor_on_line() {
                        // Between members: before the next one, or up to
                        // the closing brace (commas are passed over).
                        let mut after = self.pos;
                        while matches!(self.bytes.get(after), Some(b' ' | b'\t' | b',')) {
                            after += 1;
                        }
                        let member = !matches!(self.bytes.get(after), None | Some(b'\n' | b'}'));
                        let before = if member || next == Some(b',') {
                            c < self.pos
                        } else {
                            c <= self.pos
                        };
                        if c > start && before {
                            self.inline_cursor(c, &p, member);
                        }
                    }
                    match next {
                        None | Some(b'\n') => break,
                        Some(b'}') => {
                            self.pos += 1;
                            break;
                        }
                        Some(b',') => self.pos += 1,
                        Some(_) => {
                            let before = self.pos;
                            self.key_value(&p, depth, b",}");
                            if self.pos == before {
                                self.pos += 1;
                            }
                        }
                    }
                }
                self.sink.close(at, self.pos);
                // auditcfg writes JSON's null as `{ "$null" = true }`.
                if let Some(i) = at
                    && self.sink.out.len() == i + 2
                    && self.sink.out[i + 1].kind == ValueKind::Bool
                    && self.sink.out[i + 1].pointer.ends_with("/$null")
                    && &self.text
                        [self.sink.out[i + 1].content.start..self.sink.out[i + 1].content.end]
                        == "true"
                {
                    self.sink.out.pop();
                    self.sink.out[i].kind = ValueKind::Null;
                }
            }
            _ => {
                while let Some(c) = self.peek() {
                    if matches!(
                        c,
                        b' ' | b'\t' | b'\n' | b'\r' | b',' | b']' | b'}' | b'#' | b'[' | b'{'
                    ) {
                        // Dates have one space inside (`1979-05-27 07:32:00`).
                        if c == b' '
                            && self.bytes.get(self.pos + 1).is_some_and(u8::is_ascii_digit)
                            && self.text[start..self.pos].contains('-')
                            && self.text[start..self.pos]
                                .bytes()
                                .next()
                                .is_some_and(|b| b.is_ascii_digit())
                        {
                            self.pos += 1;
                            continue;
                        }
                        break;
                    }
                    self.pos += 1;
                }
                while !self.text.is_char_boundary(self.pos) {
                    self.pos += 1;
                }
                if self.pos == start {
                    return;
                }
                let r = range(start, self.pos);
                let kind = kind_of_word(&self.text[start..self.pos]);
                push(&mut self.sink, &p, kind, r, r);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pointers(text: &str, f: Format) -> Vec<(String, ValueKind, String)> {
        scan(text, f)
            .entries
            .into_iter()
            .map(|e| {
                let c = text[e.content.start..e.content.end].to_owned();
                (e.pointer, e.kind, c)
            })
            .collect()
    }

    fn has(text: &str, f: Format, p: &str, content: &str) -> bool {
        pointers(text, f)
            .iter()
            .any(|(q, _, c)| q == p && c == content)
    }

    #[test]
    fn valid_json_gives_the_parsers_pointers() {
        let t = r#"{"a": {"b": [1, "x", {"c": true}]}, "d": null}"#;
        let got = pointers(t, Format::Json);
        let ps: Vec<&str> = got.iter().map(|(p, _, _)| p.as_str()).collect();
        assert_eq!(
            ps,
            ["/a", "/a/b", "/a/b/0", "/a/b/1", "/a/b/2", "/a/b/2/c", "/d"]
        );
        assert!(has(t, Format::Json, "/a/b/1", "x"));
        assert_eq!(got[6].1, ValueKind::Null);
        assert_eq!(got[0].1, ValueKind::Object);
        // The container's range ends at its brace.
        let e = &scan(t, Format::Json).entries[0];
        assert_eq!(
            &t[e.value.start..e.value.end],
            r#"{"b": [1, "x", {"c": true}]}"#
        );
    }

    #[test]
    fn a_key_without_its_value_before_the_next_key() {
        let text = "{\"logging\": {\"level\": \n \"format\": \"json\"}}";
        let p = pointers(text, Format::Json);
        assert!(
            p.iter()
                .any(|(p, k, _)| p == "/logging/level" && *k == ValueKind::Missing),
            "{p:?}"
        );
        assert!(has(text, Format::Json, "/logging/format", "json"), "{p:?}");
    }

    #[test]
    fn broken_json_still_pairs_keys_and_values() {
        // Cut inside a string.
        let t = r#"{"server": {"auth": {"sessionSecret": "abc12"#;
        assert!(has(t, Format::Json, "/server/auth/sessionSecret", "abc12"));
        // Single quotes, missing colon, missing comma, `{{`.
        let t = "{'a': 'x' 'b' 'y', \"c\" \"z\"\n \"d\": {{\"e\": 1}}}";
        assert!(has(t, Format::Json, "/a", "x"));
        assert!(has(t, Format::Json, "/b", "y"));
        assert!(has(t, Format::Json, "/c", "z"));
        assert!(has(t, Format::Json, "/d/e", "1"));
        // Duplicate keys: every occurrence.
        let t = r#"{"s": "first", "s": "second"}"#;
        assert!(has(t, Format::Json, "/s", "first"));
        assert!(has(t, Format::Json, "/s", "second"));
        // Unterminated string ends at its line; the next line recovers.
        let t = "{\"a\": \"open\n, \"b\": \"ok\"}";
        assert!(has(t, Format::Json, "/a", "open"));
        assert!(has(t, Format::Json, "/b", "ok"));
        // A missing value.
        let got = pointers(r#"{"a": , "b": 2}"#, Format::Json);
        assert!(
            got.iter()
                .any(|(p, k, _)| p == "/a" && *k == ValueKind::Missing)
        );
        // `[` where `{` belongs.
        assert!(has(r#"{["a": "x", "b": "y"}"#, Format::Json, "/b", "y"));
        // A stray closer ends the root early: what follows still counts.
        assert!(has(r#"{}"a": {"b": 1}}"#, Format::Json, "/a/b", "1"));
        // Escaped keys.
        assert!(has(r#"{"a\/b\u0041": 1}"#, Format::Json, "/a~1bA", "1"));
    }

    #[test]
    fn toml_tables_dotted_keys_inline_tables_and_arrays_of_tables() {
        let t = "top = 1\n[server.auth]\nsessionSecret = \"s1\" # c\n[database]\nurl = 'postgres://u:p@h/db'\npool = { min = 2, max = 10, inner.x = \"y\" }\n[[a.r]]\nv = 1\n[[a.r]]\nv = [1, \"two\",\n  3]\n[a.r.sub]\nw = true\nd = 1979-05-27 07:32:00Z\nm = \"\"\"multi\nline\"\"\"\n";
        assert!(has(t, Format::Toml, "/top", "1"));
        assert!(has(t, Format::Toml, "/server/auth/sessionSecret", "s1"));
        assert!(has(t, Format::Toml, "/database/url", "postgres://u:p@h/db"));
        assert!(has(t, Format::Toml, "/database/pool/max", "10"));
        assert!(has(t, Format::Toml, "/database/pool/inner/x", "y"));
        assert!(has(t, Format::Toml, "/a/r/0/v", "1"));
        assert!(has(t, Format::Toml, "/a/r/1/v/1", "two"));
        assert!(has(t, Format::Toml, "/a/r/1/v/2", "3"));
        assert!(has(t, Format::Toml, "/a/r/1/sub/w", "true"));
        assert!(has(t, Format::Toml, "/a/r/1/sub/d", "1979-05-27 07:32:00Z"));
        assert!(has(t, Format::Toml, "/a/r/1/sub/m", "multi\nline"));
    }

    #[test]
    fn broken_toml_recovers() {
        // Unclosed header, missing `=`, cut string, duplicate keys.
        let t = "[server.auth\nsessionSecret \"one\"\nsessionSecret = \"two\"\n[security]\nencryptionKey = \"cut";
        assert!(has(t, Format::Toml, "/server/auth/sessionSecret", "one"));
        assert!(has(t, Format::Toml, "/server/auth/sessionSecret", "two"));
        assert!(has(t, Format::Toml, "/security/encryptionKey", "cut"));
        let t = "[s]\n[x-key = \"v\"\n";
        assert!(has(t, Format::Toml, "/s/x-key", "v"));
        let t = "a.b = \"\"\"never closed\nstill";
        assert!(has(t, Format::Toml, "/a/b", "never closed\nstill"));
    }

    #[test]
    fn a_backslash_at_the_very_end_stays_inside_the_text() {
        for (t, f) in [("{\"a\": \"x\\", Format::Json), ("a = \"x\\", Format::Toml)] {
            let s = scan(t, f);
            for e in &s.entries {
                assert!(e.value.end <= t.len() && e.content.end <= t.len(), "{e:?}");
            }
        }
    }

    #[test]
    fn entry_at_finds_the_innermost() {
        let t = r#"{"a": {"b": "xyz"}}"#;
        let entries = scan(t, Format::Json).entries;
        let at = t.find("xyz").unwrap_or(0) + 1;
        assert_eq!(
            entry_at(&entries, at).map(|e| e.pointer.as_str()),
            Some("/a/b")
        );
        let at = t.find("\"a\"").unwrap_or(0) + 1;
        assert_eq!(
            entry_at(&entries, at).map(|e| e.pointer.as_str()),
            Some("/a")
        );
    }

    #[test]
    fn deep_and_long_inputs_stay_bounded() {
        let deep = "[".repeat(100_000);
        let s = scan(&deep, Format::Json);
        assert!(s.entries.len() <= MAX_DEPTH && !s.complete);
        let deep = "a=".to_owned() + &"[".repeat(100_000);
        let s = scan(&deep, Format::Toml);
        assert!(s.entries.len() <= MAX_DEPTH + 1 && !s.complete);
        let deep = "a=".to_owned() + &"{b=".repeat(100_000);
        assert!(!scan(&deep, Format::Toml).complete);
        // A long key over many items: the pointer budget bounds the output.
        let text = format!("{{\"{}\": [{}]}}", "k".repeat(4000), "1,".repeat(100_000));
        let s = scan(&text, Format::Json);
        let total: usize = s.entries.iter().map(|e| e.pointer.len()).sum();
        assert!(total <= text.len() * 64 + (1 << 16), "{total}");
        assert!(!s.complete);
        let ok = scan(r#"{"a": [1, 2]}"#, Format::Json);
        assert!(ok.complete);
    }
    mod props {
        use super::super::*;
        use proptest::prelude::*;
        use serde_json::Value;
        use std::collections::HashSet;

        const PRESETS: [&str; 4] = [
            include_str!("../../presets/development.json"),
            include_str!("../../presets/staging.json"),
            include_str!("../../presets/production.json"),
            include_str!("../../presets/test.json"),
        ];

        /// Every pointer of a value, containers included (not the root).
        fn all_pointers(v: &Value, at: &str, out: &mut HashSet<String>) {
            match v {
                Value::Object(m) => {
                    for (k, c) in m {
                        let p = pointer::push(at, k);
                        all_pointers(c, &p, out);
                        out.insert(p);
                    }
                }
                Value::Array(items) => {
                    for (i, c) in items.iter().enumerate() {
                        let p = pointer::push(at, &i.to_string());
                        all_pointers(c, &p, out);
                        out.insert(p);
                    }
                }
                _ => {}
            }
        }

        /// Each preset as pretty JSON, minified JSON and TOML, with every
        /// pointer of its value.
        fn texts() -> Vec<(String, Format, HashSet<String>)> {
            let mut out = Vec::new();
            for p in PRESETS {
                let Ok(v) = serde_json::from_str::<Value>(p) else {
                    continue;
                };
                let mut ps = HashSet::new();
                all_pointers(&v, "", &mut ps);
                out.push((p.to_owned(), Format::Json, ps.clone()));
                out.push((v.to_string(), Format::Json, ps.clone()));
                if let Ok(t) = crate::to_toml(&v) {
                    out.push((t, Format::Toml, ps));
                }
            }
            out
        }

        fn well_formed(text: &str, s: &Scan) {
            for e in &s.entries {
                for r in [Some(e.value), Some(e.content), e.key]
                    .into_iter()
                    .flatten()
                {
                    assert!(r.start <= r.end && r.end <= text.len(), "{e:?}");
                    assert!(
                        text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
                        "{e:?}"
                    );
                }
            }
            assert!(s.entries.len() <= text.len() + 1);
        }

        #[test]
        fn valid_presets_give_exactly_their_pointers() {
            for (text, f, ps) in texts() {
                let s = scan(&text, f);
                assert!(s.complete);
                let got: HashSet<String> = s.entries.iter().map(|e| e.pointer.clone()).collect();
                // TOML has no entry for a table that only appears as a
                // prefix of a header or a dotted key: every reported
                // pointer exists, and every leaf is reported.
                for p in &got {
                    assert!(ps.contains(p), "{f:?}: {p} invented");
                }
                for e in &s.entries {
                    assert_ne!(e.kind, ValueKind::Missing, "{e:?}");
                    assert_ne!(e.kind, ValueKind::Word, "{e:?}");
                }
                if f == Format::Json {
                    assert_eq!(got, ps);
                }
            }
        }

        #[test]
        fn every_cut_of_every_preset() {
            for (text, f, ps) in texts() {
                let mut cut = 0;
                while cut < text.len() {
                    if text.is_char_boundary(cut) {
                        let prefix = &text[..cut];
                        let s = scan(prefix, f);
                        well_formed(prefix, &s);
                        for e in &s.entries {
                            let done = e.key.is_none_or(|k| k.end < cut)
                                && (matches!(e.kind, ValueKind::Object | ValueKind::Array)
                                    || e.value.end < cut);
                            if done && e.kind != ValueKind::Missing {
                                assert!(ps.contains(&e.pointer), "{f:?} cut at {cut}: {e:?}");
                            }
                        }
                    }
                    cut += 7;
                }
            }
        }

        const PARTIAL: &[&str] = &[
            "\"", "'", "{", "{{", "[", "[[", "]", "}", ":", ",", "=", "\n[", "\"\"\"", "'''", "#",
            "\\", "é", "😀", "\n", "//", "/*", "\"a\":", "x = ", "[a.b", "{a=", "\r",
        ];

        proptest! {
            #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]
            #[test]
            fn mutated_presets_never_break_the_scan(
                which in 0usize..12,
                edits in proptest::collection::vec(
                    (any::<prop::sample::Index>(), 0usize..PARTIAL.len()),
                    1..8,
                ),
                cut in any::<prop::sample::Index>(),
            ) {
                let all = texts();
                let (text, f, _) = &all[which % all.len()];
                let mut t = text.clone();
                for (at, tok) in edits {
                    let mut i = at.index(t.len() + 1);
                    while !t.is_char_boundary(i) {
                        i -= 1;
                    }
                    t.insert_str(i, PARTIAL[tok]);
                }
                let mut c = cut.index(t.len() + 1);
                while !t.is_char_boundary(c) {
                    c -= 1;
                }
                t.truncate(c);
                for format in [*f, Format::Json, Format::Toml] {
                    let s = scan(&t, format);
                    well_formed(&t, &s);
                    let _ = entry_at(&s.entries, t.len() / 2);
                }
            }
        }
    }
}
