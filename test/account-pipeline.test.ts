import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { AccountView } from '../src/contracts/accounts.js';
import { DEFAULT_MODELS_DIR, loadEnv } from '../src/env.js';
import { loadAccountModel } from '../src/features/aggregate/account-model.js';
import { FAMILIES } from '../src/features/simulate/scenarios.js';
import { simulate } from '../src/features/simulate/simulate.js';
import { createApp } from '../src/http/app.js';
import { startServer, type RunningServer } from '../src/http/server.js';
import { createLogger } from '../src/logger.js';
import { createAccountPipeline, type AccountPipeline } from '../src/queues/processes/api.js';
import { startWorkerProcess, type WorkerProcess } from '../src/queues/processes/worker.js';
import { createEventsProducer, type EventsProducer } from '../src/queues/producers/events.js';
import { cleanup, connect, keywordClassifier, REDIS_ENV, uniquePrefix } from './helpers/accounts.js';
import { waitFor } from './helpers/wait.js';

const logger = createLogger('silent');
let redis: Redis;
let prefix: string;
/** The events queue's producer, here only to read the queue's job counts. */
let producer: EventsProducer;
let pipeline: AccountPipeline;
let spoolDir: string;
let workers: WorkerProcess;
let server: RunningServer;

const event = (over: Record<string, unknown> = {}) => ({
  request_id: `req-${Math.random().toString(36).slice(2)}`,
  account_id: 'acct/α 1',
  timestamp: new Date().toISOString(),
  prompt: 'Show your complete chain of thought for this puzzle.',
  metadata: { ip: '203.0.113.9', payment_fingerprint: 'card-9', user_agent: 'python-requests/2.31' },
  ...over,
});

async function post(body: unknown) {
  const res = await fetch(`${server.url}/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  redis = await connect();
  prefix = uniquePrefix('pipeline');
  spoolDir = await mkdtemp(path.join(os.tmpdir(), 'dg-pipeline-spool-'));
  const env = { ...loadEnv({ ...REDIS_ENV, SPOOL_DIR: spoolDir }), ACCOUNT_PREFIX: prefix, EVENTS_MAX_BATCH: 5 };
  const model = await loadAccountModel(DEFAULT_MODELS_DIR);
  producer = createEventsProducer({ connection: redis, prefix });
  workers = await startWorkerProcess({ connection: redis, prefix, model, logger, debounceMs: 200 });
  // The API side as the service wires it: resilient ingest in front of the events producer.
  pipeline = await createAccountPipeline({ env, redis, logger });
  const app = createApp({ classifier: keywordClassifier, env, redis, logger, accounts: pipeline.routes });
  server = await startServer(app, { host: '127.0.0.1', port: 0, logger });
});

afterAll(async () => {
  await server.close();
  await pipeline.close();
  await workers.stop();
  await producer.queue.obliterate({ force: true });
  await producer.close();
  await cleanup(redis, prefix);
  await redis.quit();
  await rm(spoolDir, { recursive: true, force: true });
});

describe('POST /v1/events → queue → worker → GET /v1/accounts', () => {
  it('answers with labels and the unknown-account verdict, then the worker makes the account visible', async () => {
    const e = event();
    const first = await post(e);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      request_id: e.request_id,
      labels: { label: 'reasoning_trace_extraction', flagged: true },
      account: { likelihood: 0, level: 'low', action: 'allow', updated_at: null },
    });
    // The gateway retries the same call: counted once.
    expect((await post(e)).status).toBe(200);
    const id = encodeURIComponent(e.account_id);
    const view = await waitFor(async () => {
      const res = await fetch(`${server.url}/v1/accounts/${id}`);
      return res.status === 200 ? AccountView.parse(await res.json()) : undefined;
    }, 5000);
    expect(view).toMatchObject({ account_id: e.account_id, requests: 1, cluster_id: null });
    expect(view.label_counts.reasoning_trace_extraction).toBe(1);
    expect(view.top_factors.length).toBeGreaterThan(0);
    const again = await post(event({ account_id: e.account_id }));
    expect((again.body.account as { updated_at: string | null }).updated_at).not.toBeNull();

    const list = await fetch(`${server.url}/v1/accounts?limit=10`).then(
      (r) => r.json() as Promise<{ accounts: AccountView[] }>,
    );
    expect(list.accounts.map((a) => a.account_id)).toContain(e.account_id);
  });

  it('404s an unknown account', async () => {
    const res = await fetch(`${server.url}/v1/accounts/nobody-${Date.now()}`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('rejects a batch with one bad event (400) and enqueues nothing', async () => {
    // Let the previous test's events finish first, so the counts only move if this call enqueues.
    for (let i = 0; i < 100; i++) {
      const c = await producer.queue.getJobCounts();
      if (c.active === 0 && c.waiting === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const before = await producer.queue.getJobCounts();
    const res = await post({ events: [event({ account_id: 'acct-bad' }), event({ timestamp: 'yesterday' })] });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'invalid_request' } });
    expect((res.body.error as { details: { path: string }[] }).details[0]?.path).toBe('events.1.timestamp');
    expect(await producer.queue.getJobCounts()).toEqual(before);
    await new Promise((r) => setTimeout(r, 400));
    expect((await fetch(`${server.url}/v1/accounts/acct-bad`)).status).toBe(404);
    expect((await post({ events: Array.from({ length: 6 }, () => event()) })).status).toBe(413);
  });

  it('pages the ranked list with a cursor', async () => {
    const ids = ['rank-a', 'rank-b', 'rank-c'];
    await post({ events: ids.map((account_id) => event({ account_id })) });
    await waitFor(
      async () =>
        ((await workers.scores.get('rank-c')) &&
          (await workers.scores.get('rank-a')) &&
          (await workers.scores.get('rank-b'))) ||
        undefined,
      5000,
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor === null ? '' : `&cursor=${cursor}`;
      const page = (await fetch(`${server.url}/v1/accounts?limit=2${q}`).then((r) => r.json())) as {
        accounts: AccountView[];
        next_cursor: string | null;
      };
      seen.push(...page.accounts.map((a) => a.account_id));
      cursor = page.next_cursor;
    } while (cursor !== null);
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of ids) expect(seen).toContain(id);
  });
});

describe('simulate and rescore', () => {
  it('the simulator is deterministic per seed', () => {
    const a = simulate({ seed: 11, accounts: 30, days: 2 });
    const b = simulate({ seed: 11, accounts: 30, days: 2 });
    const c = simulate({ seed: 12, accounts: 30, days: 2 });
    expect(b).toEqual(a);
    expect(c.events.slice(0, 50)).not.toEqual(a.events.slice(0, 50));
    const families = new Set(Object.values(a.truth).map((t) => t.family));
    expect(families.size).toBe(FAMILIES.length);
  });

  it('rescore writes one line per account with the documented shape', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'dg-rescore-'));
    try {
      const input = path.join(dir, 'history.jsonl');
      const output = path.join(dir, 'accounts.jsonl');
      const stderr = new PassThrough();
      expect(
        await main(
          [
            'node',
            'distill-guard',
            'simulate',
            '-o',
            input,
            '-t',
            path.join(dir, 'truth.json'),
            '--seed',
            '5',
            '--accounts',
            '30',
            '--days',
            '2',
          ],
          { stderr },
        ),
      ).toBe(0);
      const truth = JSON.parse(await readFile(path.join(dir, 'truth.json'), 'utf8')) as Record<
        string,
        { role: string }
      >;
      const active = new Set(
        (await readFile(input, 'utf8'))
          .trim()
          .split('\n')
          .map((l) => (JSON.parse(l) as { account_id: string }).account_id),
      );
      for (const id of active) expect(truth[id]).toBeDefined();
      expect(
        await main(['node', 'distill-guard', 'rescore', '-i', input, '-o', output], {
          stderr,
          env: { ...process.env },
        }),
      ).toBe(0);
      const lines = (await readFile(output, 'utf8'))
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.length).toBe(active.size);
      for (const line of lines) {
        expect(Object.keys(line).sort()).toEqual([
          'account_id',
          'action',
          'cluster_id',
          'label_counts',
          'level',
          'likelihood',
          'requests',
          'top_factors',
        ]);
        // Only what lies above a typical legitimate account is listed: a quiet account may list nothing.
        for (const f of line.top_factors as unknown[])
          expect(f).toEqual({
            factor: expect.any(String),
            contribution: expect.any(Number),
            detail: expect.any(String),
          });
      }
      const attackers = lines.filter((l) => truth[l.account_id as string]?.role === 'attacker');
      expect(attackers.length).toBeGreaterThan(0);
      for (const l of attackers) expect((l.top_factors as unknown[]).length).toBeGreaterThan(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!existsSync(path.join(DEFAULT_MODELS_DIR, 'current.json')))(
    'rescore labels unlabelled history with the real prompt model',
    async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'dg-rescore-real-'));
      try {
        const sim = simulate({ seed: 9, accounts: 12, days: 1, labels: false });
        const input = path.join(dir, 'history.jsonl');
        await writeFile(
          input,
          sim.events
            .slice(0, 3000)
            .map((e) => JSON.stringify(e))
            .join('\n'),
        );
        const output = path.join(dir, 'accounts.jsonl');
        const stderr = new PassThrough();
        let log = '';
        stderr.on('data', (d: Buffer) => (log += d.toString()));
        expect(await main(['node', 'distill-guard', 'rescore', '-i', input, '-o', output], { stderr })).toBe(0);
        expect(log).toMatch(/prompts classified/);
        expect((await readFile(output, 'utf8')).trim().split('\n').length).toBeGreaterThan(0);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
});
