import type { AccountScoreJob } from '../../contracts/events.js';

/**
 * The score queue's handler: recomputes the accounts a job names one after another, so the
 * worker's concurrency still bounds how many recomputes run at once, as with one account per
 * job. Recomputes are idempotent: when one fails the others still run, then the job fails, and
 * a retry or the account's next update recomputes it again.
 */
export function createScoreHandler(
  recompute: (accountHash: string) => Promise<unknown>,
): (job: AccountScoreJob) => Promise<void> {
  return async (job) => {
    let failure: { err: unknown } | undefined;
    for (const h of 'accounts' in job ? job.accounts : [job.account]) {
      try {
        await recompute(h);
      } catch (err) {
        failure ??= { err };
      }
    }
    if (failure !== undefined) throw failure.err;
  };
}
