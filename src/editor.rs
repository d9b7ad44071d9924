//! The editor's model: the text, its tokens, its decorations (diagnostic
//! underlines, the matched bracket pair) and the HTML of every line as it
//! is in the DOM. Each change returns a [`Patch`]: the few DOM operations
//! that bring the highlighted layer and the gutter up to date, so a
//! keystroke in a 200 KB document touches a handful of nodes, not 8,000.
//!
//! The text always uses `\n` line breaks: that is what a `<textarea>`'s
//! value holds, whatever the file had.

use crate::highlight::{Token, TokenKind, tokenize};
use auditcfg_core::{Format, Severity};
use std::fmt::Write as _;

/// A decorated byte range: an underline or a bracket highlight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decoration {
    /// First byte.
    pub start: usize,
    /// One past the last byte (equal to `start`: a marker at a point).
    pub end: usize,
    /// The CSS class.
    pub class: &'static str,
}

/// The CSS class of a diagnostic underline.
pub fn underline_class(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "ue",
        Severity::Warning => "uw",
        Severity::Info => "ui",
    }
}

/// The CSS class of a gutter marker.
pub fn marker_class(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "me",
        Severity::Warning => "mw",
        Severity::Info => "mi",
    }
}

/// Replace DOM lines `[start, start + removed)` by `inserted`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Splice {
    /// First line (0-based).
    pub start: usize,
    /// How many lines to remove.
    pub removed: usize,
    /// The HTML of the lines to insert in their place.
    pub inserted: Vec<String>,
}

/// What to change in the DOM, in order: the splice, then single lines
/// (indices after the splice), then the gutter.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Patch {
    /// A block of lines replaced (text edits).
    pub splice: Option<Splice>,
    /// Lines whose HTML changed in place.
    pub lines: Vec<(usize, String)>,
    /// The number of lines now (the gutter shows one number per line).
    pub line_count: usize,
    /// Gutter rows whose marker changed.
    pub markers: Vec<(usize, Option<Severity>)>,
}

impl Patch {
    /// Does it change nothing?
    pub fn is_empty(&self) -> bool {
        self.splice.is_none() && self.lines.is_empty() && self.markers.is_empty()
    }
}

/// A diagnostic as the editor shows it: where, and how bad.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    /// Byte range in the current text.
    pub start: usize,
    /// End of the range.
    pub end: usize,
    /// Severity.
    pub severity: Severity,
}

/// The editor's state.
#[derive(Debug, Clone)]
pub struct EditorModel {
    text: String,
    format: Format,
    tokens: Vec<Token>,
    line_starts: Vec<usize>,
    marks: Vec<Mark>,
    brackets: Vec<Decoration>,
    /// Underlines and bracket highlights, clipped to one line each, sorted.
    decorations: Vec<Decoration>,
    rendered: Vec<String>,
    markers: Vec<Option<Severity>>,
}

fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::with_capacity(text.len() / 24 + 1);
    starts.push(0);
    starts.extend(text.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i + 1));
    starts
}

/// Escapes text for an HTML text node.
pub fn escape_into(out: &mut String, text: &str) {
    let mut last = 0;
    for (i, b) in text.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            _ => continue,
        };
        out.push_str(&text[last..i]);
        out.push_str(rep);
        last = i + 1;
    }
    out.push_str(&text[last..]);
}

/// Moves a byte offset through an edit that replaced `[start, old_end)` by
/// text ending at `new_end`: offsets before the edit stay, offsets after it
/// shift, offsets inside it collapse to its start.
pub fn shift_offset(offset: usize, start: usize, old_end: usize, new_end: usize) -> usize {
    if offset <= start {
        offset
    } else if offset >= old_end {
        offset - old_end + new_end
    } else {
        start
    }
}

impl EditorModel {
    /// An editor holding a text. Call [`EditorModel::render_all`] for the
    /// initial HTML.
    pub fn new(text: &str, format: Format) -> Self {
        let mut model = EditorModel {
            text: String::new(),
            format,
            tokens: Vec::new(),
            line_starts: vec![0],
            marks: Vec::new(),
            brackets: Vec::new(),
            decorations: Vec::new(),
            rendered: vec![String::new()],
            markers: vec![None],
        };
        model.load(text, format);
        model
    }

    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The format used for colouring.
    pub fn format(&self) -> Format {
        self.format
    }

    /// The tokens.
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// Number of lines.
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The HTML of every line, as last returned.
    pub fn rendered(&self) -> &[String] {
        &self.rendered
    }

    /// The whole highlighted layer as one HTML string (initial render).
    pub fn html(&self) -> String {
        let mut out = String::with_capacity(self.text.len() * 2);
        for line in &self.rendered {
            out.push_str(line);
        }
        out
    }

    /// The gutter markers per line.
    pub fn markers(&self) -> &[Option<Severity>] {
        &self.markers
    }

    /// Replaces the whole text (a file opened, a preset loaded): no
    /// decorations survive. Returns nothing: render everything afresh with
    /// [`EditorModel::html`].
    pub fn load(&mut self, text: &str, format: Format) {
        self.text = text.to_owned();
        self.format = format;
        self.tokens = tokenize(&self.text, format);
        self.line_starts = line_starts(&self.text);
        self.marks.clear();
        self.brackets.clear();
        self.decorations.clear();
        self.rendered = (0..self.line_count()).map(|l| self.render_line(l)).collect();
        self.markers = vec![None; self.line_count()];
    }

    /// Changes the colouring format (the content was detected as the other
    /// format).
    pub fn set_format(&mut self, format: Format) -> Patch {
        if format == self.format {
            return Patch {
                line_count: self.line_count(),
                ..Patch::default()
            };
        }
        self.format = format;
        self.tokens = tokenize(&self.text, format);
        self.rerender(0..self.line_count())
    }

    /// The text after a user's edit. Decorations move with the text until
    /// the next [`EditorModel::set_marks`].
    pub fn set_text(&mut self, new_text: &str) -> Patch {
        let old = std::mem::take(&mut self.text);
        let (a, b) = (old.as_bytes(), new_text.as_bytes());
        let mut prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
        while !new_text.is_char_boundary(prefix) || !old.is_char_boundary(prefix) {
            prefix -= 1;
        }
        let max_suffix = a.len().min(b.len()) - prefix;
        let suffix = a.iter().rev().zip(b.iter().rev()).take(max_suffix).take_while(|(x, y)| x == y).count();
        let old_end = a.len() - suffix;
        let new_end = b.len() - suffix;

        let old_starts = std::mem::replace(&mut self.line_starts, line_starts(new_text));
        self.text = new_text.to_owned();
        self.tokens = tokenize(&self.text, self.format);

        // Decorations follow the edit.
        for m in &mut self.marks {
            m.start = shift_offset(m.start, prefix, old_end, new_end);
            m.end = shift_offset(m.end, prefix, old_end, new_end).max(m.start);
        }
        // The bracket pair goes (the caller sets the cursor again); lines
        // before the edit that showed it are repainted below.
        let old_bracket_lines: Vec<usize> = self
            .brackets
            .drain(..)
            .map(|d| old_starts.partition_point(|&s| s <= d.start) - 1)
            .collect();
        self.rebuild_decorations();

        // Lines [first, old_last] of the old text became [first, new_last].
        let line_in = |starts: &[usize], off: usize| starts.partition_point(|&s| s <= off) - 1;
        // One line of slack before the edit: a JSON key's colour depends on
        // the `:` after it, which may be on the next line.
        let first = line_in(&old_starts, prefix).saturating_sub(1);
        let old_last = line_in(&old_starts, old_end);
        let new_last = line_in(&self.line_starts, new_end);
        let removed = old_last + 1 - first;
        let inserted: Vec<String> = (first..=new_last).map(|l| self.render_line(l)).collect();

        let mut patch = Patch {
            line_count: self.line_count(),
            ..Patch::default()
        };
        // Lines after the edit keep their DOM node unless their HTML changed
        // (a string opened or closed, a decoration moved onto them).
        let old_rendered = std::mem::take(&mut self.rendered);
        let mut rendered = Vec::with_capacity(self.line_count());
        rendered.extend_from_slice(&old_rendered[..first]);
        rendered.extend(inserted.iter().cloned());
        for (k, old_html) in old_rendered[old_last + 1..].iter().enumerate() {
            let l = new_last + 1 + k;
            let html = self.render_line(l);
            if &html != old_html {
                patch.lines.push((l, html.clone()));
            }
            rendered.push(html);
        }
        self.rendered = rendered;
        let same_block = removed == inserted.len()
            && old_rendered[first..=old_last].iter().zip(&inserted).all(|(x, y)| x == y);
        if !same_block {
            patch.splice = Some(Splice {
                start: first,
                removed,
                inserted,
            });
        }
        for l in old_bracket_lines.into_iter().filter(|&l| l < first) {
            let html = self.render_line(l);
            if html != self.rendered[l] {
                self.rendered[l] = html.clone();
                patch.lines.push((l, html));
            }
        }
        self.update_markers(&mut patch);
        patch
    }

    /// Sets the diagnostics' ranges (after a validation of the current
    /// text).
    pub fn set_marks(&mut self, marks: Vec<Mark>) -> Patch {
        let before = self.decorated_lines();
        self.marks = marks;
        self.rebuild_decorations();
        let mut lines = before;
        lines.extend(self.decorated_lines());
        let mut patch = self.rerender(lines);
        self.update_markers(&mut patch);
        patch
    }

    /// Highlights the bracket pair at a cursor (a byte offset), if any.
    pub fn set_cursor(&mut self, cursor: usize) -> Patch {
        let brackets = match bracket_pair(&self.text, &self.tokens, cursor) {
            Some(BracketMatch { open, close: Some(close) }) => vec![
                Decoration {
                    start: open,
                    end: open + 1,
                    class: "bm",
                },
                Decoration {
                    start: close,
                    end: close + 1,
                    class: "bm",
                },
            ],
            Some(BracketMatch { open, close: None }) => vec![Decoration {
                start: open,
                end: open + 1,
                class: "bx",
            }],
            None => Vec::new(),
        };
        if brackets == self.brackets {
            return Patch {
                line_count: self.line_count(),
                ..Patch::default()
            };
        }
        let mut lines: Vec<usize> = self.brackets.iter().chain(&brackets).map(|d| self.line_of(d.start)).collect();
        self.brackets = brackets;
        self.rebuild_decorations();
        lines.sort_unstable();
        lines.dedup();
        self.rerender(lines)
    }

    /// The 0-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset).saturating_sub(1)
    }

    fn line_range(&self, line: usize) -> (usize, usize) {
        let start = self.line_starts[line];
        let end = self
            .line_starts
            .get(line + 1)
            .map_or(self.text.len(), |&next| next - 1);
        (start, end)
    }

    fn decorated_lines(&self) -> Vec<usize> {
        let mut lines: Vec<usize> = self.decorations.iter().map(|d| self.line_of(d.start)).collect();
        lines.dedup();
        lines
    }

    fn rerender(&mut self, lines: impl IntoIterator<Item = usize>) -> Patch {
        let mut lines: Vec<usize> = lines.into_iter().filter(|&l| l < self.line_count()).collect();
        lines.sort_unstable();
        lines.dedup();
        let mut patch = Patch {
            line_count: self.line_count(),
            ..Patch::default()
        };
        for l in lines {
            let html = self.render_line(l);
            if html != self.rendered[l] {
                self.rendered[l] = html.clone();
                patch.lines.push((l, html));
            }
        }
        patch
    }

    fn update_markers(&mut self, patch: &mut Patch) {
        let mut markers: Vec<Option<Severity>> = vec![None; self.line_count()];
        for m in &self.marks {
            let slot = &mut markers[self.line_of(m.start)];
            if slot.is_none_or(|s| m.severity < s) {
                *slot = Some(m.severity);
            }
        }
        for (i, m) in markers.iter().enumerate() {
            if self.markers.get(i).copied().flatten() != *m {
                patch.markers.push((i, *m));
            }
        }
        self.markers = markers;
    }

    /// Underlines (clipped to their first line; a point becomes one
    /// character wide) and bracket highlights, sorted by start.
    fn rebuild_decorations(&mut self) {
        let mut decorations = Vec::with_capacity(self.marks.len() + self.brackets.len());
        // Worst severity last, so it wins when ranges overlap.
        let mut marks = self.marks.clone();
        marks.sort_by_key(|m| std::cmp::Reverse(m.severity));
        for m in marks {
            let start = m.start.min(self.text.len());
            let (_, line_end) = self.line_range(self.line_of(start));
            let mut end = m.end.min(line_end);
            if end <= start {
                // A point: mark the character there, or a phantom space at
                // the end of the line.
                end = next_boundary(&self.text, start).min(line_end);
            }
            decorations.push(Decoration {
                start,
                end: end.max(start),
                class: underline_class(m.severity),
            });
        }
        decorations.extend(self.brackets.iter().copied());
        decorations.sort_by_key(|d| d.start);
        self.decorations = decorations;
    }

    /// The HTML of one line: flat spans (token class plus decoration
    /// classes), escaped text, and the line's `\n`.
    fn render_line(&self, line: usize) -> String {
        let (ls, le) = self.line_range(line);
        let text = &self.text;
        let first_tok = self.tokens.partition_point(|t| t.end <= ls);
        let tokens = self.tokens[first_tok..].iter().take_while(|t| t.start < le);
        let first_dec = self.decorations.partition_point(|d| d.start < ls);
        let decorations: Vec<&Decoration> =
            self.decorations[first_dec..].iter().take_while(|d| d.start <= le).collect();

        let mut out = String::with_capacity((le - ls) * 3 + 24);
        out.push_str("<span class=\"l\">");
        if decorations.is_empty() {
            // Fast path: tokens only.
            let mut pos = ls;
            for t in tokens {
                let (s, e) = (t.start.max(ls), t.end.min(le));
                escape_into(&mut out, &text[pos..s]);
                let _ = write!(out, "<span class=\"{}\">", t.kind.class());
                escape_into(&mut out, &text[s..e]);
                out.push_str("</span>");
                pos = e;
            }
            escape_into(&mut out, &text[pos..le]);
        } else {
            let tokens: Vec<&Token> = tokens.collect();
            let mut cuts: Vec<usize> = vec![ls, le];
            for t in &tokens {
                cuts.push(t.start.max(ls));
                cuts.push(t.end.min(le));
            }
            for d in &decorations {
                cuts.push(d.start.clamp(ls, le));
                cuts.push(d.end.clamp(ls, le));
            }
            cuts.sort_unstable();
            cuts.dedup();
            let mut classes = String::new();
            for w in cuts.windows(2) {
                let (s, e) = (w[0], w[1]);
                classes.clear();
                if let Some(t) = tokens.iter().find(|t| t.start <= s && t.end >= e) {
                    classes.push_str(t.kind.class());
                }
                for d in decorations.iter().filter(|d| d.start <= s && d.end >= e && d.end > d.start) {
                    if !classes.is_empty() {
                        classes.push(' ');
                    }
                    classes.push_str(d.class);
                }
                push_segment(&mut out, &classes, &text[s..e]);
            }
            // Decorations past the end of the line's text (a missing value
            // at the end of a line, the end of the document).
            for d in decorations.iter().filter(|d| d.start >= le) {
                push_segment(&mut out, d.class, " ");
            }
        }
        out.push_str("\n</span>");
        out
    }
}

fn push_segment(out: &mut String, classes: &str, text: &str) {
    if classes.is_empty() {
        escape_into(out, text);
    } else {
        let _ = write!(out, "<span class=\"{classes}\">");
        escape_into(out, text);
        out.push_str("</span>");
    }
}

fn next_boundary(text: &str, offset: usize) -> usize {
    let mut i = offset + 1;
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i.min(text.len())
}

/// A bracket at the cursor and its partner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BracketMatch {
    /// The bracket at the cursor (byte offset).
    pub open: usize,
    /// Its partner, `None` when unbalanced.
    pub close: Option<usize>,
}

/// Finds the bracket touching a cursor (the one after it first, then the
/// one before it, as editors do) and its partner, skipping brackets inside
/// strings and comments.
pub fn bracket_pair(text: &str, tokens: &[Token], cursor: usize) -> Option<BracketMatch> {
    let bytes = text.as_bytes();
    let at = |off: usize| {
        let i = tokens.partition_point(|t| t.start < off);
        tokens
            .get(i)
            .filter(|t| t.start == off && t.kind == TokenKind::Bracket)
            .map(|_| i)
    };
    let idx = at(cursor).or_else(|| cursor.checked_sub(1).and_then(at))?;
    let open = tokens[idx].start;
    let c = bytes[open];
    let (partner, forward) = match c {
        b'{' => (b'}', true),
        b'[' => (b']', true),
        b'}' => (b'{', false),
        b']' => (b'[', false),
        _ => return None,
    };
    let mut depth = 0usize;
    let brackets = tokens.iter().enumerate().filter(|(_, t)| t.kind == TokenKind::Bracket);
    let found = if forward {
        scan(brackets.skip_while(|(i, _)| *i <= idx), bytes, c, partner, &mut depth)
    } else {
        scan(
            tokens[..idx]
                .iter()
                .enumerate()
                .rev()
                .filter(|(_, t)| t.kind == TokenKind::Bracket),
            bytes,
            c,
            partner,
            &mut depth,
        )
    };
    Some(BracketMatch { open, close: found })
}

fn scan<'a>(
    iter: impl Iterator<Item = (usize, &'a Token)>,
    bytes: &[u8],
    same: u8,
    partner: u8,
    depth: &mut usize,
) -> Option<usize> {
    for (_, t) in iter {
        let b = bytes[t.start];
        if b == same {
            *depth += 1;
        } else if b == partner {
            if *depth == 0 {
                return Some(t.start);
            }
            *depth -= 1;
        } else if matches!(b, b'{' | b'}' | b'[' | b']') && *depth == 0 {
            // A different kind of bracket closes the scope first: it's a
            // mismatch.
            let closes_scope = if matches!(same, b'{' | b'[') {
                matches!(b, b'}' | b']')
            } else {
                matches!(b, b'{' | b'[')
            };
            if closes_scope {
                return None;
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(dom: &mut Vec<String>, patch: &Patch) {
        if let Some(s) = &patch.splice {
            dom.splice(s.start..s.start + s.removed, s.inserted.iter().cloned());
        }
        for (l, html) in &patch.lines {
            dom[*l] = html.clone();
        }
        assert_eq!(dom.len(), patch.line_count);
    }

    fn fresh(text: &str, format: Format) -> Vec<String> {
        EditorModel::new(text, format).rendered().to_vec()
    }

    #[test]
    fn renders_escaped_lines() {
        let m = EditorModel::new("{\"a<b\": \"x&y\"}\n", Format::Json);
        assert_eq!(m.line_count(), 2);
        assert_eq!(
            m.rendered()[0],
            "<span class=\"l\"><span class=\"tb\">{</span><span class=\"tk\">\"a&lt;b\"</span><span class=\"tp\">:</span> <span class=\"ts\">\"x&amp;y\"</span><span class=\"tb\">}</span>\n</span>"
        );
        assert_eq!(m.rendered()[1], "<span class=\"l\">\n</span>");
    }

    #[test]
    fn patches_equal_a_fresh_render() {
        let steps = [
            "{\n  \"a\": 1,\n  \"b\": [1, 2]\n}",
            "{\n  \"a\": 12,\n  \"b\": [1, 2]\n}",
            "{\n  \"a\": 12,\n  \"x\": \"\n  \"b\": [1, 2]\n}",
            "{\n  \"a\": 12,\n  \"b\": [1, 2]\n}\n\n",
            "{\n  \"a\": \"é😀\",\n  \"b\": [1, 2]\n}",
            "",
            "{\"one\": \"line\"}",
        ];
        let mut m = EditorModel::new(steps[0], Format::Json);
        let mut dom = m.rendered().to_vec();
        for step in &steps[1..] {
            let patch = m.set_text(step);
            apply(&mut dom, &patch);
            assert_eq!(dom, fresh(step, Format::Json), "after {step:?}");
            assert_eq!(m.rendered(), &dom[..]);
        }
    }

    #[test]
    fn toml_multiline_strings_repaint_following_lines() {
        let mut m = EditorModel::new("a = 1\nb = 2\nc = 3\n", Format::Toml);
        let mut dom = m.rendered().to_vec();
        let text = "a = \"\"\"1\nb = 2\nc = 3\n";
        let patch = m.set_text(text);
        assert!(patch.lines.iter().any(|(l, _)| *l == 2), "{patch:?}");
        apply(&mut dom, &patch);
        assert_eq!(dom, fresh(text, Format::Toml));
    }

    #[test]
    fn a_keystroke_touches_one_line() {
        let text: String = (0..1000).map(|i| format!("  \"k{i}\": {i},\n")).collect();
        let text = format!("{{\n{text}  \"end\": 0\n}}");
        let mut m = EditorModel::new(&text, Format::Json);
        let at = text.find("\"k500\": 500").unwrap() + 8;
        let mut edited = text.clone();
        edited.insert(at, '7');
        let patch = m.set_text(&edited);
        let splice = patch.splice.unwrap();
        assert!(splice.removed <= 2 && splice.inserted.len() <= 2, "{splice:?}");
        assert!(patch.lines.is_empty());
        assert!(patch.markers.is_empty());
    }

    #[test]
    fn marks_underline_and_mark_the_gutter() {
        let text = "{\n  \"a\": 1,\n  \"b\": 2\n}";
        let mut m = EditorModel::new(text, Format::Json);
        let one = text.find('1').unwrap();
        let patch = m.set_marks(vec![
            Mark {
                start: one,
                end: one + 1,
                severity: Severity::Warning,
            },
            Mark {
                start: one,
                end: one + 1,
                severity: Severity::Error,
            },
            // A point at the end of the text.
            Mark {
                start: text.len(),
                end: text.len(),
                severity: Severity::Info,
            },
        ]);
        assert_eq!(patch.markers, vec![(1, Some(Severity::Error)), (3, Some(Severity::Info))]);
        assert_eq!(patch.lines.len(), 2);
        assert!(patch.lines[0].1.contains("<span class=\"tn uw ue\">1</span>"), "{}", patch.lines[0].1);
        assert!(patch.lines[1].1.ends_with("<span class=\"ui\"> </span>\n</span>"), "{}", patch.lines[1].1);

        // An edit before the mark shifts it.
        let edited = text.replacen("\"a\"", "\"abc\"", 1);
        let patch = m.set_text(&edited);
        assert!(patch.markers.is_empty());
        let one = edited.find('1').unwrap();
        assert!(m.rendered()[1].contains("<span class=\"tn uw ue\">1</span>"));
        assert_eq!(&edited[one..=one], "1");

        // Clearing marks repaints those lines and the gutter.
        let patch = m.set_marks(Vec::new());
        assert_eq!(patch.markers, vec![(1, None), (3, None)]);
        assert_eq!(m.rendered(), fresh(&edited, Format::Json));
    }

    #[test]
    fn multi_line_marks_are_clipped_to_their_first_line() {
        let text = "{\n  \"a\": {\n    \"b\": 1\n  }\n}";
        let mut m = EditorModel::new(text, Format::Json);
        let start = text.find("{\n    ").unwrap();
        m.set_marks(vec![Mark {
            start,
            end: text.len() - 2,
            severity: Severity::Error,
        }]);
        assert!(m.rendered()[1].contains("<span class=\"tb ue\">{</span>"));
        assert!(!m.rendered()[2].contains("ue"));
        assert_eq!(m.markers()[1], Some(Severity::Error));
    }

    #[test]
    fn bracket_matching() {
        let text = "{\"a\": [1, \"]\", {\"b\": 2}], \"c\": {}}";
        let toks = tokenize(text, Format::Json);
        let open_arr = text.find('[').unwrap();
        let close_arr = text.rfind(']').unwrap();
        assert_eq!(
            bracket_pair(text, &toks, open_arr),
            Some(BracketMatch {
                open: open_arr,
                close: Some(close_arr)
            })
        );
        // Cursor just after the closing bracket.
        assert_eq!(
            bracket_pair(text, &toks, close_arr + 1),
            Some(BracketMatch {
                open: close_arr,
                close: Some(open_arr)
            })
        );
        assert_eq!(bracket_pair(text, &toks, 0).unwrap().close, Some(text.len() - 1));
        // The bracket inside a string is not a bracket.
        assert_eq!(bracket_pair(text, &toks, text.find("\"]\"").unwrap() + 1), None);
        assert_eq!(bracket_pair(text, &toks, 2), None);
        // Unbalanced and mismatched.
        let bad = "{\"a\": [1, 2}";
        let toks = tokenize(bad, Format::Json);
        assert_eq!(bracket_pair(bad, &toks, 6).unwrap().close, None);
        assert_eq!(bracket_pair(bad, &toks, 0).unwrap().close, None);
    }

    #[test]
    fn cursor_highlights_the_pair() {
        let text = "{\n  \"a\": [1]\n}";
        let mut m = EditorModel::new(text, Format::Json);
        let patch = m.set_cursor(0);
        assert_eq!(patch.lines.iter().map(|(l, _)| *l).collect::<Vec<_>>(), vec![0, 2]);
        assert!(m.rendered()[0].contains("<span class=\"tb bm\">{</span>"));
        assert!(m.set_cursor(1).is_empty(), "just after `{{` still touches it");
        let patch = m.set_cursor(5);
        assert_eq!(patch.lines.len(), 2);
        assert_eq!(m.rendered(), fresh(text, Format::Json));
    }

    #[test]
    fn shifting_offsets() {
        assert_eq!(shift_offset(3, 5, 8, 10), 3);
        assert_eq!(shift_offset(9, 5, 8, 10), 11);
        assert_eq!(shift_offset(6, 5, 8, 10), 5);
        assert_eq!(shift_offset(9, 5, 8, 6), 7);
    }
}
