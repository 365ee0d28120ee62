import type { AttackLabel, LabelScores } from '../../labels.js';

/** The verdict on one prompt. */
export interface PromptClassification {
  /** The highest-scoring attack label whose score passes its threshold, or `benign`. */
  label: AttackLabel | 'benign';
  /** True when any attack label passes its threshold. */
  flagged: boolean;
  /** Calibrated probability per attack label. */
  scores: LabelScores;
  /** Per-label decision (score ≥ that label's threshold). */
  categories: Record<AttackLabel, boolean>;
  /** Version of the head that produced the scores. */
  model: string;
}

/** Labels prompts. Implementations batch internally; callers may pass any number of prompts. */
export interface PromptClassifier {
  readonly version: string;
  classify(prompts: readonly string[]): Promise<PromptClassification[]>;
}
