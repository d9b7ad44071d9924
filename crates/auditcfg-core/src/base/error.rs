//! The core's error type (as opposed to findings, which are diagnostics).

/// Errors of the core API (as opposed to findings, which are
/// [`Diagnostic`](crate::Diagnostic)s).
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
