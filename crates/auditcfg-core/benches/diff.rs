//! Diff throughput: the development and production presets (10 KB each,
//! parsed once, outside the measurement; every change with its impact and
//! ranges), the same including both parses, and two 1 MB documents (the
//! production preset with a large `endpointTTLOverrides` map; the second
//! with about 1% of the values changed). Patch making is measured too.

use auditcfg_core::{Document, Environment};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::io::Write as _;

#[path = "../tests/support/big_docs.rs"]
mod big_docs;

/// The production preset grown to `min_bytes` with endpoint TTL overrides;
/// with `change_every`, every n-th override gets another TTL.
fn large_document(min_bytes: usize, change_every: Option<usize>) -> String {
    auditcfg_core::to_json(&big_docs::ttl_document(min_bytes, change_every))
}

fn parsed(text: &str) -> Document {
    match Document::parse(text, None).document {
        Some(doc) => doc,
        None => panic!("benchmark input does not parse"),
    }
}

fn bench(c: &mut Criterion) {
    let dev_text = auditcfg_core::preset::reference_text(Environment::Development);
    let prod_text = auditcfg_core::preset::reference_text(Environment::Production);
    let dev = parsed(dev_text);
    let prod = parsed(prod_text);
    let changes = auditcfg_core::diff(&dev, &prod).changes.len();
    let _ = writeln!(
        std::io::stderr(),
        "development → production: {changes} changes"
    );

    let mut group = c.benchmark_group("diff");
    group.throughput(Throughput::Bytes((dev_text.len() + prod_text.len()) as u64));
    group.bench_function("presets_dev_prod", |b| {
        b.iter(|| auditcfg_core::diff(black_box(&dev), black_box(&prod)))
    });
    group.bench_function("presets_dev_prod_with_parse", |b| {
        b.iter(|| {
            let a = parsed(black_box(dev_text));
            let p = parsed(black_box(prod_text));
            auditcfg_core::diff(&a, &p)
        })
    });
    group.bench_function("presets_dev_prod_json_patch", |b| {
        b.iter(|| {
            auditcfg_core::diff::to_json_patch(black_box(dev.value()), black_box(prod.value()))
        })
    });

    let big_a_text = large_document(1 << 20, None);
    let big_b_text = large_document(1 << 20, Some(100));
    let big_a = parsed(&big_a_text);
    let big_b = parsed(&big_b_text);
    let changes = auditcfg_core::diff(&big_a, &big_b).changes.len();
    let _ = writeln!(
        std::io::stderr(),
        "1 MB documents: {} + {} bytes, {changes} changes",
        big_a_text.len(),
        big_b_text.len()
    );
    group.throughput(Throughput::Bytes(
        (big_a_text.len() + big_b_text.len()) as u64,
    ));
    group.sample_size(20);
    group.bench_function("1mb_documents_1pct_changed", |b| {
        b.iter(|| auditcfg_core::diff(black_box(&big_a), black_box(&big_b)))
    });
    group.bench_function("1mb_documents_json_patch", |b| {
        b.iter(|| {
            auditcfg_core::diff::to_json_patch(black_box(big_a.value()), black_box(big_b.value()))
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
