/**
 * What the optional gateway fields say about two accounts acting as one: accounts created
 * together (young accounts whose creation times fall within minutes of each other) and accounts
 * switching to a newly released model together (each had used another model before). Accounts
 * whose gateway sends neither field get nothing here, so they cluster exactly as without it.
 *
 * Each such coincidence is one event: after a release most active accounts switch within hours,
 * and a class or a team signs up in the same hour, so one shared switch hour is what unrelated
 * accounts show by chance. The pass counts the coincidences a pair shares (`gatewaySync`) and
 * adds a small co-activity per coincidence (`syncCoActivity`): a pair tied only by one shared
 * switch hour stays apart, and acting in sync corroborates the other evidence of a campaign.
 */
import type { AccountNode } from './account-node.js';
import { SLOT_MS } from './graph-fields.js';

const DAY_SLOTS = 86_400_000 / SLOT_MS;
/** An account counts as young when its first request in the window comes at most this long after its creation. */
export const YOUNG_SLOTS = 14 * DAY_SLOTS;
/** A model counts as newly released when nobody in the window used it in its first hours. */
const RELEASED_AFTER_SLOTS = 12;
/** Creation times or switches this close count fully; twice as far apart, not at all. */
const SYNC_SLOTS = 6;
/** Blocking buckets: one hour. */
export const SYNC_BUCKET_SLOTS = 12;

export interface GatewaySync {
  /** Creation slot of a young account, else -1. */
  created: Float64Array;
  /** Per account: newly released model → the slot the account switched to it. */
  switches: Map<string, number>[];
}

/** Each model's first slot of use among some accounts; the minimum over disjoint sets of accounts is their union's. */
export function modelFirstSlots(nodes: readonly AccountNode[]): Map<string, number> {
  const first = new Map<string, number>();
  for (const node of nodes) addModelFirstSlots(first, node.modelFirst);
  return first;
}

/** Takes the earlier first slot of each model of `from` into `into`. */
export function addModelFirstSlots(into: Map<string, number>, from: ReadonlyMap<string, number>): void {
  for (const [model, slot] of from) into.set(model, Math.min(slot, into.get(model) ?? Number.POSITIVE_INFINITY));
}

/** Models first used after the window's start, from every account's first slots (`modelFirstSlots`). */
export const releasedAfter = (first: ReadonlyMap<string, number>, firstSlot: number): Set<string> =>
  new Set([...first].filter(([, slot]) => slot >= firstSlot + RELEASED_AFTER_SLOTS).map(([m]) => m));

/** Models the window's accounts first used after its start: a statistic of every account in the window. */
export const releasedModels = (nodes: readonly AccountNode[], firstSlot: number): Set<string> =>
  releasedAfter(modelFirstSlots(nodes), firstSlot);

/** `released` is the whole window's (a part of the accounts is prepared with it). */
export function prepareGatewaySync(
  nodes: readonly AccountNode[],
  firstSlot: number,
  released: ReadonlySet<string> = releasedModels(nodes, firstSlot),
): GatewaySync {
  const created = new Float64Array(nodes.length).fill(-1);
  nodes.forEach((node, i) => {
    let firstActive = Number.POSITIVE_INFINITY;
    for (const s of node.slots.keys()) if (s < firstActive) firstActive = s;
    if (node.created !== null && firstActive - node.created <= YOUNG_SLOTS) created[i] = node.created;
  });
  const switches = nodes.map((node) => {
    const out = new Map<string, number>();
    if (node.modelFirst.size < 2) return out;
    const earliest = Math.min(...node.modelFirst.values());
    for (const [model, slot] of node.modelFirst) if (released.has(model) && slot > earliest) out.set(model, slot);
    return out;
  });
  return { created, switches };
}

/** Blocking keys of one account: its creation hour (young accounts) and each switch hour. */
export function syncBlockingKeys(s: GatewaySync, i: number): string[] {
  const out: string[] = [];
  const c = s.created[i]!;
  if (c >= 0)
    out.push(
      `c:${Math.floor(c / SYNC_BUCKET_SLOTS)}`,
      `c:${Math.floor((c + SYNC_BUCKET_SLOTS / 2) / SYNC_BUCKET_SLOTS)}h`,
    );
  for (const [model, slot] of s.switches[i]!)
    out.push(
      `w:${model}:${Math.floor(slot / SYNC_BUCKET_SLOTS)}`,
      `w:${model}:${Math.floor((slot + SYNC_BUCKET_SLOTS / 2) / SYNC_BUCKET_SLOTS)}h`,
    );
  return out;
}

const closeness = (a: number, b: number) => Math.max(0, Math.min(1, 2 - Math.abs(a - b) / SYNC_SLOTS));

/** Co-activity one shared coincidence adds: below what counts as behaviour on its own (params `strong.coActivity`). */
export const SYNC_EVENT_CO_ACTIVITY = 0.2;

/**
 * How many coincidences two accounts share, each by its closeness in [0, 1]: created together, and
 * one per newly released model both switched to together.
 */
export function gatewaySync(s: GatewaySync, i: number, j: number): number {
  let events = 0;
  const a = s.created[i]!;
  const b = s.created[j]!;
  if (a >= 0 && b >= 0) events += closeness(a, b);
  const si = s.switches[i]!;
  const sj = s.switches[j]!;
  if (si.size > 0 && sj.size > 0)
    for (const [model, slot] of si) {
      const other = sj.get(model);
      if (other !== undefined) events += closeness(slot, other);
    }
  return events;
}

/** The co-activity a pair's shared coincidences (`gatewaySync`) add to its other co-activity. */
export const syncCoActivity = (events: number): number => SYNC_EVENT_CO_ACTIVITY * events;
