//! # auditcfg-wasm
//!
//! WebAssembly bindings of [`auditcfg_core`] for JavaScript: the npm package
//! `auditcfg` (see `pkg/README.md`; `scripts/build-pkg.sh` builds it).
//!
//! Thin by design: every decision is made by the core. This crate only
//!
//! - reads JavaScript arguments (texts, option objects) into core types
//!   ([`js`]),
//! - converts core results into camelCase DTOs ([`dto`]) with byte offsets
//!   and line/column in UTF-8 and UTF-16, computed with the core's
//!   [`auditcfg_core::LineIndex`],
//! - turns core errors into JavaScript `Error`s with a stable `code`
//!   ([`error`]).
//!
//! The exported functions are grouped by theme under [`api`]; the
//! TypeScript contract is the hand-written `pkg/index.d.ts`, which must
//! change together with them. Nothing here does I/O: texts come in, data
//! goes out, and secrets never leave the caller's machine.
//!
//! Adding a function: a `#[wasm_bindgen(js_name = camelCase)]` function in
//! the [`api`] module of its theme (texts as `JsValue` read with
//! [`js::string_arg`], options as a `deny_unknown_fields` struct read with
//! [`js::options`], result through [`js::to_js`]), a `From<CoreError> for
//! ApiError` mapping if the core has a new error type, its declaration and
//! DTO types in `pkg/index.d.ts`, and tests in `tests/npm/`
//! (`package.test.mjs` fails while the exports and the declarations
//! differ) and `tests/node.rs`.

pub mod api;
pub mod dto;
pub mod error;
pub mod js;

pub use api::crypto::{decrypt_fields, decrypt_file, encrypt_fields, encrypt_file, inspect_file};
pub use api::diff::{apply_patch, diff, hot_reloadable_fields, merge, to_json_patch};
pub use api::meta::{preset, rules, schema, secret_paths, version};
pub use api::policy::{place_findings, policy_input};
pub use api::text::{convert, mask};
pub use api::validate::{parse, validate};
pub use error::is_auditcfg_error;
