#!/usr/bin/env node
// The audit server's secure storage, written from the contract
// (/work/shared/reference/UPSTREAM.md, "Secure storage") and nothing else:
// an independent second implementation for the CLI interop tests
// (crates/auditcfg-cli/tests/server_interop.rs). It behaves as the server
// does, including what the server cannot do:
//
// - settings: algorithm AES-256-GCM (default) | AES-256-CBC; kdf PBKDF2
//   (default) | scrypt; salt hex (default: env AUDIT_CONFIG_SALT, else 32
//   random bytes); iterations (default 100000). Password: env
//   AUDIT_CONFIG_PASSWORD.
// - key: PBKDF2-HMAC-SHA256(password, hex-decoded salt, iterations, 32) or
//   scrypt(password, salt, 32) with Node's defaults (no options: the server
//   cannot change N, r, p).
// - plaintext JSON.stringify(config, null, 2); a fresh 16-byte IV (GCM too);
//   no AAD; CBC with PKCS#7; file JSON.stringify({algorithm, iv, data,
//   authTag}, null, 2), CBC without authTag; readers ignore extra keys and
//   take salt, kdf and iterations from their settings only.
//
//   node server_storage.mjs save [--algorithm A] [--kdf K] [--iterations N] [--salt HEX] < config.json > file
//   node server_storage.mjs load [--algorithm A] [--kdf K] [--iterations N] [--salt HEX] < file > config text
//
// The settings come from the flags (as from the server's config); --salt
// overrides AUDIT_CONFIG_SALT as a configured salt would.

import { createCipheriv, createDecipheriv, pbkdf2Sync, randomBytes, scryptSync } from 'node:crypto';

class SecureStorage {
  constructor(settings) {
    this.algorithm = settings.algorithm ?? 'AES-256-GCM';
    this.kdf = settings.kdf ?? 'PBKDF2';
    this.salt = settings.salt ?? process.env.AUDIT_CONFIG_SALT ?? randomBytes(32).toString('hex');
    this.iterations = settings.iterations ?? 100000;
    const password = process.env.AUDIT_CONFIG_PASSWORD;
    if (!password) throw new Error('AUDIT_CONFIG_PASSWORD is not set');
    this.key = this.deriveKey(password);
  }

  deriveKey(password) {
    const salt = Buffer.from(this.salt, 'hex');
    switch (this.kdf) {
      case 'PBKDF2':
        return pbkdf2Sync(password, salt, this.iterations, 32, 'sha256');
      case 'scrypt':
        return scryptSync(password, salt, 32);
      default:
        throw new Error(`unsupported kdf ${this.kdf}`);
    }
  }

  cipherName() {
    if (this.algorithm === 'AES-256-GCM') return 'aes-256-gcm';
    if (this.algorithm === 'AES-256-CBC') return 'aes-256-cbc';
    throw new Error(`unsupported algorithm ${this.algorithm}`);
  }

  save(config) {
    const iv = randomBytes(16);
    const cipher = createCipheriv(this.cipherName(), this.key, iv);
    const data = Buffer.concat([cipher.update(JSON.stringify(config, null, 2), 'utf8'), cipher.final()]);
    const file = { algorithm: this.algorithm, iv: iv.toString('hex'), data: data.toString('hex') };
    if (this.algorithm === 'AES-256-GCM') file.authTag = cipher.getAuthTag().toString('hex');
    return JSON.stringify(file, null, 2);
  }

  load(text) {
    const file = JSON.parse(text);
    const name = String(file.algorithm).toUpperCase() === 'AES-256-CBC' ? 'aes-256-cbc' : 'aes-256-gcm';
    const decipher = createDecipheriv(name, this.key, Buffer.from(file.iv, 'hex'));
    if (name === 'aes-256-gcm') decipher.setAuthTag(Buffer.from(file.authTag, 'hex'));
    const plain = Buffer.concat([decipher.update(Buffer.from(file.data, 'hex')), decipher.final()]).toString('utf8');
    return JSON.parse(plain);
  }
}

function settings(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--algorithm') out.algorithm = value;
    else if (flag === '--kdf') out.kdf = value;
    else if (flag === '--iterations') out.iterations = Number(value);
    else if (flag === '--salt') out.salt = value;
    else throw new Error(`unknown flag ${flag}`);
  }
  return out;
}

async function stdin() {
  const chunks = [];
  for await (const c of process.stdin) chunks.push(c);
  return Buffer.concat(chunks).toString('utf8');
}

const [mode, ...rest] = process.argv.slice(2);
try {
  const storage = new SecureStorage(settings(rest));
  const input = await stdin();
  if (mode === 'save') process.stdout.write(storage.save(JSON.parse(input)));
  else if (mode === 'load') process.stdout.write(JSON.stringify(storage.load(input), null, 2));
  else throw new Error(`unknown mode ${mode}: save or load`);
} catch (e) {
  process.stderr.write(`server_storage.mjs: ${e.message}\n`);
  process.exit(1);
}
