/**
 * Events applied to account aggregates per minute, for the overview's events/s: one events-queue
 * job carries many events, so the queue's own per-job metrics count jobs, not events. Counts live
 * in one hash per day (`p:events-rate:{day}`, fields `c:<minute>` applied, `f:<minute>` failed for
 * good), kept two days.
 */
import type { Redis } from 'ioredis';
import type { EventsPerMinute } from '../../contracts/dashboard.js';
import { batchPerTurn } from '../../util/batch-per-turn.js';
import { slotPipeline } from '../../redis/slot-pipeline.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const KEEP_S = 2 * 86_400;

export interface EventRate {
  /** Counts events applied (`completed`) or failed for good (`failed`) now; calls of one turn share one write. */
  add(counts: { completed?: number; failed?: number }): Promise<void>;
  /** The last `minutes` minutes, oldest first, ending with the current minute. */
  perMinute(minutes: number): Promise<EventsPerMinute[]>;
}

export function createEventRate(opts: { redis: Redis; prefix: string; now?: () => number }): EventRate {
  const now = opts.now ?? Date.now;
  const key = (day: number) => `${opts.prefix}:events-rate:${day}`;
  const add = batchPerTurn(async (parts: { completed?: number; failed?: number }[]) => {
    const t = now();
    const minute = Math.floor(t / MINUTE_MS);
    const k = key(Math.floor(t / DAY_MS));
    const completed = parts.reduce((a, p) => a + (p.completed ?? 0), 0);
    const failed = parts.reduce((a, p) => a + (p.failed ?? 0), 0);
    const p = opts.redis.multi();
    if (completed > 0) p.hincrby(k, `c:${minute}`, completed);
    if (failed > 0) p.hincrby(k, `f:${minute}`, failed);
    p.expire(k, KEEP_S);
    await p.exec();
  });
  return {
    add: (counts) => ((counts.completed ?? 0) > 0 || (counts.failed ?? 0) > 0 ? add(counts) : Promise.resolve()),
    async perMinute(minutes) {
      const current = Math.floor(now() / MINUTE_MS);
      const list = Array.from({ length: minutes }, (_, i) => current - minutes + 1 + i);
      const days = [...new Set(list.map((m) => Math.floor((m * MINUTE_MS) / DAY_MS)))];
      const p = slotPipeline(opts.redis);
      for (const d of days) p.hgetall(key(d));
      const replies = (await p.exec()) ?? [];
      const fields = new Map<string, string>();
      for (const [err, value] of replies) {
        if (err) throw err;
        for (const [f, v] of Object.entries(value as Record<string, string>)) fields.set(f, v);
      }
      return list.map((m) => ({
        t: m * MINUTE_MS,
        completed: Number(fields.get(`c:${m}`) ?? 0),
        failed: Number(fields.get(`f:${m}`) ?? 0),
      }));
    },
  };
}
