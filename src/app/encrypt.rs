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
use crate::strength;
use auditcfg_core::crypto::{self, FileKind, FileOptions, FileParams, Kdf, METADATA_KEY};
use leptos::prelude::*;
use serde_json::Value;
use wasm_bindgen::JsCast;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    File,
    Fields,
}

fn say(ui: Ui, kind: StatusKind, text: impl Into<String>) {
    ui.status.set(Status {
        text: text.into(),
        kind,
        undo: false,
    });
}

/// 32 random bytes (the core's generator: `crypto.getRandomValues`).
pub fn random_salt() -> Result<Vec<u8>, String> {
    let hex = auditcfg_core::preset::random_hex_32().map_err(|e| e.to_string())?;
    (0..hex.len() / 2)
        .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).map_err(|e| e.to_string()))
        .collect()
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

    let encrypt = move |_| {
        let pw = password.get_untracked();
        if pw.is_empty() {
            say(ui, StatusKind::Error, "Enter a password first.");
            return;
        }
        let text = state::current_text();
        let Some(doc) = auditcfg_core::parse(&text, None).document else {
            say(
                ui,
                StatusKind::Error,
                "The document has syntax errors: fix them before encrypting.",
            );
            return;
        };
        let kdf = Kdf::Pbkdf2 {
            iterations: iterations.get_untracked(),
        };
        let m = mode.get_untracked();
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = async {
                let salt = random_salt()?;
                let key = webcrypto::derive(&pw, &salt, kdf, progress).await?;
                match m {
                    Mode::File => {
                        let plain =
                            crypto::upstream_plaintext(doc.value()).map_err(|e| e.to_string())?;
                        let opts = FileOptions {
                            kdf,
                            salt: Some(salt.clone()),
                            ..FileOptions::default()
                        };
                        crypto::encrypt_file_with_key(&plain, &key, &salt, &opts)
                            .map_err(|e| e.to_string())
                    }
                    Mode::Fields => {
                        crypto::seal_fields_with_key(doc.value(), &key, &salt, &kdf, &[])
                            .map(|v| auditcfg_core::to_json(&v))
                            .map_err(|e| e.to_string())
                    }
                }
            }
            .await;
            busy.set(false);
            match result {
                Ok(out) => {
                    output.set(out);
                    let what = match m {
                        Mode::File => "Encrypted the whole file (AES-256-GCM, PBKDF2-SHA256)",
                        Mode::Fields => {
                            "Sealed every secret (enc:v1, AES-256-GCM); the rest stays readable"
                        }
                    };
                    say(ui, StatusKind::Done, format!("{what}. Download it below."));
                }
                Err(e) => say(ui, StatusKind::Error, format!("Encryption failed: {e}")),
            }
        });
    };

    let decrypt = move |_| {
        let pw = password.get_untracked();
        if pw.is_empty() {
            say(ui, StatusKind::Error, "Enter the file's password first.");
            return;
        }
        let source = {
            let t = input.get_untracked();
            if t.trim().is_empty() {
                state::current_text()
            } else {
                t
            }
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result: Result<(String, &str), String> = async {
                match crypto::inspect_file(&source) {
                    FileKind::Gcm(_) | FileKind::Cbc(_) => {
                        let (salt, kdf) = crypto::file_key_params(&source, &FileParams::default())
                            .map_err(|e| e.to_string())?;
                        let key = webcrypto::derive(&pw, &salt, kdf, progress).await?;
                        let plain = crypto::decrypt_file_with_key(&source, &key).map_err(|e| e.to_string())?;
                        let v: Value = serde_json::from_str(&plain).map_err(|e| e.to_string())?;
                        Ok((auditcfg_core::to_json(&v), "Decrypted the file"))
                    }
                    FileKind::Kms => Err(crypto::CryptoError::KmsEncrypted.to_string()),
                    FileKind::Invalid(e) => Err(e.to_string()),
                    FileKind::NotEncrypted => {
                        let doc = auditcfg_core::parse(&source, None)
                            .document
                            .ok_or("the text does not parse")?;
                        if doc.value().get(METADATA_KEY).is_none() {
                            return Err("this is neither an encrypted file nor a document with sealed secrets".to_owned());
                        }
                        let (salt, kdf) = crypto::sealed_key_params(doc.value()).map_err(|e| e.to_string())?;
                        let key = webcrypto::derive(&pw, &salt, kdf, progress).await?;
                        let v = crypto::open_fields_with_key(doc.value(), &key).map_err(|e| e.to_string())?;
                        Ok((auditcfg_core::to_json(&v), "Opened the sealed secrets"))
                    }
                }
            }
            .await;
            busy.set(false);
            match result {
                Ok((text, what)) => {
                    state::replace(
                        ui,
                        text,
                        Some("decrypted.json".to_owned()),
                        format!("{what}: it is in the editor."),
                        true,
                    );
                }
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
        let kdf = Kdf::PBKDF2_DEFAULT;
        busy.set(true);
        leptos::task::spawn_local(async move {
            let r = async {
                let salt = random_salt()?;
                let key = webcrypto::derive(&pw, &salt, kdf, progress).await?;
                Ok::<_, String>(SealKey { key, salt, kdf })
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
        let Some(el) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        if let Some(file) = el.files().and_then(|f| f.get(0)) {
            let name = file.name();
            leptos::task::spawn_local(async move {
                if let Ok(bytes) = dom::read_file(&file).await {
                    match crate::session::decode_file(&name, &bytes) {
                        Ok(t) => input.set(t),
                        Err(e) => say(ui, StatusKind::Error, e),
                    }
                }
            });
        }
        el.set_value("");
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
