//! The CLI against an independent implementation of the audit server's
//! secure storage (`tests/node/server_storage.mjs`, written from the
//! contract in UPSTREAM.md, not from our code), both directions: GCM and
//! CBC × PBKDF2 (server default and explicit iterations) and scrypt (Node's
//! defaults, the only ones the server has), with and without embedded
//! parameters, the salt from `AUDIT_CONFIG_SALT`. Needs `node` on PATH: a
//! missing Node fails the test (it never passes silently).

use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_auditcfg");
const PASSWORD: &str = "correct horse battery staple ✓";
/// The salt the "server" and the CLI share through AUDIT_CONFIG_SALT.
const SALT: &str = "5a17ed5a17ed5a17ed5a17ed5a17ed5a17ed5a17ed5a17ed5a17ed5a17ed5a17";
const ALGORITHMS: [(&str, &str); 2] = [
    ("AES-256-GCM", "aes-256-gcm"),
    ("AES-256-CBC", "aes-256-cbc"),
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn preset_text() -> String {
    std::fs::read_to_string(root().join("crates/auditcfg-core/presets/production.json"))
        .expect("preset")
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

fn spawn(cmd: Command, stdin: &str, password: &str) -> Output {
    spawn_salted(cmd, stdin, password, true)
}

fn spawn_salted(mut cmd: Command, stdin: &str, password: &str, salt: bool) -> Output {
    if salt {
        cmd.env("AUDIT_CONFIG_SALT", SALT);
    } else {
        cmd.env_remove("AUDIT_CONFIG_SALT");
    }
    cmd.env("AUDIT_CONFIG_PASSWORD", password)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap_or_else(|e| {
        panic!("cannot start {cmd:?} (the interop tests need `node` on PATH): {e}")
    });
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("finishes")
}

/// The "server": `save` or `load` with its settings.
fn server(mode: &str, settings: &[&str], stdin: &str) -> String {
    let mut cmd = Command::new("node");
    cmd.arg(root().join("tests/node/server_storage.mjs"))
        .arg(mode)
        .args(settings);
    let out = spawn(cmd, stdin, PASSWORD);
    assert!(
        out.status.success(),
        "server {mode} {settings:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf8")
}

fn cli_with(args: &[&str], stdin: &str, password: &str) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args);
    spawn(cmd, stdin, password)
}

fn cli(args: &[&str], stdin: &str) -> (String, String) {
    let out = cli_with(args, stdin, PASSWORD);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "auditcfg {args:?}: {stderr}");
    (String::from_utf8(out.stdout).expect("utf8"), stderr)
}

#[test]
fn server_files_open_with_the_server_defaults_whatever_is_named() {
    let config = preset_text();
    for (name, _) in ALGORITHMS {
        // Server defaults: PBKDF2, 100,000 iterations.
        let file = server("save", &["--algorithm", name], &config);
        for args in [
            &["decrypt", "-"][..],
            &["decrypt", "--kdf", "pbkdf2", "-"][..],
        ] {
            let (out, _) = cli(args, &file);
            assert_eq!(json(&out), json(&config), "{name} {args:?}");
        }
        // Explicit iterations configured on the server.
        let file = server(
            "save",
            &["--algorithm", name, "--iterations", "20000"],
            &config,
        );
        let (out, _) = cli(&["decrypt", "--iterations", "20000", "-"], &file);
        assert_eq!(json(&out), json(&config), "{name} 20000");
        // scrypt: the server always uses Node's N = 16384.
        let file = server("save", &["--algorithm", name, "--kdf", "scrypt"], &config);
        let (out, _) = cli(&["decrypt", "--kdf", "scrypt", "-"], &file);
        assert_eq!(json(&out), json(&config), "{name} scrypt");
    }
}

#[test]
fn cli_files_without_parameters_open_on_the_server() {
    let config = preset_text();
    for (name, flag) in ALGORITHMS {
        let (file, _) = cli(
            &["encrypt", "--no-embed", "--algorithm", flag, "-"],
            &config,
        );
        let keys: Vec<String> = json(&file)
            .as_object()
            .expect("object")
            .keys()
            .cloned()
            .collect();
        assert!(
            !keys.iter().any(|k| k == "salt" || k == "iterations"),
            "{keys:?}"
        );
        assert_eq!(
            json(&server("load", &["--algorithm", name], &file)),
            json(&config)
        );
        // The CLI reads its own --no-embed file back with the same defaults.
        let (back, _) = cli(&["decrypt", "-"], &file);
        assert_eq!(json(&back), json(&config));

        let (file, note) = cli(
            &[
                "encrypt",
                "--no-embed",
                "--algorithm",
                flag,
                "--iterations",
                "20000",
                "-",
            ],
            &config,
        );
        assert!(note.contains("`iterations: 20000`"), "{note}");
        assert_eq!(
            json(&server(
                "load",
                &["--algorithm", name, "--iterations", "20000"],
                &file
            )),
            json(&config)
        );

        let (file, _) = cli(
            &[
                "encrypt",
                "--no-embed",
                "--algorithm",
                flag,
                "--kdf",
                "scrypt",
                "-",
            ],
            &config,
        );
        assert_eq!(
            json(&server(
                "load",
                &["--algorithm", name, "--kdf", "scrypt"],
                &file
            )),
            json(&config)
        );
    }
}

#[test]
fn cli_files_with_embedded_parameters_open_on_a_server_configured_alike() {
    let config = preset_text();
    for (name, flag) in ALGORITHMS {
        // Our default where parameters travel with the file: 600,000
        // iterations, the salt from AUDIT_CONFIG_SALT written in.
        let (file, _) = cli(&["encrypt", "--algorithm", flag, "-"], &config);
        let v = json(&file);
        assert_eq!(v["iterations"], 600_000);
        assert_eq!(v["salt"], SALT);
        assert_eq!(
            json(&server(
                "load",
                &["--algorithm", name, "--iterations", "600000"],
                &file
            )),
            json(&config)
        );
        let (file, _) = cli(
            &[
                "encrypt",
                "--algorithm",
                flag,
                "--kdf",
                "scrypt",
                "--scrypt-n",
                "16384",
                "-",
            ],
            &config,
        );
        assert_eq!(json(&file)["scryptN"], 16384);
        assert_eq!(
            json(&server(
                "load",
                &["--algorithm", name, "--kdf", "scrypt"],
                &file
            )),
            json(&config)
        );
        // Embedded files need nothing from the reader.
        let mut cmd = Command::new(BIN);
        cmd.args(["decrypt", "-"]);
        let out = spawn_salted(cmd, &file, PASSWORD, false);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn what_the_server_cannot_read_is_refused_and_failures_say_what_was_tried() {
    let config = preset_text();
    let out = cli_with(
        &[
            "encrypt",
            "--no-embed",
            "--kdf",
            "scrypt",
            "--scrypt-n",
            "131072",
            "-",
        ],
        &config,
        PASSWORD,
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("N = 16384"), "{err}");

    let file = server("save", &[], &config);
    let out = cli_with(&["decrypt", "-"], &file, "not the password");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "tried PBKDF2-HMAC-SHA256 with 100,000 iterations (the audit server's default), a 32-byte salt (from AUDIT_CONFIG_SALT)"
        ),
        "{err}"
    );
    assert!(!err.contains(PASSWORD));

    // Without AUDIT_CONFIG_SALT nor --salt, --no-embed says where a salt comes from.
    let mut cmd = Command::new(BIN);
    cmd.args(["encrypt", "--no-embed", "-"]);
    let out = spawn_salted(cmd, &config, PASSWORD, false);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("AUDIT_CONFIG_SALT"));
}
