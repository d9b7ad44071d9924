//! The fixes a diagnostic carries, as code actions.
//!
//! Interim: until diagnostics carry their fixes as data (the code registry
//! issue), the one fix derived here is the rename of a misspelt key
//! (`AC318` with a suggestion). This module is the only place to change
//! when fixes arrive.

use super::TextEdit;
use super::actions::{ActionKind, CodeAction};
use crate::diagnostic::Diagnostic;

/// The fixes of `d` in `text`.
pub fn of(text: &str, d: &Diagnostic) -> Vec<CodeAction> {
    let mut out = Vec::new();
    if d.code == "AC318"
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
            code: Some(d.code.to_string()),
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
