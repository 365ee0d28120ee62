import type { AccountScoreJob } from '../../contracts/events.js';

/** Accounts recomputed together (one read pass, one write pipeline). */
export const RECOMPUTE_BATCH = 50;

/**
 * The score queue's handler: recomputes the accounts a job names, RECOMPUTE_BATCH at a time, one
 * batch after another, so the worker's concurrency still bounds how much recompute work runs at
 * once. Recomputes are idempotent: when a batch fails the others still run, then the job fails,
 * and a retry or the account's next update recomputes it again.
 */
export function createScoreHandler(
  recompute: (accountHashes: readonly string[]) => Promise<unknown>,
): (job: AccountScoreJob) => Promise<void> {
  return async (job) => {
    const accounts = 'accounts' in job ? job.accounts : [job.account];
    let failure: { err: unknown } | undefined;
    for (let i = 0; i < accounts.length; i += RECOMPUTE_BATCH) {
      try {
        await recompute(accounts.slice(i, i + RECOMPUTE_BATCH));
      } catch (err) {
        failure ??= { err };
      }
    }
    if (failure !== undefined) throw failure.err;
  };
}
