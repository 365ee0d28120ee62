/**
 * Recompute jobs name many accounts: the accounts scheduled in one event-loop turn share one job
 * on the real score queue, each named once, and the handler recomputes every account a job names
 * (the older one-account job included), failing the job when one recompute fails.
 */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountScoreJob } from '../src/contracts/events.js';
import { accountHash } from '../src/features/aggregate/redis-keys.js';
import { bullPrefix } from '../src/redis/bull-prefix.js';
import { createScoreHandler } from '../src/queues/handlers/score.js';
import { createScoreProducer } from '../src/queues/producers/score.js';
import { cleanup, connect, uniquePrefix } from './helpers/accounts.js';

let redis: Redis;
const prefixes: string[] = [];
beforeAll(async () => {
  redis = await connect();
});
afterAll(async () => {
  for (const p of prefixes) await cleanup(redis, p);
  await redis.quit();
});

describe('score jobs', () => {
  it('one job per turn, each account named once; large requests are split', async () => {
    const prefix = uniquePrefix('score-jobs');
    prefixes.push(prefix);
    const producer = createScoreProducer({ connection: redis, prefix, maxBatch: 3 });
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((x) => accountHash(`acct-${x}`)) as [string, string, string, string];
    await Promise.all([producer.schedule(a), producer.schedule(b), producer.schedule(a)]);
    await producer.request([a, b, c, d, c]);
    const queue = new Queue('account-score', { connection: redis, prefix: bullPrefix(prefix) });
    const jobs = (await queue.getJobs(['waiting', 'delayed'])).map((j) => AccountScoreJob.parse(j.data));
    expect(jobs.map((j) => ('accounts' in j ? [...j.accounts].sort() : [j.account])).sort()).toEqual(
      [[a, b].sort(), [a, b, c].sort(), [d]].sort(),
    );
    await queue.close();
    await producer.close();
  });

  it('recomputes every account named, and fails the job when one recompute fails', async () => {
    const [a, b, c] = ['a', 'b', 'c'].map((x) => accountHash(`acct-${x}`)) as [string, string, string];
    const seen: string[] = [];
    const handler = createScoreHandler(async (h) => {
      seen.push(h);
      if (h === b) throw new Error('boom');
    });
    await expect(handler(AccountScoreJob.parse({ accounts: [a, b, c] }))).rejects.toThrow('boom');
    expect(seen.sort()).toEqual([a, b, c].sort());
    seen.length = 0;
    await handler(AccountScoreJob.parse({ account: c }));
    expect(seen).toEqual([c]);
    expect(AccountScoreJob.safeParse({ accounts: [] }).success).toBe(false);
  });
});
