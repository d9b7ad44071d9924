//! From gathered facts to diagnostics: pure functions.

use super::codes::*;
use super::{Failure, PgFacts, Probed, RedisFacts, Role, Service, ServiceFacts, unusable};
use crate::codes::Code;
use crate::diagnostic::{Diagnostic, Severity};
use crate::environment::Environment;
use serde_json::Value;

fn diag(code: Code, path: impl Into<String>, message: impl Into<String>) -> Diagnostic {
    code.diag(path, message)
}

fn with_severity(mut d: Diagnostic, severity: Severity) -> Diagnostic {
    d.severity = severity;
    d
}

/// Turns what the edge found out into findings (without ranges: the edge
/// places them with [`crate::Document::place`]).
///
/// `value` is the config as probed (overlay applied, secrets opened),
/// `environment` the one to judge for (the document's own when `None`),
/// `instances` how many server instances share the databases, `only` the
/// service kind that was probed (`None`: both).
pub fn diagnose(
    value: &Value,
    environment: Option<Environment>,
    instances: u32,
    only: Option<Service>,
    probed: &[Probed],
) -> Vec<Diagnostic> {
    let environment = environment.or_else(|| {
        value
            .get("environment")
            .and_then(Value::as_str)
            .and_then(Environment::from_name)
    });
    let production = environment == Some(Environment::Production);
    let mut out = Vec::new();
    for (pointer, service) in unusable(value, only) {
        let what = match service {
            Service::Postgres => "a postgresql:// URL",
            Service::Redis => "a redis:// or rediss:// URL",
        };
        out.push(
            diag(NOT_CHECKED, pointer, format!("not probed: not {what}"))
                .with_help("run `auditcfg validate` for what is wrong with it"),
        );
    }
    for p in probed {
        match &p.result {
            Err(f) => out.push(failure(p, f)),
            Ok(facts) => {
                latency(p, &mut out);
                match facts {
                    ServiceFacts::Postgres(f) => postgres(value, production, p, f, &mut out),
                    ServiceFacts::Redis(f) => redis(production, p, f, &mut out),
                }
            }
        }
    }
    budget(value, instances.max(1), probed, &mut out);
    replicas_vs_primaries(probed, &mut out);
    // The same fact reached through two URLs (database and pool on one
    // server) is one finding.
    let mut seen = std::collections::HashSet::new();
    out.retain(|d| seen.insert((d.code, d.path.clone(), d.message.clone())));
    out
}

fn host_port(p: &Probed) -> String {
    let default = match p.target.service {
        Service::Postgres => 5432,
        Service::Redis => 6379,
    };
    url::Url::parse(&p.target.url)
        .ok()
        .and_then(|u| {
            let host = u.host_str()?.to_owned();
            Some(format!("{host}:{}", u.port().unwrap_or(default)))
        })
        .unwrap_or_else(|| "the host".to_owned())
}

fn failure(p: &Probed, f: &Failure) -> Diagnostic {
    let t = &p.target;
    let service = match t.service {
        Service::Postgres => "PostgreSQL",
        Service::Redis => "Redis",
    };
    let at = host_port(p);
    match f {
        Failure::Dns(why) => diag(UNREACHABLE, &t.pointer, format!("cannot resolve {at}: {why}"))
            .with_help("check the host name, and run the probe from the server's network"),
        Failure::Refused(why) => diag(UNREACHABLE, &t.pointer, format!("cannot connect to {at}: {why}"))
            .with_help(format!("is {service} running and listening on this address?")),
        Failure::Timeout(ms) => diag(
            UNREACHABLE,
            &t.pointer,
            format!("no connection to {at} within {ms} ms"),
        )
        .with_help(format!(
            "a firewall may drop the packets, or {service} is overloaded; the timeout is {}",
            t.timeout_pointer
        )),
        Failure::TlsUnsupported => {
            let (path, what) = if t.tls_pointer == t.pointer {
                (t.pointer.clone(), "the URL requires TLS")
            } else {
                (t.tls_pointer.clone(), "ssl is true")
            };
            diag(
                TLS_MISMATCH,
                path,
                format!("{what} but {service} at {at} does not offer TLS"),
            )
            .with_help(format!("enable TLS on {service}, or connect to a port that has it"))
        }
        Failure::TlsHandshake(why) => diag(
            TLS_MISMATCH,
            &t.pointer,
            format!("TLS handshake with {at} failed: {why}"),
        )
        .with_help("does this port speak TLS?"),
        Failure::Certificate(why) => diag(
            TLS_CERTIFICATE,
            &t.pointer,
            format!("the certificate of {at} is refused: {why}"),
        )
        .with_help("install a certificate for this host name from a trusted authority, or pass its authority with --ca-file"),
        Failure::AuthRejected => diag(
            AUTH_REJECTED,
            &t.pointer,
            format!("{service} at {at} refused the credentials in the URL"),
        )
        .with_help("check the user and password (they are not shown)"),
        Failure::AuthRequired => diag(
            AUTH_REJECTED,
            &t.pointer,
            format!("{service} at {at} requires a password the URL does not give"),
        )
        .with_help("put the credentials in the URL (or the environment variable the server reads)"),
        Failure::NoHbaEntry => diag(
            DATABASE_MISSING,
            &t.pointer,
            format!("PostgreSQL at {at} has no pg_hba.conf entry for this user, database and address{}", if t.tls { "" } else { " without TLS" }),
        )
        .with_help("add a pg_hba.conf entry, or use TLS if the server only allows hostssl"),
        Failure::DatabaseMissing => {
            let db = url::Url::parse(&t.url)
                .ok()
                .map(|u| u.path().trim_start_matches('/').to_owned())
                .filter(|d| !d.is_empty())
                .map_or_else(|| "the URL's database".to_owned(), |d| format!("database `{d}`"));
            diag(
                DATABASE_MISSING,
                &t.pointer,
                format!("{db} does not exist on PostgreSQL at {at}"),
            )
            .with_help("create it (and run the migrations) or fix the name")
        }
        Failure::TooManyConnections => diag(
            PROTOCOL,
            &t.pointer,
            format!("{service} at {at} has no free connection slot"),
        )
        .with_help("the server is at max_connections now: the pools will not fit either"),
        Failure::Other(why) => diag(PROTOCOL, &t.pointer, format!("{service} at {at}: {why}")),
    }
}

fn latency(p: &Probed, out: &mut Vec<Diagnostic>) {
    let Some(ms) = p.connect_ms else { return };
    let configured = p.target.connect_timeout_ms;
    if ms.saturating_mul(2) > configured {
        out.push(
            diag(
                LATENCY,
                p.target.timeout_pointer,
                format!(
                    "connecting to {} took {ms} ms, more than half of the {configured} ms timeout",
                    host_port(p)
                ),
            )
            .with_help("raise the timeout, or run the server closer to the service"),
        );
    }
}

fn num(value: &Value, at: &str) -> Option<f64> {
    value.pointer(at).and_then(Value::as_f64)
}

fn postgres(value: &Value, production: bool, p: &Probed, f: &PgFacts, out: &mut Vec<Diagnostic>) {
    let t = &p.target;
    if !t.tls && f.server_ssl == Some(true) && production {
        out.push(
            with_severity(
                diag(
                    TLS_MISMATCH,
                    &t.tls_pointer,
                    format!(
                        "{} offers TLS but the config connects without it, in production",
                        host_port(p)
                    ),
                ),
                Severity::Warning,
            )
            .with_help("set ssl to true (or sslmode=require)"),
        );
    }
    let primary = matches!(t.role, Role::Database | Role::Pool);
    if primary {
        if let (Some(st), Some(qt)) = (f.statement_timeout_ms, num(value, "/database/queryTimeout"))
            && st > 0
            && (st as f64) < qt
        {
            out.push(
                diag(
                    STATEMENT_TIMEOUT,
                    "/database/queryTimeout",
                    format!("the server's statement_timeout ({st} ms) is shorter than queryTimeout ({qt} ms)"),
                )
                .with_help("raise statement_timeout for this role (ALTER ROLE ... SET statement_timeout) or lower queryTimeout"),
            );
        }
        let monitoring = value
            .pointer("/enhancedClient/monitoring/enabled")
            .and_then(Value::as_bool)
            == Some(true);
        if monitoring {
            if let (Some(log), Some(slow)) = (
                f.log_min_duration_statement_ms,
                num(value, "/enhancedClient/monitoring/slowQueryThreshold"),
            ) && log >= 0
                && (log as f64) > slow
            {
                out.push(
                    diag(
                        SLOW_QUERY_LOG,
                        "/enhancedClient/monitoring/slowQueryThreshold",
                        format!("the server logs statements slower than {log} ms; the client flags those slower than {slow} ms"),
                    )
                    .with_help("lower log_min_duration_statement to the threshold to find the slow queries' plans in the server log"),
                );
            }
            let preloaded = f
                .shared_preload_libraries
                .as_ref()
                .map(|libs| libs.iter().any(|l| l == "pg_stat_statements"));
            match (f.pg_stat_statements, preloaded) {
                (Some(false), _) | (None, Some(false)) => out.push(
                    diag(
                        PG_STAT_STATEMENTS,
                        "/enhancedClient/monitoring/enabled",
                        format!("pg_stat_statements cannot be read on {}", host_port(p)),
                    )
                    .with_help("add pg_stat_statements to shared_preload_libraries (restart) and run CREATE EXTENSION pg_stat_statements in the database"),
                ),
                (None, None) => out.push(diag(
                    NOT_CHECKED,
                    "/enhancedClient/monitoring/enabled",
                    "pg_stat_statements could not be checked (no permission)",
                )),
                _ => {}
            }
        }
    }
    if let Role::Replica(i) = t.role
        && f.in_recovery == Some(false)
    {
        out.push(
            diag(
                REPLICA_NOT_IN_RECOVERY,
                &t.pointer,
                format!("read replica {i} is not in recovery: it is a primary, not a replica"),
            )
            .with_help("point it at a streaming replica (pg_is_in_recovery() true), or remove it"),
        );
    }
}

fn redis(production: bool, p: &Probed, f: &RedisFacts, out: &mut Vec<Diagnostic>) {
    let t = &p.target;
    let at = host_port(p);
    match (&f.maxmemory_policy, t.role) {
        (_, Role::Cache) => {}
        (Some(policy), role) if policy != "noeviction" => {
            let (severity, lost) = if role == Role::Queue {
                (Severity::Error, "queued audit events")
            } else {
                (Severity::Warning, "sessions")
            };
            out.push(
                with_severity(
                    diag(
                        EVICTION_POLICY,
                        &t.pointer,
                        format!("Redis at {at} evicts keys (maxmemory-policy {policy}): {lost} can be lost"),
                    ),
                    severity,
                )
                .with_help("CONFIG SET maxmemory-policy noeviction (and in redis.conf), or use a separate Redis for caches"),
            );
        }
        (None, _) => out.push(diag(
            NOT_CHECKED,
            &t.pointer,
            format!("the eviction policy of Redis at {at} could not be read (INFO refused)"),
        )),
        _ => {}
    }
    if !production {
        return;
    }
    if f.maxmemory == Some(0) {
        out.push(
            diag(
                NO_MAXMEMORY,
                &t.pointer,
                format!("Redis at {at} has no memory limit (maxmemory 0)"),
            )
            .with_help(
                "set maxmemory below the machine's memory (with maxmemory-policy noeviction)",
            ),
        );
    }
    if !f.authenticated && f.protected_mode == Some(false) {
        out.push(
            diag(
                PROTECTED_MODE,
                &t.pointer,
                format!("Redis at {at} accepts connections without a password and protected-mode is off"),
            )
            .with_help("set requirepass (or ACL users) and put the password in the URL; keep protected-mode yes"),
        );
    }
    if t.role == Role::Queue && f.appendonly == Some(false) {
        out.push(
            diag(
                PERSISTENCE,
                &t.pointer,
                format!("Redis at {at} has append-only persistence off: queued events die with a restart"),
            )
            .with_help("appendonly yes (appendfsync everysec)"),
        );
    }
}

/// Pools per running server against its connection limit.
fn budget(value: &Value, instances: u32, probed: &[Probed], out: &mut Vec<Diagnostic>) {
    struct Server<'a> {
        key: String,
        facts: &'a PgFacts,
        at: String,
        pools: Vec<(&'static str, f64)>,
    }
    let mut servers: Vec<Server<'_>> = Vec::new();
    for p in probed {
        let Ok(ServiceFacts::Postgres(f)) = &p.result else {
            continue;
        };
        let pool = match p.target.role {
            Role::Database => "/database/poolSize",
            Role::Pool => "/enhancedClient/connectionPool/maxConnections",
            Role::AuthDb => "/server/auth/poolSize",
            _ => continue,
        };
        let Some(size) = num(value, pool).filter(|n| *n > 0.0) else {
            continue;
        };
        let key = f.instance().unwrap_or_else(|| host_port(p));
        match servers.iter_mut().find(|s| s.key == key) {
            Some(s) => {
                if !s.pools.iter().any(|(p, _)| *p == pool) {
                    s.pools.push((pool, size));
                }
            }
            None => servers.push(Server {
                key,
                facts: f,
                at: host_port(p),
                pools: vec![(pool, size)],
            }),
        }
    }
    for s in servers {
        let Some(max) = s.facts.max_connections else {
            continue;
        };
        let reserved = s.facts.superuser_reserved_connections.unwrap_or(0)
            + s.facts.reserved_connections.unwrap_or(0);
        let available = max.saturating_sub(reserved);
        let per_instance: f64 = s.pools.iter().map(|(_, n)| n).sum();
        let total = per_instance * f64::from(instances);
        if total <= available as f64 {
            continue;
        }
        // The largest pool is the one to change (first on a tie).
        let Some((largest, _)) = s
            .pools
            .iter()
            .copied()
            .reduce(|a, b| if b.1 > a.1 { b } else { a })
        else {
            continue;
        };
        let parts: Vec<String> = s
            .pools
            .iter()
            .map(|(p, n)| format!("{} {n}", crate::pointer::to_dotted(p)))
            .collect();
        let times = if instances > 1 {
            format!(" × {instances} instances")
        } else {
            String::new()
        };
        out.push(
            diag(
                CONNECTION_BUDGET,
                largest,
                format!(
                    "the pools can open {total} connections to {} ({}{times}); it allows {available} (max_connections {max} - {reserved} reserved)",
                    s.at,
                    parts.join(" + "),
                ),
            )
            .with_help("lower the pool sizes, raise max_connections, or put a pooler (PgBouncer) in front"),
        );
    }
}

/// A read replica that is the same running server as a primary URL.
fn replicas_vs_primaries(probed: &[Probed], out: &mut Vec<Diagnostic>) {
    let instance = |p: &Probed| match &p.result {
        Ok(ServiceFacts::Postgres(f)) => f.instance(),
        _ => None,
    };
    let primaries: Vec<(Role, String)> = probed
        .iter()
        .filter(|p| matches!(p.target.role, Role::Database | Role::Pool))
        .filter_map(|p| Some((p.target.role, instance(p)?)))
        .collect();
    for p in probed {
        let Role::Replica(i) = p.target.role else {
            continue;
        };
        let Some(id) = instance(p) else { continue };
        if let Some((role, _)) = primaries.iter().find(|(_, pid)| *pid == id) {
            out.push(
                diag(
                    REPLICA_IS_PRIMARY,
                    &p.target.pointer,
                    format!("read replica {i} is the same server as {}", role.label()),
                )
                .with_help("point it at a replica, or remove it"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Probed, Target, targets};
    use super::*;
    use serde_json::json;

    fn config(env: &str) -> Value {
        let mut doc = crate::preset::reference(env.parse().expect("env"));
        doc["database"]["url"] = json!("postgresql://audit:PW-MARK@127.0.0.1:5432/audit");
        doc["enhancedClient"]["connectionPool"]["url"] =
            json!("postgresql://audit:PW-MARK@127.0.0.1:5432/audit");
        doc["server"]["auth"]["dbUrl"] = json!("postgresql://auth:PW-MARK@127.0.0.1:5432/auth");
        doc["redis"]["url"] = json!("redis://:PW-MARK@127.0.0.1:6379");
        doc["server"]["auth"]["redisUrl"] = json!("redis://:PW-MARK@127.0.0.1:6379/1");
        doc["enhancedClient"]["replication"]["enabled"] = json!(true);
        doc["enhancedClient"]["replication"]["readReplicas"] =
            json!(["postgresql://audit:PW-MARK@127.0.0.1:5433/audit"]);
        doc
    }

    fn healthy_pg() -> PgFacts {
        PgFacts {
            version: Some("15.10".into()),
            server_ssl: Some(true),
            tls_used: true,
            max_connections: Some(200),
            superuser_reserved_connections: Some(3),
            reserved_connections: None,
            statement_timeout_ms: Some(0),
            log_min_duration_statement_ms: Some(-1),
            shared_preload_libraries: None,
            pg_stat_statements: Some(true),
            in_recovery: Some(false),
            system_identifier: Some("7300".into()),
            postmaster_start: Some("2026-12-01 10:00:00.1+00".into()),
        }
    }

    fn healthy_redis() -> RedisFacts {
        RedisFacts {
            version: Some("7.0.15".into()),
            maxmemory_policy: Some("noeviction".into()),
            maxmemory: Some(1 << 30),
            appendonly: Some(true),
            protected_mode: Some(true),
            authenticated: true,
        }
    }

    fn healthy(t: &Target) -> Probed {
        let result = match t.service {
            Service::Postgres => {
                let mut f = healthy_pg();
                f.server_ssl = Some(t.tls);
                f.tls_used = t.tls;
                if let Role::Replica(_) = t.role {
                    f.in_recovery = Some(true);
                    f.postmaster_start = Some("2026-12-01 11:00:00.2+00".into());
                }
                Ok(ServiceFacts::Postgres(f))
            }
            Service::Redis => Ok(ServiceFacts::Redis(healthy_redis())),
        };
        Probed {
            target: t.clone(),
            timeout_ms: t.connect_timeout_ms,
            connect_ms: Some(1),
            result,
        }
    }

    fn run(doc: &Value, edit: impl Fn(&mut Probed)) -> Vec<Diagnostic> {
        let mut probed: Vec<Probed> = targets(doc, None).iter().map(healthy).collect();
        probed.iter_mut().for_each(edit);
        diagnose(doc, None, 1, None, &probed)
    }

    fn found(d: &[Diagnostic]) -> Vec<(&'static str, &str, Severity)> {
        d.iter()
            .map(|d| (d.code.as_str(), d.path.as_str(), d.severity))
            .collect()
    }

    #[test]
    fn healthy_services_give_nothing() {
        for env in ["development", "staging", "production", "test"] {
            let doc = config(env);
            let d = run(&doc, |_| {});
            assert!(d.is_empty(), "{env}: {d:?}");
        }
    }

    #[test]
    fn failures_land_on_their_url_without_secrets() {
        let doc = config("production");
        let d = run(&doc, |p| {
            p.result = Err(match p.target.pointer.as_str() {
                "/server/auth/dbUrl" => Failure::AuthRejected,
                "/database/url" => Failure::TlsUnsupported,
                "/enhancedClient/replication/readReplicas/0" => Failure::Timeout(500),
                "/redis/url" => Failure::Certificate("unknown issuer".into()),
                "/server/auth/redisUrl" => Failure::AuthRequired,
                _ => return,
            });
            p.connect_ms = None;
        });
        assert_eq!(
            found(&d),
            [
                ("AC404", "/database/ssl", Severity::Error),
                (
                    "AC401",
                    "/enhancedClient/replication/readReplicas/0",
                    Severity::Error
                ),
                ("AC402", "/server/auth/dbUrl", Severity::Error),
                ("AC405", "/redis/url", Severity::Error),
                ("AC402", "/server/auth/redisUrl", Severity::Error),
            ]
        );
        let all = format!("{d:?}");
        assert!(!all.contains("PW-MARK") && !all.contains("audit:"), "{all}");
        assert!(all.contains("within 500 ms"), "{all}");
    }

    #[test]
    fn connection_budget_sums_pools_per_server_at_the_largest() {
        let doc = config("production");
        let low = |p: &mut Probed| {
            if let Ok(ServiceFacts::Postgres(f)) = &mut p.result {
                f.max_connections = Some(100);
            }
        };
        // 25 + 50 + 20 = 95 <= 97 fits once...
        assert!(run(&doc, low).is_empty());
        // ... not for two instances.
        let probed: Vec<Probed> = targets(&doc, None)
            .iter()
            .map(healthy)
            .map(|mut p| {
                low(&mut p);
                p
            })
            .collect();
        let d = diagnose(&doc, None, 2, None, &probed);
        assert_eq!(
            found(&d),
            [(
                "AC407",
                "/enhancedClient/connectionPool/maxConnections",
                Severity::Error
            )]
        );
        assert!(d[0].message.contains("190 connections"), "{}", d[0].message);
        assert!(d[0].message.contains("allows 97"), "{}", d[0].message);
        // Different servers are budgeted apart.
        let d = run(&doc, |p| {
            if let Ok(ServiceFacts::Postgres(f)) = &mut p.result {
                f.max_connections = Some(60);
                if p.target.role == Role::AuthDb {
                    f.postmaster_start = Some("other".into());
                }
            }
        });
        assert_eq!(
            found(&d),
            [(
                "AC407",
                "/enhancedClient/connectionPool/maxConnections",
                Severity::Error
            )]
        );
    }

    #[test]
    fn server_settings_against_the_config() {
        let doc = config("production");
        let d = run(&doc, |p| {
            if let Ok(ServiceFacts::Postgres(f)) = &mut p.result {
                f.statement_timeout_ms = Some(30_000);
                f.log_min_duration_statement_ms = Some(10_000);
                f.pg_stat_statements = Some(false);
            }
        });
        assert_eq!(
            found(&d),
            [
                ("AC408", "/database/queryTimeout", Severity::Warning),
                (
                    "AC409",
                    "/enhancedClient/monitoring/slowQueryThreshold",
                    Severity::Info
                ),
                (
                    "AC410",
                    "/enhancedClient/monitoring/enabled",
                    Severity::Warning
                ),
            ]
        );
    }

    #[test]
    fn replicas_must_be_replicas_of_another_server() {
        let doc = config("production");
        let d = run(&doc, |p| {
            if let (Role::Replica(_), Ok(ServiceFacts::Postgres(f))) =
                (p.target.role, &mut p.result)
            {
                f.in_recovery = Some(false);
            }
        });
        assert_eq!(
            found(&d),
            [(
                "AC411",
                "/enhancedClient/replication/readReplicas/0",
                Severity::Error
            )]
        );
        let d = run(&doc, |p| {
            if let (Role::Replica(_), Ok(ServiceFacts::Postgres(f))) =
                (p.target.role, &mut p.result)
            {
                *f = healthy_pg();
            }
        });
        assert_eq!(
            found(&d),
            [
                (
                    "AC411",
                    "/enhancedClient/replication/readReplicas/0",
                    Severity::Error
                ),
                (
                    "AC412",
                    "/enhancedClient/replication/readReplicas/0",
                    Severity::Warning
                ),
            ]
        );
        assert!(d[1].message.contains("database.url"), "{}", d[1].message);
    }

    #[test]
    fn redis_eviction_memory_and_hardening() {
        let doc = config("production");
        let d = run(&doc, |p| {
            if let Ok(ServiceFacts::Redis(f)) = &mut p.result {
                f.maxmemory_policy = Some("allkeys-lru".into());
                f.maxmemory = Some(0);
                f.appendonly = Some(false);
                f.protected_mode = Some(false);
                f.authenticated = false;
            }
        });
        assert_eq!(
            found(&d),
            [
                ("AC413", "/redis/url", Severity::Error),
                ("AC414", "/redis/url", Severity::Warning),
                ("AC415", "/redis/url", Severity::Warning),
                ("AC416", "/redis/url", Severity::Warning),
                ("AC413", "/server/auth/redisUrl", Severity::Warning),
                ("AC414", "/server/auth/redisUrl", Severity::Warning),
                ("AC415", "/server/auth/redisUrl", Severity::Warning),
            ]
        );
        // Outside production only the eviction policy matters.
        let doc = config("development");
        let d = run(&doc, |p| {
            if let Ok(ServiceFacts::Redis(f)) = &mut p.result {
                f.maxmemory = Some(0);
                f.appendonly = Some(false);
                f.protected_mode = Some(false);
            }
        });
        assert!(d.is_empty(), "{d:?}");
        // A cache may evict.
        let mut doc = config("production");
        doc["enhancedClient"]["queryCacheFactory"]["redis"]["url"] = json!("redis://cache:6379");
        let d = run(&doc, |p| {
            if let (Role::Cache, Ok(ServiceFacts::Redis(f))) = (p.target.role, &mut p.result) {
                f.maxmemory_policy = Some("allkeys-lru".into());
            }
        });
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn slow_connects_and_server_tls_unused_in_production() {
        let mut doc = config("production");
        doc["database"]["ssl"] = json!(false);
        doc["enhancedClient"]["connectionPool"]["ssl"] = json!(false);
        let d = run(&doc, |p| {
            if p.target.role == Role::Queue {
                p.connect_ms = Some(2_600);
            }
            // The servers offer TLS; only the auth database's URL uses it.
            if let Ok(ServiceFacts::Postgres(f)) = &mut p.result {
                f.server_ssl = Some(true);
            }
        });
        assert_eq!(
            found(&d),
            [
                ("AC404", "/database/ssl", Severity::Warning),
                // The pool and the replica (another server) share the flag.
                (
                    "AC404",
                    "/enhancedClient/connectionPool/ssl",
                    Severity::Warning
                ),
                (
                    "AC404",
                    "/enhancedClient/connectionPool/ssl",
                    Severity::Warning
                ),
                ("AC404", "/server/auth/dbUrl", Severity::Warning),
                ("AC417", "/redis/connectTimeout", Severity::Warning),
            ]
        );
    }

    #[test]
    fn unusable_urls_are_reported() {
        let mut doc = config("development");
        doc["redis"]["url"] = json!("http://redis:6379");
        let d = run(&doc, |_| {});
        assert_eq!(found(&d), [("AC418", "/redis/url", Severity::Info)]);
    }
}
