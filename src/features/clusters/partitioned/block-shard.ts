/**
 * Second step of a partitioned pass, job `index`: (1) for partition `index`, the base rates of its
 * identifier values, each summed over its accounts in the pass's order (as the single pass sums
 * them, so the floating-point results are the same); (2) for shard `index`, each account's
 * blocking keys (`blockingKeys`, with the window's counts and sync statistics), sent to the partition of each key
 * (the shuffle), and MinHash band keys counted, so the scoring step knows every block's size.
 */
import { blockingKeys } from '../candidates.js';
import { addToRate, prepareGraph, type ValueRate } from '../prepared-graph.js';
import type { Contribution } from './map-shard.js';
import {
  decodeNode,
  encodeRate,
  idField,
  keysOf,
  readCounts,
  syncStats,
  templateField,
  type RunContext,
} from './run-data.js';
import { addCounts, partitionOf, writeHash, writeJson } from './run-store.js';

/** Blocking keys that are MinHash bands of activity slots (their block size is known only once every shard has sent its keys). */
export const isBandKey = (key: string): boolean => key[0] === 'h' || key[0] === 'm';

async function partitionRates(ctx: RunContext, index: number): Promise<number> {
  const keys = keysOf(ctx);
  const raws = await ctx.redis.mget(...Array.from({ length: ctx.shards }, (_, s) => keys.contributions(index, s)));
  const all: Contribution[] = [];
  for (const raw of raws) if (raw !== null) for (const c of JSON.parse(raw) as Contribution[]) all.push(c);
  all.sort((x, y) => (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0));
  const rates = new Map<string, ValueRate>();
  for (const [key, , normal, requests, rotating, sharerRequests, sharerAttack] of all)
    addToRate(rates, key, { normal, requests, rotating, sharerRequests, sharerAttack });
  await writeHash(
    ctx.redis,
    keys.rates(index),
    [...rates].map(([k, r]) => [k, encodeRate(r)]),
  );
  return rates.size;
}

async function shardBlocks(ctx: RunContext, index: number, population: number): Promise<number> {
  const keys = keysOf(ctx);
  const nodes = Object.values(await ctx.redis.hgetall(keys.nodes(index)))
    .map(decodeNode)
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const fields: string[] = [];
  for (const node of nodes) {
    for (const key of node.ids.keys()) fields.push(idField(key));
    for (const key of node.templates.keys()) fields.push(templateField(key));
  }
  const counts = await readCounts(ctx, fields);
  // Blocking reads only how many accounts use each key.
  const ids = new Map<string, ValueRate>();
  const templates = new Map<string, number>();
  for (const [f, n] of counts) {
    if (f[0] === 't') templates.set(f.slice(2), n);
    else ids.set(f.slice(2), { accounts: n, normal: 0, requests: 0, rotating: 0, sharerRequests: 0, sharerAttack: 0 });
  }
  const g = prepareGraph(nodes, ctx.window, { ids, templates, population, syncStats: await syncStats(ctx) });
  const members: [string, string][][] = Array.from({ length: ctx.shards }, () => []);
  const bands = Array.from({ length: ctx.shards }, () => new Map<string, number>());
  const lists: [string, string][] = [];
  let memberships = 0;
  nodes.forEach((node, i) => {
    const list = blockingKeys(g, i, ctx.params);
    lists.push([node.id, JSON.stringify(list)]);
    for (const key of list) {
      const q = partitionOf(key, ctx.shards);
      members[q]!.push([key, node.id]);
      if (isBandKey(key)) bands[q]!.set(key, (bands[q]!.get(key) ?? 0) + 1);
    }
    memberships += list.length;
  });
  await writeHash(ctx.redis, keys.keys(index), lists);
  await Promise.all(members.map((list, q) => writeJson(ctx.redis, keys.members(q, index), list)));
  await addCounts(ctx.redis, new Map(bands.map((m, q) => [keys.counts(q), m])));
  return memberships;
}

export async function blockShard(
  ctx: RunContext,
  index: number,
  population: number,
): Promise<{ rates: number; memberships: number }> {
  const rates = await partitionRates(ctx, index);
  const memberships = await shardBlocks(ctx, index, population);
  return { rates, memberships };
}
