//! `AC103` out-of-range: a number is outside its inclusive limits.
//!
//! **What.** The number is below the schema minimum or above its maximum.
//! Upstream limits are copied exactly (e.g. `server.port` 3000..65535,
//! `database.poolSize` 1..100); other fields get physical bounds (ratios
//! 0..1, hours 0..23, non-negative durations).
//!
//! **Why.** Upstream rejects the same values; the others cannot be meant.
//!
//! **Example.** `"poolSize": 0`.

use super::{RuleGroup, RuleMeta};
use crate::diagnostic::Severity;

pub(crate) const META: RuleMeta = RuleMeta {
    code: "AC103",
    name: "out-of-range",
    group: RuleGroup::Schema,
    severity: Severity::Error,
    summary: "Values outside their limits are rejected upstream or make no sense.",
};
