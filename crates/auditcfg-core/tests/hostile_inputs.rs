//! Hostile and broken input, data-driven: every file of `tests/hostile/`
//! (expected findings in `tests/hostile/expected.json`) and generated
//! monsters (100,000 levels of nesting, a 20 MB document, a 1 MB string, a
//! 100 KB key...). Each case must end with the expected diagnostic codes
//! (and message), within a bounded time and memory, without a panic, a
//! hang, a stack overflow or a silent loss of data.
//!
//! # How it measures
//!
//! Each case runs in a **fresh child process** (this same test binary,
//! test `child_case`, selected by `HOSTILE_CASE`): a crash (panic, stack
//! overflow, abort) then fails one named case instead of the whole run, a
//! hang is killed after [`CHILD_TIMEOUT`], and memory is measured without
//! interference. The child builds the input, resets the kernel's peak-RSS
//! counter (`/proc/self/clear_refs` ← `5`), runs the operation and reads
//! `VmHWM` (peak resident set) and `VmRSS` from `/proc/self/status`: "peak"
//! is the peak RSS during the operation minus the RSS just before it (the
//! input itself is not counted). glibc is asked to return freed memory to
//! the system (`MALLOC_TRIM_THRESHOLD_`, `MALLOC_MMAP_THRESHOLD_`), so RSS
//! follows the heap closely. (A counting `#[global_allocator]` would be
//! more exact but needs `unsafe`, which the workspace forbids.)
//!
//! The operations run on a thread with a 2 MiB stack (the libtest
//! default, twice a browser's WebAssembly stack), in the profile the tests
//! are built with (unoptimised by default: release numbers are several
//! times smaller).
//!
//! Two phases are measured per case:
//!
//! 1. **validate**: what `auditcfg validate` does with bytes: the UTF-8
//!    check (`AC004`), then [`validate`] (parse, schema, rules, ranges);
//! 2. **flows** (documents that parse): JSON and TOML writing and
//!    re-reading (must give the same value), the typed model, masking,
//!    diff, JSON Patch and merge of the document with itself.
//!
//! Bounds are generous on purpose (the machine is shared): each phase
//! under [`TIME_LIMIT`] and under `20 × input + 64 MiB` of memory.
//!
//! `UPDATE_HOSTILE_RESULTS=1 cargo test -p auditcfg-core --test
//! hostile_inputs` rewrites `tests/hostile/RESULTS.md` with the measured
//! table (SECURITY.md quotes it).

use auditcfg_core::diff::{diff, to_json_patch};
use auditcfg_core::model::AuditConfig;
use auditcfg_core::secrets::mask_document;
use auditcfg_core::validate::ValidateOptions;
use auditcfg_core::{Document, Format, merge, parse, syntax, to_json, to_toml};
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A child that has not finished after this long is a hang.
const CHILD_TIMEOUT: Duration = Duration::from_secs(if cfg!(debug_assertions) { 600 } else { 120 });
/// Unoptimised builds are about ten times slower.
const SLOWDOWN: u32 = if cfg!(debug_assertions) { 10 } else { 1 };
/// Validation must finish within this (release build).
const TIME_LIMIT: Duration = Duration::from_secs(10);
/// The flows phase (ten operations) must finish within this (release).
const FLOWS_TIME_LIMIT: Duration = Duration::from_secs(30);
/// Memory bound: `MEMORY_FACTOR × input + MEMORY_SLACK`. (Parsing TOML
/// peaks at about 31 times the input: the `toml` crate keeps its tokens
/// and events; a `serde_json::Value` tree of small objects is about ten
/// times its text.)
const MEMORY_FACTOR: u64 = 40;
const MEMORY_SLACK: u64 = 64 * 1024 * 1024;
/// Stack of the thread the operations run on.
const STACK: usize = 2 * 1024 * 1024;

const MIB: usize = 1024 * 1024;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn hostile_dir() -> PathBuf {
    repo().join("tests/hostile")
}

// ------------------------------------------------------------------ cases

/// What a case must produce.
#[derive(Debug, Clone, Default)]
struct Expect {
    /// Does a document come out (no syntax error)?
    parses: bool,
    /// Codes that must all be reported.
    codes: Vec<String>,
    /// A substring of the message of the first expected code.
    message: Option<String>,
    /// Must the report be free of errors? (Otherwise, every hostile case
    /// must report at least one diagnostic.)
    clean: bool,
    /// Codes that must not be reported (e.g. no `AC001` for CRLF).
    absent: Vec<String>,
    /// An input of tens of megabytes: run in release builds, and in debug
    /// builds only with `HOSTILE_HEAVY=1` (unoptimised, they take minutes).
    heavy: bool,
}

struct Case {
    name: String,
    what: String,
    input: Box<dyn Fn() -> Vec<u8>>,
    expect: Expect,
}

fn expect(parses: bool, codes: &[&str], message: Option<&str>) -> Expect {
    Expect {
        parses,
        codes: codes.iter().map(|c| (*c).to_owned()).collect(),
        message: message.map(str::to_owned),
        clean: false,
        absent: Vec::new(),
        heavy: false,
    }
}

fn preset_text() -> String {
    std::fs::read_to_string(repo().join("crates/auditcfg-core/presets/test.json")).expect("preset")
}

fn preset() -> Value {
    serde_json::from_str(&preset_text()).expect("preset JSON")
}

/// The test preset with `extra` inserted at the top level.
fn preset_with(key: &str, extra: Value) -> Value {
    let mut v = preset();
    v.as_object_mut()
        .expect("object")
        .insert(key.to_owned(), extra);
    v
}

/// A realistic big document: the preset plus an unknown `auditTrail` array
/// of records, grown to at least `target` bytes of pretty JSON.
fn big_document(target: usize) -> Value {
    let record = |i: usize| {
        json!({
            "id": format!("evt-{i:08}"),
            "timestamp": "2026-01-01T00:00:00.000Z",
            "principal": {"id": format!("user-{}", i % 977), "roles": ["auditor", "reader"]},
            "action": "read",
            "resource": format!("patient/{}/record/{}", i % 10_007, i),
            "outcome": "success",
            "latencyMs": (i % 500) as f64 + 0.25,
            "tags": ["phi", "hipaa", "export"]
        })
    };
    let one = to_json(&record(0)).len() + 6;
    let n = target / one + 1;
    preset_with("auditTrail", Value::Array((0..n).map(record).collect()))
}

fn file_cases() -> Vec<Case> {
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(hostile_dir().join("expected.json")).expect("expected.json"),
    )
    .expect("expected.json is JSON");
    let mut names: Vec<String> = std::fs::read_dir(hostile_dir())
        .expect("tests/hostile")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json") || n.ends_with(".toml") || n.ends_with(".bin"))
        .filter(|n| n != "expected.json")
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let e = expected.get(&name);
            let exp = e.map_or_else(Expect::default, |e| Expect {
                parses: e["parses"].as_bool().unwrap_or(false),
                codes: e["codes"]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|c| c.as_str().map(str::to_owned))
                            .collect()
                    })
                    .unwrap_or_default(),
                message: e["message"].as_str().map(str::to_owned),
                clean: e["clean"].as_bool().unwrap_or(false),
                absent: e["absent"]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|c| c.as_str().map(str::to_owned))
                            .collect()
                    })
                    .unwrap_or_default(),
                heavy: false,
            });
            let what = e
                .and_then(|e| e["what"].as_str())
                .unwrap_or("(no expectation in expected.json)")
                .to_owned();
            let path = hostile_dir().join(&name);
            Case {
                name,
                what,
                input: Box::new(move || std::fs::read(&path).expect("case file")),
                expect: exp,
            }
        })
        .collect()
}

/// `expected.json` and the files of `tests/hostile/` match one to one, and
/// every expectation names a reason (`what`) and at least one code (or is
/// marked `clean`).
#[test]
fn every_hostile_file_has_a_reviewed_expectation() {
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(hostile_dir().join("expected.json")).expect("expected.json"),
    )
    .expect("expected.json is JSON");
    let entries = expected.as_object().expect("an object");
    let cases = file_cases();
    let mut problems = Vec::new();
    for case in &cases {
        match entries.get(&case.name) {
            None => problems.push(format!("{}: no entry in expected.json", case.name)),
            Some(e) => {
                if e["what"].as_str().is_none_or(str::is_empty) {
                    problems.push(format!("{}: no `what`", case.name));
                }
                if case.expect.codes.is_empty()
                    && !case.expect.clean
                    && case.expect.absent.is_empty()
                {
                    problems.push(format!("{}: no expected code", case.name));
                }
            }
        }
    }
    for name in entries.keys() {
        if !cases.iter().any(|c| &c.name == name) {
            problems.push(format!("{name}: in expected.json but no such file"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn generated_cases() -> Vec<Case> {
    const DEEP: usize = 100_000;
    let mut out: Vec<Case> = Vec::new();
    let mut add = |name: &str, what: &str, expect: Expect, input: Box<dyn Fn() -> Vec<u8>>| {
        out.push(Case {
            name: format!("gen:{name}"),
            what: what.to_owned(),
            input,
            expect,
        });
    };
    let nesting = Some("nesting deeper");
    add(
        "deep-arrays-100k.json",
        "100,000 nested arrays",
        expect(false, &["AC001"], nesting),
        Box::new(|| ("[".repeat(DEEP) + &"]".repeat(DEEP)).into_bytes()),
    );
    add(
        "deep-objects-100k.json",
        "100,000 nested objects",
        expect(false, &["AC001"], nesting),
        Box::new(|| ("{\"a\":".repeat(DEEP) + "1" + &"}".repeat(DEEP)).into_bytes()),
    );
    add(
        "deep-unclosed-100k.json",
        "100,000 opening brackets, never closed",
        expect(false, &["AC001"], nesting),
        Box::new(|| "[".repeat(DEEP).into_bytes()),
    );
    add(
        "deep-legal-120.json",
        "120 levels (legal) under an unknown key",
        expect(true, &["AC318"], None),
        Box::new(|| {
            let inner = "[".repeat(120) + &"]".repeat(120);
            let mut v = preset_text();
            v.insert_str(1, &format!("\n  \"deep\": {inner},"));
            v.into_bytes()
        }),
    );
    add(
        "deep-arrays-100k.toml",
        "100,000 nested inline arrays",
        expect(false, &["AC001"], None),
        Box::new(|| ("a = ".to_owned() + &"[".repeat(DEEP) + &"]".repeat(DEEP)).into_bytes()),
    );
    add(
        "deep-inline-tables-100k.toml",
        "100,000 nested inline tables",
        expect(false, &["AC001"], None),
        Box::new(|| {
            ("a = ".to_owned() + &"{b = ".repeat(DEEP) + "1" + &"}".repeat(DEEP)).into_bytes()
        }),
    );
    add(
        "deep-dotted-key-100k.toml",
        "a dotted key of 100,000 parts",
        expect(false, &["AC001"], Some("recursion limit")),
        Box::new(|| (vec!["a"; DEEP].join(".") + " = 1\n").into_bytes()),
    );
    add(
        "deep-table-header-100k.toml",
        "a table header of 100,000 parts",
        expect(false, &["AC001"], Some("recursion limit")),
        Box::new(|| ("[".to_owned() + &vec!["a"; DEEP].join(".") + "]\nx = 1\n").into_bytes()),
    );
    add(
        "deep-dotted-key-120.toml",
        "a dotted key of 120 parts (TOML readers stop at 80)",
        expect(false, &["AC001"], Some("recursion limit")),
        Box::new(|| (vec!["a"; 120].join(".") + " = 1\n").into_bytes()),
    );
    add(
        "big-20mb.json",
        "20 MB document (preset + 60,000 unknown records)",
        Expect {
            heavy: true,
            ..expect(true, &["AC318"], None)
        },
        Box::new(|| (to_json(&big_document(20 * MIB)) + "\n").into_bytes()),
    );
    add(
        "big-20mb.toml",
        "20 MB TOML document",
        Expect {
            heavy: true,
            ..expect(true, &["AC318"], None)
        },
        Box::new(|| {
            // The JSON target is larger: TOML inline tables are terser.
            to_toml(&big_document(24 * MIB)).expect("toml").into_bytes()
        }),
    );
    add(
        "string-1mb.json",
        "1 MB string in `version`",
        expect(true, &[], None),
        Box::new(|| {
            let mut v = preset();
            v["version"] = Value::String("9".repeat(MIB));
            to_json(&v).into_bytes()
        }),
    );
    add(
        "secret-1mb.json",
        "1 MB secret (`security.encryptionKey`, a placeholder-like value)",
        expect(true, &[], None),
        Box::new(|| {
            let mut v = preset();
            v["security"]["encryptionKey"] = Value::String("changeme".repeat(MIB / 8));
            to_json(&v).into_bytes()
        }),
    );
    add(
        "url-1mb.json",
        "1 MB database URL (credentials in it)",
        expect(true, &[], None),
        Box::new(|| {
            let mut v = preset();
            v["database"]["url"] = Value::String(format!(
                "postgresql://u:p@{}.example:5432/db",
                "h".repeat(MIB)
            ));
            to_json(&v).into_bytes()
        }),
    );
    add(
        "string-escapes-1mb.json",
        "1 MB of `\\u00e9` escapes",
        expect(true, &[], None),
        Box::new(|| {
            let body = "\\u00e9".repeat(MIB / 6);
            preset_text()
                .replacen("\"1.0.0\"", &format!("\"{body}\""), 1)
                .into_bytes()
        }),
    );
    add(
        "string-1mb-newlines.json",
        "1 MB string of escaped newlines, then a syntax error",
        expect(false, &["AC001"], None),
        Box::new(|| format!("{{\"version\": \"{}\", }}", "\\n".repeat(MIB / 2)).into_bytes()),
    );
    add(
        "key-100kb.json",
        "a 100 KB key",
        expect(true, &["AC318"], None),
        Box::new(|| to_json(&preset_with(&"k".repeat(100 * 1024), json!(1))).into_bytes()),
    );
    add(
        "key-100kb-lookalike.json",
        "a 100 KB key that starts like `redis`",
        expect(true, &["AC318"], None),
        Box::new(|| {
            to_json(&preset_with(
                &format!("redis{}", "s".repeat(100 * 1024)),
                json!(1),
            ))
            .into_bytes()
        }),
    );
    add(
        "key-100kb.toml",
        "a 100 KB TOML key",
        expect(true, &["AC318"], None),
        Box::new(|| {
            to_toml(&preset_with(&"k".repeat(100 * 1024), json!(1)))
                .expect("toml")
                .into_bytes()
        }),
    );
    add(
        "number-1mb-digits.json",
        "an integer of 1,000,000 digits",
        expect(false, &["AC001"], Some("out of range")),
        Box::new(|| {
            preset_text()
                .replacen(
                    "\"connectTimeout\": 10000",
                    &format!("\"connectTimeout\": 1{}", "0".repeat(MIB)),
                    1,
                )
                .into_bytes()
        }),
    );
    add(
        "number-1mb-fraction.json",
        "a float with 1,000,000 fraction digits",
        expect(true, &[], None),
        Box::new(|| {
            preset_text()
                .replacen(
                    "\"connectTimeout\": 10000",
                    &format!("\"connectTimeout\": 0.{}", "3".repeat(MIB)),
                    1,
                )
                .into_bytes()
        }),
    );
    add(
        "number-1mb-exponent.json",
        "an exponent of 1,000,000 nines",
        expect(false, &["AC001"], Some("out of range")),
        Box::new(|| format!("{{\"a\": 1e{}}}", "9".repeat(MIB)).into_bytes()),
    );
    add(
        "number-1mb-exponent-zeros.json",
        "`1e000…0001` (1,000,000 digits: the value 10)",
        expect(true, &["AC318"], None),
        Box::new(|| format!("{{\"a\": 1e{}1}}", "0".repeat(MIB)).into_bytes()),
    );
    add(
        "many-keys-200k.json",
        "200,000 unknown top-level keys",
        expect(true, &["AC318"], None),
        Box::new(|| {
            let mut v = preset();
            let m = v.as_object_mut().expect("object");
            for i in 0..200_000 {
                m.insert(format!("unknownKey{i}"), json!(i));
            }
            to_json(&v).into_bytes()
        }),
    );
    add(
        "many-duplicate-keys-50k.json",
        "50,000 keys, each repeated once",
        expect(true, &["AC002"], Some("duplicate key")),
        Box::new(|| {
            let mut s = String::from("{\"environment\": \"test\",\n");
            for round in 0..2 {
                for i in 0..50_000 {
                    s.push_str(&format!("\"k{i}\": {round},\n"));
                }
            }
            s.push_str("\"end\": 0}\n");
            s.into_bytes()
        }),
    );
    add(
        "same-key-1m.json",
        "one key written 1,000,000 times",
        expect(true, &["AC002"], None),
        Box::new(|| {
            let mut s = String::from("{\"environment\": \"test\"");
            for i in 0..1_000_000 {
                s.push_str(&format!(",\"x\":{i}"));
            }
            s.push('}');
            s.into_bytes()
        }),
    );
    add(
        "array-1m.json",
        "1,000,000 items in `enhancedClient.partitioning.tables`",
        Expect {
            heavy: true,
            ..expect(true, &[], None)
        },
        Box::new(|| {
            let mut v = preset();
            v["enhancedClient"]["partitioning"]["tables"] = Value::Array(
                (0..1_000_000)
                    .map(|i| Value::String(format!("t{i}")))
                    .collect(),
            );
            to_json(&v).into_bytes()
        }),
    );
    add(
        "cors-origins-200k.json",
        "200,000 CORS origins, every one invalid",
        expect(true, &[], None),
        Box::new(|| {
            let mut v = preset();
            v["server"]["cors"]["origin"] = Value::Array(
                (0..200_000)
                    .map(|i| Value::String(format!("not a url {i}")))
                    .collect(),
            );
            to_json(&v).into_bytes()
        }),
    );
    add(
        "read-replicas-200k.json",
        "200,000 invalid read-replica URLs (AC308 on each; the schema's AC106 gives way to it)",
        expect(true, &["AC308"], None),
        Box::new(|| {
            let mut v = preset();
            v["enhancedClient"]["replication"]["readReplicas"] = Value::Array(
                (0..200_000)
                    .map(|i| Value::String(format!("not a url {i}")))
                    .collect(),
            );
            to_json(&v).into_bytes()
        }),
    );
    add(
        "secret-headers-100k.json",
        "100,000 secret tracing headers",
        expect(true, &[], None),
        Box::new(|| {
            let headers: Map<String, Value> = (0..100_000)
                .map(|i| (format!("x-key-{i}"), Value::String(format!("s3cret-{i}"))))
                .collect();
            let mut v = preset();
            v["observability"]["tracing"]["headers"] = Value::Object(headers);
            to_json(&v).into_bytes()
        }),
    );
    add(
        "lines-20mb-crlf.json",
        "20 MB, CRLF line ends, a syntax error on the last line",
        Expect {
            heavy: true,
            ..expect(false, &["AC001"], None)
        },
        Box::new(|| {
            let mut s = to_json(&big_document(20 * MIB)).replace('\n', "\r\n");
            s.pop();
            s.push_str(",\r\n}");
            s.into_bytes()
        }),
    );
    add(
        "invalid-utf8-at-20mb.bin",
        "20 MB of valid JSON, one invalid byte at the end",
        Expect {
            heavy: true,
            ..expect(false, &["AC004"], Some("invalid UTF-8"))
        },
        Box::new(|| {
            let mut b = to_json(&big_document(20 * MIB)).into_bytes();
            b.pop();
            b.extend_from_slice(b"\xff}");
            b
        }),
    );
    add(
        "nul-bytes-1mb.bin",
        "1 MB of NUL bytes",
        expect(false, &["AC001"], None),
        Box::new(|| vec![0u8; MIB]),
    );
    add(
        "control-chars-1mb.json",
        "1 MB of raw control characters in a string",
        expect(false, &["AC001"], Some("control character")),
        Box::new(|| format!("{{\"version\": \"{}\"}}", "\u{1}".repeat(MIB)).into_bytes()),
    );
    add(
        "lookalike-keys-10k.json",
        "10,000 keys that look like `redis` (Cyrillic е, zero-width space)",
        expect(true, &["AC318"], Some("redis")),
        Box::new(|| {
            let mut v = preset();
            let m = v.as_object_mut().expect("object");
            for i in 0..10_000 {
                m.insert(
                    format!("r\u{435}dis\u{200b}{i}"),
                    json!({"url": "redis://x"}),
                );
            }
            to_json(&v).into_bytes()
        }),
    );
    out
}

fn all_cases() -> Vec<Case> {
    let mut cases = file_cases();
    cases.extend(generated_cases());
    cases
}

// --------------------------------------------------------- measurements

fn status_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with(field))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// Resets the peak RSS to the current RSS; returns the current RSS in
/// bytes.
fn reset_peak() -> u64 {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    status_kb("VmRSS:").unwrap_or(0) * 1024
}

fn peak_since(base: u64) -> u64 {
    (status_kb("VmHWM:").unwrap_or(0) * 1024).saturating_sub(base)
}

/// One phase: time and memory.
fn measure<T>(f: impl FnOnce() -> T) -> (T, Duration, u64) {
    let base = reset_peak();
    let t = Instant::now();
    let out = f();
    let elapsed = t.elapsed();
    (out, elapsed, peak_since(base))
}

// --------------------------------------------------------------- child

/// The validate phase: bytes in, as the CLI takes them.
type Found = (String, String, usize, usize);

fn validate_bytes(bytes: &[u8]) -> (Vec<Found>, bool, Format, usize) {
    let auditcfg_core::BytesReport { text, report } =
        auditcfg_core::validate_bytes(bytes, &ValidateOptions::default());
    let found = report
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.code.to_string(),
                d.message.clone(),
                d.range.start,
                d.range.end,
            )
        })
        .collect();
    // Parsed iff the bytes are UTF-8 and no syntax error stopped the parser.
    let utf8 = syntax::check_utf8(bytes).is_ok();
    let parses = utf8 && parse(&text, None).document.is_some();
    let format = if utf8 { report.format } else { Format::Json };
    (found, parses, format, report.counts.errors)
}

/// Every leaf pointer of a value (for "nothing dropped" checks).
fn leaf_count(v: &Value) -> usize {
    match v {
        Value::Object(m) if !m.is_empty() => m.values().map(leaf_count).sum(),
        Value::Array(a) if !a.is_empty() => a.iter().map(leaf_count).sum(),
        _ => 1,
    }
}

/// The flows phase. Returns problems found (data lost or changed).
fn flows(text: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let Some(doc) = Document::parse(text, None).document else {
        return problems;
    };
    let v = doc.value();
    // Differential: serde_json must read JSON the same way.
    if doc.format() == Format::Json {
        let body = text.trim_start_matches('\u{feff}');
        if let Ok(reference) = serde_json::from_str::<Value>(body)
            && &reference != v
        {
            problems.push("value differs from serde_json's reading".into());
        }
    }
    // JSON out and back.
    let json_text = to_json(v);
    match parse(&json_text, Some(Format::Json)).document {
        Some(back) if back.value() == v => {}
        Some(_) => problems.push("JSON round trip changed the value".into()),
        None => problems.push("our own JSON output does not parse".into()),
    }
    // TOML out and back (refusal with an error is fine: it is not silent).
    if let Ok(toml_text) = to_toml(v) {
        match parse(&toml_text, Some(Format::Toml)).document {
            Some(back) if back.value() == v => {}
            Some(_) => problems.push("TOML round trip changed the value".into()),
            None => problems.push("our own TOML output does not parse".into()),
        }
    }
    // The typed model keeps everything it accepts.
    if let Ok(model) = AuditConfig::from_value(v)
        && &model.to_value() != v
    {
        problems.push("typed model round trip changed the value".into());
    }
    // Masking keeps the shape.
    let masked = mask_document(v);
    if leaf_count(&masked) != leaf_count(v) {
        problems.push("masking dropped values".into());
    }
    // A document equals itself.
    if !diff(&doc, &doc).is_empty() {
        problems.push("diff of a document with itself is not empty".into());
    }
    if !to_json_patch(v, v).is_empty() {
        problems.push("JSON Patch of a document to itself is not empty".into());
    }
    if v.is_object() && &merge(v, &json!({})) != v {
        problems.push("merge with an empty overlay changed the value".into());
    }
    problems
}

fn on_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(f)
        .expect("thread")
        .join()
        .unwrap_or_else(|e| std::panic::resume_unwind(e))
}

/// Runs one case (named by `HOSTILE_CASE`) and prints its measurements.
/// Does nothing in a normal test run.
#[test]
fn child_case() {
    let Ok(name) = std::env::var("HOSTILE_CASE") else {
        return;
    };
    let case = all_cases()
        .into_iter()
        .find(|c| c.name == name)
        .expect("known case");
    let bytes = (case.input)();
    let size = bytes.len();
    let bytes = std::sync::Arc::new(bytes);
    let b = bytes.clone();
    let ((diags, parses, format, errors), validate_time, validate_peak) =
        on_stack(move || measure(|| validate_bytes(&b)));
    let (mut problems, flows_time, flows_peak) = match std::str::from_utf8(&bytes) {
        Ok(_) if parses => {
            let b = bytes.clone();
            on_stack(move || measure(|| flows(std::str::from_utf8(&b).unwrap_or_default())))
        }
        _ => (Vec::new(), Duration::ZERO, 0),
    };
    // Every range inside the input and, for text, on character boundaries.
    let text = std::str::from_utf8(&bytes).ok();
    for (code, _, start, end) in &diags {
        let inside = start <= end && *end <= bytes.len();
        let boundaries =
            text.is_none_or(|t| t.is_char_boundary(*start) && t.is_char_boundary(*end));
        if !(inside && boundaries) {
            problems.push(format!(
                "{code} range {start}..{end} is not a valid range of the text"
            ));
            break;
        }
    }
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for (c, _, _, _) in &diags {
        *counts.entry(c.clone()).or_default() += 1;
    }
    let messages: BTreeMap<String, String> = diags
        .iter()
        .rev()
        .map(|(c, m, _, _)| (c.clone(), m.chars().take(160).collect()))
        .collect();
    let line = json!({
        "name": case.name,
        "bytes": size,
        "format": format.as_str(),
        "parses": parses,
        "errors": errors,
        "counts": counts,
        "messages": messages,
        "validate_us": validate_time.as_micros() as u64,
        "validate_peak": validate_peak,
        "flows_us": flows_time.as_micros() as u64,
        "flows_peak": flows_peak,
        "problems": problems,
    });
    println!("HOSTILE-RESULT {line}");
}

// -------------------------------------------------------------- parent

struct Outcome {
    result: Option<Value>,
    failure: Option<String>,
}

fn run_child(name: &str, timeout: Duration) -> Outcome {
    let exe = std::env::current_exe().expect("test binary");
    let mut child = Command::new(exe)
        .args(["--exact", "child_case", "--nocapture", "--test-threads=1"])
        .env("HOSTILE_CASE", name)
        .env("MALLOC_ARENA_MAX", "1")
        .env("MALLOC_TRIM_THRESHOLD_", "131072")
        .env("MALLOC_MMAP_THRESHOLD_", "131072")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn child");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut stderr = child.stderr.take().expect("stderr");
    let out_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.read_to_string(&mut s);
        s
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if start.elapsed() > timeout => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(_) => break None,
        }
    };
    let out = out_reader.join().unwrap_or_default();
    let err = err_reader.join().unwrap_or_default();
    let result = out
        .lines()
        .find_map(|l| l.split_once("HOSTILE-RESULT ").map(|(_, r)| r))
        .and_then(|l| serde_json::from_str(l).ok());
    let failure = match status {
        None => Some(format!("HANG: no result after {timeout:?}")),
        Some(s) if !s.success() || result.is_none() => {
            let tail: String = format!("{out}\n{err}")
                .lines()
                .filter(|l| {
                    l.contains("panicked")
                        || l.contains("overflow")
                        || l.contains("error")
                        || l.contains("memory")
                })
                .take(6)
                .collect::<Vec<_>>()
                .join(" | ");
            Some(format!("CRASH ({s}): {tail}"))
        }
        _ => None,
    };
    Outcome { result, failure }
}

fn human_bytes(n: u64) -> String {
    if n >= 1024 * 1024 {
        format!("{:.1} MiB", n as f64 / (1024.0 * 1024.0))
    } else if n >= 1024 {
        format!("{:.0} KiB", n as f64 / 1024.0)
    } else {
        format!("{n} B")
    }
}

fn human_time(us: u64) -> String {
    if us >= 1_000_000 {
        format!("{:.2} s", us as f64 / 1e6)
    } else if us >= 1000 {
        format!("{:.1} ms", us as f64 / 1000.0)
    } else {
        format!("{us} µs")
    }
}

/// Checks one child's result against the case's expectations.
fn check(case: &Case, r: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let bad = &mut out;
    let e = &case.expect;
    let counts = r["counts"].as_object().cloned().unwrap_or_default();
    if r["parses"].as_bool() != Some(e.parses) {
        bad.push(format!(
            "expected parses = {}, got {}",
            e.parses, r["parses"]
        ));
    }
    for code in &e.codes {
        if !counts.contains_key(code) {
            bad.push(format!(
                "expected {code}, got {:?}",
                counts.keys().collect::<Vec<_>>()
            ));
        }
    }
    if let (Some(m), Some(code)) = (&e.message, e.codes.first()) {
        let got = r["messages"][code].as_str().unwrap_or("");
        if !got.contains(m.as_str()) {
            bad.push(format!(
                "expected the {code} message to contain {m:?}, got {got:?}"
            ));
        }
    }
    for code in &e.absent {
        if counts.contains_key(code) {
            bad.push(format!(
                "{code} must not be reported: {:?}",
                r["messages"][code]
            ));
        }
    }
    if e.clean && r["errors"].as_u64() != Some(0) {
        bad.push(format!("expected no errors, got {}", r["errors"]));
    }
    if !e.clean && counts.is_empty() {
        bad.push("a hostile input produced no diagnostic at all".into());
    }
    for p in r["problems"].as_array().into_iter().flatten() {
        bad.push(format!("data: {}", p.as_str().unwrap_or("?")));
    }
    let size = r["bytes"].as_u64().unwrap_or(0);
    let memory_limit = MEMORY_FACTOR * size + MEMORY_SLACK;
    for (phase, time_limit) in [("validate", TIME_LIMIT), ("flows", FLOWS_TIME_LIMIT)] {
        let us = r[format!("{phase}_us")].as_u64().unwrap_or(0);
        if Duration::from_micros(us) > time_limit * SLOWDOWN {
            bad.push(format!("{phase} took {}", human_time(us)));
        }
        let peak = r[format!("{phase}_peak")].as_u64().unwrap_or(0);
        if peak > memory_limit {
            bad.push(format!(
                "{phase} used {} (limit {})",
                human_bytes(peak),
                human_bytes(memory_limit)
            ));
        }
    }
    out
}

fn diagnostics_cell(r: &Value) -> String {
    let counts = r["counts"].as_object().cloned().unwrap_or_default();
    let shown: Vec<String> = counts
        .iter()
        .map(|(c, n)| match n.as_u64() {
            Some(1) => c.clone(),
            Some(n) => format!("{c}×{n}"),
            None => c.clone(),
        })
        .collect();
    if shown.is_empty() {
        "none".into()
    } else {
        shown.join(" ")
    }
}

fn message_cell(case: &Case, r: &Value) -> String {
    let code = case.expect.codes.first().cloned().or_else(|| {
        r["counts"]
            .as_object()
            .and_then(|m| m.keys().next().cloned())
    });
    let m = code
        .and_then(|c| r["messages"][c.as_str()].as_str().map(str::to_owned))
        .unwrap_or_default();
    // Invisible and direction-changing characters are shown escaped: a
    // raw U+202E would reverse the rest of the table row.
    let m: String = m
        .chars()
        .take(70)
        .map(|c| {
            let invisible = c.is_control()
                || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}');
            if invisible { format!("\\u{{{:04x}}}", c as u32) } else { c.to_string() }
        })
        .collect();
    m.replace('|', "\\|").replace('`', "'")
}

#[test]
fn hostile_inputs() {
    if std::env::var_os("HOSTILE_CASE").is_some() {
        return;
    }
    let only = std::env::var("HOSTILE_ONLY").ok();
    let cases = all_cases();
    let mut failures = Vec::new();
    let mut rows = Vec::new();
    let mut skipped = Vec::new();
    let mut results = Vec::new();
    for case in &cases {
        let selected = match only.as_deref() {
            None => true,
            Some("files") => !case.name.starts_with("gen:"),
            Some(o) => case.name.contains(o),
        };
        if !selected {
            continue;
        }
        if case.expect.heavy
            && cfg!(debug_assertions)
            && std::env::var_os("HOSTILE_HEAVY").is_none()
        {
            eprintln!(
                "{:<40} skipped in a debug build (heavy): use --release or HOSTILE_HEAVY=1",
                case.name
            );
            skipped.push(case.name.clone());
            continue;
        }
        let outcome = run_child(&case.name, CHILD_TIMEOUT);
        let Some(r) = outcome.result else {
            let failure = outcome.failure.unwrap_or_else(|| "no result".into());
            failures.push(format!("{}: {failure}", case.name));
            rows.push(format!(
                "| `{}` | {} **{failure}** | | | | | | | |",
                case.name, case.what
            ));
            continue;
        };
        results.push(r.clone());
        let bad = check(case, &r);
        if let Some(f) = outcome.failure {
            failures.push(format!("{}: {f}", case.name));
        }
        for b in &bad {
            failures.push(format!("{}: {b}", case.name));
        }
        eprintln!(
            "{:<40} {:>10} {:<28} validate {:>9} {:>10}  flows {:>9} {:>10} {}",
            case.name,
            human_bytes(r["bytes"].as_u64().unwrap_or(0)),
            diagnostics_cell(&r),
            human_time(r["validate_us"].as_u64().unwrap_or(0)),
            human_bytes(r["validate_peak"].as_u64().unwrap_or(0)),
            human_time(r["flows_us"].as_u64().unwrap_or(0)),
            human_bytes(r["flows_peak"].as_u64().unwrap_or(0)),
            if bad.is_empty() { "ok" } else { "FAIL" }
        );
        let flows_cell = |k: &str, f: fn(u64) -> String| {
            if r["parses"].as_bool() == Some(true) {
                f(r[k].as_u64().unwrap_or(0))
            } else {
                "—".into()
            }
        };
        rows.push(format!(
            "| `{}` | {} | {} | {} | {} | {} | {} | {} | {} |",
            case.name,
            case.what,
            human_bytes(r["bytes"].as_u64().unwrap_or(0)),
            diagnostics_cell(&r),
            message_cell(case, &r),
            human_time(r["validate_us"].as_u64().unwrap_or(0)),
            human_bytes(r["validate_peak"].as_u64().unwrap_or(0)),
            flows_cell("flows_us", human_time),
            flows_cell("flows_peak", human_bytes),
        ));
    }
    if let Some(path) = std::env::var_os("HOSTILE_DUMP") {
        std::fs::write(
            path,
            serde_json::to_string_pretty(&results).unwrap_or_default(),
        )
        .expect("dump");
    }
    if std::env::var_os("UPDATE_HOSTILE_RESULTS").is_some() && only.is_none() && skipped.is_empty()
    {
        let profile = if cfg!(debug_assertions) {
            "test profile (unoptimised core)"
        } else {
            "release profile"
        };
        let mut md = String::new();
        md.push_str("# Hostile inputs: measured results\n\n");
        md.push_str(&format!(
            "Generated by `UPDATE_HOSTILE_RESULTS=1 cargo test --release -p auditcfg-core --test hostile_inputs` \
             ({profile}, {} cases, each in a fresh process; see the test's doc comment for the method). \
             Peak = peak resident memory during the phase minus the resident memory before it (the input \
             is not counted). **validate**: UTF-8 check + parse + schema + rules. **flows** (documents that \
             parse): JSON and TOML round trips, typed model, masking, diff, JSON Patch and merge with itself. \
             Bounds asserted (release): validate < {} s, flows < {} s, each < {}× input + 64 MiB. `gen:` cases \
             are generated by the test; the others are files in this directory, with their expected \
             diagnostics in `expected.json`.\n\n",
            rows.len(),
            TIME_LIMIT.as_secs(),
            FLOWS_TIME_LIMIT.as_secs(),
            MEMORY_FACTOR
        ));
        md.push_str("| case | what | size | diagnostics | message | validate time | validate peak | flows time | flows peak |\n");
        md.push_str("|---|---|---:|---|---|---:|---:|---:|---:|\n");
        for row in &rows {
            md.push_str(row);
            md.push('\n');
        }
        std::fs::write(hostile_dir().join("RESULTS.md"), md).expect("write RESULTS.md");
    }
    assert!(
        failures.is_empty(),
        "{} hostile-input failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
