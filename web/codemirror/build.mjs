// Bundles the app's editor (app.js: CodeMirror 6 and the bridge of
// `auditcfg/codemirror`) into one ES module with esbuild:
//   node web/codemirror/build.mjs OUTFILE [--minify]
// (scripts/build-app.sh runs it in Trunk's post-build hook).
//
// One change to CodeMirror is made while bundling: @codemirror/autocomplete
// waits 50 ms after an explicit start (Ctrl+Space) before it asks the
// completion sources, so that keys typed right after it are not queried
// twice. Our source is the core's `complete`, synchronous and a few
// milliseconds on the largest preset, so the wait only delays the list: the
// app asks at once (the delay after typing, `activateOnTypingDelay`, is
// untouched). The build fails if the code to change is not found, so an
// upgrade of CodeMirror cannot silently drop the change.
import * as esbuild from "esbuild";
import { readFile } from "node:fs/promises";

const [outfile, ...flags] = process.argv.slice(2);
if (!outfile) {
  console.error("usage: node web/codemirror/build.mjs OUTFILE [--minify]");
  process.exit(2);
}

/** The explicit-start delay of @codemirror/autocomplete, and what replaces it. */
export const EXPLICIT_DELAY = "let delay = this.pendingStart ? 50 : conf.activateOnTypingDelay;";
export const NO_EXPLICIT_DELAY = "let delay = this.pendingStart ? 0 : conf.activateOnTypingDelay;";

const immediateExplicitCompletion = {
  name: "immediate-explicit-completion",
  setup(build) {
    build.onLoad({ filter: /[\\/]@codemirror[\\/]autocomplete[\\/]dist[\\/]index\.js$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      if (!source.includes(EXPLICIT_DELAY)) {
        return {
          errors: [{ text: `@codemirror/autocomplete changed: "${EXPLICIT_DELAY}" not found (web/codemirror/build.mjs)` }],
        };
      }
      return { contents: source.replace(EXPLICIT_DELAY, NO_EXPLICIT_DELAY), loader: "js" };
    });
  },
};

await esbuild.build({
  entryPoints: [new URL("./app.js", import.meta.url).pathname],
  bundle: true,
  format: "esm",
  target: "es2020",
  legalComments: "none",
  logLevel: "warning",
  minify: flags.includes("--minify"),
  outfile,
  plugins: [immediateExplicitCompletion],
});
