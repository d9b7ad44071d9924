//! Editor answers on the production preset (10 KB): completion in the
//! middle of a section, hover on a key, and re-validation after a one-key
//! edit, next to a plain `serde_json` parse of the same text (the ratio is
//! what BENCHMARKS.md reports).

use auditcfg_core::Environment;
use auditcfg_core::ide::{self, IdeOptions};
use auditcfg_core::validate::{ValidateOptions, validate};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let preset = auditcfg_core::preset::reference_text(Environment::Production);
    let options = IdeOptions::default();
    // Completion on an empty line inside `database` (a key is missing).
    let pool = preset.find("\"poolSize\"").unwrap_or(0);
    let line_start = preset[..pool].rfind('\n').map_or(0, |i| i + 1);
    let line_end = pool + preset[pool..].find('\n').unwrap_or(0) + 1;
    let edited = format!("{}    \n{}", &preset[..line_start], &preset[line_end..]);
    let cursor = line_start + 4;
    let hover_at = preset.find("\"connectionTimeout\"").unwrap_or(0) + 3;
    let validate_options = ValidateOptions::default();
    let _ = validate(preset, &validate_options);

    let mut group = c.benchmark_group("ide");
    group.bench_function("serde_json_parse", |b| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(preset)))
    });
    group.bench_function("complete_production", |b| {
        b.iter(|| ide::complete(black_box(&edited), cursor, &options))
    });
    group.bench_function("hover_production", |b| {
        b.iter(|| ide::hover(black_box(preset), hover_at, &options))
    });
    group.bench_function("revalidate_after_edit", |b| {
        b.iter(|| validate(black_box(&edited), &validate_options))
    });
    group.bench_function("symbols_production", |b| {
        b.iter(|| ide::symbols(black_box(preset), &options))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
