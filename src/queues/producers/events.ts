/** The producer of the events queue: labelled events from `POST /v1/events` (and spool replay). */
import type { Redis } from 'ioredis';
import type { AccountEventJob } from '../../contracts/events.js';
import { requestHash } from '../../features/aggregate/redis-keys.js';
import { openQueue, QUEUES, QueueName } from '../definitions.js';

const { jobName, jobOptions } = QUEUES[QueueName.Events];

export interface EventsProducer {
  /** Enqueues labelled events; the job id is the request hash, so a repeated request adds nothing while its job is pending. */
  enqueue(jobs: readonly AccountEventJob[]): Promise<void>;
  close(): Promise<void>;
  queue: ReturnType<typeof openQueue<typeof QueueName.Events>>;
}

export function createEventsProducer(opts: { connection: Redis; prefix: string }): EventsProducer {
  const queue = openQueue(QueueName.Events, opts.connection, opts.prefix);
  return {
    queue,
    async enqueue(jobs) {
      if (jobs.length === 0) return;
      await queue.addBulk(
        jobs.map((data) => ({ name: jobName, data, opts: { ...jobOptions, jobId: requestHash(data.request_id) } })),
      );
    },
    close: () => queue.close(),
  };
}
