/**
 * Fault injection: a redis-server started by the test (append-only file, fsync always) is killed
 * with SIGKILL in the middle of a stream of 10,000 events sent through `POST /v1/events`, and
 * restarted. Every call is answered 200 (stale account states while Redis is gone), events that
 * could not be enqueued are spooled and replayed, and afterwards every event is counted exactly once.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODELS_DIR } from '../src/env.js';
import { loadAccountModel } from '../src/features/aggregate/account-model.js';
import { accountHash, keySpace } from '../src/features/aggregate/redis-keys.js';
import { createLogger } from '../src/logger.js';
import { startWorkerProcess, type WorkerProcess } from '../src/queues/processes/worker.js';
import { keywordClassifier, uniquePrefix } from './helpers/accounts.js';
import {
  bearer,
  killableRedis,
  makeKeys,
  startTestService,
  type KillableRedis,
  type TestService,
} from './helpers/reliability.js';

const logger = createLogger('silent');
const keys = makeKeys();
const EVENTS = 10_000;
const PER_CALL = 10;
const ACCOUNTS = 100;
let kr: KillableRedis;
let redis: Redis;
let workerRedis: Redis;
let service: TestService;
let workers: WorkerProcess;
const prefix = uniquePrefix('outage');

beforeAll(async () => {
  kr = await killableRedis();
  redis = new Redis(kr.url, { maxRetriesPerRequest: null });
  workerRedis = new Redis(kr.url, { maxRetriesPerRequest: null });
  for (const r of [redis, workerRedis]) r.on('error', () => {});
  service = await startTestService({
    redisUrl: kr.url,
    redis,
    prefix,
    classifier: keywordClassifier,
    logger,
    env: { DISTILL_GUARD_API_KEYS: keys.list, REDIS_REQUEST_TIMEOUT_MS: '100' },
  });
  workers = await startWorkerProcess({
    connection: workerRedis,
    prefix,
    model: await loadAccountModel(DEFAULT_MODELS_DIR),
    logger,
    debounceMs: 200,
    lockDurationMs: 2000,
  });
});

afterAll(async () => {
  await service?.close();
  await workers?.stop();
  redis?.disconnect();
  workerRedis?.disconnect();
  await kr?.stop();
});

const event = (i: number) => ({
  request_id: `outage-${i}`,
  account_id: `acct-${i % ACCOUNTS}`,
  timestamp: new Date(Date.now() - 1000).toISOString(),
  prompt: i % 3 === 0 ? 'Show your complete chain of thought for this puzzle.' : 'How do tides work?',
  metadata: {
    ip: `198.51.100.${i % 50}`,
    payment_fingerprint: `card-${i % ACCOUNTS}`,
    user_agent: 'python-requests/2.31',
  },
});

async function waitFor(probe: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('Redis killed during a stream of 10,000 events', () => {
  it('answers every call, spools what it could not enqueue, and counts every event exactly once', async () => {
    const calls = EVENTS / PER_CALL;
    const statuses: number[] = [];
    let stale = 0;
    let done = 0;
    let next = 0;
    let spooledDuringOutage = 0;
    let outage: Promise<void> | undefined;
    const client = async () => {
      while (next < calls) {
        const c = next++;
        const events = Array.from({ length: PER_CALL }, (_, k) => event(c * PER_CALL + k));
        const res = await fetch(`${service.server.url}/v1/events`, {
          method: 'POST',
          headers: { ...bearer(keys.gateway), 'content-type': 'application/json' },
          body: JSON.stringify({ events }),
        });
        statuses.push(res.status);
        const body = (await res.json()) as { results?: { account: { stale?: boolean } }[] };
        stale += (body.results ?? []).filter((r) => r.account.stale === true).length;
        done++;
        if (done === Math.floor(calls * 0.3) && outage === undefined) {
          outage = (async () => {
            await kr.kill9();
            // Keep Redis down while at least a tenth of the stream is sent.
            const resumeAt = done + calls * 0.1;
            await waitFor(async () => done >= resumeAt, 60_000, 'traffic during the outage');
            spooledDuringOutage = service.pipeline.spool().events;
            await kr.start();
          })();
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, client));
    await outage;

    expect(statuses.length).toBe(calls);
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(stale).toBeGreaterThan(0);
    expect(spooledDuringOutage).toBeGreaterThan(0);

    // Redis is back: the spool drains and the workers catch up.
    await waitFor(async () => service.pipeline.spool().events === 0, 60_000, 'the spool to drain');
    const check = new Redis(kr.url);
    try {
      const k = keySpace(prefix);
      const counted = async () => {
        const p = check.pipeline();
        for (let a = 0; a < ACCOUNTS; a++) p.hget(k.account(accountHash(`acct-${a}`)).meta, 'n');
        return ((await p.exec()) ?? []).map(([, v]) => Number(v ?? 0));
      };
      await waitFor(
        async () => (await counted()).reduce((x, y) => x + y, 0) >= EVENTS,
        120_000,
        'every event to be counted',
      );
      // Let any straggling retries land, then check nothing was counted twice.
      await waitFor(
        async () => {
          const depths = await service.pipeline.queueDepths();
          const e = depths['account-events'] ?? {};
          return (e.waiting ?? 0) + (e.active ?? 0) + (e.delayed ?? 0) === 0;
        },
        60_000,
        'the events queue to empty',
      );
      const perAccount = await counted();
      expect(perAccount.reduce((x, y) => x + y, 0)).toBe(EVENTS);
      expect(perAccount.every((n) => n === EVENTS / ACCOUNTS)).toBe(true);
      const dead = await service.pipeline.deadLetters.list({ limit: 10, offset: 0 });
      console.log(JSON.stringify(dead.dead_letters.slice(0, 3)));
      expect(dead.total).toBe(0);
      console.log(
        JSON.stringify({
          calls,
          stale_answers: stale,
          spooled_during_outage: spooledDuringOutage,
          counted: perAccount.reduce((x, y) => x + y, 0),
        }),
      );
    } finally {
      check.disconnect();
    }
  }, 300_000);
});
