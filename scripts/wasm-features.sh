# Sourced by the scripts that run binaryen's wasm-opt (build-app.sh,
# build-pkg.sh, size-breakdown.sh): the WebAssembly features rustc 1.95
# emits for wasm32-unknown-unknown by default (LLVM's `generic` CPU), all
# supported by Node 20, Chromium, Firefox and Safari.
# shellcheck shell=bash
WASM_FEATURES=(--enable-bulk-memory --enable-bulk-memory-opt --enable-nontrapping-float-to-int
  --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue
  --enable-call-indirect-overlong)
