/**
 * Queue health and throughput for the overview, read from BullMQ's own keys: job counts by
 * state, paused flag and attached workers per queue, and the per-minute completed/failed counts
 * BullMQ records for workers started with `metrics` enabled.
 */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { bullPrefix } from '../../redis/bull-prefix.js';
import type { EventsPerMinute, QueueHealth } from '../../contracts/dashboard.js';

const MINUTE_MS = 60_000;

export interface QueueMonitor {
  health(): Promise<QueueHealth[]>;
  /** Per-minute completed/failed jobs of one queue over the last `minutes` (oldest first), ending with the current minute. */
  perMinute(queue: string, minutes: number): Promise<EventsPerMinute[]>;
  close(): Promise<void>;
}

interface MetricsReply {
  meta: { count: number; prevTS: number; prevCount: number };
  data: number[];
}

/**
 * Turns BullMQ's metrics list into counts keyed by minute. BullMQ keeps a running `count`, the
 * time and count at the last flush (`prevTS`, `prevCount`), and a list whose head is the minute
 * before `prevTS`'s minute, each next entry one minute older. Jobs finished since the flush
 * belong to `prevTS`'s minute (later minutes had none, or a flush would have happened).
 */
export function metricsByMinute(reply: MetricsReply): Map<number, number> {
  const out = new Map<number, number>();
  if (reply.meta.prevTS === 0) return out;
  const flushMinute = Math.floor(reply.meta.prevTS / MINUTE_MS);
  out.set(flushMinute * MINUTE_MS, Math.max(0, reply.meta.count - reply.meta.prevCount));
  reply.data.forEach((n, i) => out.set((flushMinute - 1 - i) * MINUTE_MS, n));
  return out;
}

export function createQueueMonitor(opts: {
  connection: Redis;
  prefix: string;
  queues: readonly string[];
  now?: () => number;
}): QueueMonitor {
  const now = opts.now ?? Date.now;
  const queues = new Map(
    opts.queues.map((name) => {
      const q = new Queue(name, { connection: opts.connection, prefix: bullPrefix(opts.prefix) });
      // Connection errors reach the caller through the read that fails; the emitter must not throw.
      q.on('error', () => undefined);
      return [name, q];
    }),
  );
  const queue = (name: string): Queue => {
    const q = queues.get(name);
    if (q === undefined) throw new Error(`unknown queue ${name}`);
    return q;
  };

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
    async perMinute(name, minutes) {
      const q = queue(name);
      const [completed, failed] = await Promise.all([
        q.getMetrics('completed', 0, minutes),
        q.getMetrics('failed', 0, minutes),
      ]);
      const done = metricsByMinute(completed);
      const bad = metricsByMinute(failed);
      const current = Math.floor(now() / MINUTE_MS);
      return Array.from({ length: minutes }, (_, i) => {
        const t = (current - minutes + 1 + i) * MINUTE_MS;
        return { t, completed: done.get(t) ?? 0, failed: bad.get(t) ?? 0 };
      });
    },
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
  };
}
