import type { LanguageCode } from './util/lang.js';

/** The per-prompt attack labels. `benign` is the absence of all three. */
export const ATTACK_LABELS = ['reasoning_trace_extraction', 'rubric_grading', 'censorship_rewrite'] as const;
export type AttackLabel = (typeof ATTACK_LABELS)[number];

export const CLASSES = [...ATTACK_LABELS, 'benign'] as const;
export type PromptClass = (typeof CLASSES)[number];

/** Capability areas a prompt is tagged with at the gateway (features/aggregate/prompt-signals.ts). */
export const AREAS = ['coding', 'agentic_tool_use', 'math', 'reasoning', 'grading', 'politics', 'general'] as const;
export type Area = (typeof AREAS)[number];

export type LabelScores = Record<AttackLabel, number>;

export function isAttackLabel(value: string): value is AttackLabel {
  return (ATTACK_LABELS as readonly string[]).includes(value);
}

/**
 * The languages a head was trained for when its `head.json` does not list them (heads trained on
 * English and Chinese only). A prompt in another language is answered, but its `benign` means
 * "not judged": results carry `supported: false`.
 */
export const DEFAULT_TRAINED_LANGUAGES: readonly LanguageCode[] = ['en', 'zh'];
