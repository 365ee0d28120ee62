import { errorSources } from '../training/heads/threshold-diagnostics.js';
import { describe, expect, it } from 'vitest';
import {
  averagePrecision,
  binaryCounts,
  confusionMatrix,
  expectedCalibrationError,
  perClassFromConfusion,
  prf,
} from '../training/eval/metrics.js';
import { chooseThreshold } from '../training/heads/thresholds.js';

describe('evaluation metrics on small fixed examples', () => {
  it('precision, recall and F1 from counts', () => {
    const c = binaryCounts([true, true, false, false, true], [true, false, true, false, true]);
    expect(c).toEqual({ tp: 2, fp: 1, fn: 1, tn: 1 });
    const s = prf(c);
    expect(s.precision).toBeCloseTo(2 / 3);
    expect(s.recall).toBeCloseTo(2 / 3);
    expect(s.f1).toBeCloseTo(2 / 3);
    expect(s.support).toBe(3);
  });

  it('average precision: perfect ranking is 1, a known mixed ranking has its hand-computed value', () => {
    expect(averagePrecision([0.9, 0.8, 0.1], [true, true, false])).toBeCloseTo(1);
    // Ranked: + (P=1/1), - , + (P=2/3) → (1 + 2/3) / 2
    expect(averagePrecision([0.9, 0.8, 0.7], [true, false, true])).toBeCloseTo((1 + 2 / 3) / 2);
    // Ties are broken pessimistically: the negative ranks first.
    expect(averagePrecision([0.5, 0.5], [true, false])).toBeCloseTo(0.5);
  });

  it('expected calibration error', () => {
    expect(expectedCalibrationError([0.25, 0.25, 0.25, 0.25], [true, false, false, false])).toBeCloseTo(0);
    expect(expectedCalibrationError([0.95, 0.95], [false, false])).toBeCloseTo(0.95);
  });

  it('confusion matrix and macro-F1 over classes', () => {
    const classes = ['a', 'b', 'c'];
    const m = confusionMatrix(classes, ['a', 'a', 'b', 'c'], ['a', 'b', 'b', 'c']);
    expect(m).toEqual([
      [1, 1, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    const { perClass, macroF1 } = perClassFromConfusion(classes, m);
    expect(perClass.a!.recall).toBeCloseTo(0.5);
    expect(perClass.b!.precision).toBeCloseTo(0.5);
    // F1: a = 2/3, b = 2/3, c = 1
    expect(macroF1).toBeCloseTo((2 / 3 + 2 / 3 + 1) / 3);
  });

  it('threshold choice respects the hard-negative false-positive cap', () => {
    const probs = [0.9, 0.8, 0.7, 0.6, 0.3];
    const positive = [true, true, false, true, false];
    const hard = [false, false, true, false, false];
    const uncapped = chooseThreshold(probs, positive, hard, 1);
    const capped = chooseThreshold(probs, positive, hard, 0);
    expect(uncapped.threshold).toBeLessThanOrEqual(0.6);
    expect(capped.threshold).toBeGreaterThan(0.7);
    expect(capped.hardNegativeFpr).toBe(0);
    expect(capped.capMet).toBe(true);
  });

  it('never sets a threshold below the calibrated midpoint, and says when the cap cannot be met', () => {
    // Every positive scores 0.3: the best F1 would be below 0.5, which the range forbids.
    const low = chooseThreshold([0.3, 0.3, 0.1], [true, true, false], [false, false, false], 1);
    expect(low.threshold).toBeGreaterThanOrEqual(0.5);
    // The hard negative outscores every positive: no threshold in range meets a 0% cap.
    const infeasible = chooseThreshold([0.99, 0.7, 0.6], [false, true, true], [true, false, false], 0);
    expect(infeasible.capMet).toBe(false);
    expect(infeasible.threshold).toBeLessThanOrEqual(0.6);
  });
});

describe('threshold error sources', () => {
  it('counts false positives and misses per source group at a threshold, most first', () => {
    const ex = (source: string, family: string, hardNegative = false) => ({ source, family, hardNegative });
    const examples = [
      ex('gsm8k', 'a', true),
      ex('gsm8k', 'b', true),
      ex('gen:hardneg-en', 'steps', true),
      ex('gen:reasoning-en', 'inv'),
      ex('gen:reasoning-en', 'inv'),
      ex('gen:reasoning-en', 'json'),
      ex('judgelm', 'x'),
    ];
    const probs = [0.9, 0.6, 0.7, 0.4, 0.95, 0.55, 0.2];
    const positive = [false, false, false, true, true, true, false];
    const at = errorSources(probs, positive, examples, 0.65);
    expect(at.falsePositives).toBe(2);
    expect(at.falseNegatives).toBe(2);
    // public sets count whole, generated data by template family
    expect(at.topFalsePositives).toEqual([
      { group: 'gen:hardneg-en::steps', count: 1, hardNegative: true },
      { group: 'gsm8k', count: 1, hardNegative: true },
    ]);
    expect(at.topFalseNegatives).toEqual([
      { group: 'gen:reasoning-en::inv', count: 1, of: 2 },
      { group: 'gen:reasoning-en::json', count: 1, of: 1 },
    ]);
    const mid = errorSources(probs, positive, examples, 0.5);
    expect(mid.topFalsePositives[0]).toEqual({ group: 'gsm8k', count: 2, hardNegative: true });
    expect(mid.falseNegatives).toBe(1);
  });
});
