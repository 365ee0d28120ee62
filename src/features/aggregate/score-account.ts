import type { AccountView, RescoreLine } from '../../contracts/accounts.js';
import type { AccountModel } from './account-model.js';
import { computeFeatures } from './features.js';
import type { AccountSummary } from './summary.js';

const round = (x: number) => Math.round(x * 1e4) / 1e4;

/** Features → likelihood → level/action/explanations, for one account at time `now` (pure). */
export function scoreSummary(summary: AccountSummary, now: number, model: AccountModel, clusterScore = 0): AccountView {
  const { features, context } = computeFeatures(summary, now, clusterScore);
  const s = model.score(features, context);
  return {
    account_id: summary.accountId,
    likelihood: s.likelihood,
    level: s.level,
    action: s.action,
    cluster_id: null,
    requests: summary.requests,
    label_counts: { ...summary.labelCounts },
    top_factors: s.top_factors,
    features: Object.fromEntries(Object.entries(features).map(([k, v]) => [k, round(v)])),
    updated_at: new Date(now).toISOString(),
  };
}

export function toRescoreLine(view: AccountView): RescoreLine {
  const { features: _f, updated_at: _u, ...line } = view;
  return line;
}
