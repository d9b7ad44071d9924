//! The editor's model: the text, its tokens, its decorations (diagnostic
//! underlines, the matched bracket pair) and the gutter markers. The DOM
//! shows only the lines in view (plus a margin): [`EditorModel::render_lines`]
//! and [`EditorModel::gutter_html`] build the HTML of such a window, and
//! [`Window`] decides which lines that is. A keystroke in a 200 KB document
//! re-tokenizes it (about a millisecond) and repaints about a hundred lines,
//! never 10,000.
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
    markers: Vec<Option<Severity>>,
    longest_line: usize,
}

fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::with_capacity(text.len() / 24 + 1);
    starts.push(0);
    starts.extend(
        text.bytes()
            .enumerate()
            .filter(|(_, b)| *b == b'\n')
            .map(|(i, _)| i + 1),
    );
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

/// The lines the DOM holds: those in view plus a margin of a screenful on
/// each side, so that scrolling rarely outruns them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Window {
    /// First line (0-based).
    pub first: usize,
    /// One past the last line.
    pub end: usize,
}

impl Window {
    /// The window for a scroll position: `top` and `height` of the view in
    /// pixels, relative to the first line's top.
    pub fn around(top: f64, height: f64, line_height: f64, line_count: usize) -> Window {
        let lh = line_height.max(1.0);
        let visible = (height / lh).ceil().max(1.0) as usize + 1;
        let first_visible = (top.max(0.0) / lh).floor() as usize;
        let first = first_visible
            .saturating_sub(visible)
            .min(line_count.saturating_sub(1));
        let end = (first_visible + 2 * visible)
            .min(line_count)
            .max(first + 1)
            .min(line_count.max(1));
        Window { first, end }
    }

    /// Does this window still cover the view with at least a third of a
    /// screen to spare on either side (else render a new one)?
    pub fn covers(&self, top: f64, height: f64, line_height: f64, line_count: usize) -> bool {
        let lh = line_height.max(1.0);
        let margin = (height / lh / 3.0).ceil() as usize;
        let first_visible = (top.max(0.0) / lh).floor() as usize;
        let last_visible = ((top.max(0.0) + height) / lh).ceil() as usize;
        (self.first == 0 || self.first + margin <= first_visible)
            && (self.end >= line_count || last_visible + margin <= self.end)
    }

    /// Number of lines.
    pub fn len(&self) -> usize {
        self.end - self.first
    }

    /// Is it empty?
    pub fn is_empty(&self) -> bool {
        self.end <= self.first
    }
}

impl EditorModel {
    /// An editor holding a text.
    pub fn new(text: &str, format: Format) -> Self {
        let mut model = EditorModel {
            text: String::new(),
            format,
            tokens: Vec::new(),
            line_starts: vec![0],
            marks: Vec::new(),
            brackets: Vec::new(),
            decorations: Vec::new(),
            markers: vec![None],
            longest_line: 0,
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

    /// Length of the longest line in bytes: an upper bound of its width in
    /// columns (a character takes at least as many UTF-8 bytes as columns).
    pub fn longest_line(&self) -> usize {
        self.longest_line
    }

    /// The gutter marker (worst severity of the findings starting there)
    /// of every line.
    pub fn markers(&self) -> &[Option<Severity>] {
        &self.markers
    }

    /// Replaces the whole text (a file opened, a preset loaded): no
    /// decoration survives.
    pub fn load(&mut self, text: &str, format: Format) {
        self.text = text.to_owned();
        self.format = format;
        self.tokens = tokenize(&self.text, format);
        self.marks.clear();
        self.brackets.clear();
        self.reindex();
    }

    /// Changes the colouring format (the content turned out to be the
    /// other format).
    pub fn set_format(&mut self, format: Format) -> bool {
        if format == self.format {
            return false;
        }
        self.format = format;
        self.tokens = tokenize(&self.text, format);
        true
    }

    /// The text after a user's edit. Diagnostic ranges move with the text
    /// until the next [`EditorModel::set_marks`]; the bracket pair goes
    /// (the caller sets the cursor again). Returns whether anything changed.
    pub fn set_text(&mut self, new_text: &str) -> bool {
        if new_text == self.text {
            return false;
        }
        let (a, b) = (self.text.as_bytes(), new_text.as_bytes());
        let mut prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
        while !new_text.is_char_boundary(prefix) || !self.text.is_char_boundary(prefix) {
            prefix -= 1;
        }
        let max_suffix = a.len().min(b.len()) - prefix;
        let suffix = a
            .iter()
            .rev()
            .zip(b.iter().rev())
            .take(max_suffix)
            .take_while(|(x, y)| x == y)
            .count();
        let old_end = a.len() - suffix;
        let new_end = b.len() - suffix;
        for m in &mut self.marks {
            m.start = shift_offset(m.start, prefix, old_end, new_end);
            m.end = shift_offset(m.end, prefix, old_end, new_end).max(m.start);
        }
        self.brackets.clear();
        self.text = new_text.to_owned();
        self.tokens = tokenize(&self.text, self.format);
        self.reindex();
        true
    }

    /// Sets the diagnostics' ranges (after a validation of the current
    /// text).
    pub fn set_marks(&mut self, marks: Vec<Mark>) {
        self.marks = marks;
        self.rebuild_decorations();
        self.rebuild_markers();
    }

    /// Highlights the bracket pair at a cursor (a byte offset), if any.
    /// Returns whether the highlight changed.
    pub fn set_cursor(&mut self, cursor: usize) -> bool {
        let brackets = match bracket_pair(&self.text, &self.tokens, cursor) {
            Some(BracketMatch {
                open,
                close: Some(close),
            }) => vec![
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
            return false;
        }
        self.brackets = brackets;
        self.rebuild_decorations();
        true
    }

    /// The 0-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// The HTML of lines `window.first..window.end` of the highlighted layer.
    pub fn render_lines(&self, window: Window) -> String {
        let mut out = String::with_capacity(window.len() * 160);
        for line in window.first..window.end.min(self.line_count()) {
            self.render_line_into(&mut out, line);
        }
        out
    }

    /// The HTML of the gutter rows of a window: line numbers and markers.
    pub fn gutter_html(&self, window: Window) -> String {
        let mut out = String::with_capacity(window.len() * 40);
        for line in window.first..window.end.min(self.line_count()) {
            let n = line + 1;
            match self.markers[line] {
                Some(s) => {
                    let _ = write!(
                        out,
                        "<div class=\"g {}\" data-n=\"{n}\">{n}</div>",
                        marker_class(s)
                    );
                }
                None => {
                    let _ = write!(out, "<div class=\"g\" data-n=\"{n}\">{n}</div>");
                }
            }
        }
        out
    }

    /// The HTML of every line (tests, small documents).
    pub fn html(&self) -> String {
        self.render_lines(Window {
            first: 0,
            end: self.line_count(),
        })
    }

    fn reindex(&mut self) {
        self.line_starts = line_starts(&self.text);
        self.longest_line = self
            .line_starts
            .windows(2)
            .map(|w| w[1] - w[0] - 1)
            .chain(std::iter::once(
                self.text.len() - self.line_starts[self.line_starts.len() - 1],
            ))
            .max()
            .unwrap_or(0);
        self.rebuild_decorations();
        self.rebuild_markers();
    }

    fn line_range(&self, line: usize) -> (usize, usize) {
        let start = self.line_starts[line];
        let end = self
            .line_starts
            .get(line + 1)
            .map_or(self.text.len(), |&next| next - 1);
        (start, end)
    }

    fn rebuild_markers(&mut self) {
        let mut markers: Vec<Option<Severity>> = vec![None; self.line_count()];
        for m in &self.marks {
            let slot = &mut markers[self.line_of(m.start.min(self.text.len()))];
            if slot.is_none_or(|s| m.severity < s) {
                *slot = Some(m.severity);
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
    pub fn render_line(&self, line: usize) -> String {
        let mut out = String::new();
        self.render_line_into(&mut out, line);
        out
    }

    fn render_line_into(&self, out: &mut String, line: usize) {
        let (ls, le) = self.line_range(line);
        let text = &self.text;
        let first_tok = self.tokens.partition_point(|t| t.end <= ls);
        let tokens = self.tokens[first_tok..].iter().take_while(|t| t.start < le);
        let first_dec = self.decorations.partition_point(|d| d.start < ls);
        let decorations: Vec<&Decoration> = self.decorations[first_dec..]
            .iter()
            .take_while(|d| d.start <= le)
            .collect();

        let _ = write!(out, "<span class=\"l\" data-n=\"{}\">", line + 1);
        if decorations.is_empty() {
            // Fast path: tokens only.
            let mut pos = ls;
            for t in tokens {
                let (s, e) = (t.start.max(ls), t.end.min(le));
                escape_into(out, &text[pos..s]);
                let _ = write!(out, "<span class=\"{}\">", t.kind.class());
                escape_into(out, &text[s..e]);
                out.push_str("</span>");
                pos = e;
            }
            escape_into(out, &text[pos..le]);
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
                for d in decorations
                    .iter()
                    .filter(|d| d.start <= s && d.end >= e && d.end > d.start)
                {
                    if !classes.is_empty() {
                        classes.push(' ');
                    }
                    classes.push_str(d.class);
                }
                push_segment(out, &classes, &text[s..e]);
            }
            // Decorations past the end of the line's text (a missing value
            // at the end of a line, the end of the document).
            for d in decorations.iter().filter(|d| d.start >= le) {
                push_segment(out, d.class, " ");
            }
        }
        out.push_str("\n</span>");
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

/// What Enter inserts: a newline and the current line's indentation, one
/// level more after an opening bracket; between a bracket pair, the closing
/// one goes on its own line. Returns the text and how many UTF-16 units the
/// caret goes back from its end.
pub fn enter_text(line_before_cursor: &str, rest_of_line: &str) -> (String, usize) {
    let indent: String = line_before_cursor
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let opener = line_before_cursor.trim_end().chars().last();
    let closer = rest_of_line.trim_start().chars().next();
    match opener {
        Some(o @ ('{' | '[')) => {
            let inner = format!("\n{indent}  ");
            if closer == Some(if o == '{' { '}' } else { ']' }) {
                let tail = format!("\n{indent}");
                let back = tail.len();
                (format!("{inner}{tail}"), back)
            } else {
                (inner, 0)
            }
        }
        _ => (format!("\n{indent}"), 0),
    }
}

/// How many leading spaces Shift+Tab removes from a line (up to one
/// two-space level, or a tab).
pub fn outdent_width(line: &str) -> usize {
    if line.starts_with('\t') {
        1
    } else {
        line.bytes().take(2).take_while(|&b| b == b' ').count()
    }
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
    let brackets = tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| t.kind == TokenKind::Bracket);
    let found = if forward {
        scan(
            brackets.skip_while(|(i, _)| *i <= idx),
            bytes,
            partner,
            forward,
        )
    } else {
        scan(
            tokens[..idx]
                .iter()
                .enumerate()
                .rev()
                .filter(|(_, t)| t.kind == TokenKind::Bracket),
            bytes,
            partner,
            forward,
        )
    };
    Some(BracketMatch { open, close: found })
}

/// Walks brackets away from the one at the cursor; nested pairs are
/// skipped whatever their kind. The first bracket that closes the scope is
/// the partner if it is the right kind; otherwise the pair is unbalanced.
fn scan<'a>(
    iter: impl Iterator<Item = (usize, &'a Token)>,
    bytes: &[u8],
    partner: u8,
    forward: bool,
) -> Option<usize> {
    let mut depth = 0usize;
    for (_, t) in iter {
        let b = bytes[t.start];
        let nests = if forward {
            matches!(b, b'{' | b'[')
        } else {
            matches!(b, b'}' | b']')
        };
        if nests {
            depth += 1;
        } else if depth > 0 {
            depth -= 1;
        } else {
            return (b == partner).then_some(t.start);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(m: &EditorModel) -> Vec<String> {
        (0..m.line_count()).map(|l| m.render_line(l)).collect()
    }

    #[test]
    fn renders_escaped_lines() {
        let m = EditorModel::new("{\"a<b\": \"x&y\"}\n", Format::Json);
        assert_eq!(m.line_count(), 2);
        assert_eq!(
            m.render_line(0),
            "<span class=\"l\" data-n=\"1\"><span class=\"tb\">{</span><span class=\"tk\">\"a&lt;b\"</span><span class=\"tp\">:</span> <span class=\"ts\">\"x&amp;y\"</span><span class=\"tb\">}</span>\n</span>"
        );
        assert_eq!(m.render_line(1), "<span class=\"l\" data-n=\"2\">\n</span>");
        assert_eq!(m.html(), lines(&m).concat());
        assert_eq!(m.longest_line(), 14);
    }

    #[test]
    fn edits_retokenize() {
        let steps = [
            "{\n  \"a\": 1,\n  \"b\": [1, 2]\n}",
            "{\n  \"a\": 12,\n  \"x\": \"\n  \"b\": [1, 2]\n}",
            "{\n  \"a\": \"é😀\",\n  \"b\": [1, 2]\n}\n\n",
            "",
        ];
        let mut m = EditorModel::new(steps[0], Format::Json);
        for step in &steps[1..] {
            assert!(m.set_text(step));
            assert_eq!(
                lines(&m),
                lines(&EditorModel::new(step, Format::Json)),
                "after {step:?}"
            );
        }
        assert!(!m.set_text(""));
    }

    #[test]
    fn windows_follow_the_view() {
        // 20 px lines, a 400 px view: 21 lines visible, a screenful each side.
        let w = Window::around(0.0, 400.0, 20.0, 10_000);
        assert_eq!(w, Window { first: 0, end: 42 });
        assert!(w.covers(0.0, 400.0, 20.0, 10_000));
        assert!(w.covers(100.0, 400.0, 20.0, 10_000));
        assert!(
            !w.covers(320.0, 400.0, 20.0, 10_000),
            "within a third of a screen of the end"
        );
        let w = Window::around(20_000.0, 400.0, 20.0, 10_000);
        assert_eq!(
            w,
            Window {
                first: 979,
                end: 1042
            }
        );
        assert!(w.covers(20_000.0, 400.0, 20.0, 10_000));
        assert!(!w.covers(19_600.0, 400.0, 20.0, 10_000));
        let end = Window::around(1e9, 400.0, 20.0, 100);
        assert_eq!(end.end, 100);
        assert!(end.first < 100);
        assert_eq!(
            Window::around(0.0, 400.0, 20.0, 1),
            Window { first: 0, end: 1 }
        );
    }

    #[test]
    fn marks_underline_and_mark_the_gutter() {
        let text = "{\n  \"a\": 1,\n  \"b\": 2\n}";
        let mut m = EditorModel::new(text, Format::Json);
        let one = text.find('1').unwrap();
        m.set_marks(vec![
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
        assert_eq!(
            m.markers(),
            &[None, Some(Severity::Error), None, Some(Severity::Info)]
        );
        assert!(
            m.render_line(1)
                .contains("<span class=\"tn uw ue\">1</span>"),
            "{}",
            m.render_line(1)
        );
        assert!(
            m.render_line(3)
                .ends_with("<span class=\"ui\"> </span>\n</span>"),
            "{}",
            m.render_line(3)
        );
        let gutter = m.gutter_html(Window { first: 0, end: 4 });
        assert!(
            gutter.contains("<div class=\"g me\" data-n=\"2\">2</div>"),
            "{gutter}"
        );
        assert!(
            gutter.contains("<div class=\"g mi\" data-n=\"4\">4</div>"),
            "{gutter}"
        );

        // An edit before the mark shifts it; a new line moves the marker.
        let edited = text
            .replacen("{\n", "{\n\n", 1)
            .replacen("\"a\"", "\"abc\"", 1);
        m.set_text(&edited);
        assert!(
            m.render_line(2)
                .contains("<span class=\"tn uw ue\">1</span>")
        );
        assert_eq!(m.markers()[2], Some(Severity::Error));

        m.set_marks(Vec::new());
        assert_eq!(lines(&m), lines(&EditorModel::new(&edited, Format::Json)));
        assert!(m.markers().iter().all(Option::is_none));
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
        assert!(m.render_line(1).contains("<span class=\"tb ue\">{</span>"));
        assert!(!m.render_line(2).contains("ue"));
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
        assert_eq!(
            bracket_pair(text, &toks, 0).unwrap().close,
            Some(text.len() - 1)
        );
        // The bracket inside a string is not a bracket.
        assert_eq!(
            bracket_pair(text, &toks, text.find("\"]\"").unwrap() + 1),
            None
        );
        assert_eq!(bracket_pair(text, &toks, 2), None);
        // Unbalanced and mismatched.
        let bad = "{\"a\": [1, 2}";
        let toks = tokenize(bad, Format::Json);
        assert_eq!(bracket_pair(bad, &toks, 6).unwrap().close, None);
        assert_eq!(bracket_pair(bad, &toks, 0).unwrap().close, None);
    }

    #[test]
    fn cursor_highlights_the_pair_and_an_edit_clears_it() {
        let text = "{\n  \"a\": [1]\n}";
        let mut m = EditorModel::new(text, Format::Json);
        assert!(m.set_cursor(0));
        assert!(m.render_line(0).contains("<span class=\"tb bm\">{</span>"));
        assert!(m.render_line(2).contains("<span class=\"tb bm\">}</span>"));
        assert!(!m.set_cursor(1), "just after `{{` still touches it");
        assert!(m.set_cursor(5));
        assert_eq!(lines(&m), lines(&EditorModel::new(text, Format::Json)));
        let unbalanced = "{\n  \"a\": [1\n}";
        m.set_text(unbalanced);
        assert!(m.set_cursor(unbalanced.find('[').unwrap()));
        assert!(m.render_line(1).contains("<span class=\"tb bx\">[</span>"));
        m.set_text(text);
        assert_eq!(lines(&m), lines(&EditorModel::new(text, Format::Json)));
    }

    #[test]
    fn enter_keeps_and_adds_indentation() {
        assert_eq!(enter_text("  \"a\": 1,", ""), ("\n  ".to_owned(), 0));
        assert_eq!(enter_text("  \"a\": {", ""), ("\n    ".to_owned(), 0));
        assert_eq!(enter_text("  \"a\": [", "]"), ("\n    \n  ".to_owned(), 3));
        assert_eq!(enter_text("{", " }"), ("\n  \n".to_owned(), 1));
        assert_eq!(enter_text("", ""), ("\n".to_owned(), 0));
        assert_eq!(outdent_width("    x"), 2);
        assert_eq!(outdent_width(" x"), 1);
        assert_eq!(outdent_width("\tx"), 1);
        assert_eq!(outdent_width("x"), 0);
    }

    #[test]
    fn shifting_offsets() {
        assert_eq!(shift_offset(3, 5, 8, 10), 3);
        assert_eq!(shift_offset(9, 5, 8, 10), 11);
        assert_eq!(shift_offset(6, 5, 8, 10), 5);
        assert_eq!(shift_offset(9, 5, 8, 6), 7);
    }

    #[test]
    fn a_200_kb_document_is_cheap_to_edit() {
        let body: String = (0..8000)
            .map(|i| format!("  \"k{i}\": [{i}, \"v\"],\n"))
            .collect();
        let text = format!("{{\n{body}  \"end\": 0\n}}");
        assert!(text.len() > 150_000);
        let mut m = EditorModel::new(&text, Format::Json);
        let mut edited = text.clone();
        edited.insert(text.len() / 2, '7');
        assert!(m.set_text(&edited));
        let w = Window::around(0.0, 900.0, 20.0, m.line_count());
        assert_eq!(m.render_lines(w).matches("class=\"l\"").count(), w.len());
    }
}
