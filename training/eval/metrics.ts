/** Classification metrics for the prompt classifier's evaluation reports. */

export interface BinaryCounts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export interface PrfScores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export function prf(c: BinaryCounts): PrfScores {
  const precision = c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, support: c.tp + c.fn };
}

/**
 * Area under the precision–recall curve as average precision: the mean of the precision at
 * each positive's rank (ties broken pessimistically: negatives first). 0 without positives.
 */
export function averagePrecision(scores: readonly number[], positives: readonly boolean[]): number {
  const order = scores
    .map((s, i) => i)
    .sort((a, b) => (scores[b] as number) - (scores[a] as number) || Number(positives[a]) - Number(positives[b]));
  const total = positives.filter(Boolean).length;
  if (total === 0) return 0;
  let tp = 0;
  let sum = 0;
  order.forEach((i, rank) => {
    if (positives[i]) {
      tp++;
      sum += tp / (rank + 1);
    }
  });
  return sum / total;
}

/** Expected calibration error over equal-width probability bins. */
export function expectedCalibrationError(probs: readonly number[], outcomes: readonly boolean[], bins = 10): number {
  if (probs.length === 0) return 0;
  const count = new Array<number>(bins).fill(0);
  const conf = new Array<number>(bins).fill(0);
  const hits = new Array<number>(bins).fill(0);
  probs.forEach((p, i) => {
    const b = Math.min(bins - 1, Math.floor(p * bins));
    count[b] = (count[b] as number) + 1;
    conf[b] = (conf[b] as number) + p;
    hits[b] = (hits[b] as number) + (outcomes[i] ? 1 : 0);
  });
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    const n = count[b] as number;
    if (n > 0) ece += (n / probs.length) * Math.abs((conf[b] as number) / n - (hits[b] as number) / n);
  }
  return ece;
}

/** Confusion matrix `m[truth][predicted]` over the given class names. */
export function confusionMatrix(
  classes: readonly string[],
  truth: readonly string[],
  predicted: readonly string[],
): number[][] {
  const index = new Map(classes.map((c, i) => [c, i]));
  const m = classes.map(() => new Array<number>(classes.length).fill(0));
  truth.forEach((t, i) => {
    const a = index.get(t);
    const b = index.get(predicted[i] as string);
    if (a === undefined || b === undefined) throw new Error(`unknown class ${a === undefined ? t : predicted[i]}`);
    (m[a] as number[])[b] = ((m[a] as number[])[b] as number) + 1;
  });
  return m;
}

/** Per-class precision/recall/F1 from a confusion matrix, and their macro average F1. */
export function perClassFromConfusion(
  classes: readonly string[],
  m: readonly number[][],
): { perClass: Record<string, PrfScores>; macroF1: number } {
  const perClass: Record<string, PrfScores> = {};
  classes.forEach((c, i) => {
    const tp = (m[i] as number[])[i] as number;
    const fn = (m[i] as number[]).reduce((s, v) => s + v, 0) - tp;
    const fp = m.reduce((s, row) => s + (row[i] as number), 0) - tp;
    perClass[c] = prf({ tp, fp, fn, tn: 0 });
  });
  const present = classes.filter((c) => (perClass[c] as PrfScores).support > 0);
  const macroF1 = present.reduce((s, c) => s + (perClass[c] as PrfScores).f1, 0) / Math.max(1, present.length);
  return { perClass, macroF1 };
}

export function binaryCounts(predicted: readonly boolean[], truth: readonly boolean[]): BinaryCounts {
  const c: BinaryCounts = { tp: 0, fp: 0, fn: 0, tn: 0 };
  predicted.forEach((p, i) => {
    const t = truth[i] as boolean;
    if (p && t) c.tp++;
    else if (p) c.fp++;
    else if (t) c.fn++;
    else c.tn++;
  });
  return c;
}
