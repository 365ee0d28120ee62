import type { Job } from 'bullmq';
import { AccountScoreJob } from '../../contracts/events.js';
import { invalidRequest, issuesToDetails } from '../../errors.js';

/** Recomputes one account's likelihood from its stored aggregates. */
export function createScoreProcessor(
  recompute: (accountHash: string) => Promise<unknown>,
): (job: Job) => Promise<void> {
  return async (job) => {
    const parsed = AccountScoreJob.safeParse(job.data);
    if (!parsed.success) throw invalidRequest('Malformed account score job.', issuesToDetails(parsed.error.issues));
    await recompute(parsed.data.account);
  };
}
