/**
 * Account-model evaluation on blind red-team traffic (`npm run eval:account`): generates the
 * sets with training/redteam (once; kept under --data), labels their prompts with the shipped
 * prompt model or the head named by --head (label-cache.ts; --label-threads encoder threads),
 * runs the account pipeline of `clusters` + `rescore --clusters`
 * (redteam-data.ts) and reports, per set, ROC-AUC, recall at 1% FPR over legitimate accounts per
 * attack family (worst family first), and legitimate eval teams, NAT companies and classes at
 * block.
 *
 *   npm run eval:account -- [--train-seeds 1] [--train-scale 0.3] [--test-seeds 2] [--test-scale 0.2]
 *     [--fit] [--extra-families DIR] [--blind] [--contract-paths enterprise|none] [--out report.json]
 *     [--models DIR] [--head head-0123456789] [--label-threads 1]
 *
 * Without --fit: the shipped model (models/account/current.json). With --fit: a model fitted on
 * the training seeds (train-account-model.ts) and leave-one-family-out over the attack families.
 * Families loaded with --extra-families are generated into the test sets but left out of every
 * figure (their events are dropped) unless --blind, which scores them once. --contract-paths is
 * the contract-account policy (ACCOUNT_CONTRACT_SIGNUP_PATHS; `none` scores without the cap).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AccountModel, loadAccountModel } from '../../src/features/aggregate/account-model.js';
import { parseContractSignupPaths } from '../../src/features/aggregate/account-model-env.js';
import { DEFAULT_MODELS_DIR } from '../../src/env.js';
import { FAMILIES } from '../redteam/registry.js';
import { generate } from '../redteam/generate.js';
import { evaluateScores, leaveOneFamilyOut, type EvalFigures, type ScoredAccount } from './family-eval.js';
import { fillLabelCache } from './label-cache.js';
import {
  hasRedteamSet,
  loadRedteamSet,
  pipelineVerdicts,
  summariesOf,
  trainingRowsOf,
  type RedteamSet,
} from './redteam-data.js';
import { fitAccountModel, type TrainingRow } from './fit.js';
import { disposeModels } from '../../src/models/registry.js';

export const KNOWN_FAMILIES = new Set(FAMILIES.map((f) => f.name));

export interface SetSpec {
  seed: number;
  scale: number;
  extraFamilies: string[];
}

export const setDir = (root: string, s: SetSpec): string =>
  path.join(root, `rt-s${s.seed}-x${s.scale}${s.extraFamilies.length > 0 ? '-extra' : ''}`);

/** Generates a set once (same seed and arguments give the same bytes). */
export async function ensureSet(root: string, s: SetSpec): Promise<string> {
  const dir = setDir(root, s);
  if (hasRedteamSet(dir)) return dir;
  const { events, truth } = await generate({ seed: s.seed, scale: s.scale, extraFamilies: s.extraFamilies });
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'history.jsonl'), events.map((e) => `${JSON.stringify(e)}\n`).join(''));
  await writeFile(path.join(dir, 'truth.json'), `${JSON.stringify(truth, null, 2)}\n`);
  return dir;
}

/** Keeps only the accounts of `keep` families (all their events), so a dropped family leaves no trace. */
export function onlyFamilies(set: RedteamSet, keep: (family: string) => boolean): RedteamSet {
  const truth = new Map([...set.truth].filter(([, t]) => keep(t.family)));
  const jobs = set.jobs.filter((j) => truth.has(j.account_id));
  return { ...set, jobs, truth };
}

/** Scores of the pipeline's verdicts joined with the truth. */
export async function pipelineScores(set: RedteamSet, model: AccountModel): Promise<ScoredAccount[]> {
  const { views } = await pipelineVerdicts(set, model, summariesOf(set));
  return views.flatMap((v) => {
    const t = set.truth.get(v.account_id);
    return t === undefined
      ? []
      : [
          {
            account: v.account_id,
            family: t.family,
            attack: t.kind === 'attack',
            likelihood: v.likelihood,
            action: v.action,
          },
        ];
  });
}

/**
 * Leave-one-family-out through the whole pipeline: for each attack family of `rows`, a model fitted
 * without it scores `set` (clusters included); that family's attackers and every legitimate
 * account are judged.
 */
export async function pipelineLeaveOneFamilyOut(rows: readonly TrainingRow[], set: RedteamSet) {
  const testRows = [...set.truth].map(([account, t]) => ({ account, family: t.family, attack: t.kind === 'attack' }));
  return leaveOneFamilyOut(rows, testRows, async (kept) => {
    const m = new AccountModel(fitAccountModel(kept));
    const scored = new Map((await pipelineScores(set, m)).map((r) => [r.account, r]));
    // Accounts of the truth without events in the set are not scored.
    return (held) => held.flatMap((r) => scored.get(r.account) ?? []);
  });
}

const headline = (e: EvalFigures) => ({
  accounts: e.accounts,
  attackers: e.attackers,
  roc_auc: e.roc_auc,
  recall_at_1pct_fpr: e.recall_at_1pct_fpr,
  worst_family: e.worst_family,
  legit_shared_at_block: e.legit_shared_at_block,
  legit_at_block: e.legit_at_block,
});

async function main() {
  const { values } = parseArgs({
    options: {
      'train-seeds': { type: 'string', default: '1' },
      'train-scale': { type: 'string', default: '0.3' },
      'test-seeds': { type: 'string', default: '2' },
      'test-scale': { type: 'string', default: '0.2' },
      'extra-families': { type: 'string' },
      blind: { type: 'boolean', default: false },
      fit: { type: 'boolean', default: false },
      data: { type: 'string', default: '.cache/account-eval' },
      labels: { type: 'string', default: '.cache/account-labels' },
      models: { type: 'string', default: DEFAULT_MODELS_DIR },
      out: { type: 'string' },
      'contract-paths': { type: 'string', default: 'enterprise' },
      head: { type: 'string' },
      'label-threads': { type: 'string', default: '1' },
    },
  });
  const labelThreads = Number(values['label-threads']);
  if (!Number.isInteger(labelThreads) || labelThreads < 1)
    throw new Error('--label-threads: expected a positive integer');
  const seeds = (s: string) => s.split(',').filter(Boolean).map(Number);
  const extra = values['extra-families']?.split(',').filter(Boolean) ?? [];
  const train: SetSpec[] = seeds(values['train-seeds']).map((seed) => ({
    seed,
    scale: Number(values['train-scale']),
    extraFamilies: [],
  }));
  const test: SetSpec[] = seeds(values['test-seeds']).map((seed) => ({
    seed,
    scale: Number(values['test-scale']),
    extraFamilies: extra,
  }));
  const contractPaths = parseContractSignupPaths(values['contract-paths']);
  const log = (l: string) => process.stderr.write(`${l}\n`);
  const dirs = { train: [] as string[], test: [] as string[] };
  for (const s of train) dirs.train.push(await ensureSet(values.data, s));
  for (const s of test) dirs.test.push(await ensureSet(values.data, s));
  const { labels, head } = await fillLabelCache({
    dir: values.labels,
    modelsDir: values.models,
    ...(values.head !== undefined ? { version: values.head } : {}),
    threads: labelThreads,
    files: [...dirs.train, ...dirs.test].map((d) => path.join(d, 'history.jsonl')),
    log,
  });
  const keep = (f: string) => values.blind || KNOWN_FAMILIES.has(f);
  const trainSets = await Promise.all(dirs.train.map((d) => loadRedteamSet(d, labels)));
  const testSets = (await Promise.all(dirs.test.map((d) => loadRedteamSet(d, labels)))).map((s) =>
    onlyFamilies(s, keep),
  );
  const report: Record<string, unknown> = {
    command: `npm run eval:account -- ${process.argv.slice(2).join(' ')}`.trim(),
    prompt_head: head,
    train_sets: dirs.train,
    test_sets: dirs.test,
    contract_signup_paths: contractPaths,
    blind_families: values.blind
      ? [...new Set(testSets.flatMap((s) => [...s.truth.values()].map((t) => t.family)))].filter(
          (f) => !KNOWN_FAMILIES.has(f),
        )
      : [],
  };
  if (!values.fit) {
    const model = await loadAccountModel(values.models, undefined, contractPaths);
    report.model = model.version;
    const sets: Record<string, EvalFigures> = {};
    for (const s of [...trainSets, ...testSets]) {
      sets[s.name] = evaluateScores(await pipelineScores(s, model));
      log(`${s.name}: ${JSON.stringify(headline(sets[s.name]!))}`);
    }
    report.sets = sets;
  } else {
    const rows: TrainingRow[] = trainSets.flatMap((s) => trainingRowsOf(s));
    const fitted = fitAccountModel(rows);
    const full = new AccountModel(fitted, fitted.thresholds, contractPaths);
    report.model = 'fitted on the training seeds';
    const sets: Record<string, unknown> = {};
    for (const s of testSets) {
      const figures = evaluateScores(await pipelineScores(s, full));
      log(`${s.name}: ${JSON.stringify(headline(figures))}`);
      const lofo = await pipelineLeaveOneFamilyOut(rows, s);
      log(`${s.name} leave-one-family-out worst: ${JSON.stringify(lofo.worst)}`);
      sets[s.name] = { all_families: figures, leave_one_family_out: lofo };
    }
    report.sets = sets;
  }
  const text = `${JSON.stringify(report, null, 2)}\n`;
  if (values.out !== undefined) await writeFile(values.out, text);
  else process.stdout.write(text);
}

// The prompt labeler's model (scoring threads) would keep the process alive after the report.
if (process.argv[1] !== undefined && import.meta.url.endsWith(path.basename(process.argv[1])))
  await main().finally(disposeModels);
