/** Analyst feedback: account verdicts, prompt relabels, and the per-account prompt samples they are given on. */
import { z } from 'zod';
import { CLASSES } from '../labels.js';
import { AccountId, RequestId } from './identifiers.js';

const LabelName = z.enum(CLASSES);

/**
 * `legit_eval`: a declared evaluation, LLM-as-judge or own-model distillation workload (the note
 * states the purpose and is required). It caps the account's level at `elevated` (monitor): its
 * requests are still counted and shown, and the score before the cap is kept with the account.
 */
export const VERDICTS = ['confirmed_attacker', 'legitimate', 'legit_eval'] as const;
export type VerdictKind = (typeof VERDICTS)[number];

/** Characters of a prompt kept in an account's samples. */
export const SAMPLE_MAX_CHARS = 500;
/** Samples kept per account and label (the latest). */
export const SAMPLES_PER_LABEL = 5;

const AnalystId = z.string().trim().min(1).max(128);
const Note = z.string().max(2000);

export const VerdictRequest = z
  .object({
    verdict: z.enum(VERDICTS),
    note: Note.optional(),
    /** Who decided, until requests carry an authenticated key (then the key id is used). */
    analyst: AnalystId.optional(),
  })
  .refine((v) => v.verdict !== 'legit_eval' || (v.note ?? '').trim().length > 0, {
    message: 'legit_eval needs a note that states the declared purpose',
    path: ['note'],
  })
  .meta({ title: 'VerdictRequest' });
export type VerdictRequest = z.infer<typeof VerdictRequest>;

export const Verdict = z
  .object({
    account_id: z.string(),
    verdict: z.enum(VERDICTS),
    analyst: z.string(),
    note: z.string().nullable(),
    at: z.iso.datetime().describe('When the verdict was recorded (ISO 8601, UTC).'),
  })
  .meta({ title: 'Verdict' });
export type Verdict = z.infer<typeof Verdict>;

export const VerdictHistory = z
  .object({
    account_id: z.string(),
    latest: Verdict.nullable().describe('The verdict in force: the most recent one.'),
    history: z.array(Verdict).describe('Every verdict, newest first.'),
  })
  .meta({ title: 'VerdictHistory' });
export type VerdictHistory = z.infer<typeof VerdictHistory>;

export const PromptSample = z
  .object({
    request_id: z.string(),
    label: LabelName.describe('The label the prompt model gave when the event arrived.'),
    prompt: z.string().describe(`The prompt, cut to ${SAMPLE_MAX_CHARS} characters.`),
    truncated: z.boolean(),
    at: z.iso.datetime().describe('The event time.'),
  })
  .meta({ title: 'PromptSample' });
export type PromptSample = z.infer<typeof PromptSample>;

export const AccountSamples = z
  .object(
    Object.fromEntries(CLASSES.map((l) => [l, z.array(PromptSample)])) as Record<
      (typeof CLASSES)[number],
      z.ZodArray<typeof PromptSample>
    >,
  )
  .describe(`The latest ${SAMPLES_PER_LABEL} prompts per label (newest first), kept as long as the account state.`)
  .meta({ title: 'AccountSamples' });
export type AccountSamples = z.infer<typeof AccountSamples>;

export function createRelabelRequestSchema(limits: { maxPromptChars: number }) {
  return z
    .object({
      label: LabelName,
      prompt: z
        .string()
        .min(1)
        .max(limits.maxPromptChars)
        .optional()
        .describe('The prompt text; or give request_id with account_id to use a sampled prompt.'),
      request_id: RequestId.optional(),
      account_id: AccountId.optional(),
      note: Note.optional(),
      analyst: AnalystId.optional(),
    })
    .refine((r) => r.prompt !== undefined || (r.request_id !== undefined && r.account_id !== undefined), {
      error: 'give prompt, or request_id together with account_id',
      path: ['prompt'],
    })
    .meta({ title: 'RelabelRequest' });
}
export type RelabelRequest = z.infer<ReturnType<typeof createRelabelRequestSchema>>;

export const Relabel = z
  .object({
    label: LabelName,
    prompt: z.string(),
    request_id: z.string().nullable(),
    account_id: z.string().nullable(),
    /** The model's label when the prompt came from an account's samples. */
    original_label: LabelName.nullable(),
    analyst: z.string(),
    note: z.string().nullable(),
    at: z.iso.datetime(),
  })
  .meta({ title: 'Relabel' });
export type Relabel = z.infer<typeof Relabel>;
