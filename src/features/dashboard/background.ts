/**
 * The dashboard's background work, run by the account workers: a level snapshot each minute and
 * an identifier census after each cluster pass (checked each minute). Both are shared by all
 * processes through Redis locks, so any number of workers may run it.
 */
import type { Redis } from 'ioredis';
import type { Thresholds } from '../aggregate/account-model.js';
import { createIdentifierCensus } from './identifier-census.js';
import { createLevelHistory, DEFAULT_SAMPLE_INTERVAL_MS } from './level-history.js';

export function startDashboardSamplers(opts: {
  redis: Redis;
  prefix: string;
  thresholds: Thresholds;
  now?: () => number;
  intervalMs?: number;
  onError: (what: string, err: unknown) => void;
}): { stop(): void } {
  const levels = createLevelHistory({
    redis: opts.redis,
    prefix: opts.prefix,
    thresholds: opts.thresholds,
    ...(opts.now ? { now: opts.now } : {}),
  });
  const census = createIdentifierCensus({
    redis: opts.redis,
    prefix: opts.prefix,
    ...(opts.now ? { now: opts.now } : {}),
  });
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    levels.sample().catch((err: unknown) => opts.onError('level snapshot', err));
    census.refresh().catch((err: unknown) => opts.onError('identifier census', err));
  };
  tick();
  const timer = setInterval(tick, opts.intervalMs ?? DEFAULT_SAMPLE_INTERVAL_MS);
  timer.unref();
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
