/**
 * The prompt head: semantic network over the embedding, sparse linear model over lexical
 * features, and the stacker that combines and calibrates them into one probability per label.
 */
import { ATTACK_LABELS } from '../../labels.js';
import type { SparseVector } from '../feature-hashing.js';
import type { HeadArtifact, HeadMetadata } from '../head-artifact.js';
import { DenseNetwork } from './dense-network.js';
import { SparseLinear } from './sparse-linear.js';
import { isStackInput, stackProbability, type StackerWeights } from './stacker.js';
import type { Prescreen } from './prescreen.js';

export class PromptHead {
  readonly semantic: DenseNetwork;
  readonly lexical: SparseLinear;
  readonly stacker: StackerWeights;
  /** The lexical pre-screen, when the head was trained with one. */
  readonly prescreen: Prescreen | undefined;

  constructor(
    readonly meta: HeadMetadata,
    artifact: HeadArtifact,
  ) {
    this.semantic = new DenseNetwork(
      meta.semantic.layers.map((l) => ({ ...l, kernel: artifact.tensor(l.kernel), bias: artifact.tensor(l.bias) })),
    );
    this.lexical = new SparseLinear(
      ATTACK_LABELS.length,
      meta.lexical.buckets,
      artifact.tensor(meta.lexicalHead.weights),
      artifact.tensor(meta.lexicalHead.bias),
    );
    this.stacker = PromptHead.stacker(meta.stacker);
    this.prescreen = meta.prescreen
      ? {
          stacker: PromptHead.stacker(meta.prescreen.stacker),
          thresholds: ATTACK_LABELS.map((l) => meta.prescreen!.thresholds[l]),
        }
      : undefined;
  }

  /** Validates a stored stacker's feature names. */
  static stacker(stored: HeadMetadata['stacker']): StackerWeights {
    const features = stored.features.map((f) => {
      if (!isStackInput(f)) throw new Error(`unknown stacker input ${f}`);
      return f;
    });
    return { features, weights: stored.weights, bias: stored.bias };
  }

  get version(): string {
    return this.meta.version;
  }

  /** Both paths' raw logits per label. */
  logits(embedding: Float32Array, lexical: SparseVector): { semantic: Float32Array; lexical: Float32Array } {
    return { semantic: this.semantic.forward(embedding), lexical: this.lexical.forward(lexical) };
  }

  /** Calibrated probability per label (in ATTACK_LABELS order) from the paths' logits. */
  combine(logits: { semantic: Float32Array; lexical: Float32Array }, han: number, stacker = this.stacker): number[] {
    return ATTACK_LABELS.map((_, i) =>
      stackProbability(stacker, i, logits.semantic[i] as number, logits.lexical[i] as number, han),
    );
  }

  probabilities(embedding: Float32Array, lexical: SparseVector, han: number): number[] {
    return this.combine(this.logits(embedding, lexical), han);
  }

  /** The lexical path's strongest attack logit: a cheap pre-screen for choosing chunks. */
  lexicalSuspicion(lexical: SparseVector): number {
    return Math.max(...this.lexical.forward(lexical));
  }
}
