/**
 * Fits the stacker (per-label logistic regression over both paths' logits; see
 * src/models/heads/stacker.ts) on the calibration split by full-batch Newton's method with a
 * small ridge penalty. Being a proper log-loss fit on held-out families, it also calibrates.
 */
import { sigmoid, stackInputs, type StackInput, type StackerWeights } from '../../src/models/heads/stacker.js';

const RIDGE = 1e-3;

function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++)
      if (Math.abs((m[r] as number[])[c] as number) > Math.abs((m[p] as number[])[c] as number)) p = r;
    [m[c], m[p]] = [m[p] as number[], m[c] as number[]];
    const pivot = (m[c] as number[])[c] as number;
    if (Math.abs(pivot) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = ((m[r] as number[])[c] as number) / pivot;
      for (let k = c; k <= n; k++)
        (m[r] as number[])[k] = ((m[r] as number[])[k] as number) - f * ((m[c] as number[])[k] as number);
    }
  }
  return m.map((row, i) => (row[n] as number) / ((row[i] as number) || 1));
}

/** Logistic regression with intercept (last coefficient) on rows of features. */
export function fitLogistic(
  rows: readonly number[][],
  ys: readonly number[],
  iterations = 50,
): { w: number[]; b: number } {
  const d = (rows[0]?.length ?? 0) + 1;
  let beta = new Array<number>(d).fill(0);
  for (let it = 0; it < iterations; it++) {
    const grad = new Array<number>(d).fill(0);
    const hess = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    rows.forEach((r, i) => {
      const x = [...r, 1];
      const p = sigmoid(x.reduce((s, v, k) => s + v * (beta[k] as number), 0));
      const err = p - (ys[i] as number);
      const w = Math.max(p * (1 - p), 1e-9);
      for (let a = 0; a < d; a++) {
        grad[a] = (grad[a] as number) + err * (x[a] as number);
        for (let b = 0; b < d; b++)
          (hess[a] as number[])[b] = ((hess[a] as number[])[b] as number) + w * (x[a] as number) * (x[b] as number);
      }
    });
    for (let a = 0; a < d - 1; a++) {
      grad[a] = (grad[a] as number) + RIDGE * rows.length * (beta[a] as number);
      (hess[a] as number[])[a] = ((hess[a] as number[])[a] as number) + RIDGE * rows.length;
    }
    const step = solve(hess, grad);
    beta = beta.map((v, k) => v - (step[k] as number));
    if (Math.max(...step.map(Math.abs)) < 1e-7) break;
  }
  return { w: beta.slice(0, d - 1), b: beta[d - 1] as number };
}

/** Per-example path logits (ATTACK_LABELS order) and Han share, as the stacker sees them. */
export interface PathLogits {
  semantic: ArrayLike<number>;
  lexical: ArrayLike<number>;
  han: number;
}

export function fitStacker(
  features: readonly StackInput[],
  rows: readonly PathLogits[],
  targets: readonly number[][],
): StackerWeights {
  const labels = targets[0]?.length ?? 0;
  const weights: number[][] = [];
  const bias: number[] = [];
  for (let l = 0; l < labels; l++) {
    const xs = rows.map((r) => stackInputs(features, r.semantic[l] as number, r.lexical[l] as number, r.han));
    const fit = fitLogistic(
      xs,
      targets.map((t) => t[l] as number),
    );
    weights.push(fit.w);
    bias.push(fit.b);
  }
  return { features, weights, bias };
}
