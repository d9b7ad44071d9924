//! SARIF 2.1.0 output for code-scanning UIs.

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
    for f in files {
        let index = LineIndex::new(&f.text);
        for d in &f.report.diagnostics {
            let start = index.line_col(d.range.start);
            let end = index.line_col(d.range.end);
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str(&format!(" (help: {help})"));
            }
            results.push(json!({
                "ruleId": d.code.as_str(),
                "level": level(d.severity),
                "message": {"text": message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": f.name},
                        "region": {
                            "startLine": start.line,
                            "startColumn": start.column,
                            "endLine": end.line,
                            "endColumn": end.column,
                            "byteOffset": d.range.start,
                            "byteLength": d.range.len(),
                        }
                    },
                    "logicalLocations": [{"fullyQualifiedName": d.path, "kind": "member"}]
                }]
            }));
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
            "columnKind": "utf8CodeUnits",
            "results": results,
        }]
    });
    crate::cmd::pretty(&sarif)
}
