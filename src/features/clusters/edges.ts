/**
 * Edge weights between two accounts: shared identifiers weighted by how telling each value is,
 * template overlap weighted by how rare each template key is, co-activity above chance at two
 * slot sizes, all scaled by how alike the two label mixes are.
 */
import type { IdentifierKind } from '../../contracts/clusters.js';
import { KIND_OF_CODE, TEMPLATE_BANDS, isSkeletonKey } from './graph-fields.js';
import { gatewaySync, syncCoActivity } from './gateway-sync.js';
import { templateSync } from './template-sync.js';
import type { ClusterParams } from './params.js';
import { intersectCount, rarity, type ActivityBits, type PreparedGraph, type ValueRate } from './prepared-graph.js';

export interface Edge {
  a: number;
  b: number;
  weight: number;
  strong: boolean;
  identifiers: number;
  template: number;
  co5: number;
  co60: number;
  /** Coincidences on gateway facts (created together, switched to a new model together), each by closeness (gateway-sync.ts). */
  sync: number;
  /** The same templates in the same hours, above chance (template-sync.ts). */
  templateSync: number;
  mix: number;
}

/**
 * How much of a value's sharing looks legitimate, in [0, 1]. Legitimate groups share one card or
 * one org per account (a class, a company); a campaign's accounts each rotate several cards or
 * orgs from a common pool, and their pooled traffic carries attack labels. For payment
 * fingerprints and orgs, sharers that rotate, and sharing whose pooled traffic carries attack
 * labels, do not count as legitimate. IPs are left alone: VPN and CGNAT users rotate addresses
 * too, and an exit a campaign shares with them must not tie them to it.
 */
export function legitimateSharing(rate: ValueRate, kind: IdentifierKind, params: ClusterParams): number {
  if (kind !== 'payment_fingerprint' && kind !== 'org_id') return 1;
  const rotation = rate.accounts === 0 ? 0 : rate.rotating / rate.accounts;
  const pooled = rate.sharerRequests === 0 ? 0 : rate.sharerAttack / rate.sharerRequests;
  const [lo, hi] = params.attackCarrying;
  const carrying = Math.max(0, Math.min(1, (pooled - lo) / (hi - lo)));
  return (1 - rotation) * (1 - carrying);
}

/**
 * Weight of one shared identifier value for a pair: rarity × halving per other normal-looking
 * account sharing it legitimately (see legitimateSharing).
 */
export function identifierTelling(
  g: PreparedGraph,
  key: string,
  pairNormal: number,
  params: ClusterParams,
): { kind: IdentifierKind; weight: number } {
  const kind = KIND_OF_CODE[key.slice(0, key.indexOf(':'))] ?? 'ip';
  const rate = g.ids.get(key);
  if (rate === undefined) return { kind, weight: 0 };
  const others = Math.max(0, rate.normal - pairNormal) * legitimateSharing(rate, kind, params);
  return {
    kind,
    weight:
      params.identifierWeight[kind] *
      rarity(rate.accounts, g.population) *
      Math.pow(0.5, others / params.normalHalfLife),
  };
}

/** A sticky account (at most this many IPs) meeting a rotating one (at least this many) on one IP: chance, not a tie. */
const LONE_IP_STICKY = 2;
const LONE_IP_ROTATING = 10;
/** Two accounts that each rotate over at least this many IPs meet on one by chance in a large proxy pool. */
const LONE_IP_BOTH_ROTATING = 40;

/**
 * Identifier tie of a pair, summed over kinds. Within a kind, shared values combine by noisy-or
 * (many shared proxy IPs are not many independent proofs), except that two accounts paying with
 * the same two or more cards rotate over one pool: the kind counts fully. One shared IP and
 * nothing else between a sticky account (one or two IPs) and one rotating over many is flagged
 * (`loneIp`): the rotating account's proxy pool explains the overlap (residential exits are
 * reused by unrelated customers), so it needs behaviour to count fully; so is one shared IP
 * between two accounts that each rotate over dozens (a large commercial pool). Two accounts
 * rotating over a few IPs each that meet on one keep it: replacements of one campaign drawing
 * from its own small pool do.
 */
function identifierScore(
  g: PreparedGraph,
  i: number,
  j: number,
  params: ClusterParams,
): { total: number; loneIp: boolean } {
  const a = g.nodes[i]!;
  const b = g.nodes[j]!;
  const [small, large] = a.ids.size <= b.ids.size ? [a, b] : [b, a];
  const pairNormal = g.normal[i]! + g.normal[j]!;
  const miss: Record<string, number> = {};
  const shared: Record<string, number> = {};
  for (const key of small.ids.keys()) {
    if (!large.ids.has(key)) continue;
    const { kind, weight } = identifierTelling(g, key, pairNormal, params);
    const max = params.identifierWeight[kind];
    if (max <= 0 || weight <= 0) continue;
    miss[kind] = (miss[kind] ?? 1) * (1 - weight / max);
    shared[kind] = (shared[kind] ?? 0) + 1;
  }
  if ((shared.payment_fingerprint ?? 0) >= 2) miss.payment_fingerprint = 0;
  let total = 0;
  for (const [kind, m] of Object.entries(miss)) total += params.identifierWeight[kind as IdentifierKind] * (1 - m);
  const kinds = Object.keys(shared);
  const fewIps = Math.min(g.ipCount[i]!, g.ipCount[j]!);
  const manyIps = Math.max(g.ipCount[i]!, g.ipCount[j]!);
  return {
    total,
    loneIp:
      kinds.length === 1 &&
      kinds[0] === 'ip' &&
      shared.ip === 1 &&
      ((fewIps <= LONE_IP_STICKY && manyIps >= LONE_IP_ROTATING) || fewIps >= LONE_IP_BOTH_ROTATING),
  };
}

/** Telling weight of one template key: squared rarity, so keys most accounts use count for little. */
export function templateInfo(g: PreparedGraph, key: string): number {
  const r = rarity(g.templates.get(key) ?? g.population, g.population);
  return r * r;
}

/** A shared skeleton half (same head or tail, different slot) counts this much of a shared near-duplicate. */
const SKELETON_DISCOUNT = 0.8;

/**
 * Template overlap of two accounts: the share of their requests with the same SimHash bands
 * (near-duplicate prompts), or, discounted, with the same skeleton head or tail (one template,
 * different slot values), each key weighted by how rare it is.
 */
function templateScore(g: PreparedGraph, i: number, j: number): number {
  const a = g.sketch[i]!;
  const b = g.sketch[j]!;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let bands = 0;
  const halves = { h: 0, e: 0 };
  for (const [key, p] of small) {
    const q = large.get(key);
    if (q === undefined) continue;
    const s = Math.min(p, q) * templateInfo(g, key);
    if (isSkeletonKey(key)) halves[key[0] as 'h' | 'e'] += s;
    else bands += s;
  }
  return Math.max(bands / TEMPLATE_BANDS, SKELETON_DISCOUNT * Math.min(1, Math.max(halves.h, halves.e)));
}

/**
 * Co-activity above chance, in [0, 1]: the lift of the overlap over what two independent
 * accounts with the same numbers of active slots would show (an account active in most slots
 * overlaps everyone and gets lift ≈ 1), times a confidence that grows with the shared slots.
 * `fullLift` is the lift that counts as certain; lift 2 and below counts for nothing.
 */
export function coActivity(a: ActivityBits, b: ActivityBits, slots: number, fullLift: number): number {
  if (a.count < 2 || b.count < 2) return 0;
  const both = intersectCount(a.bits, b.bits);
  if (both < 3) return 0;
  const lift = (both * slots) / (a.count * b.count);
  if (lift <= 2) return 0;
  const strength = Math.min(1, Math.log(lift / 2) / Math.log(fullLift / 2));
  return strength * (1 - Math.exp(-(both - 2) / 4));
}

function mixSimilarity(g: PreparedGraph, i: number, j: number): number {
  let tv = 0;
  for (let k = 0; k < 4; k++) tv += Math.abs(g.mix[i * 4 + k]! - g.mix[j * 4 + k]!);
  return 1 - tv / 2;
}

/**
 * The co-activity an edge counts: 5-minute lift or the 1-hour lift at a discount, plus a little per
 * coincidence on gateway facts (gateway-sync.ts), which alone does not reach behaviour.
 */
const edgeCoActivity = (e: Pick<Edge, 'co5' | 'co60' | 'sync'>) =>
  Math.min(1, Math.max(e.co5, 0.8 * e.co60) + syncCoActivity(e.sync));

export function scorePair(g: PreparedGraph, i: number, j: number, params: ClusterParams): Edge {
  const mix = mixSimilarity(g, i, j);
  const ids = identifierScore(g, i, j, params);
  const co5 = coActivity(g.act5[i]!, g.act5[j]!, g.slots5, 12);
  const co60 = coActivity(g.act60[i]!, g.act60[j]!, g.slots60, 6);
  const sync = gatewaySync(g.sync, i, j);
  const tsync = templateSync(g.templateSync, i, j);
  // Templates used together in the same hours are content and timing at once.
  const template = Math.max(templateScore(g, i, j), SKELETON_DISCOUNT * tsync);
  const co = Math.max(edgeCoActivity({ co5, co60, sync }), tsync);
  const s = params.strong;
  const behaviour = template >= s.template / 2 || co >= s.coActivity;
  const identifiers = ids.loneIp && !behaviour ? ids.total / 2 : ids.total;
  const weight = mix * (Math.min(identifiers, 1.5) + params.templateWeight * template + params.coActivityWeight * co);
  const strong =
    mix >= s.mix &&
    ((identifiers >= s.identifiers && behaviour) ||
      identifiers >= s.identifiersAlone ||
      (template >= s.template && co >= s.coActivity) ||
      (template >= (2 * s.template) / 3 && co >= 2 * s.coActivity));
  return { a: i, b: j, weight, strong, identifiers, template, co5, co60, sync, templateSync: tsync, mix };
}

/**
 * Whether an edge shows coordination rather than one coincidence: an identifier at the level a
 * strong edge needs, or the same prompt templates used at the same times (each at the level that
 * counts as behaviour for a strong edge). Only such edges can merge two communities whole
 * (communities.ts): two groups active at the same hours, or two teams running the same public
 * harness at different times, stay apart.
 */
export function coordinatedTie(e: Edge, params: ClusterParams): boolean {
  const s = params.strong;
  return (
    e.identifiers >= s.identifiers ||
    (e.template >= s.template / 2 && Math.max(edgeCoActivity(e), e.templateSync) >= s.coActivity)
  );
}
