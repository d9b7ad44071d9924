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
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

#[wasm_bindgen]
extern "C" {
    /// The platform's `TextEncoder` (every browser, Node, Deno, Bun).
    #[wasm_bindgen(js_name = TextEncoder)]
    type Utf8Encoder;
    #[wasm_bindgen(constructor, js_class = TextEncoder)]
    fn new() -> Utf8Encoder;
    /// `TextEncoder.prototype.encode` of a JavaScript string: its UTF-8
    /// bytes in a new `Uint8Array` (lone surrogates become U+FFFD).
    #[wasm_bindgen(method, js_class = TextEncoder)]
    fn encode(this: &Utf8Encoder, text: &js_sys::JsString) -> js_sys::Uint8Array;
}

/// From this many UTF-16 code units on, a string argument is encoded by
/// [`utf8_of_large`] instead of `JsValue::as_string`. Below it, the glue's
/// loop costs a few microseconds at most; at the size of a preset (10 KB)
/// it takes 45-70 µs against ~8 µs for the encoder (issue #15).
const LARGE_STRING: u32 = 1 << 10;

thread_local! {
    /// One encoder per instance, or `None` without a `TextEncoder`.
    static ENCODER: Option<Utf8Encoder> =
        js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("TextEncoder"))
            .ok()
            .filter(JsValue::is_function)
            .map(|_| Utf8Encoder::new());
}

/// The UTF-8 of a large JavaScript string, or `None` when the platform has
/// no `TextEncoder`. `as_string` goes through wasm-bindgen's glue, which
/// copies the ASCII prefix one code unit at a time in JavaScript (~100
/// MB/s: 150-200 ms of a first `validate` of 18 MB, issue #15); the
/// platform's encoder and one copy into linear memory take a tenth of
/// that. The bytes are the same: both encode lone surrogates as U+FFFD.
fn utf8_of_large(text: &js_sys::JsString) -> Option<String> {
    let bytes = ENCODER.with(|e| e.as_ref().map(|e| e.encode(text).to_vec()))?;
    String::from_utf8(bytes).ok()
}

/// The one serializer configuration of every DTO.
const SERIALIZER: serde_wasm_bindgen::Serializer = serde_wasm_bindgen::Serializer::new()
    .serialize_maps_as_objects(true)
    .serialize_missing_as_null(true);

/// Does the text hold U+FFFD (EF BF BD in UTF-8)? A byte scan: what
/// `str::contains(char)` does, without its UTF-8 searcher, which costs
/// about 4% of a `validate` of the production preset in WebAssembly.
fn has_replacement_character(text: &str) -> bool {
    let b = text.as_bytes();
    b.iter()
        .enumerate()
        .any(|(i, &x)| x == 0xEF && b.get(i + 1..i + 3) == Some(&[0xBF, 0xBD][..]))
}

/// Converts a DTO into a JavaScript value.
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, ApiError> {
    value
        .serialize(&SERIALIZER)
        .map_err(|e| ApiError::internal(format!("cannot build the result: {e}")))
}

/// Converts a DTO of plain data (strings, numbers, booleans, `null`,
/// arrays and objects: no `JsValue`, no float that could be NaN) into a
/// JavaScript value through its JSON text: one crossing and one
/// `JSON.parse` instead of one call per field, which made up ~18% of a
/// `validate` of the production preset. The value is the same as
/// [`to_js`] gives for such a type.
pub fn to_js_json<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, ApiError> {
    let text = serde_json::to_string(value)
        .map_err(|e| ApiError::internal(format!("cannot build the result: {e}")))?;
    js_sys::JSON::parse(&text)
        .map_err(|_| ApiError::internal("JSON.parse rejected a generated result"))
}

/// A JSON value as a plain JavaScript value (`JSON.parse` of its text).
pub fn json_to_js(value: &Value) -> Result<JsValue, ApiError> {
    to_js_json(value)
}

/// A required string argument; `what` names it in the error.
///
/// A JavaScript string is UTF-16 and may hold lone surrogates, which have
/// no UTF-8 encoding: the conversion would replace them by U+FFFD and the
/// text (a value, a key, a password) would change without a word. Such a
/// string is refused (`INVALID_ARGUMENT`, naming the first one and its
/// UTF-16 index), as the CLI refuses bytes that are not UTF-8. A lone
/// surrogate always becomes U+FFFD, so only strings that contain U+FFFD
/// after the conversion are examined code unit by code unit.
pub fn string_arg(value: &JsValue, what: &str) -> Result<String, ApiError> {
    let large = value
        .dyn_ref::<js_sys::JsString>()
        .filter(|s| s.length() >= LARGE_STRING)
        .and_then(utf8_of_large);
    let text = match large {
        Some(text) => text,
        None => value
            .as_string()
            .ok_or_else(|| ApiError::invalid_argument(format!("{what} must be a string")))?,
    };
    if has_replacement_character(&text)
        && let Some(js) = value.dyn_ref::<js_sys::JsString>()
        && let Some((index, unit)) = lone_surrogate(js.iter())
    {
        return Err(ApiError::invalid_argument(format!(
            "{what} is not well-formed UTF-16: lone surrogate U+{unit:04X} at index {index} \
             (it has no UTF-8 encoding; decode bytes with TextDecoder, or replace it)"
        )));
    }
    Ok(text)
}

/// The UTF-16 index and value of the first lone surrogate, if any.
pub fn lone_surrogate(units: impl Iterator<Item = u16>) -> Option<(usize, u16)> {
    let mut index = 0;
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => index += c.len_utf16(),
            Err(e) => return Some((index, e.unpaired_surrogate())),
        }
    }
    None
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

/// The format of an input: the `format` option when given, else the
/// extension of the `fileName` option (`.json`, `.toml`, as the CLI reads
/// a file), else `None` (detected from the content).
pub fn input_format(
    format: Option<&str>,
    file_name: Option<&str>,
) -> Result<Option<Format>, ApiError> {
    Ok(opt_format(format)?.or_else(|| file_name.and_then(Format::from_file_name)))
}

#[cfg(test)]
mod tests {
    use super::{has_replacement_character, lone_surrogate};

    #[test]
    fn finds_the_replacement_character_as_contains_does() {
        for text in [
            "",
            "abc",
            "\u{fffd}",
            "a\u{fffd}",
            "\u{fffd}b",
            "\u{fffc}\u{fffe}",
            "é😀",
            "\u{ffef}\u{bfbd}",
        ] {
            assert_eq!(
                has_replacement_character(text),
                text.contains('\u{fffd}'),
                "{text:?}"
            );
        }
    }

    #[test]
    fn finds_the_first_lone_surrogate() {
        fn units(s: &[u16]) -> impl Iterator<Item = u16> + '_ {
            s.iter().copied()
        }
        assert_eq!(lone_surrogate("a😀b".encode_utf16()), None);
        assert_eq!(
            lone_surrogate(units(&[0x61, 0xd800, 0x62])),
            Some((1, 0xd800))
        );
        // After a pair (two code units) and at the end.
        assert_eq!(
            lone_surrogate(units(&[0xd83d, 0xde00, 0xdc00])),
            Some((2, 0xdc00))
        );
        assert_eq!(lone_surrogate(units(&[0x61, 0xdbff])), Some((1, 0xdbff)));
    }
}
