/**
 * Makes a trained account model live through the promotion gate (`npm run promote:account -- VERSION`):
 * scores the blind red-team evaluation set with the candidate and with the live model through the
 * whole pipeline (clusters, then rescore with clusters), and promotes only when no family's
 * recall at 1% FPR is worse beyond the tolerance and no eval team, NAT company or class account
 * is at block (src/features/lifecycle/account-promotion.ts).
 *
 *   npm run promote:account -- VERSION [--tolerance 0.01] [--force --reason "..."] [--eval-seed 2] [--eval-scale 0.2]
 *
 * Exit codes: 0 promoted (or already live), 3 refused by the gate, 1 other errors.
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AccountModel, AccountModelArtifact } from '../../src/features/aggregate/account-model.js';
import {
  accountPromotionGate,
  currentAccountVersion,
  promoteAccountModel,
} from '../../src/features/lifecycle/account-promotion.js';
import { DEFAULT_TOLERANCE, describeRegressions } from '../../src/features/lifecycle/promotion-gate.js';
import { PromotionRefusedError } from '../../src/features/lifecycle/promote.js';
import { DEFAULT_MODELS_DIR } from '../../src/env.js';
import { readFile } from 'node:fs/promises';
import { KNOWN_FAMILIES, ensureSet, onlyFamilies, pipelineScores } from './eval-account.js';
import { evaluateScores } from './family-eval.js';
import { fillLabelCache } from './label-cache.js';
import { disposeModels } from '../../src/models/registry.js';
import { loadRedteamSet } from './redteam-data.js';

async function readModel(modelsDir: string, version: string): Promise<AccountModel> {
  const file = path.join(modelsDir, 'account', `${version}.json`);
  return new AccountModel(AccountModelArtifact.parse(JSON.parse(await readFile(file, 'utf8'))));
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      tolerance: { type: 'string', default: String(DEFAULT_TOLERANCE) },
      force: { type: 'boolean', default: false },
      reason: { type: 'string' },
      'eval-seed': { type: 'string', default: '2' },
      'eval-scale': { type: 'string', default: '0.2' },
      data: { type: 'string', default: '.cache/account-eval' },
      labels: { type: 'string', default: '.cache/account-labels' },
      models: { type: 'string', default: DEFAULT_MODELS_DIR },
    },
  });
  const log = (l: string) => process.stderr.write(`${l}\n`);
  const version = positionals[0];
  const tolerance = Number(values.tolerance);
  if (version === undefined || !Number.isFinite(tolerance) || tolerance < 0 || tolerance > 1) {
    log('usage: npm run promote:account -- VERSION [--tolerance 0..1] [--force --reason "..."]');
    return 2;
  }
  const dir = await ensureSet(values.data, {
    seed: Number(values['eval-seed']),
    scale: Number(values['eval-scale']),
    extraFamilies: [],
  });
  const { labels } = await fillLabelCache({ dir: values.labels, files: [path.join(dir, 'history.jsonl')], log });
  const set = onlyFamilies(await loadRedteamSet(dir, labels), (f) => KNOWN_FAMILIES.has(f));
  const candidateEval = evaluateScores(await pipelineScores(set, await readModel(values.models, version)));
  const live = await currentAccountVersion(values.models);
  const currentEval =
    live === null || live === version
      ? null
      : evaluateScores(await pipelineScores(set, await readModel(values.models, live)));
  if (currentEval !== null) {
    const gate = accountPromotionGate(candidateEval, currentEval, tolerance);
    for (const c of gate.checks)
      log(`  ${c.regression ? 'FAIL' : 'ok  '} ${c.metric}: ${c.candidate} vs ${c.current} live`);
  }
  try {
    const result = await promoteAccountModel({
      modelsDir: values.models,
      version,
      candidateEval,
      currentEval,
      tolerance,
      by: process.env.USER ?? os.userInfo().username,
      ...(values.force ? { force: true } : {}),
      ...(values.reason !== undefined ? { reason: values.reason } : {}),
    });
    if (result.status === 'unchanged') log(`${version} is already the live account model`);
    else {
      if (result.record.forced && result.gate !== null && !result.gate.passed)
        log(`forced past the gate (reason: ${result.record.reason}):\n${describeRegressions(result.gate)}`);
      log(`promoted ${version} (previous: ${result.record.previous ?? 'none'})`);
    }
    process.stdout.write(`${version}\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof PromotionRefusedError)) throw err;
    log(err.message);
    return 3;
  }
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(path.basename(process.argv[1])))
  process.exitCode = await main().finally(disposeModels);
