//! Organisation policies, the main module's half: the document values the
//! policy module (`auditcfg/policy`, a separate WebAssembly module that
//! carries the CEL engine) evaluates, and the placing of its unplaced
//! findings (paths → ranges), exactly as the core places them for the CLI.

use crate::dto;
use crate::error::{ApiError, JsResult};
use crate::js;
use auditcfg_core::policy::{self, Finding};
use auditcfg_core::{Diagnostic, Document, Environment, Format};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::wasm_bindgen;

/// Options of `policyInput`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct InputOpts {
    format: Option<String>,
    file_name: Option<String>,
    environment: Option<String>,
}

/// What `policyInput` returns.
#[derive(Debug, Serialize)]
struct InputDto {
    /// The document's canonical JSON, when it parses and is an object.
    document: Option<String>,
    /// The environment rules run for: the option, else the document's own.
    environment: Option<&'static str>,
}

/// `policyInput(text, {format?, fileName?, environment?})`: what the policy
/// module's `evaluate` needs of a config text: its values as canonical
/// JSON (`null` when it does not parse or is not an object: no policy
/// applies) and the environment `validate` runs as. Never throws for a bad
/// document.
#[wasm_bindgen(js_name = policyInput)]
pub fn policy_input(text: JsValue, options: JsValue) -> JsResult {
    let text = js::string_arg(&text, "text")?;
    let o = js::options::<InputOpts>(options, "policyInput")?;
    let forced = o
        .environment
        .as_deref()
        .map(str::parse::<Environment>)
        .transpose()
        .map_err(ApiError::from)?;
    let format = js::input_format(o.format.as_deref(), o.file_name.as_deref())?;
    let doc = Document::parse(&text, format)
        .document
        .filter(|d| d.value().is_object());
    let environment = forced.or_else(|| {
        doc.as_ref()?
            .value()
            .get("environment")
            .and_then(Value::as_str)
            .and_then(Environment::from_name)
    });
    let document = match &doc {
        Some(d) => Some(
            serde_json::to_string(d.value())
                .map_err(|e| ApiError::internal(format!("cannot write the document: {e}")))?,
        ),
        None => None,
    };
    Ok(js::to_js(&InputDto {
        document,
        environment: environment.map(Environment::as_str),
    })?)
}

/// Checks unplaced findings coming from JavaScript: a policy code (never a
/// built-in one) and a JSON Pointer.
pub(crate) fn checked(findings: Vec<Finding>) -> Result<Vec<Finding>, ApiError> {
    for f in &findings {
        if let Some(why) = policy::code_problem(&f.code) {
            return Err(ApiError::invalid_argument(format!("a finding's {why}")));
        }
        if !f.path.is_empty() && !f.path.starts_with('/') {
            return Err(ApiError::invalid_argument(format!(
                "a finding's path `{}` is not a JSON Pointer",
                f.path
            )));
        }
    }
    Ok(findings)
}

/// Places findings in `text` (read as `format`); `None` when it does not
/// parse (there is nothing to place them in).
pub(crate) fn place(
    text: &str,
    format: Option<Format>,
    findings: Vec<Finding>,
) -> Result<Vec<Diagnostic>, ApiError> {
    let findings = checked(findings)?;
    if findings.is_empty() {
        return Ok(Vec::new());
    }
    let parse = Document::parse(text, format);
    let doc = parse
        .document
        .ok_or_else(|| ApiError::syntax(text, &parse.diagnostics))?;
    let mut placed = policy::place(&doc, findings);
    auditcfg_core::diagnostic::sort(&mut placed);
    Ok(placed)
}

/// Options of `placeFindings`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct PlaceOpts {
    format: Option<String>,
    file_name: Option<String>,
}

/// `placeFindings(text, findings, {format?, fileName?})`: the policy
/// module's unplaced findings as diagnostics of `text` (the same DTO as
/// `validate`'s, `code` the rule's own, `name` `policy-rule`), sorted.
/// Throws `INVALID_ARGUMENT` for a malformed finding, `SYNTAX` when the text
/// does not parse.
#[wasm_bindgen(js_name = placeFindings)]
pub fn place_findings(text: JsValue, findings: JsValue, options: JsValue) -> JsResult {
    let text = js::string_arg(&text, "text")?;
    let findings: Vec<Finding> = serde_json::from_value(js::json_arg(&findings, "findings")?)
        .map_err(|e| ApiError::invalid_argument(format!("findings: {e}")))?;
    let o = js::options::<PlaceOpts>(options, "placeFindings")?;
    let format = js::input_format(o.format.as_deref(), o.file_name.as_deref())?;
    let placed = place(&text, format, findings)?;
    Ok(js::to_js(&dto::diagnostics(&text, &placed))?)
}
