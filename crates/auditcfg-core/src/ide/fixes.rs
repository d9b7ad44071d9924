//! The fixes a diagnostic carries, as code actions: the one place that
//! turns [`Diagnostic::fixes`] into editor actions.
//!
//! A misspelt key (`AC318` with a suggestion) whose diagnostic carries no
//! fix yet gets its rename here, from the suggestion in the message.

use super::TextEdit;
use super::actions::{ActionKind, CodeAction};
use crate::codes::Code;
use crate::diagnostic::{Applicability, Diagnostic};

/// The fixes of `d` in `text`.
pub fn of(text: &str, d: &Diagnostic) -> Vec<CodeAction> {
    let mut out: Vec<CodeAction> = d
        .fixes
        .iter()
        .map(|f| CodeAction {
            title: f.title.clone(),
            kind: ActionKind::QuickFix,
            code: Some(d.code),
            range: d.range,
            preferred: f.applicability == Applicability::Safe,
            edits: f.edits.clone(),
            pointer: d.path.clone(),
        })
        .collect();
    if out.is_empty()
        && d.code == Code::UnknownField
        && let Some(suggestion) = d
            .message
            .split_once("did you mean `")
            .and_then(|(_, rest)| rest.strip_suffix("`?"))
    {
        let key = text.get(d.range.start..d.range.end).unwrap_or("");
        let new_text = if key.starts_with('"') {
            serde_json::to_string(suggestion).unwrap_or_default()
        } else {
            super::complete::toml_key(suggestion)
        };
        out.push(CodeAction {
            title: format!("Rename to `{suggestion}`"),
            kind: ActionKind::QuickFix,
            code: Some(d.code),
            range: d.range,
            preferred: true,
            edits: vec![TextEdit {
                range: d.range,
                new_text,
            }],
            pointer: d.path.clone(),
        });
    }
    out
}
