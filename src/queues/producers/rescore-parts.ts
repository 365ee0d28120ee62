/** The producer of the rescore parts queue, as the run coordinator sees it: add a part (idempotent), ask whether it failed for good. */
import type { Redis } from 'ioredis';
import type { RescorePartJob } from '../../contracts/rescore.js';
import type { PartQueue } from '../../features/rescore/run-rescore.js';
import { partJobId } from '../../features/rescore/run-keys.js';
import { openQueue, QUEUES, QueueName } from '../definitions.js';

const { jobName, jobOptions } = QUEUES[QueueName.RescoreParts];

export function createPartProducer(opts: {
  connection: Redis;
  prefix: string;
}): PartQueue & { close(): Promise<void> } {
  const queue = openQueue(QueueName.RescoreParts, opts.connection, opts.prefix);
  return {
    async add(data: RescorePartJob) {
      const jobId = partJobId(data.run, data.index);
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
      await queue.add(jobName, data, { ...jobOptions, jobId });
    },
    async failure(run, index) {
      const job = await queue.getJob(partJobId(run, index));
      if (job === undefined) return undefined;
      return (await job.getState()) === 'failed' ? (job.failedReason ?? 'failed') : undefined;
    },
    close: () => queue.close(),
  };
}
