//! SARIF 2.1.0 output for code-scanning UIs. Columns count UTF-16 code
//! units (`"columnKind": "utf16CodeUnits"`, one of the two kinds SARIF
//! allows); `byteOffset`/`byteLength` are UTF-8 bytes. A file that could
//! not be read is a tool execution notification of a failed invocation.
//! The output is validated against the SARIF 2.1.0 schema in
//! `tests/fidelity.rs`.

use super::FileReport;
use crate::Failure;
use auditcfg_core::{LineIndex, Severity};
use serde_json::{Value, json};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

pub(crate) fn reports(files: &[FileReport]) -> Result<String, Failure> {
    let rules: Vec<Value> = auditcfg_core::rules::catalog()
        .iter()
        .map(|m| {
            json!({
                "id": m.code,
                "name": m.name,
                "shortDescription": {"text": m.summary},
                "defaultConfiguration": {"level": level(m.severity)},
                "properties": {"group": m.group},
            })
        })
        .collect();
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for f in files {
        if let Some(error) = &f.error {
            notifications.push(json!({
                "level": "error",
                "message": {"text": error},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(&f.name)}}}],
            }));
            continue;
        }
        let index = LineIndex::new(&f.text);
        for d in &f.report.diagnostics {
            let start = index.line_col(d.range.start);
            let end = index.line_col(d.range.end);
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str(&format!(" (help: {help})"));
            }
            let region = |r: auditcfg_core::TextRange| {
                let (start, end) = (index.line_col(r.start), index.line_col(r.end));
                json!({
                    "startLine": start.line,
                    "startColumn": start.column,
                    "endLine": end.line,
                    "endColumn": end.column,
                    "byteOffset": r.start,
                    "byteLength": r.len(),
                })
            };
            let related: Vec<Value> = d
                .related
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    json!({
                        "id": i,
                        "message": {"text": r.message},
                        "physicalLocation": {
                            "artifactLocation": {"uri": f.name},
                            "region": region(r.range),
                        }
                    })
                })
                .collect();
            let fixes: Vec<Value> = d
                .fixes
                .iter()
                .map(|fix| {
                    json!({
                        "description": {"text": fix.title},
                        "properties": {"applicability": fix.applicability.as_str()},
                        "artifactChanges": [{
                            "artifactLocation": {"uri": f.name},
                            "replacements": fix.edits.iter().map(|e| json!({
                                "deletedRegion": region(e.range),
                                "insertedContent": {"text": e.new_text},
                            })).collect::<Vec<_>>(),
                        }]
                    })
                })
                .collect();
            let mut result = json!({
                "ruleId": d.code_str(),
                "level": level(d.severity),
                "message": {"text": message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri(&f.name)},
                        "region": {
                            "startLine": start.line,
                            "startColumn": start.column_utf16,
                            "endLine": end.line,
                            "endColumn": end.column_utf16,
                            "byteOffset": d.range.start,
                            "byteLength": d.range.len(),
                        }
                    },
                    "logicalLocations": [{"fullyQualifiedName": d.path, "kind": "member"}]
                }]
            });
            if !related.is_empty() {
                result["relatedLocations"] = Value::Array(related);
            }
            if !fixes.is_empty() {
                result["fixes"] = Value::Array(fixes);
            }
            results.push(result);
        }
    }
    let sarif = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "auditcfg",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://example.invalid/auditcfg",
                "rules": rules,
            }},
            "columnKind": "utf16CodeUnits",
            "invocations": [{
                "executionSuccessful": notifications.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
        }]
    });
    crate::cmd::pretty(&sarif)
}

/// A file name as a SARIF `uri` (a URI reference): every byte outside the
/// unreserved characters and `/` percent-encoded (spaces, `:`, `\\`,
/// non-ASCII, `<stdin>`'s brackets).
fn uri(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
