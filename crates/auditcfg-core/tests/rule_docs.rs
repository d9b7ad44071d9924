//! `docs/rules.md` is generated from the rules' own doc comments (one file
//! per rule under `src/rules/`) and the catalogue; this test fails when the
//! committed file is stale. Regenerate with
//! `UPDATE_DOCS=1 cargo test -p auditcfg-core --test rule_docs`.

use auditcfg_core::rules::{RuleGroup, catalog};
use std::path::Path;

fn doc_comment(source: &str) -> String {
    source
        .lines()
        .take_while(|l| l.starts_with("//!"))
        .map(|l| {
            l.trim_start_matches("//!")
                .strip_prefix(' ')
                .unwrap_or(l.trim_start_matches("//!"))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn generate() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
    let mut docs = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("rules dir") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("rule file");
        docs.push(doc_comment(&text));
    }
    let mut out = String::from(
        "# Rules\n\n<!-- Generated from the doc comments in crates/auditcfg-core/src/rules/*.rs and crates/auditcfg-core/src/probe/codes.rs; do not edit. -->\n\n\
         Every finding has a stable code. `AC0xx` come from the parsers, `AC1xx` from the JSON Schema, \
         `AC2xx` are upstream's own rules (same paths, same limits), `AC3xx` are review rules beyond upstream, \
         `AC4xx` come from `auditcfg probe` (the live PostgreSQL and Redis a config names; never from `validate`).\n\n\
         | code | name | group | severity | why |\n|---|---|---|---|---|\n",
    );
    let all = catalog();
    for m in &all {
        out.push_str(&format!(
            "| [{}](#{}) | `{}` | {} | {} | {} |\n",
            m.code,
            m.code.to_lowercase(),
            m.name,
            format!("{:?}", m.group).to_lowercase(),
            m.severity.as_str(),
            m.summary
        ));
    }
    for m in &all {
        out.push_str(&format!("\n## {}\n\n", m.code));
        let probe_doc = auditcfg_core::probe::doc(m.code)
            .map(|d| format!("`{}` {}: {}\n\n{d}", m.code, m.name, m.summary));
        let body = probe_doc.as_ref().or_else(|| {
            docs.iter()
                .find(|d| d.starts_with(&format!("`{}`", m.code)))
        });
        match body {
            Some(d) => {
                out.push_str(d);
                out.push('\n');
            }
            None => {
                assert_eq!(
                    m.group,
                    RuleGroup::Syntax,
                    "{} has no rule file with docs",
                    m.code
                );
                out.push_str(&format!("`{}` {}: {}\n", m.code, m.name, m.summary));
            }
        }
    }
    out
}

#[test]
fn rule_docs_are_up_to_date() {
    let generated = generate();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules.md");
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &generated).expect("write docs");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/rules.md is stale: run `UPDATE_DOCS=1 cargo test -p auditcfg-core --test rule_docs`"
    );
}

#[test]
fn every_rule_file_documents_what_why_and_an_example() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
    for entry in std::fs::read_dir(&dir).expect("rules dir") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if name == "mod.rs" || name == "context.rs" {
            continue;
        }
        let doc = doc_comment(&std::fs::read_to_string(&path).expect("read"));
        for part in ["**What.**", "**Why.**", "**Example.**"] {
            assert!(doc.contains(part), "{name} lacks {part}");
        }
    }
}
