//! # auditcfg-app
//!
//! The auditcfg browser app: a Leptos single-page app (built with Trunk)
//! for authoring and validating audit server configs. Everything that is
//! not DOM lives in plain modules, compiled and tested natively:
//!
//! - [`positions`]: byte ↔ UTF-16 ↔ line/column, through the core's
//!   `LineIndex`;
//! - [`findings`]: diagnostics as panel rows, counts, F8 navigation;
//! - [`schedule`]: when to validate while the user types;
//! - [`session`]: presets, file decoding, conversion, masked export;
//! - [`compare`]: the diff view's rows, groups, filters, JSON Patch;
//! - [`draft`]: drafts in browser storage, secrets stripped or sealed;
//! - [`editing`]: the document being edited (text, modified, origin,
//!   Undo of a replacement, findings) as a plain type;
//! - [`strength`]: the password strength estimate.
//!
//! The form view's model (schema → fields, edits at a pointer) is the
//! core's `auditcfg_core::form`.
//!
//! [`app`] holds the Leptos components and the DOM glue; the source
//! editor is CodeMirror 6 (`web/codemirror/`, bundled by esbuild) fed by
//! the core's `ide` layer.

pub mod app;
pub mod compare;
pub mod draft;
pub mod editing;
pub mod encrypt_flow;
pub mod findings;
pub mod positions;
pub mod schedule;
pub mod session;
pub mod strength;
