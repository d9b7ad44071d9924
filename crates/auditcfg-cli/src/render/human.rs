//! Human output: each finding with its source line and the range
//! underlined (codespan-reporting), then a summary. Columns
//! (`file:line:column`) count characters. Everything taken from
//! the input (file name, message, path, help, source lines) goes through
//! [`safe`] first: no control character reaches the terminal raw.
//!
//! The quoted source never shows a secret: every secret value of the text
//! (found by the core's `syntax::redact`, the registry on the
//! error-tolerant view, so broken files too) is overwritten by
//! placeholders of the same length before anything is quoted. And it
//! never shows more than a window: only the first and last line of a
//! finding's range, each cut to [`WINDOW`] characters around the range
//! (`…` marks a cut), so a minified or 20 MB one-line file costs each
//! finding a few lines, not the whole file.

use super::{FileReport, safe};
use auditcfg_core::syntax::redact;
use auditcfg_core::{Severity, TextRange};
use codespan_reporting::diagnostic::{Diagnostic as Cs, Label};
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::{self, Config};
use std::ops::Range;

/// Characters of a long line quoted around a finding.
const WINDOW: usize = 120;
/// Of which before the start of the range.
const BEFORE: usize = 40;

pub(crate) fn reports(files: &[FileReport], color: bool) -> String {
    let config = Config::default();
    let mut out = String::new();
    let mut total = (0, 0, 0);
    let mut unreadable = 0;
    for f in files {
        let name = safe::line(&f.name);
        if let Some(error) = &f.error {
            unreadable += 1;
            out.push_str(&format!("{name}: not checked: {}\n", safe::line(error)));
            if files.len() > 1 {
                out.push('\n');
            }
            continue;
        }
        let secrets = redact::secret_ranges(&f.text, Some(f.report.format), &[]);
        let masked = redact::mask_in_place(&f.text, &secrets);
        let source = safe::source(&masked);
        let starts = line_starts(&source);
        for d in &f.report.diagnostics {
            let base = match d.severity {
                Severity::Error => Cs::error(),
                Severity::Warning => Cs::warning(),
                Severity::Info => Cs::note(),
            };
            let (file, range) =
                Excerpt::new(name.as_ref(), &source, &starts, clamp(d.range, &source));
            let label = if d.path.is_empty() {
                Label::primary((), range.start..range.end)
            } else {
                Label::primary((), range.start..range.end).with_message(safe::line(&d.path))
            };
            let message = safe::line(&d.message);
            let mut cs = base
                .with_code(format!("{} {}", d.code_str(), d.name()))
                .with_message(message.as_ref())
                .with_labels(vec![label]);
            if let Some(help) = &d.help {
                cs = cs.with_notes(vec![format!("help: {}", safe::line(help))]);
            }
            let rendered = if color {
                let mut buf = termcolor::Buffer::ansi();
                match term::emit_to_write_style(&mut buf, &config, &file, &cs) {
                    Ok(()) => String::from_utf8_lossy(buf.as_slice()).into_owned(),
                    Err(e) => format!("{}: {message} ({e})\n", d.code_str()),
                }
            } else {
                term::emit_into_string(&config, &file, &cs)
                    .unwrap_or_else(|e| format!("{}: {message} ({e})\n", d.code_str()))
            };
            out.push_str(&rendered);
        }
        let c = f.report.counts;
        total = (total.0 + c.errors, total.1 + c.warnings, total.2 + c.infos);
        let env = f
            .report
            .environment
            .map_or_else(|| "unknown environment".to_owned(), |e| e.to_string());
        let verdict = if c.errors > 0 { "invalid" } else { "valid" };
        out.push_str(&format!(
            "{name}: {verdict} ({}, {env}): {} error{}, {} warning{}, {} info\n",
            f.report.format,
            c.errors,
            plural(c.errors),
            c.warnings,
            plural(c.warnings),
            c.infos
        ));
        if files.len() > 1 {
            out.push('\n');
        }
    }
    if files.len() > 1 {
        out.push_str(&format!(
            "{} files: {} errors, {} warnings, {} info{}\n",
            files.len(),
            total.0,
            total.1,
            total.2,
            if unreadable > 0 {
                format!(", {unreadable} not readable")
            } else {
                String::new()
            }
        ));
    }
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Keeps a range inside the text and on character boundaries.
fn clamp(r: TextRange, text: &str) -> TextRange {
    let mut start = r.start.min(text.len());
    let mut end = r.end.min(text.len()).max(start);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    TextRange::new(start, end)
}

/// Byte offsets where the lines of `text` start.
fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

/// Characters in `s` (fast for long ASCII runs).
fn chars(s: &str) -> usize {
    s.bytes().filter(|b| (b & 0xc0) != 0x80).count()
}

/// What codespan-reporting sees of a file for one finding: the first and
/// last line of the range only, each cut to a window, with the real line
/// and column numbers.
struct Excerpt<'a> {
    name: &'a str,
    text: String,
    /// Per excerpt line: its range in `text` (with the line end), its
    /// 1-based line number in the file, and the characters of the file's
    /// line left out before it (minus the `…` marker).
    lines: Vec<(Range<usize>, usize, isize)>,
}

impl<'a> Excerpt<'a> {
    /// The excerpt for `range` of `source` (lines starting at `starts`),
    /// and the range mapped into it.
    fn new(name: &'a str, source: &str, starts: &[usize], range: TextRange) -> (Self, TextRange) {
        let line_of = |at: usize| starts.partition_point(|&s| s <= at).saturating_sub(1);
        let first = line_of(range.start);
        let last_at = if range.end > range.start {
            range.end - 1
        } else {
            range.end
        };
        let last = line_of(last_at).max(first);
        let mut ex = Excerpt {
            name,
            text: String::new(),
            lines: Vec::new(),
        };
        let mut mapped = TextRange::new(0, 0);
        for (k, line) in [first, last].into_iter().enumerate() {
            if k == 1 && line == first {
                break;
            }
            let start = starts.get(line).copied().unwrap_or(source.len());
            let mut end = starts
                .get(line + 1)
                .map_or(source.len(), |n| n.saturating_sub(1));
            if end > start && source.as_bytes().get(end - 1) == Some(&b'\r') {
                end -= 1;
            }
            let body = &source[start..end];
            // The point to keep in view on this line.
            let focus = if k == 0 {
                range.start
            } else {
                last_at.max(start)
            };
            let (from, to) = if body.len() <= WINDOW {
                (start, end)
            } else {
                window(source, start, end, focus)
            };
            let at = ex.text.len();
            let cut_before = from > start;
            if cut_before {
                ex.text.push('…');
            }
            let base = ex.text.len();
            ex.text.push_str(&source[from..to]);
            if to < end {
                ex.text.push('…');
            }
            ex.text.push('\n');
            let skipped = if cut_before {
                chars(&source[start..from]) as isize - 1
            } else {
                0
            };
            ex.lines.push((at..ex.text.len(), line + 1, skipped));
            let inside = |p: usize| p.clamp(from, to) - from + base;
            if k == 0 {
                mapped.start = inside(range.start);
                mapped.end = if line == last {
                    inside(range.end)
                } else {
                    ex.text.len() - 1
                };
            } else {
                mapped.end = inside(range.end);
            }
        }
        mapped.end = mapped.end.max(mapped.start);
        (ex, mapped)
    }
}

/// A window of at most [`WINDOW`] characters of `source[start..end]`
/// around `focus`, on character boundaries.
fn window(source: &str, start: usize, end: usize, focus: usize) -> (usize, usize) {
    let focus = focus.clamp(start, end);
    let mut from = focus;
    let mut n = 0;
    while from > start && n < BEFORE {
        from -= 1;
        while !source.is_char_boundary(from) {
            from -= 1;
        }
        n += 1;
    }
    let mut to = from;
    let mut m = 0;
    while to < end && m < WINDOW {
        to += 1;
        while to < end && !source.is_char_boundary(to) {
            to += 1;
        }
        m += 1;
    }
    (from, to)
}

impl<'f> Files<'f> for Excerpt<'_> {
    type FileId = ();
    type Name = &'f str;
    type Source = &'f str;

    fn name(&'f self, (): ()) -> Result<&'f str, FilesError> {
        Ok(self.name)
    }

    fn source(&'f self, (): ()) -> Result<&'f str, FilesError> {
        Ok(&self.text)
    }

    fn line_index(&'f self, (): (), byte_index: usize) -> Result<usize, FilesError> {
        Ok(self
            .lines
            .partition_point(|(r, _, _)| r.start <= byte_index)
            .saturating_sub(1))
    }

    fn line_number(&'f self, (): (), line_index: usize) -> Result<usize, FilesError> {
        self.lines
            .get(line_index)
            .map(|l| l.1)
            .ok_or(FilesError::LineTooLarge {
                given: line_index,
                max: self.lines.len(),
            })
    }

    fn column_number(
        &'f self,
        (): (),
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, FilesError> {
        let (r, _, skipped) = self.lines.get(line_index).ok_or(FilesError::LineTooLarge {
            given: line_index,
            max: self.lines.len(),
        })?;
        let upto = byte_index.clamp(r.start, r.end);
        let col = chars(self.text.get(r.start..upto).unwrap_or("")) as isize + skipped;
        Ok(usize::try_from(col.max(0)).unwrap_or(0) + 1)
    }

    fn line_range(&'f self, (): (), line_index: usize) -> Result<Range<usize>, FilesError> {
        match self.lines.get(line_index) {
            Some((r, _, _)) => Ok(r.clone()),
            // codespan asks for the line after the last one.
            None if line_index == self.lines.len() => Ok(self.text.len()..self.text.len()),
            None => Err(FilesError::LineTooLarge {
                given: line_index,
                max: self.lines.len(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn excerpt(text: &str, range: TextRange) -> (String, String) {
        let starts = line_starts(text);
        let (ex, r) = Excerpt::new("f", text, &starts, range);
        (ex.text.clone(), ex.text[r.start..r.end].to_owned())
    }

    #[test]
    fn short_lines_are_quoted_whole() {
        let t = "{\n  \"a\": 1,\n  \"b\": 2\n}\n";
        let at = t.find("2").unwrap_or(0);
        let (text, hit) = excerpt(t, TextRange::new(at, at + 1));
        assert_eq!((text.as_str(), hit.as_str()), ("  \"b\": 2\n", "2"));
    }

    #[test]
    fn long_lines_are_windowed_and_multi_line_ranges_show_two_lines() {
        let line = format!("{}X{}", "a".repeat(10_000), "é".repeat(10_000));
        let at = 10_000;
        let (text, hit) = excerpt(&line, TextRange::new(at, at + 1));
        assert!(chars(&text) <= WINDOW + 3, "{}", chars(&text));
        assert_eq!(hit, "X");
        assert!(text.starts_with('…') && text.trim_end().ends_with('…'));
        let many = "line\n".repeat(1000);
        let (text, _) = excerpt(&many, TextRange::new(0, many.len()));
        assert_eq!(text.lines().count(), 2);
    }
}
