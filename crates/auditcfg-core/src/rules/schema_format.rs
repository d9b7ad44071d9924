//! `AC106` invalid-format: a string is not a valid URI.
//!
//! **What.** Fields typed as URIs must be absolute URIs. (`lastUpdated` is
//! checked by `AC211`, as JavaScript's `Date.parse` reads it.)
//!
//! **Why.** A URL that does not parse is only found at run time, when the
//! connection fails.
//!
//! **Example.** `"tracing": {"exporterEndpoint": "not a url"}`.

use super::{RuleGroup, RuleMeta};
use crate::diagnostic::Severity;

pub(crate) const META: RuleMeta = RuleMeta {
    code: "AC106",
    name: "invalid-format",
    group: RuleGroup::Schema,
    severity: Severity::Error,
    summary: "URLs must parse.",
};
