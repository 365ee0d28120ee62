/** L2-regularised logistic regression by full-batch gradient descent on standardised features, plus metrics. */
export interface Fit {
  weights: number[];
  intercept: number;
}

export interface FitOptions {
  l2: number;
  iterations: number;
  rate: number;
  /** Project every weight onto [0, ∞) after each step (projected gradient descent). */
  nonNegative?: boolean;
  /** Per-row weights (default: balanced classes). */
  sampleWeights?: number[];
}

export function fitLogistic(x: number[][], y: number[], opts: FitOptions): Fit {
  const d = x[0]?.length ?? 0;
  const w = new Array<number>(d).fill(0);
  let b = 0;
  const pos = y.filter((v) => v === 1).length;
  const neg = y.length - pos;
  // Balanced class weights: the simulator's attacker share says nothing about production.
  const sw = opts.sampleWeights;
  const cw =
    sw !== undefined
      ? (_v: number, i: number) => sw[i]!
      : (v: number) => (v === 1 ? y.length / (2 * pos) : y.length / (2 * neg));
  for (let it = 0; it < opts.iterations; it++) {
    const gw = new Array<number>(d).fill(0);
    let gb = 0;
    x.forEach((row, i) => {
      let z = b;
      for (let j = 0; j < d; j++) z += w[j]! * row[j]!;
      const err = (1 / (1 + Math.exp(-z)) - y[i]!) * cw(y[i]!, i);
      for (let j = 0; j < d; j++) gw[j]! += err * row[j]!;
      gb += err;
    });
    for (let j = 0; j < d; j++) {
      w[j]! -= opts.rate * (gw[j]! / x.length + opts.l2 * w[j]!);
      if (opts.nonNegative === true && w[j]! < 0) w[j] = 0;
    }
    b -= (opts.rate * gb) / x.length;
  }
  return { weights: w, intercept: b };
}

export function rocAuc(scores: number[], y: number[]): number {
  const idx = scores.map((s, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let rankSum = 0;
  let pos = 0;
  let i = 0;
  while (i < idx.length) {
    let j = i;
    while (j + 1 < idx.length && scores[idx[j + 1]!] === scores[idx[i]!]) j++;
    const avg = (i + j + 2) / 2;
    for (let k = i; k <= j; k++)
      if (y[idx[k]!] === 1) {
        rankSum += avg;
        pos++;
      }
    i = j + 1;
  }
  const neg = y.length - pos;
  return pos === 0 || neg === 0 ? Number.NaN : (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Recall over positives at the threshold where at most `fpr` of negatives score above it. */
export function recallAtFpr(scores: number[], y: number[], fpr: number): { recall: number; threshold: number } {
  const negs = scores.filter((_, i) => y[i] === 0).sort((a, b) => b - a);
  const allowed = Math.floor(fpr * negs.length);
  const threshold = negs[allowed] ?? 0;
  const pos = scores.filter((_, i) => y[i] === 1);
  return { recall: pos.filter((s) => s > threshold).length / Math.max(1, pos.length), threshold };
}

export function brier(scores: number[], y: number[]): number {
  return scores.reduce((s, p, i) => s + (p - y[i]!) ** 2, 0) / scores.length;
}
