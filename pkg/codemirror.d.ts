// Types of `auditcfg/codemirror` (codemirror.js): auditcfg's language
// intelligence in CodeMirror 6. CodeMirror is a peer dependency.
import type { CompletionSource } from "@codemirror/autocomplete";
import type { Extension } from "@codemirror/state";
import type { Diagnostic as LintDiagnostic } from "@codemirror/lint";
import type { EditorView, ViewUpdate } from "@codemirror/view";
import type { CodeAction, CompletionResult, FormatResult, HoverCard, IdeOptions, TextEdit } from "./index.js";

/** A quick fix: edits in UTF-16 offsets of the text it was made for. */
export interface BridgeFix {
  title: string;
  edits: TextEdit[];
}

/** A diagnostic in UTF-16 offsets. */
export interface BridgeDiagnostic {
  from: number;
  to: number;
  severity: "error" | "warning" | "info";
  code: string;
  message: string;
  help?: string;
  /** Its fixes; when absent the bridge asks `codeActions`. */
  fixes?: BridgeFix[];
}

/** What the bridge needs: the npm package (`fromPackage`) or the app's own wasm provide it. */
export interface AuditcfgBridge {
  validate(text: string): BridgeDiagnostic[];
  complete(text: string, offset: number): CompletionResult;
  hover(text: string, offset: number): HoverCard | null;
  codeActions(text: string, range: { from: number; to: number }): CodeAction[];
  format?(text: string): FormatResult;
  folding?(text: string): { from: number; to: number }[];
}

export interface AuditcfgExtensionOptions {
  /** `false`: no linter (the host pushes diagnostics with `pushDiagnostics`). */
  lint?: boolean;
  /** The linter's delay in ms (default 150). */
  delay?: number;
}

/** Lint, completion, hover, folding (when `folding` is given) and Shift+Alt+F formatting. */
export function auditcfg(api: AuditcfgBridge, options?: AuditcfgExtensionOptions): Extension[];
/** The interface on the npm package's module: `fromPackage(await import("auditcfg"))`. */
export function fromPackage(pkg: typeof import("./index.js"), options?: IdeOptions): AuditcfgBridge;
export function completionSource(api: AuditcfgBridge): CompletionSource;
export function toLint(api: AuditcfgBridge, text: string, list: BridgeDiagnostic[]): LintDiagnostic[];
export function pushDiagnostics(view: EditorView, api: AuditcfgBridge, list: BridgeDiagnostic[]): void;
export function applyFix(view: EditorView, fix: BridgeFix): boolean;
export function fixButton(view: EditorView, fix: BridgeFix): HTMLButtonElement;
export function formatDocument(api: AuditcfgBridge, view: EditorView): boolean;
/**
 * For `foldGutter({ foldingChanged })`: true when the core's fold ranges
 * were refreshed (they are read after a pause in typing and follow edits
 * in between), so the gutter redraws its markers.
 */
export function foldingChanged(update: ViewUpdate): boolean;
export function renderMarkdown(markdown: string): HTMLElement;
