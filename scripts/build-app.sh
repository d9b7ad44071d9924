#!/usr/bin/env bash
# Builds the browser app (the root package, Leptos + Trunk) into dist/:
#   1. `trunk build --release` with the release profile tuned for size
#      (opt-level z, fat LTO, one codegen unit: passed as environment
#      variables, the root profiles belong to the native builds);
#   2. Trunk's post-build hook (Trunk.toml) calls this script with
#      --post-build: binaryen's wasm-opt -Oz (node_modules; Trunk's own
#      wasm-opt download is off: no internet), then the wasm is embedded in
#      an external ES module `boot-<glue>.js` that instantiates it without
#      fetch(), and the .wasm file is dropped. index.html loads that module
#      with a plain <script type="module" src>: no inline script, and the
#      Content-Security-Policy can forbid every connection (connect-src
#      'none');
#   3. checks dist/ (no inline script, the CSP is there) and prints the
#      files' raw and gzip sizes.
#
#   scripts/build-app.sh           release build into dist/
#   scripts/build-app.sh --dev     debug build (fast to compile, large)
#   scripts/build-app.sh --post-build   (Trunk's hook; not for people)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
log() { printf '\033[1m[build-app]\033[0m %s\n' "$*" >&2; }

# shellcheck source=scripts/wasm-features.sh
. "$ROOT/scripts/wasm-features.sh"

post_build() {
  : "${TRUNK_STAGING_DIR:?--post-build is run by trunk (see Trunk.toml)}"
  cd "$TRUNK_STAGING_DIR"
  local wasm js
  wasm=$(find . -maxdepth 1 -name 'auditcfg-app-*_bg.wasm' -printf '%f\n' | head -n1)
  [ -n "$wasm" ] || { log "no wasm in $TRUNK_STAGING_DIR"; exit 1; }
  js="${wasm%_bg.wasm}.js"
  [ -f "$js" ] || { log "no JS glue $js"; exit 1; }
  if [ "${TRUNK_PROFILE:-debug}" = release ]; then
    log "wasm-opt -Oz $wasm ($(wc -c <"$wasm") bytes)"
    "$ROOT/node_modules/.bin/wasm-opt" -Oz "${WASM_FEATURES[@]}" --strip-debug --strip-producers \
      -o "$wasm.opt" "$wasm"
    mv "$wasm.opt" "$wasm"
  fi
  # Trunk's own JS minifier gives up on wasm-bindgen's glue (an ES module
  # with imports): esbuild minifies it and the snippets it imports, in
  # place (release; ~25% less to transfer). The glue names the snippet
  # module twice in its imports object, two namespaces of one module: the
  # same object, so the duplicate key esbuild warns about is harmless.
  if [ "${TRUNK_PROFILE:-debug}" = release ]; then
    local f
    while IFS= read -r f; do
      "$ROOT/node_modules/.bin/esbuild" --minify --format=esm --log-level=warning --log-override:duplicate-object-key=silent "$f" --outfile="$f.min" && mv "$f.min" "$f"
    done < <(find . -name '*.js' \( -path './snippets/*' -o -name "$js" \) -print)
  fi
  # The editor: CodeMirror 6 and the bridge (pkg/codemirror.js), bundled
  # by esbuild into one external module that the boot module imports
  # before the wasm starts (it defines globalThis.__auditcfgCM).
  # web/codemirror/build.mjs says what it changes while bundling.
  node "$ROOT/web/codemirror/build.mjs" codemirror.js $([ "${TRUNK_PROFILE:-debug}" = release ] && echo --minify)
  local cm
  cm="codemirror-$(sha256sum codemirror.js | cut -c1-16).js"
  mv codemirror.js "$cm"
  log "bundled the editor into $cm ($(wc -c <"$cm") bytes)"
  # Release: the wasm travels as LZMA inside its unpacker; debug: deflated.
  local unpack=""
  if [ "${TRUNK_PROFILE:-debug}" = release ]; then
    unpack=$(unpacker "$wasm") || unpack=""
  fi
  node --input-type=module - "$wasm" "$js" "$cm" "$ROOT/scripts/wasm-literal.mjs" "$unpack" <<'JS'
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const [wasm, js, cm, literal, unpack] = process.argv.slice(2);
// The wasm travels inside the boot module, packed (scripts/wasm-literal.mjs says why).
const { wasmSource } = await import(pathToFileURL(literal).href);
const unpacker = unpack ? { bytes: readFileSync(unpack), how: readFileSync(`${unpack}.how`, "utf8").trim() } : null;
const { source, how, deflated } = wasmSource(readFileSync(wasm), { unpacker });
const boot = `// auditcfg: instantiates the app's WebAssembly, embedded below.
import "./${cm}";
import init from "./${js}";
${source}await init({ module_or_path: wasm });
`;
writeFileSync(`boot-${js}`, boot, "utf8");
console.error(`[build-app] wasm packed by ${how}: ${deflated} bytes`);
JS
  rm -f "$wasm"
  log "embedded $wasm in boot-$js"
  # embed.js: a stable name for pages that embed the editor as the
  # <audit-config-editor> custom element (README, "Embedding").
  local css
  css=$(find . -maxdepth 1 -name 'app-*.css' -printf '%f\n' | head -n1)
  cat >embed.js <<EMBED
// auditcfg: defines <audit-config-editor> without mounting the full-page app.
globalThis.__auditcfgEmbed = true;
if ("${css}" && !document.querySelector('link[data-auditcfg]')) {
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = new URL("./${css}", import.meta.url).href;
  link.dataset.auditcfg = "";
  document.head.append(link);
}
await import("./boot-${js}");
EMBED
  log "wrote embed.js (css: ${css:-none})"
}

# The wasm $1 packed as LZMA inside its unpacker (crates/auditcfg-lzma,
# built with the packed bytes as its data; the release profile build()
# exports, but opt-level 3 for speed; then wasm-opt -O3). Prints the
# unpacker's path ($path.how says how it packed); fails without xz.
unpacker() {
  local packed="$ROOT/target/app.lzma" out="$ROOT/target/unlzma.wasm"
  node "$ROOT/scripts/wasm-literal.mjs" lzma "$1" "$packed" >"$out.how" || return 1
  AUDITCFG_LZMA_INPUT="$packed" CARGO_PROFILE_RELEASE_OPT_LEVEL=3 "${REAL_CARGO:-cargo}" build \
    --quiet --locked --release -p auditcfg-lzma --target wasm32-unknown-unknown --manifest-path "$ROOT/Cargo.toml" >&2
  "$ROOT/node_modules/.bin/wasm-opt" -O3 "${WASM_FEATURES[@]}" --strip-debug --strip-producers \
    -o "$out" "$ROOT/target/wasm32-unknown-unknown/release/auditcfg_lzma.wasm"
  printf '%s\n' "$out"
}

check_dist() {
  local html=dist/index.html
  [ -f "$html" ] || { log "no $html"; exit 1; }
  # Every <script> must load a file: no inline script.
  if node -e '
    const h = require("fs").readFileSync(process.argv[1], "utf8");
    const tags = h.match(/<script\b[^>]*>[\s\S]*?<\/script>/gi) || [];
    const inline = tags.filter((t) => !/\ssrc=/i.test(t.slice(0, t.indexOf(">"))) || !/>\s*<\/script>$/i.test(t));
    if (tags.length === 0 || inline.length) { console.error(inline.join("\n") || "no script tag"); process.exit(1); }
    if (!/connect-src &#39;none&#39;|connect-src '"'"'none'"'"'/.test(h)) { console.error("no CSP"); process.exit(1); }
  ' "$html"; then :; else
    log "dist/index.html must load only external scripts and carry the CSP"
    exit 1
  fi
  log "dist/ (raw / gzip -9 bytes):"
  local total_raw=0 total_gz=0 f raw gz
  while IFS= read -r f; do
    raw=$(wc -c <"$f"); gz=$(gzip -9 -c "$f" | wc -c)
    total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
    printf '  %-48s %9d %9d\n' "${f#dist/}" "$raw" "$gz" >&2
  done < <(find dist -type f | sort)
  printf '  %-48s %9d %9d\n' "total" "$total_raw" "$total_gz" >&2
}

build() {
  local mode=$1
  cd "$ROOT"
  scripts/setup.sh wasm
  scripts/setup.sh web
  export TRUNK_SKIP_VERSION_CHECK=true
  # Trunk runs `cargo build --bin auditcfg-app` in the workspace root, which
  # selects the workspace's default members and so unifies features with
  # the CLI: the core would get `schema-validation` (jsonschema, ~640 KB
  # gzip) in the app. A cargo shim on PATH adds `-p auditcfg-app` to
  # Trunk's wasm builds so that only the app's own features count.
  SHIM_DIR=$(mktemp -d)
  trap 'rm -rf "$SHIM_DIR"' EXIT
  local shim=$SHIM_DIR
  REAL_CARGO=$(command -v cargo)
  export REAL_CARGO
  cat >"$shim/cargo" <<'SHIM'
#!/usr/bin/env bash
if [ "${1:-}" = build ] && [[ " $* " == *" --target=wasm32-unknown-unknown "* ]] && [[ " $* " == *" --bin auditcfg-app "* ]]; then
  exec "$REAL_CARGO" "$@" -p auditcfg-app
fi
exec "$REAL_CARGO" "$@"
SHIM
  chmod +x "$shim/cargo"
  export PATH="$shim:$PATH"
  if [ "$mode" = release ]; then
    export CARGO_PROFILE_RELEASE_OPT_LEVEL=z
    export CARGO_PROFILE_RELEASE_LTO=true
    export CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1
    export CARGO_PROFILE_RELEASE_PANIC=abort
    export CARGO_PROFILE_RELEASE_DEBUG=false
    log "trunk build --release (several minutes on a cold cache)"
    trunk build --release --locked
  else
    # Quick to compile, small enough to load: for working on the app.
    export CARGO_PROFILE_DEV_OPT_LEVEL=1
    export CARGO_PROFILE_DEV_DEBUG=false
    log "trunk build (debug, opt-level 1)"
    trunk build --locked
  fi
  policy_module
  # The codes' documentation (the package's generated `explain` module),
  # imported by the app the first time a finding's Explain is opened.
  cp pkg/docs.js dist/docs.js
  check_dist
}

# The policy module (the CEL engine: crates/auditcfg-policy-wasm, built by
# scripts/build-pkg.sh --policy-only into pkg/dist/), as the package ships
# it for browsers, in dist/policy/: the app imports it only when a policy
# is loaded (a same-origin module carrying its wasm: no fetch()).
policy_module() {
  if [ ! -f pkg/dist/policy_wasm.js ] || [ ! -f pkg/dist/policy.js ] ||
    [ -n "$(find crates/auditcfg-policy crates/auditcfg-policy-wasm crates/auditcfg-core/src Cargo.lock \
      scripts/wasm-literal.mjs -newer pkg/dist/policy_wasm.js -print -quit)" ]; then
    scripts/build-pkg.sh --policy-only
  fi
  mkdir -p dist/policy/dist
  cp pkg/policy-browser.js pkg/policy-api.js dist/policy/
  cp pkg/dist/policy.js pkg/dist/policy_wasm.js dist/policy/dist/
  log "copied the policy module into dist/policy/ (loaded only with a policy)"
}

case "${1:-}" in
  --post-build) post_build ;;
  --dev) build dev ;;
  "") build release ;;
  *) log "unknown argument: $1"; exit 2 ;;
esac
