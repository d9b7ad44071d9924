//! Organisation policies through the binary: `validate`, `diff`, `fix`,
//! `explain` with `--policy`, the project file, bad policy files (exit 2
//! with file:line:column).

use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_auditcfg");
const POLICY: &str = "tests/fixtures/policy/org.toml";
const PROD: &str = "crates/auditcfg-core/presets/production.json";
const DEV: &str = "crates/auditcfg-core/presets/development.json";

fn repo() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn run_in(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("NO_COLOR", "1")
        .current_dir(dir)
        .output()
        .expect("binary runs")
}

fn run(args: &[&str]) -> Output {
    run_in(&repo(), args)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The policy findings (codes not starting with AC) of a JSON report.
fn policy_findings(json: &str) -> Vec<Value> {
    let v: Value = serde_json::from_str(json).unwrap_or(Value::Null);
    let diags = v
        .get(0)
        .and_then(|f| f.get("diagnostics"))
        .or_else(|| v.get("diagnostics"))
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    diags
        .into_iter()
        .filter(|d| !d["code"].as_str().unwrap_or("AC").starts_with("AC"))
        .collect()
}

#[test]
fn validate_reports_the_policy_finding_like_a_built_in_one() {
    let out = run(&["validate", "--policy", POLICY, PROD, "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let found = policy_findings(&stdout(&out));
    insta::assert_json_snapshot!("policy_validate_json", found);
    let human = stdout(&run(&[
        "validate", "--color", "never", "--policy", POLICY, PROD,
    ]));
    let block: String = human
        .split("\n\n")
        .find(|b| b.contains("ORG001"))
        .unwrap_or_default()
        .to_owned();
    insta::assert_snapshot!("policy_validate_human", block);
    // SARIF carries the rule's own code.
    let sarif = stdout(&run(&[
        "validate", "--policy", POLICY, PROD, "--format", "sarif",
    ]));
    assert!(sarif.contains("\"ruleId\": \"ORG001\""));
    // Without the policy: no ORG finding.
    let plain = stdout(&run(&["validate", PROD, "--format", "json"]));
    assert!(policy_findings(&plain).is_empty());
    // Not production: the rule does not apply.
    let staged = stdout(&run(&[
        "validate", "--policy", POLICY, PROD, "--env", "staging", "--format", "json",
    ]));
    assert!(policy_findings(&staged).is_empty());
}

#[test]
fn json_policies_and_repeated_flags() {
    let out = run(&[
        "validate",
        "--policy",
        POLICY,
        "--policy",
        "tests/fixtures/policy/org.json",
        PROD,
        "--format",
        "json",
    ]);
    let codes: Vec<String> = policy_findings(&stdout(&out))
        .iter()
        .map(|d| format!("{} {} {}", d["code"], d["severity"], d["path"]))
        .collect();
    assert_eq!(
        codes,
        [
            "\"ORG001\" \"error\" \"/database\"",
            "\"ORG003\" \"warning\" \"/database/poolSize\""
        ]
    );
}

#[test]
fn diff_flags_tls_switched_off() {
    let out = run(&["diff", "--policy", POLICY, PROD, DEV, "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let found = policy_findings(&stdout(&out));
    insta::assert_json_snapshot!("policy_diff_json", found);
    let human = stdout(&run(&[
        "diff", "--color", "never", "--policy", POLICY, PROD, DEV,
    ]));
    let tail = human
        .split("\n\n")
        .filter(|b| b.contains("ORG004"))
        .collect::<Vec<_>>()
        .join("\n\n");
    insta::assert_snapshot!("policy_diff_human", tail);
    // Switching TLS on is fine, and a diff without policies has no
    // `diagnostics` key.
    let back = stdout(&run(&[
        "diff", "--policy", POLICY, DEV, PROD, "--format", "json",
    ]));
    assert!(policy_findings(&back).is_empty());
    let plain: Value =
        serde_json::from_str(&stdout(&run(&["diff", PROD, DEV, "--format", "json"])))
            .unwrap_or(Value::Null);
    assert!(plain.get("diagnostics").is_none());
}

#[test]
fn bad_policy_files_are_usage_errors_with_locations() {
    let out = run(&[
        "validate",
        "--policy",
        "tests/fixtures/policy/bad.toml",
        PROD,
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).is_empty());
    insta::assert_snapshot!("policy_bad_file", stderr(&out));
    let missing = run(&[
        "validate",
        "--policy",
        "tests/fixtures/policy/nope.toml",
        PROD,
    ]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("nope.toml"));
}

#[test]
fn explain_shows_the_rule() {
    let out = run(&["explain", "ORG001", "--policy", POLICY]);
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!("policy_explain", stdout(&out));
    let unknown = run(&["explain", "ORG999", "--policy", POLICY]);
    assert_eq!(unknown.status.code(), Some(2));
}

#[test]
fn the_project_file_names_the_policies() {
    let dir = std::env::temp_dir().join(format!("auditcfg-policy-project-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::copy(repo().join(POLICY), dir.join("org.toml")).expect("copy policy");
    std::fs::copy(repo().join(PROD), dir.join("production.json")).expect("copy config");
    std::fs::write(dir.join("auditcfg.toml"), "policies = [\"org.toml\"]\n").expect("project file");
    // Run from elsewhere: the project file is found next to the config.
    let config = dir.join("production.json");
    let out = run(&[
        "validate",
        config.to_str().unwrap_or(""),
        "--format",
        "json",
    ]);
    let codes: Vec<Value> = policy_findings(&stdout(&out))
        .iter()
        .map(|d| d["code"].clone())
        .collect();
    assert_eq!(codes, [Value::from("ORG001")]);
    // `fix` counts the policy's error among those left.
    let fixed = run_in(&dir, &["fix", "--diff", "production.json"]);
    assert_eq!(fixed.status.code(), Some(1));
    // A broken project file is a usage error with its location.
    std::fs::write(
        dir.join("auditcfg.toml"),
        "policies = [\"org.toml\"]\npolicy = 1\n",
    )
    .expect("project file");
    let bad = run_in(&dir, &["validate", "production.json"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("auditcfg.toml:2:1: unknown key `policy`"),
        "{}",
        stderr(&bad)
    );
    let _ = std::fs::remove_dir_all(&dir);
}
