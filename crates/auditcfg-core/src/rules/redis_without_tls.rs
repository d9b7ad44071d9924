//! `AC302` redis-without-tls: production talks to Redis over TLS.
//!
//! **What.** A Redis URL (`redis.url`, `server.auth.redisUrl`, or any other
//! URL field with a Redis scheme) must use `rediss://` (TLS), not
//! `redis://`. It is an error in production, a warning in staging, and not
//! checked elsewhere.
//!
//! **Why.** The queue and the session store carry audit events and session
//! tokens; in production they must be encrypted in transit, like the
//! database connection (`AC206`). Upstream accepts both schemes. The message
//! never shows the URL, which may carry credentials.
//!
//! **Example.** `"environment": "production", "server": {"auth": {"redisUrl":
//! "redis://redis-prod:6379"}}` is reported at `/server/auth/redisUrl`.
//!
//! **Fix.** Use `rediss://` (Redis over TLS) with a TLS-enabled Redis; the
//! (unsafe) quick fix changes the scheme, which only works once the server
//! speaks TLS.

use super::{Code, Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::environment::Environment;

pub(super) const RULE: Rule = Rule {
    code: Code::RedisWithoutTls,
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let severity = match cx.environment {
        Some(Environment::Production) => Severity::Error,
        Some(Environment::Staging) => Severity::Warning,
        _ => return,
    };
    for field in cx.url_fields() {
        let path = &field.path;
        let Ok(u) = &field.parsed else {
            continue;
        };
        if !u.scheme().eq_ignore_ascii_case("redis") {
            continue;
        }
        let env = cx.environment.map_or("", Environment::as_str);
        let mut d = RULE
            .diag(
                path,
                format!("Redis connection without TLS (`redis://`) in {env}"),
            )
            .with_help("use rediss:// and a TLS-enabled Redis endpoint");
        d.severity = severity;
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::*;
    use serde_json::json;

    #[test]
    fn plain_redis_fails_in_production_and_warns_in_staging() {
        let mut doc = preset("production");
        assert_eq!(paths(&RULE, &doc), ["/server/auth/redisUrl"]);
        set(
            &mut doc,
            "/server/auth/redisUrl",
            json!("rediss://redis-prod:6380"),
        );
        assert!(run_rule(&RULE, &doc).is_empty());
        set(
            &mut doc,
            "/redis/url",
            json!("redis://:MARKER@redis-prod:6379"),
        );
        let d = run_rule(&RULE, &doc);
        assert_eq!(d.len(), 1);
        assert_eq!(
            (d[0].path.as_str(), d[0].severity),
            ("/redis/url", Severity::Error)
        );
        assert!(!d[0].message.contains("MARKER"));

        let staging = run_rule(&RULE, &preset("staging"));
        assert_eq!(staging.len(), 2);
        assert!(staging.iter().all(|d| d.severity == Severity::Warning));
    }

    #[test]
    fn other_environments_and_bad_values_are_skipped() {
        assert!(run_rule(&RULE, &preset("development")).is_empty());
        assert!(run_rule(&RULE, &preset("test")).is_empty());
        let mut doc = preset("production");
        set(&mut doc, "/server/auth/redisUrl", json!(6379));
        set(&mut doc, "/redis/url", json!("not a url"));
        assert!(run_rule(&RULE, &doc).is_empty());
    }
}
