//! A small LZMA decoder: how the browser app carries its WebAssembly.
//!
//! The app's page is mostly one wasm module (1.5 MB). Served as deflate it
//! costs ~580 KB; as LZMA (`xz --format=lzma -9e`) ~20% less. Browsers
//! inflate deflate natively but have no LZMA, and an LZMA decoder written
//! in JavaScript inflates a few MB a second. This crate is that decoder in
//! Rust, compiled to its own small wasm module (`src/wasm.rs`: `no_std`, a
//! few KB of code) that carries the packed bytes as its data and that the
//! page's boot module instantiates first (`scripts/wasm-literal.mjs`).
//!
//! It reads the `.lzma` ("LZMA alone") format that `xz --format=lzma`
//! writes: a 13-byte header (properties, dictionary size, uncompressed size
//! or "unknown") and one LZMA1 stream, ended by its size or by the end
//! marker. Bad input is an [`Error`], never a panic: every read is
//! checked, every distance is checked against the output so far, and the
//! output never grows past the caller's limit.
// `no_std` in the wasm module alone (src/wasm.rs brings its allocator and
// panic handler); natively (tests, tools) std is linked as usual.
#![cfg_attr(target_arch = "wasm32", no_std)]

extern crate alloc;

mod decode;
pub use decode::{Error, Unpacker, decode};

#[cfg(target_arch = "wasm32")]
mod wasm;

#[cfg(test)]
mod tests;
