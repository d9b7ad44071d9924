// The browser app's editor: CodeMirror 6 with the bridge of
// `auditcfg/codemirror` (pkg/codemirror.js), wired to the app's own
// WebAssembly (the Rust side passes the interface in `create`'s options),
// so the core is loaded once. esbuild bundles this file into one external
// module (scripts/build-app.sh); it defines `globalThis.__auditcfgCM`,
// which the app's wasm calls. Styles go through constructable stylesheets
// (CodeMirror's style-mod uses `adoptedStyleSheets`), so the strict CSP
// (`style-src 'self'`, no inline style) holds.
import { completionKeymap, startCompletion } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap, indentWithTab, redo, redoDepth, undo, undoDepth } from "@codemirror/commands";
import { json } from "@codemirror/lang-json";
import {
  bracketMatching,
  foldGutter,
  foldKeymap,
  indentOnInput,
  StreamLanguage,
  syntaxHighlighting,
} from "@codemirror/language";
import { toml } from "@codemirror/legacy-modes/mode/toml";
import { classHighlighter } from "@lezer/highlight";
import { lintGutter } from "@codemirror/lint";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import { Compartment, EditorSelection, EditorState } from "@codemirror/state";
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
} from "@codemirror/view";
import { applyFix, auditcfg, pushDiagnostics } from "../../pkg/codemirror.js";

const tomlLanguage = StreamLanguage.define(toml);
const languageOf = (format) => (format === "toml" ? tomlLanguage : json());

/**
 * Creates the editor in `parent`. `options`: `{doc, format, api, onChange(text, head),
 * onCursor(line, column, head), label}` where `api` is the bridge's
 * interface (`complete`, `hover`, `codeActions`, `format`, `folding`).
 */
function create(parent, options) {
  const language = new Compartment();
  const api = options.api;
  let quiet = 0;
  const view = new EditorView({
    parent,
    root: parent.getRootNode(),
    state: EditorState.create({
      doc: options.doc ?? "",
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightSpecialChars(),
        history(),
        foldGutter(),
        drawSelection(),
        EditorState.allowMultipleSelections.of(true),
        indentOnInput(),
        syntaxHighlighting(classHighlighter),
        bracketMatching(),
        highlightActiveLine(),
        highlightSelectionMatches(),
        lintGutter(),
        language.of(languageOf(options.format)),
        auditcfg(api, { lint: false }),
        keymap.of([
          ...defaultKeymap,
          ...searchKeymap,
          ...historyKeymap,
          ...foldKeymap,
          ...completionKeymap,
          indentWithTab,
        ]),
        EditorView.contentAttributes.of({
          "data-testid": "editor",
          "aria-label": options.label ?? "Config source (JSON or TOML)",
          "aria-describedby": "editor-keys",
          spellcheck: "false",
          autocapitalize: "off",
          autocorrect: "off",
        }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged && !quiet) options.onChange?.(u.state.doc.toString(), u.state.selection.main.head);
          if (u.docChanged || u.selectionSet) {
            const head = u.state.selection.main.head;
            const line = u.state.doc.lineAt(head);
            options.onCursor?.(line.number, head - line.from + 1, head);
          }
          if (u.docChanged) options.onHistory?.(undoDepth(u.state) > 0, redoDepth(u.state) > 0);
        }),
      ],
    }),
  });
  view.dom.classList.add("cm-auditcfg");
  const handle = {
    view,
    text: () => view.state.doc.toString(),
    /** Replaces the document by `text` as one transaction (only the changed middle), in the undo history. */
    setText(text, userEvent) {
      const old = view.state.doc.toString();
      if (old === text) return;
      let a = 0;
      const n = Math.min(old.length, text.length);
      while (a < n && old.charCodeAt(a) === text.charCodeAt(a)) a++;
      let b = 0;
      while (b < n - a && old.charCodeAt(old.length - 1 - b) === text.charCodeAt(text.length - 1 - b)) b++;
      quiet++;
      try {
        view.dispatch({
          changes: { from: a, to: old.length - b, insert: text.slice(a, text.length - b) },
          userEvent: userEvent || "input.replace",
        });
      } finally {
        quiet--;
      }
    },
    /** A new document: the whole text, caret at the start, scrolled to the top. */
    load(text, format) {
      quiet++;
      try {
        view.dispatch({
          changes: { from: 0, to: view.state.doc.length, insert: text },
          selection: EditorSelection.cursor(0),
          effects: [language.reconfigure(languageOf(format)), EditorView.scrollIntoView(0)],
          userEvent: "input.replace",
        });
      } finally {
        quiet--;
      }
    },
    setFormat(format) {
      view.dispatch({ effects: language.reconfigure(languageOf(format)) });
    },
    setDiagnostics(list) {
      pushDiagnostics(view, api, list);
    },
    applyFix(fix) {
      return applyFix(view, fix);
    },
    head: () => view.state.selection.main.head,
    select(anchor, head) {
      const len = view.state.doc.length;
      const a = Math.min(Math.max(0, anchor), len);
      const h = Math.min(Math.max(0, head ?? anchor), len);
      view.dispatch({ selection: EditorSelection.single(a, h), scrollIntoView: true });
    },
    focus: () => view.focus(),
    undo: () => undo(view),
    redo: () => redo(view),
    canUndo: () => undoDepth(view.state) > 0,
    canRedo: () => redoDepth(view.state) > 0,
    complete: () => startCompletion(view),
    requestMeasure: () => view.requestMeasure(),
  };
  parent.__auditcfgEditor = handle;
  return handle;
}

/** The editor handle of an element inside (or the content element of) an editor. */
function of(el) {
  const dom = el?.closest?.(".cm-editor");
  return dom?.parentElement?.__auditcfgEditor ?? null;
}

globalThis.__auditcfgCM = {
  create,
  of,
  /** For tests and embedding pages: the text of the editor at `el`. */
  text: (el) => of(el)?.text() ?? null,
  select: (el, anchor, head) => of(el)?.select(anchor, head),
  head: (el) => of(el)?.head() ?? null,
};
