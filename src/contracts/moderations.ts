/**
 * `POST /v1/moderations`: the OpenAI moderation API's request and response, so the OpenAI SDKs and
 * gateways built on them call the service unchanged. A moderation result is a `/v1/classify` result
 * whose `categories` and `category_scores` also carry OpenAI's standard category keys (always
 * false / 0: this service does not judge them) and which adds `category_applied_input_types`.
 * The attack labels keep their own names as extra keys; `flagged` means an attack label fired.
 */
import { z } from 'zod';
import { AppError, payloadTooLarge } from '../errors.js';
import { ATTACK_LABELS } from '../labels.js';
import { ClassifyResult, parseClassifyRequest, type ClassifyLimits, type ClassifyResponse } from './classify.js';

/** OpenAI's moderation categories, present in every result so clients typed against OpenAI's schema keep working. */
export const OPENAI_CATEGORIES = [
  'harassment',
  'harassment/threatening',
  'hate',
  'hate/threatening',
  'illicit',
  'illicit/violent',
  'self-harm',
  'self-harm/instructions',
  'self-harm/intent',
  'sexual',
  'sexual/minors',
  'violence',
  'violence/graphic',
] as const;

/** OpenAI's moderation model names; each selects the live head, as does `current`. */
export const OPENAI_MODERATION_MODELS = [
  'omni-moderation-latest',
  'omni-moderation-2024-09-26',
  'text-moderation-latest',
  'text-moderation-stable',
] as const;
const LIVE_ALIASES: ReadonlySet<string> = new Set([...OPENAI_MODERATION_MODELS, 'current']);

function createPieces(limits: ClassifyLimits) {
  const text = z
    .string()
    .min(1, { error: 'text must not be empty' })
    .max(limits.maxPromptChars, { error: `text is longer than ${limits.maxPromptChars} characters` });
  const model = z
    .string()
    .min(1)
    .max(128)
    .optional()
    .describe(
      `Which model answers. ${OPENAI_MODERATION_MODELS.join(', ')} and \`current\` select the live head; the live head's version name (e.g. \`head-…\`) pins it (400 model_not_served when another version is live). Default: the live head.`,
    );
  const textPart = z
    .object({ type: z.literal('text'), text: text.describe('Text to classify.') })
    .meta({ title: 'ModerationTextInput' });
  const bounded = <T extends z.ZodType>(items: T, what: string) =>
    z
      .array(items)
      .min(1, { error: `input must contain at least one ${what}` })
      .max(limits.maxBatchItems, { error: `input has more than ${limits.maxBatchItems} ${what}s` });
  const strings = bounded(text, 'prompt').describe('Several prompts: one result each, in input order.');
  const parts = bounded(textPart, 'part').describe(
    'One prompt in parts (OpenAI multimodal input, text parts only): the texts are joined with a newline and answered with one result. `image_url` parts are refused with 400 unsupported_input_type.',
  );
  return { text, model, strings, parts };
}

/** The request as documented (`/openapi.json`): `input` is a string, a list of strings, or a list of text parts. */
export function createModerationRequestSchema(limits: ClassifyLimits) {
  const { text, model, strings, parts } = createPieces(limits);
  return z
    .object({ input: z.union([text.describe('One prompt.'), strings, parts]), model })
    .meta({ title: 'ModerationRequest' });
}

export interface ModerationRequest {
  /** The prompts to classify, one result each. */
  prompts: string[];
  model: string | undefined;
}

/**
 * Validates a body into prompts. Image parts are a 400 `unsupported_input_type`; oversized prompts
 * and too many items are the same 413s as `/v1/classify`; anything else is a 400 `invalid_request`.
 * A list whose first item is an object is read as text parts, any other list as strings, so each
 * failure is reported against the shape the caller meant.
 */
export function createModerationParser(limits: ClassifyLimits): (body: unknown) => ModerationRequest {
  const { text, model, strings, parts } = createPieces(limits);
  const asText = z.object({ input: z.union([text, strings]), model });
  const asParts = z.object({ input: parts, model });
  return (body) => {
    const input = isObject(body) ? body.input : undefined;
    if (Array.isArray(input)) {
      const images = input.flatMap((item, i) => (isObject(item) && item.type === 'image_url' ? [i] : []));
      if (images.length > 0) {
        throw new AppError(
          400,
          'unsupported_input_type',
          'distill-guard classifies text only: image_url parts are not supported. Send the text parts, or strings.',
          images.map((i) => ({ path: `input.${i}`, message: 'image_url parts are not supported' })),
        );
      }
      if (isObject(input[0])) {
        const request = parseClassifyRequest(asParts, body, 'moderations');
        const prompt = request.input.map((part) => part.text).join('\n');
        if (prompt.length > limits.maxPromptChars) {
          throw payloadTooLarge('A prompt is too long.', 'prompt_too_large', [
            { path: 'input', message: `the text parts together are longer than ${limits.maxPromptChars} characters` },
          ]);
        }
        return { prompts: [prompt], model: request.model };
      }
    }
    const request = parseClassifyRequest(asText, body, 'moderations');
    return { prompts: typeof request.input === 'string' ? [request.input] : request.input, model: request.model };
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The model a request may name: an OpenAI moderation model, `current`, absent, or the live
 * version's own name. Anything else is a 400 `model_not_served` (one live head serves every request).
 */
export function checkModel(model: string | undefined, liveVersion: string): void {
  if (model === undefined || LIVE_ALIASES.has(model) || model === liveVersion) return;
  throw modelNotServed(model, liveVersion);
}

/** True when the request pinned a head version by name (not an alias), so the answer must come from it. */
export function pinsVersion(model: string | undefined): model is string {
  return model !== undefined && !LIVE_ALIASES.has(model);
}

export function modelNotServed(model: string, liveVersion: string): AppError {
  return new AppError(
    400,
    'model_not_served',
    `Model ${JSON.stringify(model.slice(0, 128))} is not served here: the live head is ${liveVersion}. Omit model, or send current, ${OPENAI_MODERATION_MODELS[0]} or ${liveVersion}.`,
    [{ path: 'model', message: 'not the live head version or an alias of it' }],
  );
}

const keyed = <K extends string, T extends z.ZodType>(keys: readonly K[], schema: T) =>
  z.object(Object.fromEntries(keys.map((key) => [key, schema])) as Record<K, T>);
const ALL_CATEGORIES = [...OPENAI_CATEGORIES, ...ATTACK_LABELS];
const InputTypes = z.array(z.literal('text'));

export const ModerationResult = ClassifyResult.extend({
  categories: keyed(ALL_CATEGORIES, z.boolean()).describe(
    "Per-category decision: the attack labels (as in /v1/classify), and OpenAI's standard categories, always false (not judged by this service).",
  ),
  category_scores: keyed(ALL_CATEGORIES, z.number().min(0).max(1)).describe(
    "Calibrated probability per attack label; OpenAI's standard categories are always 0.",
  ),
  category_applied_input_types: keyed(ALL_CATEGORIES, InputTypes).describe(
    'Input types each category was judged on: ["text"] for the attack labels, [] for OpenAI\'s standard categories.',
  ),
}).meta({ title: 'ModerationResult' });
export type ModerationResult = z.infer<typeof ModerationResult>;

export const ModerationResponse = z
  .object({
    id: z
      .string()
      .regex(/^modr-/)
      .describe('Unique id of this classification, `modr-…`.'),
    model: z.string().describe('Version of the prompt head that produced the results (e.g. `head-…`).'),
    results: z.array(ModerationResult).describe('One result per prompt (a list of text parts is one prompt).'),
  })
  .meta({ title: 'ModerationResponse' });
export type ModerationResponse = z.infer<typeof ModerationResponse>;

const fill = <K extends string, T>(keys: readonly K[], value: () => T): Record<K, T> =>
  Object.fromEntries(keys.map((key) => [key, value()])) as Record<K, T>;

/** A `/v1/classify` answer in the OpenAI moderation shape: the same results, with OpenAI's keys added. */
export function toModerationResponse(answer: ClassifyResponse): ModerationResponse {
  return {
    ...answer,
    results: answer.results.map((result) => ({
      ...result,
      categories: { ...fill(OPENAI_CATEGORIES, () => false), ...result.categories },
      category_scores: { ...fill(OPENAI_CATEGORIES, () => 0), ...result.category_scores },
      category_applied_input_types: {
        ...fill(OPENAI_CATEGORIES, (): 'text'[] => []),
        ...fill(ATTACK_LABELS, (): 'text'[] => ['text']),
      },
    })),
  };
}
