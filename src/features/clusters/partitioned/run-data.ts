/**
 * What the jobs of a partitioned pass share: the run's context, account nodes as stored between
 * jobs (JSON, map entries in their order, so a node reads back exactly as it was read from the
 * graph state), and the window's base rates for the nodes a job holds.
 */
import type { Redis } from 'ioredis';
import type { AccountNode } from '../account-node.js';
import type { ClusterGraphStore } from '../graph-store.js';
import type { ClusterParams } from '../params.js';
import { addModelFirstSlots, modelFirstSlots, releasedAfter } from '../gateway-sync.js';
import { SLOT_MS } from '../graph-fields.js';
import { addCellCounts, countCells, creditOf, type CellCounts } from '../template-sync.js';
import {
  prepareGraph,
  sketchTemplates,
  type BaseRates,
  type SyncStats,
  type PreparedGraph,
  type ValueRate,
} from '../prepared-graph.js';
import { fieldsByHash, readHashFields } from '../../../redis/hash-fields.js';
import { getMany } from '../../../redis/slot-pipeline.js';
import { partitionOf, runKeys, shardOfAccount, writeJson, type RunKeys } from './run-store.js';

export interface RunContext {
  redis: Redis;
  prefix: string;
  graph: ClusterGraphStore;
  params: ClusterParams;
  /** The run's id (its keys' hash tags). */
  run: string;
  /** Shards of accounts, and partitions of blocking keys. */
  shards: number;
  /** The analysis window. */
  window: { from: number; to: number };
}

export const keysOf = (ctx: RunContext): RunKeys => runKeys(ctx.prefix, ctx.run);

/** Identifier keys are partitioned as their blocking keys are (`i:<kind>:<hash>`), template keys likewise (`t:…`). */
export const idField = (key: string) => `i:${key}`;
export const templateField = (key: string) => `t:${key}`;

export function encodeNode(n: AccountNode): string {
  return JSON.stringify([
    n.id,
    n.n,
    n.labels,
    [...n.ids],
    [...n.templates],
    [...n.slots],
    n.risk,
    [...n.timedTemplates],
    n.created,
    [...n.modelFirst],
    [...n.signup],
  ]);
}

export function decodeNode(raw: string): AccountNode {
  const [id, n, labels, ids, templates, slots, risk, timedTemplates, created, modelFirst, signup] = JSON.parse(raw) as [
    string,
    number,
    AccountNode['labels'],
    [string, number][],
    [string, number][],
    [number, number][],
    number,
    [string, number][],
    number | null,
    [string, number][],
    [string, number][],
  ];
  return {
    id,
    n,
    labels,
    ids: new Map(ids),
    templates: new Map(templates),
    slots: new Map(slots),
    risk,
    timedTemplates: new Map(timedTemplates),
    created,
    modelFirst: new Map(modelFirst),
    signup: new Map(signup),
  };
}

type SyncPart = [
  cells: [string, number][],
  keys: [string, number][],
  hours: [number, number][],
  accounts: number,
  modelFirst: [string, number][],
];

/** One shard's part of the sync statistics (its accounts' template cells counted, its models' first slots), as the map step stores it. */
export function encodeSyncPart(nodes: readonly AccountNode[]): string {
  const c = countCells(nodes);
  const part: SyncPart = [[...c.cells], [...c.keys], [...c.hours], c.accounts, [...modelFirstSlots(nodes)]];
  return JSON.stringify(part);
}

/**
 * The window's sync statistics (template-sync credit, released models) over every account of the
 * run: the shards' parts added up (counts sum, first slots take the minimum), so no job holds
 * every account's node. Computed by the first job that needs them and kept under the run's keys
 * (every job computes the same value from the same parts, so a race only repeats the work).
 */
export async function syncStats(ctx: RunContext): Promise<SyncStats> {
  const keys = keysOf(ctx);
  const raw = await ctx.redis.get(keys.sync());
  if (raw !== null) {
    const [credit, released] = JSON.parse(raw) as [[string, number][], string[]];
    return { templateCredit: new Map(credit), releasedModels: new Set(released) };
  }
  const cells: CellCounts = { cells: new Map(), keys: new Map(), hours: new Map(), accounts: 0 };
  const first = new Map<string, number>();
  const parts = await getMany(
    ctx.redis,
    Array.from({ length: ctx.shards }, (_, k) => keys.syncPart(k)),
  );
  for (const [k, part] of parts.entries()) {
    if (part === null) throw new Error(`partitioned cluster pass ${ctx.run}: shard ${k} has no sync statistics`);
    const [c, tk, h, accounts, models] = JSON.parse(part) as SyncPart;
    addCellCounts(cells, { cells: new Map(c), keys: new Map(tk), hours: new Map(h), accounts });
    addModelFirstSlots(first, new Map(models));
  }
  const stats: SyncStats = {
    templateCredit: creditOf(cells),
    releasedModels: releasedAfter(first, Math.floor(ctx.window.from / SLOT_MS)),
  };
  await writeJson(ctx.redis, keys.sync(), [[...stats.templateCredit], [...stats.releasedModels]]);
  return stats;
}

const byId = (a: AccountNode, b: AccountNode) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The node as pair scoring reads it: its template keys cut to its sketch (the SKETCH_KEYS most
 * frequent, which is all `scorePair` compares), so it prepares to the same vertex as the whole node.
 */
export const scoringNode = (n: AccountNode): AccountNode => ({ ...n, templates: sketchTemplates(n) });

/** The stored nodes of some accounts (whole, or as scoring reads them), in the pass's order (by account id). */
export async function readNodes(
  ctx: RunContext,
  accountIds: Iterable<string>,
  as: 'nodes' | 'scoring' = 'nodes',
): Promise<AccountNode[]> {
  const keys = keysOf(ctx);
  const raw = await readHashFields(
    ctx.redis,
    fieldsByHash(
      accountIds,
      (id) => keys[as](shardOfAccount(id, ctx.shards)),
      (id) => id,
    ),
  );
  return [...raw.values()].map(decodeNode).sort(byId);
}

/** Accounts per key from the partitions' counts (identifier and template keys, MinHash bands). */
export async function readCounts(ctx: RunContext, fields: Iterable<string>): Promise<Map<string, number>> {
  const keys = keysOf(ctx);
  const raw = await readHashFields(
    ctx.redis,
    fieldsByHash(
      new Set(fields),
      (f) => keys.counts(partitionOf(f, ctx.shards)),
      (f) => f,
    ),
  );
  return new Map([...raw].map(([f, v]) => [f, Number(v)]));
}

export const encodeRate = (r: ValueRate): string =>
  JSON.stringify([r.accounts, r.normal, r.requests, r.rotating, r.sharerRequests, r.sharerAttack]);

function decodeRate(raw: string): ValueRate {
  const [accounts, normal, requests, rotating, sharerRequests, sharerAttack] = JSON.parse(raw) as number[];
  return {
    accounts: accounts!,
    normal: normal!,
    requests: requests!,
    rotating: rotating!,
    sharerRequests: sharerRequests!,
    sharerAttack: sharerAttack!,
  };
}

/**
 * The nodes (in the pass's order) prepared with the window's base rates: every identifier value
 * they use, and the template keys `templateKeys` picks of each (the scored sketch, or all of them
 * for evidence).
 */
export async function prepareWithRates(
  ctx: RunContext,
  nodes: readonly AccountNode[],
  population: number,
  templateKeys: (node: AccountNode) => Iterable<string>,
): Promise<PreparedGraph> {
  const keys = keysOf(ctx);
  const idKeys = new Set<string>();
  const tKeys = new Set<string>();
  for (const node of nodes) {
    for (const key of node.ids.keys()) idKeys.add(key);
    for (const key of templateKeys(node)) tKeys.add(key);
  }
  const [rates, counts, sync] = await Promise.all([
    readHashFields(
      ctx.redis,
      fieldsByHash(
        idKeys,
        (k) => keys.rates(partitionOf(idField(k), ctx.shards)),
        (k) => k,
      ),
    ),
    readCounts(ctx, [...tKeys].map(templateField)),
    syncStats(ctx),
  ]);
  const base: BaseRates = {
    ids: new Map([...rates].map(([k, v]) => [k, decodeRate(v)])),
    templates: new Map([...counts].map(([f, n]) => [f.slice(2), n])),
    population,
    syncStats: sync,
  };
  return prepareGraph(nodes, ctx.window, base);
}
