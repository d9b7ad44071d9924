//! Organisation policies in the app: policy files the user loads (no
//! secret: kept in local storage, listed, removable) whose findings appear
//! with the built-in ones as the document is validated. The CEL engine is
//! the policy module (`dist/policy/`, the package's `auditcfg/policy` for
//! browsers), imported the first time a policy is loaded: the page itself
//! never carries it. The module only evaluates rules on the document's
//! value; the core places the findings ([`crate::editing::Editing::validate_with`]).

use super::Ui;
use super::dom;
use super::state::{self, Status, StatusKind};
use auditcfg_core::Environment;
use auditcfg_core::policy::{self, Finding};
use leptos::prelude::*;
use serde_json::Value;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

#[wasm_bindgen(module = "/src/app/element.js")]
extern "C" {
    fn load_policy_module() -> js_sys::Promise;
}

/// Where the loaded policies are kept.
const STORAGE_KEY: &str = "auditcfg.policies.v1";

/// A loaded policy file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    /// Its file name.
    pub name: String,
    /// Its text.
    pub text: String,
    /// How many rules it has.
    pub rules: usize,
}

#[derive(Default)]
struct Policies {
    loaded: Vec<Loaded>,
    /// The policy module's namespace, once imported.
    module: Option<JsValue>,
    /// Why the last evaluation failed, if it did.
    failure: Option<String>,
}

thread_local! {
    static POLICIES: RefCell<Policies> = RefCell::new(Policies::default());
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn save(list: &[Loaded]) {
    let json = Value::Array(
        list.iter()
            .map(|p| serde_json::json!({"name": p.name, "text": p.text, "rules": p.rules}))
            .collect(),
    );
    if let Some(s) = storage() {
        let _ = s.set_item(STORAGE_KEY, &json.to_string());
    }
}

fn stored() -> Vec<Loaded> {
    let Some(text) = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten()) else {
        return Vec::new();
    };
    let Ok(Value::Array(items)) = serde_json::from_str::<Value>(&text) else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|p| {
            Some(Loaded {
                name: p.get("name")?.as_str()?.to_owned(),
                text: p.get("text")?.as_str()?.to_owned(),
                rules: p
                    .get("rules")
                    .and_then(Value::as_u64)
                    .and_then(|n| usize::try_from(n).ok())
                    .unwrap_or(0),
            })
        })
        .collect()
}

/// Calls `module[name](args…)`; the result as a JSON value (what the
/// module throws: its message).
fn call(module: &JsValue, name: &str, args: &[JsValue]) -> Result<Value, String> {
    let f: js_sys::Function = js_sys::Reflect::get(module, &JsValue::from_str(name))
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(|| format!("the policy module has no {name}"))?;
    let array: js_sys::Array = args.iter().collect();
    let out = f.apply(&JsValue::NULL, &array).map_err(|e| {
        js_sys::Reflect::get(&e, &JsValue::from_str("message"))
            .ok()
            .and_then(|m| m.as_string())
            .unwrap_or_else(|| "the policy module failed".to_owned())
    })?;
    let text = js_sys::JSON::stringify(&out)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default();
    serde_json::from_str(&text).map_err(|e| format!("the policy module's answer: {e}"))
}

/// Imports the policy module (once), then runs `then` with it.
fn with_module(ui: Ui, then: impl FnOnce(&JsValue) + 'static) {
    if let Some(m) = POLICIES.with(|p| p.borrow().module.clone()) {
        then(&m);
        return;
    }
    leptos::task::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(load_policy_module()).await {
            Ok(m) => {
                POLICIES.with(|p| p.borrow_mut().module = Some(m.clone()));
                dom::expose("__auditcfgPolicyModule", &JsValue::TRUE);
                then(&m);
            }
            Err(_) => ui.status.set(Status {
                text: "The policy module did not load (dist/policy/).".to_owned(),
                kind: StatusKind::Error,
                undo: false,
            }),
        }
    });
}

/// The loaded policies' texts and the module, when both are there.
fn engine() -> Option<(Vec<String>, JsValue)> {
    POLICIES.with(|p| {
        let p = p.borrow();
        let texts: Vec<String> = p.loaded.iter().map(|l| l.text.clone()).collect();
        p.module
            .clone()
            .filter(|_| !texts.is_empty())
            .map(|m| (texts, m))
    })
}

/// The module's unplaced findings of `texts` on `new` (with `old`: the
/// transition rules).
fn evaluate(
    module: &JsValue,
    texts: &[String],
    new: &Value,
    env: Option<Environment>,
    old: Option<&Value>,
) -> Result<Vec<Finding>, String> {
    let texts: js_sys::Array = texts.iter().map(|t| JsValue::from_str(t)).collect();
    let env = env.map_or(JsValue::NULL, |e| JsValue::from_str(e.as_str()));
    let old = old.map_or(JsValue::UNDEFINED, |v| JsValue::from_str(&v.to_string()));
    call(
        module,
        "evaluate",
        &[texts.into(), JsValue::from_str(&new.to_string()), env, old],
    )
    .and_then(policy::read_findings)
}

/// The evaluation of the loaded policies, when there are some and the
/// module is there: what validation calls with the document's value.
pub fn evaluator() -> Option<impl Fn(&Value, Option<Environment>) -> Vec<Finding>> {
    let (texts, module) = engine()?;
    Some(move |value: &Value, env: Option<Environment>| {
        let (found, failure) = match evaluate(&module, &texts, value, env, None) {
            Ok(found) => (found, None),
            Err(e) => (Vec::new(), Some(e)),
        };
        POLICIES.with(|p| p.borrow_mut().failure = failure);
        found
    })
}

/// The evaluation of the loaded policies' transition rules on a change,
/// when there are policies and the module is there (the diff view; a
/// failure shows as no finding there, and in the status line on the next
/// validation).
pub fn change_evaluator() -> Option<impl Fn(&Value, &Value, Option<Environment>) -> Vec<Finding>> {
    let (texts, module) = engine()?;
    Some(move |old: &Value, new: &Value, env: Option<Environment>| {
        evaluate(&module, &texts, new, env, Some(old)).unwrap_or_default()
    })
}

/// Why the last evaluation failed, taken once.
pub fn take_failure() -> Option<String> {
    POLICIES.with(|p| p.borrow_mut().failure.take())
}

/// At start: the stored policies come back (the module is imported only
/// when there are some).
pub fn restore(ui: Ui, list: RwSignal<Vec<Loaded>>) {
    let loaded = stored();
    if loaded.is_empty() {
        return;
    }
    POLICIES.with(|p| p.borrow_mut().loaded = loaded.clone());
    list.set(loaded);
    with_module(ui, move |_| changed(ui));
}

/// Adds a policy file: checked by the module first (its mistakes, with
/// line and column, go to the status line and nothing is added).
fn add(ui: Ui, list: RwSignal<Vec<Loaded>>, name: String, text: String) {
    with_module(ui, move |module| {
        let say = |kind, text: String| {
            ui.status.set(Status {
                text,
                kind,
                undo: false,
            });
        };
        let check = match call(module, "checkPolicy", &[JsValue::from_str(&text)]) {
            Ok(c) => c,
            Err(e) => return say(StatusKind::Error, format!("{name}: {e}")),
        };
        if let Some(first) = check["errors"].as_array().and_then(|e| e.first()) {
            let at = &first["range"]["start"];
            let count = check["errors"].as_array().map_or(1, Vec::len);
            let more = if count > 1 {
                format!(" (and {} more)", count - 1)
            } else {
                String::new()
            };
            return say(
                StatusKind::Error,
                format!(
                    "{name}:{}:{}: {}{more}",
                    at["line"],
                    at["column"],
                    first["message"].as_str().unwrap_or("not a policy file")
                ),
            );
        }
        let rules = check["rules"].as_array().map_or(0, Vec::len);
        let all = POLICIES.with(|p| {
            let mut p = p.borrow_mut();
            p.loaded.retain(|l| l.name != name);
            p.loaded.push(Loaded {
                name: name.clone(),
                text,
                rules,
            });
            p.loaded.clone()
        });
        save(&all);
        list.set(all);
        changed(ui);
        say(
            StatusKind::Done,
            format!(
                "Loaded the policy {name} ({}).",
                crate::findings::plural(rules, "rule")
            ),
        );
    });
}

/// Removes a loaded policy.
fn remove(ui: Ui, list: RwSignal<Vec<Loaded>>, name: &str) {
    let all = POLICIES.with(|p| {
        let mut p = p.borrow_mut();
        p.loaded.retain(|l| l.name != name);
        p.loaded.clone()
    });
    save(&all);
    list.set(all);
    changed(ui);
}

/// The policies that can be evaluated changed: validate again, and let the
/// diff view re-check the change.
fn changed(ui: Ui) {
    state::validate_now(ui);
    ui.policy_rev.update(|n| *n += 1);
}

/// The policies bar: load a policy file, the loaded ones, remove one.
#[component]
pub fn PolicyBar(ui: Ui) -> impl IntoView {
    let list = RwSignal::new(Vec::<Loaded>::new());
    let input = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| untrack(|| restore(ui, list)));
    let on_file = move |file: web_sys::File| {
        let name = file.name();
        dom::read_config(file, move |text| match text {
            Ok(text) => add(ui, list, name, text),
            Err(e) => ui.status.set(Status {
                text: e,
                kind: StatusKind::Error,
                undo: false,
            }),
        });
    };
    view! {
        <div class="group policy-bar" data-testid="policies">
            <super::toolbar::FileButton
                label="Policies…"
                title="Load an organisation policy file (TOML or JSON, CEL rules): its findings join the built-in ones"
                testid="policy-open"
                input_testid="policy-file"
                accept=".toml,.json,application/toml,application/json,text/plain"
                input=input
                on_file=Callback::new(on_file)
            />
            <ul class="policy-list" aria-label="Loaded policies">
                {move || {
                    list.get()
                        .into_iter()
                        .map(|p| {
                            let name = p.name.clone();
                            view! {
                                <li data-testid="policy-item" data-name=p.name.clone()>
                                    <span>{format!("{} ({})", p.name, crate::findings::plural(p.rules, "rule"))}</span>
                                    <button
                                        type="button"
                                        class="small"
                                        data-testid="policy-remove"
                                        aria-label=format!("Remove the policy {}", p.name)
                                        on:click=move |_| remove(ui, list, &name)
                                    >
                                        "×"
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}
