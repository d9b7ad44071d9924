//! Machine output: one array of `{file, format, environment, columnKind,
//! diagnostics}` with JSON Pointer paths and ranges as line/column/offset:
//! `column` counts UTF-16 code units (as SARIF and LSP do; the entry says
//! `"columnKind": "utf16CodeUnits"`), `offset` UTF-8 bytes. A file that
//! could not be read is `{file, error}`.

use super::FileReport;
use crate::Failure;
use auditcfg_core::{LineCol, LineIndex};
use serde::Serialize;

#[derive(Serialize)]
#[serde(untagged)]
enum Entry<'a> {
    File(FileOut<'a>),
    Unreadable { file: &'a str, error: &'a str },
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FileOut<'a> {
    file: &'a str,
    format: &'a str,
    environment: Option<&'a str>,
    column_kind: &'static str,
    diagnostics: Vec<DiagOut<'a>>,
}

#[derive(Serialize)]
struct DiagOut<'a> {
    code: &'a str,
    name: &'a str,
    severity: &'a str,
    path: &'a str,
    message: &'a str,
    help: Option<&'a str>,
    range: RangeOut,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<RelatedOut<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<FixOut<'a>>,
}

#[derive(Serialize)]
struct RelatedOut<'a> {
    range: RangeOut,
    message: &'a str,
}

#[derive(Serialize)]
struct FixOut<'a> {
    title: &'a str,
    applicability: &'a str,
    edits: Vec<EditOut<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EditOut<'a> {
    range: RangeOut,
    new_text: &'a str,
}

fn range(index: &LineIndex, r: auditcfg_core::TextRange) -> RangeOut {
    RangeOut {
        start: index.line_col(r.start).into(),
        end: index.line_col(r.end).into(),
    }
}

#[derive(Serialize)]
struct RangeOut {
    start: Pos,
    end: Pos,
}

#[derive(Serialize)]
struct Pos {
    line: usize,
    /// UTF-16 code units, 1-based.
    column: usize,
    /// UTF-8 bytes from the start of the file.
    offset: usize,
}

impl From<LineCol> for Pos {
    fn from(p: LineCol) -> Self {
        Pos {
            line: p.line,
            column: p.column_utf16,
            offset: p.offset,
        }
    }
}

pub(crate) fn reports(files: &[FileReport]) -> Result<String, Failure> {
    let out: Vec<Entry<'_>> = files
        .iter()
        .map(|f| {
            if let Some(error) = &f.error {
                return Entry::Unreadable {
                    file: &f.name,
                    error,
                };
            }
            let index = LineIndex::new(&f.text);
            Entry::File(FileOut {
                file: &f.name,
                format: f.report.format.as_str(),
                environment: f.report.environment.map(|e| e.as_str()),
                column_kind: "utf16CodeUnits",
                diagnostics: f
                    .report
                    .diagnostics
                    .iter()
                    .map(|d| DiagOut {
                        code: d.code_str(),
                        name: d.name(),
                        severity: d.severity.as_str(),
                        path: &d.path,
                        message: &d.message,
                        help: d.help.as_deref(),
                        range: range(&index, d.range),
                        related: d
                            .related
                            .iter()
                            .map(|r| RelatedOut {
                                range: range(&index, r.range),
                                message: &r.message,
                            })
                            .collect(),
                        fixes: d
                            .fixes
                            .iter()
                            .map(|f| FixOut {
                                title: &f.title,
                                applicability: f.applicability.as_str(),
                                edits: f
                                    .edits
                                    .iter()
                                    .map(|e| EditOut {
                                        range: range(&index, e.range),
                                        new_text: &e.new_text,
                                    })
                                    .collect(),
                            })
                            .collect(),
                    })
                    .collect(),
            })
        })
        .collect();
    crate::cmd::pretty(&out)
}
