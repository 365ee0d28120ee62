/**
 * Map, first step of a partitioned pass, for one shard of accounts: reads the shard's account
 * nodes for the window from the graph state, attaches each one's own risk, stores the nodes for
 * the later steps, and sends each identifier value's and template key's share of the base rates
 * to the partition of its key (accounts per key are counted at once; identifier rates, which sum
 * fractions, are summed in the pass's account order by the partition), and its part of the sync
 * statistics (template cells counted, models' first slots).
 */
import { attachRisk } from '../cluster-job.js';
import { rateContributions } from '../prepared-graph.js';
import {
  encodeNode,
  encodeSyncPart,
  idField,
  keysOf,
  scoringNode,
  templateField,
  type RunContext,
} from './run-data.js';
import { addCounts, graphShardsOf, partitionOf, RUN_TTL_MS, writeHash, writeJson } from './run-store.js';

/** One account's share of an identifier value's rate: [key, account id, normal, requests, rotating, sharer requests, sharer attack]. */
export type Contribution = [string, string, number, number, number, number, number];

export async function mapShard(ctx: RunContext, index: number): Promise<{ accounts: number }> {
  const keys = keysOf(ctx);
  const read = await ctx.graph.readNodes(ctx.window.from, ctx.window.to, graphShardsOf(index, ctx.shards));
  await attachRisk(ctx.redis, ctx.prefix, read.nodes, read.hashes);
  const nodes = read.nodes.filter((n) => n.n > 0);
  await writeHash(
    ctx.redis,
    keys.nodes(index),
    nodes.map((n) => [n.id, encodeNode(n)]),
  );
  await writeHash(
    ctx.redis,
    keys.scoring(index),
    nodes.map((n) => [n.id, encodeNode(scoringNode(n))]),
  );
  const contributions: Contribution[][] = Array.from({ length: ctx.shards }, () => []);
  const counts = Array.from({ length: ctx.shards }, () => new Map<string, number>());
  const count = (field: string) => {
    const m = counts[partitionOf(field, ctx.shards)]!;
    m.set(field, (m.get(field) ?? 0) + 1);
  };
  for (const node of nodes) {
    for (const [key, c] of rateContributions(node)) {
      const field = idField(key);
      contributions[partitionOf(field, ctx.shards)]!.push([
        key,
        node.id,
        c.normal,
        c.requests,
        c.rotating,
        c.sharerRequests,
        c.sharerAttack,
      ]);
      count(field);
    }
    for (const key of node.templates.keys()) count(templateField(key));
  }
  await Promise.all(contributions.map((list, q) => writeJson(ctx.redis, keys.contributions(q, index), list)));
  await ctx.redis.set(keys.syncPart(index), encodeSyncPart(nodes), 'PX', RUN_TTL_MS);
  await addCounts(ctx.redis, new Map(counts.map((m, q) => [keys.counts(q), m])));
  return { accounts: nodes.length };
}
