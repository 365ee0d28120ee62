/**
 * The aggregate view of one account that the feature computation reads. The Redis store and the
 * offline rescore build the same summary (hourly buckets, capped recent lists, distinct counts),
 * so both score accounts with the same pure code.
 */
import { MAX_MODELS } from './apply-event.lua.js';
import { AREAS, ATTACK_LABELS, CLASSES, type Area, type AttackLabel } from '../../labels.js';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/** Longest window: buckets older than this are ignored and expire. */
export const WINDOW_HOURS = { h1: 1, h24: 24, d7: 168 } as const;
/** Timestamps and signatures kept per account (most recent first). */
export const RECENT_CAP = 256;

export interface HourBucket {
  n: number;
  labels: Record<AttackLabel, number>;
  areas: Record<Area, number>;
  /** Requests with an automation user agent. */
  auto: number;
  /** Sum of prompt lengths. */
  len: number;
}

export interface AccountSummary {
  accountId: string;
  /** Hourly buckets keyed by `floor(ts / HOUR_MS)`: the current hour and the 168 before it. */
  buckets: Map<number, HourBucket>;
  /** Recent request timestamps, ascending (at most RECENT_CAP, within 7 days). */
  recentTs: number[];
  /** Signatures of the same recent requests. */
  recentSigs: string[];
  /** Distinct IPs and payment fingerprints over the day buckets of the last 7 days. */
  distinctIps: number;
  distinctCards: number;
  /** All-time totals. */
  requests: number;
  labelCounts: Record<AttackLabel | 'benign', number>;
  firstSeen: number | null;
  lastSeen: number | null;
  /** What the gateway told about the account (all absent for gateways that send none). */
  gateway: GatewayFacts;
}

/** The optional gateway fields as one account's facts (the Redis meta hash and summarizeEvents keep the same). */
export interface GatewayFacts {
  /** Earliest creation time sent (ms). */
  createdAt: number | null;
  /** Smallest sign-up and access path sent (an account has one of each). */
  signupPath: string | null;
  accessPath: string | null;
  /** First use (ms) of each model the account asked for, at most MAX_MODELS of them. */
  modelFirstUse: Record<string, number>;
}

export const emptyGatewayFacts = (): GatewayFacts => ({
  createdAt: null,
  signupPath: null,
  accessPath: null,
  modelFirstUse: {},
});

export function emptyBucket(): HourBucket {
  return {
    n: 0,
    labels: Object.fromEntries(ATTACK_LABELS.map((l) => [l, 0])) as Record<AttackLabel, number>,
    areas: Object.fromEntries(AREAS.map((a) => [a, 0])) as Record<Area, number>,
    auto: 0,
    len: 0,
  };
}

export function emptyLabelCounts(): Record<AttackLabel | 'benign', number> {
  return Object.fromEntries(CLASSES.map((l) => [l, 0])) as Record<AttackLabel | 'benign', number>;
}

/** Counts one event in its hour's bucket (created when missing). */
export function countInBucket(
  buckets: Map<number, HourBucket>,
  hour: number,
  e: Pick<SummaryEvent, 'label' | 'area' | 'automation' | 'length'>,
): void {
  let b = buckets.get(hour);
  if (b === undefined) buckets.set(hour, (b = emptyBucket()));
  b.n += 1;
  if (e.label !== 'benign') b.labels[e.label] += 1;
  b.areas[e.area] += 1;
  if (e.automation) b.auto += 1;
  b.len += e.length;
}

/** An aggregated event: what the queue job carries, with the request and IP already hashed. */
export interface SummaryEvent {
  /** Hash of the request id (tie-breaker for equal timestamps, as in the Redis sorted sets). */
  requestHash: string;
  ts: number;
  label: AttackLabel | 'benign';
  area: Area;
  signature: string;
  length: number;
  automation: boolean;
  ip: string;
  card: string;
  model?: string;
  accessPath?: string;
  createdAt?: number;
  signupPath?: string;
}

const minOf = <T extends number | string>(a: T | null, b: T | undefined): T | null =>
  b === undefined ? a : a === null || b < a ? b : a;

/** Adds one event's gateway fields to the facts, as the Redis script does (order-independent). */
export function addGatewayFacts(
  g: GatewayFacts,
  e: Pick<SummaryEvent, 'ts' | 'model' | 'accessPath' | 'createdAt' | 'signupPath'>,
  maxModels: number,
): void {
  g.createdAt = minOf(g.createdAt, e.createdAt);
  g.signupPath = minOf(g.signupPath, e.signupPath);
  g.accessPath = minOf(g.accessPath, e.accessPath);
  if (e.model === undefined) return;
  const old = g.modelFirstUse[e.model];
  if (old !== undefined) g.modelFirstUse[e.model] = Math.min(old, e.ts);
  else if (Object.keys(g.modelFirstUse).length < maxModels) g.modelFirstUse[e.model] = e.ts;
}

/** Builds the summary from an account's whole event list, as the Redis store would hold it at `now`. */
export function summarizeEvents(accountId: string, events: readonly SummaryEvent[], now: number): AccountSummary {
  const nowHour = Math.floor(now / HOUR_MS);
  const minHour = nowHour - WINDOW_HOURS.d7;
  const nowDay = Math.floor(now / DAY_MS);
  const buckets = new Map<number, HourBucket>();
  const ips = new Set<string>();
  const cards = new Set<string>();
  const labelCounts = emptyLabelCounts();
  const seen = new Set<string>();
  const recent: SummaryEvent[] = [];
  let firstSeen: number | null = null;
  let lastSeen: number | null = null;
  let requests = 0;
  const gateway = emptyGatewayFacts();
  for (const e of events) {
    if (seen.has(e.requestHash)) continue;
    seen.add(e.requestHash);
    addGatewayFacts(gateway, e, MAX_MODELS);
    requests += 1;
    labelCounts[e.label] += 1;
    firstSeen = firstSeen === null ? e.ts : Math.min(firstSeen, e.ts);
    lastSeen = lastSeen === null ? e.ts : Math.max(lastSeen, e.ts);
    const hour = Math.floor(e.ts / HOUR_MS);
    if (hour < minHour || hour > nowHour) continue;
    countInBucket(buckets, hour, e);
    const day = Math.floor(e.ts / DAY_MS);
    if (day > nowDay - 7) {
      ips.add(e.ip);
      cards.add(e.card);
    }
    if (e.ts >= now - WINDOW_HOURS.d7 * HOUR_MS) recent.push(e);
  }
  recent.sort((a, b) => a.ts - b.ts || (a.requestHash < b.requestHash ? -1 : a.requestHash > b.requestHash ? 1 : 0));
  const kept = recent.slice(-RECENT_CAP);
  return {
    accountId,
    buckets,
    recentTs: kept.map((e) => e.ts),
    recentSigs: kept.map((e) => e.signature),
    distinctIps: ips.size,
    distinctCards: cards.size,
    requests,
    labelCounts,
    firstSeen,
    lastSeen,
    gateway,
  };
}
