/** The producer of the rescore runs queue: a run submitted over HTTP, recorded as queued at once. */
import type { Redis } from 'ioredis';
import type { RescoreRunJob } from '../../contracts/rescore.js';
import { RUN_TTL_S, runKeys } from '../../features/rescore/run-keys.js';
import { openQueue, QUEUES, QueueName } from '../definitions.js';

const { jobName, jobOptions } = QUEUES[QueueName.RescoreRuns];

export interface RunProducer {
  /** Records the run as queued (visible to `GET /v1/jobs/:id` at once) and queues it. */
  submit(runId: string, data: RescoreRunJob): Promise<void>;
  close(): Promise<void>;
}

export function createRunProducer(opts: { connection: Redis; prefix: string }): RunProducer {
  const queue = openQueue(QueueName.RescoreRuns, opts.connection, opts.prefix);
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
      await queue.add(jobName, data, { ...jobOptions, jobId: runId });
    },
    close: () => queue.close(),
  };
}
