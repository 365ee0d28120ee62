import type { AccountModel } from './account-model.js';
import type { AccountStates } from './account-state.js';
import type { AccountStore } from './account-store.js';
import { scoreSummary } from './score-account.js';
import type { AccountView } from '../../contracts/accounts.js';
import type { ClusterMembership } from '../../contracts/clusters.js';

/** The cluster an account (by hash) belongs to, from the latest cluster pass (clusters/cluster-store.ts). */
export type ClusterScore = (accountHash: string) => Promise<ClusterMembership | undefined>;
export const noClusterScore: ClusterScore = () => Promise.resolve(undefined);

/** Reads an account's aggregates, scores them and stores the verdict; undefined for an unknown account. */
export async function recomputeAccount(
  deps: { store: AccountStore; states: AccountStates; model: AccountModel; clusterScore?: ClusterScore },
  h: string,
): Promise<AccountView | undefined> {
  const summary = await deps.store.readSummary(h);
  if (summary === undefined) return undefined;
  const cluster = await (deps.clusterScore ?? noClusterScore)(h);
  const view = scoreSummary(summary, deps.store.opts.now(), deps.model, cluster ?? 0);
  await deps.states.save(h, view);
  return view;
}
