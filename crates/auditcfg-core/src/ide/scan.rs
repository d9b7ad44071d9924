//! The context at a cursor, for editors: which object (JSON Pointer),
//! key or value position, which keys are already there, and what an
//! insertion needs to keep the document valid, on documents that do not
//! parse.
//!
//! The entries (every recoverable key and value with its pointer and
//! ranges) come from the shared error-tolerant view,
//! [`crate::syntax::tolerant`]. What that view does not keep is the state
//! of the scan at one offset (the open containers, whether a key has its
//! colon yet, the previous member's end for a missing comma): a small
//! token scan here recovers it, up to the cursor. Both never fail, never
//! panic, and are linear; they recover from what typing leaves behind (an
//! open string, a missing comma, `"key": ` with no value, a bare word, a
//! TOML line `comm`, an unclosed table header).

use crate::diagnostic::TextRange;
use crate::pointer;
use crate::syntax::Format;

/// One recovered object member (or array item, or TOML table).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Where it lives.
    pub pointer: String,
    /// The key's range (the header's name for a TOML table; empty for
    /// array items).
    pub key: TextRange,
    /// The value's range, when there is one (a container's range runs to
    /// its closing bracket, or the end of the text; a TOML table's to the
    /// end of its last line).
    pub value: Option<TextRange>,
    /// Is the value an object or array (or a TOML table)?
    pub container: bool,
}

/// Where the cursor is, in terms of the document.
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

/// The context at a cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CursorContext {
    /// The innermost object at the cursor (for [`Slot::Header`]: the
    /// parent table of the name being typed).
    pub object: String,
    /// Key, value, header or nothing.
    pub slot: Slot,
    /// The partial token under the cursor, which a completion replaces
    /// (empty at the cursor when there is none).
    pub token: TextRange,
    /// What was typed of the token before the cursor, without quotes.
    pub prefix: String,
    /// Keys present in `object`, in document order, without the one
    /// being typed.
    pub present: Vec<String>,
    /// Where a comma must go for an insertion to keep the document valid
    /// (JSON: after the previous member when it is missing).
    pub comma_before: Option<usize>,
    /// Another member follows the token: an insertion must end with a
    /// comma (JSON, TOML inline tables).
    pub comma_after: bool,
    /// The key under the cursor is already followed by `:` / `=`: insert
    /// the key alone.
    pub has_separator: bool,
    /// In a TOML inline table (`{ a = 1, | }`).
    pub inline: bool,
}

/// The tolerant view of a whole text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scan {
    /// The format scanned.
    pub format: Format,
    /// Every recovered entry, in document order.
    pub entries: Vec<Entry>,
}

impl Scan {
    /// The entries of a text, from [`crate::syntax::tolerant`].
    pub fn new(text: &str, format: Format) -> Scan {
        use crate::syntax::tolerant::{self, ValueKind};
        let entries = tolerant::scan(text, format)
            .entries
            .into_iter()
            .map(|e| Entry {
                key: e.key.unwrap_or(TextRange::empty(e.value.start)),
                value: (e.kind != ValueKind::Missing).then_some(e.value),
                container: matches!(e.kind, ValueKind::Object | ValueKind::Array),
                pointer: e.pointer,
            })
            .collect();
        Scan { format, entries }
    }

    /// The keys present directly in the object at `object`, in document
    /// order, each once.
    pub fn keys_of(&self, object: &str) -> Vec<String> {
        keys_of(&self.entries, object, None)
    }

    /// The innermost entry whose key or value contains `offset`.
    pub fn entry_at(&self, offset: usize) -> Option<&Entry> {
        let inside = |r: &TextRange| r.start <= offset && offset <= r.end && !r.is_empty();
        self.entries
            .iter()
            .filter(|e| inside(&e.key) || (!e.container && e.value.as_ref().is_some_and(inside)))
            .max_by_key(|e| e.pointer.len())
    }
}

/// Scans a text and describes the cursor at byte `offset`.
pub fn context(text: &str, format: Format, offset: usize) -> (Scan, CursorContext) {
    let offset = offset.min(text.len());
    let cx = match format {
        Format::Json => json::scan(text, Some(offset)).1,
        Format::Toml => toml::scan(text, Some(offset)).1,
    };
    let scan = Scan::new(text, format);
    let mut cx = cx.unwrap_or_else(|| CursorContext {
        object: String::new(),
        slot: Slot::Other,
        token: TextRange::empty(offset),
        prefix: String::new(),
        present: Vec::new(),
        comma_before: None,
        comma_after: false,
        has_separator: false,
        inline: false,
    });
    cx.present = keys_of(&scan.entries, &cx.object, Some(cx.token));
    (scan, cx)
}

fn keys_of(entries: &[Entry], object: &str, skip: Option<TextRange>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for e in entries {
        if skip.is_some_and(|t| !t.is_empty() && e.key == t) {
            continue;
        }
        let Some(rest) = e.pointer.strip_prefix(object) else {
            continue;
        };
        let Some(rest) = rest.strip_prefix('/') else {
            continue;
        };
        let first = rest.split('/').next().unwrap_or("");
        let key = pointer::unescape(first).into_owned();
        if seen.insert(key.clone()) {
            out.push(key);
        }
    }
    out
}

/// Unquotes a string token leniently (unterminated strings, unknown
/// escapes kept as written).
fn unquote(raw: &str) -> String {
    let Some(q) = raw.chars().next().filter(|c| *c == '"' || *c == '\'') else {
        return raw.to_owned();
    };
    let body = &raw[q.len_utf8()..];
    let body = body.strip_suffix(q).unwrap_or(body);
    if q == '\'' {
        return body.to_owned();
    }
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    Some(ch) => out.push(ch),
                    None => {
                        out.push_str("\\u");
                        out.push_str(&hex);
                    }
                }
            }
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// The text typed of a token before `offset`, without its opening quote.
fn prefix_of(text: &str, token: TextRange, offset: usize) -> String {
    let end = offset.clamp(token.start, token.end);
    let raw = text.get(token.start..end).unwrap_or("");
    let raw = raw
        .strip_prefix('"')
        .or_else(|| raw.strip_prefix('\''))
        .unwrap_or(raw);
    raw.to_owned()
}

mod json {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Tok {
        LBrace,
        RBrace,
        LBracket,
        RBracket,
        Colon,
        Comma,
        Str,
        Word,
    }

    fn tokens(text: &str) -> Vec<(Tok, TextRange)> {
        let b = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            let start = i;
            let tok = match b[i] {
                b'{' => Tok::LBrace,
                b'}' => Tok::RBrace,
                b'[' => Tok::LBracket,
                b']' => Tok::RBracket,
                b':' => Tok::Colon,
                b',' => Tok::Comma,
                b'"' => {
                    i += 1;
                    while i < b.len() && b[i] != b'"' && b[i] != b'\n' {
                        i += if b[i] == b'\\' && i + 1 < b.len() && b[i + 1] != b'\n' {
                            2
                        } else {
                            1
                        };
                    }
                    if i < b.len() && b[i] == b'"' {
                        i += 1;
                    }
                    out.push((Tok::Str, TextRange::new(start, i.min(b.len()))));
                    continue;
                }
                b'/' if b.get(i + 1) == Some(&b'/') => {
                    while i < b.len() && b[i] != b'\n' {
                        i += 1;
                    }
                    continue;
                }
                b'/' if b.get(i + 1) == Some(&b'*') => {
                    i += 2;
                    while i < b.len() && !(b[i] == b'*' && b.get(i + 1) == Some(&b'/')) {
                        i += 1;
                    }
                    i = (i + 2).min(b.len());
                    continue;
                }
                c if c.is_ascii_whitespace() => {
                    i += 1;
                    continue;
                }
                _ => {
                    while i < b.len()
                        && !b[i].is_ascii_whitespace()
                        && !matches!(b[i], b'{' | b'}' | b'[' | b']' | b':' | b',' | b'"')
                    {
                        i += 1;
                    }
                    // Never split a character.
                    while i < b.len() && !text.is_char_boundary(i) {
                        i += 1;
                    }
                    out.push((Tok::Word, TextRange::new(start, i)));
                    continue;
                }
            };
            i += 1;
            out.push((tok, TextRange::new(start, i)));
        }
        out
    }

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum State {
        Key,
        Colon,
        Value,
        After,
    }

    #[derive(Debug)]
    struct Frame {
        object: bool,
        pointer: String,
        state: State,
        key: Option<(String, TextRange)>,
        index: usize,
        entry: Option<usize>,
        /// End of the last member value (for a missing comma).
        last_end: Option<usize>,
    }

    impl Frame {
        fn new(object: bool, pointer: String, entry: Option<usize>) -> Frame {
            Frame {
                object,
                pointer,
                state: if object { State::Key } else { State::Value },
                key: None,
                index: 0,
                entry,
                last_end: None,
            }
        }
    }

    const MAX_DEPTH: usize = 256;

    pub(super) fn scan(text: &str, cursor: Option<usize>) -> (Scan, Option<CursorContext>) {
        let toks = tokens(text);
        let mut entries: Vec<Entry> = Vec::new();
        let mut stack: Vec<Frame> = Vec::new();
        let mut cx: Option<CursorContext> = None;
        let mut root_seen = false;
        let sig = |i: usize| toks.get(i).map(|t| t.0);

        let mut i = 0;
        while i <= toks.len() {
            let here = toks.get(i).copied();
            // The cursor is decided before the token that ends at or after it.
            if let Some(c) = cursor
                && cx.is_none()
                && here.is_none_or(|(_, r)| r.end >= c)
            {
                cx = Some(describe(text, &toks, i, c, &stack));
            }
            let Some((tok, range)) = here else { break };
            i += 1;
            // Closers: close the nearest container of the right kind.
            if matches!(tok, Tok::RBrace | Tok::RBracket) {
                let want_object = tok == Tok::RBrace;
                if let Some(pos) = stack.iter().rposition(|f| f.object == want_object) {
                    while stack.len() > pos {
                        if let Some(f) = stack.pop() {
                            finish_pending(&f, &mut entries);
                            if let Some(e) = f.entry.and_then(|e| entries.get_mut(e)) {
                                e.value = Some(TextRange::new(
                                    e.value.map_or(range.start, |v| v.start),
                                    range.end,
                                ));
                            }
                        }
                    }
                    if let Some(parent) = stack.last_mut() {
                        parent.last_end = Some(range.end);
                    }
                }
                continue;
            }
            let depth = stack.len();
            let Some(top) = stack.last_mut() else {
                // Outside any container: only the first `{` or `[` counts.
                if !root_seen && matches!(tok, Tok::LBrace | Tok::LBracket) {
                    root_seen = true;
                    stack.push(Frame::new(tok == Tok::LBrace, String::new(), None));
                }
                continue;
            };
            let open_child = |top: &mut Frame, entries: &mut Vec<Entry>, object: bool| {
                let (child_ptr, key_range) = if top.object {
                    let (key, key_range) = top
                        .key
                        .take()
                        .unwrap_or((String::new(), TextRange::empty(range.start)));
                    (pointer::push(&top.pointer, &key), key_range)
                } else {
                    let p = pointer::push(&top.pointer, &top.index.to_string());
                    top.index += 1;
                    (p, TextRange::empty(range.start))
                };
                entries.push(Entry {
                    pointer: child_ptr.clone(),
                    key: key_range,
                    value: Some(TextRange::new(range.start, text.len())),
                    container: true,
                });
                top.state = State::After;
                Frame::new(object, child_ptr, Some(entries.len() - 1))
            };
            match (top.object, top.state, tok) {
                (_, _, Tok::LBrace | Tok::LBracket) if depth >= MAX_DEPTH => {}
                (_, _, Tok::RBrace | Tok::RBracket) => {}
                (true, State::Value | State::Key | State::After | State::Colon, Tok::LBrace)
                | (false, _, Tok::LBrace) => {
                    let child = open_child(top, &mut entries, true);
                    stack.push(child);
                }
                (true, _, Tok::LBracket) | (false, _, Tok::LBracket) => {
                    let child = open_child(top, &mut entries, false);
                    stack.push(child);
                }
                // Objects.
                (true, State::Key | State::After, Tok::Str | Tok::Word) => {
                    top.key = Some((unquote(&text[range.start..range.end]), range));
                    top.state = State::Colon;
                }
                (true, State::Key | State::After, Tok::Comma) => top.state = State::Key,
                (true, State::Key | State::After, Tok::Colon) => {
                    top.key = Some((String::new(), TextRange::empty(range.start)));
                    top.state = State::Value;
                }
                (true, State::Colon, Tok::Colon) => top.state = State::Value,
                (true, State::Colon, Tok::Str | Tok::Word) => {
                    // `"a" "b"`: the earlier key had no value.
                    push_member(top, &mut entries, None);
                    top.key = Some((unquote(&text[range.start..range.end]), range));
                }
                (true, State::Colon | State::Value, Tok::Comma) => {
                    push_member(top, &mut entries, None);
                    top.state = State::Key;
                }
                (true, State::Value, Tok::Str | Tok::Word) => {
                    if sig(i) == Some(Tok::Colon) && tok == Tok::Str {
                        // `"a": \n "b": 1`: the value of `a` is missing.
                        push_member(top, &mut entries, None);
                        top.key = Some((unquote(&text[range.start..range.end]), range));
                        top.state = State::Colon;
                    } else {
                        push_member(top, &mut entries, Some(range));
                        top.state = State::After;
                        top.last_end = Some(range.end);
                    }
                }
                (true, State::Value, Tok::Colon) => {}
                // Arrays.
                (false, _, Tok::Str | Tok::Word) => {
                    entries.push(Entry {
                        pointer: pointer::push(&top.pointer, &top.index.to_string()),
                        key: TextRange::empty(range.start),
                        value: Some(range),
                        container: false,
                    });
                    top.index += 1;
                    top.state = State::After;
                }
                (false, _, Tok::Comma) => top.state = State::Value,
                (false, _, Tok::Colon) => {}
            }
        }
        // Containers left open end at the end of the text.
        while let Some(f) = stack.pop() {
            finish_pending(&f, &mut entries);
        }
        (
            Scan {
                format: Format::Json,
                entries,
            },
            cx,
        )
    }

    fn push_member(top: &mut Frame, entries: &mut Vec<Entry>, value: Option<TextRange>) {
        if let Some((key, key_range)) = top.key.take() {
            entries.push(Entry {
                pointer: pointer::push(&top.pointer, &key),
                key: key_range,
                value,
                container: false,
            });
        }
    }

    /// A key still waiting for its value when its object closes.
    fn finish_pending(f: &Frame, entries: &mut Vec<Entry>) {
        if f.object
            && let Some((key, key_range)) = &f.key
        {
            entries.push(Entry {
                pointer: pointer::push(&f.pointer, key),
                key: *key_range,
                value: None,
                container: false,
            });
        }
    }

    /// The context at cursor `c`, just before token `i` is processed.
    fn describe(
        text: &str,
        toks: &[(Tok, TextRange)],
        i: usize,
        c: usize,
        stack: &[Frame],
    ) -> CursorContext {
        let mut cx = CursorContext {
            object: String::new(),
            slot: Slot::Other,
            token: TextRange::empty(c),
            prefix: String::new(),
            present: Vec::new(),
            comma_before: None,
            comma_after: false,
            has_separator: false,
            inline: false,
        };
        let Some(top) = stack.last() else {
            return cx;
        };
        cx.object = top.pointer.clone();
        if !top.object {
            return cx;
        }
        // On token i (the cursor touches it from inside or its end), or
        // between tokens?
        let on = toks
            .get(i)
            .filter(|(t, r)| matches!(t, Tok::Str | Tok::Word) && r.start < c && c <= r.end);
        let next = toks.get(if on.is_some() { i + 1 } else { i }).map(|t| t.0);
        if let Some((_, r)) = on {
            cx.token = *r;
            cx.prefix = prefix_of(text, *r, c);
        }
        let on_key = matches!(on, Some((Tok::Str, _))) && next == Some(Tok::Colon);
        match top.state {
            State::Value if !on_key => {
                let key = top.key.as_ref().map(|k| k.0.clone()).unwrap_or_default();
                cx.slot = Slot::Value { key };
                cx.comma_after = matches!(next, Some(Tok::Str | Tok::Word));
            }
            State::Key | State::After | State::Value => {
                cx.slot = Slot::Key;
                if top.state == State::After {
                    cx.comma_before = top.last_end;
                }
                cx.has_separator = next == Some(Tok::Colon);
                cx.comma_after = !cx.has_separator && matches!(next, Some(Tok::Str | Tok::Word));
            }
            // Between a key and its colon.
            State::Colon => {}
        }
        cx
    }
}

mod toml {
    use super::*;
    use std::collections::HashMap;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Tok {
        Newline,
        LBracket,
        RBracket,
        LBrace,
        RBrace,
        Eq,
        Comma,
        Str,
        Bare,
    }

    fn tokens(text: &str) -> Vec<(Tok, TextRange)> {
        let b = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            let start = i;
            let tok = match b[i] {
                b'\n' => Tok::Newline,
                b'[' => Tok::LBracket,
                b']' => Tok::RBracket,
                b'{' => Tok::LBrace,
                b'}' => Tok::RBrace,
                b'=' => Tok::Eq,
                b',' => Tok::Comma,
                b'#' => {
                    while i < b.len() && b[i] != b'\n' {
                        i += 1;
                    }
                    continue;
                }
                q @ (b'"' | b'\'') => {
                    let triple = b.get(i + 1) == Some(&q) && b.get(i + 2) == Some(&q);
                    if triple {
                        i += 3;
                        while i < b.len()
                            && !(b[i] == q && b.get(i + 1) == Some(&q) && b.get(i + 2) == Some(&q))
                        {
                            i += if q == b'"' && b[i] == b'\\' { 2 } else { 1 };
                        }
                        i = (i + 3).min(b.len());
                    } else {
                        i += 1;
                        while i < b.len() && b[i] != q && b[i] != b'\n' {
                            i += if q == b'"' && b[i] == b'\\' && b.get(i + 1) != Some(&b'\n') {
                                2
                            } else {
                                1
                            };
                        }
                        if i < b.len() && b[i] == q {
                            i += 1;
                        }
                    }
                    let end = i.min(b.len());
                    out.push((Tok::Str, TextRange::new(start, end)));
                    i = end;
                    continue;
                }
                c if c.is_ascii_whitespace() => {
                    i += 1;
                    continue;
                }
                _ => {
                    while i < b.len()
                        && !b[i].is_ascii_whitespace()
                        && !matches!(
                            b[i],
                            b'[' | b']' | b'{' | b'}' | b'=' | b',' | b'#' | b'"' | b'\''
                        )
                    {
                        i += 1;
                    }
                    while i < b.len() && !text.is_char_boundary(i) {
                        i += 1;
                    }
                    out.push((Tok::Bare, TextRange::new(start, i)));
                    continue;
                }
            };
            i += 1;
            out.push((tok, TextRange::new(start, i)));
        }
        out
    }

    /// Splits a key path (`a.b."c.d"`) into tokens with ranges.
    fn key_parts(text: &str, toks: &[(Tok, TextRange)]) -> Vec<(String, TextRange)> {
        let mut out = Vec::new();
        for (t, r) in toks {
            let raw = &text[r.start..r.end];
            match t {
                Tok::Str => out.push((unquote(raw), *r)),
                Tok::Bare => {
                    let mut pos = r.start;
                    for part in raw.split('.') {
                        if !part.is_empty() {
                            out.push((part.to_owned(), TextRange::new(pos, pos + part.len())));
                        }
                        pos += part.len() + 1;
                    }
                }
                _ => {}
            }
        }
        out
    }

    struct Tables {
        /// Arrays of tables: pointer → number of `[[...]]` seen.
        arrays: HashMap<String, usize>,
    }

    impl Tables {
        fn resolve(&self, base: &str, parts: &[(String, TextRange)]) -> String {
            let mut ptr = base.to_owned();
            for (p, _) in parts {
                ptr = pointer::push(&ptr, p);
                if let Some(n) = self.arrays.get(&ptr) {
                    ptr = pointer::push(&ptr, &n.saturating_sub(1).to_string());
                }
            }
            ptr
        }
    }

    pub(super) fn scan(text: &str, cursor: Option<usize>) -> (Scan, Option<CursorContext>) {
        let toks = tokens(text);
        let mut entries: Vec<Entry> = Vec::new();
        let mut cx: Option<CursorContext> = None;
        let mut tables = Tables {
            arrays: HashMap::new(),
        };
        let mut table = String::new();
        let mut table_entry: Option<usize> = None;
        let mut i = 0;
        // Line by line.
        while i < toks.len() || (cursor.is_some() && cx.is_none()) {
            let line_start = i;
            let mut line_end = i;
            while line_end < toks.len() && toks[line_end].0 != Tok::Newline {
                line_end += 1;
            }
            let line = &toks[line_start..line_end];
            let line_range = TextRange::new(
                line.first().map_or(text.len(), |t| t.1.start),
                line.last().map_or(text.len(), |t| t.1.end),
            );
            let next_line_start = toks.get(line_end).map_or(text.len(), |t| t.1.end);
            let prev_end = if line_start == 0 {
                0
            } else {
                toks[line_start - 1].1.end
            };
            let cursor_here = cursor.filter(|&c| {
                cx.is_none() && c >= prev_end && (c < next_line_start || line_end >= toks.len())
            });
            if line.first().map(|t| t.0) == Some(Tok::LBracket) {
                // A table header.
                let double = line
                    .get(1)
                    .is_some_and(|t| t.0 == Tok::LBracket && t.1.start == line[0].1.end);
                let name_from = if double { 2 } else { 1 };
                let close = line[name_from..]
                    .iter()
                    .position(|t| t.0 == Tok::RBracket)
                    .map(|p| p + name_from);
                let name_toks = &line[name_from.min(line.len())..close.unwrap_or(line.len())];
                let name_toks: Vec<(Tok, TextRange)> = name_toks
                    .iter()
                    .copied()
                    .filter(|t| matches!(t.0, Tok::Str | Tok::Bare))
                    .collect();
                let parts = key_parts(text, &name_toks);
                if let Some(c) = cursor_here {
                    let name_start = line[(name_from - 1).min(line.len() - 1)].1.end;
                    let name_end = close.map_or(line_range.end, |p| line[p].1.start);
                    if c >= name_start && c <= name_end {
                        let before: Vec<(String, TextRange)> =
                            parts.iter().filter(|p| p.1.end < c).cloned().collect();
                        let on = parts.iter().find(|p| p.1.start <= c && c <= p.1.end);
                        let parent = tables.resolve("", &before);
                        let token = on.map_or(TextRange::empty(c), |p| p.1);
                        cx = Some(CursorContext {
                            object: parent,
                            slot: Slot::Header,
                            token,
                            prefix: prefix_of(text, token, c),
                            present: Vec::new(),
                            comma_before: None,
                            comma_after: false,
                            has_separator: close.is_some(),
                            inline: false,
                        });
                    }
                }
                if let Some(e) = table_entry.and_then(|e| entries.get_mut(e))
                    && let Some(v) = &mut e.value
                {
                    v.end = v.end.max(prev_end.saturating_sub(1)).max(v.start);
                }
                if parts.is_empty() {
                    table = String::new();
                    table_entry = None;
                } else {
                    let (last, parents) = parts
                        .split_last()
                        .map_or((None, &parts[..0]), |(l, p)| (Some(l), p));
                    let parent = tables.resolve("", parents);
                    let name = last.map(|l| l.0.clone()).unwrap_or_default();
                    let mut ptr = pointer::push(&parent, &name);
                    if double {
                        let n = tables.arrays.entry(ptr.clone()).or_insert(0);
                        *n += 1;
                        ptr = pointer::push(&ptr, &(*n - 1).to_string());
                    } else if let Some(n) = tables.arrays.get(&ptr) {
                        ptr = pointer::push(&ptr, &n.saturating_sub(1).to_string());
                    }
                    let key = TextRange::new(
                        parts.first().map_or(line_range.start, |p| p.1.start),
                        parts.last().map_or(line_range.end, |p| p.1.end),
                    );
                    entries.push(Entry {
                        pointer: ptr.clone(),
                        key,
                        value: Some(TextRange::new(line_range.start, line_range.end)),
                        container: true,
                    });
                    table_entry = Some(entries.len() - 1);
                    table = ptr;
                }
                // Extend the table over this line.
                i = line_end + 1;
                if let Some(e) = table_entry.and_then(|e| entries.get_mut(e))
                    && let Some(v) = &mut e.value
                {
                    v.end = line_range.end;
                }
                if i > toks.len() && cursor.is_some() && cx.is_none() {
                    break;
                }
                continue;
            }
            // A key/value line (possibly spanning lines: arrays, inline
            // tables, multi-line strings are single tokens).
            let mut j = line_start;
            let end = parse_pair(
                text,
                &toks,
                &mut j,
                &table,
                &tables,
                &mut entries,
                cursor_here,
                &mut cx,
                false,
            );
            // Skip to the end of the (possibly multi-line) statement.
            let mut k = end.max(line_end);
            while k < toks.len() && toks[k].0 != Tok::Newline {
                k += 1;
            }
            if let Some(e) = table_entry.and_then(|e| entries.get_mut(e))
                && let Some(v) = &mut e.value
                && k > line_start
            {
                let last = toks[..k].iter().rev().find(|t| t.0 != Tok::Newline);
                if let Some(t) = last {
                    v.end = v.end.max(t.1.end);
                }
            }
            if let (Some(c), None) = (cursor_here, &cx) {
                // A blank or comment line: a key can go here.
                cx = Some(CursorContext {
                    object: table.clone(),
                    slot: Slot::Key,
                    token: TextRange::empty(c),
                    prefix: String::new(),
                    present: Vec::new(),
                    comma_before: None,
                    comma_after: false,
                    has_separator: false,
                    inline: false,
                });
            }
            i = k + 1;
            if k >= toks.len() {
                break;
            }
        }
        (
            Scan {
                format: Format::Toml,
                entries,
            },
            cx,
        )
    }

    /// Parses `key = value` starting at token `*j`; returns the index of the
    /// token after the value.
    #[allow(clippy::too_many_arguments)]
    fn parse_pair(
        text: &str,
        toks: &[(Tok, TextRange)],
        j: &mut usize,
        table: &str,
        tables: &Tables,
        entries: &mut Vec<Entry>,
        cursor: Option<usize>,
        cx: &mut Option<CursorContext>,
        inline: bool,
    ) -> usize {
        let stop = |t: Tok| {
            matches!(t, Tok::Eq | Tok::Newline | Tok::Comma | Tok::RBrace)
                || (!inline && t == Tok::Newline)
        };
        let key_from = *j;
        while *j < toks.len() && !stop(toks[*j].0) && matches!(toks[*j].0, Tok::Str | Tok::Bare) {
            *j += 1;
        }
        let key_toks = &toks[key_from..*j];
        let parts = key_parts(text, key_toks);
        let has_eq = toks.get(*j).map(|t| t.0) == Some(Tok::Eq);
        // The cursor on the key part.
        if let Some(c) = cursor
            && cx.is_none()
        {
            let key_end = key_toks.last().map_or(c, |t| t.1.end);
            let eq_at = if has_eq { toks[*j].1.start } else { usize::MAX };
            if key_toks.is_empty()
                || c <= key_end.max(key_toks.first().map_or(c, |t| t.1.start)) && c <= eq_at
            {
                let before: Vec<(String, TextRange)> =
                    parts.iter().filter(|p| p.1.end < c).cloned().collect();
                let on = parts.iter().find(|p| p.1.start <= c && c <= p.1.end);
                let object = resolve_in(table, &before);
                let token = on.map_or(TextRange::empty(c), |p| p.1);
                let next = toks.get(*j).map(|t| t.0);
                if key_toks.is_empty() || c >= key_toks[0].1.start {
                    *cx = Some(CursorContext {
                        object,
                        slot: Slot::Key,
                        token,
                        prefix: prefix_of(text, token, c),
                        present: Vec::new(),
                        comma_before: None,
                        comma_after: inline
                            && !matches!(next, Some(Tok::Comma | Tok::RBrace) | None)
                            && !has_eq,
                        has_separator: has_eq,
                        inline,
                    });
                }
            }
        }
        let _ = tables;
        if parts.is_empty() && !has_eq {
            return *j;
        }
        let ptr = parts
            .iter()
            .fold(table.to_owned(), |p, (k, _)| pointer::push(&p, k));
        let key_range = TextRange::new(
            parts.first().map_or(0, |p| p.1.start),
            parts.last().map_or(0, |p| p.1.end),
        );
        if !has_eq {
            entries.push(Entry {
                pointer: ptr,
                key: key_range,
                value: None,
                container: false,
            });
            return *j;
        }
        let eq_end = toks[*j].1.end;
        *j += 1;
        // The value.
        let value_tok = toks.get(*j).copied();
        let in_value = |c: usize| c >= eq_end;
        let key_name = parts.last().map(|p| p.0.clone()).unwrap_or_default();
        let parent = parts
            .split_last()
            .map_or(table.to_owned(), |(_, ps)| resolve_in(table, ps));
        match value_tok {
            Some((Tok::LBrace, r)) => {
                let idx = entries.len();
                entries.push(Entry {
                    pointer: ptr.clone(),
                    key: key_range,
                    value: Some(TextRange::new(r.start, text.len())),
                    container: true,
                });
                *j += 1;
                loop {
                    while *j < toks.len() && matches!(toks[*j].0, Tok::Comma | Tok::Newline) {
                        *j += 1;
                    }
                    match toks.get(*j) {
                        Some((Tok::RBrace, rr)) => {
                            if let Some(c) = cursor
                                && cx.is_none()
                                && c > r.start
                                && c <= rr.start
                            {
                                *cx = Some(inline_key_cx(&ptr, c, toks, *j));
                            }
                            entries[idx].value = Some(TextRange::new(r.start, rr.end));
                            *j += 1;
                            return *j;
                        }
                        None => {
                            if let Some(c) = cursor
                                && cx.is_none()
                                && c > r.start
                            {
                                *cx = Some(inline_key_cx(&ptr, c, toks, *j));
                            }
                            return *j;
                        }
                        Some(_) => {
                            let before = *j;
                            if let Some(c) = cursor
                                && cx.is_none()
                                && c > r.start
                                && c < toks[*j].1.start
                            {
                                *cx = Some(inline_key_cx(&ptr, c, toks, *j));
                            }
                            parse_pair(text, toks, j, &ptr, tables, entries, cursor, cx, true);
                            if *j == before {
                                *j += 1;
                            }
                        }
                    }
                }
            }
            Some((Tok::LBracket, r)) => {
                // An array: skip to its matching bracket.
                let mut depth = 0usize;
                let mut end = r.end;
                while *j < toks.len() {
                    match toks[*j].0 {
                        Tok::LBracket | Tok::LBrace => depth += 1,
                        Tok::RBracket | Tok::RBrace => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                end = toks[*j].1.end;
                                *j += 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                    end = toks[*j].1.end;
                    *j += 1;
                }
                if let Some(c) = cursor
                    && cx.is_none()
                    && in_value(c)
                    && c <= end
                {
                    *cx = Some(CursorContext {
                        object: ptr.clone(),
                        slot: Slot::Other,
                        token: TextRange::empty(c),
                        prefix: String::new(),
                        present: Vec::new(),
                        comma_before: None,
                        comma_after: false,
                        has_separator: false,
                        inline,
                    });
                }
                entries.push(Entry {
                    pointer: ptr,
                    key: key_range,
                    value: Some(TextRange::new(r.start, end)),
                    container: true,
                });
                *j
            }
            Some((Tok::Str | Tok::Bare, r)) => {
                *j += 1;
                if let Some(c) = cursor
                    && cx.is_none()
                    && in_value(c)
                    && c <= r.end
                {
                    let token = if c >= r.start { r } else { TextRange::empty(c) };
                    let next = toks.get(*j).map(|t| t.0);
                    *cx = Some(CursorContext {
                        object: parent.clone(),
                        slot: Slot::Value {
                            key: key_name.clone(),
                        },
                        token,
                        prefix: prefix_of(text, token, c),
                        present: Vec::new(),
                        comma_before: None,
                        comma_after: inline
                            && !matches!(next, Some(Tok::Comma | Tok::RBrace) | None),
                        has_separator: true,
                        inline,
                    });
                }
                entries.push(Entry {
                    pointer: ptr,
                    key: key_range,
                    value: Some(r),
                    container: false,
                });
                *j
            }
            _ => {
                // `key = ` with nothing after it (yet).
                if let Some(c) = cursor
                    && cx.is_none()
                    && in_value(c)
                    && value_tok.is_none_or(|t| c <= t.1.start)
                {
                    let next = value_tok.map(|t| t.0);
                    *cx = Some(CursorContext {
                        object: parent,
                        slot: Slot::Value { key: key_name },
                        token: TextRange::empty(c),
                        prefix: String::new(),
                        present: Vec::new(),
                        comma_before: None,
                        comma_after: inline
                            && !matches!(
                                next,
                                Some(Tok::Comma | Tok::RBrace | Tok::Newline) | None
                            ),
                        has_separator: true,
                        inline,
                    });
                }
                entries.push(Entry {
                    pointer: ptr,
                    key: key_range,
                    value: None,
                    container: false,
                });
                *j
            }
        }
    }

    fn inline_key_cx(ptr: &str, c: usize, toks: &[(Tok, TextRange)], j: usize) -> CursorContext {
        // Between members of an inline table.
        let prev = toks[..j]
            .iter()
            .rev()
            .find(|t| t.0 != Tok::Newline && t.1.end <= c)
            .map(|t| t.0);
        let next = toks.get(j).map(|t| t.0);
        CursorContext {
            object: ptr.to_owned(),
            slot: Slot::Key,
            token: TextRange::empty(c),
            prefix: String::new(),
            present: Vec::new(),
            comma_before: if matches!(prev, Some(Tok::LBrace | Tok::Comma) | None) {
                None
            } else {
                toks[..j]
                    .iter()
                    .rev()
                    .find(|t| t.0 != Tok::Newline && t.1.end <= c)
                    .map(|t| t.1.end)
            },
            comma_after: !matches!(next, Some(Tok::RBrace | Tok::Comma) | None),
            has_separator: false,
            inline: true,
        }
    }

    fn resolve_in(table: &str, parts: &[(String, TextRange)]) -> String {
        parts
            .iter()
            .fold(table.to_owned(), |p, (k, _)| pointer::push(&p, k))
    }
}
