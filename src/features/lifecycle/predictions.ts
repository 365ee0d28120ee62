/**
 * Per-example predictions of an evaluation run, `predictions.jsonl` in the model's directory:
 * one line per evaluation-set example with its id, truth, predicted label and scores. No prompt
 * text is stored (public texts stay outside the repository); `distill-guard compare` joins two
 * versions' files by id and re-materialises the texts of the prompts whose label changed.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { ATTACK_LABELS, CLASSES, type PromptClass } from '../../labels.js';

/** One scored evaluation example (the shape training/eval produces). */
export interface ScoredExample {
  example: { id: string; split: string; label: PromptClass; source: string; lang: string; hardNegative: boolean };
  probs?: number[];
  predicted: PromptClass;
}

export const PREDICTIONS_FILE = 'predictions.jsonl';

export const PredictionSchema = z.object({
  id: z.string(),
  split: z.enum(['test', 'hardneg']),
  label: z.enum(CLASSES),
  source: z.string(),
  lang: z.string(),
  hardNegative: z.boolean(),
  predicted: z.enum(CLASSES),
  /** Probability per attack label, ATTACK_LABELS order, rounded to 1e-6. */
  probs: z.array(z.number()).length(ATTACK_LABELS.length),
});
export type Prediction = z.infer<typeof PredictionSchema>;

export async function writePredictions(dir: string, scored: readonly ScoredExample[]): Promise<void> {
  const lines = scored.map((s) => {
    const p: Prediction = {
      id: s.example.id,
      split: s.example.split === 'hardneg' ? 'hardneg' : 'test',
      label: s.example.label,
      source: s.example.source,
      lang: s.example.lang,
      hardNegative: s.example.hardNegative,
      predicted: s.predicted,
      probs: (s.probs ?? []).map((x) => Math.round(x * 1e6) / 1e6),
    };
    return JSON.stringify(p);
  });
  await writeFile(path.join(dir, PREDICTIONS_FILE), `${lines.join('\n')}\n`);
}

/** Reads a version's predictions; undefined when that version has not been evaluated. */
export async function readPredictions(dir: string): Promise<Prediction[] | undefined> {
  let raw: string;
  try {
    raw = await readFile(path.join(dir, PREDICTIONS_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  return raw
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line, i) => {
      const parsed = PredictionSchema.safeParse(JSON.parse(line));
      if (!parsed.success)
        throw new Error(`${path.join(dir, PREDICTIONS_FILE)} line ${i + 1}: ${parsed.error.message}`);
      return parsed.data;
    });
}
