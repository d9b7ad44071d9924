//! The document: `AuditConfig`, the root.

use super::*;

/// The audit server's configuration document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AuditConfig {
    /// # Environment
    ///
    /// Deployment environment this configuration is for: development,
    /// staging, production or test. Production gets the strictest rules.
    pub environment: Environment,
    /// # Configuration version
    ///
    /// Version label used to track changes, e.g. `1.0.0` or
    /// `2026-01-01-1a2b3c4d`. Upstream allows only letters, digits, `_`, `-`
    /// and `.`.
    #[schemars(regex(pattern = r"^[0-9A-Za-z_.-]+$"))]
    pub version: String,
    /// # Last updated
    ///
    /// When the configuration was last changed, as an ISO 8601 date or
    /// date-time (e.g. `2026-01-01T00:00:00.000Z`). Upstream requires a
    /// string JavaScript's `Date.parse` reads (rule `AC211`): no `format`
    /// here, as JSON Schema's `date-time` refuses `2026-01-01`.
    pub last_updated: String,
    /// # Redis
    ///
    /// Connection to the Redis server that backs the event queues.
    pub redis: RedisConfig,
    /// # Database
    ///
    /// Connection to the PostgreSQL database that stores audit events.
    pub database: DatabaseConfig,
    /// # Enhanced database client
    ///
    /// Connection pool, query cache, read replicas, partitioning, circuit
    /// breaker and monitoring of the enhanced PostgreSQL client.
    pub enhanced_client: EnhancedClientConfig,
    /// # API server
    ///
    /// HTTP server: port, CORS, rate limiting, authentication, integrations
    /// and performance tuning.
    pub server: ServerConfig,
    /// # Worker
    ///
    /// Background worker that consumes the audit event queue.
    pub worker: WorkerConfig,
    /// # Retry policy
    ///
    /// Default retry policy for failed operations. Upstream requires
    /// `maxDelay` >= `baseDelay`.
    pub retry: RetryConfig,
    /// # Reliable processor
    ///
    /// Queue processor with retries, circuit breaker and dead-letter queue
    /// that guarantees delivery of audit events.
    pub reliable_processor: ReliableProcessorConfig,
    /// # Monitoring
    ///
    /// Real-time metrics, alert thresholds, suspicious-pattern detection and
    /// alert notifications.
    pub monitoring: MonitoringConfig,
    /// # Observability
    ///
    /// Tracing, metrics export, profiling and the dashboard.
    pub observability: ObservabilityConfig,
    /// # Security
    ///
    /// Integrity hashing, event signing, log encryption and the key
    /// management service.
    pub security: SecurityConfig,
    /// # Compliance
    ///
    /// HIPAA and GDPR features, retention, data classification and
    /// compliance reporting.
    pub compliance: ComplianceConfig,
    /// # Event validation
    ///
    /// Limits applied when validating incoming audit events.
    pub validation: ValidationConfig,
    /// # Archive
    ///
    /// How old audit data is archived: compression, format and integrity.
    pub archive: ArchiveConfig,
    /// # Logging
    ///
    /// The audit server's own logs: level, identity and transports.
    pub logging: LoggingConfig,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

impl AuditConfig {
    /// Reads a document from a JSON value. Unknown keys are kept in the
    /// `extra` maps.
    pub fn from_value(v: &Value) -> Result<Self, serde_json::Error> {
        Self::deserialize(v)
    }

    /// Writes the document back as a JSON value, unknown keys included.
    pub fn to_value(&self) -> Value {
        // Cannot fail: every map in the model has string keys and every
        // Serialize impl is derived or infallible.
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}
