import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  accountPromotionGate,
  currentAccountVersion,
  promoteAccountModel,
  type AccountEvalSummary,
} from '../src/features/lifecycle/account-promotion.js';
import { PromotionRefusedError } from '../src/features/lifecycle/promote.js';
import { DEFAULT_MODELS_DIR } from '../src/env.js';

const figures = (over: Partial<AccountEvalSummary> = {}, recall = { hydra: 0.9, slow: 0.8 }): AccountEvalSummary => ({
  accounts: 100,
  attackers: 30,
  roc_auc: 0.98,
  recall_at_1pct_fpr: 0.85,
  legit_shared_at_block: { eval_team: 0, corp_nat: 0, university_class: 0 },
  per_family: {
    hydra: { accounts: 20, recall_at_1pct_fpr: recall.hydra },
    slow: { accounts: 10, recall_at_1pct_fpr: recall.slow },
    individuals: { accounts: 70 },
  },
  ...over,
});

describe('account promotion gate', () => {
  it('passes a candidate no worse on any family, refuses one family worse beyond the tolerance', () => {
    expect(accountPromotionGate(figures({}, { hydra: 0.95, slow: 0.795 }), figures(), 0.01).passed).toBe(true);
    const gate = accountPromotionGate(figures({}, { hydra: 1, slow: 0.7 }), figures(), 0.01);
    expect(gate.passed).toBe(false);
    expect(gate.regressions.map((r) => r.metric)).toEqual(['recall at 1% FPR (slow)']);
  });

  it('refuses any protected legitimate account at block, even when the live model blocks more', () => {
    const blocked = { eval_team: 1, corp_nat: 0, university_class: 0 };
    const gate = accountPromotionGate(
      figures({ legit_shared_at_block: blocked }, { hydra: 1, slow: 1 }),
      figures({ legit_shared_at_block: { ...blocked, eval_team: 3 } }),
    );
    expect(gate.regressions.map((r) => r.metric)).toEqual(['eval_team accounts at block']);
  });

  it('does not compare evaluations of different account sets', () => {
    expect(accountPromotionGate(figures({ accounts: 99 }), figures()).incomparable).toContain('different account sets');
  });
});

describe('promoteAccountModel', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  async function modelsWith(versions: string[], live: string): Promise<string> {
    dir = await mkdtemp(path.join(os.tmpdir(), 'dg-account-promote-'));
    await mkdir(path.join(dir, 'account'));
    const shipped = await currentAccountVersion(DEFAULT_MODELS_DIR);
    for (const v of versions) {
      await copyFile(
        path.join(DEFAULT_MODELS_DIR, 'account', `${shipped}.json`),
        path.join(dir, 'account', `${v}.json`),
      );
    }
    await writeFile(path.join(dir, 'account', 'current.json'), JSON.stringify({ version: live }));
    return dir;
  }

  it('moves current.json and logs the promotion only when the gate passes', async () => {
    const models = await modelsWith(['live-v', 'cand-v'], 'live-v');
    await expect(
      promoteAccountModel({
        modelsDir: models,
        version: 'cand-v',
        candidateEval: figures({}, { hydra: 0.5, slow: 0.8 }),
        currentEval: figures(),
        by: 'test',
      }),
    ).rejects.toBeInstanceOf(PromotionRefusedError);
    expect(await currentAccountVersion(models)).toBe('live-v');
    const ok = await promoteAccountModel({
      modelsDir: models,
      version: 'cand-v',
      candidateEval: figures({}, { hydra: 0.95, slow: 0.9 }),
      currentEval: figures(),
      by: 'test',
      now: () => new Date('2026-12-07T00:00:00Z'),
    });
    expect(ok.status).toBe('promoted');
    expect(await currentAccountVersion(models)).toBe('cand-v');
    const log = (await readFile(path.join(models, 'account', 'promotions.jsonl'), 'utf8')).trim().split('\n');
    expect(log).toHaveLength(1);
    const record = JSON.parse(log[0]!) as { version: string; previous: string; eval: { worst_family: string } };
    expect(record).toMatchObject({ version: 'cand-v', previous: 'live-v', eval: { worst_family: 'slow' } });
  });

  it('a forced promotion needs a reason and records the regressions', async () => {
    const models = await modelsWith(['live-v', 'cand-v'], 'live-v');
    const args = {
      modelsDir: models,
      version: 'cand-v',
      candidateEval: figures({}, { hydra: 0.5, slow: 0.8 }),
      currentEval: figures(),
      by: 'test',
      force: true,
    };
    await expect(promoteAccountModel(args)).rejects.toBeInstanceOf(PromotionRefusedError);
    const r = await promoteAccountModel({ ...args, reason: 'accepted for the test' });
    expect(r.status === 'promoted' && r.record.regressions.map((x) => x.metric)).toEqual(['recall at 1% FPR (hydra)']);
  });
});
