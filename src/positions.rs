//! Positions in the editor's text. The core speaks UTF-8 byte offsets; the
//! DOM's `<textarea>` selection speaks UTF-16 code units; people speak
//! 1-based lines and columns. This maps between them, through the core's
//! [`LineIndex`] (the one place that defines what a line is).

use auditcfg_core::LineIndex;

/// Line starts of a text in bytes and in UTF-16 code units, for converting
/// offsets both ways in O(log lines + line length).
#[derive(Debug, Clone)]
pub struct TextMap<'t> {
    text: &'t str,
    index: LineIndex<'t>,
    /// UTF-16 offset of the start of each line (empty when the text is
    /// ASCII: then both offsets are equal).
    utf16_starts: Vec<usize>,
    byte_starts: Vec<usize>,
}

/// Where an offset is, for people and for the DOM.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column in UTF-16 code units (what editors show).
    pub column: usize,
    /// UTF-16 offset from the start of the text (`selectionStart`).
    pub utf16: usize,
    /// Byte offset (clamped to a char boundary).
    pub byte: usize,
}

impl<'t> TextMap<'t> {
    /// Indexes a text.
    pub fn new(text: &'t str) -> Self {
        let index = LineIndex::new(text);
        let lines = index.line_count();
        let byte_starts: Vec<usize> = (1..=lines).map(|l| index.offset(l, 1)).collect();
        let utf16_starts = if text.is_ascii() {
            Vec::new()
        } else {
            let mut starts = Vec::with_capacity(lines);
            let mut acc = 0;
            for (i, &start) in byte_starts.iter().enumerate() {
                starts.push(acc);
                let end = byte_starts.get(i + 1).copied().unwrap_or(text.len());
                acc += utf16_len(&text[start..end]);
            }
            starts
        };
        TextMap {
            text,
            index,
            utf16_starts,
            byte_starts,
        }
    }

    /// The text.
    pub fn text(&self) -> &'t str {
        self.text
    }

    /// Number of lines (a text ending in a newline has an empty last line).
    pub fn line_count(&self) -> usize {
        self.byte_starts.len()
    }

    /// Byte offset where a 0-based line starts.
    pub fn line_start(&self, line0: usize) -> usize {
        self.byte_starts
            .get(line0)
            .copied()
            .unwrap_or(self.text.len())
    }

    /// Byte offset where a 0-based line's content ends (before its line
    /// break).
    pub fn line_end(&self, line0: usize) -> usize {
        let next = self
            .byte_starts
            .get(line0 + 1)
            .copied()
            .unwrap_or(self.text.len());
        let mut end = next;
        let bytes = self.text.as_bytes();
        while end > self.line_start(line0) && matches!(bytes[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        end
    }

    /// The 0-based line containing a byte offset.
    pub fn line_of(&self, byte: usize) -> usize {
        self.byte_starts
            .partition_point(|&s| s <= byte)
            .saturating_sub(1)
    }

    /// Position of a byte offset.
    pub fn position(&self, byte: usize) -> Position {
        let lc = self.index.line_col(byte);
        let line0 = lc.line - 1;
        let utf16 = if self.utf16_starts.is_empty() {
            lc.offset
        } else {
            self.utf16_starts[line0] + lc.column_utf16 - 1
        };
        Position {
            line: lc.line,
            column: lc.column_utf16,
            utf16,
            byte: lc.offset,
        }
    }

    /// UTF-16 offset of a byte offset.
    pub fn to_utf16(&self, byte: usize) -> usize {
        if self.utf16_starts.is_empty() {
            return byte.min(self.text.len());
        }
        self.position(byte).utf16
    }

    /// Byte offset of a UTF-16 offset (one inside a surrogate pair clamps
    /// to the start of its character; past the end clamps to the end).
    pub fn to_byte(&self, utf16: usize) -> usize {
        if self.utf16_starts.is_empty() {
            return utf16.min(self.text.len());
        }
        let line0 = self
            .utf16_starts
            .partition_point(|&s| s <= utf16)
            .saturating_sub(1);
        let mut units = self.utf16_starts[line0];
        let start = self.byte_starts[line0];
        for (i, c) in self.text[start..].char_indices() {
            let next = units + c.len_utf16();
            if next > utf16 {
                return start + i;
            }
            units = next;
        }
        self.text.len()
    }
}

impl TextMap<'_> {
    /// The byte offset at a 0-based line and 1-based UTF-16 column, clamped
    /// to the line's end (what the caret does moving up or down into a
    /// shorter line).
    pub fn at_line_column(&self, line0: usize, column: usize) -> usize {
        let line0 = line0.min(self.line_count() - 1);
        let start = self.line_start(line0);
        let end = self.line_end(line0);
        let mut units = 1;
        for (i, c) in self.text[start..end].char_indices() {
            if units >= column {
                return start + i;
            }
            units += c.len_utf16();
        }
        end
    }

    /// Where PageUp (`pages < 0`) or PageDown moves a caret (a byte offset)
    /// in a view of `lines_per_page` lines: as many lines up or down, same
    /// column, clamped to the text.
    pub fn page(&self, byte: usize, lines_per_page: usize, pages: isize) -> usize {
        let p = self.position(byte);
        let delta = lines_per_page.max(1) as isize * pages;
        let line0 = (p.line as isize - 1 + delta).clamp(0, self.line_count() as isize - 1) as usize;
        if delta < 0 && line0 == 0 && p.line - 1 < lines_per_page.max(1) {
            return 0;
        }
        if delta > 0 && line0 == self.line_count() - 1 && p.line == self.line_count() {
            return self.text.len();
        }
        self.at_line_column(line0, p.column)
    }
}

/// Length of a string in UTF-16 code units.
pub fn utf16_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().map(char::len_utf16).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_identity() {
        let text = "{\n  \"a\": 1\n}\n";
        let map = TextMap::new(text);
        assert_eq!(map.line_count(), 4);
        let p = map.position(text.find('1').unwrap());
        assert_eq!((p.line, p.column, p.utf16), (2, 8, 9));
        assert_eq!(map.to_byte(9), 9);
        assert_eq!(map.to_byte(999), text.len());
        assert_eq!(map.line_start(1), 2);
        assert_eq!(map.line_end(1), 10);
        assert_eq!(map.line_of(2), 1);
        assert_eq!(map.line_of(text.len()), 3);
    }

    #[test]
    fn non_ascii_round_trips() {
        let text = "é😀\n\"x😀\": \"ü\"\nlast";
        let map = TextMap::new(text);
        // JavaScript: "é😀\n\"x😀\": ".length === 11
        let colon_value = text.find(": ").unwrap() + 2;
        let p = map.position(colon_value);
        assert_eq!(p.line, 2);
        assert_eq!(p.column, 8);
        assert_eq!(p.utf16, 11);
        assert_eq!(map.to_byte(11), colon_value);
        for (byte, _) in text.char_indices() {
            assert_eq!(map.to_byte(map.to_utf16(byte)), byte, "byte {byte}");
        }
        // Inside the surrogate pair of 😀 (UTF-16 offsets 1..3): clamps to its start.
        assert_eq!(map.to_byte(2), 2);
        assert_eq!(map.to_utf16(text.len()), utf16_len(text));
        assert_eq!(map.to_byte(usize::MAX), text.len());
        assert_eq!(map.line_end(0), "é😀".len());
    }

    #[test]
    fn paging_keeps_the_column() {
        let text = "abcdef\nab\né😀xyz\nabcdef";
        let map = TextMap::new(text);
        assert_eq!(map.at_line_column(0, 4), 3);
        assert_eq!(
            map.at_line_column(1, 4),
            9,
            "clamped to the end of a short line"
        );
        // Column 4 in UTF-16 on line 3 is after é and 😀 (1 + 2 units).
        assert_eq!(map.at_line_column(2, 4), text.find('x').unwrap());
        assert_eq!(map.at_line_column(99, 1), text.rfind('\n').unwrap() + 1);
        let d = text.find('d').unwrap();
        assert_eq!(map.page(d, 2, 1), text.find('x').unwrap());
        assert_eq!(
            map.page(d, 2, -1),
            0,
            "PageUp on the first page goes to the start"
        );
        assert_eq!(
            map.page(text.len() - 1, 2, 1),
            text.len(),
            "PageDown on the last line goes to the end"
        );
        assert_eq!(map.page(text.len() - 1, 3, -1), 5);
    }

    #[test]
    fn crlf_lines_follow_the_core() {
        let text = "a\r\nb\rc";
        let map = TextMap::new(text);
        assert_eq!(map.line_count(), 3);
        assert_eq!(map.line_end(0), 1);
        assert_eq!(map.position(5).line, 3);
    }
}
