/**
 * Trains the semantic path on encoder embeddings with TensorFlow.js: logistic regression
 * (one dense layer) or a small MLP (one hidden ReLU layer), multi-label sigmoid outputs,
 * class-balanced binary cross-entropy, Adam, seeded initialisation and seeded batch order.
 */
import { tf, tfRuntime } from '../../src/models/tf-runtime.js';
import type { DenseLayer } from '../../src/models/heads/dense-network.js';
import { Rng } from '../data/rng.js';

export interface SemanticTrainConfig {
  kind: 'logreg' | 'mlp';
  hidden: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  l2: number;
  seed: number;
}

export const DEFAULT_SEMANTIC_TRAIN: Record<'logreg' | 'mlp', SemanticTrainConfig> = {
  logreg: { kind: 'logreg', hidden: 0, epochs: 40, batchSize: 64, learningRate: 0.01, l2: 1e-4, seed: 1 },
  mlp: { kind: 'mlp', hidden: 128, epochs: 30, batchSize: 64, learningRate: 0.002, l2: 1e-4, seed: 1 },
};

export async function trainSemantic(
  xs: readonly Float32Array[],
  targets: readonly number[][],
  config: SemanticTrainConfig,
): Promise<DenseLayer[]> {
  await tfRuntime();
  const dim = (xs[0] as Float32Array).length;
  const labels = (targets[0] as number[]).length;
  const init = (seed: number) => tf.initializers.glorotUniform({ seed });
  const model = tf.sequential();
  if (config.kind === 'mlp') {
    model.add(
      tf.layers.dense({
        inputShape: [dim],
        units: config.hidden,
        activation: 'relu',
        kernelInitializer: init(config.seed),
      }),
    );
    model.add(tf.layers.dense({ units: labels, activation: 'linear', kernelInitializer: init(config.seed + 1) }));
  } else {
    model.add(
      tf.layers.dense({ inputShape: [dim], units: labels, activation: 'linear', kernelInitializer: init(config.seed) }),
    );
  }
  const pos = Array.from({ length: labels }, (_, l) => Math.max(1, targets.filter((t) => t[l] === 1).length));
  const posWeight = tf.tensor1d(pos.map((p) => (xs.length - p) / p));
  const optimizer = tf.train.adam(config.learningRate);
  const rng = new Rng(config.seed);
  let order = xs.map((_, i) => i);
  const flatX = new Float32Array(xs.length * dim);
  xs.forEach((x, i) => flatX.set(x, i * dim));
  const flatY = new Float32Array(xs.length * labels);
  targets.forEach((t, i) => flatY.set(t, i * labels));
  for (let epoch = 0; epoch < config.epochs; epoch++) {
    order = rng.shuffle(order);
    for (let s = 0; s < order.length; s += config.batchSize) {
      const idx = order.slice(s, s + config.batchSize);
      const bx = new Float32Array(idx.length * dim);
      const by = new Float32Array(idx.length * labels);
      idx.forEach((i, k) => {
        bx.set(flatX.subarray(i * dim, (i + 1) * dim), k * dim);
        by.set(flatY.subarray(i * labels, (i + 1) * labels), k * labels);
      });
      tf.tidy(() => {
        const x = tf.tensor2d(bx, [idx.length, dim]);
        const y = tf.tensor2d(by, [idx.length, labels]);
        optimizer.minimize(() => {
          const logits = model.apply(x, { training: true }) as tf.Tensor2D;
          // Weighted BCE with logits, in the numerically stable form
          // (1 − y)·z + (1 + (w − 1)·y)·(log(1 + e^(−|z|)) + max(−z, 0)), w = positive weight.
          const softplusNeg = tf.add(tf.log1p(tf.exp(tf.neg(tf.abs(logits)))), tf.relu(tf.neg(logits)));
          const weight = tf.add(1, tf.mul(tf.sub(posWeight, 1), y));
          const loss = tf.add(tf.mul(tf.sub(1, y), logits), tf.mul(weight, softplusNeg));
          const kernels = model.trainableWeights
            .filter((w) => w.name.includes('kernel'))
            .map((w) => tf.sum(tf.square(w.read())));
          const reg = tf.mul(config.l2, tf.addN(kernels));
          return tf.add(tf.mean(loss), reg) as tf.Scalar;
        });
      });
    }
  }
  const layers: DenseLayer[] = [];
  for (const layer of model.layers) {
    const [kernel, bias] = layer.getWeights();
    const [inputs, outputs] = (kernel as tf.Tensor).shape as [number, number];
    layers.push({
      inputs,
      outputs,
      activation: layer === model.layers[model.layers.length - 1] ? 'linear' : 'relu',
      kernel: Float32Array.from((kernel as tf.Tensor).dataSync()),
      bias: Float32Array.from((bias as tf.Tensor).dataSync()),
    });
  }
  posWeight.dispose();
  optimizer.dispose();
  model.dispose();
  return layers;
}
