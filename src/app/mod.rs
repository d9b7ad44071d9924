//! The Leptos components: the tab bar, the toolbar, the source editor
//! (CodeMirror 6, `cm`), the findings panel and the status line.

mod cm;
mod diffview;
mod dom;
mod drafts;
mod element;
mod encrypt;
mod form;
pub mod state;
#[cfg(all(test, target_arch = "wasm32"))]
mod tests;
mod webcrypto;

use crate::findings::{self, Row};
use crate::session;
use auditcfg_core::{Environment, Format, Severity};
use leptos::html;
use leptos::prelude::*;
use state::{Status, StatusKind};
use std::collections::HashMap;
use wasm_bindgen::JsCast;

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
            <Toolbar ui=ui />
            <DraftBanner ui=ui />
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
                <FindingsPanel ui=ui />
            </main>
            <StatusBar ui=ui />
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

/// Offers to restore an encrypted draft; says how drafts are stored.
#[component]
fn DraftBanner(ui: Ui) -> impl IntoView {
    let pending = ui.draft_pending;
    let password = RwSignal::new(String::new());
    let progress = RwSignal::new(0.0);
    let restore = move |_| {
        let Some(file) = drafts::pending() else {
            return;
        };
        let pw = password.get_untracked();
        leptos::task::spawn_local(async move {
            let r = async {
                let (salt, kdf) =
                    auditcfg_core::crypto::file_key_params(&file, &Default::default())
                        .map_err(|e| e.to_string())?;
                let key = webcrypto::derive(&pw, &salt, kdf, progress).await?;
                let (text, name) = crate::draft::open_sealed(&file, &key)?;
                Ok::<_, String>((text, name, drafts::SealKey { key, salt, kdf }))
            }
            .await;
            match r {
                Ok((text, name, key)) => {
                    drafts::resolve_pending(ui);
                    drafts::set_seal(ui, Some(key));
                    pending.set(false);
                    state::replace(
                        ui,
                        text,
                        name,
                        "Restored your encrypted draft; drafts stay encrypted with this password."
                            .to_owned(),
                        true,
                    );
                }
                Err(e) => ui.draft_note.set(format!("Could not open the draft: {e}")),
            }
        });
    };
    let discard = move |_| {
        drafts::resolve_pending(ui);
        pending.set(false);
    };
    view! {
        <div class="draft-bar" class:shown=move || !ui.embedded>
            <span data-testid="draft-status" aria-live="polite">{move || ui.draft_note.get()}</span>
            <span class="draft-restore" class:shown=move || pending.get()>
                <input type="password" data-testid="draft-password" aria-label="Password of the encrypted draft" autocomplete="off" on:input=move |ev| password.set(event_target_value(&ev)) />
                <button type="button" data-testid="draft-restore" on:click=restore>"Restore"</button>
                <button type="button" data-testid="draft-discard" on:click=discard>"Discard"</button>
            </span>
        </div>
    }
}

#[component]
fn Toolbar(ui: Ui) -> impl IntoView {
    let on_file = move |ev: web_sys::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            state::open_file(ui, file);
        }
        // Choosing the same file again must fire `change` again.
        input.set_value("");
    };
    let on_preset = move |ev: web_sys::Event| {
        let value = event_target_value(&ev);
        if let Some(env) = Environment::from_name(&value) {
            state::load_preset(ui, env);
        }
        if let Some(select) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
        {
            select.set_value("");
        }
    };
    let on_env = move |ev: web_sys::Event| {
        ui.env
            .set(session::environment_choice(&event_target_value(&ev)));
        state::validate_now(ui);
    };
    let other_format = move || match ui.format.get() {
        Format::Json => "TOML",
        Format::Toml => "JSON",
    };
    view! {
        <div class="toolbar" role="toolbar" aria-label="Document">
            <div class="group">
                <span class="split" role="group" aria-label="History">
                    <button type="button" data-testid="undo" title="Undo (Ctrl+Z), in the source and the form" disabled=move || !ui.can_undo.get() on:click=move |_| state::undo(ui)>
                        "Undo"
                    </button>
                    <button type="button" data-testid="redo" title="Redo (Ctrl+Shift+Z or Ctrl+Y)" disabled=move || !ui.can_redo.get() on:click=move |_| state::redo(ui)>
                        "Redo"
                    </button>
                </span>
                <button
                    type="button"
                    data-testid="open"
                    title="Open a JSON or TOML file (Ctrl+O), or drop one on the page"
                    on:click=move |_| {
                        if let Some(input) = ui.file_input.get_untracked() {
                            input.click();
                        }
                    }
                >
                    "Open…"
                </button>
                <input
                    type="file"
                    class="visually-hidden"
                    tabindex="-1"
                    aria-hidden="true"
                    accept=".json,.toml,application/json,application/toml,text/plain"
                    data-testid="open-file"
                    node_ref=ui.file_input
                    on:change=on_file
                />
                <label class="field">
                    <span>"New from preset"</span>
                    <select data-testid="preset-select" on:change=on_preset>
                        <option value="" selected>"Choose…"</option>
                        {Environment::ALL
                            .iter()
                            .map(|e| view! { <option value=e.as_str()>{e.as_str()}</option> })
                            .collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>"Validate as"</span>
                    <select data-testid="env-select" on:change=on_env>
                        <option value="" selected>"document's environment"</option>
                        {Environment::ALL
                            .iter()
                            .map(|e| view! { <option value=e.as_str()>{e.as_str()}</option> })
                            .collect_view()}
                    </select>
                </label>
            </div>
            <div class="group">
                <button
                    type="button"
                    data-testid="convert"
                    title="Rewrite the editor's text in the other format"
                    on:click=move |_| state::convert(ui)
                >
                    {move || format!("Convert to {}", other_format())}
                </button>
                <button
                    type="button"
                    data-testid="download-json"
                    title="Download as JSON (Ctrl+S saves in the document's format)"
                    on:click=move |_| state::download(ui, Format::Json, false)
                >
                    "Download JSON"
                </button>
                <button
                    type="button"
                    data-testid="download-toml"
                    on:click=move |_| state::download(ui, Format::Toml, false)
                >
                    "Download TOML"
                </button>
                <button type="button" data-testid="copy" on:click=move |_| state::copy(ui, false)>
                    "Copy"
                </button>
                <span class="split" role="group" aria-label="Masked export for sharing">
                    <button
                        type="button"
                        data-testid="download-masked"
                        title="Download with every secret replaced by ***MASKED*** (URLs keep their shape)"
                        on:click=move |_| state::download(ui, ui.format.get_untracked(), true)
                    >
                        "Export masked"
                    </button>
                    <button
                        type="button"
                        data-testid="copy-masked"
                        title="Copy with every secret masked"
                        on:click=move |_| state::copy(ui, true)
                    >
                        "Copy masked"
                    </button>
                </span>
            </div>
        </div>
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

fn severity_label(s: Severity) -> &'static str {
    match s {
        Severity::Error => "Errors",
        Severity::Warning => "Warnings",
        Severity::Info => "Info",
    }
}

#[component]
fn FindingsPanel(ui: Ui) -> impl IntoView {
    let counts = Memo::new(move |_| ui.rows.with(|r| findings::counts(r)));
    let summary = Memo::new(move |_| findings::summary(counts.get()));
    // Where each finding is now: rows keep their DOM node while the text
    // around them changes; only their position attributes follow.
    let places = Memo::new(move |_| {
        ui.rows.with(|rows| {
            rows.iter()
                .enumerate()
                .map(|(i, r)| {
                    (
                        r.id.clone(),
                        Place {
                            index: i,
                            line: r.line,
                            column: r.column,
                            offset: r.start16,
                        },
                    )
                })
                .collect::<HashMap<_, _>>()
        })
    });
    let section = move |severity: Severity| {
        let items = Memo::new(move |_| {
            ui.rows.with(|rows| {
                rows.iter()
                    .filter(|r| r.severity == severity)
                    .map(RowInfo::of)
                    .collect::<Vec<_>>()
            })
        });
        let count = move || items.with(Vec::len);
        view! {
            <section
                class=format!("group-{}", severity.as_str())
                class:empty=move || count() == 0
                aria-label=severity_label(severity)
            >
                <h3>
                    <span class=format!("dot {}", severity.as_str()) aria-hidden="true"></span>
                    {severity_label(severity)}
                    <span class="n">{count}</span>
                </h3>
                <ul>
                    <For
                        each=move || items.get()
                        key=|r| r.id.clone()
                        children=move |r| view! { <FindingRow ui=ui info=r places=places /> }
                    />
                </ul>
            </section>
        }
    };
    view! {
        <aside class="panel" aria-label="Findings" data-testid="findings" data-seq=move || ui.seq.get()>
            <header class="panel-head">
                <h2>"Findings"</h2>
                <p class="counts" data-testid="counts" aria-live="polite" aria-atomic="true">
                    <span class="sr-only">{move || summary.get()}</span>
                    <span class="badge error" aria-hidden="true" title="Errors">{move || counts.get().errors}</span>
                    <span class="badge warning" aria-hidden="true" title="Warnings">{move || counts.get().warnings}</span>
                    <span class="badge info" aria-hidden="true" title="Info">{move || counts.get().infos}</span>
                </p>
            </header>
            <p class="validated-as">
                {move || match ui.effective_env.get() {
                    Some(e) => format!("Validated as {e}"),
                    None => "Environment unknown: environment rules skipped".to_owned(),
                }}
            </p>
            <div class="groups">
                <p class="all-clear" class:shown=move || ui.rows.with(Vec::is_empty)>
                    "No findings: upstream's validator and every review rule pass."
                </p>
                {section(Severity::Error)}
                {section(Severity::Warning)}
                {section(Severity::Info)}
            </div>
            <details class="probe-hint" data-testid="probe-hint">
                <summary>"Live services"</summary>
                <p>
                    "A browser cannot connect to PostgreSQL or Redis. To check this config against the live services (passwords, TLS, connection limits, eviction policy), run on the server's machine:"
                </p>
                <code class="probe-command">
                    {move || findings::probe_command(ui.file_name.get().as_deref(), ui.effective_env.get())}
                </code>
            </details>
            <details class="shortcuts">
                <summary>"Keyboard"</summary>
                <dl>
                    <dt>"F8 / Shift+F8"</dt>
                    <dd>"next / previous finding"</dd>
                    <dt>"Enter on a finding"</dt>
                    <dd>"put the cursor there"</dd>
                    <dt>"Tab / Shift+Tab"</dt>
                    <dd>"indent / outdent in the editor"</dd>
                    <dt>"Esc, then Tab"</dt>
                    <dd>"leave the editor"</dd>
                    <dt>"Ctrl+M"</dt>
                    <dd>"Tab moves focus (toggle)"</dd>
                    <dt>"Ctrl+O / Ctrl+S"</dt>
                    <dd>"open / download"</dd>
                </dl>
            </details>
        </aside>
    }
}

/// Where a finding is in the current text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Place {
    index: usize,
    line: usize,
    column: usize,
    offset: usize,
}

/// What a row shows that does not move with the text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct RowInfo {
    id: String,
    severity: Severity,
    code: &'static str,
    path: String,
    message: String,
    help: Option<String>,
    fixes: Vec<findings::Fix>,
}

impl RowInfo {
    fn of(r: &Row) -> Self {
        RowInfo {
            id: r.id.clone(),
            severity: r.severity,
            code: r.code,
            path: r.path.clone(),
            message: r.message.clone(),
            help: r.help.clone(),
            fixes: r.fixes.clone(),
        }
    }
}

#[component]
fn FindingRow(ui: Ui, info: RowInfo, places: Memo<HashMap<String, Place>>) -> impl IntoView {
    let id = info.id.clone();
    let place = Memo::new(move |_| places.with(|p| p.get(&id).copied()));
    let id = info.id.clone();
    let active = move || ui.active.with(|a| a.as_deref() == Some(id.as_str()));
    let (severity, code, message) = (info.severity, info.code, info.message.clone());
    // The registry's documentation of the code, rendered when first opened.
    let explained = RwSignal::new(false);
    let label = move || {
        let p = place.get().unwrap_or(Place {
            index: 0,
            line: 0,
            column: 0,
            offset: 0,
        });
        format!(
            "{} {code} on line {}, column {}: {message}",
            severity.as_str(),
            p.line,
            p.column
        )
    };
    view! {
        <li>
            <button
                type="button"
                class=format!("finding {}", info.severity.as_str())
                class:active=active
                data-testid="diagnostic"
                data-severity=info.severity.as_str()
                data-code=info.code
                data-path=info.path.clone()
                data-line=move || place.get().map(|p| p.line)
                data-column=move || place.get().map(|p| p.column)
                data-offset=move || place.get().map(|p| p.offset)
                aria-label=label
                title=info.help.clone().unwrap_or_default()
                on:click={
                    let path = info.path.clone();
                    move |_| {
                        if ui.tab.get_untracked() == Tab::Form {
                            form::focus_field(&path);
                        } else if let Some(p) = place.get() {
                            state::goto(ui, p.index);
                        }
                    }
                }
            >
                <span class="code">{info.code}</span>
                <span class="msg">{info.message.clone()}</span>
                <span class="pos">{move || place.get().map(|p| format!("{}:{}", p.line, p.column))}</span>
                <span class="path">
                    {if info.path.is_empty() { "/".to_owned() } else { info.path.clone() }}
                </span>
                {info.help.clone().map(|h| view! { <span class="help">{h}</span> })}
            </button>
            <span class="finding-actions">
                {info
                    .fixes
                    .iter()
                    .map(|f| {
                        let fix = f.clone();
                        view! {
                            <button type="button" class="fix" data-testid="fix" title=f.title.clone() on:click=move |_| state::apply_fix(ui, &fix)>
                                {format!("Fix: {}", f.title)}
                            </button>
                        }
                    })
                    .collect_view()}
                <details class="explain" data-testid="explain" on:toggle=move |_| explained.set(true)>
                    <summary>"Explain"</summary>
                    <div class="explain-docs">
                        {move || {
                            explained
                                .get()
                                .then(|| auditcfg_core::Code::find(code).map(|c| c.docs()).unwrap_or_default())
                        }}
                    </div>
                </details>
            </span>
        </li>
    }
}

#[component]
fn StatusBar(ui: Ui) -> impl IntoView {
    view! {
        <footer class="statusbar">
            <span class="file" data-testid="file-name">
                {move || ui.file_name.get().unwrap_or_else(|| "untitled".to_owned())}
                <span class="modified" class:shown=move || ui.dirty.get() title="Not downloaded since the last change">
                    " ●"
                    <span class="sr-only">" (modified)"</span>
                </span>
            </span>
            <span class="format" data-testid="format">{move || ui.format.get().as_str().to_uppercase()}</span>
            <span class="cursor">
                {move || {
                    let (l, c) = ui.cursor.get();
                    format!("Ln {l}, Col {c}")
                }}
            </span>
            <span class="timing" title="Time of the last validation">
                {move || format!("validated in {:.1} ms", ui.last_ms.get())}
            </span>
            <span
                class="message"
                class:error=move || ui.status.with(|s| s.kind == StatusKind::Error)
                class:done=move || ui.status.with(|s| s.kind == StatusKind::Done)
                role="status"
                aria-live="polite"
                data-testid="status"
            >
                {move || ui.status.with(|s| s.text.clone())}
                <button
                    type="button"
                    class="link"
                    data-testid="undo-replace"
                    class:shown=move || ui.status.with(|s| s.undo)
                    on:click=move |_| state::undo_replace(ui)
                >
                    "Undo"
                </button>
            </span>
        </footer>
    }
}
