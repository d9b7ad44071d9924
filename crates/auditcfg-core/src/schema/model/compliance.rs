//! `compliance`: HIPAA, GDPR, retention, reporting.

use super::*;
use serde_with::skip_serializing_none;

/// Regulatory compliance.
#[skip_serializing_none]
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
    pub custom: Option<Vec<CustomComplianceRules>>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// HIPAA features.
#[skip_serializing_none]
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
    pub required_fields: Option<Vec<String>>,
    /// # Retention
    ///
    /// Years HIPAA records are kept (HIPAA requires 6).
    #[schemars(range(min = 0))]
    pub retention_years: Option<u32>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}

/// GDPR features.
#[skip_serializing_none]
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
    pub default_legal_basis: Option<String>,
    /// # Retention
    ///
    /// Days personal data is kept under GDPR.
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
#[skip_serializing_none]
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
    pub required: Option<bool>,
    /// # Message
    ///
    /// Message reported when the rule fails.
    pub message: Option<String>,
    /// Keys this model does not know; kept as they are.
    #[serde(flatten)]
    pub extra: Extra,
}
