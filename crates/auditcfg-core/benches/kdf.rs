//! Key derivation cost: PBKDF2-HMAC-SHA256 at upstream's 100,000 and the
//! recommended 600,000 iterations, scrypt at upstream's N = 2^14 and the
//! recommended N = 2^17 (r = 8, p = 1), 32-byte keys, 32-byte salt.
//! `tests/node/bench_kdf.mjs` times Node's crypto with the same parameters;
//! results are in `src/crypto/BENCH_NOTES.md`.
//!
//! Two groups: `kdf` measures wall time; `kdf_cpu` measures the thread's CPU
//! time (Linux `/proc/thread-self/schedstat`), which other processes on a
//! busy 2-core machine disturb much less. Node's script reports both too.
//!
//! `cargo bench -p auditcfg-core --bench kdf -- --quick`

use auditcfg_core::crypto::{Kdf, derive_key};
use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;

const CASES: [(&str, Kdf); 4] = [
    (
        "pbkdf2_100k",
        Kdf::Pbkdf2 {
            iterations: 100_000,
        },
    ),
    (
        "pbkdf2_600k",
        Kdf::Pbkdf2 {
            iterations: 600_000,
        },
    ),
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
];

/// CPU time of the current thread, in nanoseconds, from the kernel's
/// scheduler statistics (falls back to 0 where they are not available,
/// which makes the `kdf_cpu` group meaningless there, not wrong elsewhere).
fn thread_cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

/// Criterion measurement: thread CPU time instead of wall time.
struct CpuTime;

static WALL: WallTime = WallTime;

impl Measurement for CpuTime {
    type Intermediate = u64;
    type Value = u64;

    fn start(&self) -> u64 {
        thread_cpu_ns()
    }
    fn end(&self, start: u64) -> u64 {
        thread_cpu_ns().saturating_sub(start)
    }
    fn add(&self, a: &u64, b: &u64) -> u64 {
        a + b
    }
    fn zero(&self) -> u64 {
        0
    }
    fn to_f64(&self, v: &u64) -> f64 {
        *v as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        // Nanoseconds, like wall time.
        WALL.formatter()
    }
}

fn run<M: Measurement>(c: &mut Criterion<M>, group: &str) {
    let salt = [0x5au8; 32];
    let password = b"correct horse battery staple";
    let mut group = c.benchmark_group(group);
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(5));
    for (name, kdf) in CASES {
        group.bench_function(name, |b| {
            b.iter(|| derive_key(black_box(password), black_box(&salt), black_box(&kdf)))
        });
    }
    group.finish();
}

fn wall(c: &mut Criterion) {
    run(c, "kdf");
}

fn cpu(c: &mut Criterion<CpuTime>) {
    run(c, "kdf_cpu");
}

criterion_group!(wall_benches, wall);
criterion_group! {
    name = cpu_benches;
    config = Criterion::default().with_measurement(CpuTime);
    targets = cpu
}
criterion_main!(wall_benches, cpu_benches);
