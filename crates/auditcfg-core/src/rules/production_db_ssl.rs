//! `AC206` production-db-ssl: production talks to PostgreSQL over TLS.
//!
//! **What.** In production, `database.ssl` must be true.
//!
//! **Why.** Audit events carry protected health information; they must be
//! encrypted in transit. Upstream rejects production configs without it.
//!
//! **Example.** `"environment": "production", "database": {"ssl": false}`.
//!
//! **Fix.** Set `database.ssl` to `true` and use a TLS-enabled PostgreSQL
//! endpoint.

use super::{Code, Context, Rule};
use crate::diagnostic::Diagnostic;
use crate::environment::Environment;

pub(super) const RULE: Rule = Rule {
    code: Code::ProductionDbSsl,
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if cx.is(Environment::Production) && cx.bool("/database/ssl") == Some(false) {
        out.push(
            RULE.diag(
                "/database/ssl",
                "database SSL must be enabled in production",
            )
            .with_help("set it to true"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::*;
    use serde_json::json;

    #[test]
    fn production_needs_ssl() {
        let mut doc = preset("production");
        assert!(run_rule(&RULE, &doc).is_empty());
        set(&mut doc, "/database/ssl", json!(false));
        assert_eq!(paths(&RULE, &doc), ["/database/ssl"]);
        assert!(run_rule(&RULE, &preset("development")).is_empty());
    }
}
