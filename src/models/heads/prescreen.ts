/**
 * The lexical pre-screen: decides from the lexical path alone (hashed n-grams, ~0.1 ms) that a
 * prompt is clearly benign, so bulk re-scoring and a loaded request path can skip the encoder
 * (~20–100 ms) for it. The lexical-only stacker turns the lexical logits into calibrated
 * probabilities; a prompt is cleared when every label's probability is below that label's
 * pre-screen threshold. Thresholds are chosen at training time on validation and out-of-fold
 * rows so that at most `maxRecallLoss` of each label's positives would be cleared
 * (training/heads/prescreen-thresholds.ts).
 */
import { z } from 'zod';
import { ATTACK_LABELS } from '../../labels.js';
import { stackProbability, type StackerWeights } from './stacker.js';

export const PrescreenSchema = z.object({
  stacker: z.object({
    features: z.array(z.string()),
    weights: z.array(z.array(z.number())),
    bias: z.array(z.number()),
  }),
  thresholds: z.record(z.enum(ATTACK_LABELS), z.number().min(0).max(1)),
  /** Share of each label's validation positives the thresholds were allowed to clear. */
  maxRecallLoss: z.number().min(0).max(1),
});
export type PrescreenSpec = z.infer<typeof PrescreenSchema>;

export interface Prescreen {
  stacker: StackerWeights;
  thresholds: readonly number[];
}

/** Lexical-only probability per label (ATTACK_LABELS order). */
export function lexicalProbabilities(prescreen: Prescreen, lexicalLogits: Float32Array, han: number): number[] {
  return ATTACK_LABELS.map((_, i) => stackProbability(prescreen.stacker, i, 0, lexicalLogits[i] as number, han));
}

/** True when the lexical path alone says every label is below its pre-screen threshold. */
export function clearedByLexical(thresholds: readonly number[], probs: readonly number[]): boolean {
  return probs.every((p, i) => p < (thresholds[i] as number));
}
