/**
 * The account model: logistic regression with non-negative weights over standardised account
 * features (training/account/train-account-model.ts), stored as a versioned JSON artifact under
 * models/account/.
 *
 * Invariants:
 * - Every weight is ≥ 0 (the artifact contract refuses any other) and every weighted feature is
 *   oriented toward attack, so more attack-labelled requests never lower the likelihood and more
 *   benign requests never raise it, all else equal. Legitimate patterns lower a verdict only
 *   through explicit mechanisms (analyst verdicts), never through a learned negative weight.
 * - Contributions are measured from the legitimate reference and never negative, so `top_factors`
 *   read as "how far above a typical legitimate account", and a value below it discounts nothing.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { LEVELS, type Action, type Level, type TopFactor } from '../../contracts/accounts.js';
import { invalidConfig } from '../../errors.js';
import {
  FEATURE_NAMES,
  WEIGHTED_FEATURES,
  type FeatureContext,
  type FeatureName,
  type Features,
  type SignupPathLift,
} from './account-features.js';
import { DEFAULT_EVIDENCE_PRIOR, type EvidencePrior } from './label-evidence.js';

export const Thresholds = z.object({ elevated: z.number(), high: z.number(), critical: z.number() });
export type Thresholds = z.infer<typeof Thresholds>;

export const AccountModelArtifact = z.object({
  kind: z.literal('distill-guard/account-model'),
  version: z.string(),
  features: z.array(z.string()),
  weights: z.record(z.string(), z.number().nonnegative({ error: 'account model weights must be non-negative' })),
  intercept: z.number(),
  /** Feature means over legitimate training accounts: the point contributions are measured from. */
  reference: z.record(z.string(), z.number()),
  std: z.record(z.string(), z.number()),
  thresholds: Thresholds,
  /** Base rates the label evidence is measured against (absent: the defaults in label-evidence.ts). */
  evidence_prior: z
    .object({
      base_rates: z.object({
        reasoning_trace_extraction: z.number().min(0).max(1),
        rubric_grading: z.number().min(0).max(1),
        censorship_rewrite: z.number().min(0).max(1),
        attack: z.number().min(0).max(1),
      }),
      strength: z.number().positive(),
    })
    .optional(),
  /** Sign-up path → how much more often campaigns use it than legitimate accounts (log ratio ≥ 0; absent: no path counts). */
  signup_path_lift: z.record(z.string(), z.number().nonnegative()).optional(),
  manifest: z.record(z.string(), z.unknown()),
});
export type AccountModelArtifact = z.infer<typeof AccountModelArtifact>;

const ACTION_OF: Record<Level, Action> = { low: 'allow', elevated: 'monitor', high: 'throttle', critical: 'block' };

export function levelOf(likelihood: number, t: Thresholds): Level {
  if (likelihood >= t.critical) return 'critical';
  if (likelihood >= t.high) return 'high';
  if (likelihood >= t.elevated) return 'elevated';
  return 'low';
}
export const actionOf = (level: Level): Action => ACTION_OF[level];

/** Likelihood range [min, max) of a level, for ranked queries. */
export function levelRange(level: Level, t: Thresholds): [number, number] {
  const edges = [0, t.elevated, t.high, t.critical, Number.POSITIVE_INFINITY];
  const i = LEVELS.indexOf(level);
  return [edges[i]!, edges[i + 1]!];
}

export interface AccountScore {
  likelihood: number;
  level: Level;
  action: Action;
  top_factors: TopFactor[];
  contributions: Record<string, number>;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const int = (x: number) => Math.round(x).toLocaleString('en-US');

const evidenceDetail = (k: number, n: number, what: string, p0: number, z: number) =>
  `${int(k)} of ${int(n)} requests in 7 d ${what} (${pct(n === 0 ? 0 : k / n)} against a ${pct(p0)} base rate; evidence ${z.toFixed(1)})`;

/** One sentence of evidence per feature. */
export function describeFactor(name: FeatureName, f: Features, c: FeatureContext): string {
  const attacks = Object.values(c.labels7d).reduce((s, v) => s + v, 0);
  switch (name) {
    case 'volume_1h':
      return `${int(c.n1h)} requests in the last hour`;
    case 'volume_24h':
      return `${int(c.n24h)} requests in 24 h`;
    case 'volume_7d':
      return `${int(c.n7d)} requests in 7 d`;
    case 'burstiness':
      return `busiest hour had ${int(c.peakHour)} requests, ${f.burstiness.toFixed(1)}× the account's active-hour mean`;
    case 'active_hours_share_7d':
      return `active in ${c.activeHours} of the last 168 hours (${pct(f.active_hours_share_7d)})`;
    case 'hour_of_day_entropy':
      return `hour-of-day entropy ${f.hour_of_day_entropy.toFixed(2)} (1 = round the clock; people show a daily rhythm)`;
    case 'regularity':
      return `machine-regular timing: inter-arrival coefficient of variation ${c.interarrivalCv.toFixed(2)} over the last ${c.recentCount} requests`;
    case 'evidence_attack':
      return evidenceDetail(attacks, c.n7d, 'carry an attack label', c.prior.base_rates.attack, f.evidence_attack);
    case 'attack_label_rate':
      return `${pct(c.n7d === 0 ? 0 : attacks / c.n7d)} of ${int(c.n7d)} requests in 7 d carry an attack label`;
    case 'top_area_share':
      return `${pct(c.n7d === 0 ? 0 : c.topAreaCount / c.n7d)} of ${int(c.n7d)} requests in 7 d are ${c.topArea}`;
    case 'template_repetition':
      return `${f.template_repetition.toFixed(2)} template repetition: ${c.nearDuplicates} of the last ${c.recentCount} prompts are near-duplicates of another`;
    case 'automation_ua_share':
      return `${pct(c.n7d === 0 ? 0 : c.automation / c.n7d)} of requests come from automation clients (HTTP libraries, curl)`;
    case 'distinct_ips_7d':
      return `${int(c.distinctIps)} distinct IPs in 7 d`;
    case 'distinct_cards_7d':
      return `${int(c.distinctCards)} distinct payment fingerprints in 7 d`;
    case 'account_youth':
      return `account created ${c.ageAtFirstRequestDays === null ? 'at an unknown time' : `${c.ageAtFirstRequestDays.toFixed(1)} d`} before its first request`;
    case 'signup_path_risk':
      return `signed up through ${c.signupPath ?? 'an unknown path'}, a path campaigns use ${Math.exp(f.signup_path_risk).toFixed(1)}× as often as legitimate accounts`;
    case 'cluster_score':
      return `cluster score ${f.cluster_score.toFixed(2)} (shared infrastructure with other accounts)`;
    default: {
      const label = name.replace(/^evidence_/, '') as keyof FeatureContext['labels7d'];
      return evidenceDetail(c.labels7d[label] ?? 0, c.n7d, `labelled ${label}`, c.prior.base_rates[label], f[name]);
    }
  }
}

/** Contract sign-up paths unless the operator says otherwise (ACCOUNT_CONTRACT_SIGNUP_PATHS). */
export const DEFAULT_CONTRACT_SIGNUP_PATHS: readonly string[] = ['enterprise'];

export class AccountModel {
  constructor(
    readonly artifact: AccountModelArtifact,
    readonly thresholds: Thresholds = artifact.thresholds,
    /** Sign-up paths of contract accounts, capped at elevated (contract-cap.ts): the operator's policy. */
    readonly contractSignupPaths: readonly string[] = DEFAULT_CONTRACT_SIGNUP_PATHS,
  ) {}

  get version(): string {
    return this.artifact.version;
  }

  /** Sign-up paths campaigns use more often than legitimate accounts. */
  get signupLift(): SignupPathLift {
    return this.artifact.signup_path_lift ?? {};
  }

  /** The base rates this model's label evidence is measured against. */
  get prior(): EvidencePrior {
    return this.artifact.evidence_prior ?? DEFAULT_EVIDENCE_PRIOR;
  }

  /**
   * Per-feature contribution to the log-odds: weight × max(0, (value − reference) / std), 0 for
   * unweighted features. Only the excess over a typical legitimate account counts: a value below
   * the legitimate reference is no evidence either way, never a discount.
   */
  contributions(features: Features): Record<FeatureName, number> {
    const out = {} as Record<FeatureName, number>;
    for (const name of FEATURE_NAMES) {
      out[name] = 0;
      if (!WEIGHTED_FEATURES.includes(name)) continue;
      const w = this.artifact.weights[name] ?? 0;
      const sd = this.artifact.std[name] ?? 1;
      const ref = this.artifact.reference[name] ?? 0;
      out[name] = sd > 0 ? w * Math.max(0, (features[name] - ref) / sd) : 0;
    }
    return out;
  }

  /** The likelihood before rounding: logistic of the intercept plus every contribution. */
  likelihood(features: Features, contributions = this.contributions(features)): number {
    const z = this.artifact.intercept + Object.values(contributions).reduce((s, v) => s + v, 0);
    return 1 / (1 + Math.exp(-z));
  }

  score(features: Features, context: FeatureContext, topN = 3): AccountScore {
    const contributions = this.contributions(features);
    const likelihood = this.likelihood(features, contributions);
    const level = levelOf(likelihood, this.thresholds);
    const top_factors = FEATURE_NAMES.filter((n) => contributions[n] > 0)
      .sort((a, b) => contributions[b] - contributions[a])
      .slice(0, topN)
      .map((factor) => ({
        factor,
        contribution: Math.round(contributions[factor] * 1000) / 1000,
        detail: describeFactor(factor, features, context),
      }));
    return {
      likelihood: Math.round(likelihood * 1e6) / 1e6,
      level,
      action: actionOf(level),
      top_factors,
      contributions,
    };
  }
}

export const DEFAULT_ACCOUNT_MODEL_FILE = 'account/current.json';

/** Reads `<modelsDir>/account/current.json` ({"version"}) and `<modelsDir>/account/<version>.json`. */
export async function loadAccountModel(
  modelsDir: string,
  overrides?: Partial<Thresholds>,
  contractSignupPaths: readonly string[] = DEFAULT_CONTRACT_SIGNUP_PATHS,
): Promise<AccountModel> {
  const dir = path.join(modelsDir, 'account');
  let file: string;
  try {
    const current = JSON.parse(await readFile(path.join(dir, 'current.json'), 'utf8')) as { version?: unknown };
    if (typeof current.version !== 'string') throw new Error('no version field');
    file = path.join(dir, `${current.version}.json`);
    const artifact = AccountModelArtifact.parse(JSON.parse(await readFile(file, 'utf8')));
    return new AccountModel(artifact, { ...artifact.thresholds, ...definedOnly(overrides ?? {}) }, contractSignupPaths);
  } catch (err) {
    throw invalidConfig(
      `Cannot load the account model from ${dir}: ${err instanceof Error ? err.message : String(err)}. Train one with \`npm run train:account\`.`,
    );
  }
}

function definedOnly(t: Partial<Thresholds>): Partial<Thresholds> {
  return Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined)) as Partial<Thresholds>;
}
