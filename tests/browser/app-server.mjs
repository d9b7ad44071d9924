// A tiny static file server for the built app (dist/), gzip-compressing
// responses as a real server would, and counting what it sends.
//
//   node tests/browser/app-server.mjs [--port 8080] [--host 127.0.0.1] [--dir dist]
//
// Used by scripts/run.sh (to serve the app locally) and by the browser
// tests (on an ephemeral port, to count transferred bytes).

import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};
const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".svg", ".json", ".txt", ".wasm"]);

/**
 * Starts serving `dir`. Resolves to { server, url, log, resetLog }.
 * `log` lists every request: { method, path, status, bytes, gzip }.
 */
export async function serveDist({ dir, port = 0, host = "127.0.0.1", level = 6 } = {}) {
  const root = resolve(dir);
  const log = [];
  const cache = new Map();
  const server = createServer(async (req, res) => {
    const entry = { method: req.method, path: req.url, status: 0, bytes: 0, gzip: false };
    log.push(entry);
    const send = (status, body, headers = {}) => {
      entry.status = status;
      entry.bytes = body.length;
      res.writeHead(status, { "Content-Length": body.length, ...headers });
      res.end(req.method === "HEAD" ? undefined : body);
    };
    if (req.method !== "GET" && req.method !== "HEAD") {
      return send(405, Buffer.from("method not allowed"), { Allow: "GET, HEAD" });
    }
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    } catch {
      return send(400, Buffer.from("bad request"));
    }
    if (path.endsWith("/")) path += "index.html";
    const file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) return send(403, Buffer.from("forbidden"));
    let body;
    try {
      if (!(await stat(file)).isFile()) throw new Error("not a file");
      body = await readFile(file);
    } catch {
      return send(404, Buffer.from("not found"), { "Content-Type": "text/plain; charset=utf-8" });
    }
    const ext = extname(file);
    const headers = {
      "Content-Type": TYPES[ext] ?? "application/octet-stream",
      "Cache-Control": "no-cache",
      "X-Content-Type-Options": "nosniff",
      Vary: "Accept-Encoding",
    };
    if (COMPRESSIBLE.has(ext) && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "")) {
      const key = `${file}:${body.length}`;
      let gz = cache.get(key);
      if (!gz) cache.set(key, (gz = gzipSync(body, { level })));
      entry.gzip = true;
      return send(200, gz, { ...headers, "Content-Encoding": "gzip" });
    }
    return send(200, body, headers);
  });
  await new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, host, ok);
  });
  const { port: actual } = server.address();
  return {
    server,
    url: `http://${host}:${actual}`,
    log,
    resetLog: () => log.splice(0, log.length),
    close: () => new Promise((ok) => server.close(ok)),
  };
}

// Command line: serve dist/ until interrupted.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : dflt;
  };
  const here = fileURLToPath(new URL(".", import.meta.url));
  const dir = opt("dir", join(here, "..", "..", "dist"));
  const { url } = await serveDist({ dir, port: Number(opt("port", 8080)), host: opt("host", "127.0.0.1") });
  console.log(`auditcfg: serving ${dir} at ${url}/ (gzip on; Ctrl+C stops)`);
}

const FILE_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
};

/**
 * Serves what `route(pathname)` names on loopback: a file path, or
 * `{ body, type }` for a page made in the test, or null (404). `headers`
 * go with every answer (e.g. a CSP). Returns `{ url, close }`.
 */
export async function serveRoutes(route, { headers = {} } = {}) {
  const { createServer } = await import("node:http");
  const { readFile } = await import("node:fs/promises");
  const { extname } = await import("node:path");
  const server = createServer(async (req, res) => {
    const found = route(new URL(req.url, "http://localhost").pathname);
    try {
      if (!found) throw new Error("not found");
      const { body, type } =
        typeof found === "string" ? { body: await readFile(found), type: FILE_TYPES[extname(found)] } : found;
      res.writeHead(200, { ...headers, "content-type": type || "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((ok) => server.close(ok)),
  };
}
