//! Component tests in a real browser: the mounted app validates its first
//! document and lists the findings. `wasm-bindgen-test` in headless Chromium through
//! chromedriver; scripts/test-app.sh runs them.

use super::mount;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn find(selector: &str) -> Option<Element> {
    web_sys::window()?
        .document()?
        .query_selector(selector)
        .ok()
        .flatten()
}

async fn until(selector: &str) -> Element {
    for _ in 0..500 {
        if let Some(el) = find(selector) {
            return el;
        }
        sleep(10).await;
    }
    panic!("nothing matches {selector}");
}

#[wasm_bindgen_test]
async fn the_app_validates_its_first_document_without_the_editor_bundle() {
    // The test page has no CodeMirror bundle (`codemirror-*.js`, loaded by
    // the boot module in dist/): the app still validates and lists the
    // findings, and says that the editor did not load. The editor itself is
    // covered by tests/browser/editor.test.mjs and app.test.mjs.
    mount();
    until("body[data-ready=true]").await;
    let row: HtmlElement = until("[data-testid=diagnostic]").await.unchecked_into();
    assert!(row.get_attribute("data-offset").is_some());
    assert!(super::state::current_text().contains("\"environment\": \"production\""));
    let status = until("[data-testid=status]").await;
    assert!(
        status
            .text_content()
            .unwrap_or_default()
            .contains("editor did not load"),
    );
    assert!(find(".cm-host").is_some());
}
