//! Language intelligence for JavaScript editors: `complete`, `hover`,
//! `codeActions`, `format`, `symbols`. Offsets in and out are UTF-16 code
//! units (JavaScript string indexes); edits are `{from, to, insert}`.

use crate::error::{ApiError, JsResult};
use crate::js;
use auditcfg_core::ide::{self, IdeOptions};
use auditcfg_core::{Environment, LineIndex, TextRange};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::wasm_bindgen;

/// Options of the `ide` functions.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Opts {
    format: Option<String>,
    file_name: Option<String>,
    environment: Option<String>,
}

impl Opts {
    fn into_core(self) -> Result<IdeOptions, ApiError> {
        Ok(IdeOptions {
            format: js::input_format(self.format.as_deref(), self.file_name.as_deref())?,
            environment: self
                .environment
                .as_deref()
                .map(str::parse::<Environment>)
                .transpose()?,
        })
    }
}

/// UTF-16 offsets to and from byte offsets of one text.
struct Offsets<'t> {
    text: &'t str,
    index: LineIndex<'t>,
}

impl<'t> Offsets<'t> {
    fn new(text: &'t str) -> Self {
        Offsets {
            text,
            index: LineIndex::new(text),
        }
    }

    fn to_utf16(&self, byte: usize) -> usize {
        self.index.line_col(byte).offset_utf16
    }

    /// The byte offset of a UTF-16 offset (inside a surrogate pair: the
    /// character's start; past the end: the end).
    fn to_byte(&self, utf16: usize) -> usize {
        let mut units = 0;
        for (i, ch) in self.text.char_indices() {
            let next = units + ch.len_utf16();
            if next > utf16 {
                return i;
            }
            units = next;
        }
        self.text.len()
    }

    fn range(&self, r: TextRange) -> Span {
        Span {
            from: self.to_utf16(r.start),
            to: self.to_utf16(r.end),
        }
    }

    fn edit(&self, e: &ide::TextEdit) -> Edit {
        Edit {
            from: self.to_utf16(e.range.start),
            to: self.to_utf16(e.range.end),
            insert: e.new_text.clone(),
        }
    }
}

fn offset_arg(value: &JsValue, what: &str) -> Result<usize, ApiError> {
    value
        .as_f64()
        .filter(|n| n.is_finite() && *n >= 0.0 && n.fract() == 0.0)
        .map(|n| n as usize)
        .ok_or_else(|| ApiError::invalid_argument(format!("{what} must be a non-negative integer")))
}

/// A range in UTF-16 code units.
#[derive(Debug, Serialize)]
struct Span {
    from: usize,
    to: usize,
}

/// A replacement (CodeMirror's change shape).
#[derive(Debug, Serialize)]
struct Edit {
    from: usize,
    to: usize,
    insert: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct CompletionDto {
    label: String,
    kind: ide::CompletionKind,
    detail: String,
    documentation: String,
    live: bool,
    restart: Option<&'static str>,
    secret: bool,
    edit: Edit,
    additional_edits: Vec<Edit>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct CompletionResult {
    /// The partial token the completions replace.
    from: usize,
    to: usize,
    object: String,
    items: Vec<CompletionDto>,
}

/// `complete(text, offset, {format?, environment?})`: the completions at
/// a UTF-16 offset.
#[wasm_bindgen(js_name = complete)]
pub fn complete(text: JsValue, offset: JsValue, options: JsValue) -> JsResult {
    let text = js::string_arg(&text, "text")?;
    let offsets = Offsets::new(&text);
    let at = offsets.to_byte(offset_arg(&offset, "offset")?);
    let options = js::options::<Opts>(options, "complete")?.into_core()?;
    let format = options
        .format
        .unwrap_or_else(|| auditcfg_core::Format::detect(&text));
    let (_, cx) = ide::context(&text, format, at);
    let items = ide::complete(&text, at, &options)
        .iter()
        .map(|c| CompletionDto {
            label: c.label.clone(),
            kind: c.kind,
            detail: c.detail.clone(),
            documentation: c.documentation.clone(),
            live: c.live,
            restart: c.restart,
            secret: c.secret,
            edit: offsets.edit(&c.edit),
            additional_edits: c.additional_edits.iter().map(|e| offsets.edit(e)).collect(),
        })
        .collect();
    let span = offsets.range(cx.token);
    Ok(js::to_js(&CompletionResult {
        from: span.from,
        to: span.to,
        object: cx.object,
        items,
    })?)
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct HoverDto {
    pointer: String,
    from: usize,
    to: usize,
    markdown: String,
}

/// `hover(text, offset, {format?, environment?})`: the Markdown card of
/// the key or value at a UTF-16 offset, or `null`.
#[wasm_bindgen(js_name = hover)]
pub fn hover(text: JsValue, offset: JsValue, options: JsValue) -> JsResult {
    let text = js::string_arg(&text, "text")?;
    let offsets = Offsets::new(&text);
    let at = offsets.to_byte(offset_arg(&offset, "offset")?);
    let options = js::options::<Opts>(options, "hover")?.into_core()?;
    let card = ide::hover(&text, at, &options).map(|h| {
        let span = offsets.range(h.range);
        HoverDto {
            pointer: h.pointer,
            from: span.from,
            to: span.to,
            markdown: h.markdown,
        }
    });
    Ok(js::to_js(&card)?)
}

/// A range argument `{from, to}` in UTF-16 code units.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RangeArg {
    from: usize,
    to: usize,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ActionDto {
    title: String,
    kind: ide::ActionKind,
    code: Option<String>,
    pointer: String,
    from: usize,
    to: usize,
    preferred: bool,
    edits: Vec<Edit>,
}

/// `codeActions(text, {from, to}, {format?, environment?})`: the fixes of
/// the diagnostics in a range, and hints to seal clear-text secrets.
#[wasm_bindgen(js_name = codeActions)]
pub fn code_actions(text: JsValue, range: JsValue, options: JsValue) -> JsResult {
    let text = js::string_arg(&text, "text")?;
    let offsets = Offsets::new(&text);
    let range: RangeArg = serde_json::from_value(js::json_arg(&range, "range")?).map_err(|_| {
        ApiError::invalid_argument("range must be {from, to} with non-negative integers")
    })?;
    if range.from > range.to {
        return Err(ApiError::invalid_argument("range.from must not exceed range.to").into());
    }
    let range = TextRange::new(offsets.to_byte(range.from), offsets.to_byte(range.to));
    let options = js::options::<Opts>(options, "codeActions")?.into_core()?;
    let actions: Vec<ActionDto> = ide::code_actions(&text, range, &options)
        .iter()
        .map(|a| {
            let span = offsets.range(a.range);
            ActionDto {
                title: a.title.clone(),
                kind: a.kind,
                code: a.code.map(|c| c.to_string()),
                pointer: a.pointer.clone(),
                from: span.from,
                to: span.to,
                preferred: a.preferred,
                edits: a.edits.iter().map(|e| offsets.edit(e)).collect(),
            }
        })
        .collect();
    Ok(js::to_js(&actions)?)
}

#[derive(Debug, Serialize)]
struct FormatDto {
    text: String,
    changed: bool,
    note: Option<&'static str>,
}

/// `format(text, {format?})`: JSON in upstream's layout
/// (`JSON.stringify(v, null, 2)`); TOML and broken documents unchanged,
/// with a note.
#[wasm_bindgen(js_name = format)]
pub fn format(text: JsValue, options: JsValue) -> JsResult {
    let text = js::string_arg(&text, "text")?;
    let options = js::options::<Opts>(options, "format")?.into_core()?;
    let f = ide::format(&text, &options);
    Ok(js::to_js(&FormatDto {
        text: f.text,
        changed: f.changed,
        note: f.note,
    })?)
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct SymbolDto {
    name: String,
    pointer: String,
    kind: ide::SymbolKind,
    from: usize,
    to: usize,
    selection_from: usize,
    selection_to: usize,
    children: Vec<SymbolDto>,
}

fn symbol(offsets: &Offsets<'_>, s: &ide::Symbol) -> SymbolDto {
    let r = offsets.range(s.range);
    let sel = offsets.range(s.selection_range);
    SymbolDto {
        name: s.name.clone(),
        pointer: s.pointer.clone(),
        kind: s.kind,
        from: r.from,
        to: r.to,
        selection_from: sel.from,
        selection_to: sel.to,
        children: s.children.iter().map(|c| symbol(offsets, c)).collect(),
    }
}

/// `symbols(text, {format?})`: the outline (sections and their keys, nested).
#[wasm_bindgen(js_name = symbols)]
pub fn symbols(text: JsValue, options: JsValue) -> JsResult {
    let text = js::string_arg(&text, "text")?;
    let offsets = Offsets::new(&text);
    let options = js::options::<Opts>(options, "symbols")?.into_core()?;
    let out: Vec<SymbolDto> = ide::symbols(&text, &options)
        .iter()
        .map(|s| symbol(&offsets, s))
        .collect();
    Ok(js::to_js(&out)?)
}
