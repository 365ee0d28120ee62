/** Helpers for legitimate populations: time zones, account ages, home/office identifiers. */
import type { Rng } from './rng.js';
import { DAY } from './timing.js';

export const TZ_WEIGHTS: readonly (readonly [number, number])[] = [
  [-8, 5],
  [-7, 2],
  [-6, 3],
  [-5, 6],
  [-3, 2],
  [0, 4],
  [1, 6],
  [2, 3],
  [3, 1],
  [5.5, 4],
  [7, 1],
  [8, 6],
  [9, 3],
  [10, 1],
];

export function pickTz(rng: Rng): number {
  return rng.weighted(TZ_WEIGHTS);
}

/** Most legit accounts are months or years old; a few signed up during the window. */
export function legitCreatedAt(rng: Rng, windowStart: number, firstEvent: number): number {
  if (rng.chance(0.04))
    return Math.min(firstEvent - rng.float(0.1, 6) * 3_600_000, windowStart + rng.float(0, 3) * DAY);
  return windowStart - rng.logNormal(240, 0.9) * DAY;
}
