//! Machine output: one array of `{file, diagnostics}` with JSON Pointer
//! paths and ranges as line/column/offset (UTF-8 columns, plus UTF-16
//! columns for JavaScript editors).

use super::FileReport;
use crate::Failure;
use auditcfg_core::{LineCol, LineIndex};
use serde::Serialize;

#[derive(Serialize)]
struct FileOut<'a> {
    file: &'a str,
    format: &'a str,
    environment: Option<&'a str>,
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
}

#[derive(Serialize)]
struct RangeOut {
    start: Pos,
    end: Pos,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Pos {
    line: usize,
    column: usize,
    column_utf16: usize,
    offset: usize,
}

impl From<LineCol> for Pos {
    fn from(p: LineCol) -> Self {
        Pos {
            line: p.line,
            column: p.column,
            column_utf16: p.column_utf16,
            offset: p.offset,
        }
    }
}

pub(crate) fn reports(files: &[FileReport]) -> Result<String, Failure> {
    let out: Vec<FileOut<'_>> = files
        .iter()
        .map(|f| {
            let index = LineIndex::new(&f.text);
            FileOut {
                file: &f.name,
                format: f.report.format.as_str(),
                environment: f.report.environment.map(|e| e.as_str()),
                diagnostics: f
                    .report
                    .diagnostics
                    .iter()
                    .map(|d| DiagOut {
                        code: d.code.as_str(),
                        name: d.name(),
                        severity: d.severity.as_str(),
                        path: &d.path,
                        message: &d.message,
                        help: d.help.as_deref(),
                        range: RangeOut {
                            start: index.line_col(d.range.start).into(),
                            end: index.line_col(d.range.end).into(),
                        },
                    })
                    .collect(),
            }
        })
        .collect();
    crate::cmd::pretty(&out)
}
