//! Imperative DOM helpers: downloads, the clipboard, reading files, timing.

use wasm_bindgen::{JsCast, JsValue};

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

/// The file chosen in an `<input type=file>` whose `change` event this is.
/// The input is emptied, so choosing the same file again fires `change`
/// again.
pub fn chosen_file(ev: &web_sys::Event) -> Option<web_sys::File> {
    let input = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())?;
    let file = input.files().and_then(|f| f.get(0));
    input.set_value("");
    file
}

/// Reads a chosen or dropped file as a config's text, then hands it (or
/// why it could not be read) to `done`.
pub fn read_config(file: web_sys::File, done: impl FnOnce(Result<String, String>) + 'static) {
    leptos::task::spawn_local(async move {
        let name = file.name();
        let text = match read_file(&file).await {
            Ok(bytes) => crate::session::decode_file(&name, &bytes),
            Err(_) => Err(format!("Could not read {name}.")),
        };
        done(text);
    });
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
