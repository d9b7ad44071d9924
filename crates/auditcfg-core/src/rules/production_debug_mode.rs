//! `AC315` production-debug-mode: no logger debug mode in production.
//!
//! **What.** In production, `logging.enableDebugMode` should be false.
//!
//! **Why.** Debug mode makes the logger log its own internals and full
//! payloads whatever `logging.level` says, so health information can reach
//! the log pipeline even when `AC207` is satisfied. Upstream's production
//! preset turns it off but nothing enforces it.
//!
//! **Example.** `"environment": "production", "logging": {"enableDebugMode":
//! true}` is reported at `/logging/enableDebugMode`.
//!
//! **Fix.** Set `logging.enableDebugMode` to `false` in production.

use super::{Code, Context, Rule};
use crate::diagnostic::Diagnostic;
use crate::environment::Environment;

pub(super) const RULE: Rule = Rule {
    code: Code::ProductionDebugMode,
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if cx.is(Environment::Production) && cx.bool("/logging/enableDebugMode") == Some(true) {
        out.push(
            RULE.diag(
                "/logging/enableDebugMode",
                "logger debug mode is on in production",
            )
            .with_help("set it to false"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::*;
    use serde_json::json;

    #[test]
    fn debug_mode_warns_in_production_only() {
        let mut doc = preset("production");
        assert!(run_rule(&RULE, &doc).is_empty());
        set(&mut doc, "/logging/enableDebugMode", json!(true));
        assert_eq!(paths(&RULE, &doc), ["/logging/enableDebugMode"]);
        assert!(run_rule(&RULE, &preset("development")).is_empty());
    }
}
