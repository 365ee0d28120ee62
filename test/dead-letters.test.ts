import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODELS_DIR } from '../src/env.js';
import { loadAccountModel } from '../src/features/aggregate/account-model.js';
import { createLogger } from '../src/logger.js';
import { startWorkerProcess, type WorkerProcess } from '../src/queues/processes/worker.js';
import { createDeadLetters } from '../src/queues/producers/dead-letters.js';
import { deadLetterOnFinalFailure, startQueueWorker, withDeadLetter } from '../src/queues/start-worker.js';
import { openQueue, QueueName } from '../src/queues/definitions.js';
import { cleanup, connect, job, keywordClassifier, REDIS_URL, uniquePrefix } from './helpers/accounts.js';
import { bearer, makeKeys, startTestService, type TestService } from './helpers/reliability.js';
import { waitFor } from './helpers/wait.js';
import { bullPrefix } from '../src/redis/bull-prefix.js';

const logger = createLogger('silent');
const keys = makeKeys();
let redis: Redis;
let service: TestService;
let workers: WorkerProcess;
const prefix = uniquePrefix('dlq');

beforeAll(async () => {
  redis = await connect();
  service = await startTestService({
    redisUrl: REDIS_URL,
    redis,
    prefix,
    classifier: keywordClassifier,
    logger,
    env: { DISTILL_GUARD_API_KEYS: keys.list },
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
});

describe('dead-letter queue', () => {
  it('a poison event goes to the dead-letter queue at once, with its error, and is listed for admins only', async () => {
    const queue = new Queue(QueueName.Events, { connection: redis, prefix: bullPrefix(prefix) });
    // A malformed job (e.g. written by an older producer): retrying cannot fix it.
    await queue.add(
      'event',
      { request_id: 'poison-1', account_id: 42 },
      { jobId: 'poison-1', attempts: 5, backoff: { type: 'fixed', delay: 10 } },
    );
    // A good job next to it is applied normally.
    await queue.add('event', job({ request_id: 'good-1' }), { jobId: 'good-1' });
    const list = await waitFor(async () => {
      const res = await fetch(`${service.server.url}/v1/dead-letters`, { headers: bearer(keys.admin) });
      const body = (await res.json()) as {
        total: number;
        dead_letters: { id: string; job_id: string; error: string; attempts: number; data: unknown }[];
      };
      return body.total > 0 ? body : undefined;
    }, 15_000);
    expect(list.total).toBe(1);
    const [entry] = list.dead_letters;
    expect(entry!.job_id).toBe('poison-1');
    expect(entry!.error).toContain('Malformed account event job');
    expect(entry!.attempts).toBe(0);
    expect(entry!.data).toEqual({ request_id: 'poison-1', account_id: 42 });
    // Failed without retries.
    const failed = await queue.getJob('poison-1');
    expect(await failed?.getState()).toBe('failed');
    expect(failed?.attemptsMade).toBe(1);
    // Admin only.
    expect((await fetch(`${service.server.url}/v1/dead-letters`, { headers: bearer(keys.analyst) })).status).toBe(403);
    expect((await fetch(`${service.server.url}/v1/dead-letters?limit=0`, { headers: bearer(keys.admin) })).status).toBe(
      400,
    );
    await queue.close();
  });

  it('a job failing on every attempt is retried with backoff, then dead-lettered once', async () => {
    const name = `flaky-${prefix}`;
    const dlq = createDeadLetters({ connection: redis, prefix: `${prefix}-own` });
    const queue = new Queue(name, { connection: redis, prefix: bullPrefix(`${prefix}-own`) });
    let runs = 0;
    const worker = new Worker(
      name,
      withDeadLetter(
        name,
        async () => {
          runs++;
          throw new Error('downstream exploded');
        },
        dlq,
      ),
      { connection: redis, prefix: bullPrefix(`${prefix}-own`) },
    );
    deadLetterOnFinalFailure(worker, dlq, logger);
    await queue.add('x', { n: 1 }, { jobId: 'j1', attempts: 3, backoff: { type: 'fixed', delay: 20 } });
    const list = await waitFor(async () => {
      const l = await dlq.list({ limit: 10, offset: 0 });
      return l.total > 0 && runs >= 3 ? l : undefined;
    }, 15_000);
    await new Promise((r) => setTimeout(r, 200));
    expect(runs).toBe(3);
    expect((await dlq.list({ limit: 10, offset: 0 })).total).toBe(1);
    expect(list.dead_letters[0]).toMatchObject({
      queue: name,
      job_id: 'j1',
      attempts: 2,
      error: 'Error: downstream exploded',
    });
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
    await dlq.queue.obliterate({ force: true });
    await dlq.close();
    await cleanup(redis, `${prefix}-own`);
  });

  it('every queue dead-letters through startQueueWorker: a malformed rescore part at once, a failing cluster pass after its attempts', async () => {
    const own = `${prefix}-any`;
    const dlq = createDeadLetters({ connection: redis, prefix: own });
    const ctx = { connection: redis, prefix: own, logger, deadLetters: dlq };
    let passes = 0;
    const parts = await startQueueWorker(QueueName.RescoreParts, () => Promise.resolve(), ctx);
    const clusters = await startQueueWorker(
      QueueName.Clusters,
      () => {
        passes++;
        return Promise.reject(new Error('graph unavailable'));
      },
      ctx,
    );
    // Untyped, like a queue written by an older producer.
    const partsQueue = new Queue(QueueName.RescoreParts, { connection: redis, prefix: bullPrefix(own) });
    const clusterQueue = openQueue(QueueName.Clusters, redis, own);
    try {
      await partsQueue.add('chunk', { run: 'r1', index: 'zero' }, { jobId: 'bad-part', attempts: 3 });
      await clusterQueue.add(
        'pass',
        { reason: 'test' },
        { jobId: 'failing-pass', attempts: 2, backoff: { type: 'fixed', delay: 10 } },
      );
      const list = await waitFor(async () => {
        const l = await dlq.list({ limit: 10, offset: 0 });
        return l.total >= 2 ? l : undefined;
      }, 15_000);
      const byQueue = new Map(list.dead_letters.map((d) => [d.queue, d]));
      expect(byQueue.get(QueueName.RescoreParts)).toMatchObject({ job_id: 'bad-part', attempts: 0 });
      expect(byQueue.get(QueueName.RescoreParts)!.error).toContain('Malformed rescore chunk job');
      expect(byQueue.get(QueueName.Clusters)).toMatchObject({ job_id: 'failing-pass', attempts: 1 });
      expect(byQueue.get(QueueName.Clusters)!.error).toBe('Error: graph unavailable');
      expect(passes).toBe(2);
    } finally {
      await parts.stop();
      await clusters.stop();
      await partsQueue.close();
      await clusterQueue.close();
      await dlq.close();
      await cleanup(redis, own);
    }
  });
});
