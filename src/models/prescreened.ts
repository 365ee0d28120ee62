/**
 * Classification with the lexical pre-screen in front: prompts the model's pre-screen clears are
 * answered at once, the rest go to `full` (the encoder path, possibly through a micro-batcher),
 * and results come back in input order. `screen` and `full` must be the same model version.
 */
import type { PromptClassification, PromptClassifier } from './prompt-classifier.js';

export async function classifyWithPrescreen(
  screen: PromptClassifier,
  full: (prompts: readonly string[]) => Promise<PromptClassification[]>,
  prompts: readonly string[],
): Promise<PromptClassification[]> {
  const quick = (await screen.prescreen?.(prompts)) ?? prompts.map(() => null);
  const rest = prompts.filter((_, i) => quick[i] === null);
  if (rest.length === prompts.length) return full(prompts);
  const scored = rest.length > 0 ? await full(rest) : [];
  let at = 0;
  return quick.map((q) => q ?? (scored[at++] as PromptClassification));
}
