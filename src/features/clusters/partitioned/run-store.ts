/**
 * Where one partitioned cluster pass keeps its intermediate data, by shard (accounts) and by
 * partition (blocking keys). Each shard's and each partition's keys share one hash tag
 * `{run:k}`, so they may be read together on Redis Cluster and spread over its masters:
 *
 *   p:cgp:{run:k}:nodes         hash: account id → account node of shard k (JSON)
 *   p:cgp:{run:k}:scoring       hash: account id → the node as pair scoring reads it (template keys cut to its sketch)
 *   p:cgp:{run:k}:keys          hash: account id → blocking keys of the account (shard k)
 *   p:cgp:{run:k}:counts        hash: key → accounts using it (identifier and template keys; MinHash bands)
 *   p:cgp:{run:k}:contrib:s     string: shard s's base-rate contributions to partition k's identifier keys
 *   p:cgp:{run:k}:rates         hash: identifier key → base rate (partition k)
 *   p:cgp:{run:k}:members:s     string: shard s's blocking keys of partition k with their accounts
 *   p:cgp:{run:k}:edges         string: kept edges of the pairs partition k scored
 *   p:cgp:{run:k}:syncpart      string: shard k's part of the sync statistics (template cells counted, models' first slots)
 *   p:cgp:{run:0}:sync          string: the window's sync statistics (template-sync credit, released models)
 *
 * Every key expires after RUN_TTL_MS; the reduce deletes them when it is done.
 */
import type { Redis } from 'ioredis';
import { accountHash } from '../../aggregate/redis-keys.js';
import { hashTag } from '../../../redis/key-slot.js';
import { slotPipeline } from '../../../redis/slot-pipeline.js';
import { GRAPH_SHARDS, graphShard } from '../graph-store.js';

export const RUN_TTL_MS = 3_600_000;
/** Partitions (and shards) of a pass: at most one per graph shard. */
export const MAX_SHARDS = GRAPH_SHARDS.length;

export interface RunKeys {
  nodes(shard: number): string;
  scoring(shard: number): string;
  keys(shard: number): string;
  counts(partition: number): string;
  contributions(partition: number, shard: number): string;
  rates(partition: number): string;
  members(partition: number, shard: number): string;
  edges(partition: number): string;
  syncPart(shard: number): string;
  sync(): string;
  /** Every key of the run. */
  all(shards: number): string[];
}

export function runKeys(prefix: string, run: string): RunKeys {
  const at = (k: number, what: string) => `${prefix}:cgp:${hashTag(`${run}:${k}`)}:${what}`;
  const keys: RunKeys = {
    nodes: (k) => at(k, 'nodes'),
    scoring: (k) => at(k, 'scoring'),
    keys: (k) => at(k, 'keys'),
    counts: (k) => at(k, 'counts'),
    contributions: (k, s) => at(k, `contrib:${s}`),
    rates: (k) => at(k, 'rates'),
    members: (k, s) => at(k, `members:${s}`),
    edges: (k) => at(k, 'edges'),
    syncPart: (k) => at(k, 'syncpart'),
    sync: () => at(0, 'sync'),
    all(shards) {
      const out: string[] = [keys.sync()];
      for (let k = 0; k < shards; k++) {
        out.push(
          keys.nodes(k),
          keys.scoring(k),
          keys.keys(k),
          keys.counts(k),
          keys.rates(k),
          keys.edges(k),
          keys.syncPart(k),
        );
        for (let s = 0; s < shards; s++) out.push(keys.contributions(k, s), keys.members(k, s));
      }
      return out;
    },
  };
  return keys;
}

/** The partition of a blocking key (FNV-1a). */
export function partitionOf(key: string, partitions: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0) % partitions;
}

/** The graph shards (first hex digit of the account hash) that shard `index` of `shards` reads. */
export const graphShardsOf = (index: number, shards: number): string[] =>
  GRAPH_SHARDS.filter((_, g) => g % shards === index);

/** The shard that holds an account. */
export const shardOfAccount = (accountId: string, shards: number): number =>
  GRAPH_SHARDS.indexOf(graphShard(accountHash(accountId))) % shards;

export async function writeJson(redis: Redis, key: string, value: unknown): Promise<void> {
  await redis.set(key, JSON.stringify(value), 'PX', RUN_TTL_MS);
}

/** Fields of one hash, written in pages, with the run's expiry. */
export async function writeHash(
  redis: Redis,
  key: string,
  entries: readonly [string, string | number][],
): Promise<void> {
  if (entries.length === 0) return;
  const p = redis.pipeline();
  for (let i = 0; i < entries.length; i += 1000) p.hset(key, ...entries.slice(i, i + 1000).flat());
  p.pexpire(key, RUN_TTL_MS);
  for (const [err] of (await p.exec()) ?? []) if (err) throw err;
}

/** Adds counts to hash fields (one hash per partition), with the run's expiry. */
export async function addCounts(redis: Redis, byKey: ReadonlyMap<string, ReadonlyMap<string, number>>): Promise<void> {
  const p = slotPipeline(redis);
  for (const [key, counts] of byKey) {
    if (counts.size === 0) continue;
    for (const [field, n] of counts) p.hincrby(key, field, n);
    p.pexpire(key, RUN_TTL_MS);
  }
  for (const [err] of (await p.exec()) ?? []) if (err) throw err;
}
