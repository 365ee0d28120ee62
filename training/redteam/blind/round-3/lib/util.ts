/**
 * Helpers shared by the round-3 blind families. In a sub-folder so the family loader (top-level *.ts only)
 * does not treat it as a family. Only type imports from the generator: at run time everything comes through
 * ctx.kit, as for families kept outside the repository.
 */
import type { Rng } from '../../../lib/rng.js';

export const SEC = 1000;
export const MIN = 60_000;
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export type Span = { from: number; to: number };
export type Single = 'shared' | 'rotated' | 'per_account';

export function r3(v: number): number {
  return Math.round(v * 1000) / 1000;
}

export function clampN(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

/** 'mixed' resolves per account (or per pool) to one of the three plain strategies. */
export function resolveStrategy(rng: Rng, s: string): Single {
  if (s === 'shared' || s === 'rotated' || s === 'per_account') return s;
  return rng.pick(['shared', 'rotated', 'per_account'] as const);
}

export function trunc(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const stop = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('。'), cut.lastIndexOf('\n'));
  return stop > max * 0.5 ? cut.slice(0, stop + 1) : cut;
}

export function fill(t: string, slots: Record<string, string | number>): string {
  return t.replace(/\{(\w+)\}/g, (m, k: string) => (k in slots ? String(slots[k]) : m));
}

/** Index of the smallest value (ties: first). */
export function argMin(xs: number[]): number {
  let best = 0;
  for (let i = 1; i < xs.length; i++) if ((xs[i] ?? Infinity) < (xs[best] ?? Infinity)) best = i;
  return best;
}
