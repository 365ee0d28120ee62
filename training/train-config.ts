/** The training configuration: every knob of a training run, recorded in the model it makes. */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ENCODER_SPEC_PATTERN } from '../src/env.js';
import { DEFAULT_SEED } from './data/build.js';
import { DEFAULT_WRITTEN_TRAIN_SETS, WRITTEN_TRAIN_SETS } from './data/written.js';

const Semantic = z.object({
  hidden: z.number().int().nonnegative(),
  epochs: z.number().int().positive(),
  batchSize: z.number().int().positive(),
  learningRate: z.number().positive(),
  l2: z.number().nonnegative(),
  /** Networks fit with different seeds and averaged into one (ensemble.ts); 1: a single network. */
  members: z.number().int().min(1).max(8).default(1),
});

export const TrainConfigSchema = z.object({
  seed: z.number().int().default(DEFAULT_SEED),
  /**
   * Encoder (and runtime) whose vectors the head is trained on: `use-lite` (onnxruntime),
   * `use-lite:tfjs` (the same model on TensorFlow.js: vectors within 2e-6, embedding ≈4× slower)
   * or `onnx:<dir>`. Unset: the service's encoder (DISTILL_GUARD_ENCODER, default use-lite, the
   * shipped head's). A head trained on one runtime serves on either; retraining on the other gives
   * a slightly different head.
   */
  encoder: z
    .string()
    .regex(ENCODER_SPEC_PATTERN, { error: 'expected use-lite, use-lite:tfjs or onnx:<directory>' })
    .optional(),
  /**
   * Semantic head kinds to train; the best on the validation split is kept. Default: the MLP, the
   * kind kept in every round since the first (a fit is deterministic in its rows and configuration,
   * so adding `logreg` changes the head only if it wins on validation; it doubles the fitting time).
   */
  semanticKinds: z
    .array(z.enum(['logreg', 'mlp']))
    .min(1)
    .default(['mlp']),
  semantic: z.object({ logreg: Semantic, mlp: Semantic }).default({
    logreg: { hidden: 0, epochs: 40, batchSize: 64, learningRate: 0.01, l2: 1e-5, members: 1 },
    mlp: { hidden: 128, epochs: 30, batchSize: 64, learningRate: 0.002, l2: 1e-5, members: 1 },
  }),
  lexical: z
    .object({
      buckets: z.number().int().positive(),
      epochs: z.number().int().positive(),
      learningRate: z.number().positive(),
      l2: z.number().nonnegative(),
    })
    .default({ buckets: 1 << 18, epochs: 8, learningRate: 0.5, l2: 1e-6 }),
  /**
   * Threshold policy (heads/serving-policy.ts): the highest share of real benign validation prompts
   * (the real-prompt bundle's validation sources) flagged in any language or length bucket.
   */
  realBenignFprTarget: z.number().min(0).max(1).default(0.01),
  /**
   * A language or length bucket is held to `realBenignFprTarget` only when its excess is significant
   * at this level (one-sided binomial test); 0: any excess raises a threshold.
   */
  realBenignFprSignificance: z.number().min(0).max(1).default(0.05),
  /**
   * The most the window offsets may lose of the attacks only a window finds under the plain
   * maximum, per label and language (heads/serving-policy.ts): instructions buried in long
   * documents stay caught.
   */
  maxWindowRecallLoss: z.number().min(0).max(1).default(0.02),
  /**
   * Thresholds per length bucket of the prompt (< 200, 200–1,000, > 1,000 characters): the
   * threshold policy raises a bucket's threshold alone. false: one set for every prompt.
   */
  thresholdsByLength: z.boolean().default(true),
  /**
   * Thresholds of their own for the trained languages without real user prompts in validation
   * (heads/language-thresholds.ts): one set for them together, chosen on their validation prompts,
   * no lower than `floor`, with at most `maxBenignFpr` of their benign prompts flagged. null: they
   * are held to the same thresholds as every other prompt.
   */
  languageThresholds: z
    .object({
      floor: z.number().min(0).max(1).default(0.3),
      maxBenignFpr: z.number().min(0).max(1).default(0.01),
      minBenign: z.number().int().positive().default(30),
    })
    .nullable()
    .default({ floor: 0.3, maxBenignFpr: 0.01, minBenign: 30 }),
  /** Cap on the false-positive rate over validation hard negatives when choosing thresholds. */
  maxHardNegativeFpr: z.number().min(0).max(1).default(0.02),
  /**
   * Folds (by source group) for the stacker's cross-fitted logits; the paths are then fit on
   * train ∪ calib. 0 fits the stacker on the calib split's logits of paths trained on train.
   */
  stackFolds: z.number().int().min(0).max(20).default(5),
  /**
   * Fine windows taken from each long benign train prompt as benign examples
   * (heads/window-negatives.ts): the windows the service scores on their own; 0 takes none.
   */
  windowNegativesPerPrompt: z.number().int().min(0).max(32).default(8),
  /** Chunks embedded per long prompt at inference (and averaged per example in training). */
  maxChunksPerPrompt: z.number().int().positive().default(8),
  /** Share of each label's validation positives the lexical pre-screen may clear without the encoder. */
  prescreenMaxRecallLoss: z.number().min(0).max(0.2).default(0.01),
  /**
   * Threads that fit semantic paths side by side (default: every core). Fits are deterministic,
   * so the trained model does not depend on it; it is not part of the model's identity.
   */
  fitThreads: z.number().int().positive().optional(),
  /** Hand-written training sets (training/data/written.ts; default all five: a, c, d, e, f); [] trains on generated and public data only. */
  writtenSets: z.array(z.enum(WRITTEN_TRAIN_SETS)).default(() => [...DEFAULT_WRITTEN_TRAIN_SETS]),
  /** Analyst feedback to add to the train split: a `distill-guard feedback export` JSONL file. */
  feedback: z.string().min(1).optional(),
});
export type TrainConfig = z.infer<typeof TrainConfigSchema>;

export async function loadTrainConfig(file?: string, overrides: Partial<TrainConfig> = {}): Promise<TrainConfig> {
  const raw = file ? (JSON.parse(await readFile(file, 'utf8')) as object) : {};
  return TrainConfigSchema.parse({ ...raw, ...overrides });
}
