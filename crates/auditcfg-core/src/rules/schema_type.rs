//! `AC102` wrong-type: a value has the wrong JSON type.
//!
//! **What.** The value is not of the type the schema gives (a string where a
//! number is expected, `null` for a required value, a fraction for an
//! integer...).
//!
//! **Why.** Upstream compares with `typeof`; `"5000"` is not `5000`.
//!
//! **Example.** `"connectTimeout": "5000"`.

use super::{RuleGroup, RuleMeta};
use crate::diagnostic::Severity;

pub(crate) const META: RuleMeta = RuleMeta {
    code: "AC102",
    name: "wrong-type",
    group: RuleGroup::Schema,
    severity: Severity::Error,
    summary: "A value of the wrong type is misread or rejected by the server.",
};
