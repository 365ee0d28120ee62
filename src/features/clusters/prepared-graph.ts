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

export interface PreparedGraph {
  nodes: readonly AccountNode[];
  /** Accounts in the window. */
  size: number;
  ids: Map<string, ValueRate>;
  templates: Map<string, number>;
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

function sketchOf(node: AccountNode): Map<string, number> {
  const top = [...node.templates].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).slice(0, SKETCH_KEYS);
  return new Map(top.map(([key, c]) => [key, c / Math.max(1, node.n)]));
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

/** Nodes must already be in their final order (sorted by account id). */
export function prepareGraph(nodes: readonly AccountNode[], window?: { from: number; to: number }): PreparedGraph {
  const ids = new Map<string, ValueRate>();
  const templates = new Map<string, number>();
  const normal = new Float64Array(nodes.length);
  const ipCount = new Int32Array(nodes.length);
  const mix = new Float64Array(nodes.length * 4);
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  nodes.forEach((node, i) => {
    const nrm = normality(node);
    normal[i] = nrm;
    const attack = attackShare(node.labels, node.n) * node.n;
    const perKind = new Map<string, number>();
    for (const key of node.ids.keys()) {
      const code = key.slice(0, key.indexOf(':'));
      perKind.set(code, (perKind.get(code) ?? 0) + 1);
    }
    ipCount[i] = perKind.get(ID_CODES.ip) ?? 0;
    for (const [key, requests] of node.ids) {
      let r = ids.get(key);
      if (r === undefined)
        ids.set(key, (r = { accounts: 0, normal: 0, requests: 0, rotating: 0, sharerRequests: 0, sharerAttack: 0 }));
      r.accounts += 1;
      r.normal += nrm;
      r.requests += requests;
      if (perKind.get(key.slice(0, key.indexOf(':')))! >= 2) r.rotating += 1;
      r.sharerRequests += node.n;
      r.sharerAttack += attack;
    }
    for (const key of node.templates.keys()) templates.set(key, (templates.get(key) ?? 0) + 1);
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
    nodes,
    size: nodes.length,
    ids,
    templates,
    sketch: nodes.map(sketchOf),
    normal,
    ipCount,
    mix,
    firstSlot,
    slots5,
    slots60,
    act5: nodes.map((node) => bitset(node.slots.keys(), firstSlot, slots5, 1)),
    act60: nodes.map((node) => bitset(node.slots.keys(), firstSlot, slots60, SLOTS_PER_HOUR)),
    sync: prepareGatewaySync(nodes, firstSlot),
    templateSync: prepareTemplateSync(nodes),
  };
}

/** How rare a value shared by `accounts` of `population` accounts is, in [0, 1] (1: only two accounts). */
export function rarity(accounts: number, population: number): number {
  if (population <= 2) return 1;
  return Math.max(0, Math.min(1, Math.log(population / Math.max(2, accounts)) / Math.log(population / 2)));
}
