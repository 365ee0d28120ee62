/**
 * Baseline: an off-the-shelf prompt-injection guardrail (@andersmyrmel/vard, strict preset),
 * mapped to flagged / not flagged. It has no notion of the three attack labels, so it is
 * compared on "any attack vs benign" only.
 */
import { vard } from '@andersmyrmel/vard';

const guard = vard.strict().maxLength(1_000_000);

export function vardFlags(text: string): boolean {
  return !guard.safeParse(text).safe;
}
