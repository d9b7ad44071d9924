//! The context at a cursor, for editors: which object (JSON Pointer),
//! key or value position, which keys are already there, and what an
//! insertion needs to keep the document valid, on documents that do not
//! parse.
//!
//! The entries (every recoverable key and value with its pointer and
//! ranges) and the state of the scan at the cursor (the open object,
//! whether a key has its colon yet, the previous member's end for a
//! missing comma) both come from the shared error-tolerant view,
//! [`crate::syntax::tolerant`], in one pass; this module adds what was
//! typed so far and which keys are present. It never fails, never panics,
//! and is linear; it recovers from what typing leaves behind (an open
//! string, a missing comma, `"key": ` with no value, a bare word, a TOML
//! line `comm`, an unclosed table header).

use crate::diagnostic::TextRange;
use crate::pointer;
use crate::syntax::Format;
use crate::syntax::tolerant::{self, ValueKind};

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

pub use crate::syntax::tolerant::Slot;

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
        Scan::from_tolerant(tolerant::scan(text, format), format)
    }

    fn from_tolerant(scan: tolerant::Scan, format: Format) -> Scan {
        let entries = scan
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
    let (scan, at) = tolerant::cursor(text, format, offset);
    let scan = Scan::from_tolerant(scan, format);
    let cx = CursorContext {
        prefix: prefix_of(text, at.token, offset),
        present: keys_of(&scan.entries, &at.object, Some(at.token)),
        object: at.object,
        slot: at.slot,
        token: at.token,
        comma_before: at.comma_before,
        comma_after: at.comma_after,
        has_separator: at.has_separator,
        inline: at.inline,
    };
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
