/**
 * The producer of the score queue: recomputes of accounts by key hash. Requests made in one
 * event-loop turn go to Redis as one `addBulk`, in groups of at most `maxBatch`.
 */
import type { Redis } from 'ioredis';
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
  const add = (accounts: readonly string[], delayMs: number) =>
    queue.addBulk(
      accounts.map((account) => ({
        name: jobName,
        data: { account },
        opts: delayMs > 0 ? { delay: delayMs, ...jobOptions } : jobOptions,
      })),
    );
  const maxBatch = opts.maxBatch ?? 1000;
  return {
    async request(accountHashes, delayMs = 0) {
      for (let i = 0; i < accountHashes.length; i += maxBatch) await add(accountHashes.slice(i, i + maxBatch), delayMs);
    },
    schedule: batchPerTurn(async (accounts: string[]) => {
      await add(accounts, opts.scheduleDelayMs ?? 0);
    }),
    close: () => queue.close(),
  };
}
