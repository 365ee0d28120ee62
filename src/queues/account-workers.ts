/**
 * The aggregation workers: one BullMQ worker applies labelled events to account aggregates, a
 * second recomputes debounced account scores. Any number of processes may run them on one Redis.
 */
import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import type { AccountModel } from '../features/aggregate/account-model.js';
import { AccountStates } from '../features/aggregate/account-state.js';
import { AccountStore } from '../features/aggregate/account-store.js';
import { createBatchedApplier } from '../features/aggregate/batched-applier.js';
import { recomputeAccount, type ClusterScore } from '../features/aggregate/recompute.js';
import { createIngestProcessor } from './ingest-processor.js';
import { EVENTS_QUEUE, SCORE_QUEUE } from './names.js';
import { createScoreProcessor } from './score-processor.js';
import { createScoreScheduler } from './score-scheduler.js';

export interface AccountWorkerOptions {
  /** Connection with `maxRetriesPerRequest: null` (BullMQ duplicates it for blocking calls). */
  connection: Redis;
  prefix: string;
  model: AccountModel;
  logger: Logger;
  now?: () => number;
  concurrency?: number;
  debounceMs?: number;
  dedupTtlMs?: number;
  clusterScore?: ClusterScore;
}

export interface AccountWorkers {
  store: AccountStore;
  states: AccountStates;
  events: Worker;
  score: Worker;
  stop(): Promise<void>;
}

export async function startAccountWorkers(opts: AccountWorkerOptions): Promise<AccountWorkers> {
  const now = opts.now ?? Date.now;
  const debounceMs = opts.debounceMs ?? 900;
  const store = new AccountStore({
    redis: opts.connection,
    prefix: opts.prefix,
    now,
    debounceMs,
    dedupTtlMs: opts.dedupTtlMs ?? 6 * 3_600_000,
  });
  const states = new AccountStates(opts.connection, store.keys);
  const bullPrefix = `${opts.prefix}:bull`;
  const scoreQueue = new Queue(SCORE_QUEUE, { connection: opts.connection, prefix: bullPrefix });
  const apply = createBatchedApplier(store);
  const recompute = (h: string) =>
    recomputeAccount({ store, states, model: opts.model, ...(opts.clusterScore ? { clusterScore: opts.clusterScore } : {}) }, h);
  const common = { connection: opts.connection, prefix: bullPrefix };
  // The recompute lands just after the debounce marker expires, so it sees every update the marker covered.
  const events = new Worker(EVENTS_QUEUE, createIngestProcessor({ apply, schedule: createScoreScheduler(scoreQueue, debounceMs + 50) }), {
    ...common,
    concurrency: opts.concurrency ?? 200,
  });
  const score = new Worker(SCORE_QUEUE, createScoreProcessor(recompute), { ...common, concurrency: 16 });
  for (const w of [events, score]) {
    w.on('failed', (job, err) => opts.logger.warn({ queue: w.name, jobId: job?.id, err: err.message }, 'job failed'));
    w.on('error', (err) => opts.logger.error({ queue: w.name, err: err.message }, 'worker error'));
  }
  await Promise.all([events.waitUntilReady(), score.waitUntilReady()]);
  opts.logger.info({ prefix: opts.prefix, model: opts.model.version }, 'account workers started');
  return {
    store,
    states,
    events,
    score,
    async stop() {
      await events.close();
      await score.close();
      await scoreQueue.close();
    },
  };
}
