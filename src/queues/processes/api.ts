/**
 * The API process's side of the queues: producers only, on a fail-fast request-path connection.
 * `POST /v1/events` enqueues within REDIS_REQUEST_TIMEOUT_MS or spools to SPOOL_DIR, and reads
 * account scores within the same deadline or answers the last known ones marked stale. Account
 * reads for analysts use the same connection (no waiting on a dead Redis). Re-scoring submits runs
 * to the runs queue.
 */
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Env } from '../../env.js';
import { AppError } from '../../errors.js';
import { loadAccountModelFromEnv } from '../../features/aggregate/account-model-env.js';
import { AccountScores } from '../../features/aggregate/account-scores.js';
import { keySpace } from '../../features/aggregate/redis-keys.js';
import { createRequestClaims } from '../../features/aggregate/request-claims.js';
import type { ServiceMetrics } from '../../features/metrics/service-metrics.js';
import { readRunStatus } from '../../features/rescore/run-status.js';
import { openEventSpool, type SpoolStats } from '../../features/spool/event-spool.js';
import { createResilientIngest } from '../../features/spool/resilient-ingest.js';
import { withDeadline } from '../../features/spool/with-deadline.js';
import { createFeedbackStores } from '../../features/verdicts/feedback-stores.js';
import type { Logger } from '../../logger.js';
import { ModelIntegrityError } from '../../models/head-pins.js';
import { checkVersion, ModelNotFoundError } from '../../models/registry.js';
import { connectRequestRedis } from '../../redis/request-connection.js';
import { openQueue, QueueName } from '../definitions.js';
import { createDeadLetters, type DeadLetters } from '../producers/dead-letters.js';
import { createEventsProducer } from '../producers/events.js';
import { createRunProducer } from '../producers/rescore-runs.js';
import type { AccountApi, RescoreApi } from './types.js';

/** The account pipeline's API side, with what the service needs to run it through Redis outages. */
export interface AccountPipeline {
  routes: AccountApi;
  /** The dead-letter queue, for `GET /v1/dead-letters`. */
  deadLetters: DeadLetters;
  /** The event spool's state (readyz, metrics). */
  spool: () => SpoolStats;
  /** Job counts of the pipeline's queues (metrics). */
  queueDepths: () => Promise<Record<string, Record<string, number>>>;
  /** Stops the spool replayer, closes the spool (fsynced; kept for the next start) and the request-path connection. */
  close(): Promise<void>;
}

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
    ...(env.REDIS_CLUSTER_NODES !== undefined ? { clusterNodes: env.REDIS_CLUSTER_NODES } : {}),
  });
  const producer = createEventsProducer({ connection: fast, prefix: env.ACCOUNT_PREFIX });
  await producer.queue.waitUntilReady();
  // Read only, for its job counts.
  const scoreQueue = openQueue(QueueName.Score, fast, env.ACCOUNT_PREFIX);
  const deadLetters = createDeadLetters({ connection: fast, prefix: env.ACCOUNT_PREFIX });
  const scores = new AccountScores(fast, keySpace(env.ACCOUNT_PREFIX));
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
    readBriefs: (ids) => scores.briefs(ids),
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
      scores,
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
      return { [QueueName.Events]: events, [QueueName.Score]: score, [QueueName.DeadLetters]: dead };
    },
    async close() {
      await ingest.stop();
      await spool.close();
      await Promise.allSettled([producer.close(), scoreQueue.close(), deadLetters.close()]);
      fast.disconnect();
    },
  };
}

/** Re-scoring's API side: submits runs to the runs queue and reads their status. */
export function createRescoreApi(ctx: {
  env: Env;
  redis: Redis;
}): Promise<{ routes: RescoreApi; close(): Promise<void> }> {
  const { env, redis } = ctx;
  const runs = createRunProducer({ connection: redis, prefix: env.ACCOUNT_PREFIX });
  return Promise.resolve({
    routes: {
      submit: (id, data) => runs.submit(id, data),
      status: (id) => readRunStatus(redis, env.ACCOUNT_PREFIX, id),
      resolveModel: async (version) => {
        try {
          return await checkVersion({
            modelsDir: env.DISTILL_GUARD_MODELS_DIR,
            version: version ?? env.DISTILL_GUARD_MODEL,
          });
        } catch (err) {
          // The registry's messages name server paths: the client gets the version only.
          const name = version ?? env.DISTILL_GUARD_MODEL;
          if (err instanceof ModelNotFoundError)
            throw new AppError(400, 'model_not_found', `No prompt head ${name} in the model registry.`);
          if (err instanceof ModelIntegrityError)
            throw new AppError(400, 'model_integrity', `Prompt head ${name} does not match its promotion record.`);
          throw err;
        }
      },
      dataDir: env.DATA_DIR,
      maxUploadBytes: env.RESCORE_MAX_UPLOAD_BYTES,
    },
    close: () => runs.close(),
  });
}
