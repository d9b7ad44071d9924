//! One module per subcommand.

pub(crate) mod convert;
pub(crate) mod crypto;
pub(crate) mod diff;
pub(crate) mod mask;
pub(crate) mod merge;
pub(crate) mod patch;
pub(crate) mod preset;
pub(crate) mod probe;
pub(crate) mod rules;
pub(crate) mod schema;
pub(crate) mod validate;

use crate::Failure;
use auditcfg_core::{Environment, Format};

/// Parses an environment name or alias for `--env`.
pub(crate) fn parse_env(name: &str) -> Result<Environment, String> {
    name.parse::<Environment>().map_err(|e| e.to_string())
}

/// Parses `json` or `toml`.
pub(crate) fn parse_format(name: &str) -> Result<Format, String> {
    Format::from_name(name).ok_or_else(|| format!("unknown format `{name}`: expected json or toml"))
}

/// Serialises a value as pretty JSON with a trailing newline; control and
/// bidirectional characters escaped (`render::safe::json`).
pub(crate) fn pretty<T: serde::Serialize>(value: &T) -> Result<String, Failure> {
    let mut s = crate::render::safe::json(serde_json::to_string_pretty(value)?);
    s.push('\n');
    Ok(s)
}
