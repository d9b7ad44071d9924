//! Validation throughput: parse + schema + rules + ranges, on the
//! production preset (10 KB) and on a 1 MB config (the production preset
//! with a large `endpointTTLOverrides` map). Results go to BENCHMARKS.md.

use auditcfg_core::Environment;
use auditcfg_core::validate::{ValidateOptions, validate};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

#[path = "../tests/support/big_docs.rs"]
mod big_docs;

fn large_document(min_bytes: usize) -> String {
    auditcfg_core::to_json(&big_docs::ttl_document(min_bytes, None))
}

fn bench(c: &mut Criterion) {
    let options = ValidateOptions::default();
    let preset = auditcfg_core::preset::reference_text(Environment::Production);
    // Warm the schema compilation once, outside the measurement.
    let _ = validate(preset, &options);
    let mut group = c.benchmark_group("validate");
    group.throughput(Throughput::Bytes(preset.len() as u64));
    group.bench_function("production_preset", |b| {
        b.iter(|| validate(black_box(preset), &options))
    });
    let large = large_document(1 << 20);
    group.throughput(Throughput::Bytes(large.len() as u64));
    group.sample_size(20);
    group.bench_function("1mb_document", |b| {
        b.iter(|| validate(black_box(&large), &options))
    });
    let dev = auditcfg_core::preset::reference_text(Environment::Development);
    group.throughput(Throughput::Bytes(dev.len() as u64));
    group.sample_size(100);
    group.bench_function("development_preset", |b| {
        b.iter(|| validate(black_box(dev), &options))
    });
    group.finish();

    let mut parse = c.benchmark_group("parse_only");
    parse.throughput(Throughput::Bytes(preset.len() as u64));
    parse.bench_function("ours_with_spans", |b| {
        b.iter(|| auditcfg_core::parse(black_box(preset), None))
    });
    parse.bench_function("serde_json_value", |b| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(preset)))
    });
    parse.finish();

    let value = auditcfg_core::preset::reference(Environment::Production);
    let mut stages = c.benchmark_group("stages");
    stages.bench_function("schema_jsonschema", |b| {
        b.iter(|| auditcfg_core::schema::check_jsonschema(black_box(&value)))
    });
    stages.bench_function("schema_lite", |b| {
        b.iter(|| auditcfg_core::schema::check_lite(black_box(&value)))
    });
    let groups = [auditcfg_core::RuleGroup::Upstream];
    stages.bench_function("rules_upstream", |b| {
        b.iter(|| {
            auditcfg_core::rules::run(black_box(&value), Some(Environment::Production), &groups)
        })
    });
    let groups = [auditcfg_core::RuleGroup::Review];
    stages.bench_function("rules_review", |b| {
        b.iter(|| {
            auditcfg_core::rules::run(black_box(&value), Some(Environment::Production), &groups)
        })
    });
    stages.finish();

    let mut per_rule = c.benchmark_group("per_rule");
    for rule in auditcfg_core::rules::RULES {
        per_rule.bench_function(rule.code.name(), |b| {
            b.iter(|| {
                let cx = auditcfg_core::rules::Context::new(
                    black_box(&value),
                    Some(Environment::Production),
                );
                let mut out = Vec::new();
                (rule.check)(&cx, &mut out);
                out
            })
        });
    }
    per_rule.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
