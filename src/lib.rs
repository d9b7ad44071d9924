//! # auditcfg-app
//!
//! The auditcfg browser app: a Leptos single-page app (built with Trunk)
//! for authoring and validating audit server configs. Everything that is
//! not DOM lives in plain modules, compiled and tested natively:
//!
//! - [`highlight`]: the JSON/TOML tokenizer for syntax colouring;
//! - [`editor`]: the editor model (tokens, underlines, bracket pair, the
//!   HTML of every line) producing minimal DOM patches;
//! - [`positions`]: byte ↔ UTF-16 ↔ line/column, through the core's
//!   `LineIndex`;
//! - [`findings`]: diagnostics as panel rows, counts, F8 navigation;
//! - [`schedule`]: when to validate while the user types;
//! - [`session`]: presets, file decoding, conversion, masked export.
//!
//! [`app`] holds the Leptos components and the DOM glue.

pub mod app;
pub mod editor;
pub mod findings;
pub mod highlight;
pub mod positions;
pub mod schedule;
pub mod session;
