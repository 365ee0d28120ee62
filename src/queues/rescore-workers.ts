/**
 * Rescore workers: the chunk worker (map step; any number of processes on one Redis) and,
 * where HTTP-submitted runs are coordinated, the run worker (one run at a time per process).
 */
import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import { createChunkRunner, type ChunkRunnerDeps } from '../features/rescore/part-runner.js';
import { createRescoreChunkProcessor } from './handlers/rescore-part.js';
import { RESCORE_CHUNK_QUEUE } from './rescore-names.js';

export interface ChunkWorkerOptions extends Omit<ChunkRunnerDeps, 'redis'> {
  connection: Redis;
  logger: Logger;
  /** Chunks processed at once: 2 lets one chunk's parsing overlap another's encoder calls. */
  concurrency?: number;
  /** A chunk of a killed worker is retried by another after about this long. */
  lockMs?: number;
}

export async function startChunkWorker(opts: ChunkWorkerOptions): Promise<{ worker: Worker; stop(): Promise<void> }> {
  const run = createChunkRunner({ ...opts, redis: opts.connection });
  const lockMs = opts.lockMs ?? 30_000;
  const worker = new Worker(RESCORE_CHUNK_QUEUE, createRescoreChunkProcessor(run), {
    connection: opts.connection,
    prefix: `${opts.prefix}:bull`,
    concurrency: opts.concurrency ?? 2,
    lockDuration: lockMs,
    stalledInterval: Math.max(1000, Math.floor(lockMs / 2)),
    // A chunk is idempotent: one whose lock lapsed (a dead worker, or a starved event loop on a
    // saturated machine) is simply run again rather than failed.
    maxStalledCount: 5,
  });
  worker.on('completed', (job) => opts.logger.debug({ queue: RESCORE_CHUNK_QUEUE, jobId: job.id }, 'chunk committed'));
  worker.on('failed', (job, err) =>
    opts.logger.warn({ queue: RESCORE_CHUNK_QUEUE, jobId: job?.id, err: err.message }, 'chunk failed'),
  );
  worker.on('error', (err) => opts.logger.error({ queue: RESCORE_CHUNK_QUEUE, err: err.message }, 'worker error'));
  await worker.waitUntilReady();
  return { worker, stop: () => worker.close() };
}
