/**
 * Why a threshold sits where it does: on the rows the thresholds were chosen on, which source
 * groups (a public set, or a generator template family) the errors come from, at the chosen
 * threshold and at the calibrated midpoint 0.5. Written to training-record.json so an engineer
 * can see which hard negatives hold a threshold up and which unseen phrasings fall below it.
 */
import type { Example } from '../data/types.js';
import { sourceGroup } from './cross-fit.js';

export interface ErrorSources {
  threshold: number;
  falsePositives: number;
  falseNegatives: number;
  /** Source groups with the most false positives (hard negatives marked), most first. */
  topFalsePositives: { group: string; count: number; hardNegative: boolean }[];
  /** Source groups with the most missed positives, most first. */
  topFalseNegatives: { group: string; count: number; of: number }[];
}

export function errorSources(
  probs: readonly number[],
  positive: readonly boolean[],
  examples: readonly Pick<Example, 'source' | 'family' | 'hardNegative'>[],
  threshold: number,
  top = 8,
): ErrorSources {
  const fp = new Map<string, { count: number; hardNegative: boolean }>();
  const fn = new Map<string, number>();
  const positives = new Map<string, number>();
  probs.forEach((p, i) => {
    const e = examples[i] as Pick<Example, 'source' | 'family' | 'hardNegative'>;
    const group = sourceGroup(e);
    if (positive[i]) {
      positives.set(group, (positives.get(group) ?? 0) + 1);
      if (p < threshold) fn.set(group, (fn.get(group) ?? 0) + 1);
    } else if (p >= threshold) {
      const entry = fp.get(group) ?? { count: 0, hardNegative: e.hardNegative };
      entry.count += 1;
      fp.set(group, entry);
    }
  });
  const byCount = <T extends { count: number; group: string }>(a: T, b: T) =>
    b.count - a.count || a.group.localeCompare(b.group);
  return {
    threshold,
    falsePositives: [...fp.values()].reduce((s, v) => s + v.count, 0),
    falseNegatives: [...fn.values()].reduce((s, v) => s + v, 0),
    topFalsePositives: [...fp]
      .map(([group, v]) => ({ group, ...v }))
      .sort(byCount)
      .slice(0, top),
    topFalseNegatives: [...fn]
      .map(([group, count]) => ({ group, count, of: positives.get(group) ?? 0 }))
      .sort(byCount)
      .slice(0, top),
  };
}
