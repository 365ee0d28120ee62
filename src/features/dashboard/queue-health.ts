/**
 * Queue health for the overview, read from BullMQ's own keys: job counts by state, paused flag
 * and attached workers per queue.
 */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { bullPrefix } from '../../redis/bull-prefix.js';
import type { QueueHealth } from '../../contracts/dashboard.js';

export interface QueueMonitor {
  health(): Promise<QueueHealth[]>;
  close(): Promise<void>;
}

export function createQueueMonitor(opts: {
  connection: Redis;
  prefix: string;
  queues: readonly string[];
}): QueueMonitor {
  const queues = new Map(
    opts.queues.map((name) => {
      const q = new Queue(name, { connection: opts.connection, prefix: bullPrefix(opts.prefix) });
      // Connection errors reach the caller through the read that fails; the emitter must not throw.
      q.on('error', () => undefined);
      return [name, q];
    }),
  );
  return {
    async health() {
      return Promise.all(
        [...queues.entries()].map(async ([name, q]): Promise<QueueHealth> => {
          const [counts, paused, workers] = await Promise.all([
            q.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed'),
            q.isPaused(),
            q.getWorkersCount(),
          ]);
          const c = (k: string) => counts[k] ?? 0;
          return {
            name,
            waiting: c('waiting') + c('prioritized'),
            active: c('active'),
            delayed: c('delayed'),
            failed: c('failed'),
            completed: c('completed'),
            paused,
            workers,
          };
        }),
      );
    },
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
  };
}
