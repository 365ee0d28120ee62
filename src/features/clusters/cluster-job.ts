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
import { DEFAULT_CLUSTER_PARAMS, type ClusterParams } from './params.js';
import type { Cluster } from '../../contracts/clusters.js';
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
export async function attachRisk(
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
  return {
    ...(await storeClusters(deps, result.clusters, {
      accounts: result.stats.accounts,
      now,
      ms: Math.round(performance.now() - started),
    })),
    stages: { read: readMs, ...result.stats.ms },
  };
}

/** Replaces the stored result with a pass's clusters; the job's result without its stages. */
export async function storeClusters(
  deps: Pick<ClusterJobDeps, 'clusters' | 'params'>,
  clusters: readonly Cluster[],
  run: { accounts: number; now: number; ms: number },
): Promise<Omit<ClusterJobResult, 'stages'>> {
  const { ms } = run;
  const changed = await deps.clusters.replace(clusters, {
    generatedAt: new Date(run.now).toISOString(),
    accounts: run.accounts,
    ms,
  });
  const attackScore = deps.params?.attackScore ?? DEFAULT_CLUSTER_PARAMS.attackScore;
  return {
    accounts: run.accounts,
    clusters: clusters.length,
    attackClusters: clusters.filter((c) => c.score >= attackScore).length,
    changed,
    ms,
  };
}
