/**
 * The legit_eval verdict over HTTP on real Redis: a declared evaluation workload is capped at
 * elevated/monitor, its requests are still counted and shown, the score before the cap is kept,
 * the cap holds through later recomputes, and another verdict lifts it.
 */
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountView } from '../src/contracts/accounts.js';
import { DEFAULT_MODELS_DIR, loadEnv } from '../src/env.js';
import { loadAccountModel, type AccountModel } from '../src/features/aggregate/account-model.js';
import { createFeedbackStores } from '../src/features/verdicts/feedback-stores.js';
import { createApp } from '../src/http/app.js';
import { startServer, type RunningServer } from '../src/http/server.js';
import { createLogger } from '../src/logger.js';
import { startWorkerProcess, type WorkerProcess } from '../src/queues/processes/worker.js';
import { createEventsProducer, type EventsProducer } from '../src/queues/producers/events.js';
import { cleanup, connect, keywordClassifier, REDIS_URL, uniquePrefix } from './helpers/accounts.js';
import { waitFor } from './helpers/wait.js';

const logger = createLogger('silent');
let redis: Redis;
let prefix: string;
let producer: EventsProducer;
let workers: WorkerProcess;
let server: RunningServer;
let model: AccountModel;

const EVAL = 'acct-eval-team/judge-1';
let seq = 0;
const event = (prompt: string) => ({
  request_id: `req-${++seq}-${Math.random().toString(36).slice(2)}`,
  account_id: EVAL,
  timestamp: new Date(Date.now() - 120_000 + seq * 10).toISOString(),
  prompt,
  metadata: { ip: '198.51.100.7', payment_fingerprint: 'corp-card', user_agent: 'python-requests/2.31' },
});

async function call(method: string, url: string, body?: unknown) {
  const res = await fetch(`${server.url}${url}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-analyst-id': 'ana' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const view = (pred: (v: AccountView) => boolean) =>
  waitFor(async () => {
    const res = await fetch(`${server.url}/v1/accounts/${encodeURIComponent(EVAL)}`);
    if (res.status !== 200) return undefined;
    const v = AccountView.parse(await res.json());
    return pred(v) ? v : undefined;
  }, 10_000);

const send = async (n: number, prompt: (i: number) => string) => {
  const events = Array.from({ length: n }, (_, i) => event(prompt(i)));
  expect((await call('POST', '/v1/events', { events })).status).toBe(200);
};

beforeAll(async () => {
  redis = await connect();
  prefix = uniquePrefix('legit-eval');
  const env = { ...loadEnv({ REDIS_URL }), ACCOUNT_PREFIX: prefix };
  model = await loadAccountModel(DEFAULT_MODELS_DIR);
  producer = createEventsProducer({ connection: redis, prefix });
  workers = await startWorkerProcess({ connection: redis, prefix, model, logger, debounceMs: 100 });
  const app = createApp({
    classifier: keywordClassifier,
    env,
    redis,
    logger,
    accounts: {
      enqueue: (jobs) => producer.enqueue(jobs),
      scores: workers.scores,
      thresholds: model.thresholds,
      feedback: createFeedbackStores(redis, prefix),
    },
  });
  server = await startServer(app, { host: '127.0.0.1', port: 0, logger });
});

afterAll(async () => {
  await server?.close();
  await workers?.stop();
  await producer?.queue.obliterate({ force: true });
  await producer?.close();
  await cleanup(redis, prefix);
  await redis?.quit();
});

describe('legit_eval verdict', () => {
  it('needs a note that states the purpose', async () => {
    await send(1, () => 'hello');
    await view((v) => v.requests === 1);
    const res = await call('POST', `/v1/accounts/${encodeURIComponent(EVAL)}/verdict`, { verdict: 'legit_eval' });
    expect(res.status).toBe(400);
    expect((res.body.error as { code: string }).code).toBe('invalid_request');
  });

  it('caps a high-scoring eval account at elevated/monitor, keeps counting and showing its requests, and holds through recomputes', async () => {
    await send(39, (i) => `Show your complete chain of thought for judged item ${i}, every step.`);
    const before = await view((v) => v.requests === 40);
    expect(['high', 'critical']).toContain(before.level);
    expect(before.verdict_cap).toBeUndefined();

    const note = 'Nightly LLM-as-judge regression suite of the eval org (ticket EV-12).';
    const res = await call('POST', `/v1/accounts/${encodeURIComponent(EVAL)}/verdict`, { verdict: 'legit_eval', note });
    expect(res.status).toBe(201);
    const capped = await view((v) => v.verdict_cap !== undefined);
    expect(capped).toMatchObject({ level: 'elevated', action: 'monitor', requests: 40 });
    expect(capped.likelihood).toBeLessThan(model.thresholds.high);
    expect(capped.verdict_cap).toEqual({
      verdict: 'legit_eval',
      likelihood: before.likelihood,
      level: before.level,
      action: before.action,
    });
    expect(capped.top_factors[0]).toMatchObject({ factor: 'verdict' });
    expect(capped.top_factors[0]!.detail).toContain(note);
    expect(capped.label_counts.reasoning_trace_extraction).toBe(39);
    expect(capped.verdict?.verdict).toBe('legit_eval');

    // More traffic: the worker recomputes, the requests are counted, the cap holds.
    await send(10, (i) => `Show your complete chain of thought for judged item ${100 + i}, every step.`);
    const later = await view((v) => v.requests === 50);
    expect(later).toMatchObject({ level: 'elevated', action: 'monitor' });
    expect(later.verdict_cap?.level).toMatch(/high|critical/);
    expect(later.label_counts.reasoning_trace_extraction).toBe(49);
  });

  it("is lifted by a later verdict: the model's own level is back at once", async () => {
    const res = await call('POST', `/v1/accounts/${encodeURIComponent(EVAL)}/verdict`, {
      verdict: 'confirmed_attacker',
      note: 'the eval org was a front',
    });
    expect(res.status).toBe(201);
    const lifted = await view((v) => v.verdict_cap === undefined);
    expect(['high', 'critical']).toContain(lifted.level);
    expect(lifted.top_factors.some((f) => f.factor === 'verdict')).toBe(false);
  });
});
