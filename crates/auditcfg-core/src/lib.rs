//! # auditcfg-core
//!
//! The pure core of auditcfg: it knows the audit server's configuration
//! document completely. It parses (JSON and TOML, with byte ranges for every
//! value), validates (JSON Schema plus rules, every finding at once), and
//! returns data. No I/O, no printing, no panics on any input.

pub mod diagnostic;
pub mod environment;
pub mod line_index;
pub mod pointer;
pub mod secrets;

pub use diagnostic::{Counts, Diagnostic, Severity, TextRange};
pub use environment::Environment;
pub use line_index::{LineCol, LineIndex};

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
