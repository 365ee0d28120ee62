import type { AccountEventJob } from '../../contracts/events.js';
import type { ApplyOutcome } from '../../features/aggregate/account-aggregates.js';

/**
 * The events queue's handler: applies one labelled event to its account's aggregates, records it
 * in the account graph the cluster pass reads, keeps its prompt sample, and, when the update opens
 * a debounce window, schedules the account's recompute. A duplicate still schedules (cheap, rare),
 * so a job retried after a crash between the update and the schedule is never left unscored.
 */
export function createIngestHandler(deps: {
  apply: (job: AccountEventJob) => Promise<ApplyOutcome>;
  /** Records the event in the account graph (features/clusters/graph-store.ts). */
  recordGraph: (job: AccountEventJob) => Promise<void>;
  /** Schedules the account's recompute after the debounce window. */
  schedule: (accountHash: string) => Promise<void>;
  /** Keeps the event's prompt sample for analysts (features/verdicts/prompt-samples.ts). */
  sample?: (job: AccountEventJob) => Promise<void>;
}): (event: AccountEventJob) => Promise<void> {
  return async (event) => {
    // The graph and the sample store are idempotent on their own, so they run beside the update, not after it.
    const [outcome] = await Promise.all([deps.apply(event), deps.recordGraph(event), deps.sample?.(event)]);
    if (outcome.schedule || outcome.duplicate) {
      await deps.schedule(outcome.account);
    }
  };
}
