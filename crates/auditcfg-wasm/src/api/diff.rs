//! Comparing and combining documents: `diff`, `toJsonPatch`, `applyPatch`,
//! `merge`, `hotReloadableFields`.

use super::{parse_document, write};
use crate::dto::Range;
use crate::error::{ApiError, JsResult};
use crate::js;
use auditcfg_core::diff::{self, Change, ChangeKind, Impact, PatchError};
use auditcfg_core::{LineIndex, TextRange};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::wasm_bindgen;

/// Options naming the formats of two texts.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct PairOpts {
    format_a: Option<String>,
    format_b: Option<String>,
    /// `diff` only: unplaced findings of `auditcfg/policy`'s `evaluate`
    /// (transition rules), placed in `b` (read by `policy::findings`).
    policy_findings: Option<serde_json::Value>,
}

impl PairOpts {
    fn documents(
        self,
        a: &str,
        b: &str,
    ) -> Result<(auditcfg_core::Document, auditcfg_core::Document), ApiError> {
        let a = parse_document(a, js::opt_format(self.format_a.as_deref())?)?;
        let b = parse_document(b, js::opt_format(self.format_b.as_deref())?)?;
        Ok((a, b))
    }
}

/// What a change does to the running server.
#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
enum ImpactDto {
    HotReload,
    Restart { component: &'static str },
    SecretChanged { component: &'static str },
}

impl From<Impact> for ImpactDto {
    fn from(i: Impact) -> Self {
        match i {
            Impact::HotReload => ImpactDto::HotReload,
            Impact::Restart { component } => ImpactDto::Restart { component },
            Impact::SecretChanged { component } => ImpactDto::SecretChanged { component },
        }
    }
}

/// Added, removed, changed or moved (with `from` and `to`).
#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
enum KindDto<'a> {
    Added,
    Removed,
    Changed,
    Moved { from: &'a str, to: &'a str },
}

/// One change; values masked where secret.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ChangeDto<'a> {
    path: &'a str,
    #[serde(flatten)]
    kind: KindDto<'a>,
    #[serde(
        with = "serde_wasm_bindgen::preserve",
        skip_serializing_if = "JsValue::is_undefined"
    )]
    before: JsValue,
    #[serde(
        with = "serde_wasm_bindgen::preserve",
        skip_serializing_if = "JsValue::is_undefined"
    )]
    after: JsValue,
    #[serde(skip_serializing_if = "Option::is_none")]
    fingerprint_before: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fingerprint_after: Option<&'a str>,
    range_a: Option<Range>,
    range_b: Option<Range>,
    impact: ImpactDto,
}

#[derive(Debug, Serialize)]
struct ComponentCountDto<'a> {
    component: &'a str,
    count: usize,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct SummaryDto<'a> {
    total: usize,
    added: usize,
    removed: usize,
    changed: usize,
    moved: usize,
    live: usize,
    restart: usize,
    secrets: usize,
    restart_by_component: Vec<ComponentCountDto<'a>>,
    restart_components: &'a [String],
}

#[derive(Debug, Serialize)]
struct DiffDto<'a> {
    changes: Vec<ChangeDto<'a>>,
    summary: SummaryDto<'a>,
    /// The transition rules' findings, placed in `b` (only when
    /// `policyFindings` was given).
    #[serde(skip_serializing_if = "Option::is_none")]
    diagnostics: Option<Vec<crate::dto::Diagnostic<'a>>>,
}

fn opt_json(value: Option<&serde_json::Value>) -> Result<JsValue, ApiError> {
    value.map_or(Ok(JsValue::UNDEFINED), js::json_to_js)
}

fn change<'a>(
    c: &'a Change,
    ia: &LineIndex<'_>,
    ib: &LineIndex<'_>,
) -> Result<ChangeDto<'a>, ApiError> {
    let place = |index: &LineIndex<'_>, r: Option<TextRange>| r.map(|r| Range::of(index, r));
    Ok(ChangeDto {
        path: &c.path,
        kind: match &c.kind {
            ChangeKind::Added => KindDto::Added,
            ChangeKind::Removed => KindDto::Removed,
            ChangeKind::Changed => KindDto::Changed,
            ChangeKind::Moved { from, to } => KindDto::Moved { from, to },
        },
        before: opt_json(c.before.as_ref())?,
        after: opt_json(c.after.as_ref())?,
        fingerprint_before: c.fingerprint_before.as_deref(),
        fingerprint_after: c.fingerprint_after.as_deref(),
        range_a: place(ia, c.range_a),
        range_b: place(ib, c.range_b),
        impact: c.impact.into(),
    })
}

/// `diff(a, b, {formatA?, formatB?, policyFindings?})`: every change from
/// text `a` to text `b` (any mix of JSON and TOML) with its impact and its
/// ranges in both texts; secret values are masked and fingerprinted. With
/// `policyFindings` (the transition rules' unplaced findings) also
/// `diagnostics`, placed in `b`. Throws `SYNTAX`.
#[wasm_bindgen(js_name = diff)]
pub fn diff(a: JsValue, b: JsValue, options: JsValue) -> JsResult {
    let a = js::string_arg(&a, "a")?;
    let b = js::string_arg(&b, "b")?;
    let mut o = js::options::<PairOpts>(options, "diff")?;
    let findings = o
        .policy_findings
        .take()
        .map(|f| super::policy::findings(Some(f)))
        .transpose()?;
    let (da, db) = o.documents(&a, &b)?;
    let placed = findings.map(|f| {
        let mut placed = auditcfg_core::policy::place(&db, f);
        auditcfg_core::diagnostic::sort(&mut placed);
        placed
    });
    let d = auditcfg_core::diff(&da, &db);
    let (ia, ib) = (LineIndex::new(&a), LineIndex::new(&b));
    let s = &d.summary;
    let dto = DiffDto {
        changes: d
            .changes
            .iter()
            .map(|c| change(c, &ia, &ib))
            .collect::<Result<_, _>>()?,
        summary: SummaryDto {
            total: s.total,
            added: s.added,
            removed: s.removed,
            changed: s.changed,
            moved: s.moved,
            live: s.live,
            restart: s.restart,
            secrets: s.secrets,
            restart_by_component: s
                .restart_by_component
                .iter()
                .map(|c| ComponentCountDto {
                    component: &c.component,
                    count: c.count,
                })
                .collect(),
            restart_components: &s.restart_components,
        },
        diagnostics: placed.as_deref().map(|p| crate::dto::diagnostics(&b, p)),
    };
    Ok(js::to_js(&dto)?)
}

/// `toJsonPatch(a, b, {formatA?, formatB?})`: the RFC 6902 JSON Patch
/// (`add`, `remove`, `replace`, `move`) that turns `a` into `b`. It carries
/// real values, secrets included: it exists to be applied.
#[wasm_bindgen(js_name = toJsonPatch)]
pub fn to_json_patch(a: JsValue, b: JsValue, options: JsValue) -> JsResult {
    let a = js::string_arg(&a, "a")?;
    let b = js::string_arg(&b, "b")?;
    let o = js::options::<PairOpts>(options, "toJsonPatch")?;
    if o.policy_findings.is_some() {
        return Err(ApiError::invalid_argument(
            "invalid options of toJsonPatch(): unknown field `policyFindings`",
        )
        .into());
    }
    let (da, db) = o.documents(&a, &b)?;
    let ops = diff::to_json_patch(da.value(), db.value());
    let ops = serde_json::to_value(&ops).map_err(|e| ApiError::internal(e.to_string()))?;
    Ok(js::json_to_js(&ops)?)
}

impl From<PatchError> for ApiError {
    fn from(e: PatchError) -> Self {
        let code = match &e {
            PatchError::NotAPatch(_) => "NOT_A_PATCH",
            PatchError::Operation { .. } => "PATCH_FAILED",
        };
        ApiError::new(code, e.to_string())
    }
}

/// Options of `applyPatch` and `merge`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ApplyOpts {
    format: Option<String>,
    to: Option<String>,
}

/// `applyPatch(text, patch, {format?, to?})`: the document with a JSON
/// Patch applied (all six operations, atomically), in its format unless
/// `to` says otherwise. Throws `NOT_A_PATCH`, `PATCH_FAILED`, `SYNTAX`.
#[wasm_bindgen(js_name = applyPatch)]
pub fn apply_patch(text: JsValue, patch: JsValue, options: JsValue) -> JsResult {
    let text = js::string_arg(&text, "text")?;
    let patch = js::json_arg(&patch, "patch")?;
    let o = js::options::<ApplyOpts>(options, "applyPatch")?;
    let to = js::opt_format(o.to.as_deref())?;
    let doc = parse_document(&text, js::opt_format(o.format.as_deref())?)?;
    let patched = diff::apply_json_patch(doc.value(), &patch).map_err(ApiError::from)?;
    Ok(write(&patched, to.unwrap_or(doc.format()))?.into())
}

/// Options of `merge`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct MergeOpts {
    format: Option<String>,
    overlay_format: Option<String>,
    to: Option<String>,
}

/// `merge(base, overlay, {format?, overlayFormat?, to?})`: `overlay` deep-
/// merged on top of `base` (objects member by member, arrays and scalars
/// replace, `null` sets `null`), in the base's format unless `to` says
/// otherwise. Throws `SYNTAX`.
#[wasm_bindgen(js_name = merge)]
pub fn merge(base: JsValue, overlay: JsValue, options: JsValue) -> JsResult {
    let base = js::string_arg(&base, "base")?;
    let overlay = js::string_arg(&overlay, "overlay")?;
    let o = js::options::<MergeOpts>(options, "merge")?;
    let to = js::opt_format(o.to.as_deref())?;
    let base = parse_document(&base, js::opt_format(o.format.as_deref())?)?;
    let overlay = parse_document(&overlay, js::opt_format(o.overlay_format.as_deref())?)?;
    let merged = auditcfg_core::merge(base.value(), overlay.value());
    Ok(write(&merged, to.unwrap_or(base.format()))?.into())
}

/// `hotReloadableFields()`: the JSON Pointers the server applies live
/// (anything else needs a restart).
#[wasm_bindgen(js_name = hotReloadableFields)]
pub fn hot_reloadable_fields() -> JsResult {
    Ok(js::to_js(diff::HOT_RELOAD_PATHS)?)
}
