/**
 * Fuzz over every JSON route of the app (taken from its route registry, so a route added later
 * is covered): ≥ 10,000 generated requests against a real server on real Redis, with keys —
 * invalid bodies (any JSON value the contract refuses, one field of a valid body made wrong:
 * lone surrogates, control characters, out-of-window times, wrong types, huge strings), bytes
 * that are not UTF-8 or not JSON, wrong content types, and paths (random bytes percent-encoded,
 * stray `%`, traversal, long ids), queries and methods. Every answer is below 500, every body
 * the contract refuses gets a 4xx, and nothing is enqueued, claimed, recorded or written.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import fc from 'fast-check';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createClassifyRequestSchema } from '../src/contracts/classify.js';
import { ActivityRequest } from '../src/contracts/dashboard.js';
import { createEventsRequestSchema } from '../src/contracts/events.js';
import { createModerationRequestSchema } from '../src/contracts/moderations.js';
import { RescoreRequest } from '../src/contracts/rescore.js';
import { createRelabelRequestSchema, VerdictRequest } from '../src/contracts/verdicts.js';
import { DEFAULT_MODELS_DIR } from '../src/env.js';
import type { PromptClassifier } from '../src/models/prompt-classifier.js';
import { routesOf } from '../src/http/mount-routes.js';
import { createLogger } from '../src/logger.js';
import { QueueName } from '../src/queues/definitions.js';
import { cleanup, connect, keywordClassifier, REDIS_URL, uniquePrefix } from './helpers/accounts.js';
import { makeKeys, startTestService, type TestService } from './helpers/reliability.js';
import { bullPrefix } from '../src/redis/bull-prefix.js';

const CLUSTER_QUEUE = QueueName.Clusters;

const logger = createLogger('silent');
const keys = makeKeys();
const LIMITS = { MAX_BODY_BYTES: 32_768, MAX_PROMPT_CHARS: 2000, EVENTS_MAX_BATCH: 20, MAX_BATCH_ITEMS: 8 };
const DAY_MS = 86_400_000;
let redis: Redis;
let prefix: string;
let dataDir: string;
let service: TestService;
let classifyCalls = 0;

beforeAll(async () => {
  redis = await connect();
  prefix = uniquePrefix('fuzzall');
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'dg-fuzz-data-'));
  await writeFile(path.join(dataDir, 'history.jsonl'), '{}\n');
  const counting: PromptClassifier = {
    version: keywordClassifier.version,
    classify(prompts) {
      classifyCalls++;
      return keywordClassifier.classify(prompts);
    },
  };
  service = await startTestService({
    redisUrl: REDIS_URL,
    redis,
    prefix,
    classifier: counting,
    logger,
    rescore: true,
    modelsDir: DEFAULT_MODELS_DIR,
    env: {
      DISTILL_GUARD_API_KEYS: keys.list,
      DATA_DIR: dataDir,
      RATE_LIMIT_GATEWAY_RPS: '0',
      RATE_LIMIT_ANALYST_RPS: '0',
      RATE_LIMIT_ADMIN_RPS: '0',
      ...Object.fromEntries(Object.entries(LIMITS).map(([k, v]) => [k, String(v)])),
    },
  });
});

afterAll(async () => {
  await service.close();
  await cleanup(redis, prefix);
  await redis.quit();
  await rm(dataDir, { recursive: true, force: true });
});

interface Case {
  method: string;
  /** The route template this case aims at (coverage). */
  route: string;
  url: string;
  contentType?: string;
  body?: string | Uint8Array;
  /** The request is invalid: it must get a 4xx. Otherwise any answer below 500 will do. */
  refuse: boolean;
}

const clock = { now: Date.now, maxAgeMs: 30 * DAY_MS, maxSkewMs: 300_000 };
const schemas: Record<string, z.ZodType> = {
  '/v1/events': createEventsRequestSchema({
    maxPromptChars: LIMITS.MAX_PROMPT_CHARS,
    maxEvents: LIMITS.EVENTS_MAX_BATCH,
    clock,
  }),
  '/v1/classify': createClassifyRequestSchema({
    maxPromptChars: LIMITS.MAX_PROMPT_CHARS,
    maxBatchItems: LIMITS.MAX_BATCH_ITEMS,
  }),
  '/v1/moderations': createModerationRequestSchema({
    maxPromptChars: LIMITS.MAX_PROMPT_CHARS,
    maxBatchItems: LIMITS.MAX_BATCH_ITEMS,
  }),
  '/v1/accounts/:id/verdict': VerdictRequest,
  '/v1/prompts/relabel': createRelabelRequestSchema({ maxPromptChars: LIMITS.MAX_PROMPT_CHARS }),
  '/v1/dashboard/activity': ActivityRequest,
  '/v1/rescore': RescoreRequest,
};

const validEvent = () => ({
  request_id: 'fuzz-req',
  account_id: 'fuzz-acct',
  timestamp: new Date().toISOString(),
  prompt: 'What is the boiling point of water?',
  metadata: { ip: '203.0.113.9', payment_fingerprint: 'fp_1', user_agent: 'curl/8' },
});

/** A valid body per route, and the fields a mutation may break (dotted paths). */
const bases: Record<string, { body: () => Record<string, unknown>; fields: string[] }> = {
  '/v1/events': {
    body: validEvent,
    fields: [
      'request_id',
      'account_id',
      'timestamp',
      'prompt',
      'metadata',
      'metadata.ip',
      'metadata.payment_fingerprint',
      'metadata.user_agent',
      'metadata.org_id',
    ],
  },
  '/v1/classify': { body: () => ({ input: 'hello there' }), fields: ['input'] },
  '/v1/moderations': {
    body: () => ({ input: [{ type: 'text', text: 'hello there' }], model: 'omni-moderation-latest' }),
    fields: ['input', 'input.0', 'input.0.type', 'input.0.text', 'model'],
  },
  '/v1/accounts/:id/verdict': {
    body: () => ({ verdict: 'legitimate', note: 'n' }),
    fields: ['verdict', 'note', 'analyst'],
  },
  '/v1/prompts/relabel': {
    body: () => ({ label: 'benign', request_id: 'r1', account_id: 'a1', note: 'n' }),
    fields: ['label', 'request_id', 'account_id', 'prompt', 'note', 'analyst'],
  },
  '/v1/dashboard/activity': { body: () => ({ account_ids: ['a1', 'a2'] }), fields: ['account_ids', 'account_ids.0'] },
  '/v1/rescore': {
    body: () => ({ input_path: 'history.jsonl', model: 'current' }),
    fields: ['input_path', 'output_path', 'clusters_path', 'model', 'relabel', 'prescreen'],
  },
};

const now = Date.now();
const wrongValue = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
  fc.constant(''),
  fc.string({ minLength: 2001, maxLength: 2100 }),
  // Ill-formed Unicode and control characters inside an otherwise plausible string.
  fc.constantFrom('\ud800', 'a\udc00b', '\ud83d', 'x\u0000y', 'tab\there', '\u0085', '\u007f'),
  // Times outside the window, and not times at all.
  fc.constantFrom(
    '1969-12-31T23:59:59Z',
    '9999-12-31T23:59:59Z',
    '0000-01-01T00:00:00Z',
    new Date(now - 31 * DAY_MS).toISOString(),
    new Date(now + 3_600_000).toISOString(),
    '2025-13-01T00:00:00Z',
    'not-a-date',
  ),
  // Paths and names an attacker would try.
  fc.constantFrom('../../etc/passwd', '/etc/shadow', '..', 'rescore/../../x', 'a'.repeat(5000), '%2e%2e'),
);

function mutate(route: string) {
  const base = bases[route]!;
  return fc.tuple(fc.constantFrom(...base.fields), fc.option(wrongValue, { nil: undefined })).map(([field, value]) => {
    const body = base.body();
    const parts = field.split('.');
    let target = body as Record<string, unknown>;
    for (const p of parts.slice(0, -1)) target = target[p] as Record<string, unknown>;
    const key = parts.at(-1)!;
    if (value === undefined) delete target[key];
    else target[key] = value;
    return body;
  });
}

const invalidFor = (route: string) => (v: unknown) => !schemas[route]!.safeParse(v).success;
const urlOf = (route: string) => route.replace(':id', 'fuzz-acct');

/** Bodies the route's contract refuses: arbitrary JSON, and one field of a valid body broken. */
function bodyCases(route: string): fc.Arbitrary<Case> {
  const json = (body: string, contentType = 'application/json'): Case => ({
    method: 'POST',
    route,
    url: urlOf(route),
    contentType,
    body,
    refuse: true,
  });
  return fc.oneof(
    {
      weight: 3,
      arbitrary: fc
        .jsonValue({ maxDepth: 5 })
        .filter(invalidFor(route))
        .map((v) => json(JSON.stringify(v) ?? 'null')),
    },
    {
      weight: 4,
      arbitrary: mutate(route)
        .filter(invalidFor(route))
        .map((v) => json(JSON.stringify(v))),
    },
    ...(route === '/v1/events'
      ? [
          {
            weight: 2,
            arbitrary: fc
              .tuple(mutate(route).filter(invalidFor(route)), fc.integer({ min: 0, max: 4 }))
              .map(([bad, n]) => json(JSON.stringify({ events: [...Array.from({ length: n }, validEvent), bad] }))),
          },
        ]
      : []),
  );
}

/** Bytes every JSON route refuses: not JSON, not UTF-8, too deep, too big, or not sent as JSON. */
function byteCases(route: string): fc.Arbitrary<Case> {
  const mk = (body: string | Uint8Array, contentType: string): Case => ({
    method: 'POST',
    route,
    url: urlOf(route),
    contentType,
    body,
    refuse: true,
  });
  const valid = JSON.stringify(bases[route]?.body() ?? {});
  return fc.oneof(
    fc
      .string({ minLength: 1, maxLength: 100 })
      .filter((s) => {
        try {
          JSON.parse(s);
          return false;
        } catch {
          return true;
        }
      })
      .map((s) => mk(s, 'application/json')),
    // Valid JSON with bytes that are not UTF-8 spliced into a string.
    fc
      .uint8Array({ minLength: 1, maxLength: 6 })
      .map((b) => Uint8Array.from([0xff, ...b]))
      .map((bad) => {
        const text = Buffer.from(`{"k":"`);
        return mk(Buffer.concat([text, Buffer.from(bad), Buffer.from('"}')]), 'application/json');
      }),
    fc.integer({ min: 17, max: 3000 }).map((d) => mk(`${'['.repeat(d)}${']'.repeat(d)}`, 'application/json')),
    fc
      .integer({ min: LIMITS.MAX_BODY_BYTES + 1, max: LIMITS.MAX_BODY_BYTES + 4096 })
      .map((n) => mk(JSON.stringify({ x: 'a'.repeat(n) }), 'application/json')),
    fc
      .constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/xml',
        'application/json; charset=latin1',
      )
      .map((type) => mk(valid, type)),
  );
}

/** A path segment an attacker would send as an id. */
const segment = fc.oneof(
  fc
    .uint8Array({ minLength: 1, maxLength: 12 })
    .map((bytes) => [...bytes].map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`).join('')),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }).map((s) => {
    try {
      return encodeURIComponent(s);
    } catch {
      // A lone surrogate: written as the bytes a careless client would send.
      return [...Buffer.from(s, 'utf16le')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
    }
  }),
  fc.stringMatching(/^[%A-Za-z0-9._~-]{1,24}$/),
  fc.constantFrom(
    '..',
    '%2e%2e',
    '%2F',
    '%00',
    '%',
    '%%',
    '%G0',
    'cl_0123456789abcdef',
    'r1',
    'x'.repeat(300),
    '%ED%A0%80',
  ),
);

const queryValue = fc.oneof(
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
  fc
    .uint8Array({ minLength: 1, maxLength: 6 })
    .map((b) => [...b].map((x) => `%${x.toString(16).padStart(2, '0')}`).join('')),
  fc.constantFrom('-1', '0', '1e9', 'NaN', 'high', '', '%', '[]'),
);
const query = fc
  .array(
    fc.tuple(
      fc.constantFrom('limit', 'cursor', 'offset', 'min_likelihood', 'level', 'min_score', 'top', 'history_hours', 'x'),
      queryValue,
    ),
    { maxLength: 4 },
  )
  .map((pairs) => (pairs.length === 0 ? '' : `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`));

describe('fuzzing every JSON route, its paths, queries and methods', () => {
  it('10,000+ generated requests: 0 answers of 500 or more, every invalid body refused, nothing enqueued or written', async () => {
    const routes = routesOf(service.app).filter((r) => r.rawBody !== true);
    const bodyRoutes = routes.filter((r) => r.spec.request !== undefined).map((r) => r.spec.path);
    expect(bodyRoutes.sort()).toEqual(Object.keys(schemas).sort());
    const postRoutes = routes.filter((r) => r.spec.method === 'post').map((r) => r.spec.path);
    const getRoutes = routes
      .filter((r) => r.spec.method === 'get' && r.spec.path !== '/readyz')
      .map((r) => r.spec.path);

    const pathCases: fc.Arbitrary<Case> = fc.oneof(
      // GET routes: ids and queries.
      fc.tuple(fc.constantFrom(...getRoutes), segment, query).map(([route, id, q]) => ({
        method: 'GET',
        route,
        url: `${route.replace(':id', id)}${q}`,
        refuse: false,
      })),
      // The verdict route with a valid body and an attacked id: no such account either way.
      fc.tuple(segment).map(([id]) => ({
        method: 'POST',
        route: '/v1/accounts/:id/verdict',
        url: `/v1/accounts/${id}/verdict`,
        contentType: 'application/json',
        body: JSON.stringify({ verdict: 'legitimate' }),
        refuse: true,
      })),
      // Any registered path with a method it does not serve.
      fc
        .tuple(fc.constantFrom(...routes), fc.constantFrom('PUT', 'DELETE', 'PATCH', 'GET', 'POST'), segment)
        .filter(([r, m]) => m.toLowerCase() !== r.spec.method)
        .map(([r, method, id]) => ({
          method,
          route: r.spec.path,
          url: r.spec.path.replace(':id', id),
          refuse: true,
        })),
    );
    const cases: fc.Arbitrary<Case> = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...bodyRoutes).chain(bodyCases) },
      { weight: 2, arbitrary: fc.constantFrom(...postRoutes).chain(byteCases) },
      { weight: 5, arbitrary: pathCases },
    );
    const samples = fc.sample(cases, { numRuns: 10_500, seed: 20261207 });

    const keysBefore = new Set(await redis.keys(`${prefix}:*`));
    const statuses = new Map<number, number>();
    const perRoute = new Map<string, number>();
    const unexpected: string[] = [];
    let redisUnavailable = 0;
    const slowUrls: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < samples.length) {
        const c = samples[next++]!;
        perRoute.set(c.route, (perRoute.get(c.route) ?? 0) + 1);
        const route = routes.find((r) => r.spec.path === c.route);
        const key = route?.access === 'gateway' ? keys.gateway : keys.admin;
        let status: number;
        let text: string;
        try {
          const res = await fetch(`${service.server.url}${c.url}`, {
            method: c.method,
            headers: {
              authorization: `Bearer ${key}`,
              ...(c.contentType !== undefined ? { 'content-type': c.contentType } : {}),
            },
            ...(c.body !== undefined ? { body: c.body } : {}),
          });
          status = res.status;
          text = await res.text();
        } catch (err) {
          unexpected.push(`network error ${(err as Error).message} ${c.method} ${c.url.slice(0, 80)}`);
          continue;
        }
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        const isClientError = status >= 400 && status < 500;
        let code: string | undefined;
        try {
          code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
        } catch {
          code = undefined;
        }
        // Redis not answering in time on a loaded machine is no answer to the input: 503, counted apart.
        if (status === 503 && code === 'redis_unavailable') {
          redisUnavailable++;
          slowUrls.push(`${c.method} ${c.url.slice(0, 100)}`);
          continue;
        }
        if (status >= 500 || (c.refuse && !isClientError) || (isClientError && code === undefined))
          unexpected.push(
            `${status} ${code} ${c.method} ${c.url.slice(0, 80)} ${c.contentType ?? ''} ${String(c.body ?? '').slice(0, 80)}`,
          );
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    console.log(
      'fuzz-all-routes:',
      samples.length,
      'requests; statuses',
      Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])),
      'redis_unavailable',
      redisUnavailable,
      slowUrls.slice(0, 20),
      unexpected.slice(0, 20),
      'per route',
      Object.fromEntries(perRoute),
    );

    expect(samples.length).toBeGreaterThanOrEqual(10_000);
    expect(unexpected.slice(0, 10)).toEqual([]);
    expect(statuses.get(500) ?? 0).toBe(0);
    expect([...statuses.keys()].filter((s) => s >= 500 && s !== 503)).toEqual([]);
    expect(redisUnavailable).toBe(statuses.get(503) ?? 0);
    // Every route of the registry (uploads aside: not JSON) was fuzzed.
    for (const r of routes) expect(perRoute.get(r.spec.path) ?? 0, r.spec.path).toBeGreaterThan(20);
    // Nothing was classified, enqueued, claimed, recorded or written.
    expect(classifyCalls).toBe(0);
    const depths = await service.pipeline.queueDepths();
    for (const [queue, counts] of Object.entries(depths))
      expect(
        Object.values(counts).reduce((a, b) => a + b, 0),
        queue,
      ).toBe(0);
    expect(service.pipeline.spool().events).toBe(0);
    const clusterQueue = new Queue(CLUSTER_QUEUE, { connection: redis, prefix: bullPrefix(prefix) });
    expect(await clusterQueue.getJobCountByTypes('waiting', 'delayed', 'completed', 'failed', 'active')).toBe(0);
    await clusterQueue.close();
    // Only queue metadata (written when a queue is first read) may be new: no job, claim, verdict or relabel.
    const written = (await redis.keys(`${prefix}:*`)).filter(
      (k) => !keysBefore.has(k) && !k.includes(':dash:') && !/:\{bull\}:[\w-]+:meta$/.test(k),
    );
    expect(written).toEqual([]);
    expect(await readdir(dataDir)).toEqual(['history.jsonl']);
  }, 300_000);
});
