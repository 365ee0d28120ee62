/**
 * Request timing. Every function returns exactly `n` sorted epoch-millisecond timestamps inside [from, to).
 *  - human: sessions placed on a local-time diurnal profile, weekends damped, some days off;
 *  - lockstep: a campaign dispatcher fires rounds on a fixed period; each account joins some rounds;
 *  - bursty: the campaign runs in bursts; accounts fire densely inside bursts;
 *  - low_and_slow: a handful of isolated requests spread over days;
 *  - cron: scheduled jobs (legit batch pipelines, nightly evals).
 */
import type { Rng } from './rng.js';

export const HOUR = 3_600_000;
export const MIN = 60_000;
export const SEC = 1000;
export const DAY = 24 * HOUR;

export interface Span {
  from: number;
  to: number;
}

export type Profile = 'personal' | 'work' | 'student' | 'shift' | 'flat' | 'night';

// Weights for local hours 0..23.
const PROFILES: Record<Profile, number[]> = {
  personal: [2, 1, 0.5, 0.3, 0.2, 0.3, 0.8, 2, 3, 4, 4.5, 4.5, 4, 4, 4, 4, 4, 4, 4.5, 5, 6, 6, 5, 3.5],
  work: [0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 1.5, 5, 8, 9, 9, 6, 7, 9, 9, 8, 6, 3, 1.5, 1, 0.8, 0.6, 0.4],
  student: [3, 2, 1, 0.4, 0.2, 0.2, 0.3, 1, 2, 2.5, 3, 3, 3, 3.5, 4, 5, 5.5, 6, 6, 6.5, 7, 7.5, 7, 5],
  shift: [0.3, 0.2, 0.2, 0.2, 0.2, 0.3, 0.5, 1, 4, 7, 8, 8, 7, 7, 8, 8, 8, 7, 6, 6, 5, 4, 2, 1],
  flat: Array.from({ length: 24 }, () => 1),
  night: [6, 6, 5, 4, 3, 2, 1, 0.5, 0.5, 0.5, 1, 1, 1, 1, 1, 1, 1.5, 2, 3, 4, 5, 6, 6, 6],
};

export interface HumanOpts {
  tzHours: number;
  profile: Profile;
  weekendFactor: number;
  /** Mean requests per session. */
  sessionMean: number;
  /** Median seconds between requests inside a session. */
  gapMedianSec: number;
  dayOffProb?: number;
}

function wrap(t: number, span: Span): number {
  const len = span.to - span.from;
  if (t >= span.from && t < span.to) return t;
  return span.from + ((((t - span.from) % len) + len) % len);
}

/** Weighted hour buckets of a span for a local-time profile. */
function hourWeights(rng: Rng, span: Span, o: Pick<HumanOpts, 'tzHours' | 'profile' | 'weekendFactor' | 'dayOffProb'>) {
  const starts: number[] = [];
  const cum: number[] = [];
  let total = 0;
  const dayFactor = new Map<number, number>();
  const first = Math.floor(span.from / HOUR) * HOUR;
  for (let h = first; h < span.to; h += HOUR) {
    const local = h + o.tzHours * HOUR;
    const day = Math.floor(local / DAY);
    if (!dayFactor.has(day)) dayFactor.set(day, rng.chance(o.dayOffProb ?? 0) ? 0.05 : rng.float(0.5, 1.5));
    const hourOfDay = Math.floor((((local % DAY) + DAY) % DAY) / HOUR);
    const dow = new Date(local).getUTCDay();
    const weekend = dow === 0 || dow === 6 ? o.weekendFactor : 1;
    total += (PROFILES[o.profile][hourOfDay] ?? 1) * weekend * (dayFactor.get(day) ?? 1);
    starts.push(h);
    cum.push(total);
  }
  return { starts, cum, total };
}

function pickHour(rng: Rng, w: { starts: number[]; cum: number[]; total: number }): number {
  const r = rng.next() * w.total;
  let lo = 0;
  let hi = w.cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((w.cum[mid] ?? 0) > r) hi = mid;
    else lo = mid + 1;
  }
  return w.starts[lo] ?? w.starts[0] ?? 0;
}

export function humanTimes(rng: Rng, n: number, span: Span, o: HumanOpts): number[] {
  if (n <= 0) return [];
  const w = hourWeights(rng, span, o);
  const sessions = Math.max(1, Math.min(n, Math.round((n / o.sessionMean) * rng.float(0.7, 1.3))));
  const sizes = new Array<number>(sessions).fill(1);
  for (let i = sessions; i < n; i++) sizes[rng.int(0, sessions - 1)]! += 1;
  const out: number[] = [];
  for (const size of sizes) {
    let t = pickHour(rng, w) + rng.float(0, HOUR);
    for (let k = 0; k < size; k++) {
      out.push(wrap(Math.floor(t), span));
      t += Math.max(2 * SEC, rng.logNormal(o.gapMedianSec, 0.9) * SEC);
    }
  }
  return out.sort((a, b) => a - b);
}

export function lowAndSlowTimes(rng: Rng, n: number, span: Span, tzHours: number, profile: Profile = 'personal') {
  return humanTimes(rng, n, span, { tzHours, profile, weekendFactor: 0.9, sessionMean: 1.15, gapMedianSec: 90 });
}

/** A campaign dispatcher: rounds every `periodSec`, during `dutyHours` local hours per day. */
export interface LockstepClock {
  periodSec: number;
  phaseMs: number;
  jitterMs: number;
  dutyStartHour: number;
  dutyHours: number;
  tzHours: number;
}

export function lockstepTimes(rng: Rng, n: number, span: Span, c: LockstepClock): number[] {
  const period = c.periodSec * SEC;
  const firstTick = Math.ceil((span.from - c.phaseMs) / period) * period + c.phaseMs;
  const ticks: number[] = [];
  for (let t = firstTick; t < span.to; t += period) {
    const hour = Math.floor(((((t + c.tzHours * HOUR) % DAY) + DAY) % DAY) / HOUR);
    const rel = (hour - c.dutyStartHour + 24) % 24;
    if (rel < c.dutyHours) ticks.push(t);
  }
  if (ticks.length === 0) ticks.push(firstTick < span.to ? firstTick : span.from);
  const chosen: number[] = [];
  if (n >= ticks.length) {
    for (let i = 0; i < n; i++) chosen.push(ticks[i % ticks.length]! + Math.floor(i / ticks.length) * 1500);
  } else {
    // Evenly strided choice with a random offset keeps an account's own rhythm regular.
    const stride = ticks.length / n;
    const off = rng.float(0, stride);
    for (let i = 0; i < n; i++) {
      const idx = Math.min(ticks.length - 1, Math.floor(off + i * stride + rng.float(-0.35, 0.35) * stride));
      chosen.push(ticks[Math.max(0, idx)]!);
    }
  }
  return chosen.map((t) => wrap(t + Math.floor(Math.abs(rng.normal(0, c.jitterMs))), span)).sort((a, b) => a - b);
}

export interface Burst {
  start: number;
  end: number;
}

export function makeBursts(rng: Rng, span: Span, count: number, minMin: number, maxMin: number): Burst[] {
  const out: Burst[] = [];
  for (let i = 0; i < count; i++) {
    const len = rng.float(minMin, maxMin) * MIN;
    const start = rng.float(span.from, Math.max(span.from + 1, span.to - len));
    out.push({ start, end: Math.min(span.to, start + len) });
  }
  return out.sort((a, b) => a.start - b.start);
}

export function burstyTimes(rng: Rng, n: number, span: Span, bursts: Burst[], joinProb: number): number[] {
  let mine = bursts.filter((b) => b.end > span.from && b.start < span.to && rng.chance(joinProb));
  if (mine.length === 0) mine = makeBursts(rng, span, 1, 10, 40);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const b = rng.pick(mine);
    const s = Math.max(b.start, span.from);
    const e = Math.min(b.end, span.to);
    out.push(wrap(Math.floor(rng.float(s, Math.max(s + 1, e))), span));
  }
  return out.sort((a, b) => a - b);
}

/** Scheduled runs: every `everyMin` minutes (optionally only some local hours), `perRun` requests `gapSec` apart. */
export function cronTimes(
  rng: Rng,
  span: Span,
  o: { everyMin: number; perRun: number; gapSec: number; tzHours: number; hours?: number[]; skipProb?: number },
): number[] {
  const out: number[] = [];
  const every = o.everyMin * MIN;
  for (let t = Math.ceil(span.from / every) * every; t < span.to; t += every) {
    const hour = Math.floor(((((t + o.tzHours * HOUR) % DAY) + DAY) % DAY) / HOUR);
    if (o.hours && !o.hours.includes(hour)) continue;
    if (rng.chance(o.skipProb ?? 0)) continue;
    let u = t + rng.float(0, 20) * SEC;
    for (let k = 0; k < o.perRun && u < span.to; k++) {
      out.push(Math.floor(u));
      u += Math.max(100, rng.logNormal(o.gapSec * SEC, 0.5));
    }
  }
  return out.sort((a, b) => a - b);
}

export function localHour(t: number, tzHours: number): number {
  return Math.floor(((((t + tzHours * HOUR) % DAY) + DAY) % DAY) / HOUR);
}
