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
//!
//! **Fix.** Lower `defaultLimit` to at most `maxLimit`, or raise `maxLimit`.

use super::{Code, Context, Rule};
use crate::diagnostic::Diagnostic;

pub(super) const RULE: Rule = Rule {
    code: Code::PaginationLimits,
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
