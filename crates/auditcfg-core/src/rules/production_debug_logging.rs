//! `AC207` production-debug-logging: no debug logging in production.
//!
//! **What.** In production, `logging.level` must not be `debug`.
//!
//! **Why.** Debug logs are voluminous and may contain request payloads with
//! health information. Upstream's `validateConfiguration` rejects it (and
//! `validateEnvironmentConfig` warns about it at start-up).
//!
//! **Example.** `"environment": "production", "logging": {"level": "debug"}`.
//!
//! **Fix.** Set `logging.level` to `info` (or `warn`) in production.

use super::{Code, Context, Rule};
use crate::diagnostic::Diagnostic;
use crate::environment::Environment;

pub(super) const RULE: Rule = Rule {
    code: Code::ProductionDebugLogging,
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if cx.is(Environment::Production) && cx.str("/logging/level") == Some("debug") {
        out.push(
            RULE.diag(
                "/logging/level",
                "debug logging is not allowed in production",
            )
            .with_help("use info or warn"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::*;
    use serde_json::json;

    #[test]
    fn debug_fails_in_production_only() {
        let mut doc = preset("production");
        assert!(run_rule(&RULE, &doc).is_empty());
        set(&mut doc, "/logging/level", json!("debug"));
        assert_eq!(paths(&RULE, &doc), ["/logging/level"]);
        assert!(run_rule(&RULE, &preset("development")).is_empty());
    }
}
