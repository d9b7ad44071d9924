//! The app's non-reactive state (the text, the scheduler, the findings,
//! the undo snapshot) and every action. CodeMirror (`cm`) owns the
//! document and its history; the rest of the UI follows signals.

use super::Ui;
use super::cm;
use super::dom;
use crate::compare::Origin;
use crate::findings::{self, Row};
use crate::positions::TextMap;
use crate::schedule::{Decision, Scheduler};
use crate::session;
use auditcfg_core::{Environment, Format, ValidateOptions, validate};
use leptos::prelude::*;
use std::cell::RefCell;
use std::time::Duration;
use wasm_bindgen::JsValue;

/// The document before the last replacement (open, preset, convert).
#[derive(Debug, Clone)]
struct Snapshot {
    text: String,
    name: Option<String>,
    origin: Origin,
    saved: String,
}

struct State {
    /// The editor's text (CodeMirror owns the document; this is its copy
    /// as of the last change, what validation and the other views read).
    text: String,
    format: Format,
    scheduler: Scheduler,
    rows: Vec<Row>,
    /// The finding last jumped to (F8, click).
    current: Option<usize>,
    frame_requested: bool,
    validate_on_frame: bool,
    timer: Option<TimeoutHandle>,
    undo: Option<Snapshot>,
    /// Untouched since the last replacement.
    pristine: bool,
    /// The text as last opened, created or saved: the document is
    /// modified when its text differs (only an edit makes it so).
    saved: String,
    /// The exact text the document was created or opened with (what the
    /// diff view compares with by default).
    origin: Origin,
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
    let format = session::format_of(name.as_deref(), &text);
    let Some(host) = ui.host.get_untracked() else {
        return;
    };
    STATE.with(|s| {
        *s.borrow_mut() = Some(State {
            text: text.clone(),
            format,
            scheduler: Scheduler::new(),
            rows: Vec::new(),
            current: None,
            frame_requested: false,
            validate_on_frame: false,
            timer: None,
            undo: None,
            pristine: true,
            origin: Origin {
                text: text.clone(),
                preset: None,
            },
            saved: text.clone(),
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
    // The editor is usable now; the first validation (which also builds the
    // core's schema validator, a one-off cost) runs right after the first
    // paint.
    dom::mark_ready();
    request_animation_frame(move || {
        let _ = set_timeout_with_handle(move || validate_now(ui), Duration::ZERO);
    });
}

/// Validates the editor's text now and shows the findings.
pub fn validate_now(ui: Ui) {
    let environment = ui.env.get_untracked();
    let start = dom::now_ms();
    let Some((rows, format, effective, text)) = with_state(|st| {
        if let Some(t) = st.timer.take() {
            t.clear();
        }
        st.validate_on_frame = false;
        let report = validate(
            &st.text,
            &ValidateOptions {
                environment,
                ..ValidateOptions::default()
            },
        );
        let map = TextMap::new(&st.text);
        let rows = findings::rows(&report, &map);
        st.rows = rows.clone();
        st.current = None;
        st.format = report.format;
        (rows, report.format, report.environment, st.text.clone())
    }) else {
        return;
    };
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
    super::element::emit_validation(ui);
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

fn schedule_validation(ui: Ui) {
    let Some(decision) = with_state(|st| st.scheduler.on_input(dom::now_ms())) else {
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
/// the editor's change listener.
pub fn on_input(ui: Ui, text: String, _head: usize) {
    let start = dom::now_ms();
    let Some(dirty) = with_state(|st| {
        st.text = text;
        st.pristine = false;
        st.text != st.saved
    }) else {
        return;
    };
    ui.dirty.set(dirty);
    dom::expose(
        "__auditcfgLastInputMs",
        &JsValue::from_f64(dom::now_ms() - start),
    );
    schedule_validation(ui);
    changed(ui);
}

/// After every change of the text: the form and diff follow, the draft is
/// saved, the undo buttons update, the embedding page hears of it.
fn changed(ui: Ui) {
    ui.text_rev.update(|n| *n += 1);
    super::drafts::schedule_save(ui);
    super::element::emit_change(ui);
}

/// Replaces the text after an edit made elsewhere (the form, the
/// embedding page) as one editor transaction, so that the editor's undo
/// history spans the source and the form; validates at once. `kind` names
/// the edit (the transaction's user event).
pub fn apply_text(ui: Ui, text: String, kind: Option<&str>) {
    let Some(dirty) = with_state(|st| {
        st.text = text.clone();
        st.pristine = false;
        st.text != st.saved
    }) else {
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
    let fix = with_state(|st| {
        st.rows
            .iter()
            .find(|r| r.id == id)
            .and_then(|r| r.fixes.get(index).cloned())
    })
    .flatten();
    if let Some(fix) = fix {
        apply_fix(ui, &fix);
    }
}

/// Moves the caret to a finding (panel click, Enter on a row, F8).
pub fn goto(ui: Ui, index: usize) {
    let Some(Some(row)) = with_state(|st| {
        st.current = Some(index);
        st.rows.get(index).cloned()
    }) else {
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
    let Some(Some((index, total, message))) = with_state(|st| {
        let i = findings::step(&st.rows, selection, st.current, forward)?;
        Some((i, st.rows.len(), st.rows[i].message.clone()))
    }) else {
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
    let old_name = ui.file_name.get_untracked();
    let format = session::format_of(name.as_deref(), &text);
    super::drafts::push_version(&current_text(), old_name.as_deref());
    let Some(dirty) = with_state(|st| {
        // Browsing presets one after another keeps the first snapshot:
        // Undo goes back to the user's own work.
        if !(st.pristine && st.undo.is_some()) {
            st.undo = Some(Snapshot {
                text: st.text.clone(),
                name: old_name,
                origin: st.origin.clone(),
                saved: st.saved.clone(),
            });
        }
        st.scheduler.on_replaced(st.text.len(), text.len());
        st.text = text.clone();
        st.format = format;
        st.pristine = true;
        st.rows.clear();
        st.current = None;
        if clean {
            st.saved = text.clone();
            st.origin = Origin {
                text: text.clone(),
                preset: None,
            };
        }
        text != st.saved
    }) else {
        return;
    };
    if let Some(editor) = cm::editor() {
        editor.load(&text, format.as_str());
    }
    ui.file_name.set(name);
    ui.dirty.set(dirty);
    validate_now(ui);
    ui.status.set(Status {
        text: message,
        kind: StatusKind::Done,
        undo: true,
    });
    changed(ui);
}

/// Undoes the last replacement.
pub fn undo_replace(ui: Ui) {
    let Some(Some(snapshot)) = with_state(|st| st.undo.take()) else {
        return;
    };
    let (origin, saved) = (snapshot.origin, snapshot.saved);
    replace(
        ui,
        snapshot.text,
        snapshot.name,
        "Restored the previous document.".to_owned(),
        false,
    );
    let dirty = with_state(|st| {
        st.undo = None;
        st.pristine = false;
        st.origin = origin;
        st.saved = saved;
        st.text != st.saved
    });
    ui.dirty.set(dirty.unwrap_or(false));
    ui.status.update(|s| s.undo = false);
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
            with_state(|st| st.origin.preset = Some(env));
        }
        Err(e) => say(ui, StatusKind::Error, e),
    }
}

/// Opens a file chosen in the file picker or dropped on the page.
pub fn open_file(ui: Ui, file: web_sys::File) {
    let name = file.name();
    say(ui, StatusKind::Info, format!("Opening {name}…"));
    leptos::task::spawn_local(async move {
        match dom::read_file(&file).await {
            Ok(bytes) => match session::decode_file(&name, &bytes) {
                Ok(text) => {
                    let message = format!("Opened {name}.");
                    replace(ui, text, Some(name), message, true);
                }
                Err(e) => say(ui, StatusKind::Error, e),
            },
            Err(_) => say(ui, StatusKind::Error, format!("Could not read {name}.")),
        }
    });
}

/// Where the document came from (the diff view's default comparison).
pub fn origin() -> Origin {
    with_state(|st| st.origin.clone()).unwrap_or_default()
}

/// The editor's text.
pub fn current_text() -> String {
    with_state(|st| st.text.clone()).unwrap_or_default()
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
                        super::drafts::push_version(&text, Some(&name));
                        with_state(|st| st.saved = text);
                        ui.dirty.set(false);
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
    with_state(|st| st.rows.clone()).unwrap_or_default()
}

/// Is there unsaved work?
pub fn is_dirty() -> bool {
    with_state(|st| st.text != st.saved).unwrap_or(false)
}
