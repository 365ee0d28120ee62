/**
 * The aggregation workers: one BullMQ worker applies labelled events to account aggregates, a
 * second recomputes debounced account scores. Any number of processes may run them on one Redis.
 */
import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../../logger.js';
import type { AccountModel } from '../../features/aggregate/account-model.js';
import { AccountScores } from '../../features/aggregate/account-scores.js';
import { AccountAggregates } from '../../features/aggregate/account-aggregates.js';
import { createBatchedApplier } from '../../features/aggregate/batched-applier.js';
import { recomputeAccount, type ClusterScore } from '../../features/aggregate/recompute.js';
import { ClusterStore } from '../../features/clusters/cluster-store.js';
import { ClusterGraphStore, withGraphRecording } from '../../features/clusters/graph-store.js';
import { createDeadLetters, deadLetterOnFinalFailure, withDeadLetter, type DeadLetters } from '../producers/dead-letters.js';
import { createBatchedSampler, PromptSamples } from '../../features/verdicts/prompt-samples.js';
import { createIngestProcessor } from '../handlers/ingest.js';
import { EVENTS_QUEUE, SCORE_QUEUE } from '../definitions.js';
import { startDashboardSamplers } from '../../features/dashboard/background.js';
import { createScoreProcessor } from '../handlers/score.js';
import { createScoreScheduler } from '../producers/score.js';

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
  /** Job lock: a job held by a worker that died is retried by another after about this long (BullMQ default 30 s). */
  lockDurationMs?: number;
  /** Called when a job is moved to the dead-letter queue. */
  onDeadLetter?: (queue: string) => void;
}

export interface AccountWorkers {
  store: AccountAggregates;
  states: AccountScores;
  events: Worker;
  score: Worker;
  deadLetters: DeadLetters;
  stop(): Promise<void>;
}

const EVENTS_METRICS_MINUTES = 24 * 60;

export async function startAccountWorkers(opts: AccountWorkerOptions): Promise<AccountWorkers> {
  const now = opts.now ?? Date.now;
  const debounceMs = opts.debounceMs ?? 900;
  const store = new AccountAggregates({
    redis: opts.connection,
    prefix: opts.prefix,
    now,
    debounceMs,
    dedupTtlMs: opts.dedupTtlMs ?? 6 * 3_600_000,
  });
  const states = new AccountScores(opts.connection, store.keys);
  const bullPrefix = `${opts.prefix}:bull`;
  const scoreQueue = new Queue(SCORE_QUEUE, { connection: opts.connection, prefix: bullPrefix });
  // Each newly counted request also feeds the account graph the cluster job reads.
  const apply = withGraphRecording(
    createBatchedApplier(store),
    new ClusterGraphStore({ redis: opts.connection, prefix: opts.prefix, now }),
  );
  const clusterStore = new ClusterStore(opts.connection, opts.prefix);
  const recompute = (h: string) =>
    recomputeAccount(
      {
        store,
        states,
        model: opts.model,
        clusterScore: opts.clusterScore ?? ((account) => clusterStore.membership(account)),
      },
      h,
    );
  const lockDuration = opts.lockDurationMs ?? 30_000;
  // A killed worker's jobs are taken over after the lock expires; a job may stall a few times
  // (several workers dying) before it counts as failed and goes to the dead-letter queue.
  const common = {
    connection: opts.connection,
    prefix: bullPrefix,
    lockDuration,
    stalledInterval: lockDuration,
    maxStalledCount: 10,
  };
  const deadLetters = createDeadLetters({
    connection: opts.connection,
    prefix: opts.prefix,
    ...(opts.onDeadLetter ? { onRecorded: opts.onDeadLetter } : {}),
  });
  // The recompute lands just after the debounce marker expires, so it sees every update the marker covered.
  const ingest = createIngestProcessor({
    apply,
    schedule: createScoreScheduler(scoreQueue, debounceMs + 50),
    sample: createBatchedSampler(new PromptSamples(opts.connection, opts.prefix)),
  });
  const events = new Worker(EVENTS_QUEUE, withDeadLetter(EVENTS_QUEUE, ingest, deadLetters), {
    ...common,
    concurrency: opts.concurrency ?? 200,
    // Per-minute completed/failed counts (one day), read by the dashboard as events/s.
    metrics: { maxDataPoints: EVENTS_METRICS_MINUTES },
  });
  const score = new Worker(SCORE_QUEUE, withDeadLetter(SCORE_QUEUE, createScoreProcessor(recompute), deadLetters), {
    ...common,
    concurrency: 16,
  });
  for (const w of [events, score]) {
    deadLetterOnFinalFailure(w, deadLetters, opts.logger);
    w.on('failed', (job, err) => opts.logger.warn({ queue: w.name, jobId: job?.id, err: err.message }, 'job failed'));
    w.on('error', (err) => opts.logger.error({ queue: w.name, err: err.message }, 'worker error'));
  }
  await Promise.all([events.waitUntilReady(), score.waitUntilReady()]);
  // Dashboard: accounts per level each minute, identifier counts after each cluster pass.
  const dashboardSamplers = startDashboardSamplers({
    redis: opts.connection,
    prefix: opts.prefix,
    thresholds: opts.model.thresholds,
    now,
    onError: (what, err) =>
      opts.logger.warn({ err: err instanceof Error ? err.message : String(err) }, `${what} failed`),
  });
  opts.logger.info({ prefix: opts.prefix, model: opts.model.version }, 'account workers started');
  return {
    store,
    states,
    events,
    score,
    deadLetters,
    async stop() {
      dashboardSamplers.stop();
      await events.close();
      await score.close();
      await scoreQueue.close();
      await deadLetters.close();
    },
  };
}
