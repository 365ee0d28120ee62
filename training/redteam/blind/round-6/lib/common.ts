/**
 * Helpers shared by the round-6 blind families. In a sub-folder so the family loader (top-level *.ts only) does
 * not treat it as a family. Time constants, PRNG utilities, campaign timing and identifier resolution come from the
 * generator's kit modules; the quota picker and the small text helpers below are written here.
 */
import type { Rng } from '../../../lib/rng.js';

export { DAY, HOUR, MIN, SEC, localHour, type Span } from '../../../lib/timing.js';
export { clamp, round } from '../../../lib/rng.js';
export { campaignModeTimes, proxyIps } from '../../../lib/campaign.js';
export { legitCreatedAt, pickTz } from '../../../lib/people.js';
export { fillSlots } from '../../../prompts/fill.js';
export { truncate } from '../../../prompts/text.js';
export { identFor, resolveStrategy, type Plain } from '../../../lib/identifier-strategy.js';

/** Keep timestamps inside [from, to), sorted. */
export function inside(ts: number[], from: number, to: number): number[] {
  return ts.filter((t) => t >= from && t < to).sort((a, b) => a - b);
}

/** Something with a request budget (an account of a campaign). */
export interface Quota {
  quota: number;
  used: number;
  from: number;
  to: number;
}

/**
 * Pick up to `k` distinct holders that are live at `t` and still have `need` requests of budget, weighted by what
 * is left (a quota-aware scheduler). Returns fewer when not enough are available.
 */
export function pickByQuota<T extends Quota>(r: Rng, all: readonly T[], t: number, need: number, k: number): T[] {
  const live = all.filter((s) => t >= s.from && t < s.to && s.quota - s.used >= need);
  const out: T[] = [];
  for (let i = 0; i < k && live.length > 0; i++) {
    const s = r.weighted(live.map((x) => [x, x.quota - x.used] as const));
    out.push(s);
    live.splice(live.indexOf(s), 1);
  }
  return out;
}

/** Pick `k` distinct words of a list, joined. */
export function someOf(r: Rng, list: readonly string[], k: number, sep = ', '): string {
  return r.sample(list, k).join(sep);
}

/** Weighted pick from a record, typed. */
export function pickKey<K extends string>(r: Rng, w: Partial<Record<K, number>>): K {
  return r.weightedKey(w as Record<K, number>);
}
