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

/** Reads an account's aggregates, scores them and stores the score; undefined for an unknown account. */
export async function recomputeAccount(
  deps: {
    aggregates: AccountAggregates;
    scores: AccountScores;
    model: AccountModel;
    clusterScore?: ClusterScore;
    /** The analyst verdict in force on an account (a legit_eval verdict caps it). */
    verdictOf?: (accountId: string) => Promise<Verdict | null>;
  },
  h: string,
): Promise<AccountView | undefined> {
  const summary = await deps.aggregates.readSummary(h);
  if (summary === undefined) return undefined;
  const cluster = await (deps.clusterScore ?? noClusterScore)(h);
  const scored = scoreSummary(summary, deps.aggregates.opts.now(), deps.model, cluster ?? 0);
  const verdict = deps.verdictOf === undefined ? null : await deps.verdictOf(summary.accountId);
  const view = applyVerdictCap(scored, verdict, deps.model.thresholds);
  await deps.scores.save(h, view);
  return view;
}
