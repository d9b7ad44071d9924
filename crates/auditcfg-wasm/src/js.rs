//! Crossing the boundary: JavaScript arguments in, JavaScript values out.
//!
//! DTOs go through `serde-wasm-bindgen` (maps as plain objects, `None` as
//! `null`). Arbitrary JSON documents (parsed values, presets, the schema)
//! go through their JSON text and `JSON.parse`, which is faster for large
//! documents and gives exactly what JavaScript's own `JSON.parse` of the
//! document would: integers beyond 2^53 round the same way.

use crate::error::ApiError;
use auditcfg_core::Format;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use wasm_bindgen::JsValue;

/// The one serializer configuration of every DTO.
const SERIALIZER: serde_wasm_bindgen::Serializer = serde_wasm_bindgen::Serializer::new()
    .serialize_maps_as_objects(true)
    .serialize_missing_as_null(true);

/// Converts a DTO into a JavaScript value.
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, ApiError> {
    value
        .serialize(&SERIALIZER)
        .map_err(|e| ApiError::internal(format!("cannot build the result: {e}")))
}

/// A JSON value as a plain JavaScript value (`JSON.parse` of its text).
pub fn json_to_js(value: &Value) -> Result<JsValue, ApiError> {
    let text = serde_json::to_string(value)
        .map_err(|e| ApiError::internal(format!("cannot write the value as JSON: {e}")))?;
    js_sys::JSON::parse(&text)
        .map_err(|_| ApiError::internal("JSON.parse rejected a generated value"))
}

/// A required string argument; `what` names it in the error.
pub fn string_arg(value: &JsValue, what: &str) -> Result<String, ApiError> {
    value
        .as_string()
        .ok_or_else(|| ApiError::invalid_argument(format!("{what} must be a string")))
}

/// An optional options object: `undefined` and `null` give the defaults;
/// unknown keys are refused (a misspelt option must not be ignored).
///
/// Options are small: they are read through `JSON.stringify` and
/// `serde_json`, which (unlike `serde-wasm-bindgen`) sees every key, so
/// `deny_unknown_fields` works. Keys whose value is `undefined` are absent.
pub fn options<T: DeserializeOwned + Default>(
    value: JsValue,
    function: &str,
) -> Result<T, ApiError> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    let invalid =
        |why: &str| ApiError::invalid_argument(format!("invalid options of {function}(): {why}"));
    if !value.is_object() || js_sys::Array::is_array(&value) {
        return Err(invalid("expected an object"));
    }
    let json: String = js_sys::JSON::stringify(&value)
        .map_err(|_| invalid("not representable as JSON"))?
        .into();
    serde_json::from_str(&json).map_err(|e| {
        let message = e.to_string();
        // serde_json appends the position in the generated JSON: useless here.
        let message = message
            .rsplit_once(" at line ")
            .map_or(message.as_str(), |(m, _)| m);
        invalid(message)
    })
}

/// A JSON argument (a patch): read through `JSON.stringify`.
pub fn json_arg(value: &JsValue, what: &str) -> Result<Value, ApiError> {
    let invalid = || ApiError::invalid_argument(format!("{what} must be a JSON value"));
    if value.is_undefined() {
        return Err(invalid());
    }
    let json: String = js_sys::JSON::stringify(value)
        .map_err(|_| invalid())?
        .into();
    serde_json::from_str(&json).map_err(|_| invalid())
}

/// A format name (`json`, `toml`).
pub fn format(name: &str) -> Result<Format, ApiError> {
    Format::from_name(name).ok_or_else(|| ApiError::unknown_format(name))
}

/// An optional format name.
pub fn opt_format(name: Option<&str>) -> Result<Option<Format>, ApiError> {
    name.map(format).transpose()
}
