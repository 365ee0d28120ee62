/**
 * Coalesces concurrent single-event applications into one Redis pipeline per event-loop turn,
 * so a worker processing many jobs at once pays one round trip instead of one per job.
 */
import type { AccountEventJob } from '../../contracts/events.js';
import { batchPerTurn } from '../../util/batch-per-turn.js';
import type { AccountAggregates, ApplyOutcome } from './account-aggregates.js';

export function createBatchedApplier(
  store: AccountAggregates,
  maxBatch = 500,
): (job: AccountEventJob) => Promise<ApplyOutcome> {
  return batchPerTurn((jobs: AccountEventJob[]) => store.apply(jobs), maxBatch);
}
