//! `AC107` schema-violation: any other schema constraint.
//!
//! **What.** A constraint without a more specific code: string length, item
//! counts, alternatives (`anyOf`/`oneOf`) none of which match (e.g.
//! `server.cors.origin` must be a string or a list of strings).
//!
//! **Why.** The schema describes what the server reads.
//!
//! **Example.** `"origin": 42`.

use super::{RuleGroup, RuleMeta};
use crate::diagnostic::Severity;

pub(crate) const META: RuleMeta = RuleMeta {
    code: "AC107",
    name: "schema-violation",
    group: RuleGroup::Schema,
    severity: Severity::Error,
    summary: "The document must match the schema.",
};
