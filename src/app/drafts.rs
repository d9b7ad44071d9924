//! Drafts in `localStorage` (see [`crate::draft`] for what is stored):
//! saved shortly after every change and when the page is hidden, restored
//! at start. Stripped unless the user chose to protect drafts with their
//! password (the key is derived once and kept in memory only).

use super::Ui;
use super::dom;
use super::state;
use crate::draft::{self, Stored, Version};
use auditcfg_core::crypto::Kdf;
use leptos::prelude::*;
use std::cell::RefCell;
use std::time::Duration;

/// The key that seals drafts, derived from the user's password.
#[derive(Clone)]
pub struct SealKey {
    /// The derived key.
    pub key: [u8; 32],
    /// Its salt.
    pub salt: Vec<u8>,
    /// Its KDF.
    pub kdf: Kdf,
}

#[derive(Default)]
struct Drafts {
    timer: Option<TimeoutHandle>,
    seal: Option<SealKey>,
    /// Secret strings of the last text that parsed.
    known: Vec<String>,
    /// A sealed draft waits for its password: do not overwrite it.
    pending: Option<String>,
    /// Embedded editors keep no drafts.
    off: bool,
}

thread_local! {
    static DRAFTS: RefCell<Drafts> = RefCell::new(Drafts::default());
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Turns drafts off (embedded editors).
pub fn disable() {
    DRAFTS.with(|d| d.borrow_mut().off = true);
}

/// Subscribes the drafts to the document: a draft is saved a little after
/// every change of the text (not at start: a restored draft's note stays
/// until the first change), and every superseded text is kept as an
/// earlier version.
pub fn subscribe(ui: Ui) {
    Effect::watch(
        move || ui.text_rev.get(),
        move |_, _, _| schedule_save(ui),
        false,
    );
    Effect::watch(
        move || ui.superseded.get(),
        move |_, _, _| {
            for v in state::take_superseded() {
                push_version(&v.text, v.name.as_deref());
            }
        },
        false,
    );
}

/// Saves the draft a little after the last change.
fn schedule_save(ui: Ui) {
    let off = DRAFTS.with(|d| d.borrow().off);
    if off {
        return;
    }
    let handle = set_timeout_with_handle(move || save_now(ui), Duration::from_millis(300)).ok();
    DRAFTS.with(|d| {
        if let Some(old) = std::mem::replace(&mut d.borrow_mut().timer, handle) {
            old.clear();
        }
    });
}

/// Saves the draft now.
pub fn save_now(ui: Ui) {
    let (off, pending, seal) = DRAFTS.with(|d| {
        let d = d.borrow();
        (d.off, d.pending.is_some(), d.seal.clone())
    });
    if off || pending {
        return;
    }
    let Some(store) = storage() else {
        ui.draft_note
            .set("Drafts are off: this browser has no local storage.".to_owned());
        return;
    };
    let text = state::current_text();
    let name = ui.file_name.get_untracked();
    let now = js_sys::Date::now();
    let found = draft::secret_strings(&text);
    DRAFTS.with(|d| {
        let mut d = d.borrow_mut();
        for s in found {
            if !d.known.contains(&s) {
                d.known.push(s);
            }
        }
    });
    let (record, note) = match seal {
        Some(k) => {
            match draft::sealed_record(&text, name.as_deref(), now, &k.key, &k.salt, k.kdf) {
                Ok(r) => (
                    r,
                    "Draft saved in this browser, encrypted with your password.".to_owned(),
                ),
                Err(e) => {
                    ui.draft_note.set(format!("Draft not saved: {e}"));
                    return;
                }
            }
        }
        None => {
            let known = DRAFTS.with(|d| d.borrow().known.clone());
            match draft::strip_secrets(&text, &known) {
                Some(stripped) => (
                    draft::stripped_record(&stripped, name.as_deref(), now),
                    draft::stripped_note(&stripped),
                ),
                None => {
                    ui.draft_note.set(draft::NOT_SAVED_NOTE.to_owned());
                    return;
                }
            }
        }
    };
    match store.set_item(draft::DRAFT_KEY, &record) {
        Ok(()) => {
            ui.draft_note.set(note);
            dom::expose(
                "__auditcfgDraftSavedAt",
                &wasm_bindgen::JsValue::from_f64(now),
            );
        }
        Err(_) => ui
            .draft_note
            .set("Draft not saved: the browser's storage is full or blocked.".to_owned()),
    }
}

/// Protects drafts with a key derived from the user's password (`None`:
/// back to stripping secrets). Saves at once.
pub fn set_seal(ui: Ui, seal: Option<SealKey>) {
    DRAFTS.with(|d| d.borrow_mut().seal = seal);
    save_now(ui);
}

/// Is a sealed draft waiting for its password?
pub fn pending() -> Option<String> {
    DRAFTS.with(|d| d.borrow().pending.clone())
}

/// Forgets the waiting sealed draft (restored or discarded).
pub fn resolve_pending(ui: Ui) {
    DRAFTS.with(|d| d.borrow_mut().pending = None);
    save_now(ui);
}

/// What to start with: the stored draft if there is one. A sealed draft
/// is kept pending (the app starts with a preset and offers to restore).
pub fn at_start(ui: Ui) -> Option<(String, Option<String>)> {
    let stored = storage()?.get_item(draft::DRAFT_KEY).ok().flatten()?;
    let when = |t: f64| {
        let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(t));
        String::from(d.to_locale_time_string("en-GB"))
    };
    match draft::read_record(&stored)? {
        Stored::Stripped {
            text,
            name,
            removed,
            parsed,
            saved_at,
        } => {
            let note = if !parsed {
                format!(
                    "Restored your draft from {}. Its text did not parse, so values that looked secret were not stored: re-enter those shown as ***MASKED*** or ***.",
                    when(saved_at)
                )
            } else if removed == 0 {
                format!("Restored your draft from {}.", when(saved_at))
            } else {
                format!(
                    "Restored your draft from {}. Its {} were not stored: re-enter the values shown as ***MASKED***.",
                    when(saved_at),
                    crate::findings::plural(removed, "secret")
                )
            };
            ui.draft_note.set(note);
            Some((text, name))
        }
        Stored::Sealed { file, saved_at } => {
            ui.draft_note.set(format!(
                "An encrypted draft from {} is waiting: enter its password to restore it, or discard it.",
                when(saved_at)
            ));
            DRAFTS.with(|d| d.borrow_mut().pending = Some(file));
            ui.draft_pending.set(true);
            None
        }
    }
}

/// Keeps an earlier version (stripped) for the diff.
fn push_version(text: &str, name: Option<&str>) {
    if DRAFTS.with(|d| d.borrow().off) || text.trim().is_empty() {
        return;
    }
    let Some(store) = storage() else {
        return;
    };
    let known = DRAFTS.with(|d| d.borrow().known.clone());
    let Some(stripped) = draft::strip_secrets(text, &known) else {
        return;
    };
    let stripped = stripped.text;
    let old = store
        .get_item(draft::VERSIONS_KEY)
        .ok()
        .flatten()
        .unwrap_or_default();
    let all = draft::push_version(
        &old,
        Version {
            saved_at: js_sys::Date::now(),
            name: name.map(str::to_owned),
            text: stripped,
        },
    );
    let _ = store.set_item(draft::VERSIONS_KEY, &all);
}

/// The stored versions, newest first.
pub fn versions() -> Vec<Version> {
    storage()
        .and_then(|s| s.get_item(draft::VERSIONS_KEY).ok().flatten())
        .map(|s| draft::read_versions(&s))
        .unwrap_or_default()
}
