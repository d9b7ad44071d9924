//! `worker`, `retry`, `reliableProcessor`.

use super::*;
use serde_with::skip_serializing_none;

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
#[skip_serializing_none]
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
    #[schemars(range(min = 0))]
    pub backoff_multiplier: Option<Number>,
    /// # Jitter
    ///
    /// Randomize each delay by ±10% so that clients do not retry in
    /// lockstep.
    pub jitter: Option<bool>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Retry policy of the reliable processor (`reliableProcessor.retryConfig`).
/// Same fields as [`RetryConfig`]; upstream validates no limits here, so the
/// schema only has physical bounds.
#[skip_serializing_none]
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
    #[schemars(range(min = 0))]
    pub backoff_multiplier: Option<Number>,
    /// # Jitter
    ///
    /// Randomize each delay by ±10% so that clients do not retry in
    /// lockstep.
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
#[skip_serializing_none]
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
    #[schemars(range(min = 0))]
    pub archive_after_days: Option<u32>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}
