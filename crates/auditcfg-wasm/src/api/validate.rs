//! `validate` and `parse`.

use crate::dto::{self, ParseResult, ValidateResult};
use crate::error::{ApiError, JsResult};
use crate::js;
use auditcfg_core::{Environment, RuleGroup, ValidateOptions};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::wasm_bindgen;

/// Options of `validate`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct ValidateOpts {
    pub(crate) format: Option<String>,
    pub(crate) file_name: Option<String>,
    pub(crate) environment: Option<String>,
    groups: Option<Vec<String>>,
    /// Unplaced findings of `auditcfg/policy`'s `evaluate`, placed and
    /// reported with the built-in ones (read by `policy::findings`).
    policy_findings: Option<serde_json::Value>,
}

/// A rule family by name.
fn group(name: &str) -> Result<RuleGroup, ApiError> {
    match name {
        "syntax" => Ok(RuleGroup::Syntax),
        "schema" => Ok(RuleGroup::Schema),
        "upstream" => Ok(RuleGroup::Upstream),
        "review" => Ok(RuleGroup::Review),
        _ => Err(ApiError::new(
            "UNKNOWN_GROUP",
            format!("unknown rule group `{name}`: expected syntax, schema, upstream or review"),
        )),
    }
}

impl ValidateOpts {
    fn into_core(
        mut self,
    ) -> Result<(ValidateOptions, Vec<auditcfg_core::policy::Finding>), ApiError> {
        let findings = super::policy::findings(self.policy_findings.take())?;
        Ok((self.core()?, findings))
    }

    fn core(self) -> Result<ValidateOptions, ApiError> {
        let mut options = ValidateOptions {
            format: js::input_format(self.format.as_deref(), self.file_name.as_deref())?,
            environment: self
                .environment
                .as_deref()
                .map(str::parse::<Environment>)
                .transpose()?,
            ..ValidateOptions::default()
        };
        if let Some(groups) = self.groups {
            options.groups = groups.iter().map(|g| group(g)).collect::<Result<_, _>>()?;
        }
        Ok(options)
    }
}

/// `validate(text, {format?, environment?, groups?, policyFindings?})`:
/// every finding of a config text (syntax, schema, rules, and the policy
/// findings given) with its range. Throws only for bad arguments
/// (`UNKNOWN_ENVIRONMENT`, `UNKNOWN_FORMAT`, `UNKNOWN_GROUP`,
/// `INVALID_ARGUMENT`), never for a bad document.
#[wasm_bindgen(js_name = validate)]
pub fn validate(text: JsValue, options: JsValue) -> JsResult {
    let text = js::string_arg(&text, "text")?;
    let (options, findings) = js::options::<ValidateOpts>(options, "validate")?.into_core()?;
    let mut report = auditcfg_core::validate(&text, &options);
    // As the CLI adds them (`--policy`): placed in the document read as
    // the report's format, when it is an object.
    if !findings.is_empty()
        && let Some(doc) =
            super::policy::document(&text, report.format).filter(|d| d.value().is_object())
    {
        let placed = auditcfg_core::policy::place(&doc, findings);
        auditcfg_core::policy::extend(&mut report.diagnostics, placed);
        report.counts = auditcfg_core::Counts::of(&report.diagnostics);
    }
    Ok(js::to_js_json(&ValidateResult {
        format: report.format.as_str(),
        environment: report.environment.map(Environment::as_str),
        diagnostics: dto::diagnostics(&text, &report.diagnostics),
        counts: report.counts.into(),
    })?)
}

/// Options of `parse`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct ParseOpts {
    pub(crate) format: Option<String>,
    pub(crate) file_name: Option<String>,
}

/// `parse(text, {format?})`: the document as a plain value (when it parses)
/// and the parser's findings.
#[wasm_bindgen(js_name = parse)]
pub fn parse(text: JsValue, options: JsValue) -> JsResult {
    let text = js::string_arg(&text, "text")?;
    let options = js::options::<ParseOpts>(options, "parse")?;
    let parse = auditcfg_core::parse(
        &text,
        js::input_format(options.format.as_deref(), options.file_name.as_deref())?,
    );
    let value = match &parse.document {
        Some(doc) => js::json_to_js(doc.value())?,
        None => JsValue::UNDEFINED,
    };
    Ok(js::to_js(&ParseResult {
        ok: parse.document.is_some(),
        format: parse.format.as_str(),
        value,
        diagnostics: dto::diagnostics(&text, &parse.diagnostics),
    })?)
}

/// Options of `fix`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct FixOpts {
    format: Option<String>,
    file_name: Option<String>,
    environment: Option<String>,
    #[serde(rename = "unsafe")]
    unsafe_too: Option<bool>,
}

/// One fix `fix` applied.
#[derive(Debug, Serialize)]
struct AppliedDto<'a> {
    code: &'static str,
    title: &'a str,
}

/// What `fix` returns.
#[derive(Debug, Serialize)]
struct FixResult<'a> {
    text: &'a str,
    changed: bool,
    applied: Vec<AppliedDto<'a>>,
    format: &'static str,
    environment: Option<&'static str>,
    diagnostics: Vec<dto::Diagnostic<'a>>,
    counts: dto::Counts,
}

/// `fix(text, {format?, environment?, unsafe?})`: applies the safe fixes
/// (and the unsafe ones with `unsafe: true`) until none is left, as
/// `auditcfg fix` does; returns the fixed text, what was applied and the
/// findings that remain. Comments, layout and unknown fields are kept.
#[wasm_bindgen(js_name = fix)]
pub fn fix(text: JsValue, options: JsValue) -> JsResult {
    let text = js::string_arg(&text, "text")?;
    let opts = js::options::<FixOpts>(options, "fix")?;
    let environment = opts
        .environment
        .as_deref()
        .map(str::parse::<Environment>)
        .transpose()
        .map_err(ApiError::from)?;
    let options = auditcfg_core::fix::FixOptions {
        unsafe_too: opts.unsafe_too.unwrap_or(false),
        format: js::input_format(opts.format.as_deref(), opts.file_name.as_deref())?,
        environment,
        preview: false,
    };
    let fixed = auditcfg_core::fix::apply_fixes(&text, &options);
    Ok(js::to_js(&FixResult {
        text: &fixed.text,
        changed: fixed.text != text,
        applied: fixed
            .applied
            .iter()
            .map(|(code, title)| AppliedDto {
                code: code.as_str(),
                title,
            })
            .collect(),
        format: fixed.report.format.as_str(),
        environment: fixed.report.environment.map(Environment::as_str),
        diagnostics: dto::diagnostics(&fixed.text, &fixed.report.diagnostics),
        counts: fixed.report.counts.into(),
    })?)
}
