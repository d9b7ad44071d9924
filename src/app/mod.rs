//! The Leptos components: the tab bar, the toolbar, the source editor
//! (CodeMirror 6, `cm`), the findings panel and the status line.

mod cm;
mod diffview;
mod dom;
mod drafts;
mod element;
mod encrypt;
mod form;
mod panel;
pub(crate) mod policies;
pub mod state;
mod statusbar;
#[cfg(all(test, target_arch = "wasm32"))]
mod tests;
mod toolbar;
mod webcrypto;

use crate::findings::Row;
use crate::session;
use auditcfg_core::{Environment, Format};
use leptos::html;
use leptos::prelude::*;
use state::{Status, StatusKind};

/// Mounts the app on `<body>`, unless the page only embeds the editor
/// (`globalThis.__auditcfgEmbed`, set by `embed.js`); defines the
/// `<audit-config-editor>` custom element either way.
pub fn mount() {
    element::define();
    let embed_only = web_sys::window()
        .and_then(|w| {
            js_sys::Reflect::get(&w, &wasm_bindgen::JsValue::from_str("__auditcfgEmbed")).ok()
        })
        .is_some_and(|v| v.is_truthy());
    if !embed_only {
        mount_to_body(|| view! { <App embedded=None /> });
    }
}

/// The views.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// The source editor.
    Source,
    /// The form.
    Form,
    /// The diff.
    Diff,
    /// Encryption.
    Encrypt,
}

impl Tab {
    const ALL: [Tab; 4] = [Tab::Source, Tab::Form, Tab::Diff, Tab::Encrypt];
    fn id(self) -> &'static str {
        match self {
            Tab::Source => "source",
            Tab::Form => "form",
            Tab::Diff => "diff",
            Tab::Encrypt => "encrypt",
        }
    }
    fn label(self) -> &'static str {
        match self {
            Tab::Source => "Source",
            Tab::Form => "Form",
            Tab::Diff => "Diff",
            Tab::Encrypt => "Encrypt",
        }
    }
}

/// Signals and element references shared by the components and actions.
#[derive(Clone, Copy)]
pub struct Ui {
    /// Where CodeMirror is mounted.
    host: NodeRef<html::Div>,
    file_input: NodeRef<html::Input>,
    rows: RwSignal<Vec<Row>>,
    env: RwSignal<Option<Environment>>,
    effective_env: RwSignal<Option<Environment>>,
    format: RwSignal<Format>,
    file_name: RwSignal<Option<String>>,
    dirty: RwSignal<bool>,
    status: RwSignal<Status>,
    cursor: RwSignal<(usize, usize)>,
    last_ms: RwSignal<f64>,
    seq: RwSignal<u64>,
    active: RwSignal<Option<String>>,
    dragging: RwSignal<bool>,
    tab: RwSignal<Tab>,
    /// Bumped on every change of the text.
    text_rev: RwSignal<u64>,
    /// Bumped when a text was superseded (replaced, saved): the drafts
    /// take it as an earlier version.
    superseded: RwSignal<u64>,
    /// Bumped when the policies that can be evaluated change (loaded,
    /// removed, the policy module ready): the diff view re-checks.
    policy_rev: RwSignal<u64>,
    can_undo: RwSignal<bool>,
    can_redo: RwSignal<bool>,
    /// What happened to the draft (saved, stripped, sealed, waiting).
    draft_note: RwSignal<String>,
    /// An encrypted draft waits for its password.
    draft_pending: RwSignal<bool>,
    /// Mounted in an `<audit-config-editor>`.
    embedded: bool,
}

impl std::fmt::Debug for Ui {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Ui")
    }
}

impl Ui {
    fn new(embedded: bool) -> Self {
        Ui {
            host: NodeRef::new(),
            file_input: NodeRef::new(),
            rows: RwSignal::new(Vec::new()),
            env: RwSignal::new(None),
            effective_env: RwSignal::new(None),
            format: RwSignal::new(Format::Json),
            file_name: RwSignal::new(None),
            dirty: RwSignal::new(false),
            status: RwSignal::new(Status {
                text: "Ready. Everything stays in this browser tab.".to_owned(),
                kind: StatusKind::Info,
                undo: false,
            }),
            cursor: RwSignal::new((1, 1)),
            last_ms: RwSignal::new(0.0),
            seq: RwSignal::new(0),
            active: RwSignal::new(None),
            dragging: RwSignal::new(false),
            tab: RwSignal::new(Tab::Source),
            text_rev: RwSignal::new(0),
            superseded: RwSignal::new(0),
            policy_rev: RwSignal::new(0),
            can_undo: RwSignal::new(false),
            can_redo: RwSignal::new(false),
            draft_note: RwSignal::new(String::new()),
            draft_pending: RwSignal::new(false),
            embedded,
        }
    }
}

/// The first document: the production preset (which upstream's own
/// validator rejects, so the panel has something to show).
fn first_document() -> (String, Option<String>) {
    match session::preset_text(
        Environment::Production,
        js_sys::Date::now() as i64,
        Format::Json,
    ) {
        Ok(text) => (text, Some("production.json".to_owned())),
        Err(_) => ("{}\n".to_owned(), None),
    }
}

fn has_files(ev: &web_sys::DragEvent) -> bool {
    ev.data_transfer().is_some_and(|dt| {
        dt.types()
            .includes(&wasm_bindgen::JsValue::from_str("Files"), 0)
    })
}

/// The app. `embedded`: mounted in an `<audit-config-editor>`, with its
/// `value` and `environment` attributes.
#[component]
pub fn App(embedded: Option<(Option<String>, Option<Environment>)>) -> impl IntoView {
    let ui = Ui::new(embedded.is_some());
    if let Some((_, env)) = &embedded {
        ui.env.set(*env);
    }
    let embedded_value = embedded.and_then(|(v, _)| v);

    // Set the editor up once it is in the DOM.
    Effect::new(move |_| {
        if ui.host.get().is_some() {
            let value = embedded_value.clone();
            untrack(move || {
                let (text, name) = match value {
                    Some(v) => (session::normalize_newlines(&v).into_owned(), None),
                    None if ui.embedded => ("{}\n".to_owned(), None),
                    None => drafts::at_start(ui).unwrap_or_else(first_document),
                };
                // The draft is saved on the first change (a restored draft's
                // note stays until then).
                state::init(ui, text, name);
                element::wire(ui);
            });
        }
    });
    // Persistence and the embedding page follow the document's signals.
    drafts::subscribe(ui);
    element::subscribe(ui);

    // The tab's title: the file, and whether it has unsaved changes.
    Effect::new(move |_| {
        if ui.embedded {
            return;
        }
        let name = ui.file_name.get().unwrap_or_else(|| "untitled".to_owned());
        let mark = if ui.dirty.get() { "● " } else { "" };
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&format!("{mark}{name} — auditcfg"));
        }
    });

    // Global keys: F8 / Shift+F8 walk the findings from anywhere; Ctrl+S
    // downloads in the document's format; Ctrl+O opens a file.
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        // The editor handled it (its own undo, redo, search…).
        if ev.default_prevented() {
            return;
        }
        let ctrl = ev.ctrl_key() || ev.meta_key();
        match ev.key().as_str() {
            "F8" => {
                ev.prevent_default();
                state::step(ui, !ev.shift_key());
            }
            "s" | "S" if ctrl && !ev.alt_key() => {
                ev.prevent_default();
                state::download(ui, ui.format.get_untracked(), false);
            }
            "z" | "Z" if ctrl && !ev.alt_key() => {
                ev.prevent_default();
                if ev.shift_key() {
                    state::redo(ui);
                } else {
                    state::undo(ui);
                }
            }
            "y" | "Y" if ctrl && !ev.alt_key() => {
                ev.prevent_default();
                state::redo(ui);
            }
            "o" | "O" if ctrl && !ev.alt_key() => {
                ev.prevent_default();
                if let Some(input) = ui.file_input.get_untracked() {
                    input.click();
                }
            }
            _ => {}
        }
    });
    // Files dragged anywhere onto the page open; text dragged within the
    // editor keeps its usual meaning.
    let over = window_event_listener(leptos::ev::dragover, move |ev| {
        if has_files(&ev) {
            ev.prevent_default();
            if let Some(dt) = ev.data_transfer() {
                dt.set_drop_effect("copy");
            }
            ui.dragging.set(true);
        }
    });
    let leave = window_event_listener(leptos::ev::dragleave, move |ev| {
        if ev.related_target().is_none() {
            ui.dragging.set(false);
        }
    });
    let drop = window_event_listener(leptos::ev::drop, move |ev| {
        if !has_files(&ev) {
            return;
        }
        ev.prevent_default();
        ui.dragging.set(false);
        if let Some(file) = ev
            .data_transfer()
            .and_then(|dt| dt.files())
            .and_then(|f| f.get(0))
        {
            state::open_file(ui, file);
        }
    });
    let unload = window_event_listener_untyped("beforeunload", move |ev| {
        drafts::save_now(ui);
        if state::is_dirty() && !ui.embedded {
            ev.prevent_default();
            // Older browsers need a return value to ask.
            let _ = js_sys::Reflect::set(
                &ev,
                &wasm_bindgen::JsValue::from_str("returnValue"),
                &wasm_bindgen::JsValue::from_str(""),
            );
        }
    });
    let hide = window_event_listener_untyped("pagehide", move |_| drafts::save_now(ui));
    on_cleanup(move || {
        keys.remove();
        over.remove();
        leave.remove();
        drop.remove();
        unload.remove();
        hide.remove();
    });
    let visited_form = Memo::new(move |prev: Option<&bool>| {
        prev.copied().unwrap_or(false) || ui.tab.get() == Tab::Form
    });
    let visited_diff = Memo::new(move |prev: Option<&bool>| {
        prev.copied().unwrap_or(false) || ui.tab.get() == Tab::Diff
    });
    let visited_encrypt = Memo::new(move |prev: Option<&bool>| {
        prev.copied().unwrap_or(false) || ui.tab.get() == Tab::Encrypt
    });

    view! {
        <div
            class="app"
            class:dragging=move || ui.dragging.get()
            class:embedded=ui.embedded
            on:change=move |ev| {
                // Embedded: the inner controls' own `change` events stop
                // here, so the host page hears only the editor's.
                if ui.embedded {
                    ev.stop_propagation();
                }
            }
        >
            <header class="top">
                <h1 class="brand">
                    <span class="logo" aria-hidden="true">"⟨⟩"</span>
                    "auditcfg"
                </h1>
                <nav class="tabs" role="tablist" aria-label="Views">
                    {Tab::ALL
                        .iter()
                        .map(|t| {
                            let t = *t;
                            view! {
                                <button
                                    type="button"
                                    role="tab"
                                    id=format!("tab-{}", t.id())
                                    data-testid=format!("tab-{}", t.id())
                                    aria-selected=move || (ui.tab.get() == t).to_string()
                                    aria-controls=format!("view-{}", t.id())
                                    class="tab"
                                    class:active=move || ui.tab.get() == t
                                    on:click=move |_| select_tab(ui, t)
                                >
                                    {t.label()}
                                </button>
                            }
                        })
                        .collect_view()}
                </nav>
                <p class="offline-note">"Offline · nothing leaves this tab"</p>
            </header>
            <toolbar::Toolbar ui=ui />
            <toolbar::DraftBanner ui=ui />
            <main class="view" role="presentation">
                <div class="pane" id="view-source" role="tabpanel" aria-labelledby="tab-source" hidden=move || ui.tab.get() != Tab::Source>
                    <SourceEditor ui=ui />
                </div>
                <div class="pane" id="view-form" role="tabpanel" aria-labelledby="tab-form" hidden=move || ui.tab.get() != Tab::Form>
                    {move || visited_form.get().then(|| view! { <form::FormView ui=ui /> })}
                </div>
                <div class="pane" id="view-diff" role="tabpanel" aria-labelledby="tab-diff" hidden=move || ui.tab.get() != Tab::Diff>
                    {move || visited_diff.get().then(|| view! { <diffview::DiffView ui=ui /> })}
                </div>
                <div class="pane" id="view-encrypt" role="tabpanel" aria-labelledby="tab-encrypt" hidden=move || ui.tab.get() != Tab::Encrypt>
                    {move || visited_encrypt.get().then(|| view! { <encrypt::EncryptView ui=ui /> })}
                </div>
                <panel::FindingsPanel ui=ui />
            </main>
            <statusbar::StatusBar ui=ui />
            <div class="drop-overlay" aria-hidden="true">
                <p>"Drop a JSON or TOML config to open it"</p>
            </div>
        </div>
    }
}

fn select_tab(ui: Ui, t: Tab) {
    ui.tab.set(t);
    if t == Tab::Source {
        request_animation_frame(move || state::shown(ui));
    }
}

#[component]
fn SourceEditor(ui: Ui) -> impl IntoView {
    view! {
        <section class="editor-pane" aria-label="Source">
            <div class="cm-host" node_ref=ui.host></div>
            <p id="editor-keys" class="keys-hint">
                "Ctrl+Space: complete · Shift+Alt+F: format · Esc then Tab, or Ctrl+M: move focus · F8 / Shift+F8: next / previous finding"
            </p>
        </section>
    }
}
