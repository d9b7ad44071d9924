//! A counting harness for instruction counts (BENCHMARKS.md): runs one case
//! `N` times so that `valgrind --tool=cachegrind` (or callgrind) can count
//! instructions per call as (count(N) - count(1)) / (N - 1), which cancels
//! the one-time costs (schema compilation, warm-up). `scripts/instr.sh`
//! does the arithmetic.
//!
//! `cargo run --release -p auditcfg-core --example instr -- CASE N [BYTES]`
//! with CASE one of: validate, parse, serde, diff, diff-serde, review,
//! schema-lite; BYTES grows the document (`endpointTTLOverrides` entries;
//! `wide:` prefix in CASE: many sections instead).

use auditcfg_core::Environment;
use auditcfg_core::validate::{ValidateOptions, validate};
use serde_json::Value;
use std::hint::black_box;
use std::io::Write;

#[path = "../tests/support/big_docs.rs"]
mod big_docs;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let case = args.get(1).map_or("validate", String::as_str);
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let bytes: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(0);
    let (case, wide) = match case.strip_prefix("wide:") {
        Some(c) => (c, true),
        None => (case, false),
    };
    let text = if bytes == 0 {
        auditcfg_core::preset::reference_text(Environment::Production).to_owned()
    } else if wide {
        auditcfg_core::to_json(&big_docs::wide_document(bytes, false))
    } else {
        auditcfg_core::to_json(&big_docs::ttl_document(bytes, None))
    };
    let options = ValidateOptions::default();
    let started = std::time::Instant::now();
    run(case, n, bytes, &text, &options);
    // Wall time per call, for the growth table (`AUDITCFG_TIME=1`).
    if std::env::var_os("AUDITCFG_TIME").is_some() {
        let per_call = started.elapsed().as_secs_f64() / n.max(1) as f64;
        let _ = writeln!(
            std::io::stderr(),
            "{case} {} B: {:.3} ms per call",
            text.len(),
            per_call * 1e3
        );
    }
}

fn run(case: &str, n: usize, bytes: usize, text: &str, options: &ValidateOptions) {
    match case {
        "validate" => {
            for _ in 0..n {
                black_box(validate(black_box(text), options));
            }
        }
        "parse" => {
            for _ in 0..n {
                black_box(auditcfg_core::parse(black_box(text), None));
            }
        }
        "serde" => {
            for _ in 0..n {
                black_box(serde_json::from_str::<Value>(black_box(text)).ok());
            }
        }
        "review" | "upstream" => {
            let value: Value = serde_json::from_str(text).unwrap_or(Value::Null);
            let groups = if case == "review" {
                [auditcfg_core::RuleGroup::Review]
            } else {
                [auditcfg_core::RuleGroup::Upstream]
            };
            for _ in 0..n {
                black_box(auditcfg_core::rules::run(
                    black_box(&value),
                    Some(Environment::Production),
                    &groups,
                ));
            }
        }
        "schema-lite" => {
            let value: Value = serde_json::from_str(text).unwrap_or(Value::Null);
            for _ in 0..n {
                black_box(auditcfg_core::schema::check_lite(black_box(&value)));
            }
        }
        "diff" => {
            let parsed = |t: &str| auditcfg_core::Document::parse(t, None).document;
            let (a, b) = if bytes == 0 {
                (
                    parsed(auditcfg_core::preset::reference_text(
                        Environment::Development,
                    )),
                    parsed(auditcfg_core::preset::reference_text(
                        Environment::Production,
                    )),
                )
            } else {
                // About 1 in 600 values changed.
                (parsed(text), parsed(&text.replace(": 61,", ": 62,")))
            };
            let (Some(a), Some(b)) = (a, b) else {
                let _ = writeln!(std::io::stderr(), "input does not parse");
                return;
            };
            for _ in 0..n {
                black_box(auditcfg_core::diff(black_box(&a), black_box(&b)));
            }
        }
        other => {
            let _ = writeln!(std::io::stderr(), "unknown case {other}");
        }
    }
}
