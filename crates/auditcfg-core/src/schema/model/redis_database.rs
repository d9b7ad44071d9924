//! `redis`, `database`: connections.

use super::*;
use serde_with::skip_serializing_none;

/// Connection to Redis (ioredis options).
#[skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RedisConfig {
    /// # Redis URL
    ///
    /// Connection URL, `redis://` or `rediss://` (TLS), e.g.
    /// `redis://localhost:6379`. Credentials in it are masked in output.
    // `new URL` lower-cases the protocol (`REDIS://h` is `redis:`), and
    // JSON Schema patterns have no flags: each letter in either case.
    #[schemars(url, regex(pattern = r"^[Rr][Ee][Dd][Ii][Ss][Ss]?://"))]
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
    #[serialize_always]
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
    // `new URL` lower-cases the protocol: each letter in either case.
    #[schemars(
        url,
        regex(pattern = r"^[Pp][Oo][Ss][Tt][Gg][Rr][Ee][Ss](?:[Qq][Ll])?://")
    )]
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
