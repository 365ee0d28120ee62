/**
 * The producer of the score queue: recomputes of accounts by key hash. One job names many
 * accounts (at most `maxBatch`): the accounts scheduled in one event-loop turn share a job, so a
 * busy worker adds one job per turn instead of one per account, and each account is named once.
 */
import type { Redis } from 'ioredis';
import { SCORE_JOB_MAX_ACCOUNTS } from '../../contracts/events.js';
import { batchPerTurn } from '../../util/batch-per-turn.js';
import { openQueue, QUEUES, QueueName } from '../definitions.js';

const { jobName, jobOptions } = QUEUES[QueueName.Score];

export interface ScoreProducer {
  /** Asks for a recompute of each account after `delayMs` (0: at once). */
  request(accountHashes: readonly string[], delayMs?: number): Promise<void>;
  /** One account, coalesced with the other calls of the same event-loop turn. */
  schedule(accountHash: string): Promise<void>;
  close(): Promise<void>;
}

export function createScoreProducer(opts: {
  connection: Redis;
  prefix: string;
  /** Delay of `schedule`d recomputes: after the account's debounce window. */
  scheduleDelayMs?: number;
  maxBatch?: number;
}): ScoreProducer {
  const queue = openQueue(QueueName.Score, opts.connection, opts.prefix);
  const maxBatch = Math.min(opts.maxBatch ?? SCORE_JOB_MAX_ACCOUNTS, SCORE_JOB_MAX_ACCOUNTS);
  const add = async (accountHashes: readonly string[], delayMs: number) => {
    const distinct = [...new Set(accountHashes)];
    if (distinct.length === 0) return;
    const jobs = [];
    for (let i = 0; i < distinct.length; i += maxBatch)
      jobs.push({
        name: jobName,
        data: { accounts: distinct.slice(i, i + maxBatch) },
        opts: delayMs > 0 ? { delay: delayMs, ...jobOptions } : jobOptions,
      });
    await queue.addBulk(jobs);
  };
  return {
    request: (accountHashes, delayMs = 0) => add(accountHashes, delayMs),
    schedule: batchPerTurn(async (accounts: string[]) => {
      await add(accounts, opts.scheduleDelayMs ?? 0);
    }),
    close: () => queue.close(),
  };
}
