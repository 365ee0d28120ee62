import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ATTACK_LABELS, CLASSES } from '../labels.js';
import { DETECTED_LANGUAGES } from '../util/lang.js';
import { AppError, invalidRequest, issuesToDetails, payloadTooLarge } from '../errors.js';

export interface ClassifyLimits {
  maxPromptChars: number;
  maxBatchItems: number;
}

/** `POST /v1/classify` body: one prompt or a list of prompts, OpenAI-moderation style. */
export function createClassifyRequestSchema(limits: ClassifyLimits) {
  const prompt = z
    .string()
    .min(1, { error: 'prompt must not be empty' })
    .max(limits.maxPromptChars, { error: `prompt is longer than ${limits.maxPromptChars} characters` })
    .describe('A prompt sent to the LLM API.');
  return z
    .object({
      input: z.union([
        prompt,
        z
          .array(prompt)
          .min(1, { error: 'input must contain at least one prompt' })
          .max(limits.maxBatchItems, { error: `input has more than ${limits.maxBatchItems} prompts` }),
      ]),
    })
    .meta({ title: 'ClassifyRequest' });
}

export type ClassifyRequest = z.infer<ReturnType<typeof createClassifyRequestSchema>>;

const labelShape = <T extends z.ZodType>(schema: T) =>
  z.object(
    Object.fromEntries(ATTACK_LABELS.map((label) => [label, schema])) as Record<(typeof ATTACK_LABELS)[number], T>,
  );

export const ClassifyResult = z
  .object({
    flagged: z.boolean().describe('True when any attack label passes its threshold.'),
    label: z.enum(CLASSES).describe('Highest-scoring attack label that passes its threshold, or benign.'),
    categories: labelShape(z.boolean()).describe('Per-label decision.'),
    category_scores: labelShape(z.number().min(0).max(1)).describe('Calibrated probability per attack label.'),
    model_version: z
      .string()
      .describe(
        'Version of the prompt head that produced this result (during a hot swap, one request is served by one version).',
      ),
    prescreened: z
      .literal(true)
      .optional()
      .describe(
        "Present when the lexical pre-screen cleared the prompt without the encoder; the scores are then the lexical path's own.",
      ),
    language: z
      .enum(DETECTED_LANGUAGES)
      .describe(
        'Language of the prompt (ISO 639-1; `und` when it has no letters), detected from its script and words.',
      ),
    supported: z
      .boolean()
      .describe(
        'True when the prompt head was trained for `language`. When false, `benign` means "not judged": the head has not learned that language\'s attacks.',
      ),
  })
  .meta({ title: 'ClassifyResult' });

export const ClassifyResponse = z
  .object({
    id: z
      .string()
      .regex(/^modr-/)
      .describe('Unique id of this classification, `modr-…`.'),
    model: z.string().describe('Version of the classifier that produced the results.'),
    results: z.array(ClassifyResult).describe('One result per input prompt, in input order.'),
  })
  .meta({ title: 'ClassifyResponse' });

export type ClassifyResponse = z.infer<typeof ClassifyResponse>;

/**
 * Validates a request body. Oversized prompts and too many items are 413s
 * (`prompt_too_large`, `too_many_items`); every other problem is a 400 `invalid_request`.
 */
export function parseClassifyRequest<T = ClassifyRequest>(
  schema: z.ZodType<T>,
  body: unknown,
  contract = 'classify',
): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  // Failures inside the string-or-array union are reported from the branch that matched the input's type.
  const issues = explainUnions(result.error.issues);
  const details = issuesToDetails(issues);
  const tooBig = issues.filter((issue) => issue.code === 'too_big');
  if (tooBig.some((issue) => issue.origin === 'array')) {
    return throwError(payloadTooLarge('Too many prompts in input.', 'too_many_items', details));
  }
  if (tooBig.some((issue) => issue.origin === 'string')) {
    return throwError(payloadTooLarge('A prompt is too long.', 'prompt_too_large', details));
  }
  return throwError(invalidRequest(`Request body does not match the ${contract} contract.`, details));
}

type Issue = z.core.$ZodIssue;

function explainUnions(issues: readonly Issue[]): Issue[] {
  return issues.flatMap((issue): Issue[] => {
    if (issue.code !== 'invalid_union') return [issue];
    const matched = issue.errors.filter(
      (branch) => !branch.some((b) => b.code === 'invalid_type' && b.path.length === 0),
    );
    if (matched.length === 0) return [{ ...issue, message: 'expected a string or an array of strings' }];
    return explainUnions(matched.flat().map((b) => ({ ...b, path: [...issue.path, ...b.path] }) as Issue));
  });
}

function throwError(err: AppError): never {
  throw err;
}

/** A classification as the classifier returns it. */
export interface Classification {
  flagged: boolean;
  label: z.infer<typeof ClassifyResult>['label'];
  categories: z.infer<typeof ClassifyResult>['categories'];
  scores: z.infer<typeof ClassifyResult>['category_scores'];
  model: string;
  prescreened?: boolean;
  language: z.infer<typeof ClassifyResult>['language'];
  supported: boolean;
}

/**
 * The one place classifications become an answer (`POST /v1/classify`, and `POST /v1/moderations`
 * on top of it): a fresh `modr-…` id, the version that produced the results (`servingVersion`
 * when there are none), one result per prompt in input order.
 */
export function toClassifyResponse(
  classifications: readonly Classification[],
  servingVersion: string,
): ClassifyResponse {
  return {
    id: `modr-${randomUUID().replaceAll('-', '')}`,
    model: classifications[0]?.model ?? servingVersion,
    results: classifications.map(toClassifyResult),
  };
}

/** One OpenAI-moderation-style result from a classification (shared by HTTP and jobs). */
export function toClassifyResult(c: Classification): z.infer<typeof ClassifyResult> {
  const result = {
    flagged: c.flagged,
    label: c.label,
    categories: { ...c.categories },
    category_scores: { ...c.scores },
    model_version: c.model,
    language: c.language,
    supported: c.supported,
  };
  return c.prescreened ? { ...result, prescreened: true } : result;
}
