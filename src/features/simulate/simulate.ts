/**
 * Seeded, deterministic simulation of mixed gateway traffic: legitimate families and attack
 * families (docs/simulator.md). Events optionally carry simulated prompt-classifier labels
 * (the intended label, flipped at the rates below) so account training needs no model.
 */
import { ATTACK_LABELS, type AttackLabel } from '../../labels.js';
import type { EventLabels } from '../../contracts/events.js';
import { Rng } from './rng.js';
import {
  BASE_FAMILIES,
  CLUSTER_FAMILIES,
  FAMILIES,
  FAMILY_WEIGHTS,
  GENERATORS,
  LEGIT_FAMILIES,
  type Family,
  type FamilyContext,
  type Meta,
} from './scenarios.js';
import { CLUSTER_FAMILY_WEIGHTS, CLUSTER_GENERATORS } from './scenarios-clusters.js';
import { INTENDED, makePrompt, type PromptKind } from './templates.js';

export interface SimEvent {
  request_id: string;
  account_id: string;
  timestamp: string;
  prompt: string;
  metadata: Meta;
  labels?: EventLabels;
}

export interface TruthEntry {
  role: 'legit' | 'attacker';
  family: Family;
  campaign_id: string | null;
}

export interface SimulateOptions {
  seed: number;
  accounts: number;
  days: number;
  /** Start of the simulated period (UTC ms). */
  start?: number;
  /** Attach simulated classifier labels to each event. */
  labels?: boolean;
  /** Only these families (default: all). */
  families?: readonly Family[];
}

export interface Simulation {
  events: SimEvent[];
  truth: Record<string, TruthEntry>;
  end: number;
}

export const DEFAULT_START = Date.UTC(2025, 2, 3);

/** Simulated classifier: recall on attack prompts and false-positive rates on benign kinds. */
export const LABEL_NOISE = {
  recall: 0.85,
  confusion: 0.03,
  falsePositive: { default: 0.01, homework: 0.06, politics: 0.04, judge: 0 },
};

function simulatedLabels(rng: Rng, kind: PromptKind): EventLabels {
  const intended = INTENDED[kind];
  let label: AttackLabel | 'benign' = intended;
  if (intended !== 'benign') {
    const r = rng.next();
    if (r > LABEL_NOISE.recall + LABEL_NOISE.confusion) label = 'benign';
    else if (r > LABEL_NOISE.recall) label = rng.pick(ATTACK_LABELS.filter((l) => l !== intended));
  } else {
    const fp = (LABEL_NOISE.falsePositive as Record<string, number>)[kind] ?? LABEL_NOISE.falsePositive.default;
    if (rng.chance(fp))
      label =
        kind === 'politics'
          ? 'censorship_rewrite'
          : kind === 'homework'
            ? 'reasoning_trace_extraction'
            : rng.pick(ATTACK_LABELS);
  }
  const scores = Object.fromEntries(
    ATTACK_LABELS.map((l) => [l, Math.round((l === label ? 0.6 + 0.4 * rng.next() : 0.2 * rng.next()) * 1e4) / 1e4]),
  ) as Record<AttackLabel, number>;
  return { ...scores, label, flagged: label !== 'benign' };
}

export function simulate(opts: SimulateOptions): Simulation {
  const start = opts.start ?? DEFAULT_START;
  const families = opts.families ?? FAMILIES;
  const truth: Record<string, TruthEntry> = {};
  const events: SimEvent[] = [];
  const end = start + opts.days * 86_400_000;
  let accountSeq = 0;
  let campaignSeq = 0;
  const infra = { proxyIps: [] as string[] };
  const context = (rng: Rng): FamilyContext => ({
    rng,
    start,
    days: opts.days,
    infra,
    newAccount(family: Family, campaign: string | null) {
      const id = `acct_${(++accountSeq).toString().padStart(5, '0')}_${rng.hex(3)}`;
      truth[id] = {
        role: (LEGIT_FAMILIES as readonly string[]).includes(family) ? 'legit' : 'attacker',
        family,
        campaign_id: campaign,
      };
      return id;
    },
    newCampaign(family: Family) {
      return `${family}_${++campaignSeq}`;
    },
    emit(accountId: string, ts: number, kind: PromptKind, meta: Meta, prompt?: string) {
      if (ts < start || ts >= end) return;
      const event: SimEvent = {
        request_id: `req_${rng.hex(8)}`,
        account_id: accountId,
        timestamp: new Date(ts).toISOString(),
        prompt: prompt ?? makePrompt(rng, kind),
        metadata: { ...meta },
      };
      const labels = simulatedLabels(rng, kind);
      if (opts.labels !== false) event.labels = labels;
      events.push(event);
    },
  });
  // Base families share one random stream (their output does not depend on the cluster families);
  // cluster families follow from a second stream and add their share on top of `accounts`.
  const base = context(new Rng(opts.seed));
  const baseFamilies = BASE_FAMILIES.filter((f) => families.includes(f));
  const total = baseFamilies.reduce((s, f) => s + FAMILY_WEIGHTS[f], 0);
  for (const family of baseFamilies) {
    const n = Math.max(1, Math.round((opts.accounts * FAMILY_WEIGHTS[family]) / total));
    GENERATORS[family](base, n);
  }
  const extra = context(new Rng((Math.imul(opts.seed, 0x9e3779b1) ^ 0x5bd1e995) >>> 0));
  for (const family of CLUSTER_FAMILIES.filter((f) => families.includes(f))) {
    CLUSTER_GENERATORS[family](extra, Math.max(1, Math.round(opts.accounts * CLUSTER_FAMILY_WEIGHTS[family])));
  }
  events.sort((a, b) =>
    a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : a.request_id < b.request_id ? -1 : 1,
  );
  return { events, truth, end };
}
