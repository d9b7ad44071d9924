// The embedding page's code: everything the portal needs is two DOM
// events on the element. `change`: event.detail is the document's text.
// `validation`: event.detail is {errors, warnings, infos, environment,
// diagnostics: [{code, severity, path, message, line, column}]}.
const editor = document.getElementById("editor");
let changes = 0;
window.portalLog = [];
editor.addEventListener("change", (e) => {
  changes += 1;
  document.getElementById("changes").textContent = String(changes);
  window.portalLog.push({ type: "change", length: e.detail.length });
  window.portalText = e.detail;
});
editor.addEventListener("validation", (e) => {
  document.getElementById("errors").textContent = String(e.detail.errors);
  document.getElementById("warnings").textContent = String(e.detail.warnings);
  window.portalLog.push({ type: "validation", errors: e.detail.errors, codes: e.detail.diagnostics.map((d) => d.code) });
  window.portalValidation = e.detail;
});
