//! Language intelligence for editors: the context at a cursor on a broken
//! document, completion, hover, code actions, formatting, outline and
//! folding. Pure like the rest of the core; it sits above `validate`,
//! `schema`, `secrets` and `preset` and below the edges (the language
//! server `auditcfg lsp`, the npm package).
//!
//! Every offset here is a byte offset into the text; the edges convert
//! to and from UTF-16 (or UTF-8) positions with [`crate::LineIndex`].
//!
//! Formatting is JSON only (upstream's `JSON.stringify(v, null, 2)`):
//! TOML is left as written. The maintained TOML formatter (`taplo`) brings
//! a rowan syntax tree, a lexer generator and their dependencies into a
//! core that ships to WebAssembly under a size budget, for a format that
//! upstream never reads; a hand-rolled one would have to keep comments
//! and layout exactly, which is the formatter's whole job.

mod actions;
mod complete;
mod fixes;
mod format;
mod hover;
pub mod knowledge;
mod outline;
pub mod scan;

pub use actions::{ActionKind, CodeAction, actions_for, code_actions, fixes_of};
pub use complete::{Completion, CompletionKind, complete};
pub use format::{Formatted, format};
pub use hover::{Hover, hover};
pub use outline::{Symbol, SymbolKind, folding, symbols};
pub use scan::{CursorContext, Entry, Scan, Slot, context};

pub use crate::diagnostic::TextEdit;

use crate::diagnostic::TextRange;
use crate::environment::Environment;
use crate::syntax::Format;

/// Options of every `ide` function.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IdeOptions {
    /// The text's format; detected from the content when `None`.
    pub format: Option<Format>,
    /// The environment to help for (preset values, rules); the document's
    /// own `environment` when `None`.
    pub environment: Option<Environment>,
}

/// Applies edits to a text (non-overlapping; any order). Out-of-range or
/// mid-character edits are skipped.
pub fn apply_edits(text: &str, edits: &[TextEdit]) -> String {
    let mut edits: Vec<&TextEdit> = edits.iter().collect();
    crate::base::sort::sort_by_key(&mut edits, |e| {
        std::cmp::Reverse((e.range.start, e.range.end))
    });
    let mut out = text.to_owned();
    for e in edits {
        if e.range.start <= e.range.end
            && e.range.end <= out.len()
            && out.is_char_boundary(e.range.start)
            && out.is_char_boundary(e.range.end)
        {
            out.replace_range(e.range.start..e.range.end, &e.new_text);
        }
    }
    out
}

/// The document's own `environment`, read from the tolerant view.
fn document_environment(text: &str, scan: &Scan) -> Option<Environment> {
    let e = scan.entries.iter().find(|e| e.pointer == "/environment")?;
    let v: TextRange = e.value?;
    let raw = text.get(v.start..v.end)?.trim_matches(['"', '\'']);
    Environment::from_name(raw)
}

#[cfg(test)]
mod tests;
