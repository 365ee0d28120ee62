/**
 * The label decision: when several labels pass their thresholds, the label is the one with the
 * highest calibrated probability. Each label's stacker is calibrated on its own, so that is the
 * likeliest request (a margin over each label's threshold would let a label with a low threshold
 * win over a likelier label whose threshold is high).
 */
import { ATTACK_LABELS, type AttackLabel, type LabelScores } from '../labels.js';
import type { PromptVerdict } from './prompt-classifier.js';

/** The verdict from calibrated probabilities and per-label thresholds (see the file's header). */
export function decideLabel(
  probs: readonly number[],
  thresholds: Readonly<Record<AttackLabel, number>>,
  model: string,
): PromptVerdict {
  const scores = roundedScores(probs);
  const categories = {} as Record<AttackLabel, boolean>;
  let label: AttackLabel | 'benign' = 'benign';
  let best = -1;
  ATTACK_LABELS.forEach((name, i) => {
    const score = probs[i] as number;
    const hit = score >= thresholds[name];
    categories[name] = hit;
    if (hit && score > best) {
      best = score;
      label = name;
    }
  });
  return { label, flagged: label !== 'benign', scores, categories, model };
}

/** Scores per label as results carry them (6 decimals). */
export function roundedScores(probs: readonly number[]): LabelScores {
  return Object.fromEntries(
    ATTACK_LABELS.map((name, i) => [name, Math.round((probs[i] as number) * 1e6) / 1e6]),
  ) as LabelScores;
}
