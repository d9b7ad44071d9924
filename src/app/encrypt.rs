//! The encryption view: the whole file in the audit server's format, or
//! the secrets only (field level); a password with a strength meter; key
//! derivation in WebCrypto with progress; the result to download. And the
//! reverse: decrypt a file (or a document with sealed secrets) into the
//! editor. Option: protect this tab's drafts with the same password.

use super::Ui;
use super::dom;
use super::drafts::{self, SealKey};
use super::state::{self, Status, StatusKind};
use super::webcrypto;
use crate::encrypt_flow::{DecryptJob, EncryptJob, Input, Mode, ReadParams, draft_plan};
use crate::strength;
use auditcfg_core::crypto::{self, KdfName, KdfPlan};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

fn say(ui: Ui, kind: StatusKind, text: impl Into<String>) {
    ui.status.set(Status {
        text: text.into(),
        kind,
        undo: false,
    });
}

/// The encryption view.
#[component]
pub fn EncryptView(ui: Ui) -> impl IntoView {
    let mode = RwSignal::new(Mode::File);
    let password = RwSignal::new(String::new());
    let reveal = RwSignal::new(false);
    let iterations = RwSignal::new(crypto::kdf::PBKDF2_DEFAULT_ITERATIONS);
    let progress = RwSignal::new(0.0f64);
    let busy = RwSignal::new(false);
    let output = RwSignal::new(String::new());
    let input = RwSignal::new(String::new());
    let seal_drafts = RwSignal::new(false);
    let strength = Memo::new(move |_| password.with(|p| strength::estimate(p)));

    // What the decrypt input is, and the parameters a file that does not
    // record them needs (prefilled with the server's defaults).
    let read_params = RwSignal::new(ReadParams::default());
    let input_kind = Memo::new(move |_| {
        let pasted = input.with(|t| (!t.trim().is_empty()).then(|| Input::of(t)));
        pasted.or_else(|| {
            // Empty: the editor's document (looked at only while this view shows).
            ui.text_rev.track();
            (ui.tab.get() == super::Tab::Encrypt).then(|| Input::of(&state::current_text()))
        })
    });
    let needs_salt = move || input_kind.get().is_some_and(|i| i.needs_salt());
    let needs_kdf = move || input_kind.get().is_some_and(|i| i.needs_kdf());

    let encrypt = move |_| {
        let pw = password.get_untracked();
        let job = match EncryptJob::prepare(
            &state::current_text(),
            mode.get_untracked(),
            &pw,
            iterations.get_untracked(),
        ) {
            Ok(job) => job,
            Err(e) => {
                say(ui, StatusKind::Error, e);
                return;
            }
        };
        let plan = job.plan.clone();
        derive_then(pw, plan, busy, progress, move |key| {
            match key.and_then(|k| job.finish(k)) {
                Ok((out, what)) => {
                    output.set(out);
                    say(ui, StatusKind::Done, what);
                }
                Err(e) => say(ui, StatusKind::Error, format!("Encryption failed: {e}")),
            }
        });
    };

    let decrypt = move |_| {
        let pw = password.get_untracked();
        let source = {
            let t = input.get_untracked();
            if t.trim().is_empty() {
                state::current_text()
            } else {
                t
            }
        };
        let job = match DecryptJob::prepare(&source, &pw, &read_params.get_untracked()) {
            Ok(job) => job,
            Err(e) => {
                say(ui, StatusKind::Error, format!("Decryption failed: {e}"));
                return;
            }
        };
        let plan = job.plan.clone();
        derive_then(pw, plan, busy, progress, move |key| {
            match key.and_then(|k| job.finish(k)) {
                Ok((text, what)) => state::replace(
                    ui,
                    text,
                    Some("decrypted.json".to_owned()),
                    format!("{what}: it is in the editor."),
                    true,
                ),
                Err(e) => say(ui, StatusKind::Error, format!("Decryption failed: {e}")),
            }
        });
    };

    let protect = move |ev: web_sys::Event| {
        let on = event_target_checked(&ev);
        seal_drafts.set(on);
        if !on {
            drafts::set_seal(ui, None);
            return;
        }
        let pw = password.get_untracked();
        if pw.is_empty() {
            seal_drafts.set(false);
            if let Some(t) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                t.set_checked(false);
            }
            say(ui, StatusKind::Error, "Enter a password first.");
            return;
        }
        let plan = match draft_plan(&pw) {
            Ok(plan) => plan,
            Err(e) => {
                say(ui, StatusKind::Error, e);
                return;
            }
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            let r = async {
                let key = webcrypto::derive(&pw, &plan.salt, plan.kdf, progress).await?;
                Ok::<_, String>(SealKey {
                    key,
                    salt: plan.salt,
                    kdf: plan.kdf,
                })
            }
            .await;
            busy.set(false);
            match r {
                Ok(k) => {
                    drafts::set_seal(ui, Some(k));
                    say(
                        ui,
                        StatusKind::Done,
                        "Drafts of this tab are now stored encrypted with this password.",
                    );
                }
                Err(e) => say(ui, StatusKind::Error, e),
            }
        });
    };

    let download = move |_| {
        let out = output.get_untracked();
        let (name, mime) = match mode.get_untracked() {
            Mode::File => ("config.enc.json", "application/json"),
            Mode::Fields => ("config.sealed.json", "application/json"),
        };
        match dom::download(name, mime, &out) {
            Ok(()) => say(ui, StatusKind::Done, format!("Downloaded {name}.")),
            Err(_) => say(ui, StatusKind::Error, "The browser refused the download."),
        }
    };
    let on_file = move |ev: web_sys::Event| {
        if let Some(file) = dom::chosen_file(&ev) {
            dom::read_config(file, move |text| match text {
                Ok(t) => input.set(t),
                Err(e) => say(ui, StatusKind::Error, e),
            });
        }
    };

    view! {
        <section class="encrypt-pane" aria-label="Encrypt and decrypt">
            <fieldset class="enc-mode">
                <legend>"What to encrypt"</legend>
                <label>
                    <input type="radio" name="enc-mode" data-testid="mode-file" prop:checked=move || mode.get() == Mode::File on:change=move |_| mode.set(Mode::File) />
                    "The whole file (the audit server's encrypted format)"
                </label>
                <label>
                    <input type="radio" name="enc-mode" data-testid="mode-fields" prop:checked=move || mode.get() == Mode::Fields on:change=move |_| mode.set(Mode::Fields) />
                    "Secrets only (field level: the document stays readable and diffable)"
                </label>
            </fieldset>
            <div class="enc-password">
                <label for="enc-password">"Password"</label>
                <span class="secret-row">
                    <input
                        id="enc-password"
                        data-testid="password"
                        type=move || if reveal.get() { "text" } else { "password" }
                        autocomplete="new-password"
                        spellcheck="false"
                        prop:value=move || password.get()
                        on:input=move |ev| password.set(event_target_value(&ev))
                    />
                    <button type="button" class="small" aria-pressed=move || reveal.get().to_string() on:click=move |_| reveal.update(|r| *r = !*r)>
                        {move || if reveal.get() { "Hide" } else { "Reveal" }}
                    </button>
                </span>
                <meter data-testid="strength" min="0" max="4" low="2" high="3" optimum="4" value=move || strength.get().score.to_string() aria-label="Password strength"></meter>
                <span class="strength-label" data-testid="strength-label">
                    {move || {
                        let s = strength.get();
                        if password.with(String::is_empty) { String::new() } else { format!("{} (~{:.0} bits)", s.label(), s.bits) }
                    }}
                </span>
                <label class="field">
                    <span>"Key derivation"</span>
                    <select data-testid="kdf-select" on:change=move |ev| {
                        if let Ok(n) = event_target_value(&ev).parse::<u32>() { iterations.set(n); }
                    }>
                        <option value="600000" selected>"PBKDF2-SHA256, 600,000 iterations (recommended)"</option>
                        <option value="100000">"PBKDF2-SHA256, 100,000 iterations (upstream default)"</option>
                    </select>
                </label>
                <label class="field">
                    <input type="checkbox" data-testid="seal-drafts" on:change=protect />
                    <span>"Also protect this tab's drafts with this password"</span>
                </label>
            </div>
            <div class="enc-actions">
                <button type="button" class="primary" data-testid="encrypt-button" disabled=move || busy.get() on:click=encrypt>"Encrypt"</button>
                <button type="button" data-testid="decrypt-button" disabled=move || busy.get() on:click=decrypt>"Decrypt"</button>
                <progress data-testid="kdf-progress" max="1" value=move || progress.get().to_string() class:idle=move || !busy.get()></progress>
                <span class="progress-label" aria-live="polite">
                    {move || if busy.get() { format!("Deriving the key… {:.0}%", progress.get() * 100.0) } else { String::new() }}
                </span>
            </div>
            <div class="enc-io">
                <div>
                    <h3>"Result"</h3>
                    <textarea data-testid="encrypt-output" readonly spellcheck="false" prop:value=move || output.get() aria-label="Encrypted result"></textarea>
                    <button type="button" data-testid="encrypt-download" disabled=move || output.with(String::is_empty) on:click=download>"Download"</button>
                </div>
                <div>
                    <h3>"Decrypt"</h3>
                    <textarea
                        data-testid="decrypt-input"
                        spellcheck="false"
                        placeholder="Paste an encrypted file or a document with sealed secrets (empty: the editor's document)"
                        prop:value=move || input.get()
                        on:input=move |ev| input.set(event_target_value(&ev))
                        aria-label="Encrypted input"
                    ></textarea>
                    <label class="file-button">
                        "Open encrypted file…"
                        <input type="file" class="visually-hidden" data-testid="decrypt-file" on:change=on_file />
                    </label>
                    <Show when=move || needs_salt() || needs_kdf()>
                        <fieldset class="enc-read-params" data-testid="read-params">
                            <legend>"This file does not record its key derivation: the audit server's settings"</legend>
                            <Show when=needs_salt>
                                <label class="field">
                                    <span>"Salt (hex, the server's AUDIT_CONFIG_SALT)"</span>
                                    <input type="text" data-testid="read-salt" spellcheck="false" autocomplete="off"
                                        prop:value=move || read_params.with(|p| p.salt_hex.clone())
                                        on:input=move |ev| read_params.update(|p| p.salt_hex = event_target_value(&ev)) />
                                </label>
                            </Show>
                            <Show when=needs_kdf>
                                <label class="field">
                                    <span>"Key derivation"</span>
                                    <select data-testid="read-kdf" on:change=move |ev| {
                                        let kdf = if event_target_value(&ev) == "scrypt" { KdfName::Scrypt } else { KdfName::Pbkdf2 };
                                        read_params.update(|p| p.kdf = kdf);
                                    }>
                                        <option value="PBKDF2" selected=move || read_params.with(|p| p.kdf == KdfName::Pbkdf2)>"PBKDF2-SHA256 (server default)"</option>
                                        <option value="scrypt" selected=move || read_params.with(|p| p.kdf == KdfName::Scrypt)>"scrypt (N = 16384, r = 8, p = 1)"</option>
                                    </select>
                                </label>
                                <label class="field" hidden=move || read_params.with(|p| p.kdf == KdfName::Scrypt)>
                                    <span>"Iterations (the server's config; default 100,000)"</span>
                                    <input type="text" inputmode="numeric" data-testid="read-iterations"
                                        prop:value=move || read_params.with(|p| p.iterations.clone())
                                        on:input=move |ev| read_params.update(|p| p.iterations = event_target_value(&ev)) />
                                </label>
                            </Show>
                        </fieldset>
                    </Show>
                </div>
            </div>
            <p class="enc-note">
                "Keys are derived with your browser's WebCrypto (PBKDF2-HMAC-SHA256), byte-compatible with "
                <code>"auditcfg encrypt"</code>" / "<code>"decrypt"</code>
                " and the audit server. The password never leaves this tab and is never stored."
            </p>
        </section>
    }
}

/// Derives the key of a KDF plan in WebCrypto (`busy` meanwhile, with its
/// progress), then hands it to `then`: `Err` is why the key could not be
/// derived, passed on as the job's own error.
fn derive_then(
    password: String,
    plan: KdfPlan,
    busy: RwSignal<bool>,
    progress: RwSignal<f64>,
    then: impl FnOnce(Result<&[u8; 32], String>) + 'static,
) {
    busy.set(true);
    leptos::task::spawn_local(async move {
        let key = webcrypto::derive(&password, &plan.salt, plan.kdf, progress).await;
        busy.set(false);
        then(key.as_ref().map_err(Clone::clone));
    });
}
