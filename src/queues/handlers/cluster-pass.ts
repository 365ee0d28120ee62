import { randomBytes } from 'node:crypto';
import type { ClusterJobResult } from '../../features/clusters/cluster-job.js';
import type { ClusterStore } from '../../features/clusters/cluster-store.js';

export type ClusterPassResult = Omit<ClusterJobResult, 'changed'> & { changed: number; skipped?: boolean };

/**
 * The cluster queue's handler: one cluster pass under the store's lock (a pass already running
 * elsewhere makes this one a no-op), then recomputes of the accounts whose cluster changed.
 */
export function createClusterPassHandler(deps: {
  clusters: ClusterStore;
  run: () => Promise<ClusterJobResult>;
  recompute: (accountHashes: readonly string[]) => Promise<void>;
  lockMs: number;
}): () => Promise<ClusterPassResult> {
  return async () => {
    const token = randomBytes(8).toString('hex');
    if (!(await deps.clusters.lock(token, deps.lockMs))) {
      return { accounts: 0, clusters: 0, attackClusters: 0, changed: 0, ms: 0, stages: {}, skipped: true };
    }
    try {
      const result = await deps.run();
      await deps.recompute(result.changed);
      return { ...result, changed: result.changed.length };
    } finally {
      await deps.clusters.unlock(token);
    }
  };
}
