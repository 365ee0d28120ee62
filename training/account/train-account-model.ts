/**
 * Trains the account model: labelled accounts from the traffic simulator (labels with simulated
 * classifier noise) and, with --redteam, from red-team sets labelled by the shipped prompt model
 * (label-cache.ts); computes account features with the service's own pure code; fits a
 * non-negative logistic model (fit.ts); evaluates on a fresh simulator seed, per family and
 * leave-one-attack-family-out; writes models/account/<version>.json and current.json.
 *
 *   npx tsx training/account/train-account-model.ts [--seed N] [--accounts N] [--days N]
 *     [--redteam DIR[,DIR]] [--labels DIR] [--version V] [--out DIR]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AccountModel, actionOf, levelOf } from '../../src/features/aggregate/account-model.js';
import { toJob } from '../../src/features/aggregate/event-job.js';
import { toSummaryEvent } from '../../src/features/aggregate/offline.js';
import { summarizeEvents, type SummaryEvent } from '../../src/features/aggregate/summary.js';
import { simulate, type Simulation } from '../../src/features/simulate/simulate.js';
import { ATTACK_FAMILIES, LEGIT_FAMILIES } from '../../src/features/simulate/scenarios.js';
import { DEFAULT_MODELS_DIR } from '../../src/env.js';
import { evaluateScores, leaveOneFamilyOut, type ScoredAccount } from './family-eval.js';
import { FIT, featuresOf, fitAccountModel, likelihoodOf, type TrainingRow } from './fit.js';
import { readLabelCache } from './label-cache.js';
import { loadRedteamSet, trainingRowsOf } from './redteam-data.js';
import { resolveVersion } from '../../src/models/registry.js';

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

async function main() {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: '1001' },
      accounts: { type: 'string', default: '800' },
      days: { type: 'string', default: '7' },
      redteam: { type: 'string' },
      labels: { type: 'string', default: '.cache/account-labels' },
      version: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const seed = Number(values.seed);
  const accounts = Number(values.accounts);
  const days = Number(values.days);
  const t0 = Date.now();
  const train = simulatorRows(simulate({ seed, accounts, days }));
  const evalRows = simulatorRows(simulate({ seed: seed + 1, accounts, days }));
  const redteamDirs = values.redteam?.split(',').filter(Boolean) ?? [];
  let head: string | undefined;
  if (redteamDirs.length > 0) {
    head = (await resolveVersion({})).version;
    const labels = await readLabelCache(values.labels, head);
    for (const dir of redteamDirs) train.push(...trainingRowsOf(await loadRedteamSet(dir, labels)));
  }
  const version = values.version ?? `account-${new Date().toISOString().slice(0, 10).replaceAll('-', '')}-s${seed}`;
  const manifest = {
    trained_at: new Date().toISOString(),
    model: `logistic regression with non-negative weights (projected gradient descent, L2 ${FIT.l2}, ${FIT.iterations} iterations), family-balanced row weights, features standardised (std over training, centred on the legitimate mean); label evidence against base rates measured on the legitimate training accounts`,
    simulator: {
      seed,
      eval_seed: seed + 1,
      accounts,
      days,
      labels: 'simulated classifier noise (src/features/simulate/simulate.ts LABEL_NOISE)',
      families: { legit: LEGIT_FAMILIES, attack: ATTACK_FAMILIES },
    },
    redteam: redteamDirs.length === 0 ? null : { sets: redteamDirs.map((d) => path.basename(d)), prompt_head: head },
    train_accounts: train.length,
    train_families: [...new Set(train.map((r) => r.family))].sort(),
  };
  const artifact0 = fitAccountModel(train, manifest, version);
  const model = new AccountModel(artifact0);
  const lofo = await leaveOneFamilyOut(
    train.filter((r) => r.family.startsWith('sim:')),
    evalRows,
    (kept) => {
      const m = new AccountModel(fitAccountModel(kept as TrainingRow[]));
      return Promise.resolve((held) => ownScores(m, held as TrainingRow[]));
    },
  );
  const fresh = evaluateScores(ownScores(model, evalRows));
  const metrics = {
    simulator_fresh_seed: fresh,
    simulator_leave_one_attack_family_out: lofo,
    seconds: Math.round((Date.now() - t0) / 100) / 10,
  };
  const artifact = { ...artifact0, manifest: { ...manifest, metrics } };
  const dir = path.join(values.out ?? DEFAULT_MODELS_DIR, 'account');
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, `${version}.json`), `${JSON.stringify(artifact, null, 2)}\n`);
  await writeFile(path.join(dir, 'current.json'), `${JSON.stringify({ version }, null, 2)}\n`);
  const { per_family: _p, ...headline } = fresh;
  console.log(
    JSON.stringify(
      {
        version,
        weights: artifact.weights,
        evidence_prior: artifact.evidence_prior,
        thresholds: artifact.thresholds,
        simulator_fresh_seed: headline,
        lofo,
        seconds: metrics.seconds,
      },
      null,
      2,
    ),
  );
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(path.basename(process.argv[1]))) await main();
