//! `AC104` invalid-enum: a value is not one of the allowed values.
//!
//! **What.** An enumerated field (environment, log level, strategy,
//! algorithm...) holds a value outside its list. Values are case-sensitive,
//! as upstream compares them.
//!
//! **Why.** Upstream either rejects it or falls through to a default branch.
//!
//! **Example.** `"backoffStrategy": "Exponential"`.

use super::{RuleGroup, RuleMeta};
use crate::diagnostic::Severity;

pub(crate) const META: RuleMeta = RuleMeta {
    code: "AC104",
    name: "invalid-enum",
    group: RuleGroup::Schema,
    severity: Severity::Error,
    summary: "Enumerated settings accept only their listed values.",
};
