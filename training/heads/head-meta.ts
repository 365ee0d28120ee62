/**
 * A head's name and the part of its metadata that decides its scores (format, labels, encoder,
 * layer layout, stacker, thresholds), in the key order head.json has always had,, shared by the written artifact and the provisional in-memory head.
 */
import { ATTACK_LABELS } from '../../src/labels.js';
import { HEAD_FORMAT, type HeadMetadata } from '../../src/models/head-artifact.js';
import type { DenseLayer } from '../../src/models/heads/dense-network.js';
import type { StackerWeights } from '../../src/models/heads/stacker.js';
import type { TrainConfig } from '../train-config.js';

export interface FittedHead {
  kind: 'logreg' | 'mlp';
  layers: readonly DenseLayer[];
  stackers: { joint: StackerWeights };
}

export function headMeta(
  version: string,
  createdAt: string,
  encoder: HeadMetadata['encoder'],
  config: Pick<TrainConfig, 'lexical'>,
  best: FittedHead,
  thresholds: HeadMetadata['thresholds'],
): Pick<
  HeadMetadata,
  | 'format'
  | 'version'
  | 'createdAt'
  | 'labels'
  | 'encoder'
  | 'lexical'
  | 'semantic'
  | 'lexicalHead'
  | 'stacker'
  | 'thresholds'
> {
  return {
    format: HEAD_FORMAT,
    version,
    createdAt,
    labels: [...ATTACK_LABELS],
    encoder,
    lexical: { buckets: config.lexical.buckets },
    semantic: {
      kind: best.kind,
      layers: best.layers.map((l, i) => ({
        inputs: l.inputs,
        outputs: l.outputs,
        activation: l.activation,
        kernel: `semantic.${i}.kernel`,
        bias: `semantic.${i}.bias`,
      })),
    },
    lexicalHead: { weights: 'lexical.weights', bias: 'lexical.bias' },
    stacker: { ...best.stackers.joint, features: [...best.stackers.joint.features] },
    thresholds,
  };
}
