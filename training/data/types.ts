import type { LanguageCode } from '../../src/util/lang.js';
import type { FeedbackProvenance } from '../../src/contracts/feedback.js';
import type { PromptClass } from '../../src/labels.js';

/** A prompt's language as detected on the request path (src/util/lang.ts), or as a written set states it. */
export type Lang = LanguageCode;
export type Split = 'train' | 'val' | 'calib' | 'test' | 'hardneg';

/** One labelled prompt of the classifier's training / evaluation data. */
export interface Example {
  /** Stable, unique: `${source}/${family}/${n}`. */
  id: string;
  text: string;
  label: PromptClass;
  /** Public set directory name (e.g. `fastchat_llm_judge`) or `gen:<generator-module>`. */
  source: string;
  /** Template family: the unit of splitting (same template with other slot values = same family). */
  family: string;
  lang: Lang;
  split: Split;
  /** Benign item that resembles an attack label (homework steps, questions about sensitive topics, ...). */
  hardNegative: boolean;
  /** Analyst feedback only (source `feedback`): who gave it, when, on which account/request. */
  provenance?: FeedbackProvenance;
}

/** An example before split assignment. */
export type Draft = Omit<Example, 'split'>;

export const SPLITS: readonly Split[] = ['train', 'val', 'calib', 'test', 'hardneg'];
