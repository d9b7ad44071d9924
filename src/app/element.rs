//! The editor as a custom element, `<audit-config-editor>`, for pages
//! that embed it (see README, "Embedding"): attributes `environment`
//! (validate as) and `value` (the initial document); DOM events `change`
//! (`detail`: the text) and `validation` (`detail`: counts and findings).
//! One editor per page (the editor's state is per page).

use super::Ui;
use super::state;
use crate::findings;
use auditcfg_core::Environment;
use leptos::prelude::*;
use std::cell::RefCell;
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/app/element.js")]
extern "C" {
    fn define_element(mount: &Closure<dyn Fn(web_sys::HtmlElement)>);
}

thread_local! {
    /// The element the editor is mounted in, when embedded.
    static HOST: RefCell<Option<web_sys::HtmlElement>> = const { RefCell::new(None) };
}

/// The embedding element, if any.
pub fn host() -> Option<web_sys::HtmlElement> {
    HOST.with(|h| h.borrow().clone())
}

/// Defines `<audit-config-editor>`; each one connected mounts the editor.
pub fn define() {
    let mount = Closure::<dyn Fn(web_sys::HtmlElement)>::new(|host: web_sys::HtmlElement| {
        if HOST.with(|h| h.borrow().is_some()) {
            let _ = host.set_attribute("data-error", "one audit-config-editor per page");
            return;
        }
        HOST.with(|h| *h.borrow_mut() = Some(host.clone()));
        super::drafts::disable();
        let value = host.get_attribute("value");
        let env = host
            .get_attribute("environment")
            .and_then(|e| Environment::from_name(&e));
        let target = host.clone();
        let handle = mount_to(target, move || {
            view! { <super::App embedded=Some((value.clone(), env)) /> }
        });
        handle.forget();
    });
    define_element(&mount);
    mount.forget();
}

/// Wires attribute changes and the `value` getter once the app is up.
pub fn wire(ui: Ui) {
    let Some(host) = host() else {
        return;
    };
    let on_attr = Closure::<dyn Fn(String, Option<String>)>::new(
        move |name: String, value: Option<String>| match name.as_str() {
            "environment" => {
                ui.env
                    .set(value.as_deref().and_then(Environment::from_name));
                state::validate_now(ui);
            }
            "value" => {
                if let Some(v) = value
                    && v != state::current_text()
                {
                    state::apply_text(ui, v, Some("replace"));
                }
            }
            _ => {}
        },
    );
    let text = Closure::<dyn Fn() -> String>::new(state::current_text);
    let _ = js_sys::Reflect::set(
        &host,
        &JsValue::from_str("__auditcfgOnAttribute"),
        on_attr.as_ref(),
    );
    let _ = js_sys::Reflect::set(&host, &JsValue::from_str("__auditcfgText"), text.as_ref());
    on_attr.forget();
    text.forget();
}

fn dispatch(name: &str, detail: &JsValue) {
    let Some(host) = host() else {
        return;
    };
    let init = web_sys::CustomEventInit::new();
    init.set_detail(detail);
    init.set_bubbles(true);
    init.set_composed(true);
    if let Ok(ev) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&ev);
    }
}

/// Subscribes the embedding page to the document: a `change` event after
/// every change of the text, a `validation` event after every validation.
pub fn subscribe(ui: Ui) {
    if host().is_none() {
        return;
    }
    Effect::watch(
        move || ui.text_rev.get(),
        move |_, _, _| emit_change(ui),
        false,
    );
    Effect::watch(
        move || ui.seq.get(),
        move |_, _, _| emit_validation(ui),
        false,
    );
}

/// `change`, with the text as `detail`.
fn emit_change(_ui: Ui) {
    if host().is_some() {
        dispatch("change", &JsValue::from_str(&state::current_text()));
    }
}

/// `validation`, with `{errors, warnings, infos, environment,
/// diagnostics: [{code, severity, path, message, line, column}]}`.
fn emit_validation(ui: Ui) {
    if host().is_none() {
        return;
    }
    let rows = state::rows();
    let counts = findings::counts(&rows);
    let detail = serde_json::json!({
        "errors": counts.errors,
        "warnings": counts.warnings,
        "infos": counts.infos,
        "environment": ui.effective_env.get_untracked().map(|e| e.as_str()),
        "diagnostics": rows.iter().map(|r| serde_json::json!({
            "code": r.code,
            "severity": r.severity.as_str(),
            "path": r.path,
            "message": r.message,
            "line": r.line,
            "column": r.column,
        })).collect::<Vec<_>>(),
    });
    let value = js_sys::JSON::parse(&detail.to_string()).unwrap_or(JsValue::NULL);
    dispatch("validation", &value);
}
