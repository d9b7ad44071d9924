//! Probing: what a config means for the live services it names.
//!
//! The core stays pure. This module knows
//! - which services a config names and how to reach them ([`targets`]):
//!   every PostgreSQL and Redis URL with its JSON Pointer, whether TLS is
//!   required, the connect timeout that applies;
//! - how to judge what an edge found out about them ([`diagnose`]): the
//!   edge (the CLI, with real network I/O) gathers plain [`Facts`] per
//!   target, and this module turns them into [`Diagnostic`]s with `AC4xx`
//!   codes at config paths, like any rule;
//! - how to keep secrets out of what the edge prints ([`redact`] for
//!   driver error texts (quoted source lines are masked by the edges with
//!   `syntax::redact`, as for every other report),
//!   [`describe`] for a one-line summary with the URL masked).
//!
//! Nothing here connects anywhere; the CLI's `probe` command does.

mod checks;
mod codes;
mod redact;

pub use checks::diagnose;

pub use redact::redact;

use crate::pointer;
use serde::Serialize;
use serde_json::Value;

/// Which kind of service a target is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Service {
    /// PostgreSQL.
    Postgres,
    /// Redis.
    Redis,
}

impl Service {
    /// `postgres` or `redis`.
    pub fn as_str(self) -> &'static str {
        match self {
            Service::Postgres => "postgres",
            Service::Redis => "redis",
        }
    }

    /// Parses `postgres` (or `postgresql`, `pg`) and `redis`.
    pub fn from_name(name: &str) -> Option<Service> {
        match name.to_ascii_lowercase().as_str() {
            "postgres" | "postgresql" | "pg" => Some(Service::Postgres),
            "redis" => Some(Service::Redis),
            _ => None,
        }
    }
}

/// What the server uses a target for (decides which checks apply).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase", tag = "kind", content = "index")]
pub enum Role {
    /// `database.url`: the audit database.
    Database,
    /// `enhancedClient.connectionPool.url`: the enhanced client's pool.
    Pool,
    /// `enhancedClient.replication.readReplicas/N`.
    Replica(usize),
    /// `server.auth.dbUrl`: the auth database.
    AuthDb,
    /// `redis.url`: the event queue.
    Queue,
    /// `server.auth.redisUrl`: sessions.
    Sessions,
    /// `enhancedClient.queryCacheFactory.redis.url`: the query cache's
    /// own Redis.
    Cache,
}

impl Role {
    /// The config field in words, for messages.
    pub fn label(self) -> String {
        match self {
            Role::Database => "database.url".into(),
            Role::Pool => "enhancedClient.connectionPool.url".into(),
            Role::Replica(i) => format!("read replica {i}"),
            Role::AuthDb => "server.auth.dbUrl".into(),
            Role::Queue => "redis.url".into(),
            Role::Sessions => "server.auth.redisUrl".into(),
            Role::Cache => "the query cache's redis.url".into(),
        }
    }
}

/// One service the config names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Target {
    /// JSON Pointer of the URL.
    pub pointer: String,
    /// PostgreSQL or Redis.
    pub service: Service,
    /// What it is used for.
    pub role: Role,
    /// The URL as configured (a secret: never print it unmasked).
    #[serde(skip)]
    pub url: String,
    /// Must the connection use TLS? (`ssl: true`, `sslmode=require` or
    /// stricter, `rediss://`.)
    pub tls: bool,
    /// Where the TLS requirement (or its absence) is configured: the
    /// `ssl` flag, or the URL itself.
    pub tls_pointer: String,
    /// Connect timeout from the config, milliseconds.
    pub connect_timeout_ms: u64,
    /// Where that timeout is configured.
    pub timeout_pointer: &'static str,
}

impl Target {
    /// A key for probing identical targets once: same service, URL, TLS
    /// requirement and timeout.
    pub fn probe_key(&self) -> (Service, &str, bool, u64) {
        (
            self.service,
            self.url.as_str(),
            self.tls,
            self.connect_timeout_ms,
        )
    }

    /// The URL with credentials masked.
    pub fn masked_url(&self) -> String {
        crate::secrets::mask_url(&self.url)
    }
}

/// Used when a config's timeout is missing or mistyped (the schema reports
/// that); the edge's `--timeout` caps it.
pub const FALLBACK_TIMEOUT_MS: u64 = 10_000;

const PG_TIMEOUT: &str = "/database/connectionTimeout";
const REDIS_TIMEOUT: &str = "/redis/connectTimeout";
const REPLICAS: &str = "/enhancedClient/replication/readReplicas";
/// Where a query cache with its own Redis names it (a field upstream's
/// presets do not have; when absent the cache shares `redis.url`).
pub const CACHE_REDIS_URL: &str = "/enhancedClient/queryCacheFactory/redis/url";

fn timeout(value: &Value, at: &str) -> u64 {
    value
        .pointer(at)
        .and_then(Value::as_f64)
        .filter(|t| t.is_finite() && *t >= 1.0)
        .map_or(FALLBACK_TIMEOUT_MS, |t| t.min(3_600_000.0) as u64)
}

/// Does a PostgreSQL URL ask for TLS itself (`sslmode=require`,
/// `verify-ca`, `verify-full`, or `ssl=true`)?
fn url_requires_tls(raw: &str) -> bool {
    url::Url::parse(raw).is_ok_and(|u| {
        u.query_pairs().any(|(k, v)| {
            (k == "sslmode" && matches!(v.as_ref(), "require" | "verify-ca" | "verify-full"))
                || (k == "ssl" && matches!(v.as_ref(), "true" | "1"))
        })
    })
}

fn scheme(raw: &str) -> Option<String> {
    url::Url::parse(raw)
        .ok()
        .map(|u| u.scheme().to_ascii_lowercase())
}

/// Every service the config names, in a stable order (database, pool,
/// replicas, auth database, then Redis: queue, sessions, cache), keeping
/// only `only` when given. Read replicas are probed only when
/// `enhancedClient.replication.enabled` is true (otherwise the server
/// never connects to them). A field that is missing or not a string is
/// not a target; one that is a string but not a URL of its service is
/// returned by [`unusable`].
pub fn targets(value: &Value, only: Option<Service>) -> Vec<Target> {
    let mut out = Vec::new();
    let pg_timeout = timeout(value, PG_TIMEOUT);
    let redis_timeout = timeout(value, REDIS_TIMEOUT);
    let flag = |at: &str| value.pointer(at).and_then(Value::as_bool) == Some(true);
    let mut pg = |pointer: String, role: Role, ssl_flag: Option<&str>| {
        let Some(url) = value.pointer(&pointer).and_then(Value::as_str) else {
            return;
        };
        if !matches!(scheme(url).as_deref(), Some("postgres" | "postgresql")) {
            return;
        }
        let (tls, tls_pointer) = match ssl_flag {
            Some(f) if flag(f) => (true, f.to_owned()),
            _ if url_requires_tls(url) => (true, pointer.clone()),
            Some(f) => (false, f.to_owned()),
            None => (false, pointer.clone()),
        };
        out.push(Target {
            url: url.to_owned(),
            pointer,
            service: Service::Postgres,
            role,
            tls,
            tls_pointer,
            connect_timeout_ms: pg_timeout,
            timeout_pointer: PG_TIMEOUT,
        });
    };
    if only != Some(Service::Redis) {
        pg(
            "/database/url".into(),
            Role::Database,
            Some("/database/ssl"),
        );
        pg(
            "/enhancedClient/connectionPool/url".into(),
            Role::Pool,
            Some("/enhancedClient/connectionPool/ssl"),
        );
        if flag("/enhancedClient/replication/enabled")
            && let Some(items) = value.pointer(REPLICAS).and_then(Value::as_array)
        {
            for i in 0..items.len() {
                pg(
                    pointer::push(REPLICAS, &i.to_string()),
                    Role::Replica(i),
                    Some("/enhancedClient/connectionPool/ssl"),
                );
            }
        }
        pg("/server/auth/dbUrl".into(), Role::AuthDb, None);
    }
    if only != Some(Service::Postgres) {
        for (pointer, role) in [
            ("/redis/url", Role::Queue),
            ("/server/auth/redisUrl", Role::Sessions),
            (CACHE_REDIS_URL, Role::Cache),
        ] {
            let Some(url) = value.pointer(pointer).and_then(Value::as_str) else {
                continue;
            };
            let tls = match scheme(url).as_deref() {
                Some("rediss") => true,
                Some("redis") => false,
                _ => continue,
            };
            out.push(Target {
                pointer: pointer.to_owned(),
                service: Service::Redis,
                role,
                url: url.to_owned(),
                tls,
                tls_pointer: pointer.to_owned(),
                connect_timeout_ms: redis_timeout,
                timeout_pointer: REDIS_TIMEOUT,
            });
        }
    }
    out
}

/// URL fields that hold a string which is not a URL of their service: they
/// cannot be probed (reported as `AC418`, so a typo is not mistaken for a
/// clean result).
pub fn unusable(value: &Value, only: Option<Service>) -> Vec<(String, Service)> {
    let mut fields: Vec<(String, Service)> = Vec::new();
    if only != Some(Service::Redis) {
        fields.push(("/database/url".into(), Service::Postgres));
        fields.push((
            "/enhancedClient/connectionPool/url".into(),
            Service::Postgres,
        ));
        if value
            .pointer("/enhancedClient/replication/enabled")
            .and_then(Value::as_bool)
            == Some(true)
            && let Some(items) = value.pointer(REPLICAS).and_then(Value::as_array)
        {
            for i in 0..items.len() {
                fields.push((pointer::push(REPLICAS, &i.to_string()), Service::Postgres));
            }
        }
        fields.push(("/server/auth/dbUrl".into(), Service::Postgres));
    }
    if only != Some(Service::Postgres) {
        for p in ["/redis/url", "/server/auth/redisUrl", CACHE_REDIS_URL] {
            fields.push((p.into(), Service::Redis));
        }
    }
    fields
        .into_iter()
        .filter(|(p, service)| {
            let Some(s) = value.pointer(p).and_then(Value::as_str) else {
                return false;
            };
            !matches!(
                (service, scheme(s).as_deref()),
                (Service::Postgres, Some("postgres" | "postgresql"))
                    | (Service::Redis, Some("redis" | "rediss"))
            )
        })
        .collect()
}

/// Why a target could not be probed to the end. The edge classifies its
/// drivers' errors into these; free texts must already be [`redact`]ed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "kind", content = "detail")]
pub enum Failure {
    /// The host name does not resolve.
    Dns(String),
    /// Nothing listens (connection refused, host unreachable).
    Refused(String),
    /// No connection, TLS handshake or login within the timeout (ms).
    Timeout(u64),
    /// TLS is required but the server does not offer it (PostgreSQL
    /// answered `N` to the SSL request; a Redis port that does not speak
    /// TLS).
    TlsUnsupported,
    /// The TLS handshake failed for a reason other than the certificate.
    TlsHandshake(String),
    /// The server's certificate was refused (untrusted, wrong name,
    /// expired).
    Certificate(String),
    /// The password (or user) was refused.
    AuthRejected,
    /// The server requires a password the URL does not give.
    AuthRequired,
    /// PostgreSQL's `pg_hba.conf` has no entry for this connection (user,
    /// database, address, TLS or not).
    NoHbaEntry,
    /// The database in the URL does not exist.
    DatabaseMissing,
    /// The server has no free connection slot.
    TooManyConnections,
    /// Anything else (the server is not what the URL says, a protocol
    /// error, a query failed).
    Other(String),
}

/// What a PostgreSQL server said about itself. `None`: not found out
/// (no permission, older version).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PgFacts {
    /// `server_version`.
    pub version: Option<String>,
    /// Did the server accept the SSL request (`S`)?
    pub server_ssl: Option<bool>,
    /// Is this connection encrypted?
    pub tls_used: bool,
    /// `max_connections`.
    pub max_connections: Option<u64>,
    /// `superuser_reserved_connections`.
    pub superuser_reserved_connections: Option<u64>,
    /// `reserved_connections` (PostgreSQL 16 and later).
    pub reserved_connections: Option<u64>,
    /// `statement_timeout` in milliseconds (0: none).
    pub statement_timeout_ms: Option<u64>,
    /// `log_min_duration_statement` in milliseconds (-1: off).
    pub log_min_duration_statement_ms: Option<i64>,
    /// `shared_preload_libraries`, split (hidden from roles without
    /// `pg_read_all_settings`).
    pub shared_preload_libraries: Option<Vec<String>>,
    /// Can this user read `pg_stat_statements` in this database (the
    /// library preloaded and the extension created)?
    pub pg_stat_statements: Option<bool>,
    /// `pg_is_in_recovery()`.
    pub in_recovery: Option<bool>,
    /// `pg_control_system().system_identifier` (needs privileges).
    pub system_identifier: Option<String>,
    /// `pg_postmaster_start_time()`: with the system identifier, tells one
    /// running server from another (a physical replica shares the
    /// primary's system identifier, never its start time).
    pub postmaster_start: Option<String>,
}

impl PgFacts {
    /// An identity of the running server, when one was found out.
    pub fn instance(&self) -> Option<String> {
        self.postmaster_start.as_ref().map(|start| {
            format!(
                "{}@{start}",
                self.system_identifier.as_deref().unwrap_or("?")
            )
        })
    }
}

/// What a Redis server said about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RedisFacts {
    /// `redis_version` from `INFO`.
    pub version: Option<String>,
    /// `maxmemory_policy` (`INFO memory`).
    pub maxmemory_policy: Option<String>,
    /// `maxmemory` in bytes (0: no limit).
    pub maxmemory: Option<u64>,
    /// `aof_enabled` (`INFO persistence`).
    pub appendonly: Option<bool>,
    /// `CONFIG GET protected-mode` (often refused on managed Redis).
    pub protected_mode: Option<bool>,
    /// Did the URL carry a password (sent with `AUTH`)?
    pub authenticated: bool,
}

/// The facts of one service, once connected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "service")]
pub enum ServiceFacts {
    /// A PostgreSQL server.
    Postgres(PgFacts),
    /// A Redis server.
    Redis(RedisFacts),
}

/// Everything the edge found out about one target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Probed {
    /// The target.
    pub target: Target,
    /// The timeout that applied (the config's, capped by the edge), ms.
    pub timeout_ms: u64,
    /// Time to the established TCP connection, ms, when there was one.
    pub connect_ms: Option<u64>,
    /// The facts, or why there are none. A login that worked but a query
    /// that failed still gives facts (with `None`s).
    pub result: Result<ServiceFacts, Failure>,
}

/// A one-line summary of a probe for people, with the URL masked.
pub fn describe(p: &Probed) -> String {
    let at = format!("{} {}", p.target.pointer, p.target.masked_url());
    let latency = p
        .connect_ms
        .map(|ms| format!(", connected in {ms} ms"))
        .unwrap_or_default();
    match &p.result {
        Ok(ServiceFacts::Postgres(f)) => format!(
            "{at}: PostgreSQL {}{}{latency}",
            f.version.as_deref().unwrap_or("(version unknown)"),
            if f.tls_used { " over TLS" } else { "" }
        ),
        Ok(ServiceFacts::Redis(f)) => format!(
            "{at}: Redis {}{}{latency}",
            f.version.as_deref().unwrap_or("(version unknown)"),
            if p.target.tls { " over TLS" } else { "" }
        ),
        Err(_) => format!("{at}: failed{latency}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn production() -> Value {
        crate::preset::reference(crate::Environment::Production)
    }

    #[test]
    fn targets_of_the_production_preset() {
        let doc = production();
        let t = targets(&doc, None);
        let got: Vec<(&str, Service, bool)> = t
            .iter()
            .map(|t| (t.pointer.as_str(), t.service, t.tls))
            .collect();
        // Replication is disabled in the preset: replicas are not probed.
        assert_eq!(
            got,
            [
                ("/database/url", Service::Postgres, true),
                (
                    "/enhancedClient/connectionPool/url",
                    Service::Postgres,
                    true
                ),
                ("/server/auth/dbUrl", Service::Postgres, false),
                ("/redis/url", Service::Redis, true),
                ("/server/auth/redisUrl", Service::Redis, false),
            ]
        );
        assert_eq!(t[0].tls_pointer, "/database/ssl");
        assert_eq!(t[0].connect_timeout_ms, 5000);
        assert_eq!(t[3].connect_timeout_ms, 5000);
        assert_eq!(t[3].timeout_pointer, "/redis/connectTimeout");
        assert!(
            targets(&doc, Some(Service::Redis))
                .iter()
                .all(|t| t.service == Service::Redis)
        );
        assert!(
            targets(&doc, Some(Service::Postgres))
                .iter()
                .all(|t| t.service == Service::Postgres)
        );
    }

    #[test]
    fn replicas_cache_and_url_sslmode() {
        let mut doc = production();
        doc["enhancedClient"]["replication"]["enabled"] = json!(true);
        doc["enhancedClient"]["connectionPool"]["ssl"] = json!(false);
        doc["server"]["auth"]["dbUrl"] = json!("postgres://a:b@h/auth?sslmode=require");
        doc["enhancedClient"]["queryCacheFactory"]["redis"]["url"] = json!("redis://cache:6379");
        doc["database"]["connectionTimeout"] = json!("soon");
        let t = targets(&doc, None);
        let find = |p: &str| t.iter().find(|t| t.pointer == p).expect(p);
        assert_eq!(
            find("/enhancedClient/replication/readReplicas/1").role,
            Role::Replica(1)
        );
        assert!(!find("/enhancedClient/replication/readReplicas/0").tls);
        let auth = find("/server/auth/dbUrl");
        assert!(auth.tls && auth.tls_pointer == "/server/auth/dbUrl");
        assert_eq!(find(CACHE_REDIS_URL).role, Role::Cache);
        assert_eq!(
            find("/database/url").connect_timeout_ms,
            FALLBACK_TIMEOUT_MS
        );
    }

    #[test]
    fn unusable_urls_are_named_not_dropped() {
        let mut doc = production();
        doc["redis"]["url"] = json!("http://redis:6379");
        doc["server"]["auth"]["dbUrl"] = json!("not a url");
        doc["database"]["url"] = json!(5432);
        let u = unusable(&doc, None);
        assert_eq!(
            u,
            [
                ("/server/auth/dbUrl".to_owned(), Service::Postgres),
                ("/redis/url".to_owned(), Service::Redis)
            ]
        );
        assert!(
            !targets(&doc, None)
                .iter()
                .any(|t| t.pointer == "/redis/url")
        );
    }

    #[test]
    fn describe_masks_the_url() {
        let mut doc = production();
        doc["database"]["url"] = json!("postgresql://audit:HUNTER2@db:5432/audit");
        let t = targets(&doc, Some(Service::Postgres)).remove(0);
        let p = Probed {
            target: t,
            timeout_ms: 5000,
            connect_ms: Some(3),
            result: Ok(ServiceFacts::Postgres(PgFacts {
                version: Some("17.2".into()),
                ..PgFacts::default()
            })),
        };
        let line = describe(&p);
        assert!(
            !line.contains("HUNTER2") && line.contains("//***:***@db"),
            "{line}"
        );
        assert!(
            line.contains("PostgreSQL 17.2") && line.contains("3 ms"),
            "{line}"
        );
    }
}
