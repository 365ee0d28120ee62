/**
 * One line of `distill-guard feedback export`: a training example in the format of the
 * training data (training/data/types.ts, without a split) plus where it came from.
 * `distill-guard train --feedback FILE` reads these lines.
 */
import { z } from 'zod';
import { CLASSES } from '../labels.js';
import { VERDICTS } from './verdicts.js';
import { DETECTED_LANGUAGES } from '../util/lang.js';

export const FEEDBACK_SOURCE = 'feedback';

export const FeedbackProvenance = z.object({
  source: z.literal(FEEDBACK_SOURCE),
  /** `verdict`: a sampled prompt of an account an analyst gave a verdict on; `relabel`: a prompt an analyst relabelled. */
  kind: z.enum(['verdict', 'relabel']),
  analyst: z.string(),
  at: z.iso.datetime(),
  account_id: z.string().nullable(),
  request_id: z.string().nullable(),
  verdict: z.enum(VERDICTS).nullable(),
  /** The label the prompt model gave at the time, when known. */
  model_label: z.enum(CLASSES).nullable(),
  /** The text is the start of a longer prompt (samples keep a bounded prefix). */
  truncated: z.boolean(),
  note: z.string().nullable(),
});
export type FeedbackProvenance = z.infer<typeof FeedbackProvenance>;

export const FeedbackExample = z.object({
  id: z.string().regex(/^feedback\//),
  text: z.string().min(1),
  label: z.enum(CLASSES),
  source: z.literal(FEEDBACK_SOURCE),
  family: z.string().min(1),
  lang: z.enum(DETECTED_LANGUAGES),
  hardNegative: z.boolean(),
  provenance: FeedbackProvenance,
});
export type FeedbackExample = z.infer<typeof FeedbackExample>;
