import type { Command } from 'commander';
import type { Redis } from 'ioredis';
import { loadEnv, type Env } from '../env.js';
import { createLogger, type Logger } from '../logger.js';
import { startRescoreWorkerProcess } from '../queues/processes/rescore-worker.js';
import { connectRedis } from '../redis/connect.js';
import { waitForShutdownSignal } from '../service.js';
import { positiveInt, type CliContext } from './context.js';

const HELP = `
Works on the chunk jobs of re-scoring runs (distill-guard rescore, POST /v1/rescore) on the
Redis at REDIS_URL, under ACCOUNT_PREFIX, until SIGTERM/SIGINT. Run one per core or machine;
each loads the prompt model on its first unlabelled prompt.

Examples:
  $ REDIS_URL=redis://redis:6379 distill-guard rescore-worker --encoder-threads 2
`;

export function registerRescoreWorker(program: Command, ctx: CliContext): void {
  program
    .command('rescore-worker')
    .description('Process re-scoring chunk jobs from the queue (any number of processes and machines).')
    .option('--encoder-threads <n>', 'encoder threads in this process', positiveInt, 1)
    .option('--concurrency <n>', 'chunks processed at once', positiveInt, 2)
    .addHelpText('after', HELP)
    .action(async (opts: { encoderThreads: number; concurrency: number }) => {
      const env = loadEnv(ctx.env);
      const logger = createLogger(env.LOG_LEVEL);
      const redis = await connectRedis(env.REDIS_URL, env.REDIS_CLUSTER_NODES);
      const worker = await startCliRescoreWorker(ctx, env, {
        redis,
        logger,
        modelsDir: env.DISTILL_GUARD_MODELS_DIR,
        encoderThreads: opts.encoderThreads,
        concurrency: opts.concurrency,
      });
      const signal = await waitForShutdownSignal();
      logger.info({ signal }, 'signal received');
      await worker.stop();
      await redis.quit();
      if (worker.loaded()) await ctx.disposeModels();
      ctx.exitCode = 0;
    });
}

/** Starts this process's parts worker; `loaded()` tells whether it loaded a prompt model (first unlabelled prompt). */
export async function startCliRescoreWorker(
  ctx: CliContext,
  env: Env,
  o: { redis: Redis; logger: Logger; modelsDir: string; encoderThreads: number; concurrency?: number },
): Promise<{ stop(): Promise<void>; loaded(): boolean }> {
  let loaded = false;
  const worker = await startRescoreWorkerProcess({
    connection: o.redis,
    prefix: env.ACCOUNT_PREFIX,
    logger: o.logger,
    maxPromptChars: env.MAX_PROMPT_CHARS,
    lockMs: env.WORKER_LOCK_MS,
    ...(o.concurrency !== undefined ? { concurrency: o.concurrency } : {}),
    classifierFor: (version) => {
      loaded = true;
      const load = { modelsDir: o.modelsDir, version, encoderThreads: o.encoderThreads };
      return ctx.loadClassifier(load);
    },
  });
  return { stop: () => worker.stop(), loaded: () => loaded };
}
