//! `auditcfg diff | patch | merge | mask` end to end, with the built
//! binary: exit codes, every output format, patch round trips (JSON and
//! TOML), environment overlays, and secrets: the marker strings planted in
//! the fixtures' secrets must never appear in any rendering of a diff, in
//! a masked export, or on standard error.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const MARKER: &str = "MARKER";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixture(name: &str) -> String {
    root()
        .join("tests/fixtures/diff")
        .join(name)
        .display()
        .to_string()
}

fn preset(name: &str) -> String {
    root()
        .join("crates/auditcfg-core/presets")
        .join(format!("{name}.json"))
        .display()
        .to_string()
}

fn tmp(name: &str) -> String {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("diff_cli");
    std::fs::create_dir_all(&dir).expect("temporary directory");
    dir.join(name).display().to_string()
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run_env(args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_auditcfg"));
    cmd.args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let Output {
        status,
        stdout,
        stderr,
    } = cmd.output().expect("the binary runs");
    Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    }
}

fn run(args: &[&str]) -> Run {
    run_env(args, &[])
}

#[test]
fn exit_codes() {
    let (a, b) = (preset("development"), preset("production"));
    assert_eq!(run(&["diff", &a, &a]).code, 0);
    assert_eq!(run(&["diff", &a, &b]).code, 1);
    let missing = run(&["diff", &a, "no-such-file.json"]);
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.contains("cannot read no-such-file.json"),
        "{}",
        missing.stderr
    );
    let bad = tmp("broken.json");
    std::fs::write(&bad, "{\n  \"a\": 1,,\n}").expect("write");
    let broken = run(&["diff", &a, &bad]);
    assert_eq!(broken.code, 2);
    assert!(
        broken.stderr.contains("broken.json:2:"),
        "{}",
        broken.stderr
    );
    assert_eq!(run(&["diff", "-", "-"]).code, 2);
    let no_author = run(&["diff", &a, &b, "--records"]);
    assert_eq!(no_author.code, 2);
    assert!(
        no_author.stderr.contains("--changed-by"),
        "{}",
        no_author.stderr
    );
}

#[test]
fn equal_in_meaning_across_formats_and_spellings() {
    // The development preset as TOML, and as JSON with keys reordered and
    // integers written as floats: no changes.
    let toml = tmp("development.toml");
    let conv = run(&[
        "convert",
        &preset("development"),
        "--to",
        "toml",
        "-o",
        &toml,
    ]);
    assert_eq!(conv.code, 0, "{}", conv.stderr);
    let d = run(&["diff", &preset("development"), &toml]);
    assert_eq!(d.code, 0, "{}", d.stdout);
    let respelled = tmp("respelled.json");
    std::fs::write(
        &respelled,
        r#"{"b": {"port": 3000.0, "host": "x"}, "a": [1, 2.0]}"#,
    )
    .expect("write");
    let original = tmp("original.json");
    std::fs::write(
        &original,
        "{\n  \"a\": [1.0, 2],\n  \"b\": {\"host\": \"x\", \"port\": 3000}\n}\n",
    )
    .expect("write");
    assert_eq!(run(&["diff", &original, &respelled]).code, 0);
}

#[test]
fn secrets_never_appear_in_any_rendering() {
    let (a, b) = (fixture("secrets-a.json"), fixture("secrets-b.json"));
    let renderings = [
        run(&["diff", &a, &b, "--color", "never"]),
        run(&["diff", &a, &b, "--color", "always"]),
        run(&["diff", &a, &b, "--format", "json"]),
        run(&[
            "diff",
            &a,
            &b,
            "--records",
            "--changed-by",
            "alice",
            "--reason",
            "rotate",
        ]),
        run(&["mask", &b]),
        run(&["diff", &a, &b, "--format", "patch"]),
        run(&["diff", &a, &b, "--format", "merge-patch"]),
    ];
    for (i, r) in renderings.iter().enumerate() {
        assert!(
            !r.stderr.contains(MARKER),
            "rendering {i} leaks on stderr: {}",
            r.stderr
        );
        if i < 4 {
            assert!(
                !r.stdout.contains(MARKER),
                "rendering {i} leaks: {}",
                r.stdout
            );
        }
    }
    // The masked export (`secrets::mask_document`) keeps sealed field-level
    // ciphertexts as they are: they are encrypted, and the key is elsewhere.
    for line in renderings[4].stdout.lines().filter(|l| l.contains(MARKER)) {
        assert!(
            line.contains("\"enc:v1:MARKERsealed"),
            "masked export leaks: {line}"
        );
    }
    // Diff renderings still say that secrets changed, with fingerprints.
    assert!(
        renderings[0].stdout.contains("Secrets changed (9)"),
        "{}",
        renderings[0].stdout
    );
    assert!(renderings[0].stdout.contains("(sha256:"));
    assert!(renderings[1].stdout.contains('\x1b'));
    // Patches are for applying: real values, and a warning naming paths.
    for r in &renderings[5..] {
        assert!(r.stdout.contains("MARKER-session-new"), "{}", r.stdout);
        assert!(
            r.stderr.contains("warning: this patch carries"),
            "{}",
            r.stderr
        );
        assert!(
            r.stderr.contains("/server/auth/sessionSecret"),
            "{}",
            r.stderr
        );
    }
}

#[test]
fn secrets_fixture_reads_well() {
    let r = run(&[
        "diff",
        &fixture("secrets-a.json"),
        &fixture("secrets-b.json"),
        "--color",
        "never",
    ]);
    assert_eq!(r.code, 1);
    let shown = r.stdout.replace(&fixture(""), "");
    insta::assert_snapshot!("secrets_fixture", shown);
}

#[test]
fn json_output_has_summary_impacts_and_positions() {
    let r = run(&[
        "diff",
        &preset("development"),
        &preset("production"),
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 1);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("JSON output");
    assert_eq!(v["equal"], false);
    assert_eq!(
        v["summary"]["total"],
        v["changes"].as_array().map_or(0, Vec::len)
    );
    let concurrency = v["changes"]
        .as_array()
        .and_then(|c| c.iter().find(|c| c["path"] == "/worker/concurrency"))
        .expect("worker concurrency changes");
    assert_eq!(concurrency["kind"], "changed");
    assert_eq!(concurrency["impact"]["kind"], "hotReload");
    assert_eq!(concurrency["before"], 2);
    assert_eq!(concurrency["rangeA"]["start"]["line"], 202);
    assert_eq!(concurrency["rangeB"]["start"]["line"], 198);
    assert_eq!(concurrency["rangeB"]["start"]["column"], 20);
}

#[test]
fn records_are_json_lines_with_versions() {
    let r = run(&[
        "diff",
        &fixture("secrets-a.json"),
        &fixture("secrets-b.json"),
        "--records",
        "--changed-by",
        "alice",
        "--timestamp",
        "2026-02-03T04:05:06.000Z",
    ]);
    assert_eq!(r.code, 1);
    let lines: Vec<serde_json::Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(lines.len(), 13);
    for l in &lines {
        assert_eq!(l["changedBy"], "alice");
        assert_eq!(l["environment"], "development");
        assert_eq!(l["previousVersion"], "1.4.0");
        assert_eq!(l["newVersion"], "1.5.0");
        assert_eq!(l["timestamp"], "2026-02-03T04:05:06.000Z");
        assert_eq!(l["id"].as_str().map(str::len), Some(16));
    }
    assert_eq!(lines[0]["field"], "version");
    // Same version on both sides: the new one is computed from the content.
    let r = run(&[
        "diff",
        &preset("development"),
        &preset("staging"),
        "--records",
        "--changed-by",
        "bob",
        "--timestamp",
        "2026-02-03T00:00:00.000Z",
    ]);
    let first: serde_json::Value =
        serde_json::from_str(r.stdout.lines().next().unwrap_or("")).expect("a record");
    let v = first["newVersion"].as_str().unwrap_or("");
    assert!(v.starts_with("2026-02-03-") && v.len() == 19, "{v}");
}

fn assert_same(a: &str, b: &str) {
    let d = run(&["diff", a, b, "--color", "never"]);
    assert_eq!(d.code, 0, "{a} vs {b}: {}", d.stdout);
}

#[test]
fn patches_round_trip_through_the_cli() {
    for (a, b) in [
        (preset("development"), preset("production")),
        (preset("test"), preset("staging")),
        (fixture("secrets-a.json"), fixture("secrets-b.json")),
    ] {
        for format in ["patch", "merge-patch"] {
            let r = run(&["diff", &a, &b, "--format", format]);
            assert_eq!(r.code, 1, "{}", r.stderr);
            let patch = tmp(&format!("rt-{format}.json"));
            std::fs::write(&patch, &r.stdout).expect("write patch");
            let out = tmp(&format!("rt-{format}-out.json"));
            let p = run(&["patch", &a, &patch, "-o", &out]);
            assert_eq!(p.code, 0, "{}", p.stderr);
            assert_same(&out, &b);
        }
    }
}

#[test]
fn patching_keeps_the_file_format() {
    let toml = tmp("patch-base.toml");
    assert_eq!(
        run(&[
            "convert",
            &preset("development"),
            "--to",
            "toml",
            "-o",
            &toml
        ])
        .code,
        0
    );
    let r = run(&["patch", &toml, &fixture("merge-patch.toml")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("concurrency = 12"), "{}", r.stdout);
    assert!(!r.stdout.trim_start().starts_with('{'));
    let json = run(&[
        "patch",
        &preset("development"),
        &fixture("merge-patch.toml"),
    ]);
    assert!(
        json.stdout.contains("\"concurrency\": 12"),
        "{}",
        json.stdout
    );
    assert!(
        json.stdout
            .contains("\"retryableErrors\": [\n      \"ECONNRESET\"\n    ]"),
        "{}",
        json.stdout
    );
}

#[test]
fn patch_and_merge_keep_comments_and_formatting() {
    // Issue #16 item 15: `patch` (and `merge`) wrote TOML again from the
    // value, every comment gone; JSON lost its layout.
    let toml = tmp("commented.toml");
    let text = "# Audit config, reviewed by ops\nenvironment = \"development\" # local\n\n[worker]\n# how many jobs at once\nconcurrency = 2 # small laptop\nqueueName = \"q\"\n\n[x-team]\nowner = \"audit\" # not in the schema\n";
    std::fs::write(&toml, text).expect("write");
    let merge_patch = tmp("concurrency.json");
    std::fs::write(
        &merge_patch,
        r#"{"worker": {"concurrency": 12, "queueName": null}}"#,
    )
    .expect("write");
    let json_patch = tmp("concurrency-ops.json");
    std::fs::write(
        &json_patch,
        r#"[{"op": "replace", "path": "/worker/concurrency", "value": 12}, {"op": "remove", "path": "/worker/queueName"}]"#,
    )
    .expect("write");
    let expected = text
        .replace("concurrency = 2", "concurrency = 12")
        .replace("queueName = \"q\"\n", "");
    for p in [&merge_patch, &json_patch] {
        let r = run(&["patch", &toml, p]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert_eq!(r.stdout, expected);
    }
    // An overlay's null sets null (it does not remove).
    let r = run(&["merge", &toml, &merge_patch]);
    assert_eq!(
        r.stdout,
        text.replace("concurrency = 2", "concurrency = 12")
            .replace("\"q\"", "{ \"$null\" = true }"),
        "{}",
        r.stderr
    );
    // JSON: only the changed values, the layout as written.
    let json = tmp("laid-out.json");
    let text = "{\n    \"environment\": \"development\",\n    \"worker\": {\"concurrency\": 2, \"queueName\": \"q\"},\n    \"tags\": [\"a\", \"b\"]\n}\n";
    std::fs::write(&json, text).expect("write");
    for p in [&merge_patch, &json_patch] {
        let r = run(&["patch", &json, p]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert_eq!(
            r.stdout,
            text.replace(
                "{\"concurrency\": 2, \"queueName\": \"q\"}",
                "{\"concurrency\": 12}"
            )
        );
    }
}

#[test]
fn failing_patches_change_nothing_and_name_the_operation() {
    let out = tmp("failing-patch-out.json");
    let _ = std::fs::remove_file(&out);
    let r = run(&[
        "patch",
        &preset("development"),
        &fixture("bad-patch.json"),
        "-o",
        &out,
    ]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains(
            "operation 1 (remove /server/doesNotExist): `/server` has no member `doesNotExist`"
        ),
        "{}",
        r.stderr
    );
    assert!(!Path::new(&out).exists());
    let not_a_patch = tmp("not-a-patch.json");
    std::fs::write(&not_a_patch, "\"hello\"").expect("write");
    assert_eq!(
        run(&["patch", &preset("development"), &not_a_patch]).code,
        2
    );
}

#[test]
fn merge_patch_cannot_set_null() {
    let r = run(&[
        "diff",
        &preset("production"),
        &preset("development"),
        "--format",
        "merge-patch",
    ]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("`/redis/maxRetriesPerRequest` = null"),
        "{}",
        r.stderr
    );
}

#[test]
fn merge_layers_overlays_and_validates() {
    let out = tmp("merged.json");
    let r = run(&[
        "merge",
        &preset("development"),
        &fixture("overlay-ops.json"),
        "-o",
        &out,
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("valid (0 errors"), "{}", r.stderr);
    let merged: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("read")).expect("JSON");
    assert_eq!(merged["worker"]["concurrency"], 6);
    assert_eq!(merged["worker"]["queueName"], "audit-reliable-dev");
    assert_eq!(
        merged["retry"]["retryableErrors"],
        serde_json::json!(["ETIMEDOUT"])
    );
    assert_eq!(merged["logging"]["otlp"]["enabled"], true);

    let broken = run(&[
        "merge",
        &preset("development"),
        &fixture("overlay-bad-port.toml"),
    ]);
    assert_eq!(broken.code, 1);
    assert!(broken.stderr.contains("error[AC103]"), "{}", broken.stderr);
    assert!(broken.stderr.contains("/server/port"), "{}", broken.stderr);
    assert!(
        broken.stdout.contains("\"port\": 80"),
        "the result is written regardless"
    );

    assert_eq!(run(&["merge", &preset("development")]).code, 2);
}

#[test]
fn merge_applies_environment_variables_by_name_only() {
    let r = run_env(
        &["merge", &preset("staging"), "--env-vars"],
        &[
            ("REDIS_URL", "rediss://svc:MARKER-redis@redis.internal:6380"),
            (
                "AUDIT_DB_URL",
                "postgresql://svc:MARKER-db@db.internal:5432/audit",
            ),
            (
                "BETTER_AUTH_SECRET",
                "MARKER-session-0123456789abcdef0123456789",
            ),
            ("OTLP_API_KEY", "MARKER-otlp"),
            (
                "COMPLIANCE_RECIPIENTS",
                "audit@example.org, dpo@example.org",
            ),
            ("NOTIFICATION_URL", ""),
        ],
    );
    assert!(!r.stderr.contains(MARKER), "{}", r.stderr);
    assert!(
        r.stderr.contains("env: REDIS_URL → /redis/url"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("env: AUDIT_DB_URL → /database/url, /enhancedClient/connectionPool/url"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("env: OTLP_API_KEY → /logging/otlp/headers/x-api-key"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("env: NOTIFICATION_URL ignored"),
        "{}",
        r.stderr
    );
    let merged: serde_json::Value = serde_json::from_str(&r.stdout).expect("JSON");
    assert_eq!(
        merged["redis"]["url"],
        "rediss://svc:MARKER-redis@redis.internal:6380"
    );
    assert_eq!(
        merged["compliance"]["reportingSchedule"]["recipients"],
        serde_json::json!(["audit@example.org", "dpo@example.org"])
    );
    // Recipients fix the staging preset's one upstream error.
    assert!(!r.stderr.contains("AC204"), "{}", r.stderr);
}

#[test]
fn mask_exports_keep_the_format() {
    let toml = tmp("secrets-b.toml");
    assert_eq!(
        run(&[
            "convert",
            &fixture("secrets-b.json"),
            "--to",
            "toml",
            "-o",
            &toml
        ])
        .code,
        0
    );
    let r = run(&["mask", &toml]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .lines()
            .all(|l| !l.contains(MARKER) || l.contains("enc:v1:")),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("sessionSecret = \"***MASKED***\""),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("redis://***:***@localhost:6379"),
        "{}",
        r.stdout
    );
}
