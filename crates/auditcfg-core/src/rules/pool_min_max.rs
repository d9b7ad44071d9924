//! `AC304` pool-min-max: the connection pool's minimum fits its maximum.
//!
//! **What.** `enhancedClient.connectionPool.minConnections` must not exceed
//! `enhancedClient.connectionPool.maxConnections`.
//!
//! **Why.** The pool cannot keep more idle connections than it may open;
//! depending on the driver it refuses to start or silently caps the minimum.
//! Upstream does not check it.
//!
//! **Example.** `"connectionPool": {"minConnections": 60, "maxConnections":
//! 50}` is reported at `/enhancedClient/connectionPool/minConnections`.
//!
//! **Fix.** Lower `minConnections` to at most `maxConnections`, or raise the
//! maximum.

use super::{Code, Context, Rule};
use crate::diagnostic::Diagnostic;

pub(super) const RULE: Rule = Rule {
    code: Code::PoolMinMax,
    check,
};

const POOL: &str = "/enhancedClient/connectionPool";

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let (Some(min), Some(max)) = (
        cx.num(&format!("{POOL}/minConnections")),
        cx.num(&format!("{POOL}/maxConnections")),
    ) else {
        return;
    };
    if min > max {
        out.push(
            RULE.diag(
                format!("{POOL}/minConnections"),
                format!("minConnections ({min}) is above maxConnections ({max})"),
            )
            .with_help("lower minConnections or raise maxConnections"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::*;
    use serde_json::json;

    #[test]
    fn min_above_max_fails() {
        let mut doc = preset("production");
        assert!(run_rule(&RULE, &doc).is_empty());
        set(
            &mut doc,
            "/enhancedClient/connectionPool/minConnections",
            json!(50),
        );
        assert!(run_rule(&RULE, &doc).is_empty());
        set(
            &mut doc,
            "/enhancedClient/connectionPool/minConnections",
            json!(60),
        );
        assert_eq!(
            paths(&RULE, &doc),
            ["/enhancedClient/connectionPool/minConnections"]
        );
        set(
            &mut doc,
            "/enhancedClient/connectionPool/maxConnections",
            json!("50"),
        );
        assert!(run_rule(&RULE, &doc).is_empty());
    }
}
