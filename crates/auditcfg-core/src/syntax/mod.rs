//! Text formats: JSON and TOML in, JSON and TOML out. Both parsers produce
//! the same thing: a `serde_json::Value` (key order kept) and a [`SpanNode`]
//! tree with the byte range of every key and value.

pub mod json;
pub mod redact;
pub mod tolerant;
pub mod toml;

use crate::codes::Code;
use crate::diagnostic::{Diagnostic, TextRange};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A text format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// JSON (RFC 8259), as upstream stores configs.
    Json,
    /// TOML 1.0, for people who want comments.
    Toml,
}

impl Format {
    /// Lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Toml => "toml",
        }
    }

    /// Parses `json` or `toml` (case-insensitive).
    pub fn from_name(name: &str) -> Option<Format> {
        match name.to_ascii_lowercase().as_str() {
            "json" => Some(Format::Json),
            "toml" => Some(Format::Toml),
            _ => None,
        }
    }

    /// The format a file name's extension names (`.json`, `.toml`, any
    /// case), `None` for another or no extension. A file's extension
    /// decides its format; content detection ([`Format::detect`]) is only
    /// for text without a name (standard input, a paste).
    pub fn from_file_name(name: &str) -> Option<Format> {
        let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
        let (_, ext) = base.rsplit_once('.')?;
        Format::from_name(ext)
    }

    /// Guesses the format from the content: a document whose first
    /// significant character is `{`, or `[` not starting a TOML table header,
    /// is JSON; anything else is TOML.
    pub fn detect(text: &str) -> Format {
        let body = text.trim_start_matches('\u{feff}').trim_start();
        match body.as_bytes().first() {
            Some(b'{') => Format::Json,
            Some(b'[') => {
                let line = body.lines().next().unwrap_or("").trim_end();
                let header = line.trim_start_matches('[').trim_end_matches(']');
                let looks_like_header = line.ends_with(']')
                    && !header.is_empty()
                    && header.chars().all(|c| {
                        c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '"' | '\'' | ' ')
                    })
                    && header.chars().any(|c| c.is_ascii_alphabetic());
                if looks_like_header {
                    Format::Toml
                } else {
                    Format::Json
                }
            }
            _ => Format::Toml,
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Byte ranges of one value and, for object members, of its key. Children
/// follow the value's order: object members in key order (as kept by the
/// `Value`), array items by index.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SpanNode {
    /// The key's range, for object members.
    pub key: Option<TextRange>,
    /// The value's range.
    pub value: TextRange,
    /// Ranges of the children.
    pub children: Vec<SpanNode>,
}

impl SpanNode {
    pub(crate) fn leaf(value: TextRange) -> Self {
        SpanNode {
            key: None,
            value,
            children: Vec::new(),
        }
    }
    pub(crate) fn node(value: TextRange, children: Vec<SpanNode>) -> Self {
        SpanNode {
            key: None,
            value,
            children,
        }
    }
}

/// The result of parsing text: a value when the syntax is sound, the span
/// tree, and every finding of the parser.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// The document, or `None` on a syntax error.
    pub value: Option<Value>,
    /// Ranges for `value`.
    pub spans: SpanNode,
    /// Syntax errors and parser-level findings.
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses text in a format.
pub fn parse(text: &str, format: Format) -> Parsed {
    match format {
        Format::Json => json::parse(text),
        Format::Toml => toml::parse(text),
    }
}

/// Checks that bytes are UTF-8; on failure returns an `AC004` diagnostic
/// with the range of the first invalid sequence.
pub fn check_utf8(bytes: &[u8]) -> Result<&str, Box<Diagnostic>> {
    std::str::from_utf8(bytes).map_err(|e| {
        Box::new({
            let start = e.valid_up_to();
            let len = e.error_len().unwrap_or(bytes.len() - start);
            let shown: Vec<String> = bytes[start..start + len]
                .iter()
                .map(|b| format!("{b:02X}"))
                .collect();
            let line = 1 + bytes[..start].iter().filter(|&&b| b == b'\n').count();
            Code::InvalidUtf8
                .diag(
                    "",
                    format!("invalid UTF-8 (bytes {}) on line {line}", shown.join(" ")),
                )
                .with_help("configs are UTF-8 text; re-save the file as UTF-8")
                .with_range(TextRange::new(start, start + len))
        })
    })
}

/// Writes a value as upstream does: `JSON.stringify(value, null, 2)`.
pub fn to_json(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

/// Writes a value in a format: JSON as upstream writes it, or TOML (which
/// fails, naming the path, for values TOML cannot hold). The one writer
/// every edge uses.
pub fn write(value: &Value, format: Format) -> Result<String, crate::Error> {
    match format {
        Format::Json => Ok(to_json(value)),
        Format::Toml => toml::to_toml(value),
    }
}

/// The one value writer: a value as it appears in a document of `format`
/// (JSON: as [`to_json`] writes it; TOML: inline), or `None` when the
/// format cannot hold it.
pub fn write_value(value: &Value, format: Format) -> Option<String> {
    match format {
        Format::Json => Some(to_json(value)),
        Format::Toml => toml::write_inline(value).ok(),
    }
}

/// A key as `format` writes it (JSON: quoted; TOML: bare or quoted).
pub fn write_key(key: &str, format: Format) -> String {
    match format {
        Format::Json => serde_json::to_string(key).unwrap_or_default(),
        Format::Toml => toml::write_key(key),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_formats() {
        assert_eq!(Format::detect("  {\"a\":1}"), Format::Json);
        assert_eq!(Format::detect("\u{feff}{}"), Format::Json);
        assert_eq!(Format::detect("[1, 2]"), Format::Json);
        assert_eq!(Format::detect("[redis]\nurl = \"x\""), Format::Toml);
        assert_eq!(Format::detect("[server.auth]\n"), Format::Toml);
        assert_eq!(Format::detect("environment = \"test\""), Format::Toml);
        assert_eq!(Format::detect("# comment\n[a]"), Format::Toml);
    }

    #[test]
    fn the_extension_names_the_format() {
        assert_eq!(
            Format::from_file_name("a/b/config.json"),
            Some(Format::Json)
        );
        assert_eq!(
            Format::from_file_name("C:\\x\\prod.TOML"),
            Some(Format::Toml)
        );
        assert_eq!(Format::from_file_name("config.json.bak"), None);
        assert_eq!(Format::from_file_name("<stdin>"), None);
        assert_eq!(Format::from_file_name("dir.json/config"), None);
    }

    #[test]
    fn utf8_check_reports_range() {
        let bytes = b"{\"a\": \"\xff\"}";
        let d = check_utf8(bytes).unwrap_err();
        assert_eq!(d.code, "AC004");
        assert_eq!(d.range, TextRange::new(7, 8));
        assert!(d.message.contains("FF"));
    }
}
