//! The findings panel: counts, findings by severity (click, Enter or F8
//! moves the cursor), their Fix buttons and Explain links.

use super::state;
use super::{Tab, Ui, form};
use crate::findings::{self, Row};
use auditcfg_core::Severity;
use leptos::prelude::*;
use std::collections::HashMap;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/app/element.js")]
extern "C" {
    /// The registry's documentation of a code (a promise of its Markdown).
    fn explain_code(code: &str) -> js_sys::Promise;
}

/// Fetches a code's documentation from the docs module into `docs`.
fn load_docs(code: String, docs: RwSignal<Option<String>>) {
    docs.set(Some(String::new()));
    wasm_bindgen_futures::spawn_local(async move {
        let text = match wasm_bindgen_futures::JsFuture::from(explain_code(&code)).await {
            Ok(v) => v.as_string().unwrap_or_default(),
            Err(_) => {
                "The documentation could not be loaded; `auditcfg explain` prints it.".to_owned()
            }
        };
        docs.set(Some(text));
    });
}

fn severity_label(s: Severity) -> &'static str {
    match s {
        Severity::Error => "Errors",
        Severity::Warning => "Warnings",
        Severity::Info => "Info",
    }
}

#[component]
pub fn FindingsPanel(ui: Ui) -> impl IntoView {
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
    code: String,
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
            code: r.code.clone(),
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
    let (severity, code, message) = (info.severity, info.code.clone(), info.message.clone());
    // The registry's documentation of the code, loaded when first opened.
    let docs = RwSignal::new(None::<String>);
    let label_code = code.clone();
    let label = move || {
        let p = place.get().unwrap_or(Place {
            index: 0,
            line: 0,
            column: 0,
            offset: 0,
        });
        format!(
            "{} {label_code} on line {}, column {}: {message}",
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
                data-code=info.code.clone()
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
                <span class="code">{info.code.clone()}</span>
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
                    .enumerate()
                    .map(|(i, f)| {
                        // The row keeps its node while the text around it
                        // changes: the fix is looked up at click time, in
                        // the current text's offsets.
                        let id = info.id.clone();
                        view! {
                            <button type="button" class="fix" data-testid="fix" title=f.title.clone() on:click=move |_| state::apply_fix_of(ui, &id, i)>
                                {format!("Fix: {}", f.title)}
                            </button>
                        }
                    })
                    .collect_view()}
                <details class="explain" data-testid="explain" on:toggle={
                    let code = code.clone();
                    move |_| {
                        if docs.with_untracked(Option::is_none) {
                            load_docs(code.clone(), docs);
                        }
                    }
                }>
                    <summary>"Explain"</summary>
                    <div class="explain-docs">{move || docs.get()}</div>
                </details>
            </span>
        </li>
    }
}
