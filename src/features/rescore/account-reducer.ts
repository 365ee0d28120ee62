/**
 * The reduce step: events merged in input order into per-account state whose size is bounded by
 * the scoring windows, not by the history's length. Hour buckets older than the longest window
 * behind the latest event, day sets of IPs and cards older than 7 days and recent requests past
 * the cap are dropped as the history advances: the final `now` (the last event's time) is never
 * earlier than any event seen, so nothing dropped could count at the end. `finish` returns the
 * same summaries `summarizeEvents` builds from the whole list.
 *
 * A request id seen again within the dedup window (by event time) counts once, as in the live
 * pipeline, whose request markers expire after the same window.
 */
import {
  DAY_MS,
  HOUR_MS,
  RECENT_CAP,
  WINDOW_HOURS,
  addGatewayFacts,
  countInBucket,
  emptyGatewayFacts,
  emptyLabelCounts,
  type GatewayFacts,
  type AccountSummary,
  type HourBucket,
} from '../aggregate/summary.js';
import type { PartEvent } from './part-result.js';
import { MAX_MODELS } from '../aggregate/apply-event.lua.js';

interface Recent {
  ts: number;
  rh: string;
  sig: string;
}

interface AccountState {
  buckets: Map<number, HourBucket>;
  ips: Map<number, Set<string>>;
  cards: Map<number, Set<string>>;
  recent: Recent[];
  requests: number;
  labelCounts: ReturnType<typeof emptyLabelCounts>;
  firstSeen: number;
  lastSeen: number;
  prunedAtHour: number;
  gateway: GatewayFacts;
}

const byTsThenHash = (a: Recent, b: Recent) => a.ts - b.ts || (a.rh < b.rh ? -1 : a.rh > b.rh ? 1 : 0);

export class AccountReducer {
  private readonly accounts = new Map<string, AccountState>();
  private readonly seen = new Map<string, number>();
  private maxTs = Number.NEGATIVE_INFINITY;
  duplicates = 0;

  constructor(private readonly dedupWindowMs: number) {}

  get accountCount(): number {
    return this.accounts.size;
  }

  add(e: PartEvent): void {
    const dupTs = this.seen.get(e.rh);
    if (dupTs !== undefined && Math.abs(e.ts - dupTs) <= this.dedupWindowMs) {
      this.duplicates += 1;
      return;
    }
    this.seen.set(e.rh, e.ts);
    if (e.ts > this.maxTs) this.maxTs = e.ts;
    let a = this.accounts.get(e.account);
    if (a === undefined) {
      a = {
        buckets: new Map(),
        ips: new Map(),
        cards: new Map(),
        recent: [],
        requests: 0,
        labelCounts: emptyLabelCounts(),
        firstSeen: e.ts,
        lastSeen: e.ts,
        prunedAtHour: 0,
        gateway: emptyGatewayFacts(),
      };
      this.accounts.set(e.account, a);
    }
    a.requests += 1;
    a.labelCounts[e.label] += 1;
    addGatewayFacts(a.gateway, e, MAX_MODELS);
    if (e.ts < a.firstSeen) a.firstSeen = e.ts;
    if (e.ts > a.lastSeen) a.lastSeen = e.ts;
    const hour = Math.floor(e.ts / HOUR_MS);
    const minHour = Math.floor(this.maxTs / HOUR_MS) - WINDOW_HOURS.d7;
    if (hour < minHour) return;
    countInBucket(a.buckets, hour, e);
    const day = Math.floor(e.ts / DAY_MS);
    addTo(a.ips, day, e.ip);
    addTo(a.cards, day, e.card);
    a.recent.push({ ts: e.ts, rh: e.rh, sig: e.signature });
    if (a.recent.length >= 2 * RECENT_CAP) this.trimRecent(a);
    if (minHour - a.prunedAtHour >= 24) this.prune(a, minHour);
  }

  /** Forgets request ids older than the dedup window behind the latest event (input is mostly time-ordered). */
  pruneSeen(): void {
    const cutoff = this.maxTs - this.dedupWindowMs;
    for (const [rh, ts] of this.seen) {
      if (ts >= cutoff) break;
      this.seen.delete(rh);
    }
  }

  private trimRecent(a: AccountState): void {
    const cutoff = this.maxTs - WINDOW_HOURS.d7 * HOUR_MS;
    a.recent = a.recent
      .filter((r) => r.ts >= cutoff)
      .sort(byTsThenHash)
      .slice(-RECENT_CAP);
  }

  private prune(a: AccountState, minHour: number): void {
    a.prunedAtHour = minHour;
    for (const hour of a.buckets.keys()) if (hour < minHour) a.buckets.delete(hour);
    const minDay = Math.floor(this.maxTs / DAY_MS) - 6;
    for (const sets of [a.ips, a.cards]) for (const day of sets.keys()) if (day < minDay) sets.delete(day);
    this.trimRecent(a);
  }

  /** The time accounts are scored at: the last event's. */
  get now(): number {
    return Number.isFinite(this.maxTs) ? this.maxTs : 0;
  }

  /** Every account's summary at `now`, in first-seen order of the input. */
  *summaries(now = this.now): Generator<AccountSummary> {
    const nowHour = Math.floor(now / HOUR_MS);
    const minHour = nowHour - WINDOW_HOURS.d7;
    const minDay = Math.floor(now / DAY_MS) - 6;
    const cutoff = now - WINDOW_HOURS.d7 * HOUR_MS;
    for (const [accountId, a] of this.accounts) {
      const buckets = new Map<number, HourBucket>();
      for (const [hour, b] of a.buckets) if (hour >= minHour && hour <= nowHour) buckets.set(hour, b);
      const distinct = (sets: Map<number, Set<string>>) => {
        const all = new Set<string>();
        for (const [day, s] of sets) if (day >= minDay) for (const v of s) all.add(v);
        return all.size;
      };
      const recent = a.recent
        .filter((r) => r.ts >= cutoff)
        .sort(byTsThenHash)
        .slice(-RECENT_CAP);
      yield {
        accountId,
        buckets,
        recentTs: recent.map((r) => r.ts),
        recentSigs: recent.map((r) => r.sig),
        distinctIps: distinct(a.ips),
        distinctCards: distinct(a.cards),
        requests: a.requests,
        labelCounts: { ...a.labelCounts },
        firstSeen: a.firstSeen,
        lastSeen: a.lastSeen,
        gateway: { ...a.gateway, modelFirstUse: { ...a.gateway.modelFirstUse } },
      };
    }
  }
}

function addTo(sets: Map<number, Set<string>>, day: number, value: string): void {
  let s = sets.get(day);
  if (s === undefined) sets.set(day, (s = new Set()));
  s.add(value);
}
