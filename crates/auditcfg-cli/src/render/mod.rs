//! Rendering of core data for people (human) and machines (JSON, SARIF).
//! Line and column numbers are computed here, at the edge, with the core's
//! one mapping function ([`auditcfg_core::LineIndex`]).
//!
//! Column conventions, one per output (1-based everywhere):
//! - human text (`file:line:column`, and one-line error summaries):
//!   **characters** (Unicode scalar values), as a person counts them;
//! - JSON and SARIF: **UTF-16 code units** (SARIF's `utf16CodeUnits`, what
//!   LSP and JavaScript editors use), labelled `"columnKind":
//!   "utf16CodeUnits"`; JSON's `offset` and SARIF's `byteOffset` are UTF-8
//!   byte offsets into the file.

pub(crate) mod human;
pub(crate) mod json;
pub(crate) mod safe;
pub(crate) mod sarif;

use crate::ColorWhen;
use auditcfg_core::validate::Report;
use auditcfg_core::{Diagnostic, LineIndex, Severity};
use std::io::IsTerminal;

/// One file of a `validate` run: its report, or why it could not be read.
pub(crate) struct FileReport {
    pub name: String,
    pub text: String,
    pub report: Report,
    /// Set when the file could not be read (then `report` is empty).
    pub error: Option<String>,
}

/// The 1-based character column of a position (human output's column).
pub(crate) fn char_column(text: &str, at: auditcfg_core::LineCol) -> usize {
    let line_start = at.offset.saturating_sub(at.column - 1);
    text.get(line_start..at.offset)
        .map_or(at.column, |prefix| prefix.chars().count() + 1)
}

/// Decides whether to colour standard output.
pub(crate) fn use_color(when: ColorWhen) -> bool {
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal()
        }
    }
}

/// A one-line summary of the first error (for commands that need a valid
/// document and cannot go on).
pub(crate) fn first_error(name: &str, text: &str, diagnostics: &[Diagnostic]) -> String {
    let index = LineIndex::new(text);
    diagnostics
        .iter()
        .find(|d| d.severity == Severity::Error)
        .map(|d| {
            let at = index.line_col(d.range.start);
            format!(
                "{name}:{}:{}: {} [{}]",
                at.line,
                char_column(text, at),
                d.message,
                d.code
            )
        })
        .unwrap_or_else(|| format!("{name}: the document does not parse"))
}
