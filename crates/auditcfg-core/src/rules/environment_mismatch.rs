//! `AC303` environment-mismatch: the sections agree on the environment.
//!
//! **What.** `server.environment` and `logging.environment` must name the
//! same environment as the top-level `environment` (upstream's aliases
//! `dev`, `stage` and `prod` count as their environment).
//!
//! **Why.** The server reads the top-level field for its policies, but the
//! API reports `server.environment` and every log line carries
//! `logging.environment`: a production config that logs as `development`
//! sends its logs to the wrong dashboards and alerts, and usually means a
//! section was copied from another environment's file.
//!
//! **Example.** `"environment": "production", "logging": {"environment":
//! "development"}` is reported at `/logging/environment`.
//!
//! **Fix.** Set the section's `environment` to the document's `environment`;
//! the quick fix does it (safe).

use super::{Code, Context, Rule};
use crate::diagnostic::Diagnostic;
use crate::environment::Environment;

pub(super) const RULE: Rule = Rule {
    code: Code::EnvironmentMismatch,
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(top) = cx.str("/environment") else {
        return;
    };
    let Some(top_env) = Environment::from_name(top) else {
        return;
    };
    for path in ["/server/environment", "/logging/environment"] {
        let Some(here) = cx.str(path) else { continue };
        if Environment::from_name(here) == Some(top_env) {
            continue;
        }
        out.push(
            RULE.diag(
                path,
                format!("`{here}` differs from the document's environment `{top}`"),
            )
            .with_help(format!("set it to {top_env}")),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::*;
    use serde_json::json;

    #[test]
    fn sections_must_agree() {
        for env in ["development", "staging", "production", "test"] {
            assert!(run_rule(&RULE, &preset(env)).is_empty(), "{env}");
        }
        let mut doc = preset("production");
        set(&mut doc, "/server/environment", json!("prod"));
        assert!(run_rule(&RULE, &doc).is_empty());
        set(&mut doc, "/logging/environment", json!("development"));
        set(&mut doc, "/server/environment", json!("Production"));
        assert_eq!(
            paths(&RULE, &doc),
            ["/server/environment", "/logging/environment"]
        );
    }

    #[test]
    fn unknown_or_mistyped_values_are_skipped() {
        let mut doc = preset("staging");
        set(&mut doc, "/logging/environment", json!(3));
        assert!(run_rule(&RULE, &doc).is_empty());
        set(&mut doc, "/logging/environment", json!("production"));
        set(&mut doc, "/environment", json!("nowhere"));
        assert!(run_rule(&RULE, &doc).is_empty());
    }
}
