import type { AccountView, RescoreLine } from '../../contracts/accounts.js';
import type { ClusterMembership } from '../../contracts/clusters.js';
import { liftByCluster } from '../clusters/member-lift.js';
import { actionOf, levelOf, type AccountModel } from './account-model.js';
import { computeFeatures } from './account-features.js';
import { applyContractCap } from './contract-cap.js';
import { liftByPooledEvidence } from './pooled-lift.js';
import type { AccountSummary } from './summary.js';

const round = (x: number) => Math.round(x * 1e4) / 1e4;

/**
 * Features → likelihood → level/action/explanations, for one account at time `now` (pure). With
 * a cluster membership, the cluster's score is the `cluster_score` feature and an attack cluster
 * lifts the likelihood: with its pooled label evidence when the cluster carries it
 * (pooled-lift.ts), else by its score (clusters/member-lift.ts); `own_likelihood` keeps the
 * account's own. A contract account is capped at elevated last (contract-cap.ts).
 */
export function scoreSummary(
  summary: AccountSummary,
  now: number,
  model: AccountModel,
  cluster: number | ClusterMembership = 0,
): AccountView {
  const membership = typeof cluster === 'number' ? undefined : cluster;
  const { features, context } = computeFeatures(
    summary,
    now,
    typeof cluster === 'number' ? cluster : cluster.score,
    model.prior,
    model.signupLift,
  );
  const own = model.score(features, context);
  const level = (l: number) => levelOf(l, model.thresholds);
  // A full cluster carries its pooled label evidence: the campaign is judged as one actor.
  const s =
    membership === undefined
      ? own
      : membership.pooled !== undefined
        ? liftByPooledEvidence(own, features, membership, model, level, actionOf)
        : liftByCluster(own, membership, model.thresholds, level, actionOf);
  const view: AccountView = {
    account_id: summary.accountId,
    likelihood: s.likelihood,
    level: s.level,
    action: s.action,
    cluster_id: membership?.cluster_id ?? null,
    ...(membership !== undefined ? { own_likelihood: own.likelihood } : {}),
    requests: summary.requests,
    label_counts: { ...summary.labelCounts },
    top_factors: s.top_factors,
    features: Object.fromEntries(Object.entries(features).map(([k, v]) => [k, round(v)])),
    updated_at: new Date(now).toISOString(),
  };
  return applyContractCap(view, summary.gateway.signupPath, model.contractSignupPaths, model.thresholds);
}

export function toRescoreLine(view: AccountView): RescoreLine {
  const { features: _f, updated_at: _u, ...line } = view;
  return line;
}
