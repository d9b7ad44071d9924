//! Document symbols (one per section, nested) and folding ranges, from
//! the tolerant view: they work while the document is broken.

use super::IdeOptions;
use super::scan::{Entry, Scan};
use crate::diagnostic::TextRange;
use crate::syntax::Format;
use serde::Serialize;

/// What a symbol holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum SymbolKind {
    /// An object or TOML table.
    Object,
    /// An array.
    Array,
    /// A string.
    String,
    /// A number.
    Number,
    /// `true` or `false`.
    Boolean,
    /// `null`, or no value yet.
    Null,
}

/// One entry of the outline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Symbol {
    /// The key (dotted from the nearest enclosing symbol).
    pub name: String,
    /// Where it lives.
    pub pointer: String,
    /// What it holds.
    pub kind: SymbolKind,
    /// From the key to the end of the value.
    pub range: TextRange,
    /// The key.
    pub selection_range: TextRange,
    /// Nested symbols.
    pub children: Vec<Symbol>,
}

fn kind_of(text: &str, e: &Entry) -> SymbolKind {
    let Some(v) = e.value else {
        return SymbolKind::Null;
    };
    match text.as_bytes().get(v.start) {
        Some(b'{') => SymbolKind::Object,
        Some(b'[') if e.container && text.get(v.start..v.start + 2) == Some("[[") => {
            SymbolKind::Object
        }
        Some(b'[') if text[..v.start].ends_with('\n') || v.start == 0 => SymbolKind::Object,
        Some(b'[') => SymbolKind::Array,
        Some(b'"' | b'\'') => SymbolKind::String,
        Some(b't' | b'f') => SymbolKind::Boolean,
        Some(b'n') => SymbolKind::Null,
        _ => SymbolKind::Number,
    }
}

/// The outline of a document.
pub fn symbols(text: &str, options: &IdeOptions) -> Vec<Symbol> {
    let format = options.format.unwrap_or_else(|| Format::detect(text));
    let scan = Scan::new(text, format);
    // Flat list with parents, then nested.
    let mut flat: Vec<(Symbol, Option<usize>)> = Vec::new();
    let mut by_pointer: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for e in &scan.entries {
        if e.key.is_empty() && !e.container {
            continue; // a scalar array item
        }
        let parent = crate::pointer::ancestors(&e.pointer).find_map(|a| by_pointer.get(a).copied());
        let base = parent.map_or("", |p| flat[p].0.pointer.as_str());
        let rel = e.pointer.get(base.len()..).unwrap_or("");
        let name = crate::pointer::to_dotted(rel);
        let end = e.value.map_or(e.key.end, |v| v.end.max(e.key.end));
        let start = e.value.map_or(e.key.start, |v| v.start.min(e.key.start));
        let start = if e.key.is_empty() {
            start
        } else {
            e.key.start.min(start)
        };
        let sym = Symbol {
            name: if name.is_empty() {
                e.pointer.clone()
            } else {
                name
            },
            pointer: e.pointer.clone(),
            kind: kind_of(text, e),
            range: TextRange::new(start, end),
            selection_range: if e.key.is_empty() {
                TextRange::new(start, start)
            } else {
                e.key
            },
            children: Vec::new(),
        };
        by_pointer.insert(e.pointer.clone(), flat.len());
        flat.push((sym, parent));
    }
    // Children come after their parents: attach from the end.
    let mut slots: Vec<Option<Symbol>> = Vec::with_capacity(flat.len());
    let parents: Vec<Option<usize>> = flat.iter().map(|(_, p)| *p).collect();
    for (s, _) in flat {
        slots.push(Some(s));
    }
    for i in (0..slots.len()).rev() {
        if let Some(p) = parents[i]
            && let Some(child) = slots[i].take()
            && let Some(parent) = slots[p].as_mut()
        {
            parent.children.insert(0, child);
        }
    }
    slots.into_iter().flatten().collect()
}

/// Folding ranges: objects, arrays and TOML tables spanning several lines.
pub fn folding(text: &str, options: &IdeOptions) -> Vec<TextRange> {
    let format = options.format.unwrap_or_else(|| Format::detect(text));
    let scan = Scan::new(text, format);
    let mut out = Vec::new();
    if format == Format::Json
        && let (Some(s), Some(e)) = (text.find('{'), text.rfind('}'))
        && text[s..e].contains('\n')
    {
        out.push(TextRange::new(s, e + 1));
    }
    for e in &scan.entries {
        if let Some(v) = e.value
            && e.container
            && text.get(v.start..v.end).is_some_and(|s| s.contains('\n'))
        {
            out.push(v);
        }
    }
    out
}
