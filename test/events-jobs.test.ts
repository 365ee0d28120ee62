/**
 * The events queue carries many events per job: the producer's grouping and job ids, the worker
 * applying a job's events (and the older one-event form), and the overview's events/min counted
 * per event. Real Redis, random prefix.
 */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENTS_JOB_MAX_EVENTS, eventsOf, type AccountEventsJob } from '../src/contracts/events.js';
import { DEFAULT_MODELS_DIR } from '../src/env.js';
import { loadAccountModel } from '../src/features/aggregate/account-model.js';
import { accountHash, requestHash } from '../src/features/aggregate/redis-keys.js';
import { createEventRate } from '../src/features/dashboard/event-rate.js';
import { createLogger } from '../src/logger.js';
import { QueueName } from '../src/queues/definitions.js';
import { startWorkerProcess, type WorkerProcess } from '../src/queues/processes/worker.js';
import { createEventsProducer, eventsJobId, toEventsJobs } from '../src/queues/producers/events.js';
import { bullPrefix } from '../src/redis/bull-prefix.js';
import { cleanup, connect, job, uniquePrefix } from './helpers/accounts.js';
import { waitFor } from './helpers/wait.js';

let redis: Redis;

beforeAll(async () => {
  redis = await connect();
});
afterAll(async () => {
  await redis.quit();
});

describe('events jobs', () => {
  it('groups events in order into jobs of at most EVENTS_JOB_MAX_EVENTS, with ids from their request ids', () => {
    const events = Array.from({ length: 2 * EVENTS_JOB_MAX_EVENTS + 5 }, (_, i) => job({ request_id: `r-${i}` }));
    const jobs = toEventsJobs(events);
    expect(jobs.map((j) => eventsOf(j).length)).toEqual([EVENTS_JOB_MAX_EVENTS, EVENTS_JOB_MAX_EVENTS, 5]);
    expect(jobs.flatMap(eventsOf).map((e) => e.request_id)).toEqual(events.map((e) => e.request_id));
    // One event keeps the id it always had (its request hash); a group's id depends on its members and their order.
    expect(eventsJobId([events[0]!])).toBe(requestHash('r-0'));
    expect(eventsJobId(events.slice(0, 2))).toBe(eventsJobId(events.slice(0, 2)));
    expect(eventsJobId(events.slice(0, 2))).not.toBe(eventsJobId([events[1]!, events[0]!]));
  });

  it('puts the calls of one turn on the queue together, and the same events again add nothing while pending', async () => {
    const prefix = uniquePrefix('events-jobs');
    const producer = createEventsProducer({ connection: redis, prefix });
    try {
      const calls = [150, 1, 1, 30].map((n, c) =>
        Array.from({ length: n }, (_, i) => job({ request_id: `c${c}-${i}`, account_id: `a-${c}` })),
      );
      await Promise.all(calls.map((events) => producer.enqueue(events)));
      const waiting = await producer.queue.getWaiting(0, -1);
      expect(waiting.map((j) => eventsOf(j.data).length).sort((a, b) => a - b)).toEqual([82, 100]);
      expect(waiting.flatMap((j) => eventsOf(j.data).map((e) => e.request_id)).sort()).toEqual(
        calls
          .flat()
          .map((e) => e.request_id)
          .sort(),
      );
      // The first job's events again (a retried call): the same job id, so nothing is added while it waits.
      await producer.enqueue(calls[0]!.slice(0, 100));
      expect(await producer.queue.getWaitingCount()).toBe(2);
      // Grouped differently they make a new job; the account update still counts each request once.
      await producer.enqueue(calls[0]!.slice(0, 50));
      expect(await producer.queue.getWaitingCount()).toBe(3);
    } finally {
      await producer.queue.obliterate({ force: true });
      await producer.close();
      await cleanup(redis, prefix);
    }
  });

  it('the worker applies every event of a job once, takes the one-event form too, and counts events per minute', async () => {
    const prefix = uniquePrefix('events-apply');
    const model = await loadAccountModel(DEFAULT_MODELS_DIR);
    const logger = createLogger('silent');
    const workers: WorkerProcess = await startWorkerProcess({
      connection: redis,
      prefix,
      model,
      logger,
      debounceMs: 100,
    });
    const producer = createEventsProducer({ connection: redis, prefix });
    const queue = new Queue<AccountEventsJob>(QueueName.Events, { connection: redis, prefix: bullPrefix(prefix) });
    try {
      const events = Array.from({ length: 230 }, (_, i) =>
        job({ request_id: `e-${i}`, account_id: `acct-${i % 7}`, label: i % 2 === 0 ? 'rubric_grading' : 'benign' }),
      );
      await producer.enqueue(events);
      // A job written in the one-event form, and a repeat of an event already enqueued.
      await queue.add('event', job({ request_id: 'single-1', account_id: 'acct-single' }), { jobId: 'single-1' });
      await producer.enqueue([events[0]!]);
      const meta = (a: string) => redis.hgetall(workers.aggregates.keys.account(accountHash(a)).meta);
      await waitFor(async () => {
        const counts = await Promise.all(Array.from({ length: 7 }, (_, a) => meta(`acct-${a}`)));
        const n = counts.reduce((s, m) => s + Number(m.n ?? 0), 0);
        const single = Number((await meta('acct-single')).n ?? 0);
        return n === 230 && single === 1 ? true : undefined;
      }, 15_000);
      // Every account's labels counted once: acct-0 got events 0, 7, 14, ... (33 of them), half of them graded.
      const m0 = await meta('acct-0');
      expect(Number(m0.n)).toBe(33);
      expect(Number(m0['l:rubric_grading'])).toBe(
        events.filter((e, i) => i % 7 === 0 && e.label === 'rubric_grading').length,
      );
      // Scored after the debounce.
      await waitFor(async () => ((await workers.scores.get('acct-3')) ? true : undefined), 10_000);
      // Events per minute: 230 + 1 + the repeat (applied as a duplicate: counted as processed).
      const minutes = await createEventRate({ redis, prefix }).perMinute(3);
      expect(minutes).toHaveLength(3);
      expect(minutes.reduce((s, m) => s + m.completed, 0)).toBe(232);
      expect(minutes.every((m) => m.failed === 0)).toBe(true);
    } finally {
      await queue.close();
      await producer.queue.obliterate({ force: true });
      await producer.close();
      await workers.stop();
      await cleanup(redis, prefix);
    }
  });
});
