//! One module per subcommand.

pub(crate) mod convert;
pub(crate) mod crypto;
pub(crate) mod diff;
pub(crate) mod fix;
pub(crate) mod git;
pub(crate) mod mask;
pub(crate) mod merge;
pub(crate) mod patch;
pub(crate) mod policy;
pub(crate) mod preset;
pub(crate) mod probe;
pub(crate) mod rules;
pub(crate) mod schema;
pub(crate) mod validate;

use crate::Failure;
use auditcfg_core::{Document, Environment, Format};

/// Parses an input named `name` (a path, or `<stdin>`): its extension
/// (`.json`, `.toml`) decides the format, the content only when there is
/// none. A syntax error is a failure with the first error's position.
pub(crate) fn parse_named(name: &str, text: &str) -> Result<Document, Failure> {
    let parse = Document::parse(text, Format::from_file_name(name));
    parse
        .document
        .ok_or_else(|| Failure(crate::render::first_error(name, text, &parse.diagnostics)))
}

/// Like [`parse_named`], for a config: a document that is not an object
/// (JSON allows `[1]`, `null`, `42`) is a failure too.
pub(crate) fn parse_config(name: &str, text: &str) -> Result<Document, Failure> {
    let doc = parse_named(name, text)?;
    if doc.value().is_object() {
        Ok(doc)
    } else {
        Err(Failure(format!(
            "{name}: a config is a JSON object; this document is {}",
            json_kind(doc.value())
        )))
    }
}

fn json_kind(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

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
