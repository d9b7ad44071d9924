//! Code actions: the fixes the diagnostics carry, and hints to seal
//! secrets that are stored in the clear.

use super::scan::Scan;
use super::{IdeOptions, TextEdit};
use crate::codes::Code;
use crate::diagnostic::{Diagnostic, TextRange};
use crate::secrets;
use crate::syntax::Format;
use crate::validate::{ValidateOptions, validate};
use serde::Serialize;

/// What kind of action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ActionKind {
    /// Repairs a diagnostic (LSP `quickfix`).
    QuickFix,
    /// Advice without an edit: seal this secret with
    /// `auditcfg encrypt --fields` (LSP `refactor`).
    SealSecret,
}

/// One code action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CodeAction {
    /// What the menu shows.
    pub title: String,
    /// Quick fix or hint.
    pub kind: ActionKind,
    /// The code of the diagnostic it repairs.
    pub code: Option<Code>,
    /// The range of that diagnostic (or of the secret).
    pub range: TextRange,
    /// Safe to apply without review.
    pub preferred: bool,
    /// The edits (empty for a hint).
    pub edits: Vec<TextEdit>,
    /// The JSON Pointer concerned.
    pub pointer: String,
}

fn overlaps(a: TextRange, b: TextRange) -> bool {
    a.start <= b.end && b.start <= a.end
}

/// The fixes a diagnostic carries, as code actions.
pub fn fixes_of(d: &Diagnostic) -> Vec<CodeAction> {
    super::fixes::of(d)
}

/// Code actions for the range `range` of `text`: diagnostics are computed
/// here (validation with `options`).
pub fn code_actions(text: &str, range: TextRange, options: &IdeOptions) -> Vec<CodeAction> {
    let report = validate(
        text,
        &ValidateOptions {
            format: options.format,
            environment: options.environment,
            ..ValidateOptions::default()
        },
    );
    actions_for(text, range, &report.diagnostics, options)
}

/// Code actions for `range` given the document's diagnostics (an editor
/// that already has them avoids validating twice).
pub fn actions_for(
    text: &str,
    range: TextRange,
    diagnostics: &[Diagnostic],
    options: &IdeOptions,
) -> Vec<CodeAction> {
    let mut out: Vec<CodeAction> = diagnostics
        .iter()
        .filter(|d| overlaps(d.range, range))
        .flat_map(fixes_of)
        .collect();
    let format = options.format.unwrap_or_else(|| Format::detect(text));
    let scan = Scan::new(text, format);
    for e in &scan.entries {
        let Some(v) = e.value else { continue };
        if e.container || !overlaps(TextRange::new(e.key.start.min(v.start), v.end), range) {
            continue;
        }
        let raw = text.get(v.start..v.end).unwrap_or("");
        let is_string = raw.starts_with('"') || raw.starts_with('\'');
        let body = raw.trim_matches(['"', '\'']);
        if is_string
            && !body.is_empty()
            && !body.starts_with(crate::base::sealed::SEALED_PREFIX)
            && secrets::is_secret(&e.pointer)
        {
            out.push(CodeAction {
                title: format!(
                    "Seal this secret: auditcfg encrypt --fields (`{}` is stored in the clear)",
                    crate::pointer::to_dotted(&e.pointer)
                ),
                kind: ActionKind::SealSecret,
                code: None,
                range: v,
                preferred: false,
                edits: Vec::new(),
                pointer: e.pointer.clone(),
            });
        }
    }
    out
}
