/**
 * The account graph's vertices prepared for pair scoring: base rates of every identifier value
 * and template key over the whole window (how many accounts, how many of them normal-looking),
 * label mixes, and activity bitsets at 5-minute and 1-hour resolution.
 */
import type { AccountNode } from './account-node.js';
import { attackShare, normality } from './account-node.js';
import { ID_CODES, SLOT_MS } from './graph-fields.js';
import { prepareGatewaySync, type GatewaySync } from './gateway-sync.js';
import { prepareTemplateSync, type TemplateSync } from './template-sync.js';

export interface ValueRate {
  accounts: number;
  /** Sum of the sharing accounts' normality (graph: account-node.ts). */
  normal: number;
  requests: number;
  /** Sharing accounts that use two or more values of this kind (they rotate, e.g. several cards). */
  rotating: number;
  /** The sharing accounts' requests in all (not only those carrying this value), and of them the attack-weighted ones. */
  sharerRequests: number;
  sharerAttack: number;
}

export interface ActivityBits {
  bits: Uint32Array;
  count: number;
}

/** Base rates over the whole window: what a vertex is compared against, whichever vertices are held. */
export interface BaseRates {
  ids: Map<string, ValueRate>;
  /** Template key → accounts using it. */
  templates: Map<string, number>;
  /** Accounts in the window. */
  population: number;
  /** The window's template-sync credit and released models; absent: the nodes' own. */
  syncStats?: SyncStats;
}

/** Window statistics behind template-sync and gateway-sync links (template-sync.ts, gateway-sync.ts). */
export interface SyncStats {
  templateCredit: Map<string, number>;
  releasedModels: Set<string>;
}

export interface PreparedGraph extends BaseRates {
  nodes: readonly AccountNode[];
  /** Vertices held (the window's accounts, or a part of them with the window's base rates). */
  size: number;
  /** Per account: its most frequent template keys (at most SKETCH_KEYS) → share of its requests. */
  sketch: Map<string, number>[];
  normal: Float64Array;
  /** Distinct IPs per account. */
  ipCount: Int32Array;
  /** Label distribution per account: [benign, reasoning, grading, censorship] shares. */
  mix: Float64Array;
  firstSlot: number;
  slots5: number;
  slots60: number;
  act5: ActivityBits[];
  act60: ActivityBits[];
  /** Creation cohorts and model switches from the optional gateway fields. */
  sync: GatewaySync;
  /** Templates used together in the same hours. */
  templateSync: TemplateSync;
}

const SLOTS_PER_HOUR = 3_600_000 / SLOT_MS;
export const SKETCH_KEYS = 64;

/** An account's SKETCH_KEYS most frequent template keys with their counts, most frequent first. */
export function sketchTemplates(node: AccountNode): Map<string, number> {
  return new Map([...node.templates].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).slice(0, SKETCH_KEYS));
}

export function sketchOf(node: AccountNode): Map<string, number> {
  return new Map([...sketchTemplates(node)].map(([key, c]) => [key, c / Math.max(1, node.n)]));
}

function bitset(slots: Iterable<number>, first: number, length: number, per: number): ActivityBits {
  const bits = new Uint32Array(Math.ceil(length / 32));
  let count = 0;
  for (const s of slots) {
    const i = Math.floor((s - first) / per);
    if (i < 0 || i >= length) continue;
    const w = i >>> 5;
    const m = 1 << (i & 31);
    if ((bits[w]! & m) === 0) {
      bits[w]! |= m;
      count += 1;
    }
  }
  return { bits, count };
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

export function intersectCount(a: Uint32Array, b: Uint32Array): number {
  let c = 0;
  for (let i = 0; i < a.length; i++) c += popcount(a[i]! & b[i]!);
  return c;
}

/** One account's share of an identifier value's base rate. */
export interface RateContribution {
  normal: number;
  requests: number;
  rotating: number;
  sharerRequests: number;
  sharerAttack: number;
}

/** What an account adds to the base rate of each of its identifier values. */
export function rateContributions(node: AccountNode): [key: string, c: RateContribution][] {
  const nrm = normality(node);
  const attack = attackShare(node.labels, node.n) * node.n;
  const perKind = idsPerKind(node);
  return [...node.ids].map(([key, requests]) => [
    key,
    {
      normal: nrm,
      requests,
      rotating: perKind.get(key.slice(0, key.indexOf(':')))! >= 2 ? 1 : 0,
      sharerRequests: node.n,
      sharerAttack: attack,
    },
  ]);
}

/** Adds one account's contribution to a value's rate (accounts in their final order, so sums are reproducible). */
export function addToRate(rates: Map<string, ValueRate>, key: string, c: RateContribution): void {
  let r = rates.get(key);
  if (r === undefined)
    rates.set(key, (r = { accounts: 0, normal: 0, requests: 0, rotating: 0, sharerRequests: 0, sharerAttack: 0 }));
  r.accounts += 1;
  r.normal += c.normal;
  r.requests += c.requests;
  r.rotating += c.rotating;
  r.sharerRequests += c.sharerRequests;
  r.sharerAttack += c.sharerAttack;
}

function idsPerKind(node: AccountNode): Map<string, number> {
  const perKind = new Map<string, number>();
  for (const key of node.ids.keys()) {
    const code = key.slice(0, key.indexOf(':'));
    perKind.set(code, (perKind.get(code) ?? 0) + 1);
  }
  return perKind;
}

/** Base rates of all the nodes (in their final order). */
export function baseRates(nodes: readonly AccountNode[]): BaseRates {
  const ids = new Map<string, ValueRate>();
  const templates = new Map<string, number>();
  for (const node of nodes) {
    for (const [key, c] of rateContributions(node)) addToRate(ids, key, c);
    for (const key of node.templates.keys()) templates.set(key, (templates.get(key) ?? 0) + 1);
  }
  return { ids, templates, population: nodes.length };
}

/**
 * Nodes must already be in their final order (sorted by account id). Base rates default to the
 * nodes' own; a part of the window's accounts is prepared with the whole window's `rates`.
 */
export function prepareGraph(
  nodes: readonly AccountNode[],
  window?: { from: number; to: number },
  rates: BaseRates = baseRates(nodes),
): PreparedGraph {
  const normal = new Float64Array(nodes.length);
  const ipCount = new Int32Array(nodes.length);
  const mix = new Float64Array(nodes.length * 4);
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  nodes.forEach((node, i) => {
    normal[i] = normality(node);
    ipCount[i] = idsPerKind(node).get(ID_CODES.ip) ?? 0;
    const n = Math.max(1, node.n);
    mix[i * 4] = node.labels.benign / n;
    mix[i * 4 + 1] = node.labels.reasoning_trace_extraction / n;
    mix[i * 4 + 2] = node.labels.rubric_grading / n;
    mix[i * 4 + 3] = node.labels.censorship_rewrite / n;
    for (const s of node.slots.keys()) {
      if (s < lo) lo = s;
      if (s > hi) hi = s;
    }
  });
  const firstSlot =
    window !== undefined
      ? Math.floor(window.from / SLOT_MS)
      : Number.isFinite(lo)
        ? Math.floor(lo / SLOTS_PER_HOUR) * SLOTS_PER_HOUR
        : 0;
  const lastSlot = window !== undefined ? Math.ceil(window.to / SLOT_MS) - 1 : Number.isFinite(hi) ? hi : 0;
  const slots5 = Math.max(1, lastSlot - firstSlot + 1);
  const slots60 = Math.max(1, Math.ceil(slots5 / SLOTS_PER_HOUR));
  return {
    ...rates,
    nodes,
    size: nodes.length,
    sketch: nodes.map(sketchOf),
    normal,
    ipCount,
    mix,
    firstSlot,
    slots5,
    slots60,
    act5: nodes.map((node) => bitset(node.slots.keys(), firstSlot, slots5, 1)),
    act60: nodes.map((node) => bitset(node.slots.keys(), firstSlot, slots60, SLOTS_PER_HOUR)),
    sync: prepareGatewaySync(nodes, firstSlot, rates.syncStats?.releasedModels),
    templateSync: prepareTemplateSync(nodes, rates.syncStats?.templateCredit),
  };
}

/** How rare a value shared by `accounts` of `population` accounts is, in [0, 1] (1: only two accounts). */
export function rarity(accounts: number, population: number): number {
  if (population <= 2) return 1;
  return Math.max(0, Math.min(1, Math.log(population / Math.max(2, accounts)) / Math.log(population / 2)));
}
