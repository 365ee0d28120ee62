/**
 * Combines the semantic and lexical paths per label, and calibrates at the same time:
 * a logistic regression per label over named inputs derived from both paths' logits, with
 * language-aware terms so the lexical path can carry Chinese text that the encoder cannot
 * see. It is fit on logits the paths gave to data they were not trained on (cross-fitted by
 * source group, training/heads/cross-fit.ts). Single-path stackers (`semantic` or `lexical` alone) use the same
 * form and serve as ablations.
 */
export const STACK_INPUTS = {
  semantic: (s: number) => s,
  lexical: (_s: number, l: number) => l,
  semantic_x_han: (s: number, _l: number, han: number) => s * han,
  lexical_x_han: (_s: number, l: number, han: number) => l * han,
  han: (_s: number, _l: number, han: number) => han,
} as const;
export type StackInput = keyof typeof STACK_INPUTS;

export const JOINT_STACK: readonly StackInput[] = ['semantic', 'lexical', 'semantic_x_han', 'lexical_x_han', 'han'];
export const SEMANTIC_ONLY_STACK: readonly StackInput[] = ['semantic', 'semantic_x_han', 'han'];
export const LEXICAL_ONLY_STACK: readonly StackInput[] = ['lexical', 'lexical_x_han', 'han'];

export interface StackerWeights {
  features: readonly StackInput[];
  /** Per label: one weight per feature. */
  weights: number[][];
  bias: number[];
}

export function stackInputs(features: readonly StackInput[], semantic: number, lexical: number, han: number): number[] {
  return features.map((f) => STACK_INPUTS[f](semantic, lexical, han));
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

export function stackProbability(
  w: StackerWeights,
  label: number,
  semantic: number,
  lexical: number,
  han: number,
): number {
  const row = w.weights[label] as number[];
  let z = w.bias[label] as number;
  w.features.forEach((f, i) => {
    z += (row[i] as number) * STACK_INPUTS[f](semantic, lexical, han);
  });
  return sigmoid(z);
}

export function isStackInput(name: string): name is StackInput {
  return Object.hasOwn(STACK_INPUTS, name);
}
