//! Issue #16: verdicts and outputs other tools must accept. The file
//! extension decides the format; SARIF validates against the SARIF 2.1.0
//! schema with UTF-16 columns; every file of a `validate` run is reported,
//! readable or not; record timestamps are ISO 8601.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_auditcfg");
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("NO_COLOR", "1")
        .current_dir(ROOT)
        .output()
        .expect("binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A scratch directory of its own per test (removed at the start of the
/// next run, never shared between tests).
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("auditcfg-fidelity-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("writes");
    path.to_string_lossy().into_owned()
}

fn json_out(args: &[&str]) -> (Option<i32>, Value) {
    let out = run(args);
    let v = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {}", stdout(&out)));
    (out.status.code(), v)
}

#[test]
fn the_extension_decides_the_format() {
    let dir = scratch("ext");
    // Item 9: each of these was read as TOML and passed (or got a TOML
    // message) although the file is named .json.
    for (content, expect) in [
        ("[\"a\"]", "a config is a JSON object"),
        ("[NaN]", "expected a value"),
        (" ", "the document is empty"),
        ("null", "a config is a JSON object"),
        ("42", "a config is a JSON object"),
        ("\"x\"", "a config is a JSON object"),
    ] {
        let path = write(&dir, "config.json", content);
        let (code, v) = json_out(&["validate", "--format", "json", &path]);
        assert_eq!(code, Some(1), "{content:?}: {v}");
        assert_eq!(v[0]["format"], "json", "{content:?}: {v}");
        let messages: Vec<&str> = v[0]["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .filter_map(|d| d["message"].as_str())
            .collect();
        assert!(
            messages.iter().any(|m| m.contains(expect)),
            "{content:?}: {messages:?}"
        );
        assert!(
            !messages.iter().any(|m| m.contains("expected `=`")),
            "{content:?}: {messages:?}"
        );
        // convert and diff read it the same way.
        let out = run(&["convert", &path, "--to", "toml"]);
        assert_ne!(out.status.code(), Some(0), "{content:?}: {}", stdout(&out));
    }
    // A .toml file is TOML even when it looks like JSON.
    let path = write(&dir, "config.toml", "{\"a\": 1}");
    let (_, v) = json_out(&["validate", "--format", "json", &path]);
    assert_eq!(v[0]["format"], "toml", "{v}");
    assert_eq!(v[0]["diagnostics"][0]["code"], "AC001", "{v}");
    // Without a known extension the content decides.
    let path = write(&dir, "config.conf", "environment = \"test\"\n");
    let (_, v) = json_out(&["validate", "--format", "json", &path]);
    assert_eq!(v[0]["format"], "toml", "{v}");
    // --input-format wins over the extension.
    let path = write(&dir, "x.json", "environment = \"test\"\n");
    let (_, v) = json_out(&[
        "validate",
        "--format",
        "json",
        "--input-format",
        "toml",
        &path,
    ]);
    assert_eq!(v[0]["format"], "toml", "{v}");
}

/// UTF-16 column (1-based) of byte offset `at` in `text`.
fn utf16_column(text: &str, at: usize) -> u64 {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    text[line_start..at].encode_utf16().count() as u64 + 1
}

#[test]
fn sarif_has_utf16_columns_and_follows_the_schema() {
    let dir = scratch("sarif");
    // An emoji (2 UTF-16 units, 4 bytes, 1 character) before the finding.
    let mut doc: Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{ROOT}/crates/auditcfg-core/presets/test.json"))
            .expect("preset"),
    )
    .expect("preset JSON");
    doc["version"] = Value::String("😀 not a version".into());
    let text = serde_json::to_string(&doc).expect("serialises");
    let path = write(&dir, "emoji.json", &text);
    let (code, sarif) = json_out(&["validate", "--format", "sarif", &path]);
    assert_eq!(code, Some(1), "{sarif}");
    let run0 = &sarif["runs"][0];
    assert_eq!(run0["columnKind"], "utf16CodeUnits");
    let at = text.find("\"😀").expect("value in text");
    let result = run0["results"]
        .as_array()
        .expect("results")
        .iter()
        .find(|r| r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "/version")
        .expect("a finding at /version");
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startColumn"], utf16_column(&text, at), "{region}");
    let end = at + "\"😀 not a version\"".len();
    assert_eq!(region["endColumn"], utf16_column(&text, end), "{region}");
    // The JSON output uses the same columns, and says so.
    let (_, json) = json_out(&["validate", "--format", "json", &path]);
    assert_eq!(json[0]["columnKind"], "utf16CodeUnits", "{}", json[0]);
    let d = json[0]["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["path"] == "/version")
        .expect("finding");
    assert_eq!(d["range"]["start"]["column"], region["startColumn"]);
    assert_eq!(d["range"]["start"]["offset"], at as u64);
    // Validate every SARIF we write against the SARIF 2.1.0 schema.
    let schema_path =
        format!("{ROOT}/node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
    let mut schema: Value =
        serde_json::from_str(&std::fs::read_to_string(&schema_path).unwrap_or_else(|e| {
            panic!("{schema_path}: {e} (run scripts/setup.sh web to install the SARIF schema)")
        }))
        .expect("schema JSON");
    // This schema's `language` patterns (of `run` and `toolComponent`) have
    // a stray `]` (`^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`) that fails
    // the meta-schema's `regex` format; the later errata schema writes them
    // as below. We never write `language`.
    let mut fixed = 0;
    for def in ["run", "toolComponent"] {
        if let Some(p) =
            schema.pointer_mut(&format!("/definitions/{def}/properties/language/pattern"))
        {
            *p = Value::String("^[a-zA-Z]{2}(-[a-zA-Z]{2})?$".into());
            fixed += 1;
        }
    }
    assert_eq!(fixed, 2, "the schema changed: review this work-around");
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .build(&schema)
        .expect("the SARIF schema compiles");
    let missing = dir.join("missing.json").to_string_lossy().into_owned();
    for args in [
        vec!["validate", "--format", "sarif", &path],
        vec![
            "validate",
            "--format",
            "sarif",
            "crates/auditcfg-core/presets/production.json",
        ],
        vec![
            "validate",
            "--format",
            "sarif",
            "tests/fixtures/validate/bom.json",
            &missing,
        ],
    ] {
        let out = run(&args);
        let v: Value = serde_json::from_slice(&out.stdout).expect("SARIF is JSON");
        let errors: Vec<String> = validator
            .iter_errors(&v)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{args:?}:\n{}", errors.join("\n"));
    }
}

#[test]
fn every_file_is_reported_readable_or_not() {
    let dir = scratch("many");
    let good = format!("{ROOT}/crates/auditcfg-core/presets/development.json");
    let missing = dir.join("missing.json").to_string_lossy().into_owned();
    // Human: the readable file's verdict, then the unreadable one; exit 2.
    let out = run(&["validate", &good, &missing]);
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out);
    assert!(text.contains("development.json: valid"), "{text}");
    let all = format!("{text}{}", String::from_utf8_lossy(&out.stderr));
    assert!(all.contains(&format!("cannot read {missing}")), "{all}");
    // JSON: one entry per file, the unreadable one with its error.
    let (code, v) = json_out(&["validate", "--format", "json", &good, &missing]);
    assert_eq!(code, Some(2));
    let files = v.as_array().expect("array");
    assert_eq!(files.len(), 2, "{v}");
    assert_eq!(files[0]["file"], good.as_str());
    assert!(files[0]["diagnostics"].is_array());
    assert_eq!(files[1]["file"], missing.as_str());
    assert!(
        files[1]["error"]
            .as_str()
            .is_some_and(|e| e.contains("cannot read")),
        "{}",
        files[1]
    );
    // SARIF: the results of the readable file, a failed invocation with a
    // notification naming the unreadable one.
    let (code, v) = json_out(&["validate", "--format", "sarif", &good, &missing]);
    assert_eq!(code, Some(2));
    let run0 = &v["runs"][0];
    assert!(
        !run0["results"].as_array().expect("results").is_empty(),
        "{v}"
    );
    let inv = &run0["invocations"][0];
    assert_eq!(inv["executionSuccessful"], false, "{v}");
    let note = &inv["toolExecutionNotifications"][0];
    assert_eq!(note["level"], "error");
    assert!(
        note["message"]["text"]
            .as_str()
            .is_some_and(|t| t.contains("cannot read")),
        "{note}"
    );
    assert_eq!(
        note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        missing.as_str()
    );
}

#[test]
fn record_timestamps_must_be_iso_8601() {
    let a = "crates/auditcfg-core/presets/development.json";
    let b = "crates/auditcfg-core/presets/test.json";
    for bad in [
        "yesterday",
        "2026-13-01T00:00:00Z",
        "01/02/2026",
        "",
        "2026",
    ] {
        let out = run(&[
            "diff",
            a,
            b,
            "--records",
            "--changed-by",
            "me",
            "--timestamp",
            bad,
        ]);
        assert_eq!(out.status.code(), Some(2), "{bad:?}: {}", stdout(&out));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("ISO 8601"), "{bad:?}: {err}");
    }
    let out = run(&[
        "diff",
        a,
        b,
        "--records",
        "--changed-by",
        "me",
        "--timestamp",
        "2026-03-04T05:06:07.000Z",
    ]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let first: Value =
        serde_json::from_str(stdout(&out).lines().next().expect("a record")).expect("JSON line");
    assert_eq!(first["timestamp"], "2026-03-04T05:06:07.000Z");
}

#[test]
fn human_columns_count_characters_everywhere() {
    let dir = scratch("human");
    // `😀` is 1 character, 2 UTF-16 units, 4 bytes: the columns tell the
    // conventions apart.
    let text = "{\"😀\": 1, \"a\": tru}";
    let path = write(&dir, "bad.json", text);
    let at = text.find("tru").expect("in text");
    let chars = text[..at].chars().count() + 1;
    let out = run(&["validate", &path]);
    let human = stdout(&out);
    assert!(human.contains(&format!("bad.json:1:{chars}")), "{human}");
    // The one-line summary of commands that need a valid document too.
    let out = run(&["convert", &path, "--to", "toml"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("bad.json:1:{chars}:")), "{err}");
    // The help says which convention each output uses.
    let help = stdout(&run(&["validate", "--help"]));
    assert!(
        help.contains("characters") && help.contains("UTF-16"),
        "{help}"
    );
}
