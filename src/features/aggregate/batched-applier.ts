/**
 * Coalesces concurrent single-event applications into one Redis pipeline per event-loop turn,
 * so a worker processing many jobs at once pays one round trip instead of one per job.
 */
import type { AccountEventJob } from '../../contracts/events.js';
import type { AccountStore, ApplyOutcome } from './account-store.js';

interface Pending {
  job: AccountEventJob;
  resolve(outcome: ApplyOutcome): void;
  reject(err: unknown): void;
}

export function createBatchedApplier(store: AccountStore, maxBatch = 500): (job: AccountEventJob) => Promise<ApplyOutcome> {
  let pending: Pending[] = [];
  let scheduled = false;

  const flush = async (): Promise<void> => {
    scheduled = false;
    const batch = pending;
    pending = [];
    for (let i = 0; i < batch.length; i += maxBatch) {
      const part = batch.slice(i, i + maxBatch);
      try {
        const outcomes = await store.apply(part.map((p) => p.job));
        part.forEach((p, k) => p.resolve(outcomes[k]!));
      } catch (err) {
        for (const p of part) p.reject(err);
      }
    }
  };

  return (job) =>
    new Promise<ApplyOutcome>((resolve, reject) => {
      pending.push({ job, resolve, reject });
      if (!scheduled) {
        scheduled = true;
        setImmediate(() => void flush());
      }
    });
}
