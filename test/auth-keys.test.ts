import { writeFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { digestKey, keyIdOf, matchKey, parseKeyList } from '../src/features/auth/api-keys.js';
import { createKeyStore } from '../src/features/auth/key-store.js';
import { assertOpenModeAllowed, isLoopbackHost } from '../src/features/auth/open-mode.js';
import { presentedKey, roleAllows } from '../src/http/middleware/auth.js';
import { createRateLimiter } from '../src/http/middleware/rate-limit.js';
import { AppError } from '../src/errors.js';
import { createLogger } from '../src/logger.js';
import { randomKey, tempDir } from './helpers/reliability.js';

const logger = createLogger('silent');

describe('API key lists', () => {
  it('parses role:key entries, keeps only digests and derives a non-secret key id', () => {
    const a = randomKey();
    const b = randomKey();
    const entries = parseKeyList(`gateway:${a}, admin:${b}`, 'env');
    expect(entries.map((e) => e.role)).toEqual(['gateway', 'admin']);
    expect(entries[0]!.digest.equals(digestKey(a))).toBe(true);
    expect(entries[0]!.keyId).toBe(keyIdOf(digestKey(a)));
    expect(entries[0]!.keyId).toMatch(/^key_[0-9a-f]{12}$/);
    expect(JSON.stringify(entries)).not.toContain(a);
  });

  it('accepts a pre-hashed key (role:sha256:<hex>) that matches the clear key', () => {
    const key = randomKey();
    const [entry] = parseKeyList(`analyst:sha256:${digestKey(key).toString('hex')}`, 'file');
    expect(matchKey([entry!], key)?.role).toBe('analyst');
  });

  it('rejects unknown roles and short keys, naming the entry but never the key', () => {
    let error: unknown;
    try {
      parseKeyList('root:abcdefghijklmnopqrstuvwxyz,gateway:short', 'DISTILL_GUARD_API_KEYS');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AppError);
    const message = (error as AppError).message;
    expect(message).toContain('entry 1: role must be one of gateway, analyst, admin');
    expect(message).toContain('entry 2: key must be at least 16 characters');
    expect(message).not.toContain('abcdefghijklmnop');
    expect(message).not.toContain('short');
  });

  it('matches only the exact key', () => {
    const key = randomKey();
    const entries = parseKeyList(`gateway:${key}`, 'env');
    expect(matchKey(entries, key)?.role).toBe('gateway');
    expect(matchKey(entries, `${key}x`)).toBeUndefined();
    expect(matchKey(entries, key.slice(0, -1))).toBeUndefined();
    expect(matchKey(entries, '')).toBeUndefined();
  });

  it('reads the Authorization bearer token or X-API-Key', () => {
    expect(presentedKey('Bearer abc', undefined)).toBe('abc');
    expect(presentedKey('bearer   abc ', undefined)).toBe('abc');
    expect(presentedKey('Basic abc', undefined)).toBe('');
    expect(presentedKey(undefined, 'xyz')).toBe('xyz');
    expect(presentedKey(undefined, undefined)).toBeUndefined();
  });

  it('roles: admin calls everything, analyst and gateway only their own routes', () => {
    expect(roleAllows('admin', 'gateway')).toBe(true);
    expect(roleAllows('admin', 'analyst')).toBe(true);
    expect(roleAllows('analyst', 'analyst')).toBe(true);
    expect(roleAllows('analyst', 'gateway')).toBe(false);
    expect(roleAllows('analyst', 'admin')).toBe(false);
    expect(roleAllows('gateway', 'analyst')).toBe(false);
    expect(roleAllows('gateway', 'public')).toBe(true);
  });
});

describe('key file rotation', () => {
  it('picks up a rotated key file without a restart and keeps the old keys when the new file is invalid', async () => {
    const { dir, remove } = await tempDir('keys');
    try {
      const file = path.join(dir, 'keys');
      const oldKey = randomKey();
      const newKey = randomKey();
      await writeFile(file, `# keys\ngateway:${oldKey}\n`);
      const store = await createKeyStore({ file, logger, pollMs: 50 });
      expect(store.authenticate(oldKey)?.role).toBe('gateway');
      expect(store.authenticate(newKey)).toBeUndefined();

      // Atomic replace, as a secret manager does it.
      await writeFile(`${file}.tmp`, `analyst:${newKey}\n`);
      await rename(`${file}.tmp`, file);
      await waitUntil(() => store.authenticate(newKey) !== undefined);
      expect(store.authenticate(newKey)?.role).toBe('analyst');
      expect(store.authenticate(oldKey)).toBeUndefined();

      await writeFile(file, 'nonsense without a role\n');
      await store.reload();
      expect(store.authenticate(newKey)?.role).toBe('analyst');
      store.close();
    } finally {
      await remove();
    }
  });

  it('an empty configured key list is a configuration error', async () => {
    await expect(createKeyStore({ keys: ' , ', logger })).rejects.toMatchObject({ code: 'invalid_config' });
  });
});

describe('open mode', () => {
  it('only loopback hosts may run without keys', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost']) expect(isLoopbackHost(h)).toBe(true);
    for (const h of ['0.0.0.0', '::', '10.0.0.5', 'example.com', '128.0.0.1']) expect(isLoopbackHost(h)).toBe(false);
    expect(() => assertOpenModeAllowed('0.0.0.0')).toThrow(/refusing to serve/);
    expect(() => assertOpenModeAllowed('127.0.0.1')).not.toThrow();
  });
});

describe('per-key rate limiter', () => {
  it('allows a burst of two seconds worth, then refills at the role rate', () => {
    let t = 0;
    const limiter = createRateLimiter({ gateway: 10, analyst: 1, admin: 0 }, () => t);
    let allowed = 0;
    for (let i = 0; i < 50; i++) if (limiter.take('k1', 'gateway') === 0) allowed++;
    expect(allowed).toBe(20);
    expect(limiter.take('k1', 'gateway')).toBeGreaterThan(0);
    t += 500; // half a second → 5 tokens
    allowed = 0;
    for (let i = 0; i < 10; i++) if (limiter.take('k1', 'gateway') === 0) allowed++;
    expect(allowed).toBe(5);
    // Keys are independent; rate 0 is unlimited.
    expect(limiter.take('k2', 'gateway')).toBe(0);
    for (let i = 0; i < 1000; i++) expect(limiter.take('k3', 'admin')).toBe(0);
  });
});

async function waitUntil(probe: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
