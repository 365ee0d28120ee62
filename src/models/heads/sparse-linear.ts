/** A linear model over hashed sparse features: one weight row per label plus a bias. */
import type { SparseVector } from '../feature-hashing.js';

export class SparseLinear {
  constructor(
    readonly labels: number,
    readonly buckets: number,
    /** Row-major [labels × buckets]. */
    readonly weights: Float32Array,
    readonly bias: Float32Array,
  ) {
    if (weights.length !== labels * buckets || bias.length !== labels)
      throw new Error('sparse linear weights have the wrong size');
  }

  static zeros(labels: number, buckets: number): SparseLinear {
    return new SparseLinear(labels, buckets, new Float32Array(labels * buckets), new Float32Array(labels));
  }

  forward(x: SparseVector): Float32Array {
    const out = Float32Array.from(this.bias);
    for (let l = 0; l < this.labels; l++) {
      const row = l * this.buckets;
      let s = out[l] as number;
      for (let k = 0; k < x.indices.length; k++)
        s += (x.values[k] as number) * (this.weights[row + (x.indices[k] as number)] as number);
      out[l] = s;
    }
    return out;
  }
}
