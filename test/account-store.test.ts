import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadAccountModel, type AccountModel } from '../src/features/aggregate/account-model.js';
import { AccountAggregates } from '../src/features/aggregate/account-aggregates.js';
import { computeFeatures } from '../src/features/aggregate/account-features.js';
import { toSummaryEvent } from '../src/features/aggregate/offline.js';
import { accountHash } from '../src/features/aggregate/redis-keys.js';
import { scoreSummary } from '../src/features/aggregate/score-account.js';
import { summarizeEvents } from '../src/features/aggregate/summary.js';
import { DEFAULT_MODELS_DIR } from '../src/env.js';
import type { AccountEventJob } from '../src/contracts/events.js';
import { cleanup, connect, job, uniquePrefix } from './helpers/accounts.js';

const T0 = Date.UTC(2025, 5, 2, 12, 0, 0);
let redis: Redis;
let model: AccountModel;
const prefixes: string[] = [];

function store(now: () => number, name = 'store'): AccountAggregates {
  const prefix = uniquePrefix(name);
  prefixes.push(prefix);
  return new AccountAggregates({ redis, prefix, now, dedupTtlMs: 3_600_000, debounceMs: 500 });
}

beforeAll(async () => {
  redis = await connect();
  model = await loadAccountModel(DEFAULT_MODELS_DIR);
});
afterEach(async () => {
  for (const p of prefixes.splice(0)) await cleanup(redis, p);
});
afterAll(async () => {
  await redis.quit();
});

/** Events spread over the last day, some with attack labels and repeated templates. */
function traffic(n: number, account = 'acct-mixed'): AccountEventJob[] {
  return Array.from({ length: n }, (_, i) =>
    job({
      account_id: account,
      request_id: `r-${account}-${i}`,
      ts: T0 - ((i * 7919) % 86_400_000),
      ip: `10.0.0.${i % 7}`,
      label: i % 3 === 0 ? 'reasoning_trace_extraction' : 'benign',
      prompt:
        i % 2 === 0 ? `Show your chain of thought for problem ${i}` : `Tell me about topic number ${i * 13} in history`,
      user_agent: i % 4 === 0 ? 'python-requests/2.31' : 'Mozilla/5.0',
    }),
  );
}

describe('AccountAggregates', () => {
  it('counts a request id once, however often it is applied', async () => {
    const s = store(() => T0);
    const e = job({ ts: T0, label: 'rubric_grading' });
    const [first] = await s.apply([e]);
    const [again] = await s.apply([e]);
    await s.apply([{ ...e }]);
    expect(first).toMatchObject({ duplicate: false, schedule: true });
    expect(again).toMatchObject({ duplicate: true, schedule: false });
    const summary = await s.readSummary(accountHash('acct-1'));
    expect(summary?.requests).toBe(1);
    expect(summary?.labelCounts.rubric_grading).toBe(1);
    expect([...summary!.buckets.values()].reduce((t, b) => t + b.n, 0)).toBe(1);
  });

  it('two concurrent writers with retries end in the same state as one writer', async () => {
    const events = traffic(400);
    const single = store(() => T0, 'single');
    for (let i = 0; i < events.length; i += 50) await single.apply(events.slice(i, i + 50));
    const a = store(() => T0, 'pair');
    const b = new AccountAggregates({ ...a.opts });
    const reversed = [...events].reverse();
    // Each writer sees every event (as with retried jobs), in different orders and chunkings.
    await Promise.all([
      (async () => {
        for (let i = 0; i < events.length; i += 37) await a.apply(events.slice(i, i + 37));
      })(),
      (async () => {
        for (let i = 0; i < reversed.length; i += 23) await b.apply(reversed.slice(i, i + 23));
      })(),
    ]);
    const h = accountHash('acct-mixed');
    const one = await single.readSummary(h);
    const two = await a.readSummary(h);
    expect(two).toEqual(one);
    expect(one?.requests).toBe(400);
    expect(computeFeatures(two!, T0)).toEqual(computeFeatures(one!, T0));
  });

  it('gives the same summary as the offline path on the same events', async () => {
    const events = traffic(300, 'acct-offline');
    const s = store(() => T0);
    await s.apply(events);
    const online = await s.readSummary(accountHash('acct-offline'));
    const offline = summarizeEvents('acct-offline', events.map(toSummaryEvent), T0);
    expect(online).toEqual(offline);
  });

  it('drops events out of the 1 h, 24 h and 7 d windows as the clock moves', async () => {
    let now = T0;
    const s = store(() => now);
    await s.apply(Array.from({ length: 10 }, (_, i) => job({ account_id: 'acct-w', ts: T0 - 60_000 * i })));
    const h = accountHash('acct-w');
    const at = async () => computeFeatures((await s.readSummary(h))!, now).context;
    expect(await at()).toMatchObject({ n1h: 10, n24h: 10, n7d: 10 });
    now = T0 + 2 * 3_600_000;
    expect(await at()).toMatchObject({ n1h: 0, n24h: 10, n7d: 10 });
    now = T0 + 2 * 86_400_000;
    expect(await at()).toMatchObject({ n1h: 0, n24h: 0, n7d: 10 });
    now = T0 + 8 * 86_400_000;
    const late = await s.readSummary(h);
    expect(late?.buckets.size).toBe(0);
    expect(late?.recentTs).toEqual([]);
    expect(late?.requests).toBe(10);
  });
});

describe('explanations', () => {
  it('puts the reasoning-extraction evidence on top for an account whose traffic is 90% extraction', () => {
    const events = Array.from({ length: 200 }, (_, i) =>
      toSummaryEvent(
        job({
          request_id: `x-${i}`,
          ts: T0 - i * 600_000 - (i % 5) * 97_000,
          label: i % 10 === 0 ? 'benign' : 'reasoning_trace_extraction',
          prompt: `Question ${i}: explain ${['tides', 'taxes', 'tennis', 'tulips'][i % 4]} with your full reasoning ${'x'.repeat(i % 9)}`,
        }),
      ),
    );
    const view = scoreSummary(summarizeEvents('acct-1', events, T0), T0, model);
    expect(view.top_factors[0]?.factor).toBe('evidence_reasoning_trace_extraction');
    expect(view.top_factors[0]?.detail).toMatch(
      /^180 of 200 requests in 7 d labelled reasoning_trace_extraction \(90% against a \d+% base rate; evidence \d+\.\d\)$/,
    );
    expect(view.level).not.toBe('low');
  });

  it('explains a templated agentic-coding account with benign labels by behaviour only, and never blocks it', () => {
    const files = ['src/a.ts', 'src/b.ts', 'lib/c.py', 'cmd/d.go'];
    const events = Array.from({ length: 240 }, (_, i) => {
      const day = Math.floor(i / 30);
      const hour = 9 + (i % 30) / 4;
      return toSummaryEvent(
        job({
          request_id: `ag-${i}`,
          ts: T0 - day * 86_400_000 - hour * 3_600_000 + ((i * 7919) % 600_000),
          prompt: `You are an autonomous coding agent in repository web-app. Tool call: read_file("${files[i % 4]}"). Observation: output truncated. Decide the next action and emit it as a JSON tool call. Step ${i}.`,
        }),
      );
    });
    const view = scoreSummary(summarizeEvents('acct-1', events, T0), T0, model);
    expect(view.features.template_repetition).toBeGreaterThan(0.9);
    // Benign labels are no label evidence: every factor is behaviour, each with its own sentence.
    expect(view.top_factors.length).toBeGreaterThan(0);
    for (const f of view.top_factors) {
      expect(f.factor).not.toMatch(/^evidence_|attack_label_rate/);
      expect(f.contribution).toBeGreaterThan(0);
      expect(f.detail.length).toBeGreaterThan(10);
    }
    expect(view.action).not.toBe('block');
  });
});
