/**
 * The cluster job cut into steps that any worker may run (docs/clusters.md, "Partitioned pass"):
 * map per shard of accounts → base rates and blocking keys → scoring per partition of blocking
 * keys → reduce, which replaces the stored result as the single pass does. The same graph state
 * gives the same clusters as `runClusterJob`.
 */
import type { Redis } from 'ioredis';
import { storeClusters, type ClusterJobResult } from '../cluster-job.js';
import type { ClusterStore } from '../cluster-store.js';
import type { ClusterGraphStore } from '../graph-store.js';
import { DEFAULT_CLUSTER_PARAMS, type ClusterParams } from '../params.js';
import { blockShard } from './block-shard.js';
import { mapShard } from './map-shard.js';
import { deleteRun, reduceRun } from './reduce-run.js';
import type { RunContext } from './run-data.js';
import { scorePartition } from './score-partition.js';

export interface PartitionedDeps {
  redis: Redis;
  prefix: string;
  graph: ClusterGraphStore;
  clusters: ClusterStore;
  params?: Partial<ClusterParams>;
}

/** One partitioned pass: its id, its shard count and its window (the pass's `now`). */
export interface PartitionedRun {
  run: string;
  shards: number;
  from: number;
  to: number;
}

export const runContext = (deps: PartitionedDeps, r: PartitionedRun): RunContext => ({
  redis: deps.redis,
  prefix: deps.prefix,
  graph: deps.graph,
  params: { ...DEFAULT_CLUSTER_PARAMS, ...deps.params },
  run: r.run,
  shards: r.shards,
  window: { from: r.from, to: r.to },
});

export const partitionedSteps = (deps: PartitionedDeps) => ({
  map: (r: PartitionedRun, index: number) => mapShard(runContext(deps, r), index),
  block: (r: PartitionedRun, index: number, population: number) => blockShard(runContext(deps, r), index, population),
  score: (r: PartitionedRun, index: number, population: number) =>
    scorePartition(runContext(deps, r), index, population),
  /** Groups, scores and stores the clusters, then deletes the run's keys. `ms`: the pass so far. */
  async reduce(
    r: PartitionedRun,
    population: number,
    pass: { startedAt: number; stages: Record<string, number> },
  ): Promise<ClusterJobResult> {
    const ctx = runContext(deps, r);
    const t = Date.now();
    try {
      const { clusters } = await reduceRun(ctx, population);
      const stored = await storeClusters(deps, clusters, {
        accounts: population,
        now: r.to,
        ms: Date.now() - pass.startedAt,
      });
      return { ...stored, stages: { ...pass.stages, reduce: Date.now() - t } };
    } finally {
      await deleteRun(ctx);
    }
  },
});
export type PartitionedSteps = ReturnType<typeof partitionedSteps>;
