/**
 * Third step of a partitioned pass, for one partition of blocking keys: gathers each of its keys'
 * accounts from every shard (the blocks), takes the candidate pairs of blocks of 2…maxBlock
 * accounts, scores each pair once in the whole pass (in the partition of the smallest valid
 * blocking key the two accounts share) with the window's base rates, and stores the kept edges.
 */
import type { Redis } from 'ioredis';
import { scorePair } from '../edges.js';
import { isBandKey } from './block-shard.js';
import { keysOf, prepareWithRates, readCounts, readNodes, type RunContext } from './run-data.js';
import { fieldsByHash, readHashFields } from '../../../redis/hash-fields.js';
import { shardOfAccount, writeJson } from './run-store.js';

/** A kept edge between two accounts: [account a, account b (a < b), weight, strong (0/1), identifiers, template, co5, co60, mix]. */
export type StoredEdge = [string, string, number, 0 | 1, number, number, number, number, number, number, number];

async function readBlocks(redis: Redis, keys: readonly string[]): Promise<Map<string, string[]>> {
  const blocks = new Map<string, string[]>();
  for (const raw of await redis.mget(...keys)) {
    if (raw === null) continue;
    for (const [key, account] of JSON.parse(raw) as [string, string][]) {
      let list = blocks.get(key);
      if (list === undefined) blocks.set(key, (list = []));
      list.push(account);
    }
  }
  return blocks;
}

export async function scorePartition(
  ctx: RunContext,
  index: number,
  population: number,
): Promise<{ blocks: number; pairs: number; edges: number }> {
  const keys = keysOf(ctx);
  const max = ctx.params.maxBlock;
  const blocks = await readBlocks(
    ctx.redis,
    Array.from({ length: ctx.shards }, (_, s) => keys.members(index, s)),
  );
  const accounts = new Set<string>();
  for (const list of blocks.values()) if (list.length >= 2 && list.length <= max) for (const a of list) accounts.add(a);
  const lists = new Map<string, Set<string>>();
  for (const [id, raw] of await readHashFields(
    ctx.redis,
    fieldsByHash(
      accounts,
      (id) => keys.keys(shardOfAccount(id, ctx.shards)),
      (id) => id,
    ),
  ))
    lists.set(id, new Set(JSON.parse(raw) as string[]));
  const bandFields = new Set<string>();
  for (const list of lists.values()) for (const key of list) if (isBandKey(key)) bandFields.add(key);
  const bandCounts = await readCounts(ctx, bandFields);
  const valid = (key: string) => !isBandKey(key) || (bandCounts.get(key) ?? 0) <= max;
  /** The blocking key that owns a pair: the smallest one of the two accounts' keys whose block produced pairs. */
  const owner = (a: string, b: string): string | undefined => {
    const [x, y] = lists.get(a)!.size <= lists.get(b)!.size ? [a, b] : [b, a];
    const other = lists.get(y)!;
    let best: string | undefined;
    for (const key of lists.get(x)!) if (other.has(key) && valid(key) && (best === undefined || key < best)) best = key;
    return best;
  };
  const pairs: [string, string][] = [];
  for (const [key, list] of blocks) {
    if (list.length < 2 || list.length > max) continue;
    for (let x = 0; x < list.length; x++)
      for (let y = x + 1; y < list.length; y++) {
        const [a, b] = list[x]! < list[y]! ? [list[x]!, list[y]!] : [list[y]!, list[x]!];
        if (owner(a, b) === key) pairs.push([a, b]);
      }
  }
  const needed = new Set<string>();
  for (const [a, b] of pairs) needed.add(a).add(b);
  const nodes = await readNodes(ctx, needed, 'scoring');
  const g = await prepareWithRates(ctx, nodes, population, (n) => n.templates.keys());
  const at = new Map(nodes.map((n, i) => [n.id, i]));
  const edges: StoredEdge[] = [];
  for (const [a, b] of pairs) {
    const e = scorePair(g, at.get(a)!, at.get(b)!, ctx.params);
    if (e.weight >= ctx.params.minEdge || e.strong)
      edges.push([
        a,
        b,
        e.weight,
        e.strong ? 1 : 0,
        e.identifiers,
        e.template,
        e.co5,
        e.co60,
        e.sync,
        e.templateSync,
        e.mix,
      ]);
  }
  await writeJson(ctx.redis, keys.edges(index), edges);
  return { blocks: blocks.size, pairs: pairs.length, edges: edges.length };
}
