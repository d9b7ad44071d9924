//! What the core knows without a document: presets, the schema, the
//! secret registry, the rule catalog, the version.

use crate::dto::{RuleInfo, SecretPathInfo};
use crate::error::JsResult;
use crate::js;
use auditcfg_core::{rules as core_rules, secrets};
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::wasm_bindgen;

/// `preset(environment)`: the preset of an environment (name or alias)
/// with fresh random secrets and `lastUpdated` = now (`Date.now()`).
/// Throws `UNKNOWN_ENVIRONMENT`.
#[wasm_bindgen(js_name = preset)]
pub fn preset(environment: JsValue) -> JsResult {
    let environment = js::string_arg(&environment, "environment")?;
    // Date.now() is an integral number of milliseconds.
    let now = js_sys::Date::now() as i64;
    let value =
        auditcfg_core::preset_at(&environment, now).map_err(crate::error::ApiError::from)?;
    Ok(js::json_to_js(&value)?)
}

/// `schema()`: the JSON Schema (draft 2020-12) of the config document.
#[wasm_bindgen(js_name = schema)]
pub fn schema() -> JsResult {
    Ok(js::json_to_js(auditcfg_core::schema())?)
}

/// `secretPaths()`: the registry of secret paths (patterns with `*`).
#[wasm_bindgen(js_name = secretPaths)]
pub fn secret_paths() -> JsResult {
    let paths: Vec<SecretPathInfo> = secrets::SECRET_PATHS.iter().map(Into::into).collect();
    Ok(js::to_js(&paths)?)
}

/// `rules()`: every code the validator can report, in code order.
#[wasm_bindgen(js_name = rules)]
pub fn rules() -> JsResult {
    let rules: Vec<RuleInfo> = core_rules::catalog().into_iter().map(Into::into).collect();
    Ok(js::to_js(&rules)?)
}

/// `version()`: the version of auditcfg (the npm package has the same).
#[wasm_bindgen(js_name = version)]
pub fn version() -> JsValue {
    env!("CARGO_PKG_VERSION").into()
}
