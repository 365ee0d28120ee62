/**
 * A campaign judged as one actor: a member of an attack cluster is scored with the cluster's
 * pooled label evidence (all members' requests counted as one account's) when that is stronger
 * than its own, scaled by how tightly the members are tied.
 *
 * Invariants:
 * - Only clusters at or above the attack score lift (a declared organisation never does: the
 *   cluster pass keeps its score below that line).
 * - The lift is never negative and is monotone in the pooled evidence: more attack-labelled
 *   member requests never lower it.
 * - Membership alone never reaches `critical` (block): an account that is not critical on its own
 *   stays below the critical threshold.
 * - The evidence stays readable: a `cluster_score` top factor names the cluster, its link
 *   pattern and the pooled counts.
 */
import type { Action, Level } from '../../contracts/accounts.js';
import type { ClusterMembership } from '../../contracts/clusters.js';
import { ATTACK_LABELS } from '../../labels.js';
import { applyClusterLift, CLUSTER_LIFT, type LiftInput } from '../clusters/member-lift.js';
import { DEFAULT_CLUSTER_PARAMS } from '../clusters/params.js';
import { LABEL_FEATURES, labelFeatures, type Features } from './account-features.js';
import type { AccountModel } from './account-model.js';

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** The per-label evidence features, read at one shared rate, and the other label features, at their own weights. */
const PER_LABEL_EVIDENCE = ATTACK_LABELS.map((l) => `evidence_${l}` as const);
const POOLED_LABEL_FEATURES = LABEL_FEATURES.filter((f) => !(PER_LABEL_EVIDENCE as readonly string[]).includes(f));

/**
 * Log-odds of the label features with one rate per unit of evidence for every attack label: the
 * largest the model learned for any label (weight ÷ std of `evidence_<label>`). Each label's
 * evidence is measured against its own base rate, so a unit means the same for all of them; a zero
 * weight on one label's evidence says only that the training accounts showed it together with
 * another label's, not that a campaign's pooled censorship or grading evidence is worth nothing.
 * `evidence_attack` and `attack_label_rate` keep their own weights. Monotone in the counts.
 */
export function campaignLabelContribution(model: AccountModel, features: Features): number {
  const { weights, std, reference } = model.artifact;
  const rateOf = (f: string) => {
    const r = (std[f] ?? 0) > 0 ? (weights[f] ?? 0) / std[f]! : 0;
    return Number.isFinite(r) ? r : 0;
  };
  const rate = Math.max(0, ...PER_LABEL_EVIDENCE.map(rateOf));
  const c = model.contributions(features);
  return (
    PER_LABEL_EVIDENCE.reduce((s, f) => s + rate * Math.max(0, features[f] - (reference[f] ?? 0)), 0) +
    POOLED_LABEL_FEATURES.reduce((s, f) => s + c[f], 0)
  );
}

/** Log-odds the label features add to the account's own score (the learned weights). */
function learnedLabelContribution(model: AccountModel, features: Features): number {
  const c = model.contributions(features);
  return LABEL_FEATURES.reduce((s, f) => s + c[f], 0);
}

/**
 * The log-odds a member gains from its cluster: max(generic campaign lift, coordination × (pooled
 * evidence read with `campaignLabelContribution` − the label evidence its own score already holds)).
 * With coordination ≤ 1 the lifted log-odds are the rest of the own score + (1 − coordination) × own
 * label evidence + coordination × pooled evidence: monotone in the member's own attack-labelled
 * requests and in the pool's.
 */
export function pooledGain(model: AccountModel, own: Features, m: ClusterMembership): number {
  const generic = CLUSTER_LIFT * m.score;
  if (m.pooled === undefined) return generic;
  const pooled = { ...own, ...labelFeatures(m.pooled.attack_label_counts, m.pooled.requests, model.prior) };
  const coordination = Math.min(1, Math.max(0, m.coordination ?? m.score));
  const gain =
    coordination * Math.max(0, campaignLabelContribution(model, pooled) - learnedLabelContribution(model, own));
  return Math.max(generic, gain);
}

export function liftByPooledEvidence<T extends LiftInput>(
  own: T,
  ownFeatures: Features,
  m: ClusterMembership,
  model: AccountModel,
  levelOf: (likelihood: number) => Level,
  actionOf: (level: Level) => Action,
  topN = 3,
  attackScore = DEFAULT_CLUSTER_PARAMS.attackScore,
): T {
  if (m.score < attackScore) return own;
  const contribution = pooledGain(model, ownFeatures, m);
  const p = m.pooled;
  const pooledText =
    p === undefined
      ? m.summary
      : `pooled ${p.attack_requests.toLocaleString('en-US')} of ${p.requests.toLocaleString('en-US')} member requests attack-labelled (${pct(p.attack_share)}; ${ATTACK_LABELS.filter(
          (l) => p.attack_label_counts[l] > 0,
        )
          .map((l) => `${l} ${p.attack_label_counts[l]}`)
          .join(', ')}) over ${p.attack_accounts} of ${m.size} members; ${m.summary}`;
  const detail = `member of cluster ${m.cluster_id} (${m.size} accounts${m.link_pattern !== undefined ? `, ${m.link_pattern.replaceAll('_', ' ')}` : ''}, campaign score ${m.score.toFixed(2)}): ${pooledText}`;
  return applyClusterLift(own, contribution, detail, model.thresholds, levelOf, actionOf, topN);
}
