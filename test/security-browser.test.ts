/**
 * Attacks that come through a browser or a guessing client, over real HTTP on real Redis:
 * DNS rebinding and cross-site requests against the service running without keys (open mode),
 * and guessing keys against the service with keys (failed authentications limited per address).
 */
import { once } from 'node:events';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { QueueName } from '../src/queues/definitions.js';
import { cleanup, connect, keywordClassifier, REDIS_URL, uniquePrefix } from './helpers/accounts.js';
import { CHROMIUM, waitForView } from './helpers/dashboard.js';
import { bearer, makeKeys, randomKey, startTestService, type TestService } from './helpers/reliability.js';
import { bullPrefix } from '../src/redis/bull-prefix.js';

const CLUSTER_QUEUE = QueueName.Clusters;

const logger = createLogger('silent');
let redis: Redis;

beforeAll(async () => {
  redis = await connect();
});

afterAll(async () => {
  await redis.quit();
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  code: string | undefined;
}

/** One request with exactly these headers (`Host` included), as a browser or a rebinding page would send it. */
function raw(
  base: string,
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: string | Buffer,
): Promise<Answer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, method, path: url, headers, setHost: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        let code: string | undefined;
        try {
          code = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { error?: { code?: string } }).error?.code;
        } catch {
          code = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, code });
      });
    });
    req.on('error', reject);
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

describe('open mode (no keys): DNS rebinding and cross-site requests', () => {
  let service: TestService;
  let prefix: string;
  let dataDir: string;
  let host: string;
  let origin: string;

  beforeAll(async () => {
    prefix = uniquePrefix('open');
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'dg-open-data-'));
    service = await startTestService({
      redisUrl: REDIS_URL,
      redis,
      prefix,
      classifier: keywordClassifier,
      logger,
      rescore: true,
      env: { DATA_DIR: dataDir },
    });
    const url = new URL(service.server.url);
    host = url.host;
    origin = url.origin;
  });

  afterAll(async () => {
    await service.close();
    await cleanup(redis, prefix);
    await rm(dataDir, { recursive: true, force: true });
  });

  const jobsInDataDir = async () => (await readdir(path.join(dataDir, 'rescore')).catch(() => [])).length;
  const clusterJobs = async () => {
    const q = new Queue(CLUSTER_QUEUE, { connection: redis, prefix: bullPrefix(prefix) });
    try {
      return await q.getJobCountByTypes('waiting', 'delayed', 'active', 'completed', 'failed', 'prioritized');
    } finally {
      await q.close();
    }
  };

  it('serves only Host values that name loopback', async () => {
    const port = new URL(service.server.url).port;
    for (const foreign of ['evil.example', `evil.example:${port}`, `10.0.0.5:${port}`, 'localhost.evil.example']) {
      for (const url of ['/v1/accounts', '/healthz', '/dashboard/', '/admin/queues', '/openapi.json']) {
        const res = await raw(service.server.url, 'GET', url, { host: foreign });
        expect(res.status, `${foreign} ${url}`).toBe(403);
        expect(res.code, `${foreign} ${url}`).toBe('host_not_allowed');
      }
    }
    for (const loopback of [host, `localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, 'localhost']) {
      const res = await raw(service.server.url, 'GET', '/v1/accounts', { host: loopback });
      expect(res.status, loopback).toBe(200);
    }
  });

  it('refuses a cross-site text/plain upload and a form POST, and creates no job', async () => {
    const upload = await raw(
      service.server.url,
      'POST',
      '/v1/rescore/upload',
      { host, 'content-type': 'text/plain', origin: 'https://evil.example' },
      '{"request_id":"r","account_id":"a"}\n',
    );
    expect(upload.status).toBe(403);
    expect(upload.code).toBe('cross_origin_request');
    // The same without Origin (an old browser, or Origin stripped): a text/plain body without a key is refused.
    const plain = await raw(
      service.server.url,
      'POST',
      '/v1/rescore/upload',
      { host, 'content-type': 'text/plain' },
      '{"request_id":"r","account_id":"a"}\n',
    );
    expect(plain.status).toBe(415);
    const form = await raw(service.server.url, 'POST', '/v1/clusters/run', {
      host,
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': '0',
      origin: 'https://evil.example',
      'sec-fetch-site': 'cross-site',
    });
    expect(form.status).toBe(403);
    const formNoOrigin = await raw(service.server.url, 'POST', '/v1/clusters/run', {
      host,
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': '0',
    });
    expect(formNoOrigin.status).toBe(415);
    const json = await raw(
      service.server.url,
      'POST',
      '/v1/rescore',
      { host, 'content-type': 'application/json', origin: 'null' },
      '{"input_path":"x.jsonl"}',
    );
    expect(json.status).toBe(403);
    const sameSite = await raw(
      service.server.url,
      'POST',
      '/v1/clusters/run',
      { host, 'sec-fetch-site': 'same-site', 'content-length': '0' },
      '',
    );
    expect(sameSite.status).toBe(403);
    expect(await jobsInDataDir()).toBe(0);
    expect(await clusterJobs()).toBe(0);
    expect((await redis.keys(`${prefix}:rescore:run:*`)).length).toBe(0);
  });

  it("the dashboard's own same-origin requests keep working: its upload, JSON calls and bodiless POSTs", async () => {
    const upload = await raw(
      service.server.url,
      'POST',
      '/v1/rescore/upload',
      { host, 'content-type': 'application/octet-stream', origin, 'sec-fetch-site': 'same-origin' },
      `${JSON.stringify({
        request_id: 'r1',
        account_id: 'a1',
        timestamp: new Date().toISOString(),
        prompt: 'hello',
        metadata: { ip: '1.2.3.4', payment_fingerprint: 'f', user_agent: 'u' },
      })}\n`,
    );
    expect(upload.status).toBe(202);
    const activity = await raw(
      service.server.url,
      'POST',
      '/v1/dashboard/activity',
      { host, 'content-type': 'application/json', origin, 'sec-fetch-site': 'same-origin' },
      '{"account_ids":["a1"]}',
    );
    expect(activity.status).toBe(200);
    const run = await raw(service.server.url, 'POST', '/v1/clusters/run', {
      host,
      origin,
      'sec-fetch-site': 'same-origin',
      'content-length': '0',
    });
    expect(run.status).toBe(202);
    // A client that is not a browser (no Origin) with a JSON body, as before.
    const curl = await raw(
      service.server.url,
      'POST',
      '/v1/dashboard/activity',
      { host, 'content-type': 'application/json' },
      '{"account_ids":["a1"]}',
    );
    expect(curl.status).toBe(200);
  });

  it('in Chromium: the dashboard uploads from its own origin; a page of another origin, or one reached by DNS rebinding, gets nothing done', async () => {
    const port = new URL(service.server.url).port;
    // A second site on this machine: the attacker's page, on another port (another origin).
    const attack = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end(`<!doctype html><body><form id="f" method="POST" action="${service.server.url}/v1/clusters/run"></form>
<script>
window.results = [];
const hit = (url, init) => fetch(url, init).then(() => 'sent', (e) => 'blocked ' + e.message);
Promise.all([
  hit('${service.server.url}/v1/rescore/upload', { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: '{"a":1}\\n' }),
  hit('http://rebound.example:${port}/v1/rescore/upload', { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: '{"a":1}\\n' }),
]).then((r) => { window.results = r; });
</script></body>`);
    });
    attack.listen(0, '127.0.0.1');
    await once(attack, 'listening');
    const attackPort = (attack.address() as AddressInfo).port;
    // rebound.example resolves to 127.0.0.1, as a rebinding attacker's name would.
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--host-resolver-rules=MAP rebound.example 127.0.0.1'],
    });
    const seen: { url: string; status: number }[] = [];
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      page.on('response', (r) => seen.push({ url: r.url(), status: r.status() }));
      // The dashboard, open mode, no key: its upload (application/octet-stream, same origin) is accepted.
      const before = await jobsInDataDir();
      await page.goto(`${service.server.url}/dashboard/#/jobs`);
      await waitForView(page, 'jobs');
      const history = path.join(dataDir, 'upload-me.jsonl');
      await writeFile(
        history,
        `${JSON.stringify({ request_id: 'b1', account_id: 'a', timestamp: new Date().toISOString(), prompt: 'hi', metadata: { ip: '1', payment_fingerprint: 'f', user_agent: 'u' } })}\n`,
      );
      const uploaded = page.waitForResponse((r) => r.url().endsWith('/v1/rescore/upload'));
      await page.setInputFiles('#rescore-file', history);
      await page.click('#rescore-form button[type=submit]');
      expect((await uploaded).status()).toBe(202);
      expect(await jobsInDataDir()).toBe(before + 1);
      // The same service under a rebound name serves nothing.
      const rebound = await page.goto(`http://rebound.example:${port}/dashboard/`);
      expect(rebound?.status()).toBe(403);
      // The attacker's page: cross-site fetches (sent: a no-cors request gets no readable answer), then a form POST.
      const clustersBefore = await clusterJobs();
      await page.goto(`http://127.0.0.1:${attackPort}/`);
      await page.waitForFunction(() => (globalThis as unknown as { results: string[] }).results.length === 2);
      expect(await page.evaluate(() => (globalThis as unknown as { results: string[] }).results)).toEqual([
        'sent',
        'sent',
      ]);
      const formDone = page.waitForResponse((r) => r.url().endsWith('/v1/clusters/run'));
      await page.evaluate(() =>
        (globalThis as unknown as { document: { getElementById(id: string): { submit(): void } } }).document
          .getElementById('f')
          .submit(),
      );
      expect((await formDone).status()).toBe(403);
      expect(await jobsInDataDir()).toBe(before + 1);
      expect(await clusterJobs()).toBe(clustersBefore);
      await context.close();
    } finally {
      await browser.close();
      attack.close();
    }
    // Both cross-site uploads reached the service and were refused there (the browser did not stop them).
    expect(seen.filter((r) => r.url.endsWith('/v1/rescore/upload')).map((r) => r.status)).toEqual([202, 403, 403]);
  });

  it('the queue view: CSP, X-Frame-Options and no cross-site job', async () => {
    const page = await raw(service.server.url, 'GET', '/admin/queues', { host });
    expect(page.status).toBe(200);
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(String(page.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    const before = await clusterJobs();
    const add = await raw(
      service.server.url,
      'POST',
      `/admin/queues/api/queues/${CLUSTER_QUEUE}/add`,
      { host, 'content-type': 'text/plain', origin: 'https://evil.example' },
      JSON.stringify({ name: 'csrf', data: {} }),
    );
    expect(add.status).toBe(403);
    const addNoOrigin = await raw(
      service.server.url,
      'POST',
      `/admin/queues/api/queues/${CLUSTER_QUEUE}/add`,
      { host, 'content-type': 'text/plain' },
      JSON.stringify({ name: 'csrf', data: {} }),
    );
    expect(addNoOrigin.status).toBe(415);
    expect(await clusterJobs()).toBe(before);
  });
});

describe('failed authentications (keys configured)', () => {
  const keys = makeKeys();
  let service: TestService;
  let prefix: string;

  beforeAll(async () => {
    prefix = uniquePrefix('authfail');
    service = await startTestService({
      redisUrl: REDIS_URL,
      redis,
      prefix,
      classifier: keywordClassifier,
      logger,
      env: { DISTILL_GUARD_API_KEYS: keys.list, AUTH_FAILURES_PER_MIN: '5', RATE_LIMIT_ANALYST_RPS: '0' },
    });
  });

  afterAll(async () => {
    await service.close();
    await cleanup(redis, prefix);
  });

  it('are limited per source address: past the limit no key is checked (429 with Retry-After)', async () => {
    const get = (headers: Record<string, string>) =>
      fetch(`${service.server.url}/v1/accounts`, { headers }).then(async (r) => ({
        status: r.status,
        retryAfter: r.headers.get('retry-after'),
        code: ((await r.json()) as { error?: { code?: string } }).error?.code,
      }));
    // A request without a key is not a guess: never counted.
    for (let i = 0; i < 8; i++) expect((await get({})).status).toBe(401);
    expect((await get(bearer(keys.analyst))).status).toBe(200);
    for (let i = 0; i < 5; i++) {
      const res = await get(bearer(randomKey()));
      expect(res.status).toBe(401);
      expect(res.code).toBe('invalid_api_key');
    }
    const limited = await get(bearer(randomKey()));
    expect(limited.status).toBe(429);
    expect(limited.code).toBe('too_many_auth_failures');
    expect(Number(limited.retryAfter)).toBeGreaterThanOrEqual(1);
    // While limited, even the right key is not checked: guessing gets no answer either way.
    const right = await get(bearer(keys.analyst));
    expect(right.status).toBe(429);
    // Basic credentials at the queue view count against the same address.
    const basic = await fetch(`${service.server.url}/admin/queues/api/queues`, {
      headers: { authorization: `Basic ${Buffer.from(`admin:${randomKey()}`).toString('base64')}` },
    });
    expect(basic.status).toBe(429);
    const metrics = await (await fetch(`${service.server.url}/metrics`)).text();
    expect(metrics).toMatch(/distill_guard_auth_failures_total\{reason="too_many_auth_failures"\} [1-9]/);
  });
});
