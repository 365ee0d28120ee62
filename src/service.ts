import type { Redis } from 'ioredis';
import type { Env } from './env.js';
import type { AccountRoutesDeps } from './http/routes/events.js';
import { createMicroBatcher } from './features/classify/micro-batcher.js';
import type { PromptClassifier } from './features/classify/types.js';
import { createApp } from './http/app.js';
import { startServer } from './http/server.js';
import type { Logger } from './logger.js';
import { ensureRedis, type EnsuredRedis } from './redis/ensure-redis.js';

/** A background worker sharing the service's Redis and classifier (the account pipeline plugs in here). */
export type StartWorker = (ctx: {
  env: Env;
  redis: Redis;
  classifier: PromptClassifier;
  logger: Logger;
}) => Promise<{ stop(): Promise<void> }>;

export interface ServiceDeps {
  env: Env;
  logger: Logger;
  loadClassifier: (opts: { modelsDir: string; version: string }) => Promise<PromptClassifier>;
  /** Releases loaded models on shutdown. */
  disposeModels?: () => Promise<void>;
  ensureRedis?: typeof ensureRedis;
  /** Started unless `worker` is false; absent until the account pipeline exists. */
  startWorker?: StartWorker;
  /** The account routes' producer side (`POST /v1/events`, `GET /v1/accounts`); absent: not mounted. */
  accountPipeline?: (ctx: { env: Env; redis: Redis; logger: Logger }) => Promise<{ routes: AccountRoutesDeps; close(): Promise<void> }>;
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

/** The all-in-one process: Redis, model, micro-batched classifier, HTTP API and (later) the worker. */
export async function startService(deps: ServiceDeps): Promise<RunningService> {
  const { env, logger } = deps;
  const redis: EnsuredRedis = await (deps.ensureRedis ?? ensureRedis)({ url: env.REDIS_URL, logger });
  let classifier: PromptClassifier;
  try {
    const started = Date.now();
    classifier = await deps.loadClassifier({ modelsDir: env.DISTILL_GUARD_MODELS_DIR, version: env.DISTILL_GUARD_MODEL });
    logger.info({ model: classifier.version, ms: Date.now() - started }, 'model loaded');
  } catch (err) {
    await redis.stop();
    throw err;
  }
  const batcher = createMicroBatcher(classifier, {
    maxBatchSize: env.BATCH_MAX_SIZE,
    maxWaitMs: env.BATCH_MAX_WAIT_MS,
    maxConcurrent: env.BATCH_MAX_CONCURRENT,
  });
  const state = { draining: false };
  const accounts = await deps.accountPipeline?.({ env, redis: redis.redis, logger });
  const app = createApp({
    classifier: batcher,
    env,
    redis: redis.redis,
    logger,
    state,
    ...(accounts !== undefined ? { accounts: accounts.routes } : {}),
  });
  const server = await startServer(app, { host: env.HOST, port: deps.port ?? env.PORT, logger });

  let worker: { stop(): Promise<void> } | undefined;
  if (deps.worker === false) logger.info('worker disabled (--no-worker); serving the API only');
  else if (deps.startWorker === undefined) logger.info('no account worker in this build; serving the API only');
  else worker = await deps.startWorker({ env, redis: redis.redis, classifier: batcher, logger });

  const shutdownMs = deps.shutdownMs ?? 15_000;
  let stopping: Promise<void> | undefined;
  const stopInOrder = async () => {
    state.draining = true;
    await server.close(Math.max(1000, shutdownMs - 5000));
    await batcher.close();
    await accounts?.close();
    await worker?.stop();
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
