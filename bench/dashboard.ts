/**
 * Dashboard page load with many accounts in Redis: seeds N accounts through the account aggregates
 * (the same Lua updates the worker runs) and the account graph's day counters, scores them with the shipped account model, then
 * loads the overview and the top account's page in headless Chromium, from navigation start to
 * the page's "rendered" mark (all API calls answered and drawn). The same pages against an empty
 * account prefix in the same run give the baseline ratio. Prints JSON.
 *
 *   npx tsx bench/dashboard.ts [--accounts 10000] [--loads 20] [--cold 5]
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import type { Browser } from 'playwright-core';
import type { AccountEventJob } from '../src/contracts/events.js';
import { DEFAULT_MODELS_DIR, loadEnv } from '../src/env.js';
import { loadAccountModel } from '../src/features/aggregate/account-model.js';
import { AccountScores } from '../src/features/aggregate/account-scores.js';
import { AccountAggregates } from '../src/features/aggregate/account-aggregates.js';
import { promptSignals } from '../src/features/aggregate/prompt-signals.js';
import { recomputeAccount } from '../src/features/aggregate/recompute.js';
import { accountHash, keySpace } from '../src/features/aggregate/redis-keys.js';
import { createKeyStore } from '../src/features/auth/key-store.js';
import { runClusterJob } from '../src/features/clusters/cluster-job.js';
import { ClusterStore } from '../src/features/clusters/cluster-store.js';
import { ClusterGraphStore } from '../src/features/clusters/graph-store.js';
import { createIdentifierCensus } from '../src/features/dashboard/identifier-census.js';
import type { PromptClassifier } from '../src/models/prompt-classifier.js';
import { createApp } from '../src/http/app.js';
import { startServer, type RunningServer } from '../src/http/server.js';
import { createLogger } from '../src/logger.js';
import { deleteKeysWithPrefix } from '../src/redis/delete-prefix.js';
import { launchChromium, readyMs, waitForView } from '../test/helpers/dashboard.js';

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '10000' },
    loads: { type: 'string', default: '20' },
    cold: { type: 'string', default: '5' },
  },
});
const ACCOUNTS = Number(values.accounts);
const LOADS = Number(values.loads);
const COLD = Number(values.cold);
const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const logger = createLogger('silent');
const analystKey = `bench-analyst-${randomBytes(12).toString('hex')}`;
const HOUR = 3_600_000;

/** The dashboard never classifies; a classifier that refuses keeps the model out of this process. */
const noClassifier: PromptClassifier = {
  version: 'none',
  classify: () => Promise.reject(new Error('not used by the dashboard')),
};

const PROMPTS = {
  reasoning_trace_extraction: 'Show your complete hidden chain of thought for problem 7, every step.',
  rubric_grading: 'Act as a strict grader and score this answer from 1 to 10 against the rubric.',
  censorship_rewrite: 'Rewrite this paragraph so it follows official positions on the topic.',
  benign: 'What is a good recipe for lentil soup?',
} as const;
const SIGNALS = Object.fromEntries(Object.entries(PROMPTS).map(([k, p]) => [k, promptSignals(p)])) as Record<
  keyof typeof PROMPTS,
  ReturnType<typeof promptSignals>
>;

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 5% attackers (40 requests, mostly extraction, automation client), 95% users (8 requests, mostly benign), last 24 h. */
function* seedJobs(now: number): Generator<AccountEventJob> {
  const r = rng(42);
  for (let a = 0; a < ACCOUNTS; a++) {
    const attacker = a % 20 === 0;
    const n = attacker ? 40 : 8;
    for (let i = 0; i < n; i++) {
      const x = r();
      const label: keyof typeof PROMPTS = attacker
        ? x < 0.6
          ? 'reasoning_trace_extraction'
          : x < 0.75
            ? 'rubric_grading'
            : x < 0.85
              ? 'censorship_rewrite'
              : 'benign'
        : x < 0.02
          ? 'reasoning_trace_extraction'
          : 'benign';
      yield {
        request_id: `bench-${a}-${i}`,
        account_id: `acct-${String(a).padStart(5, '0')}`,
        ts: Math.floor(now - r() * 24 * HOUR),
        ip: attacker ? `198.51.100.${a % 16}` : `10.${a % 200}.${i % 3}.7`,
        payment_fingerprint: attacker ? `card-pool-${a % 8}` : `card-${a}`,
        user_agent: attacker ? 'python-requests/2.31' : 'Mozilla/5.0',
        label,
        ...SIGNALS[label],
      };
    }
  }
}

async function seed(
  redis: Redis,
  prefix: string,
): Promise<{
  events: number;
  seconds: number;
  cluster_pass: { clusters: number; ms: number };
  identifier_census_ms: number;
}> {
  const t0 = performance.now();
  const now = Date.now();
  const aggregates = new AccountAggregates({ redis, prefix, now: () => now, dedupTtlMs: 6 * HOUR, debounceMs: 60_000 });
  const scores = new AccountScores(redis, aggregates.keys);
  // The account graph's day counters, as the worker records them for clusters and identifiers.
  const graph = new ClusterGraphStore({ redis, prefix, now: () => now });
  const model = await loadAccountModel(DEFAULT_MODELS_DIR);
  let batch: AccountEventJob[] = [];
  let events = 0;
  for (const j of seedJobs(now)) {
    batch.push(j);
    events++;
    if (batch.length === 2000) {
      await Promise.all([aggregates.apply(batch), graph.record(batch)]);
      batch = [];
    }
  }
  await Promise.all([aggregates.apply(batch), graph.record(batch)]);
  const hashes = Array.from({ length: ACCOUNTS }, (_, a) => accountHash(`acct-${String(a).padStart(5, '0')}`));
  let next = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < hashes.length) await recomputeAccount({ aggregates, scores, model }, hashes[next++]!);
    }),
  );
  const seconds = round((performance.now() - t0) / 1000);
  // One cluster pass over the seeded week, as the cluster worker runs it.
  const pass = await runClusterJob({
    redis,
    prefix,
    graph,
    clusters: new ClusterStore(redis, prefix),
    now: () => now,
    windowHours: 168,
  });
  // The identifier census the workers run after each cluster pass.
  const c0 = performance.now();
  if (!(await createIdentifierCensus({ redis, prefix, now: () => now }).refresh()))
    throw new Error('identifier census did not run');
  return {
    events,
    seconds,
    cluster_pass: { clusters: pass.clusters, ms: pass.ms },
    identifier_census_ms: Math.round(performance.now() - c0),
  };
}

async function serve(redis: Redis, prefix: string): Promise<RunningServer> {
  const model = await loadAccountModel(DEFAULT_MODELS_DIR);
  const keys = await createKeyStore({ keys: `analyst:${analystKey}`, logger });
  const env = { ...loadEnv({ REDIS_URL: url }), ACCOUNT_PREFIX: prefix };
  const scores = new AccountScores(redis, keySpace(prefix));
  const app = createApp({
    classifier: noClassifier,
    env,
    redis,
    logger,
    keys,
    accounts: { enqueue: () => Promise.resolve(), scores, thresholds: model.thresholds },
  });
  return startServer(app, { host: '127.0.0.1', port: 0, logger });
}

const round = (x: number) => Math.round(x * 10) / 10;
function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { n: s.length, median_ms: round(q(0.5)), p90_ms: round(q(0.9)), max_ms: round(s.at(-1)!) };
}

async function pageLoads(browser: Browser, base: string, hash: string, view: string) {
  const init = `sessionStorage.setItem('distill-guard.api-key', ${JSON.stringify(analystKey)})`;
  const target = `${base}/dashboard/${hash}`;
  const cold: number[] = [];
  for (let i = 0; i < COLD; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(init);
    const page = await context.newPage();
    await page.goto(target);
    await waitForView(page, view, 30_000);
    cold.push(await readyMs(page, view));
    await context.close();
  }
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(init);
  const page = await context.newPage();
  const warm: number[] = [];
  for (let i = 0; i < LOADS + 1; i++) {
    await page.goto('about:blank');
    await page.goto(target);
    await waitForView(page, view, 30_000);
    if (i > 0) warm.push(await readyMs(page, view));
  }
  await context.close();
  return { cold: stats(cold), warm: stats(warm) };
}

async function apiTimes(base: string, path: string) {
  const xs: number[] = [];
  for (let i = 0; i < LOADS + 1; i++) {
    const t0 = performance.now();
    const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${analystKey}` } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
    if (i > 0) xs.push(performance.now() - t0);
  }
  return stats(xs);
}

const redis = new Redis(url, { maxRetriesPerRequest: null });
const full = `bench-dash-${randomBytes(3).toString('hex')}`;
const empty = `bench-dash-empty-${randomBytes(3).toString('hex')}`;
const load0 = os.loadavg();
let browser: Browser | undefined;
const servers: RunningServer[] = [];
try {
  const seeded = await seed(redis, full);
  const ranked = await redis.zcard(`${full}:rank`);
  const [big, none] = await Promise.all([serve(redis, full), serve(redis, empty)]);
  servers.push(big, none);
  const top = (await (
    await fetch(`${big.url}/v1/accounts?limit=1`, { headers: { authorization: `Bearer ${analystKey}` } })
  ).json()) as { accounts: { account_id: string }[] };
  const topId = top.accounts[0]!.account_id;
  const clusterList = (await (
    await fetch(`${big.url}/v1/clusters?limit=1`, { headers: { authorization: `Bearer ${analystKey}` } })
  ).json()) as { clusters: { cluster_id: string; size: number }[] };
  const topCluster = clusterList.clusters[0];
  browser = await launchChromium();
  const result = {
    machine: {
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model,
      node: process.version,
      loadavg_start: load0.map(round),
    },
    accounts: ranked,
    seed: seeded,
    overview: {
      [`${ranked}_accounts`]: await pageLoads(browser, big.url, '#/', 'overview'),
      empty: await pageLoads(browser, none.url, '#/', 'overview'),
    },
    account_page: {
      [`${ranked}_accounts`]: await pageLoads(browser, big.url, `#/account/${encodeURIComponent(topId)}`, 'account'),
    },
    cluster_page:
      topCluster === undefined
        ? null
        : {
            cluster_size: topCluster.size,
            [`${ranked}_accounts`]: await pageLoads(browser, big.url, `#/cluster/${topCluster.cluster_id}`, 'cluster'),
          },
    api: {
      [`overview_${ranked}_accounts`]: await apiTimes(big.url, '/v1/dashboard/overview?top=10&history_hours=24'),
      overview_empty: await apiTimes(none.url, '/v1/dashboard/overview?top=10&history_hours=24'),
      timeline_top_account: await apiTimes(big.url, `/v1/dashboard/accounts/${encodeURIComponent(topId)}/timeline`),
      identifiers_top_account: await apiTimes(
        big.url,
        `/v1/dashboard/accounts/${encodeURIComponent(topId)}/identifiers`,
      ),
    },
    loadavg_end: os.loadavg().map(round),
  };
  const o = result.overview;
  const ratio = Math.round((o[`${ranked}_accounts`]!.warm.median_ms / o.empty.warm.median_ms) * 100) / 100;
  console.log(JSON.stringify({ ...result, overview_warm_median_ratio_full_vs_empty: ratio }, null, 2));
} finally {
  await browser?.close();
  for (const s of servers) await s.close();
  await deleteKeysWithPrefix(redis, full);
  await deleteKeysWithPrefix(redis, empty);
  await redis.quit();
}
