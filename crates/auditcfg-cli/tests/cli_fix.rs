//! `auditcfg fix`: repairs in place leaving every other byte as it was,
//! `--diff`, standard input, exit codes, and no secret in any output.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod support;

const BIN: &str = env!("CARGO_BIN_EXE_auditcfg");
const PRESETS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../auditcfg-core/presets");

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args).env("NO_COLOR", "1");
    support::finish(cmd, stdin)
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn scratch(name: &str, contents: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli_fix");
    std::fs::create_dir_all(&dir).expect("tmp dir");
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("write");
    path
}

fn preset(env: &str) -> String {
    std::fs::read_to_string(format!("{PRESETS}/{env}.json")).expect("preset")
}

fn preset_toml(env: &str) -> String {
    let out = run(
        &["convert", "--to", "toml", &format!("{PRESETS}/{env}.json")],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    text(&out.stdout)
}

/// Replaces the first occurrence, asserting there is one.
fn mutate(s: &str, from: &str, to: &str) -> String {
    assert!(s.contains(from), "{from} not in the document");
    s.replacen(from, to, 1)
}

#[test]
fn json_typos_are_repaired_and_nothing_else_changes() {
    let good = preset("test");
    let bad = mutate(&good, "\"connectTimeout\"", "\"conectTimeout\"");
    let bad = mutate(&bad, "\"type\": \"hybrid\"", "\"type\": \"Hybrid\"");
    let path = scratch("typos.json", &bad);
    let p = path.to_str().expect("utf-8 path");
    let out = run(&["fix", p], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    // Every byte outside the two edits is as it was: the result is the
    // preset, byte for byte.
    assert_eq!(std::fs::read_to_string(&path).expect("read"), good);
    let said = text(&out.stdout);
    assert!(said.contains("AC318") && said.contains("AC104"), "{said}");
}

#[test]
fn toml_typos_are_repaired_and_nothing_else_changes() {
    let good = preset_toml("test");
    let bad = mutate(&good, "connectTimeout = ", "conectTimeout = ");
    let bad = mutate(&bad, "type = \"hybrid\"", "type = \"Hybrid\"");
    let path = scratch("typos.toml", &bad);
    let out = run(&["fix", path.to_str().expect("utf-8 path")], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), good);
}

#[test]
fn diff_previews_without_writing() {
    let good = preset("test");
    let bad = mutate(&good, "\"connectTimeout\"", "\"conectTimeout\"");
    let path = scratch("diff.json", &bad);
    let out = run(&["fix", "--diff", path.to_str().expect("utf-8 path")], None);
    assert_eq!(out.status.code(), Some(0));
    let diff = text(&out.stdout);
    assert!(diff.contains("-    \"conectTimeout\": 10000,"), "{diff}");
    assert!(diff.contains("+    \"connectTimeout\": 10000,"), "{diff}");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), bad);
}

#[test]
fn stdin_goes_to_stdout() {
    let good = preset("test");
    let bad = mutate(&good, "\"connectTimeout\"", "\"conectTimeout\"");
    let out = run(&["fix", "-"], Some(bad.as_bytes()));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), good);
    assert!(text(&out.stderr).contains("AC318"));
}

#[test]
fn exit_codes() {
    // Errors left (production presets keep plain redis:// without --unsafe).
    let path = scratch("prod.json", &preset("production"));
    let out = run(&["fix", path.to_str().expect("utf-8 path")], None);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    // Usage and I/O problems.
    assert_eq!(
        run(&["fix", "/nonexistent/x.json"], None).status.code(),
        Some(2)
    );
    assert_eq!(run(&["fix"], None).status.code(), Some(2));
    // Unparsable input stays as it is and counts as an error.
    let broken = scratch("broken.json", "{\"a\": ");
    let out = run(&["fix", broken.to_str().expect("utf-8 path")], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&broken).expect("read"), "{\"a\": ");
}

#[test]
fn no_secret_in_any_output() {
    const SECRET: &str = "Zq8vVxM2tN5pL7wK3rH9bC4dF6gJ1sA0";
    let good = preset("test");
    let v: serde_json::Value = serde_json::from_str(&good).expect("json");
    let old = v["server"]["auth"]["sessionSecret"]
        .as_str()
        .expect("session secret")
        .to_owned();
    // A misspelt key right next to a real secret, and a placeholder secret.
    let doc = mutate(&good, &old, SECRET);
    let doc = mutate(&doc, "\"connectTimeout\"", "\"conectTimeout\"");
    let doc = doc.replacen(
        &v["security"]["encryptionKey"]
            .as_str()
            .expect("key")
            .to_owned(),
        "changeme",
        1,
    );
    for flags in [&["--diff", "--unsafe"][..], &["--unsafe"][..]] {
        let path = scratch("secret.json", &doc);
        let mut args = vec!["fix"];
        args.extend_from_slice(flags);
        args.push(path.to_str().expect("utf-8 path"));
        let out = run(&args, None);
        let all = format!("{}{}", text(&out.stdout), text(&out.stderr));
        assert!(!all.contains(SECRET), "{flags:?}: {all}");
        let written = std::fs::read_to_string(&path).expect("read");
        let key = serde_json::from_str::<serde_json::Value>(&written).expect("json")["security"]
            ["encryptionKey"]
            .as_str()
            .expect("key")
            .to_owned();
        if flags.contains(&"--diff") {
            assert_eq!(key, "changeme");
        } else {
            // A fresh secret was drawn, and it is not shown.
            assert_eq!(key.len(), 64, "{key}");
            assert!(!all.contains(&key), "{all}");
        }
    }
}

#[test]
fn validate_outputs_carry_fixes_and_related() {
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/validate/duplicate-keys.json"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&run(&["validate", "--format", "json", file], None).stdout)
            .expect("json");
    let d = &json[0]["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["code"] == "AC002")
        .expect("AC002")
        .clone();
    assert_eq!(d["related"][0]["range"]["start"]["line"], 2);
    assert_eq!(d["fixes"][0]["applicability"], "unsafe");
    assert_eq!(d["fixes"][0]["edits"][0]["newText"], "");
    assert!(d["fixes"][0]["edits"][0]["range"]["end"]["column"].is_number());
    let sarif: serde_json::Value =
        serde_json::from_slice(&run(&["validate", "--format", "sarif", file], None).stdout)
            .expect("sarif");
    let r = sarif["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .find(|r| r["ruleId"] == "AC002")
        .expect("AC002")
        .clone();
    assert_eq!(
        r["relatedLocations"][0]["physicalLocation"]["region"]["startLine"],
        2
    );
    let replacement = &r["fixes"][0]["artifactChanges"][0]["replacements"][0];
    assert_eq!(replacement["insertedContent"]["text"], "");
    assert!(
        replacement["deletedRegion"]["byteLength"]
            .as_u64()
            .is_some_and(|n| n > 0)
    );
}
