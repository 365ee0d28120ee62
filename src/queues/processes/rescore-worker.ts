/** Wires batch re-scoring into the service: the API side (submit, status) and the workers. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Redis } from 'ioredis';
import type { Env } from '../../env.js';
import { AppError } from '../../errors.js';
import type { PromptClassifier } from '../../models/prompt-classifier.js';
import { readRunStatus } from '../../features/rescore/run-status.js';
import type { RescoreRoutesDeps } from '../../http/routes/rescore.js';
import type { Logger } from '../../logger.js';
import { loadClassifier, ModelNotFoundError, resolveVersion } from '../../models/registry.js';
import type { StartWorker } from '../../service.js';
import { loadAccountModelFromEnv } from './api.js';
import { createChunkQueue } from '../producers/rescore-parts.js';
import { createRunQueue } from '../handlers/rescore-run.js';
import { startChunkWorker } from '../rescore-workers.js';
import { startRunWorker } from '../handlers/rescore-run.js';

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
          const resolved = await resolveVersion({
            modelsDir: ctx.env.DISTILL_GUARD_MODELS_DIR,
            version: version ?? ctx.env.DISTILL_GUARD_MODEL,
          });
          await loadClassifierCheck(ctx.env.DISTILL_GUARD_MODELS_DIR, resolved.version);
          return resolved.version;
        } catch (err) {
          if (err instanceof ModelNotFoundError) throw new AppError(400, 'model_not_found', err.message);
          throw err;
        }
      },
      dataDir: ctx.env.DATA_DIR,
      maxUploadBytes: ctx.env.RESCORE_MAX_UPLOAD_BYTES,
    },
    close: () => runs.close(),
  };
}

/** A version exists when its head.json can be read (no weights loaded). */
async function loadClassifierCheck(modelsDir: string, version: string): Promise<void> {
  await readFile(path.join(modelsDir, version, 'head.json')).catch(() => {
    throw new ModelNotFoundError(`no model ${version} in ${modelsDir}`);
  });
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
