/** Builds the evaluation report from scored examples. */
import { ATTACK_LABELS, CLASSES, type PromptClass } from '../../src/labels.js';
import type { Example } from '../data/types.js';
import {
  averagePrecision,
  binaryCounts,
  confusionMatrix,
  expectedCalibrationError,
  perClassFromConfusion,
  prf,
  type PrfScores,
} from './metrics.js';

export interface Scored {
  example: Example;
  /** Probability per attack label (ATTACK_LABELS order); absent for rule baselines. */
  probs?: number[];
  predicted: PromptClass;
}

export interface LabelReport extends PrfScores {
  prAuc: number | null;
  ece: number | null;
}

export interface SliceReport {
  n: number;
  macroF1: number;
  perClass: Record<string, PrfScores>;
  perLabel: Record<string, LabelReport>;
  confusion: { classes: readonly string[]; matrix: number[][] };
}

export interface HardNegativeReport {
  n: number;
  flagged: number;
  fpr: number;
  byLabel: Record<string, number>;
}

export function sliceReport(items: readonly Scored[]): SliceReport {
  const truth = items.map((s) => s.example.label);
  const predicted = items.map((s) => s.predicted);
  const matrix = confusionMatrix(CLASSES, truth, predicted);
  const { perClass, macroF1 } = perClassFromConfusion(CLASSES, matrix);
  const perLabel: Record<string, LabelReport> = {};
  ATTACK_LABELS.forEach((label, l) => {
    const positive = truth.map((t) => t === label);
    const counts = prf(
      binaryCounts(
        predicted.map((p) => p === label),
        positive,
      ),
    );
    const probs = items.every((s) => s.probs) ? items.map((s) => (s.probs as number[])[l] as number) : null;
    perLabel[label] = {
      ...counts,
      prAuc: probs ? averagePrecision(probs, positive) : null,
      ece: probs ? expectedCalibrationError(probs, positive) : null,
    };
  });
  return { n: items.length, macroF1, perClass, perLabel, confusion: { classes: CLASSES, matrix } };
}

/** One report on all items and one on each language. */
export function perLanguage<T>(
  items: readonly Scored[],
  report: (items: readonly Scored[]) => T,
): { all: T; en: T; zh: T } {
  return {
    all: report(items),
    en: report(items.filter((s) => s.example.lang === 'en')),
    zh: report(items.filter((s) => s.example.lang === 'zh')),
  };
}

export function byLanguage(items: readonly Scored[]): { all: SliceReport; en: SliceReport; zh: SliceReport } {
  return perLanguage(items, sliceReport);
}

/**
 * False-positive rate on each hard-negative source (benign items that resemble an attack).
 * `predicted` is a label, `benign`, or `flagged` for detectors without labels.
 */
export function hardNegativeReport(
  examples: readonly Example[],
  predicted: readonly string[],
): Record<string, HardNegativeReport> {
  const out: Record<string, HardNegativeReport> = {};
  examples.forEach((example, i) => {
    if (!example.hardNegative) return;
    const r = (out[example.source] ??= { n: 0, flagged: 0, fpr: 0, byLabel: {} });
    r.n++;
    const p = predicted[i] as string;
    if (p !== 'benign') {
      r.flagged++;
      r.byLabel[p] = (r.byLabel[p] ?? 0) + 1;
    }
  });
  for (const r of Object.values(out)) r.fpr = r.n === 0 ? 0 : r.flagged / r.n;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

/** Any-attack vs benign, for baselines without per-label output. */
export function binaryReport(flags: readonly boolean[], examples: readonly Example[]): PrfScores {
  return prf(
    binaryCounts(
      flags,
      examples.map((e) => e.label !== 'benign'),
    ),
  );
}

/** Items of one group: how many, how many right, and what the misses became. */
export interface Tally {
  /** The group's first item. */
  first: Example;
  n: number;
  correct: number;
  predicted: Record<string, number>;
}

/** Tallies items by `keyOf`, groups in order of first appearance. */
export function tallyBy(items: readonly Scored[], keyOf: (e: Example) => string): Tally[] {
  const groups = new Map<string, Tally>();
  for (const s of items) {
    const key = keyOf(s.example);
    const t = groups.get(key) ?? { first: s.example, n: 0, correct: 0, predicted: {} };
    t.n++;
    if (s.predicted === s.example.label) t.correct++;
    else t.predicted[s.predicted] = (t.predicted[s.predicted] ?? 0) + 1;
    groups.set(key, t);
  }
  return [...groups.values()];
}

/** Per source and label on the test split: how many, how many right, and what the misses became. */
export function sourceReport(
  items: readonly Scored[],
): { source: string; label: string; n: number; correct: number; predicted: Record<string, number> }[] {
  return tallyBy(items, (e) => `${e.source}\u0000${e.label}`)
    .map(({ first, n, correct, predicted }) => ({ source: first.source, label: first.label, n, correct, predicted }))
    .sort((a, b) => a.label.localeCompare(b.label) || a.source.localeCompare(b.source));
}
