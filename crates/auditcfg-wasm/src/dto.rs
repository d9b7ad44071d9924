//! The data JavaScript receives: camelCase, JSON Pointer paths, ranges with
//! byte offsets and 1-based line/column in UTF-8 bytes and in UTF-16 code
//! units (what JavaScript strings and editors count). Each type here has
//! its twin in `pkg/index.d.ts`.

use auditcfg_core::{CodeInfo, LineCol, LineIndex, RuleGroup, Severity, TextRange};
use serde::Serialize;
use wasm_bindgen::JsValue;

/// A position in the source text.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column in UTF-8 bytes.
    pub column: usize,
    /// 1-based column in UTF-16 code units.
    pub column_utf16: usize,
    /// Byte offset in the UTF-8 text.
    pub offset: usize,
    /// Offset in UTF-16 code units (a JavaScript string index).
    pub offset_utf16: usize,
}

impl From<LineCol> for Position {
    fn from(p: LineCol) -> Self {
        Position {
            line: p.line,
            column: p.column,
            column_utf16: p.column_utf16,
            offset: p.offset,
            offset_utf16: p.offset_utf16,
        }
    }
}

/// A half-open range `[start, end)`.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Range {
    /// First character.
    pub start: Position,
    /// One past the last character.
    pub end: Position,
}

impl Range {
    /// Places a byte range with a line index of its text.
    pub fn of(index: &LineIndex<'_>, range: TextRange) -> Range {
        Range {
            start: index.line_col(range.start).into(),
            end: index.line_col(range.end).into(),
        }
    }
}

/// One finding.
#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic<'a> {
    /// Stable code (`AC201`; a policy rule's own code, `ORG001`).
    pub code: &'a str,
    /// Stable kebab-case rule name.
    pub name: &'static str,
    /// `error`, `warning` or `info`.
    pub severity: &'static str,
    /// JSON Pointer of the value concerned (`""`: the whole document).
    pub path: &'a str,
    /// Terse message.
    pub message: &'a str,
    /// How to fix it (absent when there is nothing useful to say).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<&'a str>,
    /// Where it is.
    pub range: Range,
    /// Other places that explain the finding (absent when none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related<'a>>,
    /// Repairs as text edits on the same text (absent when none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fixes: Vec<Fix<'a>>,
}

/// Another place that explains a finding.
#[derive(Debug, Clone, Serialize)]
pub struct Related<'a> {
    /// What is there, e.g. "first defined here".
    pub message: &'a str,
    /// Where.
    pub range: Range,
}

/// A repair of a finding.
#[derive(Debug, Clone, Serialize)]
pub struct Fix<'a> {
    /// What it does.
    pub title: &'a str,
    /// `safe` (keeps the evident intent) or `unsafe` (changes behaviour).
    pub applicability: &'static str,
    /// Non-overlapping edits, in source order.
    pub edits: Vec<Edit<'a>>,
}

/// One replacement in the text.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Edit<'a> {
    /// What is replaced (empty to insert).
    pub range: Range,
    /// The replacement.
    pub new_text: &'a str,
}

/// The DTOs of `diagnostics`, placed in `text` (indexed once).
pub fn diagnostics<'a>(
    text: &str,
    diagnostics: &'a [auditcfg_core::Diagnostic],
) -> Vec<Diagnostic<'a>> {
    if diagnostics.is_empty() {
        return Vec::new();
    }
    let index = LineIndex::new(text);
    diagnostics
        .iter()
        .map(|d| Diagnostic {
            code: d.code_str(),
            name: d.name(),
            severity: d.severity.as_str(),
            path: &d.path,
            message: &d.message,
            help: d.help.as_deref(),
            range: Range::of(&index, d.range),
            related: d
                .related
                .iter()
                .map(|r| Related {
                    message: &r.message,
                    range: Range::of(&index, r.range),
                })
                .collect(),
            fixes: d
                .fixes
                .iter()
                .map(|f| Fix {
                    title: &f.title,
                    applicability: f.applicability.as_str(),
                    edits: f
                        .edits
                        .iter()
                        .map(|e| Edit {
                            range: Range::of(&index, e.range),
                            new_text: &e.new_text,
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect()
}

/// Findings per severity.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Counts {
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Infos.
    pub infos: usize,
}

impl From<auditcfg_core::Counts> for Counts {
    fn from(c: auditcfg_core::Counts) -> Self {
        Counts {
            errors: c.errors,
            warnings: c.warnings,
            infos: c.infos,
        }
    }
}

/// What `validate` returns.
#[derive(Debug, Serialize)]
pub struct ValidateResult<'a> {
    /// The format the text was read as.
    pub format: &'static str,
    /// The environment the rules ran for (`null`: unknown).
    pub environment: Option<&'static str>,
    /// Every finding, sorted by position.
    pub diagnostics: Vec<Diagnostic<'a>>,
    /// Counts per severity.
    pub counts: Counts,
}

/// What `parse` returns: `ok` tells whether `value` is there.
#[derive(Debug, Serialize)]
pub struct ParseResult<'a> {
    /// Did the text parse (is `value` present)?
    pub ok: bool,
    /// The format the text was read as.
    pub format: &'static str,
    /// The document as a plain JavaScript value (absent when `!ok`).
    #[serde(
        with = "serde_wasm_bindgen::preserve",
        skip_serializing_if = "JsValue::is_undefined"
    )]
    pub value: JsValue,
    /// Parser findings (syntax errors, duplicate keys, precision loss...).
    pub diagnostics: Vec<Diagnostic<'a>>,
}

/// One entry of the rule catalog.
#[derive(Debug, Clone, Serialize)]
pub struct RuleInfo {
    /// Stable code.
    pub code: &'static str,
    /// Stable name.
    pub name: &'static str,
    /// `syntax`, `schema`, `upstream` or `review`.
    pub group: RuleGroup,
    /// Severity in the common case.
    pub severity: &'static str,
    /// One-line rationale.
    pub summary: &'static str,
}

impl From<&CodeInfo> for RuleInfo {
    fn from(m: &CodeInfo) -> Self {
        RuleInfo {
            code: m.code,
            name: m.name,
            group: m.group,
            severity: Severity::as_str(m.severity),
            summary: m.summary,
        }
    }
}

/// One entry of the secret registry.
#[derive(Debug, Clone, Serialize)]
pub struct SecretPathInfo {
    /// JSON Pointer; a `*` token matches any one key or index.
    pub pattern: &'static str,
    /// `opaque` (masked whole) or `url` (credentials masked).
    pub kind: auditcfg_core::secrets::SecretKind,
    /// Does upstream mask it too?
    pub upstream: bool,
}

impl From<&auditcfg_core::secrets::SecretPath> for SecretPathInfo {
    fn from(s: &auditcfg_core::secrets::SecretPath) -> Self {
        SecretPathInfo {
            pattern: s.pattern,
            kind: s.kind,
            upstream: s.upstream,
        }
    }
}
