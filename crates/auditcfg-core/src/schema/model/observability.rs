//! `observability`: tracing, metrics export, profiling.

use super::*;
use serde_with::skip_serializing_none;

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
#[skip_serializing_none]
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
    #[schemars(url)]
    pub exporter_endpoint: Option<String>,
    /// # Exporter headers
    ///
    /// HTTP headers sent to the exporter, typically authentication. Secret:
    /// masked in output (upstream forgets to).
    pub headers: Option<OrderedMap<String>>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Metrics collection and export.
#[skip_serializing_none]
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
