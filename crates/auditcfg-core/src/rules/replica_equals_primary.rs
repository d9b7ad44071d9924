//! `AC306` replica-equals-primary: read replicas are other databases.
//!
//! **What.** An item of `enhancedClient.replication.readReplicas` must not
//! point at the primary database (`database.url` or
//! `enhancedClient.connectionPool.url`), nor repeat an earlier replica. URLs
//! are compared parsed: same host (case-insensitive), port (5432 when
//! omitted for PostgreSQL; `postgres:` and `postgresql:` are the same) and
//! database, ignoring a trailing slash, the user, password and query.
//!
//! **Why.** Reads routed to a "replica" that is the primary give none of
//! the relief replication was configured for, and a listed twice replica
//! takes twice its share of the reads. The message never shows the URLs,
//! which may carry credentials.
//!
//! **Example.** `"database": {"url": "postgresql://db:5432/audit"}` with
//! `"readReplicas": ["postgresql://db/audit"]` is reported at
//! `/enhancedClient/replication/readReplicas/0`.
//!
//! **Fix.** Point each read replica at a distinct replica host, or remove
//! the entry.

use super::{Code, Context, Rule};
use crate::diagnostic::Diagnostic;

pub(super) const RULE: Rule = Rule {
    code: Code::ReplicaEqualsPrimary,
    check,
};

const REPLICAS: &str = "/enhancedClient/replication/readReplicas";
const PRIMARIES: &[(&str, &str)] = &[
    ("/database/url", "database.url"),
    (
        "/enhancedClient/connectionPool/url",
        "enhancedClient.connectionPool.url",
    ),
];

/// The server a URL names: host, port and database path.
#[derive(Debug, PartialEq, Eq)]
struct Target {
    scheme: String,
    host: String,
    port: Option<u16>,
    path: String,
}

fn target(raw: &str) -> Option<Target> {
    let u = crate::base::web_url::parse(raw).ok()?;
    let host = u.host_str().filter(|h| !h.is_empty())?.to_ascii_lowercase();
    let scheme = match u.scheme() {
        "postgres" | "postgresql" => "postgresql".to_owned(),
        other => other.to_owned(),
    };
    let port = u
        .port_or_known_default()
        .or_else(|| (scheme == "postgresql").then_some(5432));
    let path = u.path().trim_end_matches('/').to_owned();
    Some(Target {
        scheme,
        host,
        port,
        path,
    })
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(items) = cx.array(REPLICAS) else {
        return;
    };
    let primaries: Vec<(&str, Target)> = PRIMARIES
        .iter()
        .filter_map(|(path, name)| Some((*name, target(cx.str(path)?)?)))
        .collect();
    let mut seen: Vec<(usize, Target)> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Some(t) = item.as_str().and_then(target) else {
            continue;
        };
        let at = crate::pointer::push(REPLICAS, &i.to_string());
        if let Some((name, _)) = primaries.iter().find(|(_, p)| *p == t) {
            out.push(
                RULE.diag(
                    at,
                    format!("read replica {i} is the primary database ({name})"),
                )
                .with_help("point it at a replica, or remove it"),
            );
        } else if let Some((j, _)) = seen.iter().find(|(_, s)| *s == t) {
            out.push(
                RULE.diag(at, format!("read replica {i} repeats read replica {j}"))
                    .with_help("remove the duplicate"),
            );
        } else {
            seen.push((i, t));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::rules::test_support::*;
    use serde_json::json;

    #[test]
    fn distinct_replicas_pass() {
        for env in ["development", "staging", "production", "test"] {
            assert!(run_rule(&RULE, &preset(env)).is_empty(), "{env}");
        }
    }

    #[test]
    fn primary_and_duplicates_fail_without_showing_urls() {
        let mut doc = preset("production");
        set(
            &mut doc,
            REPLICAS,
            json!([
                "postgres://reader:MARKER@POSTGRES-PROD/audit_prod/",
                "postgresql://replica-1:5432/audit_prod",
                "postgresql://replica-1/audit_prod?sslmode=require",
                "not a url",
                42,
                "postgresql://replica-1:5433/audit_prod"
            ]),
        );
        let d = run_rule(&RULE, &doc);
        let got: Vec<&str> = d.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(got, [format!("{REPLICAS}/0"), format!("{REPLICAS}/2")]);
        assert!(d[0].message.contains("database.url"));
        assert!(d[1].message.contains("repeats read replica 1"));
        assert!(
            d.iter()
                .all(|d| !d.message.contains("MARKER") && d.severity == Severity::Warning)
        );
    }

    #[test]
    fn mistyped_list_is_skipped() {
        let mut doc = preset("production");
        set(
            &mut doc,
            REPLICAS,
            json!("postgresql://postgres-prod:5432/audit_prod"),
        );
        assert!(run_rule(&RULE, &doc).is_empty());
    }
}
