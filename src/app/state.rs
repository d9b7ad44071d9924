//! The app's non-reactive state (the editor model, the scheduler, the
//! undo snapshot) and every action. The DOM layers of the editor are
//! patched here, imperatively; the rest of the UI follows signals.

use super::Ui;
use super::dom;
use crate::compare::Origin;
use crate::editor::{self, EditorModel, Window};
use crate::findings::{self, Row};
use crate::history::History;
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
    model: EditorModel,
    scheduler: Scheduler,
    rows: Vec<Row>,
    /// The finding last jumped to (F8, click).
    current: Option<usize>,
    /// Escape was pressed: the next Tab leaves the editor.
    escape_armed: bool,
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
    last_selection: Option<(u32, usize)>,
    version: u32,
    /// The lines in the DOM.
    window: Window,
    /// The view: scroll top and height (cached from scroll and resize
    /// events, so that typing never forces a layout to read them).
    view: (f64, f64),
    /// Line height and top padding of the text, in pixels.
    metrics: (f64, f64),
    /// Undo and redo across the views.
    history: History,
}

thread_local! {
    static STATE: RefCell<Option<State>> = const { RefCell::new(None) };
}

/// Runs `f` on the state. Never call an action from inside: the borrow is
/// held (and `insertText` fires `input` synchronously).
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

fn layers(ui: Ui) -> Option<(web_sys::HtmlTextAreaElement, dom::Layers)> {
    let editor = ui.editor.get_untracked()?;
    let layers = dom::Layers {
        scroller: ui.scroller.get_untracked()?.into(),
        sizer: ui.sizer.get_untracked()?.into(),
        layer: ui.layer.get_untracked()?.into(),
        gutter: ui.gutter.get_untracked()?.into(),
    };
    Some((editor, layers))
}

/// Repaints the lines in view (after a change of text, findings or
/// bracket pair: `force`), or when scrolling left the window's margin.
fn repaint(ui: Ui, force: bool) {
    let Some((_, layers)) = layers(ui) else {
        return;
    };
    with_state(|st| {
        let (top, height) = st.view;
        let (lh, pad) = st.metrics;
        let n = st.model.line_count();
        if !force && st.window.covers(top - pad, height, lh, n) {
            return;
        }
        st.window = Window::around(top - pad, height, lh, n);
        dom::paint(&layers, &st.model, st.window);
    });
}

/// The view scrolled.
pub fn on_scroll(ui: Ui) {
    let Some(scroller) = ui.scroller.get_untracked() else {
        return;
    };
    let view = (
        f64::from(scroller.scroll_top()),
        f64::from(scroller.client_height()),
    );
    with_state(|st| st.view = view);
    repaint(ui, false);
}

/// Sets up the editor with its first document once the DOM exists.
pub fn init(ui: Ui, text: String, name: Option<String>) {
    let format = session::format_of(name.as_deref(), &text);
    let model = EditorModel::new(&text, format);
    let Some((editor, layers)) = layers(ui) else {
        return;
    };
    editor.set_value(&text);
    let _ = editor.set_selection_range(0, 0);
    let metrics = (
        dom::css_px(&layers.layer, "line-height", 20.0),
        dom::css_px(&layers.layer, "padding-top", 8.0),
    );
    let view = (
        f64::from(layers.scroller.scroll_top()),
        f64::from(layers.scroller.client_height()),
    );
    STATE.with(|s| {
        *s.borrow_mut() = Some(State {
            model,
            scheduler: Scheduler::new(),
            rows: Vec::new(),
            current: None,
            escape_armed: false,
            frame_requested: false,
            validate_on_frame: false,
            timer: None,
            undo: None,
            pristine: true,
            origin: Origin {
                text: text.clone(),
                preset: None,
            },
            saved: text,
            last_selection: None,
            version: 0,
            window: Window::default(),
            view,
            metrics,
            history: History::new(),
        });
    });
    ui.file_name.set(name);
    repaint(ui, true);
    on_cursor(ui);
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
    let Some((rows, format, effective)) = with_state(|st| {
        if let Some(t) = st.timer.take() {
            t.clear();
        }
        st.validate_on_frame = false;
        let text = st.model.text();
        let report = validate(
            text,
            &ValidateOptions {
                environment,
                ..ValidateOptions::default()
            },
        );
        let map = TextMap::new(text);
        let rows = findings::rows(&report, &map);
        st.model.set_format(report.format);
        st.model.set_marks(findings::marks(&rows));
        st.rows = rows.clone();
        st.current = None;
        (rows, report.format, report.environment)
    }) else {
        return;
    };
    repaint(ui, true);
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

/// The user changed the text.
pub fn on_input(ui: Ui) {
    let start = dom::now_ms();
    let Some(editor) = ui.editor.get_untracked() else {
        return;
    };
    let text = editor.value();
    let selection = editor.selection_start().ok().flatten().unwrap_or(0);
    let now = dom::now_ms();
    let Some((dirty, position)) = with_state(|st| {
        let before = st.model.text().to_owned();
        st.history.record(&before, "source", now);
        st.model.set_text(&text);
        let map = TextMap::new(&text);
        let byte = map.to_byte(selection as usize);
        let position = map.position(byte);
        st.model.set_cursor(byte);
        st.pristine = false;
        st.version = st.version.wrapping_add(1);
        st.last_selection = Some((selection, st.version as usize));
        (text != st.saved, position)
    }) else {
        return;
    };
    repaint(ui, true);
    ui.dirty.set(dirty);
    ui.cursor.set((position.line, position.column));
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
    let (can_undo, can_redo) =
        with_state(|st| (st.history.can_undo(), st.history.can_redo())).unwrap_or((false, false));
    ui.can_undo.set(can_undo);
    ui.can_redo.set(can_redo);
    super::drafts::schedule_save(ui);
    super::element::emit_change(ui);
}

/// Replaces the text after an edit made elsewhere (the form, undo, redo),
/// keeping the caret and the scroll position as far as they still exist,
/// and validates at once. `kind` names the edit for the undo history
/// (`None`: undo and redo themselves, which are not recorded).
pub fn apply_text(ui: Ui, text: String, kind: Option<&str>) {
    let Some((editor, _)) = layers(ui) else {
        return;
    };
    let now = dom::now_ms();
    let Some(dirty) = with_state(|st| {
        if let Some(kind) = kind {
            let before = st.model.text().to_owned();
            st.history.record(&before, kind, now);
        }
        st.model.set_text(&text);
        st.pristine = false;
        st.version = st.version.wrapping_add(1);
        text != st.saved
    }) else {
        return;
    };
    let caret = editor.selection_start().ok().flatten().unwrap_or(0);
    editor.set_value(&text);
    let _ = editor.set_selection_range(caret, caret);
    ui.dirty.set(dirty);
    validate_now(ui);
    changed(ui);
}

/// Undo (across the source and form views).
pub fn undo(ui: Ui) {
    let current = current_text();
    if let Some(Some(text)) = with_state(|st| st.history.undo(&current)) {
        apply_text(ui, text, None);
        say(ui, StatusKind::Info, "Undone.");
    }
}

/// Redo.
pub fn redo(ui: Ui) {
    let current = current_text();
    if let Some(Some(text)) = with_state(|st| st.history.redo(&current)) {
        apply_text(ui, text, None);
        say(ui, StatusKind::Info, "Redone.");
    }
}

/// The source view became visible again: measure and repaint.
pub fn shown(ui: Ui) {
    on_scroll(ui);
    repaint(ui, true);
}

/// The caret may have moved: highlight the bracket pair, show line and
/// column.
pub fn on_cursor(ui: Ui) {
    let Some(editor) = ui.editor.get_untracked() else {
        return;
    };
    let selection = editor.selection_start().ok().flatten().unwrap_or(0);
    let Some(Some((changed, position))) = with_state(|st| {
        let key = (selection, st.version as usize);
        if st.last_selection == Some(key) {
            return None;
        }
        st.last_selection = Some(key);
        let map = TextMap::new(st.model.text());
        let byte = map.to_byte(selection as usize);
        let position = map.position(byte);
        Some((st.model.set_cursor(byte), position))
    }) else {
        return;
    };
    if changed {
        repaint(ui, true);
    }
    ui.cursor.set((position.line, position.column));
}

/// Moves the caret to a finding (panel click, Enter on a row, F8).
pub fn goto(ui: Ui, index: usize) {
    let Some(Some(row)) = with_state(|st| {
        st.current = Some(index);
        st.rows.get(index).cloned()
    }) else {
        return;
    };
    let Some((editor, layers)) = layers(ui) else {
        return;
    };
    let (lh, pad) = with_state(|st| st.metrics).unwrap_or((20.0, 8.0));
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = editor.focus_with_options(&options);
    let _ = editor.set_selection_range(row.start16 as u32, row.start16 as u32);
    dom::reveal_line(&layers.scroller, row.line.saturating_sub(1), lh, pad);
    layers.scroller.set_scroll_left(0);
    on_scroll(ui);
    ui.active.set(Some(row.id.clone()));
    on_cursor(ui);
}

/// F8 / Shift+F8.
pub fn step(ui: Ui, forward: bool) {
    let selection = ui
        .editor
        .get_untracked()
        .and_then(|e| e.selection_start().ok().flatten())
        .unwrap_or(0) as usize;
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

/// Keys the editor handles itself: Tab indents (unless Escape was pressed
/// just before, or Ctrl+M switched Tab to moving focus), Shift+Tab
/// outdents, Enter keeps the indentation.
pub fn on_editor_keydown(ui: Ui, ev: &web_sys::KeyboardEvent) {
    let key = ev.key();
    let plain = !ev.ctrl_key() && !ev.alt_key() && !ev.meta_key();
    let armed = with_state(|st| {
        let armed = st.escape_armed;
        if key != "Shift" {
            st.escape_armed = key == "Escape";
        }
        armed
    })
    .unwrap_or(false);
    match key.as_str() {
        "Escape" => say(
            ui,
            StatusKind::Info,
            "Tab now moves focus out of the editor.",
        ),
        "Tab" if plain => {
            if armed || ui.tab_moves_focus.get_untracked() {
                return;
            }
            ev.prevent_default();
            if ev.shift_key() {
                outdent(ui);
            } else {
                dom::insert_text("  ");
            }
        }
        "m" | "M" if ev.ctrl_key() && !ev.alt_key() && !ev.meta_key() => {
            ev.prevent_default();
            let moves = !ui.tab_moves_focus.get_untracked();
            ui.tab_moves_focus.set(moves);
            say(
                ui,
                StatusKind::Info,
                if moves {
                    "Tab moves focus (Ctrl+M to let Tab indent again)."
                } else {
                    "Tab indents (Ctrl+M to let Tab move focus)."
                },
            );
        }
        "PageUp" | "PageDown" if plain => {
            ev.prevent_default();
            page(ui, if key == "PageUp" { -1 } else { 1 }, ev.shift_key());
        }
        "Enter" if plain && !ev.shift_key() => {
            let Some(editor) = ui.editor.get_untracked() else {
                return;
            };
            let Some(sel) = editor.selection_start().ok().flatten() else {
                return;
            };
            let Some((insert, back)) = with_state(|st| {
                let text = st.model.text();
                let map = TextMap::new(text);
                let byte = map.to_byte(sel as usize);
                let line = map.line_of(byte);
                let before = &text[map.line_start(line)..byte];
                let after = &text[byte..map.line_end(line).max(byte)];
                editor::enter_text(before, after)
            }) else {
                return;
            };
            ev.prevent_default();
            if dom::insert_text(&insert)
                && back > 0
                && let Some(end) = editor.selection_start().ok().flatten()
            {
                let caret = end.saturating_sub(back as u32);
                let _ = editor.set_selection_range(caret, caret);
            }
        }
        _ => {}
    }
}

/// PageUp / PageDown: the textarea does not scroll by itself (the view
/// around it does), so move the caret a screenful and scroll with it.
fn page(ui: Ui, pages: isize, extend: bool) {
    let Some((editor, layers)) = layers(ui) else {
        return;
    };
    let start = editor.selection_start().ok().flatten().unwrap_or(0);
    let end = editor.selection_end().ok().flatten().unwrap_or(start);
    let backward = editor.selection_direction().ok().flatten().as_deref() == Some("backward");
    let (anchor, focus) = if backward { (end, start) } else { (start, end) };
    let Some((target, lh)) = with_state(|st| {
        let (lh, _) = st.metrics;
        let per_page = ((st.view.1 / lh).floor() as usize).saturating_sub(1).max(1);
        let map = TextMap::new(st.model.text());
        let byte = map.page(map.to_byte(focus as usize), per_page, pages);
        (map.to_utf16(byte) as u32, lh * per_page as f64)
    }) else {
        return;
    };
    if extend {
        let (a, b, dir) = if target < anchor {
            (target, anchor, "backward")
        } else {
            (anchor, target, "forward")
        };
        let _ = editor.set_selection_range_with_direction(a, b, dir);
    } else {
        let _ = editor.set_selection_range(target, target);
    }
    let top = f64::from(layers.scroller.scroll_top()) + lh * pages as f64;
    layers.scroller.set_scroll_top(top.max(0.0) as i32);
    on_scroll(ui);
    on_cursor(ui);
}

fn outdent(ui: Ui) {
    let Some(editor) = ui.editor.get_untracked() else {
        return;
    };
    let Some(sel) = editor.selection_start().ok().flatten() else {
        return;
    };
    let Some((start16, width)) = with_state(|st| {
        let text = st.model.text();
        let map = TextMap::new(text);
        let line = map.line_of(map.to_byte(sel as usize));
        let start = map.line_start(line);
        (map.to_utf16(start), editor::outdent_width(&text[start..]))
    }) else {
        return;
    };
    if width == 0 {
        return;
    }
    let start16 = start16 as u32;
    let _ = editor.set_selection_range(start16, start16 + width as u32);
    dom::insert_text("");
    let caret = sel.saturating_sub(width as u32).max(start16);
    let _ = editor.set_selection_range(caret, caret);
}

/// Replaces the whole document, keeping the previous one for Undo.
/// `clean`: a new document (opened, created, restored, decrypted): its
/// text is its origin and it is not modified; otherwise (a conversion) the
/// same document in a new text, modified, with the same origin.
pub fn replace(ui: Ui, text: String, name: Option<String>, message: String, clean: bool) {
    let Some((editor, layers)) = layers(ui) else {
        return;
    };
    let old_name = ui.file_name.get_untracked();
    let format = session::format_of(name.as_deref(), &text);
    let now = dom::now_ms();
    super::drafts::push_version(&current_text(), old_name.as_deref());
    let Some(dirty) = with_state(|st| {
        // Browsing presets one after another keeps the first snapshot:
        // Undo goes back to the user's own work.
        if !(st.pristine && st.undo.is_some()) {
            st.undo = Some(Snapshot {
                text: st.model.text().to_owned(),
                name: old_name,
                origin: st.origin.clone(),
                saved: st.saved.clone(),
            });
        }
        let before = st.model.text().to_owned();
        st.history.record(&before, "replace", now);
        st.scheduler.on_replaced(st.model.text().len(), text.len());
        st.model.load(&text, format);
        st.pristine = true;
        st.rows.clear();
        st.current = None;
        st.last_selection = None;
        st.view.0 = 0.0;
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
    editor.set_value(&text);
    let _ = editor.set_selection_range(0, 0);
    layers.scroller.set_scroll_top(0);
    layers.scroller.set_scroll_left(0);
    repaint(ui, true);
    ui.file_name.set(name);
    ui.dirty.set(dirty);
    validate_now(ui);
    on_cursor(ui);
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
        st.model.text() != st.saved
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
    with_state(|st| st.model.text().to_owned()).unwrap_or_default()
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
    with_state(|st| st.model.text() != st.saved).unwrap_or(false)
}
