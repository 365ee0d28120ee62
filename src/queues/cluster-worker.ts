/** The cluster worker: runs repeatable and on-demand cluster passes and queues recomputes of affected accounts. */
import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import { runClusterJob } from '../features/clusters/cluster-job.js';
import { ClusterStore } from '../features/clusters/cluster-store.js';
import { ClusterGraphStore } from '../features/clusters/graph-store.js';
import type { ClusterParams } from '../features/clusters/params.js';
import { createClusterProcessor } from './handlers/cluster-pass.js';
import { CLUSTER_QUEUE, createClusterQueue, scheduleClusterPasses } from './producers/clusters.js';
import { SCORE_QUEUE } from './definitions.js';

export interface ClusterWorkerOptions {
  connection: Redis;
  prefix: string;
  logger: Logger;
  now?: () => number;
  /** Repeat every this many ms; 0: on demand only. */
  everyMs: number;
  windowHours: number;
  params?: Partial<ClusterParams>;
}

export interface ClusterWorker {
  queue: Queue;
  worker: Worker;
  clusters: ClusterStore;
  stop(): Promise<void>;
}

export async function startClusterWorker(opts: ClusterWorkerOptions): Promise<ClusterWorker> {
  const now = opts.now ?? Date.now;
  const bullPrefix = `${opts.prefix}:bull`;
  const clusters = new ClusterStore(opts.connection, opts.prefix);
  const graph = new ClusterGraphStore({ redis: opts.connection, prefix: opts.prefix, now });
  const queue = createClusterQueue(opts.connection, opts.prefix);
  const scoreQueue = new Queue(SCORE_QUEUE, { connection: opts.connection, prefix: bullPrefix });
  const processor = createClusterProcessor({
    clusters,
    lockMs: 10 * 60_000,
    run: () =>
      runClusterJob({
        redis: opts.connection,
        prefix: opts.prefix,
        graph,
        clusters,
        now,
        windowHours: opts.windowHours,
        ...(opts.params ? { params: opts.params } : {}),
      }),
    recompute: async (hashes) => {
      for (let i = 0; i < hashes.length; i += 1000) {
        await scoreQueue.addBulk(
          hashes.slice(i, i + 1000).map((account) => ({
            name: 'score',
            data: { account },
            opts: { removeOnComplete: true, removeOnFail: 1000 },
          })),
        );
      }
    },
  });
  const worker = new Worker(CLUSTER_QUEUE, processor, {
    connection: opts.connection,
    prefix: bullPrefix,
    concurrency: 1,
    lockDuration: 120_000,
  });
  worker.on('completed', (job, result: unknown) =>
    opts.logger.info({ queue: CLUSTER_QUEUE, jobId: job.id, result }, 'cluster pass done'),
  );
  worker.on('failed', (job, err) =>
    opts.logger.warn({ queue: CLUSTER_QUEUE, jobId: job?.id, err: err.message }, 'cluster pass failed'),
  );
  worker.on('error', (err) => opts.logger.error({ queue: CLUSTER_QUEUE, err: err.message }, 'cluster worker error'));
  await worker.waitUntilReady();
  await scheduleClusterPasses(queue, opts.everyMs);
  return {
    queue,
    worker,
    clusters,
    async stop() {
      await worker.close();
      await queue.close();
      await scoreQueue.close();
    },
  };
}
