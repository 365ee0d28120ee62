#!/usr/bin/env node
// Records, in package-lock.json, the optional platform packages (darwin, win32, android… builds
// of native modules such as @node-rs/jieba and msgpackr-extract) that the package registry
// reachable here does not serve, so `npm install` leaves them out of the lock and `npm ci`
// then refuses the lock as out of sync. Each entry carries the version and the os/cpu it is
// for, so npm skips it on other platforms. Run after `npm install` changes the lock.
import { readFileSync, writeFileSync } from 'node:fs';

const file = process.argv[2] ?? 'package-lock.json';
const lock = JSON.parse(readFileSync(file, 'utf8'));
const OS = ['android', 'darwin', 'freebsd', 'win32', 'linux', 'openbsd', 'sunos'];
const CPU = ['arm64', 'arm', 'x64', 'ia32', 'riscv64', 's390x', 'ppc64', 'wasm32'];
let added = 0;
for (const meta of Object.values(lock.packages)) {
  for (const [name, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (lock.packages[key]) continue;
    const base = name.split('/').pop();
    const entry = { version, optional: true };
    const os = OS.find((o) => base.includes(`-${o}-`));
    const cpu = CPU.find((c) => new RegExp(`-${c}(-|$)`).test(base));
    if (os) entry.os = [os];
    if (cpu) entry.cpu = [cpu];
    lock.packages[key] = entry;
    added++;
  }
}
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`${file}: recorded ${added} optional platform packages`);
