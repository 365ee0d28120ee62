import type { Command } from 'commander';
import { loadEnv } from '../env.js';
import { createLogger } from '../logger.js';
import { connectRedis } from '../redis/connect.js';
import { startWorker } from '../queues/processes/worker.js';
import { waitForShutdownSignal } from '../service.js';
import type { CliContext } from './context.js';

const HELP = `
Runs the aggregation workers only (no HTTP, no prompt model): applies labelled events from the
queue to per-account state in Redis and recomputes account likelihoods. Run as many as needed
against one Redis. Configuration: REDIS_URL, ACCOUNT_PREFIX, WORKER_CONCURRENCY,
ACCOUNT_DEBOUNCE_MS, ACCOUNT_DEDUP_TTL_S, ACCOUNT_THRESHOLD_*, DISTILL_GUARD_MODELS_DIR.

Examples:
  $ REDIS_URL=redis://redis:6379 distill-guard worker
`;

export function registerWorker(program: Command, ctx: CliContext): void {
  program
    .command('worker')
    .description('Run the account aggregation workers (BullMQ) against REDIS_URL.')
    .addHelpText('after', HELP)
    .action(async () => {
      const env = loadEnv(ctx.env);
      const logger = createLogger(env.LOG_LEVEL);
      const redis = await connectRedis(env.REDIS_URL, env.REDIS_CLUSTER_NODES);
      const workers = await startWorker({ env, redis, logger });
      const signal = await waitForShutdownSignal();
      logger.info({ signal }, 'signal received');
      // Drain in-flight jobs, bounded: a job cut off here is retried by another worker once its lock expires.
      let timer: NodeJS.Timeout | undefined;
      const drained = await Promise.race([
        workers.stop().then(() => true),
        new Promise<false>((resolve) => {
          timer = setTimeout(() => resolve(false), env.SHUTDOWN_TIMEOUT_MS);
        }),
      ]);
      clearTimeout(timer);
      if (!drained)
        logger.warn(
          { ms: env.SHUTDOWN_TIMEOUT_MS },
          'jobs still running at the shutdown deadline; they will be retried',
        );
      await redis.quit().catch(() => redis.disconnect());
      ctx.exitCode = drained ? 0 : 1;
    });
}
