/**
 * Coalesces concurrent event applications into one Redis pipeline per event-loop turn, so a
 * worker processing many jobs at once pays one round trip instead of one per job.
 */
import type { AccountEventJob } from '../../contracts/events.js';
import { batchManyPerTurn } from '../../util/batch-per-turn.js';
import type { AccountAggregates, ApplyOutcome } from './account-aggregates.js';

export function createBatchedApplier(
  store: AccountAggregates,
  maxEvents = 500,
): (events: readonly AccountEventJob[]) => Promise<ApplyOutcome[]> {
  return batchManyPerTurn((events: AccountEventJob[]) => store.apply(events), maxEvents);
}
