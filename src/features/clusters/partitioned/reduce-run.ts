/**
 * Last step of a partitioned pass: the kept edges of every partition, in the single pass's pair
 * order, grouped by the single pass's own code (`communityGroups`, over the accounts that have an
 * edge: the others form no cluster), then each community of two or more scored and explained
 * (`scoreCommunities`) from its members' whole nodes with the window's base rates. Only the
 * members' nodes and identifier values are read. Then the run's keys are deleted.
 */
import type { Cluster } from '../../../contracts/clusters.js';
import { accountHash } from '../../aggregate/redis-keys.js';
import { slotPipeline } from '../../../redis/slot-pipeline.js';
import { communityGroups, scoreCommunities } from '../cluster-pass.js';
import type { Edge } from '../edges.js';
import { graphShard } from '../graph-store.js';
import { keysOf, prepareWithRates, readNodes, type RunContext } from './run-data.js';
import type { StoredEdge } from './score-partition.js';

async function readEdges(ctx: RunContext): Promise<StoredEdge[]> {
  const keys = keysOf(ctx);
  const stored: StoredEdge[] = [];
  for (let q = 0; q < ctx.shards; q++) {
    const raw = await ctx.redis.get(keys.edges(q));
    if (raw !== null) for (const e of JSON.parse(raw) as StoredEdge[]) stored.push(e);
  }
  return stored;
}

export async function reduceRun(
  ctx: RunContext,
  population: number,
): Promise<{ clusters: Cluster[]; edges: number; members: number }> {
  const stored = await readEdges(ctx);
  const ids = [...new Set(stored.flatMap(([a, b]) => [a, b]))].sort();
  const at = new Map(ids.map((id, i) => [id, i]));
  const edges: Edge[] = stored
    .map(([a, b, weight, strong, identifiers, template, co5, co60, sync, templateSync, mix]) => ({
      a: at.get(a)!,
      b: at.get(b)!,
      weight,
      strong: strong === 1,
      identifiers,
      template,
      co5,
      co60,
      sync,
      templateSync,
      mix,
    }))
    .sort((x, y) => x.a - y.a || x.b - y.b);
  const groups = communityGroups(ids.length, edges, ctx.params);
  // The members, renumbered in the same order, are all the scoring needs.
  const members = groups.flatMap((c) => c.members).sort((x, y) => x - y);
  const renumber = new Map(members.map((v, i) => [v, i]));
  const nodes = await readNodes(
    ctx,
    members.map((v) => ids[v]!),
  );
  const g = await prepareWithRates(ctx, nodes, population, (n) => n.templates.keys());
  const wanted = new Map<string, string[]>();
  for (const node of nodes) {
    const shard = graphShard(accountHash(node.id));
    let list = wanted.get(shard);
    if (list === undefined) wanted.set(shard, (list = []));
    for (const key of node.ids.keys()) list.push(key.slice(key.indexOf(':') + 1));
  }
  const values = await ctx.graph.readValuesOf(ctx.window.from, ctx.window.to, wanted);
  const clusters = scoreCommunities(
    g,
    groups.map((c) => ({
      members: c.members.map((v) => renumber.get(v)!),
      inside: c.inside.map((e) => ({ ...e, a: renumber.get(e.a)!, b: renumber.get(e.b)! })),
    })),
    ctx.params,
    values,
  );
  return { clusters, edges: edges.length, members: members.length };
}

/** Deletes the run's intermediate keys. */
export async function deleteRun(ctx: RunContext): Promise<void> {
  const p = slotPipeline(ctx.redis);
  for (const key of keysOf(ctx).all(ctx.shards)) p.del(key);
  await p.exec();
}
