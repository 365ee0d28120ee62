import { describe, expect, it } from 'vitest';
import { evaluateScores, leaveOneFamilyOut, type ScoredAccount } from '../training/account/family-eval.js';

const legit = (n: number, score: (i: number) => number, family = 'individuals'): ScoredAccount[] =>
  Array.from({ length: n }, (_, i) => ({
    account: `${family}-${i}`,
    family,
    attack: false,
    likelihood: score(i),
    action: 'allow',
  }));
const attack = (family: string, scores: number[], action = 'monitor'): ScoredAccount[] =>
  scores.map((likelihood, i) => ({ account: `${family}-${i}`, family, attack: true, likelihood, action }));

describe('evaluateScores on a fixture with known answers', () => {
  it('sets one threshold from the legitimate accounts and reports recall per attack family and the worst', () => {
    // 100 legitimate accounts at 0.000 … 0.099: 1% FPR allows one above the threshold, which is the second highest, 0.098.
    const scored = [
      ...legit(100, (i) => i / 1000),
      ...attack('hydra', [0.5, 0.2, 0.05]),
      ...attack('slow', [0.097, 0.9]),
    ];
    const e = evaluateScores(scored);
    expect(e.threshold_at_1pct_fpr).toBe(0.098);
    expect(e.per_family.hydra!.recall_at_1pct_fpr).toBe(0.6667);
    expect(e.per_family.slow!.recall_at_1pct_fpr).toBe(0.5);
    expect(e.per_family.individuals!.recall_at_1pct_fpr).toBeUndefined();
    expect(e.worst_family).toEqual({ family: 'slow', recall_at_1pct_fpr: 0.5 });
    expect(e.recall_at_1pct_fpr).toBe(0.6);
    expect(e.attackers).toBe(5);
    // Pairs (attack above legit): 0.5, 0.2, 0.9 beat all 100; 0.05 beats 51 (0.000…0.049, and ties 0.050 half); 0.097 beats 97 and ties 1.
    expect(e.roc_auc).toBeCloseTo((300 + 50.5 + 97.5) / 500, 4);
  });

  it('counts legitimate eval teams, NAT companies and classes at block', () => {
    const scored = [
      ...legit(3, () => 0.95, 'eval_team').map((r, i) => ({ ...r, action: i < 2 ? 'block' : 'throttle' })),
      ...legit(2, () => 0.1, 'corp_nat'),
      ...attack('hydra', [0.99], 'block'),
    ];
    expect(evaluateScores(scored).legit_shared_at_block).toEqual({ eval_team: 2, corp_nat: 0, university_class: 0 });
  });

  it('lists every legitimate family with accounts at block, protected or not, and no attacker', () => {
    const scored = [
      ...legit(3, () => 0.95, 'eval_team').map((r, i) => ({ ...r, action: i < 2 ? 'block' : 'throttle' })),
      ...legit(4, () => 0.97, 'autograder').map((r, i) => ({ ...r, action: i === 0 ? 'block' : 'monitor' })),
      ...legit(2, () => 0.1, 'corp_nat'),
      ...attack('hydra', [0.99], 'block'),
    ];
    expect(evaluateScores(scored).legit_at_block).toEqual({ eval_team: 2, autograder: 1 });
  });
});

describe('leaveOneFamilyOut on a fixture with known answers', () => {
  interface Row {
    account: string;
    family: string;
    attack: boolean;
    x: number;
  }
  const rows = (family: string, attackRow: boolean, xs: number[]): Row[] =>
    xs.map((x, i) => ({ account: `${family}-${i}`, family, attack: attackRow, x }));
  // The "model" flags x at or above the smallest attacker x it was trained on.
  const seen: string[][] = [];
  const fit = (kept: readonly Row[]) => {
    seen.push([...new Set(kept.filter((r) => r.attack).map((r) => r.family))].sort());
    const min = Math.min(...kept.filter((r) => r.attack).map((r) => r.x));
    return Promise.resolve((held: readonly Row[]): ScoredAccount[] =>
      held.map((r) => ({ ...r, likelihood: r.x >= min ? 1 : 0, action: r.x >= min ? 'block' : 'allow' })),
    );
  };
  const legitRows = rows(
    'individuals',
    false,
    Array.from({ length: 100 }, (_, i) => i / 1000),
  );

  it('judges each family with a model that never saw it and names the worst', async () => {
    const train = [...legitRows, ...rows('big', true, [5, 6]), ...rows('small', true, [0.5, 0.6])];
    const test = [...legitRows, ...rows('big', true, [5.5]), ...rows('small', true, [0.55, 0.7])];
    const out = await leaveOneFamilyOut(train, test, fit);
    // Without "big" the model flags x ≥ 0.5: big's 5.5 is caught. Without "small" it flags x ≥ 5: small is missed.
    expect(out.families).toEqual([
      { family: 'big', attackers: 1, roc_auc: 1, recall_at_1pct_fpr: 1 },
      { family: 'small', attackers: 2, roc_auc: 0.5, recall_at_1pct_fpr: 0 },
    ]);
    expect(out.worst?.family).toBe('small');
    expect(seen).toEqual([['small'], ['big']]);
  });

  it('skips a family the test set does not hold', async () => {
    const train = [...legitRows, ...rows('big', true, [5]), ...rows('gone', true, [1])];
    const test = [...legitRows, ...rows('big', true, [5])];
    const out = await leaveOneFamilyOut(train, test, fit);
    expect(out.families.map((f) => f.family)).toEqual(['big']);
  });
});
