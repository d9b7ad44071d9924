//! `AC106` invalid-format: a string is not a valid date-time or URI.
//!
//! **What.** `lastUpdated` must be an RFC 3339 date-time; fields typed as
//! URIs must be absolute URIs.
//!
//! **Why.** Upstream parses `lastUpdated` as a date; an unparseable one is
//! `Invalid Date` and breaks version history.
//!
//! **Example.** `"lastUpdated": "yesterday"`.

use super::{RuleGroup, RuleMeta};
use crate::diagnostic::Severity;

pub(crate) const META: RuleMeta = RuleMeta {
    code: "AC106",
    name: "invalid-format",
    group: RuleGroup::Schema,
    severity: Severity::Error,
    summary: "Dates and URLs must parse.",
};
