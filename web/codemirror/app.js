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
import { applyFix, auditcfg, foldingChanged, pushDiagnostics } from "../../pkg/codemirror.js";

const tomlLanguage = StreamLanguage.define(toml);

// The page's colours (CSS custom properties inherit into the shadow root):
// light and dark follow style/app.css.
const theme = EditorView.theme({
  "&": {
    height: "100%",
    minHeight: "0",
    background: "var(--bg)",
    color: "var(--fg)",
    font: "var(--code-size) / var(--line-h) var(--mono)",
  },
  "&.cm-focused": { outline: "none", boxShadow: "inset 0 0 0 2px var(--focus)" },
  ".cm-scroller": { font: "var(--code-size) / var(--line-h) var(--mono)", fontVariantLigatures: "none" },
  ".cm-content": { caretColor: "var(--fg)", padding: "var(--pad-y) 0" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--fg)" },
  ".cm-gutters": { background: "var(--bg-2)", color: "var(--fg-2)", borderRight: "1px solid var(--border)" },
  ".cm-activeLine": { background: "color-mix(in srgb, var(--bg-3) 45%, transparent)" },
  ".cm-activeLineGutter": { background: "var(--bg-3)" },
  "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection": {
    background: "var(--sel)",
  },
  ".cm-matchingBracket": { background: "var(--bracket)", outline: "1px solid var(--bracket-border)" },
  ".cm-nonmatchingBracket": { background: "var(--bad-bracket)" },
  ".cm-tooltip": {
    background: "var(--bg-2)",
    color: "var(--fg)",
    border: "1px solid var(--border)",
    borderRadius: "6px",
    font: "13px / 1.45 var(--sans)",
  },
  ".cm-tooltip-autocomplete > ul": { font: "var(--code-size) / 1.5 var(--mono)" },
  ".cm-tooltip-autocomplete > ul > li[aria-selected]": { background: "var(--accent)", color: "var(--accent-fg)" },
  ".cm-completionDetail": { color: "inherit", opacity: "0.75", marginLeft: "1em" },
  ".cm-completionInfo": { background: "var(--bg-2)", color: "var(--fg)" },
  ".cm-auditcfg-md h4, .cm-auditcfg-md p, .cm-auditcfg-md ul": { margin: "2px 0" },
  ".cm-auditcfg-md code": { font: "12px var(--mono)", background: "var(--bg-3)", padding: "0 3px", borderRadius: "3px" },
  ".cm-diagnostic-error": { borderLeftColor: "var(--err)" },
  ".cm-diagnostic-warning": { borderLeftColor: "var(--warn)" },
  ".cm-diagnostic-info": { borderLeftColor: "var(--info)" },
  ".cm-auditcfg-help": { color: "var(--fg-2)" },
  ".cm-auditcfg-fix": {
    font: "12px var(--sans)",
    border: "1px solid var(--accent)",
    background: "var(--bg)",
    color: "var(--accent)",
    borderRadius: "4px",
    padding: "1px 6px",
    cursor: "pointer",
  },
  ".tok-propertyName": { color: "var(--t-key)" },
  ".tok-string": { color: "var(--t-str)" },
  ".tok-number": { color: "var(--t-num)" },
  ".tok-bool, .tok-null, .tok-keyword, .tok-atom": { color: "var(--t-kw)" },
  ".tok-punctuation": { color: "var(--t-punct)" },
  ".tok-comment": { color: "var(--t-comment)", fontStyle: "italic" },
  ".tok-heading, .tok-typeName": { color: "var(--t-table)", fontWeight: "600" },
  ".tok-invalid": { color: "var(--t-bad)" },
});
const languageOf = (format) => (format === "toml" ? tomlLanguage : json());

/**
 * Creates the editor in `parent`. `options`: `{doc, format, api, onChange(text, head, changed),
 * onCursor(line, column, head), label}` where `api` is the bridge's
 * interface (`complete`, `hover`, `codeActions`, `format`, `folding`).
 */
function create(parent, options) {
  const language = new Compartment();
  const api = options.api;
  let quiet = 0;
  // In a shadow root: CodeMirror's styles (style-mod) then go through
  // constructable stylesheets (`adoptedStyleSheets`), which the CSP allows,
  // instead of <style> elements, which `style-src 'self'` forbids.
  const shadow = parent.shadowRoot ?? parent.attachShadow({ mode: "open" });
  const view = new EditorView({
    parent: shadow,
    root: shadow,
    state: EditorState.create({
      doc: options.doc ?? "",
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightSpecialChars(),
        history(),
        foldGutter({ foldingChanged }),
        drawSelection(),
        EditorState.allowMultipleSelections.of(true),
        indentOnInput(),
        syntaxHighlighting(classHighlighter),
        bracketMatching(),
        highlightActiveLine(),
        highlightSelectionMatches(),
        lintGutter(),
        theme,
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
        // Replacing a selection that spans lines (typing or deleting over
        // it): apply it ourselves. The browser's own editing merges the
        // line elements and writes `style` attributes while doing so,
        // which the CSP blocks (and reports) before CodeMirror redraws.
        EditorView.domEventHandlers({
          // Files dropped on the editor are opened by the app (its window
          // listener), not inserted as text.
          drop: (e) => Boolean(e.dataTransfer?.files?.length),
          beforeinput(e, v) {
            if (v.composing) return false;
            let insert;
            // Typed text (and a Playwright `fill`, CDP Input.insertText)
            // over a selection that spans lines: without this, Chromium
            // deletes the selection itself and wraps the new text in a
            // `<span style>` carrying the deleted text's colour (a
            // `style-src-attr` violation). The event is cancelable on
            // desktop Chromium; when it is not (IME), CodeMirror reads
            // the DOM as usual.
            if (e.inputType === "insertText" && e.cancelable) insert = e.data ?? "";
            else if (e.inputType.startsWith("deleteContent") || e.inputType.startsWith("deleteWord")) insert = "";
            if (insert === undefined || insert === null) return false;
            // The range the browser is about to replace (the DOM selection
            // may be ahead of CodeMirror's, e.g. right after select-all).
            const [r] = e.getTargetRanges?.() ?? [];
            let from, to;
            try {
              if (r && !r.collapsed) {
                from = v.posAtDOM(r.startContainer, r.startOffset);
                to = v.posAtDOM(r.endContainer, r.endOffset);
              }
            } catch {
              from = undefined;
            }
            if (from === undefined) {
              // In a shadow root the target ranges are empty: read the
              // DOM selection.
              const ds = v.root.getSelection?.() ?? document.getSelection();
              try {
                if (ds && !ds.isCollapsed && v.contentDOM.contains(ds.anchorNode) && v.contentDOM.contains(ds.focusNode)) {
                  const a = v.posAtDOM(ds.anchorNode, ds.anchorOffset);
                  const b = v.posAtDOM(ds.focusNode, ds.focusOffset);
                  from = Math.min(a, b);
                  to = Math.max(a, b);
                }
              } catch {
                from = undefined;
              }
            }
            if (from === undefined) {
              const sel = v.state.selection.main;
              if (sel.empty) return false;
              ({ from, to } = sel);
            }
            if (v.state.doc.lineAt(from).number === v.state.doc.lineAt(to).number) return false;
            e.preventDefault();
            v.dispatch({
              changes: { from, to, insert },
              selection: { anchor: from + insert.length },
              userEvent: insert ? "input.type" : "delete.selection",
              scrollIntoView: true,
            });
            return true;
          },
        }),
        EditorView.contentAttributes.of({
          "data-testid": "editor",
          "aria-label": options.label ?? "Config source (JSON or TOML)",
          "aria-describedby": "editor-keys",
          spellcheck: "false",
          autocapitalize: "off",
          autocorrect: "off",
        }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged && !quiet) {
            // How much text this update inserted and removed: a paste is
            // validated at once, typing may be coalesced (src/schedule.rs).
            let changed = 0;
            u.changes.iterChanges((fromA, toA, fromB, toB) => (changed += toA - fromA + (toB - fromB)));
            options.onChange?.(u.state.doc.toString(), u.state.selection.main.head, changed);
          }
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
  last = handle;
  return handle;
}

let last = null;

/**
 * The editor handle of an element inside an editor, of its host, or (no
 * element) the last editor created.
 */
function of(el) {
  if (!el) return last;
  if (el.__auditcfgEditor) return el.__auditcfgEditor;
  const dom = el.closest?.(".cm-editor");
  const host = dom?.getRootNode?.().host;
  return host?.__auditcfgEditor ?? null;
}

globalThis.__auditcfgCM = {
  create,
  of,
  /** For tests and embedding pages: the text of the editor at `el` (default: the last one). */
  text: (el) => of(el)?.text() ?? null,
  /** The content element (`data-testid="editor"`), inside the shadow root. */
  content: (el) => of(el)?.view.contentDOM ?? null,
  select: (el, anchor, head) => of(el)?.select(anchor, head),
  head: (el) => of(el)?.head() ?? null,
};
