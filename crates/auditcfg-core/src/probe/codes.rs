//! The `AC4xx` codes of `auditcfg probe`, with their documentation
//! (`docs/rules.md` is generated from [`DOCS`]).

use crate::diagnostic::Severity;
use crate::rules::{RuleGroup, RuleMeta};

const fn meta(
    code: &'static str,
    name: &'static str,
    severity: Severity,
    summary: &'static str,
) -> RuleMeta {
    RuleMeta {
        code,
        name,
        group: RuleGroup::Probe,
        severity,
        summary,
    }
}

pub(super) const UNREACHABLE: RuleMeta = meta(
    "AC401",
    "probe-unreachable",
    Severity::Error,
    "The service does not answer: the name does not resolve, nothing listens, or no connection within the timeout.",
);
pub(super) const AUTH_REJECTED: RuleMeta = meta(
    "AC402",
    "probe-auth-rejected",
    Severity::Error,
    "The service refuses the credentials in the URL (or requires some).",
);
pub(super) const DATABASE_MISSING: RuleMeta = meta(
    "AC403",
    "probe-database-missing",
    Severity::Error,
    "The database named in the URL does not exist on the server.",
);
pub(super) const TLS_MISMATCH: RuleMeta = meta(
    "AC404",
    "probe-tls-mismatch",
    Severity::Error,
    "The config requires TLS and the server does not offer it (or, in production, the reverse).",
);
pub(super) const TLS_CERTIFICATE: RuleMeta = meta(
    "AC405",
    "probe-tls-certificate",
    Severity::Error,
    "The server's TLS certificate is not trusted, expired, or names another host.",
);
pub(super) const PROTOCOL: RuleMeta = meta(
    "AC406",
    "probe-protocol-error",
    Severity::Error,
    "The server answered, but not as the URL's service would, or refused a read-only query.",
);
pub(super) const CONNECTION_BUDGET: RuleMeta = meta(
    "AC407",
    "probe-connection-budget",
    Severity::Error,
    "The pools can open more connections than PostgreSQL allows.",
);
pub(super) const STATEMENT_TIMEOUT: RuleMeta = meta(
    "AC408",
    "probe-statement-timeout",
    Severity::Warning,
    "The server cancels statements before database.queryTimeout would.",
);
pub(super) const SLOW_QUERY_LOG: RuleMeta = meta(
    "AC409",
    "probe-slow-query-log",
    Severity::Info,
    "The server logs slow statements at a higher threshold than the client flags them.",
);
pub(super) const PG_STAT_STATEMENTS: RuleMeta = meta(
    "AC410",
    "probe-pg-stat-statements",
    Severity::Warning,
    "Query monitoring is on but pg_stat_statements is not loaded.",
);
pub(super) const REPLICA_NOT_IN_RECOVERY: RuleMeta = meta(
    "AC411",
    "probe-replica-not-in-recovery",
    Severity::Error,
    "A read replica is a primary (not in recovery): reads may see other data.",
);
pub(super) const REPLICA_IS_PRIMARY: RuleMeta = meta(
    "AC412",
    "probe-replica-is-primary",
    Severity::Warning,
    "A read replica is the primary server itself, under another name.",
);
pub(super) const EVICTION_POLICY: RuleMeta = meta(
    "AC413",
    "probe-redis-eviction",
    Severity::Error,
    "Redis may evict keys (maxmemory-policy is not noeviction): queued events can be lost.",
);
pub(super) const NO_MAXMEMORY: RuleMeta = meta(
    "AC414",
    "probe-redis-no-maxmemory",
    Severity::Warning,
    "Redis has no memory limit (maxmemory 0) in production.",
);
pub(super) const PROTECTED_MODE: RuleMeta = meta(
    "AC415",
    "probe-redis-protected-mode",
    Severity::Warning,
    "Redis accepts connections without a password and protected-mode is off, in production.",
);
pub(super) const PERSISTENCE: RuleMeta = meta(
    "AC416",
    "probe-redis-persistence",
    Severity::Warning,
    "The queue's Redis has append-only persistence off in production: queued events die with it.",
);
pub(super) const LATENCY: RuleMeta = meta(
    "AC417",
    "probe-connect-latency",
    Severity::Warning,
    "Connecting takes more than half the configured connect timeout.",
);
pub(super) const NOT_CHECKED: RuleMeta = meta(
    "AC418",
    "probe-not-checked",
    Severity::Info,
    "Something the probe could not check (no URL of the service, no permission to read a setting).",
);

/// Every probe code, in code order.
pub const CODES: &[RuleMeta] = &[
    UNREACHABLE,
    AUTH_REJECTED,
    DATABASE_MISSING,
    TLS_MISMATCH,
    TLS_CERTIFICATE,
    PROTOCOL,
    CONNECTION_BUDGET,
    STATEMENT_TIMEOUT,
    SLOW_QUERY_LOG,
    PG_STAT_STATEMENTS,
    REPLICA_NOT_IN_RECOVERY,
    REPLICA_IS_PRIMARY,
    EVICTION_POLICY,
    NO_MAXMEMORY,
    PROTECTED_MODE,
    PERSISTENCE,
    LATENCY,
    NOT_CHECKED,
];

/// The documentation of each code (Markdown: what, why, an example), as
/// `docs/rules.md` shows it.
const DOCS: &[(&str, &str)] = &[
    (
        "AC401",
        "**What.** `auditcfg probe` could not reach the service a URL names: the host \
name does not resolve, nothing listens on the port, or no connection (TCP, TLS and login) \
was made within the connect timeout (`database.connectionTimeout` for PostgreSQL, \
`redis.connectTimeout` for Redis, capped by `--timeout`).\n\n\
**Why.** The server would fail the same way at start-up. Run the probe from the machine \
(or network) that will run the server.\n\n\
**Example.** `\"database\": {\"url\": \"postgresql://db:5999/audit\"}` with nothing on port \
5999 is reported at `/database/url`: `cannot connect to db:5999: connection refused`.",
    ),
    (
        "AC402",
        "**What.** The service refused the user name or password in the URL (PostgreSQL \
`28P01`, Redis `WRONGPASS`), or requires one the URL does not give (Redis `NOAUTH`, \
PostgreSQL asking for a password).\n\n\
**Why.** A wrong password is the most common deployment-day failure. The message never \
shows the user name or the password.\n\n\
**Example.** `\"server\": {\"auth\": {\"dbUrl\": \"postgresql://auth:wrong@db/auth\"}}` is \
reported at `/server/auth/dbUrl`: `PostgreSQL refused the password`.",
    ),
    (
        "AC403",
        "**What.** PostgreSQL accepted the login, but the database in the URL's path does \
not exist (`3D000`), or `pg_hba.conf` has no entry for this user, database and address \
(`28000`).\n\n\
**Why.** Both stop the server at its first query; the second often means the server \
requires TLS (`hostssl`) and the config does not use it.\n\n\
**Example.** `postgresql://audit@db/audit_prd` (a typo of `audit_prod`) is reported at the \
URL's path.",
    ),
    (
        "AC404",
        "**What.** The config requires TLS (`database.ssl`, \
`enhancedClient.connectionPool.ssl`, `sslmode=require` in the URL, `rediss://`) but the \
server does not offer it (PostgreSQL answers `N` to the SSL request; a Redis port that \
does not speak TLS). In production, also the reverse: the server offers TLS and the config \
does not use it (a warning).\n\n\
**Why.** With TLS required the server cannot connect at all; without it, audit data and \
credentials cross the network in clear text.\n\n\
**Example.** `\"database\": {\"ssl\": true}` against a server with `ssl = off` is reported \
at `/database/ssl`.",
    ),
    (
        "AC405",
        "**What.** The TLS handshake failed on the server's certificate: not signed by a \
trusted authority (the system's roots plus `--ca-file`), expired, or for another host \
name.\n\n\
**Why.** The server's client would refuse it too (or, worse, be configured to skip \
verification). Fix the certificate or give its authority.\n\n\
**Example.** `rediss://redis:6380` with a self-signed certificate is reported at \
`/redis/url`: `the certificate is not trusted`.",
    ),
    (
        "AC406",
        "**What.** The server answered, but not as PostgreSQL or Redis would (another \
service on the port), broke the protocol, has no free connection slot, or refused one of \
the probe's read-only queries.\n\n\
**Why.** The URL points at the wrong thing, or the server is in a state where the audit \
server cannot use it.\n\n\
**Example.** `redis://db:5432` (the PostgreSQL port) is reported at `/redis/url`: `no \
answer to PING like Redis`.",
    ),
    (
        "AC407",
        "**What.** The pools that open connections to one PostgreSQL server \
(`database.poolSize`, `enhancedClient.connectionPool.maxConnections`, \
`server.auth.poolSize`, counted once per URL that reaches that server, times \
`--instances`) can together open more connections than the server allows: \
`max_connections` minus `superuser_reserved_connections` (and `reserved_connections` on \
PostgreSQL 16+). Reported at the largest pool.\n\n\
**Why.** Under load the last connections fail with `too many clients`, usually at the \
worst moment.\n\n\
**Example.** Pools of 25 + 50 + 20 against `max_connections = 50` (3 reserved) is \
reported at `/enhancedClient/connectionPool/maxConnections`.",
    ),
    (
        "AC408",
        "**What.** The server's `statement_timeout` (as the URL's user gets it) is set \
and shorter than `database.queryTimeout`.\n\n\
**Why.** The server cancels long statements before the client's own timeout: the client \
sees cancellations (`57014`) where it expects its timeout, and long audit queries (reports, \
archival) fail earlier than configured.\n\n\
**Example.** `statement_timeout = 30s` with `\"queryTimeout\": 60000` is reported at \
`/database/queryTimeout`.",
    ),
    (
        "AC409",
        "**What.** With `enhancedClient.monitoring.enabled`, the server logs slow \
statements (`log_min_duration_statement` set) at a higher threshold than \
`enhancedClient.monitoring.slowQueryThreshold`.\n\n\
**Why.** Queries the client reports as slow leave no trace in the server log, which is \
where their plans would be found. Information only.\n\n\
**Example.** `log_min_duration_statement = 10s` with `\"slowQueryThreshold\": 3000` is \
reported at `/enhancedClient/monitoring/slowQueryThreshold`.",
    ),
    (
        "AC410",
        "**What.** `enhancedClient.monitoring.enabled` is true but `pg_stat_statements` \
is not in the server's `shared_preload_libraries`.\n\n\
**Why.** The enhanced client's query statistics and auto-optimisation read \
`pg_stat_statements`; without the library they have nothing to read.\n\n\
**Example.** A default PostgreSQL (`shared_preload_libraries = ''`) is reported at \
`/enhancedClient/monitoring/enabled`.",
    ),
    (
        "AC411",
        "**What.** A read replica (probed when `enhancedClient.replication.enabled`) \
answers `pg_is_in_recovery()` with false: it is a primary of its own.\n\n\
**Why.** Reads routed there see a database that does not follow the primary: audit \
queries return other (stale or different) data.\n\n\
**Example.** `\"readReplicas\": [\"postgresql://replica-1/audit\"]` where `replica-1` is a \
stand-alone server is reported at `/enhancedClient/replication/readReplicas/0`.",
    ),
    (
        "AC412",
        "**What.** A read replica is the same running server as a primary URL \
(`database.url`, `enhancedClient.connectionPool.url`), reached under another name: same \
system identifier and start time.\n\n\
**Why.** Like `AC306`, which catches the same URL written twice: reads get none of the \
relief replication was configured for.\n\n\
**Example.** `database.url` `postgresql://db/audit` and replica \
`postgresql://10.0.0.5/audit` where `db` is `10.0.0.5` is reported at the replica.",
    ),
    (
        "AC413",
        "**What.** Redis's `maxmemory-policy` is not `noeviction`. An error for \
`redis.url` (the event queue), a warning for `server.auth.redisUrl` (sessions); a query \
cache with its own Redis may evict.\n\n\
**Why.** When memory runs out, Redis deletes keys: queued audit events (the queue's keys) \
are lost without an error, sessions end. Upstream's troubleshooting guide says to monitor \
eviction policies; for a queue the policy must be `noeviction`.\n\n\
**Example.** `maxmemory-policy allkeys-lru` is reported at `/redis/url`.",
    ),
    (
        "AC414",
        "**What.** In production, Redis runs without a memory limit (`maxmemory 0`).\n\n\
**Why.** Without a limit Redis grows until the operating system kills it, taking every \
queued event with it; with one (and `noeviction`) writes fail visibly instead.\n\n\
**Example.** A production config whose Redis has `maxmemory 0` is reported at \
`/redis/url`.",
    ),
    (
        "AC415",
        "**What.** In production, the URL gives no password, Redis accepted the \
connection, and `protected-mode` is off.\n\n\
**Why.** Anyone who reaches the port can read and change the queue. Upstream's \
deployment keeps protected mode on and requires a password.\n\n\
**Example.** `redis://redis-prod:6379` against `protected-mode no` without `requirepass` \
is reported at `/redis/url`.",
    ),
    (
        "AC416",
        "**What.** In production, the Redis of `redis.url` (the queue) has append-only \
persistence off (`appendonly no`).\n\n\
**Why.** Queued audit events that were accepted but not yet processed die with a Redis \
restart. Upstream's deployment runs Redis with `appendonly yes`.\n\n\
**Example.** A production config whose queue Redis has `aof_enabled:0` is reported at \
`/redis/url`.",
    ),
    (
        "AC417",
        "**What.** The measured TCP connect time to a service is more than half of the \
configured connect timeout (`database.connectionTimeout`, `redis.connectTimeout`).\n\n\
**Why.** With that little margin, an ordinary latency spike becomes a failed connection. \
Raise the timeout or move closer to the service.\n\n\
**Example.** A 2,600 ms connect with `\"connectionTimeout\": 5000` is reported at \
`/database/connectionTimeout`.",
    ),
    (
        "AC418",
        "**What.** Something the probe could not check: a URL field that is not a URL of \
its service (so it was not probed), or a setting the probe had no permission to read \
(Redis `CONFIG` disabled, PostgreSQL settings hidden).\n\n\
**Why.** A clean probe must mean \"checked and fine\", not \"not looked at\". Information \
only.\n\n\
**Example.** `\"redis\": {\"url\": \"http://redis:6379\"}` is reported at `/redis/url`: \
`not probed: not a redis:// or rediss:// URL`.",
    ),
];

/// The documentation of a probe code (`What` / `Why` / `Example`), or
/// `None` for a code that is not a probe code.
pub fn doc(code: &str) -> Option<&'static str> {
    DOCS.iter().find(|(c, _)| *c == code).map(|(_, d)| *d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_documented_in_order() {
        assert_eq!(CODES.len(), DOCS.len());
        for (m, (c, d)) in CODES.iter().zip(DOCS) {
            assert_eq!(m.code, *c);
            for part in ["**What.**", "**Why.**", "**Example.**"] {
                assert!(d.contains(part), "{c} lacks {part}");
            }
        }
        assert!(CODES.windows(2).all(|w| w[0].code < w[1].code));
    }
}
