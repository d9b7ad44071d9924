//! The status line: file, format, cursor, timing, messages.

use super::Ui;
use super::state::{self, StatusKind};
use leptos::prelude::*;

#[component]
pub fn StatusBar(ui: Ui) -> impl IntoView {
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
