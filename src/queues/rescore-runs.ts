/**
 * Runs submitted over HTTP: a run is a job on the run queue whose processor coordinates it
 * (reads the input, queues its chunks, merges, writes the output). A run job whose process died
 * is picked up again by BullMQ and resumes from its committed chunks under the same run id.
 */
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { RescoreRunJob } from '../contracts/rescore.js';
import { isAppError } from '../errors.js';
import type { AccountModel } from '../features/aggregate/account-model.js';
import { writeRescoreLines } from '../features/rescore/output-file.js';
import { RUN_TTL_S, runKeys } from '../features/rescore/run-keys.js';
import { runRescore, type ChunkQueue } from '../features/rescore/run-rescore.js';
import type { Logger } from '../logger.js';
import { RESCORE_RUN_QUEUE } from './rescore-names.js';

export interface RunQueue {
  /** Records the run as queued (visible to `GET /v1/jobs/:id` at once) and queues it. */
  submit(runId: string, data: RescoreRunJob): Promise<void>;
  close(): Promise<void>;
}

export function createRunQueue(opts: { connection: Redis; prefix: string }): RunQueue {
  const queue = new Queue(RESCORE_RUN_QUEUE, { connection: opts.connection, prefix: `${opts.prefix}:bull` });
  return {
    async submit(runId, data) {
      const keys = runKeys(opts.prefix, runId);
      await opts.connection
        .multi()
        .hset(keys.meta, {
          state: 'queued',
          input: data.input,
          output: data.output,
          model: data.model,
          created_at: new Date().toISOString(),
        })
        .expire(keys.meta, RUN_TTL_S)
        .exec();
      await queue.add('run', data, {
        jobId: runId,
        attempts: 3,
        backoff: { type: 'fixed', delay: 1000 },
        removeOnComplete: { age: 86_400 },
        removeOnFail: { age: 7 * 86_400 },
      });
    },
    close: () => queue.close(),
  };
}

export interface RunWorkerOptions {
  connection: Redis;
  prefix: string;
  chunks: ChunkQueue;
  accountModel: AccountModel;
  logger: Logger;
  dedupWindowMs: number;
  lockMs?: number;
}

export async function startRunWorker(opts: RunWorkerOptions): Promise<{ worker: Worker; stop(): Promise<void> }> {
  const worker = new Worker(
    RESCORE_RUN_QUEUE,
    async (job) => {
      const data = RescoreRunJob.parse(job.data);
      try {
        const result = await runRescore(
          { redis: opts.connection, prefix: opts.prefix, queue: opts.chunks, accountModel: opts.accountModel },
          {
            runId: job.id!,
            input: data.input,
            outputName: data.output,
            write: (lines) => writeRescoreLines(data.output, lines, data.root),
            ...(data.clusters !== undefined ? { clusters: data.clusters } : {}),
            ...(data.root !== undefined ? { root: data.root } : {}),
            model: data.model,
            lineLabels: data.lineLabels,
            prescreen: data.prescreen,
            dedupWindowMs: opts.dedupWindowMs,
            resume: true,
          },
        );
        opts.logger.info({ run: job.id, ...result.summary }, 'rescore run completed');
        return result.summary;
      } catch (err) {
        // Bad input will not get better on a retry.
        if (isAppError(err) && err.status < 500) throw new UnrecoverableError(err.message);
        throw err;
      }
    },
    { connection: opts.connection, prefix: `${opts.prefix}:bull`, concurrency: 1, lockDuration: opts.lockMs ?? 30_000 },
  );
  worker.on('failed', (job, err) =>
    opts.logger.warn({ queue: RESCORE_RUN_QUEUE, jobId: job?.id, err: err.message }, 'rescore run failed'),
  );
  worker.on('error', (err) => opts.logger.error({ queue: RESCORE_RUN_QUEUE, err: err.message }, 'worker error'));
  await worker.waitUntilReady();
  return { worker, stop: () => worker.close() };
}
