#![allow(clippy::print_stderr)]
//! Regression tests for bugs found by the hostile-input tests and by
//! fuzzing, and the replay of every saved fuzz input.
//!
//! - `tests/hostile/fuzz-regressions/<target>/*`: inputs that once crashed
//!   or hung a fuzz target (or were worth keeping); each is replayed
//!   through the very code of its target (`fuzz/src/lib.rs`, included
//!   below), with its assertions, and must pass.
//! - The complexity tests feed inputs on which the quadratic code they
//!   replaced ran for many minutes, and fail when one takes more than a
//!   minute (linear code: a few seconds in a debug build). They print
//!   their timings.

use auditcfg_core::validate::{ValidateOptions, validate};
use auditcfg_core::{Document, Format, RuleGroup, parse, to_json, to_toml};
use serde_json::{Value, json};
use std::path::Path;
use std::time::{Duration, Instant};

fn preset() -> Value {
    serde_json::from_str(auditcfg_core::preset::reference_text(
        auditcfg_core::Environment::Test,
    ))
    .expect("preset")
}

fn elapsed(f: impl FnOnce()) -> Duration {
    let t = Instant::now();
    f();
    t.elapsed()
}

/// Generous on purpose: these tests detect hangs, not speed (speed is
/// measured in `benches/`). The inputs are sized so that the linear code
/// takes a few seconds in a debug build on a busy machine, while the
/// quadratic code they replaced took many minutes.
const LIMIT: Duration = Duration::from_secs(60);

/// Runs `run(make(n))` once (building the input is not timed) and fails
/// when it takes longer than [`LIMIT`].
fn assert_not_quadratic(label: &str, n: usize, make: impl Fn(usize) -> String, run: impl Fn(&str)) {
    let _serial = serial();
    let input = make(n);
    let took = elapsed(|| run(&input));
    eprintln!("{label}: n = {n}, {} bytes: {took:?}", input.len());
    assert!(
        took < LIMIT,
        "{label}: n = {n} took {took:?} (limit {LIMIT:?}): quadratic?"
    );
}

/// The timing tests run one at a time (libtest runs tests in parallel).
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

// ---------------------------------------------------------------- bugs

/// BUG (syntax/json.rs, `Parser::duplicate`): the line of the earlier
/// member is found by counting `\n` in `text[..earlier.start]`, from the
/// start of the text, for every duplicate: O(duplicates × size). One key
/// written 1,000,000 times (8 MB) does not finish in minutes.
#[test]
fn duplicate_key_line_numbers_are_not_quadratic() {
    assert_not_quadratic(
        "one key repeated",
        100_000,
        |n| {
            let mut s = String::from("{\"environment\": \"test\"");
            for i in 0..n {
                s.push_str(&format!(",\n\"x\": {i}"));
            }
            s.push('}');
            s
        },
        |t| {
            let _ = parse(t, Some(Format::Json));
        },
    );
}

/// BUG (syntax/json.rs, `Parser::object`): on a duplicate the earlier
/// member's index is found with `map.keys().position(..)`, O(members) per
/// duplicate (plus the line counting above): 50,000 keys each written twice
/// do not finish in minutes.
#[test]
fn many_distinct_duplicate_keys_are_not_quadratic() {
    assert_not_quadratic(
        "distinct keys, each repeated",
        50_000,
        |n| {
            let mut s = String::from("{\"environment\": \"test\"");
            for round in 0..2 {
                for i in 0..n {
                    s.push_str(&format!(",\"k{i}\": {round}"));
                }
            }
            s.push('}');
            s
        },
        |t| {
            let _ = parse(t, Some(Format::Json));
        },
    );
}

/// BUG (document.rs, `locate`): the child index of an object member is
/// found with `map.keys().position(|k| *k == token)`, O(members) for every
/// pointer; `Document::place` locates every diagnostic, so an object with
/// n unknown members (n AC318 findings) costs O(n²): 200,000 unknown keys
/// do not finish in minutes.
#[test]
fn placing_diagnostics_is_not_quadratic_in_object_size() {
    assert_not_quadratic(
        "unknown top-level keys (place)",
        100_000,
        |n| {
            let mut v = preset();
            let m = v.as_object_mut().expect("object");
            for i in 0..n {
                m.insert(format!("unknownKey{i}"), json!(i));
            }
            to_json(&v)
        },
        |t| {
            let doc = Document::parse(t, Some(Format::Json))
                .document
                .expect("parses");
            let mut diags: Vec<_> = doc
                .value()
                .as_object()
                .expect("object")
                .keys()
                .map(|k| {
                    auditcfg_core::Diagnostic::new(
                        auditcfg_core::Code::UnknownField,
                        format!("/{k}"),
                        "x",
                    )
                })
                .collect();
            doc.place(&mut diags);
        },
    );
}

/// BUG (rules/invalid_url.rs, `push_url`): every URL field is checked
/// against all those already collected (`out.iter().any(..)`): O(n²) for
/// n URLs in an array (CORS origins, read replicas). 200,000 CORS origins
/// do not finish in minutes.
#[test]
fn url_fields_are_collected_in_linear_time() {
    assert_not_quadratic(
        "CORS origins (review rules)",
        100_000,
        |n| {
            let mut v = preset();
            v["server"]["cors"]["origin"] = Value::Array(
                (0..n)
                    .map(|i| Value::String(format!("https://o{i}.example")))
                    .collect(),
            );
            to_json(&v)
        },
        |t| {
            let _ = validate(
                t,
                &ValidateOptions {
                    groups: vec![RuleGroup::Review],
                    ..ValidateOptions::default()
                },
            );
        },
    );
}

/// BUG (validate.rs, `check_document`): a schema finding AC105/AC106 is
/// dropped when a rule reports an error at the same path, found with
/// `rule_findings.iter().any(..)` for every schema finding: O(schema
/// findings × rule findings). 20,000 invalid read replicas (one AC106 and
/// one AC3xx error each) spent 1.6 s (release) in this loop alone; 200,000
/// did not finish in minutes.
#[test]
fn schema_and_rule_dedupe_is_not_quadratic() {
    let make = |n: usize| {
        let mut v = preset();
        v["enhancedClient"]["replication"]["readReplicas"] = Value::Array(
            (0..n)
                .map(|i| Value::String(format!("not a url {i}")))
                .collect(),
        );
        to_json(&v)
    };
    assert_not_quadratic(
        "invalid read replicas (schema + review, dedupe)",
        50_000,
        make,
        |t| {
            let report = validate(
                t,
                &ValidateOptions {
                    groups: vec![RuleGroup::Schema, RuleGroup::Review],
                    ..ValidateOptions::default()
                },
            );
            // The dedupe did its job: one finding per replica, not two.
            let at_replica = |d: &&auditcfg_core::Diagnostic| {
                d.path
                    .starts_with("/enhancedClient/replication/readReplicas/")
            };
            assert_eq!(report.diagnostics.iter().filter(at_replica).count(), 50_000);
        },
    );
}

/// BUG (syntax/toml.rs, `to_toml`): JSON is read up to 128 levels deep,
/// but the `toml` crate reads at most 80 (dotted keys and table headers of
/// 80 parts, 80 nested inline arrays or tables). `to_toml` writes a
/// 100-level document without complaint, and the TOML it writes cannot be
/// read back ("recursion limit"): `auditcfg convert` produces a file that
/// no longer opens. It should refuse, naming the path, like every other
/// unrepresentable value.
#[test]
fn toml_writer_refuses_what_toml_readers_cannot_read() {
    for (what, v) in [
        (
            "nested arrays",
            json!({"deep": serde_json::from_str::<Value>(&("[".repeat(100) + &"]".repeat(100))).expect("json")}),
        ),
        ("nested objects", {
            let mut v = json!(1);
            for _ in 0..100 {
                v = json!({ "a": v });
            }
            v
        }),
    ] {
        match to_toml(&v) {
            Err(auditcfg_core::Error::Unrepresentable { .. }) => {}
            Err(e) => panic!("{what}: unexpected error {e}"),
            Ok(text) => {
                let back = parse(&text, Some(Format::Toml));
                assert!(
                    back.document.is_some_and(|d| d.value() == &v),
                    "{what}: to_toml wrote TOML that does not read back: {:?}",
                    back.diagnostics.first().map(|d| &d.message)
                );
            }
        }
    }
}

/// BUG (document.rs, `locate`): a pointer that does not resolve lands on
/// the nearest parent's key, or, at the top level, on
/// `start..start + 1` of the root value, assuming a one-byte `{`. A TOML
/// root starts at byte 0, and a TOML file may start with a byte-order mark
/// (3 bytes; Windows editors write one): every finding about a missing
/// top-level field then gets the range 0..1, **inside** the BOM, which is
/// not a character boundary. `&text[d.range.start..d.range.end]` panics
/// (found by the `parse_validate` fuzz target in seconds, from the seed
/// `tests/hostile/bom.toml`; kept as
/// `tests/hostile/fuzz-regressions/parse_validate/bom-toml-missing-field.toml`).
#[test]
fn diagnostic_ranges_fall_on_character_boundaries() {
    let text = "\u{feff}environment = \"test\"\nversion = \"1.0.0\"\n";
    let report = validate(text, &ValidateOptions::default());
    assert!(!report.diagnostics.is_empty());
    for d in &report.diagnostics {
        assert!(
            text.is_char_boundary(d.range.start) && text.is_char_boundary(d.range.end),
            "{} at {}: range {:?} splits a character",
            d.code,
            d.path,
            d.range
        );
    }
}

// -------------------------------------------------------- fuzz replays

/// The fuzz targets' bodies, shared with `fuzz/` (the same file).
#[path = "../../../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod fuzz_targets;

/// What each fuzz target does with its input.
fn replay(target: &str, data: &[u8]) {
    match target {
        "parse_validate" => fuzz_targets::parse_validate(data),
        "diff" => fuzz_targets::diff(data),
        "decrypt_file" => fuzz_targets::decrypt_file(data),
        "decrypt_fields" => fuzz_targets::decrypt_fields(data),
        "patch_apply" => fuzz_targets::patch_apply(data),
        other => panic!("unknown fuzz target directory `{other}`"),
    }
}

#[test]
fn fuzz_regressions_replay_without_panics() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/hostile/fuzz-regressions");
    let mut replayed = 0;
    for dir in std::fs::read_dir(&root)
        .expect("fuzz-regressions")
        .flatten()
    {
        if !dir.path().is_dir() {
            continue;
        }
        let target = dir.file_name().to_string_lossy().into_owned();
        for f in std::fs::read_dir(dir.path()).expect("target dir").flatten() {
            if f.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let data = std::fs::read(f.path()).expect("input");
            let t = Instant::now();
            replay(&target, &data);
            assert!(
                t.elapsed() < Duration::from_secs(30),
                "{}: slow",
                f.path().display()
            );
            replayed += 1;
        }
    }
    eprintln!("replayed {replayed} fuzz regression inputs");
}
