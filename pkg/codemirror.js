// auditcfg/codemirror: auditcfg's language intelligence in CodeMirror 6.
//
// One small bridge, written against a tiny interface that both the npm
// package (`fromPackage(await import("auditcfg"))`) and the browser app's
// own WebAssembly provide; every offset is a UTF-16 index (a JavaScript
// string index, what CodeMirror counts):
//
//   validate(text)                 -> [{from, to, severity, code, message, help?, fixes?}]
//   complete(text, offset)         -> {from, to, items: [{label, kind, detail, documentation, edit, additionalEdits}]}
//   hover(text, offset)            -> {from, to, markdown} | null
//   codeActions(text, {from, to})  -> [{title, kind, code, edits: [{from, to, insert}]}]
//   format?(text)                  -> {text, changed, note}
//   folding?(text)                 -> [{from, to}]   (read after a pause in typing;
//                                     pass `foldingChanged` to your foldGutter)
//
// CodeMirror itself is a peer: this module imports `@codemirror/*` and
// never bundles them, so a page's own CodeMirror is the only copy.
import { autocompletion } from "@codemirror/autocomplete";
import { foldService } from "@codemirror/language";
import { linter, setDiagnostics } from "@codemirror/lint";
import { StateEffect, StateField } from "@codemirror/state";
import { EditorView, ViewPlugin, hoverTooltip, keymap } from "@codemirror/view";

const SEVERITY = { error: "error", warning: "warning", info: "info" };

/** The quick fixes of a diagnostic: its own, or asked of `codeActions`. */
function fixesOf(api, text, d) {
  if (Array.isArray(d.fixes) && d.fixes.every((f) => Array.isArray(f.edits))) return d.fixes;
  if (!api.codeActions) return [];
  try {
    return api
      .codeActions(text, { from: d.from, to: d.to })
      .filter((a) => a.kind === "quickFix" && a.code === d.code && a.edits.length > 0);
  } catch {
    return [];
  }
}

/** Applies a fix (edits in the coordinates of the text it was made for) as one transaction. */
export function applyFix(view, fix) {
  const len = view.state.doc.length;
  const changes = fix.edits
    .filter((e) => e.from <= e.to && e.to <= len)
    .map((e) => ({ from: e.from, to: e.to, insert: e.insert }));
  if (!changes.length) return false;
  view.dispatch({ changes, userEvent: "input.fix", scrollIntoView: true });
  return true;
}

/** A fix button (`data-testid="fix"`). */
export function fixButton(view, fix) {
  const b = document.createElement("button");
  b.type = "button";
  b.className = "cm-auditcfg-fix";
  b.dataset.testid = "fix";
  b.textContent = fix.title.startsWith("Fix") ? fix.title : `Fix: ${fix.title}`;
  b.addEventListener("mousedown", (e) => e.preventDefault());
  b.addEventListener("click", (e) => {
    e.preventDefault();
    applyFix(view, fix);
    view.focus();
  });
  return b;
}

/**
 * Our diagnostics as CodeMirror's: the message with the code, and a Fix
 * button (`data-testid="fix"`) per quick fix in the lint tooltip.
 */
export function toLint(api, text, list) {
  const len = text.length;
  return list.map((d) => {
    const from = Math.min(Math.max(0, d.from), len);
    const to = Math.min(Math.max(from, d.to), len);
    const fixes = fixesOf(api, text, d);
    return {
      from,
      to,
      severity: SEVERITY[d.severity] ?? "info",
      source: d.code,
      message: d.message,
      renderMessage(view) {
        const box = document.createElement("div");
        box.className = "cm-auditcfg-diagnostic";
        const code = document.createElement("b");
        code.textContent = d.code;
        box.append(code, " ", d.message);
        if (d.help) {
          const help = document.createElement("div");
          help.className = "cm-auditcfg-help";
          help.textContent = d.help;
          box.append(help);
        }
        for (const fix of fixes) box.append(" ", fixButton(view, fix));
        return box;
      },
    };
  });
}

/** Shows diagnostics computed elsewhere (the app validates on its own schedule). */
export function pushDiagnostics(view, api, list) {
  const text = view.state.doc.toString();
  view.dispatch(setDiagnostics(view.state, toLint(api, text, list)));
}

/** Renders the core's small Markdown (paragraphs, lists, `code`, **bold**) as DOM, never as HTML. */
export function renderMarkdown(markdown) {
  const root = document.createElement("div");
  root.className = "cm-auditcfg-md";
  let list = null;
  for (const raw of markdown.split("\n")) {
    const line = raw.trimEnd();
    if (!line.trim()) {
      list = null;
      continue;
    }
    const item = /^\s*[-*] (.*)$/.exec(line);
    let el;
    if (item) {
      if (!list) root.append((list = document.createElement("ul")));
      el = document.createElement("li");
      list.append(el);
      inline(el, item[1]);
    } else {
      list = null;
      const h = /^#+ (.*)$/.exec(line);
      el = document.createElement(h ? "h4" : "p");
      inline(el, h ? h[1] : line);
      root.append(el);
    }
  }
  return root;
}

function inline(el, text) {
  for (const part of text.split(/(`[^`]*`|\*\*[^*]+\*\*)/)) {
    if (!part) continue;
    if (part.startsWith("`") && part.endsWith("`") && part.length > 1) {
      const c = document.createElement("code");
      c.textContent = part.slice(1, -1);
      el.append(c);
    } else if (part.startsWith("**") && part.endsWith("**") && part.length > 3) {
      const b = document.createElement("strong");
      b.textContent = part.slice(2, -2);
      el.append(b);
    } else {
      el.append(part);
    }
  }
}

/** The completion source (CodeMirror's `CompletionSource`) on `api.complete`. */
export function completionSource(api) {
  return (context) => {
    const text = context.state.doc.toString();
    let result;
    try {
      result = api.complete(text, context.pos);
    } catch {
      return null;
    }
    if (!result || !result.items.length) return null;
    if (!context.explicit && result.from === result.to) return null;
    const token = text.slice(result.from, context.pos).replace(/^["']/, "").toLowerCase();
    const items = token ? result.items.filter((c) => c.label.toLowerCase().includes(token)) : result.items;
    if (!items.length) return null;
    return {
      from: result.from,
      to: Math.max(result.to, context.pos),
      filter: false,
      options: items.map((c, i) => ({
        label: c.label,
        detail: c.detail,
        info: c.documentation || undefined,
        type: c.kind === "section" ? "class" : c.kind === "property" ? "property" : c.kind === "secret" ? "keyword" : "constant",
        boost: -i,
        apply(view) {
          const edits = [c.edit, ...(c.additionalEdits ?? [])];
          const changes = view.state.changes(edits.map((e) => ({ from: e.from, to: e.to, insert: e.insert })));
          const main = c.edit.from + c.edit.insert.length;
          const anchor = changes.mapPos(c.edit.from, -1) + (main - c.edit.from);
          view.dispatch({
            changes,
            selection: { anchor: Math.min(anchor, changes.newLength) },
            userEvent: "input.complete",
            scrollIntoView: true,
          });
        },
      })),
    };
  };
}

function hover(api) {
  return hoverTooltip((view, pos) => {
    let card;
    try {
      card = api.hover(view.state.doc.toString(), pos);
    } catch {
      return null;
    }
    if (!card) return null;
    return {
      pos: card.from,
      end: card.to,
      above: true,
      create() {
        const dom = renderMarkdown(card.markdown);
        dom.classList.add("cm-auditcfg-hover");
        dom.setAttribute("role", "tooltip");
        if (card.pointer !== undefined) dom.dataset.pointer = card.pointer;
        return { dom };
      },
    };
  });
}

/** Replaces the document by the core's formatting (upstream's JSON layout); returns whether it changed. */
export function formatDocument(api, view) {
  if (!api.format) return false;
  const text = view.state.doc.toString();
  const out = api.format(text);
  if (!out.changed || out.text === text) return false;
  let a = 0;
  while (a < text.length && a < out.text.length && text[a] === out.text[a]) a++;
  let b = 0;
  while (b < text.length - a && b < out.text.length - a && text[text.length - 1 - b] === out.text[out.text.length - 1 - b]) b++;
  view.dispatch({
    changes: { from: a, to: text.length - b, insert: out.text.slice(a, out.text.length - b) },
    userEvent: "input.format",
  });
  return true;
}

const setFoldRanges = StateEffect.define();

/**
 * For a fold gutter's `foldingChanged` option (`foldGutter({ foldingChanged })`):
 * true when the core's fold ranges were refreshed, so the gutter redraws
 * its markers although the text did not change.
 */
export const foldingChanged = (update) =>
  update.transactions.some((tr) => tr.effects.some((e) => e.is(setFoldRanges)));

/**
 * Folding from the core, kept off the keystroke: the ranges (sorted by
 * start) live in the editor state and follow each edit through its
 * changes; the core reads the whole text again only after a pause (30 ms,
 * plus 1 ms per 1,000 characters, at most 500 ms), not on every key.
 */
function folding(api) {
  const ranges = StateField.define({
    create: () => [],
    update(value, tr) {
      for (const e of tr.effects) if (e.is(setFoldRanges)) return e.value;
      if (!tr.docChanged || value.length === 0) return value;
      const mapped = [];
      for (const r of value) {
        const from = tr.changes.mapPos(r.from, 1);
        const to = tr.changes.mapPos(r.to, -1);
        if (to > from) mapped.push({ from, to });
      }
      return mapped;
    },
  });
  const refresh = ViewPlugin.fromClass(
    class {
      constructor(view) {
        this.view = view;
        this.timer = setTimeout(() => this.run(), 0);
      }
      update(u) {
        if (!u.docChanged) return;
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.run(), Math.min(500, 30 + u.state.doc.length / 1000));
      }
      run() {
        let value = [];
        try {
          value = (api.folding(this.view.state.doc.toString()) ?? []).filter((r) => r.to > r.from);
        } catch {
          value = [];
        }
        value.sort((a, b) => a.from - b.from);
        this.view.dispatch({ effects: setFoldRanges.of(value) });
      }
      destroy() {
        clearTimeout(this.timer);
      }
    },
  );
  const service = foldService.of((state, lineStart, lineEnd) => {
    const list = state.field(ranges);
    // The first range that starts on the line (binary search), then the
    // first of those that ends after it.
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].from < lineStart) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < list.length && list[i].from <= lineEnd; i++) {
      if (list[i].to > lineEnd) return { from: list[i].from, to: list[i].to };
    }
    return null;
  });
  return [ranges, refresh, service];
}

/**
 * The extensions: lint (unless `lint: false`, for a host that pushes its
 * own diagnostics with `pushDiagnostics`), completion, hover, folding
 * (when the interface has `folding`) and the format command
 * (Shift+Alt+F).
 */
export function auditcfg(api, options = {}) {
  const ext = [
    autocompletion({ override: [completionSource(api)], activateOnTyping: true, icons: false }),
    hover(api),
    keymap.of([{ key: "Shift-Alt-f", run: (view) => (formatDocument(api, view), true) }]),
    EditorView.baseTheme({
      ".cm-auditcfg-fix": { marginLeft: "0.5em" },
      ".cm-auditcfg-hover": { padding: "4px 8px", maxWidth: "36em" },
    }),
  ];
  if (api.folding) ext.push(folding(api));
  if (options.lint !== false) {
    ext.push(
      linter((view) => {
        const text = view.state.doc.toString();
        return toLint(api, text, api.validate(text));
      }, { delay: options.delay ?? 150 }),
    );
  }
  return ext;
}

/** Builds the interface from the npm package's module (`import * as auditcfg from "auditcfg"`). */
export function fromPackage(pkg, options = {}) {
  const lineStarts = (text) => {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
    }
    return starts;
  };
  const at = (starts, p) => (starts[p.line - 1] ?? 0) + p.columnUtf16 - 1;
  return {
    validate(text) {
      const result = pkg.validate(text, options);
      const starts = lineStarts(text);
      return result.diagnostics.map((d) => ({
        from: at(starts, d.range.start),
        to: at(starts, d.range.end),
        severity: d.severity,
        code: d.code,
        message: d.message,
        help: d.help,
        fixes: d.fixes,
      }));
    },
    complete: (text, offset) => pkg.complete(text, offset, options),
    hover: (text, offset) => pkg.hover(text, offset, options),
    codeActions: (text, range) => pkg.codeActions(text, range, options),
    format: pkg.format ? (text) => pkg.format(text, options) : undefined,
  };
}
