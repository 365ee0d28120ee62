import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AccountEventJob } from '../../contracts/events.js';
import { requestHash } from '../../features/aggregate/redis-keys.js';
import { EVENT_JOB_OPTIONS, EVENTS_QUEUE } from '../definitions.js';

export interface EventsProducer {
  /** Enqueues labelled events; the job id is the request hash, so a repeated request adds nothing while its job is pending. */
  enqueue(jobs: readonly AccountEventJob[]): Promise<void>;
  close(): Promise<void>;
  queue: Queue;
}

export function createEventsProducer(opts: { connection: Redis; prefix: string }): EventsProducer {
  const queue = new Queue(EVENTS_QUEUE, { connection: opts.connection, prefix: `${opts.prefix}:bull` });
  return {
    queue,
    async enqueue(jobs) {
      if (jobs.length === 0) return;
      await queue.addBulk(
        jobs.map((data) => ({
          name: 'event',
          data,
          opts: { ...EVENT_JOB_OPTIONS, jobId: requestHash(data.request_id) },
        })),
      );
    },
    close: () => queue.close(),
  };
}
