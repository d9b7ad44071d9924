//! # auditcfg-core
//!
//! The pure core of auditcfg: it knows the audit server's configuration
//! document completely. It parses (JSON and TOML, with byte ranges for every
//! value), validates (JSON Schema plus rules, every finding at once), and
//! returns data. No I/O, no printing, no panics on any input.

// The layers (base, syntax, document, schema, rules, validate, then the
// operations); a layer imports only from layers below it (`tests/tidy.rs`
// enforces it, ARCHITECTURE.md explains it).
pub mod base;
pub mod document;
pub mod edit;
pub mod probe;
pub mod rules;
pub mod schema;
pub mod syntax;
pub mod validate;
// Operations on top.
pub mod crypto;
pub mod diff;
pub mod fix;
pub mod form;
pub mod overlay;
pub mod policy;
// Editor support: above everything it explains.
pub mod ide;

// Short paths for the base modules and the schema layer's parts (the
// public API and the crate's own code use them alike).
pub use base::{codes, diagnostic, environment, js, line_index, pointer, preset, secrets};
pub use schema::{lite as schema_lite, model};

pub use base::error::Error;

pub use codes::{Anchor, Code, CodeInfo, RuleGroup};
pub use diagnostic::{
    Applicability, Counts, Diagnostic, Fix, Related, Severity, TextEdit, TextRange,
};
pub use diff::{Change, ChangeKind, Diff, Impact, Summary, diff, diff_values};
pub use document::{Document, Location, Parse};
pub use environment::Environment;
pub use fix::{FixOptions, Fixed, apply_fixes};
pub use line_index::{LineCol, LineIndex};
pub use overlay::{EnvOverlay, apply_env, merge};
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
pub use preset::preset;
pub use preset::preset_at;
pub use schema::schema;
pub use syntax::{Format, SpanNode};
pub use validate::{BytesReport, Report, ValidateOptions, validate, validate_bytes};

use serde_json::Value;

/// Parses a config text (JSON or TOML; detected when `format` is `None`)
/// into a [`Document`] with byte ranges, plus every parser finding.
pub fn parse(text: &str, format: Option<Format>) -> Parse {
    Document::parse(text, format)
}

/// Writes a value as JSON exactly as upstream stores configs
/// (`JSON.stringify(value, null, 2)`).
pub fn to_json(value: &Value) -> String {
    syntax::to_json(value)
}

/// Writes a value as TOML; `null` becomes `{ "$null" = true }` (see
/// [`syntax::toml`]). Fails, naming the path, for values TOML cannot hold.
pub fn to_toml(value: &Value) -> Result<String, Error> {
    syntax::toml::to_toml(value)
}

/// Writes a value in a format (see [`syntax::write`]).
pub fn write(value: &Value, format: Format) -> Result<String, Error> {
    syntax::write(value, format)
}

/// Converts a text to another format. Fails with the parser's diagnostics
/// when the text does not parse, or with the reason the value cannot be
/// written.
pub fn convert(text: &str, from: Option<Format>, to: Format) -> Result<String, ConvertError> {
    let parse = Document::parse(text, from);
    let doc = parse
        .document
        .ok_or(ConvertError::Syntax(parse.diagnostics))?;
    write(doc.value(), to).map_err(ConvertError::Write)
}

/// Why [`convert`] failed.
#[derive(Debug, Clone)]
pub enum ConvertError {
    /// The input does not parse.
    Syntax(Vec<Diagnostic>),
    /// The value cannot be written in the target format.
    Write(Error),
}
