/** The producer of the cluster queue: a repeatable pass every few minutes plus on-demand passes. */
import type { Redis } from 'ioredis';
import { openQueue, QUEUES, QueueName } from '../definitions.js';

const { jobName, jobOptions } = QUEUES[QueueName.Clusters];
const SCHEDULER_ID = 'cluster-pass';

export interface ClusterProducer {
  /** Runs a pass every `everyMs` (replacing any previous schedule); 0 removes the schedule. */
  schedule(everyMs: number): Promise<void>;
  /** Asks for a pass now; returns the job id. */
  request(reason?: string): Promise<string>;
  close(): Promise<void>;
}

export function createClusterProducer(opts: { connection: Redis; prefix: string }): ClusterProducer {
  const queue = openQueue(QueueName.Clusters, opts.connection, opts.prefix);
  return {
    async schedule(everyMs) {
      if (everyMs <= 0) {
        await queue.removeJobScheduler(SCHEDULER_ID);
        return;
      }
      await queue.upsertJobScheduler(
        SCHEDULER_ID,
        { every: everyMs },
        { name: jobName, data: { reason: 'schedule' }, opts: jobOptions },
      );
    },
    async request(reason = 'on demand') {
      const job = await queue.add(jobName, { reason }, jobOptions);
      return job.id ?? '';
    },
    close: () => queue.close(),
  };
}
