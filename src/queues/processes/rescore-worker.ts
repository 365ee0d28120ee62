/**
 * The `rescore-worker` process (also run inside `serve` and `rescore`): the parts worker (the map
 * step of re-scoring; any number of processes on one Redis) and, where HTTP-submitted runs are
 * coordinated, the runs worker (one run at a time per process).
 */
import type { Redis } from 'ioredis';
import { loadAccountModelFromEnv } from '../../features/aggregate/account-model-env.js';
import type { AccountModel } from '../../features/aggregate/account-model.js';
import { createPartRunner, type PartRunnerDeps } from '../../features/rescore/part-runner.js';
import type { Logger } from '../../logger.js';
import { loadClassifier } from '../../models/registry.js';
import { QueueName } from '../definitions.js';
import { createRescoreRunHandler } from '../handlers/rescore-run.js';
import { createDeadLetters } from '../producers/dead-letters.js';
import { createPartProducer } from '../producers/rescore-parts.js';
import { startQueueWorker, type QueueWorker } from '../start-worker.js';
import type { StartWorker, Stoppable } from './types.js';

export interface RescoreWorkerOptions extends Omit<PartRunnerDeps, 'redis'> {
  connection: Redis;
  logger: Logger;
  /** Parts processed at once (default 2: one part's parsing overlaps another's encoder calls). */
  concurrency?: number;
  /** A part (or run) of a killed worker is retried by another after about this long. */
  lockMs?: number;
  /** Coordinate HTTP-submitted runs in this process too; absent: parts only. */
  runs?: { accountModel: AccountModel; dedupWindowMs: number };
  /** Called when a job is moved to the dead-letter queue. */
  onDeadLetter?: (queue: string) => void;
}

export async function startRescoreWorkerProcess(opts: RescoreWorkerOptions): Promise<Stoppable> {
  const { connection, prefix, logger } = opts;
  const deadLetters = createDeadLetters({
    connection,
    prefix,
    ...(opts.onDeadLetter ? { onRecorded: opts.onDeadLetter } : {}),
  });
  const context = { connection, prefix, logger, deadLetters, lockMs: opts.lockMs ?? 30_000 };
  const parts = createPartProducer({ connection, prefix });
  const workers: QueueWorker[] = [];
  const stop = async () => {
    for (const w of workers.splice(0).reverse()) await w.stop();
    await parts.close();
    await deadLetters.close();
  };
  try {
    const runPart = createPartRunner({ ...opts, redis: connection });
    workers.push(
      await startQueueWorker(QueueName.RescoreParts, (job) => runPart(job), {
        ...context,
        ...(opts.concurrency !== undefined ? { options: { concurrency: opts.concurrency } } : {}),
      }),
    );
    if (opts.runs !== undefined) {
      const run = createRescoreRunHandler({ redis: connection, prefix, parts, logger, ...opts.runs });
      workers.push(await startQueueWorker(QueueName.RescoreRuns, run, context));
    }
  } catch (err) {
    await stop();
    throw err;
  }
  logger.info({ prefix, runs: opts.runs !== undefined }, 'rescore workers started');
  return { stop };
}

/** The rescore workers as `serve` runs them: parts and runs; the service's own classifier serves its own version. */
export const startRescoreWorker: StartWorker = async ({ env, redis, classifier, logger, metrics }) =>
  startRescoreWorkerProcess({
    connection: redis,
    prefix: env.ACCOUNT_PREFIX,
    logger,
    maxPromptChars: env.MAX_PROMPT_CHARS,
    lockMs: env.WORKER_LOCK_MS,
    classifierFor: (version) =>
      classifier !== undefined && classifier.version === version
        ? Promise.resolve(classifier)
        : loadClassifier({ modelsDir: env.DISTILL_GUARD_MODELS_DIR, version, encoderThreads: 1 }),
    runs: { accountModel: await loadAccountModelFromEnv(env), dedupWindowMs: env.ACCOUNT_DEDUP_TTL_S * 1000 },
    ...(metrics !== undefined ? { onDeadLetter: (queue: string) => metrics.deadLettered.inc({ queue }) } : {}),
  });
