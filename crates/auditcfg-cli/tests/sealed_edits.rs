//! Encrypted configs where a plain one is expected (AC008), editing a
//! document with sealed fields (what changed, resealing with the
//! password), and the git drivers (`git-setup`, `mask --fingerprints`,
//! `git-merge`) with a real `git` in a temporary repository.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_auditcfg");
const PASSWORD: &str = "merge-me please";
const PRODUCTION: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../auditcfg-core/presets/production.json"
);

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("auditcfg-sealed-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("tmp dir");
    d
}

fn run(cwd: &Path, args: &[&str], password: Option<&str>) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.current_dir(cwd)
        .args(args)
        .env_remove("AUDIT_CONFIG_PASSWORD")
        .env_remove("AUDIT_CONFIG_SALT")
        .env("NO_COLOR", "1");
    if let Some(p) = password {
        cmd.env("AUDIT_CONFIG_PASSWORD", p);
    }
    cmd.output().expect("runs")
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("utf8")
}

fn read(p: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(p).expect("read")).expect("json")
}

fn write(p: &Path, v: &Value) {
    std::fs::write(p, serde_json::to_string_pretty(v).expect("json") + "\n").expect("write");
}

/// Seals the production preset into `name` (fast KDF).
fn sealed(d: &Path, name: &str) -> PathBuf {
    let out = d.join(name);
    ok(&run(
        d,
        &[
            "encrypt",
            "--fields",
            "--iterations",
            "1000",
            PRODUCTION,
            "-o",
            out.to_str().expect("utf8"),
        ],
        Some(PASSWORD),
    ));
    out
}

/// Reseals `config.sealed.json` in `d` in place with the password.
fn reseal(d: &Path) -> Output {
    run(
        d,
        &[
            "encrypt",
            "--fields",
            "config.sealed.json",
            "-o",
            "config.sealed.json",
        ],
        Some(PASSWORD),
    )
}

/// `encrypt --fields --changes` on `config.sealed.json` (no password).
fn changes(d: &Path) -> Output {
    run(
        d,
        &["encrypt", "--fields", "--changes", "config.sealed.json"],
        None,
    )
}

/// `config.sealed.json` in `d`, decrypted with the password.
fn opened(d: &Path) -> Value {
    serde_json::from_str(&ok(&run(
        d,
        &["decrypt", "config.sealed.json"],
        Some(PASSWORD),
    )))
    .expect("json")
}

#[test]
fn encrypted_configs_are_one_clear_finding_in_validate_and_diff() {
    let d = dir("ac008");
    let enc = d.join("config.enc.json");
    ok(&run(
        &d,
        &[
            "encrypt",
            "--iterations",
            "1000",
            PRODUCTION,
            "-o",
            enc.to_str().expect("utf8"),
        ],
        Some(PASSWORD),
    ));
    let out = run(
        &d,
        &["validate", "--format", "json", "config.enc.json"],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&out.stdout).expect("json");
    let diags = report[0]["diagnostics"].as_array().expect("array");
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0]["code"], "AC008");
    assert_eq!(
        diags[0]["message"],
        "this is an encrypted config (AES-256-GCM): decrypt it first"
    );
    // The human report does not print the ciphertext.
    let out = run(&d, &["validate", "config.enc.json"], None);
    let text = String::from_utf8_lossy(&out.stdout);
    let data = read(&enc)["data"].as_str().expect("data").to_owned();
    assert!(!text.contains(&data[..64]), "{text}");
    let out = run(&d, &["diff", PRODUCTION, "config.enc.json"], None);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("AC008") && err.contains("decrypt it first"),
        "{err}"
    );
}

#[test]
fn an_edited_sealed_document_names_its_changes_and_reseals_with_the_password() {
    let d = dir("edit");
    let file = sealed(&d, "config.sealed.json");
    let before = read(&file);
    let mut edited = before.clone();
    edited["server"]["port"] = Value::from(3001);
    edited["worker"]["concurrency"] = Value::from(7);
    write(&file, &edited);

    // It no longer opens, and the error says what changed.
    let out = run(&d, &["decrypt", "config.sealed.json"], Some(PASSWORD));
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("changed /server/port, /worker/concurrency"),
        "{err}"
    );
    // Without a password: exactly which values changed.
    let out = changes(&d);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "~ /server/port\n~ /worker/concurrency\n"
    );
    // With it: every sealed value verified, resealed in place.
    let out = reseal(&d);
    ok(&out);
    assert!(String::from_utf8_lossy(&out.stderr).contains("every sealed value verified"));
    let resealed = read(&file);
    assert_eq!(
        resealed["security"]["encryptionKey"], before["security"]["encryptionKey"],
        "unchanged secrets keep their ciphertext"
    );
    assert_eq!(opened(&d)["server"]["port"], 3001);
    assert_eq!(changes(&d).status.code(), Some(0));
    // A wrong password reseals nothing, and says what it tried.
    write(&file, &edited);
    let out = run(
        &d,
        &["encrypt", "--fields", "config.sealed.json"],
        Some("wrong"),
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("tried PBKDF2-HMAC-SHA256 with 1,000 iterations"),
        "{err}"
    );
}

/// `git args` in `cwd`, with a fixed identity and no system or user
/// configuration.
fn git_command(cwd: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new("git");
    cmd.current_dir(cwd)
        .args(args)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.invalid")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.invalid")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", cwd);
    cmd
}

fn git(cwd: &Path, args: &[&str]) -> Output {
    git_command(cwd, args)
        .output()
        .unwrap_or_else(|e| panic!("these tests need `git` on PATH: {e}"))
}

/// Merges the branch `theirs` into `main`, the merge driver seeing
/// `password` (or none).
fn merge_theirs(d: &Path, password: Option<&str>) -> Output {
    let mut cmd = git_command(d, &["merge", "-q", "--no-edit", "theirs"]);
    cmd.env_remove("AUDIT_CONFIG_PASSWORD");
    if let Some(p) = password {
        cmd.env("AUDIT_CONFIG_PASSWORD", p);
    }
    cmd.output().expect("git merge")
}

/// Commits `theirs` on a new branch `theirs` and `ours` on `main`.
fn diverge(d: &Path, theirs: impl Fn(&mut Value), ours: impl Fn(&mut Value)) {
    git_ok(d, &["checkout", "-qb", "theirs"]);
    edit(d, theirs);
    git_ok(d, &["commit", "-qam", "theirs"]);
    git_ok(d, &["checkout", "-q", "main"]);
    edit(d, ours);
    git_ok(d, &["commit", "-qam", "ours"]);
}

fn git_ok(cwd: &Path, args: &[&str]) -> String {
    let out = git(cwd, args);
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn repo(name: &str) -> PathBuf {
    let d = dir(name);
    git_ok(&d, &["init", "-q", "-b", "main"]);
    ok(&run(&d, &["git-setup", "--write"], None));
    let attrs = std::fs::read_to_string(d.join(".gitattributes")).expect("attributes");
    assert_eq!(attrs, "*.sealed.json diff=auditcfg merge=auditcfg\n");
    // Idempotent.
    ok(&run(&d, &["git-setup", "--write"], None));
    assert_eq!(
        std::fs::read_to_string(d.join(".gitattributes")).expect("attributes"),
        attrs
    );
    sealed(&d, "config.sealed.json");
    git_ok(&d, &["add", "-A"]);
    git_ok(&d, &["commit", "-qm", "base"]);
    d
}

/// Edits the (sealed) file with `change`, resealing it with the password.
fn edit(d: &Path, change: impl Fn(&mut Value)) {
    let file = d.join("config.sealed.json");
    let mut v = read(&file);
    change(&mut v);
    write(&file, &v);
    ok(&reseal(d));
}

#[test]
fn git_diff_shows_fingerprints_not_secrets() {
    let d = repo("textconv");
    let plain_secret = "redis://:very-new-secret@cache:6379";
    edit(&d, |v| v["redis"]["url"] = Value::from(plain_secret));
    let diff = git_ok(&d, &["diff"]);
    assert!(diff.contains("\"url\": \"enc:v1:sha256:"), "{diff}");
    assert!(!diff.contains("very-new-secret"));
    assert!(!diff.contains("digests"), "{diff}");
    // Only the changed secret's line (and the MAC) differ.
    let changed: Vec<&str> = diff
        .lines()
        .filter(|l| l.starts_with('+') && !l.starts_with("+++"))
        .collect();
    assert_eq!(changed.len(), 2, "{diff}");
}

#[test]
fn git_merge_merges_sealed_documents_on_values() {
    for password in [Some(PASSWORD), None] {
        let d = repo(if password.is_some() {
            "merge-pw"
        } else {
            "merge-nopw"
        });
        diverge(
            &d,
            |v| v["worker"]["concurrency"] = Value::from(9),
            |v| v["redis"]["url"] = Value::from("redis://:rotated@cache:6379"),
        );
        let out = merge_theirs(&d, password);
        assert!(
            out.status.success(),
            "merge ({password:?}): {}",
            String::from_utf8_lossy(&out.stderr)
        );
        if password.is_none() {
            // Merged on ciphertexts: reseal to make it open.
            ok(&reseal(&d));
        }
        let opened = opened(&d);
        assert_eq!(opened["worker"]["concurrency"], 9);
        assert_eq!(opened["redis"]["url"], "redis://:rotated@cache:6379");
    }
}

#[test]
fn git_merge_reports_conflicts_and_fails() {
    let d = repo("conflict");
    diverge(
        &d,
        |v| v["worker"]["concurrency"] = Value::from(9),
        |v| v["worker"]["concurrency"] = Value::from(3),
    );
    let out = merge_theirs(&d, Some(PASSWORD));
    assert!(!out.status.success());
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(all.contains("conflict at /worker/concurrency"), "{all}");
}
