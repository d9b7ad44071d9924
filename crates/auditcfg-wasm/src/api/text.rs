//! Text to text: `convert` and `mask`.

use super::{parse_document, write};
use crate::error::JsResult;
use crate::js;
use auditcfg_core::secrets;
use serde::Deserialize;
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::wasm_bindgen;

/// Options of `convert`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ConvertOpts {
    from: Option<String>,
}

/// `convert(text, to, {from?})`: the document in another format (`json`
/// as upstream writes it, or `toml`). Throws `SYNTAX` (with
/// `diagnostics`), `UNREPRESENTABLE` or `UNKNOWN_FORMAT`.
#[wasm_bindgen(js_name = convert)]
pub fn convert(text: JsValue, to: JsValue, options: JsValue) -> JsResult {
    let text = js::string_arg(&text, "text")?;
    let to = js::format(&js::string_arg(&to, "to")?)?;
    let options = js::options::<ConvertOpts>(options, "convert")?;
    let from = js::opt_format(options.from.as_deref())?;
    match auditcfg_core::convert(&text, from, to) {
        Ok(out) => Ok(out.into()),
        Err(auditcfg_core::ConvertError::Syntax(diagnostics)) => {
            Err(crate::error::ApiError::syntax(&text, &diagnostics).into())
        }
        Err(auditcfg_core::ConvertError::Write(e)) => Err(crate::error::ApiError::from(e).into()),
    }
}

/// Options of `mask`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct MaskOpts {
    format: Option<String>,
    to: Option<String>,
}

/// `mask(text, {format?, to?})`: the document with every secret masked
/// (the sanitised export), in its own format unless `to` says otherwise.
#[wasm_bindgen(js_name = mask)]
pub fn mask(text: JsValue, options: JsValue) -> JsResult {
    let text = js::string_arg(&text, "text")?;
    let options = js::options::<MaskOpts>(options, "mask")?;
    let to = js::opt_format(options.to.as_deref())?;
    let doc = parse_document(&text, js::opt_format(options.format.as_deref())?)?;
    let masked = secrets::mask_document(doc.value());
    Ok(write(&masked, to.unwrap_or(doc.format()))?.into())
}
