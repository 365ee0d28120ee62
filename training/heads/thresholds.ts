/**
 * Per-label decision thresholds, chosen on the validation split: the threshold with the best
 * F1 among those that keep the false-positive rate on validation hard negatives within a cap.
 * False positives cost real customers, so the cap wins over F1 when they disagree.
 */
export interface ThresholdChoice {
  threshold: number;
  f1: number;
  hardNegativeFpr: number;
}

export function chooseThreshold(
  probs: readonly number[],
  positive: readonly boolean[],
  hardNegative: readonly boolean[],
  maxHardNegativeFpr: number,
): ThresholdChoice {
  const hardTotal = hardNegative.filter(Boolean).length;
  let best: ThresholdChoice = { threshold: 0.5, f1: -1, hardNegativeFpr: 1 };
  for (let k = 5; k <= 95; k++) {
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
    const ok = hardNegativeFpr <= maxHardNegativeFpr;
    const bestOk = best.hardNegativeFpr <= maxHardNegativeFpr;
    if ((ok && !bestOk) || (ok === bestOk && (f1 > best.f1 + 1e-9 || (!ok && hardNegativeFpr < best.hardNegativeFpr)))) {
      best = { threshold: t, f1, hardNegativeFpr };
    }
  }
  return best;
}
