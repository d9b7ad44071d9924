//! `logging`: levels, outputs, OTLP, rotation.

use super::*;
use serde_with::skip_serializing_none;

/// The server's own logging (the `@repo/logs` library). Limits on optional
/// fields are the library's own.
#[skip_serializing_none]
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
    #[schemars(range(min = 1000))]
    pub shutdown_timeout_ms: Option<u32>,
    /// # Correlation IDs
    ///
    /// Attach correlation IDs that tie related entries together.
    pub enable_correlation_ids: Option<bool>,
    /// # Request tracking
    ///
    /// Log the start and end of every request.
    pub enable_request_tracking: Option<bool>,
    /// # Debug mode
    ///
    /// Extra diagnostic output from the logger itself.
    pub enable_debug_mode: Option<bool>,
    /// # Pretty print
    ///
    /// Human-readable output instead of one JSON object per line.
    pub pretty_print: Option<bool>,
    /// # Console transport
    ///
    /// Logging to standard output.
    pub console: Option<ConsoleTransportConfig>,
    /// # File transport
    ///
    /// Logging to rotated files.
    pub file: Option<FileTransportConfig>,
    /// # OTLP transport
    ///
    /// Logging to an OpenTelemetry collector.
    pub otlp: Option<OtlpTransportConfig>,
    /// # Redis transport
    ///
    /// Logging to a Redis list, stream or channel.
    pub redis: Option<RedisTransportConfig>,
    /// # Performance logging
    ///
    /// Sampling of CPU and memory usage into the logs.
    pub performance: Option<LogPerformanceConfig>,
    /// # Batching
    ///
    /// Batching of log entries before they are sent.
    pub batch: Option<LogBatchConfig>,
    /// # Retries
    ///
    /// Retrying of failed log deliveries.
    pub retry: Option<LogRetryConfig>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Console log transport.
#[skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ConsoleTransportConfig {
    /// # Name
    ///
    /// Name of the transport.
    pub name: Option<String>,
    /// # Enabled
    ///
    /// Write logs to standard output.
    pub enabled: Option<bool>,
    /// # Output format
    ///
    /// `json` or `pretty`.
    pub format: Option<ConsoleFormat>,
    /// # Colors
    ///
    /// Colour the output by level.
    pub colorize: Option<bool>,
    /// # Level
    ///
    /// Least severe level this transport writes: `debug`, `info`, `warn`,
    /// `error` or `fatal`.
    pub level: Option<TransportLogLevel>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// File log transport.
#[skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct FileTransportConfig {
    /// # Name
    ///
    /// Name of the transport.
    pub name: Option<String>,
    /// # Enabled
    ///
    /// Write logs to files.
    pub enabled: Option<bool>,
    /// # Level
    ///
    /// Least severe level this transport writes: `debug`, `info`, `warn`,
    /// `error` or `fatal`.
    pub level: Option<TransportLogLevel>,
    /// # File name
    ///
    /// Path of the log file.
    pub filename: Option<String>,
    /// # Maximum size
    ///
    /// Bytes a file may reach before it is rotated, at least 1024.
    #[schemars(range(min = 1024))]
    pub max_size: Option<u64>,
    /// # Maximum files
    ///
    /// Rotated files kept, at least 1.
    #[schemars(range(min = 1))]
    pub max_files: Option<u32>,
    /// # Rotate daily
    ///
    /// Start a new file every day.
    pub rotate_daily: Option<bool>,
    /// # Rotation interval
    ///
    /// `daily`, `weekly` or `monthly`.
    pub rotation_interval: Option<Frequency>,
    /// # Compress
    ///
    /// Compress rotated files.
    pub compress: Option<bool>,
    /// # Retention
    ///
    /// Days log files are kept, at least 1.
    #[schemars(range(min = 1))]
    pub retention_days: Option<u32>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// OpenTelemetry (OTLP) log transport.
#[skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OtlpTransportConfig {
    /// # Name
    ///
    /// Name of the transport.
    pub name: Option<String>,
    /// # Enabled
    ///
    /// Send logs to an OpenTelemetry collector.
    pub enabled: Option<bool>,
    /// # Level
    ///
    /// Least severe level this transport sends: `debug`, `info`, `warn`,
    /// `error` or `fatal`.
    pub level: Option<TransportLogLevel>,
    /// # Timeout
    ///
    /// Milliseconds to wait for the collector, at least 1000.
    #[schemars(range(min = 1000))]
    pub timeout_ms: Option<u32>,
    /// # Batch size
    ///
    /// Log entries sent per request, at least 1.
    #[schemars(range(min = 1))]
    pub batch_size: Option<u32>,
    /// # Batch timeout
    ///
    /// Milliseconds a partial batch waits before it is sent, at least 100.
    #[schemars(range(min = 100))]
    pub batch_timeout_ms: Option<u32>,
    /// # Maximum concurrency
    ///
    /// Requests in flight at the same time, at least 1.
    #[schemars(range(min = 1))]
    pub max_concurrency: Option<u32>,
    /// # Circuit breaker threshold
    ///
    /// Consecutive failures that pause sending, at least 1.
    #[schemars(range(min = 1))]
    pub circuit_breaker_threshold: Option<u32>,
    /// # Circuit breaker reset
    ///
    /// Milliseconds sending stays paused, at least 1000.
    #[schemars(range(min = 1000))]
    pub circuit_breaker_reset_ms: Option<u32>,
    /// # Collector endpoint
    ///
    /// URL of the OTLP logs endpoint (env `OTLP_LOGS_ENDPOINT`), e.g.
    /// `http://collector:4318/v1/logs`.
    #[schemars(url)]
    pub endpoint: Option<String>,
    /// # Headers
    ///
    /// HTTP headers sent to the collector, typically authentication (env
    /// `OTLP_API_KEY`, `OTLP_AUTH_HEADER`). Secret: masked in output
    /// (upstream forgets to).
    pub headers: Option<OrderedMap<String>>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Redis log transport.
#[skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RedisTransportConfig {
    /// # Name
    ///
    /// Name of the transport.
    pub name: Option<String>,
    /// # Enabled
    ///
    /// Send logs to Redis.
    pub enabled: Option<bool>,
    /// # Level
    ///
    /// Least severe level this transport sends: `debug`, `info`, `warn`,
    /// `error` or `fatal`.
    pub level: Option<TransportLogLevel>,
    /// # Host
    ///
    /// Host name of the Redis server.
    pub host: Option<String>,
    /// # Port
    ///
    /// TCP port of the Redis server, 1 to 65535.
    #[schemars(range(min = 1, max = 65535))]
    pub port: Option<u32>,
    /// # Password
    ///
    /// Password of the Redis server. Secret: masked in output.
    pub password: Option<String>,
    /// # Database
    ///
    /// Redis database number, 0 or more.
    #[schemars(range(min = 0))]
    pub database: Option<u32>,
    /// # Key prefix
    ///
    /// Prefix of the Redis keys, e.g. `logs:`.
    pub key_prefix: Option<String>,
    /// # List name
    ///
    /// Redis list that receives the entries.
    pub list_name: Option<String>,
    /// # Maximum retries
    ///
    /// Retries of a failed write, 0 or more.
    #[schemars(range(min = 0))]
    pub max_retries: Option<u32>,
    /// # Connect timeout
    ///
    /// Milliseconds to wait for the connection, at least 1000.
    #[schemars(range(min = 1000))]
    pub connect_timeout_ms: Option<u32>,
    /// # Command timeout
    ///
    /// Milliseconds to wait for a command, at least 1000.
    #[schemars(range(min = 1000))]
    pub command_timeout_ms: Option<u32>,
    /// # Auto pipelining
    ///
    /// Batch commands of the same tick into one pipeline.
    pub enable_auto_pipelining: Option<bool>,
    /// # Offline queue
    ///
    /// Queue writes while the connection is down.
    pub enable_offline_queue: Option<bool>,
    /// # Data structure
    ///
    /// Where entries go: a `list`, a `stream` or a `pubsub` channel.
    pub data_structure: Option<RedisDataStructure>,
    /// # Stream name
    ///
    /// Redis stream used with the `stream` data structure.
    pub stream_name: Option<String>,
    /// # Channel name
    ///
    /// Channel used with the `pubsub` data structure.
    pub channel_name: Option<String>,
    /// # Cluster
    ///
    /// Connect to a Redis cluster.
    pub enable_cluster: Option<bool>,
    /// # Cluster nodes
    ///
    /// Cluster node addresses, `host:port`.
    pub cluster_nodes: Option<Vec<String>>,
    /// # TLS
    ///
    /// Connect with TLS.
    #[serde(rename = "enableTLS")]
    pub enable_tls: Option<bool>,
    /// # TLS options
    ///
    /// Certificates and verification for the TLS connection.
    pub tls_options: Option<TlsOptions>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// TLS options of the Redis log transport.
#[skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TlsOptions {
    /// # Verify certificate
    ///
    /// Refuse servers whose certificate does not verify.
    pub reject_unauthorized: Option<bool>,
    /// # CA certificate
    ///
    /// PEM certificate of the authority to trust.
    pub ca: Option<String>,
    /// # Client certificate
    ///
    /// PEM client certificate.
    pub cert: Option<String>,
    /// # Client key
    ///
    /// PEM private key of the client certificate. Secret.
    pub key: Option<String>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Performance sampling into the logs.
#[skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct LogPerformanceConfig {
    /// # Enabled
    ///
    /// Log performance samples.
    pub enabled: Option<bool>,
    /// # Sample rate
    ///
    /// Fraction of operations sampled, 0 to 1.
    #[schemars(range(min = 0, max = 1))]
    pub sample_rate: Option<Number>,
    /// # CPU usage
    ///
    /// Include CPU usage in samples.
    pub collect_cpu_usage: Option<bool>,
    /// # Memory usage
    ///
    /// Include memory usage in samples.
    pub collect_memory_usage: Option<bool>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Batching of log entries.
#[skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct LogBatchConfig {
    /// # Batch size
    ///
    /// Entries per batch, at least 1.
    #[schemars(range(min = 1))]
    pub max_size: Option<u32>,
    /// # Batch timeout
    ///
    /// Milliseconds a partial batch waits before it is sent, at least 100.
    #[schemars(range(min = 100))]
    pub timeout_ms: Option<u32>,
    /// # Maximum concurrency
    ///
    /// Batches in flight at the same time, at least 1.
    #[schemars(range(min = 1))]
    pub max_concurrency: Option<u32>,
    /// # Maximum queue size
    ///
    /// Entries buffered before new ones are dropped, at least 1.
    #[schemars(range(min = 1))]
    pub max_queue_size: Option<u32>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Retrying of failed log deliveries.
#[skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct LogRetryConfig {
    /// # Maximum attempts
    ///
    /// Retries of a failed delivery, 0 or more.
    #[schemars(range(min = 0))]
    pub max_attempts: Option<u32>,
    /// # Initial delay
    ///
    /// Milliseconds before the first retry, at least 100.
    #[schemars(range(min = 100))]
    pub initial_delay_ms: Option<u32>,
    /// # Maximum delay
    ///
    /// Upper limit of the delay between retries, in milliseconds, at least
    /// 1000.
    #[schemars(range(min = 1000))]
    pub max_delay_ms: Option<u32>,
    /// # Multiplier
    ///
    /// Factor the delay grows by after each retry, at least 1.
    #[schemars(range(min = 1))]
    pub multiplier: Option<Number>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}
