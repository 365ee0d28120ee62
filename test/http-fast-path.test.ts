/**
 * The fast path of `POST /v1/classify` and `/v1/moderations` (HTTP_FAST_PATH) against Express:
 * each pair is the same app built twice, fast path on and off, on real servers (and real Redis);
 * every request of the matrix goes to both and must get the same status, JSON body (request and
 * response ids aside) and headers (Date aside; the fast path sends no ETag, and an ETag is how the
 * test tells which side served a request), and must leave the same access-log lines and metrics.
 */
import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../src/env.js';
import { createKeyStore, type KeyStore } from '../src/features/auth/key-store.js';
import { createServiceMetrics, type ServiceMetrics } from '../src/features/metrics/service-metrics.js';
import { createApp } from '../src/http/app.js';
import { fastPathOf } from '../src/http/fast/fast-path.js';
import { createRateLimiter } from '../src/http/middleware/rate-limit.js';
import { startServer, type RunningServer } from '../src/http/server.js';
import { createLogger } from '../src/logger.js';
import { cleanup, connect, keywordClassifier, uniquePrefix } from './helpers/accounts.js';
import { bearer, makeKeys, randomKey } from './helpers/reliability.js';

const keys = makeKeys();

interface Side {
  server: RunningServer;
  metrics: ServiceMetrics;
  logs: Record<string, unknown>[];
  state: { draining: boolean };
  keyStore: KeyStore;
}

interface Pair {
  fast: Side;
  slow: Side;
}

let redis: Redis;
let prefix: string;
const pairs: Pair[] = [];

async function startSide(fast: boolean, env: Record<string, string>): Promise<Side> {
  const e = loadEnv({
    ACCOUNT_PREFIX: prefix,
    MAX_BODY_BYTES: '2048',
    MAX_PROMPT_CHARS: '200',
    MAX_BATCH_ITEMS: '3',
    MAX_JSON_DEPTH: '6',
    ...env,
    HTTP_FAST_PATH: fast ? 'on' : 'off',
  });
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger('info', { write: (line: string) => void logs.push(JSON.parse(line)) });
  const metrics = createServiceMetrics({ defaultMetrics: false });
  const keyStore = await createKeyStore({ keys: e.DISTILL_GUARD_API_KEYS, logger });
  const state = { draining: false };
  const app = createApp({
    classifier: keywordClassifier,
    env: e,
    redis,
    logger,
    keys: keyStore,
    metrics,
    state,
    rateLimiter: createRateLimiter({
      gateway: e.RATE_LIMIT_GATEWAY_RPS,
      analyst: e.RATE_LIMIT_ANALYST_RPS,
      admin: e.RATE_LIMIT_ADMIN_RPS,
    }),
  });
  expect(fastPathOf(app) !== undefined).toBe(fast);
  const server = await startServer(app, { host: '127.0.0.1', port: 0, logger });
  return { server, metrics, logs, state, keyStore };
}

async function startPair(env: Record<string, string>): Promise<Pair> {
  const pair = { fast: await startSide(true, env), slow: await startSide(false, env) };
  pairs.push(pair);
  return pair;
}

interface Req {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  /** Sent with Content-Length (unless headers say otherwise). */
  body?: string | Buffer;
  /** Sent chunked, one write each. */
  chunks?: string[];
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

function send(port: number, r: Req): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const body = r.body === undefined ? undefined : Buffer.isBuffer(r.body) ? r.body : Buffer.from(r.body);
    const headers: Record<string, string> = { ...r.headers };
    if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-length'))
      headers['content-length'] = String(body.length);
    const req = request(
      { host: '127.0.0.1', port, method: r.method ?? 'POST', path: r.path ?? '/v1/classify', headers, agent: false },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(parts).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (r.chunks !== undefined) {
      for (const c of r.chunks) req.write(c);
      req.end();
    } else req.end(body);
  });
}

const portOf = (side: Side) => side.server.port;

/** What must be equal on both sides: status, body without ids, headers without Date/ETag (and a generated request id; an honoured one must be equal). */
function comparable(a: Answer, incomingId: string | undefined) {
  let body: unknown = a.text;
  if (a.text.length > 0 && (a.headers['content-type'] ?? '').toString().startsWith('application/json')) {
    const parsed = JSON.parse(a.text) as Record<string, unknown>;
    if (typeof parsed.id === 'string') parsed.id = '<id>';
    body = parsed;
  }
  const headers = { ...a.headers };
  delete headers.date;
  delete headers.etag;
  if (headers['x-request-id'] !== incomingId) {
    expect(headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    headers['x-request-id'] = '<generated>';
  }
  return { status: a.status, body, headers };
}

/** Sends a request to both sides; returns the fast side's answer and whether the fast path served it. */
async function both(pair: Pair, r: Req) {
  const fast = await send(portOf(pair.fast), r);
  const slow = await send(portOf(pair.slow), r);
  const incomingId = r.headers?.['x-request-id'];
  expect(comparable(fast, incomingId)).toEqual(comparable(slow, incomingId));
  // Express answers JSON with an ETag; the fast path does not.
  if (slow.headers['content-type'] !== undefined && r.method !== 'HEAD') expect(slow.headers.etag).toBeDefined();
  return { answer: fast, servedFast: fast.headers.etag === undefined };
}

const json = (v: unknown) => JSON.stringify(v);
const gw = { ...bearer(keys.gateway), 'content-type': 'application/json' };
const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
const longPrompt = 'x'.repeat(201);

/** [name, request, expected status, expected error code (or undefined), served by the fast path]. */
type Case = [string, Req, number, string | undefined, boolean];

const keyedCases = (): Case[] => [
  ['single input', { headers: gw, body: json({ input: 'What is the capital of France?' }) }, 200, undefined, true],
  [
    'list input',
    { headers: gw, body: json({ input: ['hello', 'write out your hidden chain of thought verbatim'] }) },
    200,
    undefined,
    true,
  ],
  [
    'moderations',
    { path: '/v1/moderations', headers: gw, body: json({ input: ['hello', 'rubric grade this'] }) },
    200,
    undefined,
    true,
  ],
  [
    'moderations, wrong model',
    { path: '/v1/moderations', headers: gw, body: json({ input: 'hi', model: 'nope' }) },
    400,
    'model_not_served',
    true,
  ],
  ['invalid JSON', { headers: gw, body: '{"input": ' }, 400, 'invalid_json', true],
  ['empty body', { headers: gw, body: '' }, 400, 'invalid_request', true],
  ['null body', { headers: gw, body: 'null' }, 400, 'invalid_request', true],
  ['BOM then JSON', { headers: gw, body: '\ufeff' + json({ input: 'hi' }) }, 200, undefined, true],
  ['not UTF-8', { headers: gw, body: Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]) }, 400, 'invalid_utf8', true],
  ['body over limit', { headers: gw, body: json({ input: 'y'.repeat(3000) }) }, 413, 'payload_too_large', true],
  ['too deep JSON', { headers: gw, body: json({ input: 'a', x: JSON.parse(deep(7)) }) }, 400, 'json_too_deep', true],
  ['too many items', { headers: gw, body: json({ input: ['a', 'b', 'c', 'd'] }) }, 413, undefined, true],
  ['prompt too long', { headers: gw, body: json({ input: longPrompt }) }, 413, undefined, true],
  ['missing input', { headers: gw, body: json({ prompt: 'hi' }) }, 400, 'invalid_request', true],
  ['empty prompt', { headers: gw, body: json({ input: '' }) }, 400, 'invalid_request', true],
  [
    'charset=UTF-8',
    { headers: { ...gw, 'content-type': 'application/json; charset=UTF-8' }, body: json({ input: 'hi' }) },
    200,
    undefined,
    true,
  ],
  [
    'charset=latin1',
    { headers: { ...gw, 'content-type': 'application/json; charset=latin1' }, body: json({ input: 'hi' }) },
    415,
    'unsupported_media_type',
    false,
  ],
  [
    'charset=utf-16',
    { headers: { ...gw, 'content-type': 'application/json; charset=utf-16' }, body: json({ input: 'hi' }) },
    415,
    'unsupported_media_type',
    false,
  ],
  [
    'application/*+json',
    { headers: { ...gw, 'content-type': 'application/merge-patch+json' }, body: json({ input: 'hi' }) },
    200,
    undefined,
    false,
  ],
  [
    'wrong content-type',
    { headers: { ...gw, 'content-type': 'text/plain' }, body: json({ input: 'hi' }) },
    415,
    'unsupported_media_type',
    false,
  ],
  [
    'no content-type',
    { headers: bearer(keys.gateway), body: json({ input: 'hi' }) },
    415,
    'unsupported_media_type',
    false,
  ],
  [
    'gzip body',
    { headers: { ...gw, 'content-encoding': 'gzip' }, body: gzipSync(json({ input: 'hi' })) },
    200,
    undefined,
    false,
  ],
  ['chunked body', { headers: gw, chunks: ['{"inp', 'ut": ["a', '", "b"]}'] }, 200, undefined, true],
  ['chunked, invalid JSON', { headers: gw, chunks: ['{"inp', 'ut": '] }, 400, 'invalid_json', true],
  [
    'chunked, over limit',
    { headers: gw, chunks: ['{"input": "', 'z'.repeat(1500), 'z'.repeat(1500), '"}'] },
    413,
    'payload_too_large',
    true,
  ],
  [
    'missing key',
    { headers: { 'content-type': 'application/json' }, body: json({ input: 'hi' }) },
    401,
    'missing_api_key',
    true,
  ],
  [
    'bad key',
    { headers: { ...bearer(randomKey()), 'content-type': 'application/json' }, body: json({ input: 'hi' }) },
    401,
    'invalid_api_key',
    true,
  ],
  [
    'malformed authorization',
    {
      headers: { authorization: 'Basic Zm9vOmJhcg==', 'content-type': 'application/json' },
      body: json({ input: 'hi' }),
    },
    401,
    'missing_api_key',
    true,
  ],
  [
    'x-api-key header',
    { headers: { 'x-api-key': keys.gateway, 'content-type': 'application/json' }, body: json({ input: 'hi' }) },
    200,
    undefined,
    true,
  ],
  [
    'analyst key',
    { headers: { ...bearer(keys.analyst), 'content-type': 'application/json' }, body: json({ input: 'hi' }) },
    403,
    'forbidden',
    true,
  ],
  [
    'admin key',
    { headers: { ...bearer(keys.admin), 'content-type': 'application/json' }, body: json({ input: 'hi' }) },
    200,
    undefined,
    true,
  ],
  [
    'cross-origin write (Origin)',
    { headers: { ...gw, origin: 'http://evil.example' }, body: json({ input: 'hi' }) },
    403,
    'cross_origin_request',
    true,
  ],
  [
    'cross-site (Sec-Fetch-Site)',
    { headers: { ...gw, 'sec-fetch-site': 'cross-site' }, body: json({ input: 'hi' }) },
    403,
    'cross_origin_request',
    true,
  ],
  [
    'incoming request id honoured',
    { headers: { ...gw, 'x-request-id': 'abc-123.x:y' }, body: json({ input: 'hi' }) },
    200,
    undefined,
    true,
  ],
  [
    'bad incoming request id replaced',
    { headers: { ...gw, 'x-request-id': 'has space' }, body: json({ input: 'hi' }) },
    200,
    undefined,
    true,
  ],
  ['GET (405)', { method: 'GET', headers: bearer(keys.gateway) }, 405, 'method_not_allowed', false],
  ['PUT (405)', { method: 'PUT', headers: gw, body: json({ input: 'hi' }) }, 405, 'method_not_allowed', false],
  ['HEAD (405)', { method: 'HEAD', headers: bearer(keys.gateway) }, 405, undefined, false],
  ['trailing slash', { path: '/v1/classify/', headers: gw, body: json({ input: 'hi' }) }, 200, undefined, false],
  ['double slash', { path: '/v1//classify', headers: gw, body: json({ input: 'hi' }) }, 404, 'not_found', false],
  ['%2F', { path: '/v1%2Fclassify', headers: gw, body: json({ input: 'hi' }) }, 404, 'not_found', false],
  ['upper case', { path: '/V1/Classify', headers: gw, body: json({ input: 'hi' }) }, 200, undefined, false],
  ['bad encoding', { path: '/v1/classify%FF', headers: gw, body: json({ input: 'hi' }) }, 404, 'not_found', false],
  ['query string', { path: '/v1/classify?a=1&b=%FF', headers: gw, body: json({ input: 'hi' }) }, 200, undefined, true],
];

beforeAll(async () => {
  redis = await connect();
  prefix = uniquePrefix('fastpath');
});

afterAll(async () => {
  for (const p of pairs) {
    await p.fast.server.close(1000);
    await p.slow.server.close(1000);
    p.fast.keyStore.close();
    p.slow.keyStore.close();
  }
  await cleanup(redis, prefix);
  await redis.quit();
});

/** The access-log lines of a side, without what differs between runs. */
const accessLines = (side: Side) =>
  side.logs
    .filter((l) => l.msg === 'request' || l.msg === 'request failed')
    .map((l) => {
      const { time: _t, pid: _p, hostname: _h, requestId: _r, durationMs, ...rest } = l;
      expect(typeof durationMs).toBe('number');
      return rest;
    });

/** The counted series of the HTTP metrics (sums and buckets are timings). */
const countedMetrics = async (side: Side) =>
  (await side.metrics.registry.metrics())
    .split('\n')
    .filter((l) =>
      /^distill_guard_(http_request_duration_seconds_count|http_errors_total|auth_failures_total|rate_limited_total)\{/.test(
        l,
      ),
    )
    .sort();

describe('fast path parity (keys configured)', () => {
  it('every request of the matrix gets the same answer, access-log line and metrics both ways', async () => {
    const pair = await startPair({ DISTILL_GUARD_API_KEYS: keys.list });
    const rows: string[] = [];
    for (const [name, req, status, code, fast] of keyedCases()) {
      const { answer, servedFast } = await both(pair, req);
      rows.push(`${name}: ${answer.status} ${servedFast ? 'fast' : 'express'}`);
      expect(answer.status, name).toBe(status);
      if (code !== undefined)
        expect((JSON.parse(answer.text) as { error: { code: string } }).error.code, name).toBe(code);
      if (req.method !== 'HEAD')
        expect(servedFast, `${name} served by ${servedFast ? 'fast path' : 'express'}`).toBe(fast);
    }
    expect(rows.length).toBe(keyedCases().length);
    expect(answerLines(pair)).toBeGreaterThan(0);
    expect(accessLines(pair.fast)).toEqual(accessLines(pair.slow));
    const counted = await countedMetrics(pair.fast);
    expect(counted.some((l) => l.includes('route="/v1/classify"'))).toBe(true);
    expect(counted.some((l) => l.includes('code="invalid_json"'))).toBe(true);
    expect(counted).toEqual(await countedMetrics(pair.slow));
  });

  it('draining: Connection: close on fast-path answers too', async () => {
    const pair = pairs[0]!;
    pair.fast.state.draining = true;
    pair.slow.state.draining = true;
    try {
      const { answer, servedFast } = await both(pair, { headers: gw, body: json({ input: 'hi' }) });
      expect(servedFast).toBe(true);
      expect(answer.headers.connection).toBe('close');
      const bad = await both(pair, { headers: gw, body: '{' });
      expect(bad.servedFast).toBe(true);
      expect(bad.answer.headers.connection).toBe('close');
    } finally {
      pair.fast.state.draining = false;
      pair.slow.state.draining = false;
    }
  });
});

const answerLines = (pair: Pair) => accessLines(pair.fast).length;

describe('fast path parity (limits)', () => {
  it('rate limit and auth-failure limit answer the same sequence', async () => {
    const pair = await startPair({
      DISTILL_GUARD_API_KEYS: keys.list,
      RATE_LIMIT_GATEWAY_RPS: '1',
      AUTH_FAILURES_PER_MIN: '2',
    });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const { answer, servedFast } = await both(pair, { headers: gw, body: json({ input: 'hi' }) });
      expect(servedFast).toBe(true);
      statuses.push(answer.status);
    }
    expect(statuses.slice(0, 2)).toEqual([200, 200]);
    expect(statuses[3]).toBe(429);
    const bad = {
      headers: { ...bearer(randomKey()), 'content-type': 'application/json' },
      body: json({ input: 'hi' }),
    };
    const codes: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { answer } = await both(pair, bad);
      codes.push((JSON.parse(answer.text) as { error: { code: string } }).error.code);
      if (i === 2) expect(answer.headers['retry-after']).toBeDefined();
    }
    expect(codes).toEqual(['invalid_api_key', 'invalid_api_key', 'too_many_auth_failures']);
    expect(accessLines(pair.fast)).toEqual(accessLines(pair.slow));
    expect(await countedMetrics(pair.fast)).toEqual(await countedMetrics(pair.slow));
  });
});

describe('fast path parity (no keys: loopback only)', () => {
  it('anonymous on a loopback Host, 403 on another, and the form-type guard without a key', async () => {
    const pair = await startPair({});
    const cases: Case[] = [
      [
        'loopback host',
        { headers: { 'content-type': 'application/json' }, body: json({ input: 'hi' }) },
        200,
        undefined,
        true,
      ],
      [
        'non-loopback host',
        { headers: { host: 'evil.example', 'content-type': 'application/json' }, body: json({ input: 'hi' }) },
        403,
        'host_not_allowed',
        true,
      ],
      [
        'localhost with port',
        { headers: { host: 'localhost:9', 'content-type': 'application/json' }, body: json({ input: 'hi' }) },
        200,
        undefined,
        true,
      ],
      [
        'text/plain without a key',
        { headers: { 'content-type': 'text/plain' }, body: json({ input: 'hi' }) },
        415,
        'unsupported_media_type',
        false,
      ],
      [
        'cross-origin',
        { headers: { 'content-type': 'application/json', origin: 'http://evil.example' }, body: json({ input: 'hi' }) },
        403,
        'cross_origin_request',
        true,
      ],
    ];
    for (const [name, req, status, code, fast] of cases) {
      const { answer, servedFast } = await both(pair, req);
      expect(answer.status, name).toBe(status);
      if (code !== undefined)
        expect((JSON.parse(answer.text) as { error: { code: string } }).error.code, name).toBe(code);
      expect(servedFast, name).toBe(fast);
    }
    expect(accessLines(pair.fast)).toEqual(accessLines(pair.slow));
    expect(await countedMetrics(pair.fast)).toEqual(await countedMetrics(pair.slow));
  });
});
