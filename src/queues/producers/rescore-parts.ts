/** The chunk queue as the run coordinator sees it: add a chunk (idempotent), ask whether it failed for good. */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { RescoreChunkJob } from '../../contracts/rescore.js';
import type { ChunkQueue } from '../../features/rescore/run-rescore.js';
import { chunkJobId } from '../../features/rescore/run-keys.js';
import { CHUNK_JOB_OPTIONS, RESCORE_CHUNK_QUEUE } from '../rescore-names.js';

export function createChunkQueue(opts: {
  connection: Redis;
  prefix: string;
}): ChunkQueue & { queue: Queue; close(): Promise<void> } {
  const queue = new Queue(RESCORE_CHUNK_QUEUE, { connection: opts.connection, prefix: `${opts.prefix}:bull` });
  return {
    queue,
    async add(data: RescoreChunkJob) {
      const jobId = chunkJobId(data.run, data.index);
      const existing = await queue.getJob(jobId);
      if (existing !== undefined) {
        const state = await existing.getState();
        if (state === 'failed') {
          await existing.retry();
          return;
        }
        if (state !== 'completed' && state !== 'unknown') return;
        await existing.remove();
      }
      await queue.add('chunk', data, { ...CHUNK_JOB_OPTIONS, jobId });
    },
    async failure(run, index) {
      const job = await queue.getJob(chunkJobId(run, index));
      if (job === undefined) return undefined;
      return (await job.getState()) === 'failed' ? (job.failedReason ?? 'failed') : undefined;
    },
    close: () => queue.close(),
  };
}
