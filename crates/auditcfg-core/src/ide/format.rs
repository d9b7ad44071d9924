//! Formatting: JSON in upstream's layout (`JSON.stringify(v, null, 2)`),
//! keeping unknown fields and key order. TOML is left as written: no
//! maintained TOML formatter fits the core (see the module docs of
//! [`crate::ide`]).

use super::IdeOptions;
use crate::codes::Code;
use crate::document::Document;
use crate::syntax::Format;
use serde::Serialize;

/// The result of formatting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Formatted {
    /// The formatted text (the input when nothing was done).
    pub text: String,
    /// Did the text change?
    pub changed: bool,
    /// Why it was left as is, when it was.
    pub note: Option<&'static str>,
}

/// Formats a config text.
pub fn format(text: &str, options: &IdeOptions) -> Formatted {
    let unchanged = |note| Formatted {
        text: text.to_owned(),
        changed: false,
        note: Some(note),
    };
    let format = options.format.unwrap_or_else(|| Format::detect(text));
    if format == Format::Toml {
        return unchanged("TOML is left as written (no TOML formatter)");
    }
    let parse = Document::parse(text, Some(Format::Json));
    let Some(doc) = parse.document else {
        return unchanged("the document has syntax errors");
    };
    // A repeated key or an integer JavaScript cannot hold would change on
    // the way through a value: leave the text alone.
    if parse.diagnostics.iter().any(|d| {
        matches!(
            d.code,
            Code::DuplicateKey | Code::NumberPrecision | Code::NotJsonRepresentable
        )
    }) {
        return unchanged("repeated keys or imprecise numbers would change");
    }
    let mut out = crate::to_json(doc.value());
    if text.ends_with('\n') {
        out.push('\n');
    }
    Formatted {
        changed: out != text,
        text: out,
        note: None,
    }
}
