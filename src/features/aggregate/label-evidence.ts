/**
 * An account's prompt labels as statistical evidence against the population's base rate.
 *
 * Invariants (checked by property tests):
 * - Adding an attack-labelled request (k+1 of n+1) never lowers either measure; adding a benign
 *   request (k of n+1) never raises it.
 * - Evidence grows with the number of requests at the same share: 13 of 22 is strong, 1 of 3 weak.
 * - A share at or below the base rate is no evidence (0), never negative evidence.
 */
import { ATTACK_LABELS, type AttackLabel } from '../../labels.js';

/** What the label evidence is measured against: per-label base rates (share of requests) and the prior's strength. */
export interface EvidencePrior {
  /** Expected share of requests with each attack label, and with any attack label (`attack`), in legitimate traffic. */
  base_rates: Record<AttackLabel | 'attack', number>;
  /** Pseudo-requests of the Beta prior behind the posterior rate. */
  strength: number;
}

/** Used until a trained model states its own (measured on legitimate training accounts). */
export const DEFAULT_EVIDENCE_PRIOR: EvidencePrior = {
  base_rates: { reasoning_trace_extraction: 0.02, rubric_grading: 0.05, censorship_rewrite: 0.01, attack: 0.08 },
  strength: 10,
};

export const EVIDENCE_KEYS = [...ATTACK_LABELS, 'attack'] as const;
export type EvidenceKey = (typeof EVIDENCE_KEYS)[number];

const xlog = (x: number, y: number) => (x === 0 ? 0 : x * Math.log(x / y));

/**
 * Signed-root one-sided log-likelihood ratio of "this account's rate is above p0" for k of n:
 * sqrt(2 · n · KL(k/n ‖ p0)) when k/n > p0, else 0. Roughly a z-score: about 2 for 1 of 3
 * against 2%, 8.5 for 13 of 22.
 */
export function labelEvidence(k: number, n: number, p0: number): number {
  if (n <= 0 || k <= 0) return 0;
  const q = Math.min(Math.max(p0, 1e-6), 1 - 1e-6);
  const theta = Math.min(k / n, 1);
  if (theta <= q) return 0;
  const llr = xlog(theta, q) + xlog(1 - theta, 1 - q);
  return Math.sqrt(Math.max(0, 2 * n * llr));
}

/** Posterior mean of the account's rate under a Beta prior centred on p0 with `strength` pseudo-requests. */
export const posteriorRate = (k: number, n: number, p0: number, strength: number): number =>
  (k + strength * p0) / (n + strength);
