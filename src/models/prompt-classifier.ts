import type { AttackLabel, LabelScores } from '../labels.js';
import type { LanguageCode } from '../util/lang.js';

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
  /**
   * True when the lexical pre-screen cleared the prompt without the encoder: the label is
   * benign and the scores are the lexical path's own calibrated probabilities.
   */
  prescreened?: boolean;
  /** The prompt's language (util/lang.ts). */
  language: LanguageCode;
  /** True when the head was trained for `language`; when false, `benign` means "not judged". */
  supported: boolean;
}

/** A decision on scores alone, before the prompt's language is attached. */
export type PromptVerdict = Omit<PromptClassification, 'language' | 'supported'>;

/** Labels prompts. Implementations batch internally; callers may pass any number of prompts. */
export interface PromptClassifier {
  readonly version: string;
  classify(prompts: readonly string[]): Promise<PromptClassification[]>;
  /**
   * The lexical pre-screen, cheap (no encoder): a benign classification for each prompt it clears,
   * null for each prompt that needs the full model. Synchronous on the calling thread, a promise
   * when it runs on another. Absent when the model has none.
   */
  prescreen?(prompts: readonly string[]): (PromptClassification | null)[] | Promise<(PromptClassification | null)[]>;
}
