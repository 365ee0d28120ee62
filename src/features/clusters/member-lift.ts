/**
 * How a cluster feeds its members' verdicts: a member of an attack cluster gets the cluster's
 * score added to its log-odds (suspicious even with few requests of its own) and a
 * `cluster_score` top factor. Cluster membership alone never makes an account `critical`
 * (block): that still takes the account's own traffic.
 */
import type { Action, Level, TopFactor } from '../../contracts/accounts.js';
import type { ClusterMembership } from '../../contracts/clusters.js';
import { DEFAULT_CLUSTER_PARAMS } from './params.js';

/** Log-odds added per unit of cluster score. */
export const CLUSTER_LIFT = 3;

export interface LiftInput {
  likelihood: number;
  level: Level;
  action: Action;
  top_factors: TopFactor[];
}

export interface LiftThresholds {
  critical: number;
}

export function liftByCluster<T extends LiftInput>(
  own: T,
  m: ClusterMembership,
  thresholds: LiftThresholds,
  levelOf: (likelihood: number) => Level,
  actionOf: (level: Level) => Action,
  topN = 3,
  attackScore = DEFAULT_CLUSTER_PARAMS.attackScore,
): T {
  if (m.score < attackScore) return own;
  const detail = `member of cluster ${m.cluster_id} (${m.size} accounts, campaign score ${m.score.toFixed(2)}): ${m.summary}`;
  return applyClusterLift(own, CLUSTER_LIFT * m.score, detail, thresholds, levelOf, actionOf, topN);
}

/** Width of the band just below `critical` into which lifted likelihoods above its lower edge are squeezed. */
export const BELOW_CRITICAL_BAND = 0.01;

/**
 * A lifted likelihood kept below `critical` (for an account that is not critical on its own): values
 * up to the band below the cap are kept, and the rest of [0, 1) is squeezed linearly into the band,
 * so members stay ordered by their evidence instead of all tying at the cap. Continuous and
 * increasing in `lifted`, never below the account's own likelihood.
 */
export function belowCritical(lifted: number, own: number, critical: number): number {
  const cap = critical - 1e-4;
  const knee = cap - BELOW_CRITICAL_BAND;
  const kept = lifted <= knee ? lifted : knee + ((cap - knee) * (lifted - knee)) / (1 - knee);
  return Math.max(own, kept);
}

/**
 * Adds `contribution` (log-odds, ≥ 0) to a member's likelihood, kept below `critical` unless the
 * account is critical on its own (`belowCritical`), and records it as the `cluster_score` top factor.
 */
export function applyClusterLift<T extends LiftInput>(
  own: T,
  contribution: number,
  detail: string,
  thresholds: LiftThresholds,
  levelOf: (likelihood: number) => Level,
  actionOf: (level: Level) => Action,
  topN: number,
): T {
  const p = Math.min(Math.max(own.likelihood, 1e-6), 1 - 1e-6);
  let likelihood = 1 / (1 + Math.exp(-(Math.log(p / (1 - p)) + contribution)));
  if (own.level !== 'critical') likelihood = belowCritical(likelihood, own.likelihood, thresholds.critical);
  likelihood = Math.round(likelihood * 1e6) / 1e6;
  const level = levelOf(likelihood);
  const factor: TopFactor = { factor: 'cluster_score', contribution: Math.round(contribution * 1000) / 1000, detail };
  const top_factors = [...own.top_factors.filter((f) => f.factor !== 'cluster_score'), factor]
    .sort((a, b) => b.contribution - a.contribution)
    .slice(0, topN);
  return { ...own, likelihood, level, action: actionOf(level), top_factors };
}
