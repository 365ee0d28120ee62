/**
 * Trains the lexical path: one-vs-rest logistic regression per attack label over hashed
 * sparse features, by AdaGrad with L2 regularisation and class-balanced weights.
 * Deterministic: the visiting order comes from the seeded generator.
 */
import type { SparseVector } from '../../src/models/feature-hashing.js';
import { SparseLinear } from '../../src/models/heads/sparse-linear.js';
import { sigmoid } from '../../src/models/heads/stacker.js';
import { Rng } from '../data/rng.js';

export interface LexicalTrainConfig {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
}

export const DEFAULT_LEXICAL_TRAIN: LexicalTrainConfig = { epochs: 8, learningRate: 0.5, l2: 1e-6, seed: 1 };

/** `targets[i][l]` is 1 when example i carries label l. */
export function trainLexical(
  xs: readonly SparseVector[],
  targets: readonly number[][],
  buckets: number,
  config: LexicalTrainConfig = DEFAULT_LEXICAL_TRAIN,
): SparseLinear {
  const labels = targets[0]?.length ?? 0;
  const model = SparseLinear.zeros(labels, buckets);
  const g2 = new Float32Array(labels * buckets).fill(1e-8);
  const b2 = new Float64Array(labels).fill(1e-8);
  const positives = Array.from({ length: labels }, (_, l) => targets.filter((t) => t[l] === 1).length);
  const weightOf = (l: number, y: number) => {
    const pos = Math.max(1, positives[l] as number);
    const neg = Math.max(1, xs.length - pos);
    return y === 1 ? xs.length / (2 * pos) : xs.length / (2 * neg);
  };
  const rng = new Rng(config.seed);
  let order = xs.map((_, i) => i);
  for (let epoch = 0; epoch < config.epochs; epoch++) {
    order = rng.shuffle(order);
    for (const i of order) {
      const x = xs[i] as SparseVector;
      const logits = model.forward(x);
      for (let l = 0; l < labels; l++) {
        const y = (targets[i] as number[])[l] as number;
        const g = (sigmoid(logits[l] as number) - y) * weightOf(l, y);
        const row = l * buckets;
        for (let k = 0; k < x.indices.length; k++) {
          const j = row + (x.indices[k] as number);
          const w = model.weights[j] as number;
          const grad = g * (x.values[k] as number) + config.l2 * w;
          g2[j] = (g2[j] as number) + grad * grad;
          model.weights[j] = w - (config.learningRate * grad) / Math.sqrt(g2[j] as number);
        }
        b2[l] = (b2[l] as number) + g * g;
        model.bias[l] = (model.bias[l] as number) - (config.learningRate * g) / Math.sqrt(b2[l] as number);
      }
    }
  }
  return model;
}
