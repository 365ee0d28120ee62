/**
 * Redis Cluster runs a script or a transaction only when all its keys hash to one slot. This test
 * runs every Lua script of the service (and the transactions next to them) against the real Redis
 * while a MONITOR connection records what is sent, and checks that the keys of each script call
 * and of each MULTI…EXEC map to one slot (key-slot.ts, checked against the specification's vectors).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountAggregates } from '../src/features/aggregate/account-aggregates.js';
import { ClusterGraphStore } from '../src/features/clusters/graph-store.js';
import { ClusterStore } from '../src/features/clusters/cluster-store.js';
import { hashedPart, keySlot } from '../src/redis/key-slot.js';
import { cleanup, connect, job, uniquePrefix } from './helpers/accounts.js';
import { waitFor } from './helpers/wait.js';

describe('keySlot', () => {
  it('matches the Redis Cluster specification', () => {
    expect(keySlot('123456789')).toBe(0x31c3 % 16384);
    expect(keySlot('foo')).toBe(12182);
    expect(keySlot('{user1000}.following')).toBe(keySlot('{user1000}.followers'));
    expect(hashedPart('foo{}{bar}')).toBe('foo{}{bar}');
    expect(hashedPart('foo{{bar}}zap')).toBe('{bar');
    expect(hashedPart('foo{bar}{zap}')).toBe('bar');
  });
});

/** Lua scripts in src/ (defineCommand or EVAL): the test below must exercise each of them. */
async function scriptSites(): Promise<number> {
  let n = 0;
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(p);
      else if (p.endsWith('.ts')) n += ((await readFile(p, 'utf8')).match(/defineCommand\(|\.eval\(/g) ?? []).length;
    }
  };
  await walk(path.join(import.meta.dirname, '..', 'src'));
  return n;
}

describe('every script call and transaction stays in one hash slot', () => {
  let redis: Redis;
  let monitorClient: Redis;
  let prefix: string;
  const seen: { source: string; args: string[] }[] = [];

  beforeAll(async () => {
    redis = await connect();
    prefix = uniquePrefix('slots');
    monitorClient = await connect();
    const monitor = await monitorClient.monitor();
    monitor.on('monitor', (_time: string, args: string[], source: string) => {
      if (args.some((a) => a.includes(prefix)) || /^(multi|exec)$/i.test(args[0] ?? '')) seen.push({ source, args });
    });
    // MONITOR reports commands that run after it; wait until a probe shows up.
    await waitFor(async () => {
      await redis.get(`${prefix}:probe`);
      return seen.some((s) => s.args[1] === `${prefix}:probe`) ? true : undefined;
    }, 5000);
  });

  afterAll(async () => {
    monitorClient.disconnect();
    await cleanup(redis, prefix);
    await redis.quit();
  });

  it('covers the account script, the graph script and the cluster lock script', async () => {
    const now = Date.now();
    const jobs = [job({ account_id: 'slot-a', ts: now }), job({ account_id: 'slot-b', ts: now - 86_400_000 })];
    const aggregates = new AccountAggregates({ redis, prefix, now: () => now, dedupTtlMs: 60_000, debounceMs: 100 });
    await aggregates.apply(jobs);
    await new ClusterGraphStore({ redis, prefix, now: () => now }).record(jobs);
    const clusters = new ClusterStore(redis, prefix);
    expect(await clusters.lock('token', 10_000)).toBe(true);
    await clusters.unlock('token');
    await clusters.replace([], { generatedAt: new Date(now).toISOString(), accounts: 0, ms: 1 });
    await redis.get(`${prefix}:done`);
    await waitFor(async () => (seen.some((s) => s.args[1] === `${prefix}:done`) ? true : undefined), 5000);

    const scripts = seen.filter((s) => /^(evalsha|eval)$/i.test(s.args[0]!));
    const calls = scripts.map((s) => s.args.slice(3, 3 + Number(s.args[2])));
    // The three script sites of src/, each seen at least once (2 accounts → 2 calls for the two per-event scripts).
    expect(await scriptSites()).toBe(3);
    expect(calls.filter((keys) => keys.length === 8)).toHaveLength(2);
    expect(calls.filter((keys) => keys.length === 4)).toHaveLength(2);
    expect(calls.filter((keys) => keys.length === 1)).toHaveLength(1);
    for (const keys of calls) {
      for (const k of keys) expect(k.startsWith(`${prefix}:`), k).toBe(true);
      expect(new Set(keys.map(keySlot)).size, keys.join(' ')).toBe(1);
    }
    // The two accounts' keys are in different slots (hash-tagged per account, not one slot for all).
    expect(keySlot(calls.filter((k) => k.length === 8)[0]![0]!)).not.toBe(
      keySlot(calls.filter((k) => k.length === 8)[1]![0]!),
    );

    // Transactions: the keys between MULTI and EXEC of one connection share a slot.
    const open = new Map<string, string[]>();
    let transactions = 0;
    for (const { source, args } of seen) {
      const name = args[0]!.toLowerCase();
      if (name === 'multi') open.set(source, []);
      else if (name === 'exec') {
        const keys = open.get(source);
        open.delete(source);
        if (keys === undefined || keys.length === 0) continue;
        transactions++;
        expect(new Set(keys.map(keySlot)).size, keys.join(' ')).toBe(1);
      } else if (open.has(source)) {
        const multiKey = ['del', 'unlink', 'rename', 'mget', 'exists'].includes(name);
        open.get(source)!.push(...(multiKey ? args.slice(1) : args.slice(1, 2)));
      }
    }
    expect(transactions).toBeGreaterThan(0);
  });
});
