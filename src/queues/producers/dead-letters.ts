/**
 * The dead-letter queue: jobs that failed for good (every attempt used, or an error that retrying
 * cannot fix, such as a malformed job) are copied here with their error, so nothing disappears
 * silently. It is a BullMQ queue without a worker: entries wait to be read (`GET /v1/dead-letters`)
 * and, after a fix, retried.
 */
import { Queue, UnrecoverableError, type Job, type Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { isAppError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { DeadLetter, DeadLetterList } from '../../contracts/dead-letters.js';

export const DEAD_LETTER_QUEUE = 'dead-letters';

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
  const queue = new Queue(DEAD_LETTER_QUEUE, { connection: opts.connection, prefix: `${opts.prefix}:bull` });
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
      await queue.add('dead-letter', entry, { jobId: entry.id, removeOnComplete: true });
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

/** True when retrying cannot help: the job itself is invalid (a 4xx AppError). */
const isPermanent = (err: unknown): boolean =>
  err instanceof UnrecoverableError || (isAppError(err) && err.status < 500);

const message = (err: unknown) => (err instanceof Error ? `${err.name}: ${err.message}` : String(err));

/**
 * Wraps a processor: a permanent error, or any error on the last allowed attempt, records the job
 * in the dead-letter queue before the job fails (a permanent error fails it without retries).
 */
export function withDeadLetter(
  source: string,
  processor: (job: Job) => Promise<void>,
  deadLetters: DeadLetters,
): (job: Job) => Promise<void> {
  return async (job) => {
    try {
      await processor(job);
    } catch (err) {
      const permanent = isPermanent(err);
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (permanent || lastAttempt) await deadLetters.record(source, job, message(err));
      if (permanent && !(err instanceof UnrecoverableError)) throw new UnrecoverableError(message(err));
      throw err;
    }
  };
}

/**
 * Also catches failures that never reach the processor's catch, e.g. a job that stalled more
 * often than allowed because its workers kept dying: on the worker's `failed` event, a job that
 * will not be retried is recorded.
 */
export function deadLetterOnFinalFailure(worker: Worker, deadLetters: DeadLetters, logger: Logger): void {
  worker.on('failed', (job, err) => {
    if (job === undefined) return;
    const willRetry =
      job.attemptsMade < (job.opts.attempts ?? 1) &&
      !(err instanceof UnrecoverableError) &&
      !/stalled more than/i.test(err.message);
    if (willRetry) return;
    deadLetters.record(worker.name, job, message(err)).catch((e: unknown) => {
      logger.error({ queue: worker.name, jobId: job.id, err: message(e) }, 'could not record a dead letter');
    });
  });
}
