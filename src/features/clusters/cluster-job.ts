/**
 * The cluster job's work: rebuild account nodes for the recent window from the graph state,
 * attach each account's own risk from its stored verdict, run the pass, replace the stored
 * result, and report which accounts need a recompute (joined, left, or their cluster's score moved).
 */
import type { Redis } from 'ioredis';
import { keySpace } from '../aggregate/redis-keys.js';
import { HOUR_MS } from '../aggregate/summary.js';
import type { AccountNode } from './account-node.js';
import { runClusterPass } from './cluster-pass.js';
import type { ClusterStore } from './cluster-store.js';
import type { ClusterGraphStore } from './graph-store.js';
import type { ClusterParams } from './params.js';
import { getMany } from '../../redis/slot-pipeline.js';

export interface ClusterJobDeps {
  redis: Redis;
  prefix: string;
  graph: ClusterGraphStore;
  clusters: ClusterStore;
  now: () => number;
  /** Analysis window ending now. */
  windowHours: number;
  params?: Partial<ClusterParams>;
}

export interface ClusterJobResult {
  accounts: number;
  clusters: number;
  attackClusters: number;
  changed: string[];
  ms: number;
  stages: Record<string, number>;
}

/** Own likelihood per node from the stored verdicts (`own_likelihood` for cluster members, so a cluster never feeds itself). */
async function attachRisk(
  redis: Redis,
  prefix: string,
  nodes: AccountNode[],
  hashes: ReadonlyMap<string, string>,
): Promise<void> {
  const keys = keySpace(prefix);
  for (let i = 0; i < nodes.length; i += 1000) {
    const page = nodes.slice(i, i + 1000);
    const raws = await getMany(
      redis,
      page.map((n) => keys.account(hashes.get(n.id)!).state),
    );
    page.forEach((node, k) => {
      const raw = raws[k];
      if (raw === null || raw === undefined) return;
      const v = JSON.parse(raw) as { likelihood?: unknown; own_likelihood?: unknown };
      const risk =
        typeof v.own_likelihood === 'number' ? v.own_likelihood : typeof v.likelihood === 'number' ? v.likelihood : 0;
      node.risk = Math.min(1, Math.max(0, risk));
    });
  }
}

export async function runClusterJob(deps: ClusterJobDeps): Promise<ClusterJobResult> {
  const started = performance.now();
  const now = deps.now();
  const from = now - deps.windowHours * HOUR_MS;
  const read = await deps.graph.readWindow(from, now);
  const readMs = Math.round(performance.now() - started);
  await attachRisk(deps.redis, deps.prefix, read.nodes, read.hashes);
  const result = runClusterPass(read.nodes, {
    values: read.values,
    window: { from, to: now },
    ...(deps.params ? { params: deps.params } : {}),
  });
  const ms = Math.round(performance.now() - started);
  const changed = await deps.clusters.replace(result.clusters, {
    generatedAt: new Date(now).toISOString(),
    accounts: result.stats.accounts,
    ms,
  });
  const attackScore = deps.params?.attackScore ?? 0.6;
  return {
    accounts: result.stats.accounts,
    clusters: result.clusters.length,
    attackClusters: result.clusters.filter((c) => c.score >= attackScore).length,
    changed,
    ms,
    stages: { read: readMs, ...result.stats.ms },
  };
}
