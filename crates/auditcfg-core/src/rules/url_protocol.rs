//! `AC210` url-protocol: the Redis and PostgreSQL URLs parse and use the
//! right scheme.
//!
//! **What.** `redis.url` must parse as a URL with scheme `redis:` or
//! `rediss:`; `database.url` with `postgresql:` or `postgres:`. Upstream
//! checks exactly this (`new URL(...)` and its `protocol`).
//!
//! **Why.** The server cannot connect otherwise, and fails at start-up
//! rather than at review time. The message never shows the URL, which may
//! carry credentials.
//!
//! **Example.** `"redis": {"url": "http://cache:6379"}`.
//!
//! **Fix.** Use `redis://` or `rediss://` for Redis and `postgresql://` or
//! `postgres://` for PostgreSQL.

use super::{Code, Context, Rule};
use crate::diagnostic::Diagnostic;

pub(super) const RULE: Rule = Rule {
    code: Code::UrlProtocol,
    check,
};

const CHECKS: &[(&str, &[&str], &str)] = &[
    ("/redis/url", &["redis", "rediss"], "redis:// or rediss://"),
    (
        "/database/url",
        &["postgresql", "postgres"],
        "postgresql:// or postgres://",
    ),
];

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (path, schemes, expected) in CHECKS {
        let Some(raw) = cx.str(path) else { continue };
        match url::Url::parse(raw) {
            Ok(u) if schemes.contains(&u.scheme()) => {}
            Ok(u) => out.push(
                RULE.diag(
                    *path,
                    format!("scheme `{}:` is not allowed here", u.scheme()),
                )
                .with_help(format!("use {expected}")),
            ),
            Err(e) => out.push(
                RULE.diag(*path, format!("not a valid URL ({e})"))
                    .with_help(format!("expected {expected}host:port")),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::*;
    use serde_json::json;

    #[test]
    fn schemes_are_checked() {
        let mut doc = preset("development");
        assert!(run_rule(&RULE, &doc).is_empty());
        set(&mut doc, "/redis/url", json!("http://u:MARKER@cache:6379"));
        set(&mut doc, "/database/url", json!("not a url MARKER"));
        let d = run_rule(&RULE, &doc);
        assert_eq!(d.len(), 2);
        assert!(d.iter().all(|d| !d.message.contains("MARKER")));
    }
}
