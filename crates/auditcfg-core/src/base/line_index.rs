//! The one mapping from byte offsets to lines and columns.

use serde::Serialize;

/// A 1-based line and column, with the column counted both in UTF-8 bytes
/// (Rust, LSP `utf-8`) and in UTF-16 code units (JavaScript editors).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LineCol {
    /// 1-based line.
    pub line: usize,
    /// 1-based column in UTF-8 bytes.
    pub column: usize,
    /// 1-based column in UTF-16 code units.
    pub column_utf16: usize,
    /// The byte offset this was computed from (clamped to the text).
    pub offset: usize,
    /// The same position as an offset in UTF-16 code units from the start
    /// of the text (what JavaScript's `String.slice` and editors use).
    pub offset_utf16: usize,
}

/// Line starts of a text, computed once; lookups are a binary search.
#[derive(Debug, Clone)]
pub struct LineIndex<'t> {
    text: &'t str,
    starts: Vec<usize>,
    /// UTF-16 offset of each line start.
    starts_utf16: Vec<usize>,
}

impl<'t> LineIndex<'t> {
    /// Indexes a text. `\n`, `\r\n` and a lone `\r` all end a line.
    pub fn new(text: &'t str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' => {
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    starts.push(i + 1);
                }
                _ => {}
            }
            i += 1;
        }
        let mut starts_utf16 = Vec::with_capacity(starts.len());
        let mut acc = 0;
        let mut prev = 0;
        for &start in &starts {
            acc += text[prev..start].encode_utf16().count();
            starts_utf16.push(acc);
            prev = start;
        }
        LineIndex {
            text,
            starts,
            starts_utf16,
        }
    }

    /// Number of lines.
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The 1-based line of a byte offset (no column: O(log lines) even on
    /// a one-line document).
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= offset.min(self.text.len()))
    }

    /// Line and columns of a byte offset. Offsets past the end clamp to the
    /// end; offsets inside a multi-byte character clamp to its start.
    pub fn line_col(&self, offset: usize) -> LineCol {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let prefix = &self.text[start..offset];
        let column_utf16 = prefix.encode_utf16().count() + 1;
        LineCol {
            line: line + 1,
            column: prefix.len() + 1,
            column_utf16,
            offset,
            offset_utf16: self.starts_utf16[line] + column_utf16 - 1,
        }
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line_text(&self, line: usize) -> &'t str {
        let Some(&start) = self.starts.get(line.wrapping_sub(1)) else {
            return "";
        };
        let end = self.starts.get(line).copied().unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }

    /// Byte offset of a 1-based line and UTF-8 column (inverse of
    /// [`LineIndex::line_col`]), clamped to the text.
    pub fn offset(&self, line: usize, column: usize) -> usize {
        let Some(&start) = self.starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        (start + column.saturating_sub(1)).min(self.text.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_and_utf16_columns() {
        let text = "ab\n\"é😀x\"\r\nz";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 3);
        let x = text.find('x').unwrap();
        let lc = idx.line_col(x);
        assert_eq!((lc.line, lc.column, lc.column_utf16), (2, 8, 5));
        assert_eq!(lc.offset_utf16, text[..x].encode_utf16().count());
        let z = text.find('z').unwrap();
        assert_eq!(idx.line_col(z).line, 3);
        assert_eq!(idx.line_text(2), "\"é😀x\"");
        assert_eq!(idx.line_col(10_000).offset, text.len());
        assert_eq!(idx.offset(2, 1), 3);
    }

    #[test]
    fn inside_a_character_clamps_to_its_start() {
        let text = "é";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(1).offset, 0);
    }
}
