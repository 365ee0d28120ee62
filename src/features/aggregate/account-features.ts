/**
 * Account features: a pure function of an account summary, the current time and the label
 * evidence prior. The Redis worker and the offline rescore both call `computeFeatures`, so an
 * account scores the same either way.
 *
 * Invariants:
 * - Label features (`evidence_*`, `attack_label_rate`) are the only features that depend on the
 *   requests' labels, and each is monotone: an attack-labelled request never lowers it, a benign
 *   one never raises it (label-evidence.ts).
 * - Behaviour and infrastructure features do not depend on labels. Each is oriented so that a
 *   larger value is the more campaign-like reading, as a fraud analyst reads it (round the clock,
 *   machine-regular, bursty, repeated templates, automation clients, rotated IPs and cards).
 * - `volume_*` and `cluster_score` are shown for context; the model gives them no weight.
 */
import { ATTACK_LABELS, type AttackLabel } from '../../labels.js';
import { AREAS, type Area } from '../../labels.js';
import { DEFAULT_EVIDENCE_PRIOR, labelEvidence, posteriorRate, type EvidencePrior } from './label-evidence.js';
import { hamming } from './prompt-signals.js';
import { DAY_MS, HOUR_MS, WINDOW_HOURS, emptyBucket, type AccountSummary, type HourBucket } from './summary.js';

export const LABEL_FEATURES = [
  ...ATTACK_LABELS.map((l) => `evidence_${l}` as const),
  'evidence_attack',
  'attack_label_rate',
] as const;
export type LabelFeature = (typeof LABEL_FEATURES)[number];

export const BEHAVIOUR_FEATURES = [
  'burstiness',
  'active_hours_share_7d',
  'hour_of_day_entropy',
  'regularity',
  'top_area_share',
  'template_repetition',
  'automation_ua_share',
  'distinct_ips_7d',
  'distinct_cards_7d',
] as const;

/**
 * From the optional gateway fields; 0 when the gateway did not send them, which is never above
 * the legitimate reference, so old events score as before:
 * - `account_youth` (shown, not weighted: see CONTEXT_FEATURES): 1 for an account whose first
 *   request came right after its creation, falling to 0 at 30 days of age;
 * - `signup_path_risk`: how much more often the account's sign-up path carries campaigns than
 *   legitimate accounts (a non-negative log ratio the model measured on its training accounts).
 */
export const GATEWAY_FEATURES = ['signup_path_risk'] as const;

/** Age at first request from which an account no longer counts as young. */
const YOUTH_DAYS = 30;

/**
 * Shown with the account, never weighted: volume enters through the label evidence, the cluster
 * through member lift, and youth through the cluster pass (young accounts created together): a
 * young account alone is every new customer.
 */
export const CONTEXT_FEATURES = ['volume_1h', 'volume_24h', 'volume_7d', 'cluster_score', 'account_youth'] as const;

export const FEATURE_NAMES = [
  ...CONTEXT_FEATURES,
  ...LABEL_FEATURES,
  ...BEHAVIOUR_FEATURES,
  ...GATEWAY_FEATURES,
] as const;
type GatewayFeature = (typeof GATEWAY_FEATURES)[number] | 'account_youth';
export type FeatureName = (typeof FEATURE_NAMES)[number];
export type Features = Record<FeatureName, number>;
/** Features the account model may weight (all with non-negative weights). */
export const WEIGHTED_FEATURES: readonly FeatureName[] = [
  ...LABEL_FEATURES,
  ...BEHAVIOUR_FEATURES,
  ...GATEWAY_FEATURES,
];

/** Facts behind the features, used to write human-readable explanations. */
export interface FeatureContext {
  n1h: number;
  n24h: number;
  n7d: number;
  labels7d: Record<AttackLabel, number>;
  topArea: Area;
  topAreaCount: number;
  recentCount: number;
  nearDuplicates: number;
  activeHours: number;
  peakHour: number;
  automation: number;
  distinctIps: number;
  distinctCards: number;
  interarrivalCv: number;
  prior: EvidencePrior;
  /** Days from the account's creation to its first request (null: creation time never sent). */
  ageAtFirstRequestDays: number | null;
  signupPath: string | null;
}

/** Sign-up path → non-negative log ratio of campaign to legitimate accounts using it (account-model.ts). */
export type SignupPathLift = Readonly<Record<string, number>>;

/** The gateway features of a summary under a sign-up path table. */
export function gatewayFeatures(summary: AccountSummary, signupLift: SignupPathLift): Record<GatewayFeature, number> {
  const g = summary.gateway;
  const age = g.createdAt === null || summary.firstSeen === null ? null : (summary.firstSeen - g.createdAt) / DAY_MS;
  return {
    account_youth: age === null ? 0 : Math.max(0, Math.min(1, 1 - age / YOUTH_DAYS)),
    signup_path_risk: g.signupPath === null ? 0 : Math.max(0, signupLift[g.signupPath] ?? 0),
  };
}

/** Beta-prior rate: (k + a) / (n + a + b), so 1 of 2 is not 50%. */
export const betaRate = (k: number, n: number, a: number, b: number): number => (k + a) / (n + a + b);

/**
 * The label features of per-label counts out of n requests: the monotone part of the score. A
 * label's evidence counts it against the benign requests (k of k + benign), so a request with any
 * attack label raises or keeps every label feature and a benign one lowers or keeps each.
 */
export function labelFeatures(
  labels: Readonly<Record<AttackLabel, number>>,
  n: number,
  prior: EvidencePrior = DEFAULT_EVIDENCE_PRIOR,
): Record<LabelFeature, number> {
  const attacks = ATTACK_LABELS.reduce((s, l) => s + labels[l], 0);
  const out = {
    evidence_attack: labelEvidence(attacks, n, prior.base_rates.attack),
    attack_label_rate: posteriorRate(attacks, n, prior.base_rates.attack, prior.strength),
  } as Record<LabelFeature, number>;
  // Each label against benign requests only: a request with another attack label never dilutes it.
  const benign = Math.max(0, n - attacks);
  for (const l of ATTACK_LABELS)
    out[`evidence_${l}`] = labelEvidence(labels[l], labels[l] + benign, prior.base_rates[l]);
  return out;
}

function entropy(counts: readonly number[]): number {
  const total = counts.reduce((s, c) => s + c, 0);
  if (total === 0 || counts.length < 2) return 0;
  let h = 0;
  for (const c of counts) if (c > 0) h -= (c / total) * Math.log(c / total);
  return h / Math.log(counts.length);
}

/** Normalised entropy shrunk toward a typical value when there are few observations. */
const shrunkEntropy = (counts: readonly number[], typical: number, strength: number): number => {
  const n = counts.reduce((s, c) => s + c, 0);
  return (n * entropy(counts) + strength * typical) / (n + strength);
};

/** Near-duplicate threshold on 64-bit SimHash (bits that may differ). */
export const NEAR_DUPLICATE_BITS = 6;
/** LSH banding: 8 bands of 8 bits; two signatures within 7 bits share at least one band. */
const BANDS = 8;

/** Number of signatures that have a near-duplicate elsewhere in the list (candidates from LSH bands). */
export function countNearDuplicates(signatures: readonly string[]): number {
  const buckets = new Map<string, number[]>();
  signatures.forEach((sig, i) => {
    for (let b = 0; b < BANDS; b++) {
      const key = `${b}:${sig.slice(b * 2, b * 2 + 2)}`;
      let list = buckets.get(key);
      if (list === undefined) buckets.set(key, (list = []));
      list.push(i);
    }
  });
  const dup = new Uint8Array(signatures.length);
  const checked = new Set<number>();
  for (const list of buckets.values()) {
    if (list.length < 2 || list.length > 4 * signatures.length) continue;
    for (let x = 0; x < list.length; x++) {
      const i = list[x]!;
      for (let y = x + 1; y < list.length; y++) {
        const j = list[y]!;
        if (dup[i] === 1 && dup[j] === 1) continue;
        const pair = i * signatures.length + j;
        if (checked.has(pair)) continue;
        checked.add(pair);
        if (hamming(signatures[i]!, signatures[j]!) <= NEAR_DUPLICATE_BITS) dup[i] = dup[j] = 1;
      }
    }
  }
  return dup.reduce((s, v) => s + v, 0);
}

export interface FeatureResult {
  features: Features;
  context: FeatureContext;
}

/** Computes every named feature at time `now`; `clusterScore` is the hook for the cross-account cluster signal. */
export function computeFeatures(
  summary: AccountSummary,
  now: number,
  clusterScore = 0,
  prior: EvidencePrior = DEFAULT_EVIDENCE_PRIOR,
  signupLift: SignupPathLift = {},
): FeatureResult {
  const nowHour = Math.floor(now / HOUR_MS);
  // Sliding windows over hourly buckets: the hours inside the window count fully, the bucket the
  // window's start falls into counts by the share of it still inside the window.
  const elapsed = (now - nowHour * HOUR_MS) / HOUR_MS;
  const window = (hours: number): HourBucket => {
    const total = emptyBucket();
    for (const [hour, b] of summary.buckets) {
      if (hour > nowHour || hour < nowHour - hours) continue;
      const w = hour === nowHour - hours ? 1 - elapsed : 1;
      total.n += w * b.n;
      total.auto += w * b.auto;
      total.len += w * b.len;
      for (const l of ATTACK_LABELS) total.labels[l] += w * b.labels[l];
      for (const a of AREAS) total.areas[a] += w * b.areas[a];
    }
    return total;
  };
  const w1 = window(WINDOW_HOURS.h1);
  const w24 = window(WINDOW_HOURS.h24);
  const w7 = window(WINDOW_HOURS.d7);

  const hourCounts: number[] = [];
  const hourOfDay = new Array<number>(24).fill(0);
  for (const [hour, b] of summary.buckets) {
    if (hour > nowHour || hour <= nowHour - WINDOW_HOURS.d7 || b.n === 0) continue;
    hourCounts.push(b.n);
    hourOfDay[((hour % 24) + 24) % 24]! += b.n;
  }
  const activeHours = hourCounts.length;
  const peakHour = hourCounts.reduce((m, c) => Math.max(m, c), 0);
  const meanActive = activeHours === 0 ? 0 : w7.n / activeHours;

  const gaps: number[] = [];
  for (let i = 1; i < summary.recentTs.length; i++) gaps.push((summary.recentTs[i]! - summary.recentTs[i - 1]!) / 1000);
  let cv = 1;
  if (gaps.length >= 2) {
    const mean = gaps.reduce((s, g) => s + g, 0) / gaps.length;
    const sd = Math.sqrt(gaps.reduce((s, g) => s + (g - mean) ** 2, 0) / gaps.length);
    const raw = mean > 0 ? sd / mean : 0;
    // Few gaps say little: shrink toward 1 (a Poisson process).
    cv = (gaps.length * Math.min(raw, 10) + 5) / (gaps.length + 5);
  }

  let topArea: Area = 'general';
  let topAreaCount = 0;
  AREAS.forEach((a) => {
    if (w7.areas[a] > topAreaCount) {
      topArea = a;
      topAreaCount = w7.areas[a];
    }
  });
  const nearDuplicates = countNearDuplicates(summary.recentSigs);

  const features = {
    volume_1h: Math.log1p(w1.n),
    volume_24h: Math.log1p(w24.n),
    volume_7d: Math.log1p(w7.n),
    cluster_score: clusterScore,
    ...labelFeatures(w7.labels, w7.n, prior),
    burstiness: meanActive === 0 ? 1 : peakHour / meanActive,
    active_hours_share_7d: activeHours / WINDOW_HOURS.d7,
    hour_of_day_entropy: shrunkEntropy(hourOfDay, 0.75, 20),
    regularity: Math.max(0, 1 - cv),
    top_area_share: betaRate(topAreaCount, w7.n, 1, 3),
    template_repetition: nearDuplicates / (summary.recentSigs.length + 5),
    automation_ua_share: betaRate(w7.auto, w7.n, 0.5, 4.5),
    distinct_ips_7d: Math.log1p(summary.distinctIps),
    distinct_cards_7d: Math.log1p(Math.max(0, summary.distinctCards - 1)),
    ...gatewayFeatures(summary, signupLift),
  } satisfies Features;

  return {
    features,
    context: {
      n1h: w1.n,
      n24h: w24.n,
      n7d: w7.n,
      labels7d: { ...w7.labels },
      topArea,
      topAreaCount,
      recentCount: summary.recentSigs.length,
      nearDuplicates,
      activeHours,
      peakHour,
      automation: w7.auto,
      distinctIps: summary.distinctIps,
      distinctCards: summary.distinctCards,
      interarrivalCv: cv,
      prior,
      ageAtFirstRequestDays:
        summary.gateway.createdAt === null || summary.firstSeen === null
          ? null
          : (summary.firstSeen - summary.gateway.createdAt) / DAY_MS,
      signupPath: summary.gateway.signupPath,
    },
  };
}
