//! `cargo run --release -p auditcfg-lzma --example time FILE.lzma`: decode time.
#![allow(clippy::print_stdout, clippy::unwrap_used)]
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let data = std::fs::read(path).unwrap();
    let mut best = f64::MAX;
    let mut n = 0;
    for _ in 0..20 {
        let t = std::time::Instant::now();
        n = auditcfg_lzma::decode(&data, 1 << 30).unwrap().len();
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "{n} bytes in {:.2} ms ({:.1} MB/s)",
        best * 1e3,
        n as f64 / best / 1e6
    );
}
