/**
 * Per-label decision thresholds, chosen on the validation split: the threshold with the best
 * F1 among those that keep the false-positive rate on validation hard negatives within a cap.
 * False positives cost real customers, so the cap wins over F1 when they disagree, and no
 * threshold goes below the calibrated midpoint (0.5): a prompt is flagged only when the model
 * finds the label more likely than not. When no threshold meets the cap, the best F1 in the
 * range is taken and `capMet` says so: pushing the threshold to the top of the range would
 * trade most of the recall for a few hard negatives the model cannot separate.
 */
export const THRESHOLD_RANGE = { min: 0.5, max: 0.95 } as const;

export interface ThresholdChoice {
  threshold: number;
  f1: number;
  hardNegativeFpr: number;
  capMet: boolean;
}

export function chooseThreshold(
  probs: readonly number[],
  positive: readonly boolean[],
  hardNegative: readonly boolean[],
  maxHardNegativeFpr: number,
): ThresholdChoice {
  const hardTotal = hardNegative.filter(Boolean).length;
  const candidates: ThresholdChoice[] = [];
  for (let k = Math.round(THRESHOLD_RANGE.min * 100); k <= Math.round(THRESHOLD_RANGE.max * 100); k++) {
    const t = k / 100;
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let hardFp = 0;
    probs.forEach((p, i) => {
      const hit = p >= t;
      if (hit && positive[i]) tp++;
      else if (hit) {
        fp++;
        if (hardNegative[i]) hardFp++;
      } else if (positive[i]) fn++;
    });
    const f1 = tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
    const hardNegativeFpr = hardTotal === 0 ? 0 : hardFp / hardTotal;
    candidates.push({ threshold: t, f1, hardNegativeFpr, capMet: hardNegativeFpr <= maxHardNegativeFpr });
  }
  const feasible = candidates.filter((c) => c.capMet);
  const pool = feasible.length > 0 ? feasible : candidates;
  return pool.reduce((best, c) => (c.f1 > best.f1 + 1e-9 ? c : best));
}
