//! The exported functions, one module per theme. Each function reads its
//! arguments with [`crate::js`], calls the core once, and returns a DTO of
//! [`crate::dto`] or throws an [`crate::error::ApiError`].

pub mod crypto;
pub mod diff;
pub mod ide;
pub mod kdf;
pub mod meta;
pub mod policy;
pub mod text;
pub mod validate;

use crate::error::ApiError;
use auditcfg_core::{Document, Format};
use serde_json::Value;

/// Parses a text that must be sound: the document, or `SYNTAX` with the
/// parser's findings.
pub(crate) fn parse_document(text: &str, format: Option<Format>) -> Result<Document, ApiError> {
    let parse = auditcfg_core::parse(text, format);
    parse
        .document
        .ok_or_else(|| ApiError::syntax(text, &parse.diagnostics))
}

/// Writes a value in a format (JSON as upstream writes it, or TOML).
pub(crate) fn write(value: &Value, format: Format) -> Result<String, ApiError> {
    Ok(auditcfg_core::write(value, format)?)
}
