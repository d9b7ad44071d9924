// The <audit-config-editor> custom element. Custom elements must be
// classes extending HTMLElement, which WebAssembly cannot declare: this
// module (bundled by wasm-bindgen as a snippet, loaded as an external
// module, so the CSP needs no inline script) defines the class and hands
// each connected element to the app, which mounts the editor in it.
export function define_element(mount) {
  if (customElements.get("audit-config-editor")) return;
  class AuditConfigEditor extends HTMLElement {
    static get observedAttributes() {
      return ["environment", "value"];
    }
    connectedCallback() {
      if (this.__auditcfgMounted) return;
      this.__auditcfgMounted = true;
      mount(this);
    }
    attributeChangedCallback(name, _old, value) {
      if (this.__auditcfgOnAttribute) this.__auditcfgOnAttribute(name, value);
    }
    /** The document's text. */
    get value() {
      return this.__auditcfgText ? this.__auditcfgText() : this.getAttribute("value") ?? "";
    }
  }
  customElements.define("audit-config-editor", AuditConfigEditor);
}

// The policy module (dist/policy/: the CEL engine, a WebAssembly module of
// its own carried inside a same-origin ES module, so the CSP's connect-src
// 'none' holds), imported the first time a policy is loaded (policies.rs).
// It lives in this snippet so that the page loads no extra file for it:
// wasm-bindgen copies this file to dist/snippets/<crate>/src/app/, four
// folders below the app's root, in the full page and when embedded.
let policyModule;
export function load_policy_module() {
  policyModule ??= import(new URL("../../../../policy/policy-browser.js", import.meta.url).href);
  return policyModule;
}

// The codes' documentation (dist/docs.js: the package's `explain`,
// generated from the registry), imported the first time a finding's
// Explain is opened (panel.rs), so the page load does not carry its ~60 KB
// of text. Resolves to the Markdown, "" for a code the registry does not
// know (a policy's own code).
let docsModule;
export function explain_code(code) {
  docsModule ??= import(new URL("../../../../docs.js", import.meta.url).href);
  return docsModule.then((m) => m.explain(code)?.docs ?? "");
}
