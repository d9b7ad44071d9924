//! Key derivation cost: PBKDF2-HMAC-SHA256 at upstream's 100,000 and the
//! recommended 600,000 iterations, scrypt at upstream's N = 2^14 and the
//! recommended N = 2^17 (r = 8, p = 1), 32-byte keys, 32-byte salt.
//! `tests/node/bench_kdf.mjs` times Node's crypto with the same parameters;
//! results are in `src/crypto/BENCH_NOTES.md`.
//!
//! `cargo bench -p auditcfg-core --bench kdf -- --quick`

use auditcfg_core::crypto::{Kdf, derive_key};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;

fn bench(c: &mut Criterion) {
    let salt = [0x5au8; 32];
    let password = b"correct horse battery staple";
    let mut group = c.benchmark_group("kdf");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(5));
    for (name, kdf) in [
        ("pbkdf2_100k", Kdf::Pbkdf2 { iterations: 100_000 }),
        ("pbkdf2_600k", Kdf::Pbkdf2 { iterations: 600_000 }),
        (
            "scrypt_n2^14_r8_p1",
            Kdf::Scrypt {
                log_n: 14,
                r: 8,
                p: 1,
            },
        ),
        (
            "scrypt_n2^17_r8_p1",
            Kdf::Scrypt {
                log_n: 17,
                r: 8,
                p: 1,
            },
        ),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| derive_key(black_box(password), black_box(&salt), black_box(&kdf)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
