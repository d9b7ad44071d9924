//! Diagnostics are data: a stable code, a severity, a JSON Pointer, a terse
//! message, optional help, and a byte range in the source text. Line and
//! column are computed at the edges with [`crate::LineIndex`].

use serde::Serialize;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The server would refuse the config, or it breaks a policy.
    Error,
    /// Likely a mistake; the server would still start.
    Warning,
    /// Worth knowing.
    Info,
}

impl Severity {
    /// Lower-case name (`error`, `warning`, `info`).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// A half-open byte range `[start, end)` in a source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
pub struct TextRange {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl TextRange {
    /// A range from `start` to `end`.
    pub const fn new(start: usize, end: usize) -> Self {
        TextRange { start, end }
    }
    /// An empty range at `offset`.
    pub const fn empty(offset: usize) -> Self {
        TextRange {
            start: offset,
            end: offset,
        }
    }
    /// Length in bytes.
    pub const fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    /// Is it empty?
    pub const fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl From<std::ops::Range<usize>> for TextRange {
    fn from(r: std::ops::Range<usize>) -> Self {
        TextRange::new(r.start, r.end)
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Stable code, e.g. `AC201`. Never reused for another meaning.
    pub code: &'static str,
    /// Stable kebab-case name of the rule, e.g. `retry-delay-order`.
    pub name: &'static str,
    /// Severity (may depend on the environment).
    pub severity: Severity,
    /// JSON Pointer to the value concerned (`""` is the whole document).
    pub path: String,
    /// Terse, one line, never containing a secret's value.
    pub message: String,
    /// How to fix it, when there is something useful to say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// Byte range in the source: the value, or the key or parent object when
    /// the value is missing.
    pub range: TextRange,
}

impl Diagnostic {
    /// Builds a diagnostic with an empty range; [`crate::Document::locate`]
    /// fills ranges in once, for all findings.
    pub fn new(
        code: &'static str,
        name: &'static str,
        severity: Severity,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            code,
            name,
            severity,
            path: path.into(),
            message: message.into(),
            help: None,
            range: TextRange::default(),
        }
    }

    /// Adds help text.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets the range.
    pub fn with_range(mut self, range: TextRange) -> Self {
        self.range = range;
        self
    }
}

/// Counts per severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Infos.
    pub infos: usize,
}

impl Counts {
    /// Counts a list of diagnostics.
    pub fn of(diagnostics: &[Diagnostic]) -> Counts {
        let mut c = Counts::default();
        for d in diagnostics {
            match d.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Info => c.infos += 1,
            }
        }
        c
    }
}

/// Sorts diagnostics by position, then severity, then code: the order every
/// edge shows them in.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.range.start, a.severity, a.code, &a.path).cmp(&(
            b.range.start,
            b.severity,
            b.code,
            &b.path,
        ))
    });
}
