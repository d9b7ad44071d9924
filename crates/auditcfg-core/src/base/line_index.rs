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
        // One pass over the bytes: a line ends at `\n`, `\r\n` or `\r`; a
        // character takes one UTF-16 unit per leading (non-continuation)
        // byte, and a second one when it takes four bytes in UTF-8. Eight
        // bytes at a time where none of them is a line break or outside
        // ASCII (eight units); byte by byte through a word that has one.
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut starts_utf16 = vec![0];
        let mut utf16 = 0;
        let mut i = 0;
        while i < bytes.len() {
            let end = match bytes
                .get(i..i + 8)
                .and_then(|w| <[u8; 8]>::try_from(w).ok())
            {
                Some(word) if is_plain_ascii(u64::from_le_bytes(word)) => {
                    utf16 += 8;
                    i += 8;
                    continue;
                }
                Some(_) => i + 8,
                None => bytes.len(),
            };
            while i < end {
                let b = bytes[i];
                if b & 0xC0 != 0x80 {
                    utf16 += 1 + usize::from(b >= 0xF0);
                }
                match b {
                    b'\n' => {
                        starts.push(i + 1);
                        starts_utf16.push(utf16);
                    }
                    b'\r' => {
                        if bytes.get(i + 1) == Some(&b'\n') {
                            i += 1;
                            utf16 += 1;
                        }
                        starts.push(i + 1);
                        starts_utf16.push(utf16);
                    }
                    _ => {}
                }
                i += 1;
            }
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
        let column_utf16 = utf16_len(prefix) + 1;
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

/// Are all eight bytes of a word ASCII and none of them `\n` or `\r`?
fn is_plain_ascii(v: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Non-zero exactly when some byte of `v` is zero.
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    (v & HIGH) | has_zero(v ^ (ONES * u64::from(b'\n'))) | has_zero(v ^ (ONES * u64::from(b'\r')))
        == 0
}

/// The length of a text in UTF-16 code units, counted on its bytes: one
/// unit per leading byte, two for a character of four bytes.
fn utf16_len(text: &str) -> usize {
    text.bytes()
        .map(|b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Every line start and every position agrees with what Rust's own
        /// UTF-16 encoder and `lines`-style splitting say.
        #[test]
        fn positions_agree_with_encode_utf16(text in "[a\\r\\né😀\u{7ff}\u{ffff}]{0,40}|(a{0,9}[\\r\\né]){0,12}") {
            let idx = LineIndex::new(&text);
            for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
                let lc = idx.line_col(offset);
                prop_assert_eq!(lc.offset_utf16, text[..offset].encode_utf16().count());
                let start = idx.offset(lc.line, 1);
                prop_assert_eq!(lc.column_utf16, text[start..offset].encode_utf16().count() + 1);
                prop_assert_eq!(lc.column, offset - start + 1);
            }
            let breaks = text.matches("\r\n").count()
                + text.bytes().filter(|&b| b == b'\n' || b == b'\r').count()
                - 2 * text.matches("\r\n").count();
            prop_assert_eq!(idx.line_count(), breaks + 1);
        }
    }

    /// The line starts a byte-by-byte scan finds (the index before it read
    /// words), in bytes and in UTF-16 units.
    fn naive_starts(text: &str) -> (Vec<usize>, Vec<usize>) {
        let (mut starts, mut units) = (vec![0], vec![0]);
        let mut utf16 = 0;
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            utf16 += c.len_utf16();
            let crlf = c == '\r' && chars.peek().map(|&(_, n)| n) == Some('\n');
            if crlf {
                chars.next();
                utf16 += 1;
            }
            if c == '\n' || c == '\r' {
                starts.push(i + 1 + usize::from(crlf));
                units.push(utf16);
            }
        }
        (starts, units)
    }

    #[test]
    fn words_and_bytes_agree_at_every_position() {
        // Each interesting character at every position of texts around
        // the word size, and a CRLF split across two words; the line break
        // at the end records the UTF-16 count of all before it.
        for len in [1usize, 7, 8, 9, 15, 16, 17, 24, 25] {
            for at in 0..len {
                for c in [
                    "\n", "\r", "\r\n", "\t", "é", "😀", "\u{7f}", "\u{ffff}", "\0",
                ] {
                    let text = format!("{}{c}{}\n", "a".repeat(at), "b".repeat(len - at));
                    let idx = LineIndex::new(&text);
                    let (starts, units) = naive_starts(&text);
                    assert_eq!(
                        (&idx.starts, &idx.starts_utf16),
                        (&starts, &units),
                        "{text:?}"
                    );
                }
            }
        }
    }

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
