//! `auditcfg encrypt` / `decrypt` end to end: both modes, wrong password,
//! KMS files, password only from the environment.

use std::process::{Command, Output};

mod support;

const BIN: &str = env!("CARGO_BIN_EXE_auditcfg");
const PRODUCTION: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../auditcfg-core/presets/production.json"
);

fn run(args: &[&str], password: Option<&str>, stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .env_remove("AUDIT_CONFIG_PASSWORD")
        .env("NO_COLOR", "1");
    if let Some(p) = password {
        cmd.env("TEST_PASSWORD", p)
            .args(["--password-env", "TEST_PASSWORD"]);
    }
    support::finish(cmd, stdin)
}

fn tmp(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("auditcfg-cli-crypto-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp dir");
    dir.join(name)
}

#[test]
fn whole_file_round_trip_both_algorithms() {
    let original = std::fs::read_to_string(PRODUCTION).unwrap();
    for algorithm in ["aes-256-gcm", "aes-256-cbc"] {
        let out = tmp(&format!("p-{algorithm}.enc.json"));
        let enc = run(
            &[
                "encrypt",
                PRODUCTION,
                "--algorithm",
                algorithm,
                "--iterations",
                "1000",
                "-o",
                out.to_str().unwrap(),
            ],
            Some("pw-1"),
            None,
        );
        assert_eq!(
            enc.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&enc.stderr)
        );
        let file = std::fs::read_to_string(&out).unwrap();
        assert!(
            !file.contains("redis-prod"),
            "plaintext leaked into the file"
        );
        let dec = run(&["decrypt", out.to_str().unwrap()], Some("pw-1"), None);
        assert_eq!(dec.status.code(), Some(0));
        assert_eq!(String::from_utf8_lossy(&dec.stdout), original);
        let wrong = run(&["decrypt", out.to_str().unwrap()], Some("pw-2"), None);
        assert_eq!(wrong.status.code(), Some(2));
        assert!(wrong.stdout.is_empty(), "no partial plaintext on failure");
        if algorithm == "aes-256-gcm" {
            assert!(
                String::from_utf8_lossy(&wrong.stderr)
                    .contains("wrong password or the file was modified")
            );
        }
    }
}

#[test]
fn fields_round_trip_keeps_the_document_readable() {
    let sealed = run(
        &["encrypt", "--fields", PRODUCTION, "--iterations", "1000"],
        Some("pw"),
        None,
    );
    assert_eq!(
        sealed.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&sealed.stderr)
    );
    let text = String::from_utf8(sealed.stdout).unwrap();
    assert!(text.contains("\"enc:v1:"));
    assert!(
        text.contains("\"queueName\": \"audit-reliable-prod\""),
        "non-secrets stay readable"
    );
    assert!(
        !text.contains("c366cc54caaebc05"),
        "the encryption key is sealed"
    );
    let opened = run(&["decrypt", "-"], Some("pw"), Some(text.as_bytes()));
    assert_eq!(opened.status.code(), Some(0));
    let a: serde_json::Value = serde_json::from_slice(&opened.stdout).unwrap();
    let b: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(PRODUCTION).unwrap()).unwrap();
    assert_eq!(a, b);
}

#[test]
fn sealing_fields_keeps_comments_and_opening_restores_the_text() {
    // Issue #16 item 15: every write of a change keeps the file's comments
    // and formatting; sealing and opening change only the secrets' values.
    let text = "# reviewed by ops\nenvironment = \"production\" # prod\n\n[security]\n# rotated monthly\nencryptionKey = \"c366cc54caaebc05aa\" # the key\n\n[worker]\nconcurrency = 4\n";
    let path = tmp("commented.toml");
    std::fs::write(&path, text).expect("write");
    let path = path.display().to_string();
    let sealed = run(
        &["encrypt", "--fields", &path, "--iterations", "1000"],
        Some("pw"),
        None,
    );
    assert_eq!(
        sealed.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&sealed.stderr)
    );
    let sealed = String::from_utf8(sealed.stdout).unwrap();
    assert!(!sealed.contains("c366cc54caaebc05"), "{sealed}");
    for kept in [
        "# reviewed by ops\nenvironment = \"production\" # prod\n",
        "# rotated monthly\nencryptionKey = \"enc:v1:",
        "\" # the key\n\n[worker]\nconcurrency = 4\n",
    ] {
        assert!(sealed.contains(kept), "{kept:?} not in\n{sealed}");
    }
    let sealed_path = tmp("commented.sealed.toml");
    std::fs::write(&sealed_path, &sealed).expect("write");
    let opened = run(
        &["decrypt", &sealed_path.display().to_string()],
        Some("pw"),
        None,
    );
    assert_eq!(opened.status.code(), Some(0));
    assert_eq!(String::from_utf8(opened.stdout).unwrap(), text);
}

#[test]
fn kms_files_are_explained_and_passwords_never_come_from_argv() {
    let kms = run(
        &["decrypt", "-"],
        Some("pw"),
        Some(b"{\"data\": \"c2VjcmV0\"}"),
    );
    assert_eq!(kms.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&kms.stderr).contains("KMS"));
    // There is no --password flag.
    let argv = run(&["encrypt", PRODUCTION, "--password", "x"], None, None);
    assert_eq!(argv.status.code(), Some(2));
    // Without a terminal and without the variable: a clear error, not a hang.
    let none = run(&["encrypt", PRODUCTION], None, Some(b""));
    assert_eq!(none.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&none.stderr).contains("AUDIT_CONFIG_PASSWORD"));
    // Hostile parameters are refused before any work.
    let hostile = run(
        &["encrypt", PRODUCTION, "--iterations", "4000000000"],
        Some("pw"),
        None,
    );
    assert_eq!(hostile.status.code(), Some(2));
}
