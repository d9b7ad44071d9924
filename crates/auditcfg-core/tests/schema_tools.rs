//! The exported JSON Schema (`schema/audit-config.schema.json`, kept equal
//! to the generator by `schema::tests::committed_schema_is_up_to_date`) in
//! the tools people use it with (issue #16, item 12): ajv 8 with its
//! defaults (`new Ajv2020()`, strict mode) plus `ajv-formats` compiles it
//! without a warning and accepts the presets; VS Code's JSON language
//! service (`vscode-json-languageservice`) offers each enum value with its
//! description; the `jsonschema` crate compiles it with format checks on.
//! Needs `node` and the npm dev tools (`scripts/setup.sh web`).

use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn ajv_and_vscode_accept_the_schema() {
    let root = root();
    assert!(
        root.join("node_modules/ajv").is_dir()
            && root
                .join("node_modules/vscode-json-languageservice")
                .is_dir(),
        "npm dev tools missing: run scripts/setup.sh web"
    );
    let presets: Vec<String> = ["development", "staging", "production", "test"]
        .iter()
        .map(|e| format!("crates/auditcfg-core/presets/{e}.json"))
        .collect();
    let out = Command::new("node")
        .current_dir(&root)
        .arg("tests/node/schema_tools.mjs")
        .arg("crates/auditcfg-core/schema/audit-config.schema.json")
        .args(&presets)
        .output()
        .expect("node must be on PATH for this test");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "no report ({e}): {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    assert_eq!(report["failures"], serde_json::json!([]), "{report:#}");
    assert!(out.status.success(), "{report:#}");
    // Each documented enum value has its own description (not only the
    // enum's): VS Code shows it beside the value.
    let env = &report["completions"]["{\"environment\": |}"];
    let production = env
        .as_array()
        .and_then(|items| items.iter().find(|i| i[0] == "\"production\""))
        .and_then(|i| i[1].as_str())
        .unwrap_or_default();
    assert!(production.contains("strictest"), "{env}");
}

#[test]
fn the_jsonschema_crate_compiles_the_schema_strictly() {
    let text = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schema/audit-config.schema.json"),
    )
    .expect("schema file");
    let schema: Value = serde_json::from_str(&text).expect("schema JSON");
    // Formats are validated, and no format is unknown to the standard.
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .should_ignore_unknown_formats(false)
        .build(&schema);
    assert!(validator.is_ok(), "{:?}", validator.err());
    assert!(jsonschema::meta::is_valid(&schema));
    // No keyword outside the JSON Schema vocabulary (editors' extensions
    // such as `enumDescriptions` are refused by ajv's strict mode).
    assert!(!text.contains("enumDescriptions"));
    for f in [
        "uint32", "uint64", "int32", "int64", "double", "float", "uint8", "uint16",
    ] {
        assert!(
            !text.contains(&format!("\"format\": \"{f}\"")),
            "format {f}"
        );
    }
}
