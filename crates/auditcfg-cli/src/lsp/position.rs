//! LSP positions (0-based line, character in UTF-16 code units or UTF-8
//! bytes) to and from the core's byte offsets, through `LineIndex`.

use auditcfg_core::{LineIndex, TextRange};
use serde_json::{Value, json};

/// How the client counts characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    /// UTF-16 code units (the protocol's default).
    Utf16,
    /// UTF-8 bytes, when the client offers it.
    Utf8,
}

impl Encoding {
    /// UTF-8 when the client lists it in `general.positionEncodings`.
    pub(crate) fn negotiate(params: &Value) -> Encoding {
        let offered = params["capabilities"]["general"]["positionEncodings"]
            .as_array()
            .is_some_and(|a| a.iter().any(|e| e == "utf-8"));
        if offered {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        }
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            Encoding::Utf16 => "utf-16",
            Encoding::Utf8 => "utf-8",
        }
    }
}

/// Conversions for one text.
pub(crate) struct Positions<'t> {
    text: &'t str,
    index: LineIndex<'t>,
    encoding: Encoding,
}

impl<'t> Positions<'t> {
    pub(crate) fn new(text: &'t str, encoding: Encoding) -> Self {
        Positions {
            text,
            index: LineIndex::new(text),
            encoding,
        }
    }

    /// A byte offset as `{line, character}`.
    pub(crate) fn to_lsp(&self, offset: usize) -> Value {
        let lc = self.index.line_col(offset);
        let character = match self.encoding {
            Encoding::Utf16 => lc.column_utf16 - 1,
            Encoding::Utf8 => lc.column - 1,
        };
        json!({"line": lc.line - 1, "character": character})
    }

    pub(crate) fn range_to_lsp(&self, r: TextRange) -> Value {
        json!({"start": self.to_lsp(r.start), "end": self.to_lsp(r.end)})
    }

    /// `{line, character}` as a byte offset, clamped to the line (and to
    /// whole characters); `None` when malformed.
    pub(crate) fn offset_from_lsp(&self, p: &Value) -> Option<usize> {
        let line = usize::try_from(p.get("line")?.as_u64()?).ok()?;
        let character = usize::try_from(p.get("character")?.as_u64()?).ok()?;
        if line >= self.index.line_count() {
            return Some(self.text.len());
        }
        let start = self.index.offset(line + 1, 1);
        let text = self.index.line_text(line + 1);
        let mut units = 0;
        for (i, ch) in text.char_indices() {
            if units >= character {
                return Some(start + i);
            }
            units += match self.encoding {
                Encoding::Utf16 => ch.len_utf16(),
                Encoding::Utf8 => ch.len_utf8(),
            };
        }
        Some(start + text.len())
    }

    pub(crate) fn range_from_lsp(&self, r: &Value) -> Option<TextRange> {
        let start = self.offset_from_lsp(r.get("start")?)?;
        let end = self.offset_from_lsp(r.get("end")?)?;
        (start <= end).then_some(TextRange::new(start, end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_and_utf8_round_trip() {
        let text = "{\n  \"é😀\": 1\n}";
        let one = text.find('1').unwrap_or(0);
        let p16 = Positions::new(text, Encoding::Utf16);
        assert_eq!(p16.to_lsp(one), json!({"line": 1, "character": 9}));
        assert_eq!(
            p16.offset_from_lsp(&json!({"line": 1, "character": 9})),
            Some(one)
        );
        let p8 = Positions::new(text, Encoding::Utf8);
        assert_eq!(p8.to_lsp(one), json!({"line": 1, "character": 12}));
        assert_eq!(
            p8.offset_from_lsp(&json!({"line": 1, "character": 12})),
            Some(one)
        );
        // Past the end of a line: its end.
        assert_eq!(
            p16.offset_from_lsp(&json!({"line": 0, "character": 99})),
            Some(1)
        );
        assert_eq!(
            p16.offset_from_lsp(&json!({"line": 9, "character": 0})),
            Some(text.len())
        );
    }
}
