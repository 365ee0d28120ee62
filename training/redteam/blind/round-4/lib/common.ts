/**
 * Helpers shared by the round-4 blind families. In a sub-folder so the family loader (top-level *.ts only) does
 * not treat it as a family. Time constants, PRNG utilities and campaign timing come from the generator's kit
 * modules; only the per-account identifier resolution below is new.
 */
import type { Rng } from '../../../lib/rng.js';
import type { IdStrategy } from '../../../lib/campaign-params.js';

export { DAY, HOUR, MIN, SEC, type Span } from '../../../lib/timing.js';
export { clamp, round } from '../../../lib/rng.js';
export { campaignModeTimes, proxyIps } from '../../../lib/campaign.js';
export { legitCreatedAt, pickTz } from '../../../lib/people.js';
export { fillSlots } from '../../../prompts/fill.js';
export { truncate, degrade } from '../../../prompts/text.js';

export type Plain = Exclude<IdStrategy, 'mixed'>;

/** 'mixed' resolves per account (or per pool) to one of the plain strategies. */
export function resolveStrategy(rng: Rng, s: IdStrategy): Plain {
  return s === 'mixed' ? rng.pick(['shared', 'rotated', 'per_account'] as const) : s;
}

/**
 * One identifier kind for one account, following a plain strategy:
 *  shared: one of a few campaign-wide values; rotated: every request (or the account's small set) from a
 *  larger pool; per_account: a value owned by the account (rarely a second one).
 */
export function identFor<T>(
  acct: Rng,
  mode: Plain,
  shared: readonly T[],
  pool: readonly T[],
  fresh: () => T,
  perRequest: boolean,
): (r: Rng) => T {
  if (mode === 'shared') {
    const mine = acct.sample(shared, acct.int(1, Math.min(2, shared.length)));
    return (r) => r.pick(mine);
  }
  if (mode === 'per_account') {
    const own = fresh();
    const second = acct.chance(0.15) ? fresh() : own;
    return (r) => (r.chance(0.1) ? second : own);
  }
  if (perRequest) return (r) => r.pick(pool);
  const mine = acct.sample(pool, acct.int(1, 3));
  return (r) => r.pick(mine);
}

/** Split a sorted list of times into runs separated by gaps longer than `gapMs`. */
export function runsOf(times: number[], gapMs: number): number[][] {
  const out: number[][] = [];
  let cur: number[] = [];
  for (const t of times) {
    const last = cur[cur.length - 1];
    if (last !== undefined && t - last > gapMs) {
      out.push(cur);
      cur = [];
    }
    cur.push(t);
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

/** Keep timestamps inside [from, to), sorted. */
export function inside(ts: number[], from: number, to: number): number[] {
  return ts.filter((t) => t >= from && t < to).sort((a, b) => a - b);
}
