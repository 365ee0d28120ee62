/**
 * Every queue of the service in one table: its name, the zod schema of its job payload, its job
 * name, its default job options and its worker options. Producers and workers open queues only
 * through `openQueue`, and every queue's BullMQ keys live under `bullPrefix(ACCOUNT_PREFIX)`, so a
 * queue's name, prefix, payload and options cannot drift apart.
 */
import { Queue, type JobsOptions, type WorkerOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { DeadLetter } from '../contracts/dead-letters.js';
import { AccountEventsJob, AccountScoreJob } from '../contracts/events.js';
import { RescorePartJob, RescoreRunJob } from '../contracts/rescore.js';
import { bullPrefix } from '../redis/bull-prefix.js';

export const QueueName = {
  /** Labelled events to apply to account aggregates (`POST /v1/events`), up to EVENTS_JOB_MAX_EVENTS per job. */
  Events: 'account-events',
  /** Debounced account recomputes. */
  Score: 'account-score',
  /** Cluster passes: a repeatable one every few minutes plus on-demand ones. */
  Clusters: 'account-clusters',
  /** The steps of a partitioned cluster pass (a flow: a coordinating parent and its children). */
  ClusterParts: 'cluster-parts',
  /** The parts of a re-scoring run (the map step). */
  RescoreParts: 'rescore-chunks',
  /** Re-scoring runs submitted over HTTP (one coordinator job per run). */
  RescoreRuns: 'rescore-runs',
  /** Jobs of any queue that failed for good; no worker reads it. */
  DeadLetters: 'dead-letters',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

/** Data of a cluster pass job (why it was asked for). */
export const ClusterPassJob = z.object({ reason: z.string() });
export type ClusterPassJob = z.infer<typeof ClusterPassJob>;

/** One partitioned cluster pass: its id (hex), shards of accounts (= partitions of blocking keys), window. */
const ClusterRun = {
  run: z.string().regex(/^[0-9a-f]{8,32}$/),
  shards: z.number().int().min(2).max(16),
  from: z.number().int(),
  to: z.number().int(),
};
const index = z.number().int().min(0).max(15);
const population = z.number().int().min(0);
/**
 * Data of a partitioned cluster pass's jobs: `map`, `block` and `score` children (one per shard or
 * partition), and the `reduce` parent, which adds each next step's children when the previous
 * ones are done (`phase`: the step it starts next) and reduces last.
 */
export const ClusterPartJob = z.discriminatedUnion('step', [
  z.object({ step: z.literal('map'), ...ClusterRun, index }),
  z.object({ step: z.literal('block'), ...ClusterRun, index, population }),
  z.object({ step: z.literal('score'), ...ClusterRun, index, population }),
  z.object({
    step: z.literal('reduce'),
    ...ClusterRun,
    phase: z.enum(['block', 'score', 'reduce']),
    population: population.optional(),
    startedAt: z.number().int(),
    phaseAt: z.number().int(),
    stages: z.record(z.string(), z.number()),
  }),
]);
export type ClusterPartJob = z.infer<typeof ClusterPartJob>;

/** Worker options that are not connection or prefix. */
export type QueueWorkerOptions = Omit<WorkerOptions, 'connection' | 'prefix'>;

interface QueueDefinition {
  /** What one job is, in messages ("Malformed <job> job."). */
  job: string;
  payload: z.ZodType;
  /** The BullMQ job name of every job on the queue. */
  jobName: string;
  jobOptions: JobsOptions;
  /** Worker options for a given job lock duration (WORKER_LOCK_MS). */
  worker: (lockMs: number) => QueueWorkerOptions;
  /** Logged on each completed job (with its result), when set. */
  completed?: { level: 'info' | 'debug'; message: string };
}

/**
 * A killed worker's account jobs are taken over after the lock expires; a job may stall a few
 * times (several workers dying) before it counts as failed and is dead-lettered.
 */
const accountJobLocks = (lockMs: number) => ({ lockDuration: lockMs, stalledInterval: lockMs, maxStalledCount: 10 });

export const QUEUES = {
  [QueueName.Events]: {
    job: 'account event',
    payload: AccountEventsJob,
    jobName: 'event',
    // Retried with backoff, removed once applied; the job id is derived from its events' request ids (set per job).
    jobOptions: {
      attempts: 5,
      backoff: { type: 'exponential', delay: 200 },
      removeOnComplete: true,
      removeOnFail: { count: 10_000 },
    },
    worker: (lockMs) => ({ ...accountJobLocks(lockMs), concurrency: 200 }),
  },
  [QueueName.Score]: {
    job: 'account score',
    payload: AccountScoreJob,
    jobName: 'score',
    jobOptions: { removeOnComplete: true, removeOnFail: 1000 },
    worker: (lockMs) => ({ ...accountJobLocks(lockMs), concurrency: 16 }),
  },
  [QueueName.Clusters]: {
    job: 'cluster pass',
    payload: ClusterPassJob,
    jobName: 'pass',
    jobOptions: { removeOnComplete: 100, removeOnFail: 100, attempts: 2, backoff: { type: 'fixed', delay: 5000 } },
    // One pass at a time per process; the store's lock makes it one at a time overall.
    worker: () => ({ concurrency: 1, lockDuration: 120_000 }),
    completed: { level: 'info', message: 'cluster pass done' },
  },
  [QueueName.ClusterParts]: {
    job: 'cluster part',
    payload: ClusterPartJob,
    jobName: 'part',
    // A child that fails for good fails its parent (failParentOnFailure, set per child), and so the pass.
    jobOptions: {
      attempts: 2,
      backoff: { type: 'fixed', delay: 1000 },
      removeOnComplete: { age: 3600 },
      removeOnFail: { age: 86_400 },
    },
    // One step at a time per process (CPU-bound); a step holds the event loop for seconds at a time.
    worker: (lockMs) => ({ concurrency: 1, lockDuration: Math.max(lockMs, 600_000) }),
  },
  [QueueName.RescoreParts]: {
    job: 'rescore chunk',
    payload: RescorePartJob,
    jobName: 'chunk',
    // Retried with backoff (a worker that dies mid-part loses nothing), kept a while when failed.
    jobOptions: {
      attempts: 3,
      backoff: { type: 'exponential', delay: 500 },
      removeOnComplete: true,
      removeOnFail: { age: 7 * 86_400 },
    },
    // Two parts at once let one part's parsing overlap another's encoder calls. A part is
    // idempotent: one whose lock lapsed (a dead worker, or a starved event loop on a saturated
    // machine) is simply run again rather than failed.
    worker: (lockMs) => ({
      concurrency: 2,
      lockDuration: lockMs,
      stalledInterval: Math.max(1000, Math.floor(lockMs / 2)),
      maxStalledCount: 5,
    }),
    completed: { level: 'debug', message: 'chunk committed' },
  },
  [QueueName.RescoreRuns]: {
    job: 'rescore run',
    payload: RescoreRunJob,
    jobName: 'run',
    jobOptions: {
      attempts: 3,
      backoff: { type: 'fixed', delay: 1000 },
      removeOnComplete: { age: 86_400 },
      removeOnFail: { age: 7 * 86_400 },
    },
    // One run at a time per process: a run coordinates many parts.
    worker: (lockMs) => ({ concurrency: 1, lockDuration: lockMs }),
  },
  [QueueName.DeadLetters]: {
    job: 'dead letter',
    payload: DeadLetter,
    jobName: 'dead-letter',
    jobOptions: { removeOnComplete: true },
    worker: () => ({ concurrency: 1 }),
  },
} satisfies Record<QueueName, QueueDefinition>;

/** A queue's job payload type. */
export type Payload<Q extends QueueName> = z.infer<(typeof QUEUES)[Q]['payload']>;

/** The one way to open a queue: its name under the service's BullMQ prefix, on a connection the caller owns. */
export function openQueue<Q extends QueueName>(name: Q, connection: Redis, prefix: string): Queue<Payload<Q>> {
  return new Queue<Payload<Q>>(name, { connection, prefix: bullPrefix(prefix) });
}

/** Every queue, in the order the admin queue view and the metrics list them. */
export const SERVICE_QUEUES: readonly QueueName[] = [
  QueueName.Events,
  QueueName.Score,
  QueueName.Clusters,
  QueueName.ClusterParts,
  QueueName.RescoreRuns,
  QueueName.RescoreParts,
  QueueName.DeadLetters,
];
