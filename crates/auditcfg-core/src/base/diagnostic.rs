//! Diagnostics are data: a code from the registry, a severity, a JSON
//! Pointer, a terse message, optional help, a byte range in the source
//! text, related ranges and fixes as text edits. Line and
//! column are computed at the edges with [`crate::LineIndex`].

pub use crate::base::codes::Code;
use serde::Serialize;

/// How bad a finding is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
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

/// A range elsewhere in the source that explains a finding (the first
/// occurrence of a duplicate key, the other end of a conflict).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    /// Byte range in the same source.
    pub range: TextRange,
    /// What is there, e.g. "first defined here".
    pub message: String,
}

/// Whether a fix may be applied without a person looking at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Keeps the meaning the author evidently intended (a misspelt key, a
    /// wrong case); `auditcfg fix` applies it.
    Safe,
    /// Changes behaviour (a new limit, a new secret, a removed value);
    /// applied only on request (`auditcfg fix --unsafe`).
    Unsafe,
}

impl Applicability {
    /// Lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        }
    }
}

/// Replace the bytes of `range` with `new_text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TextEdit {
    /// Byte range in the source (empty to insert).
    pub range: TextRange,
    /// The replacement text.
    pub new_text: String,
}

/// A repair for a finding, as text edits on the source it was found in:
/// applying them keeps every other byte (comments, formatting, unknown
/// fields) as it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// What it does, e.g. "rename `comandTimeout` to `commandTimeout`".
    pub title: String,
    /// Safe or unsafe.
    pub applicability: Applicability,
    /// Non-overlapping edits, in source order.
    pub edits: Vec<TextEdit>,
}

/// A repair stated on the document's structure (JSON Pointers), for checks
/// that see values, not text: [`crate::Document::place`] turns it into a
/// [`Fix`] with text edits in the document's own format and layout.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    /// What it does.
    pub title: String,
    /// Safe or unsafe.
    pub applicability: Applicability,
    /// The change.
    pub action: Action,
}

/// A structural change.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Action {
    /// Replace the value at `path`.
    SetValue {
        /// JSON Pointer of an existing value.
        path: String,
        /// The new value.
        value: serde_json::Value,
    },
    /// Replace the value at `path` with a fresh random secret (32 random
    /// bytes as hex), drawn when the fix is applied: the new value never
    /// appears in a report.
    GenerateSecret {
        /// JSON Pointer of an existing string value.
        path: String,
    },
    /// Rename the member at `path` to `to` (same object, same value).
    RenameKey {
        /// JSON Pointer of an existing object member.
        path: String,
        /// The new key.
        to: String,
    },
    /// Add a member to the object at `object`.
    Insert {
        /// JSON Pointer of an existing object.
        object: String,
        /// The new key (absent from the object).
        key: String,
        /// Its value.
        value: serde_json::Value,
    },
}

/// One finding.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// Stable code from the registry, e.g. `AC201`.
    pub code: Code,
    /// Severity (may depend on the environment).
    pub severity: Severity,
    /// JSON Pointer to the value concerned (`""` is the whole document).
    pub path: String,
    /// Terse, one line, never containing a secret's value.
    pub message: String,
    /// How to fix it, when there is something useful to say.
    pub help: Option<String>,
    /// Byte range in the source: the value, or the key or parent object when
    /// the value is missing.
    pub range: TextRange,
    /// Other places that explain the finding.
    pub related: Vec<Related>,
    /// Repairs, as text edits on the source.
    pub fixes: Vec<Fix>,
    /// Repairs stated on the structure, turned into [`Diagnostic::fixes`]
    /// when the finding is placed.
    pub proposals: Vec<Proposal>,
    /// The policy rule's own code (`ORG001`) for a finding of
    /// [`Code::PolicyRule`]: shown and serialised as the code
    /// ([`Diagnostic::code_str`]).
    pub policy_code: Option<String>,
}

impl Serialize for Diagnostic {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Diagnostic", 9)?;
        st.serialize_field("code", self.code_str())?;
        st.serialize_field("name", self.code.name())?;
        st.serialize_field("severity", &self.severity)?;
        st.serialize_field("path", &self.path)?;
        st.serialize_field("message", &self.message)?;
        if let Some(help) = &self.help {
            st.serialize_field("help", help)?;
        }
        st.serialize_field("range", &self.range)?;
        if !self.related.is_empty() {
            st.serialize_field("related", &self.related)?;
        }
        if !self.fixes.is_empty() {
            st.serialize_field("fixes", &self.fixes)?;
        }
        st.end()
    }
}

impl Diagnostic {
    /// A finding of `code` at its default severity, with an empty range;
    /// [`crate::Document::place`] fills ranges in once, for all findings.
    pub fn new(code: Code, path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: code.severity(),
            path: path.into(),
            message: message.into(),
            help: None,
            range: TextRange::default(),
            related: Vec::new(),
            fixes: Vec::new(),
            proposals: Vec::new(),
            policy_code: None,
        }
    }

    /// The code as shown: a policy rule's own code (`ORG001`), or the
    /// registry's (`AC201`).
    pub fn code_str(&self) -> &str {
        match &self.policy_code {
            Some(code) => code,
            None => self.code.as_str(),
        }
    }

    /// The code's stable name (`session-secret-length`).
    pub fn name(&self) -> &'static str {
        self.code.name()
    }

    /// Adds help text.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets the severity.
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// Sets the range.
    pub fn with_range(mut self, range: TextRange) -> Self {
        self.range = range;
        self
    }

    /// Adds a related range.
    pub fn with_related(mut self, range: TextRange, message: impl Into<String>) -> Self {
        self.related.push(Related {
            range,
            message: message.into(),
        });
        self
    }

    /// Adds a fix given as text edits.
    pub fn with_fix(
        mut self,
        title: impl Into<String>,
        applicability: Applicability,
        edits: Vec<TextEdit>,
    ) -> Self {
        self.fixes.push(Fix {
            title: title.into(),
            applicability,
            edits,
        });
        self
    }

    /// Adds a fix stated on the structure (placed with the finding).
    pub fn with_proposal(
        mut self,
        title: impl Into<String>,
        applicability: Applicability,
        action: Action,
    ) -> Self {
        self.proposals.push(Proposal {
            title: title.into(),
            applicability,
            action,
        });
        self
    }
}

impl Code {
    /// A finding of this code at its default severity (range filled in
    /// when placed).
    pub fn diag(self, path: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self, path, message)
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
    crate::base::sort::sort_by(diagnostics, |a, b| {
        (a.range.start, a.severity, a.code, &a.path).cmp(&(
            b.range.start,
            b.severity,
            b.code,
            &b.path,
        ))
    });
}
