#!/usr/bin/env node
// Times Node's crypto.pbkdf2Sync / crypto.scryptSync with the parameters of
// crates/auditcfg-core/benches/kdf.rs (32-byte key, 32-byte salt), for the
// comparison in crates/auditcfg-core/src/crypto/BENCH_NOTES.md.
//
//   node tests/node/bench_kdf.mjs [runs]      (default 10 runs each, after 1 warm-up)

import crypto from 'node:crypto';
import os from 'node:os';
import process from 'node:process';

const runs = Number(process.argv[2] ?? 10);
const password = 'correct horse battery staple';
const salt = Buffer.alloc(32, 0x5a);

const cases = [
  ['pbkdf2_100k', () => crypto.pbkdf2Sync(password, salt, 100000, 32, 'sha256')],
  ['pbkdf2_600k', () => crypto.pbkdf2Sync(password, salt, 600000, 32, 'sha256')],
  ['scrypt_n2^14_r8_p1', () => crypto.scryptSync(password, salt, 32, { N: 1 << 14, r: 8, p: 1 })],
  [
    'scrypt_n2^17_r8_p1',
    // 128 MiB: above Node's default 32 MiB maxmem.
    () => crypto.scryptSync(password, salt, 32, { N: 1 << 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 }),
  ],
];

console.log(`node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown cpu'} x${os.cpus().length}`);
for (const [name, f] of cases) {
  f(); // warm-up
  const times = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    f();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  // CPU time is less sensitive than wall time to other processes.
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000 / runs;
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  console.log(
    `${name.padEnd(20)} median ${median.toFixed(1)} ms  mean ${mean.toFixed(1)} ms  min ${times[0].toFixed(1)} ms  max ${times[times.length - 1].toFixed(1)} ms  cpu/op ${cpuMs.toFixed(1)} ms`,
  );
}
