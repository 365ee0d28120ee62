/**
 * The dashboard's own API and mounts on real Redis with small fixed fixtures: overview counts and
 * history, events per minute from BullMQ metrics, per-account timelines and activity, the static
 * pages and the admin-only queue view.
 */
import { randomBytes } from 'node:crypto';
import { Queue, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountView } from '../src/contracts/accounts.js';
import {
  AccountIdentifiers,
  AccountTimeline,
  ActivityResponse,
  DashboardOverview,
} from '../src/contracts/dashboard.js';
import { loadEnv } from '../src/env.js';
import type { Thresholds } from '../src/features/aggregate/account-model.js';
import { AccountScores } from '../src/features/aggregate/account-scores.js';
import { AccountAggregates } from '../src/features/aggregate/account-aggregates.js';
import { accountHash, keySpace } from '../src/features/aggregate/redis-keys.js';
import { createKeyStore, type KeyStore } from '../src/features/auth/key-store.js';
import { ClusterGraphStore } from '../src/features/clusters/graph-store.js';
import { readAccountIdentifiers } from '../src/features/dashboard/account-identifiers.js';
import { createIdentifierCensus } from '../src/features/dashboard/identifier-census.js';
import { createLevelHistory } from '../src/features/dashboard/level-history.js';
import { createEventRate } from '../src/features/dashboard/event-rate.js';
import { createQueueMonitor } from '../src/features/dashboard/queue-health.js';
import { createIngestHandler } from '../src/queues/handlers/ingest.js';
import { createApp } from '../src/http/app.js';
import { startServer, type RunningServer } from '../src/http/server.js';
import { createLogger } from '../src/logger.js';
import { cleanup, connect, job, keywordClassifier, REDIS_URL, uniquePrefix } from './helpers/accounts.js';
import { bullPrefix } from '../src/redis/bull-prefix.js';
import { clusterKeys } from '../src/features/clusters/cluster-store.js';

const logger = createLogger('silent');
const thresholds: Thresholds = { elevated: 0.3, high: 0.6, critical: 0.9 };
const HOUR = 3_600_000;
const keys = {
  gateway: `gw-${randomBytes(12).toString('hex')}`,
  analyst: `an-${randomBytes(12).toString('hex')}`,
  admin: `ad-${randomBytes(12).toString('hex')}`,
};

let redis: Redis;
let prefix: string;
let keyStore: KeyStore;
let server: RunningServer;

function view(id: string, likelihood: number, level: AccountView['level'], requests = 10): AccountView {
  return {
    account_id: id,
    likelihood,
    level,
    action: ({ low: 'allow', elevated: 'monitor', high: 'throttle', critical: 'block' } as const)[level],
    cluster_id: null,
    requests,
    label_counts: { reasoning_trace_extraction: 0, rubric_grading: 0, censorship_rewrite: 0, benign: requests },
    top_factors: [{ factor: 'volume_24h', contribution: 1.5, detail: `${requests} requests in 24 h` }],
    features: {},
    updated_at: new Date().toISOString(),
  };
}

// Fixture: 2 low, 1 elevated, 2 high, 1 critical.
const FIXTURE: [string, number, AccountView['level']][] = [
  ['low-a', 0.05, 'low'],
  ['low-b', 0.29, 'low'],
  ['elev-a', 0.3, 'elevated'],
  ['high-a', 0.61, 'high'],
  ['high-b', 0.89, 'high'],
  ['crit-a', 0.97, 'critical'],
];

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}${path}`, { headers, redirect: 'manual' });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) as unknown };
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const basic = (user: string, password: string) => ({
  authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
});

beforeAll(async () => {
  redis = await connect();
  prefix = uniquePrefix('dashapi');
  const scores = new AccountScores(redis, keySpace(prefix));
  for (const [id, l, level] of FIXTURE) await scores.save(accountHash(id), view(id, l, level));
  keyStore = await createKeyStore({
    keys: `gateway:${keys.gateway},analyst:${keys.analyst},admin:${keys.admin}`,
    logger,
  });
  const env = { ...loadEnv({ REDIS_URL }), ACCOUNT_PREFIX: prefix };
  const app = createApp({
    classifier: keywordClassifier,
    env,
    redis,
    logger,
    keys: keyStore,
    accounts: { enqueue: () => Promise.resolve(), scores, thresholds },
  });
  server = await startServer(app, { host: '127.0.0.1', port: 0, logger });
});

afterAll(async () => {
  await server?.close();
  keyStore?.close();
  await cleanup(redis, prefix);
  await redis.quit();
});

describe('GET /v1/dashboard/overview', () => {
  it('counts accounts per level at the level boundaries and lists the top accounts, highest first', async () => {
    const res = await get('/v1/dashboard/overview?top=3', bearer(keys.analyst));
    expect(res.status).toBe(200);
    const o = DashboardOverview.parse(res.json());
    expect(o.accounts).toEqual({ total: 6, by_level: { low: 2, elevated: 1, high: 2, critical: 1 } });
    expect(o.top_accounts.map((a) => a.account_id)).toEqual(['crit-a', 'high-b', 'high-a']);
    expect(o.top_accounts[0]).toMatchObject({
      likelihood: 0.97,
      level: 'critical',
      action: 'block',
      top_factor: '10 requests in 24 h',
    });
    expect(o.thresholds).toEqual(thresholds);
    // The read itself took the first snapshot of the level history.
    expect(o.level_history.at(-1)).toMatchObject({ low: 2, elevated: 1, high: 2, critical: 1 });
    expect(o.queues.map((q) => q.name)).toEqual([
      'account-events',
      'account-score',
      'account-clusters',
      'cluster-parts',
      'rescore-runs',
      'rescore-chunks',
      'dead-letters',
    ]);
    expect(o.events.per_minute).toHaveLength(60);
    expect(o.events.per_second).toBe(0);
  });

  it('needs the analyst role and rejects a bad query with 400', async () => {
    expect((await get('/v1/dashboard/overview')).status).toBe(401);
    expect((await get('/v1/dashboard/overview', bearer(keys.gateway))).status).toBe(403);
    expect((await get('/v1/dashboard/overview', bearer(keys.admin))).status).toBe(200);
    const bad = await get('/v1/dashboard/overview?top=0', bearer(keys.analyst));
    expect(bad.status).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'invalid_request', details: [{ path: 'top' }] } });
  });

  it('is documented in /openapi.json', async () => {
    const doc = (await get('/openapi.json')).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/dashboard/overview',
        '/v1/dashboard/accounts/{id}/timeline',
        '/v1/dashboard/accounts/{id}/identifiers',
        '/v1/dashboard/activity',
      ]),
    );
  });
});

describe('level history', () => {
  it('takes at most one snapshot per interval and reads them back oldest first', async () => {
    const p = uniquePrefix('levels');
    let now = 1_000_000;
    const scores = new AccountScores(redis, keySpace(p));
    const history = createLevelHistory({ redis, prefix: p, thresholds, now: () => now, intervalMs: 60_000 });
    try {
      await scores.save(accountHash('x'), view('x', 0.95, 'critical'));
      expect(await history.sample()).toBe(true);
      expect(await history.sample()).toBe(false);
      await scores.save(accountHash('y'), view('y', 0.4, 'elevated'));
      now += 61_000;
      // The lock is a Redis TTL on wall time: clear it to stand in for the minute passing.
      await redis.del(`${p}:dash:levels:lock`);
      expect(await history.sample()).toBe(true);
      expect(await history.read(0)).toEqual([
        { t: 1_000_000, low: 0, elevated: 0, high: 0, critical: 1 },
        { t: 1_061_000, low: 0, elevated: 1, high: 0, critical: 1 },
      ]);
      expect(await history.read(1_000_001)).toHaveLength(1);
    } finally {
      await cleanup(redis, p);
    }
  });
});

describe('events per minute', () => {
  it('counts events applied and failed by minute, across a day boundary, in the last N minutes', async () => {
    const p = uniquePrefix('rate');
    const M = 60_000;
    let t = 1440 * M * 20 - 2 * M + 5_000; // two minutes before midnight (UTC) of day 20
    const rate = createEventRate({ redis, prefix: p, now: () => t });
    try {
      await Promise.all([rate.add({ completed: 100 }), rate.add({ completed: 30, failed: 2 }), rate.add({})]);
      t += 2 * M; // midnight: a new day's hash
      await rate.add({ completed: 7 });
      const minutes = await rate.perMinute(4);
      expect(minutes.map((m) => [m.t, m.completed, m.failed])).toEqual([
        [1440 * M * 20 - 3 * M, 0, 0],
        [1440 * M * 20 - 2 * M, 130, 2],
        [1440 * M * 20 - 1 * M, 0, 0],
        [1440 * M * 20, 7, 0],
      ]);
    } finally {
      await cleanup(redis, p);
    }
  });

  it("the ingest handler counts a job's events when it succeeds, and when its last attempt fails", async () => {
    const counted: { completed?: number; failed?: number }[] = [];
    let fail = false;
    const handler = createIngestHandler({
      apply: async (events) => {
        if (fail) throw new Error('redis down');
        return events.map((e) => ({ account: e.account_id, duplicate: false, schedule: false }));
      },
      recordGraph: async () => undefined,
      schedule: async () => undefined,
      count: async (c) => {
        counted.push(c);
      },
    });
    const events = [job(), job(), job()];
    await handler({ events });
    fail = true;
    const attempt = (attemptsMade: number) => ({ attemptsMade, opts: { attempts: 3 } }) as unknown as Job;
    await expect(handler({ events }, attempt(0))).rejects.toThrow('redis down');
    await expect(handler({ events }, attempt(2))).rejects.toThrow('redis down');
    expect(counted).toEqual([{ completed: 3 }, { failed: 3 }]);
  });

  it('reads job counts, pause and workers per queue', async () => {
    const p = uniquePrefix('rate');
    const name = `q-${randomBytes(3).toString('hex')}`;
    const queue = new Queue(name, { connection: redis, prefix: bullPrefix(p) });
    const worker = new Worker(
      name,
      (j) => ((j.data as { fail: boolean }).fail ? Promise.reject(new Error('no')) : Promise.resolve()),
      { connection: redis, prefix: bullPrefix(p), concurrency: 4 },
    );
    const monitor = createQueueMonitor({ connection: redis, prefix: p, queues: [name] });
    try {
      await queue.addBulk(
        Array.from({ length: 25 }, (_, i) => ({ name: 'e', data: { fail: i < 3 }, opts: { removeOnComplete: true } })),
      );
      const until = Date.now() + 10_000;
      for (;;) {
        const c = await queue.getJobCounts('completed', 'failed', 'waiting', 'active');
        if ((c.failed ?? 0) === 3 && (c.waiting ?? 0) === 0 && (c.active ?? 0) === 0) break;
        if (Date.now() > until) throw new Error('jobs did not finish');
        await new Promise((r) => setTimeout(r, 50));
      }
      const [health] = await monitor.health();
      expect(health).toMatchObject({ name, waiting: 0, active: 0, failed: 3, paused: false, workers: 1 });
    } finally {
      await worker.close();
      await monitor.close();
      await queue.obliterate({ force: true });
      await queue.close();
      await cleanup(redis, p);
    }
  });
});

describe('account timeline and activity', () => {
  const now = Date.now();
  const h0 = Math.floor(now / HOUR) * HOUR;
  const timelineJobs = [
    job({ account_id: 'tl-1', ts: h0 - 2 * HOUR + 10, label: 'reasoning_trace_extraction' }),
    job({ account_id: 'tl-1', ts: h0 - 2 * HOUR + 20, label: 'reasoning_trace_extraction' }),
    job({ account_id: 'tl-1', ts: h0 - 2 * HOUR + 30, label: 'benign' }),
    job({ account_id: 'tl-1', ts: h0 + 5, label: 'rubric_grading' }),
    job({ account_id: 'tl-2', ts: h0 - 2 * HOUR + 40, label: 'censorship_rewrite' }),
    // Older than 7 days: counted in the totals, outside every window.
    job({ account_id: 'tl-1', ts: h0 - 200 * HOUR, label: 'benign' }),
  ];

  beforeAll(async () => {
    const store = new AccountAggregates({ redis, prefix, now: () => now, dedupTtlMs: 60_000, debounceMs: 100 });
    await store.apply(timelineJobs);
  });

  it('GET /v1/dashboard/accounts/:id/timeline: requests per hour by label, oldest first', async () => {
    const res = await get(`/v1/dashboard/accounts/tl-1/timeline`, bearer(keys.analyst));
    expect(res.status).toBe(200);
    const t = AccountTimeline.parse(res.json());
    expect(t.hours).toEqual([
      { t: h0 - 2 * HOUR, n: 3, reasoning_trace_extraction: 2, rubric_grading: 0, censorship_rewrite: 0, benign: 1 },
      { t: h0, n: 1, reasoning_trace_extraction: 0, rubric_grading: 1, censorship_rewrite: 0, benign: 0 },
    ]);
    expect(t.to).toBe(h0 + HOUR);
    expect(t.from).toBe(h0 - 168 * HOUR);
    expect((await get('/v1/dashboard/accounts/nobody/timeline', bearer(keys.analyst))).status).toBe(404);
  });

  it('POST /v1/dashboard/activity: hourly counts, recent request times and stored score per account', async () => {
    const res = await fetch(`${server.url}/v1/dashboard/activity`, {
      method: 'POST',
      headers: { ...bearer(keys.analyst), 'content-type': 'application/json' },
      body: JSON.stringify({ account_ids: ['tl-1', 'tl-2', 'tl-1', 'crit-a'] }),
    });
    expect(res.status).toBe(200);
    const a = ActivityResponse.parse(await res.json());
    expect(a.accounts.map((x) => x.account_id)).toEqual(['tl-1', 'tl-2', 'crit-a']);
    expect(a.accounts[0]!.hours).toEqual([
      { t: h0 - 2 * HOUR, n: 3 },
      { t: h0, n: 1 },
    ]);
    expect(a.accounts[0]!.recent).toEqual([h0 - 2 * HOUR + 10, h0 - 2 * HOUR + 20, h0 - 2 * HOUR + 30, h0 + 5]);
    expect(a.accounts[0]).toMatchObject({ likelihood: 0, level: 'low', updated_at: null });
    expect(a.accounts[1]!.hours).toEqual([{ t: h0 - 2 * HOUR, n: 1 }]);
    expect(a.accounts[2]).toMatchObject({ likelihood: 0.97, level: 'critical', hours: [], recent: [] });
  });

  it('rejects an empty or oversized account list with 400 and the failing path', async () => {
    for (const account_ids of [[], Array.from({ length: 201 }, (_, i) => `a${i}`)]) {
      const res = await fetch(`${server.url}/v1/dashboard/activity`, {
        method: 'POST',
        headers: { ...bearer(keys.analyst), 'content-type': 'application/json' },
        body: JSON.stringify({ account_ids }),
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({
        error: { code: 'invalid_request', details: [{ path: 'account_ids' }] },
      });
    }
  });
});

describe('account identifiers', () => {
  const now = Date.now();
  const ev = (account_id: string, ip: string, card: string, ua = 'Mozilla/5.0', ts = now - 60_000) =>
    job({ account_id, ip, payment_fingerprint: card, user_agent: ua, ts });

  beforeAll(async () => {
    const graph = new ClusterGraphStore({ redis, prefix, now: () => now });
    await graph.record([
      ev('id-1', '203.0.113.7', 'card-shared'),
      ev('id-1', '203.0.113.7', 'card-shared'),
      ev('id-1', '198.51.100.1', 'card-own', 'python-requests/2.31'),
      ev('id-2', '203.0.113.7', 'card-shared'),
      ev('id-3', '203.0.113.7', 'card-x'),
      ev('id-4', '192.0.2.1', 'card-y', 'python-requests/2.31'),
    ]);
  });

  it('GET /v1/dashboard/accounts/:id/identifiers: raw values and requests; sharing counts once the census ran', async () => {
    const first = AccountIdentifiers.parse(
      (await get('/v1/dashboard/accounts/id-1/identifiers', bearer(keys.analyst))).json(),
    );
    expect(first.counted_at).toBeNull();
    expect(first.identifiers.every((i) => i.other_accounts === null)).toBe(true);
    // That read started the census in the background.
    const ids = await (async () => {
      const until = Date.now() + 10_000;
      for (;;) {
        const r = AccountIdentifiers.parse(
          (await get('/v1/dashboard/accounts/id-1/identifiers', bearer(keys.analyst))).json(),
        );
        if (r.counted_at !== null) return r;
        if (Date.now() > until) throw new Error('no census');
        await new Promise((res) => setTimeout(res, 50));
      }
    })();
    const byValue = Object.fromEntries(
      ids.identifiers.map((i) => [`${i.kind}:${i.value}`, [i.requests, i.other_accounts]]),
    );
    expect(byValue).toEqual({
      'ip:203.0.113.7': [2, 2],
      'ip:198.51.100.1': [1, 0],
      'payment_fingerprint:card-shared': [2, 1],
      'payment_fingerprint:card-own': [1, 0],
      'user_agent:Mozilla/5.0': [2, 2],
      'user_agent:python-requests/2.31': [1, 1],
    });
    expect(ids.identifiers[0]!.requests).toBe(2);
    const unknown = AccountIdentifiers.parse(
      (await get('/v1/dashboard/accounts/nobody/identifiers', bearer(keys.analyst))).json(),
    );
    expect(unknown.identifiers).toEqual([]);
  });

  it('counts again only after a newer cluster pass', async () => {
    const census = createIdentifierCensus({ redis, prefix, now: () => now, minIntervalMs: 1 });
    expect(await census.refresh()).toBe(false);
    await new ClusterGraphStore({ redis, prefix, now: () => now }).record([ev('id-5', '203.0.113.7', 'card-z')]);
    await redis.hset(clusterKeys(prefix).run, 'generated_at', new Date(now).toISOString());
    // The census the page read started holds the cross-process lock for its interval.
    await redis.del(`${prefix}:dash:{idpop}:lock`);
    expect(await census.refresh()).toBe(true);
    const ids = await readAccountIdentifiers({ redis, prefix, census, now: () => now }, 'id-1');
    expect(ids.identifiers.find((i) => i.value === '203.0.113.7')?.other_accounts).toBe(3);
  });
});

describe('static pages and the queue view', () => {
  it('serves the dashboard with a strict Content-Security-Policy, without a key', async () => {
    const redirect = await get('/dashboard');
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/dashboard/');
    const page = await get('/dashboard/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain('<script type="module" src="js/main.js">');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    const js = await get('/dashboard/js/main.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toContain('javascript');
    expect((await get('/dashboard/js/nope.js')).status).toBe(404);
  });

  it('/admin/queues: Basic challenge without a key, 403 for an analyst key, bull-board for an admin key', async () => {
    const none = await get('/admin/queues');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    expect((await get('/admin/queues', basic('x', 'not-a-key-0123456789'))).status).toBe(401);
    expect((await get('/admin/queues', basic('analyst', keys.analyst))).status).toBe(403);
    const board = await get('/admin/queues', basic('admin', keys.admin));
    expect(board.status).toBe(200);
    expect(board.text).toContain('distill-guard queues');
    expect((await get('/admin/queues', basic(keys.admin, ''))).status).toBe(200);
    const api = await get('/admin/queues/api/queues', bearer(keys.admin));
    expect(api.status).toBe(200);
    const names = (api.json() as { queues: { name: string }[] }).queues.map((q) => q.name);
    expect(names).toEqual(expect.arrayContaining(['account-events', 'account-score', 'dead-letters']));
  });
});
