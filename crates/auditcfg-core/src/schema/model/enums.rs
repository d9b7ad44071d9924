//! Enumerations: the closed sets of values.

use super::*;

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
