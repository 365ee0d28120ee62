/**
 * The account model: logistic regression over standardised account features, learned from
 * simulated labelled traffic (training/account/train-account-model.ts) and stored as a
 * versioned JSON artifact under models/account/.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { LEVELS, type Action, type Level, type TopFactor } from '../../contracts/accounts.js';
import { invalidConfig } from '../../errors.js';
import { FEATURE_NAMES, type FeatureContext, type FeatureName, type Features } from './account-features.js';

export const Thresholds = z.object({ elevated: z.number(), high: z.number(), critical: z.number() });
export type Thresholds = z.infer<typeof Thresholds>;

export const AccountModelArtifact = z.object({
  kind: z.literal('distill-guard/account-model'),
  version: z.string(),
  features: z.array(z.string()),
  weights: z.record(z.string(), z.number()),
  intercept: z.number(),
  /** Feature means over legitimate training accounts: the point contributions are measured from. */
  reference: z.record(z.string(), z.number()),
  std: z.record(z.string(), z.number()),
  thresholds: Thresholds,
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

/** One sentence of evidence per feature. */
export function describeFactor(name: FeatureName, f: Features, c: FeatureContext): string {
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
    case 'interarrival_cv':
      return `inter-arrival coefficient of variation ${f.interarrival_cv.toFixed(2)} over the last ${c.recentCount} requests`;
    case 'attack_label_rate': {
      const k = Object.values(c.labels7d).reduce((s, v) => s + v, 0);
      return `${pct(c.n7d === 0 ? 0 : k / c.n7d)} of ${int(c.n7d)} requests in 7 d carry an attack label`;
    }
    case 'area_entropy':
      return `capability-area entropy ${f.area_entropy.toFixed(2)}; ${pct(c.n7d === 0 ? 0 : c.topAreaCount / c.n7d)} of requests are ${c.topArea}`;
    case 'top_area_share':
      return `${pct(c.n7d === 0 ? 0 : c.topAreaCount / c.n7d)} of ${int(c.n7d)} requests in 7 d are ${c.topArea}`;
    case 'template_repetition':
      return `${f.template_repetition.toFixed(2)} template repetition: ${c.nearDuplicates} of the last ${c.recentCount} prompts are near-duplicates of another`;
    case 'automation_ua_share':
      return `${pct(c.n7d === 0 ? 0 : c.automation / c.n7d)} of requests come from automation clients (HTTP libraries, curl)`;
    case 'distinct_ips_7d':
      return `${int(c.distinctIps)} distinct IPs in 7 d`;
    case 'cluster_score':
      return `cluster score ${f.cluster_score.toFixed(2)} (shared infrastructure with other accounts)`;
    default: {
      const label = name.replace(/^label_rate_/, '') as keyof FeatureContext['labels7d'];
      const k = c.labels7d[label] ?? 0;
      return `${pct(c.n7d === 0 ? 0 : k / c.n7d)} of ${int(c.n7d)} requests in 7 d labelled ${label}`;
    }
  }
}

export class AccountModel {
  constructor(
    readonly artifact: AccountModelArtifact,
    readonly thresholds: Thresholds = artifact.thresholds,
  ) {}

  get version(): string {
    return this.artifact.version;
  }

  /** Per-feature contribution to the log-odds: weight × (value − reference) / std. */
  contributions(features: Features): Record<FeatureName, number> {
    const out = {} as Record<FeatureName, number>;
    for (const name of FEATURE_NAMES) {
      const w = this.artifact.weights[name] ?? 0;
      const sd = this.artifact.std[name] ?? 1;
      const ref = this.artifact.reference[name] ?? 0;
      out[name] = sd > 0 ? (w * (features[name] - ref)) / sd : 0;
    }
    return out;
  }

  score(features: Features, context: FeatureContext, topN = 3): AccountScore {
    const contributions = this.contributions(features);
    const z = this.artifact.intercept + Object.values(contributions).reduce((s, v) => s + v, 0);
    const likelihood = 1 / (1 + Math.exp(-z));
    const level = levelOf(likelihood, this.thresholds);
    const top_factors = FEATURE_NAMES.filter((n) => contributions[n] !== 0)
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
export async function loadAccountModel(modelsDir: string, overrides?: Partial<Thresholds>): Promise<AccountModel> {
  const dir = path.join(modelsDir, 'account');
  let file: string;
  try {
    const current = JSON.parse(await readFile(path.join(dir, 'current.json'), 'utf8')) as { version?: unknown };
    if (typeof current.version !== 'string') throw new Error('no version field');
    file = path.join(dir, `${current.version}.json`);
    const artifact = AccountModelArtifact.parse(JSON.parse(await readFile(file, 'utf8')));
    return new AccountModel(artifact, { ...artifact.thresholds, ...definedOnly(overrides ?? {}) });
  } catch (err) {
    throw invalidConfig(
      `Cannot load the account model from ${dir}: ${err instanceof Error ? err.message : String(err)}. Train one with \`npm run train:account\`.`,
    );
  }
}

function definedOnly(t: Partial<Thresholds>): Partial<Thresholds> {
  return Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined)) as Partial<Thresholds>;
}
