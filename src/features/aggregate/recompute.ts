import type { AccountModel } from './account-model.js';
import type { AccountScores } from './account-scores.js';
import type { AccountAggregates } from './account-aggregates.js';
import { scoreSummary } from './score-account.js';
import type { AccountView } from '../../contracts/accounts.js';
import type { ClusterMembership } from '../../contracts/clusters.js';
import type { Verdict } from '../../contracts/verdicts.js';
import { applyVerdictCap } from './verdict-cap.js';

/** The cluster an account (by hash) belongs to, from the latest cluster pass (clusters/cluster-store.ts). */
export type ClusterScore = (accountHash: string) => Promise<ClusterMembership | undefined>;
export const noClusterScore: ClusterScore = () => Promise.resolve(undefined);

export interface RecomputeDeps {
  aggregates: AccountAggregates;
  scores: AccountScores;
  model: AccountModel;
  clusterScore?: ClusterScore;
  /** The analyst verdict in force on an account (a legit_eval verdict caps it). */
  verdictOf?: (accountId: string) => Promise<Verdict | null>;
}

/** Reads an account's aggregates, scores them and stores the score; undefined for an unknown account. */
export async function recomputeAccount(deps: RecomputeDeps, h: string): Promise<AccountView | undefined> {
  return (await recomputeAccounts(deps, [h]))[0];
}

/**
 * Recomputes several accounts: their aggregates read in one pass, each scored, the scores stored
 * in one pipeline. The same result per account as one recompute each.
 */
export async function recomputeAccounts(
  deps: RecomputeDeps,
  hashes: readonly string[],
): Promise<(AccountView | undefined)[]> {
  const summaries = await deps.aggregates.readSummaries(hashes);
  const now = deps.aggregates.opts.now();
  const views = await Promise.all(
    summaries.map(async (summary, i) => {
      if (summary === undefined) return undefined;
      const [cluster, verdict] = await Promise.all([
        (deps.clusterScore ?? noClusterScore)(hashes[i] as string),
        deps.verdictOf === undefined ? null : deps.verdictOf(summary.accountId),
      ]);
      const scored = scoreSummary(summary, now, deps.model, cluster ?? 0);
      return applyVerdictCap(scored, verdict, deps.model.thresholds);
    }),
  );
  await deps.scores.saveMany(
    views.flatMap((view, i) => (view === undefined ? [] : [[hashes[i] as string, view] as const])),
  );
  return views;
}
