/**
 * The dead-letter queue: jobs that failed for good (every attempt used, or an error that retrying
 * cannot fix, such as a malformed job) are copied here with their error, so nothing disappears
 * silently (queues/start-worker.ts records them). It is a BullMQ queue without a worker: entries wait to be read (`GET /v1/dead-letters`)
 * and, after a fix, retried.
 */
import type { Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { DeadLetter, DeadLetterList } from '../../contracts/dead-letters.js';
import { openQueue, QUEUES, QueueName } from '../definitions.js';

const { jobName, jobOptions } = QUEUES[QueueName.DeadLetters];

export interface DeadLetters {
  queue: Queue;
  /** Records a job that failed for good; idempotent per (queue, job id). */
  record(queue: string, job: Job, error: string): Promise<void>;
  list(opts: { limit: number; offset: number }): Promise<DeadLetterList>;
  close(): Promise<void>;
}

const entryId = (queue: string, jobId: string) => `${queue}--${jobId}`;

export function createDeadLetters(opts: {
  connection: Redis;
  prefix: string;
  onRecorded?: (queue: string) => void;
}): DeadLetters {
  const queue = openQueue(QueueName.DeadLetters, opts.connection, opts.prefix);
  return {
    queue,
    async record(source, job, error) {
      const jobId = String(job.id ?? 'unknown');
      const entry: DeadLetter = {
        id: entryId(source, jobId),
        queue: source,
        job_id: jobId,
        name: job.name,
        data: job.data as unknown,
        error: error.slice(0, 4000),
        attempts: job.attemptsMade,
        failed_at: new Date().toISOString(),
      };
      const existing = await queue.getJob(entry.id);
      if (existing !== undefined) return;
      await queue.add(jobName, entry, { ...jobOptions, jobId: entry.id });
      opts.onRecorded?.(source);
    },
    async list({ limit, offset }) {
      const [jobs, total] = await Promise.all([
        queue.getJobs(['waiting'], offset, offset + limit - 1, true),
        queue.getWaitingCount(),
      ]);
      return { total, dead_letters: jobs.filter((j) => j !== undefined).map((j) => j.data as DeadLetter) };
    },
    close: () => queue.close(),
  };
}
