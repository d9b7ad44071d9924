//! `docs/rules.md` is generated from the code registry
//! (`auditcfg_core::codes::markdown`, the same text `auditcfg rules
//! --markdown` prints); this test fails when the committed file is stale.
//! Regenerate with `UPDATE_DOCS=1 cargo test -p auditcfg-core --test rule_docs`.

use auditcfg_core::codes::{Code, markdown};
use std::path::Path;

#[test]
fn rule_docs_are_up_to_date() {
    let generated = markdown();
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
