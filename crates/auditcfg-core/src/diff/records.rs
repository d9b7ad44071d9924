//! Change records (upstream's change events) and version strings.
//!
//! A record is `{id, timestamp, field, previousValue, newValue, changedBy,
//! reason?, environment, previousVersion?, newVersion?}` with `field` the
//! dotted path. Values come from the [`Diff`], so secrets are already
//! masked. `previousValue` is absent for an addition and `newValue` for a
//! removal (as `JSON.stringify` drops `undefined`). A move is recorded at
//! its new position with the same value on both sides.
//!
//! Everything here is pure: the caller supplies the clock.

use super::Diff;
use super::equal::canonical_json;
use crate::pointer;
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

/// Who, why, where and when, for [`change_records`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RecordContext {
    /// Who made the change.
    pub changed_by: String,
    /// Why, if said.
    pub reason: Option<String>,
    /// The environment of the changed config.
    pub environment: String,
    /// The version before the change.
    pub previous_version: Option<String>,
    /// The version after the change (see [`next_version`]).
    pub new_version: Option<String>,
    /// When (ISO-8601, e.g. `2026-01-01T00:00:00.000Z`).
    pub timestamp_iso: String,
}

/// One change event, as upstream records it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangeRecord {
    /// Deterministic: the first 16 hex digits of SHA-256 over the path,
    /// the timestamp and the change's index in the diff.
    pub id: String,
    /// When (as given).
    pub timestamp: String,
    /// Dotted path (`redis.url`).
    pub field: String,
    /// The old value, masked when secret; absent for an addition.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous_value: Option<Value>,
    /// The new value, masked when secret; absent for a removal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_value: Option<Value>,
    /// Who.
    pub changed_by: String,
    /// Why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The environment.
    pub environment: String,
    /// The version before.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous_version: Option<String>,
    /// The version after.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_version: Option<String>,
}

/// One record per change of `diff`, in order.
pub fn change_records(diff: &Diff, ctx: &RecordContext) -> Vec<ChangeRecord> {
    diff.changes
        .iter()
        .enumerate()
        .map(|(index, c)| ChangeRecord {
            id: record_id(&c.path, &ctx.timestamp_iso, index),
            timestamp: ctx.timestamp_iso.clone(),
            field: pointer::to_dotted(&c.path),
            previous_value: c.before.clone(),
            new_value: c.after.clone(),
            changed_by: ctx.changed_by.clone(),
            reason: ctx.reason.clone(),
            environment: ctx.environment.clone(),
            previous_version: ctx.previous_version.clone(),
            new_version: ctx.new_version.clone(),
        })
        .collect()
}

fn record_id(path: &str, timestamp: &str, index: usize) -> String {
    let mut h = Sha256::new();
    h.update(path.as_bytes());
    h.update(b"\0");
    h.update(timestamp.as_bytes());
    h.update(b"\0");
    h.update(index.to_string().as_bytes());
    hex::encode(h.finalize()).chars().take(16).collect()
}

/// Records as JSON Lines (one compact object per line, each ending in a
/// newline).
pub fn to_json_lines(records: &[ChangeRecord]) -> String {
    let mut out = String::new();
    for r in records {
        if let Ok(line) = serde_json::to_string(r) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

/// The version string for a document: `YYYY-MM-DD-<8 hex>`, the date part
/// of `date_iso` (everything before a `T`) and the first 8 hex digits of
/// SHA-256 over the document's canonical JSON (keys sorted, see
/// [`super::canonical_json`]).
///
/// The top-level `version` and `lastUpdated` are left out of the hash, so
/// the version names the content: documents equal in meaning get the same
/// version whatever their key order, number spelling or previous version,
/// and writing the new version into the document does not change it.
pub fn next_version(value: &Value, date_iso: &str) -> String {
    let date = date_iso.split('T').next().unwrap_or(date_iso);
    let hashed = match value {
        Value::Object(map) => {
            let mut content = map.clone();
            content.shift_remove("version");
            content.shift_remove("lastUpdated");
            canonical_json(&Value::Object(content))
        }
        other => canonical_json(other),
    };
    let digest = Sha256::digest(hashed.as_bytes());
    let hex: String = hex::encode(digest).chars().take(8).collect();
    format!("{date}-{hex}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::diff_values;
    use serde_json::json;

    #[test]
    fn versions_name_the_content() {
        let a = json!({"version": "1", "lastUpdated": "x", "b": 1000, "a": [1]});
        let b = json!({"a": [1], "b": 1000.0, "version": "2026-01-01-abcdef12"});
        let v = next_version(&a, "2026-03-04T05:06:07.000Z");
        assert_eq!(v, next_version(&b, "2026-03-04"));
        assert!(
            v.starts_with("2026-03-04-") && v.len() == "2026-03-04-".len() + 8,
            "{v}"
        );
        assert_ne!(v, next_version(&json!({"a": [2], "b": 1000}), "2026-03-04"));
    }

    #[test]
    fn records_are_deterministic_and_masked() {
        let a =
            json!({"security": {"encryptionKey": "old-SECRET-MARK"}, "worker": {"concurrency": 2}});
        let b =
            json!({"security": {"encryptionKey": "new-SECRET-MARK"}, "worker": {"concurrency": 4}});
        let ctx = RecordContext {
            changed_by: "alice".into(),
            reason: Some("rotate".into()),
            environment: "production".into(),
            previous_version: Some("1.0.0".into()),
            new_version: Some(next_version(&b, "2026-01-02")),
            timestamp_iso: "2026-01-02T00:00:00.000Z".into(),
        };
        let d = diff_values(&a, &b);
        let records = change_records(&d, &ctx);
        assert_eq!(records, change_records(&d, &ctx));
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].field, "security.encryptionKey");
        assert_ne!(records[0].id, records[1].id);
        assert_eq!(records[0].id.len(), 16);
        let lines = to_json_lines(&records);
        assert_eq!(lines.lines().count(), 2);
        assert!(!lines.contains("SECRET-MARK"), "{lines}");
        assert!(
            lines.contains(
                r#""previousValue":2,"newValue":4,"changedBy":"alice","reason":"rotate""#
            ),
            "{lines}"
        );
    }
}
