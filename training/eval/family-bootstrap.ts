/**
 * How much a test number can move with the template families behind it. The test set holds a
 * few dozen families of many renderings each, and a model gets a family right or wrong mostly as a
 * whole, so the renderings are not independent: an interval from resampling single prompts would
 * be far too narrow. This resamples whole families (with replacement, within each true class so
 * every class keeps its number of families) and reports percentile intervals.
 */
import { ATTACK_LABELS, CLASSES } from '../../src/labels.js';
import { Rng } from '../data/rng.js';
import { perClassFromConfusion } from './metrics.js';
import type { Scored } from './report.js';

export interface Interval {
  value: number;
  /** 2.5th and 97.5th percentiles over the resamples. */
  lo: number;
  hi: number;
}

export interface FamilyBootstrap {
  resamples: number;
  /** Template families per true class (a public source without families counts as one each of its families). */
  families: Record<string, number>;
  macroF1: Interval;
  /** Per attack label; null when the slice has no family of that label (nothing to recall). */
  recall: Record<string, Interval | null>;
  f1: Record<string, Interval | null>;
}

export const DEFAULT_RESAMPLES = 1000;

/** A family's confusion counts: truth × predicted over CLASSES. */
type Counts = number[][];

function emptyCounts(): Counts {
  return CLASSES.map(() => CLASSES.map(() => 0));
}

function familyCounts(items: readonly Scored[]): Map<string, Counts[]> {
  const byFamily = new Map<string, { label: string; counts: Counts }>();
  for (const s of items) {
    const key = `${s.example.label}\u0000${s.example.source}\u0000${s.example.family}`;
    const f = byFamily.get(key) ?? { label: s.example.label, counts: emptyCounts() };
    (f.counts[CLASSES.indexOf(s.example.label)] as number[])[CLASSES.indexOf(s.predicted)]! += 1;
    byFamily.set(key, f);
  }
  const byClass = new Map<string, Counts[]>();
  for (const key of [...byFamily.keys()].sort()) {
    const f = byFamily.get(key) as { label: string; counts: Counts };
    byClass.set(f.label, [...(byClass.get(f.label) ?? []), f.counts]);
  }
  return byClass;
}

function addInto(total: Counts, c: Counts): void {
  c.forEach((row, i) =>
    row.forEach((v, j) => {
      (total[i] as number[])[j]! += v;
    }),
  );
}

function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))] as number;
}

function scores(m: Counts): { macroF1: number; recall: Record<string, number>; f1: Record<string, number> } {
  const { perClass, macroF1 } = perClassFromConfusion(CLASSES, m);
  const recall: Record<string, number> = {};
  const f1: Record<string, number> = {};
  for (const l of ATTACK_LABELS) {
    recall[l] = perClass[l]?.recall ?? 0;
    f1[l] = perClass[l]?.f1 ?? 0;
  }
  return { macroF1, recall, f1 };
}

/** Family-level bootstrap of macro-F1 and per-label recall and F1. Deterministic in `seed`. */
export function familyBootstrap(
  items: readonly Scored[],
  opts: { resamples?: number; seed?: string } = {},
): FamilyBootstrap {
  const resamples = opts.resamples ?? DEFAULT_RESAMPLES;
  const rng = new Rng(opts.seed ?? 'family-bootstrap');
  const byClass = familyCounts(items);
  const whole = emptyCounts();
  for (const list of byClass.values()) for (const c of list) addInto(whole, c);
  const point = scores(whole);

  const draws: ReturnType<typeof scores>[] = [];
  for (let b = 0; b < resamples; b++) {
    const m = emptyCounts();
    for (const list of byClass.values()) {
      for (let k = 0; k < list.length; k++) addInto(m, list[rng.int(0, list.length - 1)] as Counts);
    }
    draws.push(scores(m));
  }
  const interval = (value: number, pick: (d: ReturnType<typeof scores>) => number): Interval => {
    const xs = draws.map(pick).sort((a, b) => a - b);
    return { value, lo: percentile(xs, 0.025), hi: percentile(xs, 0.975) };
  };
  const recall: Record<string, Interval | null> = {};
  const f1: Record<string, Interval | null> = {};
  for (const l of ATTACK_LABELS) {
    const present = (byClass.get(l)?.length ?? 0) > 0;
    recall[l] = present ? interval(point.recall[l] as number, (d) => d.recall[l] as number) : null;
    f1[l] = present ? interval(point.f1[l] as number, (d) => d.f1[l] as number) : null;
  }
  return {
    resamples,
    families: Object.fromEntries(CLASSES.map((c) => [c, byClass.get(c)?.length ?? 0])),
    macroF1: interval(point.macroF1, (d) => d.macroF1),
    recall,
    f1,
  };
}
