//! The typed model of the audit server's configuration document.
//!
//! [`AuditConfig`] mirrors upstream's `AuditConfig` field for field, with the
//! exact JSON names. Every struct keeps the keys it does not know in its
//! `extra` map, so parsing a document and writing it back loses nothing (an
//! unknown key moves to the end of its object, which is equal as JSON).
//!
//! The JSON Schema ([`json_schema`]) is derived from these types: the doc
//! comments become titles and descriptions (a leading `# ` line is the
//! title), the `#[schemars(...)]` attributes become the limits. The ranges of
//! upstream's `validateConfiguration` are copied exactly; other numbers get
//! physical bounds only (ports, percentages, ratios, hours, non-negative
//! counts and durations).
//!
//! Numbers that may be fractional are [`serde_json::Number`]s, so that `1`
//! and `1.0` both survive a round trip unchanged; whole numbers are `u32` or
//! `u64`.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use indexmap::IndexMap;
use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Number, Value};

use crate::Environment;

/// Keys this model does not know, kept in document order.
pub type Extra = Map<String, Value>;

/// The JSON Schema (draft 2020-12) of the whole document, generated from
/// [`AuditConfig`]: what `schemars::schema_for!(AuditConfig)` gives, with
/// the hard line breaks of the doc comments joined, so that editors show
/// each description as flowing text.
pub fn json_schema() -> Value {
    SchemaSettings::draft2020_12()
        .with_transform(RecursiveTransform(unwrap_description))
        .into_generator()
        .into_root_schema_for::<AuditConfig>()
        .to_value()
}

/// Joins the lines of each paragraph of a schema's `description` (doc
/// comments are wrapped at 80 columns; a blank line still separates
/// paragraphs).
fn unwrap_description(schema: &mut Schema) {
    if let Some(Value::String(description)) = schema.get_mut("description") {
        let joined = description
            .split("\n\n")
            .map(|paragraph| {
                paragraph
                    .lines()
                    .map(str::trim)
                    .filter(|line| !line.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect::<Vec<_>>()
            .join("\n\n");
        *description = joined;
    }
}

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// A JSON object with free-form string keys whose values all have type `V`,
/// kept in document order (for HTTP headers and per-endpoint overrides).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OrderedMap<V>(pub IndexMap<String, V>);

impl<V> OrderedMap<V> {
    /// The value stored under `key`, if any.
    pub fn get(&self, key: &str) -> Option<&V> {
        self.0.get(key)
    }
    /// Number of entries.
    pub fn len(&self) -> usize {
        self.0.len()
    }
    /// Is it empty?
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<V: Serialize> Serialize for OrderedMap<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for OrderedMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OrderedMapVisitor<V>(PhantomData<V>);

        impl<'de, V: Deserialize<'de>> Visitor<'de> for OrderedMapVisitor<V> {
            type Value = OrderedMap<V>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
                let mut map = IndexMap::with_capacity(access.size_hint().unwrap_or(0));
                while let Some((key, value)) = access.next_entry::<String, V>()? {
                    map.insert(key, value);
                }
                Ok(OrderedMap(map))
            }
        }

        deserializer.deserialize_map(OrderedMapVisitor(PhantomData))
    }
}

impl<V: JsonSchema> JsonSchema for OrderedMap<V> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        format!("Map_of_{}", V::schema_name()).into()
    }

    fn schema_id() -> Cow<'static, str> {
        format!("auditcfg_core::model::OrderedMap<{}>", V::schema_id()).into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "object",
            "additionalProperties": generator.subschema_for::<V>(),
        })
    }
}

/// Deserializes a key that must be present but may be `null` (serde treats
/// a missing `Option` as `None` unless a `deserialize_with` is given).
fn required_nullable<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer)
}

// ---------------------------------------------------------------------------
// Enumerations
// ---------------------------------------------------------------------------

/// Severity threshold of a logger: `debug`, `info`, `warn` or `error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum LogLevel {
    // Everything, including debugging output.
    Debug,
    // Normal operation and above.
    Info,
    // Warnings and errors only.
    Warn,
    // Errors only.
    Error,
}

/// Severity threshold of one log transport: the logging library's levels,
/// `debug`, `info`, `warn`, `error` and `fatal`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum TransportLogLevel {
    // Everything, including debugging output.
    Debug,
    // Normal operation and above.
    Info,
    // Warnings and above.
    Warn,
    // Errors and above.
    Error,
    // Fatal errors only.
    Fatal,
}

/// Kind of query cache: `local` (in process), `redis` (shared) or `hybrid`
/// (local L1 in front of Redis L2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum CacheType {
    // In-process memory only.
    Local,
    // Redis only.
    Redis,
    // Local L1 cache in front of Redis.
    Hybrid,
}

/// How cached values are encoded in Redis: `json` or `msgpack`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SerializationFormat {
    // JSON text.
    Json,
    // MessagePack binary.
    Msgpack,
}

/// How reads are spread over the read replicas: only `round-robin` exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub enum RoutingStrategy {
    // Each replica in turn.
    #[serde(rename = "round-robin")]
    RoundRobin,
}

/// PostgreSQL partitioning method: `range`, `hash` or `list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum PartitionStrategy {
    // One partition per time range.
    Range,
    // Partitions by hash of the key.
    Hash,
    // Partitions by explicit key lists.
    List,
}

/// Time span covered by one partition: `monthly`, `quarterly` or `yearly`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum PartitionInterval {
    // One partition per month.
    Monthly,
    // One partition per quarter.
    Quarterly,
    // One partition per year.
    Yearly,
}

/// What a rate limit counts requests by: `ip`, `user` or `session`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RateLimitKey {
    // Client IP address.
    Ip,
    // Authenticated user.
    User,
    // Session.
    Session,
}

/// HTTP method of a webhook call: `GET`, `POST`, `PUT` or `PATCH`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "UPPERCASE")]
pub enum WebhookMethod {
    // GET.
    Get,
    // POST.
    Post,
    // PUT.
    Put,
    // PATCH.
    Patch,
}

/// Where files are stored: `local` disk, Amazon `s3` or Google Cloud
/// Storage (`gcs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum StorageProvider {
    // Local file system.
    Local,
    // Amazon S3 (or compatible).
    S3,
    // Google Cloud Storage.
    Gcs,
}

/// Channel that carries alert notifications: `push`, `email`, `slack`,
/// `telegram` or `webhook`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum NotificationProvider {
    // Push notification service.
    Push,
    // E-mail.
    Email,
    // Slack.
    Slack,
    // Telegram.
    Telegram,
    // Generic webhook.
    Webhook,
}

/// Where traces are exported: `console`, `jaeger`, `zipkin` or `otlp`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum TracingExporter {
    // Standard output.
    Console,
    // Jaeger.
    Jaeger,
    // Zipkin.
    Zipkin,
    // OpenTelemetry protocol.
    Otlp,
}

/// Where metrics are exported: `prometheus`, `console` or `custom`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum MetricsExporter {
    // Prometheus scrape endpoint.
    Prometheus,
    // Standard output.
    Console,
    // Application-provided exporter.
    Custom,
}

/// Hash used for event integrity: `SHA-256` (upstream's type) or `SHA-512`
/// (also accepted by upstream's validator).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub enum HashAlgorithm {
    // SHA-256.
    #[serde(rename = "SHA-256")]
    Sha256,
    // SHA-512.
    #[serde(rename = "SHA-512")]
    Sha512,
}

/// Symmetric cipher: `AES-256-GCM` or `AES-256-CBC`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub enum CipherAlgorithm {
    // AES-256 in Galois/Counter Mode (authenticated).
    #[serde(rename = "AES-256-GCM")]
    Aes256Gcm,
    // AES-256 in CBC mode with PKCS#7 padding.
    #[serde(rename = "AES-256-CBC")]
    Aes256Cbc,
}

/// Key derivation function: `PBKDF2` or `scrypt`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub enum KeyDerivation {
    // PBKDF2-HMAC-SHA256.
    #[serde(rename = "PBKDF2")]
    Pbkdf2,
    // scrypt (N=16384, r=8, p=1).
    #[serde(rename = "scrypt")]
    Scrypt,
}

/// Sensitivity class of audit data: `PUBLIC`, `INTERNAL`, `CONFIDENTIAL` or
/// `PHI` (protected health information).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "UPPERCASE")]
pub enum DataClassification {
    // Public data.
    Public,
    // Internal data.
    Internal,
    // Confidential data.
    Confidential,
    // Protected health information (HIPAA).
    Phi,
}

/// How often something recurs: `daily`, `weekly` or `monthly`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Frequency {
    // Every day.
    Daily,
    // Every week.
    Weekly,
    // Every month.
    Monthly,
}

/// Delay growth between retries: `exponential` (base × 2^(n-1)), `linear`
/// (base × n) or `fixed` (base).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum BackoffStrategy {
    // baseDelay × 2^(attempt-1).
    Exponential,
    // baseDelay × attempt.
    Linear,
    // Always baseDelay.
    Fixed,
}

/// Archive compression: `gzip`, `deflate` or `none`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum CompressionAlgorithm {
    // gzip.
    Gzip,
    // raw deflate.
    Deflate,
    // No compression.
    None,
}

/// Serialization of archived records: `json`, `jsonl` or `parquet`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ArchiveFormat {
    // One JSON document.
    Json,
    // JSON Lines, one record per line.
    Jsonl,
    // Apache Parquet.
    Parquet,
}

/// Console log output: `json` or `pretty`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ConsoleFormat {
    // One JSON object per line.
    Json,
    // Human-readable.
    Pretty,
}

/// Redis data structure a log transport writes to: `list`, `stream` or
/// `pubsub`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RedisDataStructure {
    // A Redis list.
    List,
    // A Redis stream.
    Stream,
    // A pub/sub channel.
    Pubsub,
}

/// Allowed CORS origins: one origin string or a list of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum CorsOrigin {
    /// A single origin (or `*`).
    One(String),
    /// A list of origins.
    Many(Vec<String>),
}

// ---------------------------------------------------------------------------
// The document
// ---------------------------------------------------------------------------

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
    /// When the configuration was last changed, as an ISO-8601 date-time
    /// (e.g. `2026-01-01T00:00:00.000Z`). Upstream requires a parseable date.
    #[schemars(extend("format" = "date-time"))]
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

// ---------------------------------------------------------------------------
// redis, database
// ---------------------------------------------------------------------------

/// Connection to Redis (ioredis options).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RedisConfig {
    /// # Redis URL
    ///
    /// Connection URL, `redis://` or `rediss://` (TLS), e.g.
    /// `redis://localhost:6379`. Credentials in it are masked in output.
    #[schemars(url, regex(pattern = r"^rediss?://"))]
    pub url: String,
    /// # Connect timeout
    ///
    /// Milliseconds to wait for the connection to Redis to open. Upstream
    /// accepts 1000 to 60000.
    #[schemars(range(min = 1000, max = 60000))]
    pub connect_timeout: u32,
    /// # Command timeout
    ///
    /// Milliseconds to wait for a single Redis command to complete. Upstream
    /// accepts 1000 to 60000.
    #[schemars(range(min = 1000, max = 60000))]
    pub command_timeout: u32,
    /// # Max retries per request
    ///
    /// How many times a command is retried before it fails. Required key;
    /// `null` means retry forever (what BullMQ workers need).
    #[serde(deserialize_with = "required_nullable")]
    #[schemars(required, extend("type" = ["integer", "null"]))]
    pub max_retries_per_request: Option<u32>,
    /// # Retry delay on failover
    ///
    /// Milliseconds to wait before retrying a command during a cluster
    /// failover. Upstream accepts 100 to 10000.
    #[schemars(range(min = 100, max = 10000))]
    pub retry_delay_on_failover: u32,
    /// # Offline queue
    ///
    /// Queue commands while the connection is down and send them on
    /// reconnect, instead of failing them at once.
    pub enable_offline_queue: bool,
    /// # Auto pipelining
    ///
    /// Batch commands issued in the same event-loop tick into one pipeline.
    pub enable_auto_pipelining: bool,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Connection to the PostgreSQL audit database.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct DatabaseConfig {
    /// # Database URL
    ///
    /// PostgreSQL connection URL, `postgres://` or `postgresql://`.
    /// Credentials in it are masked in output.
    #[schemars(url, regex(pattern = r"^postgres(ql)?://"))]
    pub url: String,
    /// # Pool size
    ///
    /// Maximum number of open database connections. Upstream accepts 1 to
    /// 100.
    #[schemars(range(min = 1, max = 100))]
    pub pool_size: u32,
    /// # Connection timeout
    ///
    /// Milliseconds to wait for a new database connection. Upstream accepts
    /// 1000 to 60000.
    #[schemars(range(min = 1000, max = 60000))]
    pub connection_timeout: u32,
    /// # Query timeout
    ///
    /// Milliseconds a query may run before it is cancelled. Upstream accepts
    /// 1000 to 300000.
    #[schemars(range(min = 1000, max = 300000))]
    pub query_timeout: u32,
    /// # SSL
    ///
    /// Connect with TLS. Must be true in production.
    pub ssl: bool,
    /// # Max connection attempts
    ///
    /// How many times to try connecting before giving up. Upstream accepts 1
    /// to 10.
    #[schemars(range(min = 1, max = 10))]
    pub max_connection_attempts: u32,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

// ---------------------------------------------------------------------------
// enhancedClient
// ---------------------------------------------------------------------------

/// The enhanced PostgreSQL client.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EnhancedClientConfig {
    /// # Connection pool
    ///
    /// Pool of PostgreSQL connections used by the enhanced client.
    pub connection_pool: ConnectionPoolConfig,
    /// # Query cache
    ///
    /// Caching of query results: local, Redis or both.
    pub query_cache_factory: QueryCacheFactoryConfig,
    /// # Replication
    ///
    /// Routing of reads to PostgreSQL read replicas.
    pub replication: ReplicationConfig,
    /// # Partitioning
    ///
    /// Automatic table partitioning and partition retention.
    pub partitioning: PartitioningConfig,
    /// # Circuit breaker
    ///
    /// Stops sending queries to a failing database for a while.
    pub circuit_breaker: ClientCircuitBreakerConfig,
    /// # Query monitoring
    ///
    /// Slow-query detection and query metrics.
    pub monitoring: ClientMonitoringConfig,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Connection pool of the enhanced client.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionPoolConfig {
    /// # Pool URL
    ///
    /// PostgreSQL connection URL of the pool (usually the same as
    /// `database.url`). Credentials in it are masked in output.
    #[schemars(url)]
    pub url: String,
    /// # Minimum connections
    ///
    /// Connections kept open even when idle.
    #[schemars(range(min = 0))]
    pub min_connections: u32,
    /// # Maximum connections
    ///
    /// Upper limit of open connections in the pool; should be at least
    /// `minConnections`.
    #[schemars(range(min = 1))]
    pub max_connections: u32,
    /// # Idle timeout
    ///
    /// Milliseconds an unused connection stays open before it is closed.
    #[schemars(range(min = 0))]
    pub idle_timeout: u32,
    /// # Acquire timeout
    ///
    /// Milliseconds to wait for a free connection from the pool.
    #[schemars(range(min = 0))]
    pub acquire_timeout: u32,
    /// # Validation query
    ///
    /// SQL run to check that a connection is alive, e.g. `SELECT 1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validation_query: Option<String>,
    /// # Validate connections
    ///
    /// Check connections before handing them out.
    pub validate_connections: bool,
    /// # Retry attempts
    ///
    /// How many times a failed connection attempt is retried.
    #[schemars(range(min = 0))]
    pub retry_attempts: u32,
    /// # Retry delay
    ///
    /// Milliseconds between connection retries.
    #[schemars(range(min = 0))]
    pub retry_delay: u32,
    /// # SSL
    ///
    /// Connect with TLS.
    pub ssl: bool,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Query cache factory of the enhanced client.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct QueryCacheFactoryConfig {
    /// # Cache type
    ///
    /// `local` (in process), `redis` (shared between instances) or `hybrid`
    /// (local L1 in front of Redis L2).
    #[serde(rename = "type")]
    pub cache_type: CacheType,
    /// # Query cache
    ///
    /// Size, lifetime and key prefix of cached query results.
    pub query_cache: QueryCacheConfig,
    /// # Redis cache
    ///
    /// Settings of the Redis layer, used by the `redis` and `hybrid` types.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redis: Option<RedisCacheConfig>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Query result cache.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct QueryCacheConfig {
    /// # Enabled
    ///
    /// Cache query results.
    pub enabled: bool,
    /// # Maximum size (MB)
    ///
    /// Memory the cache may use, in megabytes.
    #[serde(rename = "maxSizeMB")]
    #[schemars(range(min = 0))]
    pub max_size_mb: u32,
    /// # Default TTL
    ///
    /// Seconds a cached query result stays valid.
    #[serde(rename = "defaultTTL")]
    #[schemars(range(min = 0))]
    pub default_ttl: u32,
    /// # Maximum queries
    ///
    /// Maximum number of cached query results.
    #[schemars(range(min = 0))]
    pub max_queries: u32,
    /// # Key prefix
    ///
    /// Prefix of the cache keys, e.g. `prod_audit_query`.
    pub key_prefix: String,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Redis layer of the query cache.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RedisCacheConfig {
    /// # Redis key prefix
    ///
    /// Prefix of the keys the distributed cache writes to Redis.
    pub redis_key_prefix: String,
    /// # Local L1 cache
    ///
    /// Keep a local in-memory cache in front of Redis.
    pub enable_local_cache: bool,
    /// # Local cache size (MB)
    ///
    /// Memory the local L1 cache may use, in megabytes.
    #[serde(rename = "localCacheSizeMB")]
    #[schemars(range(min = 0))]
    pub local_cache_size_mb: u32,
    /// # Compression
    ///
    /// Compress large cached values.
    pub enable_compression: bool,
    /// # Serialization format
    ///
    /// How cached values are encoded: `json` or `msgpack`.
    pub serialization_format: SerializationFormat,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Read replica routing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ReplicationConfig {
    /// # Enabled
    ///
    /// Send read queries to the read replicas.
    pub enabled: bool,
    /// # Read replicas
    ///
    /// PostgreSQL connection URLs of the read replicas. Credentials in them
    /// are masked in output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(inner(url))]
    pub read_replicas: Option<Vec<String>>,
    /// # Routing strategy
    ///
    /// How reads are spread over the replicas; only `round-robin` exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub routing_strategy: Option<RoutingStrategy>,
    /// # Fall back to primary
    ///
    /// Send reads to the primary when no replica is available.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fallback_to_master: Option<bool>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Table partitioning.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PartitioningConfig {
    /// # Enabled
    ///
    /// Partition the audit tables automatically.
    pub enabled: bool,
    /// # Tables
    ///
    /// Names of the partitioned tables, e.g. `audit_log`.
    pub tables: Vec<String>,
    /// # Strategy
    ///
    /// Partitioning method: `range`, `hash` or `list`.
    pub strategy: PartitionStrategy,
    /// # Interval
    ///
    /// Time span of one partition: `monthly`, `quarterly` or `yearly`.
    pub interval: PartitionInterval,
    /// # Retention
    ///
    /// Days partitions are kept before they are dropped (2555 days is about
    /// 7 years).
    #[schemars(range(min = 0))]
    pub retention_days: u32,
    /// # Automatic maintenance
    ///
    /// Create upcoming partitions and drop expired ones automatically.
    pub auto_maintenance: bool,
    /// # Maintenance interval
    ///
    /// Milliseconds between maintenance runs (86400000 is one day).
    #[schemars(range(min = 0))]
    pub maintenance_interval: u64,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Circuit breaker of the enhanced client.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ClientCircuitBreakerConfig {
    /// # Enabled
    ///
    /// Stop querying a failing database for a while.
    pub enabled: bool,
    /// # Failure threshold
    ///
    /// Consecutive failures that open the circuit.
    #[schemars(range(min = 1))]
    pub failure_threshold: u32,
    /// # Timeout
    ///
    /// Milliseconds after which a query counts as failed.
    #[schemars(range(min = 0))]
    pub timeout_ms: u32,
    /// # Reset timeout
    ///
    /// Milliseconds the circuit stays open before a trial query is allowed.
    #[schemars(range(min = 0))]
    pub reset_timeout_ms: u32,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Query performance monitoring of the enhanced client.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ClientMonitoringConfig {
    /// # Enabled
    ///
    /// Collect query performance metrics.
    pub enabled: bool,
    /// # Slow query threshold
    ///
    /// Milliseconds above which a query is reported as slow.
    #[schemars(range(min = 0))]
    pub slow_query_threshold: u32,
    /// # Metrics retention
    ///
    /// Days query metrics are kept.
    #[schemars(range(min = 0))]
    pub metrics_retention_days: u32,
    /// # Automatic optimization
    ///
    /// Apply suggested optimizations (such as indexes) automatically.
    pub auto_optimization: bool,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

// ---------------------------------------------------------------------------
// server
// ---------------------------------------------------------------------------

/// The HTTP API server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ServerConfig {
    /// # Port
    ///
    /// TCP port the API server listens on. Upstream accepts 3000 to 65535.
    #[schemars(range(min = 3000, max = 65535))]
    pub port: u32,
    /// # Host
    ///
    /// Address or host name to bind, e.g. `0.0.0.0` for all interfaces.
    /// Upstream allows dot-separated labels of letters, digits and `-`.
    #[schemars(regex(pattern = r"^(?:[a-zA-Z0-9-]+\.)*[a-zA-Z0-9-]+$"))]
    pub host: String,
    /// # Server environment
    ///
    /// Environment the server runs in: development, staging, production or
    /// test.
    pub environment: Environment,
    /// # Request timeout
    ///
    /// Milliseconds before a request is aborted.
    #[schemars(range(min = 0))]
    pub timeout: u32,
    /// # CORS
    ///
    /// Cross-origin resource sharing for browser clients.
    pub cors: CorsConfig,
    /// # Rate limit
    ///
    /// Requests allowed per client and time window.
    pub rate_limit: RateLimitConfig,
    /// # Authentication
    ///
    /// Better Auth sessions and their storage.
    pub auth: AuthConfig,
    /// # Inngest
    ///
    /// Inngest background-function integration.
    pub inngest: InngestConfig,
    /// # Server monitoring
    ///
    /// Metrics and health endpoints, log level and tracing of the server.
    pub monitoring: ServerMonitoringConfig,
    /// # Performance
    ///
    /// Response caching, pagination, streaming and concurrency limits.
    pub performance: PerformanceConfig,
    /// # API surfaces
    ///
    /// Which APIs (tRPC, REST, GraphQL, OpenAPI docs) are served, and where.
    pub api: ApiConfig,
    /// # Server security
    ///
    /// API keys, trusted proxies and the request size limit.
    pub security: ServerSecurityConfig,
    /// # External services
    ///
    /// Optional SMTP, webhook and file storage integrations.
    pub external_services: ExternalServicesConfig,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Cross-origin resource sharing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CorsConfig {
    /// # Allowed origins
    ///
    /// One origin or a list of origins allowed to call the API, e.g.
    /// `https://app.example.com`.
    pub origin: CorsOrigin,
    /// # Credentials
    ///
    /// Allow cookies and authorization headers on cross-origin requests.
    pub credentials: bool,
    /// # Allowed methods
    ///
    /// HTTP methods allowed on cross-origin requests.
    pub allowed_methods: Vec<String>,
    /// # Allowed headers
    ///
    /// Request headers a cross-origin client may send.
    pub allowed_headers: Vec<String>,
    /// # Exposed headers
    ///
    /// Response headers a cross-origin client may read.
    pub expose_headers: Vec<String>,
    /// # Preflight max age
    ///
    /// Seconds a browser may cache a preflight response.
    #[schemars(range(min = 0))]
    pub max_age: u32,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Rate limiting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RateLimitConfig {
    /// # Window
    ///
    /// Length of the rate-limit window, in milliseconds.
    #[schemars(range(min = 0))]
    pub window_ms: u32,
    /// # Maximum requests
    ///
    /// Requests one client may make per window.
    #[schemars(range(min = 0))]
    pub max_requests: u32,
    /// # Skip successful requests
    ///
    /// Count only failed requests against the limit.
    pub skip_successful_requests: bool,
    /// # Key generator
    ///
    /// What identifies a client: `ip`, `user` or `session`.
    pub key_generator: RateLimitKey,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Better Auth authentication.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AuthConfig {
    /// # Session secret
    ///
    /// Secret that signs session cookies (env `BETTER_AUTH_SECRET`); use at
    /// least 32 random characters. Secret: masked in output.
    pub session_secret: String,
    /// # Session lifetime
    ///
    /// Seconds a session stays valid (86400 is one day).
    #[schemars(range(min = 0))]
    pub session_max_age: u32,
    /// # Trusted origins
    ///
    /// Origins allowed to use the authentication endpoints.
    pub trusted_origins: Vec<String>,
    /// # Better Auth URL
    ///
    /// Public base URL of the authentication service (env
    /// `BETTER_AUTH_URL`).
    #[schemars(url)]
    pub better_auth_url: String,
    /// # Auth Redis URL
    ///
    /// Redis URL for session storage (env `BETTER_AUTH_REDIS_URL`).
    /// Credentials in it are masked in output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(url)]
    pub redis_url: Option<String>,
    /// # Auth database URL
    ///
    /// PostgreSQL URL of the authentication database (env
    /// `BETTER_AUTH_DB_URL`). Credentials in it are masked in output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(url)]
    pub db_url: Option<String>,
    /// # Auth pool size
    ///
    /// Maximum number of connections to the authentication database.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub pool_size: Option<u32>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Inngest integration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct InngestConfig {
    /// # Enabled
    ///
    /// Serve the Inngest functions endpoint.
    pub enabled: bool,
    /// # Inngest path
    ///
    /// URL path of the Inngest endpoint, e.g. `/api/inngest`.
    pub inngest_path: String,
    /// # App ID
    ///
    /// Inngest application identifier.
    pub id: String,
    /// # Event key
    ///
    /// Key for sending events to Inngest (env `INNGEST_EVENT_KEY`). Secret:
    /// masked in output.
    pub event_key: String,
    /// # Signing key
    ///
    /// Key that verifies requests from Inngest (env `INNGEST_SIGNING_KEY`).
    /// Secret: masked in output.
    pub signing_key: String,
    /// # Base URL
    ///
    /// Base URL of the Inngest server (env `INNGEST_BASE_URL`).
    #[schemars(url)]
    pub base_url: String,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Monitoring endpoints of the server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ServerMonitoringConfig {
    /// # Metrics endpoint
    ///
    /// Serve request metrics.
    pub enable_metrics: bool,
    /// # Metrics path
    ///
    /// URL path of the metrics endpoint, e.g. `/metrics`.
    pub metrics_path: String,
    /// # Health check path
    ///
    /// URL path of the health check endpoint, e.g. `/health`.
    pub health_check_path: String,
    /// # Log level
    ///
    /// Server log threshold: `debug`, `info`, `warn` or `error`.
    pub log_level: LogLevel,
    /// # Tracing
    ///
    /// Trace incoming requests.
    pub enable_tracing: bool,
    /// # Tracing endpoint
    ///
    /// URL traces are sent to when tracing is enabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(url)]
    pub tracing_endpoint: Option<String>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Performance tuning of the server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PerformanceConfig {
    /// # Response cache
    ///
    /// Caching of API responses.
    pub response_cache: ResponseCacheConfig,
    /// # Pagination
    ///
    /// Page sizes of list endpoints.
    pub pagination: PaginationConfig,
    /// # Streaming
    ///
    /// Streaming of large result sets.
    pub streaming: StreamingConfig,
    /// # Concurrency
    ///
    /// Limits on requests processed at the same time.
    pub concurrency: ConcurrencyConfig,
    /// # Performance monitoring
    ///
    /// Slow-request and memory alerts.
    pub monitoring: PerformanceMonitoringConfig,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// API response cache.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ResponseCacheConfig {
    /// # Enabled
    ///
    /// Cache API responses.
    pub enabled: bool,
    /// # Default TTL
    ///
    /// Seconds a cached response stays valid.
    #[serde(rename = "defaultTTL")]
    #[schemars(range(min = 0))]
    pub default_ttl: u32,
    /// # Maximum size (MB)
    ///
    /// Memory the response cache may use, in megabytes.
    #[serde(rename = "maxSizeMB")]
    #[schemars(range(min = 0))]
    pub max_size_mb: u32,
    /// # Key prefix
    ///
    /// Prefix of the response cache keys, e.g. `prod_api_cache`.
    pub key_prefix: String,
    /// # Excluded endpoints
    ///
    /// Endpoints never cached (patterns allowed), e.g.
    /// `/api/auth/get-session`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exclude_endpoints: Option<Vec<String>>,
    /// # TTL overrides
    ///
    /// Cache lifetime in seconds per endpoint pattern, overriding
    /// `defaultTTL`.
    #[serde(
        rename = "endpointTTLOverrides",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub endpoint_ttl_overrides: Option<OrderedMap<Number>>,
    /// # Uncached patterns
    ///
    /// Endpoints matching these patterns are never cached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disable_cache_patterns: Option<Vec<String>>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Pagination of list endpoints.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PaginationConfig {
    /// # Default page size
    ///
    /// Items per page when the client asks for no limit.
    #[schemars(range(min = 1))]
    pub default_limit: u32,
    /// # Maximum page size
    ///
    /// Largest page a client may ask for.
    #[schemars(range(min = 1))]
    pub max_limit: u32,
    /// # Cursor pagination
    ///
    /// Offer cursor-based pagination besides offsets.
    pub enable_cursor: bool,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Streaming of large results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct StreamingConfig {
    /// # Enabled
    ///
    /// Stream large result sets instead of buffering them.
    pub enabled: bool,
    /// # Chunk size
    ///
    /// Records sent per chunk.
    #[schemars(range(min = 1))]
    pub chunk_size: u32,
    /// # Maximum streams
    ///
    /// Streams open at the same time.
    #[schemars(range(min = 0))]
    pub max_concurrent_streams: u32,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Request concurrency limits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ConcurrencyConfig {
    /// # Maximum concurrent requests
    ///
    /// Requests processed at the same time; more wait in the queue or are
    /// refused.
    #[schemars(range(min = 1))]
    pub max_concurrent_requests: u32,
    /// # Queue timeout
    ///
    /// Milliseconds a request may wait in the queue.
    #[schemars(range(min = 0))]
    pub queue_timeout: u32,
    /// # Request queue
    ///
    /// Queue requests above the limit instead of refusing them.
    pub enable_request_queue: bool,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Performance monitoring of the server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PerformanceMonitoringConfig {
    /// # Metrics
    ///
    /// Collect request performance metrics.
    pub enable_metrics: bool,
    /// # Slow request threshold
    ///
    /// Milliseconds above which a request is reported as slow.
    #[schemars(range(min = 0))]
    pub slow_request_threshold: u32,
    /// # Memory threshold
    ///
    /// Heap usage, in percent (0 to 100), above which a warning is raised.
    #[schemars(range(min = 0, max = 100))]
    pub memory_threshold: Number,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// API surfaces.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ApiConfig {
    /// # tRPC
    ///
    /// Serve the tRPC API.
    pub enable_trpc: bool,
    /// # REST
    ///
    /// Serve the REST API.
    pub enable_rest: bool,
    /// # GraphQL
    ///
    /// Serve the GraphQL API.
    pub enable_graphql: bool,
    /// # tRPC path
    ///
    /// URL path of the tRPC API, e.g. `/trpc`.
    pub trpc_path: String,
    /// # REST path
    ///
    /// URL path of the REST API, e.g. `/api`.
    pub rest_path: String,
    /// # GraphQL path
    ///
    /// URL path of the GraphQL API, e.g. `/graphql`.
    pub graphql_path: String,
    /// # OpenAPI docs
    ///
    /// Serve the OpenAPI documentation.
    pub enable_open_api: bool,
    /// # OpenAPI path
    ///
    /// URL path of the OpenAPI documentation, e.g. `/api/docs`.
    pub open_api_path: String,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Security of the HTTP server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ServerSecurityConfig {
    /// # API key header
    ///
    /// Request header that carries the API key, e.g. `x-api-key`.
    pub api_key_header: String,
    /// # API key authentication
    ///
    /// Accept API keys as credentials.
    pub enable_api_key_auth: bool,
    /// # Trusted proxies
    ///
    /// Proxy addresses whose `X-Forwarded-*` headers are trusted.
    pub trusted_proxies: Vec<String>,
    /// # Maximum request size
    ///
    /// Largest accepted request body, as a size string such as `10mb`.
    pub max_request_size: String,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Optional integrations of the server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ExternalServicesConfig {
    /// # SMTP
    ///
    /// Mail server for outgoing e-mail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub smtp: Option<SmtpConfig>,
    /// # Webhook
    ///
    /// Outgoing webhook called on events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webhook: Option<WebhookConfig>,
    /// # File storage
    ///
    /// Where the server stores files (exports, reports).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage: Option<StorageConfig>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// SMTP mail server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SmtpConfig {
    /// # SMTP host
    ///
    /// Host name of the mail server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    /// # SMTP port
    ///
    /// TCP port of the mail server (usually 25, 465 or 587), 1 to 65535.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 65535))]
    pub port: Option<u32>,
    /// # Implicit TLS
    ///
    /// Connect with TLS from the start (port 465); false uses STARTTLS when
    /// offered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secure: Option<bool>,
    /// # SMTP user
    ///
    /// User name for SMTP authentication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    /// # SMTP password
    ///
    /// Password for SMTP authentication. Secret: masked in output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pass: Option<String>,
    /// # Sender
    ///
    /// Sender address of outgoing mail, e.g. `Audit <audit@example.com>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Outgoing webhook.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct WebhookConfig {
    /// # Webhook URL
    ///
    /// Absolute URL the webhook calls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(url)]
    pub url: Option<String>,
    /// # HTTP method
    ///
    /// `GET`, `POST`, `PUT` or `PATCH`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<WebhookMethod>,
    /// # Headers
    ///
    /// Extra HTTP headers sent with each call. An `Authorization` header is
    /// a secret: masked in output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headers: Option<OrderedMap<String>>,
    /// # Timeout
    ///
    /// Milliseconds to wait for the webhook to answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0))]
    pub timeout: Option<u32>,
    /// # Retries
    ///
    /// Retry policy for failed webhook calls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_config: Option<WebhookRetryConfig>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Retry policy of the webhook.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct WebhookRetryConfig {
    /// # Maximum retries
    ///
    /// Retries after the first failed call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0))]
    pub max_retries: Option<u32>,
    /// # Backoff multiplier
    ///
    /// Factor the delay grows by after each retry (2 doubles it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0))]
    pub backoff_multiplier: Option<Number>,
    /// # Maximum backoff delay
    ///
    /// Upper limit of the delay between retries, in milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0))]
    pub max_backoff_delay: Option<u32>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// File storage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct StorageConfig {
    /// # Provider
    ///
    /// `local` disk, Amazon `s3` or Google Cloud Storage (`gcs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<StorageProvider>,
    /// # Provider settings
    ///
    /// Provider-specific settings (bucket, region, credentials...), passed
    /// through as they are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config: Option<Map<String, Value>>,
    /// # Path
    ///
    /// Directory or key prefix files are written under.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// # Retention
    ///
    /// How long stored files are kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention: Option<StorageRetentionConfig>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Retention of stored files.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct StorageRetentionConfig {
    /// # Retention days
    ///
    /// Days stored files are kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0))]
    pub days: Option<u32>,
    /// # Automatic cleanup
    ///
    /// Delete files older than the retention period automatically.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_cleanup: Option<bool>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

// ---------------------------------------------------------------------------
// worker, retry, reliableProcessor
// ---------------------------------------------------------------------------

/// The background worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct WorkerConfig {
    /// # Concurrency
    ///
    /// Audit events the worker processes at the same time. Upstream accepts
    /// 1 to 50 (and warns above 10 in development). Hot-reloadable.
    #[schemars(range(min = 1, max = 50))]
    pub concurrency: u32,
    /// # Queue name
    ///
    /// Name of the audit event queue. Upstream allows letters, digits, `_`
    /// and `-`.
    #[schemars(regex(pattern = r"^[a-zA-Z0-9_-]+$"))]
    pub queue_name: String,
    /// # Health check port
    ///
    /// TCP port of the worker's health check endpoint. Upstream accepts 3000
    /// to 65535.
    #[schemars(range(min = 3000, max = 65535))]
    pub port: u32,
    /// # Graceful shutdown
    ///
    /// Finish in-flight events before stopping.
    pub graceful_shutdown: bool,
    /// # Shutdown timeout
    ///
    /// Milliseconds allowed for a graceful shutdown. Upstream accepts 1000 to
    /// 60000.
    #[schemars(range(min = 1000, max = 60000))]
    pub shutdown_timeout: u32,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The default retry policy (`retry`), with upstream's validated limits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RetryConfig {
    /// # Maximum retries
    ///
    /// Retries after the first failed attempt. Upstream accepts 0 to 10.
    /// Hot-reloadable.
    #[schemars(range(min = 0, max = 10))]
    pub max_retries: u32,
    /// # Base delay
    ///
    /// Milliseconds before the first retry; the backoff strategy grows it.
    /// Upstream accepts 100 to 10000. Hot-reloadable.
    #[schemars(range(min = 100, max = 10000))]
    pub base_delay: u32,
    /// # Maximum delay
    ///
    /// Upper limit of the delay between retries, in milliseconds; must be at
    /// least `baseDelay`. Upstream accepts 1000 to 300000. Hot-reloadable.
    #[schemars(range(min = 1000, max = 300000))]
    pub max_delay: u32,
    /// # Backoff strategy
    ///
    /// `exponential` (base × 2^(n-1)), `linear` (base × n) or `fixed`
    /// (base).
    pub backoff_strategy: BackoffStrategy,
    /// # Retryable errors
    ///
    /// Error codes that are retried, e.g. `ECONNRESET`. Errors whose message
    /// mentions a connection, timeout or network problem are retried too.
    pub retryable_errors: Vec<String>,
    /// # Backoff multiplier
    ///
    /// Growth factor of the delay. Upstream declares it but its delay
    /// calculation does not read it (exponential always doubles).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0))]
    pub backoff_multiplier: Option<Number>,
    /// # Jitter
    ///
    /// Randomize each delay by ±10% so that clients do not retry in
    /// lockstep.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jitter: Option<bool>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Retry policy of the reliable processor (`reliableProcessor.retryConfig`).
/// Same fields as [`RetryConfig`]; upstream validates no limits here, so the
/// schema only has physical bounds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProcessorRetryConfig {
    /// # Maximum retries
    ///
    /// Retries after the first failed attempt, before the event goes to the
    /// dead-letter queue.
    #[schemars(range(min = 0))]
    pub max_retries: u32,
    /// # Base delay
    ///
    /// Milliseconds before the first retry; the backoff strategy grows it.
    #[schemars(range(min = 0))]
    pub base_delay: u32,
    /// # Maximum delay
    ///
    /// Upper limit of the delay between retries, in milliseconds; should be
    /// at least `baseDelay`.
    #[schemars(range(min = 0))]
    pub max_delay: u32,
    /// # Backoff strategy
    ///
    /// `exponential` (base × 2^(n-1)), `linear` (base × n) or `fixed`
    /// (base).
    pub backoff_strategy: BackoffStrategy,
    /// # Retryable errors
    ///
    /// Error codes that are retried, e.g. `ECONNRESET`. Errors whose message
    /// mentions a connection, timeout or network problem are retried too.
    pub retryable_errors: Vec<String>,
    /// # Backoff multiplier
    ///
    /// Growth factor of the delay. Upstream declares it but its delay
    /// calculation does not read it (exponential always doubles).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0))]
    pub backoff_multiplier: Option<Number>,
    /// # Jitter
    ///
    /// Randomize each delay by ±10% so that clients do not retry in
    /// lockstep.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jitter: Option<bool>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The reliable event processor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ReliableProcessorConfig {
    /// # Queue name
    ///
    /// Name of the queue the processor consumes.
    pub queue_name: String,
    /// # Concurrency
    ///
    /// Events processed at the same time.
    #[schemars(range(min = 1))]
    pub concurrency: u32,
    /// # Retry policy
    ///
    /// How failed events are retried before they are dead-lettered.
    pub retry_config: ProcessorRetryConfig,
    /// # Circuit breaker
    ///
    /// Pauses processing while the downstream keeps failing.
    pub circuit_breaker_config: CircuitBreakerConfig,
    /// # Dead-letter queue
    ///
    /// Where events go after their last retry, and for how long.
    pub dead_letter_config: DeadLetterConfig,
    /// # Persistent storage
    ///
    /// Keep queued events in durable storage.
    pub persistent_storage: bool,
    /// # Durability guarantees
    ///
    /// Acknowledge an event only once it is safely stored.
    pub durability_guarantees: bool,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Circuit breaker of the reliable processor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CircuitBreakerConfig {
    /// # Failure threshold
    ///
    /// Failures within the monitoring period that open the circuit. Upstream
    /// accepts 1 to 100. Hot-reloadable.
    #[schemars(range(min = 1, max = 100))]
    pub failure_threshold: u32,
    /// # Recovery timeout
    ///
    /// Milliseconds the circuit stays open before a trial event is let
    /// through. Upstream accepts 1000 to 300000. Hot-reloadable.
    #[schemars(range(min = 1000, max = 300000))]
    pub recovery_timeout: u32,
    /// # Monitoring period
    ///
    /// Length of the window failures are counted in, in milliseconds.
    /// Upstream accepts 1000 to 3600000.
    #[schemars(range(min = 1000, max = 3600000))]
    pub monitoring_period: u32,
    /// # Minimum throughput
    ///
    /// Events needed in the window before the failure rate counts. Upstream
    /// accepts 1 to 100.
    #[schemars(range(min = 1, max = 100))]
    pub minimum_throughput: u32,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Dead-letter queue of the reliable processor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct DeadLetterConfig {
    /// # Queue name
    ///
    /// Name of the dead-letter queue. Upstream allows letters, digits, `_`
    /// and `-`.
    #[schemars(regex(pattern = r"^[a-zA-Z0-9_-]+$"))]
    pub queue_name: String,
    /// # Maximum retention
    ///
    /// Days a dead-lettered event is kept. Upstream accepts 1 to 365.
    #[schemars(range(min = 1, max = 365))]
    pub max_retention_days: u32,
    /// # Alert threshold
    ///
    /// Dead-lettered events that trigger an alert. Upstream accepts 1 to
    /// 1000. Hot-reloadable.
    #[schemars(range(min = 1, max = 1000))]
    pub alert_threshold: u32,
    /// # Processing interval
    ///
    /// Milliseconds between passes over the dead-letter queue.
    #[schemars(range(min = 0))]
    pub processing_interval: u32,
    /// # Archive after
    ///
    /// Days after which dead-lettered events are archived.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0))]
    pub archive_after_days: Option<u32>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

// ---------------------------------------------------------------------------
// monitoring
// ---------------------------------------------------------------------------

/// Real-time monitoring and alerting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct MonitoringConfig {
    /// # Enabled
    ///
    /// Collect metrics and raise alerts.
    pub enabled: bool,
    /// # Metrics interval
    ///
    /// Milliseconds between metric collections. Upstream accepts 1000 to
    /// 300000. Hot-reloadable.
    #[schemars(range(min = 1000, max = 300000))]
    pub metrics_interval: u32,
    /// # Alert thresholds
    ///
    /// Levels at which alerts are raised.
    pub alert_thresholds: AlertThresholds,
    /// # Health check interval
    ///
    /// Milliseconds between health checks. Upstream accepts 5000 to 300000.
    /// Hot-reloadable.
    #[schemars(range(min = 5000, max = 300000))]
    pub health_check_interval: u32,
    /// # Pattern detection
    ///
    /// Detection of suspicious activity (failed logins, bulk access,
    /// off-hours access).
    pub pattern_detection: PatternDetectionConfig,
    /// # Notifications
    ///
    /// Where alerts are sent.
    pub notification: NotificationConfig,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Alert thresholds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AlertThresholds {
    /// # Error rate
    ///
    /// Fraction of failed events (0 to 1, 0.05 is 5%) that raises an alert.
    /// Upstream accepts 0 to 1. Hot-reloadable.
    #[schemars(range(min = 0, max = 1))]
    pub error_rate: Number,
    /// # Processing latency
    ///
    /// Milliseconds of event processing time that raise an alert. Upstream
    /// accepts 100 to 60000. Hot-reloadable.
    #[schemars(range(min = 100, max = 60000))]
    pub processing_latency: u32,
    /// # Queue depth
    ///
    /// Waiting events that raise an alert. Upstream accepts 10 to 10000.
    /// Hot-reloadable.
    #[schemars(range(min = 10, max = 10000))]
    pub queue_depth: u32,
    /// # Memory usage
    ///
    /// Fraction of memory in use (0.1 to 1, 0.8 is 80%) that raises an
    /// alert. Upstream accepts 0.1 to 1. Hot-reloadable.
    #[schemars(range(min = 0.1, max = 1))]
    pub memory_usage: Number,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Suspicious pattern detection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PatternDetectionConfig {
    /// # Failed logins
    ///
    /// Failed authentications within the window that count as an attack.
    #[schemars(range(min = 0))]
    pub failed_auth_threshold: u32,
    /// # Failed login window
    ///
    /// Window for failed authentications, in milliseconds (300000 is 5
    /// minutes).
    #[schemars(range(min = 0))]
    pub failed_auth_time_window: u32,
    /// # Unauthorized access
    ///
    /// Unauthorized access attempts within the window that raise an alert.
    #[schemars(range(min = 0))]
    pub unauthorized_access_threshold: u32,
    /// # Unauthorized access window
    ///
    /// Window for unauthorized access attempts, in milliseconds.
    #[schemars(range(min = 0))]
    pub unauthorized_access_time_window: u32,
    /// # Data access velocity
    ///
    /// Records one user may read within the window before it is suspicious.
    #[schemars(range(min = 0))]
    pub data_access_velocity_threshold: u32,
    /// # Data access window
    ///
    /// Window for data access velocity, in milliseconds.
    #[schemars(range(min = 0))]
    pub data_access_time_window: u32,
    /// # Bulk operations
    ///
    /// Operations within the window that count as a bulk operation.
    #[schemars(range(min = 0))]
    pub bulk_operation_threshold: u32,
    /// # Bulk operation window
    ///
    /// Window for bulk operations, in milliseconds.
    #[schemars(range(min = 0))]
    pub bulk_operation_time_window: u32,
    /// # Off hours start
    ///
    /// Hour of the day (0 to 23) from which access counts as off-hours.
    #[schemars(range(min = 0, max = 23))]
    pub off_hours_start: u32,
    /// # Off hours end
    ///
    /// Hour of the day (0 to 23) at which off-hours end.
    #[schemars(range(min = 0, max = 23))]
    pub off_hours_end: u32,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Alert notifications.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct NotificationConfig {
    /// # Enabled
    ///
    /// Send alert notifications.
    pub enabled: bool,
    /// # Provider
    ///
    /// Notification channel: `push`, `email`, `slack`, `telegram` or
    /// `webhook`.
    pub provider: NotificationProvider,
    /// # Service URL
    ///
    /// Endpoint of the notification service (env `NOTIFICATION_URL`).
    pub url: String,
    /// # Credentials
    ///
    /// Credentials of the notification service.
    pub credentials: NotificationCredentials,
    /// # Channels
    ///
    /// Recipients per channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channels: Option<NotificationChannels>,
    /// # Templates
    ///
    /// Message templates per notification kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub templates: Option<NotificationTemplates>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Credentials of the notification service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct NotificationCredentials {
    /// # Secret
    ///
    /// Shared secret or token (env `NOTIFICATION_SECRET`). Secret: masked in
    /// output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
    /// # User name
    ///
    /// User name for the notification service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// # Password
    ///
    /// Password for the notification service. Secret: masked in output
    /// (upstream forgets to).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Recipients per notification channel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct NotificationChannels {
    /// # E-mail
    ///
    /// E-mail addresses that receive notifications.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<Vec<String>>,
    /// # Slack
    ///
    /// Slack channels or webhook URLs that receive notifications.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slack: Option<Vec<String>>,
    /// # Telegram
    ///
    /// Telegram chats that receive notifications.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub telegram: Option<Vec<String>>,
    /// # Webhooks
    ///
    /// Webhook URLs that receive notifications.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webhook: Option<Vec<String>>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Notification message templates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct NotificationTemplates {
    /// # Error template
    ///
    /// Template of error notifications.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// # Alert template
    ///
    /// Template of alert notifications.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alert: Option<String>,
    /// # Pattern detection template
    ///
    /// Template of suspicious-pattern notifications.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern_detection: Option<String>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

// ---------------------------------------------------------------------------
// observability
// ---------------------------------------------------------------------------

/// Tracing, metrics, profiling and dashboard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ObservabilityConfig {
    /// # Tracing
    ///
    /// Distributed tracing of audit processing.
    pub tracing: TracingConfig,
    /// # Metrics
    ///
    /// Collection and export of metrics.
    pub metrics: MetricsConfig,
    /// # Profiling
    ///
    /// Sampling CPU profiler.
    pub profiling: ProfilingConfig,
    /// # Dashboard
    ///
    /// The monitoring dashboard.
    pub dashboard: DashboardConfig,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Distributed tracing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TracingConfig {
    /// # Enabled
    ///
    /// Record traces.
    pub enabled: bool,
    /// # Service name
    ///
    /// Service name attached to every span.
    pub service_name: String,
    /// # Sample rate
    ///
    /// Fraction of operations traced, 0 to 1 (1 traces everything).
    #[schemars(range(min = 0, max = 1))]
    pub sample_rate: Number,
    /// # Exporter
    ///
    /// Where traces go: `console`, `jaeger`, `zipkin` or `otlp`.
    pub exporter_type: TracingExporter,
    /// # Exporter endpoint
    ///
    /// URL traces are sent to (env `OTLP_TRACES_ENDPOINT`), e.g.
    /// `http://collector:4318/v1/traces`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(url)]
    pub exporter_endpoint: Option<String>,
    /// # Exporter headers
    ///
    /// HTTP headers sent to the exporter, typically authentication. Secret:
    /// masked in output (upstream forgets to).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headers: Option<OrderedMap<String>>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Metrics collection and export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct MetricsConfig {
    /// # Enabled
    ///
    /// Collect metrics.
    pub enabled: bool,
    /// # Collection interval
    ///
    /// Milliseconds between metric collections.
    #[schemars(range(min = 0))]
    pub collection_interval: u32,
    /// # Retention
    ///
    /// Seconds collected metrics are kept (86400 is one day).
    #[schemars(range(min = 0))]
    pub retention_period: u32,
    /// # Exporter
    ///
    /// Where metrics go: `prometheus`, `console` or `custom`.
    pub exporter_type: MetricsExporter,
    /// # Exporter endpoint
    ///
    /// URL metrics are sent to (env `OTLP_METRICS_ENDPOINT`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(url)]
    pub exporter_endpoint: Option<String>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Sampling profiler.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProfilingConfig {
    /// # Enabled
    ///
    /// Record CPU profiles.
    pub enabled: bool,
    /// # Sample rate
    ///
    /// Fraction of operations profiled, 0 to 1 (0.1 is 10%).
    #[schemars(range(min = 0, max = 1))]
    pub sample_rate: Number,
    /// # Maximum profiles
    ///
    /// Profiles kept in memory.
    #[schemars(range(min = 0))]
    pub max_profiles: u32,
    /// # Profile duration
    ///
    /// Length of one profile, in milliseconds.
    #[schemars(range(min = 0))]
    pub profile_duration: u32,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Monitoring dashboard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct DashboardConfig {
    /// # Enabled
    ///
    /// Serve the dashboard.
    pub enabled: bool,
    /// # Refresh interval
    ///
    /// Milliseconds between dashboard refreshes.
    #[schemars(range(min = 0))]
    pub refresh_interval: u32,
    /// # History retention
    ///
    /// Seconds of history the dashboard keeps (86400 is one day).
    #[schemars(range(min = 0))]
    pub history_retention: u32,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

// ---------------------------------------------------------------------------
// security
// ---------------------------------------------------------------------------

/// Integrity, signing and encryption.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SecurityConfig {
    /// # Integrity verification
    ///
    /// Hash every audit event so that tampering can be detected. Must be true
    /// in production.
    pub enable_integrity_verification: bool,
    /// # Hash algorithm
    ///
    /// Hash of the integrity check: `SHA-256` (upstream's default) or
    /// `SHA-512`.
    pub hash_algorithm: HashAlgorithm,
    /// # Event signing
    ///
    /// Sign audit events with an HMAC or the KMS signing key.
    pub enable_event_signing: bool,
    /// # Encryption key
    ///
    /// Key for encrypting sensitive data (env `AUDIT_CRYPTO_SECRET`); when
    /// not empty, at least 32 characters. Required when log encryption is on.
    /// Secret: masked in output.
    pub encryption_key: String,
    /// # Log encryption
    ///
    /// Encrypt stored audit logs; needs `encryptionKey`.
    pub enable_log_encryption: bool,
    /// # Key management service
    ///
    /// Remote KMS (Infisical) for encryption and signing keys.
    pub kms: KmsConfig,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Key management service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct KmsConfig {
    /// # Enabled
    ///
    /// Use the KMS for encryption and signing.
    pub enabled: bool,
    /// # Encryption key ID
    ///
    /// KMS identifier of the encryption key (env `KMS_ENCRYPTION_KEY_ID`).
    /// Secret: masked in output.
    pub encryption_key: String,
    /// # Signing key ID
    ///
    /// KMS identifier of the signing key (env `KMS_SIGNING_KEY_ID`). Secret:
    /// masked in output.
    pub signing_key: String,
    /// # Access token
    ///
    /// Token for the KMS API (env `INFISICAL_ACCESS_TOKEN`). Secret: masked
    /// in output.
    pub access_token: String,
    /// # KMS URL
    ///
    /// Base URL of the KMS (env `INFISICAL_URL`).
    #[schemars(url)]
    pub base_url: String,
    /// # Cipher
    ///
    /// `AES-256-GCM` or `AES-256-CBC`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub algorithm: Option<CipherAlgorithm>,
    /// # Key derivation
    ///
    /// `PBKDF2` or `scrypt`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kdf: Option<KeyDerivation>,
    /// # Salt
    ///
    /// Salt for key derivation, as a hex string.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salt: Option<String>,
    /// # Iterations
    ///
    /// PBKDF2 iterations (upstream's default is 100000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub iterations: Option<u32>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

// ---------------------------------------------------------------------------
// compliance
// ---------------------------------------------------------------------------

/// Regulatory compliance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ComplianceConfig {
    /// # HIPAA
    ///
    /// HIPAA compliance features.
    pub hipaa: HipaaConfig,
    /// # GDPR
    ///
    /// GDPR compliance features.
    pub gdpr: GdprConfig,
    /// # Default retention
    ///
    /// Days audit events are kept unless a rule says otherwise (2555 is
    /// about 7 years). Upstream accepts 1 to 3650.
    #[schemars(range(min = 1, max = 3650))]
    pub default_retention_days: u32,
    /// # Default classification
    ///
    /// Classification of events that carry none: `PUBLIC`, `INTERNAL`,
    /// `CONFIDENTIAL` or `PHI`.
    pub default_data_classification: DataClassification,
    /// # Generate hashes
    ///
    /// Attach an integrity hash to every event.
    pub generate_hash: bool,
    /// # Generate signatures
    ///
    /// Attach a signature to every event.
    pub generate_signature: bool,
    /// # Automatic archival
    ///
    /// Archive events automatically when they reach their retention age.
    pub enable_auto_archival: bool,
    /// # Pseudonymization
    ///
    /// Replace personal identifiers with pseudonyms.
    pub enable_pseudonymization: bool,
    /// # Reporting schedule
    ///
    /// Periodic compliance reports.
    pub reporting_schedule: ReportingScheduleConfig,
    /// # Custom rules
    ///
    /// Extra compliance rule sets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom: Option<Vec<CustomComplianceRules>>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// HIPAA features.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct HipaaConfig {
    /// # Enabled
    ///
    /// Enforce HIPAA requirements.
    pub enabled: bool,
    /// # Required fields
    ///
    /// Event fields HIPAA events must carry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_fields: Option<Vec<String>>,
    /// # Retention
    ///
    /// Years HIPAA records are kept (HIPAA requires 6).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0))]
    pub retention_years: Option<u32>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// GDPR features.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct GdprConfig {
    /// # Enabled
    ///
    /// Enforce GDPR requirements. Usually off in test.
    pub enabled: bool,
    /// # Default legal basis
    ///
    /// Legal basis recorded when an event names none, e.g.
    /// `legitimate_interest`, `consent` or `contract`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_legal_basis: Option<String>,
    /// # Retention
    ///
    /// Days personal data is kept under GDPR.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0))]
    pub retention_days: Option<u32>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Compliance reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ReportingScheduleConfig {
    /// # Enabled
    ///
    /// Send compliance reports; needs at least one recipient.
    /// Hot-reloadable.
    pub enabled: bool,
    /// # Frequency
    ///
    /// `daily`, `weekly` or `monthly`. Hot-reloadable.
    pub frequency: Frequency,
    /// # Recipients
    ///
    /// E-mail addresses reports are sent to (env `COMPLIANCE_RECIPIENTS`).
    /// Must not be empty when reporting is enabled.
    #[schemars(inner(regex(pattern = r"^[^\s@]+@[^\s@]+\.[^\s@]+$")))]
    pub recipients: Vec<String>,
    /// # Include GDPR
    ///
    /// Add the GDPR section to reports.
    #[serde(rename = "includeGDPR")]
    pub include_gdpr: bool,
    /// # Include HIPAA
    ///
    /// Add the HIPAA section to reports.
    #[serde(rename = "includeHIPAA")]
    pub include_hipaa: bool,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A named set of custom compliance rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CustomComplianceRules {
    /// # Name
    ///
    /// Name of the rule set.
    pub name: String,
    /// # Rules
    ///
    /// The rules of the set.
    pub rules: Vec<ComplianceRule>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One custom compliance rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ComplianceRule {
    /// # Field
    ///
    /// Event field the rule checks.
    pub field: String,
    /// # Required
    ///
    /// The field must be present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    /// # Message
    ///
    /// Message reported when the rule fails.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

// ---------------------------------------------------------------------------
// validation, archive
// ---------------------------------------------------------------------------

/// Validation of incoming audit events.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ValidationConfig {
    /// # Maximum string length
    ///
    /// Longest string accepted in an event field, in characters.
    #[schemars(range(min = 0))]
    pub max_string_length: u32,
    /// # Allowed classifications
    ///
    /// Data classifications an event may carry.
    pub allowed_data_classifications: Vec<DataClassification>,
    /// # Required fields
    ///
    /// Fields every event must carry, e.g. `timestamp`, `action`, `status`.
    pub required_fields: Vec<String>,
    /// # Maximum custom field depth
    ///
    /// Deepest nesting allowed in custom event fields.
    #[schemars(range(min = 0))]
    pub max_custom_field_depth: u32,
    /// # Allowed event versions
    ///
    /// Event schema versions accepted, e.g. `1.0`.
    pub allowed_event_versions: Vec<String>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Archival of old audit data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ArchiveConfig {
    /// # Compression
    ///
    /// `gzip`, `deflate` or `none`.
    pub compression_algorithm: CompressionAlgorithm,
    /// # Compression level
    ///
    /// 0 (fastest) to 9 (smallest).
    #[schemars(range(min = 0, max = 9))]
    pub compression_level: u32,
    /// # Format
    ///
    /// Serialization of archived records: `json`, `jsonl` or `parquet`.
    pub format: ArchiveFormat,
    /// # Batch size
    ///
    /// Records archived per batch.
    #[schemars(range(min = 1))]
    pub batch_size: u32,
    /// # Verify integrity
    ///
    /// Check each archive after it is written.
    pub verify_integrity: bool,
    /// # Encrypt archives
    ///
    /// Encrypt archived data.
    pub encrypt_archive: bool,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

// ---------------------------------------------------------------------------
// logging
// ---------------------------------------------------------------------------

/// The server's own logging (the `@repo/logs` library). Limits on optional
/// fields are the library's own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct LoggingConfig {
    /// # Log level
    ///
    /// Least severe level written: `debug`, `info`, `warn` or `error`. Must
    /// not be `debug` in production. Hot-reloadable.
    pub level: LogLevel,
    /// # Service name
    ///
    /// Service name attached to every log entry.
    pub service: String,
    /// # Environment
    ///
    /// Environment attached to every log entry: development, staging,
    /// production or test.
    pub environment: Environment,
    /// # Service version
    ///
    /// Version attached to every log entry.
    pub version: String,
    /// # Shutdown timeout
    ///
    /// Milliseconds allowed to flush logs on shutdown, at least 1000.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1000))]
    pub shutdown_timeout_ms: Option<u32>,
    /// # Correlation IDs
    ///
    /// Attach correlation IDs that tie related entries together.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_correlation_ids: Option<bool>,
    /// # Request tracking
    ///
    /// Log the start and end of every request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_request_tracking: Option<bool>,
    /// # Debug mode
    ///
    /// Extra diagnostic output from the logger itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_debug_mode: Option<bool>,
    /// # Pretty print
    ///
    /// Human-readable output instead of one JSON object per line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pretty_print: Option<bool>,
    /// # Console transport
    ///
    /// Logging to standard output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub console: Option<ConsoleTransportConfig>,
    /// # File transport
    ///
    /// Logging to rotated files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<FileTransportConfig>,
    /// # OTLP transport
    ///
    /// Logging to an OpenTelemetry collector.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub otlp: Option<OtlpTransportConfig>,
    /// # Redis transport
    ///
    /// Logging to a Redis list, stream or channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redis: Option<RedisTransportConfig>,
    /// # Performance logging
    ///
    /// Sampling of CPU and memory usage into the logs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub performance: Option<LogPerformanceConfig>,
    /// # Batching
    ///
    /// Batching of log entries before they are sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch: Option<LogBatchConfig>,
    /// # Retries
    ///
    /// Retrying of failed log deliveries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry: Option<LogRetryConfig>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Console log transport.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ConsoleTransportConfig {
    /// # Name
    ///
    /// Name of the transport.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// # Enabled
    ///
    /// Write logs to standard output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// # Output format
    ///
    /// `json` or `pretty`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<ConsoleFormat>,
    /// # Colors
    ///
    /// Colour the output by level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colorize: Option<bool>,
    /// # Level
    ///
    /// Least severe level this transport writes: `debug`, `info`, `warn`,
    /// `error` or `fatal`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<TransportLogLevel>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// File log transport.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct FileTransportConfig {
    /// # Name
    ///
    /// Name of the transport.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// # Enabled
    ///
    /// Write logs to files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// # Level
    ///
    /// Least severe level this transport writes: `debug`, `info`, `warn`,
    /// `error` or `fatal`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<TransportLogLevel>,
    /// # File name
    ///
    /// Path of the log file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filename: Option<String>,
    /// # Maximum size
    ///
    /// Bytes a file may reach before it is rotated, at least 1024.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1024))]
    pub max_size: Option<u64>,
    /// # Maximum files
    ///
    /// Rotated files kept, at least 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub max_files: Option<u32>,
    /// # Rotate daily
    ///
    /// Start a new file every day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rotate_daily: Option<bool>,
    /// # Rotation interval
    ///
    /// `daily`, `weekly` or `monthly`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rotation_interval: Option<Frequency>,
    /// # Compress
    ///
    /// Compress rotated files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compress: Option<bool>,
    /// # Retention
    ///
    /// Days log files are kept, at least 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub retention_days: Option<u32>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// OpenTelemetry (OTLP) log transport.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OtlpTransportConfig {
    /// # Name
    ///
    /// Name of the transport.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// # Enabled
    ///
    /// Send logs to an OpenTelemetry collector.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// # Level
    ///
    /// Least severe level this transport sends: `debug`, `info`, `warn`,
    /// `error` or `fatal`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<TransportLogLevel>,
    /// # Timeout
    ///
    /// Milliseconds to wait for the collector, at least 1000.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1000))]
    pub timeout_ms: Option<u32>,
    /// # Batch size
    ///
    /// Log entries sent per request, at least 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub batch_size: Option<u32>,
    /// # Batch timeout
    ///
    /// Milliseconds a partial batch waits before it is sent, at least 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 100))]
    pub batch_timeout_ms: Option<u32>,
    /// # Maximum concurrency
    ///
    /// Requests in flight at the same time, at least 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub max_concurrency: Option<u32>,
    /// # Circuit breaker threshold
    ///
    /// Consecutive failures that pause sending, at least 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub circuit_breaker_threshold: Option<u32>,
    /// # Circuit breaker reset
    ///
    /// Milliseconds sending stays paused, at least 1000.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1000))]
    pub circuit_breaker_reset_ms: Option<u32>,
    /// # Collector endpoint
    ///
    /// URL of the OTLP logs endpoint (env `OTLP_LOGS_ENDPOINT`), e.g.
    /// `http://collector:4318/v1/logs`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(url)]
    pub endpoint: Option<String>,
    /// # Headers
    ///
    /// HTTP headers sent to the collector, typically authentication (env
    /// `OTLP_API_KEY`, `OTLP_AUTH_HEADER`). Secret: masked in output
    /// (upstream forgets to).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headers: Option<OrderedMap<String>>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Redis log transport.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RedisTransportConfig {
    /// # Name
    ///
    /// Name of the transport.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// # Enabled
    ///
    /// Send logs to Redis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// # Level
    ///
    /// Least severe level this transport sends: `debug`, `info`, `warn`,
    /// `error` or `fatal`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<TransportLogLevel>,
    /// # Host
    ///
    /// Host name of the Redis server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    /// # Port
    ///
    /// TCP port of the Redis server, 1 to 65535.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 65535))]
    pub port: Option<u32>,
    /// # Password
    ///
    /// Password of the Redis server. Secret: masked in output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// # Database
    ///
    /// Redis database number, 0 or more.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0))]
    pub database: Option<u32>,
    /// # Key prefix
    ///
    /// Prefix of the Redis keys, e.g. `logs:`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_prefix: Option<String>,
    /// # List name
    ///
    /// Redis list that receives the entries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list_name: Option<String>,
    /// # Maximum retries
    ///
    /// Retries of a failed write, 0 or more.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0))]
    pub max_retries: Option<u32>,
    /// # Connect timeout
    ///
    /// Milliseconds to wait for the connection, at least 1000.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1000))]
    pub connect_timeout_ms: Option<u32>,
    /// # Command timeout
    ///
    /// Milliseconds to wait for a command, at least 1000.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1000))]
    pub command_timeout_ms: Option<u32>,
    /// # Auto pipelining
    ///
    /// Batch commands of the same tick into one pipeline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_auto_pipelining: Option<bool>,
    /// # Offline queue
    ///
    /// Queue writes while the connection is down.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_offline_queue: Option<bool>,
    /// # Data structure
    ///
    /// Where entries go: a `list`, a `stream` or a `pubsub` channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_structure: Option<RedisDataStructure>,
    /// # Stream name
    ///
    /// Redis stream used with the `stream` data structure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stream_name: Option<String>,
    /// # Channel name
    ///
    /// Channel used with the `pubsub` data structure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_name: Option<String>,
    /// # Cluster
    ///
    /// Connect to a Redis cluster.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_cluster: Option<bool>,
    /// # Cluster nodes
    ///
    /// Cluster node addresses, `host:port`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_nodes: Option<Vec<String>>,
    /// # TLS
    ///
    /// Connect with TLS.
    #[serde(rename = "enableTLS", default, skip_serializing_if = "Option::is_none")]
    pub enable_tls: Option<bool>,
    /// # TLS options
    ///
    /// Certificates and verification for the TLS connection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tls_options: Option<TlsOptions>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// TLS options of the Redis log transport.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TlsOptions {
    /// # Verify certificate
    ///
    /// Refuse servers whose certificate does not verify.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reject_unauthorized: Option<bool>,
    /// # CA certificate
    ///
    /// PEM certificate of the authority to trust.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ca: Option<String>,
    /// # Client certificate
    ///
    /// PEM client certificate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cert: Option<String>,
    /// # Client key
    ///
    /// PEM private key of the client certificate. Secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Performance sampling into the logs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct LogPerformanceConfig {
    /// # Enabled
    ///
    /// Log performance samples.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// # Sample rate
    ///
    /// Fraction of operations sampled, 0 to 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0, max = 1))]
    pub sample_rate: Option<Number>,
    /// # CPU usage
    ///
    /// Include CPU usage in samples.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collect_cpu_usage: Option<bool>,
    /// # Memory usage
    ///
    /// Include memory usage in samples.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collect_memory_usage: Option<bool>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Batching of log entries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct LogBatchConfig {
    /// # Batch size
    ///
    /// Entries per batch, at least 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub max_size: Option<u32>,
    /// # Batch timeout
    ///
    /// Milliseconds a partial batch waits before it is sent, at least 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 100))]
    pub timeout_ms: Option<u32>,
    /// # Maximum concurrency
    ///
    /// Batches in flight at the same time, at least 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub max_concurrency: Option<u32>,
    /// # Maximum queue size
    ///
    /// Entries buffered before new ones are dropped, at least 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub max_queue_size: Option<u32>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Retrying of failed log deliveries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct LogRetryConfig {
    /// # Maximum attempts
    ///
    /// Retries of a failed delivery, 0 or more.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0))]
    pub max_attempts: Option<u32>,
    /// # Initial delay
    ///
    /// Milliseconds before the first retry, at least 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 100))]
    pub initial_delay_ms: Option<u32>,
    /// # Maximum delay
    ///
    /// Upper limit of the delay between retries, in milliseconds, at least
    /// 1000.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1000))]
    pub max_delay_ms: Option<u32>,
    /// # Multiplier
    ///
    /// Factor the delay grows by after each retry, at least 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub multiplier: Option<Number>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const PRESETS: [(&str, &str); 4] = [
        (
            "development",
            include_str!("../../presets/development.json"),
        ),
        ("staging", include_str!("../../presets/staging.json")),
        ("production", include_str!("../../presets/production.json")),
        ("test", include_str!("../../presets/test.json")),
    ];

    fn preset(name: &str) -> Value {
        let text = PRESETS
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| *t)
            .expect("known preset");
        serde_json::from_str(text).expect("preset parses")
    }

    #[test]
    fn presets_round_trip_exactly() {
        for (name, text) in PRESETS {
            let original: Value = serde_json::from_str(text).expect("preset parses");
            let config = AuditConfig::from_value(&original)
                .unwrap_or_else(|e| panic!("{name}: does not fit the model: {e}"));
            let back = config.to_value();
            assert_eq!(back, original, "{name}: round trip changed the document");
            // Same key order too: the pretty-printed texts are identical.
            assert_eq!(
                serde_json::to_string_pretty(&back).expect("serializes"),
                serde_json::to_string_pretty(&original).expect("serializes"),
                "{name}: round trip changed the key order"
            );
            // And parsing the output again gives the same model.
            assert_eq!(AuditConfig::from_value(&back).expect("reparses"), config);
        }
    }

    #[test]
    fn unknown_fields_survive() {
        let mut doc = preset("development");
        doc["futureTopLevel"] = json!({"a": [1, 2.5, null]});
        doc["redis"]["futureOption"] = json!(true);
        doc["server"]["performance"]["streaming"]["x"] = json!("y");
        doc["logging"]["otlp"]["compression"] = json!("gzip");
        doc["monitoring"]["notification"]["credentials"]["apiKey"] = json!("k");
        doc["server"]["externalServices"]["queue"] = json!({"kind": "sqs"});

        let config = AuditConfig::from_value(&doc).expect("fits the model");
        assert_eq!(
            config.extra.get("futureTopLevel"),
            Some(&json!({"a": [1, 2.5, null]}))
        );
        assert_eq!(config.redis.extra.get("futureOption"), Some(&json!(true)));
        assert_eq!(
            config.server.performance.streaming.extra.get("x"),
            Some(&json!("y"))
        );
        assert_eq!(config.to_value(), doc);
    }

    #[test]
    fn optional_blocks_round_trip() {
        let mut doc = preset("production");
        doc["server"]["externalServices"] = json!({
            "smtp": {"host": "smtp.example.com", "port": 587, "secure": false,
                     "user": "u", "pass": "p", "from": "a@example.com"},
            "webhook": {"url": "https://hooks.example.com/x", "method": "POST",
                        "headers": {"Authorization": "Bearer t", "X-A": "b"},
                        "timeout": 5000,
                        "retryConfig": {"maxRetries": 3, "backoffMultiplier": 1.5,
                                        "maxBackoffDelay": 30000}},
            "storage": {"provider": "s3", "config": {"bucket": "b", "nested": {"k": 1}},
                        "path": "/exports", "retention": {"days": 90, "autoCleanup": true}}
        });
        doc["server"]["performance"]["responseCache"]["endpointTTLOverrides"] =
            json!({"/api/v1/z": 10, "/api/v1/a": 2.5});
        doc["server"]["performance"]["responseCache"]["disableCachePatterns"] =
            json!(["/api/v1/stream*"]);
        doc["server"]["monitoring"]["tracingEndpoint"] = json!("http://collector:4318");
        doc["enhancedClient"]["connectionPool"]["validationQuery"] = json!("SELECT 1");
        doc["monitoring"]["notification"]["channels"] =
            json!({"email": ["a@example.com"], "slack": [], "telegram": [], "webhook": []});
        doc["monitoring"]["notification"]["templates"] =
            json!({"error": "e", "alert": "a", "patternDetection": "p"});
        doc["monitoring"]["notification"]["credentials"]["username"] = json!("u");
        doc["monitoring"]["notification"]["credentials"]["password"] = json!("p");
        doc["observability"]["tracing"]["headers"] = json!({"x-api-key": "k"});
        doc["security"]["kms"]["algorithm"] = json!("AES-256-CBC");
        doc["security"]["kms"]["kdf"] = json!("scrypt");
        doc["security"]["kms"]["salt"] = json!("00ff");
        doc["security"]["kms"]["iterations"] = json!(100000);
        doc["security"]["hashAlgorithm"] = json!("SHA-512");
        doc["compliance"]["hipaa"]["requiredFields"] = json!(["principalId"]);
        doc["compliance"]["custom"] =
            json!([{"name": "n", "rules": [{"field": "f", "required": true, "message": "m"}]}]);
        doc["retry"]["backoffMultiplier"] = json!(2.0);
        doc["retry"]["jitter"] = json!(true);
        doc["server"]["cors"]["origin"] = json!("*");
        doc["logging"]["file"] = json!({"name": "file", "enabled": false, "filename": "a.log",
            "maxSize": 10485760, "maxFiles": 5, "rotateDaily": false,
            "rotationInterval": "daily", "compress": true, "retentionDays": 30, "level": "fatal"});
        doc["logging"]["redis"] = json!({"host": "localhost", "port": 6379, "enableTLS": true,
            "dataStructure": "stream", "tlsOptions": {"rejectUnauthorized": true}});
        doc["logging"]["performance"] = json!({"enabled": true, "sampleRate": 0.1});
        doc["logging"]["batch"] = json!({"maxSize": 100, "timeoutMs": 5000});
        doc["logging"]["retry"] = json!({"maxAttempts": 3, "multiplier": 2});

        let config = AuditConfig::from_value(&doc).expect("fits the model");
        assert_eq!(config.security.hash_algorithm, HashAlgorithm::Sha512);
        assert_eq!(config.server.cors.origin, CorsOrigin::One("*".into()));
        let ttl = config
            .server
            .performance
            .response_cache
            .endpoint_ttl_overrides
            .as_ref()
            .expect("present");
        assert_eq!(ttl.0.keys().collect::<Vec<_>>(), ["/api/v1/z", "/api/v1/a"]);
        assert_eq!(config.to_value(), doc);
        // 2.0 stays a float, 2 stays an integer.
        assert_eq!(config.to_value()["retry"]["backoffMultiplier"], json!(2.0));
        assert_eq!(
            config.to_value()["logging"]["retry"]["multiplier"],
            json!(2)
        );
    }

    #[test]
    fn max_retries_per_request_is_required_but_nullable() {
        let mut doc = preset("development");
        assert!(AuditConfig::from_value(&doc).is_ok());
        doc["redis"]["maxRetriesPerRequest"] = json!(7);
        let config = AuditConfig::from_value(&doc).expect("fits");
        assert_eq!(config.redis.max_retries_per_request, Some(7));
        doc["redis"]
            .as_object_mut()
            .expect("object")
            .remove("maxRetriesPerRequest");
        let err = AuditConfig::from_value(&doc).expect_err("missing key is an error");
        assert!(err.to_string().contains("maxRetriesPerRequest"), "{err}");

        let schema = json_schema();
        let redis = resolve(&schema, &schema["$defs"]["RedisConfig"]);
        let required = redis["required"].as_array().expect("required list");
        assert!(required.contains(&json!("maxRetriesPerRequest")));
        assert_eq!(
            redis["properties"]["maxRetriesPerRequest"]["type"],
            json!(["integer", "null"])
        );
    }

    #[test]
    fn wrong_values_are_rejected() {
        let mut doc = preset("development");
        doc["security"]["hashAlgorithm"] = json!("MD5");
        assert!(AuditConfig::from_value(&doc).is_err());
        let mut doc = preset("development");
        doc["logging"]["level"] = json!("fatal");
        assert!(AuditConfig::from_value(&doc).is_err());
        let mut doc = preset("development");
        doc["environment"] = json!("prod");
        assert!(AuditConfig::from_value(&doc).is_err());
    }

    // --- schema walking ------------------------------------------------------

    /// Follows `$ref` (into `$defs`) until a schema without one is reached.
    fn resolve<'a>(root: &'a Value, mut schema: &'a Value) -> &'a Value {
        for _ in 0..32 {
            match schema.get("$ref").and_then(Value::as_str) {
                Some(r) => {
                    let pointer = r.strip_prefix('#').expect("local $ref");
                    schema = root
                        .pointer(pointer)
                        .unwrap_or_else(|| panic!("dangling $ref {r}"));
                }
                None => return schema,
            }
        }
        panic!("$ref cycle");
    }

    /// The alternatives of a schema: itself, or its `anyOf`/`oneOf`
    /// branches (resolved), e.g. for `Option<T>`.
    fn alternatives<'a>(root: &'a Value, schema: &'a Value) -> Vec<&'a Value> {
        let schema = resolve(root, schema);
        let mut out = vec![schema];
        for key in ["anyOf", "oneOf"] {
            if let Some(branches) = schema.get(key).and_then(Value::as_array) {
                out.extend(branches.iter().map(|b| resolve(root, b)));
            }
        }
        out
    }

    /// The object schema among the alternatives: one with `properties`, or
    /// a map (`additionalProperties` schema) when `want_properties` is false.
    fn object_schema<'a>(root: &'a Value, schema: &'a Value) -> Option<&'a Value> {
        let alts = alternatives(root, schema);
        alts.iter()
            .find(|s| s.get("properties").is_some())
            .or_else(|| {
                alts.iter()
                    .find(|s| s.get("additionalProperties").is_some_and(Value::is_object))
            })
            .copied()
    }

    fn array_items<'a>(root: &'a Value, schema: &'a Value) -> Option<&'a Value> {
        alternatives(root, schema)
            .into_iter()
            .find_map(|s| s.get("items"))
    }

    fn walk(root: &Value, schema: &Value, value: &Value, path: &str, missing: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                let Some(obj) = object_schema(root, schema) else {
                    missing.push(format!("{path} (no object schema)"));
                    return;
                };
                for (key, child) in map {
                    let child_path = format!("{path}/{key}");
                    let child_schema = match obj.get("properties").and_then(|p| p.get(key)) {
                        Some(s) => s,
                        None => match obj.get("additionalProperties") {
                            // A typed map: any key is fine.
                            Some(s) if s.is_object() && obj.get("properties").is_none() => s,
                            _ => {
                                missing.push(child_path);
                                continue;
                            }
                        },
                    };
                    walk(root, child_schema, child, &child_path, missing);
                }
            }
            Value::Array(items) if items.iter().any(Value::is_object) => {
                let Some(item_schema) = array_items(root, schema) else {
                    missing.push(format!("{path} (no items schema)"));
                    return;
                };
                for (i, item) in items.iter().enumerate() {
                    walk(root, item_schema, item, &format!("{path}/{i}"), missing);
                }
            }
            _ => {}
        }
    }

    #[test]
    fn schema_walk_reports_unknown_keys() {
        let schema = json_schema();
        let mut doc = preset("development");
        doc["redis"]["futureOption"] = json!(1);
        doc["compliance"]["custom"] = json!([{"name": "n", "rules": [{"field": "f", "x": 1}]}]);
        doc["logging"]["otlp"]["headers"] = json!({"Authorization": "Bearer t"});
        let mut missing = Vec::new();
        walk(&schema, &schema, &doc, "", &mut missing);
        assert_eq!(
            missing,
            ["/redis/futureOption", "/compliance/custom/0/rules/0/x"]
        );
    }

    #[test]
    fn schema_has_a_property_for_every_preset_key() {
        let schema = json_schema();
        assert_eq!(
            schema["$schema"],
            json!("https://json-schema.org/draft/2020-12/schema")
        );
        for (name, _) in PRESETS {
            let mut missing = Vec::new();
            walk(&schema, &schema, &preset(name), "", &mut missing);
            assert!(missing.is_empty(), "{name}: no schema for {missing:?}");
        }
    }

    /// The schema of the property at a dotted path.
    fn property_schema<'a>(root: &'a Value, path: &str) -> &'a Value {
        let mut schema = root;
        for segment in path.split('.') {
            let obj = object_schema(root, schema)
                .unwrap_or_else(|| panic!("{path}: no object schema before `{segment}`"));
            schema = obj["properties"]
                .get(segment)
                .unwrap_or_else(|| panic!("{path}: no property `{segment}`"));
        }
        schema
    }

    /// The contract's rules table: every numeric range, inclusive.
    const CONTRACT_RANGES: &[(&str, f64, f64)] = &[
        ("redis.connectTimeout", 1000.0, 60000.0),
        ("redis.commandTimeout", 1000.0, 60000.0),
        ("redis.retryDelayOnFailover", 100.0, 10000.0),
        ("database.poolSize", 1.0, 100.0),
        ("database.connectionTimeout", 1000.0, 60000.0),
        ("database.queryTimeout", 1000.0, 300000.0),
        ("database.maxConnectionAttempts", 1.0, 10.0),
        ("server.port", 3000.0, 65535.0),
        ("worker.concurrency", 1.0, 50.0),
        ("worker.port", 3000.0, 65535.0),
        ("worker.shutdownTimeout", 1000.0, 60000.0),
        ("retry.maxRetries", 0.0, 10.0),
        ("retry.baseDelay", 100.0, 10000.0),
        ("retry.maxDelay", 1000.0, 300000.0),
        (
            "reliableProcessor.circuitBreakerConfig.failureThreshold",
            1.0,
            100.0,
        ),
        (
            "reliableProcessor.circuitBreakerConfig.recoveryTimeout",
            1000.0,
            300000.0,
        ),
        (
            "reliableProcessor.circuitBreakerConfig.monitoringPeriod",
            1000.0,
            3600000.0,
        ),
        (
            "reliableProcessor.circuitBreakerConfig.minimumThroughput",
            1.0,
            100.0,
        ),
        (
            "reliableProcessor.deadLetterConfig.alertThreshold",
            1.0,
            1000.0,
        ),
        (
            "reliableProcessor.deadLetterConfig.maxRetentionDays",
            1.0,
            365.0,
        ),
        ("monitoring.metricsInterval", 1000.0, 300000.0),
        ("monitoring.alertThresholds.errorRate", 0.0, 1.0),
        (
            "monitoring.alertThresholds.processingLatency",
            100.0,
            60000.0,
        ),
        ("monitoring.alertThresholds.queueDepth", 10.0, 10000.0),
        ("monitoring.alertThresholds.memoryUsage", 0.1, 1.0),
        ("monitoring.healthCheckInterval", 5000.0, 300000.0),
        ("compliance.defaultRetentionDays", 1.0, 3650.0),
    ];

    #[test]
    fn schema_has_every_contract_range() {
        let schema = json_schema();
        for &(path, min, max) in CONTRACT_RANGES {
            let prop = property_schema(&schema, path);
            assert_eq!(
                prop.get("minimum").and_then(Value::as_f64),
                Some(min),
                "{path}: minimum"
            );
            assert_eq!(
                prop.get("maximum").and_then(Value::as_f64),
                Some(max),
                "{path}: maximum"
            );
        }
    }

    #[test]
    fn schema_has_contract_patterns_and_enums() {
        let schema = json_schema();
        let patterns = [
            ("version", r"^[0-9A-Za-z_.-]+$"),
            ("server.host", r"^(?:[a-zA-Z0-9-]+\.)*[a-zA-Z0-9-]+$"),
            ("worker.queueName", r"^[a-zA-Z0-9_-]+$"),
            (
                "reliableProcessor.deadLetterConfig.queueName",
                r"^[a-zA-Z0-9_-]+$",
            ),
            ("redis.url", r"^rediss?://"),
            ("database.url", r"^postgres(ql)?://"),
        ];
        for (path, pattern) in patterns {
            assert_eq!(
                property_schema(&schema, path)["pattern"],
                json!(pattern),
                "{path}"
            );
        }
        let recipients = property_schema(&schema, "compliance.reportingSchedule.recipients");
        assert_eq!(
            recipients["items"]["pattern"],
            json!(r"^[^\s@]+@[^\s@]+\.[^\s@]+$")
        );
        assert_eq!(
            property_schema(&schema, "lastUpdated")["format"],
            json!("date-time")
        );
        let hash = resolve(&schema, property_schema(&schema, "security.hashAlgorithm"));
        assert_eq!(hash["enum"], json!(["SHA-256", "SHA-512"]));
        let level = resolve(&schema, property_schema(&schema, "logging.level"));
        assert_eq!(level["enum"], json!(["debug", "info", "warn", "error"]));
    }

    #[test]
    fn schema_fields_have_titles_and_descriptions() {
        let schema = json_schema();
        let defs = schema["$defs"].as_object().expect("$defs");
        let objects = defs
            .iter()
            .map(|(name, def)| (name.as_str(), def))
            .chain([("AuditConfig", &schema)]);
        let mut bare = Vec::new();
        for (def_name, def) in objects {
            let Some(props) = def.get("properties").and_then(Value::as_object) else {
                continue;
            };
            for (key, prop) in props {
                let title = prop.get("title").and_then(Value::as_str).unwrap_or("");
                let description = prop
                    .get("description")
                    .and_then(Value::as_str)
                    .unwrap_or("");
                if title.is_empty()
                    || description.is_empty()
                    || title.contains('\n')
                    || description.contains('\n')
                {
                    bare.push(format!("{def_name}.{key}"));
                }
            }
        }
        assert!(
            bare.is_empty(),
            "fields without a clean title/description: {bare:?}"
        );
        assert!(
            !schema.to_string().contains("\"default\""),
            "no defaults here"
        );
    }
}
