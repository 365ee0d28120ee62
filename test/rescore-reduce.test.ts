import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AREAS, CLASSES } from '../src/labels.js';
import { HOUR_MS, summarizeEvents, type SummaryEvent } from '../src/features/aggregate/summary.js';
import { AccountReducer } from '../src/features/rescore/account-reducer.js';
import { decodePartResult, emptyStats, encodePartResult, type PartEvent } from '../src/features/rescore/part-result.js';
import { Lru } from '../src/util/lru.js';

const T0 = Date.parse('2025-03-03T00:00:00Z');
const WINDOW = 6 * HOUR_MS;

const eventArb = fc.record({
  account: fc.constantFrom('a', 'b', 'c'),
  rh: fc.integer({ min: 0, max: 400 }).map((n) => n.toString(16).padStart(16, '0')),
  ts: fc.integer({ min: 0, max: 20 * 24 * HOUR_MS }).map((d) => T0 + d),
  label: fc.constantFrom(...CLASSES),
  area: fc.constantFrom(...AREAS),
  signature: fc.integer({ min: 0, max: 50 }).map((n) => n.toString(16).padStart(16, '0')),
  length: fc.integer({ min: 1, max: 5000 }),
  automation: fc.boolean(),
  ip: fc.constantFrom('1.1.1.1', '2.2.2.2', '3.3.3.3', '4.4.4.4'),
  card: fc.constantFrom('c1', 'c2', 'c3'),
}) satisfies fc.Arbitrary<PartEvent>;

const toSummaryEvent = (e: PartEvent): SummaryEvent => ({
  requestHash: e.rh,
  ts: e.ts,
  label: e.label,
  area: e.area,
  signature: e.signature,
  length: e.length,
  automation: e.automation,
  ip: e.ip,
  card: e.card,
});

/** Drops later repeats of a request id, as both paths must (duplicates here are same-time retries). */
function expected(events: PartEvent[]) {
  const now = Math.max(...events.map((e) => e.ts));
  const byAccount = new Map<string, SummaryEvent[]>();
  for (const e of events) {
    let list = byAccount.get(e.account);
    if (list === undefined) byAccount.set(e.account, (list = []));
    list.push(toSummaryEvent(e));
  }
  return new Map([...byAccount].map(([id, list]) => [id, summarizeEvents(id, list, now)]));
}

describe('account reducer', () => {
  it('builds the same summaries as summarizeEvents over the whole list, in any event order', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { minLength: 1, maxLength: 1500 }), (raw) => {
        // A repeated request id is a retry of the same request: same account and time.
        const first = new Map<string, PartEvent>();
        const events = raw.map((e) => {
          const f = first.get(e.rh);
          if (f === undefined) {
            first.set(e.rh, e);
            return e;
          }
          return { ...e, account: f.account, ts: f.ts };
        });
        const reducer = new AccountReducer(WINDOW);
        events.forEach((e, i) => {
          reducer.add(e);
          if (i % 97 === 0) reducer.pruneSeen();
        });
        const got = new Map([...reducer.summaries()].map((s) => [s.accountId, s]));
        const want = expected(events);
        expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
        for (const [id, s] of want) expect(got.get(id)).toEqual(s);
        expect(reducer.duplicates).toBe(events.length - first.size);
      }),
      { numRuns: 60 },
    );
  });

  it('keeps memory bounded: old hour buckets are dropped as history advances', () => {
    const reducer = new AccountReducer(WINDOW);
    for (let h = 0; h < 24 * 60; h++) {
      reducer.add({
        account: 'a',
        rh: h.toString(16).padStart(16, '0'),
        ts: T0 + h * HOUR_MS,
        label: 'benign',
        area: 'general',
        signature: '0'.repeat(16),
        length: 10,
        automation: false,
        ip: `10.0.${h % 250}.1`,
        card: 'c',
      });
    }
    reducer.pruneSeen();
    const internal = reducer as unknown as {
      accounts: Map<string, { buckets: Map<number, unknown>; recent: unknown[] }>;
      seen: Map<string, number>;
    };
    const a = internal.accounts.get('a')!;
    expect(a.buckets.size).toBeLessThanOrEqual(169 + 24);
    expect(a.recent.length).toBeLessThan(512);
    expect(internal.seen.size).toBeLessThanOrEqual(7);
    const [s] = [...reducer.summaries()];
    expect(s!.requests).toBe(24 * 60);
    expect(s!.buckets.size).toBe(169);
  });
});

describe('chunk result codec', () => {
  it('round-trips events, errors and counters', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 300 }), (events) => {
        const stats = { ...emptyStats(), lines: events.length + 2, events: events.length, malformed: 2 };
        const result = {
          index: 3,
          firstLine: 601,
          bytes: 12345,
          events,
          errors: [{ line: 602, reason: 'not valid JSON' }],
          stats,
        };
        expect(decodePartResult(encodePartResult(result))).toEqual(result);
      }),
      { numRuns: 40 },
    );
  });
});

describe('lru', () => {
  it('evicts the least recently used entry at capacity', () => {
    const lru = new Lru<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.get('a')).toBe(1);
    lru.set('c', 3);
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe(1);
    expect(lru.get('c')).toBe(3);
    expect(lru.size).toBe(2);
  });
});
