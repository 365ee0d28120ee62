/**
 * Fitting the account model from labelled accounts (pure).
 *
 * - The label evidence prior (per-label base rates) is measured on the legitimate training
 *   accounts: the mean of their posterior label rates, so one heavy account does not set it.
 * - Logistic regression by projected gradient descent: every weight stays ≥ 0, so no legitimate
 *   pattern of the training traffic can become a learned discount.
 * - Rows are weighted so that each family counts equally within its class (a 300-account family
 *   does not drown a 5-account one), and the two classes equally.
 * - `critical` (block) sits above every legitimate training account, with a margin.
 */
import {
  AccountModel,
  type AccountModelArtifact,
  type Thresholds,
} from '../../src/features/aggregate/account-model.js';
import {
  FEATURE_NAMES,
  WEIGHTED_FEATURES,
  computeFeatures,
  gatewayFeatures,
  labelFeatures,
  type SignupPathLift,
  type FeatureResult,
  type Features,
} from '../../src/features/aggregate/account-features.js';
import {
  DEFAULT_EVIDENCE_PRIOR,
  EVIDENCE_KEYS,
  posteriorRate,
  type EvidencePrior,
} from '../../src/features/aggregate/label-evidence.js';
import type { AccountSummary } from '../../src/features/aggregate/summary.js';
import { ATTACK_LABELS } from '../../src/labels.js';
import { fitLogistic } from './logistic.js';

export interface TrainingRow {
  account: string;
  family: string;
  attack: boolean;
  summary: AccountSummary;
  /** Scoring time. */
  end: number;
}

export const FIT = { l2: 0.01, iterations: 3000, rate: 0.5 } as const;

const round = (x: number) => Math.round(x * 1e4) / 1e4;

/** Features under the default prior, once per row (the label features are recomputed per prior from the same counts). */
const computed = new WeakMap<TrainingRow, FeatureResult>();
function baseFeatures(row: TrainingRow): FeatureResult {
  let r = computed.get(row);
  if (r === undefined) computed.set(row, (r = computeFeatures(row.summary, row.end)));
  return r;
}

/** Base rates from the legitimate rows' 7-day label counts (account-averaged posterior rates). */
export function measurePrior(rows: readonly TrainingRow[], strength = DEFAULT_EVIDENCE_PRIOR.strength): EvidencePrior {
  const legit = rows.filter((r) => !r.attack);
  const sums = Object.fromEntries(EVIDENCE_KEYS.map((k) => [k, 0])) as Record<(typeof EVIDENCE_KEYS)[number], number>;
  for (const r of legit) {
    const { context } = baseFeatures(r);
    const attacks = ATTACK_LABELS.reduce((s, l) => s + context.labels7d[l], 0);
    const benign = Math.max(0, context.n7d - attacks);
    for (const l of ATTACK_LABELS)
      sums[l] += posteriorRate(
        context.labels7d[l],
        context.labels7d[l] + benign,
        DEFAULT_EVIDENCE_PRIOR.base_rates[l],
        strength,
      );
    sums.attack += posteriorRate(attacks, context.n7d, DEFAULT_EVIDENCE_PRIOR.base_rates.attack, strength);
  }
  const base = Object.fromEntries(
    EVIDENCE_KEYS.map((k) => [
      k,
      round(legit.length === 0 ? DEFAULT_EVIDENCE_PRIOR.base_rates[k] : sums[k] / legit.length),
    ]),
  ) as EvidencePrior['base_rates'];
  return { base_rates: base, strength };
}

/**
 * Sign-up paths campaigns use more often than legitimate accounts: among the accounts that
 * stated a path, per path the log ratio of its family-balanced share among attack accounts to
 * that among legitimate ones (each smoothed), kept when positive. Accounts that never stated a
 * path (the simulator's, older gateways) count on neither side.
 */
export function measureSignupLift(rows: readonly TrainingRow[], smoothing = 0.02): Record<string, number> {
  const stated = rows.filter((r) => r.summary.gateway.signupPath !== null);
  const weights = familyBalancedWeights(stated);
  const share = { attack: new Map<string, number>(), legit: new Map<string, number>() };
  const total = { attack: 0, legit: 0 };
  stated.forEach((r, i) => {
    const side = r.attack ? 'attack' : 'legit';
    const path = r.summary.gateway.signupPath!;
    total[side] += weights[i]!;
    share[side].set(path, (share[side].get(path) ?? 0) + weights[i]!);
  });
  const out: Record<string, number> = {};
  if (total.attack === 0 || total.legit === 0) return out;
  for (const path of [...new Set([...share.attack.keys(), ...share.legit.keys()])].sort()) {
    const a = (share.attack.get(path) ?? 0) / total.attack;
    const l = (share.legit.get(path) ?? 0) / total.legit;
    const lift = Math.log((a + smoothing) / (l + smoothing));
    if (lift > 0) out[path] = round(lift);
  }
  return out;
}

/** Every feature of a row under a prior and sign-up path table (the label and gateway features are recomputed from the same summary). */
export function featuresOf(row: TrainingRow, prior: EvidencePrior, signupLift: SignupPathLift = {}): Features {
  const { features, context } = baseFeatures(row);
  return {
    ...features,
    ...labelFeatures(context.labels7d, context.n7d, prior),
    ...gatewayFeatures(row.summary, signupLift),
  };
}

/** Equal total weight per family within a class, and per class. */
export function familyBalancedWeights(rows: readonly { family: string; attack: boolean }[]): number[] {
  const size = new Map<string, number>();
  for (const r of rows) size.set(r.family, (size.get(r.family) ?? 0) + 1);
  const families = (attack: boolean) => new Set(rows.filter((r) => r.attack === attack).map((r) => r.family)).size;
  const perClass = { true: families(true), false: families(false) };
  return rows.map((r) => rows.length / (2 * perClass[`${r.attack}`] * size.get(r.family)!));
}

export function fitAccountModel(
  rows: readonly TrainingRow[],
  manifest: Record<string, unknown> = {},
  version = 'fitted',
): AccountModelArtifact {
  const prior = measurePrior(rows);
  const signupLift = measureSignupLift(rows);
  const feats = rows.map((r) => featuresOf(r, prior, signupLift));
  const names = [...WEIGHTED_FEATURES];
  const legit = feats.filter((_, i) => !rows[i]!.attack);
  const mean: Record<string, number> = {};
  const std: Record<string, number> = {};
  const reference: Record<string, number> = {};
  for (const n of FEATURE_NAMES) {
    const v = feats.map((f) => f[n]);
    mean[n] = v.reduce((s, x) => s + x, 0) / Math.max(1, v.length);
    std[n] = Math.sqrt(v.reduce((s, x) => s + (x - mean[n]!) ** 2, 0) / Math.max(1, v.length));
    reference[n] = legit.reduce((s, f) => s + f[n], 0) / Math.max(1, legit.length);
  }
  // The same transform AccountModel.contributions applies: only the excess over the legitimate reference.
  const x = feats.map((f) => names.map((n) => (std[n]! > 0 ? Math.max(0, (f[n] - reference[n]!) / std[n]!) : 0)));
  const fit = fitLogistic(
    x,
    rows.map((r) => (r.attack ? 1 : 0)),
    { ...FIT, nonNegative: true, sampleWeights: familyBalancedWeights(rows) },
  );
  const weights = Object.fromEntries(
    FEATURE_NAMES.map((n) => {
      const j = names.indexOf(n);
      return [n, j >= 0 && std[n]! > 0 ? round(Math.max(0, fit.weights[j]!)) : 0];
    }),
  );
  const draft: AccountModelArtifact = {
    kind: 'distill-guard/account-model',
    version,
    features: [...FEATURE_NAMES],
    weights,
    intercept: round(fit.intercept),
    reference: Object.fromEntries(Object.entries(reference).map(([k, v]) => [k, round(v)])),
    std: Object.fromEntries(Object.entries(std).map(([k, v]) => [k, round(v)])),
    thresholds: { elevated: 0.3, high: 0.6, critical: 0.9 },
    evidence_prior: prior,
    signup_path_lift: signupLift,
    manifest,
  };
  const model = new AccountModel(draft);
  const legitMax = Math.max(0, ...rows.flatMap((r, i) => (r.attack ? [] : [likelihoodOf(model, feats[i]!)])));
  const thresholds: Thresholds = {
    elevated: 0.3,
    high: 0.6,
    critical: round(Math.min(0.995, Math.max(0.9, legitMax + 0.02))),
  };
  return { ...draft, thresholds };
}

/** The model's likelihood for a feature vector (the same sum `AccountModel.score` takes). */
export const likelihoodOf = (model: AccountModel, f: Features): number => model.likelihood(f);
