//! `monitoring`: health checks, metrics, alerts, notifications.

use super::*;
use serde_with::skip_serializing_none;

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
#[skip_serializing_none]
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
    pub channels: Option<NotificationChannels>,
    /// # Templates
    ///
    /// Message templates per notification kind.
    pub templates: Option<NotificationTemplates>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Credentials of the notification service.
#[skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct NotificationCredentials {
    /// # Secret
    ///
    /// Shared secret or token (env `NOTIFICATION_SECRET`). Secret: masked in
    /// output.
    pub secret: Option<String>,
    /// # User name
    ///
    /// User name for the notification service.
    pub username: Option<String>,
    /// # Password
    ///
    /// Password for the notification service. Secret: masked in output
    /// (upstream forgets to).
    pub password: Option<String>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Recipients per notification channel.
#[skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct NotificationChannels {
    /// # E-mail
    ///
    /// E-mail addresses that receive notifications.
    pub email: Option<Vec<String>>,
    /// # Slack
    ///
    /// Slack channels or webhook URLs that receive notifications.
    pub slack: Option<Vec<String>>,
    /// # Telegram
    ///
    /// Telegram chats that receive notifications.
    pub telegram: Option<Vec<String>>,
    /// # Webhooks
    ///
    /// Webhook URLs that receive notifications.
    pub webhook: Option<Vec<String>>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Notification message templates.
#[skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct NotificationTemplates {
    /// # Error template
    ///
    /// Template of error notifications.
    pub error: Option<String>,
    /// # Alert template
    ///
    /// Template of alert notifications.
    pub alert: Option<String>,
    /// # Pattern detection template
    ///
    /// Template of suspicious-pattern notifications.
    pub pattern_detection: Option<String>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}
