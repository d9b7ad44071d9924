#![allow(clippy::print_stderr)]
//! The binary under hostile input and the leak check of every output.
//!
//! - Every file of `tests/hostile/` through `validate` (human, JSON,
//!   SARIF), `convert`, `mask` and `decrypt`, from a file and from standard
//!   input: exit 0, 1 or 2, never a panic (101) or a signal, and nothing
//!   printed that says "panicked".
//! - Bytes that are not UTF-8 on standard input: `validate` exits 1 with
//!   `AC004` in every format; the other commands exit 2 naming the problem.
//! - Secrets: configs whose secrets are marker strings go through every
//!   command and format; no marker may appear in standard output or
//!   standard error except where values are the output by design (convert,
//!   patch, merge, decrypt, `diff --format patch`). The source lines that
//!   the human validate output quotes are checked too (issue 11: they
//!   showed URL passwords and short secrets), on pretty, minified and
//!   TOML inputs, and on a broken (cut) one.
//! - Size: a long one-line config's human report stays proportional to
//!   its findings, not findings × file size.
//! - Terminal safety: control characters from the input (ESC sequences in
//!   keys and values) never reach the terminal raw.

use serde_json::{Value, json};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

#[path = "../../auditcfg-core/tests/support/secret_markers.rs"]
mod secret_markers;
use auditcfg_core::secrets::SecretKind;
use secret_markers::{mark_registry, set};

const BIN: &str = env!("CARGO_BIN_EXE_auditcfg");
const MARK: &str = "MARKER-";

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn tmp() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile_cli");
    std::fs::create_dir_all(&dir).expect("tmp dir");
    dir
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .env("NO_COLOR", "1")
        .env("AUDIT_CONFIG_PASSWORD", "cli password")
        .env_remove("AUDIT_CONFIG_SALT")
        .current_dir(repo())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    let mut stdin_pipe = child.stdin.take().expect("stdin");
    let input = stdin.map(<[u8]>::to_vec);
    // Write from a thread: a large input must not deadlock on full pipes.
    let writer = std::thread::spawn(move || {
        if let Some(input) = input {
            let _ = stdin_pipe.write_all(&input);
        }
    });
    let out = child.wait_with_output().expect("binary finishes");
    let _ = writer.join();
    out
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[track_caller]
fn assert_no_crash(what: &str, o: &Output) {
    let code = o.status.code();
    assert!(
        matches!(code, Some(0..=2)),
        "{what}: exit {:?} (a crash or a signal)\n{}",
        o.status,
        text(o).chars().take(2000).collect::<String>()
    );
    assert!(!text(o).contains("panicked"), "{what}: {}", text(o));
}

fn hostile_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join("tests/hostile"))
        .expect("tests/hostile")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                && p.file_name().is_some_and(|n| n != "expected.json")
                && p.extension()
                    .is_some_and(|e| e == "json" || e == "toml" || e == "bin")
        })
        .collect();
    files.sort();
    files
}

#[test]
fn every_hostile_file_through_every_command() {
    let mut runs = 0;
    for path in hostile_files() {
        let p = path.to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).expect("read");
        for fmt in ["human", "json", "sarif"] {
            let o = run(&["validate", "--format", fmt, &p], None);
            assert_no_crash(&format!("validate --format {fmt} {p}"), &o);
            if fmt != "human" {
                // Machine output is always well-formed JSON, whatever the input.
                let v: Result<Value, _> = serde_json::from_slice(&o.stdout);
                assert!(v.is_ok(), "validate --format {fmt} {p}: not JSON");
            }
            let o = run(&["validate", "--format", fmt, "-"], Some(&bytes));
            assert_no_crash(&format!("validate --format {fmt} - < {p}"), &o);
            runs += 2;
        }
        for args in [
            vec!["convert", "--to", "toml", p.as_str()],
            vec!["convert", "--to", "json", p.as_str()],
            vec!["mask", p.as_str()],
            vec!["decrypt", p.as_str()],
            vec!["diff", p.as_str(), "crates/auditcfg-core/presets/test.json"],
            vec![
                "patch",
                "crates/auditcfg-core/presets/test.json",
                p.as_str(),
            ],
        ] {
            let o = run(&args, None);
            assert_no_crash(&args.join(" "), &o);
            runs += 1;
        }
    }
    assert!(runs > 500, "{runs}");
    eprintln!("{runs} runs of the binary on hostile files, none crashed");
}

#[test]
fn bytes_that_are_not_utf8_on_stdin() {
    let inputs: Vec<(&str, Vec<u8>)> = vec![
        ("lone 0xFF", b"{\"environment\": \"test\xff\"}".to_vec()),
        ("overlong", b"{\"a\": \"\xc0\xaf\"}".to_vec()),
        ("truncated sequence", b"{\"a\": \"\xe2\x82".to_vec()),
        (
            "UTF-16",
            "\u{feff}{\"a\": 1}"
                .encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect(),
        ),
        ("binary", (0..=255u8).cycle().take(4096).collect()),
        ("NUL bytes", vec![0u8; 1000]),
    ];
    for (what, bytes) in &inputs {
        for fmt in ["human", "json", "sarif"] {
            let o = run(&["validate", "--format", fmt, "-"], Some(bytes));
            assert_no_crash(&format!("{what} ({fmt})"), &o);
            let out = text(&o);
            if what.starts_with("NUL") {
                // NUL bytes are UTF-8: a syntax error, not an encoding one.
                assert_eq!(o.status.code(), Some(1), "{what} ({fmt}): {out}");
                assert!(out.contains("AC001"), "{what} ({fmt}): {out}");
                continue;
            }
            assert_eq!(o.status.code(), Some(1), "{what} ({fmt}): {out}");
            assert!(out.contains("AC004"), "{what} ({fmt}): {out}");
        }
        for args in [
            vec!["convert", "--to", "toml", "-"],
            vec!["mask", "-"],
            vec!["decrypt", "-"],
            vec!["encrypt", "-"],
            vec!["diff", "-", "crates/auditcfg-core/presets/test.json"],
        ] {
            let o = run(&args, Some(bytes));
            assert_no_crash(&format!("{} < {what}", args.join(" ")), &o);
            if !what.starts_with("NUL") {
                assert_eq!(
                    o.status.code(),
                    Some(2),
                    "{} < {what}: {}",
                    args.join(" "),
                    text(&o)
                );
                assert!(
                    String::from_utf8_lossy(&o.stderr).contains("UTF-8"),
                    "{} < {what}: {}",
                    args.join(" "),
                    text(&o)
                );
            }
        }
    }
}

#[test]
fn a_20_mb_document_on_stdin() {
    // The whole pipeline of the binary on a big input: bounded, no crash.
    let mut doc: Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("crates/auditcfg-core/presets/test.json"))
            .expect("preset"),
    )
    .expect("json");
    let records: Vec<Value> = (0..200_000)
        .map(|i| json!({"id": format!("evt-{i:08}"), "action": "read", "resource": format!("patient/{i}"), "ok": true, "ms": i % 500}))
        .collect();
    doc["auditTrail"] = Value::Array(records);
    let bytes = serde_json::to_vec_pretty(&doc).expect("json");
    assert!(bytes.len() > 20 * 1024 * 1024 - 1, "{} bytes", bytes.len());
    let t = std::time::Instant::now();
    let o = run(&["validate", "--format", "json", "-"], Some(&bytes));
    assert_no_crash("validate 20 MB", &o);
    eprintln!(
        "validate of {} MB on stdin: {:?}",
        bytes.len() >> 20,
        t.elapsed()
    );
}

// ------------------------------------------------------------------ leaks

/// A config with a marker in every secret the registry knows (wildcards
/// instantiated), in URLs as user name, password and `?password=`.
fn marked(tag: &str) -> Value {
    let mut doc: Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("crates/auditcfg-core/presets/production.json"))
            .expect("preset"),
    )
    .expect("json");
    mark_registry(&mut doc, |n, kind| {
        let m = format!("{MARK}{n}-{tag}");
        match kind {
            SecretKind::Opaque => json!(m),
            SecretKind::Url => json!(format!(
                "postgresql://{m}u:{m}@h{n}.internal:5432/audit?password={m}q"
            )),
        }
    });
    set(
        &mut doc,
        "/x-vendor/apiToken",
        json!(format!("{MARK}90-{tag}")),
    );
    // A value the rules complain about, holding a secret.
    set(
        &mut doc,
        "/redis/url",
        json!(format!("not a url {MARK}91-{tag}")),
    );
    doc
}

fn write(name: &str, contents: &str) -> String {
    let p = tmp().join(name);
    std::fs::write(&p, contents).expect("write");
    p.to_string_lossy().into_owned()
}

/// Marker-like substrings of an output, ignoring the source lines the
/// human validate output quotes under its `│` gutter when `gutter`.
fn leaked(out: &str, gutter: bool) -> Vec<String> {
    out.lines()
        .filter(|l| !(gutter && l.contains('│')))
        .flat_map(|l| {
            l.match_indices(MARK)
                .map(|(i, _)| l[i..].chars().take(30).collect::<String>())
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn no_secret_reaches_any_output() {
    let a = marked("secret");
    let b = marked("rotated");
    let a_json = write("marked-a.json", &auditcfg_core::to_json(&a));
    let b_json = write("marked-b.json", &auditcfg_core::to_json(&b));
    let a_toml = write("marked-a.toml", &auditcfg_core::to_toml(&a).expect("toml"));
    let a_min = write("marked-a.min.json", &a.to_string());
    // A shadowed duplicate and a file cut in the middle of a secret.
    let pretty = auditcfg_core::to_json(&a);
    let dup = pretty.replacen(
        "\"sessionSecret\":",
        &format!("\"sessionSecret\": \"{MARK}92-dup\", \"sessionSecret\":"),
        1,
    );
    let a_dup = write("marked-a.dup.json", &dup);
    let cut_at = pretty
        .find(&format!("{MARK}1-"))
        .map_or(pretty.len(), |i| i + 9);
    let a_cut = write("marked-a.cut.json", &pretty[..cut_at]);
    let patch_ok = write(
        "patch-ok.json",
        r#"[{"op": "replace", "path": "/server/port", "value": 3001}]"#,
    );
    let merge_patch = write("patch-merge.json", r#"{"server": {"port": 3002}}"#);
    let patch_fails = write(
        "patch-fails.json",
        &format!(
            r#"[{{"op": "test", "path": "/server/auth/sessionSecret", "value": "{MARK}93-wrong"}}]"#
        ),
    );
    let a_cut_min = write(
        "marked-a.cut.min.json",
        &a.to_string()[..a.to_string().len() / 2],
    );
    let bare = "crates/auditcfg-core/presets/production.json";
    let mut checked = 0;
    let mut check = |args: &[&str], gutter: bool, stdout_carries_values: bool| {
        let o = run(args, None);
        assert_no_crash(&args.join(" "), &o);
        let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
        let stdout = String::from_utf8_lossy(&o.stdout).into_owned();
        let mut found = leaked(&stderr, gutter);
        if !stdout_carries_values {
            found.extend(leaked(&stdout, gutter));
        }
        assert!(
            found.is_empty(),
            "`auditcfg {}` leaks {found:?}",
            args.join(" ")
        );
        checked += 1;
    };
    for file in [&a_json, &a_toml, &a_min, &a_dup, &a_cut, &a_cut_min] {
        check(&["validate", file], false, false);
        check(&["validate", "--env", "development", file], false, false);
        check(&["validate", "--color", "always", file], false, false);
        check(&["validate", "--format", "json", file], false, false);
        check(&["validate", "--format", "sarif", file], false, false);
        check(
            &["validate", "--upstream-only", "--format", "json", file],
            false,
            false,
        );
        check(&["mask", file], false, false);
        // Values are the output of these, by design; standard error is not.
        check(&["convert", "--to", "json", file], false, true);
        check(&["convert", "--to", "toml", file], false, true);
        // A JSON Patch and a merge patch; errors (a failing `test`) name
        // paths only.
        check(&["patch", file, &patch_ok], false, true);
        check(&["patch", file, &merge_patch], false, true);
        check(&["patch", file, &patch_fails], false, true);
        // Every command that reads a config, on every input (broken ones
        // end in an error on standard error, which must not quote one).
        check(&["diff", file, &a_json], false, false);
        check(&["diff", "--format", "json", file, &b_json], false, false);
        check(&["diff", "--format", "patch", file, &b_json], false, true);
        check(&["merge", file, &b_json], false, true);
        check(&["merge", "--env-vars", file], false, true);
    }
    for (x, y) in [
        (&a_json, &b_json),
        (&a_toml, &b_json),
        (&bare.to_owned(), &a_json),
        (&a_json, &bare.to_owned()),
    ] {
        check(&["diff", x, y], false, false);
        check(&["diff", "--format", "json", x, y], false, false);
        check(
            &[
                "diff",
                "--records",
                "--changed-by",
                "tester",
                "--reason",
                "rotation",
                x,
                y,
            ],
            false,
            false,
        );
        // A patch carries values; its warning on standard error names paths only.
        check(&["diff", "--format", "patch", x, y], false, true);
        check(&["diff", "--format", "merge-patch", x, y], false, true);
    }
    check(&["merge", &a_json, &b_json], false, true);
    check(&["merge", "--env-vars", &a_json], false, true);
    // Field-level encryption: the sealed document holds no secret in clear.
    let sealed = run(
        &["encrypt", "--fields", "--iterations", "1000", &a_json],
        None,
    );
    assert_eq!(sealed.status.code(), Some(0), "{}", text(&sealed));
    assert!(
        leaked(&text(&sealed), false).is_empty(),
        "encrypt --fields leaks"
    );
    let sealed_path = write("sealed.json", &String::from_utf8_lossy(&sealed.stdout));
    check(
        &["validate", "--format", "json", &sealed_path],
        false,
        false,
    );
    check(&["diff", &a_json, &sealed_path], false, false);
    // Whole-file encryption, and decryption with a wrong password.
    let enc = run(&["encrypt", "--iterations", "1000", &a_json], None);
    assert_eq!(enc.status.code(), Some(0), "{}", text(&enc));
    assert!(leaked(&text(&enc), false).is_empty(), "encrypt leaks");
    let enc_path = write("encrypted.json", &String::from_utf8_lossy(&enc.stdout));
    for file in [&enc_path, &sealed_path] {
        let o = Command::new(BIN)
            .args(["decrypt", file])
            .env("AUDIT_CONFIG_PASSWORD", "wrong password")
            .stdin(Stdio::null())
            .output()
            .expect("runs");
        assert_eq!(o.status.code(), Some(2), "{}", text(&o));
        assert!(
            leaked(&text(&o), false).is_empty(),
            "decrypt with a wrong password leaks"
        );
        // The right password gives the values back (that is the point).
        let o = run(&["decrypt", file], None);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o));
        assert!(!leaked(&String::from_utf8_lossy(&o.stdout), false).is_empty());
    }
    eprintln!("{checked} command lines checked for leaks");
}

/// Characters a terminal acts on or that reorder text: the C0 controls
/// (but the line end, tab and the CR of a CRLF that the programs write
/// themselves are checked separately), DEL, the C1 controls, the
/// bidirectional controls and the line/paragraph separators.
fn terminal_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{061c}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
        )
}

#[test]
fn control_characters_never_reach_the_terminal_raw() {
    // ESC sequences (clear screen, window title, colours), BEL, a CR that
    // would overwrite the line, C1 CSI/OSC (U+009B, U+009D), bidi overrides
    // and isolates, DEL and a line separator: in keys and values, escaped
    // in JSON (every command) and raw in the source (C1 and bidi may be
    // raw inside JSON strings).
    let doc = "{\n  \"environment\": \"test\",\n  \"x\\u001b[2J\\u001b]0;pwned\\u0007\\r\\u009b31m\\u009d\u{202e}\u{2067}\\u007f\u{2028}\": 1,\n  \"version\": \"1\\u001b[31mred\u{9b}2J\u{202e}\u{200f}\"\n,  \"server\": {\"cors\": {\"origin\": [\"http://a\\u001b[8m\u{202e}.example\"]}}\n}\n";
    let file = write("escapes.json", doc);
    let toml = write(
        "escapes.toml",
        "environment = \"test\"\n\"k\\u001b[2J\u{9b}\u{202e}\" = \"v\\u0007\u{2066}\"\n",
    );
    let test_preset = "crates/auditcfg-core/presets/test.json";
    // An overlay and a JSON Patch that fail, quoting the hostile path.
    let bad_patch = write(
        "escapes-patch.json",
        "[{\"op\": \"remove\", \"path\": \"/nope\\u001b[2J\u{202e}/x\"}]",
    );
    let truncated = write("escapes-truncated.json", "{\"\\u001b[2J\u{202e}\": ");
    let mut failures = Vec::new();
    let mut checked = 0;
    for file in [&file, &toml] {
        for args in [
            vec!["validate", "--color", "never", file.as_str()],
            vec!["validate", "--color", "always", file.as_str()],
            vec!["validate", "--format", "json", file.as_str()],
            vec!["validate", "--format", "sarif", file.as_str()],
            vec!["diff", "--color", "never", file.as_str(), test_preset],
            vec!["diff", "--color", "always", test_preset, file.as_str()],
            vec!["diff", "--format", "json", file.as_str(), test_preset],
            vec!["diff", "--format", "patch", test_preset, file.as_str()],
            vec![
                "diff",
                "--format",
                "merge-patch",
                test_preset,
                file.as_str(),
            ],
            vec![
                "diff",
                "--records",
                "--changed-by",
                "t",
                file.as_str(),
                test_preset,
            ],
            vec!["merge", test_preset, file.as_str()],
            vec!["patch", file.as_str(), bad_patch.as_str()],
            vec!["convert", "--to", "json", file.as_str()],
            vec!["mask", file.as_str()],
            vec!["decrypt", file.as_str()],
            vec!["validate", truncated.as_str()],
            vec!["convert", "--to", "toml", truncated.as_str()],
            vec!["diff", truncated.as_str(), test_preset],
        ] {
            let o = run(&args, None);
            assert_no_crash(&args.join(" "), &o);
            checked += 1;
            for (stream, bytes) in [("stdout", &o.stdout), ("stderr", &o.stderr)] {
                let out = String::from_utf8_lossy(bytes);
                // Colour is the program's own ESC: `ESC [ digits;… m` only.
                let colourless = strip_sgr(&out);
                let bad: Vec<(usize, char)> = colourless
                    .char_indices()
                    .filter(|(i, c)| {
                        terminal_unsafe(*c)
                            && !(*c == '\r' && colourless[i + 1..].starts_with('\n'))
                    })
                    .collect();
                if let Some((at, c)) = bad.first() {
                    let from = colourless.floor_char_boundary(at.saturating_sub(60));
                    let to = colourless.ceil_char_boundary((at + 40).min(colourless.len()));
                    failures.push(format!(
                        "`auditcfg {}` writes {} raw control characters ({:?} first) to {stream}, e.g.:\n{}",
                        args.join(" "),
                        bad.len(),
                        c,
                        colourless[from..to].escape_debug()
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // What the user sees instead: the escapes, readable.
    let o = run(&["validate", "--color", "never", &file], None);
    let out = text(&o);
    assert!(out.contains("x\\u{1b}[2J"), "{out}");
    assert!(out.contains("\\u{202e}"), "{out}");
    eprintln!("{checked} command lines checked for raw control characters");
}

/// Removes the colour sequences the program writes itself (SGR: `ESC [`
/// digits and `;` then `m`), leaving every other ESC in place.
fn strip_sgr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("\u{1b}[") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        let n = after
            .find(|c: char| !(c.is_ascii_digit() || c == ';'))
            .unwrap_or(after.len());
        if after[n..].starts_with('m') {
            rest = &after[n + 1..];
        } else {
            out.push('\u{1b}');
            rest = &rest[i + 1..];
        }
    }
    out.push_str(rest);
    out
}

/// Issue 11, item 2: every finding on a one-line file quoted the whole
/// line (a 20 MB config gave 206 MB of output). The human report of a
/// 2 MB one-line config now stays proportional to its findings.
#[test]
fn human_output_of_a_long_line_is_proportional_to_the_findings() {
    let mut doc = marked("size");
    set(&mut doc, "/x-padding", json!("p".repeat(2_000_000)));
    let text = doc.to_string();
    assert!(!text.contains('\n'));
    let file = write("long-line.json", &text);
    let human = run(&["validate", &file], None);
    assert_no_crash("validate long line", &human);
    let machine = run(&["validate", "--format", "json", &file], None);
    let report: Value = serde_json::from_slice(&machine.stdout).expect("json report");
    let findings = report
        .pointer("/files/0/diagnostics")
        .or_else(|| report.pointer("/0/diagnostics"))
        .or_else(|| report.pointer("/diagnostics"))
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    assert!(findings >= 10, "{findings} findings: {report}");
    let per_finding = human.stdout.len() / findings;
    assert!(
        per_finding < 2_000,
        "{} bytes of human output for {findings} findings ({per_finding} each) on a {}-byte line",
        human.stdout.len(),
        text.len()
    );
    assert!(leaked(&String::from_utf8_lossy(&human.stdout), false).is_empty());
}
