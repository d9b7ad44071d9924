//! Imperative DOM helpers: patching the highlighted layer and the gutter,
//! downloads, the clipboard, reading files, timing.

use crate::editor::{EditorModel, Window};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement};

/// `performance.now()` in milliseconds (0 where there is no window).
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Sets a property on `window` (what the browser tests read).
pub fn expose(name: &str, value: &JsValue) {
    if let Some(w) = web_sys::window() {
        let _ = js_sys::Reflect::set(&w, &JsValue::from_str(name), value);
    }
}

/// The editor's layers.
#[derive(Debug, Clone)]
pub struct Layers {
    /// The scroll container (the textarea and the layers scroll with it).
    pub scroller: HtmlElement,
    /// Sized to the whole text; carries `--lines`, `--cols`, `--first`.
    pub sizer: HtmlElement,
    /// The highlighted lines in view.
    pub layer: Element,
    /// The gutter rows in view.
    pub gutter: Element,
}

/// Shows a window of lines: the highlighted layer, the gutter, and the
/// sizes the CSS positions them with.
pub fn paint(layers: &Layers, model: &EditorModel, window: Window) {
    layers.layer.set_inner_html(&model.render_lines(window));
    layers.gutter.set_inner_html(&model.gutter_html(window));
    let style = layers.sizer.style();
    let digits = model.line_count().max(1).ilog10() + 1;
    let _ = style.set_property("--first", &window.first.to_string());
    let _ = style.set_property("--lines", &model.line_count().to_string());
    let _ = style.set_property("--cols", &model.longest_line().to_string());
    let _ = style.set_property("--digits", &digits.max(3).to_string());
}

/// Offers a text as a file download (Blob, object URL, `<a download>`).
pub fn download(name: &str, mime: &str, content: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(name);
    a.set_hidden(true);
    document.body().ok_or("no body")?.append_child(&a)?;
    a.click();
    a.remove();
    // Revoke once the browser has taken the bytes.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(30),
    );
    Ok(())
}

/// Writes text to the clipboard.
pub async fn copy(text: &str) -> Result<(), JsValue> {
    let navigator = web_sys::window().ok_or("no window")?.navigator();
    let promise = navigator.clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map(|_| ())
}

/// Reads a file's bytes.
pub async fn read_file(file: &web_sys::File) -> Result<Vec<u8>, JsValue> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Inserts text at the editor's selection as if typed: the browser keeps
/// it on its undo stack and fires `input`.
pub fn insert_text(text: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
        .and_then(|d| {
            d.exec_command_with_show_ui_and_value("insertText", false, text)
                .ok()
        })
        .unwrap_or(false)
}

/// A length property of an element's computed style, in pixels.
pub fn css_px(el: &Element, property: &str, fallback: f64) -> f64 {
    web_sys::window()
        .and_then(|w| w.get_computed_style(el).ok().flatten())
        .and_then(|s| s.get_property_value(property).ok())
        .and_then(|v| v.trim().trim_end_matches("px").parse::<f64>().ok())
        .unwrap_or(fallback)
}

/// Scrolls so that a 0-based line is visible (in the upper third when it
/// was out of view).
pub fn reveal_line(scroller: &HtmlElement, line: usize, line_height: f64, pad: f64) {
    let top = pad + line as f64 * line_height;
    let view_top = f64::from(scroller.scroll_top());
    let height = f64::from(scroller.client_height());
    if top < view_top || top + line_height > view_top + height {
        scroller.set_scroll_top((top - height / 3.0).max(0.0) as i32);
    }
}

/// Marks the app as ready for the browser tests and for people (removes
/// the loading note).
pub fn mark_ready() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(boot) = document.get_element_by_id("boot") {
        boot.remove();
    }
    if let Some(body) = document.body() {
        let _ = body.dataset().set("ready", "true");
    }
    expose("__auditcfgReadyAt", &JsValue::from_f64(now_ms()));
}
