//! The fixes a diagnostic carries, as code actions: the one place that
//! turns [`Diagnostic::fixes`] into editor actions. Every fix is the core's (`Diagnostic::fixes`); nothing is read back
//! from a message.

use super::actions::{ActionKind, CodeAction};
use crate::diagnostic::{Applicability, Diagnostic};

/// The fixes of `d`.
pub fn of(d: &Diagnostic) -> Vec<CodeAction> {
    d.fixes
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
        .collect()
}
