/** Arrival-time generators: human daily rhythm, round-the-clock automation, bursts. */
import type { Rng } from './rng.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Local hours people use an assistant, weighted (morning, afternoon, evening). */
const HUMAN_HOURS: Record<string, number> = {
  '8': 1,
  '9': 3,
  '10': 4,
  '11': 4,
  '12': 2,
  '13': 3,
  '14': 4,
  '15': 4,
  '16': 4,
  '17': 3,
  '18': 2,
  '19': 2,
  '20': 3,
  '21': 3,
  '22': 2,
  '23': 1,
  '0': 0.3,
  '7': 0.5,
};
const EVENING_HOURS: Record<string, number> = {
  '16': 2,
  '17': 3,
  '18': 2,
  '19': 4,
  '20': 5,
  '21': 5,
  '22': 3,
  '23': 1,
};
const BUSINESS_HOURS: Record<string, number> = {
  '9': 3,
  '10': 5,
  '11': 5,
  '12': 2,
  '13': 4,
  '14': 5,
  '15': 5,
  '16': 4,
  '17': 2,
};

export type Rhythm = 'human' | 'evening' | 'business';
const RHYTHMS: Record<Rhythm, Record<string, number>> = {
  human: HUMAN_HOURS,
  evening: EVENING_HOURS,
  business: BUSINESS_HOURS,
};

/** Sessions of a person: start hours from the rhythm (local time), requests inside a session a minute or two apart. */
export function humanDay(
  rng: Rng,
  dayStart: number,
  tzOffsetHours: number,
  requests: number,
  rhythm: Rhythm = 'human',
  perSession = 6,
): number[] {
  const out: number[] = [];
  let left = requests;
  while (left > 0) {
    const hour = Number(rng.weighted(RHYTHMS[rhythm]));
    let t = dayStart + (hour - tzOffsetHours) * HOUR + rng.next() * HOUR;
    const k = Math.min(left, 1 + rng.poisson(perSession - 1));
    for (let i = 0; i < k; i++) {
      out.push(Math.floor(t));
      t += 5_000 + rng.exp(80_000);
    }
    left -= k;
  }
  return out;
}

/** Round-the-clock automation at `perDay` requests with gaps jittered by `jitter` (0 = clockwork). */
export function steadyStream(rng: Rng, start: number, perDay: number, jitter: number): number[] {
  const gap = DAY / Math.max(1, perDay);
  const out: number[] = [];
  for (let t = start + rng.next() * gap; t < start + DAY; t += Math.max(50, gap * (1 + jitter * rng.normal())))
    out.push(Math.floor(t));
  return out;
}

/** A burst of `count` requests starting at `t0`, `gapMs` apart with small jitter. */
export function burst(rng: Rng, t0: number, count: number, gapMs: number): number[] {
  const out: number[] = [];
  let t = t0;
  for (let i = 0; i < count; i++) {
    out.push(Math.floor(t));
    t += gapMs * (0.7 + 0.6 * rng.next());
  }
  return out;
}

export { HOUR, DAY };
