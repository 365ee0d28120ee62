/**
 * Trains the account model: labelled accounts from the traffic simulator (labels with simulated
 * classifier noise) and, with --redteam, from red-team sets labelled by the shipped prompt model
 * (label-cache.ts); computes account features with the service's own pure code; fits a
 * non-negative logistic model (fit.ts); evaluates on a fresh simulator seed, per family and
 * leave-one-attack-family-out, and through the whole pipeline (clusters included) on a blind
 * red-team evaluation set, per family and leave-one-family-out. Writes the candidate
 * models/account/<version>.json (version = hash of its content, so the same data and code give
 * the same file) and its model card <version>.md; `npm run promote:account -- <version>` makes it
 * live through the promotion gate.
 *
 *   npm run train:account -- [--seed N] [--accounts N] [--days N] [--redteam-seeds 1] [--redteam-scale 0.3]
 *     [--eval-seed 2] [--eval-scale 0.2] [--data DIR] [--labels DIR] [--out DIR]
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  AccountModel,
  actionOf,
  levelOf,
  type AccountModelArtifact,
} from '../../src/features/aggregate/account-model.js';
import { toJob } from '../../src/features/aggregate/event-job.js';
import { toSummaryEvent } from '../../src/features/aggregate/offline.js';
import { summarizeEvents, type SummaryEvent } from '../../src/features/aggregate/summary.js';
import { simulate, type Simulation } from '../../src/features/simulate/simulate.js';
import { ATTACK_FAMILIES, LEGIT_FAMILIES } from '../../src/features/simulate/scenarios.js';
import { DEFAULT_MODELS_DIR } from '../../src/env.js';
import { evaluateScores, leaveOneFamilyOut, type EvalFigures, type ScoredAccount } from './family-eval.js';
import { FIT, featuresOf, fitAccountModel, likelihoodOf, type TrainingRow } from './fit.js';
import { fillLabelCache } from './label-cache.js';
import { KNOWN_FAMILIES, ensureSet, onlyFamilies, pipelineLeaveOneFamilyOut, pipelineScores } from './eval-account.js';
import { loadRedteamSet, trainingRowsOf } from './redteam-data.js';
import { disposeModels } from '../../src/models/registry.js';

export function simulatorRows(sim: Simulation): TrainingRow[] {
  const byAccount = new Map<string, SummaryEvent[]>();
  for (const e of sim.events) {
    const s = toSummaryEvent(toJob(e, e.labels?.label ?? 'benign'));
    let list = byAccount.get(e.account_id);
    if (list === undefined) byAccount.set(e.account_id, (list = []));
    list.push(s);
  }
  const rows: TrainingRow[] = [];
  for (const [account, list] of byAccount) {
    const t = sim.truth[account]!;
    rows.push({
      account,
      family: `sim:${t.family}`,
      attack: t.role === 'attacker',
      summary: summarizeEvents(account, list, sim.end),
      end: sim.end,
    });
  }
  return rows;
}

/** Own-traffic scores of rows (no cluster term) under a model. */
export function ownScores(model: AccountModel, rows: readonly TrainingRow[]): ScoredAccount[] {
  return rows.map((r) => {
    const p = likelihoodOf(model, featuresOf(r, model.prior, model.signupLift));
    return {
      account: r.account,
      family: r.family,
      attack: r.attack,
      likelihood: p,
      action: actionOf(levelOf(p, model.thresholds)),
    };
  });
}

/** The model card: what the model is, what it was trained on, and its figures per family on blind red-team traffic. */
export function modelCard(artifact: AccountModelArtifact, report: RedteamReport): string {
  const lines: string[] = [];
  const pct = (x: number | undefined) => (x === undefined ? '–' : x.toFixed(3));
  lines.push(`# Account model ${artifact.version}`, '');
  lines.push(String(artifact.manifest.model ?? ''), '');
  lines.push(
    `Trained on ${String(artifact.manifest.train_accounts)} accounts: simulator seed ${String((artifact.manifest.simulator as { seed: number }).seed)} and red-team sets ${JSON.stringify((artifact.manifest.redteam as { sets?: string[] } | null)?.sets ?? [])} (prompt labels from ${String((artifact.manifest.redteam as { prompt_head?: string } | null)?.prompt_head ?? 'none')}).`,
    '',
  );
  lines.push(
    `## Blind red-team evaluation (${report.set}, full pipeline: clusters, then rescore with clusters)`,
    '',
    `ROC-AUC ${report.all.roc_auc}, recall at 1% FPR ${report.all.recall_at_1pct_fpr} over ${report.all.attackers} attackers and ${report.all.accounts - report.all.attackers} legitimate accounts; worst family ${report.all.worst_family?.family ?? '–'} (${pct(report.all.worst_family?.recall_at_1pct_fpr)}). Protected legitimate accounts at block: ${JSON.stringify(report.all.legit_shared_at_block)}.`,
    '',
    '| family | kind | accounts | mean likelihood | recall at 1% FPR | leave-one-family-out recall | actions |',
    '|---|---|---|---|---|---|---|',
  );
  const lofo = new Map(report.lofo.families.map((f) => [f.family, f]));
  for (const [family, f] of Object.entries(report.all.per_family).sort(([x], [y]) => (x < y ? -1 : 1)))
    lines.push(
      `| ${family} | ${f.recall_at_1pct_fpr === undefined ? 'legit' : 'attack'} | ${f.accounts} | ${f.mean_likelihood} | ${pct(f.recall_at_1pct_fpr)} | ${pct(lofo.get(family)?.recall_at_1pct_fpr)} | ${Object.entries(
        f.actions,
      )
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')} |`,
    );
  lines.push(
    '',
    `Leave-one-family-out: for each attack family, a model fitted without it scores the set (worst: ${report.lofo.worst?.family ?? '–'}, recall ${pct(report.lofo.worst?.recall_at_1pct_fpr)}, ROC-AUC ${pct(report.lofo.worst?.roc_auc)}).`,
    '',
    `Weights (non-negative): ${Object.entries(artifact.weights)
      .filter(([, w]) => w > 0)
      .map(([k, w]) => `${k} ${w}`)
      .join(', ')}. Sign-up path lift: ${JSON.stringify(artifact.signup_path_lift ?? {})}.`,
    '',
  );
  return lines.join('\n');
}

export interface RedteamReport {
  set: string;
  all: EvalFigures;
  lofo: Awaited<ReturnType<typeof pipelineLeaveOneFamilyOut>>;
}

/** A version named by the artifact's content: the same data and code give the same name. */
export function contentVersion(artifact: Omit<AccountModelArtifact, 'version'>): string {
  return `account-${createHash('sha256').update(JSON.stringify(artifact)).digest('hex').slice(0, 10)}`;
}

/** Arguments without `--out DIR` / `--out=DIR`. */
function withoutOut(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--out') i += 1;
    else if (!args[i]!.startsWith('--out=')) out.push(args[i]!);
  }
  return out;
}

async function main() {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: '1001' },
      accounts: { type: 'string', default: '800' },
      days: { type: 'string', default: '7' },
      'redteam-seeds': { type: 'string', default: '1' },
      'redteam-scale': { type: 'string', default: '0.3' },
      'eval-seed': { type: 'string', default: '2' },
      'eval-scale': { type: 'string', default: '0.2' },
      data: { type: 'string', default: '.cache/account-eval' },
      labels: { type: 'string', default: '.cache/account-labels' },
      out: { type: 'string' },
    },
  });
  const seed = Number(values.seed);
  const accounts = Number(values.accounts);
  const days = Number(values.days);
  const log = (l: string) => process.stderr.write(`${l}\n`);
  const train = simulatorRows(simulate({ seed, accounts, days }));
  const evalRows = simulatorRows(simulate({ seed: seed + 1, accounts, days }));
  const specs = (values['redteam-seeds'] ?? '')
    .split(',')
    .filter(Boolean)
    .map((s) => ({ seed: Number(s), scale: Number(values['redteam-scale']), extraFamilies: [] }));
  const evalSpec = { seed: Number(values['eval-seed']), scale: Number(values['eval-scale']), extraFamilies: [] };
  const redteamDirs: string[] = [];
  for (const spec of specs) redteamDirs.push(await ensureSet(values.data, spec));
  const evalDir = await ensureSet(values.data, evalSpec);
  const { labels, head } = await fillLabelCache({
    dir: values.labels,
    files: [...redteamDirs, evalDir].map((d) => path.join(d, 'history.jsonl')),
    log,
  });
  for (const dir of redteamDirs) train.push(...trainingRowsOf(await loadRedteamSet(dir, labels)));
  const manifest = {
    model: `logistic regression with non-negative weights (projected gradient descent, L2 ${FIT.l2}, ${FIT.iterations} iterations), family-balanced row weights, features standardised (std over training, centred on the legitimate mean); label evidence against base rates measured on the legitimate training accounts; sign-up path lift measured on the training accounts`,
    // Where the files go is not part of the model: the same data give the same version anywhere.
    command: `npm run train:account -- ${withoutOut(process.argv.slice(2)).join(' ')}`.trim(),
    simulator: {
      seed,
      eval_seed: seed + 1,
      accounts,
      days,
      labels: 'simulated classifier noise (src/features/simulate/simulate.ts LABEL_NOISE)',
      families: { legit: LEGIT_FAMILIES, attack: ATTACK_FAMILIES },
    },
    redteam: { sets: redteamDirs.map((d) => path.basename(d)), eval_set: path.basename(evalDir), prompt_head: head },
    train_accounts: train.length,
    train_families: [...new Set(train.map((r) => r.family))].sort(),
  };
  const fitted = fitAccountModel(train, manifest, '');
  const model0 = new AccountModel(fitted);
  log('simulator leave-one-family-out');
  const lofoSim = await leaveOneFamilyOut(
    train.filter((r) => r.family.startsWith('sim:')),
    evalRows,
    (kept) => {
      const m = new AccountModel(fitAccountModel(kept as TrainingRow[]));
      return Promise.resolve((held) => ownScores(m, held as TrainingRow[]));
    },
  );
  const evalSet = onlyFamilies(await loadRedteamSet(evalDir, labels), (f) => KNOWN_FAMILIES.has(f));
  log('red-team evaluation');
  const all = evaluateScores(await pipelineScores(evalSet, model0));
  log('red-team leave-one-family-out');
  const lofo = await pipelineLeaveOneFamilyOut(train, evalSet);
  const fresh = evaluateScores(ownScores(model0, evalRows));
  const metrics = {
    simulator_fresh_seed: fresh,
    simulator_leave_one_attack_family_out: lofoSim,
    redteam_eval: { set: evalSet.name, all, leave_one_family_out: lofo },
  };
  const { version: _v, ...body } = { ...fitted, manifest: { ...manifest, metrics } };
  const version = contentVersion(body);
  const artifact: AccountModelArtifact = { ...body, version };
  const dir = path.join(values.out ?? DEFAULT_MODELS_DIR, 'account');
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, `${version}.json`), `${JSON.stringify(artifact, null, 2)}\n`);
  await writeFile(path.join(dir, `${version}.md`), modelCard(artifact, { set: evalSet.name, all, lofo }));
  const { per_family: _p, ...headline } = all;
  console.log(
    JSON.stringify(
      {
        candidate: version,
        promote_with: `npm run promote:account -- ${version}`,
        weights: artifact.weights,
        thresholds: artifact.thresholds,
        redteam_eval: headline,
        redteam_lofo: lofo,
      },
      null,
      2,
    ),
  );
}

// The prompt labeler's model (scoring threads) would keep the process alive after the model is written.
if (process.argv[1] !== undefined && import.meta.url.endsWith(path.basename(process.argv[1])))
  await main().finally(disposeModels);
