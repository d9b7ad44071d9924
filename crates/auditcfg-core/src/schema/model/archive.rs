//! `validation`, `archive`.

use super::*;

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
