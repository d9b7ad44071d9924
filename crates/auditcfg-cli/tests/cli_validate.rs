//! The `auditcfg` binary on fixtures: output snapshots and exit codes.

use std::process::{Command, Output};

mod support;

const BIN: &str = env!("CARGO_BIN_EXE_auditcfg");
const PRESETS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../auditcfg-core/presets");
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/validate");

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .env("NO_COLOR", "1")
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    support::finish(cmd, stdin)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn human_output_on_each_preset() {
    for env in ["development", "staging", "production", "test"] {
        let path = format!("crates/auditcfg-core/presets/{env}.json");
        let out = run(&["validate", "--color", "never", &path], None);
        let expected_exit = if matches!(env, "staging" | "production") {
            1
        } else {
            0
        };
        assert_eq!(
            out.status.code(),
            Some(expected_exit),
            "{env}: {}",
            stdout(&out)
        );
        insta::assert_snapshot!(format!("validate_human_{env}"), stdout(&out));
    }
}

#[test]
fn json_output_shape() {
    let out = run(
        &[
            "validate",
            "--format",
            "json",
            "crates/auditcfg-core/presets/production.json",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let file = &v[0];
    assert_eq!(file["file"], "crates/auditcfg-core/presets/production.json");
    let d = &file["diagnostics"][0];
    for key in ["code", "severity", "path", "message", "range"] {
        assert!(d.get(key).is_some(), "missing {key} in {d}");
    }
    for key in ["line", "column", "offset"] {
        assert!(d["range"]["start"][key].is_u64() && d["range"]["end"][key].is_u64());
    }
    assert!(d["path"].as_str().unwrap().starts_with('/'));
    insta::assert_snapshot!("validate_json_production", stdout(&out));
}

#[test]
fn sarif_output_is_2_1_0() {
    let out = run(
        &[
            "validate",
            "--format",
            "sarif",
            "crates/auditcfg-core/presets/staging.json",
        ],
        None,
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(v["version"], "2.1.0");
    let run0 = &v["runs"][0];
    assert_eq!(run0["tool"]["driver"]["name"], "auditcfg");
    let results = run0["results"].as_array().expect("results");
    assert!(!results.is_empty());
    let rule_ids: Vec<&str> = run0["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    for r in results {
        assert!(rule_ids.contains(&r["ruleId"].as_str().unwrap()));
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert!(region["startLine"].as_u64().unwrap() >= 1);
        assert!(["error", "warning", "note"].contains(&r["level"].as_str().unwrap()));
    }
}

#[test]
fn exit_codes() {
    // Warnings only: 0.
    assert_eq!(
        run(
            &["validate", "crates/auditcfg-core/presets/development.json"],
            None
        )
        .status
        .code(),
        Some(0)
    );
    // Errors: 1.
    assert_eq!(
        run(
            &["validate", &format!("{FIXTURES}/trailing-comma.json")],
            None
        )
        .status
        .code(),
        Some(1)
    );
    // Missing file: 2, with a message on stderr.
    let out = run(&["validate", "no/such/file.json"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read no/such/file.json"));
    // Usage error: 2.
    assert_eq!(
        run(&["validate", "--format", "xml", "x"], None)
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        run(&["validate", "--env", "qa", "x"], None).status.code(),
        Some(2)
    );
}

#[test]
fn stdin_and_env_override() {
    let dev = std::fs::read(format!("{PRESETS}/development.json")).unwrap();
    let out = run(
        &["validate", "--env", "prod", "--format", "json", "-"],
        Some(&dev),
    );
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["file"], "<stdin>");
    assert_eq!(v[0]["environment"], "production");
    let codes: Vec<&str> = v[0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    // The development preset validated as production breaks production policy.
    for code in ["AC206", "AC207"] {
        assert!(codes.contains(&code), "{code} missing from {codes:?}");
    }
}

#[test]
fn invalid_utf8_is_a_diagnostic_not_a_crash() {
    let out = run(
        &["validate", "--format", "json", "-"],
        Some(b"{\"environment\": \"\xff\xfe\"}"),
    );
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["diagnostics"][0]["code"], "AC004");
    assert_eq!(v[0]["diagnostics"][0]["range"]["start"]["offset"], 17);
}

#[test]
fn convert_round_trip_and_preset() {
    let toml = run(
        &[
            "convert",
            "crates/auditcfg-core/presets/development.json",
            "--to",
            "toml",
        ],
        None,
    );
    assert_eq!(toml.status.code(), Some(0));
    let back = run(&["convert", "-", "--to", "json"], Some(&toml.stdout));
    assert_eq!(back.status.code(), Some(0));
    // TOML puts a table's scalars before its sub-tables, so key order may
    // change; the value is the same.
    let original: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{PRESETS}/development.json")).unwrap(),
    )
    .unwrap();
    let round_tripped: serde_json::Value = serde_json::from_slice(&back.stdout).unwrap();
    assert_eq!(round_tripped, original);

    let preset = run(&["preset", "stage", "--format", "toml"], None);
    assert_eq!(preset.status.code(), Some(0));
    assert!(stdout(&preset).contains("environment = \"staging\""));
    let bad = run(&["preset", "qa"], None);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown environment `qa`"));

    let schema = run(&["schema"], None);
    let v: serde_json::Value = serde_json::from_slice(&schema.stdout).unwrap();
    assert_eq!(v["$schema"], "https://json-schema.org/draft/2020-12/schema");
}

#[test]
fn secrets_never_printed_in_any_format() {
    let mut doc: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{PRESETS}/production.json")).unwrap(),
    )
    .unwrap();
    doc["security"]["encryptionKey"] = "MARKER-short-key".into();
    doc["server"]["auth"]["sessionSecret"] = serde_json::json!(42);
    doc["redis"]["url"] = "http://user:MARKER-pass@redis:6379".into();
    doc["database"]["url"] = "postgres://u:MARKER-db@localhost/x".into();
    doc["server"]["inngest"]["eventKey"] = "your-MARKER-here".into();
    let text = serde_json::to_vec_pretty(&doc).unwrap();
    for format in ["human", "json", "sarif"] {
        let out = run(&["validate", "--format", format, "-"], Some(&text));
        let printed = stdout(&out);
        // Human output quotes the source line: the marker may appear there
        // only as part of the quoted source, never in a message or help.
        let messages: String = if format == "human" {
            printed
                .lines()
                .filter(|l| !l.contains('│'))
                .collect::<Vec<_>>()
                .join("\n")
        } else {
            let v: serde_json::Value = serde_json::from_str(&printed).unwrap();
            let mut all = String::new();
            collect_messages(&v, &mut all);
            all
        };
        assert!(
            !messages.contains("MARKER"),
            "{format} leaks a secret:\n{messages}"
        );
    }
}

fn collect_messages(v: &serde_json::Value, out: &mut String) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                if matches!(k.as_str(), "message" | "help" | "text") {
                    out.push_str(&x.to_string());
                    out.push('\n');
                }
                collect_messages(x, out);
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| collect_messages(x, out)),
        _ => {}
    }
}
