#!/usr/bin/env node
// Upstream's secure-storage scheme (SecureStorageConfig), reimplemented
// with Node's crypto for interoperability tests of auditcfg_core::crypto.
//
//   node upstream_crypto.mjs encrypt  [options] < config.json  > file.json
//   node upstream_crypto.mjs decrypt  [options] < file.json    > config text
//   node upstream_crypto.mjs stringify          < doc.json     > JSON.stringify(doc, null, 2)
//
// options: --algorithm AES-256-GCM|AES-256-CBC (encrypt; default GCM)
//          --kdf PBKDF2|scrypt (default PBKDF2)
//          --salt <hex> (required for encrypt/decrypt, as AUDIT_CONFIG_SALT)
//          --iterations N (default 100000)
//          --scrypt-n N --scrypt-r R --scrypt-p P (default Node's 16384, 8, 1)
// The password is read from AUDIT_CONFIG_PASSWORD, as upstream does.
//
// As upstream: key = PBKDF2-HMAC-SHA256(password, hex salt, iterations, 32)
// or scrypt(password, salt, 32); a random 16-byte IV also for GCM; no AAD;
// the plaintext is JSON.stringify(config, null, 2); the file is
// JSON.stringify({algorithm, iv, data, authTag}, null, 2) with hex values
// (CBC: no authTag). Readers ignore any other key of the file.

import crypto from 'node:crypto';
import process from 'node:process';

function parseArgs(argv) {
  const opts = {
    algorithm: 'AES-256-GCM',
    kdf: 'PBKDF2',
    salt: undefined,
    iterations: 100000,
    scryptN: 16384,
    scryptR: 8,
    scryptP: 1,
  };
  const names = {
    '--algorithm': 'algorithm',
    '--kdf': 'kdf',
    '--salt': 'salt',
    '--iterations': 'iterations',
    '--scrypt-n': 'scryptN',
    '--scrypt-r': 'scryptR',
    '--scrypt-p': 'scryptP',
  };
  for (let i = 0; i < argv.length; i += 2) {
    const key = names[argv[i]];
    if (!key || i + 1 >= argv.length) {
      throw new Error(`bad argument: ${argv[i]}`);
    }
    const v = argv[i + 1];
    opts[key] = ['iterations', 'scryptN', 'scryptR', 'scryptP'].includes(key) ? Number(v) : v;
  }
  return opts;
}

function deriveKey(password, opts) {
  if (!opts.salt) throw new Error('--salt is required');
  const salt = Buffer.from(opts.salt, 'hex');
  if (opts.kdf === 'scrypt') {
    const { scryptN: N, scryptR: r, scryptP: p } = opts;
    // Node refuses more than 32 MiB by default; allow what the parameters need.
    const maxmem = 128 * N * r * (p + 2) + 64 * 1024 * 1024;
    return crypto.scryptSync(password, salt, 32, { N, r, p, maxmem });
  }
  return crypto.pbkdf2Sync(password, salt, opts.iterations, 32, 'sha256');
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

function encrypt(config, password, opts) {
  const key = deriveKey(password, opts);
  const iv = crypto.randomBytes(16);
  const algorithm = opts.algorithm;
  const cipher = crypto.createCipheriv(algorithm.toLowerCase(), key, iv);
  const plaintext = JSON.stringify(config, null, 2);
  let data = cipher.update(plaintext, 'utf8', 'hex');
  data += cipher.final('hex');
  const file = { algorithm, iv: iv.toString('hex'), data };
  if (algorithm.toUpperCase() === 'AES-256-GCM') {
    file.authTag = cipher.getAuthTag().toString('hex');
  }
  return JSON.stringify(file, null, 2);
}

function decrypt(file, password, opts) {
  const key = deriveKey(password, opts);
  const algorithm = file.algorithm.toLowerCase();
  const decipher = crypto.createDecipheriv(algorithm, key, Buffer.from(file.iv, 'hex'));
  if (algorithm === 'aes-256-gcm') {
    decipher.setAuthTag(Buffer.from(file.authTag, 'hex'));
  }
  let plaintext = decipher.update(file.data, 'hex', 'utf8');
  plaintext += decipher.final('utf8');
  JSON.parse(plaintext); // upstream parses it; fail loudly if it is not JSON
  return plaintext;
}

async function main() {
  const [mode, ...rest] = process.argv.slice(2);
  const opts = parseArgs(rest);
  const input = await readStdin();
  const password = process.env.AUDIT_CONFIG_PASSWORD ?? '';
  let out;
  switch (mode) {
    case 'encrypt':
      out = encrypt(JSON.parse(input), password, opts);
      break;
    case 'decrypt':
      out = decrypt(JSON.parse(input), password, opts);
      break;
    case 'stringify':
      out = JSON.stringify(JSON.parse(input), null, 2);
      break;
    default:
      throw new Error(`unknown mode ${mode}: expected encrypt, decrypt or stringify`);
  }
  process.stdout.write(out);
}

main().catch((e) => {
  process.stderr.write(`upstream_crypto.mjs: ${e.message}\n`);
  process.exit(1);
});
