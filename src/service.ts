import type { Redis } from 'ioredis';
import type { Env } from './env.js';
import { createLiveClassifier } from './features/classify/live-classifier.js';
import { startModelReloader } from './features/lifecycle/model-reloader.js';
import type { PromptClassifier } from './models/prompt-classifier.js';
import { createApp } from './http/app.js';
import { startServer } from './http/server.js';
import type { Logger } from './logger.js';
import { ensureRedis, type EnsuredRedis } from './redis/ensure-redis.js';
import { createKeyStore } from './features/auth/key-store.js';
import { assertOpenModeAllowed, OPEN_MODE_WARNING } from './features/auth/open-mode.js';
import { createServiceMetrics, type ServiceMetrics } from './features/metrics/service-metrics.js';
import type { SpoolStats } from './features/spool/event-spool.js';
import { createRateLimiter } from './http/middleware/rate-limit.js';
import type { DeadLetters } from './queues/producers/dead-letters.js';
import type { AccountApi, RescoreApi, StartWorker } from './queues/processes/types.js';
import type { Batching } from './models/chunked-embedding.js';
import type { EncoderCacheStats } from './models/cached-encoder.js';
import os from 'node:os';

/**
 * The request path batches concurrent prompts of mixed lengths together: fewer graph runs under
 * load, at the price of ~1e-7 differences with the batch neighbours (bulk paths use exact-length).
 */
const REQUEST_PATH_BATCHING: Batching = 'similar-length';

/**
 * How the request path's model runs: batching, encoder threads (0: one per core), graph threads,
 * chunk cache, and every per-prompt step on the encoder threads (the event loop only dispatches).
 */
export interface RequestPathModel {
  batching?: Batching;
  encoderThreads?: number;
  intraOpThreads?: number;
  encoderCache?: number;
  scoring?: 'calling-thread' | 'encoder-threads';
}

export function requestPathModel(env: Env): RequestPathModel {
  return {
    scoring: 'encoder-threads',
    batching: REQUEST_PATH_BATCHING,
    encoderThreads: env.ENCODER_THREADS > 0 ? env.ENCODER_THREADS : os.availableParallelism(),
    intraOpThreads: env.ENCODER_INTRA_OP_THREADS,
    encoderCache: env.ENCODER_CACHE_ENTRIES,
  };
}

/** What the account pipeline gives the service besides its routes (all optional). */
export interface AccountPipelineParts {
  routes: AccountApi;
  close(): Promise<void>;
  deadLetters?: Pick<DeadLetters, 'list'>;
  spool?: () => SpoolStats;
  queueDepths?: () => Promise<Record<string, Record<string, number>>>;
}

export interface ServiceDeps {
  env: Env;
  logger: Logger;
  loadClassifier: (opts: { modelsDir: string; version: string } & RequestPathModel) => Promise<PromptClassifier>;
  /** Releases loaded models on shutdown. */
  disposeModels?: () => Promise<void>;
  /** Frees one model version after a hot swap has moved every request off it. */
  releaseClassifier?: (opts: { modelsDir: string; version: string } & RequestPathModel) => Promise<void>;
  /** The chunk embedding cache's counters, for /metrics (null while none is loaded). */
  encoderCacheStats?: () => Promise<EncoderCacheStats | null>;
  ensureRedis?: typeof ensureRedis;
  /** Background workers sharing the service's Redis and classifier; started unless `worker` is false. */
  startWorker?: StartWorker;
  /** The account routes' producer side (`POST /v1/events`, `GET /v1/accounts`); absent: not mounted. */
  accountPipeline?: (ctx: {
    env: Env;
    redis: Redis;
    logger: Logger;
    metrics?: ServiceMetrics;
    redisUrl?: string;
  }) => Promise<AccountPipelineParts>;
  /** Batch re-scoring routes (`POST /v1/rescore`, `GET /v1/jobs/:id`); absent: not mounted. */
  rescoreApi?: (ctx: { env: Env; redis: Redis }) => Promise<{ routes: RescoreApi; close(): Promise<void> }>;
  worker?: boolean;
  port?: number;
  /** Upper bound on the whole shutdown. */
  shutdownMs?: number;
}

export interface RunningService {
  url: string;
  /** Graceful, ordered, bounded: stop accepting and drain HTTP, flush the batcher, stop the worker, close Redis, stop a private Redis. */
  stop(): Promise<void>;
}

/** Share of the shutdown bound that requests in flight get to finish; the rest drains the batcher, workers and Redis. */
const HTTP_DRAIN_SHARE = 0.6;

/** The all-in-one process: Redis, model, micro-batched classifier, HTTP API and the background workers. */
export async function startService(deps: ServiceDeps): Promise<RunningService> {
  const { env, logger } = deps;
  const keys = await createKeyStore({
    keys: env.DISTILL_GUARD_API_KEYS,
    file: env.DISTILL_GUARD_API_KEYS_FILE,
    logger,
  });
  if (keys.configured) logger.info({ keys: keys.size() }, 'API keys loaded');
  else {
    try {
      assertOpenModeAllowed(env.HOST);
    } catch (err) {
      keys.close();
      throw err;
    }
    logger.warn(OPEN_MODE_WARNING);
  }
  const metrics = createServiceMetrics();
  const redis: EnsuredRedis = await (deps.ensureRedis ?? ensureRedis)({
    url: env.REDIS_URL,
    ...(env.REDIS_CLUSTER_NODES !== undefined ? { clusterNodes: env.REDIS_CLUSTER_NODES } : {}),
    logger,
  });
  const model = requestPathModel(env);
  let classifier: PromptClassifier;
  try {
    const started = Date.now();
    classifier = await deps.loadClassifier({
      modelsDir: env.DISTILL_GUARD_MODELS_DIR,
      version: env.DISTILL_GUARD_MODEL,
      ...model,
    });
    logger.info({ model: classifier.version, ms: Date.now() - started }, 'model loaded');
  } catch (err) {
    await redis.stop();
    throw err;
  }
  // The live classifier: one micro-batcher per model version, swapped atomically on promotion.
  const batcher = createLiveClassifier(classifier, {
    load: (version) => deps.loadClassifier({ modelsDir: env.DISTILL_GUARD_MODELS_DIR, version, ...model }),
    ...(deps.releaseClassifier
      ? {
          release: (version: string) =>
            deps.releaseClassifier!({
              modelsDir: env.DISTILL_GUARD_MODELS_DIR,
              version,
              ...model,
            }),
        }
      : {}),
    batcher: {
      maxBatchSize: env.BATCH_MAX_SIZE,
      maxWaitMs: env.BATCH_MAX_WAIT_MS,
      maxConcurrent: env.BATCH_MAX_CONCURRENT,
    },
    prescreen: env.DISTILL_GUARD_PRESCREEN === 'on',
    onClassified: (results) => {
      const cleared = results.filter((r) => r.prescreened === true).length;
      if (cleared > 0) metrics.promptsClassified.inc({ path: 'prescreen' }, cleared);
      if (results.length > cleared) metrics.promptsClassified.inc({ path: 'encoder' }, results.length - cleared);
    },
    logger,
  });
  const state = { draining: false };
  metrics.setSource({ modelVersion: () => batcher.version });
  if (deps.encoderCacheStats) metrics.setSource({ encoderCache: deps.encoderCacheStats });
  const accounts = await deps.accountPipeline?.({ env, redis: redis.redis, logger, metrics, redisUrl: redis.url });
  const rescore = await deps.rescoreApi?.({ env, redis: redis.redis });
  if (accounts?.queueDepths !== undefined) metrics.setSource({ queueDepths: accounts.queueDepths });
  if (accounts?.spool !== undefined) metrics.setSource({ spool: accounts.spool });
  const app = createApp({
    classifier: batcher,
    env,
    redis: redis.redis,
    logger,
    state,
    keys,
    metrics,
    rateLimiter: createRateLimiter({
      gateway: env.RATE_LIMIT_GATEWAY_RPS,
      analyst: env.RATE_LIMIT_ANALYST_RPS,
      admin: env.RATE_LIMIT_ADMIN_RPS,
    }),
    ...(accounts !== undefined ? { accounts: accounts.routes } : {}),
    ...(accounts?.deadLetters !== undefined ? { deadLetters: accounts.deadLetters } : {}),
    ...(accounts?.spool !== undefined ? { spool: accounts.spool } : {}),
    ...(rescore !== undefined ? { rescore: rescore.routes } : {}),
    modelsDir: env.DISTILL_GUARD_MODELS_DIR,
  });
  const server = await startServer(app, { host: env.HOST, port: deps.port ?? env.PORT, logger });

  // Hot reload: a process serving `current` follows promotions; one pinned to a version does not.
  const reloader =
    env.DISTILL_GUARD_MODEL === 'current'
      ? await startModelReloader({ redis: redis.redis, channel: env.MODEL_CHANNEL, live: batcher, logger })
      : undefined;

  let worker: { stop(): Promise<void> } | undefined;
  if (deps.worker === false) logger.info('worker disabled (--no-worker); serving the API only');
  else if (deps.startWorker === undefined) logger.info('no background worker given; serving the API only');
  else worker = await deps.startWorker({ env, redis: redis.redis, classifier: batcher, logger, metrics });

  const shutdownMs = deps.shutdownMs ?? env.SHUTDOWN_TIMEOUT_MS;
  let stopping: Promise<void> | undefined;
  // Each step finishes before the next: no new requests, in-flight requests answered (their events
  // enqueued or spooled), spool fsynced and closed, in-flight jobs finished (a job cut off by the
  // deadline is retried by another worker after its lock expires), then Redis and the models.
  const stopInOrder = async () => {
    state.draining = true;
    await server.close(Math.max(1000, Math.floor(shutdownMs * HTTP_DRAIN_SHARE)));
    logger.info('HTTP drained');
    await reloader?.close();
    await batcher.close();
    await accounts?.close();
    await rescore?.close();
    await worker?.stop();
    if (worker !== undefined) logger.info('worker drained');
    keys.close();
    await redis.stop();
    await deps.disposeModels?.();
  };
  const stop = () => {
    stopping ??= (async () => {
      logger.info('shutting down');
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`shutdown took longer than ${shutdownMs} ms`)), shutdownMs);
      });
      try {
        await Promise.race([stopInOrder(), timeout]);
        logger.info('stopped');
      } finally {
        clearTimeout(timer);
      }
    })();
    return stopping;
  };
  return { url: server.url, stop };
}

/** Resolves with the signal name on the first SIGTERM/SIGINT. */
export function waitForShutdownSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.removeListener('SIGTERM', onSignal);
      process.removeListener('SIGINT', onSignal);
      resolve(signal);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}
