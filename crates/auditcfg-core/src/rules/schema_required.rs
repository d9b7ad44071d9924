//! `AC101` required-field: a field the server needs is missing.
//!
//! **What.** A key the schema marks as required is absent. The range points
//! at the key of the object that should hold it.
//!
//! **Why.** Upstream reads every section and field; a missing one is
//! `undefined` at run time and fails far from its cause.
//!
//! **Example.** A `redis` object without `url`.

use super::{RuleGroup, RuleMeta};
use crate::diagnostic::Severity;

pub(crate) const META: RuleMeta = RuleMeta {
    code: "AC101",
    name: "required-field",
    group: RuleGroup::Schema,
    severity: Severity::Error,
    summary: "Every field the server reads must be present.",
};
