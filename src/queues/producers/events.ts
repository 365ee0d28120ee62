/**
 * The producer of the events queue: labelled events from `POST /v1/events` (and spool replay).
 * The events of every `enqueue` call made in one event-loop turn go on the queue together, up to
 * EVENTS_JOB_MAX_EVENTS per job, in one `addBulk`: the queue's cost per job is shared by the events
 * of many concurrent gateway calls.
 */
import type { Redis } from 'ioredis';
import {
  EVENTS_JOB_MAX_EVENTS,
  eventsOf,
  type AccountEventJob,
  type AccountEventsJob,
} from '../../contracts/events.js';
import { hashId } from '../../features/aggregate/prompt-signals.js';
import { requestHash } from '../../features/aggregate/redis-keys.js';
import { batchPerTurn } from '../../util/batch-per-turn.js';
import { openQueue, QUEUES, QueueName } from '../definitions.js';

const { jobName, jobOptions } = QUEUES[QueueName.Events];

export interface EventsProducer {
  /**
   * Enqueues labelled events. A job's id is derived from its events' request ids (one event: its
   * request hash), so the same events enqueued again add nothing while their job is pending; the
   * account update counts each request once in any case.
   */
  enqueue(jobs: readonly AccountEventJob[]): Promise<void>;
  close(): Promise<void>;
  queue: ReturnType<typeof openQueue<typeof QueueName.Events>>;
}

/** The job id of a group of events. */
export function eventsJobId(events: readonly AccountEventJob[]): string {
  const hashes = events.map((e) => requestHash(e.request_id));
  return hashes.length === 1 ? (hashes[0] as string) : `b${hashId(hashes.join(','))}`;
}

/** Splits events into queue jobs of at most `maxEvents`, in order. */
export function toEventsJobs(
  events: readonly AccountEventJob[],
  maxEvents = EVENTS_JOB_MAX_EVENTS,
): AccountEventsJob[] {
  const jobs: AccountEventsJob[] = [];
  for (let i = 0; i < events.length; i += maxEvents) jobs.push({ events: events.slice(i, i + maxEvents) });
  return jobs;
}

export function createEventsProducer(opts: {
  connection: Redis;
  prefix: string;
  maxEventsPerJob?: number;
}): EventsProducer {
  const queue = openQueue(QueueName.Events, opts.connection, opts.prefix);
  const maxEvents = Math.min(opts.maxEventsPerJob ?? EVENTS_JOB_MAX_EVENTS, EVENTS_JOB_MAX_EVENTS);
  const add = batchPerTurn(async (calls: (readonly AccountEventJob[])[]) => {
    const jobs = toEventsJobs(calls.flat(), maxEvents);
    await queue.addBulk(
      jobs.map((data) => ({
        name: jobName,
        data,
        opts: { ...jobOptions, jobId: eventsJobId(eventsOf(data)) },
      })),
    );
  });
  return {
    queue,
    async enqueue(jobs) {
      if (jobs.length === 0) return;
      await add(jobs);
    },
    close: () => queue.close(),
  };
}
