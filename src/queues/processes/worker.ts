/**
 * The `worker` process (also run inside `serve`): the account pipeline's workers. Three queue
 * workers (events → aggregates and account graph, score → stored account scores, clusters →
 * cluster passes) and the dashboard's samplers. Any number of processes may run them on one Redis.
 */
import type { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { AccountAggregates } from '../../features/aggregate/account-aggregates.js';
import { loadAccountModelFromEnv } from '../../features/aggregate/account-model-env.js';
import type { AccountModel } from '../../features/aggregate/account-model.js';
import { AccountScores } from '../../features/aggregate/account-scores.js';
import { createBatchedApplier } from '../../features/aggregate/batched-applier.js';
import { recomputeAccount, type ClusterScore } from '../../features/aggregate/recompute.js';
import { runClusterJob } from '../../features/clusters/cluster-job.js';
import { ClusterStore } from '../../features/clusters/cluster-store.js';
import { ClusterGraphStore, createGraphRecorder } from '../../features/clusters/graph-store.js';
import type { ClusterParams } from '../../features/clusters/params.js';
import { startDashboardSamplers } from '../../features/dashboard/background.js';
import { createEventRate } from '../../features/dashboard/event-rate.js';
import { createBatchedSampler, PromptSamples } from '../../features/verdicts/prompt-samples.js';
import { VerdictStore } from '../../features/verdicts/verdict-store.js';
import type { Logger } from '../../logger.js';
import { HOUR_MS } from '../../features/aggregate/summary.js';
import { partitionedSteps } from '../../features/clusters/partitioned/partitioned-job.js';
import { openQueue, QueueName } from '../definitions.js';
import { createClusterPartsHandler } from '../handlers/cluster-parts.js';
import { createClusterFlow, type ClusterFlow } from '../producers/cluster-flow.js';
import { createClusterPassHandler } from '../handlers/cluster-pass.js';
import { createIngestHandler } from '../handlers/ingest.js';
import { createScoreHandler } from '../handlers/score.js';
import { createClusterProducer, type ClusterProducer } from '../producers/clusters.js';
import { createDeadLetters, type DeadLetters } from '../producers/dead-letters.js';
import { createScoreProducer } from '../producers/score.js';
import { startQueueWorker, type QueueWorker } from '../start-worker.js';
import type { StartWorker } from './types.js';

export interface WorkerProcessOptions {
  /** Connection with `maxRetriesPerRequest: null` (BullMQ duplicates it for blocking calls). */
  connection: Redis;
  prefix: string;
  model: AccountModel;
  logger: Logger;
  now?: () => number;
  /** Events applied at once per process (WORKER_CONCURRENCY). */
  concurrency?: number;
  debounceMs?: number;
  dedupTtlMs?: number;
  clusterScore?: ClusterScore;
  /** Job lock: a job held by a worker that died is retried by another after about this long (BullMQ default 30 s). */
  lockDurationMs?: number;
  /** Called when a job is moved to the dead-letter queue. */
  onDeadLetter?: (queue: string) => void;
  /**
   * The cluster pass worker and its schedule; absent: no cluster worker in this process. `shards`
   * (CLUSTER_SHARDS) > 1 runs each pass as a flow of steps over that many shards, which this
   * process's parts worker (and every other worker process's) takes part in; 1 (default): the
   * single pass in one job.
   */
  clusters?: { everyMs: number; windowHours: number; shards?: number; params?: Partial<ClusterParams> };
}

export interface WorkerProcess {
  aggregates: AccountAggregates;
  scores: AccountScores;
  events: Worker;
  score: Worker;
  deadLetters: DeadLetters;
  /** The latest cluster pass's clusters and memberships. */
  clusterStore: ClusterStore;
  /** The cluster queue's producer (schedule, on-demand passes), when this process runs cluster passes. */
  clusterPasses?: ClusterProducer;
  stop(): Promise<void>;
}

export async function startWorkerProcess(opts: WorkerProcessOptions): Promise<WorkerProcess> {
  const { connection, prefix, logger } = opts;
  const now = opts.now ?? Date.now;
  const debounceMs = opts.debounceMs ?? 900;
  // The account stores get a connection of their own: BullMQ defines its scripts on the connection
  // it is given, and ioredis copies every script defined on a connection into each pipeline made
  // on it, which made the stores' many small pipelines cost more than the commands they carry.
  const stores = connection.duplicate();
  const aggregates = new AccountAggregates({
    redis: stores,
    prefix,
    now,
    debounceMs,
    dedupTtlMs: opts.dedupTtlMs ?? 6 * 3_600_000,
  });
  const scores = new AccountScores(stores, aggregates.keys);
  const graph = new ClusterGraphStore({ redis: stores, prefix, now });
  const clusterStore = new ClusterStore(stores, prefix);
  const verdicts = new VerdictStore(stores, prefix, new PromptSamples(stores, prefix), now);
  const deadLetters = createDeadLetters({
    connection,
    prefix,
    ...(opts.onDeadLetter ? { onRecorded: opts.onDeadLetter } : {}),
  });
  // The recompute lands just after the debounce marker expires, so it sees every update the marker covered.
  const scoreProducer = createScoreProducer({ connection, prefix, scheduleDelayMs: debounceMs + 50 });
  const context = { connection, prefix, logger, deadLetters, lockMs: opts.lockDurationMs ?? 30_000 };
  const recompute = (h: string) =>
    recomputeAccount(
      {
        aggregates,
        scores,
        model: opts.model,
        clusterScore: opts.clusterScore ?? ((account) => clusterStore.membership(account)),
        verdictOf: (accountId) => verdicts.latest(accountId),
      },
      h,
    );

  const workers: QueueWorker[] = [];
  const stopWorkers = async () => {
    for (const w of workers.splice(0).reverse()) await w.stop();
  };
  let clusters: ClusterProducer | undefined;
  let flow: ClusterFlow | undefined;
  let parts: Queue | undefined;
  try {
    const ingest = createIngestHandler({
      apply: createBatchedApplier(aggregates),
      recordGraph: createGraphRecorder(graph),
      schedule: scoreProducer.schedule,
      sample: createBatchedSampler(new PromptSamples(stores, prefix)),
      count: createEventRate({ redis: stores, prefix, now }).add,
    });
    workers.push(
      await startQueueWorker(QueueName.Events, ingest, {
        ...context,
        ...(opts.concurrency !== undefined ? { options: { concurrency: opts.concurrency } } : {}),
      }),
      await startQueueWorker(QueueName.Score, createScoreHandler(recompute), context),
    );
    if (opts.clusters !== undefined) {
      const { everyMs, windowHours, params, shards = 1 } = opts.clusters;
      const lockMs = 10 * 60_000;
      if (shards > 1) {
        parts = openQueue(QueueName.ClusterParts, connection, prefix);
        const steps = partitionedSteps({
          redis: stores,
          prefix,
          graph,
          clusters: clusterStore,
          ...(params ? { params } : {}),
        });
        workers.push(
          await startQueueWorker(QueueName.ClusterParts, createClusterPartsHandler({ steps, parts }), context),
        );
        flow = createClusterFlow({ connection, prefix });
      }
      const partitioned = flow;
      const pass = createClusterPassHandler({
        clusters: clusterStore,
        lockMs,
        run: () => {
          if (partitioned === undefined)
            return runClusterJob({
              redis: stores,
              prefix,
              graph,
              clusters: clusterStore,
              now,
              windowHours,
              ...(params ? { params } : {}),
            });
          const to = now();
          return partitioned.run({ shards, from: to - windowHours * HOUR_MS, to, timeoutMs: lockMs });
        },
        recompute: (hashes) => scoreProducer.request(hashes),
      });
      workers.push(await startQueueWorker(QueueName.Clusters, pass, context));
      clusters = createClusterProducer({ connection, prefix });
      await clusters.schedule(everyMs);
    }
  } catch (err) {
    await stopWorkers();
    await Promise.allSettled([
      scoreProducer.close(),
      deadLetters.close(),
      clusters?.close(),
      flow?.close(),
      parts?.close(),
    ]);
    stores.disconnect();
    throw err;
  }
  // Dashboard: accounts per level each minute, identifier counts after each cluster pass.
  const samplers = startDashboardSamplers({
    redis: stores,
    prefix,
    thresholds: opts.model.thresholds,
    now,
    onError: (what, err) => logger.warn({ err: err instanceof Error ? err.message : String(err) }, `${what} failed`),
  });
  logger.info({ prefix, model: opts.model.version }, 'account workers started');
  const [events, score] = workers as [QueueWorker, QueueWorker];
  return {
    aggregates,
    scores,
    events: events.worker,
    score: score.worker,
    deadLetters,
    clusterStore,
    ...(clusters !== undefined ? { clusterPasses: clusters } : {}),
    async stop() {
      samplers.stop();
      await stopWorkers();
      await clusters?.close();
      await flow?.close();
      await parts?.close();
      await scoreProducer.close();
      await deadLetters.close();
      await stores.quit().catch(() => stores.disconnect());
    },
  };
}

/** The `worker` process as the environment configures it (and as `serve` runs it beside the API). */
export const startWorker: StartWorker = async ({ env, redis, logger, metrics }) =>
  startWorkerProcess({
    connection: redis,
    prefix: env.ACCOUNT_PREFIX,
    model: await loadAccountModelFromEnv(env),
    logger,
    concurrency: env.WORKER_CONCURRENCY,
    debounceMs: env.ACCOUNT_DEBOUNCE_MS,
    dedupTtlMs: env.ACCOUNT_DEDUP_TTL_S * 1000,
    lockDurationMs: env.WORKER_LOCK_MS,
    ...(metrics !== undefined ? { onDeadLetter: (queue: string) => metrics.deadLettered.inc({ queue }) } : {}),
    clusters: {
      everyMs: env.CLUSTER_INTERVAL_S * 1000,
      windowHours: env.CLUSTER_WINDOW_H,
      shards: env.CLUSTER_SHARDS,
    },
  });
