import { z } from 'zod';
import { ATTACK_LABELS, CLASSES } from '../labels.js';
import { DETECTED_LANGUAGES } from '../util/lang.js';

/** One input line of `distill-guard classify`: an object with a `prompt` string; other fields are echoed back. */
export function createJsonlInputSchema(maxPromptChars: number) {
  return z.looseObject({
    prompt: z
      .string({ error: 'missing string field "prompt"' })
      .min(1, { error: 'prompt is empty' })
      .max(maxPromptChars, { error: `prompt is longer than ${maxPromptChars} characters` }),
  });
}

export type JsonlInput = z.infer<ReturnType<typeof createJsonlInputSchema>>;

/** One output line: the input fields plus the verdict. */
export const JsonlOutput = z.looseObject({
  prompt: z.string(),
  label: z.enum(CLASSES),
  flagged: z.boolean(),
  scores: z.object(
    Object.fromEntries(ATTACK_LABELS.map((l) => [l, z.number()])) as Record<
      (typeof ATTACK_LABELS)[number],
      z.ZodNumber
    >,
  ),
  model: z.string(),
  /** The prompt's language, and whether the head was trained for it (false: `benign` means "not judged"). */
  language: z.enum(DETECTED_LANGUAGES),
  supported: z.boolean(),
});

export type JsonlOutput = z.infer<typeof JsonlOutput>;

/** Parses one text line; returns the object or the reason it was rejected. */
export function parseJsonlLine(
  schema: ReturnType<typeof createJsonlInputSchema>,
  line: string,
): { ok: true; value: JsonlInput } | { ok: false; reason: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    return { ok: false, reason: `not valid JSON (${err instanceof Error ? err.message : String(err)})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: 'not a JSON object' };
  }
  const result = schema.safeParse(value);
  if (!result.success) return { ok: false, reason: result.error.issues.map((i) => i.message).join('; ') };
  return { ok: true, value: result.data };
}
