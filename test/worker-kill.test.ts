/**
 * A worker process is killed with SIGKILL in the middle of a stream of events; a second worker
 * takes over its jobs once their locks expire. No event is lost and none is counted twice.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountHash, keySpace } from '../src/features/aggregate/redis-keys.js';
import { createDeadLetters } from '../src/queues/producers/dead-letters.js';
import { createEventsProducer, type EventsProducer } from '../src/queues/producers/events.js';
import { cleanup, connect, job, REDIS_URL, uniquePrefix } from './helpers/accounts.js';

const EVENTS = 6000;
const ACCOUNTS = 60;
const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
let redis: Redis;
let producer: EventsProducer;
const prefix = uniquePrefix('wkill');
const children: ChildProcess[] = [];

function startWorker(): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'worker'], {
    env: {
      ...process.env,
      REDIS_URL,
      ACCOUNT_PREFIX: prefix,
      WORKER_LOCK_MS: '2000',
      WORKER_CONCURRENCY: '100',
      ACCOUNT_DEBOUNCE_MS: '200',
      LOG_LEVEL: 'silent',
    },
    stdio: 'ignore',
  });
  children.push(child);
  return child;
}

beforeAll(async () => {
  redis = await connect();
  producer = createEventsProducer({ connection: redis, prefix });
});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await producer.queue.obliterate({ force: true });
  await producer.close();
  await cleanup(redis, prefix);
  await redis.quit();
});

async function counted(): Promise<number[]> {
  const k = keySpace(prefix);
  const p = redis.pipeline();
  for (let a = 0; a < ACCOUNTS; a++) p.hget(k.account(accountHash(`acct-${a}`)).meta, 'n');
  return ((await p.exec()) ?? []).map(([, v]) => Number(v ?? 0));
}
const total = async () => (await counted()).reduce((a, b) => a + b, 0);

async function waitFor(probe: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('kill -9 of a worker mid-stream', () => {
  it('loses no event and counts none twice', async () => {
    const events = Array.from({ length: EVENTS }, (_, i) =>
      job({ request_id: `wk-${i}`, account_id: `acct-${i % ACCOUNTS}`, ts: Date.now() - 5000 }),
    );
    const first = startWorker();
    // Stream in chunks while the first worker runs.
    let sent = 0;
    const stream = (async () => {
      while (sent < EVENTS) {
        await producer.enqueue(events.slice(sent, sent + 200));
        sent += 200;
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    await waitFor(async () => (await total()) >= EVENTS * 0.25, 60_000, 'the first worker to make progress');
    const active = await producer.queue.getActiveCount();
    first.kill('SIGKILL');
    await once(first, 'exit');
    const atKill = await total();
    await stream;
    startWorker();
    await waitFor(async () => (await total()) >= EVENTS, 120_000, 'every event to be counted');
    await waitFor(
      async () =>
        (await producer.queue.getWaitingCount()) +
          (await producer.queue.getActiveCount()) +
          (await producer.queue.getDelayedCount()) ===
        0,
      60_000,
      'the queue to empty',
    );
    const perAccount = await counted();
    console.log(
      JSON.stringify({
        events: EVENTS,
        counted_at_kill: atKill,
        active_jobs_just_before_kill: active,
        counted: perAccount.reduce((a, b) => a + b, 0),
      }),
    );
    expect(atKill).toBeLessThan(EVENTS);
    expect(perAccount.reduce((a, b) => a + b, 0)).toBe(EVENTS);
    expect(perAccount.every((n) => n === EVENTS / ACCOUNTS)).toBe(true);
    const dlq = createDeadLetters({ connection: redis, prefix });
    expect((await dlq.list({ limit: 5, offset: 0 })).total).toBe(0);
    await dlq.close();
  }, 300_000);
});
