/**
 * Pre-screen thresholds (see src/models/heads/prescreen.ts): per label, the highest lexical-only
 * probability below which at most `maxRecallLoss` of that label's positives fall (training passes
 * the positives the full model flags). A prompt is cleared only when it is below the threshold of
 * every label, so each label loses at most that share of its positives to the pre-screen on the
 * rows the thresholds were chosen on.
 */
import { clearedByLexical } from '../../src/models/heads/prescreen.js';

export interface PrescreenThreshold {
  threshold: number;
  positives: number;
  /** Positives below the threshold (cleared without the encoder). */
  positivesCleared: number;
}

export function choosePrescreenThreshold(
  probs: readonly number[],
  positive: readonly boolean[],
  maxRecallLoss: number,
): PrescreenThreshold {
  const pos = probs.filter((_, i) => positive[i]).sort((a, b) => a - b);
  if (pos.length === 0) return { threshold: 0, positives: 0, positivesCleared: 0 };
  const allowed = Math.floor(maxRecallLoss * pos.length);
  // Everything strictly below the (allowed+1)-th smallest positive score is cleared.
  const threshold = pos[allowed] as number;
  const positivesCleared = pos.filter((p) => p < threshold).length;
  return { threshold, positives: pos.length, positivesCleared };
}

/** Share of rows cleared by per-label thresholds (a row is cleared when below all of them). */
export function clearedShare(
  probsByLabel: readonly (readonly number[])[],
  thresholds: readonly number[],
  rows: readonly number[],
): number {
  if (rows.length === 0) return 0;
  const cleared = rows.filter((r) =>
    clearedByLexical(
      thresholds,
      probsByLabel.map((probs) => probs[r] as number),
    ),
  ).length;
  return cleared / rows.length;
}
