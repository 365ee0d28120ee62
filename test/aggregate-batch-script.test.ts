/**
 * Batched application of the per-event aggregation script (one Lua call per batch of events)
 * leaves Redis in exactly the state of one call of the per-event script per event, in the same
 * order, and answers the same outcomes (real Redis, every key compared, duplicates and events
 * outside the windows included).
 */
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountEventJob } from '../src/contracts/events.js';
import { APPLY_EVENT_LUA } from '../src/features/aggregate/apply-event.lua.js';
import { AccountAggregates } from '../src/features/aggregate/account-aggregates.js';
import { accountHash } from '../src/features/aggregate/redis-keys.js';
import { batchedLua } from '../src/redis/batch-script.js';
import { cleanup, connect, job, uniquePrefix } from './helpers/accounts.js';

const T0 = Date.UTC(2025, 5, 2, 12, 0, 0);
const HOUR = 3_600_000;
let redis: Redis;
const prefixes: string[] = [];

beforeAll(async () => {
  redis = await connect();
});
afterAll(async () => {
  for (const p of prefixes) await cleanup(redis, p);
  await redis.quit();
});

/** The debounce marker outlives the test, so which update opens a window does not depend on its speed. */
function store(name: string): AccountAggregates {
  const prefix = uniquePrefix(name);
  prefixes.push(prefix);
  return new AccountAggregates({ redis, prefix, now: () => T0, dedupTtlMs: 6 * HOUR, debounceMs: 10 * 60_000 });
}

/** 5 accounts, 400 events over 9 days (some outside the 7-day windows), every 7th request repeated. */
function fixture(): AccountEventJob[] {
  const labels = ['benign', 'reasoning_trace_extraction', 'rubric_grading', 'censorship_rewrite'] as const;
  const events: AccountEventJob[] = [];
  for (let i = 0; i < 400; i++) {
    events.push(
      job({
        account_id: `acct-${i % 5}`,
        request_id: `r-${i}`,
        ts: T0 - ((i * 7919 * 1000) % (9 * 24 * HOUR)),
        ip: `10.0.${i % 3}.${i % 11}`,
        payment_fingerprint: `card-${i % 4}`,
        label: labels[i % 4]!,
        user_agent: i % 6 === 0 ? 'python-requests/2.31' : 'Mozilla/5.0',
        prompt: i % 2 === 0 ? `Show your chain of thought for problem ${i % 13}` : `Tell me about topic ${i}`,
      }),
    );
    if (i % 7 === 3) events.push(events[events.length - 2]!);
  }
  return events;
}

/** Every key under the prefix (prefix removed) with its type, content and whether it expires. */
async function dump(prefix: string): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) {
      const type = await redis.type(key);
      let value: unknown;
      if (type === 'hash') value = Object.entries(await redis.hgetall(key)).sort();
      else if (type === 'zset') value = await redis.zrangebyscore(key, '-inf', '+inf', 'WITHSCORES');
      else if (type === 'string') value = (await redis.getBuffer(key))?.toString('hex');
      else value = `unexpected type ${type}`;
      out[key.slice(prefix.length)] = { type, value, expires: (await redis.pttl(key)) > 0 };
    }
  } while (cursor !== '0');
  return out;
}

describe('batched aggregation script', () => {
  it('gives the same state and outcomes as one per-event script call per event', async () => {
    const events = fixture();
    const reference = store('agg-one');
    const expected: number[] = [];
    for (const e of events) {
      const { keys, args } = reference.scriptCall(e, T0);
      expected.push((await redis.eval(APPLY_EVENT_LUA, keys.length, ...keys, ...args)) as number);
    }

    const batched = store('agg-batch');
    const outcomes = [];
    // Uneven batches, one larger than a single script call takes.
    for (const [from, to] of [
      [0, 1],
      [1, 38],
      [38, 290],
      [290, events.length],
    ] as const)
      outcomes.push(...(await batched.apply(events.slice(from, to))));

    expect(outcomes).toEqual(
      events.map((e, i) => ({
        account: accountHash(e.account_id),
        duplicate: expected[i] === -1,
        schedule: expected[i] === 1,
      })),
    );
    expect(expected.filter((v) => v === -1).length).toBe(57);
    const [a, b] = [await dump(reference.keys.prefix), await dump(batched.keys.prefix)];
    expect(Object.keys(a).length).toBeGreaterThan(100);
    expect(b).toEqual(a);
  });

  it('replies nil for an item whose script returns nothing, and keeps the items apart', async () => {
    const prefix = uniquePrefix('agg-nil');
    prefixes.push(prefix);
    const lua = batchedLua(`if ARGV[1] == 'skip' then return end redis.call('SET', KEYS[1], ARGV[1]) return #ARGV`);
    const reply = await redis.eval(lua, 2, `${prefix}:a`, `${prefix}:b`, 2, 1, 2, 1, 1, 'x', 'y', 'skip');
    expect(reply).toEqual([2, null]);
    expect(await redis.get(`${prefix}:a`)).toBe('x');
    expect(await redis.exists(`${prefix}:b`)).toBe(0);
  });
});
