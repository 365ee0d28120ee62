import type { Job } from 'bullmq';
import { AccountEventJob } from '../../contracts/events.js';
import { invalidRequest, issuesToDetails } from '../../errors.js';
import type { ApplyOutcome } from '../../features/aggregate/account-aggregates.js';

/**
 * Applies one labelled event to its account and, when the update opens a debounce window,
 * schedules the account's recompute. A duplicate still schedules (cheap, rare),
 * so a job retried after a crash between the update and the schedule is never left unscored.
 */
export function createIngestProcessor(deps: {
  apply: (job: AccountEventJob) => Promise<ApplyOutcome>;
  /** Schedules the account's recompute after the debounce window. */
  schedule: (accountHash: string) => Promise<void>;
  /** Keeps the event's prompt sample for analysts (features/verdicts/prompt-samples.ts). */
  sample?: (job: AccountEventJob) => Promise<void>;
}): (job: Job) => Promise<void> {
  return async (job) => {
    const parsed = AccountEventJob.safeParse(job.data);
    if (!parsed.success) throw invalidRequest('Malformed account event job.', issuesToDetails(parsed.error.issues));
    // The sample store is idempotent on its own, so it runs beside the update, not after it.
    const [outcome] = await Promise.all([deps.apply(parsed.data), deps.sample?.(parsed.data)]);
    if (outcome.schedule || outcome.duplicate) {
      await deps.schedule(outcome.account);
    }
  };
}
