/**
 * The analyst dashboard end to end: the service as `serve` runs it (real Redis, the shipped prompt
 * and account models, the in-process worker, API keys), simulated traffic sent through
 * `POST /v1/events`, and the pages driven in headless Chromium. Screenshots go to a temporary
 * directory, or to docs/screenshots/ with UPDATE_SCREENSHOTS=1 (`npm run screenshots`).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { Redis } from 'ioredis';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../src/env.js';
import { simulate, type SimEvent } from '../src/features/simulate/simulate.js';
import { createLogger } from '../src/logger.js';
import { disposeModels, loadClassifier, releaseClassifier } from '../src/models/registry.js';
import { createAccountPipeline, createRescoreApi } from '../src/queues/processes/api.js';
import { startRescoreWorker } from '../src/queues/processes/rescore-worker.js';
import { combineWorkers } from '../src/queues/processes/types.js';
import { startWorker } from '../src/queues/processes/worker.js';
import { startService, type RunningService } from '../src/service.js';
import { packageRoot } from '../src/util/package-root.js';
import { cleanup, connect, REDIS_URL, uniquePrefix } from './helpers/accounts.js';
import { launchChromium, waitForView, type PageGlobals } from './helpers/dashboard.js';

const SHOTS =
  process.env.UPDATE_SCREENSHOTS === '1'
    ? path.join(packageRoot(), 'docs', 'screenshots')
    : path.join(os.tmpdir(), 'distill-guard-screenshots');
const keys = {
  gateway: `gw-${randomBytes(12).toString('hex')}`,
  analyst: `an-${randomBytes(12).toString('hex')}`,
  admin: `ad-${randomBytes(12).toString('hex')}`,
};

let redis: Redis;
let prefix: string;
let tmp: string;
let service: RunningService;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let events: SimEvent[];
const logLines: string[] = [];
const pageUrls: string[] = [];
const pageProblems: string[] = [];

async function call(
  method: string,
  url: string,
  key: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${service.url}${url}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: await res.json() };
}

async function waitFor<T>(probe: () => Promise<T | undefined>, ms: number, what: string): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  redis = await connect();
  prefix = uniquePrefix('dash');
  tmp = await mkdtemp(path.join(os.tmpdir(), 'dg-dash-'));
  await mkdir(SHOTS, { recursive: true });
  const env = loadEnv({
    REDIS_URL,
    ACCOUNT_PREFIX: prefix,
    ACCOUNT_DEBOUNCE_MS: '200',
    SPOOL_DIR: path.join(tmp, 'spool'),
    DATA_DIR: path.join(tmp, 'data'),
    LOG_LEVEL: 'info',
    DISTILL_GUARD_API_KEYS: `gateway:${keys.gateway},analyst:${keys.analyst},admin:${keys.admin}`,
  });
  const logSink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logLines.push(chunk.toString('utf8'));
      done();
    },
  });
  service = await startService({
    env,
    logger: createLogger('info', logSink),
    loadClassifier,
    disposeModels,
    releaseClassifier,
    accountPipeline: createAccountPipeline,
    rescoreApi: createRescoreApi,
    startWorker: combineWorkers(startWorker, startRescoreWorker),
    port: 0,
  });

  // One day of mixed traffic ending now: legitimate users, students, one shared-infrastructure
  // campaign and a lone mixer, labelled by the shipped prompt model inside POST /v1/events.
  const simOpts = {
    seed: 11,
    accounts: 24,
    days: 1,
    start: Date.now() - 86_400_000,
    families: ['individual', 'student', 'campaign_shared', 'lone_mixer'],
  } as const;
  events = simulate({ ...simOpts, labels: false }).events;
  // The same traffic with the simulator's labels, as a history file for a rescore job.
  await mkdir(path.join(tmp, 'data'), { recursive: true });
  await writeFile(
    path.join(tmp, 'data', 'history.jsonl'),
    simulate({ ...simOpts, labels: true })
      .events.map((e) => JSON.stringify(e))
      .join('\n') + '\n',
  );
  const batches: SimEvent[][] = [];
  for (let i = 0; i < events.length; i += 100) batches.push(events.slice(i, i + 100));
  let next = 0;
  await Promise.all(
    Array.from({ length: 3 }, async () => {
      while (next < batches.length) {
        const batch = batches[next++]!;
        const res = await call('POST', '/v1/events', keys.gateway, { events: batch });
        if (res.status !== 200) throw new Error(`POST /v1/events answered ${res.status}: ${JSON.stringify(res.body)}`);
      }
    }),
  );
  const accounts = new Set(events.map((e) => e.account_id)).size;
  await waitFor(
    async () => {
      const res = await call('GET', '/v1/accounts?limit=1000', keys.analyst);
      const list = (res.body as { accounts: { requests: number }[] }).accounts;
      const requests = list.reduce((a, x) => a + x.requests, 0);
      return list.length === accounts && requests === events.length ? true : undefined;
    },
    60_000,
    'every simulated account to be scored',
  );

  // A cluster pass now (instead of waiting for the scheduled one), then the members' recompute.
  const run = await call('POST', '/v1/clusters/run', keys.admin);
  if (run.status !== 202) throw new Error(`POST /v1/clusters/run answered ${run.status}: ${JSON.stringify(run.body)}`);
  const clustered = await waitFor(
    async () => {
      const list = (await call('GET', '/v1/clusters?limit=50', keys.analyst)).body as {
        clusters: { cluster_id: string; members: string[] }[];
      };
      return list.clusters.length > 0 ? list.clusters : undefined;
    },
    60_000,
    'a cluster pass to find a cluster',
  );
  await waitFor(
    async () => {
      const member = clustered[0]!.members[0]!;
      const v = (await call('GET', `/v1/accounts/${encodeURIComponent(member)}`, keys.analyst)).body as {
        cluster_id: string | null;
      };
      return v.cluster_id !== null ? true : undefined;
    },
    60_000,
    'cluster members to be re-scored with their cluster',
  );

  // Identifier sharing counts follow the cluster pass (a census the first account read starts).
  await waitFor(
    async () => {
      const member = clustered[0]!.members[0]!;
      const ids = (await call('GET', `/v1/dashboard/accounts/${encodeURIComponent(member)}/identifiers`, keys.analyst))
        .body as {
        identifiers: { other_accounts: number | null }[];
      };
      return ids.identifiers.length > 0 && ids.identifiers.every((i) => i.other_accounts !== null) ? true : undefined;
    },
    60_000,
    'identifier sharing counts after the cluster pass',
  );

  await mkdir(SHOTS, { recursive: true });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  page.on('request', (r) => pageUrls.push(r.url()));
  page.on('pageerror', (err) => pageProblems.push(`page error: ${err.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content.Security.Policy|Refused to/i.test(m.text()))
      pageProblems.push(`CSP: ${m.text()}`);
  });
}, 300_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await service?.stop();
  if (redis !== undefined) {
    await cleanup(redis, prefix);
    await redis.quit();
  }
  if (tmp !== undefined) await rm(tmp, { recursive: true, force: true });
});

describe('analyst dashboard in headless Chromium', () => {
  let topAccount = '';

  it('asks for the analyst key, then shows the overview with the top flagged accounts', async () => {
    await page.goto(`${service.url}/dashboard/`);
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).document.body.dataset.ready === 'error');
    expect(await page.locator('#notice').textContent()).toContain('analyst API key');

    await page.fill('#api-key', keys.analyst);
    await page.click('#key-form button[type=submit]');
    await waitForView(page, 'overview');
    const rows = page.locator('#top-accounts tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    topAccount = (await page.locator('#top-accounts tbody tr:first-child a.account-link').textContent()) ?? '';
    const api = (await call('GET', '/v1/accounts?limit=1', keys.analyst)).body as {
      accounts: { account_id: string; level: string }[];
    };
    expect(topAccount).toBe(api.accounts[0]!.account_id);
    // Queue health lists the pipeline's queues with their workers attached.
    const queueText = (await page.locator('#queue-health').textContent()) ?? '';
    expect(queueText).toContain('account-events');
    expect(queueText).toContain('account-score');
    await page.screenshot({ path: path.join(SHOTS, 'overview.png'), fullPage: true });
  });

  it('opens the top account: factors, timeline chart, samples', async () => {
    await page.click('#top-accounts tbody tr:first-child a.account-link');
    await waitForView(page, 'account');
    expect(await page.locator('h1.account-id').textContent()).toBe(topAccount);
    const view = (await call('GET', `/v1/accounts/${encodeURIComponent(topAccount)}`, keys.analyst)).body as {
      top_factors: { factor: string }[];
      likelihood: number;
    };
    expect(await page.locator('#factors tbody tr').count()).toBe(view.top_factors.length);
    expect(view.top_factors.length).toBeGreaterThan(0);
    expect(await page.locator('#factors tbody tr:first-child code').textContent()).toBe(view.top_factors[0]!.factor);
    // The hourly chart draws one bar segment per (hour, label) with traffic.
    const timeline = (
      await call('GET', `/v1/dashboard/accounts/${encodeURIComponent(topAccount)}/timeline`, keys.analyst)
    ).body as {
      hours: Record<string, number>[];
    };
    const segments = timeline.hours.reduce(
      (a, hr) =>
        a +
        ['reasoning_trace_extraction', 'rubric_grading', 'censorship_rewrite', 'benign'].filter((l) => (hr[l] ?? 0) > 0)
          .length,
      0,
    );
    expect(segments).toBeGreaterThan(0);
    expect(await page.locator('#timeline svg rect').count()).toBe(segments);
    // Identifiers with the number of other accounts sharing each.
    const ids = (
      await call('GET', `/v1/dashboard/accounts/${encodeURIComponent(topAccount)}/identifiers`, keys.analyst)
    ).body as {
      identifiers: { value: string; other_accounts: number | null }[];
    };
    expect(ids.identifiers.length).toBeGreaterThan(0);
    expect(await page.locator('#identifiers tbody tr').count()).toBe(ids.identifiers.length);
    const first = page.locator('#identifiers tbody tr:first-child td');
    expect(await first.nth(1).textContent()).toBe(ids.identifiers[0]!.value);
    expect(await first.nth(3).textContent()).toBe(String(ids.identifiers[0]!.other_accounts));
    await page.screenshot({ path: path.join(SHOTS, 'account.png'), fullPage: true });
  });

  it("follows the account's cluster: members, evidence, graph and heat map", async () => {
    const clusterId = await page.locator('#cluster-link').textContent();
    expect(clusterId).toMatch(/^cl_[0-9a-f]{16}$/);
    await page.click('#cluster-link');
    await waitForView(page, 'cluster');
    const cluster = (await call('GET', `/v1/clusters/${clusterId}`, keys.analyst)).body as {
      members: string[];
      evidence: unknown[];
      size: number;
      link: { signals: unknown[] };
      pooled: { attack_requests: number; requests: number };
    };
    expect(cluster.members).toContain(topAccount);
    expect(await page.locator('#link-signals tbody tr').count()).toBe(cluster.link.signals.length);
    expect(await page.locator('#link-pooled').textContent()).toContain(
      `Pooled evidence: ${cluster.pooled.attack_requests.toLocaleString('en-US')} of ${cluster.pooled.requests.toLocaleString('en-US')}`,
    );
    expect(await page.locator('#members tbody tr').count()).toBe(cluster.size);
    expect(await page.locator('#evidence tbody tr').count()).toBe(cluster.evidence.length);
    expect(await page.locator('#cluster-graph circle.member').count()).toBe(cluster.size);
    // One heat-map row label per member in the hourly map.
    const hourly = page.locator('#heatmap svg').first();
    expect(await hourly.locator('text').count()).toBeGreaterThanOrEqual(cluster.size);
    expect(await hourly.locator('rect').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SHOTS, 'cluster.png'), fullPage: true });
    // Back to the account through its row in the members table.
    await page.click(`#members a.member-link:text-is("${topAccount}")`);
    await waitForView(page, 'account');
  });

  it('records a verdict from the account page and shows it stored', async () => {
    const note = 'Lockstep templated extraction with the campaign';
    await page.fill('#verdict-note', note);
    await page.click('#confirm-attacker');
    await page.waitForFunction(() =>
      /confirmed attacker/.test(
        (globalThis as unknown as PageGlobals).document.querySelector('#verdict-current')?.textContent ?? '',
      ),
    );
    const stored = (await call('GET', `/v1/accounts/${encodeURIComponent(topAccount)}/verdicts`, keys.analyst))
      .body as {
      latest: { verdict: string; note: string | null } | null;
    };
    expect(stored.latest).toMatchObject({ verdict: 'confirmed_attacker', note });
    expect(await page.locator('#verdict-current').textContent()).toContain(note);
  });

  it('starts a rescore job from an uploaded file, follows it to completion and downloads its accounts', async () => {
    await page.goto(`${service.url}/dashboard/#/jobs`);
    await waitForView(page, 'jobs');
    await page.setInputFiles('#rescore-file', path.join(tmp, 'data', 'history.jsonl'));
    await page.click('#rescore-form button[type=submit]');
    await page.waitForSelector('#jobs .job .badge.state-completed', { timeout: 120_000 });
    const jobId = await page.locator('#jobs .job').first().getAttribute('data-job');
    const status = (await call('GET', `/v1/jobs/${jobId}`, keys.analyst)).body as {
      state: string;
      summary: { accounts: number; events: number };
    };
    expect(status.state).toBe('completed');
    expect(status.summary.events).toBe(events.length);
    expect(status.summary.accounts).toBe(new Set(events.map((e) => e.account_id)).size);
    expect(await page.locator('#jobs .job').first().textContent()).toContain(`${status.summary.accounts} accounts`);
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.click(`#jobs .job[data-job="${jobId}"] button.download`),
    ]);
    const saved = await readFile((await file.path())!, 'utf8');
    expect(saved.trim().split('\n')).toHaveLength(status.summary.accounts);
    await page.screenshot({ path: path.join(SHOTS, 'jobs.png'), fullPage: true });
  });

  it('starts a rescore job from a file already in the data directory', async () => {
    await page.goto(`${service.url}/dashboard/#/jobs`);
    await waitForView(page, 'jobs');
    const before = await page.locator('#jobs .job').count();
    await page.fill('#rescore-input', 'history.jsonl');
    await page.click('#rescore-form button[type=submit]');
    await expect.poll(() => page.locator('#jobs .job').count(), { timeout: 15_000 }).toBe(before + 1);
    await page.waitForSelector('#jobs .job:first-child .badge.state-completed', { timeout: 120_000 });
    await page.fill('#rescore-input', '/etc/passwd');
    await page.click('#rescore-form button[type=submit]');
    await page.waitForFunction(() =>
      /path_outside_data_dir/.test(
        (globalThis as unknown as PageGlobals).document.querySelector('#rescore-status')?.textContent ?? '',
      ),
    );
  });

  it('fits a narrow laptop width (900 px) without horizontal scrolling', async () => {
    await page.setViewportSize({ width: 900, height: 800 });
    for (const [hash, view, shot] of [
      ['#/', 'overview', 'overview-narrow.png'],
      [`#/account/${encodeURIComponent(topAccount)}`, 'account', 'account-narrow.png'],
    ] as const) {
      await page.goto(`${service.url}/dashboard/${hash}`);
      await waitForView(page, view);
      const widths = await page.evaluate(() => {
        const { document } = globalThis as unknown as PageGlobals;
        return { scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth };
      });
      expect(widths.scroll).toBeLessThanOrEqual(widths.client);
      await page.screenshot({ path: path.join(SHOTS, shot), fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('shows the BullMQ queue view to an admin key (HTTP Basic) and refuses the analyst key', async () => {
    const denied = await browser.newContext({ httpCredentials: { username: 'analyst', password: keys.analyst } });
    const deniedPage = await denied.newPage();
    expect((await deniedPage.goto(`${service.url}/admin/queues`))?.status()).toBe(403);
    await denied.close();
    const admin = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      httpCredentials: { username: 'admin', password: keys.admin },
    });
    const adminPage = await admin.newPage();
    const violations: string[] = [];
    adminPage.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    const queuesPage = await adminPage.goto(`${service.url}/admin/queues`);
    expect(queuesPage?.status()).toBe(200);
    expect(queuesPage?.headers()['x-frame-options']).toBe('DENY');
    await adminPage.getByText('account-events').first().waitFor({ timeout: 15_000 });
    await adminPage
      .getByText('Loading...')
      .waitFor({ state: 'detached', timeout: 15_000 })
      .catch(() => undefined);
    await adminPage.waitForLoadState('networkidle');
    // bull-board runs under the view's CSP; the only thing it refuses is bull-board's external web font.
    expect(violations.filter((v) => !v.includes('fonts.googleapis.com'))).toEqual([]);
    await adminPage.screenshot({ path: path.join(SHOTS, 'queues.png') });
    await admin.close();
  });

  it('never put prompt text or notes in a URL or a log line, and broke no Content-Security-Policy rule', () => {
    expect(pageProblems).toEqual([]);
    const needles = [...new Set(events.map((e) => e.prompt.slice(0, 32)).filter((p) => p.length >= 16))];
    needles.push('Lockstep templated extraction');
    const urls = pageUrls.map((u) => decodeURIComponent(u));
    const logs = logLines.join('');
    expect(logLines.length).toBeGreaterThan(0);
    for (const needle of needles) {
      expect(urls.some((u) => u.includes(needle))).toBe(false);
      expect(logs.includes(needle)).toBe(false);
      expect(logs.includes(JSON.stringify(needle).slice(1, -1))).toBe(false);
    }
  });
});
