//! `AC311` foreign-environment-host: production URLs point at production
//! hosts.
//!
//! **What.** In staging and production, the host of every URL field (all
//! those `AC308` knows, `redis.url` and `database.url`, the read replicas
//! and the trusted and CORS origins included) must not be local
//! (`localhost`, `*.localhost`, a loopback address, `0.0.0.0`, `::`) nor
//! name another environment: a `-` or `.` separated part `dev`,
//! `development`, `staging`, `stage`, `test`, `prod` or `production` that is
//! not the document's own (`redis-staging`, `postgres-dev.internal`). A
//! warning. The message shows the host only, never the URL.
//!
//! **Why.** Upstream's presets build production from development and
//! staging pieces: its production preset sends Better Auth's sessions to
//! `redis-staging`, trusts `localhost` origins and reads replicas on
//! `localhost`. Such a config starts, then leaks production sessions into
//! staging, or fails over to nothing.
//!
//! **Example.** `"environment": "production", "server": {"auth":
//! {"redisUrl": "redis://redis-staging:6379"}}` is reported at
//! `/server/auth/redisUrl`: host `redis-staging` looks like a staging host.
//!
//! **Fix.** Point the URL at the production host; keep local and staging
//! hosts in their own configs.

use super::{Code, Context, Rule};
use crate::diagnostic::Diagnostic;
use crate::environment::Environment;
use std::net::IpAddr;

pub(super) const RULE: Rule = Rule {
    code: Code::ForeignEnvironmentHost,
    check,
};

/// Host name parts that name an environment.
const LABELS: &[(&str, Environment)] = &[
    ("dev", Environment::Development),
    ("development", Environment::Development),
    ("staging", Environment::Staging),
    ("stage", Environment::Staging),
    ("test", Environment::Test),
    ("prod", Environment::Production),
    ("production", Environment::Production),
];

fn is_local(host: &url::Host<&str>) -> bool {
    let local_ip = |ip: IpAddr| ip.is_loopback() || ip.is_unspecified();
    match host {
        url::Host::Ipv4(ip) => local_ip(IpAddr::V4(*ip)),
        url::Host::Ipv6(ip) => local_ip(IpAddr::V6(*ip)),
        // Non-special schemes (postgresql:, redis:) keep IPv4 hosts as text.
        url::Host::Domain(d) => {
            let d = d.trim_end_matches('.');
            d.eq_ignore_ascii_case("localhost")
                || super::ends_with_ci(d, ".localhost")
                || d.parse::<IpAddr>().is_ok_and(local_ip)
        }
    }
}

/// The other environment a host name names, if any.
fn foreign(host: &str, own: Environment) -> Option<Environment> {
    // Parts compared without case, with no lower-cased copy of the host.
    host.as_bytes()
        .split(|&b| b == b'.' || b == b'-')
        .find_map(|part| {
            LABELS
                .iter()
                .find(|(label, env)| label.as_bytes().eq_ignore_ascii_case(part) && *env != own)
                .map(|(_, env)| *env)
        })
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(own) = cx.environment.filter(|e| e.is_production_like()) else {
        return;
    };
    for field in cx.url_fields() {
        let path = &field.path;
        let Ok(u) = &field.parsed else {
            continue;
        };
        let (Some(host), Some(name)) = (u.host(), u.host_str()) else {
            continue;
        };
        if name.is_empty() {
            continue;
        }
        let d = if is_local(&host) {
            RULE.diag(path, format!("host `{name}` is local, in a {own} config"))
                .with_help(format!("use the {own} service's host name"))
        } else if let Some(other) = foreign(name, own) {
            RULE.diag(
                path,
                format!("host `{name}` looks like a {other} host, in a {own} config"),
            )
            .with_help(format!("point it at the {own} service"))
        } else {
            continue;
        };
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::*;
    use serde_json::json;

    #[test]
    fn production_preset_mixes_environments() {
        let doc = preset("production");
        let mut got = paths(&RULE, &doc);
        got.sort();
        assert_eq!(
            got,
            [
                "/enhancedClient/replication/readReplicas/0",
                "/enhancedClient/replication/readReplicas/1",
                "/logging/otlp/endpoint",
                "/server/auth/betterAuthUrl",
                "/server/auth/dbUrl",
                "/server/auth/redisUrl",
                "/server/auth/trustedOrigins/0",
                "/server/cors/origin/0",
                "/server/cors/origin/1",
            ]
        );
        let d = run_rule(&RULE, &doc);
        let redis = d
            .iter()
            .find(|d| d.path == "/server/auth/redisUrl")
            .map(|d| d.message.as_str());
        assert_eq!(
            redis,
            Some("host `redis-staging` looks like a staging host, in a production config")
        );
    }

    #[test]
    fn own_hosts_pass_and_only_hosts_are_shown() {
        let mut doc = preset("staging");
        for p in [
            "/enhancedClient/replication/readReplicas/0",
            "/enhancedClient/replication/readReplicas/1",
            "/logging/otlp/endpoint",
            "/server/auth/betterAuthUrl",
            "/server/auth/trustedOrigins/0",
            "/server/cors/origin/0",
            "/server/cors/origin/1",
        ] {
            set(&mut doc, p, json!("https://api.stage.example.org"));
        }
        assert!(
            run_rule(&RULE, &doc).is_empty(),
            "{:?}",
            run_rule(&RULE, &doc)
        );
        set(
            &mut doc,
            "/database/url",
            json!("postgresql://u:MARKER@127.0.0.1:5432/audit"),
        );
        set(
            &mut doc,
            "/redis/url",
            json!("rediss://u:MARKER@cache.prod.internal:6380"),
        );
        set(
            &mut doc,
            "/server/auth/dbUrl",
            json!("postgresql://[::1]/auth"),
        );
        set(
            &mut doc,
            "/server/auth/redisUrl",
            json!("redis://latest-contest.example:6379"),
        );
        let d = run_rule(&RULE, &doc);
        let got: Vec<&str> = d.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(got, ["/redis/url", "/database/url", "/server/auth/dbUrl"]);
        assert!(
            d[0].message.contains("`cache.prod.internal`")
                && d[0].message.contains("production host")
        );
        assert!(d.iter().all(|d| !d.message.contains("MARKER")));
    }

    #[test]
    fn local_names_are_matched_whole_and_without_case() {
        let local = |d: &str| is_local(&url::Host::Domain(d));
        for d in [
            "localhost",
            "LocalHost",
            "localhost.",
            "api.localhost",
            "db.svc.LOCALHOST",
            "127.0.0.2",
            "::1",
        ] {
            assert!(local(d), "{d}");
        }
        for d in [
            "localhost.example",
            "mylocalhost",
            "xlocalhost",
            "db.svc.example",
            "10.0.0.1",
        ] {
            assert!(!local(d), "{d}");
        }
        assert_eq!(
            foreign("Redis-STAGING.internal", Environment::Production),
            Some(Environment::Staging)
        );
        assert_eq!(
            foreign("db.Prod", Environment::Staging),
            Some(Environment::Production)
        );
        assert_eq!(foreign("prodigy.example", Environment::Staging), None);
        assert_eq!(foreign("db.prod", Environment::Production), None);
    }

    #[test]
    fn other_environments_are_not_checked() {
        assert!(run_rule(&RULE, &preset("development")).is_empty());
        assert!(run_rule(&RULE, &preset("test")).is_empty());
    }
}
