/**
 * Security probes against the API with keys, over real HTTP on real Redis with the account
 * workers running: path encoding, identifiers, event times, reused request ids, UTF-8, methods,
 * model names at the rescore API and the queue view's cross-origin defences. Each probe is the
 * request an attacker sent; each expectation is the answer the service must give.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODELS_DIR } from '../src/env.js';
import { loadAccountModel } from '../src/features/aggregate/account-model.js';
import { accountHash, keySpace, requestHash } from '../src/features/aggregate/redis-keys.js';
import { createLogger } from '../src/logger.js';
import { startWorkerProcess, type WorkerProcess } from '../src/queues/processes/worker.js';
import { QueueName } from '../src/queues/definitions.js';
import { cleanup, connect, keywordClassifier, REDIS_URL, uniquePrefix } from './helpers/accounts.js';
import { bearer, makeKeys, startTestService, type TestService } from './helpers/reliability.js';
import { waitFor } from './helpers/wait.js';
import { bullPrefix } from '../src/redis/bull-prefix.js';

const CLUSTER_QUEUE = QueueName.Clusters;

const logLines: string[] = [];
const logger = createLogger('info', { write: (line: string) => void logLines.push(line) });
const keys = makeKeys();
const MAX_AGE_S = 3600;
const MAX_SKEW_S = 60;
let redis: Redis;
let prefix: string;
let service: TestService;
let workers: WorkerProcess;
let dataDir: string;

beforeAll(async () => {
  redis = await connect();
  prefix = uniquePrefix('sec');
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'dg-sec-data-'));
  await writeFile(path.join(dataDir, 'history.jsonl'), '{}\n');
  service = await startTestService({
    redisUrl: REDIS_URL,
    redis,
    prefix,
    classifier: keywordClassifier,
    logger,
    rescore: true,
    env: {
      DISTILL_GUARD_API_KEYS: keys.list,
      DATA_DIR: dataDir,
      EVENTS_MAX_AGE_S: String(MAX_AGE_S),
      EVENTS_MAX_SKEW_S: String(MAX_SKEW_S),
    },
  });
  workers = await startWorkerProcess({
    connection: redis,
    prefix,
    model: await loadAccountModel(DEFAULT_MODELS_DIR),
    logger,
    debounceMs: 100,
  });
});

afterAll(async () => {
  await service.close();
  await workers.stop();
  await cleanup(redis, prefix);
  await redis.quit();
  await rm(dataDir, { recursive: true, force: true });
});

let seq = 0;
const event = (over: Record<string, unknown> = {}) => ({
  request_id: `sec-${++seq}`,
  account_id: `acct-sec-${seq}`,
  timestamp: new Date().toISOString(),
  prompt: 'How do tides work?',
  metadata: { ip: '203.0.113.7', payment_fingerprint: 'fp-sec', user_agent: 'curl/8' },
  ...over,
});

async function call(
  method: string,
  url: string,
  opts: { key?: string; body?: string | Uint8Array; type?: string; headers?: Record<string, string> } = {},
): Promise<{
  status: number;
  body: { error?: { code: string; message: string; details?: unknown } } & Record<string, unknown>;
  res: Response;
}> {
  const res = await fetch(`${service.server.url}${url}`, {
    method,
    headers: {
      ...(opts.key !== undefined ? bearer(opts.key) : {}),
      ...(opts.type !== undefined ? { 'content-type': opts.type } : {}),
      ...opts.headers,
    },
    ...(opts.body !== undefined ? { body: opts.body } : {}),
  });
  const text = await res.text();
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = { text };
  }
  return { status: res.status, body, res };
}

const postEvents = (payload: unknown) =>
  call('POST', '/v1/events', { key: keys.gateway, type: 'application/json', body: JSON.stringify(payload) });

/** Waits until the events queue has nothing waiting or running. */
async function drained(): Promise<void> {
  await waitFor(async () => {
    const d = (await service.pipeline.queueDepths())['account-events'] ?? {};
    return (d.waiting ?? 0) + (d.active ?? 0) + (d.delayed ?? 0) + (d.prioritized ?? 0) === 0 ? true : undefined;
  }, 20_000);
}

const counted = async (e: { request_id: string; account_id: string }) =>
  (await redis.exists(keySpace(prefix).account(accountHash(e.account_id)).request(requestHash(e.request_id)))) === 1;

async function requestsOf(accountId: string): Promise<number | undefined> {
  const res = await call('GET', `/v1/accounts/${encodeURIComponent(accountId)}`, { key: keys.analyst });
  return res.status === 200 ? (res.body.requests as number) : undefined;
}

describe('path encoding and identifiers', () => {
  const badPaths = [
    ['GET', '/v1/accounts/%FF'],
    ['GET', '/v1/clusters/%E0'],
    ['GET', '/v1/jobs/%C0'],
    ['GET', '/v1/jobs/%C0/output'],
    ['GET', '/v1/accounts/%ED%A0%80'],
    ['GET', '/v1/accounts/%FF/verdicts'],
    ['GET', '/v1/dashboard/accounts/%E0%A4/timeline'],
    ['GET', '/v1/dashboard/accounts/%/identifiers'],
    ['POST', '/v1/accounts/%FF/verdict'],
  ] as const;

  it('a malformed percent-encoding is 401 without a key and 400 after auth, never 500, and stays out of the logs', async () => {
    logLines.length = 0;
    for (const [method, url] of badPaths) {
      const verdictBody =
        method === 'POST' ? { type: 'application/json', body: JSON.stringify({ verdict: 'legitimate' }) } : {};
      const anonymous = await call(method, url, verdictBody);
      expect(anonymous.status, `${method} ${url} without a key`).toBe(401);
      const authed = await call(method, url, { key: keys.analyst, ...verdictBody });
      expect(authed.status, `${method} ${url}`).toBe(400);
      expect(authed.body.error?.code, `${method} ${url}`).toBe('invalid_path_encoding');
      expect(JSON.stringify(authed.body)).not.toMatch(/%FF|%E0|%C0|%ED/);
    }
    const levels = logLines.map((l) => (JSON.parse(l) as { level: number }).level);
    expect(levels.filter((l) => l >= 50)).toEqual([]);
    for (const line of logLines) expect(line).not.toMatch(/%FF|%E0|%C0|%ED%A0|accounts\/%/);
  });

  it('an account id holding a lone surrogate or a control character is refused by POST and GET alike', async () => {
    const lone = await postEvents(event({ account_id: 'acct-\ud800' }));
    expect(lone.status).toBe(400);
    expect(lone.body.error?.code).toBe('invalid_request');
    const control = await postEvents(event({ account_id: 'acct-\u0007' }));
    expect(control.status).toBe(400);
    const requestLone = await postEvents(event({ request_id: 'req-\udc00' }));
    expect(requestLone.status).toBe(400);
    const activity = await call('POST', '/v1/dashboard/activity', {
      key: keys.analyst,
      type: 'application/json',
      body: JSON.stringify({ account_ids: ['ok', '\udfff'] }),
    });
    expect(activity.status).toBe(400);
    const relabel = await call('POST', '/v1/prompts/relabel', {
      key: keys.analyst,
      type: 'application/json',
      body: JSON.stringify({ label: 'benign', request_id: 'r1', account_id: '\ud83d' }),
    });
    expect(relabel.status).toBe(400);
    expect((await call('GET', '/v1/accounts/acct-%07', { key: keys.analyst })).status).toBe(400);
    expect((await call('GET', '/v1/clusters/not-a-cluster', { key: keys.analyst })).status).toBe(400);
    expect((await call('GET', '/v1/jobs/a.b', { key: keys.analyst })).status).toBe(400);
  });

  it('every account id POST accepts, however unusual, is one GET can read back', async () => {
    const id = 'acct/ü %?#&💥 \u00a0ok';
    const ok = await postEvents(event({ account_id: id, request_id: 'odd-id-1' }));
    expect(ok.status).toBe(200);
    const requests = await waitFor(() => requestsOf(id), 20_000);
    expect(requests).toBe(1);
    const view = await call('GET', `/v1/accounts/${encodeURIComponent(id)}`, { key: keys.analyst });
    expect(view.body.account_id).toBe(id);
  });
});

describe('event times', () => {
  it('refuses times outside the configured window with 400 timestamp_out_of_range and enqueues nothing', async () => {
    const now = Date.now();
    const refused = [
      '1969-12-31T23:59:59Z',
      '9999-12-31T23:59:59Z',
      new Date(now - (MAX_AGE_S + 120) * 1000).toISOString(),
      new Date(now + (MAX_SKEW_S + 120) * 1000).toISOString(),
    ];
    const refusedEvents: ReturnType<typeof event>[] = [];
    for (const timestamp of refused) {
      const e = event({ timestamp });
      refusedEvents.push(e);
      const res = await postEvents(e);
      expect(res.status, timestamp).toBe(400);
      expect(res.body.error?.code, timestamp).toBe('timestamp_out_of_range');
      expect(res.body.error?.details).toEqual([
        { path: 'timestamp', message: expect.stringContaining('server clock') },
      ]);
    }
    // In a batch, one bad time refuses the call: the good events are not enqueued either.
    const good = event();
    const batch = await postEvents({ events: [good, event({ timestamp: '9999-12-31T23:59:59Z' })] });
    expect(batch.status).toBe(400);
    expect(batch.body.error?.code).toBe('timestamp_out_of_range');
    // A sentinel accepted after them is counted; none of the refused ones ever is.
    const sentinel = event();
    expect((await postEvents(sentinel)).status).toBe(200);
    await waitFor(async () => ((await counted(sentinel)) ? true : undefined), 20_000);
    await drained();
    for (const r of [...refusedEvents, good]) expect(await counted(r), r.request_id).toBe(false);
  });

  it('accepts times inside the window, counts them, and dead-letters none', async () => {
    const now = Date.now();
    const inside = [
      new Date(now - (MAX_AGE_S - 300) * 1000).toISOString(),
      new Date(now + (MAX_SKEW_S - 30) * 1000).toISOString(),
      new Date(now).toISOString().replace('Z', '+00:00'),
    ];
    const accepted = inside.map((timestamp) => event({ timestamp, account_id: 'acct-window' }));
    const res = await postEvents({ events: accepted });
    expect(res.status).toBe(200);
    await waitFor(async () => ((await requestsOf('acct-window')) === 3 ? true : undefined), 20_000);
    await drained();
    const dead = await call('GET', '/v1/dead-letters', { key: keys.admin });
    expect(dead.body.total).toBe(0);
  });
});

describe('reused request ids', () => {
  it('the same request again is 200 and counted once; other content under its id is 409 and counts nothing', async () => {
    const first = event({ request_id: 'reuse-1', account_id: 'acct-reuse-a' });
    expect((await postEvents(first)).status).toBe(200);
    expect((await postEvents(first)).status).toBe(200);
    const other = await postEvents({ ...first, account_id: 'acct-reuse-b' });
    expect(other.status).toBe(409);
    expect(other.body.error?.code).toBe('request_id_conflict');
    expect(other.body.error?.details).toEqual([{ path: 'request_id', message: 'already used with different content' }]);
    // In a batch: the conflict refuses the call, the new event in it is not counted, and its id stays free.
    const fresh = event({ request_id: 'reuse-fresh', account_id: 'acct-reuse-c' });
    const batch = await postEvents({ events: [fresh, { ...first, prompt: 'something else entirely' }] });
    expect(batch.status).toBe(409);
    expect(batch.body.error?.details).toEqual([
      { path: 'events.1.request_id', message: 'already used with different content' },
    ]);
    await waitFor(async () => ((await requestsOf('acct-reuse-a')) === 1 ? true : undefined), 20_000);
    await drained();
    expect(await requestsOf('acct-reuse-a')).toBe(1);
    expect(await requestsOf('acct-reuse-b')).toBeUndefined();
    expect(await requestsOf('acct-reuse-c')).toBeUndefined();
    expect((await postEvents(fresh)).status).toBe(200);
    await waitFor(async () => ((await requestsOf('acct-reuse-c')) === 1 ? true : undefined), 20_000);
  });
});

describe('bodies and methods', () => {
  it('a body that is not valid UTF-8 is 400 invalid_utf8 and enqueues nothing', async () => {
    const e = event();
    const json = Buffer.from(JSON.stringify(e));
    const at = json.indexOf(Buffer.from('tides'));
    const bad = Buffer.concat([json.subarray(0, at), Buffer.from([0xff, 0xc3, 0x28]), json.subarray(at)]);
    const res = await call('POST', '/v1/events', { key: keys.gateway, type: 'application/json', body: bad });
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe('invalid_utf8');
    const classify = await call('POST', '/v1/classify', {
      key: keys.gateway,
      type: 'application/json; charset=utf-8',
      body: Buffer.from([0x7b, 0x22, 0x69, 0x6e, 0x70, 0x75, 0x74, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]),
    });
    expect(classify.status).toBe(400);
    expect(classify.body.error?.code).toBe('invalid_utf8');
    await drained();
    expect(await counted(e)).toBe(false);
  });

  it('a wrong method is 405 with Allow', async () => {
    const cases = [
      ['GET', '/v1/events', 'POST'],
      ['DELETE', '/v1/events', 'POST'],
      ['PUT', '/v1/accounts/acct-1', 'GET, HEAD'],
      ['POST', '/v1/clusters/cl_0123456789abcdef', 'GET, HEAD'],
      ['PATCH', '/v1/rescore', 'POST'],
    ] as const;
    for (const [method, url, allow] of cases) {
      const res = await call(method, url, { key: keys.admin });
      expect(res.status, `${method} ${url}`).toBe(405);
      expect(res.res.headers.get('allow'), `${method} ${url}`).toBe(allow);
      expect(res.body.error?.code).toBe('method_not_allowed');
    }
  });
});

describe('rescore model names', () => {
  it('an invalid or unknown model is 400 before any job exists', async () => {
    const jobsBefore = (await redis.keys(`${prefix}:rescore:run:*`)).length;
    const post = (model: string) =>
      call('POST', '/v1/rescore', {
        key: keys.analyst,
        type: 'application/json',
        body: JSON.stringify({ input_path: 'history.jsonl', model }),
      });
    for (const model of ['../models/head-b2301246c0', '../../etc', 'a/b', '.hidden', 'x'.repeat(200)]) {
      const res = await post(model);
      expect(res.status, model).toBe(400);
      expect(res.body.error?.code, model).toBe('invalid_request');
    }
    const unknown = await call('POST', '/v1/rescore/upload?model=..%2Fmodels%2Fhead-b2301246c0', {
      key: keys.analyst,
      type: 'application/octet-stream',
      body: '{}\n',
    });
    expect(unknown.status).toBe(400);
    const missing = await call('POST', '/v1/rescore/upload?model=no-such-head', {
      key: keys.analyst,
      type: 'application/octet-stream',
      body: '{}\n',
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error?.code).toBe('model_not_found');
    expect(missing.body.error?.message).not.toContain(DEFAULT_MODELS_DIR);
    expect((await redis.keys(`${prefix}:rescore:run:*`)).length).toBe(jobsBefore);
  });
});

describe('the queue view', () => {
  const basic = (key: string) => ({ authorization: `Basic ${Buffer.from(`admin:${key}`).toString('base64')}` });
  const clusterJobs = async () => {
    const q = new Queue(CLUSTER_QUEUE, { connection: redis, prefix: bullPrefix(prefix) });
    try {
      return await q.getJobCountByTypes('waiting', 'delayed', 'active', 'completed', 'failed', 'prioritized');
    } finally {
      await q.close();
    }
  };

  it('sends a CSP and X-Frame-Options: DENY', async () => {
    const res = await call('GET', '/admin/queues', { headers: basic(keys.admin) });
    expect(res.status).toBe(200);
    expect(res.res.headers.get('x-frame-options')).toBe('DENY');
    const csp = res.res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
  });

  it('refuses cross-site requests, with remembered Basic credentials too, and adds no job', async () => {
    const before = await clusterJobs();
    const add = (headers: Record<string, string>) =>
      call('POST', `/admin/queues/api/queues/${CLUSTER_QUEUE}/add`, {
        type: 'text/plain',
        body: JSON.stringify({ name: 'csrf', data: {} }),
        headers: { ...basic(keys.admin), ...headers },
      });
    const crossSite = await add({ origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    expect(crossSite.body.error?.code).toBe('cross_origin_request');
    const noOriginText = await add({});
    expect(noOriginText.status).toBe(415);
    // A cross-site read with remembered Basic credentials is refused as well.
    const read = await call('GET', '/admin/queues/api/queues', {
      headers: { ...basic(keys.admin), 'sec-fetch-site': 'cross-site' },
    });
    expect(read.status).toBe(403);
    const sameOrigin = await call('GET', '/admin/queues/api/queues', {
      headers: { ...basic(keys.admin), 'sec-fetch-site': 'same-origin' },
    });
    expect(sameOrigin.status).toBe(200);
    expect(await clusterJobs()).toBe(before);
  });
});
