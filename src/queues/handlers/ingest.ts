import type { Job } from 'bullmq';
import { eventsOf, type AccountEventJob, type AccountEventsJob } from '../../contracts/events.js';
import type { ApplyOutcome } from '../../features/aggregate/account-aggregates.js';

/**
 * The events queue's handler: applies a job's labelled events to their accounts' aggregates,
 * records them in the account graph the cluster pass reads, keeps their prompt samples, and
 * schedules the recompute of every account whose update opened a debounce window. A duplicate
 * still schedules (cheap, rare), so a job retried after a crash between the update and the
 * schedule is never left unscored.
 */
export function createIngestHandler(deps: {
  apply: (events: readonly AccountEventJob[]) => Promise<ApplyOutcome[]>;
  /** Records the events in the account graph (features/clusters/graph-store.ts). */
  recordGraph: (events: readonly AccountEventJob[]) => Promise<void>;
  /** Schedules the account's recompute after the debounce window. */
  schedule: (accountHash: string) => Promise<void>;
  /** Keeps the events' prompt samples for analysts (features/verdicts/prompt-samples.ts). */
  sample?: (events: readonly AccountEventJob[]) => Promise<void>;
  /** Counts events applied, or failed for good, for the overview's events/s (features/dashboard/event-rate.ts). */
  count?: (counts: { completed?: number; failed?: number }) => Promise<void>;
}): (data: AccountEventsJob, job?: Job) => Promise<void> {
  return async (data, job) => {
    const events = eventsOf(data);
    try {
      // The graph and the sample store are idempotent on their own, so they run beside the update, not after it.
      const [outcomes] = await Promise.all([deps.apply(events), deps.recordGraph(events), deps.sample?.(events)]);
      const due = new Set(outcomes.filter((o) => o.schedule || o.duplicate).map((o) => o.account));
      await Promise.all([...due].map((account) => deps.schedule(account)));
    } catch (err) {
      const lastAttempt = job === undefined || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (lastAttempt) await deps.count?.({ failed: events.length }).catch(() => undefined);
      throw err;
    }
    // A count that fails must not fail the job (its events are applied).
    await deps.count?.({ completed: events.length }).catch(() => undefined);
  };
}
