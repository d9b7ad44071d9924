//! The `AC4xx` codes of `auditcfg probe`: short names for their rows in
//! the code registry (`crate::codes`), where their docs live.

use crate::codes::Code;

pub(super) const UNREACHABLE: Code = Code::ProbeUnreachable;
pub(super) const AUTH_REJECTED: Code = Code::ProbeAuthRejected;
pub(super) const DATABASE_MISSING: Code = Code::ProbeDatabaseMissing;
pub(super) const TLS_MISMATCH: Code = Code::ProbeTlsMismatch;
pub(super) const TLS_CERTIFICATE: Code = Code::ProbeTlsCertificate;
pub(super) const PROTOCOL: Code = Code::ProbeProtocolError;
pub(super) const CONNECTION_BUDGET: Code = Code::ProbeConnectionBudget;
pub(super) const STATEMENT_TIMEOUT: Code = Code::ProbeStatementTimeout;
pub(super) const SLOW_QUERY_LOG: Code = Code::ProbeSlowQueryLog;
pub(super) const PG_STAT_STATEMENTS: Code = Code::ProbePgStatStatements;
pub(super) const REPLICA_NOT_IN_RECOVERY: Code = Code::ProbeReplicaNotInRecovery;
pub(super) const REPLICA_IS_PRIMARY: Code = Code::ProbeReplicaIsPrimary;
pub(super) const EVICTION_POLICY: Code = Code::ProbeRedisEviction;
pub(super) const NO_MAXMEMORY: Code = Code::ProbeRedisNoMaxmemory;
pub(super) const PROTECTED_MODE: Code = Code::ProbeRedisProtectedMode;
pub(super) const PERSISTENCE: Code = Code::ProbeRedisPersistence;
pub(super) const LATENCY: Code = Code::ProbeConnectLatency;
pub(super) const NOT_CHECKED: Code = Code::ProbeNotChecked;
