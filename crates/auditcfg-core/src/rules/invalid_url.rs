//! `AC308` invalid-url: every URL-valued field is an absolute URL with a
//! host.
//!
//! **What.** The URL fields of the document must parse as absolute URLs
//! with a host: `server.auth.betterAuthUrl`, `server.auth.redisUrl`,
//! `server.auth.dbUrl`, `server.inngest.baseUrl`,
//! `monitoring.notification.url`, `observability.tracing.exporterEndpoint`,
//! `observability.metrics.exporterEndpoint`, `logging.otlp.endpoint`,
//! `security.kms.baseUrl`, `enhancedClient.connectionPool.url`, the items of
//! `enhancedClient.replication.readReplicas` and `server.auth.trustedOrigins`,
//! `server.cors.origin` (a string or a list; `*` excepted), and any other
//! string, or list of strings, under a key ending in `Url`, `url`,
//! `Endpoint`, `endpoint`, `Uri` or `uri`. Empty strings are skipped, and
//! `redis.url` and `database.url` are left to `AC210`.
//!
//! **Why.** Upstream checks only the Redis and PostgreSQL URLs; a malformed
//! exporter endpoint, origin or notification URL is found at run time, when
//! traces, logins or alerts silently go nowhere. The message says what is
//! wrong but never shows the URL, which may carry credentials.
//!
//! **Example.** `"monitoring": {"notification": {"url": "XXXXXXXX"}}` is
//! reported as "not a URL: relative URL without a base".
//!
//! **Fix.** Write an absolute URL with a scheme and a host
//! (`https://hooks.example.org/audit`).

use super::{Code, Context, Rule};
use crate::diagnostic::Diagnostic;
use crate::pointer;
use serde_json::Value;

pub(super) const RULE: Rule = Rule {
    code: Code::InvalidUrl,
    check,
};

/// URL fields named by the contract (scalars).
const KNOWN: &[&str] = &[
    "/redis/url",
    "/database/url",
    "/enhancedClient/connectionPool/url",
    "/server/auth/betterAuthUrl",
    "/server/auth/redisUrl",
    "/server/auth/dbUrl",
    "/server/inngest/baseUrl",
    "/monitoring/notification/url",
    "/observability/tracing/exporterEndpoint",
    "/observability/metrics/exporterEndpoint",
    "/logging/otlp/endpoint",
    "/security/kms/baseUrl",
];

/// URL fields that are a list of URLs, or (the CORS origin) a URL or a list.
const LISTS: &[&str] = &[
    "/enhancedClient/replication/readReplicas",
    "/server/auth/trustedOrigins",
    "/server/cors/origin",
];

/// Checked by `AC210` (url-protocol).
const LEFT_TO_AC210: &[&str] = &["/redis/url", "/database/url"];

/// [`url_fields_with`] of the document's own walk (for the tests).
#[cfg(test)]
pub(super) fn url_fields(value: &Value) -> Vec<(String, &str)> {
    url_fields_with(value, super::context::walk(value).url_keys.iter())
}

/// Every non-empty URL-valued string of a document with its pointer: the
/// known fields (`redis.url` and `database.url` included), read replicas,
/// trusted and CORS origins (but `*`), then any string or list of strings
/// under a key ending in `Url`, `url`, `Endpoint`, `endpoint`, `Uri` or
/// `uri` (`walked`: what the shared walk, `Context::walked`, found under
/// such keys, in document order). Shared with the other URL rules
/// (`AC302`, `AC309`, `AC311`).
pub(super) fn url_fields_with<'v, 'p>(
    value: &'v Value,
    walked: impl Iterator<Item = (&'p str, &'v str)>,
) -> Vec<(String, &'v str)> {
    let mut out = Vec::new();
    // What the known fields and lists hold, looked up once (the walked
    // paths are checked against it).
    let known: Vec<Option<&'v str>> = KNOWN
        .iter()
        .map(|path| pointer::get(value, path).and_then(Value::as_str))
        .collect();
    let lists: Vec<Option<&'v Value>> =
        LISTS.iter().map(|path| pointer::get(value, path)).collect();
    for (path, found) in KNOWN.iter().zip(&known) {
        if let Some(s) = found {
            push_url(&mut out, path, s);
        }
    }
    for (path, found) in LISTS.iter().zip(&lists) {
        match found {
            Some(Value::String(s)) => push_url(&mut out, path, s),
            Some(Value::Array(items)) => {
                let mut at = (*path).to_owned();
                for (i, item) in items.iter().enumerate() {
                    if let Some(s) = item.as_str() {
                        pointer::push_index_into(&mut at, i);
                        push_url(&mut out, &at, s);
                        at.truncate(path.len());
                    }
                }
            }
            _ => {}
        }
    }
    // Each path once: the walk finds every path at most once, and the
    // known fields and lists are distinct, so a walked path is a repeat
    // exactly when the part above listed it (no set of every path: a
    // document may hold hundreds of thousands of origins).
    for (at, s) in walked {
        if !listed_above(&known, &lists, at) {
            push_url(&mut out, at, s);
        }
    }
    out
}

/// A URL field worth checking: not empty, not the CORS wildcard.
fn accepted(s: &str) -> bool {
    !(super::trim(s).is_empty() || s == "*")
}

fn push_url<'v>(out: &mut Vec<(String, &'v str)>, at: &str, s: &'v str) {
    if accepted(s) {
        out.push((at.to_owned(), s));
    }
}

/// Did the known fields and lists (the first part of [`url_fields_with`],
/// which found `known` and `lists` there) list `at`?
fn listed_above(known: &[Option<&str>], lists: &[Option<&Value>], at: &str) -> bool {
    if let Some(i) = KNOWN.iter().position(|p| *p == at) {
        return known.get(i).copied().flatten().is_some_and(accepted);
    }
    for (path, found) in LISTS.iter().zip(lists) {
        let Some(rest) = at.strip_prefix(path) else {
            continue;
        };
        match found {
            Some(Value::String(s)) if rest.is_empty() => return accepted(s),
            Some(Value::Array(items)) => {
                // Indexes are written without leading zeros.
                let index = rest
                    .strip_prefix('/')
                    .filter(|i| !i.is_empty() && (i == &"0" || !i.starts_with('0')))
                    .filter(|i| i.bytes().all(|b| b.is_ascii_digit()))
                    .and_then(|i| i.parse::<usize>().ok());
                if let Some(i) = index {
                    return items.get(i).and_then(Value::as_str).is_some_and(accepted);
                }
            }
            _ => {}
        }
    }
    false
}

/// Does a key name a URL field?
pub(super) fn is_url_key(key: &str) -> bool {
    // By the last byte first: this runs for every key of the document.
    let ends = |end: &[&str]| end.iter().any(|e| key.ends_with(e));
    match key.as_bytes().last() {
        Some(b'l') => ends(&["Url", "url"]),
        Some(b't') => ends(&["Endpoint", "endpoint"]),
        Some(b'i') => ends(&["Uri", "uri"]),
        _ => false,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for field in cx.url_fields() {
        let (path, raw) = (&field.path, field.raw);
        // Placeholders are reported once, by AC301.
        if LEFT_TO_AC210.contains(&path.as_str()) || super::placeholder_secret::is_placeholder(raw)
        {
            continue;
        }
        let problem = match &field.parsed {
            Err(e) => format!("not a URL: {e}"),
            // Not the scheme either: in `user:pass@host` it is the user name.
            Ok(u) if u.host_str().is_none_or(str::is_empty) => {
                "not a URL: it has no host (is `scheme://` missing?)".to_owned()
            }
            Ok(_) => continue,
        };
        out.push(
            RULE.diag(path, problem)
                .with_help("write an absolute URL with a host, e.g. https://host:port/path"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::*;
    use serde_json::json;

    #[test]
    fn known_and_discovered_fields_are_listed() {
        let doc = preset("production");
        let fields: Vec<String> = url_fields(&doc).into_iter().map(|(p, _)| p).collect();
        for p in [
            "/redis/url",
            "/database/url",
            "/server/auth/betterAuthUrl",
            "/enhancedClient/replication/readReplicas/1",
            "/server/auth/trustedOrigins/0",
            "/server/cors/origin/1",
            "/logging/otlp/endpoint",
        ] {
            assert!(fields.iter().any(|f| f == p), "{p} missing from {fields:?}");
        }
        let mut sorted = fields.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), fields.len(), "duplicates in {fields:?}");
    }

    #[test]
    fn bad_urls_fail_without_showing_them() {
        // The presets' only bad URL is the notification placeholder, which
        // AC301 reports (once) instead.
        assert!(paths(&RULE, &preset("production")).is_empty());
        let mut doc = preset("development");
        set(
            &mut doc,
            "/monitoring/notification/url",
            json!("https://push.example.com/hook"),
        );
        assert!(run_rule(&RULE, &doc).is_empty());

        set(
            &mut doc,
            "/server/auth/betterAuthUrl",
            json!("localhost:3000"),
        );
        set(
            &mut doc,
            "/server/auth/dbUrl",
            json!("postgresql://u:MARKER@db:99999/x"),
        );
        set(&mut doc, "/server/cors/origin", json!(["*", "MARKER"]));
        set(
            &mut doc,
            "/server/externalServices",
            json!({"webhook": {"callbackUrl": "/hook?t=MARKER"}}),
        );
        // Left to AC210, and empty strings are skipped.
        set(&mut doc, "/redis/url", json!("nonsense"));
        set(&mut doc, "/logging/otlp/endpoint", json!(""));
        let d = run_rule(&RULE, &doc);
        let got: Vec<&str> = d.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(
            got,
            [
                "/server/auth/betterAuthUrl",
                "/server/auth/dbUrl",
                "/server/cors/origin/1",
                "/server/externalServices/webhook/callbackUrl",
            ]
        );
        assert!(d[0].message.contains("no host"), "{}", d[0].message);
        assert!(
            d[1].message.contains("invalid port number"),
            "{}",
            d[1].message
        );
        for d in &d {
            assert!(
                !d.message.contains("MARKER")
                    && !d.help.as_deref().unwrap_or("").contains("MARKER")
            );
        }
    }

    #[test]
    fn mistyped_values_are_skipped() {
        let mut doc = preset("production");
        set(&mut doc, "/monitoring/notification/url", json!(42));
        set(&mut doc, "/server/cors/origin", json!({"a": 1}));
        assert!(run_rule(&RULE, &doc).is_empty());
    }
}
