//! Rendering of core data for people (human) and machines (JSON, SARIF).
//! Line and column numbers are computed here, at the edge, with the core's
//! one mapping function ([`auditcfg_core::LineIndex`]).

pub(crate) mod human;
pub(crate) mod json;
pub(crate) mod safe;
pub(crate) mod sarif;

use crate::ColorWhen;
use auditcfg_core::validate::Report;
use auditcfg_core::{Diagnostic, LineIndex, Severity};
use std::io::IsTerminal;

/// One validated file.
pub(crate) struct FileReport {
    pub name: String,
    pub text: String,
    pub report: Report,
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
                at.line, at.column, d.message, d.code
            )
        })
        .unwrap_or_else(|| format!("{name}: the document does not parse"))
}
