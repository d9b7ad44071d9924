//! The form view: one section per top-level key, generated from the
//! schema by the core (`auditcfg_core::form`). Each field reads its value
//! from the editor's text and writes edits back into it (in place, so the
//! source keeps its formatting and the fields the form does not know).

use super::Ui;
use super::dom;
use super::state;
use auditcfg_core::form::{self, Field, FieldKind, Input, Section};
use auditcfg_core::secrets::SecretKind;
use leptos::html;
use leptos::prelude::*;
use serde_json::Value;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Applies a field's new value (`None`: remove the key) to the document.
fn set(ui: Ui, pointer: &str, value: Option<&Value>, error: RwSignal<Option<String>>) {
    let start = dom::now_ms();
    let text = state::current_text();
    match form::set_value(&text, pointer, value) {
        Ok(out) => {
            error.set(None);
            if out != text {
                state::apply_text(ui, out, Some(pointer));
            }
        }
        Err(e) => error.set(Some(e.to_string())),
    }
    dom::expose(
        "__auditcfgLastFormEditMs",
        &wasm_bindgen::JsValue::from_f64(dom::now_ms() - start),
    );
}

fn is_focused(el: &web_sys::Element) -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .is_some_and(|a| &a == el)
}

/// A text control of the form (`<input>`, `<textarea>`).
trait TextControl {
    fn element(&self) -> &web_sys::Element;
    fn put(&self, text: &str);
}

impl TextControl for web_sys::HtmlInputElement {
    fn element(&self) -> &web_sys::Element {
        self
    }
    fn put(&self, text: &str) {
        self.set_value(text);
    }
}

impl TextControl for web_sys::HtmlTextAreaElement {
    fn element(&self) -> &web_sys::Element {
        self
    }
    fn put(&self, text: &str) {
        self.set_value(text);
    }
}

/// Keeps a control showing the document's value, except while the user
/// types in it (their text and its error stay until they leave it).
fn follow<E>(node: NodeRef<E>, shown: Memo<String>, error: RwSignal<Option<String>>)
where
    E: html::ElementType + 'static,
    E::Output: TextControl + JsCast + Clone + 'static,
{
    Effect::new(move |_| {
        let text = shown.get();
        if let Some(el) = node.get()
            && !is_focused(el.element())
        {
            el.put(&text);
            error.set(None);
        }
    });
}

/// Leaving a control: a valid input shows the document's value again; an
/// invalid one stays as typed, marked, until it is fixed.
fn settle<E>(node: NodeRef<E>, shown: Memo<String>, error: RwSignal<Option<String>>)
where
    E: html::ElementType + 'static,
    E::Output: TextControl + JsCast + Clone + 'static,
{
    if error.with_untracked(Option::is_none)
        && let Some(el) = node.get_untracked()
    {
        el.put(&shown.get_untracked());
    }
}

/// The form.
#[component]
pub fn FormView(ui: Ui) -> impl IntoView {
    let sections: Arc<Vec<Section>> = Arc::new(form::sections());
    // The document's value, parsed again after each change of the text
    // while the form is shown.
    let doc = Memo::new(move |_| {
        ui.text_rev.track();
        if ui.tab.get() != super::Tab::Form {
            return None;
        }
        auditcfg_core::parse(&state::current_text(), None)
            .document
            .map(|d| d.into_value())
    });
    let all = sections.clone();
    let unknown = Memo::new(move |_| {
        doc.with(|d| {
            d.as_ref()
                .map(|v| form::unknown_pointers(&all, v))
                .unwrap_or_default()
        })
    });
    let broken = Memo::new(move |_| ui.tab.get() == super::Tab::Form && doc.with(Option::is_none));
    let nav = sections
        .iter()
        .map(|s| {
            let id = format!(
                "form-sec-{}",
                if s.key.is_empty() { "document" } else { &s.key }
            );
            view! { <li><a href=format!("#{id}")>{s.title.clone()}</a></li> }
        })
        .collect_view();
    let body = sections
        .iter()
        .map(|s| view! { <FormSection ui=ui section=s.clone() doc=doc /> })
        .collect_view();
    view! {
        <section class="form-pane" aria-label="Form" data-testid="form">
            <nav class="form-nav" aria-label="Sections"><ul>{nav}</ul></nav>
            <div class="form-body">
                <p class="form-note error" class:shown=move || broken.get() role="alert">
                    "The source has syntax errors: fix them in the Source view to edit as a form."
                </p>
                <p class="form-note" class:shown=move || unknown.with(|u| !u.is_empty()) data-testid="form-unknown">
                    {move || {
                        unknown.with(|u| {
                            format!(
                                "{} the form does not know {} kept exactly as written (edit them in Source): {}",
                                crate::findings::plural(u.len(), "field"),
                                if u.len() == 1 { "is" } else { "are" },
                                u.join(", ")
                            )
                        })
                    }}
                </p>
                {body}
            </div>
        </section>
    }
}

#[component]
fn FormSection(ui: Ui, section: Section, doc: Memo<Option<Value>>) -> impl IntoView {
    let id = format!(
        "form-sec-{}",
        if section.key.is_empty() {
            "document"
        } else {
            &section.key
        }
    );
    let mut group = String::new();
    let mut items = Vec::new();
    for f in section.fields {
        if f.group != group {
            group = f.group.clone();
            if !group.is_empty() {
                items.push(view! { <h3 class="form-group">{group.clone()}</h3> }.into_any());
            }
        }
        items.push(view! { <FormField ui=ui field=f doc=doc /> }.into_any());
    }
    view! {
        <section class="form-section" id=id aria-label=section.title.clone()>
            <h2>{section.title.clone()}</h2>
            <p class="desc">{section.description.clone()}</p>
            {items}
        </section>
    }
}

#[component]
fn FormField(ui: Ui, field: Field, doc: Memo<Option<Value>>) -> impl IntoView {
    let pointer = field.pointer.clone();
    let value =
        Memo::new(move |_| doc.with(|d| d.as_ref().and_then(|v| v.pointer(&pointer).cloned())));
    let kind = field.kind.clone();
    let shown = Memo::new(move |_| value.with(|v| form::display_value(&kind, v.as_ref())));
    let error = RwSignal::new(None::<String>);
    let revealed = RwSignal::new(false);
    let input_id = format!("f{}", field.pointer.replace(['/', '~', '$'], "-"));
    let desc_id = format!("{input_id}-desc");
    let p = field.pointer.clone();
    // The core reads the input (exactly, or refuses it with the reason);
    // an invalid input is shown beside the field and nothing is written.
    let f = field.clone();
    let on_text =
        move |raw: String| match value.with_untracked(|v| form::read_input(&f, &raw, v.as_ref())) {
            Ok(Input::Set(v)) => set(ui, &p, Some(&v), error),
            Ok(Input::Remove) => set(ui, &p, None, error),
            Err(e) => error.set(Some(e)),
        };
    let on_text = Arc::new(on_text);
    let control = match &field.kind {
        FieldKind::Boolean => {
            let p = field.pointer.clone();
            view! {
                <input
                    type="checkbox"
                    role="switch"
                    id=input_id.clone()
                    aria-describedby=desc_id.clone()
                    prop:checked=move || value.with(|v| v.as_ref().and_then(Value::as_bool).unwrap_or(false))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        set(ui, &p, Some(&Value::Bool(on)), error);
                    }
                />
            }
            .into_any()
        }
        FieldKind::Enum { options } => {
            let p = field.pointer.clone();
            let options = options.clone();
            let opts = options.clone();
            view! {
                <select
                    id=input_id.clone()
                    aria-describedby=desc_id.clone()
                    prop:value=move || shown.get()
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if v.is_empty() {
                            set(ui, &p, None, error);
                        } else {
                            set(ui, &p, Some(&Value::String(v)), error);
                        }
                    }
                >
                    {move || {
                        let current = shown.get();
                        let extra = (!current.is_empty() && !opts.contains(&current)).then(|| {
                            view! { <option value=current.clone()>{format!("{current} (not allowed)")}</option> }
                        });
                        let none = current.is_empty().then(|| view! { <option value="">"(not set)"</option> });
                        view! {
                            {none}
                            {extra}
                            {options.iter().map(|o| view! { <option value=o.clone() selected=current == *o>{o.clone()}</option> }).collect_view()}
                        }
                    }}
                </select>
            }
            .into_any()
        }
        FieldKind::List { .. } | FieldKind::Json => {
            let node = NodeRef::<html::Textarea>::new();
            follow(node, shown, error);
            let on_text = on_text.clone();
            let rows = if matches!(field.kind, FieldKind::Json) {
                4
            } else {
                3
            };
            view! {
                <textarea
                    id=input_id.clone()
                    aria-describedby=desc_id.clone()
                    rows=rows
                    spellcheck="false"
                    node_ref=node
                    on:input=move |ev| on_text(event_target_value(&ev))
                    on:blur=move |_| settle(node, shown, error)
                ></textarea>
            }
            .into_any()
        }
        FieldKind::Integer { min, max } | FieldKind::Number { min, max } => {
            let node = NodeRef::<html::Input>::new();
            follow(node, shown, error);
            let on_text = on_text.clone();
            // A text input: a number input hides what was typed when the
            // browser cannot read it (its value is then ""), so the core
            // could not say what is wrong with it.
            let mode = if matches!(field.kind, FieldKind::Integer { .. })
                && min.is_some_and(|m| m >= 0.0)
            {
                "numeric"
            } else {
                "decimal"
            };
            view! {
                <input
                    type="text"
                    inputmode=mode
                    autocomplete="off"
                    spellcheck="false"
                    id=input_id.clone()
                    aria-describedby=desc_id.clone()
                    aria-invalid=move || error.with(Option::is_some).to_string()
                    min=min.map(|m| m.to_string())
                    max=max.map(|m| m.to_string())
                    node_ref=node
                    on:input=move |ev| on_text(event_target_value(&ev))
                    on:blur=move |_| settle(node, shown, error)
                />
            }
            .into_any()
        }
        FieldKind::Text { .. } => {
            let node = NodeRef::<html::Input>::new();
            follow(node, shown, error);
            let secret = field.secret.is_some();
            let generate = (field.secret == Some(SecretKind::Opaque)).then(|| {
                let p = field.pointer.clone();
                view! {
                    <button
                        type="button"
                        class="small"
                        data-testid="generate-secret"
                        title="Replace with 32 random bytes as hex (from crypto.getRandomValues)"
                        on:click=move |_| match auditcfg_core::preset::random_hex_32() {
                            Ok(v) => {
                                set(ui, &p, Some(&Value::String(v)), error);
                                if let Some(el) = node.get_untracked() {
                                    el.set_value(&shown.get_untracked());
                                }
                            }
                            Err(e) => error.set(Some(e.to_string())),
                        }
                    >
                        "Generate"
                    </button>
                }
            });
            let reveal = secret.then(|| {
                view! {
                    <button
                        type="button"
                        class="small"
                        data-testid="reveal-secret"
                        aria-pressed=move || revealed.get().to_string()
                        on:click=move |_| revealed.update(|r| *r = !*r)
                    >
                        {move || if revealed.get() { "Hide" } else { "Reveal" }}
                    </button>
                }
            });
            let on_text = on_text.clone();
            view! {
                <span class="secret-row">
                    <input
                        type=move || if secret && !revealed.get() { "password" } else { "text" }
                        id=input_id.clone()
                        aria-describedby=desc_id.clone()
                        autocomplete="off"
                        spellcheck="false"
                        node_ref=node
                        on:input=move |ev| on_text(event_target_value(&ev))
                        on:blur=move |_| settle(node, shown, error)
                    />
                    {reveal}
                    {generate}
                </span>
            }
            .into_any()
        }
    };
    let _ = on_text;
    let range = match field.kind {
        FieldKind::Integer { min, max } | FieldKind::Number { min, max } => match (min, max) {
            (Some(a), Some(b)) => format!(" ({a} to {b})"),
            (Some(a), None) => format!(" (at least {a})"),
            (None, Some(b)) => format!(" (at most {b})"),
            _ => String::new(),
        },
        _ => String::new(),
    };
    view! {
        <div
            class="form-field"
            data-testid="form-field"
            data-path=field.pointer.clone()
            class:invalid=move || error.with(Option::is_some)
        >
            <label for=input_id.clone()>
                <span class="title">{field.title.clone()}</span>
                <code class="key">{field.key.clone()}</code>
                {field.hot_reload.then(|| view! { <span class="tag live" title="Changes apply live (hot reload), no restart">"live"</span> })}
                {field.secret.is_some().then(|| view! { <span class="tag secret" title="A secret: masked in exports and diffs">"secret"</span> })}
            </label>
            {control}
            <p class="desc" id=desc_id>{format!("{}{range}", field.description)}</p>
            <p class="field-error" role="alert">{move || error.get()}</p>
        </div>
    }
}

/// Scrolls the form to a field (used after a click on a finding while the
/// form is shown).
pub fn focus_field(pointer: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let selector = format!(
        "[data-testid=form-field][data-path=\"{}\"] input, [data-testid=form-field][data-path=\"{}\"] select, [data-testid=form-field][data-path=\"{}\"] textarea",
        pointer, pointer, pointer
    );
    if let Some(el) = document
        .query_selector(&selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}
