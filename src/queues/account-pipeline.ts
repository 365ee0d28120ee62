/** Wires the account pipeline into the service: the API's producer side and the in-process worker. */
import type { Redis } from 'ioredis';
import type { Env } from '../env.js';
import type { AccountRoutesDeps } from '../http/routes/events.js';
import type { Logger } from '../logger.js';
import type { StartWorker } from '../service.js';
import { loadAccountModel, type AccountModel } from '../features/aggregate/account-model.js';
import { AccountStates } from '../features/aggregate/account-state.js';
import { createFeedbackStores } from '../features/verdicts/feedback-stores.js';
import { keySpace } from '../features/aggregate/redis-keys.js';
import { createRequestClaims } from '../features/aggregate/request-claims.js';
import { Queue } from 'bullmq';
import type { ServiceMetrics } from '../features/metrics/service-metrics.js';
import type { SpoolStats } from '../features/spool/event-spool.js';
import { openEventSpool } from '../features/spool/event-spool.js';
import { createResilientIngest } from '../features/spool/resilient-ingest.js';
import { withDeadline } from '../features/spool/with-deadline.js';
import { connectRequestRedis } from '../redis/request-connection.js';
import { startAccountWorkers } from './account-workers.js';
import { createDeadLetters, DEAD_LETTER_QUEUE, type DeadLetters } from './dead-letter.js';
import { createEventsProducer } from './events-queue.js';
import { startClusterWorker } from './cluster-worker.js';
import { EVENTS_QUEUE, SCORE_QUEUE } from './names.js';

export function thresholdOverrides(env: Env) {
  return {
    ...(env.ACCOUNT_THRESHOLD_ELEVATED !== undefined ? { elevated: env.ACCOUNT_THRESHOLD_ELEVATED } : {}),
    ...(env.ACCOUNT_THRESHOLD_HIGH !== undefined ? { high: env.ACCOUNT_THRESHOLD_HIGH } : {}),
    ...(env.ACCOUNT_THRESHOLD_CRITICAL !== undefined ? { critical: env.ACCOUNT_THRESHOLD_CRITICAL } : {}),
  };
}

export const loadAccountModelFromEnv = (env: Env): Promise<AccountModel> =>
  loadAccountModel(env.DISTILL_GUARD_MODELS_DIR, thresholdOverrides(env));

/** The API side of the pipeline, with what the service needs to run it through Redis outages. */
export interface AccountPipeline {
  routes: AccountRoutesDeps;
  /** The dead-letter queue, for `GET /v1/dead-letters`. */
  deadLetters: DeadLetters;
  /** The event spool's state (readyz, metrics). */
  spool: () => SpoolStats;
  /** Job counts of the pipeline's queues (metrics). */
  queueDepths: () => Promise<Record<string, Record<string, number>>>;
  /** Stops the spool replayer, closes the spool (fsynced; kept for the next start) and the request-path connection. */
  close(): Promise<void>;
}

/**
 * The producer side on a fail-fast request-path connection: `POST /v1/events` enqueues within
 * REDIS_REQUEST_TIMEOUT_MS or spools to SPOOL_DIR, and reads account verdicts within the same
 * deadline or answers the last known ones marked stale. Account reads for analysts use the same
 * connection (no waiting on a dead Redis).
 */
export async function createAccountPipeline(ctx: {
  env: Env;
  redis: Redis;
  logger: Logger;
  metrics?: ServiceMetrics;
  /** The Redis actually in use (a private one when REDIS_URL did not answer); default REDIS_URL. */
  redisUrl?: string;
}): Promise<AccountPipeline> {
  const { env, logger, metrics } = ctx;
  const model = await loadAccountModelFromEnv(env);
  const fast = await connectRequestRedis(ctx.redisUrl ?? env.REDIS_URL, {
    commandTimeoutMs: Math.max(1000, env.REDIS_REQUEST_TIMEOUT_MS),
  });
  const producer = createEventsProducer({ connection: fast, prefix: env.ACCOUNT_PREFIX });
  await producer.queue.waitUntilReady();
  const bullPrefix = `${env.ACCOUNT_PREFIX}:bull`;
  const scoreQueue = new Queue(SCORE_QUEUE, { connection: fast, prefix: bullPrefix });
  const deadLetters = createDeadLetters({ connection: fast, prefix: env.ACCOUNT_PREFIX });
  const states = new AccountStates(fast, keySpace(env.ACCOUNT_PREFIX));
  const spool = await openEventSpool({
    dir: env.SPOOL_DIR,
    maxBytes: env.SPOOL_MAX_BYTES,
    logger,
    ...(metrics !== undefined
      ? {
          onAppended: (n: number) => metrics.spoolAppended.inc(n),
          onReplayed: (n: number) => metrics.spoolReplayed.inc(n),
          onDropped: (n: number) => metrics.spoolDropped.inc(n),
        }
      : {}),
  });
  const ingest = createResilientIngest({
    enqueue: (jobs) => producer.enqueue(jobs),
    readBriefs: (ids) => states.briefs(ids),
    spool,
    timeoutMs: env.REDIS_REQUEST_TIMEOUT_MS,
    cacheSize: env.ACCOUNT_CACHE_SIZE,
    logger,
    ...(metrics !== undefined ? { metrics } : {}),
  });
  const counts = (q: Queue) =>
    withDeadline(
      q.getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized', 'waiting-children'),
      1000,
      'queue counts',
    );
  return {
    routes: {
      enqueue: (jobs) => ingest.enqueue(jobs),
      briefs: (ids) => ingest.briefs(ids),
      states,
      thresholds: model.thresholds,
      feedback: createFeedbackStores(fast, env.ACCOUNT_PREFIX),
      // Claims outlive the workers' request markers, so a reuse is refused rather than dropped.
      claims: createRequestClaims({
        redis: fast,
        prefix: env.ACCOUNT_PREFIX,
        ttlMs: (env.ACCOUNT_DEDUP_TTL_S + 3600) * 1000,
        timeoutMs: env.REDIS_REQUEST_TIMEOUT_MS,
      }),
      onClaimSkipped: () => metrics?.redisFailures.inc({ op: 'request_claims' }),
    },
    deadLetters,
    spool: () => spool.stats(),
    queueDepths: async () => {
      const [events, score, dead] = await Promise.all([
        counts(producer.queue),
        counts(scoreQueue),
        counts(deadLetters.queue),
      ]);
      return { [EVENTS_QUEUE]: events, [SCORE_QUEUE]: score, [DEAD_LETTER_QUEUE]: dead };
    },
    async close() {
      await ingest.stop();
      await spool.close();
      await Promise.allSettled([producer.close(), scoreQueue.close(), deadLetters.close()]);
      fast.disconnect();
    },
  };
}

/** The account workers configured from the environment (used by `serve` and `worker`). */
export async function startAccountWorkersFromEnv(
  env: Env,
  redis: Redis,
  logger: Logger,
  metrics?: ServiceMetrics,
): Promise<{ stop(): Promise<void> }> {
  const workers = await startAccountWorkersOnly(env, redis, logger, metrics);
  const clusters = await startClusterWorker({
    connection: redis,
    prefix: env.ACCOUNT_PREFIX,
    logger,
    everyMs: env.CLUSTER_INTERVAL_S * 1000,
    windowHours: env.CLUSTER_WINDOW_H,
  });
  return {
    async stop() {
      await clusters.stop();
      await workers.stop();
    },
  };
}

async function startAccountWorkersOnly(
  env: Env,
  redis: Redis,
  logger: Logger,
  metrics?: ServiceMetrics,
): Promise<{ stop(): Promise<void> }> {
  return startAccountWorkers({
    connection: redis,
    prefix: env.ACCOUNT_PREFIX,
    model: await loadAccountModelFromEnv(env),
    logger,
    concurrency: env.WORKER_CONCURRENCY,
    debounceMs: env.ACCOUNT_DEBOUNCE_MS,
    dedupTtlMs: env.ACCOUNT_DEDUP_TTL_S * 1000,
    lockDurationMs: env.WORKER_LOCK_MS,
    ...(metrics !== undefined ? { onDeadLetter: (queue: string) => metrics.deadLettered.inc({ queue }) } : {}),
  });
}

export const startAccountWorker: StartWorker = ({ env, redis, logger, metrics }) =>
  startAccountWorkersFromEnv(env, redis, logger, metrics);
