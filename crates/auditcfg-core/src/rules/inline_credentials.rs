//! `AC309` inline-credentials: no passwords inside URLs in the config file.
//!
//! **What.** A URL field (every one `AC308` knows, `redis.url` and
//! `database.url` included) must not carry a password, either as
//! `user:password@` or as a secret-looking query parameter (`?password=`,
//! `?token=`, `?apiKey=`...). A warning in every environment. A masked
//! export's `***` is left to `AC301`.
//!
//! **Why.** Config files get copied, committed and attached to tickets;
//! credentials belong in the environment (`REDIS_URL`, `AUDIT_DB_URL`...)
//! or in an encrypted config file. The message names the field, never the
//! credentials.
//!
//! **Example.** `"database": {"url": "postgresql://audit:s3cret@db:5432/audit"}`
//! is reported at `/database/url`.
//!
//! **Fix.** Take the password out of the URL and provide it through the
//! environment (e.g. `AUDIT_DB_URL`, `REDIS_URL`) or seal it (`auditcfg
//! encrypt --fields`).

use super::{Code, Context, Rule};
use crate::diagnostic::Diagnostic;
use crate::{pointer, secrets};

pub(super) const RULE: Rule = Rule {
    code: Code::InlineCredentials,
    check,
};

/// The environment variables upstream's factory reads for these URLs.
const ENV_VARS: &[(&str, &str)] = &[
    ("/redis/url", "REDIS_URL"),
    ("/database/url", "AUDIT_DB_URL"),
    (
        "/enhancedClient/replication/readReplicas/0",
        "AUDIT_DB_READ_REPLICA_URL_1",
    ),
    (
        "/enhancedClient/replication/readReplicas/1",
        "AUDIT_DB_READ_REPLICA_URL_2",
    ),
    ("/server/auth/betterAuthUrl", "BETTER_AUTH_URL"),
    ("/server/auth/redisUrl", "BETTER_AUTH_REDIS_URL"),
    ("/server/auth/dbUrl", "BETTER_AUTH_DB_URL"),
    ("/server/inngest/baseUrl", "INNGEST_BASE_URL"),
    ("/monitoring/notification/url", "NOTIFICATION_URL"),
    (
        "/observability/tracing/exporterEndpoint",
        "OTLP_TRACES_ENDPOINT",
    ),
    (
        "/observability/metrics/exporterEndpoint",
        "OTLP_METRICS_ENDPOINT",
    ),
    ("/logging/otlp/endpoint", "OTLP_LOGS_ENDPOINT"),
    ("/security/kms/baseUrl", "INFISICAL_URL"),
];

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for field in cx.url_fields() {
        let path = &field.path;
        let Ok(u) = &field.parsed else {
            continue;
        };
        let mask = secrets::URL_CREDENTIAL_MASK;
        let in_userinfo = u.password().is_some_and(|p| !p.is_empty() && p != mask);
        let in_query = u
            .query_pairs()
            .any(|(k, v)| !v.is_empty() && v != mask && secrets::is_secret(&pointer::push("", &k)));
        let message = match (in_userinfo, in_query) {
            (true, _) => "credentials in the config file (a password in the URL)",
            (false, true) => "credentials in the config file (a secret in the query string)",
            (false, false) => continue,
        };
        let help = match ENV_VARS.iter().find(|(p, _)| *p == path) {
            Some((_, var)) => format!("use the {var} environment variable, or encrypt the file"),
            None => "use an environment variable (REDIS_URL, AUDIT_DB_URL...) or encrypt the file"
                .to_owned(),
        };
        out.push(RULE.diag(path, message).with_help(help));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::rules::test_support::*;
    use serde_json::json;

    #[test]
    fn presets_carry_no_credentials() {
        for env in ["development", "staging", "production", "test"] {
            assert!(run_rule(&RULE, &preset(env)).is_empty(), "{env}");
        }
    }

    #[test]
    fn passwords_in_urls_warn_without_showing_them() {
        let mut doc = preset("production");
        set(
            &mut doc,
            "/database/url",
            json!("postgresql://audit:MARKER@postgres-prod:5432/audit_prod"),
        );
        set(
            &mut doc,
            "/redis/url",
            json!("rediss://:MARKER@redis-prod:6380"),
        );
        set(
            &mut doc,
            "/logging/otlp/endpoint",
            json!("https://otlp.example.com/v1/logs?api_key=MARKER"),
        );
        // A user name alone, a masked export and a harmless query are fine.
        set(
            &mut doc,
            "/server/auth/dbUrl",
            json!("postgresql://audit@db:5432/auth"),
        );
        set(
            &mut doc,
            "/enhancedClient/connectionPool/url",
            json!("postgresql://***:***@db/audit"),
        );
        set(
            &mut doc,
            "/security/kms/baseUrl",
            json!("https://kms.example.com/?region=eu"),
        );
        let d = run_rule(&RULE, &doc);
        let got: Vec<&str> = d.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(
            got,
            ["/redis/url", "/database/url", "/logging/otlp/endpoint"]
        );
        assert!(
            d[0].help
                .as_deref()
                .is_some_and(|h| h.contains("REDIS_URL"))
        );
        assert!(d.iter().all(|d| d.severity == Severity::Warning));
        assert!(d.iter().all(|d| !d.message.contains("MARKER")
            && !d.help.as_deref().unwrap_or("").contains("MARKER")));
    }
}
