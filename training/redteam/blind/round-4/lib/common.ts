/**
 * Helpers shared by the round-4 blind families. In a sub-folder so the family loader (top-level *.ts only) does
 * not treat it as a family. Time constants, PRNG utilities and campaign timing come from the generator's kit
 * modules; only the per-account identifier resolution below is new.
 */

export { DAY, HOUR, MIN, SEC, type Span } from '../../../lib/timing.js';
export { clamp, round } from '../../../lib/rng.js';
export { campaignModeTimes, proxyIps } from '../../../lib/campaign.js';
export { legitCreatedAt, pickTz } from '../../../lib/people.js';
export { fillSlots } from '../../../prompts/fill.js';
export { truncate, degrade } from '../../../prompts/text.js';

export { identFor, resolveStrategy, type Plain } from '../../../lib/identifier-strategy.js';

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
