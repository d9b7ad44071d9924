//! `AC105` pattern-mismatch: a string does not match its pattern.
//!
//! **What.** Version strings (`^[0-9A-Za-z_.-]+$`), host names, queue names
//! (`^[a-zA-Z0-9_-]+$`) and recipient e-mail addresses
//! (`^[^\s@]+@[^\s@]+\.[^\s@]+$`) are checked with upstream patterns,
//! written ASCII-exact.
//!
//! **Why.** Upstream rejects the same values.
//!
//! **Example.** `"queueName": "audit queue"`.

use super::{RuleGroup, RuleMeta};
use crate::diagnostic::Severity;

pub(crate) const META: RuleMeta = RuleMeta {
    code: "AC105",
    name: "pattern-mismatch",
    group: RuleGroup::Schema,
    severity: Severity::Error,
    summary: "Names and addresses must match the shapes the server expects.",
};
