//! `AC312` pagination-limits: the default page size fits the maximum.
//!
//! **What.** `server.performance.pagination.defaultLimit` must not exceed
//! `server.performance.pagination.maxLimit`.
//!
//! **Why.** A request without a limit gets the default; above the maximum
//! it is either clamped (the default is a lie) or rejected (every plain
//! list call fails). Upstream does not check it.
//!
//! **Example.** `"pagination": {"defaultLimit": 500, "maxLimit": 100}` is
//! reported at `/server/performance/pagination/defaultLimit`.

use super::{Context, Rule, RuleGroup, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

pub(super) const RULE: Rule = Rule {
    meta: RuleMeta {
        code: "AC312",
        name: "pagination-limits",
        group: RuleGroup::Review,
        severity: Severity::Error,
        summary: "A default page size above the maximum is clamped or rejected on every plain list call.",
    },
    check,
};

const PAGINATION: &str = "/server/performance/pagination";

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let (Some(default), Some(max)) = (
        cx.num(&format!("{PAGINATION}/defaultLimit")),
        cx.num(&format!("{PAGINATION}/maxLimit")),
    ) else {
        return;
    };
    if default > max {
        out.push(
            RULE.diag(
                format!("{PAGINATION}/defaultLimit"),
                format!("defaultLimit ({default}) is above maxLimit ({max})"),
            )
            .with_help("lower defaultLimit or raise maxLimit"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::*;
    use serde_json::json;

    #[test]
    fn default_above_max_fails() {
        let mut doc = preset("staging");
        assert!(run_rule(&RULE, &doc).is_empty());
        set(
            &mut doc,
            "/server/performance/pagination/defaultLimit",
            json!(501),
        );
        assert_eq!(
            paths(&RULE, &doc),
            ["/server/performance/pagination/defaultLimit"]
        );
        set(
            &mut doc,
            "/server/performance/pagination/maxLimit",
            json!(null),
        );
        assert!(run_rule(&RULE, &doc).is_empty());
    }
}
