//! `docs/rules.md` is generated from the code registry
//! (`auditcfg_core::codes::markdown`, the same text `auditcfg rules
//! --markdown` prints); this test fails when the committed file is stale.
//! Regenerate with `UPDATE_DOCS=1 cargo test -p auditcfg-core --test rule_docs`.
//! The same command regenerates `pkg/docs.js`, the npm package's
//! `explain(code)`: the docs are plain data in JavaScript, not in the
//! WebAssembly module (whose size budget they would eat).

use auditcfg_core::codes::{Code, markdown};
use std::path::Path;

/// Fails when the committed file at `relative` (from the repository root)
/// is not `generated`; with `UPDATE_DOCS` set, writes it instead.
fn check_generated(relative: &str, generated: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(relative);
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, generated).expect("write the generated file");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{relative} is stale: run `UPDATE_DOCS=1 cargo test -p auditcfg-core --test rule_docs`"
    );
}

#[test]
fn rule_docs_are_up_to_date() {
    check_generated("docs/rules.md", &markdown());
}

/// `pkg/docs.js`: every code's metadata and docs, and `explain`.
fn npm_docs_module() -> String {
    let mut table = serde_json::Map::new();
    for code in Code::ALL {
        let info = code.info();
        table.insert(
            info.code.to_owned(),
            serde_json::json!({
                "code": info.code,
                "name": info.name,
                "group": info.group,
                "severity": info.severity.as_str(),
                "summary": info.summary,
                "docs": code.docs(),
            }),
        );
    }
    let table = serde_json::to_string_pretty(&serde_json::Value::Object(table)).expect("json");
    format!(
        "// Generated from the code registry by crates/auditcfg-core/tests/rule_docs.rs; do not edit.\n\
         // Regenerate: `UPDATE_DOCS=1 cargo test -p auditcfg-core --test rule_docs`.\n\
         // `explain(code)`: the documentation of a code, as `auditcfg explain` prints it.\n\
         const DOCS = {table};\n\n\
         const BY_NAME = new Map(Object.values(DOCS).map((d) => [d.name, d]));\n\n\
         /** The docs of a code (`AC313`, any case) or rule name (`session-secret-length`); `null` when unknown. */\n\
         export function explain(code) {{\n\
         \x20 if (typeof code !== 'string') {{\n\
         \x20   const error = new TypeError('code must be a string');\n\
         \x20   error.name = 'AuditcfgError';\n\
         \x20   error.code = 'INVALID_ARGUMENT';\n\
         \x20   throw error;\n\
         \x20 }}\n\
         \x20 const found = Object.hasOwn(DOCS, code.toUpperCase()) ? DOCS[code.toUpperCase()] : BY_NAME.get(code);\n\
         \x20 return found ? {{ ...found }} : null;\n\
         }}\n"
    )
}

#[test]
fn npm_docs_are_up_to_date() {
    check_generated("pkg/docs.js", &npm_docs_module());
}

#[test]
fn every_rule_file_is_the_home_of_one_registered_code() {
    // Each rule file's docs start with the code and name it implements, and
    // that code's registry docs are exactly the file's docs.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).expect("rules dir") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if name == "mod.rs" || name == "context.rs" {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read");
        let first = text.lines().next().unwrap_or_default();
        let code = first
            .trim_start_matches("//! `")
            .split('`')
            .next()
            .unwrap_or_default();
        let found =
            Code::find(code).unwrap_or_else(|| panic!("{name}: `{code}` not in the registry"));
        let docs = found.info().docs();
        assert!(
            text.contains(&format!("code: Code::{found:?},")),
            "{name} does not implement {code}"
        );
        assert!(
            docs.starts_with(&format!("`{code}` {}", found.name())),
            "{name}"
        );
        seen += 1;
    }
    assert!(seen >= 28, "only {seen} rule files");
}
