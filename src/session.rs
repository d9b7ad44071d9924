//! What the app does to whole documents: start from a preset, open a
//! file, convert, export (plain or masked for sharing), name the download.
//! No DOM here: the app calls these and moves strings in and out.

use auditcfg_core::{Document, Environment, Format, Severity, secrets};
use std::borrow::Cow;

/// The largest file the app opens (the audit server's configs are tens of
/// kilobytes; a bigger file is almost certainly the wrong one).
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;

/// Why an export or conversion failed, in words for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportError {
    /// The text does not parse: `count` syntax errors, the first on `line`.
    Syntax {
        /// Number of syntax errors.
        count: usize,
        /// 1-based line of the first.
        line: usize,
    },
    /// The value cannot be written in the target format.
    Write(String),
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExportError::Syntax { count, line } => write!(
                f,
                "The document has {} (first on line {line}): fix {} before exporting.",
                crate::findings::plural(*count, "syntax error"),
                if *count == 1 { "it" } else { "them" }
            ),
            ExportError::Write(reason) => f.write_str(reason),
        }
    }
}

/// `\r\n` and lone `\r` become `\n`: a `<textarea>` holds nothing else, and
/// the offsets of diagnostics must match what the editor holds.
pub fn normalize_newlines(text: &str) -> Cow<'_, str> {
    if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Reads an opened file's bytes as a config text.
pub fn decode_file(name: &str, bytes: &[u8]) -> Result<String, String> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(format!(
            "{name} is {} KB: configs are far smaller, so this is probably not one (limit {} KB).",
            bytes.len() / 1024,
            MAX_FILE_BYTES / 1024
        ));
    }
    match auditcfg_core::syntax::check_utf8(bytes) {
        Ok(text) => Ok(normalize_newlines(text).into_owned()),
        Err(d) => Err(format!("{name} is not UTF-8 text: {}.", d.message)),
    }
}

/// The format of a text: from the file name's extension when it has a
/// known one, else detected from the content.
pub fn format_of(name: Option<&str>, text: &str) -> Format {
    let ext = name
        .and_then(|n| n.rsplit_once('.'))
        .map(|(_, e)| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("json") => Format::Json,
        Some("toml") => Format::Toml,
        _ => Format::detect(text),
    }
}

/// A fresh preset (new random secrets, `lastUpdated` = `now_ms`) written
/// in a format.
pub fn preset_text(env: Environment, now_ms: i64, format: Format) -> Result<String, String> {
    let value = auditcfg_core::preset_at(env.as_str(), now_ms).map_err(|e| e.to_string())?;
    auditcfg_core::write(&value, format).map_err(|e| e.to_string())
}

/// Converts the editor's text (read as `from`, detected when `None`) to a
/// format, masking every secret when `masked`.
pub fn export(
    text: &str,
    from: Option<Format>,
    to: Format,
    masked: bool,
) -> Result<String, ExportError> {
    let parse = Document::parse(text, from);
    let Some(doc) = parse.document else {
        let errors: Vec<_> = parse
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        let line = errors.first().map_or(1, |d| {
            auditcfg_core::LineIndex::new(text)
                .line_col(d.range.start)
                .line
        });
        return Err(ExportError::Syntax {
            count: errors.len().max(1),
            line,
        });
    };
    let masked_value;
    let value = if masked {
        masked_value = secrets::mask_document(doc.value());
        &masked_value
    } else {
        doc.value()
    };
    auditcfg_core::write(value, to).map_err(|e| ExportError::Write(e.to_string()))
}

/// The download's file name: the opened file's base name (or `auditcfg`),
/// `.masked` for masked exports, and the format's extension.
pub fn file_name(current: Option<&str>, to: Format, masked: bool) -> String {
    let base = current
        .map(|n| n.rsplit(['/', '\\']).next().unwrap_or(n))
        .map(|n| match n.rsplit_once('.') {
            Some((stem, ext)) if matches!(ext.to_ascii_lowercase().as_str(), "json" | "toml") => {
                stem
            }
            _ => n,
        })
        .map(|n| n.strip_suffix(".masked").unwrap_or(n))
        .filter(|n| !n.trim().is_empty())
        .unwrap_or("auditcfg");
    let masked = if masked { ".masked" } else { "" };
    format!("{base}{masked}.{}", to.as_str())
}

/// The MIME type of a download.
pub fn mime(format: Format) -> &'static str {
    match format {
        Format::Json => "application/json",
        Format::Toml => "application/toml",
    }
}

/// The environment select's value: `""` validates as the document says.
pub fn environment_choice(value: &str) -> Option<Environment> {
    Environment::from_name(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_767_225_600_000;

    #[test]
    fn presets_in_both_formats() {
        let json = preset_text(Environment::Production, NOW, Format::Json).unwrap();
        let toml = preset_text(Environment::Production, NOW, Format::Toml).unwrap();
        assert!(json.contains("\"environment\": \"production\""));
        assert!(json.contains("2026-01-01T00:00:00.000Z"));
        assert!(toml.contains("environment = \"production\""));
        let toml = export(&json, None, Format::Toml, false).unwrap();
        let back = export(&toml, None, Format::Json, false).unwrap();
        let a: serde_json::Value = serde_json::from_str(&back).unwrap();
        let b: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(a, b, "TOML round-trips to the same JSON");
    }

    #[test]
    fn masked_exports_hide_every_secret() {
        let json = preset_text(Environment::Staging, NOW, Format::Json).unwrap();
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        let key = v["security"]["encryptionKey"].as_str().unwrap().to_owned();
        let session = v["server"]["auth"]["sessionSecret"]
            .as_str()
            .unwrap()
            .to_owned();
        for to in [Format::Json, Format::Toml] {
            let out = export(&json, Some(Format::Json), to, true).unwrap();
            assert!(!out.contains(&key) && !out.contains(&session), "{to}");
            assert!(out.contains(secrets::MASK));
        }
    }

    #[test]
    fn exports_refuse_broken_documents() {
        let err = export("{\n  \"a\": ,\n}", None, Format::Toml, false).unwrap_err();
        assert!(
            matches!(err, ExportError::Syntax { line: 2, .. }),
            "{err:?}"
        );
        assert!(err.to_string().contains("line 2"), "{err}");
    }

    #[test]
    fn file_names() {
        assert_eq!(file_name(None, Format::Json, false), "auditcfg.json");
        assert_eq!(
            file_name(Some("prod.json"), Format::Toml, false),
            "prod.toml"
        );
        assert_eq!(
            file_name(Some("prod.masked.toml"), Format::Json, true),
            "prod.masked.json"
        );
        assert_eq!(
            file_name(Some("dir/app.conf"), Format::Json, true),
            "app.conf.masked.json"
        );
        assert_eq!(
            file_name(Some(".json"), Format::Json, false),
            "auditcfg.json"
        );
        assert_eq!(mime(Format::Toml), "application/toml");
    }

    #[test]
    fn files_and_newlines() {
        assert_eq!(normalize_newlines("a\r\nb\rc\n"), "a\nb\nc\n");
        assert!(matches!(normalize_newlines("a\n"), Cow::Borrowed(_)));
        assert_eq!(decode_file("x.json", b"{\r\n}").unwrap(), "{\n}");
        let err = decode_file("x.json", b"{\"a\": \"\xff\"}").unwrap_err();
        assert!(err.contains("not UTF-8"), "{err}");
        assert!(decode_file("big.json", &vec![b' '; MAX_FILE_BYTES + 1]).is_err());
        assert_eq!(format_of(Some("A.TOML"), "{}"), Format::Toml);
        assert_eq!(format_of(Some("a.txt"), "{}"), Format::Json);
        assert_eq!(format_of(None, "a = 1"), Format::Toml);
        assert_eq!(environment_choice(""), None);
        assert_eq!(environment_choice("prod"), Some(Environment::Production));
    }
}
