//! How fast the decoder is against xz's own (liblzma), in the same run:
//!   cargo run --release -p auditcfg-lzma --example time FILE.lzma
//! (scripts/build-app.sh leaves the app's packed wasm in target/app.lzma).
#![allow(clippy::print_stdout, clippy::unwrap_used)]

use liblzma::stream::{Action, Status, Stream};
use std::time::Instant;

fn best(mut f: impl FnMut() -> usize) -> (usize, f64) {
    let mut best = f64::MAX;
    let mut n = 0;
    for _ in 0..30 {
        let t = Instant::now();
        n = f();
        best = best.min(t.elapsed().as_secs_f64());
    }
    (n, best)
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: time FILE.lzma");
    let data = std::fs::read(path).unwrap();
    let (n, ours) = best(|| auditcfg_lzma::decode(&data, 1 << 30).unwrap().len());
    let (m, xz) = best(|| {
        let mut stream = Stream::new_lzma_decoder(u64::MAX).unwrap();
        let mut out = Vec::with_capacity(n);
        let status = stream.process_vec(&data, &mut out, Action::Finish).unwrap();
        assert!(status == Status::StreamEnd || out.len() == n);
        out.len()
    });
    assert_eq!(n, m);
    println!(
        "{n} bytes from {}: auditcfg-lzma {:.2} ms ({:.1} MB/s), liblzma {:.2} ms: {:.2}x",
        data.len(),
        ours * 1e3,
        n as f64 / ours / 1e6,
        xz * 1e3,
        ours / xz
    );
}
