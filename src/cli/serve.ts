import type { Command } from 'commander';
import { loadEnv } from '../env.js';
import { createLogger } from '../logger.js';
import { startService, waitForShutdownSignal } from '../service.js';
import { encoderCacheStats, releaseClassifier } from '../models/registry.js';
import { createAccountPipeline, createRescoreApi } from '../queues/processes/api.js';
import { startRescoreWorker } from '../queues/processes/rescore-worker.js';
import { combineWorkers } from '../queues/processes/types.js';
import { startWorker } from '../queues/processes/worker.js';
import { port, type CliContext } from './context.js';

const HELP = `
Starts the HTTP API (POST /v1/classify, GET /healthz, /readyz, /openapi.json). Uses the Redis at
REDIS_URL; when none answers and redis-server is installed, starts a private in-memory one on a
free loopback port and stops it on shutdown. SIGTERM/SIGINT drain in-flight requests first.

Configuration comes from the environment: PORT, HOST, REDIS_URL, DISTILL_GUARD_MODELS_DIR,
DISTILL_GUARD_MODEL, MAX_BODY_BYTES, MAX_PROMPT_CHARS, MAX_BATCH_ITEMS, BATCH_MAX_SIZE,
BATCH_MAX_WAIT_MS, BATCH_MAX_CONCURRENT, ENCODER_THREADS, ENCODER_INTRA_OP_THREADS,
ENCODER_CACHE_ENTRIES, MODEL_CHANNEL, LOG_LEVEL.

A server serving the current version (DISTILL_GUARD_MODEL=current, the default) follows
distill-guard promote over Redis pub/sub (MODEL_CHANNEL) and swaps models between
micro-batches without dropping a request.

Examples:
  $ distill-guard serve
  $ PORT=9000 REDIS_URL=redis://redis:6379 distill-guard serve
  $ distill-guard serve --port 0 --no-worker
  $ curl -s localhost:8080/v1/classify -H 'content-type: application/json' -d '{"input":"Grade this answer 1-10"}'
`;

/** How long a stopped server may take to exit by itself before it is made to. */
const EXIT_AFTER_STOP_MS = 250;

export function registerServe(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description('Run the API (and, when available, the account worker) in one process.')
    .option('-p, --port <n>', 'port to listen on (default: PORT, 8080; 0 picks a free one)', port)
    .option('--no-worker', 'do not start the background account worker')
    .addHelpText('after', HELP)
    .action(async (opts: { port?: number; worker: boolean }) => {
      const env = loadEnv(ctx.env);
      const logger = createLogger(env.LOG_LEVEL);
      const service = await startService({
        env,
        logger,
        loadClassifier: ctx.loadClassifier,
        disposeModels: ctx.disposeModels,
        releaseClassifier,
        encoderCacheStats,
        worker: opts.worker,
        accountPipeline: createAccountPipeline,
        rescoreApi: createRescoreApi,
        startWorker: combineWorkers(startWorker, startRescoreWorker),
        ...(opts.port !== undefined ? { port: opts.port } : {}),
      });
      const signal = await waitForShutdownSignal();
      logger.info({ signal }, 'signal received');
      process.once('SIGINT', () => process.exit(130));
      // Whatever the drain does, the process is gone soon after the bound: a native thread (an
      // encoder inside a graph execution) or a stray handle never keeps it alive.
      const bound = setTimeout(() => process.exit(1), env.SHUTDOWN_TIMEOUT_MS + EXIT_AFTER_STOP_MS);
      bound.unref();
      try {
        await service.stop();
        ctx.exitCode = 0;
      } catch (err) {
        logger.error({ err }, 'shutdown failed');
        ctx.exitCode = 1;
      }
      setTimeout(() => process.exit(ctx.exitCode), EXIT_AFTER_STOP_MS).unref();
    });
}
