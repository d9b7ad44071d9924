//! Cost growth without timing: every step of `validate`, `parse` and
//! `diff` must stay linear in the document's size. A counting global
//! allocator measures the allocations (calls and bytes) of one operation on
//! a document and on one four times as large; a linear step grows about
//! fourfold, a quadratic one (a copy of a growing pointer per value, a
//! linear search per key) sixteenfold. Two shapes: one huge map (the
//! production preset with many `endpointTTLOverrides` entries) and a wide
//! document (many sections, unknown to the schema).

use auditcfg_core::validate::{ValidateOptions, validate};
use auditcfg_core::{Document, Format};
use serde_json::Value;
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};
use std::alloc::System;
use std::io::Write;

#[path = "support/big_docs.rs"]
mod big_docs;

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// Allocation calls (allocations and reallocations) and bytes of `f`. The
/// counts are process-wide: the measurements run one after another in one
/// test (see [`allocations_grow_linearly`]).
fn measure<T>(f: impl FnOnce() -> T) -> (u64, u64) {
    let region = Region::new(GLOBAL);
    let out = f();
    let stats = region.change();
    drop(out);
    (
        (stats.allocations + stats.reallocations) as u64,
        (stats.bytes_allocated + stats.bytes_reallocated.max(0) as usize) as u64,
    )
}

/// The production preset with `endpointTTLOverrides` grown to `min_bytes`.
fn ttl_document(min_bytes: usize) -> Value {
    big_docs::ttl_document(min_bytes, None)
}

/// The production preset with many extra sections (copies of `redis`,
/// with a misspelt key each so the unknown-field rule speaks).
fn wide_document(min_bytes: usize) -> Value {
    big_docs::wide_document(min_bytes, true)
}

/// Every 50th number changed (the diff has findings to report).
fn changed(doc: &Value) -> Value {
    let text = auditcfg_core::to_json(doc).replace("0,\n", "1,\n");
    serde_json::from_str(&text).expect("still JSON")
}

const SMALL: usize = 64 * 1024;

/// Asserts that the allocations of `op` grow at most about linearly from
/// an input of `SMALL` bytes to one four times as large (`make` builds the
/// input outside the measurement).
fn assert_linear<T, R>(what: &str, make: impl Fn(usize) -> T, op: impl Fn(&T) -> R) {
    let small = make(SMALL);
    let large = make(4 * SMALL);
    // Warm one-time costs (the schema validators) up first.
    drop(op(&small));
    let (c_small, b_small) = measure(|| op(&small));
    let (c_large, b_large) = measure(|| op(&large));
    assert!(c_small > 0, "{what}: nothing measured");
    let calls = c_large as f64 / c_small as f64;
    let bytes = b_large as f64 / b_small.max(1) as f64;
    let _ = writeln!(
        std::io::stderr(),
        "{what}: ×{calls:.2} allocations, ×{bytes:.2} bytes for ×4 the size"
    );
    // Linear: about 4 (the fixed preset part makes it a little less);
    // quadratic: about 16. Vectors that double may add a step of 2.
    assert!(
        calls < 6.0 && bytes < 8.0,
        "{what}: 4× the size costs {calls:.1}× the allocations ({c_small} → {c_large}) \
         and {bytes:.1}× the bytes ({b_small} → {b_large})"
    );
}

type Maker = fn(usize) -> Value;
const SHAPES: [(&str, Maker); 2] = [("map", ttl_document), ("wide", wide_document)];

fn json_text(make: Maker) -> impl Fn(usize) -> String {
    move |n| auditcfg_core::to_json(&make(n))
}

/// One test: the allocation counts are process-wide, so nothing else may
/// run while one is measured.
#[test]
fn allocations_grow_linearly() {
    the_measure_catches_a_quadratic_step();
    validate_grows_linearly();
    validate_toml_grows_linearly();
    parse_grows_linearly();
    diff_grows_linearly();
}

/// The measure itself: a copy of a growing prefix per line of the text
/// (the kind of step this test is for) fails it.
fn the_measure_catches_a_quadratic_step() {
    let caught = std::panic::catch_unwind(|| {
        assert_linear("quadratic", json_text(ttl_document), |text| {
            let lines: Vec<usize> = text.match_indices('\n').map(|(i, _)| i).collect();
            lines
                .iter()
                .step_by(16)
                .map(|&i| text[..i].to_owned().len())
                .sum::<usize>()
        });
    });
    assert!(
        caught.is_err(),
        "a quadratic step passed the linearity check"
    );
}

fn validate_grows_linearly() {
    let options = ValidateOptions::default();
    for (shape, make) in SHAPES {
        assert_linear(
            &format!("validate JSON ({shape})"),
            json_text(make),
            |text| validate(text, &options),
        );
    }
}

fn validate_toml_grows_linearly() {
    let options = ValidateOptions {
        format: Some(Format::Toml),
        ..ValidateOptions::default()
    };
    assert_linear(
        "validate TOML (wide)",
        |n| auditcfg_core::to_toml(&wide_document(n)).expect("TOML"),
        |text| validate(text, &options),
    );
}

fn parse_grows_linearly() {
    for (shape, make) in SHAPES {
        assert_linear(&format!("parse ({shape})"), json_text(make), |text| {
            Document::parse(text, None)
        });
    }
}

fn diff_grows_linearly() {
    for (shape, make) in SHAPES {
        assert_linear(
            &format!("diff ({shape})"),
            |n| {
                let doc = make(n);
                let b = Document::from_value(changed(&doc));
                (Document::from_value(doc), b)
            },
            |(a, b)| auditcfg_core::diff(a, b),
        );
    }
}
