//! The toolbar (history, open, presets, environment, convert, export)
//! and the draft banner.

use super::state;
use super::{Ui, dom, drafts, webcrypto};
use crate::session;
use auditcfg_core::{Environment, Format};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Offers to restore an encrypted draft; says how drafts are stored.
#[component]
pub fn DraftBanner(ui: Ui) -> impl IntoView {
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
pub fn Toolbar(ui: Ui) -> impl IntoView {
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
                <FileButton
                    label="Open…"
                    title="Open a JSON or TOML file (Ctrl+O), or drop one on the page"
                    testid="open"
                    input_testid="open-file"
                    accept=".json,.toml,application/json,application/toml,text/plain"
                    input=ui.file_input
                    on_file=Callback::new(move |file| state::open_file(ui, file))
                />
                <label class="field">
                    <span>"New from preset"</span>
                    <select data-testid="preset-select" on:change=on_preset>
                        <option value="" selected>"Choose…"</option>
                        <EnvironmentOptions />
                    </select>
                </label>
                <label class="field">
                    <span>"Validate as"</span>
                    <select data-testid="env-select" on:change=on_env>
                        <option value="" selected>"document's environment"</option>
                        <EnvironmentOptions />
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
            <super::policies::PolicyBar ui=ui />
        </div>
    }
}

/// One `<option>` per environment.
#[component]
fn EnvironmentOptions() -> impl IntoView {
    Environment::ALL
        .iter()
        .map(|e| view! { <option value=e.as_str()>{e.as_str()}</option> })
        .collect_view()
}

/// A button that opens a hidden file input (`input`, so that a shortcut can
/// open it too); `on_file` gets the file chosen.
#[component]
pub fn FileButton(
    label: &'static str,
    title: &'static str,
    testid: &'static str,
    input_testid: &'static str,
    accept: &'static str,
    input: NodeRef<leptos::html::Input>,
    on_file: Callback<web_sys::File>,
) -> impl IntoView {
    view! {
        <button
            type="button"
            data-testid=testid
            title=title
            on:click=move |_| {
                if let Some(i) = input.get_untracked() {
                    i.click();
                }
            }
        >
            {label}
        </button>
        <input
            type="file"
            class="visually-hidden"
            tabindex="-1"
            aria-hidden="true"
            accept=accept
            data-testid=input_testid
            node_ref=input
            on:change=move |ev: web_sys::Event| {
                if let Some(file) = dom::chosen_file(&ev) {
                    on_file.run(file);
                }
            }
        />
    }
}
