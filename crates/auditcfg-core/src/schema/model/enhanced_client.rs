//! `enhancedClient`: pools, replication, caches, circuit breaker.

use super::*;
use serde_with::skip_serializing_none;

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
#[skip_serializing_none]
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
#[skip_serializing_none]
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
#[skip_serializing_none]
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
    #[schemars(inner(url))]
    pub read_replicas: Option<Vec<String>>,
    /// # Routing strategy
    ///
    /// How reads are spread over the replicas; only `round-robin` exists.
    pub routing_strategy: Option<RoutingStrategy>,
    /// # Fall back to primary
    ///
    /// Send reads to the primary when no replica is available.
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
