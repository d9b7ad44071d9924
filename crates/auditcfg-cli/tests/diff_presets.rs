//! The four upstream presets diffed pairwise with the built binary: the
//! human rendering (no colour) is snapshotted, and is what a reviewer
//! reads. A preset diffed against itself has no changes (upstream reports
//! every array as changed: 15 in the development preset).

use std::path::PathBuf;
use std::process::Command;

const PRESETS: [&str; 4] = ["development", "staging", "production", "test"];

fn presets_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../auditcfg-core/presets")
}

fn diff(a: &str, b: &str) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_auditcfg"))
        .current_dir(presets_dir())
        .args([
            "diff",
            &format!("{a}.json"),
            &format!("{b}.json"),
            "--color",
            "never",
        ])
        .output()
        .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn presets_pairwise() {
    for (i, a) in PRESETS.iter().enumerate() {
        for b in &PRESETS[i + 1..] {
            let (code, stdout, stderr) = diff(a, b);
            assert_eq!(code, 1, "{a} → {b} differ: {stderr}");
            assert!(stderr.is_empty(), "{stderr}");
            assert!(!stdout.contains('\x1b'), "no colour when asked for none");
            insta::assert_snapshot!(format!("{a}_to_{b}"), stdout);
        }
    }
}

#[test]
fn self_diff_has_no_changes() {
    for p in PRESETS {
        let (code, stdout, _) = diff(p, p);
        assert_eq!(code, 0, "{p}");
        assert_eq!(
            stdout,
            format!("{p}.json → {p}.json: no changes (equal in meaning)\n")
        );
    }
}
