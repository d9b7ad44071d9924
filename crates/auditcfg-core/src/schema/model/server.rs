//! `server`: HTTP, auth, external services, GraphQL, API.

use super::*;
use serde_with::skip_serializing_none;

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
#[skip_serializing_none]
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
    #[schemars(url)]
    pub redis_url: Option<String>,
    /// # Auth database URL
    ///
    /// PostgreSQL URL of the authentication database (env
    /// `BETTER_AUTH_DB_URL`). Credentials in it are masked in output.
    #[schemars(url)]
    pub db_url: Option<String>,
    /// # Auth pool size
    ///
    /// Maximum number of connections to the authentication database.
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
#[skip_serializing_none]
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
#[skip_serializing_none]
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
    pub exclude_endpoints: Option<Vec<String>>,
    /// # TTL overrides
    ///
    /// Cache lifetime in seconds per endpoint pattern, overriding
    /// `defaultTTL`.
    #[serde(rename = "endpointTTLOverrides")]
    pub endpoint_ttl_overrides: Option<OrderedMap<Number>>,
    /// # Uncached patterns
    ///
    /// Endpoints matching these patterns are never cached.
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
#[skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ExternalServicesConfig {
    /// # SMTP
    ///
    /// Mail server for outgoing e-mail.
    pub smtp: Option<SmtpConfig>,
    /// # Webhook
    ///
    /// Outgoing webhook called on events.
    pub webhook: Option<WebhookConfig>,
    /// # File storage
    ///
    /// Where the server stores files (exports, reports).
    pub storage: Option<StorageConfig>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// SMTP mail server.
#[skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SmtpConfig {
    /// # SMTP host
    ///
    /// Host name of the mail server.
    pub host: Option<String>,
    /// # SMTP port
    ///
    /// TCP port of the mail server (usually 25, 465 or 587), 1 to 65535.
    #[schemars(range(min = 1, max = 65535))]
    pub port: Option<u32>,
    /// # Implicit TLS
    ///
    /// Connect with TLS from the start (port 465); false uses STARTTLS when
    /// offered.
    pub secure: Option<bool>,
    /// # SMTP user
    ///
    /// User name for SMTP authentication.
    pub user: Option<String>,
    /// # SMTP password
    ///
    /// Password for SMTP authentication. Secret: masked in output.
    pub pass: Option<String>,
    /// # Sender
    ///
    /// Sender address of outgoing mail, e.g. `Audit <audit@example.com>`.
    pub from: Option<String>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Outgoing webhook.
#[skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct WebhookConfig {
    /// # Webhook URL
    ///
    /// Absolute URL the webhook calls.
    #[schemars(url)]
    pub url: Option<String>,
    /// # HTTP method
    ///
    /// `GET`, `POST`, `PUT` or `PATCH`.
    pub method: Option<WebhookMethod>,
    /// # Headers
    ///
    /// Extra HTTP headers sent with each call. An `Authorization` header is
    /// a secret: masked in output.
    pub headers: Option<OrderedMap<String>>,
    /// # Timeout
    ///
    /// Milliseconds to wait for the webhook to answer.
    #[schemars(range(min = 0))]
    pub timeout: Option<u32>,
    /// # Retries
    ///
    /// Retry policy for failed webhook calls.
    pub retry_config: Option<WebhookRetryConfig>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Retry policy of the webhook.
#[skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct WebhookRetryConfig {
    /// # Maximum retries
    ///
    /// Retries after the first failed call.
    #[schemars(range(min = 0))]
    pub max_retries: Option<u32>,
    /// # Backoff multiplier
    ///
    /// Factor the delay grows by after each retry (2 doubles it).
    #[schemars(range(min = 0))]
    pub backoff_multiplier: Option<Number>,
    /// # Maximum backoff delay
    ///
    /// Upper limit of the delay between retries, in milliseconds.
    #[schemars(range(min = 0))]
    pub max_backoff_delay: Option<u32>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// File storage.
#[skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct StorageConfig {
    /// # Provider
    ///
    /// `local` disk, Amazon `s3` or Google Cloud Storage (`gcs`).
    pub provider: Option<StorageProvider>,
    /// # Provider settings
    ///
    /// Provider-specific settings (bucket, region, credentials...), passed
    /// through as they are.
    pub config: Option<Map<String, Value>>,
    /// # Path
    ///
    /// Directory or key prefix files are written under.
    pub path: Option<String>,
    /// # Retention
    ///
    /// How long stored files are kept.
    pub retention: Option<StorageRetentionConfig>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Retention of stored files.
#[skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct StorageRetentionConfig {
    /// # Retention days
    ///
    /// Days stored files are kept.
    #[schemars(range(min = 0))]
    pub days: Option<u32>,
    /// # Automatic cleanup
    ///
    /// Delete files older than the retention period automatically.
    pub auto_cleanup: Option<bool>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}
