//! The base layer: what every other layer stands on and which imports
//! nothing above it. The code registry, diagnostics, JSON Pointers, the
//! line index, the secret registry, edit distance, environments, the
//! reference presets and the core's error type.

pub mod codes;
pub mod diagnostic;
pub mod distance;
pub mod encoding;
pub mod environment;
pub mod error;
pub mod field_names;
pub mod js;
pub mod line_index;
pub mod pointer;
pub mod preset;
pub mod sealed;
pub mod secrets;
pub mod sort;
pub mod web_url;

#[cfg(test)]
pub(crate) mod test_support;
