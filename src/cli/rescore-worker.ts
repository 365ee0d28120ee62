import type { Command } from 'commander';
import { loadEnv } from '../env.js';
import { createLogger } from '../logger.js';
import { startChunkWorker } from '../queues/rescore-workers.js';
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
    .option('--encoder-threads <n>', 'encoder worker threads in this process', positiveInt, 1)
    .option('--concurrency <n>', 'chunks processed at once', positiveInt, 2)
    .addHelpText('after', HELP)
    .action(async (opts: { encoderThreads: number; concurrency: number }) => {
      const env = loadEnv(ctx.env);
      const logger = createLogger(env.LOG_LEVEL);
      const redis = await connectRedis(env.REDIS_URL);
      let loaded = false;
      const worker = await startChunkWorker({
        connection: redis,
        prefix: env.ACCOUNT_PREFIX,
        logger,
        maxPromptChars: env.MAX_PROMPT_CHARS,
        lockMs: env.WORKER_LOCK_MS,
        concurrency: opts.concurrency,
        classifierFor: (version) => {
          loaded = true;
          const load = { modelsDir: env.DISTILL_GUARD_MODELS_DIR, version, encoderThreads: opts.encoderThreads };
          return ctx.loadClassifier(load);
        },
      });
      const signal = await waitForShutdownSignal();
      logger.info({ signal }, 'signal received');
      await worker.stop();
      await redis.quit();
      if (loaded) await ctx.disposeModels();
      ctx.exitCode = 0;
    });
}
