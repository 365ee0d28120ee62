/**
 * The one way to run a queue's jobs: `startQueueWorker(queue, handler)` opens a BullMQ worker on
 * the queue's definition (definitions.ts), hands the handler the payload parsed with the queue's
 * schema, logs failed jobs and worker errors, and records every job that fails for good in the
 * dead-letter queue (a malformed payload fails at once, without retries).
 */
import { UnrecoverableError, WaitingChildrenError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { invalidRequest, isAppError, issuesToDetails } from '../errors.js';
import type { Logger } from '../logger.js';
import { bullPrefix } from '../redis/bull-prefix.js';
import { QUEUES, type Payload, type QueueName, type QueueWorkerOptions } from './definitions.js';
import type { DeadLetters } from './producers/dead-letters.js';

/** Does one job's work with its parsed payload; what it returns is the job's result (`token`: the job's lock, for flow steps). */
export type QueueHandler<Q extends QueueName, R = unknown> = (data: Payload<Q>, job: Job, token?: string) => Promise<R>;

export interface QueueWorkerContext {
  /** Connection with `maxRetriesPerRequest: null` (BullMQ duplicates it for blocking calls). */
  connection: Redis;
  prefix: string;
  logger: Logger;
  deadLetters: DeadLetters;
  /** Job lock: a job held by a worker that died is retried by another after about this long. */
  lockMs?: number;
  /** Overrides of the queue's worker options (e.g. concurrency from the environment). */
  options?: Partial<QueueWorkerOptions>;
}

export interface QueueWorker {
  worker: Worker;
  stop(): Promise<void>;
}

export async function startQueueWorker<Q extends QueueName>(
  queue: Q,
  handler: QueueHandler<Q>,
  ctx: QueueWorkerContext,
): Promise<QueueWorker> {
  const definition = QUEUES[queue];
  const { logger } = ctx;
  const parse = async (job: Job, token?: string) => {
    const parsed = definition.payload.safeParse(job.data);
    if (!parsed.success) throw invalidRequest(`Malformed ${definition.job} job.`, issuesToDetails(parsed.error.issues));
    return handler(parsed.data as Payload<Q>, job, token);
  };
  const worker = new Worker(queue, withDeadLetter(queue, parse, ctx.deadLetters), {
    ...definition.worker(ctx.lockMs ?? 30_000),
    ...ctx.options,
    connection: ctx.connection,
    prefix: bullPrefix(ctx.prefix),
  });
  deadLetterOnFinalFailure(worker, ctx.deadLetters, logger);
  const completed = 'completed' in definition ? definition.completed : undefined;
  if (completed !== undefined)
    worker.on('completed', (job, result: unknown) =>
      logger[completed.level]({ queue, jobId: job.id, result }, completed.message),
    );
  worker.on('failed', (job, err) => logger.warn({ queue, jobId: job?.id, err: err.message }, 'job failed'));
  worker.on('error', (err) => logger.error({ queue, err: err.message }, 'worker error'));
  await worker.waitUntilReady();
  return { worker, stop: () => worker.close() };
}

/** True when retrying cannot help: the job itself is invalid (a 4xx AppError). */
const isPermanent = (err: unknown): boolean =>
  err instanceof UnrecoverableError || (isAppError(err) && err.status < 500);

const message = (err: unknown) => (err instanceof Error ? `${err.name}: ${err.message}` : String(err));

/**
 * Wraps a BullMQ processor (a job handler): a permanent error, or any error on the last allowed attempt, records the job
 * in the dead-letter queue before the job fails (a permanent error fails it without retries).
 */
export function withDeadLetter<R>(
  source: string,
  handler: (job: Job, token?: string) => Promise<R>,
  deadLetters: DeadLetters,
): (job: Job, token?: string) => Promise<R> {
  return async (job, token) => {
    try {
      return await handler(job, token);
    } catch (err) {
      // A parent waiting for the children it just added: not a failure.
      if (err instanceof WaitingChildrenError) throw err;
      const permanent = isPermanent(err);
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (permanent || lastAttempt) await deadLetters.record(source, job, message(err));
      if (permanent && !(err instanceof UnrecoverableError)) throw new UnrecoverableError(message(err));
      throw err;
    }
  };
}

/**
 * Also catches failures that never reach the handler's catch, e.g. a job that stalled more
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
