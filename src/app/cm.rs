//! The CodeMirror 6 editor (bundled from `web/codemirror/app.js` by
//! `scripts/build-app.sh`, loaded before this wasm, reached through
//! `globalThis.__auditcfgCM`) and the bridge interface it is fed with:
//! `complete`, `hover`, `codeActions`, `format`, `folding` on the core's
//! `ide` layer, in UTF-16 offsets. Diagnostics are pushed by the app after
//! each validation (its scheduler decides when), with their fixes.

use super::Ui;
use crate::positions::TextMap;
use auditcfg_core::ide::{self, IdeOptions};
use auditcfg_core::{TextEdit, TextRange};
use serde_json::{Value, json};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// An editor handle (`web/codemirror/app.js`).
    #[derive(Clone, Debug)]
    pub type Cm;
    #[wasm_bindgen(js_namespace = __auditcfgCM, js_name = create)]
    fn cm_create(parent: &web_sys::HtmlElement, options: &JsValue) -> Cm;
    #[wasm_bindgen(method)]
    pub fn text(this: &Cm) -> String;
    #[wasm_bindgen(method, js_name = setText)]
    pub fn set_text(this: &Cm, text: &str, user_event: &str);
    #[wasm_bindgen(method)]
    pub fn load(this: &Cm, text: &str, format: &str);
    #[wasm_bindgen(method, js_name = setFormat)]
    pub fn set_format(this: &Cm, format: &str);
    #[wasm_bindgen(method, js_name = setDiagnostics)]
    pub fn set_diagnostics(this: &Cm, list: &JsValue);
    #[wasm_bindgen(method, js_name = applyFix)]
    pub fn apply_fix(this: &Cm, fix: &JsValue) -> bool;
    #[wasm_bindgen(method)]
    pub fn head(this: &Cm) -> u32;
    #[wasm_bindgen(method)]
    pub fn select(this: &Cm, anchor: u32, head: u32);
    #[wasm_bindgen(method)]
    pub fn focus(this: &Cm);
    #[wasm_bindgen(method)]
    pub fn undo(this: &Cm) -> bool;
    #[wasm_bindgen(method)]
    pub fn redo(this: &Cm) -> bool;
    #[wasm_bindgen(method, js_name = requestMeasure)]
    pub fn request_measure(this: &Cm);
}

thread_local! {
    static EDITOR: RefCell<Option<Cm>> = const { RefCell::new(None) };
}

/// The editor, once created.
pub fn editor() -> Option<Cm> {
    EDITOR.with(|e| e.borrow().clone())
}

fn to_js(v: &Value) -> JsValue {
    js_sys::JSON::parse(&v.to_string()).unwrap_or(JsValue::NULL)
}

fn edit16(map: &TextMap<'_>, e: &TextEdit) -> Value {
    json!({
        "from": map.to_utf16(e.range.start),
        "to": map.to_utf16(e.range.end),
        "insert": e.new_text,
    })
}

fn options(ui: Ui) -> IdeOptions {
    use leptos::prelude::GetUntracked;
    IdeOptions {
        format: None,
        environment: ui.env.get_untracked(),
    }
}

/// `complete(text, offset)`.
pub fn complete(text: &str, offset16: usize, o: &IdeOptions) -> Value {
    let map = TextMap::new(text);
    let offset = map.to_byte(offset16);
    let items = ide::complete(text, offset, o);
    let (from, to) = items
        .first()
        .map(|c| (c.edit.range.start, c.edit.range.end))
        .unwrap_or((offset, offset));
    json!({
        "from": map.to_utf16(from),
        "to": map.to_utf16(to),
        "items": items.iter().map(|c| json!({
            "label": c.label,
            "kind": serde_json::to_value(c.kind).unwrap_or(Value::Null),
            "detail": c.detail,
            "documentation": c.documentation,
            "live": c.live,
            "restart": c.restart,
            "secret": c.secret,
            "edit": edit16(&map, &c.edit),
            "additionalEdits": c.additional_edits.iter().map(|e| edit16(&map, e)).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

/// `hover(text, offset)`.
pub fn hover(text: &str, offset16: usize, o: &IdeOptions) -> Value {
    let map = TextMap::new(text);
    match ide::hover(text, map.to_byte(offset16), o) {
        Some(h) => json!({
            "pointer": h.pointer,
            "from": map.to_utf16(h.range.start),
            "to": map.to_utf16(h.range.end),
            "markdown": h.markdown,
        }),
        None => Value::Null,
    }
}

/// `codeActions(text, {from, to})`.
pub fn code_actions(text: &str, from16: usize, to16: usize, o: &IdeOptions) -> Value {
    let map = TextMap::new(text);
    let range = TextRange {
        start: map.to_byte(from16),
        end: map.to_byte(to16.max(from16)),
    };
    Value::Array(
        ide::code_actions(text, range, o)
            .iter()
            .map(|a| {
                json!({
                    "title": a.title,
                    "kind": serde_json::to_value(a.kind).unwrap_or(Value::Null),
                    "code": a.code.map(|c| c.as_str()),
                    "pointer": a.pointer,
                    "from": map.to_utf16(a.range.start),
                    "to": map.to_utf16(a.range.end),
                    "preferred": a.preferred,
                    "edits": a.edits.iter().map(|e| edit16(&map, e)).collect::<Vec<_>>(),
                })
            })
            .collect(),
    )
}

/// `folding(text)`.
pub fn folding(text: &str, o: &IdeOptions) -> Value {
    let map = TextMap::new(text);
    Value::Array(
        ide::folding(text, o)
            .iter()
            .map(|r| json!({"from": map.to_utf16(r.start), "to": map.to_utf16(r.end)}))
            .collect(),
    )
}

/// `format(text)`.
pub fn format(text: &str, o: &IdeOptions) -> Value {
    let f = ide::format(text, o);
    json!({"text": f.text, "changed": f.changed, "note": f.note})
}

/// Creates the editor in `parent` with its first text; its changes and
/// caret moves call back into the app.
pub fn create(ui: Ui, parent: &web_sys::HtmlElement, text: &str, format: &str) -> Option<Cm> {
    let has = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("__auditcfgCM"))
        .ok()
        .is_some_and(|v| v.is_object());
    if !has {
        return None;
    }
    let api = js_sys::Object::new();
    let set = |name: &str, f: &JsValue| {
        let _ = js_sys::Reflect::set(&api, &JsValue::from_str(name), f);
    };
    let c = Closure::<dyn Fn(String, u32) -> JsValue>::new(move |t: String, o: u32| {
        to_js(&complete(&t, o as usize, &options(ui)))
    });
    set("complete", c.as_ref());
    c.forget();
    let h = Closure::<dyn Fn(String, u32) -> JsValue>::new(move |t: String, o: u32| {
        to_js(&hover(&t, o as usize, &options(ui)))
    });
    set("hover", h.as_ref());
    h.forget();
    let a = Closure::<dyn Fn(String, JsValue) -> JsValue>::new(move |t: String, r: JsValue| {
        let get = |k: &str| {
            js_sys::Reflect::get(&r, &JsValue::from_str(k))
                .ok()
                .and_then(|v| v.as_f64())
                .unwrap_or(0.0)
                .max(0.0) as usize
        };
        to_js(&code_actions(&t, get("from"), get("to"), &options(ui)))
    });
    set("codeActions", a.as_ref());
    a.forget();
    let fo = Closure::<dyn Fn(String) -> JsValue>::new(move |t: String| {
        to_js(&folding(&t, &options(ui)))
    });
    set("folding", fo.as_ref());
    fo.forget();
    let fm = Closure::<dyn Fn(String) -> JsValue>::new(move |t: String| {
        to_js(&self::format(&t, &options(ui)))
    });
    set("format", fm.as_ref());
    fm.forget();

    let opts = js_sys::Object::new();
    let put = |name: &str, v: &JsValue| {
        let _ = js_sys::Reflect::set(&opts, &JsValue::from_str(name), v);
    };
    put("doc", &JsValue::from_str(text));
    put("format", &JsValue::from_str(format));
    put("api", &api);
    let on_change =
        Closure::<dyn Fn(String, u32, u32)>::new(move |t: String, head: u32, changed: u32| {
            super::state::on_input(ui, t, head as usize, changed as usize);
        });
    put("onChange", on_change.as_ref());
    on_change.forget();
    let on_cursor = Closure::<dyn Fn(u32, u32, u32)>::new(move |line: u32, col: u32, _h: u32| {
        use leptos::prelude::Set;
        ui.cursor.set((line as usize, col as usize));
    });
    put("onCursor", on_cursor.as_ref());
    on_cursor.forget();
    let on_history = Closure::<dyn Fn(bool, bool)>::new(move |u: bool, r: bool| {
        use leptos::prelude::Set;
        ui.can_undo.set(u);
        ui.can_redo.set(r);
    });
    put("onHistory", on_history.as_ref());
    on_history.forget();
    let cm = cm_create(parent, &opts);
    EDITOR.with(|e| *e.borrow_mut() = Some(cm.clone()));
    Some(cm)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completion_in_redis_offers_missing_keys_in_utf16() {
        let text = "{\"😀\": 1, \"redis\": {\"url\": \"redis://x\", }}";
        let at = text[..text.find(", }").expect("gap") + 2]
            .encode_utf16()
            .count();
        let v = complete(text, at, &IdeOptions::default());
        let labels: Vec<&str> = v["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter_map(|i| i["label"].as_str())
            .collect();
        assert!(!labels.contains(&"url"), "{labels:?}");
        assert!(!labels.is_empty());
    }

    #[test]
    fn hover_on_pool_size_has_limits() {
        let text = "{\"😀\": 1, \"database\": {\"poolSize\": 10}}";
        let at = text[..text.find("poolSize").expect("key")]
            .encode_utf16()
            .count();
        let v = hover(text, at, &IdeOptions::default());
        assert!(
            v["markdown"].as_str().unwrap_or("").contains("1 to 100"),
            "{v}"
        );
        let from = v["from"].as_u64().expect("from") as usize;
        let units: Vec<u16> = text.encode_utf16().collect();
        assert_eq!(
            String::from_utf16_lossy(&units[from..from + 10]),
            "\"poolSize\""
        );
    }
}
