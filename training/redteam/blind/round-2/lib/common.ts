/**
 * Small helpers shared by the sealed red-team families (round 2). Lives in a sub-folder so the generator's
 * family loader (which only reads *.ts files at the top level of the folder) does not treat it as a family.
 * Only type imports from the generator: everything at run time comes through ctx.kit.
 */
import type { Rng } from '../../../lib/rng.js';

export type Strategy = 'shared' | 'rotated' | 'per_account' | 'mixed';

export const HOUR = 3_600_000;
export const MIN = 60_000;
export const SEC = 1000;
export const DAY = 24 * HOUR;

export { pickTz } from '../../../lib/people.js';

/** Most legit accounts are months or years old; a few signed up during the window (never after first use). */
export function legitCreatedAt(rng: Rng, windowStart: number, firstEvent: number): number {
  if (rng.chance(0.04)) return Math.min(firstEvent - rng.float(0.1, 6) * HOUR, windowStart + rng.float(0, 3) * DAY);
  return Math.min(windowStart - rng.logNormal(240, 0.9) * DAY, firstEvent - HOUR);
}

export function r3(v: number): number {
  return Math.round(v * 1000) / 1000;
}

/** Resolve 'mixed' per account. */
export function resolve(rng: Rng, s: Strategy): Exclude<Strategy, 'mixed'> {
  return s === 'mixed' ? rng.pick(['shared', 'rotated', 'per_account'] as const) : s;
}

/** Clip a sorted list of timestamps to [from, to). */
export function clip(ts: number[], from: number, to: number): number[] {
  return ts.filter((t) => t >= from && t < to).sort((a, b) => a - b);
}

/** Expand session start times into request times: `sizes[i]` requests spaced by log-normal gaps. */
export function expandSessions(rng: Rng, starts: number[], sizes: number[], gapMedianSec: number): number[][] {
  return starts.map((s, i) => {
    const out: number[] = [];
    let t = s;
    for (let k = 0; k < (sizes[i] ?? 1); k++) {
      out.push(Math.floor(t));
      t += Math.max(1.5 * SEC, rng.logNormal(gapMedianSec, 0.7) * SEC);
    }
    return out;
  });
}

/** Split n requests into sessions of roughly `mean` requests (at least 1 each). */
export function sessionSizes(rng: Rng, n: number, mean: number): number[] {
  const k = Math.max(1, Math.min(n, Math.round((n / mean) * rng.float(0.8, 1.25))));
  const sizes = new Array<number>(k).fill(1);
  for (let i = k; i < n; i++) sizes[rng.int(0, k - 1)]! += 1;
  return sizes;
}

export const LANG_NAMES: Record<string, string> = {
  ja: 'Japanese',
  ko: 'Korean',
  ru: 'Russian',
  es: 'Spanish',
  zh: 'Simplified Chinese',
  de: 'German',
  fr: 'French',
  pt: 'Brazilian Portuguese',
  en: 'English',
};

export function fill(t: string, slots: Record<string, string | number>): string {
  return t.replace(/\{(\w+)\}/g, (m, k: string) => (k in slots ? String(slots[k]) : m));
}

export function trunc(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const stop = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('。'), cut.lastIndexOf('\n'));
  return stop > max * 0.5 ? cut.slice(0, stop + 1) : cut;
}

/** Per-account request times for a campaign timing mode (drawCampaign's timing + timing_detail). */
export function campaignTimes(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  kit: any,
  rng: Rng,
  timing: string,
  d: Record<string, number>,
  n: number,
  span: { from: number; to: number },
  tz: number,
  operatorTz: number,
  bursts: unknown,
  profile: string,
): number[] {
  switch (timing) {
    case 'lockstep':
      return kit.time.lockstepTimes(rng, n, span, {
        periodSec: d.period_sec ?? 60,
        phaseMs: 0,
        jitterMs: d.jitter_ms ?? 1000,
        dutyHours: d.duty_hours ?? 24,
        dutyStartHour: d.duty_start_hour ?? 0,
        tzHours: operatorTz,
      });
    case 'bursty':
      return kit.time.burstyTimes(rng, n, span, bursts, d.join_prob ?? 0.7);
    case 'low_and_slow':
      return kit.time.lowAndSlowTimes(rng, n, span, tz, profile);
    default:
      return kit.time.humanTimes(rng, n, span, {
        tzHours: tz,
        profile,
        weekendFactor: d.weekend_factor ?? 0.8,
        sessionMean: d.session_mean ?? 6,
        gapMedianSec: d.gap_median_sec ?? 60,
        dayOffProb: 0.15,
      });
  }
}
