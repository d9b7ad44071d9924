//! Component tests in a real browser: the mounted app validates its first
//! document, follows edits (underlines, gutter, panel) and moves the caret
//! to a clicked finding. `wasm-bindgen-test` in headless Chromium through
//! chromedriver; scripts/test-app.sh runs them.

use super::mount;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement, HtmlTextAreaElement};

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
async fn the_app_validates_follows_edits_and_moves_the_caret() {
    mount();
    until("body[data-ready=true]").await;
    until("[data-testid=diagnostic]").await;
    let editor: HtmlTextAreaElement = until("[data-testid=editor]").await.unchecked_into();
    assert!(editor.value().contains("\"environment\": \"production\""));
    assert!(find(".layer .tk").is_some(), "keys are coloured");
    assert!(find(".gutter .g[data-n='1']").is_some(), "line numbers");

    // An edit: one line, one finding at "qa" (UTF-16 offset 16).
    editor.set_value("{\"environment\": \"qa\"}");
    let input = web_sys::Event::new("input").expect("an input event");
    editor.dispatch_event(&input).expect("dispatched");
    let row: HtmlElement = until("[data-testid=diagnostic][data-path='/environment']")
        .await
        .unchecked_into();
    assert_eq!(row.get_attribute("data-severity").as_deref(), Some("error"));
    assert_eq!(row.get_attribute("data-offset").as_deref(), Some("16"));
    assert!(find(".gutter .g.me[data-n='1']").is_some(), "gutter marker");
    let underlined = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector_all(".layer .ue").ok())
        .map(|list| {
            (0..list.length())
                .filter_map(|i| list.item(i)?.text_content())
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    assert!(underlined.iter().any(|t| t == "\"qa\""), "{underlined:?}");
    assert!(
        underlined.iter().any(|t| t == "{"),
        "missing sections point at the root"
    );
    assert!(find(".gutter .g[data-n='2']").is_none(), "one line now");

    row.click();
    assert_eq!(editor.selection_start(), Ok(Some(16)));
    assert_eq!(editor.selection_end(), Ok(Some(16)));
}
