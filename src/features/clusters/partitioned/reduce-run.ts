/**
 * Last step of a partitioned pass: the kept edges of every partition, in the single pass's pair
 * order, grouped and scored by the single pass's own code (`groupClusters`) over the accounts
 * that have an edge (with the window's base rates); then the run's keys are deleted. Accounts
 * without an edge form no cluster, so holding only the others changes nothing.
 */
import type { Cluster } from '../../../contracts/clusters.js';
import { groupClusters } from '../cluster-pass.js';
import type { Edge } from '../edges.js';
import { keysOf, prepareWithRates, readNodes, type RunContext } from './run-data.js';
import { slotPipeline } from '../../../redis/slot-pipeline.js';
import type { StoredEdge } from './score-partition.js';

export async function reduceRun(
  ctx: RunContext,
  population: number,
): Promise<{ clusters: Cluster[]; edges: number; vertices: number }> {
  const keys = keysOf(ctx);
  const stored: StoredEdge[] = [];
  for (let q = 0; q < ctx.shards; q++) {
    const raw = await ctx.redis.get(keys.edges(q));
    if (raw !== null) for (const e of JSON.parse(raw) as StoredEdge[]) stored.push(e);
  }
  const ids = new Set<string>();
  for (const [a, b] of stored) ids.add(a).add(b);
  const nodes = await readNodes(ctx, ids);
  const g = await prepareWithRates(ctx, nodes, population, (n) => n.templates.keys());
  const at = new Map(nodes.map((n, i) => [n.id, i]));
  const edges: Edge[] = stored
    .map(([a, b, weight, strong, identifiers, template, co5, co60, mix]) => ({
      a: at.get(a)!,
      b: at.get(b)!,
      weight,
      strong: strong === 1,
      identifiers,
      template,
      co5,
      co60,
      mix,
    }))
    .sort((x, y) => x.a - y.a || x.b - y.b);
  const values = await ctx.graph.readValues(ctx.window.from, ctx.window.to);
  const clusters = groupClusters(g, edges, ctx.params, values);
  return { clusters, edges: edges.length, vertices: nodes.length };
}

/** Deletes the run's intermediate keys. */
export async function deleteRun(ctx: RunContext): Promise<void> {
  const p = slotPipeline(ctx.redis);
  for (const key of keysOf(ctx).all(ctx.shards)) p.del(key);
  await p.exec();
}
