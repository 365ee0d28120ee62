/**
 * How a long prompt's fine windows join its whole-prompt score.
 *
 * Invariant: the score per label is the maximum of the whole-prompt probability and every fine
 * window's probability after calibration; a prompt that fits the encoder's window (no fine
 * windows) keeps its whole-prompt probability unchanged.
 *
 * The maximum over many windows is biased upwards: the more windows a long benign prompt has
 * (long code, tables, problem statements), the likelier one of them reads like an attack on its
 * own. A window's logit is therefore lowered by `offset[label] · ln(windows)`, where `windows` is
 * the number of fine windows the prompt was cut into (the top ones by lexical suspicion are
 * scored, so the selection counts too). The offsets are chosen on validation data at training
 * time; 0 is the plain maximum.
 */
import { ATTACK_LABELS, type AttackLabel } from '../labels.js';

export const logit = (p: number) => Math.log(Math.max(p, 1e-12) / Math.max(1 - p, 1e-12));
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export type WindowOffsets = Partial<Record<AttackLabel, number>>;

/** A window's probability after the length calibration. */
export function calibratedWindowProbability(p: number, offset: number, windows: number): number {
  if (offset === 0 || windows <= 1) return p;
  return sigmoid(logit(p) - offset * Math.log(windows));
}

/**
 * Per label (ATTACK_LABELS order): the maximum of `whole` and the calibrated window probabilities,
 * and the index of the window that set each label (-1: the whole prompt).
 */
export function aggregateWindows(
  whole: readonly number[],
  windowProbs: readonly (readonly number[])[],
  windows: number,
  offsets: WindowOffsets = {},
): { probs: number[]; from: number[] } {
  const probs = [...whole];
  const from = whole.map(() => -1);
  ATTACK_LABELS.forEach((label, i) => {
    const offset = offsets[label] ?? 0;
    windowProbs.forEach((p, k) => {
      const q = calibratedWindowProbability(p[i] as number, offset, windows);
      if (q > (probs[i] as number)) {
        probs[i] = q;
        from[i] = k;
      }
    });
  });
  return { probs, from };
}
