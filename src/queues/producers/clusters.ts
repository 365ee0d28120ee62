/** The cluster queue: a repeatable pass every few minutes plus on-demand passes, one at a time. */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

export const CLUSTER_QUEUE = 'account-clusters';
const SCHEDULER_ID = 'cluster-pass';
const JOB_OPTIONS = {
  removeOnComplete: 100,
  removeOnFail: 100,
  attempts: 2,
  backoff: { type: 'fixed', delay: 5000 },
} as const;

export const createClusterQueue = (connection: Redis, prefix: string): Queue =>
  new Queue(CLUSTER_QUEUE, { connection, prefix: `${prefix}:bull` });

/** Runs a pass every `everyMs` (replacing any previous schedule); 0 removes the schedule. */
export async function scheduleClusterPasses(queue: Queue, everyMs: number): Promise<void> {
  if (everyMs <= 0) {
    await queue.removeJobScheduler(SCHEDULER_ID);
    return;
  }
  await queue.upsertJobScheduler(
    SCHEDULER_ID,
    { every: everyMs },
    { name: 'pass', data: { reason: 'schedule' }, opts: JOB_OPTIONS },
  );
}

/** Asks for a pass now; returns the job id. */
export async function requestClusterPass(queue: Queue, reason = 'on demand'): Promise<string> {
  const job = await queue.add('pass', { reason }, JOB_OPTIONS);
  return job.id ?? '';
}
