/**
 * Trains the account model: simulate labelled traffic, compute account features with the
 * service's own pure code, fit logistic regression on the training scenario families, evaluate
 * on a fresh simulation in which whole scenario families were never seen in training, and write
 * models/account/<version>.json + current.json.
 *
 *   npx tsx training/account/train-account-model.ts [--seed N] [--accounts N] [--days N] [--out DIR]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  AccountModel,
  actionOf,
  levelOf,
  type AccountModelArtifact,
  type Thresholds,
} from '../../src/features/aggregate/account-model.js';
import { FEATURE_NAMES, computeFeatures, type Features } from '../../src/features/aggregate/account-features.js';
import { toJob } from '../../src/features/aggregate/event-job.js';
import { toSummaryEvent } from '../../src/features/aggregate/offline.js';
import { summarizeEvents, type SummaryEvent } from '../../src/features/aggregate/summary.js';
import { simulate, type Simulation } from '../../src/features/simulate/simulate.js';
import { ATTACK_FAMILIES, FAMILIES, LEGIT_FAMILIES, type Family } from '../../src/features/simulate/scenarios.js';
import { DEFAULT_MODELS_DIR } from '../../src/env.js';
import { brier, fitLogistic, recallAtFpr, rocAuc } from './logistic.js';

/** Families never seen in training; the evaluation's positives come only from the held-out attack families. */
export const HELD_OUT: readonly Family[] = ['campaign_isolated', 'low_and_slow', 'vpn_mobile', 'student'];

export interface Row {
  account: string;
  family: string;
  y: number;
  features: Features;
}

export function featureRows(sim: Simulation): Row[] {
  const byAccount = new Map<string, SummaryEvent[]>();
  for (const e of sim.events) {
    const s = toSummaryEvent(toJob(e, e.labels?.label ?? 'benign'));
    let list = byAccount.get(e.account_id);
    if (list === undefined) byAccount.set(e.account_id, (list = []));
    list.push(s);
  }
  const rows: Row[] = [];
  for (const [account, list] of byAccount) {
    const t = sim.truth[account]!;
    rows.push({
      account,
      family: t.family,
      y: t.role === 'attacker' ? 1 : 0,
      features: computeFeatures(summarizeEvents(account, list, sim.end), sim.end).features,
    });
  }
  return rows;
}

function evaluate(model: AccountModel, rows: Row[]) {
  const scored = rows.map((r) => ({ ...r, p: model.score(r.features, dummyContext).likelihood }));
  const s = scored.map((r) => r.p);
  const y = scored.map((r) => r.y);
  const at1 = recallAtFpr(s, y, 0.01);
  const perFamily: Record<string, { accounts: number; mean_likelihood: number; levels: Record<string, number> }> = {};
  for (const r of scored) {
    const f = (perFamily[r.family] ??= { accounts: 0, mean_likelihood: 0, levels: {} });
    f.accounts += 1;
    f.mean_likelihood += r.p;
    const level = levelOf(r.p, model.thresholds);
    f.levels[actionOf(level)] = (f.levels[actionOf(level)] ?? 0) + 1;
  }
  for (const f of Object.values(perFamily))
    f.mean_likelihood = Math.round((f.mean_likelihood / f.accounts) * 1e4) / 1e4;
  return {
    accounts: rows.length,
    attackers: y.filter((v) => v === 1).length,
    roc_auc: round(rocAuc(s, y)),
    recall_at_1pct_fpr: round(at1.recall),
    threshold_at_1pct_fpr: round(at1.threshold),
    brier: round(brier(s, y)),
    legit_eval_or_company_blocked: scored.filter(
      (r) =>
        (r.family === 'eval_team' || r.family === 'company_nat') &&
        model.score(r.features, dummyContext).action === 'block',
    ).length,
    per_family: perFamily,
  };
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;
const dummyContext = {
  n1h: 0,
  n24h: 0,
  n7d: 0,
  labels7d: { reasoning_trace_extraction: 0, rubric_grading: 0, censorship_rewrite: 0 },
  topArea: 'general',
  topAreaCount: 0,
  recentCount: 0,
  nearDuplicates: 0,
  activeHours: 0,
  peakHour: 0,
  automation: 0,
  distinctIps: 0,
} as const;

export function trainModel(train: Row[], manifest: Record<string, unknown>, version: string): AccountModelArtifact {
  const names = [...FEATURE_NAMES];
  const mean: Record<string, number> = {};
  const std: Record<string, number> = {};
  const reference: Record<string, number> = {};
  const legit = train.filter((r) => r.y === 0);
  for (const n of names) {
    const v = train.map((r) => r.features[n]);
    mean[n] = v.reduce((s, x) => s + x, 0) / v.length;
    std[n] = Math.sqrt(v.reduce((s, x) => s + (x - mean[n]!) ** 2, 0) / v.length);
    reference[n] = legit.reduce((s, r) => s + r.features[n], 0) / Math.max(1, legit.length);
  }
  const x = train.map((r) => names.map((n) => (std[n]! > 0 ? (r.features[n] - reference[n]!) / std[n]! : 0)));
  const fit = fitLogistic(
    x,
    train.map((r) => r.y),
    { l2: 0.01, iterations: 3000, rate: 0.5 },
  );
  const weights = Object.fromEntries(names.map((n, j) => [n, std[n]! > 0 ? round(fit.weights[j]!) : 0]));
  const draft: AccountModelArtifact = {
    kind: 'distill-guard/account-model',
    version,
    features: names,
    weights,
    intercept: round(fit.intercept),
    reference: Object.fromEntries(Object.entries(reference).map(([k, v]) => [k, round(v)])),
    std: Object.fromEntries(Object.entries(std).map(([k, v]) => [k, round(v)])),
    thresholds: { elevated: 0.3, high: 0.6, critical: 0.9 },
    manifest,
  };
  // Block only above every legitimate training account, with a margin.
  const legitMax = Math.max(...legit.map((r) => new AccountModel(draft).score(r.features, dummyContext).likelihood));
  const thresholds: Thresholds = {
    elevated: 0.3,
    high: 0.6,
    critical: round(Math.min(0.995, Math.max(0.9, legitMax + 0.02))),
  };
  return { ...draft, thresholds };
}

/** A model fitted on red-team feature rows (training/account/redteam-data.ts). */
export function fitAccountModel(
  rows: readonly { account: string; family: string; attack: boolean; features: Features }[],
  manifest: Record<string, unknown> = {},
  version = 'fitted',
): AccountModelArtifact {
  return trainModel(
    rows.map((r) => ({ account: r.account, family: r.family, y: r.attack ? 1 : 0, features: r.features })),
    manifest,
    version,
  );
}

async function main() {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: '1001' },
      accounts: { type: 'string', default: '800' },
      days: { type: 'string', default: '7' },
      out: { type: 'string' },
    },
  });
  const seed = Number(values.seed);
  const accounts = Number(values.accounts);
  const days = Number(values.days);
  const evalSeed = seed + 1;
  const trainFamilies = FAMILIES.filter((f) => !HELD_OUT.includes(f));
  const t0 = Date.now();
  const allTrain = featureRows(simulate({ seed, accounts, days }));
  const evalRows = featureRows(simulate({ seed: evalSeed, accounts, days }));
  const train = allTrain.filter((r) => (trainFamilies as readonly string[]).includes(r.family));
  const heldOutEval = evalRows.filter((r) => r.y === 0 || (HELD_OUT as readonly string[]).includes(r.family));
  const seenEval = evalRows.filter((r) => r.y === 0 || !(HELD_OUT as readonly string[]).includes(r.family));
  const version = `account-${new Date().toISOString().slice(0, 10).replaceAll('-', '')}-s${seed}`;
  const manifest = {
    trained_at: new Date().toISOString(),
    model:
      'logistic regression, L2 0.01, balanced class weights, features standardised (std over training, centred on the legitimate mean)',
    simulator: {
      seed,
      eval_seed: evalSeed,
      accounts,
      days,
      labels: 'simulated classifier noise (src/features/simulate/simulate.ts LABEL_NOISE)',
    },
    scenario_families: { train: trainFamilies, held_out: HELD_OUT, legit: LEGIT_FAMILIES, attack: ATTACK_FAMILIES },
    train_accounts: train.length,
  };
  let artifact = trainModel(train, manifest, version);
  const model = new AccountModel(artifact);
  // Leave one attack family out (plus the held-out legitimate families): how each attack fares unseen.
  const leaveOneOut: Record<string, unknown> = {};
  for (const family of ATTACK_FAMILIES) {
    const out: Family[] = [family, 'vpn_mobile', 'student'];
    const m = new AccountModel(
      trainModel(
        allTrain.filter((r) => !(out as readonly string[]).includes(r.family)),
        {},
        'lofo',
      ),
    );
    const { per_family: _pf, ...e } = evaluate(
      m,
      evalRows.filter((r) => r.y === 0 || r.family === family),
    );
    leaveOneOut[family] = e;
  }
  const metrics = {
    held_out_families: evaluate(model, heldOutEval),
    seen_families_fresh_seed: evaluate(model, seenEval),
    all_fresh_seed: evaluate(model, evalRows),
    leave_one_attack_family_out: leaveOneOut,
    baseline_attack_label_rate_only: (() => {
      const s = heldOutEval;
      const sc = s.map((r) => r.features.attack_label_rate);
      return {
        roc_auc: round(
          rocAuc(
            sc,
            s.map((r) => r.y),
          ),
        ),
        recall_at_1pct_fpr: round(
          recallAtFpr(
            sc,
            s.map((r) => r.y),
            0.01,
          ).recall,
        ),
      };
    })(),
    seconds: Math.round((Date.now() - t0) / 100) / 10,
  };
  artifact = { ...artifact, manifest: { ...manifest, metrics } };
  const dir = path.join(values.out ?? DEFAULT_MODELS_DIR, 'account');
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, `${version}.json`), `${JSON.stringify(artifact, null, 2)}\n`);
  await writeFile(path.join(dir, 'current.json'), `${JSON.stringify({ version }, null, 2)}\n`);
  const { per_family: _p, ...headline } = metrics.held_out_families;
  console.log(
    JSON.stringify(
      {
        version,
        weights: artifact.weights,
        thresholds: artifact.thresholds,
        held_out: headline,
        per_family: metrics.held_out_families.per_family,
        seen: { ...metrics.seen_families_fresh_seed, per_family: undefined },
        lofo: metrics.leave_one_attack_family_out,
        baseline: metrics.baseline_attack_label_rate_only,
        seconds: metrics.seconds,
      },
      null,
      2,
    ),
  );
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(path.basename(process.argv[1]))) await main();
