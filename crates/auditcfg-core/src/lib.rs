//! # auditcfg-core
//!
//! The pure core of auditcfg: it knows the audit server's configuration
//! document completely. It parses (JSON and TOML, with byte ranges for every
//! value), validates (JSON Schema plus rules, every finding at once), and
//! returns data. No I/O, no printing, no panics on any input.

pub mod crypto;
pub mod diagnostic;
pub mod diff;
pub mod document;
pub mod environment;
pub mod form;
pub mod line_index;
pub mod model;
pub mod overlay;
pub mod pointer;
pub mod preset;
pub mod probe;
pub mod rules;
pub mod schema;
pub mod schema_lite;
pub mod secrets;
pub mod syntax;
pub mod validate;

pub use diagnostic::{Counts, Diagnostic, Severity, TextRange};
pub use diff::{Change, ChangeKind, Diff, Impact, Summary, diff, diff_values};
pub use document::{Document, Location, Parse};
pub use environment::Environment;
pub use line_index::{LineCol, LineIndex};
pub use overlay::{EnvOverlay, apply_env, merge};
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
pub use preset::preset;
pub use preset::preset_at;
pub use rules::{RuleGroup, RuleMeta};
pub use schema::schema;
pub use syntax::{Format, SpanNode};
pub use validate::{Report, ValidateOptions, validate};

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

/// Converts a text to another format. Fails with the parser's diagnostics
/// when the text does not parse, or with the reason the value cannot be
/// written.
pub fn convert(text: &str, from: Option<Format>, to: Format) -> Result<String, ConvertError> {
    let parse = Document::parse(text, from);
    let doc = parse
        .document
        .ok_or(ConvertError::Syntax(parse.diagnostics))?;
    match to {
        Format::Json => Ok(to_json(doc.value())),
        Format::Toml => to_toml(doc.value()).map_err(ConvertError::Write),
    }
}

/// Why [`convert`] failed.
#[derive(Debug, Clone)]
pub enum ConvertError {
    /// The input does not parse.
    Syntax(Vec<Diagnostic>),
    /// The value cannot be written in the target format.
    Write(Error),
}

/// Errors of the core API (as opposed to findings, which are
/// [`Diagnostic`]s).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An environment name that is neither canonical nor an alias.
    #[error(
        "unknown environment `{0}`: expected development, staging, production or test (aliases: dev, stage, prod)"
    )]
    UnknownEnvironment(String),
    /// A document that cannot be represented in the requested format.
    #[error("cannot write {format}: {reason}")]
    Unrepresentable {
        /// The target format.
        format: &'static str,
        /// Why, with the JSON Pointer concerned.
        reason: String,
    },
    /// The document has syntax errors and cannot be used.
    #[error("the document does not parse: {0}")]
    Syntax(String),
    /// The operating system's random generator failed.
    #[error("no secure random numbers available: {0}")]
    Random(String),
}
