//! The app's actions. The document is a plain [`Editing`] (natively
//! tested); this module keeps one with the validation scheduler, calls
//! its methods from the views and mirrors what changed into the signals
//! of [`Ui`]. CodeMirror (`cm`) owns the editor's text and history; the
//! rest of the UI, persistence (`drafts`) and the custom element
//! (`element`) subscribe to the signals: this module never calls them.

use super::Ui;
use super::cm;
use super::dom;
use crate::compare::Origin;
use crate::editing::{Editing, Superseded};
use crate::findings::{self, Row};
use crate::schedule::{Decision, Scheduler};
use crate::session;
use auditcfg_core::{Environment, Format};
use leptos::prelude::*;
use std::cell::RefCell;
use std::time::Duration;
use wasm_bindgen::JsValue;

/// The document and the browser-side scheduling around it.
struct State {
    /// The document (its text is CodeMirror's as of the last change: what
    /// validation and the other views read).
    doc: Editing,
    scheduler: Scheduler,
    frame_requested: bool,
    validate_on_frame: bool,
    timer: Option<TimeoutHandle>,
}

thread_local! {
    static STATE: RefCell<Option<State>> = const { RefCell::new(None) };
}

/// Runs `f` on the state. Never call the editor from inside: its
/// transactions call back into the state.
fn with_state<R>(f: impl FnOnce(&mut State) -> R) -> Option<R> {
    STATE.with(|s| s.try_borrow_mut().ok()?.as_mut().map(f))
}

/// How a status message looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKind {
    /// Neutral information.
    Info,
    /// Something worked.
    Done,
    /// Something failed.
    Error,
}

/// The status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// The message.
    pub text: String,
    /// Its kind.
    pub kind: StatusKind,
    /// Offer to undo the last replacement.
    pub undo: bool,
}

impl Status {
    fn new(kind: StatusKind, text: impl Into<String>) -> Self {
        Status {
            text: text.into(),
            kind,
            undo: false,
        }
    }
}

fn say(ui: Ui, kind: StatusKind, text: impl Into<String>) {
    ui.status.set(Status::new(kind, text));
}

/// Sets up the editor with its first document once the DOM exists.
pub fn init(ui: Ui, text: String, name: Option<String>) {
    let doc = Editing::new(text.clone(), name.clone());
    let format = doc.format();
    let Some(host) = ui.host.get_untracked() else {
        return;
    };
    STATE.with(|s| {
        *s.borrow_mut() = Some(State {
            doc,
            scheduler: Scheduler::new(),
            frame_requested: false,
            validate_on_frame: false,
            timer: None,
        });
    });
    if cm::create(ui, &host, &text, format.as_str()).is_none() {
        say(
            ui,
            StatusKind::Error,
            "The editor did not load (codemirror.js).",
        );
    }
    ui.file_name.set(name);
    // The editor is usable now; the first validation runs right after the
    // first paint. Before it, the core builds what it builds once (the
    // compact schema validator, the rules' tables) on an empty document,
    // so that the scheduler learns what a validation of this document
    // costs, not that one-off: with it, the first paste after loading
    // waited for a pause in typing.
    dom::mark_ready();
    request_animation_frame(move || {
        let _ = set_timeout_with_handle(
            move || {
                let _ = auditcfg_core::validate("{}", &auditcfg_core::ValidateOptions::default());
                validate_now(ui);
            },
            Duration::ZERO,
        );
    });
}

/// Validates the editor's text now and shows the findings.
pub fn validate_now(ui: Ui) {
    let environment = ui.env.get_untracked();
    let start = dom::now_ms();
    let Some((v, text)) = with_state(|st| {
        if let Some(t) = st.timer.take() {
            t.clear();
        }
        st.validate_on_frame = false;
        let evaluate = super::policies::evaluator();
        let evaluate = evaluate
            .as_ref()
            .map(|f| f as &crate::editing::Evaluate<'_>);
        (
            st.doc.validate_with(environment, evaluate),
            st.doc.text().to_owned(),
        )
    }) else {
        return;
    };
    if let Some(why) = super::policies::take_failure() {
        say(
            ui,
            StatusKind::Error,
            format!("The policies could not be evaluated: {why}"),
        );
    }
    let (rows, format, effective) = (v.rows, v.format, v.environment);
    if let Some(editor) = cm::editor() {
        // Only when the editor still shows the text validated.
        if editor.text() == text {
            editor.set_diagnostics(&diagnostics_js(&rows));
        }
        if ui.format.get_untracked() != format {
            editor.set_format(format.as_str());
        }
    }
    let cost = dom::now_ms() - start;
    with_state(|st| st.scheduler.on_validated(cost));
    request_frame(ui, false);
    ui.rows.set(rows);
    ui.format.set(format);
    ui.effective_env.set(effective);
    ui.last_ms.set(cost);
    ui.active.set(None);
    if ui.seq.get_untracked() == 0 {
        dom::expose(
            "__auditcfgFirstFindingsAt",
            &JsValue::from_f64(dom::now_ms()),
        );
    }
    ui.seq.update(|n| *n += 1);
    dom::expose("__auditcfgLastValidationMs", &JsValue::from_f64(cost));
}

/// Asks for an animation frame (once): it starts a new frame for the
/// scheduler and runs a coalesced validation if one is due.
fn request_frame(ui: Ui, validate: bool) {
    let needed = with_state(|st| {
        st.validate_on_frame |= validate;
        !std::mem::replace(&mut st.frame_requested, true)
    });
    if needed == Some(true) {
        request_animation_frame(move || {
            let due = with_state(|st| {
                st.frame_requested = false;
                st.scheduler.on_frame();
                std::mem::take(&mut st.validate_on_frame)
            });
            if due == Some(true) {
                validate_now(ui);
            }
        });
    }
}

fn schedule_validation(ui: Ui, changed: usize) {
    let Some(decision) = with_state(|st| st.scheduler.on_input(dom::now_ms(), changed)) else {
        return;
    };
    match decision {
        Decision::Now => validate_now(ui),
        Decision::NextFrame => request_frame(ui, true),
        Decision::After(ms) => {
            let handle =
                set_timeout_with_handle(move || validate_now(ui), Duration::from_millis(ms as u64))
                    .ok();
            with_state(|st| {
                if let Some(old) = std::mem::replace(&mut st.timer, handle) {
                    old.clear();
                }
            });
        }
    }
}

/// The diagnostics as the editor bridge takes them (UTF-16 offsets, with fixes).
fn diagnostics_js(rows: &[Row]) -> JsValue {
    let list = serde_json::Value::Array(
        rows.iter()
            .map(|r| {
                serde_json::json!({
                    "from": r.start16,
                    "to": r.end16,
                    "severity": r.severity.as_str(),
                    "code": r.code,
                    "message": r.message,
                    "help": r.help,
                    "fixes": r.fixes.iter().map(|f| f.to_json()).collect::<Vec<_>>(),
                })
            })
            .collect(),
    );
    js_sys::JSON::parse(&list.to_string()).unwrap_or(JsValue::NULL)
}

/// The user changed the text (typing, paste, undo, a completion, a fix):
/// the editor's change listener; `changed` characters were inserted or
/// removed.
pub fn on_input(ui: Ui, text: String, _head: usize, changed: usize) {
    let start = dom::now_ms();
    let Some(dirty) = with_state(|st| st.doc.edit(text)) else {
        return;
    };
    ui.dirty.set(dirty);
    dom::expose(
        "__auditcfgLastInputMs",
        &JsValue::from_f64(dom::now_ms() - start),
    );
    schedule_validation(ui, changed);
    self::changed(ui);
}

/// After every change of the text: its subscribers follow (the form and
/// diff views, the draft, the undo buttons, the embedding page).
fn changed(ui: Ui) {
    ui.text_rev.update(|n| *n += 1);
}

/// After a text was superseded (replaced, saved): the drafts keep it.
fn superseded(ui: Ui) {
    ui.superseded.update(|n| *n += 1);
}

/// The texts superseded since the last call, for the drafts' versions.
pub fn take_superseded() -> Vec<Superseded> {
    with_state(|st| st.doc.take_superseded()).unwrap_or_default()
}

/// Replaces the text after an edit made elsewhere (the form, the
/// embedding page) as one editor transaction, so that the editor's undo
/// history spans the source and the form; validates at once. `kind` names
/// the edit (the transaction's user event).
pub fn apply_text(ui: Ui, text: String, kind: Option<&str>) {
    let Some(dirty) = with_state(|st| st.doc.edit(text.clone())) else {
        return;
    };
    if let Some(editor) = cm::editor() {
        let event = if kind.is_some_and(|k| k.starts_with('/')) {
            "input.form"
        } else {
            "input.replace"
        };
        editor.set_text(&text, event);
    }
    ui.dirty.set(dirty);
    validate_now(ui);
    changed(ui);
}

/// Undo (the editor's history: the source and the form views).
pub fn undo(ui: Ui) {
    if cm::editor().is_some_and(|e| e.undo()) {
        say(ui, StatusKind::Info, "Undone.");
    }
}

/// Redo.
pub fn redo(ui: Ui) {
    if cm::editor().is_some_and(|e| e.redo()) {
        say(ui, StatusKind::Info, "Redone.");
    }
}

/// The source view became visible again: let the editor measure itself.
pub fn shown(_ui: Ui) {
    if let Some(editor) = cm::editor() {
        editor.request_measure();
    }
}

/// Applies a finding's fix in the editor (one transaction, undoable).
pub fn apply_fix(ui: Ui, fix: &findings::Fix) {
    let Some(editor) = cm::editor() else {
        return;
    };
    let v = js_sys::JSON::parse(&fix.to_json().to_string()).unwrap_or(JsValue::NULL);
    if editor.apply_fix(&v) {
        editor.focus();
        say(ui, StatusKind::Done, format!("Applied: {}.", fix.title));
    }
}

/// Applies the `index`-th fix of the finding `id` as it is now (the last
/// validation's offsets, which match the editor's text).
pub fn apply_fix_of(ui: Ui, id: &str, index: usize) {
    // An edit may be waiting for its validation: the findings must match
    // the text the fix is applied to.
    if with_state(|st| st.timer.is_some() || st.validate_on_frame).unwrap_or(false) {
        validate_now(ui);
    }
    let fix = with_state(|st| st.doc.fix(id, index)).flatten();
    if let Some(fix) = fix {
        apply_fix(ui, &fix);
    }
}

/// Moves the caret to a finding (panel click, Enter on a row, F8).
pub fn goto(ui: Ui, index: usize) {
    let Some(Some(row)) = with_state(|st| st.doc.goto(index)) else {
        return;
    };
    if let Some(editor) = cm::editor() {
        editor.focus();
        editor.select(row.start16 as u32, row.start16 as u32);
    }
    ui.active.set(Some(row.id.clone()));
}

/// F8 / Shift+F8.
pub fn step(ui: Ui, forward: bool) {
    let selection = cm::editor().map_or(0, |e| e.head()) as usize;
    let Some(Some((index, total, message))) = with_state(|st| st.doc.step(selection, forward))
    else {
        say(ui, StatusKind::Info, "No findings.");
        return;
    };
    goto(ui, index);
    say(
        ui,
        StatusKind::Info,
        format!("Finding {} of {total}: {message}", index + 1),
    );
}

/// Replaces the whole document, keeping the previous one for Undo.
/// `clean`: a new document (opened, created, restored, decrypted): its
/// text is its origin and it is not modified; otherwise (a conversion) the
/// same document in a new text, modified, with the same origin.
pub fn replace(ui: Ui, text: String, name: Option<String>, message: String, clean: bool) {
    let Some((dirty, format)) = with_state(|st| {
        st.scheduler.on_replaced(st.doc.text().len(), text.len());
        let dirty = st.doc.replace(text.clone(), name.clone(), clean);
        (dirty, st.doc.format())
    }) else {
        return;
    };
    shown_replaced(ui, &text, format, name, dirty);
    ui.status.set(Status {
        text: message,
        kind: StatusKind::Done,
        undo: true,
    });
}

/// Shows a replaced document: the editor, the signals, its findings.
fn shown_replaced(ui: Ui, text: &str, format: Format, name: Option<String>, dirty: bool) {
    if let Some(editor) = cm::editor() {
        editor.load(text, format.as_str());
    }
    ui.file_name.set(name);
    ui.dirty.set(dirty);
    validate_now(ui);
    superseded(ui);
    changed(ui);
}

/// Undoes the last replacement.
pub fn undo_replace(ui: Ui) {
    let Some(Some((text, name, format, dirty))) = with_state(|st| {
        let before = st.doc.text().len();
        st.doc.undo_replace().then(|| {
            st.scheduler.on_replaced(before, st.doc.text().len());
            (
                st.doc.text().to_owned(),
                st.doc.name().map(str::to_owned),
                st.doc.format(),
                st.doc.is_dirty(),
            )
        })
    }) else {
        return;
    };
    shown_replaced(ui, &text, format, name, dirty);
    ui.status.set(Status {
        text: "Restored the previous document.".to_owned(),
        kind: StatusKind::Done,
        undo: false,
    });
}

/// Starts a new document from an environment's preset, in the editor's
/// current format.
pub fn load_preset(ui: Ui, env: Environment) {
    let format = ui.format.get_untracked();
    match session::preset_text(env, js_sys::Date::now() as i64, format) {
        Ok(text) => {
            let name = format!("{env}.{}", format.as_str());
            replace(
                ui,
                text,
                Some(name),
                format!("New {env} preset, with freshly generated secrets."),
                true,
            );
            with_state(|st| st.doc.set_preset(env));
        }
        Err(e) => say(ui, StatusKind::Error, e),
    }
}

/// Opens a file chosen in the file picker or dropped on the page.
pub fn open_file(ui: Ui, file: web_sys::File) {
    let name = file.name();
    say(ui, StatusKind::Info, format!("Opening {name}…"));
    dom::read_config(file, move |text| match text {
        Ok(text) => {
            let message = format!("Opened {name}.");
            replace(ui, text, Some(name), message, true);
        }
        Err(e) => say(ui, StatusKind::Error, e),
    });
}

/// Where the document came from (the diff view's default comparison).
pub fn origin() -> Origin {
    with_state(|st| st.doc.origin().clone()).unwrap_or_default()
}

/// The editor's text.
pub fn current_text() -> String {
    with_state(|st| st.doc.text().to_owned()).unwrap_or_default()
}

/// Downloads the document as JSON or TOML, masked for sharing or not.
pub fn download(ui: Ui, to: Format, masked: bool) {
    let text = current_text();
    match session::export(&text, None, to, masked) {
        Ok(out) => {
            let name = session::file_name(ui.file_name.get_untracked().as_deref(), to, masked);
            match dom::download(&name, session::mime(to), &out) {
                Ok(()) => {
                    if !masked {
                        with_state(|st| st.doc.mark_saved(Some(name.clone())));
                        ui.dirty.set(false);
                        superseded(ui);
                    }
                    let what = if masked { " (secrets masked)" } else { "" };
                    say(ui, StatusKind::Done, format!("Downloaded {name}{what}."));
                }
                Err(_) => say(ui, StatusKind::Error, "The browser refused the download."),
            }
        }
        Err(e) => say(ui, StatusKind::Error, e.to_string()),
    }
}

/// Copies the document (as written, or masked) to the clipboard.
pub fn copy(ui: Ui, masked: bool) {
    let text = current_text();
    let out = if masked {
        match session::export(&text, None, ui.format.get_untracked(), true) {
            Ok(out) => out,
            Err(e) => {
                say(ui, StatusKind::Error, e.to_string());
                return;
            }
        }
    } else {
        text
    };
    leptos::task::spawn_local(async move {
        match dom::copy(&out).await {
            Ok(()) => say(
                ui,
                StatusKind::Done,
                if masked {
                    "Copied with every secret masked."
                } else {
                    "Copied to the clipboard."
                },
            ),
            Err(_) => say(
                ui,
                StatusKind::Error,
                "The browser refused access to the clipboard.",
            ),
        }
    });
}

/// Converts the editor's text to the other format, in place.
pub fn convert(ui: Ui) {
    let to = match ui.format.get_untracked() {
        Format::Json => Format::Toml,
        Format::Toml => Format::Json,
    };
    let text = current_text();
    match session::export(&text, None, to, false) {
        Ok(out) => {
            let name = ui
                .file_name
                .get_untracked()
                .map(|n| session::file_name(Some(&n), to, false));
            replace(
                ui,
                out,
                name,
                format!("Converted to {}.", to.as_str().to_uppercase()),
                false,
            );
        }
        Err(e) => say(ui, StatusKind::Error, e.to_string()),
    }
}

/// The findings of the last validation.
pub fn rows() -> Vec<Row> {
    with_state(|st| st.doc.rows().to_vec()).unwrap_or_default()
}

/// Is there unsaved work?
pub fn is_dirty() -> bool {
    with_state(|st| st.doc.is_dirty()).unwrap_or(false)
}
