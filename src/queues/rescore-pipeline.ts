/** Wires batch re-scoring into the service: the API side (submit, status) and the workers. */
import type { Redis } from 'ioredis';
import type { Env } from '../env.js';
import { AppError } from '../errors.js';
import type { PromptClassifier } from '../features/classify/types.js';
import { readRunStatus } from '../features/rescore/run-status.js';
import type { RescoreRoutesDeps } from '../http/routes/rescore.js';
import type { Logger } from '../logger.js';
import { ModelIntegrityError } from '../models/head-pins.js';
import { checkVersion, loadClassifier, ModelNotFoundError } from '../models/registry.js';
import type { StartWorker } from '../service.js';
import { loadAccountModelFromEnv } from './account-pipeline.js';
import { createChunkQueue } from './rescore-chunk-queue.js';
import { createRunQueue } from './rescore-runs.js';
import { startChunkWorker } from './rescore-workers.js';
import { startRunWorker } from './rescore-runs.js';

export async function createRescoreApi(ctx: {
  env: Env;
  redis: Redis;
}): Promise<{ routes: RescoreRoutesDeps; close(): Promise<void> }> {
  const runs = createRunQueue({ connection: ctx.redis, prefix: ctx.env.ACCOUNT_PREFIX });
  return {
    routes: {
      submit: (id, data) => runs.submit(id, data),
      status: (id) => readRunStatus(ctx.redis, ctx.env.ACCOUNT_PREFIX, id),
      resolveModel: async (version) => {
        try {
          return await checkVersion({
            modelsDir: ctx.env.DISTILL_GUARD_MODELS_DIR,
            version: version ?? ctx.env.DISTILL_GUARD_MODEL,
          });
        } catch (err) {
          // The registry's messages name server paths: the client gets the version only.
          const name = version ?? ctx.env.DISTILL_GUARD_MODEL;
          if (err instanceof ModelNotFoundError)
            throw new AppError(400, 'model_not_found', `No prompt head ${name} in the model registry.`);
          if (err instanceof ModelIntegrityError)
            throw new AppError(400, 'model_integrity', `Prompt head ${name} does not match its promotion record.`);
          throw err;
        }
      },
      dataDir: ctx.env.DATA_DIR,
      maxUploadBytes: ctx.env.RESCORE_MAX_UPLOAD_BYTES,
    },
    close: () => runs.close(),
  };
}

/** Chunk worker + run worker in one process; the service's own classifier serves its own version. */
export async function startRescoreWorkers(ctx: {
  env: Env;
  redis: Redis;
  logger: Logger;
  classifier?: PromptClassifier;
  encoderThreads?: number;
}): Promise<{ stop(): Promise<void> }> {
  const { env, redis, logger } = ctx;
  const chunks = await startChunkWorker({
    connection: redis,
    prefix: env.ACCOUNT_PREFIX,
    logger,
    maxPromptChars: env.MAX_PROMPT_CHARS,
    lockMs: env.WORKER_LOCK_MS,
    classifierFor: (version) =>
      ctx.classifier !== undefined && ctx.classifier.version === version
        ? Promise.resolve(ctx.classifier)
        : loadClassifier({ modelsDir: env.DISTILL_GUARD_MODELS_DIR, version, encoderThreads: ctx.encoderThreads ?? 1 }),
  });
  const chunkQueue = createChunkQueue({ connection: redis, prefix: env.ACCOUNT_PREFIX });
  const runs = await startRunWorker({
    connection: redis,
    prefix: env.ACCOUNT_PREFIX,
    chunks: chunkQueue,
    accountModel: await loadAccountModelFromEnv(env),
    logger,
    dedupWindowMs: env.ACCOUNT_DEDUP_TTL_S * 1000,
    lockMs: env.WORKER_LOCK_MS,
  });
  logger.info({ prefix: env.ACCOUNT_PREFIX }, 'rescore workers started');
  return {
    async stop() {
      await runs.stop();
      await chunks.stop();
      await chunkQueue.close();
    },
  };
}

export const startRescoreWorker: StartWorker = ({ env, redis, classifier, logger }) =>
  startRescoreWorkers({ env, redis, logger, classifier });

/** Several background workers started and stopped as one (stopped in reverse order). */
export function combineWorkers(...starters: StartWorker[]): StartWorker {
  return async (ctx) => {
    const started: { stop(): Promise<void> }[] = [];
    try {
      for (const start of starters) started.push(await start(ctx));
    } catch (err) {
      for (const w of started.reverse()) await w.stop();
      throw err;
    }
    return {
      async stop() {
        for (const w of [...started].reverse()) await w.stop();
      },
    };
  };
}
